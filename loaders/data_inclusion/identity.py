"""Who is who in data·inclusion: names compared, ids made, records of one structure grouped.

Pure functions of the records, used by the import (``graph_service.services.ecosystem``).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from graph_service.domain.codes import siret_valid
from loaders.data_inclusion.records import StructureRecord

# Words that say nothing about which structure a name is.
_STOP_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_NOT_SLUG = re.compile(r"[^a-z0-9-]+")
# Names this close (difflib's ratio on normalised names) on the same commune are listed, not merged.
CLOSE_NAME_RATIO = 0.85


def normalise_name(name: str) -> str:
    """Lower case, no accents, no punctuation, no articles: ``L'École de la 2e Chance`` → ``ecole 2e chance``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(w for w in _NOT_ALNUM.sub(" ", ascii_name).split() if w not in _STOP_WORDS)


def close_names(a: str, b: str) -> float:
    """How close two normalised names are: 1 when one's words all belong to the other's."""
    words_a, words_b = set(a.split()), set(b.split())
    smaller = min(words_a, words_b, key=len)
    if len(smaller) >= 2 and (words_a <= words_b or words_b <= words_a):
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def organisation_id(record_id: str) -> str:
    """A stable organisation id for a data·inclusion record: ``di-`` and the record id in slug form.

    Ids stay short and plain (lower-case ASCII letters, digits, hyphens); when the slug loses
    something (accents, case, punctuation) eight characters of the record id's SHA-1 keep two
    records apart.
    """
    ascii_id = unicodedata.normalize("NFKD", record_id).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_id.lower()).strip("-")[:100]
    if slug != record_id:
        slug = f"{slug}-{hashlib.sha1(record_id.encode()).hexdigest()[:8]}"
    return f"di-{slug}"


def departement_of(commune: str) -> str:
    """The département of an INSEE commune code: three characters overseas (97x, 98x), else two."""
    return commune[:3] if commune[:2] in ("97", "98") else commune[:2]


@dataclass
class Group:
    """The records of one structure, the most recently updated first."""

    records: list[StructureRecord]

    def __post_init__(self) -> None:
        # The group's SIRET when its key is right (the referential checks 14 digits, we check Luhn too).
        self.siret = next((r.siret for r in self.records if r.siret and siret_valid(r.siret)), None)

    @property
    def primary(self) -> StructureRecord:
        return self.records[0]

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.records]

    @property
    def communes(self) -> list[str]:
        return sorted({r.commune for r in self.records if r.commune})


def group_records(structures: Sequence[StructureRecord]) -> list[Group]:
    """Merge the records of one structure: same SIRET, or same normalised name on one commune."""
    by_key: dict[tuple[str, str], int] = {}
    members: list[list[StructureRecord]] = []
    for record in sorted(structures, key=lambda r: (r.siret is None, r.id)):
        name_key = ("name", f"{normalise_name(record.name)}@{record.commune}")
        siret_key = ("siret", record.siret) if record.siret else None
        found = by_key.get(siret_key) if siret_key else None
        if found is None:
            candidate = by_key.get(name_key)
            # Two records with different SIRETs are two structures, whatever their names.
            if candidate is not None and not (
                record.siret and members[candidate][0].siret not in (None, record.siret)
            ):
                found = candidate
        if found is None:
            found = len(members)
            members.append([])
        members[found].append(record)
        if siret_key:
            by_key.setdefault(siret_key, found)
        by_key.setdefault(name_key, found)
    return [Group(sorted(m, key=lambda r: (-r.updated.toordinal(), r.id))) for m in members]


__all__ = [
    "CLOSE_NAME_RATIO",
    "Group",
    "close_names",
    "departement_of",
    "group_records",
    "normalise_name",
    "organisation_id",
]
