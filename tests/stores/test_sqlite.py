"""What only the embedded SQLite store promises: WAL, where its file lives, all-or-nothing writes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.domain.errors import NotFound, StoreUnavailable
from graph_service.domain.models import Dataset, Organisation, Tie
from graph_service.domain.network import project_network
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


def test_a_sqlite_library_too_old_for_generated_columns_is_refused_before_any_file_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph_service.stores.sqlite as module

    monkeypatch.setattr(module.sqlite3, "sqlite_version_info", (3, 30, 1))
    monkeypatch.setattr(module.sqlite3, "sqlite_version", "3.30.1")
    with pytest.raises(StoreUnavailable) as caught:
        SQLiteStore(tmp_path / "graph.db")
    assert "SQLite 3.31.0 ou plus récent requis" in caught.value.message
    assert "3.30.1" in caught.value.message
    assert not (tmp_path / "graph.db").exists()


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


# -- N(P) read from the ties' covering index ------------------------------------------------------


def _graph_json(graph: nx.Graph) -> str:
    """A graph as JSON, in its dicts' order: a formal tie read as 1 instead of True shows."""
    return json.dumps(
        [
            graph.graph,
            [(n, d) for n, d in graph.nodes(data=True)],
            [(u, [(v, d) for v, d in graph.adj[u].items()]) for u in graph],
        ]
    )


def _region_store(path: Path) -> tuple[SQLiteStore, Dataset]:
    from benchmarks.generator import RegionParameters, generate_region

    region = generate_region(
        RegionParameters(organisations=300, projects=30, ties=2_000, communes=30, schemes=5, seed=3)
    )
    store = SQLiteStore(path)
    store.upsert_dataset(region)
    return store, region


def test_the_project_network_read_from_the_index_is_the_one_built_from_validated_ties(tmp_path: Path) -> None:
    store, region = _region_store(tmp_path / "region.db")
    try:
        organisations = {o.id: o for o in region.organisations}
        ties = store.list_ties()  # in stored order, as N(P) reads them
        for project in region.projects:
            expected = project_network(project, organisations, ties)
            assert _graph_json(store.project_network(project.id)) == _graph_json(expected)
    finally:
        store.close()


def test_a_tie_changed_in_place_is_read_with_its_new_formality_and_strength(store: SQLiteStore) -> None:
    key = "ml-roubaix|ft-tourcoing|co_intervention|p-roubaix"  # informal, strength 3: the edge's only tie
    assert store.project_network("p-roubaix").edges["ml-roubaix", "ft-tourcoing"]["formal"] is False
    (tie,) = [t for t in store.list_ties() if t.key == key]
    store.upsert_dataset(Dataset(ties=[tie.model_copy(update={"formal": True, "strength": 1})]))
    edge = store.project_network("p-roubaix").edges["ml-roubaix", "ft-tourcoing"]
    assert edge["formal"] is True
    assert edge["strength"] == 1


def _as_before_the_tie_columns(path: Path) -> None:
    """Rebuild the ties table as files made before its generated columns had it."""
    with sqlite3.connect(path) as connection:
        connection.executescript(
            """
            DROP INDEX ties_members;
            CREATE TABLE ties_before (
                key TEXT PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, project TEXT,
                doc TEXT NOT NULL);
            INSERT INTO ties_before (rowid, key, source, target, project, doc)
                SELECT rowid, key, source, target, project, doc FROM ties;
            DROP TABLE ties;
            ALTER TABLE ties_before RENAME TO ties;
            CREATE INDEX ties_source_target ON ties(source, target);
            CREATE INDEX ties_target ON ties(target);
            CREATE INDEX ties_project ON ties(project);
            """
        )
    connection.close()


def test_a_file_made_before_the_tie_columns_gains_them_on_open_and_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "region.db"
    store, region = _region_store(path)
    networks = [_graph_json(store.project_network(p.id)) for p in region.projects]
    exported_before = exported(store)
    store.close()
    _as_before_the_tie_columns(path)
    with sqlite3.connect(path) as connection:
        assert "formal" not in {r[1] for r in connection.execute("PRAGMA table_xinfo(ties)")}
    connection.close()

    store = SQLiteStore(path)
    try:
        assert [_graph_json(store.project_network(p.id)) for p in region.projects] == networks
        assert exported(store) == exported_before
    finally:
        store.close()
    with sqlite3.connect(path) as connection:
        columns = {r[1] for r in connection.execute("PRAGMA table_xinfo(ties)")}
        indexes = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT key, formal, strength FROM ties "
            "WHERE source IN ('a', 'b') AND +target IN ('a', 'b')"
        ).fetchall()
    connection.close()
    assert {"formal", "strength"} <= columns
    assert "ties_members" in indexes and "ties_source_target" not in indexes
    assert any("ties_members" in row[-1] for row in plan)
    SQLiteStore(path).close()  # opening a migrated file again changes nothing


def test_a_tie_written_without_its_columns_by_an_earlier_version_is_read_right(store: SQLiteStore) -> None:
    # The columns are generated from the document: a writer that knows nothing of them (an
    # earlier version on the same file) cannot leave them out or stale.
    key = "ml-roubaix|ft-tourcoing|co_intervention|p-roubaix"
    (tie,) = [t for t in store.list_ties() if t.key == key]
    with sqlite3.connect(store.path) as connection:
        connection.execute(
            "UPDATE ties SET doc = ? WHERE key = ?",
            (tie.model_copy(update={"formal": True, "strength": 2}).model_dump_json(), key),
        )
    connection.close()
    edge = store.project_network("p-roubaix").edges["ml-roubaix", "ft-tourcoing"]
    assert edge["formal"] is True
    assert edge["strength"] == 2


def test_a_missing_project_s_network_leaves_no_read_transaction_open(store: SQLiteStore) -> None:
    with pytest.raises(NotFound):
        store.project_network("p-none")
    assert not store._connection().in_transaction
    assert (
        store.upsert_dataset(Dataset.model_validate({"organisations": [organisation("asso-nouvelle")]})).added
        == 1
    )
