"""The data·inclusion loader on fixtures shaped like the published files, JSON and CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from data_inclusion.schema import v1

from graph_service.domain.validation import InvalidInput
from loaders.data_inclusion import read_files
from loaders.data_inclusion.files import parse_list

FIXTURES = Path(__file__).parent / "fixtures"
STRUCTURES = FIXTURES / "structures.json"
SERVICES = FIXTURES / "services.json"


def test_the_fixtures_are_rows_the_schema_package_reads_except_the_two_meant_to_fail() -> None:
    # The published shape: a JSON array of objects with the schema's fields.
    structures = json.loads(STRUCTURES.read_text("utf-8"))
    assert isinstance(structures, list)
    assert set(structures[0]) >= set(v1.Structure.model_fields)
    failing = []
    for row in structures:
        try:
            v1.Structure.model_validate(row)
        except ValueError:
            failing.append(row["id"])
    # One invalid row (name too short, no date) and one with a network unknown to the schema.
    assert failing == ["soliguide--nouveaux-horizons", "dora--invalide"]


def test_json_structures_and_services_are_counted_rejected_and_warned_by_id() -> None:
    records = read_files(STRUCTURES, SERVICES)
    assert records.rows_read == {"structures": 13, "services": 7}
    assert len(records.structures) == 12 and len(records.services) == 6
    assert records.rejected_ids == {"structures": ["dora--invalide"], "services": ["dora--svc-invalide"]}
    # The invalid structure has two faults, each named with its file, row and field.
    located = {(e.file, e.row, e.column) for e in records.rejected}
    assert ("structures.json", 8, "nom") in located and ("structures.json", 8, "date_maj") in located
    assert ("services.json", 5, "publics") in located
    assert all(e.message.startswith("id ") for e in records.rejected)
    too_short = next(e for e in records.rejected if e.column == "nom")
    assert (
        too_short.message == "id dora--invalide : champ « nom » invalide (valeur « AB ») : texte trop court"
    )
    assert "at least 3 characters" in too_short.message_en
    # An unknown network or theme drops the value, warned, and keeps the row.
    warned = sorted((e.column, e.message.split(" : ")[0]) for e in records.warnings)
    assert warned == [
        ("reseaux_porteurs", "id soliguide--nouveaux-horizons"),
        ("thematiques", "id soliguide--svc-horizons"),
    ]
    horizons = next(s for s in records.structures if s.id == "soliguide--nouveaux-horizons")
    assert horizons.networks == ()


def test_accents_and_the_closed_flag_survive_the_reading() -> None:
    records = read_files(STRUCTURES, SERVICES)
    names = {s.id: s for s in records.structures}
    assert names["dora--epicerie-mesanges"].name == "Épicerie solidaire « Les Mésanges » (fictive)"
    assert names["france-travail--agence-denain-nord"].closed is True
    assert names["dora--cs-corons"].closed is False
    assert names["dora--sans-commune"].commune is None


def test_the_csv_files_give_the_same_records_as_the_json_files() -> None:
    from_json = read_files(STRUCTURES, SERVICES)
    from_csv = read_files(FIXTURES / "structures.csv", FIXTURES / "services.csv")
    strip = lambda records: [{**vars_of(r), "row": None} for r in records]  # noqa: E731
    assert strip(from_csv.structures) == strip(from_json.structures)
    assert strip(from_csv.services) == strip(from_json.services)
    assert from_csv.rejected_ids == from_json.rejected_ids
    assert len(from_csv.warnings) == len(from_json.warnings)


def vars_of(record: object) -> dict[str, object]:
    return {name: getattr(record, name) for name in record.__slots__}  # type: ignore[attr-defined]


def test_strict_turns_the_unknown_values_into_rejections() -> None:
    records = read_files(STRUCTURES, SERVICES, strict=True)
    assert "soliguide--nouveaux-horizons" in records.rejected_ids["structures"]
    assert records.warnings == []


@pytest.mark.parametrize(
    ("cell", "values"),
    [
        ("['mission-locale', 'plie']", ["mission-locale", "plie"]),
        ('["mission-locale","plie"]', ["mission-locale", "plie"]),
        ("{mission-locale,plie}", ["mission-locale", "plie"]),
        ("mission-locale|plie", ["mission-locale", "plie"]),
        ("mission-locale", ["mission-locale"]),
        ("[]", []),
    ],
)
def test_a_csv_list_cell_is_read_in_every_encoding_the_exports_use(cell: str, values: list[str]) -> None:
    assert parse_list(cell) == values


def test_a_file_that_is_not_an_array_is_refused_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "structures.json"
    bad.write_text('{"nom": "x"}', "utf-8")
    with pytest.raises(InvalidInput) as caught:
        read_files(bad, None)
    assert caught.value.errors[0].file == "structures.json"
    assert caught.value.errors[0].code == "not_a_list"


def test_broken_json_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "services.json"
    bad.write_text('[\n{"id": 1,\n', "utf-8")
    with pytest.raises(InvalidInput) as caught:
        read_files(None, bad)
    assert caught.value.errors[0].code == "invalid_json"
    assert caught.value.errors[0].row is not None
