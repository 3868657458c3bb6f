"""The template's codes sheet names each code for what it is in its column."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from graph_service.cli import app


def test_the_qpv_territory_level_reads_as_a_district_and_the_qpv_public_as_its_residents(
    tmp_path: Path,
) -> None:
    path = tmp_path / "modele.xlsx"
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "g.db"), "template", "-o", str(path)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(path, read_only=True)["codes"]
    rows = {(r[0], r[1]): r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[("level", "qpv")] == "Quartier prioritaire de la politique de la ville (QPV)"
    assert rows[("publics", "qpv")] == "Habitants des quartiers prioritaires"
    assert rows[("level", "commune")] == "Commune"
