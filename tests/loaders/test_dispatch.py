"""Choosing the loader from the file: extension, folder, content."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_service.domain.validation import InvalidInput
from graph_service.services.imports import load_files
from graph_service.stores.sqlite import SQLiteStore
from loaders import load_bytes, load_path
from loaders.csv_bundle import write_csv_bundle
from tests.support.datasets import small_region


def test_a_folder_is_read_as_a_csv_bundle(tmp_path: Path) -> None:
    write_csv_bundle(small_region(), tmp_path / "lot")
    loaded = load_path(tmp_path / "lot")
    assert (loaded.format, loaded.dataset.size) == ("csv", small_region().size)


def test_an_unknown_extension_is_refused_naming_the_file() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(b"x", "notes.txt")
    assert (excinfo.value.errors[0].code, excinfo.value.errors[0].file) == ("unsupported_format", "notes.txt")


def test_an_old_excel_file_is_refused_with_how_to_save_it() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(b"\xd0\xcf\x11\xe0", "Candidatures.XLS")
    assert excinfo.value.errors[0].message.endswith("enregistrez le classeur au format .xlsx")


def test_a_csv_not_named_after_a_table_is_refused() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(b"id;name;sector\n", "export-2024.csv")
    assert excinfo.value.errors[0].code == "unknown_file"


def test_separate_csv_files_may_reference_each_other_in_one_import(tmp_path: Path) -> None:
    (tmp_path / "organisations.csv").write_text("id;name;sector\na;A;social\nb;B;social\n")
    (tmp_path / "projects.csv").write_text("id;title;call;lead\np;P;aap;a\n")
    store = SQLiteStore(tmp_path / "store.db")
    try:
        loaded = load_files([tmp_path / "organisations.csv", tmp_path / "projects.csv"], store, 10_000)
        assert [item.dataset.size for item in loaded] == [2, 1]
        (tmp_path / "projects.csv").write_text("id;title;call;lead\np;P;aap;nobody\n")
        with pytest.raises(InvalidInput) as excinfo:
            load_files([tmp_path / "organisations.csv", tmp_path / "projects.csv"], store, 10_000)
        assert excinfo.value.errors[0].code == "dangling_reference"
    finally:
        store.close()


def test_a_single_file_imported_alone_has_its_references_located_by_its_own_loader(tmp_path: Path) -> None:
    (tmp_path / "projects.csv").write_text("id;title;call;lead\np;P;aap;nobody\n")
    store = SQLiteStore(tmp_path / "store.db")
    try:
        with pytest.raises(InvalidInput) as excinfo:
            load_files([tmp_path / "projects.csv"], store, 10_000)
    finally:
        store.close()
    error = excinfo.value.errors[0]
    assert (error.code, error.file, error.row, error.column) == (
        "dangling_reference",
        "projects.csv",
        2,
        "lead",
    )
