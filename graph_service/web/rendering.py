"""Server-side rendering of the pages: one Jinja2 environment, escaped by default, strict headers."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from graph_service.domain.vocabulary import label
from visualisations.assets import map_script, map_style, vis_script, vis_style

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


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("graph_service.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["label"] = label
    env.filters["score"] = lambda v: "—" if v is None else f"{v:.0f}"
    env.filters["number"] = _number
    return env


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value == value else "—"
    return str(value)


def render(template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    body = environment().get_template(template).render(**context)
    return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)


@lru_cache(maxsize=8)
def static_asset(name: str) -> str | None:
    """The text of a static file the pages load, or ``None`` for an unknown name."""
    if name == "vis-network.min.js":
        return vis_script()
    if name == "vis-network.min.css":
        return vis_style()
    if name == "map.js":
        return map_script()
    if name == "map.css":
        return map_style()
    if name == "site.css":
        return files("graph_service.web").joinpath("static", "site.css").read_text(encoding="utf-8")
    return None


__all__ = [
    "PAGE_CSP",
    "REPORT_CSP",
    "SECURITY_HEADERS",
    "STATIC_TYPES",
    "environment",
    "render",
    "static_asset",
]
