"""Trajectories, enterprise downstream and resilience on tiny networks counted by hand."""

from __future__ import annotations

import pytest

from queries.metrics import (
    articulation_points,
    complete_trajectory_share,
    dead_ends,
    enterprise_count,
    enterprise_formal_share,
    enterprises_by_subtype,
    exit_stage_coverage,
    mean_handoffs,
    single_points_of_failure,
)
from tests.queries.networks import network, plain


def chain() -> object:
    # r (reperage) - l (lead, mobilisation) - f (formation): one entry, two hand-offs to exit.
    return network("l", ["r", "f"], stages={"r": ["reperage"], "l": ["mobilisation"], "f": ["formation"]})


def test_chain_from_outreach_to_training_is_complete():
    graph = chain()
    assert complete_trajectory_share(graph).value == 1
    assert mean_handoffs(graph).value == 2
    assert dead_ends(graph).value == []
    assert set(complete_trajectory_share(graph).evidence.nodes) == {"r", "l", "f"}


def test_no_exit_stage_means_no_complete_trajectory_and_a_dead_end():
    graph = network("l", ["r"], stages={"r": ["reperage"], "l": ["mobilisation", "levee_freins"]})
    assert complete_trajectory_share(graph).value == 0
    assert mean_handoffs(graph).value is None
    # No exit anywhere: no working path leads to one, from either member.
    assert dead_ends(graph).value == ["l", "r"]
    assert dead_ends(graph).detail["stage"] == {"l": "levee_freins", "r": "reperage"}
    assert exit_stage_coverage(graph).value == 0


def test_a_member_doing_outreach_and_training_needs_no_hand_off():
    graph = network("l", [], stages={"l": ["reperage", "emploi"]})
    assert complete_trajectory_share(graph).value == 1
    assert mean_handoffs(graph).value == 0


def test_no_outreach_member_means_no_trajectory_starts():
    graph = network("l", ["f"], stages={"f": ["formation"]})
    measure = complete_trajectory_share(graph)
    assert measure.value == 0
    assert measure.detail["no_entry"] is True


def test_disconnected_outreach_member_is_incomplete():
    # Half the entries reach an exit: r1 - l(formation); r2 is in the graph without an edge.
    graph = network("l", ["r1"], stages={"r1": ["reperage"], "l": ["formation"]})
    graph.add_node("r2", stages=["reperage"], sector="social")
    assert complete_trajectory_share(graph).value == pytest.approx(0.5)
    assert complete_trajectory_share(graph).detail["incomplete"] == ["r2"]


def test_enterprises_counted_by_subtype_with_formal_share():
    graph = network(
        "l",
        {"e1": "convention", "e2": "informel", "a": "convention"},
        sectors={"e1": "enterprise", "e2": "enterprise"},
        subtypes={"e1": "sme", "e2": "siae"},
        stages={"e1": ["emploi"]},
    )
    assert enterprise_count(graph).value == 2
    assert enterprises_by_subtype(graph).value == {"siae": 1, "sme": 1}
    assert enterprise_formal_share(graph).value == pytest.approx(0.5)
    assert exit_stage_coverage(graph).value == pytest.approx(0.5)
    assert exit_stage_coverage(graph).detail["missing"] == ["formation"]


def test_no_enterprise_has_undefined_formal_share():
    graph = network("l", ["a"])
    assert enterprise_count(graph).value == 0
    assert enterprises_by_subtype(graph).value == {}
    assert enterprise_formal_share(graph).value is None


def test_articulation_points_of_a_path_a_star_and_a_cycle():
    assert articulation_points(plain([("a", "b"), ("b", "c")], "a")).value == ["b"]
    assert articulation_points(plain([("l", "a"), ("l", "b"), ("l", "c")], "l")).value == ["l"]
    assert articulation_points(plain([("a", "b"), ("b", "c"), ("c", "a")], "a")).value == []


def test_single_points_of_failure_are_sole_providers_and_cut_vertices():
    # Star: the lead splits the network; a is the only one doing emploi; b and c share reperage.
    graph = network("l", ["a", "b", "c"], stages={"a": ["emploi"], "b": ["reperage"], "c": ["reperage"]})
    measure = single_points_of_failure(graph)
    assert measure.value == ["a", "l"]
    assert measure.detail["a"] == {"stages": ["emploi"], "splits": False}
    assert measure.detail["l"] == {"stages": [], "splits": True}
