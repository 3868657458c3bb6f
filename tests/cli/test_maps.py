"""The ``map`` command writes an offline HTML map, an SVG or a PNG of an application."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.stores.sqlite import SQLiteStore
from tests.visualisations.fixtures import XSS_IMG, hostile_dataset


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "maps.db"
    store = SQLiteStore(path)
    try:
        store.upsert_dataset(hostile_dataset())
    finally:
        store.close()
    return path


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    return result.exit_code, " ".join(result.output.split())  # rich wraps long lines


def test_map_of_an_application_writes_one_offline_html_file(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "carte.html"
    code, output = run(db, "map", "p-xss", "-o", str(target))
    assert code == 0, output
    assert "6 nœuds, 7 liens" in output
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert XSS_IMG not in page


def test_map_as_svg_and_png_follow_the_file_suffix(db: Path, tmp_path: Path) -> None:
    code, output = run(db, "map", "p-xss", "-o", str(tmp_path / "carte.svg"))
    assert code == 0, output
    ET.parse(tmp_path / "carte.svg")
    code, output = run(db, "map", "p-xss", "-o", str(tmp_path / "carte.PNG"))
    assert code == 0, output
    assert (tmp_path / "carte.PNG").read_bytes()[:4] == b"\x89PNG"


def test_an_unknown_format_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    code, output = run(db, "map", "p-xss", "-o", str(tmp_path / "carte.pdf"))
    assert code == 2
    assert "format de carte inconnu" in output
    assert not (tmp_path / "carte.pdf").exists()


def test_an_unknown_application_is_reported_in_french(db: Path, tmp_path: Path) -> None:
    code, output = run(db, "map", "p-absent", "-o", str(tmp_path / "carte.html"))
    assert code == 1
    assert "candidature « p-absent » introuvable" in output
