"""Identifiers a person can trust: one rule, in the domain model, for every loader and the API.

Letters (Latin, accented or not), digits, ``-``, ``_`` and ``.``, stored NFC. Each look-alike that
made two ids that read the same (issue 16) is refused with a French error naming the file, the
row and the field — or, for an accent typed decomposed, folded onto the composed id it looks like.
"""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pytest

from graph_service.demo.build_demo import build_document
from graph_service.domain.validation import InvalidInput, parse_document
from loaders import load_bytes
from loaders.tables import TABLE_COLUMNS

# What each look-alike would pass for, and the character that gives it away.
LOOK_ALIKES = {
    "zero-width space": ("ml\u200broubaix", "U+200B"),
    "fullwidth letters": ("ｍｌ-roubaix", "U+FF4D"),
    "Cyrillic o among Latin letters": ("ml-r\u043eubaix", "U+043E"),
    "right-to-left override": ("ml-\u202exiabuor", "U+202E"),
    "slash": ("ml/roubaix", "U+002F"),
    "space": ("ml roubaix", "U+0020"),
    "CSV separator": ("ml|roubaix", "U+007C"),
}


def organisation_document(identifier: str) -> dict[str, object]:
    return {
        "organisations": [
            {"id": "ok", "name": "A", "sector": "health"},
            {"id": identifier, "name": "B", "sector": "health"},
        ]
    }


def csv_zip(identifier: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "organisations.csv", f"id;name;sector\r\nok;A;health\r\n{identifier};B;health\r\n".encode()
        )
    return buffer.getvalue()


def workbook(identifier: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "organisations"
    names = [c.name for c in TABLE_COLUMNS["organisations"]]
    sheet.append(names)
    for row in (("ok", "A"), (identifier, "B")):
        values = dict(zip(("id", "name"), row, strict=True)) | {"sector": "health"}
        sheet.append([values.get(name) for name in names])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FILES = {
    "données.json": lambda identifier: json.dumps(organisation_document(identifier)).encode(),
    "lot.zip": csv_zip,
    "classeur.xlsx": workbook,
}


@pytest.mark.parametrize("file", FILES)
@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_a_look_alike_identifier_is_refused_naming_file_row_and_field(file: str, look_alike: str) -> None:
    identifier, code_point = LOOK_ALIKES[look_alike]
    with pytest.raises(InvalidInput) as raised:
        load_bytes(FILES[file](identifier), file)
    [error] = raised.value.errors
    assert error.code == "invalid_identifier"
    assert error.column == "id"
    assert error.row == (2 if file == "données.json" else 3)  # the entity's position; the sheet's line
    assert error.file == {"lot.zip": "organisations.csv"}.get(file, file)  # a bundle names its member
    assert code_point in error.message
    assert "lettres latines" in error.message
    assert "\u202e" not in error.message and "\u200b" not in error.message  # shown as <U+…>


def test_an_accent_typed_decomposed_is_the_composed_identifier() -> None:
    composed, decomposed = "\u00e9cole-2e-chance", "e\u0301cole-2e-chance"
    dataset = parse_document({"organisations": [{"id": decomposed, "name": "E2C", "sector": "education"}]})
    assert dataset.organisations[0].id == composed
    with pytest.raises(InvalidInput) as raised:
        parse_document(
            {
                "organisations": [
                    {"id": composed, "name": "E2C", "sector": "education"},
                    {"id": decomposed, "name": "E2C bis", "sector": "education"},
                ]
            },
            "deux.json",
        )
    assert [e.code for e in raised.value.errors] == ["duplicate_id"]


def test_references_are_held_to_the_same_rule() -> None:
    document = {
        "organisations": [{"id": "asso", "name": "A", "sector": "social"}],
        "projects": [{"id": "p-1", "title": "P", "call": "aap\u200b2019", "lead": "asso"}],
    }
    with pytest.raises(InvalidInput) as raised:
        parse_document(document, "p.json")
    assert [(e.sheet, e.column, e.code) for e in raised.value.errors] == [
        ("projects", "call", "invalid_identifier")
    ]


def test_every_identifier_of_the_demo_passes_the_rule() -> None:
    document = build_document()
    reparsed = parse_document(json.loads(json.dumps(document)), "demo.json")
    assert len(reparsed.organisations) > 10 and len(reparsed.projects) >= 8
