"""Territory-wide metrics on igraph give networkx's reference values.

Borgatti's (1997) graph is the one networkx's own ``test_structuralholes.py`` uses, with the
values it pins (computed with UCINET and igraph, then by hand). Random graphs compare every
measure with networkx within 1e-9.
"""

from __future__ import annotations

import doctest
import math
import random

import networkx as nx
import pytest

import queries.territory as territory
from graph_service.domain.errors import NotFound
from graph_service.domain.network import dataset_graph
from graph_service.services.demo import demo_dataset
from graph_service.services.territory import territory_metrics as territory_metrics_of
from graph_service.stores.sqlite import SQLiteStore
from queries.territory import (
    degree_centralization,
    ei_index,
    organisation_graph,
    organisation_measures,
    sector_modularity,
    territory_figures,
    territory_metrics,
)

BORGATTI_EDGES = [
    ("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"),
    ("F", "G"), ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C"),
]  # fmt: skip
SECTORS = ["association", "public", "entreprise", "collectivite"]


def borgatti() -> nx.Graph:
    graph = nx.Graph()
    graph.add_edges_from(BORGATTI_EDGES)
    return graph


def random_graph(seed: int, n: int = 30, p: float = 0.15) -> nx.Graph:
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(n, p, seed=seed)
    graph.add_node(n)  # one isolated organisation in every graph
    nx.set_node_attributes(graph, {v: rng.choice(SECTORS) for v in graph}, "sector")
    return graph


def nan_as_none(value: float) -> float | None:
    return None if math.isnan(value) else value


def test_borgatti_values_pinned_by_networkx_hold():
    measures = organisation_measures(borgatti())
    # G: 6 alters, 4 ties among them → 6 − 2·4/6 = 4.667; A: 4 alters (B, E, F, G), 3 ties
    # among them (B-G, E-G, F-G) → 4 − 6/4 = 2.5; C a pendant: 1.
    assert measures["G"].effective_size == pytest.approx(4.67, abs=1e-2)
    assert measures["A"].effective_size == pytest.approx(2.50, abs=1e-2)
    assert measures["C"].effective_size == pytest.approx(1.0)
    assert measures["G"].efficiency == pytest.approx(14 / 3 / 6)
    assert measures["G"].constraint == pytest.approx(0.400, abs=1e-3)
    assert measures["A"].constraint == pytest.approx(0.595, abs=1e-3)
    assert measures["C"].constraint == pytest.approx(1.0, abs=1e-3)


def test_isolated_organisation_has_none_where_networkx_has_nan():
    graph = borgatti()
    graph.add_node("Z")
    measures = organisation_measures(graph)["Z"]
    assert math.isnan(nx.effective_size(graph, nodes=["Z"])["Z"])
    assert math.isnan(nx.constraint(graph, nodes=["Z"])["Z"])
    assert (measures.effective_size, measures.efficiency, measures.constraint) == (None, None, None)
    assert measures.degree == 0
    assert measures.betweenness == 0.0


@pytest.mark.parametrize("seed", range(8))
def test_every_organisation_measure_equals_networkx_on_a_seeded_random_graph(seed):
    graph = random_graph(seed)
    measures = organisation_measures(graph)
    sizes = nx.effective_size(graph, nodes=list(graph))
    constraint = nx.constraint(graph, nodes=list(graph))
    between = nx.betweenness_centrality(graph, normalized=True)
    degree = nx.degree_centrality(graph)
    for node in graph:
        m = measures[str(node)]
        expected_size = nan_as_none(sizes[node])
        assert m.degree == graph.degree(node)
        assert m.degree_centrality == pytest.approx(degree[node], abs=1e-9)
        assert m.betweenness == pytest.approx(between[node], abs=1e-9)
        assert m.constraint == pytest.approx(nan_as_none(constraint[node]), abs=1e-9)
        assert m.effective_size == pytest.approx(expected_size, abs=1e-9)
        if expected_size is not None:
            assert m.efficiency == pytest.approx(expected_size / graph.degree(node), abs=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_territory_figures_equal_networkx_on_a_seeded_random_graph(seed):
    graph = random_graph(seed)
    figures = territory_figures(graph)
    by_sector: dict[str, set[int]] = {}
    for node, sector in graph.nodes(data="sector"):
        by_sector.setdefault(sector, set()).add(node)
    assert figures["density"] == pytest.approx(nx.density(graph), abs=1e-9)
    assert figures["components"] == nx.number_connected_components(graph)
    assert figures["isolated"] == 1
    assert figures["sector_modularity"] == pytest.approx(
        nx.community.modularity(graph, by_sector.values()), abs=1e-9
    )


def test_star_has_degree_centralization_1_and_cycle_0():
    # Freeman (1979): the star is the most centralised graph, the cycle the least.
    star = nx.star_graph(5)
    cycle = nx.cycle_graph(6)
    assert degree_centralization([d for _, d in star.degree()]) == 1.0
    assert degree_centralization([d for _, d in cycle.degree()]) == 0.0
    assert degree_centralization([1, 1]) is None


def test_ei_index_counts_ties_across_and_within_sectors():
    # Path a–b–c–d with sectors x, x, y, y: one tie across (b–c), two within → (1 − 2)/3.
    graph = nx.path_graph(["a", "b", "c", "d"])
    nx.set_node_attributes(graph, {"a": "x", "b": "x", "c": "y", "d": "y"}, "sector")
    assert ei_index(graph) == pytest.approx(-1 / 3)
    assert ei_index(nx.empty_graph(3)) is None


def test_two_sector_cliques_joined_by_one_tie_have_known_modularity():
    # Two triangles (sectors x and y) joined by one tie: m = 7, each group has 3 internal ties and
    # degree sum 7 → Q = 2·(3/7 − (7/14)²) = 6/7 − 1/2 = 5/14.
    graph = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    nx.set_node_attributes(graph, {v: "x" if v < 3 else "y" for v in graph}, "sector")
    assert sector_modularity(graph) == pytest.approx(5 / 14)
    assert sector_modularity(nx.empty_graph(2)) is None


def test_ecosystem_keeps_organisations_only_and_drops_self_loops():
    ecosystem = nx.Graph()
    ecosystem.add_node("o1", type="organisation", sector="public")
    ecosystem.add_node("o2", type="organisation", sector="association")
    ecosystem.add_node("s1", type="scheme")
    ecosystem.add_edges_from([("o1", "o2"), ("o1", "s1"), ("o2", "o2")])
    graph = organisation_graph(ecosystem)
    assert sorted(graph) == ["o1", "o2"]
    assert list(graph.edges()) == [("o1", "o2")]
    metrics = territory_metrics(ecosystem, with_betweenness=False)
    assert metrics.figures["ties"] == 1
    assert metrics.organisations["o1"].betweenness is None
    assert metrics.to_dict()["organisations"]["o2"]["degree"] == 1  # type: ignore[index]


def test_the_suite_leaves_the_exact_betweenness_out_unless_asked():
    assert all(m.betweenness is None for m in territory_metrics(random_graph(1)).organisations.values())
    asked = territory_metrics(random_graph(1), with_betweenness=True).organisations
    assert any(m.betweenness for m in asked.values())


def test_values_are_plain_python_numbers():
    metrics = territory_metrics(random_graph(1), with_betweenness=True)
    for measures in metrics.organisations.values():
        for value in vars(measures).values():
            assert value is None or type(value) in (int, float)
    for value in metrics.figures.values():
        assert value is None or type(value) in (int, float)


def test_docstring_examples_hold():
    result = doctest.testmod(territory, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_territory_service_measures_the_demo_departement_from_the_store(tmp_path):
    store = SQLiteStore(tmp_path / "demo.db")
    try:
        dataset = demo_dataset()
        store.upsert_dataset(dataset)
        metrics = territory_metrics_of(store, "59")
        ecosystem = organisation_graph(dataset_graph(store.territory_ecosystem("59")))
        with pytest.raises(NotFound):
            territory_metrics_of(store, "99")
    finally:
        store.close()
    assert set(metrics.organisations) == set(ecosystem)
    assert metrics.figures["ties"] == ecosystem.number_of_edges() > 0
    constraint = nx.constraint(ecosystem, nodes=list(ecosystem))
    for node, value in constraint.items():
        assert metrics.organisations[node].constraint == pytest.approx(nan_as_none(value), abs=1e-9)
