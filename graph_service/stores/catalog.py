"""The Cypher catalog: one parameterised query per ``.cypher`` file of ``cypher/`` beside it.

Every value reaches Neo4j as a parameter (``$name``). Cypher cannot take a label or a relationship
type as a parameter, so a query may hold *slots* such as ``{{LABEL}}`` or ``{{TIE_TYPE}}``: they are
filled only with members of an enum whose values are plain identifiers, never with input. A
sequence of members fills a slot with their alternation (``A|B|C``).

The files are read once, when the module is imported, into a read-only mapping; filling the
slots of a query is a substitution on a few hundred characters, done at each call.

Examples
--------
>>> from enum import StrEnum
>>> class Label(StrEnum):
...     TERRITORY = "Territory"
>>> "MATCH (n:Territory)" in cypher("get_node", LABEL=Label.TERRITORY, KEY=Key.CODE)
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum, StrEnum
from importlib import resources
from types import MappingProxyType
from typing import LiteralString, cast

SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")

SlotValue = Enum | Sequence[Enum]


class Key(StrEnum):
    """Property names a slot may name: the keys of the node labels."""

    CODE = "code"
    ID = "id"
    NAME = "name"


class UnknownQuery(LookupError):
    """No ``.cypher`` file has that name."""


def _read_files() -> MappingProxyType[str, str]:
    folder = resources.files("graph_service.stores") / "cypher"
    return MappingProxyType(
        {
            entry.name.removesuffix(".cypher"): entry.read_text(encoding="utf-8")
            for entry in folder.iterdir()
            if entry.name.endswith(".cypher")
        }
    )


# Read once at import, never changed: the packaged files are the catalog.
QUERIES = _read_files()


def names() -> list[str]:
    """Every query of the catalog, sorted."""
    return sorted(QUERIES)


def source(name: str) -> str:
    """The text of a query file, slots unfilled."""
    try:
        return QUERIES[name]
    except KeyError:
        raise UnknownQuery(f"aucune requête Cypher « {name} » dans graph_service/stores/cypher") from None


def slots(name: str) -> set[str]:
    """The slots a query needs filled."""
    return set(SLOT.findall(source(name)))


def _fill(value: SlotValue) -> str:
    members = [value] if isinstance(value, Enum) else list(value)
    if not members:
        raise ValueError("un emplacement ne peut pas être vide")
    texts = []
    for member in members:
        if not isinstance(member, Enum):
            raise TypeError(f"emplacement rempli par {member!r} : seul un membre d'enum est admis")
        text = str(member.value)
        if not IDENTIFIER.fullmatch(text):
            raise ValueError(f"emplacement rempli par {text!r} : pas un identifiant")
        texts.append(text)
    return "|".join(texts)


def _render(name: str, values: dict[str, str]) -> str:
    needed = slots(name)
    if needed != set(values):
        raise ValueError(
            f"requête « {name} » : emplacements attendus {sorted(needed)}, reçus {sorted(values)}"
        )
    return SLOT.sub(lambda match: values[match.group(1)], source(name))


def cypher(name: str, **slot_values: SlotValue) -> LiteralString:
    """Return the query ``name`` with its slots filled from enum members."""
    filled = {slot: _fill(value) for slot, value in slot_values.items()}
    # The text comes from our own files and enum values only: a literal string in all but type.
    return cast(LiteralString, _render(name, filled))


__all__ = ["QUERIES", "Key", "UnknownQuery", "cypher", "names", "slots", "source"]
