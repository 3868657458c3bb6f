"""French wording shared by every page, map and message: plural agreement, shares, typography.

French takes the singular for 0 and 1 (« 0 lien », « 1 lien », « 2 liens ») and wants a
non-breaking space before « ; : ! ? », inside guillemets and between a number and « % ».
Templates and messages call these instead of writing ``{{ n }} lien(s)``.

>>> count(1, "dispositif"), count(2, "lien"), count(3, "autre acteur")
('1 dispositif', '2 liens', '3 autres acteurs')
>>> count(2, "candidature partagée")
'2 candidatures partagées'
>>> count(4, "nœud", "nœuds")
'4 nœuds'
>>> share(0.5)
'50\\u202f%'
>>> typography("Secteur : Justice ; 2 liens !")
'Secteur\\u202f: Justice\\u202f; 2 liens\\u202f!'
"""

from __future__ import annotations

import re

# The narrow no-break space (U+202F) the Imprimerie nationale sets before ; ! ? and %; the
# colon takes the wider one (U+00A0) in print, but browsers and terminals render both alike and
# one character keeps the tests simple.
NBSP = "\u202f"

_BEFORE_PUNCTUATION = re.compile(r"[ \u00a0\u202f]*([;:!?])(?=\s|$|<)")
_GUILLEMETS = (re.compile(r"«[ \u00a0\u202f]*"), re.compile(r"[ \u00a0\u202f]*»"))


def plural(word: str) -> str:
    """The plural of a French word or of a noun group (« autre acteur » → « autres acteurs »).

    Words ending in s, x or z do not change; -al becomes -aux (« local » → « locaux ») and -eau,
    -eu take an x. From a preposition on (« lien de travail »), the complement keeps its number.
    """
    words = word.split(" ")
    for index, item in enumerate(words):
        if item.lower() in _PREPOSITIONS:
            break
        words[index] = _plural_word(item)
    return " ".join(words)


_PREPOSITIONS = frozenset({"de", "du", "des", "à", "au", "aux", "en", "sur", "par", "pour", "avec", "sans"})


def _plural_word(word: str) -> str:
    if not word or not word[-1].isalpha():
        return word
    if word[-1] in "sxz":
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    if word.endswith(("eau", "eu")):
        return word + "x"
    return word + "s"


def agree(number: int, singular: str, plural_form: str | None = None) -> str:
    """The word for ``number`` of it: singular for 0 and 1, plural from 2."""
    if abs(number) < 2:
        return singular
    return plural_form if plural_form is not None else plural(singular)


def count(number: int, singular: str, plural_form: str | None = None) -> str:
    """``number`` and its noun, agreed: ``count(2, "lien")`` → « 2 liens »."""
    return f"{number} {agree(number, singular, plural_form)}"


def count_en(number: int, singular: str, plural_form: str | None = None) -> str:
    """The English counterpart of ``count`` for ``_en`` messages: the plural for every number but 1."""
    return f"{number} {singular if abs(number) == 1 else plural_form or singular + 's'}"


def share(value: float | None, digits: int = 0) -> str:
    """A share in [0, 1] as a French percentage (« 50 % »); « non renseigné » when missing."""
    if value is None or value != value:
        return "non renseigné"
    text = f"{100 * value:.{digits}f}".replace(".", ",")
    return f"{text}{NBSP}%"


# Measures whose value is a share of something, in [0, 1]: read as a percentage (« 50 % »).
SHARE_KEYS = frozenset({"lead_reach_1", "lead_reach_2"})
SHARE_SUFFIXES = ("_share", "_coverage")


def is_share(key: str) -> bool:
    """Whether the measure ``key`` is a share (``lead_formal_tie_share``, ``stage_coverage``…)."""
    return key in SHARE_KEYS or key.endswith(SHARE_SUFFIXES)


def typography(text: str) -> str:
    """French spacing: a no-break space before « ; : ! ? » and inside guillemets.

    A colon inside a word or a number (``10:30``, ``https://``) is left alone: only punctuation
    followed by a space, a tag or the end of the text is touched.
    """
    text = _BEFORE_PUNCTUATION.sub(lambda m: NBSP + m.group(1), text)
    text = _GUILLEMETS[0].sub("«" + NBSP, text)
    return _GUILLEMETS[1].sub(NBSP + "»", text)


__all__ = ["NBSP", "agree", "count", "count_en", "is_share", "plural", "share", "typography"]
