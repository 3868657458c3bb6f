"""What only the embedded SQLite store promises: WAL, where its file lives, all-or-nothing writes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.domain.errors import StoreUnavailable
from graph_service.domain.models import Dataset, Organisation, Tie
from graph_service.domain.validation import InvalidInput
from graph_service.services.exports import ExportFormat, export_bytes
from graph_service.services.imports import import_files
from graph_service.settings import Settings
from graph_service.stores.sqlite import SQLiteStore
from tests.support.datasets import organisation, small_region, small_region_document

MAX_BYTES = 1024 * 1024


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path / "x.db")
    store.upsert_dataset(small_region())
    yield store
    store.close()


def exported(store: SQLiteStore) -> bytes:
    return export_bytes(store.export_dataset(), ExportFormat.JSON)


def test_the_database_is_in_wal_mode(store: SQLiteStore) -> None:
    # WAL is a property of the file: a plain connection opened afterwards sees it.
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert Path(f"{store.path}-wal").exists()


def test_a_missing_folder_is_created(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "deep" / "er" / "graph.db")
    store.ping()
    store.close()
    assert (tmp_path / "deep" / "er" / "graph.db").is_file()


def test_a_file_that_is_not_a_database_is_store_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"ceci n'est pas une base SQLite, juste du texte " * 200)
    with pytest.raises(StoreUnavailable) as caught:
        SQLiteStore(path)
    assert "notes.db" in caught.value.message


def test_two_stores_on_one_file_see_each_others_writes(store: SQLiteStore) -> None:
    other = SQLiteStore(store.path)
    try:
        assert other.export_dataset() == store.export_dataset()
    finally:
        other.close()


# -- where the file lives ------------------------------------------------------------------------


def test_the_default_file_is_partnership_graph_db_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARTNERSHIP_GRAPH_DB", raising=False)
    monkeypatch.delenv("PARTNERSHIP_GRAPH_STORE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert Settings().db_path == Path("partnership-graph.db")
    result = CliRunner().invoke(app, ["projects"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "partnership-graph.db").is_file()


def test_partnership_graph_db_chooses_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PARTNERSHIP_GRAPH_STORE", raising=False)
    monkeypatch.setenv("PARTNERSHIP_GRAPH_DB", str(tmp_path / "from-env.db"))
    result = CliRunner().invoke(app, ["projects"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "from-env.db").is_file()
    assert not (tmp_path / "partnership-graph.db").exists()


def test_the_db_option_wins_over_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PARTNERSHIP_GRAPH_STORE", raising=False)
    monkeypatch.setenv("PARTNERSHIP_GRAPH_DB", str(tmp_path / "from-env.db"))
    document = tmp_path / "region.json"
    document.write_text(json.dumps(small_region_document()), encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "from-option.db"), "import", str(document)])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "from-env.db").exists()
    stored = SQLiteStore(tmp_path / "from-option.db")
    try:
        assert stored.export_dataset() == small_region()
    finally:
        stored.close()


# -- all or nothing ------------------------------------------------------------------------------


def test_a_bad_file_leaves_the_store_unchanged_byte_for_byte(store: SQLiteStore, tmp_path: Path) -> None:
    before = exported(store)
    good = tmp_path / "good.json"
    changed = small_region_document()
    changed["organisations"][0]["name"] = "Association Horizon Nouvelle"
    changed["organisations"].append(organisation("asso-nouvelle"))
    good.write_text(json.dumps(changed), encoding="utf-8")
    bad = tmp_path / "bad.json"
    broken = small_region_document()
    broken["ties"][0]["strength"] = 7
    bad.write_text(json.dumps(broken), encoding="utf-8")

    with pytest.raises(InvalidInput) as caught:
        import_files([good, bad], store, MAX_BYTES)

    assert [(e.file, e.column) for e in caught.value.errors] == [("bad.json", "strength")]
    assert exported(store) == before


def test_an_error_in_the_middle_of_a_write_rolls_every_table_back(store: SQLiteStore) -> None:
    before = exported(store)
    # Organisations are written before ties; the last tie cannot be stored (its kind is not a
    # code, which only a dataset built around validation can hold).
    broken_tie = Tie.model_construct(source="mel", target="ml-roubaix", kind="amitie", project=None)
    dataset = Dataset.model_construct(
        territories=[],
        organisations=[
            *small_region().organisations,
            Organisation.model_validate(organisation("asso-nouvelle")),
        ],
        schemes=[],
        projects=[],
        ties=[*small_region().ties, broken_tie],
    )
    with pytest.raises(AttributeError):
        store.upsert_dataset(dataset)
    assert exported(store) == before
    assert store.get_organisation("asso-nouvelle") is None
    # The connection is usable afterwards: the transaction was rolled back, not left open.
    assert (
        store.upsert_dataset(Dataset.model_validate({"organisations": [organisation("asso-nouvelle")]})).added
        == 1
    )


# -- validated documents kept between reads ----------------------------------------------------


def test_an_organisation_updated_after_a_read_is_seen_in_the_next_project_network(store: SQLiteStore) -> None:
    before = store.project_network("p-roubaix")  # the members' documents are now kept validated
    assert before.nodes["ml-roubaix"]["name"] != "Mission locale renommée"
    renamed = store.get_organisation("ml-roubaix")
    assert renamed is not None
    changed = small_region().model_copy(
        update={
            "organisations": [renamed.model_copy(update={"name": "Mission locale renommée", "stages": []})],
            "territories": [],
            "schemes": [],
            "projects": [],
            "ties": [],
        }
    )
    store.upsert_dataset(changed)
    after = store.project_network("p-roubaix")
    assert after.nodes["ml-roubaix"]["name"] == "Mission locale renommée"
    assert after.nodes["ml-roubaix"]["org_stages"] == []
    got = store.get_organisation("ml-roubaix")
    assert got is not None and got.name == "Mission locale renommée"


def test_a_deleted_tie_or_project_is_not_served_from_what_was_read_before(store: SQLiteStore) -> None:
    key = "ml-roubaix|ft-tourcoing|co_intervention|p-roubaix"
    assert store.project_network("p-roubaix").has_edge("ml-roubaix", "ft-tourcoing")
    assert [t.key for t in store.list_ties(project="p-roubaix")].count(key) == 1
    store.delete_tie(key)
    assert not store.project_network("p-roubaix").has_edge("ml-roubaix", "ft-tourcoing")
    assert key not in [t.key for t in store.list_ties()]
    store.delete_project("p-roubaix")
    assert store.get_project("p-roubaix") is None
    assert "p-roubaix" not in [p.id for p in store.list_projects()]


def test_the_validated_documents_kept_stay_within_their_limit(tmp_path: Path) -> None:
    from graph_service.stores.sqlite import _Validated

    kept = _Validated(Organisation, limit=3)
    documents = [Organisation.model_validate(organisation(f"o{i}")).model_dump_json() for i in range(5)]
    models = [kept(doc) for doc in documents]
    assert len(kept) == 3
    assert kept(documents[4]) is models[4]  # still kept: the same model back
    assert kept(documents[0]) is not models[0]  # dropped first, validated again
    assert kept(documents[0]) == models[0]
