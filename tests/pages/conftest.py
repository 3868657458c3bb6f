"""Page fixtures: the app with the hostile dataset, one token per role, a client per role.

Tokens: an admin, a reviewer of région 32 (Hauts-de-France: both applications), the lead of
``p-xss`` (organisation ``lead``) and the lead of ``p-other`` (``other-lead``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from graph_service.auth import Role, TokenRegistry
from graph_service.server import create_app
from graph_service.services.state import Services
from graph_service.settings import Settings
from graph_service.stores.sqlite import SQLiteStore
from tests.support.browser import serve
from tests.visualisations.fixtures import REGION, hostile_dataset


@dataclass
class Site:
    app: FastAPI
    client: TestClient
    services: Services
    tokens: dict[str, str] = field(default_factory=dict)

    def sign_in(self, role: str) -> TestClient:
        """Sign the client in as ``role`` through the sign-in form; return it."""
        self.client.cookies.clear()
        response = self.client.post(
            "/pages/connexion", data={"token": self.tokens[role]}, follow_redirects=False
        )
        assert response.status_code == 303, response.text
        return self.client


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    store = SQLiteStore(tmp_path / "graph.db")
    store.upsert_dataset(hostile_dataset())
    settings = Settings(db_path=tmp_path / "graph.db", auth_db_path=tmp_path / "auth.db")
    app = create_app(settings, store)
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            services: Services = app.state.services
            registry = services.tokens
            tokens = role_tokens(registry, "other-lead")
            yield Site(app=app, client=client, services=services, tokens=tokens)
    finally:
        store.close()


def role_tokens(registry: TokenRegistry, *other_leads: str) -> dict[str, str]:
    """One token per role (the lead leads « lead »), and one per other lead, named after it."""
    tokens = {
        "admin": registry.create(Role.ADMIN).secret,
        "reviewer": registry.create(Role.REVIEWER, regions=[REGION], label="Instructeur DREETS").secret,
        "lead": registry.create(Role.LEAD, organisation="lead").secret,
    }
    for organisation in other_leads:
        tokens[organisation] = registry.create(Role.LEAD, organisation=organisation).secret
    return tokens


@dataclass
class LiveSite:
    url: str
    tokens: dict[str, str]


@pytest.fixture
def live_site(tmp_path: Path) -> Iterator[LiveSite]:
    """The same site served by uvicorn on a loopback port, for the browser.

    The server stops before the store closes: no request is answered by a closed store.
    """
    store = SQLiteStore(tmp_path / "graph.db")
    store.upsert_dataset(hostile_dataset())
    settings = Settings(db_path=tmp_path / "graph.db", auth_db_path=tmp_path / "auth.db")
    app = create_app(settings, store)
    try:
        with serve(app) as url:
            registry = app.state.services.tokens
            tokens = role_tokens(registry)
            yield LiveSite(url=url, tokens=tokens)
    finally:
        store.close()
