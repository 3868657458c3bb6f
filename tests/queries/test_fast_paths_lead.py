"""The lead's measures read faster give the reference values, on seeded random project networks.

Each fast path of the Federation and Redundancy families is compared with the plain computation
it replaces, on the project networks of ``test_fast_paths`` and on variants that take the other
branches: members and edges in shuffled order (the lead no longer opens every adjacency),
self-loops, a second member tied to every other. Floats are compared with ``==``: the fast paths
add the same terms in the same order, so reports stay identical to the last digit.
"""

from __future__ import annotations

import random
from functools import reduce
from operator import add

import networkx as nx
import pytest

from queries.metrics import (
    Net,
    degree_centralization,
    density,
    governance_form,
    lead_brokerage,
    lead_closeness,
    lead_degree_centrality,
    lead_effective_size,
    lead_formal_tie_share,
    lead_reach_1,
    lead_reach_2,
    partner_tie_density,
)
from queries.metrics._common import is_working
from queries.metrics.brokerage import _ends, _lead_evidence, all_brokerage
from queries.metrics.federation import (
    _in_order,
    _packed_score,
    _universal_score,
    betweenness,
    lead_betweenness,
    lead_betweenness_and_rank,
    lead_betweenness_rank,
)
from queries.metrics.redundancy import _constraint, _ego, _lead_ego, _weighted_burt
from tests.queries.test_fast_paths import index_adjacency, random_graph, random_project

SEEDS = range(40)


def variants(seed: int) -> list[nx.Graph]:
    """A random N(P), the same reshuffled, and copies with a self-loop or a second member tied to all."""
    rng = random.Random(seed)
    graph = random_project(seed)
    shuffled = nx.Graph(**graph.graph)
    nodes = list(graph.nodes(data=True))
    rng.shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    edges = list(graph.edges(data=True))
    rng.shuffle(edges)
    shuffled.add_edges_from(edges)
    found = [graph, shuffled]
    for base in (graph, shuffled):
        looped = base.copy()
        looped.add_edge("lead", "lead", formal=True, strength=2)
        partner = next((n for n in base if n != "lead"), None)
        if partner is not None:
            looped.add_edge(partner, partner, formal=True, strength=1)
        found.append(looped)
        if partner is not None:
            hub = base.copy()
            hub.add_edges_from(((partner, n) for n in base if n != partner), formal=True, strength=3)
            found.append(hub)
    return found


@pytest.mark.parametrize("seed", SEEDS)
def test_the_packed_lead_score_is_the_universal_score_to_the_last_bit(seed: int) -> None:
    for graph in variants(seed):
        lead = list(graph).index("lead")
        assert _packed_score(Net(graph).adj, "lead") == _universal_score(index_adjacency(graph), lead)


@pytest.mark.parametrize("seed", SEEDS)
def test_floats_in_order_are_added_left_to_right_from_zero(seed: int) -> None:
    rng = random.Random(seed)
    terms = [1.0 / rng.randint(1, 40) for _ in range(rng.randint(0, 60))]
    assert _in_order(iter(terms)) == reduce(add, terms, 0.0)
    assert type(_in_order(iter([]))) is float


@pytest.mark.parametrize("seed", SEEDS)
def test_the_lead_ego_read_once_gives_each_burt_sum_to_the_last_bit(seed: int) -> None:
    rng = random.Random(seed)
    graphs = [*variants(seed), random_graph(seed)]
    for graph in graphs:
        for u, v in graph.edges():
            if rng.random() < 0.9:  # some edges carry no strength (1 by default), some a zero one
                graph.edges[u, v]["strength"] = rng.choice([0, 1, 2, 3, 2.5])
        for adjacency in (graph.adj, Net(graph).working):
            for node in graph:
                contacts, ties = _ego(adjacency, node)
                expected = (contacts, ties, _constraint(adjacency, node), _weighted_burt(adjacency, node))
                assert _lead_ego(adjacency, node) == expected, node


@pytest.mark.parametrize("seed", SEEDS)
def test_brokerage_counts_skipping_members_tied_to_all_and_the_pairs_ends(seed: int) -> None:
    for graph in variants(seed):
        counted = all_brokerage(graph)
        only_lead = all_brokerage(graph, pairs_of=["lead"])
        assert {n: found[0] for n, found in only_lead.items()} == {
            n: found[0] for n, found in counted.items()
        }
        for node, (_, pairs) in counted.items():
            expected = list(dict.fromkeys([n for a, c, _ in pairs for n in (a, c)]))
            for most in (len(graph), len(expected), len(expected) + 1):
                assert list(_ends(pairs, most)) == expected, node


def reference_levels(graph: nx.Graph) -> tuple[dict[str, str], dict[str, int]]:
    """Breadth-first from the lead over working ties, two steps, every adjacency in N(P)'s order."""
    parent: dict[str, str] = {}
    level = {"lead": 0}
    frontier = ["lead"]
    for step in (1, 2):
        following = []
        for u in frontier:
            for v, data in graph.adj[u].items():
                if v not in level and is_working(data):
                    level[v] = step
                    parent[v] = u
                    following.append(v)
        frontier = following
    return parent, level


@pytest.mark.parametrize("seed", SEEDS)
def test_lead_measures_read_from_the_working_adjacency_and_edge_data_are_the_reference_ones(
    seed: int,
) -> None:
    for graph in variants(seed):
        net = Net(graph)
        parent, level = reference_levels(graph)
        rest = [n for n in graph if n != "lead"]
        for cutoff, measure in ((1, lead_reach_1(graph)), (2, lead_reach_2(graph))):
            reached = [n for n in rest if level.get(n, cutoff + 1) <= cutoff]
            edges = sorted((parent[n], n) for n in reached)
            assert measure.evidence == net.evidence(["lead", *reached], edges)
            assert measure.detail["reached"] == reached
        assert lead_closeness(graph).value == nx.closeness_centrality(graph, u="lead")
        around = graph.adj["lead"]
        assert lead_degree_centrality(graph).evidence == net.evidence(["lead"], [("lead", v) for v in around])
        formal = [n for n, data in around.items() if data.get("formal")]
        assert lead_formal_tie_share(graph).evidence == net.evidence(
            ["lead", *formal], [("lead", n) for n in formal]
        )
        assert density(graph).evidence == net.evidence([], list(graph.edges()))
        declared = [
            (u, v) for u, v, d in graph.edges(data=True) if "lead" not in (u, v) and d.get("declared")
        ]
        assert partner_tie_density(graph).evidence == net.evidence([], declared)
        assert governance_form(graph).detail.get("centralization") == degree_centralization(graph).value
        brokerage = lead_brokerage(graph)
        ends = list(dict.fromkeys([n for a, c, _ in brokerage.detail["pairs"] for n in (a, c)]))
        assert brokerage.evidence == net.evidence(["lead", *ends], [("lead", n) for n in ends])
        contacts, ties = _ego(net.working, "lead")
        assert lead_effective_size(graph).evidence == net.evidence(["lead", *contacts], ties)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_lead_edge_table_gives_the_evidence_of_those_edges(seed: int) -> None:
    rng = random.Random(seed)
    for graph in variants(seed):
        net = Net(graph)
        around = list(graph.adj["lead"])
        for ends in (around, [], rng.sample(around, len(around) // 2)):
            expected = net.evidence(["lead", *ends], [("lead", n) for n in ends])
            assert _lead_evidence(net, ["lead", *ends], ends) == expected
    mixed = nx.Graph([(1, "a"), (1, 2)], lead=1)  # ids that do not compare: read edge by edge
    assert _lead_evidence(Net(mixed), [1, "a", 2], ["a", 2]) == Net(mixed).evidence(
        [1, "a", 2], [(1, "a"), (1, 2)]
    )


def test_a_network_too_large_to_pack_takes_the_universal_score() -> None:
    rng = random.Random(7)
    partners = [f"p{i:03d}" for i in range(140)]
    graph = nx.Graph([("lead", p) for p in partners], lead="lead")
    graph.add_edges_from(rng.sample([(a, b) for a in partners for b in partners if a < b], 300))
    alone, rank = lead_betweenness_and_rank(graph)
    scores = betweenness(graph)
    assert alone == lead_betweenness(graph, scores)
    assert rank == lead_betweenness_rank(graph, scores)
