"""Neo4j killed under a running service: 503 within 2 s (``/healthz`` within 1 s), cached reports
still answered, and the service recovers once Neo4j is back.

The test starts its own Neo4j instance (``neo4j-test/instance.py``) on a port of its choosing, not
the session's shared one, kills it with SIGKILL, and starts a new one on the same port. The service
is uvicorn on 127.0.0.1, in a thread of the test, opened through the composition root.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from graph_service.api import create_app
from graph_service.auth import Role
from graph_service.settings import Settings, StoreKind
from tests.api.conftest import matrix_document
from tests.support.neo4j import load_instance_module

pytestmark = pytest.mark.neo4j

CACHED_PROJECT = "p-roubaix"
UNCACHED_PROJECT = "p-valenciennes"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Service:
    """uvicorn serving the app in a thread; ``stop`` ends it."""

    def __init__(self, settings: Settings) -> None:
        self.app = create_app(settings)
        self.port = free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "the service did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(30)


@pytest.fixture
def neo4j_port() -> int:
    return free_port()


@pytest.fixture
def own_neo4j(tmp_path: Path, neo4j_port: int) -> Iterator[dict[str, Any]]:
    module = load_instance_module()
    holder: dict[str, Any] = {"module": module}
    holder["instance"] = module.start(port=neo4j_port, data_parent=tmp_path)
    yield holder
    holder["instance"].stop()


def timed(client: httpx.Client, method: str, url: str, **kwargs: Any) -> tuple[httpx.Response, float]:
    began = time.monotonic()
    response = client.request(method, url, **kwargs)
    return response, time.monotonic() - began


def test_a_killed_neo4j_answers_503_within_2_s_and_the_service_recovers(
    own_neo4j: dict[str, Any], neo4j_port: int, tmp_path: Path
) -> None:
    settings = Settings(
        store=StoreKind.NEO4J,
        neo4j_uri=own_neo4j["instance"].uri,
        auth_db_path=tmp_path / "auth.db",
    )
    service = Service(settings)
    service.start()
    try:
        services = service.app.state.services
        admin = {"Authorization": f"Bearer {services.tokens.create(Role.ADMIN).secret}"}
        base = f"http://127.0.0.1:{service.port}"
        with httpx.Client(base_url=base, headers=admin, timeout=30) as client:
            document = json.dumps(matrix_document()).encode()
            assert client.post("/imports", files={"file": ("m.json", document)}).status_code == 201
            report = client.get(f"/projects/{CACHED_PROJECT}/report")
            assert report.status_code == 200
            services.cache.seconds = 0  # every entry expired: a cached answer now comes from the fallback

            own_neo4j["instance"].process.kill()
            own_neo4j["instance"].process.wait(30)

            health, seconds = timed(client, "GET", "/healthz")
            assert health.status_code == 503 and seconds < 1.0, (health.text, seconds)
            assert health.json()["error"] == "store_unavailable"
            for url in (
                f"/projects/{UNCACHED_PROJECT}/report",
                "/organisations",
                f"/projects/{CACHED_PROJECT}",
            ):
                response, seconds = timed(client, "GET", url)
                assert response.status_code == 503 and seconds < 2.0, (url, response.text, seconds)
                assert "Neo4j injoignable" in response.json()["detail"]
            write, seconds = timed(
                client, "POST", "/organisations", json={"id": "o", "name": "O", "sector": "social"}
            )
            assert write.status_code == 503 and seconds < 2.0, (write.text, seconds)
            # The report computed before the outage is still answered.
            cached, _ = timed(client, "GET", f"/projects/{CACHED_PROJECT}/report")
            assert cached.status_code == 200 and cached.content == report.content

            own_neo4j["instance"].stop()
            own_neo4j["instance"] = own_neo4j["module"].start(port=neo4j_port, data_parent=tmp_path)
            deadline = time.monotonic() + 10
            while client.get("/healthz").status_code != 200:
                assert time.monotonic() < deadline, "the service did not recover"
                time.sleep(0.2)
            # The new instance is empty: the import goes through again, and reports are computed.
            assert client.post("/imports", files={"file": ("m.json", document)}).status_code == 201
            again = client.get(f"/projects/{UNCACHED_PROJECT}/report")
            assert again.status_code == 200
    finally:
        service.stop()
