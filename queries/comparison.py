"""The applications of a call side by side, for reviewers: one row each, sortable, exportable.

Each row takes the family scores, the partnership strength and its band, and the federation
verdict from the application's report (:func:`queries.report.compute_report`), and adds the
**flags** a reviewer looks for first, each a short French label with its English one:

=========================  =====================================  ========================================
code                       label                                  when
=========================  =====================================  ========================================
``scheme_duplicate``       doublon de dispositif                  the application duplicates a scheme it
                                                                  does not articulate with (overlaps)
``overlapping``            chevauche une autre candidature        another application of the call works
                                                                  on the same territories and publics
``no_employment_exit``     aucune sortie vers l'emploi            no member does ``emploi``
``isolated_lead``          chef de file isolé                     the lead reaches no member through a
                                                                  working tie (``lead_reach_1`` = 0)
``informal_partnership``   partenariat informel                   under half of the lead's ties are formal
``silo``                   partenariat cloisonné                  every member is of one sector
``no_enterprise``          aucune entreprise                      no enterprise among the members
=========================  =====================================  ========================================

Rows sort by any column of :data:`SORT_KEYS` (an allow-list: the API passes user input here).
Exports: CSV with ``;`` and a UTF-8 byte-order mark, the form French Excel opens directly (decimal
commas in French), and XLSX with one sheet for the rows and one for the overlaps.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ConfigDict

from graph_service.domain.errors import DomainError
from graph_service.domain.spreadsheet import append_row, guard_csv
from graph_service.domain.vocabulary import Lang, label
from queries.overlaps import Overlaps
from queries.report import Report
from queries.report.labels import FAMILY_LABELS
from queries.scoring import FAMILIES

INFORMAL_SHARE = 0.5


class Flag(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    label: str
    label_en: str

    def text(self, lang: Lang = "fr") -> str:
        return self.label if lang == "fr" else self.label_en


FLAGS: dict[str, Flag] = {
    flag.code: flag
    for flag in (
        Flag(code="scheme_duplicate", label="doublon de dispositif", label_en="duplicates a scheme"),
        Flag(
            code="overlapping",
            label="chevauche une autre candidature",
            label_en="overlaps another application",
        ),
        Flag(
            code="no_employment_exit", label="aucune sortie vers l'emploi", label_en="no exit to employment"
        ),
        Flag(code="isolated_lead", label="chef de file isolé", label_en="isolated lead"),
        Flag(code="informal_partnership", label="partenariat informel", label_en="informal partnership"),
        Flag(code="silo", label="partenariat cloisonné", label_en="single-sector partnership"),
        Flag(code="no_enterprise", label="aucune entreprise", label_en="no enterprise"),
    )
}


class _Application(BaseModel):
    """What a row and a report's facts both say of one application."""

    model_config = ConfigDict(frozen=True)

    project: str
    title: str
    lead: str
    lead_name: str
    members: int
    strength: float | None
    band: str | None
    band_label: str | None
    verdict: str
    verdict_label: str
    families: dict[str, float | None]


class ComparisonRow(_Application):
    """One application of the call, as a reviewer reads it."""

    flags: list[Flag]
    overlapping: list[str]
    duplicated_schemes: list[str]


class Comparison(BaseModel):
    """The rows of a call, in the order asked, and the overlaps they were flagged from."""

    model_config = ConfigDict(frozen=True)

    call: str
    sort: str
    descending: bool
    rows: list[ComparisonRow]
    overlaps: Overlaps


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


# The metrics the overlaps of a call reuse from each report (see queries.overlaps.find_overlaps).
OVERLAP_METRICS = ("overlapping_projects", "scheme_overlaps")


class ReportFacts(_Application):
    """What a comparison row takes from an application's report, and nothing else.

    A call's reports may be computed in other processes: this is what comes back from each, a few
    hundred bytes instead of the whole report. ``own_flags`` are the flags the report alone
    raises (codes, table order); ``metrics`` the report's values of :data:`OVERLAP_METRICS`.
    """

    own_flags: list[str]
    metrics: dict[str, Any]


def _own_flags(report: Report) -> list[str]:
    """The codes of the flags the report alone raises (see the module docstring), in table order."""
    m = report.metrics
    exit_missing = report.details.get("exit_stage_coverage", {}).get("missing")
    no_employment = (
        "emploi" in exit_missing if exit_missing is not None else m.get("exit_stage_coverage") == 0
    )
    formal_share = _number(m.get("lead_formal_tie_share"))
    raised = {
        "no_employment_exit": no_employment,
        "isolated_lead": report.members > 1 and m.get("lead_reach_1") == 0,
        "informal_partnership": formal_share is not None and formal_share < INFORMAL_SHARE,
        "silo": report.members > 1 and m.get("sector_diversity") == 0,
        "no_enterprise": m.get("enterprise_count") == 0,
    }
    return [code for code, on in raised.items() if on]


def facts_of(report: Report) -> ReportFacts:
    """The facts of one application's report that its comparison row shows."""
    return ReportFacts(
        project=report.project or "",
        title=report.title or "",
        lead=report.lead or "",
        lead_name=report.lead_name or report.lead or "",
        members=report.members,
        strength=report.partnership_strength,
        band=report.band.code if report.band else None,
        band_label=report.band.label if report.band else None,
        verdict=report.federation_verdict.verdict,
        verdict_label=report.federation_verdict.label,
        families={f: (report.families[f].score if f in report.families else None) for f in FAMILIES},
        own_flags=_own_flags(report),
        metrics={key: report.metrics[key] for key in OVERLAP_METRICS if key in report.metrics},
    )


def _flags(facts: ReportFacts, overlaps: Overlaps) -> list[Flag]:
    raised = {
        "scheme_duplicate": bool(overlaps.duplicated_schemes(facts.project)),
        "overlapping": bool(overlaps.overlapping(facts.project)),
        **{code: True for code in facts.own_flags},
    }
    return [flag for code, flag in FLAGS.items() if raised.get(code)]


def flags_of(report: Report, overlaps: Overlaps) -> list[Flag]:
    """The flags of one application (see the module docstring for each rule), in table order."""
    return _flags(facts_of(report), overlaps)


def row_of(facts: ReportFacts, overlaps: Overlaps) -> ComparisonRow:
    """One application's row: the facts of its report, and what the call's overlaps say of it."""
    return ComparisonRow(
        **facts.model_dump(include=set(_Application.model_fields)),
        flags=_flags(facts, overlaps),
        overlapping=overlaps.overlapping(facts.project),
        duplicated_schemes=overlaps.duplicated_schemes(facts.project),
    )


def comparison_row(report: Report, overlaps: Overlaps) -> ComparisonRow:
    return row_of(facts_of(report), overlaps)


VERDICT_ORDER = {"federates": 2, "partially": 1, "does_not": 0}

SORT_KEYS: dict[str, Callable[[ComparisonRow], Any]] = {
    "strength": lambda r: r.strength,
    # Bands are ranges of strength: sorting by band is sorting by strength.
    "band": lambda r: r.strength,
    "project": lambda r: r.project,
    "title": lambda r: r.title.casefold(),
    "lead": lambda r: r.lead_name.casefold(),
    "members": lambda r: r.members,
    "verdict": lambda r: VERDICT_ORDER.get(r.verdict),
    "flags": lambda r: len(r.flags),
    "overlaps": lambda r: len(r.overlapping) + len(r.duplicated_schemes),
    **{family: (lambda r, f=family: r.families.get(f)) for family in FAMILIES},  # type: ignore[misc]
}
# Numbers read best high first; names in alphabetical order.
TEXT_SORT_KEYS = frozenset({"project", "title", "lead"})


class UnknownSortKey(DomainError):
    code = "unknown_sort_key"
    status_code = 422


def sort_rows(rows: Sequence[ComparisonRow], key: str, descending: bool | None = None) -> list[ComparisonRow]:
    """Sort rows by an allow-listed key; values that are ``None`` go last whatever the direction.

    ``descending`` defaults to ``True`` for numbers and ``False`` for names. Ties keep project id
    order.

    Raises
    ------
    UnknownSortKey
        When ``key`` is not in :data:`SORT_KEYS`.
    """
    if key not in SORT_KEYS:
        allowed = ", ".join(SORT_KEYS)
        raise UnknownSortKey(
            f"tri « {key} » inconnu (admis : {allowed})",
            message_en=f"unknown sort key {key!r} (allowed: {allowed})",
        )
    if descending is None:
        descending = key not in TEXT_SORT_KEYS
    by_id = sorted(rows, key=lambda r: r.project)
    present = [r for r in by_id if SORT_KEYS[key](r) is not None]
    missing = [r for r in by_id if SORT_KEYS[key](r) is None]
    return sorted(present, key=SORT_KEYS[key], reverse=descending) + missing


def compare(
    call: str,
    reports: Sequence[Report | ReportFacts],
    overlaps: Overlaps,
    *,
    sort: str = "strength",
    descending: bool | None = None,
) -> Comparison:
    """Build the comparison of a call from its reports (or their facts) and overlaps, sorted by ``sort``."""
    rows = [row_of(r if isinstance(r, ReportFacts) else facts_of(r), overlaps) for r in reports]
    ordered = sort_rows(rows, sort, descending)
    return Comparison(
        call=call,
        sort=sort,
        descending=descending if descending is not None else sort not in TEXT_SORT_KEYS,
        rows=ordered,
        overlaps=overlaps,
    )


# -- exports -----------------------------------------------------------------------------------

_ROW_HEADERS = {
    "project": ("Candidature", "Application"),
    "title": ("Titre", "Title"),
    "lead": ("Chef de file", "Lead"),
    "members": ("Membres", "Members"),
    "strength": ("Force du partenariat (0-100)", "Partnership strength (0-100)"),
    "band": ("Niveau", "Band"),
    "verdict": ("Verdict de fédération", "Federation verdict"),
    "flags": ("Alertes", "Flags"),
    "overlapping": ("Candidatures qui se recoupent", "Overlapping applications"),
    "schemes": ("Dispositifs doublonnés", "Duplicated schemes"),
}
_OVERLAP_HEADERS = (
    ("Type", "Type"),
    ("Candidature", "Application"),
    ("Avec", "With"),
    ("Territoires", "Territories"),
    ("Publics", "Publics"),
    ("Étapes", "Stages"),
    ("Membres concernés", "Members involved"),
    ("Constat", "Finding"),
)


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "fr" else pair[1]


def column_label(key: str, lang: Lang = "fr") -> str:
    """The header a person reads for a column or sort key (the exports' own words); unknown keys as is."""
    if key in FAMILY_LABELS:
        return _pick(FAMILY_LABELS[key], lang)
    key = "overlapping" if key == "overlaps" else key
    return _pick(_ROW_HEADERS[key], lang) if key in _ROW_HEADERS else key


def row_headers(lang: Lang = "fr") -> list[str]:
    """Column headers of the rows sheet, family scores after the verdict."""
    fixed = [
        _pick(_ROW_HEADERS[k], lang)
        for k in ("project", "title", "lead", "members", "strength", "band", "verdict")
    ]
    families = [_pick(FAMILY_LABELS[f], lang) for f in FAMILIES]
    return [*fixed, *families, *(_pick(_ROW_HEADERS[k], lang) for k in ("flags", "overlapping", "schemes"))]


def row_values(row: ComparisonRow, lang: Lang = "fr") -> list[Any]:
    """A row's cells, numbers as numbers (``None`` for a missing score)."""
    verdict = row.verdict_label if lang == "fr" else row.verdict
    return [
        row.project,
        row.title,
        row.lead_name,
        row.members,
        row.strength,
        row.band_label or row.band,
        verdict,
        *(row.families[f] for f in FAMILIES),
        " ; ".join(flag.text(lang) for flag in row.flags),
        ", ".join(row.overlapping),
        ", ".join(row.duplicated_schemes),
    ]


def overlap_values(overlaps: Overlaps, lang: Lang = "fr") -> list[list[str]]:
    """One line per finding: pairs of applications first, then scheme duplications."""
    labels = lambda codes: ", ".join(label(c, lang) for c in codes)  # noqa: E731
    lines = [
        [
            "candidatures" if lang == "fr" else "applications",
            o.project,
            o.other,
            ", ".join(o.territories),
            labels(o.publics),
            "",
            ", ".join(o.shared_members),
            o.sentence(lang),
        ]
        for o in overlaps.projects
    ]
    lines += [
        [
            "dispositif" if lang == "fr" else "scheme",
            d.project,
            f"{d.scheme_name} ({d.scheme})",
            ", ".join(d.territories),
            labels(d.publics),
            labels(d.stages),
            ", ".join(d.members),
            d.sentence(lang),
        ]
        for d in overlaps.schemes
    ]
    return lines


def _csv_cell(value: Any, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:g}" if value == int(value) else f"{value:.1f}"
        return text.replace(".", ",") if lang == "fr" else text
    return str(guard_csv(value))


def to_csv(comparison: Comparison, lang: Lang = "fr") -> bytes:
    """The rows as CSV: ``;``-separated, UTF-8 with a byte-order mark, CRLF line ends (Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(row_headers(lang))
    for row in comparison.rows:
        writer.writerow([_csv_cell(v, lang) for v in row_values(row, lang)])
    return buffer.getvalue().encode("utf-8-sig")


SHEET_ROWS = ("Candidatures", "Applications")
SHEET_OVERLAPS = ("Chevauchements", "Overlaps")


def to_xlsx(comparison: Comparison, lang: Lang = "fr") -> bytes:
    """The comparison as a workbook: a sheet of rows, a sheet of overlaps; bold frozen headers."""
    workbook = Workbook()
    rows = workbook.active
    assert rows is not None
    rows.title = _pick(SHEET_ROWS, lang)
    append_row(rows, row_headers(lang))
    for row in comparison.rows:
        append_row(rows, row_values(row, lang))
    overlaps = workbook.create_sheet(_pick(SHEET_OVERLAPS, lang))
    append_row(overlaps, [_pick(h, lang) for h in _OVERLAP_HEADERS])
    for line in overlap_values(comparison.overlaps, lang):
        append_row(overlaps, line)
    for sheet in (rows, overlaps):
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(sheet.iter_cols(values_only=True), 1):
            width = max((len(str(v)) for v in column if v is not None), default=8)
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, width + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = [
    "FLAGS",
    "OVERLAP_METRICS",
    "SORT_KEYS",
    "Comparison",
    "ComparisonRow",
    "Flag",
    "ReportFacts",
    "UnknownSortKey",
    "column_label",
    "compare",
    "comparison_row",
    "facts_of",
    "flags_of",
    "overlap_values",
    "row_headers",
    "row_of",
    "row_values",
    "sort_rows",
    "to_csv",
    "to_xlsx",
]
