"""Decompartmentalisation: Krackhardt & Stern's E-I index, sector modularity, sector pairs."""

from __future__ import annotations

import pytest

from queries.metrics import ei_index, lead_ei_index, sector_modularity, sectors_linked
from tests.queries.networks import plain

SECTORS = {"a": "employment", "b": "employment", "c": "social", "d": "health"}
EDGES = [("a", "b"), ("a", "c"), ("c", "d"), ("b", "d")]
# A lead of another sector tied to the four partners: its edges always cross sectors, and the
# between-partners view leaves them out.
LED = [*EDGES, *(("l", n) for n in "abcd")]
LED_SECTORS = {**SECTORS, "l": "youth_sport_culture"}


def test_ei_index_by_hand_between_partners():
    # Between partners: a-b internal; a-c, c-d, b-d external: (3 - 1) / 4 = 0.5; the lead's four
    # cross-sector edges are not counted (they would give (7 - 1) / 8).
    measure = ei_index(plain(LED, "l", LED_SECTORS))
    assert measure.value == pytest.approx(0.5)
    assert measure.detail == {"external": 3, "internal": 1}


def test_lead_ei_index_counts_the_lead_edges_only():
    # a-b internal, a-c external: 0.
    assert lead_ei_index(plain(EDGES, "a", SECTORS)).value == 0


def test_silo_led_from_another_sector_has_ei_minus_one_and_no_sector_pair():
    silo = [("a", "b"), ("b", "c"), ("l", "a"), ("l", "b"), ("l", "c")]
    graph = plain(silo, "l", {**dict.fromkeys("abc", "employment"), "l": "youth_sport_culture"})
    assert ei_index(graph).value == -1
    assert sectors_linked(graph).value == 0


def test_all_cross_sector_ties_give_ei_plus_one():
    graph = plain([("a", "c"), ("c", "d"), ("l", "a")], "l", LED_SECTORS)
    assert ei_index(graph).value == 1


def test_sector_modularity_by_hand_between_partners():
    # Partners only, m = 4. employment {a, b}: 1 inner edge, degree sum 4; social {c}: 0, 2;
    # health {d}: 0, 2. Q = (1/4 - (4/8)^2) + (0 - (2/8)^2) + (0 - (2/8)^2) = -0.125.
    assert sector_modularity(plain(LED, "l", LED_SECTORS)).value == pytest.approx(-0.125)


def test_sectors_linked_counts_distinct_pairs_between_partners():
    measure = sectors_linked(plain(LED, "l", LED_SECTORS))
    assert measure.value == 3
    assert measure.detail["pairs"] == [
        ["employment", "health"],
        ["employment", "social"],
        ["health", "social"],
    ]


def test_graph_without_edges_has_no_index():
    graph = plain([], "a")
    graph.add_node("a", sector="social")
    assert ei_index(graph).value is None
    assert sector_modularity(graph).value is None
    assert lead_ei_index(graph).value is None


def test_sector_modularity_agrees_with_networkx_on_random_graphs():
    import networkx as nx

    for seed in range(4):
        graph = nx.gnp_random_graph(14, 0.3, seed=seed)
        sectors = {n: ("employment", "social", "health")[n % 3] for n in graph}
        nx.set_node_attributes(graph, sectors, "sector")
        graph.graph["lead"] = 0
        partners = graph.subgraph(n for n in graph if n != 0)  # the between-partners view
        groups = [{n for n in partners if sectors[n] == s} for s in ("employment", "social", "health")]
        expected = nx.community.modularity(partners, [g for g in groups if g])
        assert sector_modularity(graph).value == pytest.approx(expected)
