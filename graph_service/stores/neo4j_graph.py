"""The graph model of the Neo4j store: labels, relationship types, and entities as query rows.

Labels and types are enums: the only names a query slot may hold (see :mod:`graph_service.stores.catalog`).
Nodes carry their canonical JSON (``doc``) beside the properties Cypher filters on; ties are
rebuilt from their properties.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Any, TypeVar, cast

import neo4j
from pydantic import BaseModel

from graph_service.domain.models import Organisation, Project, Scheme, Territory, Tie
from graph_service.domain.vocabulary import TieKind
from graph_service.stores.catalog import Key

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")


class Label(StrEnum):
    TERRITORY = "Territory"
    ORGANISATION = "Organisation"
    SCHEME = "Scheme"
    PROJECT = "Project"
    SEQUENCE = "Sequence"


class Rel(StrEnum):
    PART_OF = "PART_OF"
    COVERS = "COVERS"
    LEADS = "LEADS"
    PARTNER_IN = "PARTNER_IN"
    OPERATES = "OPERATES"
    ARTICULATES_WITH = "ARTICULATES_WITH"


class TieType(StrEnum):
    ORIENTATION = "ORIENTATION"
    CO_INTERVENTION = "CO_INTERVENTION"
    CONVENTION = "CONVENTION"
    ECHANGE_INFORMATION = "ECHANGE_INFORMATION"
    FINANCEMENT = "FINANCEMENT"
    MISE_A_DISPOSITION = "MISE_A_DISPOSITION"


# Fails at import if a tie kind has no relationship type.
TIE_TYPE: dict[TieKind, TieType] = {kind: TieType[kind.name] for kind in TieKind}
# A tie's kind is its relationship type: read back with ``type(r)``.
TIE_KIND: dict[str, TieKind] = {tie_type.value: kind for kind, tie_type in TIE_TYPE.items()}
ALL_TIES = tuple(TieType)

# Per table: label and key property of its nodes.
NODE_TABLES: dict[str, tuple[Label, Key]] = {
    "territories": (Label.TERRITORY, Key.CODE),
    "organisations": (Label.ORGANISATION, Key.ID),
    "schemes": (Label.SCHEME, Key.ID),
    "projects": (Label.PROJECT, Key.ID),
}


class Batch(list[Any]):
    """The rows of one batch, as a query parameter: a list whose ``repr`` is its length.

    The driver formats every RUN's parameters for its debug log even when that log is off
    (neo4j 6.x, ``Bolt5x5.run``): with plain lists, that is a measurable share of an import (see
    ``benchmarks/README.md``), and would put whole batches into a debug log.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def batched(items: Sequence[R], size: int) -> Iterator[Batch]:
    """Consecutive slices of at most ``size`` items (``itertools.batched`` is Python 3.12)."""
    for start in range(0, len(items), size):
        yield Batch(items[start : start + size])


def doc(entity: BaseModel) -> str:
    return json.dumps(entity.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def _values(items: Sequence[Any]) -> list[str]:
    return [getattr(item, "value", item) for item in items]


def node_row(table: str, entity: Any, doc: str, seq: int | None) -> dict[str, Any]:
    row: dict[str, Any] = {"doc": doc, "seq": seq}
    if table == "territories":
        t: Territory = entity
        row |= {"code": t.code, "parent": t.parent, "props": {"name": t.name, "level": t.level.value}}
    elif table == "organisations":
        o: Organisation = entity
        row |= {
            "id": o.id,
            "territories": list(o.territories),
            "props": {
                "name": o.name,
                "sector": o.sector.value,
                "subtype": o.subtype.value if o.subtype else None,
                "siret": o.siret,
                "stages": _values(o.stages),
                "barriers": _values(o.barriers),
                "publics": _values(o.publics),
            },
        }
    elif table == "schemes":
        s: Scheme = entity
        row |= {
            "id": s.id,
            "operator": s.operator,
            "territories": list(s.territories),
            "props": {
                "name": s.name,
                "kind": s.kind.value,
                "stages": _values(s.stages),
                "publics": _values(s.publics),
            },
        }
    else:
        p: Project = entity
        row |= {
            "id": p.id,
            "lead": p.lead,
            "territories": list(p.territories),
            "schemes": list(p.schemes),
            "props": {"title": p.title, "call": p.call, "publics": _values(p.publics)},
            "partners": [
                {
                    "organisation": partner.organisation,
                    "props": {
                        "commitment": partner.commitment.value,
                        "formal": partner.commitment.formal,
                        "role": partner.role,
                        "stages": None if partner.stages is None else _values(partner.stages),
                        "position": position,
                    },
                }
                for position, partner in enumerate(p.partners)
            ],
        }
    return row


def entity(model: type[M], record: neo4j.Record) -> M:
    if model is Tie:
        return cast(M, tie(record))
    return model.model_validate_json(record["doc"])


def tie(record: neo4j.Record | Mapping[str, Any]) -> Tie:
    """A tie from its relationship's columns: ties are nine in ten rows, so they keep no ``doc``.

    The kind is the relationship type (column ``type``); ties carry no key property either, since
    ends, type and project identify them.
    """
    return Tie(
        source=record["source"],
        target=record["target"],
        kind=TIE_KIND[record["type"]],
        formal=record["formal"],
        strength=record["strength"],
        project=record["project"],
    )


__all__ = [
    "ALL_TIES",
    "NODE_TABLES",
    "TIE_KIND",
    "TIE_TYPE",
    "Batch",
    "Label",
    "Rel",
    "TieType",
    "batched",
    "doc",
    "entity",
    "node_row",
    "tie",
]
