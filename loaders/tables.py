"""Tables as rows of cells (CSV files, workbook sheets) turned into the canonical dataset.

The CSV bundle and the XLSX workbook share one layout: one table per file or sheet, columns named
after the canonical fields, multi-valued cells separated by ``|``, partners in their own table with
a ``project`` column. This module checks the headers, builds the raw entity dicts, and locates
every problem :func:`~graph_service.domain.validation.build_dataset` finds back to its file, sheet,
row and column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from graph_service.domain.models import Dataset
from graph_service.domain.validation import (
    InputError,
    InvalidInput,
    KnownIds,
    Locator,
    Problem,
    build_dataset,
)

LIST_SEPARATOR = "|"
TRUE_WORDS = frozenset({"true", "vrai", "oui", "1", "yes"})
FALSE_WORDS = frozenset({"false", "faux", "non", "0", "no"})


class Kind(Enum):
    TEXT = "text"
    LIST = "list"
    BOOL = "bool"
    INT = "int"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    # Codes a spreadsheet may have read as numbers, losing their leading zeros: None for other
    # columns, 0 to guess the width from the digits left (INSEE codes), n to pad to n (SIRET).
    code_width: int | None = None


def _c(name: str, kind: Kind = Kind.TEXT, required: bool = False, width: int | None = None) -> Column:
    return Column(name, kind, required, width)


TEXT, LIST, BOOL, INT = Kind.TEXT, Kind.LIST, Kind.BOOL, Kind.INT

# Column order is the order files are written in.
TABLE_COLUMNS: dict[str, tuple[Column, ...]] = {
    "territories": (
        _c("code", required=True, width=0),
        _c("name", required=True),
        _c("level", required=True),
        _c("parent", width=0),
    ),
    "organisations": (
        _c("id", required=True),
        _c("name", required=True),
        _c("sector", required=True),
        _c("subtype"),
        _c("siret", width=14),
        _c("territories", LIST, width=0),
        _c("stages", LIST),
        _c("barriers", LIST),
        _c("publics", LIST),
    ),
    "schemes": (
        _c("id", required=True),
        _c("name", required=True),
        _c("kind", required=True),
        _c("operator"),
        _c("territories", LIST, width=0),
        _c("stages", LIST),
        _c("publics", LIST),
    ),
    "projects": (
        _c("id", required=True),
        _c("title", required=True),
        _c("call", required=True),
        _c("lead", required=True),
        _c("territories", LIST, width=0),
        _c("publics", LIST),
        _c("schemes", LIST),
    ),
    "partners": (
        _c("project", required=True),
        _c("organisation", required=True),
        _c("commitment", required=True),
        _c("role"),
        _c("stages", LIST),
    ),
    "ties": (
        _c("source", required=True),
        _c("target", required=True),
        _c("kind", required=True),
        _c("formal", BOOL),
        _c("strength", INT),
        _c("project"),
    ),
}
TABLE_NAMES = tuple(TABLE_COLUMNS)

# Numbers that lost their leading zero in a spreadsheet: 1004 was commune 01004, 1 département 01.
_PADDED_WIDTHS = {1: 2, 4: 5, 8: 9, 13: 14}


def cell_text(value: Any, column: Column) -> str | None:
    """Turn one cell (text, number, boolean) into stripped text, or ``None`` when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if column.code_width is not None:
            width = column.code_width or _PADDED_WIDTHS.get(len(text), len(text))
            text = text.zfill(width)
        return text
    text = str(value).strip()
    return text or None


def cell_value(text: str, column: Column) -> Any:
    """Convert non-empty cell text to the raw value of its field (pydantic checks it afterwards)."""
    if column.kind is LIST:
        return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
    if column.kind is BOOL:
        lowered = text.lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
    return text


@dataclass(frozen=True)
class Origin:
    """Where a row came from."""

    file: str
    sheet: str | None
    row: int | None
    # The column holding each field, when columns are not named after the fields.
    columns: Mapping[str, str] | None = None

    def column(self, field_name: str | None) -> str | None:
        if field_name is None or self.columns is None:
            return field_name
        return self.columns.get(field_name, field_name)


@dataclass
class Sheet:
    """One table read from a CSV file or a workbook sheet: its header and its non-blank rows."""

    table: str
    file: str
    sheet: str | None
    header: list[str | None]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    header_row: int = 1


def header_errors(sheet: Sheet) -> list[InputError]:
    """Report unknown, duplicate and missing columns, naming the file and the column."""
    columns = {c.name: c for c in TABLE_COLUMNS[sheet.table]}
    errors = []
    seen: set[str] = set()
    for name in sheet.header:
        if name is None:
            continue
        if name not in columns:
            errors.append(
                InputError(
                    code="unknown_column",
                    message=f"colonne inconnue « {name} » ; colonnes admises : {', '.join(columns)}",
                    message_en=f"unknown column {name!r}",
                    file=sheet.file,
                    sheet=sheet.sheet,
                    row=sheet.header_row,
                    column=name,
                )
            )
        elif name in seen:
            errors.append(
                InputError(
                    code="duplicate_column",
                    message=f"colonne « {name} » présente deux fois",
                    message_en=f"column {name!r} appears twice",
                    file=sheet.file,
                    sheet=sheet.sheet,
                    row=sheet.header_row,
                    column=name,
                )
            )
        seen.add(name)
    for column in columns.values():
        if column.required and column.name not in seen:
            errors.append(
                InputError(
                    code="missing_column",
                    message=f"colonne obligatoire « {column.name} » absente",
                    message_en=f"required column {column.name!r} is missing",
                    file=sheet.file,
                    sheet=sheet.sheet,
                    row=sheet.header_row,
                    column=column.name,
                )
            )
    return errors


def normalise_header(cell: Any) -> str | None:
    """Column names compare without case and surrounding spaces."""
    if cell is None:
        return None
    text = str(cell).strip().lower()
    return text or None


def row_reader(sheet: Sheet) -> Callable[[Sequence[Any]], dict[str, Any]]:
    """Return the function building one row's raw entity dict; empty cells are left out so
    defaults apply. The header is resolved once per sheet: files hold up to ~100,000 rows."""
    columns = {c.name: c for c in TABLE_COLUMNS[sheet.table]}
    plan = [(position, columns[name]) for position, name in enumerate(sheet.header) if name in columns]

    def read(cells: Sequence[Any]) -> dict[str, Any]:
        item: dict[str, Any] = {}
        count = len(cells)
        for position, column in plan:
            if position >= count:
                continue
            value = cells[position]
            text = (value.strip() or None) if type(value) is str else cell_text(value, column)
            if text is not None:
                item[column.name] = text if column.kind is TEXT else cell_value(text, column)
        return item

    return read


@dataclass
class Assembly:
    """Raw tables being built, where each row came from, and the errors found on the way."""

    raw: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    origins: dict[str, list[Origin]] = field(default_factory=dict)
    partner_origins: dict[tuple[int, int], Origin] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)


def _attach_partners(assembly: Assembly, partners: Iterable[tuple[Origin, dict[str, Any]]]) -> None:
    """Put each partner row into its project; a row naming no project of the bundle is an error."""
    projects = assembly.raw.get("projects", [])
    by_id: dict[str, int] = {}
    for position, project in enumerate(projects):
        if isinstance(project.get("id"), str):
            by_id.setdefault(project["id"], position)
    for origin, item in partners:
        project_id = item.pop("project", None)
        if project_id is None:
            assembly.errors.append(
                InputError(
                    code="missing",
                    message="champ obligatoire manquant",
                    message_en="a partner needs its project",
                    file=origin.file,
                    sheet=origin.sheet,
                    row=origin.row,
                    column="project",
                )
            )
            continue
        index = by_id.get(project_id)
        if index is None:
            assembly.errors.append(
                InputError(
                    code="dangling_reference",
                    message=f"projet « {project_id} » introuvable dans la table projects de ce lot",
                    message_en=f"unknown project {project_id!r}",
                    file=origin.file,
                    sheet=origin.sheet,
                    row=origin.row,
                    column="project",
                )
            )
            continue
        partner_list = projects[index].setdefault("partners", [])
        assembly.partner_origins[(index, len(partner_list))] = origin
        partner_list.append(item)


def tabular_locator(assembly: Assembly) -> Locator:
    """Locate problems of :func:`build_dataset` in the rows they came from."""

    def locate(problem: Problem) -> InputError:
        loc = problem.loc
        origin: Origin | None = None
        column: str | None = None
        if (
            problem.table == "projects"
            and problem.index is not None
            and len(loc) >= 2
            and loc[0] == "partners"
            and isinstance(loc[1], int)
        ):
            origin = assembly.partner_origins.get((problem.index, loc[1]))
            column = str(loc[2]) if len(loc) > 2 else None
            column = origin.column(column) if origin else column
        elif problem.index is not None and problem.index < len(assembly.origins.get(problem.table, [])):
            origin = assembly.origins[problem.table][problem.index]
            column = origin.column(str(loc[0]) if loc else None)
        return InputError(
            code=problem.code,
            message=problem.message,
            message_en=problem.message_en,
            file=origin.file if origin else None,
            sheet=origin.sheet if origin else problem.table,
            row=origin.row if origin else None,
            column=column,
        )

    return locate


def assemble(sheets: Sequence[Sheet], known: KnownIds | None = None) -> Dataset:
    """Check headers, build the raw tables and validate them into a dataset; raise every error."""
    errors = [error for sheet in sheets for error in header_errors(sheet)]
    if errors:
        raise InvalidInput(errors)
    assembly = Assembly()
    partners: list[tuple[Origin, dict[str, Any]]] = []
    for sheet in sheets:
        read = row_reader(sheet)
        for row_number, cells in sheet.rows:
            origin = Origin(sheet.file, sheet.sheet, row_number)
            item = read(cells)
            if sheet.table == "partners":
                partners.append((origin, item))
            else:
                assembly.raw.setdefault(sheet.table, []).append(item)
                assembly.origins.setdefault(sheet.table, []).append(origin)
    _attach_partners(assembly, partners)
    return validate_assembly(assembly, known)


def validate_assembly(assembly: Assembly, known: KnownIds | None) -> Dataset:
    """Validate the raw tables; raise the loader's own errors with those of the validation.

    A cell the loader already reported (an invalid SIRET, an unknown label) usually fails
    validation too; only the loader's error, the more precise, is kept for that cell.
    """
    try:
        dataset = build_dataset(assembly.raw, tabular_locator(assembly), known)
    except InvalidInput as exc:
        reported = {(e.file, e.sheet, e.row, e.column) for e in assembly.errors}
        more = [e for e in exc.errors if (e.file, e.sheet, e.row, e.column) not in reported]
        raise InvalidInput([*assembly.errors, *more]) from None
    if assembly.errors:
        raise InvalidInput(assembly.errors)
    return dataset


def dataset_rows(dataset: Dataset) -> dict[str, list[list[Any]]]:
    """Lay a dataset out as rows of each table (header excluded), the inverse of :func:`assemble`."""
    document = dataset.to_document()
    rows: dict[str, list[list[Any]]] = {table: [] for table in TABLE_COLUMNS}
    for table, columns in TABLE_COLUMNS.items():
        if table == "partners":
            continue
        for item in document[table]:
            rows[table].append([_written(item.get(c.name), c) for c in columns])
    for project in document["projects"]:
        for partner in project["partners"]:
            item = {**partner, "project": project["id"]}
            row = [_written(item.get(c.name), c) for c in TABLE_COLUMNS["partners"]]
            if partner["stages"] == []:
                # An empty cell reads back as null ("the organisation's own stages"); a lone "|"
                # holds no item, so it reads back as the empty list it was.
                row[-1] = LIST_SEPARATOR
            rows["partners"].append(row)
    return rows


def _written(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.kind is LIST:
        return LIST_SEPARATOR.join(str(v) for v in value) or None
    return value


__all__ = [
    "LIST_SEPARATOR",
    "TABLE_COLUMNS",
    "TABLE_NAMES",
    "Assembly",
    "Column",
    "Kind",
    "Origin",
    "Sheet",
    "assemble",
    "cell_text",
    "dataset_rows",
    "header_errors",
    "normalise_header",
    "tabular_locator",
    "validate_assembly",
]
