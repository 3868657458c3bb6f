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
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from openpyxl.workbook.workbook import Workbook

from graph_service.domain.codes import normalise_siret, siret_valid
from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from graph_service.domain.vocabulary import Commitment, Public, Sector, Stage, label
from loaders.tables import Assembly, Column, Origin, cell_text, validate_assembly
from loaders.xlsx_loader import formula_error, open_workbook, sheet_rows

DOSSIERS_SHEET = "Dossiers"
MAPPING_NAME = "correspondance TOML"
_TEXT = Column("text")

# Mapping keys: (required, description). Optional columns may be left out of the mapping.
DOSSIER_KEYS = {
    "sheet": False,
    "id": True,
    "title": True,
    "lead_siret": True,
    "lead_name": True,
    "lead_sector": False,
    "territories": False,
    "publics": False,
}
PARTNER_KEYS = {
    "sheet": True,
    "dossier_id": True,
    "siret": True,
    "name": True,
    "sector": False,
    "commitment": True,
    "role": False,
    "stages": False,
}
LABEL_TABLES: dict[str, type[StrEnum] | None] = {
    "sector": Sector,
    "commitment": Commitment,
    "stages": Stage,
    "publics": Public,
    "territories": None,
}
_TRAILING_CODE = re.compile(r"\(\s*([0-9A-Za-z]{2,9})\s*\)\s*$")


@dataclass(frozen=True)
class DemarchesMapping:
    """A procedure's mapping, checked."""

    call: str
    project_prefix: str
    separator: str
    dossiers: dict[str, str]
    partners: dict[str, str] | None
    defaults: dict[str, str]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)


def _mapping_error(message: str, message_en: str, key: str | None = None) -> InvalidInput:
    return InvalidInput(
        [
            InputError(
                code="bad_mapping", message=message, message_en=message_en, file=MAPPING_NAME, column=key
            )
        ]
    )


def _section(document: Mapping[str, Any], name: str, keys: Mapping[str, bool]) -> dict[str, str]:
    section = document.get(name)
    if not isinstance(section, Mapping):
        raise _mapping_error(f"section [{name}] absente", f"missing section [{name}]", name)
    unknown = sorted(set(section) - set(keys))
    if unknown:
        raise _mapping_error(
            f"clé(s) inconnue(s) dans [{name}] : {', '.join(unknown)} ; clés admises : {', '.join(keys)}",
            f"unknown keys in [{name}]: {unknown}",
            f"{name}.{unknown[0]}",
        )
    result = {}
    for key, required in keys.items():
        value = section.get(key)
        if value is None:
            if required:
                raise _mapping_error(
                    f"clé « {key} » absente de [{name}] : nom de la colonne attendu",
                    f"missing key {key!r} in [{name}]",
                    f"{name}.{key}",
                )
            continue
        if not isinstance(value, str) or not value.strip():
            raise _mapping_error(
                f"[{name}] {key} doit être un texte non vide", "must be text", f"{name}.{key}"
            )
        result[key] = value.strip()
    return result


def parse_mapping(data: bytes) -> DemarchesMapping:
    """Read and check the TOML mapping of a procedure."""
    try:
        document = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _mapping_error(f"fichier TOML invalide : {exc}", f"invalid TOML: {exc}") from exc
    call = document.get("call")
    if not isinstance(call, str) or not call.strip():
        raise _mapping_error(
            "clé « call » absente : l'identifiant de l'appel à projets", "missing call", "call"
        )
    dossiers = _section(document, "dossiers", DOSSIER_KEYS)
    partners = _section(document, "partners", PARTNER_KEYS) if "partners" in document else None
    defaults = {k: str(v) for k, v in (document.get("defaults") or {}).items()}
    labels: dict[str, dict[str, str]] = {}
    for table, entries in (document.get("labels") or {}).items():
        if table not in LABEL_TABLES or not isinstance(entries, Mapping):
            raise _mapping_error(
                f"table de libellés inconnue [labels.{table}] ; admises : {', '.join(LABEL_TABLES)}",
                f"unknown label table {table!r}",
                f"labels.{table}",
            )
        labels[table] = {_key(k): str(v) for k, v in entries.items()}
    if "lead_sector" not in dossiers and "lead_sector" not in defaults:
        raise _mapping_error(
            "secteur du porteur inconnu : donnez [dossiers] lead_sector ou [defaults] lead_sector",
            "no lead sector column nor default",
            "dossiers.lead_sector",
        )
    if partners is not None and "sector" not in partners and "partner_sector" not in defaults:
        raise _mapping_error(
            "secteur des partenaires inconnu : donnez [partners] sector ou [defaults] partner_sector",
            "no partner sector column nor default",
            "partners.sector",
        )
    return DemarchesMapping(
        call=call.strip(),
        project_prefix=str(document.get("project_prefix", "ds-")),
        separator=str(document.get("separator", ",")),
        dossiers=dossiers,
        partners=partners,
        defaults=defaults,
        labels=labels,
    )


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class _Reader:
    """Reads the export's sheets into raw tables, remembering where each value came from."""

    file: str
    mapping: DemarchesMapping
    assembly: Assembly = field(default_factory=Assembly)
    organisations: dict[str, int] = field(default_factory=dict)
    projects: dict[str, int] = field(default_factory=dict)

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
        positions = {_key(str(c.value)): i for i, c in enumerate(header) if c.value is not None}
        found, missing = {}, []
        for key, column in wanted.items():
            if key == "sheet":
                continue
            if _key(column) in positions:
                found[key] = positions[_key(column)]
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
        if _key(item) in labels:
            return labels[_key(item)]
        if enum is None:  # territories: a bare code, or "Name (code)"
            match = _TRAILING_CODE.search(item)
            return match.group(1) if match else item
        by_label = {_key(label(m.value)): m.value for m in enum} | {m.value: m.value for m in enum}
        if _key(item) in by_label:
            return by_label[_key(item)]
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

    def siret(self, value: Any, sheet: str, row: int, column: str) -> str | None:
        text = cell_text(value, Column("siret", code_width=14))
        siret = normalise_siret(text or "")
        if not siret:
            self.error("missing", "SIRET manquant", "missing SIRET", sheet, row, column)
            return None
        if not siret_valid(siret):
            self.error(
                "invalid_siret",
                f"SIRET invalide « {text} » : 14 chiffres avec une clé de Luhn juste",
                f"invalid SIRET {text!r}",
                sheet,
                row,
                column,
            )
            return None
        return siret

    def organisation(self, siret: str, name: str | None, sector: str | None, origin: Origin) -> None:
        if siret in self.organisations:
            return  # the first row naming a SIRET describes the organisation
        item: dict[str, Any] = {"id": siret, "siret": siret}
        if name:
            item["name"] = name
        if sector:
            item["sector"] = sector
        self.organisations[siret] = len(self.assembly.raw.setdefault("organisations", []))
        self.assembly.raw["organisations"].append(item)
        self.assembly.origins.setdefault("organisations", []).append(origin)


def _cells(row: list[Any], found: Mapping[str, int]) -> dict[str, Any]:
    return {key: row[i].value if i < len(row) else None for key, i in found.items()}


def _read_dossiers(reader: _Reader, worksheet: Any) -> None:
    mapping = reader.mapping
    located = reader.columns(worksheet, mapping.dossiers)
    if located is None:
        return
    found, header_row = located
    names = mapping.dossiers
    sheet = worksheet.title
    for row_number, row in sheet_rows(worksheet):
        if row_number <= header_row:
            continue
        _formulas(reader, sheet, row_number, row, found, names)
        values = _cells(row, found)
        dossier = cell_text(values["id"], _TEXT)
        if dossier is None:
            reader.error(
                "missing", "numéro de dossier manquant", "missing dossier id", sheet, row_number, names["id"]
            )
            continue
        lead = reader.siret(values["lead_siret"], sheet, row_number, names["lead_siret"])
        sector_text = cell_text(values.get("lead_sector"), _TEXT) or mapping.defaults.get("lead_sector")
        where_sector = (sheet, row_number, names.get("lead_sector", "lead_sector"))
        sector = reader.code(sector_text, "sector", Sector, where_sector) if sector_text else None
        sector = sector or sector_text
        lead_columns = {
            "name": names["lead_name"],
            "sector": names.get("lead_sector", "lead_sector"),
            "siret": names["lead_siret"],
            "id": names["lead_siret"],
        }
        if lead:
            reader.organisation(
                lead,
                cell_text(values["lead_name"], _TEXT),
                sector,
                Origin(reader.file, sheet, row_number, lead_columns),
            )
        # An invalid SIRET stays as typed: the project then fails on the cell already reported, and
        # that second error is dropped when errors are merged.
        lead_id = lead or cell_text(values["lead_siret"], _TEXT) or ""
        project: dict[str, Any] = {
            "id": f"{mapping.project_prefix}{dossier}",
            "call": mapping.call,
            "lead": lead_id,
        }
        title = cell_text(values["title"], _TEXT)
        if title:
            project["title"] = title
        for table in ("territories", "publics"):
            text = cell_text(values.get(table), _TEXT)
            if text:
                project[table] = reader.codes(
                    text, table, LABEL_TABLES[table], (sheet, row_number, names[table])
                )
        reader.projects.setdefault(dossier, len(reader.assembly.raw.setdefault("projects", [])))
        reader.assembly.raw["projects"].append(project)
        columns = {
            "id": names["id"],
            "title": names["title"],
            "lead": names["lead_siret"],
            "territories": names.get("territories", "territories"),
            "publics": names.get("publics", "publics"),
        }
        reader.assembly.origins.setdefault("projects", []).append(
            Origin(reader.file, sheet, row_number, columns)
        )


def _formulas(
    reader: _Reader,
    sheet: str,
    row_number: int,
    row: list[Any],
    found: Mapping[str, int],
    names: Mapping[str, str],
) -> None:
    for key, position in found.items():
        if position < len(row) and row[position].data_type == "f":
            reader.assembly.errors.append(formula_error(reader.file, sheet, row_number, names[key]))


def _read_partners(reader: _Reader, worksheet: Any, names: Mapping[str, str]) -> None:
    located = reader.columns(worksheet, names)
    if located is None:
        return
    found, header_row = located
    sheet = worksheet.title
    projects = reader.assembly.raw.get("projects", [])
    for row_number, row in sheet_rows(worksheet):
        if row_number <= header_row:
            continue
        _formulas(reader, sheet, row_number, row, found, names)
        values = _cells(row, found)
        dossier = cell_text(values["dossier_id"], _TEXT)
        index = reader.projects.get(dossier or "")
        if index is None:
            reader.error(
                "dangling_reference",
                f"dossier « {dossier} » introuvable dans la feuille {reader.mapping.dossiers.get('sheet', DOSSIERS_SHEET)}",
                f"unknown dossier {dossier!r}",
                sheet,
                row_number,
                names["dossier_id"],
            )
            continue
        siret = reader.siret(values["siret"], sheet, row_number, names["siret"])
        sector_text = cell_text(values.get("sector"), _TEXT) or reader.mapping.defaults.get("partner_sector")
        sector_column = names.get("sector", "sector")
        sector = (
            reader.code(sector_text, "sector", Sector, (sheet, row_number, sector_column))
            if sector_text
            else None
        )
        sector = sector or sector_text
        columns = {
            "organisation": names["siret"],
            "commitment": names["commitment"],
            "role": names.get("role", "role"),
            "stages": names.get("stages", "stages"),
            "name": names["name"],
            "sector": sector_column,
            "siret": names["siret"],
            "id": names["siret"],
        }
        origin = Origin(reader.file, sheet, row_number, columns)
        if siret is None:
            continue
        reader.organisation(siret, cell_text(values["name"], _TEXT), sector, origin)
        partner: dict[str, Any] = {"organisation": siret}
        commitment = cell_text(values["commitment"], _TEXT)
        if commitment:
            code = reader.code(commitment, "commitment", Commitment, (sheet, row_number, names["commitment"]))
            partner["commitment"] = code or commitment
        role = cell_text(values.get("role"), _TEXT)
        if role:
            partner["role"] = role
        stages = cell_text(values.get("stages"), _TEXT)
        if stages:
            partner["stages"] = reader.codes(stages, "stages", Stage, (sheet, row_number, names["stages"]))
        partners = projects[index].setdefault("partners", [])
        reader.assembly.partner_origins[(index, len(partners))] = origin
        partners.append(partner)


def _sheet(workbook: Workbook, title: str, file: str) -> Any:
    for worksheet in workbook.worksheets:
        if _key(worksheet.title) == _key(title):
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
    reader = _Reader(name, parsed)
    _read_dossiers(reader, _sheet(workbook, parsed.dossiers.get("sheet", DOSSIERS_SHEET), name))
    if parsed.partners is not None:
        _read_partners(reader, _sheet(workbook, parsed.partners["sheet"], name), parsed.partners)
    assembly = reader.assembly
    dataset = validate_assembly(assembly, known or KnownIds())
    partners = sum(len(p.partners) for p in dataset.projects)
    notes = [
        f"{name} : export démarches-simplifiées, {len(dataset.projects)} dossier(s), {partners} partenaire(s), "
        f"{len(dataset.organisations)} organisation(s) identifiée(s) par SIRET"
    ]
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


__all__ = ["DOSSIERS_SHEET", "load_demarches_bytes", "parse_mapping", "read_demarches"]
