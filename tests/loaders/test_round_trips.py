"""Every tabular format gives back the dataset it was written from, on the whole demo territory."""

from __future__ import annotations

from pathlib import Path

from graph_service.services.demo import demo_dataset
from loaders import load_bytes, load_path
from loaders.csv_bundle import csv_bundle_zip, write_csv_bundle
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
