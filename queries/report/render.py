"""Text and HTML renderings of a :class:`~queries.report.Report` (Jinja2 templates).

The HTML is self-contained (no external resource), escapes every value (autoescape) and prints on
A4 (``@page`` rules in the template).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph_service.domain.french import count, count_en
from graph_service.domain.vocabulary import Lang
from queries.report import Report
from queries.report.labels import GOVERNANCE_LABELS, ROLE_LABELS, metric_label, number, percent, pick, tr

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


# Metrics that are shares in [0, 1]: a reviewer reads « 50 % », not « 0,5 ».
SHARE_METRICS = frozenset(
    {
        "stage_coverage",
        "barrier_coverage",
        "public_coverage",
        "territory_coverage",
        "lead_reach_1",
        "lead_reach_2",
        "lead_formal_tie_share",
        "scheme_articulation_share",
        "enterprise_formal_share",
        "exit_stage_coverage",
        "complete_trajectory_share",
    }
)


def _value(value: Any, lang: str, key: str | None = None) -> str:
    """A metric value in a few words: numbers, lists by length and content, dicts as k: v.

    Shares read as percentages and the governance form by its label, as a reviewer reads them.
    """
    lg: Lang = "fr" if lang == "fr" else "en"
    if value is None:
        return "—"
    if key in SHARE_METRICS and isinstance(value, int | float) and not isinstance(value, bool):
        return percent(value, lg)
    if key == "governance_form" and isinstance(value, str) and value in GOVERNANCE_LABELS:
        return pick(GOVERNANCE_LABELS[value], lg)
    if isinstance(value, bool):
        return tr(lg, "oui", "yes") if value else tr(lg, "non", "no")
    if isinstance(value, int | float):
        return number(value, lg)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        if not value:
            return tr(lg, "aucun", "none")
        items = [v.get("scheme") or v.get("project") if isinstance(v, dict) else v for v in value]
        shown = [
            " – ".join(str(x) for x in item[:2]) if isinstance(item, list) else str(item)
            for item in items[:5]
        ]
        more = f" (+{len(items) - 5})" if len(items) > 5 else ""
        return (
            f"{len(value)} : " + ", ".join(shown) + more
            if lg == "fr"
            else f"{len(value)}: " + ", ".join(shown) + more
        )
    if isinstance(value, dict):
        if value and all(isinstance(v, dict) for v in value.values()):
            return tr(lg, f"{len(value)} membres", f"{len(value)} members")
        if value and all(isinstance(v, list) for v in value.values()):
            return tr(
                lg,
                count(
                    sum(1 for v in value.values() if v),
                    "membre avec un apport propre",
                    "membres avec un apport propre",
                ),
                count_en(
                    sum(1 for v in value.values() if v),
                    "member with a unique contribution",
                    "members with a unique contribution",
                ),
            )
        parts = [f"{pick(ROLE_LABELS[k], lg) if k in ROLE_LABELS else k} {v}" for k, v in value.items() if v]
        return ", ".join(parts) or tr(lg, "aucun", "none")
    return str(value)


def _environment(html: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]) if html else False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["value"] = _value
    env.filters["number"] = lambda v, lang: number(v, "fr" if lang == "fr" else "en", 1)
    env.globals["metric_label"] = lambda key, lang: metric_label(key, "fr" if lang == "fr" else "en")
    env.globals["tr"] = lambda lang, fr, en: fr if lang == "fr" else en
    return env


# Built once at import and only read after: Jinja environments are safe to share between threads.
_TEXT = _environment(False)
_HTML = _environment(True)


def render_text(report: Report) -> str:
    """The report as plain text (UTF-8), for a terminal or an e-mail."""
    return _TEXT.get_template("report.txt.j2").render(r=report, lang=report.lang)


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page that prints on A4."""
    return _HTML.get_template("report.html.j2").render(r=report, lang=report.lang)


__all__ = ["render_html", "render_text"]
