"""Hostile files are refused early, in bounded memory, with one clear French error each.

Every file is built by :mod:`tests.support.hostile`, small enough for CI; the limits are lowered
where the issue's sizes (a 20 MB workbook of 4 million rows) would make the test slow, and the
benchmark ``benchmarks/hostile_bench.py`` runs those sizes.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import defusedxml
import openpyxl
import pytest

from graph_service.domain.errors import FileTooLarge
from graph_service.domain.validation import MAX_REPORTED_ERRORS, InvalidInput
from loaders import Limits, load_bytes
from loaders.json_loader import nesting_depth
from tests.support.hostile import (
    bad_rows_csv,
    billion_laughs_workbook,
    external_entity_workbook,
    long_number_json,
    nested_json,
    shared_strings,
    sheet_rows,
    workbook_bytes,
)


def codes(excinfo: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [error.code for error in excinfo.value.errors]


@pytest.mark.parametrize("depth", [33, 5_000, 1_000_000])
def test_json_nested_past_the_depth_limit_is_refused_before_parsing(depth: int) -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(nested_json(depth), "profond.json")
    assert codes(excinfo) == ["too_deep"]
    assert "32 niveaux" in excinfo.value.errors[0].message


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = '{"organisations": [{"id": "o", "name": "' + "[{" * 100 + '", "sector": "social"}]}'
    assert nesting_depth(text, 32) == 3  # the document, its table, the organisation
    loaded = load_bytes(text.encode(), "crochets.json")
    assert loaded.dataset.organisations[0].name.startswith("[{[{")


def test_the_depth_count_stops_at_the_limit_on_an_unterminated_string() -> None:
    text = '{"a": "' + "[" * 100 + "]" * 100  # no closing quote: the brackets are not in a string
    assert nesting_depth(text, 10) == 11


def test_a_five_thousand_digit_number_is_refused_while_parsing() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(long_number_json(5_000), "nombre.json")
    assert codes(excinfo) == ["number_too_long"]
    assert "5000 caractères" in excinfo.value.errors[0].message


def test_nan_is_not_json() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(b'{"organisations": [NaN]}', "nan.json")
    assert codes(excinfo) == ["invalid_json"]


def test_openpyxl_parses_workbooks_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


def test_openpyxl_alone_refuses_the_billion_laughs_with_defusedxml() -> None:
    # The second line of defence, behind the loader's own scan: defusedxml forbids the entities.
    with pytest.raises(ValueError) as excinfo:
        openpyxl.load_workbook(io.BytesIO(billion_laughs_workbook()), read_only=True)
    assert isinstance(excinfo.value.__cause__, defusedxml.DefusedXmlException)


@pytest.mark.parametrize("build", [billion_laughs_workbook, external_entity_workbook])
def test_a_workbook_declaring_entities_is_refused(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(build(), "entites.xlsx")
    assert codes(excinfo) == ["xml_entities"]
    assert excinfo.value.errors[0].file == "entites.xlsx"


def test_the_hand_built_workbook_is_read_when_within_the_limits() -> None:
    loaded = load_bytes(workbook_bytes(sheet_rows(1)), "petit.xlsx")
    assert [o.id for o in loaded.dataset.organisations] == ["org"]


def test_a_workbook_of_more_rows_than_allowed_is_refused_while_streaming_in_bounded_memory() -> None:
    # 100,000 rows without <dimension>: 8.6 MB of sheet XML, 0.2 MB zipped, refused at row 20,001
    # (the default limit is 200,000; the benchmark runs the 4 million rows of the issue).
    data = workbook_bytes(sheet_rows(100_000))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        inflated = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    tracemalloc.start()
    try:
        with pytest.raises(FileTooLarge) as excinfo:
            load_bytes(data, "lignes.xlsx", limits=Limits(max_rows=20_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "plus de 20 000 lignes" in excinfo.value.message
    assert "PARTNERSHIP_GRAPH_MAX_ROWS" in excinfo.value.message
    # Streamed: the peak is a small fraction of the sheet's XML, never the sheet itself.
    assert peak < inflated / 10, (peak, inflated)


def test_a_workbook_of_more_cells_than_allowed_is_refused() -> None:
    with pytest.raises(FileTooLarge) as excinfo:
        load_bytes(workbook_bytes(sheet_rows(50)), "cellules.xlsx", limits=Limits(max_cells=100))
    assert "plus de 100 cellules" in excinfo.value.message


def test_a_workbook_of_too_many_shared_strings_is_refused() -> None:
    data = workbook_bytes(strings=shared_strings(extra=5_000))
    with pytest.raises(FileTooLarge) as excinfo:
        load_bytes(data, "textes.xlsx", limits=Limits(max_shared_strings=1_000))
    assert "textes distincts" in excinfo.value.message


def test_shared_strings_inflating_past_the_uncompressed_limit_are_refused_on_their_declared_size() -> None:
    # 20 MB of shared strings zipped into about 40 KB; the limit here is 10 MB.
    data = workbook_bytes(strings=shared_strings(extra=20_000, extra_length=1_000))
    assert len(data) < 200_000
    with pytest.raises(FileTooLarge) as excinfo:
        load_bytes(data, "gonfle.xlsx", limits=Limits(max_uncompressed_bytes=10 * 1024 * 1024))
    assert "décompressé" in excinfo.value.message
    assert "PARTNERSHIP_GRAPH_MAX_UNCOMPRESSED_MB" in excinfo.value.message


def test_a_csv_of_more_rows_than_allowed_is_refused() -> None:
    with pytest.raises(FileTooLarge) as excinfo:
        load_bytes(bad_rows_csv(30), "organisations.csv", limits=Limits(max_rows=20))
    assert "plus de 20 lignes" in excinfo.value.message


def test_the_rows_of_a_bundle_count_together() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("organisations.csv", bad_rows_csv(15))
        archive.writestr(
            "territories.csv", "code;name;level\r\n" + "".join(f"{n:05};T;commune\r\n" for n in range(15))
        )
    with pytest.raises(FileTooLarge):
        load_bytes(buffer.getvalue(), "lot.zip", limits=Limits(max_rows=20))


def test_a_zip_inflating_past_the_uncompressed_limit_is_refused_before_reading() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("organisations.csv", "id;name;sector\r\n" + " " * 3_000_000)
    with pytest.raises(FileTooLarge):
        load_bytes(buffer.getvalue(), "lot.zip", limits=Limits(max_uncompressed_bytes=1_000_000))


def test_a_file_with_thousands_of_errors_reports_the_first_ones_and_counts_them_all() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(bad_rows_csv(2_500), "organisations.csv")
    assert len(excinfo.value.errors) == MAX_REPORTED_ERRORS
    assert excinfo.value.total == 2_500
    assert excinfo.value.errors[0].row == 2  # the first errors, in file order


def test_a_corrupt_deflate_stream_is_an_unreadable_workbook() -> None:
    data = bytearray(workbook_bytes(sheet_rows(2_000)))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + 200
    data[start : start + 64] = b"\x00" * 64
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(bytes(data), "abime.xlsx")
    assert codes(excinfo) == ["bad_xlsx"]
