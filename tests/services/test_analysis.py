"""The analysis services over a real SQLite store holding the demo territory."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_service.domain.errors import NotFound
from graph_service.services.analysis import call_overlaps, compare_call, heap_frozen, project_gaps, what_if
from graph_service.services.demo import demo_dataset
from graph_service.services.reports import project_report
from graph_service.stores.sqlite import SQLiteStore
from queries.comparison import UnknownSortKey
from queries.gaps import GapKind
from queries.whatif import Addition, UnknownOrganisation

CALL = "aap-invisibles-2019"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    path: Path = tmp_path_factory.mktemp("analysis-service") / "demo.db"
    opened = SQLiteStore(path)
    opened.upsert_dataset(demo_dataset())
    yield opened
    opened.close()


def test_each_comparison_row_says_what_the_applications_own_report_says(store: SQLiteStore) -> None:
    # The comparison reads the store once for the call; each row must still match the report of
    # the application measured alone.
    comparison = compare_call(store, CALL)
    for row in comparison.rows:
        report = project_report(store, row.project)
        assert row.strength == report.partnership_strength, row.project
        assert row.verdict == report.federation_verdict.verdict, row.project
        assert row.families == {f: report.families[f].score for f in row.families}, row.project


def test_call_overlaps_finds_the_competing_pair_and_the_duplicated_scheme(store: SQLiteStore) -> None:
    overlaps = call_overlaps(store, CALL)
    assert [(o.project, o.other) for o in overlaps.projects] == [("p-2019-05", "p-2019-06")]
    assert [(d.project, d.scheme) for d in overlaps.schemes] == [("p-2019-04", "promo1618-littoral")]
    assert not overlaps.schemes[0].operator_is_member  # README: its operator is not a partner


def test_a_call_without_application_or_an_unknown_sort_key_is_refused(store: SQLiteStore) -> None:
    with pytest.raises(NotFound):
        call_overlaps(store, "aap-inconnu")
    with pytest.raises(UnknownSortKey):
        compare_call(store, CALL, sort="1; DROP TABLE projects")


def test_gaps_candidates_include_an_organisation_of_the_whole_epci(store: SQLiteStore) -> None:
    # ml-denaisis is registered on the EPCI containing Denain, not on Denain itself: the commune's
    # ecosystem alone would miss it.
    analysis = project_gaps(store, "p-2019-07")
    assert analysis.missing(GapKind.STAGE) == ["formation", "emploi"]
    assert [r.organisation for r in analysis.recommendations[:2]] == ["ml-denaisis", "atelier-chevalet"]
    members = set(store.get_project("p-2019-07").member_ids)  # type: ignore[union-attr]
    assert not members & {r.organisation for r in analysis.recommendations}


def test_the_silo_is_told_which_social_actors_would_open_it(store: SQLiteStore) -> None:
    analysis = project_gaps(store, "p-2019-03", limit=None)
    sectors = {r.sector.value for r in analysis.recommendations}
    assert "social" in sectors
    assert "social" in analysis.missing(GapKind.SECTOR)


def test_what_if_through_the_store_changes_nothing_stored(store: SQLiteStore) -> None:
    before = store.get_project("p-2019-07")
    result = what_if(store, "p-2019-07", ["atelier-chevalet:convention"], ["basket-avenir"])
    assert result.added == [Addition(organisation="atelier-chevalet", commitment="convention")]
    assert result.after.members == result.before.members
    assert result.diff.strength.delta is not None
    assert store.get_project("p-2019-07") == before
    with pytest.raises(UnknownOrganisation):
        what_if(store, "p-2019-07", ["org-fantome"])


@pytest.fixture
def collector_running() -> Iterator[None]:
    # Each test starts with the collector running and nothing frozen, and leaves it so.
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    gc.enable() if was_enabled else gc.disable()


def test_a_call_s_reports_run_with_the_collector_paused_and_it_restarts_after_even_on_error(
    collector_running: None,
) -> None:
    alive = [[n] for n in range(1_000)]  # tracked objects alive before the block
    with heap_frozen():
        assert not gc.isenabled()
        assert gc.get_freeze_count() >= len(alive)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with pytest.raises(ZeroDivisionError), heap_frozen():
        1 / 0  # noqa: B018
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_overlapping_blocks_restart_the_collector_only_when_the_last_one_ends(
    collector_running: None,
) -> None:
    # Two API threads: A starts, B starts, A ends first. The collector must stay paused for B
    # and run again once B ends — not stay off because B saw it off when it started.
    first, second = heap_frozen(), heap_frozen()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_collector_paused_before_the_block_stays_paused_after_it(collector_running: None) -> None:
    gc.disable()
    with heap_frozen():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_what_a_block_keeps_joins_the_oldest_generation_not_the_young_one(collector_running: None) -> None:
    # compare_call keeps its networks and reports after the block: left in the young generation,
    # the first collection after the block would walk all of them.
    with heap_frozen():
        kept = [[n] for n in range(1_000)]
    assert not any(o is kept[0] for o in gc.get_objects(generation=0))
    assert any(o is kept[0] for o in gc.get_objects(generation=2))
