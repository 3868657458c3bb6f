"""The ``compare``, ``gaps`` and ``whatif`` commands on the demo territory, in a real SQLite store."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.services.demo import demo_dataset
from graph_service.stores.sqlite import SQLiteStore

CALL = "aap-invisibles-2019"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analysis") / "demo.db"
    store = SQLiteStore(path)
    try:
        store.upsert_dataset(demo_dataset())
    finally:
        store.close()
    return path


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    return result.exit_code, " ".join(result.output.split())  # rich wraps long lines


def test_compare_prints_the_ranking_flags_and_overlaps(db: Path) -> None:
    code, output = run(db, "compare", "--call", CALL)
    assert code == 0, output
    assert output.index("p-2019-01") < output.index("p-2019-02")  # strongest first
    assert "recoupe le dispositif « Promo 16-18 (fictive) du Littoral »" in output
    assert "Les candidatures p-2019-05 et p-2019-06" in output


def test_compare_writes_a_csv_with_one_row_per_application(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "comparaison.csv"
    code, output = run(db, "compare", "--call", CALL, "-o", str(target))
    assert code == 0, output
    lines = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert lines[0][0] == "Candidature"
    assert len(lines) == 1 + 8
    assert lines[1][0] == "p-2019-01"


def test_compare_writes_an_xlsx_sorted_as_asked(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "comparaison.xlsx"
    code, output = run(db, "compare", "--call", CALL, "--sort", "project", "-o", str(target))
    assert code == 0, output
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Candidatures", "Chevauchements"]
    projects = [r[0] for r in workbook["Candidatures"].iter_rows(min_row=2, values_only=True)]
    assert projects == [f"p-2019-0{i}" for i in range(1, 9)]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--sort", "strength desc"], "tri « strength desc » inconnu"),
        (["-o", "comparaison.pdf"], "format de"),
        (["--lang", "de"], "langue « de » inconnue"),
    ],
)
def test_compare_usage_errors_exit_with_2(db: Path, args: list[str], words: str) -> None:
    code, output = run(db, "compare", "--call", CALL, *args)
    assert code == 2
    assert words in output


def test_compare_of_a_call_without_application_exits_with_1(db: Path) -> None:
    code, output = run(db, "compare", "--call", "aap-inconnu")
    assert code == 1
    assert "aucune candidature pour l'appel « aap-inconnu »" in output


def test_gaps_of_the_application_without_exit_recommend_the_local_mission_and_the_joinery(db: Path) -> None:
    # README: the Mission Locale and the joinery of the Denaisis fill the gaps of p-2019-07.
    code, output = run(db, "gaps", "p-2019-07")
    assert code == 0, output
    assert "Étapes du parcours manquantes : Formation, Emploi" in output
    assert output.index("ml-denaisis") < output.index("atelier-chevalet")
    code, output = run(db, "gaps", "p-2019-07", "--json")
    assert code == 0
    document = json.loads(output)
    assert [r["organisation"] for r in document["recommendations"][:2]] == ["ml-denaisis", "atelier-chevalet"]


def test_gaps_of_an_unknown_application_exits_with_1(db: Path) -> None:
    code, output = run(db, "gaps", "p-inconnu")
    assert code == 1
    assert "projet « p-inconnu » introuvable" in output


def test_whatif_adding_the_missing_exits_completes_the_pathway_without_saving(db: Path) -> None:
    code, output = run(
        db, "whatif", "p-2019-07", "--add", "ml-denaisis:convention", "--add", "atelier-chevalet", "--json"
    )
    assert code == 0, output
    diff = json.loads(output)["diff"]
    stage = next(m for m in diff["metrics"] if m["key"] == "stage_coverage")
    assert (stage["before"], stage["after"]) == (pytest.approx(4 / 6, abs=5e-5), pytest.approx(1.0))
    assert diff["strength"]["delta"] > 0
    store = SQLiteStore(db)
    try:
        project = store.get_project("p-2019-07")
        assert project is not None
        assert "ml-denaisis" not in project.member_ids  # nothing was written
    finally:
        store.close()


def test_whatif_prints_the_difference_per_family(db: Path) -> None:
    code, output = run(db, "whatif", "p-2019-07", "--add", "atelier-chevalet")
    assert code == 0, output
    assert "Force du partenariat" in output
    assert "Entreprises en aval" in output
    assert "+ atelier-chevalet (Informel)" in output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--remove", "veilleurs-denaisis"], "chef de file"),
        (["--remove", "ml-denaisis"], "n'est pas partenaire"),
        (["--add", "org-fantome"], "introuvable"),
        (["--add", "prev-denain"], "déjà membre"),
        (["--add", "ml-denaisis:signee"], "engagement « signee » inconnu"),
    ],
)
def test_whatif_impossible_changes_exit_with_1_in_french(db: Path, args: list[str], words: str) -> None:
    code, output = run(db, "whatif", "p-2019-07", *args)
    assert code == 1
    assert words in output


def test_whatif_without_a_change_is_a_usage_error(db: Path) -> None:
    code, output = run(db, "whatif", "p-2019-07")
    assert code == 2
    assert "--add" in output


def test_compare_and_gaps_speak_english_when_asked(db: Path) -> None:
    code, output = run(db, "compare", "--call", CALL, "--lang", "en")
    assert code == 0, output
    assert re.search(r"duplicates[\s│]+a scheme", output)  # the flag, maybe wrapped in its cell
    assert "Application p-2019-04 duplicates scheme" in output
    code, output = run(db, "gaps", "p-2019-07", "--lang", "en")
    assert code == 0, output
    assert "Missing pathway stages: Training, Employment" in output


def test_report_as_notice_gives_the_applicant_the_four_parts_in_french(db: Path) -> None:
    code, output = run(db, "report", "p-2019-02", "--format", "notice")
    assert code == 0, output
    assert "Articles L311-3-1 et R311-3-1-2" in output
    assert "aide à l'instruction" in output
    assert "Niveau proposé : fragile." in output  # the report's band for the informal star
    assert "4. Opérations effectuées par le traitement" in output


def test_whatif_can_formalise_a_partners_commitment(db: Path) -> None:
    # p-2019-02: five informal partners; a convention with the Mission Locale raises the lead's
    # formal tie share from 0 to 1/5.
    code, output = run(db, "whatif", "p-2019-02", "--commit", "ml-sambre", "--json")
    assert code == 0, output
    document = json.loads(output)
    assert document["committed"] == [
        {"organisation": "ml-sambre", "commitment": "convention", "stages": None}
    ]
    share = next(m for m in document["diff"]["metrics"] if m["key"] == "lead_formal_tie_share")
    assert (share["before"], share["after"]) == (0, pytest.approx(1 / 5))


def test_gaps_put_formalising_the_informal_commitments_first_with_their_score_change(db: Path) -> None:
    code, output = run(db, "gaps", "p-2019-02", "--json")
    assert code == 0, output
    analysis = json.loads(output)
    first = analysis["actions"][0]
    assert first["kind"] == "formalise" and first["text"].startswith("Formaliser l'engagement de ")
    assert first["delta"] > 0
    assert all(r["strength_change"] is not None for r in analysis["recommendations"])
