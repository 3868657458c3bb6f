"""Pytest plugin: a real Neo4j for the tests, started once per session.

Unless ``NEO4J_URI`` is set (then that server is used, with ``NEO4J_USER``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``; the tests EMPTY that database, and refuse to start if it holds nodes of labels
the service does not write), the first test that needs Neo4j starts the test instance of ``neo4j-test/``
(Neo4j 5.26 Community embedded, Bolt on 127.0.0.1, auth off; ``make neo4j-jars`` builds it), and
the session stops it at the end, whatever the outcome. If Neo4j cannot start, every test that needs
it FAILS with the instance's log: it never skips.

Fixtures for any test package (registered in ``tests/conftest.py``):

``neo4j_uri`` (session)
    The Bolt URI of the instance.
``neo4j_settings`` (session)
    A :class:`~graph_service.settings.Settings` with ``store=neo4j`` pointing at the instance; hand
    it to ``open_store`` or ``Neo4jStore.connect`` to go through the composition root.
``neo4j_store`` (function)
    A connected :class:`~graph_service.stores.neo4j.Neo4jStore` on an **empty** database: the
    database is wiped before each test. One driver serves the whole session; do not close it.

For example, an API test that wants its app on Neo4j::

    def test_projects_list_on_neo4j(neo4j_store):
        app = create_app(store=neo4j_store)   # whatever the app factory accepts
        ...

Tests that use these fixtures get the ``neo4j`` marker on their own (``-m "not neo4j"`` leaves
them out). The instance is launched right after collection when a selected test needs it, so its
start overlaps the tests that run first; the terminal summary says how long it took.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from graph_service.domain.french import count
from graph_service.settings import Settings

if TYPE_CHECKING:
    from graph_service.stores.neo4j import Neo4jStore

ROOT = Path(__file__).resolve().parents[2]
INSTANCE_MODULE = ROOT / "neo4j-test" / "instance.py"

# Test support, not service code: the one query that empties the database between tests.
WIPE = "MATCH (n) DETACH DELETE n"


def load_instance_module() -> ModuleType:
    """Import ``neo4j-test/instance.py`` (its folder name is not a package name)."""
    name = "partnership_graph_neo4j_instance"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, INSTANCE_MODULE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_INSTANCE = pytest.StashKey[Any]()
_LAUNCH_ERROR = pytest.StashKey[str]()
NEO4J_FIXTURES = frozenset({"neo4j_uri", "neo4j_settings", "neo4j_store"})


def _needs_neo4j(item: pytest.Item) -> bool:
    # A test that asks for the fixture through request.getfixturevalue carries the marker instead.
    uses_fixture = bool(NEO4J_FIXTURES.intersection(getattr(item, "fixturenames", ())))
    return uses_fixture or item.get_closest_marker("neo4j") is not None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Every test on Neo4j carries the marker, so ``-m "not neo4j"`` leaves them all out.
    for item in items:
        if _needs_neo4j(item):
            item.add_marker(pytest.mark.neo4j)


def pytest_collection_finish(session: pytest.Session) -> None:
    # Launch as soon as we know a selected test needs Neo4j: its ~30 s start then overlaps the
    # tests that run before the first one on Neo4j.
    if os.environ.get("NEO4J_URI") or not any(_needs_neo4j(item) for item in session.items):
        return
    instance_module = load_instance_module()
    try:
        session.config.stash[_INSTANCE] = instance_module.launch()
    except instance_module.LaunchError as exc:
        session.config.stash[_LAUNCH_ERROR] = str(exc)


def pytest_sessionfinish(session: pytest.Session) -> None:
    instance = session.config.stash.get(_INSTANCE, None)
    if instance is not None:
        instance.stop()


@pytest.fixture(scope="session")
def neo4j_uri(request: pytest.FixtureRequest) -> Iterator[str]:
    """The Bolt URI of the session's Neo4j: ``NEO4J_URI``, or the test instance launched here."""
    configured = os.environ.get("NEO4J_URI")
    if configured:
        yield configured
        return
    config = request.config
    instance_module = load_instance_module()
    instance = config.stash.get(_INSTANCE, None)
    error = config.stash.get(_LAUNCH_ERROR, None)
    if instance is None and error is None:
        try:
            instance = config.stash[_INSTANCE] = instance_module.launch()
        except instance_module.LaunchError as exc:
            error = str(exc)
    if instance is not None and error is None:
        try:
            instance.wait_ready()
        except instance_module.LaunchError as exc:
            error = config.stash[_LAUNCH_ERROR] = str(exc)
    if error is not None:
        pytest.fail(f"Neo4j de test n'a pas démarré : {error}", pytrace=False)
    try:
        yield instance.uri
    finally:
        # Stopped here too (not only at session end) so no JVM outlives the fixture.
        instance.stop()


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_uri: str) -> Settings:
    """Settings that choose the Neo4j store and point at the session's Neo4j."""
    values: dict[str, Any] = {"PARTNERSHIP_GRAPH_STORE": "neo4j", "NEO4J_URI": neo4j_uri}
    if not os.environ.get("NEO4J_URI"):
        # The test instance runs without authentication; ignore any credentials in the environment.
        values.update({"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "", "NEO4J_DATABASE": "neo4j"})
    return Settings(**values)


@pytest.fixture(scope="session")
def _neo4j_session_store(neo4j_settings: Settings) -> Iterator[Neo4jStore]:
    from graph_service.stores.neo4j import Neo4jStore

    store = Neo4jStore.connect(neo4j_settings)
    if os.environ.get("NEO4J_URI"):
        refuse_to_wipe_foreign_data(store)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def neo4j_store(_neo4j_session_store: Neo4jStore) -> Neo4jStore:
    """The session's Neo4j store on an empty database (wiped before each test)."""
    wipe(_neo4j_session_store)
    return _neo4j_session_store


def refuse_to_wipe_foreign_data(store: Neo4jStore) -> None:
    """Fail rather than wipe a server that holds nodes this service did not write."""
    from graph_service.stores.neo4j import Label

    records, _, _ = store.driver.execute_query(
        "MATCH (n) WHERE any(label IN labels(n) WHERE NOT label IN $ours) RETURN count(n) AS foreign",
        ours=[label.value for label in Label],
        database_=store.database,
    )
    if records[0]["foreign"]:
        store.close()
        pytest.fail(
            f"NEO4J_URI désigne une base qui contient {count(records[0]['foreign'], 'nœud étranger')} au "
            "service : les tests effacent la base entre chaque test, ils refusent de tourner dessus.",
            pytrace=False,
        )


def wipe(store: Neo4jStore) -> None:
    """Delete every node and relationship; constraints and indexes stay."""
    store.driver.execute_query(WIPE, database_=store.database)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    instance = config.stash.get(_INSTANCE, None)
    started_in = instance.started_in if instance is not None else None
    if started_in is not None:
        terminalreporter.write_line(f"Neo4j de test démarré en {started_in:.1f} s")
