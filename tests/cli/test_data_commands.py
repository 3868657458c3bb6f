"""The data commands (import, validate, export, projects, show) on a real SQLite file."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.stores.sqlite import SQLiteStore
from tests.support.datasets import small_region, small_region_document


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


@pytest.fixture
def region_file(tmp_path: Path) -> Path:
    path = tmp_path / "region.json"
    path.write_text(json.dumps(small_region_document(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def loaded(db: Path) -> Path:
    store = SQLiteStore(db)
    store.upsert_dataset(small_region())
    store.close()
    return db


def run(db: Path, *args: str) -> tuple[int, str]:
    # Wide enough that rich does not wrap table cells.
    result = CliRunner().invoke(app, ["--db", str(db), *args], env={"COLUMNS": "200"})
    return result.exit_code, " ".join(result.output.split())  # rich wraps long lines


def stored(db: Path) -> dict[str, Any]:
    store = SQLiteStore(db)
    try:
        return store.export_dataset().to_document()
    finally:
        store.close()


def write_bad_file(tmp_path: Path) -> Path:
    document = small_region_document()
    document["ties"][2]["strength"] = 9
    path = tmp_path / "mauvais.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


# -- import ----------------------------------------------------------------------------------


def test_import_stores_the_file_and_prints_what_was_added(db: Path, region_file: Path) -> None:
    code, output = run(db, "import", str(region_file))
    assert code == 0, output
    assert "Entités : 25 ajoutées, 0 modifiée, 0 inchangée." in output
    assert stored(db) == small_region_document()


def test_importing_again_prints_that_nothing_changed(db: Path, region_file: Path) -> None:
    run(db, "import", str(region_file))
    code, output = run(db, "import", str(region_file))
    assert code == 0
    assert "Entités : 0 ajoutée, 0 modifiée, 25 inchangées." in output


def test_a_bad_file_exits_1_prints_file_row_and_column_and_stores_nothing(
    loaded: Path, tmp_path: Path
) -> None:
    before = stored(loaded)
    code, output = run(loaded, "import", str(write_bad_file(tmp_path)))
    assert code == 1
    assert "Rien n'a été enregistré" in output
    assert "fichier mauvais.json, feuille ties, ligne 3, colonne strength" in output
    assert "[out_of_range]" in output
    assert stored(loaded) == before


def test_a_missing_file_exits_1_and_says_so(db: Path, tmp_path: Path) -> None:
    code, output = run(db, "import", str(tmp_path / "absent.json"))
    assert code == 1
    assert "fichier introuvable" in output


def test_import_without_a_path_is_a_usage_error(db: Path) -> None:
    code, _ = run(db, "import")
    assert code == 2


def test_an_unknown_command_or_option_is_a_usage_error(db: Path) -> None:
    assert run(db, "importer")[0] == 2
    assert run(db, "export", "--format", "pdf", "-o", "x.pdf")[0] == 2


# -- validate --------------------------------------------------------------------------------


def test_validate_checks_a_good_file_and_stores_nothing(db: Path, region_file: Path) -> None:
    code, output = run(db, "validate", str(region_file))
    assert code == 0, output
    assert "25 entités, aucune erreur. Rien n'a été enregistré." in output
    assert stored(db)["organisations"] == []


def test_validate_reports_every_error_of_a_bad_file(db: Path, tmp_path: Path) -> None:
    code, output = run(db, "validate", str(write_bad_file(tmp_path)))
    assert code == 1
    assert "fichier mauvais.json, feuille ties, ligne 3, colonne strength" in output


def test_validate_checks_references_against_the_store(loaded: Path, tmp_path: Path) -> None:
    tie = {"source": "mel", "target": "ft-tourcoing", "kind": "financement"}
    path = tmp_path / "lien.json"
    path.write_text(json.dumps({"ties": [tie]}), encoding="utf-8")
    assert run(loaded, "validate", str(path))[0] == 0
    code, output = run(loaded.with_name("empty.db"), "validate", str(path))
    assert code == 1
    assert "organisation « mel » introuvable" in output


# -- export ----------------------------------------------------------------------------------


def test_export_json_gives_back_the_imported_document(loaded: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    code, output = run(loaded, "export", "--format", "json", "-o", str(target))
    assert code == 0, output
    assert json.loads(target.read_text(encoding="utf-8")) == small_region_document()
    assert "25 entités" in output


def test_export_graphml_holds_every_organisation_and_tie(loaded: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.graphml"
    code, output = run(loaded, "export", "--format", "graphml", "-o", str(target))
    assert code == 0, output
    graph = nx.read_graphml(target)
    organisation_ids = {o.id for o in small_region().organisations}
    assert organisation_ids <= set(graph.nodes)
    assert graph.has_edge("ml-roubaix", "ft-tourcoing")


def test_export_gexf_is_xml_in_the_gexf_namespace(loaded: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.gexf"
    code, output = run(loaded, "export", "--format", "gexf", "-o", str(target))
    assert code == 0, output
    root = ET.parse(target).getroot()
    assert root.tag.endswith("gexf") and "gexf" in root.tag
    graph = nx.read_gexf(target)
    assert "asso-horizon" in graph and graph.number_of_edges() >= 4


def test_export_needs_an_output(loaded: Path) -> None:
    assert run(loaded, "export", "--format", "json")[0] == 2


# -- projects, show --------------------------------------------------------------------------


def test_projects_lists_every_application_with_its_lead(loaded: Path) -> None:
    code, output = run(loaded, "projects")
    assert code == 0, output
    for project_id in ("p-roubaix", "p-valenciennes", "p-tourcoing-2020"):
        assert project_id in output
    assert "Association Horizon" in output


def test_projects_filters_by_call(loaded: Path) -> None:
    code, output = run(loaded, "projects", "--call", "aap-2020")
    assert code == 0
    assert "p-tourcoing-2020" in output and "p-roubaix" not in output


def test_show_prints_the_partners_commitments_and_ties(loaded: Path) -> None:
    code, output = run(loaded, "show", "p-roubaix")
    assert code == 0, output
    assert "Aller vers les jeunes de Roubaix" in output
    assert "Porteur : Association Horizon" in output
    for partner in ("Mission Locale de Roubaix", "France Travail Tourcoing", "Textiles du Nord"):
        assert partner in output
    assert "2 liens déclarés par ce projet" in output


def test_show_json_prints_the_canonical_project(loaded: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(loaded), "show", "p-valenciennes", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == small_region_document()["projects"][1]


def test_show_of_a_missing_project_exits_1(loaded: Path) -> None:
    code, output = run(loaded, "show", "p-none")
    assert code == 1
    assert "projet « p-none » introuvable" in output
