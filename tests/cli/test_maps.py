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


def test_map_of_a_territory_draws_its_whole_ecosystem(db: Path, tmp_path: Path) -> None:
    # Roubaix holds six organisations (lead, ml, ent, cio, sante, lonely) and the CEJ; the
    # Tourcoing lead is outside it, so lonely's tie to it is not drawn: ml–ent, cio–sante, ml–cej.
    code, output = run(
        db, "map", "--territory", "59512", "--project", "p-xss", "-o", str(tmp_path / "e.html")
    )
    assert code == 0, output
    assert "7 nœuds, 3 liens" in output


def test_a_territory_past_the_threshold_is_grouped_by_sector(db: Path, tmp_path: Path) -> None:
    code, output = run(db, "map", "--territory", "59512", "--max-nodes", "3", "-o", str(tmp_path / "e.svg"))
    assert code == 0, output
    assert "regroupe par secteur" in output


def test_map_of_a_call_shows_its_applications_and_their_members(db: Path, tmp_path: Path) -> None:
    # Two applications (boxes) and six distinct organisations: lead, ml, ent, cio, sante, other-lead.
    code, output = run(db, "map", "--call", "aap-test", "-o", str(tmp_path / "o.png"))
    assert code == 0, output
    assert "8 nœuds, 8 liens" in output


def test_a_project_and_a_territory_together_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    code, output = run(db, "map", "p-xss", "--territory", "59512", "-o", str(tmp_path / "x.html"))
    assert code == 2
    assert "soit une candidature, soit --territory" in output
