"""``partnership-graph ecosystem import data-inclusion`` on files: report, review CSV, strict."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.services.demo import demo_dataset
from graph_service.stores.sqlite import SQLiteStore
from tests.support.french import typography_mistakes

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    store = SQLiteStore(path)
    store.upsert_dataset(demo_dataset())
    store.close()
    return path


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["--db", str(db), "ecosystem", "import", "data-inclusion", *args], env={"COLUMNS": "200"}
    )
    return result.exit_code, " ".join(result.output.split())  # rich wraps long lines


def test_the_import_prints_its_report_and_writes_the_doubtful_matches(db: Path, tmp_path: Path) -> None:
    review = tmp_path / "douteux.csv"
    code, output = run(
        db,
        "--structures", str(FIXTURES / "structures.csv"),
        "--services", str(FIXTURES / "services.csv"),
        "--departement", "59",
        "--review", str(review),
    )  # fmt: skip
    assert code == 0, output
    compact = output.replace(" ", "")  # the console may wrap anywhere, inside an id too
    assert "Structuresrejetées(1):dora--invalide" in compact
    assert "emplois-de-linclusion--aci-escaut=dora--aci-escaut-vert" in compact
    with review.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [(r["structure_data_inclusion"], r["organisation"], r["decision"]) for r in rows] == [
        ("dora--cs-corons", "cs-corons-bleus", "rapprochée, à confirmer"),
        ("dora--prevention-escaut-sud", "prev-denain", "non rapprochée, nom proche à vérifier"),
    ]


def test_strict_exits_1_and_stores_nothing(db: Path) -> None:
    before = SQLiteStore(db)
    exported = before.export_dataset()
    before.close()
    code, output = run(
        db,
        "--structures",
        str(FIXTURES / "structures.json"),
        "--services",
        str(FIXTURES / "services.json"),
        "--strict",
    )
    assert code == 1
    assert "Rien n'a été enregistré" in output
    after = SQLiteStore(db)
    try:
        assert after.export_dataset() == exported
    finally:
        after.close()


def test_files_and_api_together_or_neither_is_a_usage_error(db: Path) -> None:
    assert run(db)[0] == 2
    assert run(db, "--api", "--structures", str(FIXTURES / "structures.json"))[0] == 2
    assert run(db, "--structures", str(FIXTURES / "structures.json"), "--departement", "5/9")[0] == 2


@pytest.mark.parametrize(
    ("left_out", "written"),
    [
        ("dora--prevention-escaut-sud", "1 rapprochement douteux écrit dans"),
        ("", "2 rapprochements douteux écrits dans"),
    ],
)
def test_the_review_message_agrees_with_one_and_with_two_doubtful_matches(
    db: Path, tmp_path: Path, left_out: str, written: str
) -> None:
    lines = (FIXTURES / "structures.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    structures = tmp_path / "structures.csv"
    structures.write_text(
        "".join(line for line in lines if not left_out or f",{left_out}," not in line), "utf-8"
    )
    code, output = run(
        db,
        "--structures", str(structures),
        "--services", str(FIXTURES / "services.csv"),
        "--departement", "59",
        "--review", str(tmp_path / "douteux.csv"),
    )  # fmt: skip
    assert code == 0, output
    assert written in output
    # The report's table, once flattened, puts a count before the next row's name: the lines after it.
    after_table = output.split("territoires ajoutés │ ", 1)[1].split(" ", 1)[1]
    assert written in after_table and typography_mistakes(after_table, cli=True) == []
