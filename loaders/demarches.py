"""The démarches-simplifiées export: applications and their partners, through a TOML mapping.

The platform exports an XLSX workbook with a ``Dossiers`` sheet (one row per application, one
column per field of the form, named by its label) and one sheet per repeated block (``Dossier ID``,
``Ligne``, then the block's fields; here one row per partner). Each procedure names its fields its
own way, so a small TOML file says which column holds what, and how displayed labels map to codes
(see ``examples/demarches/mapping.toml``).

Organisations are identified by their SIRET, which becomes their id; the SIRET is checked (14
digits, Luhn key) where it is read. Territories are referenced by INSEE code and must exist in the
store or in the files imported with the export.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from openpyxl.workbook.workbook import Workbook

from graph_service.domain.codes import normalise_siret, siret_valid
from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from graph_service.domain.vocabulary import Commitment, Sector, Stage, label
from loaders.demarches_mapping import LABEL_TABLES, DemarchesMapping, label_key, parse_mapping
from loaders.tables import Assembly, Column, Origin, cell_text, validate_assembly
from loaders.xlsx_loader import formula_error, open_workbook, sheet_rows

DOSSIERS_SHEET = "Dossiers"
_TEXT = Column("text")
_SIRET = Column("siret", code_width=14)
_TRAILING_CODE = re.compile(r"\(\s*([0-9A-Za-z]{2,9})\s*\)\s*$")

# Entity field → mapping key of the column it is read from, to locate validation problems.
_LEAD_FIELDS = {"id": "lead_siret", "siret": "lead_siret", "name": "lead_name", "sector": "lead_sector"}
_PROJECT_FIELDS = {
    "id": "id",
    "title": "title",
    "lead": "lead_siret",
    "territories": "territories",
    "publics": "publics",
}
_PARTNER_FIELDS = {
    "organisation": "siret",
    "commitment": "commitment",
    "role": "role",
    "stages": "stages",
    "id": "siret",
    "siret": "siret",
    "name": "name",
    "sector": "sector",
}


@dataclass
class _Reader:
    """Reads the export's sheets into raw tables, remembering where each value came from."""

    file: str
    mapping: DemarchesMapping
    assembly: Assembly = field(default_factory=Assembly)
    # Organisations already stored, by SIRET: a partner the store knows keeps its id and its data.
    stored_sirets: dict[str, str] = field(default_factory=dict)
    organisations: dict[str, int] = field(default_factory=dict)
    projects: dict[str, int] = field(default_factory=dict)
    # Dossiers left out for their state, and how many per state.
    skipped: dict[str, str] = field(default_factory=dict)

    def error(
        self, code: str, message: str, message_en: str, sheet: str, row: int | None, column: str
    ) -> None:
        self.assembly.errors.append(
            InputError(
                code=code,
                message=message,
                message_en=message_en,
                file=self.file,
                sheet=sheet,
                row=row,
                column=column,
            )
        )

    def columns(self, worksheet: Any, wanted: Mapping[str, str]) -> tuple[dict[str, int], int] | None:
        """Find each mapped column in the header row; report the missing ones."""
        rows = sheet_rows(worksheet)
        header_row, header = next(rows, (1, []))
        positions = {label_key(str(c.value)): i for i, c in enumerate(header) if c.value is not None}
        found, missing = {}, []
        for key, column in wanted.items():
            if key == "sheet":
                continue
            if label_key(column) in positions:
                found[key] = positions[label_key(column)]
            else:
                missing.append(column)
        for column in missing:
            self.error(
                "missing_column",
                f"colonne « {column} » introuvable (nommée dans la correspondance)",
                f"column {column!r} named by the mapping is missing",
                worksheet.title,
                header_row,
                column,
            )
        return None if missing else (found, header_row)

    def codes(
        self, raw: str, table: str, enum: type[StrEnum] | None, where: tuple[str, int, str]
    ) -> list[str]:
        """Turn a cell of one or more displayed labels into codes; report the unknown ones."""
        items = [item.strip() for item in raw.split(self.mapping.separator) if item.strip()]
        return [code for item in items if (code := self.code(item, table, enum, where)) is not None]

    def code(
        self, item: str, table: str, enum: type[StrEnum] | None, where: tuple[str, int, str]
    ) -> str | None:
        labels = self.mapping.labels.get(table, {})
        if label_key(item) in labels:
            return labels[label_key(item)]
        if enum is None:  # territories: a bare code, or "Name (code)"
            match = _TRAILING_CODE.search(item)
            return match.group(1) if match else item
        by_label = {label_key(label(m.value)): m.value for m in enum} | {m.value: m.value for m in enum}
        if label_key(item) in by_label:
            return by_label[label_key(item)]
        sheet, row, column = where
        accepted = sorted({*labels, *(label(m.value) for m in enum)})
        self.error(
            "unknown_label",
            f"libellé inconnu « {item} » ; libellés admis : {', '.join(accepted)} "
            f"(ou ajoutez-le à [labels.{table}] de la correspondance)",
            f"unknown label {item!r}",
            sheet,
            row,
            column,
        )
        return None

    def organisation(self, siret: str, name: str | None, sector: str | None, origin: Origin) -> str:
        """Return the id of the organisation with this SIRET, describing it when it is new."""
        if siret in self.stored_sirets:
            return self.stored_sirets[siret]
        if siret in self.organisations:
            return siret  # the first row naming a SIRET describes the organisation
        item: dict[str, Any] = {"id": siret, "siret": siret}
        if name:
            item["name"] = name
        if sector:
            item["sector"] = sector
        self.organisations[siret] = len(self.assembly.raw.setdefault("organisations", []))
        self.assembly.raw["organisations"].append(item)
        self.assembly.origins.setdefault("organisations", []).append(origin)
        return siret

    def add_project(self, dossier: str, project: dict[str, Any], origin: Origin) -> None:
        projects = self.assembly.raw.setdefault("projects", [])
        self.projects.setdefault(dossier, len(projects))
        projects.append(project)
        self.assembly.origins.setdefault("projects", []).append(origin)

    def add_partner(self, index: int, partner: dict[str, Any], origin: Origin) -> None:
        partners = self.assembly.raw["projects"][index].setdefault("partners", [])
        self.assembly.partner_origins[(index, len(partners))] = origin
        partners.append(partner)

    def rows(self, worksheet: Any, names: Mapping[str, str]) -> Iterator[_Row]:
        """Yield the data rows of a sheet, reporting formula cells in the mapped columns."""
        located = self.columns(worksheet, names)
        if located is None:
            return
        found, header_row = located
        for number, cells in sheet_rows(worksheet):
            if number <= header_row:
                continue
            for key, position in found.items():
                if position < len(cells) and cells[position].data_type == "f":
                    self.assembly.errors.append(formula_error(self.file, worksheet.title, number, names[key]))
            values = {key: cells[i].value if i < len(cells) else None for key, i in found.items()}
            yield _Row(self, worksheet.title, number, values, names)


@dataclass
class _Row:
    """One row of the export: its values by mapping key, and how to report a problem in it."""

    reader: _Reader
    sheet: str
    number: int
    values: dict[str, Any]
    names: Mapping[str, str]

    def text(self, key: str) -> str | None:
        return cell_text(self.values.get(key), _TEXT)

    def where(self, key: str) -> tuple[str, int, str]:
        return (self.sheet, self.number, self.names.get(key, key))

    def error(self, key: str, code: str, message: str, message_en: str) -> None:
        self.reader.error(code, message, message_en, self.sheet, self.number, self.names.get(key, key))

    def origin(self, fields: Mapping[str, str]) -> Origin:
        columns = {name: self.names.get(key, key) for name, key in fields.items()}
        return Origin(self.reader.file, self.sheet, self.number, columns)

    def siret(self, key: str) -> str | None:
        """Read a SIRET (spaces and dots allowed); report it missing or invalid at its cell."""
        text = cell_text(self.values.get(key), _SIRET)
        siret = normalise_siret(text or "")
        if not siret:
            self.error(key, "missing", "SIRET manquant", "missing SIRET")
            return None
        if not siret_valid(siret):
            self.error(
                key,
                "invalid_siret",
                f"SIRET invalide « {text} » : 14 chiffres avec une clé de Luhn juste",
                f"invalid SIRET {text!r}",
            )
            return None
        return siret

    def sector(self, key: str, default: str) -> str | None:
        """The sector code of a cell (or the mapping's default); an unknown label stays as typed."""
        text = self.text(key) or self.reader.mapping.defaults.get(default)
        if not text:
            return None
        return self.reader.code(text, "sector", Sector, self.where(key)) or text


def _read_dossier(reader: _Reader, row: _Row) -> None:
    dossier = row.text("id")
    if dossier is None:
        row.error("id", "missing", "numéro de dossier manquant", "missing dossier id")
        return
    states = reader.mapping.states
    state = row.text("state") or ""
    if states is not None and label_key(state) not in states:
        reader.skipped[dossier] = state
        return
    lead = row.siret("lead_siret")
    if lead:
        lead = reader.organisation(
            lead, row.text("lead_name"), row.sector("lead_sector", "lead_sector"), row.origin(_LEAD_FIELDS)
        )
    # An invalid SIRET stays as typed: the project then fails on the cell already reported, and
    # that second error is dropped when errors are merged.
    mapping = reader.mapping
    project: dict[str, Any] = {
        "id": f"{mapping.project_prefix}{dossier}",
        "call": mapping.call,
        "lead": lead or row.text("lead_siret") or "",
    }
    if title := row.text("title"):
        project["title"] = title
    for table in ("territories", "publics"):
        if text := row.text(table):
            project[table] = reader.codes(text, table, LABEL_TABLES[table], row.where(table))
    # The form asks neither for ties between members nor for the schemes articulated with, and
    # asks the partners' stages only through a mapped column: what it never asked is missing
    # (« non renseigné »), not absent.
    asks_stages = mapping.partners is not None and "stages" in mapping.partners
    project["unreported"] = ["ties", "schemes"] if asks_stages else ["ties", "stages", "schemes"]
    reader.add_project(dossier, project, row.origin(_PROJECT_FIELDS))


def _read_partner(reader: _Reader, row: _Row) -> None:
    dossier = row.text("dossier_id")
    if dossier in reader.skipped:
        return
    index = reader.projects.get(dossier or "")
    if index is None:
        sheet = reader.mapping.dossiers.get("sheet", DOSSIERS_SHEET)
        row.error(
            "dossier_id",
            "dangling_reference",
            f"dossier « {dossier} » introuvable dans la feuille {sheet}",
            f"unknown dossier {dossier!r}",
        )
        return
    siret = row.siret("siret")
    if siret is None:
        return
    origin = row.origin(_PARTNER_FIELDS)
    organisation = reader.organisation(
        siret, row.text("name"), row.sector("sector", "partner_sector"), origin
    )
    partner: dict[str, Any] = {"organisation": organisation}
    if commitment := row.text("commitment"):
        code = reader.code(commitment, "commitment", Commitment, row.where("commitment"))
        partner["commitment"] = code or commitment
    if role := row.text("role"):
        partner["role"] = role
    if stages := row.text("stages"):
        partner["stages"] = reader.codes(stages, "stages", Stage, row.where("stages"))
    reader.add_partner(index, partner, origin)


def _sheet(workbook: Workbook, title: str, file: str) -> Any:
    for worksheet in workbook.worksheets:
        if label_key(worksheet.title) == label_key(title):
            return worksheet
    raise InvalidInput(
        [
            InputError(
                code="missing_sheet",
                message=f"feuille « {title} » introuvable ; feuilles du classeur : {', '.join(workbook.sheetnames)}",
                message_en=f"sheet {title!r} is missing",
                file=file,
                sheet=title,
            )
        ]
    )


def read_demarches(
    workbook: Workbook, name: str, mapping: bytes | None, known: KnownIds | None = None
) -> tuple[Dataset, list[str]]:
    """Read a démarches-simplifiées export through its mapping; raise every error found."""
    if mapping is None:
        raise InvalidInput(
            [
                InputError(
                    code="mapping_required",
                    message="export démarches-simplifiées (feuille « Dossiers ») : donnez la correspondance "
                    "TOML de la procédure (option --mapping)",
                    message_en="a démarches-simplifiées export needs its TOML mapping",
                    file=name,
                )
            ]
        )
    parsed = parse_mapping(mapping)
    reader = _Reader(name, parsed, stored_sirets=dict(known.sirets) if known else {})
    dossiers = _sheet(workbook, parsed.dossiers.get("sheet", DOSSIERS_SHEET), name)
    partners_sheet = _sheet(workbook, parsed.partners["sheet"], name) if parsed.partners else None
    for row in reader.rows(dossiers, parsed.dossiers):
        _read_dossier(reader, row)
    if partners_sheet is not None and parsed.partners is not None:
        for row in reader.rows(partners_sheet, parsed.partners):
            _read_partner(reader, row)
    assembly = reader.assembly
    dataset = validate_assembly(assembly, known or KnownIds())
    partners = sum(len(p.partners) for p in dataset.projects)
    notes = [
        f"{name} : export démarches-simplifiées, {len(dataset.projects)} dossier(s), {partners} partenaire(s), "
        f"{len(dataset.organisations)} organisation(s) identifiée(s) par SIRET"
    ]
    if reader.skipped:
        counts = Counter(reader.skipped.values())
        by_state = ", ".join(f"{state or 'sans état'} : {count}" for state, count in sorted(counts.items()))
        notes.append(f"{name} : {len(reader.skipped)} dossier(s) écarté(s) par leur état ({by_state})")
    return dataset, notes


def load_demarches_bytes(
    data: bytes, name: str, mapping: bytes | None, known: KnownIds | None, max_bytes: int
) -> tuple[Dataset, list[str]]:
    """Open and read a démarches-simplifiées export."""
    workbook = open_workbook(data, name, max_bytes)
    try:
        return read_demarches(workbook, name, mapping, known)
    finally:
        workbook.close()


__all__ = ["DOSSIERS_SHEET", "load_demarches_bytes", "read_demarches"]
