"""The reviewers' methodology (``docs/methodologie.md``), rendered for the pages.

The Markdown is the project's own document; raw HTML in it is not rendered (``html`` off), so
the page shows only what Markdown produces, escaped.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

METHODOLOGY = Path(__file__).resolve().parents[2] / "docs" / "methodologie.md"


@lru_cache(maxsize=1)
def methodology_html() -> str | None:
    """The methodology as an HTML fragment, or ``None`` when the document is not installed."""
    try:
        text = METHODOLOGY.read_text(encoding="utf-8")
    except OSError:
        return None
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)


__all__ = ["METHODOLOGY", "methodology_html"]
