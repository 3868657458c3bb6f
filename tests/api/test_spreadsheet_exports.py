"""No CSV or XLSX the service writes can run a formula, whoever typed the text (OWASP CSV injection).

A lead sets its application's title to a live formula; a partner's name starts with ``@``. Every
spreadsheet a reviewer downloads — the call's comparison from the API and from the pages, the
export bundle, the workbook — is opened as a spreadsheet program would: with openpyxl (no cell of
type ``f``, the title a text cell) and with a CSV reader (the text behind a ``'``).
"""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from graph_service.domain.spreadsheet import FORMULA_STARTS, append_row, guard_csv, unguard_csv
from loaders.xlsx_loader import workbook_bytes
from tests.api.conftest import Api

TITLE = '=HYPERLINK("http://evil.example/x","Voir le dossier")'
NAME = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def hostile(api: Api) -> Api:
    lead = api.headers("lead")
    assert api.client.patch("/projects/p-roubaix", json={"title": TITLE}, headers=lead).status_code == 200
    admin = api.headers("admin")
    assert (
        api.client.patch("/organisations/ml-roubaix", json={"name": NAME}, headers=admin).status_code == 200
    )
    return api


def csv_cells(data: bytes, delimiter: str = ";") -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def assert_csv_is_inert(cells: list[str]) -> None:
    """No cell starts a formula: text doing so is behind a quote; numbers are plain numbers."""
    for cell in cells:
        if cell.startswith(FORMULA_STARTS):
            assert cell.lstrip("-").replace(",", "").replace(".", "").isdigit(), cell


def assert_xlsx_is_inert(data: bytes, *texts: str) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    for text in texts:
        found = [c for c in cells if c.value == text]
        assert found, f"{text!r} missing"
        assert {c.data_type for c in found} == {"s"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_comparison_csv_of_the_api_guards_a_title_holding_a_formula(hostile: Api, lang: str) -> None:
    response = hostile.client.get(
        f"/calls/aap-2019/comparison?format=csv&lang={lang}", headers=hostile.headers("reviewer")
    )
    assert response.status_code == 200
    cells = csv_cells(response.content)
    assert "'" + TITLE in cells
    assert TITLE not in cells
    assert_csv_is_inert(cells)


def test_the_comparison_workbook_of_the_api_holds_the_title_as_text(hostile: Api) -> None:
    response = hostile.client.get(
        "/calls/aap-2019/comparison?format=xlsx", headers=hostile.headers("reviewer")
    )
    assert response.status_code == 200
    assert_xlsx_is_inert(response.content, TITLE)


def test_the_comparison_downloads_of_the_pages_are_guarded_too(hostile: Api) -> None:
    client = hostile.client
    signed = client.post(
        "/pages/connexion", data={"token": hostile.tokens["reviewer"]}, follow_redirects=False
    )
    assert signed.status_code == 303
    cells = csv_cells(client.get("/pages/appels/aap-2019/comparaison.csv").content)
    assert "'" + TITLE in cells
    assert_csv_is_inert(cells)
    assert_xlsx_is_inert(client.get("/pages/appels/aap-2019/comparaison.xlsx").content, TITLE)


def test_the_export_bundle_guards_every_file_and_imports_back_to_the_same_names(hostile: Api) -> None:
    response = hostile.client.get("/exports?format=csv", headers=hostile.headers("admin"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    cells = [cell for name in archive.namelist() for cell in csv_cells(archive.read(name))]
    assert "'" + TITLE in cells and "'" + NAME in cells
    assert_csv_is_inert(cells)
    again = hostile.client.post(
        "/imports",
        files={"file": ("export.zip", response.content, "application/zip")},
        headers=hostile.headers("admin"),
    )
    assert again.status_code == 201, again.text
    assert again.json()["changed"] == 0
    assert hostile.services.store.get_project("p-roubaix").title == TITLE  # type: ignore[union-attr]


def test_the_dataset_workbook_holds_formulas_as_text(hostile: Api) -> None:
    assert_xlsx_is_inert(workbook_bytes(hostile.services.store.export_dataset()), TITLE, NAME)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_each_formula_start_gets_a_quote_that_reading_removes(start: str) -> None:
    text = f"{start}1+1"
    assert guard_csv(text) == "'" + text
    assert unguard_csv(guard_csv(text)) == text
    assert unguard_csv(guard_csv("'" + text)) == "'" + text


def test_numbers_and_plain_text_are_written_as_they_are() -> None:
    assert guard_csv(-0.5) == -0.5
    assert guard_csv(3) == 3
    assert guard_csv("Mission Locale - Roubaix") == "Mission Locale - Roubaix"


def test_a_workbook_row_keeps_text_as_text_and_drops_what_xlsx_cannot_hold() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    append_row(sheet, ["=1+1", "+1", "ok\x01", 2.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert read is not None
    assert [(c.value, c.data_type) for c in read[1]] == [
        ("=1+1", "s"),
        ("+1", "s"),
        ("ok\ufffd", "s"),
        (2.5, "n"),
    ]
