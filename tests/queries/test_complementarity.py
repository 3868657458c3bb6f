"""Complementarity: coverage shares, unique contributions, capability distance, Blau diversity."""

from __future__ import annotations

import pytest

from graph_service.domain.models import Territory
from queries.metrics import (
    ProjectContext,
    barrier_coverage,
    blau_index,
    mean_capability_distance,
    public_coverage,
    sector_diversity,
    stage_coverage,
    territory_coverage,
    unique_contributions,
)
from tests.queries.networks import network


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        (["a", "a", "b", "b"], 0.5),  # two equal groups: 1 - (1/4 + 1/4)
        (["a", "a", "a"], 0.0),  # one group
        (["a", "b", "c"], 2 / 3),  # three equal groups: 1 - 3 * (1/9)
        (["a", "a", "a", "b"], 0.375),  # 1 - (9/16 + 1/16)
        (["a", None, "b"], 0.5),  # a missing sector is left out
    ],
)
def test_blau_index_of_known_splits(groups, expected):
    assert blau_index(groups) == pytest.approx(expected)


def test_blau_index_of_nothing_is_undefined():
    assert blau_index([]) is None
    assert blau_index([None]) is None


def test_sector_diversity_counts_the_lead():
    graph = network(
        "l", ["a", "b", "c"], sectors={"l": "employment", "a": "employment", "b": "social", "c": "social"}
    )
    assert sector_diversity(graph).value == pytest.approx(0.5)
    assert sector_diversity(graph).detail["sectors"] == {"employment": 2, "social": 2}


def test_single_member_has_zero_diversity():
    assert sector_diversity(network("l", [])).value == 0


def test_stage_coverage_lists_covered_and_missing_stages():
    graph = network(
        "l", ["a"], stages={"l": ["reperage", "mobilisation"], "a": ["mobilisation", "formation"]}
    )
    measure = stage_coverage(graph)
    assert measure.value == pytest.approx(3 / 6)
    assert measure.detail["missing"] == ["accompagnement", "levee_freins", "emploi"]
    assert measure.detail["providers"]["mobilisation"] == ["l", "a"]


def test_stage_coverage_against_a_configured_subset():
    graph = network("l", ["a"], stages={"l": ["reperage"]})
    assert stage_coverage(graph, ["reperage", "emploi"]).value == pytest.approx(0.5)
    assert stage_coverage(graph, []).value is None


def test_barrier_coverage_over_the_eight_barriers():
    graph = network("l", ["a"], barriers={"a": ["sante", "logement"]})
    assert barrier_coverage(graph).value == pytest.approx(2 / 8)


def test_public_coverage_is_relative_to_the_declared_publics():
    graph = network("l", ["a"], publics={"a": ["qpv", "rural"]}, project={"publics": ["qpv", "neet_16_25"]})
    assert public_coverage(graph).value == pytest.approx(0.5)
    assert public_coverage(graph).detail["missing"] == ["neet_16_25"]
    assert public_coverage(network("l", [])).value is None


def test_territory_coverage_expands_an_epci_and_accepts_a_departement_wide_member():
    territories = (
        Territory(code="59", name="Nord", level="departement"),
        Territory(code="200093201", name="EPCI", level="epci", parent="59"),
        Territory(code="59512", name="Roubaix", level="commune", parent="200093201"),
        Territory(code="59650", name="Wattrelos", level="commune", parent="200093201"),
    )
    context = ProjectContext(territories=territories)
    # The project names the EPCI: its two communes. a works in Roubaix only: 1/2.
    graph = network("l", ["a"], territories={"a": ["59512"]}, project={"territories": ["200093201"]})
    assert territory_coverage(graph, context).value == pytest.approx(0.5)
    assert territory_coverage(graph, context).detail["missing"] == ["59650"]
    # A member working on the whole département covers both.
    graph = network("l", ["a"], territories={"a": ["59"]}, project={"territories": ["200093201"]})
    assert territory_coverage(graph, context).value == 1


def test_territory_coverage_without_territories_is_undefined():
    assert territory_coverage(network("l", ["a"])).value is None


def test_unique_contributions_are_items_nobody_else_brings():
    graph = network(
        "l",
        ["a"],
        stages={"l": ["reperage", "mobilisation"], "a": ["mobilisation"]},
        barriers={"a": ["sante"]},
    )
    assert unique_contributions(graph).value == {"l": ["stage:reperage"], "a": ["barrier:sante"]}


def test_mean_capability_distance_by_hand():
    # l = {reperage, mobilisation}, a = {mobilisation, accompagnement}: Jaccard 1/3, distance 2/3.
    # b = {formation}: distance 1 to both. Mean (2/3 + 1 + 1) / 3 = 8/9.
    graph = network(
        "l",
        ["a", "b"],
        stages={
            "l": ["reperage", "mobilisation"],
            "a": ["mobilisation", "accompagnement"],
            "b": ["formation"],
        },
    )
    assert mean_capability_distance(graph).value == pytest.approx(8 / 9)


def test_mean_capability_distance_needs_two_members_with_something():
    assert mean_capability_distance(network("l", [])).value is None
    assert mean_capability_distance(network("l", ["a"])).value is None
