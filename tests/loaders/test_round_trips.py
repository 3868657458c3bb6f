"""Every tabular format gives back the dataset it was written from, on the whole demo territory."""

from __future__ import annotations

from pathlib import Path

from graph_service.domain.models import Dataset
from graph_service.services.demo import demo_dataset
from loaders import load_bytes, load_path
from loaders.csv_bundle import csv_bundle_files, csv_bundle_zip, write_csv_bundle
from loaders.xlsx_loader import workbook_bytes, write_workbook


def test_the_demo_survives_a_zipped_csv_bundle() -> None:
    dataset = demo_dataset()
    assert load_bytes(csv_bundle_zip(dataset), "demo.zip").dataset == dataset


def test_the_demo_survives_a_csv_folder(tmp_path: Path) -> None:
    dataset = demo_dataset()
    write_csv_bundle(dataset, tmp_path / "demo")
    assert load_path(tmp_path / "demo").dataset == dataset


def test_the_demo_survives_a_workbook(tmp_path: Path) -> None:
    dataset = demo_dataset()
    write_workbook(dataset, tmp_path / "demo.xlsx")
    assert load_path(tmp_path / "demo.xlsx").dataset == dataset
    assert load_bytes(workbook_bytes(dataset), "demo.xlsx").dataset == dataset


def formula_like() -> Dataset:
    document = demo_dataset().to_document()
    document["organisations"][0]["name"] = '=HYPERLINK("http://example.invalid","clic")'
    document["organisations"][1]["name"] = "-2+3 Association"
    document["projects"][0]["title"] = "@Roubaix"
    document["projects"][0]["partners"][0]["role"] = "'=déjà entre apostrophes"
    return Dataset.model_validate(document)


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_guarded_and_read_back_as_typed() -> None:
    dataset = formula_like()
    organisations = csv_bundle_files(dataset)["organisations.csv"].decode("utf-8-sig")
    assert ';"\'=HYPERLINK(""http://example.invalid"",""clic"")";' in organisations
    assert ";'-2+3 Association;" in organisations
    assert load_bytes(csv_bundle_zip(dataset), "b.zip").dataset == dataset


def test_text_starting_with_an_equals_sign_stays_text_in_a_workbook() -> None:
    dataset = formula_like()
    assert load_bytes(workbook_bytes(dataset), "c.xlsx").dataset == dataset
