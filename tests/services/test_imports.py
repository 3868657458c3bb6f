"""Importing files: validated first, all of them, then stored in one atomic upsert."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_service.domain.errors import FileTooLarge
from graph_service.domain.validation import InvalidInput
from graph_service.services.imports import import_files, import_upload, load_files
from graph_service.stores.sqlite import SQLiteStore
from tests.support.datasets import empty_document, organisation, small_region, small_region_document

MAX_BYTES = 1024 * 1024


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path / "x.db")
    yield store
    store.close()


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def split_document(document: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Territories and organisations in one document; schemes, projects and ties in the other."""
    first, second = empty_document(), empty_document()
    for table in ("territories", "organisations"):
        first[table] = document[table]
    for table in ("schemes", "projects", "ties"):
        second[table] = document[table]
    return first, second


def test_importing_a_file_stores_it_and_counts_what_was_added(store: SQLiteStore, tmp_path: Path) -> None:
    path = write(tmp_path / "region.json", small_region_document())
    summary, loaded = import_files([path], store, MAX_BYTES)
    assert summary.added == 25 and summary.tables["ties"].added == 4
    assert [item.format for item in loaded] == ["json"]
    assert store.export_dataset() == small_region()


def test_importing_the_same_file_twice_changes_nothing(store: SQLiteStore, tmp_path: Path) -> None:
    path = write(tmp_path / "region.json", small_region_document())
    import_files([path], store, MAX_BYTES)
    summary, _ = import_files([path], store, MAX_BYTES)
    assert (summary.added, summary.changed, summary.unchanged) == (0, 0, 25)


def test_files_may_reference_each_other(store: SQLiteStore, tmp_path: Path) -> None:
    first, second = split_document(small_region_document())
    # The projects' file comes first: the order of the files does not matter.
    paths = [write(tmp_path / "projects.json", second), write(tmp_path / "organisations.json", first)]
    summary, _ = import_files(paths, store, MAX_BYTES)
    assert summary.added == 25
    assert store.export_dataset().to_document()["projects"] == small_region_document()["projects"]


def test_a_later_file_may_reference_what_the_store_already_holds(store: SQLiteStore, tmp_path: Path) -> None:
    first, second = split_document(small_region_document())
    import_files([write(tmp_path / "a.json", first)], store, MAX_BYTES)
    summary, _ = import_files([write(tmp_path / "b.json", second)], store, MAX_BYTES)
    assert summary.added == 9


def test_a_dangling_reference_across_files_names_the_file_row_and_column(
    store: SQLiteStore, tmp_path: Path
) -> None:
    first, second = split_document(small_region_document())
    second["projects"][2]["partners"][0]["organisation"] = "ghost"
    paths = [write(tmp_path / "a.json", first), write(tmp_path / "b.json", second)]
    with pytest.raises(InvalidInput) as caught:
        import_files(paths, store, MAX_BYTES)
    [error] = caught.value.errors
    assert (error.code, error.file, error.sheet, error.row, error.column) == (
        "dangling_reference",
        "b.json",
        "projects",
        3,
        "partners.0.organisation",
    )
    assert store.export_dataset().size == 0


def test_an_id_defined_in_two_files_is_refused(store: SQLiteStore, tmp_path: Path) -> None:
    paths = [
        write(tmp_path / "a.json", {"organisations": [organisation("x")]}),
        write(tmp_path / "b.json", {"organisations": [organisation("x", name="Autre X")]}),
    ]
    with pytest.raises(InvalidInput) as caught:
        import_files(paths, store, MAX_BYTES)
    [error] = caught.value.errors
    assert (error.code, error.file, error.sheet) == ("duplicate_id", "b.json", "organisations")
    assert "a.json" in error.message


def test_errors_of_every_file_are_reported_together_and_nothing_is_stored(
    store: SQLiteStore, tmp_path: Path
) -> None:
    bad_sector = {"organisations": [organisation("x", "banque")]}
    bad_strength = small_region_document()
    bad_strength["ties"][1]["strength"] = 0
    paths = [write(tmp_path / "a.json", bad_sector), write(tmp_path / "b.json", bad_strength)]
    with pytest.raises(InvalidInput) as caught:
        import_files(paths, store, MAX_BYTES)
    assert [(e.file, e.column) for e in caught.value.errors] == [("a.json", "sector"), ("b.json", "strength")]
    assert store.export_dataset().size == 0


def test_load_files_validates_without_storing(store: SQLiteStore, tmp_path: Path) -> None:
    loaded = load_files([write(tmp_path / "region.json", small_region_document())], store, MAX_BYTES)
    assert loaded[0].dataset == small_region()
    assert store.export_dataset().size == 0


def test_a_file_over_the_limit_is_refused_before_reading(store: SQLiteStore, tmp_path: Path) -> None:
    path = write(tmp_path / "region.json", small_region_document())
    with pytest.raises(FileTooLarge) as caught:
        import_files([path], store, max_bytes=100)
    assert "region.json" in caught.value.message and "trop volumineux" in caught.value.message
    assert store.export_dataset().size == 0


def test_an_upload_is_validated_against_the_store_then_stored(store: SQLiteStore) -> None:
    first, second = split_document(small_region_document())
    import_upload(json.dumps(first).encode(), "a.json", store, MAX_BYTES)
    summary, loaded = import_upload(json.dumps(second).encode(), "b.json", store, MAX_BYTES)
    assert summary.added == 9 and loaded.format == "json"
    assert store.export_dataset() == small_region()


def test_a_bad_upload_stores_nothing(store: SQLiteStore) -> None:
    store.upsert_dataset(small_region())
    before = store.export_dataset()
    document = small_region_document()
    document["organisations"][0]["name"] = "Renommée"
    document["ties"].append({"source": "mel", "target": "mel", "kind": "orientation"})
    with pytest.raises(InvalidInput) as caught:
        import_upload(json.dumps(document).encode(), "upload.json", store, MAX_BYTES)
    assert [(e.code, e.file, e.row) for e in caught.value.errors] == [("self_tie", "upload.json", 5)]
    assert store.export_dataset() == before
