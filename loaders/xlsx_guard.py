"""A workbook read once, streamed, before openpyxl opens it: entities refused, rows and cells counted.

openpyxl parses a workbook's XML with ``defusedxml`` when it is installed (it is a dependency), which
refuses entity declarations; this pass adds what openpyxl does not bound. Every XML part of the
archive goes through expat in small chunks: a document type declaration or an entity is refused
(billion laughs, external entities), and rows, cells and shared strings are counted as they stream
by, so a sheet of four million rows without a ``<dimension>`` is refused after the first
:attr:`~loaders.limits.Limits.max_rows`, in bounded memory, before openpyxl reads anything.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

from graph_service.domain.validation import InputError, InvalidInput
from loaders.limits import Limits, check_uncompressed, too_many_cells, too_many_rows, too_many_strings

CHUNK = 64 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")
WORKSHEETS = "xl/worksheets/"
SHARED_STRINGS = "xl/sharedstrings.xml"


class _Refused(Exception):
    """Raised inside an expat handler to stop the parse; carries what to tell the person."""

    def __init__(self, error: Exception) -> None:
        self.error = error


def _entities(name: str) -> InvalidInput:
    return InvalidInput(
        [
            InputError(
                code="xml_entities",
                message="classeur refusé : son XML déclare un type de document ou des entités, ce "
                "qu'Excel et LibreOffice n'écrivent jamais ; enregistrez-le à nouveau depuis votre tableur",
                message_en="workbook refused: its XML declares a DTD or entities",
                file=name,
            )
        ]
    )


@dataclass
class _Counts:
    rows: int = 0
    cells: int = 0
    strings: int = 0
    inflated: int = 0


def _local(tag: str) -> str:
    return tag[tag.rfind(":") + 1 :]


def _scan_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits, counts: _Counts
) -> None:
    part = info.filename.lower()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_declaration(*_: object) -> Any:
        raise _Refused(_entities(name))

    parser.StartDoctypeDeclHandler = refuse_declaration
    parser.EntityDeclHandler = refuse_declaration
    parser.ExternalEntityRefHandler = refuse_declaration
    if part.startswith(WORKSHEETS):

        def count_cells(tag: str, _: object) -> None:
            local = _local(tag)
            if local == "c":
                counts.cells += 1
                if counts.cells > limits.max_cells:
                    raise _Refused(too_many_cells(name, limits))
            elif local == "row":
                counts.rows += 1
                if counts.rows > limits.max_rows:
                    raise _Refused(too_many_rows(name, limits))

        parser.StartElementHandler = count_cells
    elif part == SHARED_STRINGS:

        def count_strings(tag: str, _: object) -> None:
            if _local(tag) == "si":
                counts.strings += 1
                if counts.strings > limits.max_shared_strings:
                    raise _Refused(too_many_strings(name, limits))

        parser.StartElementHandler = count_strings
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                counts.inflated += len(chunk)
                check_uncompressed(counts.inflated, name, limits)
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Refused as refused:
        raise refused.error from None
    except expat.ExpatError as exc:
        raise InvalidInput(
            [
                InputError(
                    code="bad_xlsx",
                    message=f"classeur XLSX illisible : XML invalide dans « {info.filename} » "
                    f"(ligne {exc.lineno}) ; enregistrez-le depuis Excel ou LibreOffice au format .xlsx",
                    message_en=f"unreadable XLSX workbook: invalid XML in {info.filename}: {exc}",
                    file=name,
                )
            ]
        ) from None


def inspect_workbook(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Stream every XML part of a workbook once; raise at the first bound passed or entity declared.

    Raises
    ------
    FileTooLarge
        Over :attr:`Limits.max_rows`, :attr:`Limits.max_cells`, :attr:`Limits.max_shared_strings`
        or :attr:`Limits.max_uncompressed_bytes` (413 through the API).
    InvalidInput
        ``xml_entities`` for a document type or entity declaration, ``bad_xlsx`` for broken XML.
    """
    counts = _Counts()
    for info in archive.infolist():
        if info.filename.lower().endswith(XML_SUFFIXES):
            _scan_part(archive, info, name, limits, counts)


__all__ = ["inspect_workbook"]
