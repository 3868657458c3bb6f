"""The shape both démarches-simplifiées sources share, and the state of one reading.

Both sources come here in one shape, :class:`Table`: the XLSX export (one sheet per table; see
:mod:`loaders.demarches`) and the GraphQL API (see :mod:`loaders.demarches_api`). A table has
columns named by their labels and rows of values by column; each row knows where it came from
(file, sheet, row), so an error names the cell a person can open.

Organisations are identified by their SIRET (checked: 14 digits, Luhn key), else their RNA number,
else an id derived from the dossier and the row, with a warning. The rows themselves are read in
:mod:`loaders.demarches_dossiers`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from graph_service.domain.vocabulary import Sector, label
from loaders.demarches_mapping import (
    LABEL_TABLES,
    DemarchesMapping,
    fold,
    label_key,
)
from loaders.demarches_sectors import Nomenclature, load_nomenclature, sector_from_codes, subtype_from_naf
from loaders.tables import Assembly, Column, Origin, cell_text

_TEXT = Column("text")


@dataclass(frozen=True)
class Establishment:
    """What the platform knows of a SIRET (API ``SiretChamp.etablissement``)."""

    naf: str | None = None
    legal_category: str | None = None
    commune: str | None = None
    name: str | None = None


@dataclass
class TableRow:
    """One row: its values by folded column label, and where it came from."""

    values: dict[str, Any]
    file: str
    sheet: str | None
    row: int | None


@dataclass
class Table:
    """A sheet of the export, or the same shape built from the API."""

    title: str
    file: str
    # Folded label → the column as written, to name it in messages.
    columns: dict[str, str]
    rows: list[TableRow] = field(default_factory=list)
    header_row: int | None = None


@dataclass
class Source:
    """Everything one import reads: the tables, what the API adds, and the problems already found."""

    name: str
    dossiers: Table
    partners: Table | None = None
    ties: Table | None = None
    establishments: dict[str, Establishment] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    # An incremental sync may legitimately bring no dossier of the selected states.
    require_selection: bool = True


@dataclass
class Reader:
    """Builds the raw tables, remembering where each value came from."""

    mapping: DemarchesMapping
    source: Source
    known: KnownIds
    nomenclature: Nomenclature = field(default_factory=load_nomenclature)
    assembly: Assembly = field(default_factory=Assembly)
    organisations: dict[str, int] = field(default_factory=dict)
    projects: dict[str, int] = field(default_factory=dict)
    # Dossier → its members: folded name, SIRET, RNA or id → organisation id (ties name them).
    members: dict[str, dict[str, str]] = field(default_factory=dict)
    lead_of: dict[str, str] = field(default_factory=dict)
    # Dossiers left out for their state (dossier → state as written).
    skipped: dict[str, str] = field(default_factory=dict)
    # How organisations were identified and described, for the import's notes.
    identified: Counter[str] = field(default_factory=Counter)
    derived: list[str] = field(default_factory=list)
    sectors_from_codes: int = 0

    def error(
        self, code: str, message: str, message_en: str, where: tuple[str, str | None, int | None, str]
    ) -> None:
        file, sheet, row, column = where
        self.assembly.errors.append(
            InputError(
                code=code,
                message=message,
                message_en=message_en,
                file=file,
                sheet=sheet,
                row=row,
                column=column,
            )
        )

    def codes(self, raw: str, table: str, where: tuple[str, str | None, int | None, str]) -> list[str]:
        """Turn a cell of one or more displayed labels into codes; report the unknown ones."""
        items = [item.strip() for item in raw.split(self.mapping.separator) if item.strip()]
        return [code for item in items if (code := self.code(item, table, where)) is not None]

    def code(self, item: str, table: str, where: tuple[str, str | None, int | None, str]) -> str | None:
        labels = self.mapping.labels.get(table, {})
        if label_key(item) in labels:
            return labels[label_key(item)]
        enum: type[StrEnum] | None = LABEL_TABLES[table]
        if enum is None:
            # Territories: a bare code, or "Name (code)"; schemes: an id, checked against the store.
            return _trailing_code(fold(item)) if table == "territories" else fold(item)
        by_label = {label_key(label(m.value)): m.value for m in enum} | {m.value: m.value for m in enum}
        if label_key(item) in by_label:
            return by_label[label_key(item)]
        accepted = sorted({*(label(m.value) for m in enum)})
        mapped = sorted(labels)
        self.error(
            "unknown_label",
            f"libellé inconnu « {item} » ; libellés admis : {', '.join(accepted)}"
            + (f" ; libellés de la correspondance : {', '.join(mapped)}" if mapped else "")
            + f" (ou ajoutez-le à [labels.{table}] de la correspondance)",
            f"unknown label {item!r}",
            where,
        )
        return None

    def sector(self, text: str | None, where: tuple[str, str | None, int | None, str]) -> str | None:
        if not text:
            return None
        return self.code(text, "sector", where) or text

    def add_organisation(self, item: dict[str, Any], origin: Origin) -> str:
        """Describe an organisation the first time a row names it; return its id."""
        identifier = str(item["id"])
        if identifier not in self.organisations:
            self.organisations[identifier] = len(self.assembly.raw.setdefault("organisations", []))
            self.assembly.raw["organisations"].append(item)
            self.assembly.origins.setdefault("organisations", []).append(origin)
        return identifier

    def add_project(self, dossier: str, project: dict[str, Any], origin: Origin) -> None:
        projects = self.assembly.raw.setdefault("projects", [])
        self.projects.setdefault(dossier, len(projects))
        projects.append(project)
        self.assembly.origins.setdefault("projects", []).append(origin)

    def add_partner(self, index: int, partner: dict[str, Any], origin: Origin) -> None:
        partners = self.assembly.raw["projects"][index].setdefault("partners", [])
        self.assembly.partner_origins[(index, len(partners))] = origin
        partners.append(partner)

    def add_tie(self, tie: dict[str, Any], origin: Origin) -> None:
        self.assembly.raw.setdefault("ties", []).append(tie)
        self.assembly.origins.setdefault("ties", []).append(origin)


def _trailing_code(item: str) -> str:
    if item.endswith(")") and "(" in item:
        inner = item[item.rindex("(") + 1 : -1].strip()
        if 2 <= len(inner) <= 9 and inner.isalnum():
            return inner
    return item


@dataclass
class Row:
    """One row of a table: its values by mapping key, and how to report a problem in it."""

    reader: Reader
    table: Table
    cells: TableRow
    names: Mapping[str, str]

    def value(self, key: str) -> Any:
        column = self.names.get(key)
        return None if column is None else self.cells.values.get(label_key(column))

    def text(self, key: str) -> str | None:
        text = cell_text(self.value(key), _TEXT)
        return unicodedata.normalize("NFC", text) if text else None

    def where(self, key: str) -> tuple[str, str | None, int | None, str]:
        return (self.cells.file, self.cells.sheet, self.cells.row, self.names.get(key, key))

    def error(self, key: str, code: str, message: str, message_en: str) -> None:
        self.reader.error(code, message, message_en, self.where(key))

    def origin(self, fields: Mapping[str, str]) -> Origin:
        columns = {name: self.names.get(key, key) for name, key in fields.items()}
        return Origin(self.cells.file, self.cells.sheet, self.cells.row, columns)

    def codes(self, key: str, table: str) -> list[str] | None:
        text = self.text(key)
        return None if text is None else self.reader.codes(text, table, self.where(key))


def check_columns(source: Source, mapping: DemarchesMapping) -> None:
    """Report every column the mapping names and a table lacks, once, with the table's columns.

    A wrong column name is a configuration error: reading on would only add misleading errors
    (every partner's dossier "not found"), so nothing else is reported with it.
    """
    errors = []
    for table, names in _tables(source, mapping):
        if not table.rows and table.header_row is None:
            continue  # the API brought no row: no column to check
        for key, column in names.items():
            if key == "sheet" or label_key(column) in table.columns:
                continue
            actual = list(table.columns.values())
            closest = difflib.get_close_matches(label_key(column), list(table.columns), n=1, cutoff=0.6)
            hint = f" ; colonne la plus proche : « {table.columns[closest[0]]} »" if closest else ""
            errors.append(
                InputError(
                    code="missing_column",
                    message=f"colonne « {column} » introuvable (nommée par [{_section_of(table, source)}] "
                    f"{key} de la correspondance){hint} ; colonnes de la feuille : {', '.join(actual)}",
                    message_en=f"column {column!r} named by the mapping is missing",
                    file=table.file,
                    sheet=table.title,
                    row=table.header_row,
                    column=column,
                )
            )
    if errors:
        raise InvalidInput(errors)


def _section_of(table: Table, source: Source) -> str:
    if table is source.dossiers:
        return "dossiers"
    return "partners" if table is source.partners else "ties"


def _tables(source: Source, mapping: DemarchesMapping) -> list[tuple[Table, Mapping[str, str]]]:
    tables: list[tuple[Table, Mapping[str, str]]] = [(source.dossiers, mapping.dossiers)]
    if source.partners is not None and mapping.partners is not None:
        tables.append((source.partners, mapping.partners))
    if source.ties is not None and mapping.ties is not None:
        tables.append((source.ties, mapping.ties))
    return tables


def describe(
    reader: Reader, row: Row, keys: Mapping[str, str], default: str, siret: str | None
) -> dict[str, Any]:
    """The organisation fields a row gives (name, sector, subtype, lists); ``keys`` maps field → key.

    A sector the form leaves empty comes from the SIRET's NAF code and legal category (the row's
    columns, else what the API says of the SIRET), else from the mapping's ``[defaults]``.
    """
    establishment = reader.source.establishments.get(siret or "", Establishment())
    naf = row.text(keys["naf"]) or establishment.naf
    legal = row.text(keys["legal_category"]) or establishment.legal_category
    item: dict[str, Any] = {}
    if name := row.text(keys["name"]) or establishment.name:
        item["name"] = name
    sector = reader.sector(row.text(keys["sector"]), row.where(keys["sector"]))
    if sector is None and (found := sector_from_codes(reader.nomenclature, naf, legal)) is not None:
        reader.sectors_from_codes += 1
        sector = found.value
    sector = sector or reader.mapping.defaults.get(default)
    if sector:
        item["sector"] = sector
    subtype_text = row.text(keys["subtype"])
    if subtype_text:
        item["subtype"] = reader.code(subtype_text, "subtype", row.where(keys["subtype"])) or subtype_text
    elif sector == Sector.ENTERPRISE.value and (subtype := subtype_from_naf(reader.nomenclature, naf)):
        item["subtype"] = subtype.value
    for field_name in ("territories", "stages", "barriers", "publics"):
        values = row.codes(keys[field_name], field_name)
        if values is not None:
            item[field_name] = values
    if "territories" not in item and establishment.commune in reader.known.territories:
        item["territories"] = [establishment.commune]
    return item


__all__ = [
    "Establishment",
    "Reader",
    "Row",
    "Source",
    "Table",
    "TableRow",
    "check_columns",
    "describe",
]
