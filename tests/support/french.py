"""What a French reader should never meet: English interface words and French typography slips."""

from __future__ import annotations

import re

# English words of an interface (help panels, usage errors, page chrome). Whole words, any case.
ENGLISH = (
    "the",
    "and",
    "show",
    "this",
    "message",
    "exit",
    "missing",
    "error",
    "try",
    "help",
    "usage",
    "commands",
    "required",
    "default",
    "serve",
    "invalid",
    "value",
    "should",
    "click",
    "loading",
    "download",
    "submit",
    "search",
    "sign",
    "your",
    "partnership",
    "none",
    "null",
    "undefined",
    "nan",
)
_ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b", re.I)
# Technical names a command line shows as they are: options, metavars, commands, file names.
_TECHNICAL = re.compile(
    r"--?[\w-]+|\b[A-Z_]{2,}\b|\{[\w_]+\}|<\w+>|partnership-graph(\.db)?|[\w.-]+\.(?:db|json|xlsx|csv|html|toml)"
    r"|\b(?:token|list|create|revoke|serve|show|help|json|text|html)\b(?=\s|$)"
)

# A space (not a no-break one) or nothing before « ; : ! ? » followed by a space; « (s) », « (e) »,
# « (es) », « (x) » plurals;
# « 1 autres », « 1 dispositifs » style agreement; a percent sign glued or with a plain space.
_SPACE_BEFORE = re.compile(r"\w ?[;!?](?=\s)|\w ?:(?=\s)")
_PLURAL_HACK = re.compile(r"\w\((?:s|e|es|x)\)")
_ONE_PLURAL = re.compile(
    r"(?<![\d,.])\b[01] (?:autres|dispositifs|liens|membres|organisations|candidatures|partenaires|acteurs"
    r"|dossiers|pages|entités|erreurs|lignes|rapprochements)\b"
)
_PERCENT = re.compile(r"\d ?%")


def english_words(text: str, *, cli: bool = True) -> list[str]:
    """English interface words in ``text`` (technical names removed first when ``cli``)."""
    if cli:
        text = _TECHNICAL.sub(" ", text)
    return sorted({m.group(0).lower() for m in _ENGLISH.finditer(text)})


def typography_mistakes(text: str, *, cli: bool = False) -> list[str]:
    """French typography slips in ``text``: spacing before punctuation, « (s) », agreement, « % »."""
    found = [*_PLURAL_HACK.findall(text), *_ONE_PLURAL.findall(text), *_PERCENT.findall(text)]
    if not cli:  # a terminal's help panels wrap text anywhere: spacing is checked on pages
        found += _SPACE_BEFORE.findall(text)
    return found


__all__ = ["english_words", "typography_mistakes"]
