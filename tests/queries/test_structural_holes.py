"""Burt's measures on Borgatti's (1997) example, as in networkx's own structural-holes tests.

Borgatti, "Structural holes: unpacking Burt's redundancy measures", Connections 20(1), 35–38.
The expected values are those networkx pins (computed with UCINET and igraph, then by hand).
"""

from __future__ import annotations

import networkx as nx
import pytest

from queries.metrics import effective_size, lead_constraint, lead_effective_size, lead_efficiency
from queries.metrics.structural_holes import (
    constraint,
    lead_constraint_weighted,
    lead_effective_size_weighted,
    weighted_burt,
)

BORGATTI_EDGES = [
    ("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"),
    ("F", "G"), ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C"),
]  # fmt: skip


def borgatti(lead: str) -> nx.Graph:
    graph = nx.Graph(lead=lead)
    graph.add_edges_from(BORGATTI_EDGES)
    return graph


def test_borgatti_hub_has_effective_size_4_67_efficiency_0_78_and_constraint_0_400():
    # G has 6 contacts (A, B, C, D, E, F) and 4 ties among them (A-B, A-F, A-E, B-D):
    # effective size 6 - 2*4/6 = 4.667; efficiency 4.667 / 6 = 0.778.
    graph = borgatti("G")
    assert lead_effective_size(graph).value == pytest.approx(4.67, abs=1e-2)
    assert lead_efficiency(graph).value == pytest.approx(14 / 3 / 6)
    assert lead_constraint(graph).value == pytest.approx(0.400, abs=1e-3)


def test_borgatti_other_nodes_match_the_published_values():
    assert lead_effective_size(borgatti("A")).value == pytest.approx(2.50, abs=1e-2)
    assert lead_constraint(borgatti("A")).value == pytest.approx(0.595, abs=1e-3)
    assert lead_effective_size(borgatti("C")).value == pytest.approx(1.0)
    assert lead_constraint(borgatti("C")).value == pytest.approx(1.0)


def test_effective_size_agrees_with_networkx_when_nodes_are_given():
    graph = borgatti("G")
    reference = nx.effective_size(graph, nodes=list(graph))
    for node in graph:
        assert effective_size(graph, node) == pytest.approx(reference[node])


def test_burt_measures_ignore_edge_weights_and_strengths():
    graph = borgatti("G")
    nx.set_edge_attributes(graph, 5, "weight")
    nx.set_edge_attributes(graph, 3, "strength")
    assert lead_effective_size(graph).value == pytest.approx(4.67, abs=1e-2)
    assert lead_constraint(graph).value == pytest.approx(0.400, abs=1e-3)


def test_lead_without_partner_has_no_burt_measure():
    graph = nx.Graph(lead="alone")
    graph.add_node("alone")
    assert lead_effective_size(graph).value is None
    assert lead_efficiency(graph).value is None
    assert lead_constraint(graph).value is None


def test_lead_of_a_pure_star_is_fully_efficient():
    # Four partners, no tie among them: effective size 4, efficiency 1, constraint 4 * (1/4)^2.
    graph = nx.star_graph(4)
    graph.graph["lead"] = 0
    assert lead_effective_size(graph).value == 4
    assert lead_efficiency(graph).value == 1
    assert lead_constraint(graph).value == pytest.approx(0.25)


def test_graph_without_lead_gives_none():
    assert lead_effective_size(nx.path_graph(3)).value is None


def test_effective_size_evidence_names_the_redundant_ties():
    measure = lead_effective_size(borgatti("G"))
    assert set(measure.evidence.edges) == {("A", "B"), ("A", "F"), ("A", "E"), ("B", "D")}


def test_constraint_agrees_with_networkx_on_every_node_of_borgatti_and_random_graphs():
    graphs = [borgatti("G"), *(nx.gnp_random_graph(12, p, seed=s) for s, p in enumerate((0.2, 0.4, 0.7)))]
    for graph in graphs:
        reference = nx.constraint(graph, nodes=list(graph))
        for node in graph:
            mine = constraint(graph, node)
            if graph.degree(node) == 0:
                assert mine is None
            else:
                assert mine == pytest.approx(reference[node]), node


BORGATTI_WEIGHTS = {
    ("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2, ("E", "G"): 8,
    ("F", "G"): 3, ("B", "G"): 4, ("B", "D"): 1, ("D", "G"): 3, ("G", "C"): 10,
}  # fmt: skip


def weighted_borgatti(lead: str) -> nx.Graph:
    graph = borgatti(lead)
    nx.set_edge_attributes(graph, BORGATTI_WEIGHTS, "strength")
    return graph


def test_weighted_burt_measures_match_the_published_weighted_values():
    # networkx's test_effective_size_weighted_undirected / test_constraint_weighted_undirected.
    assert lead_effective_size_weighted(weighted_borgatti("G")).value == pytest.approx(5.47, abs=1e-2)
    assert lead_effective_size_weighted(weighted_borgatti("A")).value == pytest.approx(2.47, abs=1e-2)
    assert lead_effective_size_weighted(weighted_borgatti("C")).value == pytest.approx(1.0)
    assert lead_constraint_weighted(weighted_borgatti("G")).value == pytest.approx(0.299, abs=1e-3)
    assert lead_constraint_weighted(weighted_borgatti("A")).value == pytest.approx(0.795, abs=1e-3)
    assert lead_constraint_weighted(weighted_borgatti("C")).value == pytest.approx(1.0)


def test_weighted_burt_agrees_with_networkx_given_nodes_on_random_weights():
    import random

    rng = random.Random(3)
    graph = nx.gnp_random_graph(12, 0.4, seed=3)
    for u, v in graph.edges():
        graph.edges[u, v]["strength"] = rng.randint(1, 3)
    sizes = nx.effective_size(graph, nodes=list(graph), weight="strength")
    constraints = nx.constraint(graph, nodes=list(graph), weight="strength")
    for node in graph:
        found = weighted_burt(graph, node)
        if graph.degree(node) == 0:
            assert found is None
            continue
        assert found[0] == pytest.approx(sizes[node]), node
        assert found[1] == pytest.approx(constraints[node]), node


def test_equal_weights_give_the_unweighted_values():
    graph = borgatti("G")
    nx.set_edge_attributes(graph, 2, "strength")
    assert lead_effective_size_weighted(graph).value == pytest.approx(lead_effective_size(graph).value)
    assert lead_constraint_weighted(graph).value == pytest.approx(lead_constraint(graph).value)


def test_constraint_is_the_same_to_the_last_digit_whatever_the_hash_seed() -> None:
    # Set iteration order follows PYTHONHASHSEED; a float sum over a set could change its last
    # digit from one process to the next, and two reports of the same data would then differ.
    import subprocess
    import sys

    code = (
        "import networkx as nx\n"
        "from queries.metrics.structural_holes import constraint\n"
        "g = nx.les_miserables_graph()\n"
        "g = nx.relabel_nodes(g, {n: f'organisation-{n}' for n in g})\n"
        "print(repr(constraint(nx.Graph(g.edges()), 'organisation-Valjean')))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": str(seed), "PYTHONPATH": "."},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(outputs) == 1
