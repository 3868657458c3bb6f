"""Removing other applications from an analysis before a token sees it.

A report, gaps or a what-if of one's own project may name the applications it overlaps; a
reviewer's or a lead's token must not learn them when they are not theirs. Every string of the
answer has the ids and titles of the applications the token may not see replaced by a neutral
phrase, wherever they occur (metric values, findings, evidence).
"""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import escape

HIDDEN = "(autre candidature)"


def _pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # Longest first, and not inside a longer identifier (p-1 must not eat p-12).
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def html_variants(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms as an HTML page may print them (Jinja's and the standard library's escaping)."""
    return tuple(dict.fromkeys([*terms, *(str(escape(t)) for t in terms), *(html.escape(t) for t in terms)]))


def scrub_text(text: str, terms: tuple[str, ...]) -> str:
    pattern = _pattern(terms)
    return text if pattern is None else pattern.sub(HIDDEN, text)


def scrub(value: Any, terms: tuple[str, ...]) -> Any:
    """Return ``value`` (JSON data) with every hidden term replaced, keys included."""
    pattern = _pattern(terms)
    return value if pattern is None else _scrubbed(value, pattern)


def _scrubbed(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(HIDDEN, value)
    if isinstance(value, list):
        return [_scrubbed(item, pattern) for item in value]
    if isinstance(value, dict):
        return {pattern.sub(HIDDEN, str(k)): _scrubbed(v, pattern) for k, v in value.items()}
    return value


__all__ = ["HIDDEN", "html_variants", "scrub", "scrub_text"]
