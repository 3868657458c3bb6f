"""A call's context: built once per call and data version, the same for every application as read alone."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from graph_service.domain.errors import NotFound
from graph_service.domain.models import Dataset
from graph_service.services.contexts import CallContext, CallContexts, project_context
from graph_service.services.demo import demo_dataset
from graph_service.stores.sqlite import SQLiteStore

CALL = "aap-invisibles-2019"


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    opened = SQLiteStore(tmp_path / "demo.db")
    opened.upsert_dataset(demo_dataset())
    return opened


def test_each_application_s_context_holds_what_its_report_read_alone_would(store: SQLiteStore) -> None:
    context = CallContexts(store).of_call(CALL)
    assert [p.id for p in context.projects] == [p.id for p in store.list_projects(call=CALL)]
    for project in context.projects:
        alone = project_context(store, project)
        own = context.of(project)
        assert own.schemes == alone.schemes, project.id
        assert own.territories == alone.territories
        # The call's projects, the application itself included (the metrics leave it out).
        assert [p.id for p in own.projects if p.id != project.id] == [p.id for p in alone.projects]


def test_a_call_s_context_is_kept_until_a_write_moves_the_data_version(store: SQLiteStore) -> None:
    contexts = CallContexts(store)
    first = contexts.of_call(CALL)
    assert contexts.of_call(CALL) is first
    renamed = store.get_project(first.projects[0].id)
    assert renamed is not None
    store.upsert_dataset(Dataset(projects=[renamed.model_copy(update={"title": "Titre changé"})]))
    second = contexts.of_call(CALL)
    assert second is not first and second.version > first.version
    assert second.projects[0].title == "Titre changé"


def test_threads_asking_at_once_all_get_the_context_of_the_current_version(store: SQLiteStore) -> None:
    contexts = CallContexts(store)
    found: list[CallContext] = []
    barrier = threading.Barrier(8)

    def ask() -> None:
        barrier.wait()
        found.append(contexts.of_call(CALL))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8
    assert {c.version for c in found} == {store.data_version()}
    assert contexts.of_call(CALL) in found  # what is kept is one of those built


def test_a_call_without_application_has_no_context(store: SQLiteStore) -> None:
    with pytest.raises(NotFound):
        CallContexts(store).of_call("aap-inconnu")
