"""The Cypher catalog: every query is used by the store, loads, plans on Neo4j, names only enums."""

from __future__ import annotations

import inspect
import itertools
import re
from enum import Enum, StrEnum
from typing import Any

import pytest

import graph_service.stores.neo4j as neo4j_module
from graph_service.stores import catalog
from graph_service.stores.catalog import Key, UnknownQuery, cypher
from graph_service.stores.neo4j import ALL_TIES, Label, Neo4jStore, Rel, TieType

# What may fill each slot; a query is checked with every combination.
SLOT_VALUES: dict[str, list[Any]] = {
    "LABEL": list(Label),
    "KEY": list(Key),
    "TIE_TYPE": list(TieType),
    "TIE_TYPES": [ALL_TIES],
}
# Parameters missing under EXPLAIN are expected; anything else Neo4j notices is a defect (a
# deprecated syntax, a cartesian product). The store's driver silences "unknown label or property"
# (a fresh database knows none); labels and types are checked against the enums below instead.
PARAMETER_MISSING = "01N60"


def renderings(name: str) -> list[str]:
    slots = sorted(catalog.slots(name))
    combos = itertools.product(*(SLOT_VALUES[slot] for slot in slots))
    return [cypher(name, **dict(zip(slots, combo, strict=True))) for combo in combos]


def test_the_catalog_holds_the_store_queries() -> None:
    assert len(catalog.names()) >= 20
    assert all(catalog.source(name).strip() for name in catalog.names())


def test_every_query_file_is_used_by_the_store_and_every_name_it_uses_exists() -> None:
    code = inspect.getsource(neo4j_module)
    used = set(re.findall(r'cypher\(\s*"([a-z_]+)"', code)) | set(neo4j_module.MERGE_QUERY.values())
    assert set(catalog.names()) == used


@pytest.mark.parametrize("name", catalog.names())
def test_every_query_loads_and_plans_on_neo4j_without_a_notification(
    neo4j_store: Neo4jStore, name: str
) -> None:
    for text in renderings(name):
        assert "{{" not in text and "}}" not in text
        summary = neo4j_store.driver.execute_query(f"EXPLAIN {text}", database_=neo4j_store.database).summary
        problems = [
            status.gql_status
            for status in summary.gql_status_objects
            if status.is_notification and status.gql_status != PARAMETER_MISSING
        ]
        assert problems == [], (name, text, problems)


def test_queries_name_only_labels_and_types_of_the_enums() -> None:
    allowed = {*Label, *Rel, *TieType}
    for name in catalog.names():
        for text in renderings(name):
            body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
            labels = re.findall(r"\(\w*:(\w+)", body)
            types = [t for group in re.findall(r"\[\w*:([\w|]+)", body) for t in group.split("|")]
            assert set(labels) | set(types) <= allowed, name
            assert labels or types or name in {"ping", "drop_tie_key_unique", "drop_tie_project_index"}, name


class Shady(StrEnum):
    ATTACK = "X) DETACH DELETE n //"


class Port(Enum):
    BOLT = 7687


def test_a_slot_takes_only_an_enum_member_whose_value_is_an_identifier() -> None:
    with pytest.raises(TypeError):
        cypher("get_node", LABEL="Territory", KEY=Key.CODE)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="identifiant"):
        cypher("get_node", LABEL=Shady.ATTACK, KEY=Key.CODE)
    with pytest.raises(ValueError, match="identifiant"):
        cypher("get_node", LABEL=Port.BOLT, KEY=Key.CODE)


def test_a_query_rendered_with_missing_or_extra_slots_is_refused() -> None:
    with pytest.raises(ValueError, match="emplacements"):
        cypher("get_node", LABEL=Label.TERRITORY)
    with pytest.raises(ValueError, match="emplacements"):
        cypher("ping", LABEL=Label.TERRITORY)


def test_an_unknown_query_name_is_refused_with_its_name() -> None:
    with pytest.raises(UnknownQuery, match="no_such_query"):
        cypher("no_such_query")


def test_a_sequence_of_types_fills_a_slot_with_their_alternation() -> None:
    text = cypher("list_ties", TIE_TYPES=(TieType.ORIENTATION, TieType.CONVENTION))
    assert "[r:ORIENTATION|CONVENTION]" in text


def test_a_rendering_fills_every_slot_and_leaves_the_catalog_unchanged() -> None:
    before = catalog.source("get_node")
    assert cypher("get_node", LABEL=Label.PROJECT, KEY=Key.ID) == before.replace(
        "{{LABEL}}", "Project"
    ).replace("{{KEY}}", "id")
    assert catalog.source("get_node") == before
