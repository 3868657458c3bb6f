"""Gould & Fernandez (1989) brokerage roles, counted by path structure over sectors."""

from __future__ import annotations

import pytest

from queries.metrics import brokerage_roles, lead_brokerage
from tests.queries.networks import plain

ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")


@pytest.mark.parametrize(
    ("sectors", "counts"),
    [
        ({"a": "X", "b": "X", "c": "X"}, {"coordinator": 2}),
        ({"a": "Y", "b": "X", "c": "Y"}, {"itinerant": 2}),
        ({"a": "Y", "b": "X", "c": "X"}, {"gatekeeper": 1, "representative": 1}),
        ({"a": "X", "b": "X", "c": "Y"}, {"gatekeeper": 1, "representative": 1}),
        ({"a": "Y", "b": "X", "c": "Z"}, {"liaison": 2}),
    ],
)
def test_an_open_two_path_counts_both_directions_as_ucinet_and_sna_do(sectors, counts):
    # a - b - c with a, c not tied, read as the arcs a → b → c and c → b → a (UCINET, sna): a
    # mixed pair is one representative (from the end in b's sector) and one gatekeeper (towards it).
    graph = plain([("a", "b"), ("b", "c")], "b", sectors)
    found = lead_brokerage(graph).value
    assert {r: found[r] for r in ROLES} == {r: counts.get(r, 0) for r in ROLES}
    assert found["total"] == 2 == sum(found[r] for r in ROLES)
    # The ends broker nothing.
    roles = brokerage_roles(graph).value
    assert roles["a"]["total"] == roles["c"]["total"] == 0


def test_one_broker_holding_each_role():
    # b (sector X) has contacts x1, x2 (X), y1, y2 (Y), z (Z). Every pair of contacts is tied
    # except four: x1-x2 (coordinator), y1-y2 (itinerant), x1-y1 (representative x1 → b → y1,
    # gatekeeper y1 → b → x1), y1-z (liaison); each read in both directions.
    sectors = {"b": "X", "x1": "X", "x2": "X", "y1": "Y", "y2": "Y", "z": "Z"}
    contacts = [("b", n) for n in ("x1", "x2", "y1", "y2", "z")]
    closed = [("x1", "y2"), ("x1", "z"), ("x2", "y1"), ("x2", "y2"), ("x2", "z"), ("y2", "z")]
    graph = plain(contacts + closed, "b", sectors)
    measure = lead_brokerage(graph)
    assert measure.value == {
        "coordinator": 2,
        "itinerant": 2,
        "gatekeeper": 1,
        "representative": 1,
        "liaison": 2,
        "total": 8,
    }
    assert sorted(tuple(p) for p in measure.detail["pairs"]) == [
        ("x1", "x2", "coordinator"),
        ("x1", "y1", "representative"),
        ("y1", "y2", "itinerant"),
        ("y1", "z", "liaison"),
    ]


def test_closed_triangle_brokers_nothing():
    graph = plain([("a", "b"), ("b", "c"), ("a", "c")], "b", {"a": "X", "b": "Y", "c": "Z"})
    assert lead_brokerage(graph).value["total"] == 0


def test_pairs_with_an_unknown_sector_are_skipped():
    graph = plain([("a", "b"), ("b", "c")], "b", {"a": "X", "b": "X", "c": "X"})
    graph.nodes["c"]["sector"] = None
    assert lead_brokerage(graph).value["total"] == 0


def test_star_lead_is_liaison_between_every_pair_of_distinct_sectors():
    # Lead in X with partners in Y, Z, W: 3 open pairs, each two liaison two-paths.
    graph = plain([("l", "y"), ("l", "z"), ("l", "w")], "l", {"l": "X", "y": "Y", "z": "Z", "w": "W"})
    assert lead_brokerage(graph).value["liaison"] == 6


def directed_counts(graph, b):
    """Gould & Fernandez on ordered two-paths a -> b -> c, the symmetric graph read as two arcs."""
    g = graph.nodes
    counts = dict.fromkeys(ROLES, 0)
    for a in graph[b]:
        for c in graph[b]:
            if a == c or graph.has_edge(a, c):
                continue
            ga, gb, gc = g[a]["sector"], g[b]["sector"], g[c]["sector"]
            if ga == gb == gc:
                counts["coordinator"] += 1
            elif ga == gc:
                counts["itinerant"] += 1
            elif gb == gc:
                counts["gatekeeper"] += 1
            elif ga == gb:
                counts["representative"] += 1
            else:
                counts["liaison"] += 1
    return counts


def test_the_counts_are_those_of_the_symmetric_graph_read_as_two_arcs():
    import networkx as nx

    graph = nx.gnp_random_graph(16, 0.3, seed=7)
    nx.set_node_attributes(graph, {n: "XYZ"[n % 3] for n in graph}, "sector")
    roles = brokerage_roles(graph).value
    for node in graph:
        directed = directed_counts(graph, node)
        ours = roles[node]
        assert {r: ours[r] for r in ROLES} == directed
        assert ours["total"] == sum(directed.values())
