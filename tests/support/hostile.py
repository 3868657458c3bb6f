"""Hostile files, built small: what an attacker or a broken tool uploads, as fixtures for the tests.

Each builder writes the XML or JSON by hand so the file holds exactly the hostile part; the sizes
are parameters, kept small in the tests and raised to the issue's sizes by the benchmark.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="organisations" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = ("id", "name", "sector")


def _cell(column: str, row: int, shared: int) -> str:
    return f'<c r="{column}{row}" t="s"><v>{shared}</v></c>'


def sheet_rows(rows: int) -> Iterator[bytes]:
    """A worksheet without ``<dimension>``: the header, then ``rows`` organisations, in pieces."""
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}"><sheetData>'.encode()
    yield ('<row r="1">' + "".join(_cell(c, 1, i) for i, c in enumerate("ABC")) + "</row>").encode()
    for row in range(2, rows + 2):
        yield (f'<row r="{row}">{_cell("A", row, 3)}{_cell("B", row, 4)}{_cell("C", row, 5)}</row>').encode()
    yield b"</sheetData></worksheet>"


def shared_strings(extra: int = 0, extra_length: int = 1, prologue: str = "") -> Iterator[bytes]:
    """The six texts the sheet uses, then ``extra`` texts of ``extra_length`` characters."""
    texts = [*HEADER, "org", "Organisation", "social"]
    yield (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prologue}<sst xmlns="{MAIN}" count="{len(texts) + extra}">'
    ).encode()
    yield "".join(f"<si><t>{text}</t></si>" for text in texts).encode()
    filler = ("<si><t>" + "x" * extra_length + "</t></si>").encode()
    batch = max(1, 65536 // len(filler))
    for start in range(0, extra, batch):
        yield filler * min(batch, extra - start)
    yield b"</sst>"


def workbook_bytes(sheet: Iterator[bytes] | None = None, strings: Iterator[bytes] | None = None) -> bytes:
    """A minimal XLSX (one ``organisations`` sheet) whose parts are streamed into the archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, parts in (
            ("xl/worksheets/sheet1.xml", sheet or sheet_rows(1)),
            ("xl/sharedStrings.xml", strings or shared_strings()),
        ):
            with archive.open(name, "w", force_zip64=True) as member:
                for part in parts:
                    member.write(part)
    return buffer.getvalue()


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'


def billion_laughs_workbook() -> bytes:
    """Shared strings declaring nine levels of entities: 10⁹ « lol » if expanded (about 3 GB)."""
    return workbook_bytes(strings=shared_strings(prologue=BILLION_LAUGHS))


def external_entity_workbook() -> bytes:
    """Shared strings declaring an entity read from a file of the server."""
    return workbook_bytes(strings=shared_strings(prologue=EXTERNAL_ENTITY))


def nested_json(depth: int) -> bytes:
    """A JSON document of ``depth`` nested arrays, as a parser's recursion would meet it."""
    return b'{"organisations": ' + b"[" * depth + b"]" * depth + b"}"


def long_number_json(digits: int) -> bytes:
    """An organisation whose SIRET is a number of ``digits`` digits."""
    organisation = {"id": "o", "name": "O", "sector": "social", "siret": 0}
    return (
        json.dumps({"organisations": [organisation]})
        .replace('"siret": 0', '"siret": ' + "7" * digits)
        .encode()
    )


def bad_rows_csv(rows: int) -> bytes:
    """An ``organisations.csv`` whose every row has an unknown sector: one error per row."""
    lines = ["id;name;sector", *(f"o{n};Organisation {n};boulangerie" for n in range(rows))]
    return ("\r\n".join(lines) + "\r\n").encode()


__all__ = [
    "bad_rows_csv",
    "billion_laughs_workbook",
    "external_entity_workbook",
    "long_number_json",
    "nested_json",
    "shared_strings",
    "sheet_rows",
    "workbook_bytes",
]
