"""The CSV bundle: good files read, bad files reported at their file, row and column."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from graph_service.domain.errors import FileTooLarge
from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from loaders import load_bytes, load_path
from loaders.csv_bundle import csv_bundle_files, csv_bundle_zip, write_csv_bundle
from tests.support.datasets import make_siret, small_region, small_region_document

ORGANISATIONS = "id;name;sector;siret;stages\nasso-x;Association X;social;;reperage|mobilisation\nml-y;Mission Locale Y;employment;;accompagnement\n"
PROJECTS = "id;title;call;lead;territories\np-1;Projet 1;aap-2019;asso-x;\n"
PARTNERS = "project;organisation;commitment;role;stages\np-1;ml-y;convention;suivi;accompagnement\n"


def write_bundle(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


def zip_of(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def errors_of(excinfo: pytest.ExceptionInfo[InvalidInput]) -> list[InputError]:
    return excinfo.value.errors


def only_error(excinfo: pytest.ExceptionInfo[InvalidInput]) -> InputError:
    errors = errors_of(excinfo)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


# Round trips


def test_a_bundle_written_to_a_folder_reads_back_as_the_same_dataset(tmp_path: Path) -> None:
    dataset = small_region()
    write_csv_bundle(dataset, tmp_path / "bundle")
    assert load_path(tmp_path / "bundle").dataset == dataset


def test_a_zipped_bundle_reads_back_as_the_same_dataset() -> None:
    dataset = small_region()
    loaded = load_bytes(csv_bundle_zip(dataset), "export.zip")
    assert loaded.dataset == dataset
    assert loaded.format == "csv"
    assert (
        "organisations.csv : UTF-8 avec BOM, séparateur « ; », fins de ligne Windows (CRLF)"
        in loaded.detected
    )


def test_written_files_open_in_french_excel_with_bom_semicolons_and_crlf() -> None:
    content = csv_bundle_files(small_region())["territories.csv"]
    assert content.startswith(b"\xef\xbb\xbfcode;name;level;parent\r\n")


def test_a_partner_with_explicitly_no_stages_stays_apart_from_one_with_null_stages() -> None:
    document = small_region_document()
    document["projects"][0]["partners"][0]["stages"] = []
    dataset = Dataset.model_validate(document)
    partners_csv = csv_bundle_files(dataset)["partners.csv"].decode("utf-8-sig")
    assert "p-roubaix;ml-roubaix;convention;accompagnement des jeunes repérés;|\r\n" in partners_csv
    back = load_bytes(csv_bundle_zip(dataset), "b.zip").dataset
    assert back.projects[0].partners[0].stages == []
    assert back.projects[0].partners[1].stages is None
    assert back == dataset


# Reading what people write


def test_windows_1252_accents_and_crlf_are_decoded_and_reported(tmp_path: Path) -> None:
    text = "id;name;sector\r\ncentre-social;Centre social Équinoxe — Hélène Boucher;social\r\n"
    write_bundle(tmp_path / "b", {"organisations.csv": text.encode("cp1252")})
    loaded = load_path(tmp_path / "b")
    assert loaded.dataset.organisations[0].name == "Centre social Équinoxe — Hélène Boucher"
    assert loaded.detected == [
        "organisations.csv : Windows-1252, séparateur « ; », fins de ligne Windows (CRLF)"
    ]


def test_a_utf8_bom_does_not_stick_to_the_first_column_name(tmp_path: Path) -> None:
    write_bundle(tmp_path / "b", {"organisations.csv": b"\xef\xbb\xbf" + ORGANISATIONS.encode()})
    loaded = load_path(tmp_path / "b")
    assert [o.id for o in loaded.dataset.organisations] == ["asso-x", "ml-y"]
    assert loaded.detected == [
        "organisations.csv : UTF-8 avec BOM, séparateur « ; », fins de ligne Unix (LF)"
    ]


@pytest.mark.parametrize(("separator", "said"), [(",", "« , »"), ("\t", "tabulation"), (";", "« ; »")])
def test_comma_tab_and_semicolon_separators_are_detected(separator: str, said: str) -> None:
    text = ORGANISATIONS.replace(";", separator).replace("\n", "\r")
    loaded = load_bytes(text.encode(), "organisations.csv")
    assert loaded.dataset.organisations[0].stages[1].value == "mobilisation"
    assert loaded.detected == [f"organisations.csv : UTF-8, séparateur {said}, fins de ligne Mac ancien (CR)"]


def test_cells_holding_the_separator_or_line_breaks_in_quotes_are_read_whole() -> None:
    text = 'id,name,sector\nasso-x,"Asso X, Roubaix",social\nml-y,"Mission\nLocale",employment\nbad,B,nope\n'
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(text.encode(), "organisations.csv")
    error = only_error(excinfo)
    # The quoted line break keeps "Mission Locale" on spreadsheet row 3, so "bad" is row 4.
    assert (error.file, error.row, error.column, error.code) == (
        "organisations.csv",
        4,
        "sector",
        "unknown_code",
    )


def test_empty_cells_give_null_and_empty_lists_and_french_booleans_are_understood() -> None:
    ties = "source;target;kind;formal;strength;project\nasso-x;ml-y;orientation;VRAI;;\nml-y;asso-x;convention;non;3;\n"
    loaded = load_bytes(zip_of({"organisations.csv": ORGANISATIONS, "ties.csv": ties}), "b.zip")
    first, second = loaded.dataset.ties
    assert (first.formal, first.strength, first.project) == (True, 1, None)
    assert (second.formal, second.strength) == (False, 3)
    assert loaded.dataset.organisations[1].siret is None
    assert loaded.dataset.organisations[1].barriers == []


def test_blank_lines_are_skipped_but_counted_in_row_numbers() -> None:
    text = "id;name;sector\n\nasso-x;X;social\n;;\nml-y;Y;nowhere\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(text.encode(), "organisations.csv")
    assert only_error(excinfo).row == 5


def test_a_single_csv_named_like_a_table_is_a_one_table_bundle() -> None:
    loaded = load_bytes(ORGANISATIONS.encode(), "Organisations.CSV")
    assert len(loaded.dataset.organisations) == 2
    assert loaded.dataset.projects == []


def test_a_bundle_zipped_with_its_folder_and_system_files_is_read() -> None:
    data = zip_of(
        {
            "mon-lot/organisations.csv": ORGANISATIONS,
            "mon-lot/projects.csv": PROJECTS,
            "mon-lot/partners.csv": PARTNERS,
            "__MACOSX/mon-lot/._organisations.csv": b"\x00\x05",
            "mon-lot/.DS_Store": b"\x00",
        }
    )
    project = load_bytes(data, "lot.zip").dataset.projects[0]
    assert project.partners[0].organisation == "ml-y"
    assert project.partners[0].role == "suivi"


# Bad files


def test_utf16_is_refused_as_a_bad_encoding_naming_the_file() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(ORGANISATIONS.encode("utf-16"), "organisations.csv")
    error = only_error(excinfo)
    assert (error.code, error.file) == ("bad_encoding", "organisations.csv")


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_a_bad_encoding() -> None:
    # 0x81 is undefined in Windows-1252 and cannot start a UTF-8 sequence.
    data = b"id;name;sector\nasso-x;Asso \x81;social\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(zip_of({"organisations.csv": data}), "b.zip")
    error = only_error(excinfo)
    assert (error.code, error.file) == ("bad_encoding", "organisations.csv")
    assert "0x81" in error.message


def test_a_separator_that_is_none_of_the_three_reads_as_one_column_and_says_so() -> None:
    text = "id|name|sector\nasso-x|X|social\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(text.encode(), "organisations.csv")
    error = only_error(excinfo)
    assert (error.code, error.file, error.row, error.column) == (
        "wrong_separator",
        "organisations.csv",
        1,
        "id|name|sector",
    )


def test_a_missing_required_column_names_the_file_and_the_column(tmp_path: Path) -> None:
    write_bundle(tmp_path / "b", {"organisations.csv": "id;name\nasso-x;X\n"})
    with pytest.raises(InvalidInput) as excinfo:
        load_path(tmp_path / "b")
    error = only_error(excinfo)
    assert (error.code, error.file, error.row, error.column) == (
        "missing_column",
        "organisations.csv",
        1,
        "sector",
    )


def test_an_unknown_column_names_the_file_and_the_column() -> None:
    text = "id;name;sector;Téléphone\nasso-x;X;social;0320000000\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(text.encode(), "organisations.csv")
    error = only_error(excinfo)
    assert (error.code, error.file, error.column) == ("unknown_column", "organisations.csv", "téléphone")


def test_an_unknown_code_in_a_list_cell_points_at_its_row_and_column() -> None:
    text = ORGANISATIONS.replace("reperage|mobilisation", "reperage|teleportation")
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(text.encode(), "organisations.csv")
    error = only_error(excinfo)
    assert (error.code, error.file, error.row, error.column) == (
        "unknown_code",
        "organisations.csv",
        2,
        "stages",
    )
    assert "teleportation" in error.message


def test_a_dangling_lead_points_at_the_projects_row() -> None:
    projects = PROJECTS + "p-2;Projet 2;aap-2019;fantome;\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(zip_of({"organisations.csv": ORGANISATIONS, "projects.csv": projects}), "b.zip")
    error = only_error(excinfo)
    assert (error.code, error.file, error.row, error.column) == (
        "dangling_reference",
        "projects.csv",
        3,
        "lead",
    )


def test_a_known_id_of_the_store_is_not_dangling() -> None:
    projects = PROJECTS + "p-2;Projet 2;aap-2019;in-store;\n"
    known = KnownIds(organisations={"in-store"})
    loaded = load_bytes(
        zip_of({"organisations.csv": ORGANISATIONS, "projects.csv": projects}), "b.zip", known=known
    )
    assert loaded.dataset.projects[1].lead == "in-store"


def test_partner_problems_point_at_the_row_of_partners_csv() -> None:
    # Two projects: a project with a malformed partner is not cross-checked, so the dangling
    # partner must sit in the other one to be reported too.
    projects = PROJECTS + "p-2;Projet 2;aap-2019;asso-x;\n"
    partners = PARTNERS + "p-1;fantome;convention;;\np-2;ml-y;signée;;\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(
            zip_of({"organisations.csv": ORGANISATIONS, "projects.csv": projects, "partners.csv": partners}),
            "b.zip",
        )
    located = {(e.code, e.file, e.row, e.column) for e in errors_of(excinfo)}
    assert located == {
        ("dangling_reference", "partners.csv", 3, "organisation"),
        ("unknown_code", "partners.csv", 4, "commitment"),
    }


def test_a_partner_of_a_project_missing_from_the_bundle_is_reported_at_its_row() -> None:
    partners = PARTNERS + "p-9;ml-y;convention;;\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(
            zip_of({"organisations.csv": ORGANISATIONS, "projects.csv": PROJECTS, "partners.csv": partners}),
            "b.zip",
        )
    error = only_error(excinfo)
    assert (error.code, error.file, error.row, error.column) == (
        "dangling_reference",
        "partners.csv",
        3,
        "project",
    )


def test_a_duplicate_id_points_at_its_second_row() -> None:
    text = ORGANISATIONS + "asso-x;Encore X;social;;\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(text.encode(), "organisations.csv")
    error = only_error(excinfo)
    assert (error.code, error.file, error.row, error.column) == ("duplicate_id", "organisations.csv", 4, "id")


def test_an_invalid_siret_points_at_the_siret_column() -> None:
    siret = make_siret(7)
    wrong = siret[:-1] + str((int(siret[-1]) + 1) % 10)
    text = f"id;name;sector;siret\nasso-x;X;social;{siret}\nml-y;Y;employment;{wrong}\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(text.encode(), "organisations.csv")
    error = only_error(excinfo)
    assert (error.code, error.row, error.column) == ("invalid_siret", 3, "siret")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n  \r\n"])
def test_an_empty_file_is_an_error_naming_it(content: bytes) -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(zip_of({"organisations.csv": ORGANISATIONS, "ties.csv": content}), "b.zip")
    error = only_error(excinfo)
    assert (error.code, error.file) == ("empty_file", "ties.csv")


def test_an_empty_zip_is_an_error() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(zip_of({}), "rien.zip")
    assert only_error(excinfo).code == "empty_file"


def test_a_ten_thousand_character_cell_is_refused_at_its_row_and_column() -> None:
    text = f"id;name;sector\nasso-x;{'A' * 10_000};social\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(text.encode(), "organisations.csv")
    error = only_error(excinfo)
    assert (error.code, error.row, error.column) == ("too_long", 2, "name")
    assert "10000 caractères" in error.message


def test_a_cell_past_the_csv_field_limit_is_refused_at_its_line() -> None:
    text = f"id;name;sector\nasso-x;X;social\nml-y;{'B' * 200_000};employment\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(text.encode(), "organisations.csv")
    error = only_error(excinfo)
    assert (error.code, error.file, error.row) == ("malformed_csv", "organisations.csv", 3)
    assert error.message == "cellule de plus de 131072 caractères"


def test_an_unknown_file_name_in_a_bundle_is_an_error_naming_it(tmp_path: Path) -> None:
    write_bundle(tmp_path / "b", {"organisations.csv": ORGANISATIONS, "structures.csv": ORGANISATIONS})
    with pytest.raises(InvalidInput) as excinfo:
        load_path(tmp_path / "b")
    error = only_error(excinfo)
    assert (error.code, error.file) == ("unknown_file", "structures.csv")


def test_a_row_with_more_cells_than_columns_is_reported() -> None:
    text = "id;name;sector\nasso-x;Asso; Roubaix;social\n"
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(text.encode(), "organisations.csv")
    error = only_error(excinfo)
    assert (error.code, error.row) == ("extra_cells", 2)


def test_a_file_of_a_folder_over_the_limit_is_refused(tmp_path: Path) -> None:
    write_bundle(tmp_path / "b", {"organisations.csv": ORGANISATIONS + "x" * 2000})
    with pytest.raises(FileTooLarge) as excinfo:
        load_path(tmp_path / "b", max_bytes=1000)
    assert "organisations.csv" in str(excinfo.value)


def test_a_zip_whose_member_inflates_over_the_limit_is_refused_before_reading_it() -> None:
    # A megabyte of one repeated byte compresses to about a kilobyte: the zip passes the limit.
    data = zip_of({"organisations.csv": ORGANISATIONS + ";" * 1_000_000})
    assert len(data) < 10_000
    with pytest.raises(FileTooLarge) as excinfo:
        load_bytes(data, "bombe.zip", max_bytes=100_000)
    assert "bombe.zip/organisations.csv" in str(excinfo.value)


def test_a_zip_over_the_limit_is_refused() -> None:
    with pytest.raises(FileTooLarge):
        load_bytes(zip_of({"organisations.csv": ORGANISATIONS}), "b.zip", max_bytes=10)


def test_an_unreadable_zip_is_an_error_naming_it() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(b"PK not really", "b.zip")
    error = only_error(excinfo)
    assert (error.code, error.file) == ("bad_zip", "b.zip")


@pytest.mark.parametrize(
    "member",
    [
        "/etc/organisations.csv",
        "../organisations.csv",
        "lot/../../organisations.csv",
        "C:\\lot\\organisations.csv",
    ],
)
def test_a_zip_member_pointing_outside_the_archive_is_refused_before_anything_is_read(member: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "id;name;sector\r\nasso;Asso;social\r\n")
    with pytest.raises(InvalidInput) as raised:
        load_bytes(buffer.getvalue(), "lot.zip")
    [error] = raised.value.errors
    assert error.code == "unsafe_zip_path"
    assert error.file == "lot.zip"
    assert member in error.message and "chemin refusé" in error.message
