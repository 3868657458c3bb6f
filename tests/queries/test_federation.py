"""Federation: Freeman's centralities and centralization, reach through working ties, governance."""

from __future__ import annotations

import networkx as nx
import pytest

from queries.metrics import (
    components_without_lead,
    degree_centralization,
    density,
    governance_form,
    lead_betweenness,
    lead_betweenness_rank,
    lead_closeness,
    lead_degree_centrality,
    lead_formal_tie_share,
    lead_reach_1,
    lead_reach_2,
    lead_sectors_spanned,
    partner_tie_density,
)
from queries.metrics.federation import betweenness
from tests.queries.networks import network, plain


def test_star_has_degree_centralization_one():
    # Freeman 1979: the star maximises sum(max - d_i) = (n-1)(n-2).
    assert degree_centralization(plain(nx.star_graph(5).edges(), 0)).value == pytest.approx(1.0)


def test_path_of_four_has_degree_centralization_one_third():
    # Degrees 1, 2, 2, 1: sum(2 - d) = 2, over (4-1)(4-2) = 6.
    graph = plain([("a", "b"), ("b", "c"), ("c", "d")], "a")
    assert degree_centralization(graph).value == pytest.approx(1 / 3)


def test_cycle_has_degree_centralization_zero():
    assert degree_centralization(plain(nx.cycle_graph(5).edges(), 0)).value == 0


def test_centralization_is_undefined_below_three_members():
    assert degree_centralization(plain([("a", "b")], "a")).value is None


def test_star_centre_has_betweenness_one_and_rank_one():
    graph = plain(nx.star_graph(4).edges(), 0)
    assert lead_betweenness(graph).value == pytest.approx(1.0)
    assert lead_betweenness_rank(graph).value == 1
    assert lead_degree_centrality(graph).value == 1


def test_end_of_a_path_has_betweenness_zero_and_comes_after_the_middle():
    # Path a-b-c-d-e with the lead at a: b, c, d lie between others, a does not.
    graph = plain([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")], "a")
    assert lead_betweenness(graph).value == 0
    assert lead_betweenness_rank(graph).value == 4
    # Closeness of a: distances 1+2+3+4 = 10, (n-1)/sum = 4/10.
    assert lead_closeness(graph).value == pytest.approx(0.4)


def test_lead_of_a_cycle_shares_first_rank():
    graph = plain(nx.cycle_graph(4).edges(), 0)
    assert lead_betweenness_rank(graph).value == 1
    assert lead_closeness(graph).value == pytest.approx(3 / 4)


def test_informal_partners_without_declared_ties_are_not_reached():
    graph = network("l", {"a": "informel", "b": "informel", "c": "informel"})
    assert lead_reach_1(graph).value == 0
    assert lead_reach_2(graph).value == 0
    assert lead_formal_tie_share(graph).value == 0
    assert partner_tie_density(graph).value == 0
    assert components_without_lead(graph).value == 3
    # The bare structure still says "star": degree centrality and density cannot tell.
    assert lead_degree_centrality(graph).value == 1
    assert density(graph).value == pytest.approx(3 / 6)


def test_reach_in_two_steps_goes_through_a_declared_partner_tie():
    # a is formal; b is informal but tied to a by a declared tie: reached in two steps, not one.
    graph = network("l", {"a": "convention", "b": "informel"}, ties=[("a", "b")])
    assert lead_reach_1(graph).value == pytest.approx(0.5)
    assert lead_reach_2(graph).value == 1
    assert lead_reach_2(graph).detail["not_reached"] == []


def test_formal_share_counts_formal_commitments_and_formal_ties():
    graph = network("l", {"a": "convention", "b": "lettre_engagement", "c": "informel", "d": "informel"})
    assert lead_formal_tie_share(graph).value == pytest.approx(0.5)
    assert sorted(lead_formal_tie_share(graph).detail["informal"]) == ["c", "d"]


def test_partner_tie_density_counts_declared_ties_among_partners_only():
    # 4 partners, 6 possible pairs, one declared tie: 1/6. The tie l-a does not count.
    graph = network("l", ["a", "b", "c", "d"], ties=[("a", "b"), ("l", "a")])
    assert partner_tie_density(graph).value == pytest.approx(1 / 6)
    assert partner_tie_density(graph).evidence.ties == ("a|b|co_intervention|p",)
    assert components_without_lead(graph).value == 3


def test_sectors_spanned_excludes_the_lead_sector_and_informal_names():
    graph = network(
        "l",
        {"a": "convention", "b": "convention", "c": "informel", "d": "convention"},
        sectors={"l": "employment", "a": "social", "b": "health", "c": "housing", "d": "employment"},
    )
    assert lead_sectors_spanned(graph).value == 2
    assert lead_sectors_spanned(graph).detail["sectors"] == ["health", "social"]


def test_governance_is_lead_organisation_for_a_star_and_shared_for_a_clique():
    star = plain(nx.star_graph(4).edges(), 0)
    assert governance_form(star).value == "lead_organisation"
    clique = plain(nx.complete_graph(4).edges(), 0)
    assert governance_form(clique).value == "shared"


def test_lead_alone_has_undefined_reach_and_shares():
    graph = network("l", [])
    assert lead_reach_1(graph).value is None
    assert lead_formal_tie_share(graph).value is None
    assert lead_degree_centrality(graph).value is None
    assert components_without_lead(graph).value == 0
    assert governance_form(graph).value is None
    assert density(graph).value is None


def test_betweenness_agrees_with_networkx_on_random_graphs():
    for seed, p in enumerate((0.1, 0.3, 0.6)):
        graph = nx.gnp_random_graph(15, p, seed=seed)
        reference = nx.betweenness_centrality(graph, normalized=True)
        mine = betweenness(graph)
        assert mine == pytest.approx(reference)
    assert betweenness(plain([("a", "b")], "a")) == {"a": 0.0, "b": 0.0}


KITE_NAMES = ["Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth", "Heather", "Ike", "Jane"]


def kite(lead: str) -> nx.Graph:
    """Krackhardt's (1990) kite, named as in the paper, with ``lead`` as the lead."""
    graph = nx.relabel_nodes(nx.krackhardt_kite_graph(), dict(enumerate(KITE_NAMES)))
    graph.graph["lead"] = lead
    return graph


def test_krackhardt_kite_centralities_are_the_published_ones():
    # Krackhardt, "Assessing the political landscape", Administrative Science Quarterly 35(2),
    # 1990, doi:10.2307/2393394: Diane has the most ties (6 of 9), Fernando and Garth are the
    # closest (9 / 14 = 0.643), Heather the most between (14 of the 36 pairs of the others:
    # 0.389), as networkx's own tests of the kite pin them.
    assert lead_degree_centrality(kite("Diane")).value == pytest.approx(6 / 9)
    assert lead_closeness(kite("Fernando")).value == pytest.approx(9 / 14)
    assert lead_closeness(kite("Jane")).value == pytest.approx(0.310, abs=1e-3)
    assert lead_betweenness(kite("Heather")).value == pytest.approx(14 / 36)
    assert lead_betweenness_rank(kite("Heather")).value == 1
    # Diane (3.67 / 36) comes after Heather, Fernando, Garth (8.33 / 36) and Ike (8 / 36).
    diane = lead_betweenness_rank(kite("Diane"))
    assert diane.value == 5
    assert sorted(diane.detail["above"]) == ["Fernando", "Garth", "Heather", "Ike"]
