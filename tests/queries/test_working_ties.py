"""The three views of N(P): trajectories and the lead's reach read working ties; the
decompartmentalisation family the ties between partners; Burt's measures every edge.

A working tie is formal (a signed commitment or a formal tie) or declared beyond the commitment;
a partner named with an informal commitment and no declared tie is a name on a list.
"""

from __future__ import annotations

import networkx as nx
import pytest

from queries.metrics import (
    complete_trajectory_share,
    dead_ends,
    ei_index,
    lead_constraint,
    lead_effective_size,
    lead_efficiency,
    lead_ei_index,
    mean_handoffs,
    sector_modularity,
    sectors_linked,
)
from queries.metrics._common import is_working, working_graph
from queries.report import compute_report
from queries.report.scores import family_scores
from queries.scoring import default_config
from tests.queries.networks import network

SECTORS = {"l": "employment", "a": "social", "b": "employment", "c": "health"}


def mixed() -> nx.Graph:
    # l–a informal (a name on a list), l–b and l–c conventions, declared tie b–c.
    return network(
        "l", {"a": "informel", "b": "convention", "c": "convention"}, sectors=SECTORS, ties=[("b", "c")]
    )


def test_an_informal_commitment_is_not_a_working_tie_but_a_bare_edge_is():
    graph = mixed()
    assert not is_working(graph.edges["l", "a"])
    assert is_working(graph.edges["l", "b"])
    assert is_working({})  # a structural graph (Borgatti's) keeps its published values
    assert set(working_graph(graph).edges()) == {("l", "b"), ("l", "c"), ("b", "c")}


def test_ei_index_reads_the_ties_between_partners():
    # Between partners: b–c only (employment–health), external: (1 − 0) / 1. The lead's
    # commitment edges are left out (with l–b and l–c it would be (2 − 1) / 3).
    measure = ei_index(mixed())
    assert measure.value == 1
    assert measure.detail == {"external": 1, "internal": 0}
    # The lead's working edges: l–b internal, l–c external: 0.
    assert lead_ei_index(mixed()).value == 0


def test_sectors_linked_ignores_names_on_a_list():
    # employment–health (l–c, b–c); employment–social only through the informal l–a.
    measure = sectors_linked(mixed())
    assert measure.value == 1
    assert measure.detail["pairs"] == [["employment", "health"]]


def test_sector_modularity_is_that_of_the_partners_and_their_ties():
    graph = mixed()
    partners = nx.Graph([("b", "c")])
    partners.add_node("a")
    groups = [{"b"}, {"a"}, {"c"}]
    assert sector_modularity(graph).value == pytest.approx(nx.community.modularity(partners, groups))


def test_a_list_of_informal_names_decompartmentalises_nothing():
    graph = network("l", dict.fromkeys("abc", "informel"), sectors=SECTORS)
    assert ei_index(graph).value is None
    assert lead_ei_index(graph).value is None
    assert sector_modularity(graph).value is None
    assert sectors_linked(graph).value == 0
    assert compute_report(graph).families["decompartmentalisation"].score == 0


def test_burt_measures_read_every_edge_of_n_p():
    # Structure view: contacts of l are a, b, c, with b–c tied: n = 3, t = 1, ES = 3 − 2/3,
    # efficiency (7/3)/3 = 7/9; constraint: a (1/3)² + b and c (1/3 + 1/3 · 1/2)² each.
    graph = mixed()
    size = lead_effective_size(graph)
    assert size.value == pytest.approx(7 / 3)
    assert size.detail == {"contacts": 3, "ties_among_contacts": 1}
    assert lead_efficiency(graph).value == pytest.approx(7 / 9)
    assert lead_constraint(graph).value == pytest.approx((1 / 3) ** 2 + 2 * (1 / 3 + 1 / 6) ** 2)


def test_a_pure_star_of_informal_letters_has_an_effective_size_of_n():
    # Burt: n contacts, none tied to another: ES = n, efficiency 1, constraint n · (1/n)² = 1/n.
    # Its informality is lead_formal_tie_share's business (0 here), not hidden by deleting edges.
    graph = network("l", dict.fromkeys("abc", "informel"), sectors=SECTORS)
    assert lead_effective_size(graph).value == 3
    assert lead_efficiency(graph).value == 1
    assert lead_constraint(graph).value == pytest.approx(1 / 3)


def test_redundancy_scores_effective_contacts_per_partner():
    # mixed(): no redundant pair (no capabilities), no scheme, no other project: 1, 1, 1 with
    # weights 2, 2, 1; effective size 7/3 over 3 partners with weight 1: (5 + 7/9) / 6 = 96.3.
    report = compute_report(mixed())
    assert report.families["redundancy"].score == pytest.approx(96.3)


def test_one_sector_counts_no_crossing_in_modularity():
    # Every member "social": E-I −1 → 0, lead E-I −1 → 0, modularity (one group, Q = 0) → 0,
    # sectors linked 0 → 0.
    values = compute_report(network("l", list("abc"), ties=[("a", "b")])).metrics
    assert values["sector_modularity"] == 0
    assert family_scores(values, 4, default_config())["decompartmentalisation"] == 0


def pathway() -> nx.Graph:
    # l (lead, mobilisation); r (reperage) and f (formation) listed informally, d (reperage) and
    # m (accompagnement) under convention; a declared tie m–f. Working ties: l–d, l–m, m–f; the
    # informal l–r and l–f are names on a list.
    return network(
        "l",
        {"r": "informel", "d": "convention", "m": "convention", "f": "informel"},
        stages={
            "l": ["mobilisation"],
            "r": ["reperage"],
            "d": ["reperage"],
            "m": ["accompagnement"],
            "f": ["formation"],
        },
        ties=[("m", "f")],
    )


def every_edge(graph: nx.Graph) -> nx.Graph:
    # The same members and edges with no formality attribute: every edge counts as working.
    bare = nx.Graph(graph.graph)
    bare.add_nodes_from(graph.nodes(data=True))
    bare.add_edges_from(graph.edges())
    return bare


def test_trajectories_follow_working_ties_only():
    # Working ties: r has none, so only d starts a pathway: d–l–m–f, 3 hand-offs.
    # share = 1/2 (d of r, d); mean hand-offs = 3; r (latest stage reperage, no working
    # neighbour) is a dead end; l (d, m), d (l) and m (f) each have a working neighbour further on.
    graph = pathway()
    share = complete_trajectory_share(graph)
    assert share.value == pytest.approx(0.5)
    assert share.detail["incomplete"] == ["r"]
    assert mean_handoffs(graph).value == 3
    assert dead_ends(graph).value == ["r"]
    assert dead_ends(graph).detail["stage"] == {"r": "reperage"}


def test_trajectories_over_every_edge_would_pass_through_the_names_on_a_list():
    # Every edge followed: r–l–f and d–l–f, 2 hand-offs each: share 1, mean 2, no dead end.
    # The gap with the test above is what the informal l–r and l–f edges would have added.
    graph = every_edge(pathway())
    assert complete_trajectory_share(graph).value == 1
    assert mean_handoffs(graph).value == 2
    assert dead_ends(graph).value == []


def test_a_lead_of_informal_names_hands_nobody_on():
    # Star of informal names: r (reperage) reaches no exit; r and l (mobilisation) are dead ends.
    graph = network(
        "l",
        {"r": "informel", "f": "informel"},
        stages={"l": ["mobilisation"], "r": ["reperage"], "f": ["formation"]},
    )
    assert complete_trajectory_share(graph).value == 0
    assert mean_handoffs(graph).value is None
    assert dead_ends(graph).value == ["l", "r"]
