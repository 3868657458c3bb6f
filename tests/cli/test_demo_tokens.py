"""The demo's tokens: one per role, and a second lead whose application has gaps to show."""

from __future__ import annotations

from pathlib import Path

from graph_service.auth import AuthDatabase, Role, TokenRegistry
from graph_service.cli.serve import DEMO_GAPS_PROJECT, DEMO_STRONG_PROJECT, _demo_tokens
from graph_service.services.analysis import project_gaps
from graph_service.services.demo import demo_dataset
from graph_service.settings import Settings
from graph_service.stores.sqlite import SQLiteStore


def test_the_demo_gives_a_lead_token_for_an_application_with_gaps_and_recommendations(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "demo.db")
    try:
        store.upsert_dataset(demo_dataset())
        strong, with_gaps = store.get_project(DEMO_STRONG_PROJECT), store.get_project(DEMO_GAPS_PROJECT)
        assert strong is not None and with_gaps is not None
        settings = Settings(db_path=tmp_path / "demo.db", auth_db_path=tmp_path / "auth.db")
        tokens = dict(_demo_tokens(settings, strong.lead, with_gaps.lead))
        assert len(tokens) == 4
        who = next(w for w in tokens if "manques" in w)
        principal = TokenRegistry(AuthDatabase(settings.auth_db_path)).authenticate(tokens[who])
        assert principal.role is Role.LEAD and principal.organisation == with_gaps.lead
        gaps = project_gaps(store, DEMO_GAPS_PROJECT)
        assert gaps.gaps and gaps.recommendations  # the pages have something to show
        assert project_gaps(store, DEMO_STRONG_PROJECT).gaps == []  # the strong one has none
    finally:
        store.close()
