"""The readable metrics on seeded random project networks: networkx agrees, the report's shared
reading agrees with each metric computed alone, and the brokerage roles add up."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from queries.metrics import (
    articulation_points,
    brokerage_roles,
    compute_metrics,
    dead_ends,
    ei_index,
    lead_betweenness,
    lead_betweenness_rank,
    lead_brokerage,
    lead_closeness,
    lead_constraint,
    lead_constraint_weighted,
    lead_effective_size,
    mean_capability_distance,
    redundant_pairs,
    single_points_of_failure,
    unique_contributions,
)
from queries.metrics._common import working_graph
from queries.metrics.brokerage import ROLES, all_brokerage
from queries.metrics.federation import betweenness
from queries.metrics.governance import density
from queries.metrics.structural_holes import constraint, effective_size, weighted_burt
from queries.scoring import default_config
from tests.queries.networks import SEEDS, random_graph, random_project


@pytest.mark.parametrize("seed", SEEDS)
def test_lead_closeness_and_density_are_networkx_s(seed):
    graph = random_project(seed)
    graph.add_node("isolated", sector="social")  # a member out of reach
    assert lead_closeness(graph).value == pytest.approx(nx.closeness_centrality(graph, u="lead"))
    assert density(graph).value == pytest.approx(nx.density(graph))


@pytest.mark.parametrize("seed", SEEDS)
def test_the_burt_loops_give_networkx_s_values_on_random_graphs(seed):
    rng = random.Random(seed)
    graph = random_graph(seed)
    for node in graph:
        if graph.degree(node) == 0:
            assert constraint(graph, node) is None and effective_size(graph, node) is None
            continue
        assert constraint(graph, node) == pytest.approx(nx.constraint(graph, nodes=[node])[node])
        assert effective_size(graph, node) == pytest.approx(nx.effective_size(graph, nodes=[node])[node])
    for u, v in graph.edges():
        graph.edges[u, v]["strength"] = rng.choice([1, 2, 3])
    for node in graph:
        if graph.degree(node):
            size, value = weighted_burt(graph, node)  # type: ignore[misc]
            assert size == pytest.approx(nx.effective_size(graph, nodes=[node], weight="strength")[node])
            assert value == pytest.approx(nx.constraint(graph, nodes=[node], weight="strength")[node])


@pytest.mark.parametrize("seed", SEEDS)
def test_the_lead_s_burt_measures_are_networkx_s_on_the_structure_view(seed):
    graph = random_project(seed)
    plain_graph = nx.Graph(graph.edges)  # every edge, unweighted
    if graph.degree("lead") == 0:
        assert lead_constraint(graph).value is None
    else:
        assert lead_constraint(graph).value == pytest.approx(
            nx.constraint(plain_graph, nodes=["lead"])["lead"]
        )
        assert lead_effective_size(graph).value == pytest.approx(
            nx.effective_size(plain_graph, nodes=["lead"])["lead"]
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_brokerage_roles_sum_to_the_total_two_per_open_pair(seed):
    graph = random_project(seed)
    for node, (counts, pairs) in all_brokerage(graph).items():
        # UCINET and sna read an undirected tie as two arcs: two two-paths per open pair, and
        # a mixed pair is one representative and one gatekeeper.
        assert counts["total"] == 2 * len(pairs) == sum(counts[r] for r in ROLES)
        assert counts["representative"] == counts["gatekeeper"]
        for a, c, _ in pairs:  # open pairs of the member's contacts
            assert graph.has_edge(node, a) and graph.has_edge(node, c) and not graph.has_edge(a, c)


@pytest.mark.parametrize("seed", range(10))
def test_metrics_sharing_one_reading_equal_each_metric_computed_alone(seed):
    graph = random_project(seed)
    config = default_config()
    shared = compute_metrics(graph, config=config)
    stages = [s.value for s in config.required_stages]
    alone = {
        "lead_betweenness": lead_betweenness(graph),
        "lead_betweenness_rank": lead_betweenness_rank(graph),
        "lead_brokerage": lead_brokerage(graph),
        "brokerage_roles": brokerage_roles(graph),
        "lead_effective_size": lead_effective_size(graph),
        "lead_constraint_weighted": lead_constraint_weighted(graph),
        "articulation_points": articulation_points(graph),
        "single_points_of_failure": single_points_of_failure(graph, stages),
        "mean_capability_distance": mean_capability_distance(graph),
        "unique_contributions": unique_contributions(graph),
        "redundant_pairs": redundant_pairs(graph, config.thresholds.redundancy_jaccard),
        "ei_index": ei_index(graph),
        "dead_ends": dead_ends(graph),
    }
    for key, measure in alone.items():
        assert shared[key] == measure, key


@pytest.mark.parametrize("seed", SEEDS)
def test_the_lead_tied_to_every_partner_is_the_most_between_in_the_structure_view(seed):
    # Every pair a partner lies between has the lead between it too, with the same share.
    graph = random_project(seed)
    scores = betweenness(graph)
    assert scores["lead"] >= max(scores.values()) - 1e-12


@pytest.mark.parametrize("seed", SEEDS)
def test_the_lead_s_rank_reads_the_working_view_and_names_the_members_as_central(seed):
    graph = random_project(seed)
    scores = nx.betweenness_centrality(working_graph(graph), normalized=True)
    rank = lead_betweenness_rank(graph)
    above = [n for n, v in scores.items() if v > scores["lead"] + 1e-9]
    assert rank.value == 1 + len(above) and rank.detail["above"] == above
    if scores["lead"] > 1e-9:
        assert rank.detail["tied"] == [
            n for n, v in scores.items() if n != "lead" and abs(v - scores["lead"]) <= 1e-9
        ]
