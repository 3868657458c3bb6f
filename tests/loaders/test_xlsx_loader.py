"""The XLSX workbook, as a reviewer fills it in Excel, and its empty template."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from graph_service.domain.errors import FileTooLarge
from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput
from graph_service.domain.vocabulary import Commitment, Public, Sector, Stage, label
from loaders import load_bytes, load_path
from loaders.tables import TABLE_COLUMNS
from loaders.xlsx_loader import workbook_bytes, write_template
from tests.support.datasets import luhn_key, small_region, small_region_document

ORGANISATIONS_HEADER = ["id", "name", "sector", "siret", "territories"]


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    book = openpyxl.Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def only_error(excinfo: pytest.ExceptionInfo[InvalidInput]) -> InputError:
    errors = excinfo.value.errors
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def located(error: InputError) -> tuple[str, str | None, str | None, int | None, str | None]:
    return (error.code, error.file, error.sheet, error.row, error.column)


def test_a_workbook_written_then_read_gives_the_same_dataset() -> None:
    document = small_region_document()
    document["projects"][0]["partners"][1]["stages"] = []
    dataset = Dataset.model_validate(document)
    loaded = load_bytes(workbook_bytes(dataset), "classeur.xlsx")
    assert loaded.dataset == dataset
    assert loaded.format == "xlsx"
    assert "classeur.xlsx, feuille organisations : 8 lignes" in loaded.detected


def test_the_template_has_a_sheet_per_table_with_its_header_and_the_codes(tmp_path: Path) -> None:
    path = tmp_path / "modele.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["lisez-moi", *TABLE_COLUMNS, "codes"]
    for table, columns in TABLE_COLUMNS.items():
        assert [cell.value for cell in book[table][1]] == [c.name for c in columns]
    codes = {(row[1], row[2]) for row in book["codes"].iter_rows(min_row=2, values_only=True)}
    for enum in (Sector, Stage, Public, Commitment):
        assert {(m.value, label(m.value)) for m in enum} <= codes


def test_the_template_offers_drop_downs_of_the_allowed_codes(tmp_path: Path) -> None:
    path = tmp_path / "modele.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    validations = book["organisations"].data_validations.dataValidation
    sector = next(v for v in validations if "C2" in v.sqref)
    assert sector.type == "list"
    first, last = (int(part.split("$")[-1]) for part in sector.formula1.split(":"))
    listed = [book["codes"].cell(row=r, column=2).value for r in range(first, last + 1)]
    assert listed == [s.value for s in Sector]


def test_the_empty_template_read_back_is_reported_as_empty(tmp_path: Path) -> None:
    write_template(tmp_path / "modele.xlsx")
    with pytest.raises(InvalidInput) as excinfo:
        load_path(tmp_path / "modele.xlsx")
    assert located(only_error(excinfo))[:2] == ("empty_file", "modele.xlsx")


def test_a_formula_cell_is_refused_at_its_sheet_row_and_column() -> None:
    data = workbook(
        {
            "organisations": [
                ORGANISATIONS_HEADER,
                ["asso-x", "X", "social"],
                ["ml-y", '=A3&" bis"', "employment"],
            ]
        }
    )
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(data, "c.xlsx")
    error = only_error(excinfo)
    assert located(error) == ("formula", "c.xlsx", "organisations", 3, "name")
    assert "formule non admise : collez la valeur" in error.message


def test_codes_typed_as_numbers_get_their_leading_zeros_back() -> None:
    body = "0123456789012"
    siret = body + luhn_key(body)  # a SIRET starting with 0: Excel keeps 13 digits of it
    data = workbook(
        {
            "territories": [
                ["code", "name", "level", "parent"],
                [1, "Ain", "departement", None],
                [1004, "Ambérieu-en-Bugey", "commune", 1],
            ],
            "organisations": [ORGANISATIONS_HEADER, ["asso-x", "X", "social", int(siret), 1004]],
        }
    )
    loaded = load_bytes(data, "c.xlsx")
    assert [t.code for t in loaded.dataset.territories] == ["01", "01004"]
    assert loaded.dataset.territories[1].parent == "01"
    assert loaded.dataset.organisations[0].siret == siret
    assert loaded.dataset.organisations[0].territories == ["01004"]
    assert loaded.detected[0] == (
        "c.xlsx, feuille territories : 2 lignes, 3 codes saisis comme nombres relus en texte "
        "(zéros de tête rétablis)"
    )


def test_blank_rows_are_skipped_and_rows_keep_their_excel_numbers() -> None:
    data = workbook(
        {
            "organisations": [
                ORGANISATIONS_HEADER,
                ["asso-x", "X", "social"],
                [None, " ", None],
                ["ml-y", "Y", "nope"],
            ]
        }
    )
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(data, "c.xlsx")
    assert located(only_error(excinfo)) == ("unknown_code", "c.xlsx", "organisations", 4, "sector")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["a", "A", "social"], ["b", "B", "social"], ["a", "A2", "social"]], ("duplicate_id", 4, "id")),
        ([["a", "A", "social"], ["b", "B" * 10_000, "social"]], ("too_long", 3, "name")),
        ([["a", "A", "social", None, "99999"]], ("dangling_reference", 2, "territories")),
    ],
    ids=["duplicate id", "10,000-character cell", "dangling territory"],
)
def test_bad_rows_are_located_at_sheet_row_and_column(
    rows: list[list[Any]], expected: tuple[str, int, str]
) -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(workbook({"organisations": [ORGANISATIONS_HEADER, *rows]}), "c.xlsx")
    error = only_error(excinfo)
    assert (error.code, error.row, error.column) == expected
    assert (error.file, error.sheet) == ("c.xlsx", "organisations")


def test_a_partner_problem_points_at_the_partners_sheet() -> None:
    rows = small_region()
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(rows)))
    book["partners"]["C3"] = "poignée de main"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(buffer.getvalue(), "c.xlsx")
    assert located(only_error(excinfo)) == ("unknown_code", "c.xlsx", "partners", 3, "commitment")


def test_missing_and_unknown_columns_and_sheets_are_named() -> None:
    data = workbook(
        {"organisations": [["id", "name", "Commentaire"], ["a", "A", "x"]], "Feuil2": [["notes"]]}
    )
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(data, "c.xlsx")
    found = {located(e) for e in excinfo.value.errors}
    assert found == {("unknown_sheet", "c.xlsx", "Feuil2", None, None)}
    data = workbook({"organisations": [["id", "name", "Commentaire"], ["a", "A", "x"]]})
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(data, "c.xlsx")
    found = {located(e) for e in excinfo.value.errors}
    assert found == {
        ("unknown_column", "c.xlsx", "organisations", 1, "commentaire"),
        ("missing_column", "c.xlsx", "organisations", 1, "sector"),
    }


def test_a_value_in_a_column_without_header_is_reported_once_per_column() -> None:
    rows = [
        ORGANISATIONS_HEADER,
        ["a", "A", "social", None, None, "note"],
        ["b", "B", "social", None, None, "x"],
    ]
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(workbook({"organisations": rows}), "c.xlsx")
    assert located(only_error(excinfo)) == ("unnamed_column", "c.xlsx", "organisations", 2, "F")


def test_a_file_that_is_not_a_workbook_is_reported() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(b"id;name\n", "c.xlsx")
    assert located(only_error(excinfo))[:2] == ("bad_xlsx", "c.xlsx")


def test_a_workbook_over_the_limit_is_refused() -> None:
    data = workbook_bytes(small_region())
    with pytest.raises(FileTooLarge):
        load_bytes(data, "c.xlsx", max_bytes=len(data) - 1)


def test_a_workbook_that_inflates_far_past_the_limit_is_refused_before_parsing() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * 5_000_000 + b"</a>")
    data = buffer.getvalue()
    with pytest.raises(FileTooLarge) as excinfo:
        load_bytes(data, "bombe.xlsx", max_bytes=100_000)
    assert "bombe.xlsx/xl/worksheets/sheet1.xml" in str(excinfo.value)
