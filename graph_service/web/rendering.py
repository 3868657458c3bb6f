"""Server-side rendering of the pages: one Jinja2 environment, escaped by default, strict headers."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from graph_service.domain.french import is_share, share
from graph_service.domain.vocabulary import label
from queries.comparison import column_label
from queries.report.labels import VERDICT_LABELS, metric_label, pick
from visualisations.assets import map_script, map_style, vis_script, vis_style
from visualisations.text import french_environment

# Scripts only from this origin (the page itself has none inline); the report frame is ours too.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
# The report is a document of its own (inline styles), shown in a frame of the project page.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"

SECURITY_HEADERS = {
    "Content-Security-Policy": PAGE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Cache-Control": "no-store",
}

STATIC_TYPES = {
    "vis-network.min.js": "text/javascript; charset=utf-8",
    "vis-network.min.css": "text/css; charset=utf-8",
    "map.js": "text/javascript; charset=utf-8",
    "map.css": "text/css; charset=utf-8",
    "site.css": "text/css; charset=utf-8",
}


def _environment() -> Environment:
    env = french_environment(
        loader=PackageLoader("graph_service.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["label"] = label
    env.globals["column_label"] = column_label
    env.globals["metric_label"] = lambda key: metric_label(key, "fr")
    env.globals["verdict_label"] = _verdict
    env.globals["band_label"] = _band
    env.globals["readable"] = readable
    env.globals["signed"] = signed
    env.globals["measure"] = measure
    env.filters["hyphenate"] = hyphenate
    env.filters["score"] = lambda v: "—" if v is None else f"{v:.0f}"
    env.filters["number"] = _number
    return env


def _number(value: Any) -> str:
    """A number for a French reader: decimal comma, two decimals at most."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") if value == value else "—"
    return str(value)


# Where the comparison's narrow headers may break a long word (a soft hyphen, U+00AD): Chromium
# does not hyphenate French by itself on every system.
BREAKS = {
    "Complémentarité": "Complé\u00admentarité",
    "Décloisonnement": "Décloi\u00adson\u00adnement",
    "Articulation": "Articu\u00adlation",
    "dispositifs": "dispo\u00adsitifs",
    "Entreprises": "Entre\u00adprises",
    "Trajectoires": "Trajec\u00adtoires",
    "Résilience": "Rési\u00adlience",
    "Non-redondance": "Non-redon\u00addance",
    "fédération": "fédé\u00adration",
}


def hyphenate(text: str) -> str:
    """``text`` with soft hyphens where its long words may break (see :data:`BREAKS`)."""
    return " ".join(BREAKS.get(word, word) for word in str(text).split(" "))


def measure(value: Any, key: str) -> str:
    """A measure's value for a French reader: a share as a percentage (« 50 % »), else a number."""
    if isinstance(value, int | float) and not isinstance(value, bool) and is_share(key):
        return share(value)
    return _number(value)


def signed(before: Any, after: Any) -> str:
    """``after − before`` rounded, with its sign (« +12 », « −5 », « 0 »); « — » when one is missing."""
    if not isinstance(before, int | float) or not isinstance(after, int | float):
        return "—"
    delta = round(after - before)
    return f"+{delta}" if delta > 0 else f"−{-delta}" if delta < 0 else "0"


def _verdict(code: str | None) -> str:
    return pick(VERDICT_LABELS[code], "fr") if code in VERDICT_LABELS else (code or "—")


def _band(report: Any) -> str:
    """The band label of a report document (``{"band": {"code", "label"}}``), or ``—``."""
    band = report.get("band") if isinstance(report, dict) else None
    if isinstance(band, dict):
        return str(band.get("label") or band.get("code") or "—")
    return "—"


def readable(value: Any, names: dict[str, str] | None = None) -> str:
    """A metric's item for a person: organisations by name, vocabulary codes by label, no raw lists.

    Items look like ``"cs-pont-vert"``, ``"barrier:langue"`` or a pair ``["a", "b", 0.67]``.
    """
    names = names or {}
    if isinstance(value, str):
        if value in names:
            return names[value]
        return label(value.split(":", 1)[1] if ":" in value else value)
    if isinstance(value, list | tuple):
        return " – ".join(readable(v, names) for v in value if isinstance(v, str)) or "—"
    return _number(value)


def environment() -> Environment:
    """The pages' one Jinja2 environment (built at import; Jinja keeps its own compiled templates)."""
    return _ENVIRONMENT


def render(template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    body = _ENVIRONMENT.get_template(template).render(**context)
    return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)


ERROR_HEADINGS = {
    404: "Page introuvable",
    422: "Paramètres invalides",
}


def error_page(status: int, message: str) -> HTMLResponse:
    """A French error page with a link home (never the principal: a 404 reads the same for all)."""
    heading = ERROR_HEADINGS.get(status, "Impossible d'afficher cette page")
    return render("error.html.j2", status=status, heading=heading, message=message, principal=None)


def _site_style() -> str:
    return files("graph_service.web").joinpath("static", "site.css").read_text(encoding="utf-8")


_STATIC_READERS: dict[str, Callable[[], str]] = {
    "vis-network.min.js": vis_script,
    "vis-network.min.css": vis_style,
    "map.js": map_script,
    "map.css": map_style,
    "site.css": _site_style,
}


def static_asset(name: str) -> str | None:
    """The text of a static file the pages load, or ``None`` for an unknown name."""
    reader = _STATIC_READERS.get(name)
    return reader() if reader is not None else None


_ENVIRONMENT = _environment()

__all__ = [
    "PAGE_CSP",
    "REPORT_CSP",
    "SECURITY_HEADERS",
    "STATIC_TYPES",
    "environment",
    "error_page",
    "render",
    "static_asset",
]
