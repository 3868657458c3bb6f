"""Metrics that look beyond N(P): schemes on the territory, other applications, redundant pairs."""

from __future__ import annotations

import pytest

from graph_service.domain.models import Partner, Project, Scheme, Territory
from queries.metrics import (
    ProjectContext,
    articulated_schemes,
    missing_key_schemes,
    overlapping_projects,
    redundant_pairs,
    scheme_articulation_share,
    scheme_overlaps,
)
from tests.queries.networks import network

TERRITORIES = (
    Territory(code="59", name="Nord", level="departement"),
    Territory(code="200093201", name="MEL", level="epci", parent="59"),
    Territory(code="59512", name="Roubaix", level="commune", parent="200093201"),
    Territory(code="59599", name="Tourcoing", level="commune", parent="200093201"),
    Territory(code="245901160", name="Valenciennes Métropole", level="epci", parent="59"),
    Territory(code="59606", name="Valenciennes", level="commune", parent="245901160"),
)


def scheme(id: str, kind: str, territories: list[str], stages: list[str], publics: list[str]) -> Scheme:
    return Scheme(id=id, name=id, kind=kind, territories=territories, stages=stages, publics=publics)


SCHEMES = (
    scheme("cej-roubaix", "cej", ["59512"], ["accompagnement"], ["neet_16_25"]),
    scheme("plie-mel", "plie", ["200093201"], ["accompagnement", "emploi"], []),
    scheme("promo-mel", "promo_16_18", ["200093201"], ["reperage", "mobilisation"], ["decrocheurs"]),
    scheme("e2c-valenciennes", "e2c", ["59606"], ["formation"], []),
)


def project_graph(**project: object):
    return network(
        "l",
        ["a"],
        stages={"l": ["reperage", "mobilisation"], "a": ["accompagnement"]},
        project={"territories": ["59512"], "publics": ["neet_16_25"], **project},
    )


CONTEXT = ProjectContext(schemes=SCHEMES, territories=TERRITORIES)


def test_active_schemes_include_those_of_the_enclosing_epci_but_not_elsewhere():
    measure = scheme_articulation_share(project_graph(schemes=["cej-roubaix"]), CONTEXT)
    # Active on Roubaix: cej-roubaix, plie-mel (EPCI), promo-mel (EPCI); not e2c-valenciennes.
    assert measure.value == pytest.approx(1 / 3)
    assert measure.detail["not_articulated"] == ["plie-mel", "promo-mel"]


def test_articulated_schemes_are_the_declared_ones():
    assert articulated_schemes(project_graph(schemes=["plie-mel", "cej-roubaix"])).value == [
        "cej-roubaix",
        "plie-mel",
    ]


def test_scheme_overlap_needs_a_shared_stage_and_a_shared_public():
    # plie-mel shares accompagnement and names no public: overlap. promo-mel shares stages but
    # its public (decrocheurs) is not the project's (neet_16_25): no overlap. cej-roubaix is
    # articulated: no overlap.
    measure = scheme_overlaps(project_graph(schemes=["cej-roubaix"]), CONTEXT)
    assert measure.value == [
        {"scheme": "plie-mel", "name": "plie-mel", "stages": ["accompagnement"], "publics": []}
    ]
    assert "plie-mel" in measure.evidence.nodes and "a" in measure.evidence.nodes


def test_missing_key_scheme_is_an_active_key_kind_with_none_articulated():
    graph = project_graph(schemes=["cej-roubaix"])
    measure = missing_key_schemes(graph, CONTEXT, ["cej", "plie", "e2c"])
    # cej articulated; plie active and missed; e2c not active on Roubaix, so not missed.
    assert measure.value == ["plie-mel"]
    assert measure.detail["kinds"] == ["plie"]


def test_no_scheme_on_the_territory_leaves_the_share_undefined():
    assert scheme_articulation_share(project_graph(), ProjectContext(territories=TERRITORIES)).value is None


def app(
    id: str, territories: list[str], publics: list[str], partners: list[str], call: str = "call"
) -> Project:
    return Project(
        id=id,
        title=id,
        call=call,
        lead="x",
        territories=territories,
        publics=publics,
        partners=[Partner(organisation=p, commitment="convention") for p in partners],
    )


def test_overlapping_projects_share_territory_and_public_within_the_call():
    others = (
        app("same-epci", ["200093201"], ["neet_16_25"], ["a"]),  # contains Roubaix, same public
        app("other-public", ["59512"], ["rural"], []),  # same commune, other public
        app("elsewhere", ["59606"], ["neet_16_25"], []),  # other EPCI
        app("other-call", ["59512"], ["neet_16_25"], [], call="autre"),
        app("p", ["59512"], ["neet_16_25"], []),  # the project itself
    )
    context = ProjectContext(projects=others, territories=TERRITORIES)
    measure = overlapping_projects(project_graph(), context)
    assert measure.value == [
        {
            "project": "same-epci",
            "territories": ["200093201"],
            "publics": ["neet_16_25"],
            "shared_members": ["a"],
        }
    ]


def test_redundant_pairs_above_the_jaccard_threshold_on_shared_territory():
    graph = network(
        "l",
        ["a", "b", "c"],
        stages={
            "a": ["reperage", "mobilisation"],
            "b": ["reperage", "mobilisation", "accompagnement"],
            "c": ["reperage", "mobilisation"],
        },
        territories={"a": ["59512"], "b": ["200093201"], "c": ["59606"]},
    )
    # a-b: Jaccard 2/3 and Roubaix lies in the MEL: redundant. a-c: Jaccard 1 but Valenciennes
    # is elsewhere. b-c: 2/3 but elsewhere. The lead declares nothing.
    measure = redundant_pairs(graph, 0.5, CONTEXT)
    assert measure.value == [["a", "b", pytest.approx(2 / 3)]]
    assert redundant_pairs(graph, 0.7, CONTEXT).value == []


def test_a_context_with_other_schemes_shares_the_tree_and_the_index_and_measures_the_same():
    other = Project(
        id="p-other",
        title="Autre",
        call="call",
        lead="x",
        territories=["59512"],
        publics=["neet_16_25"],
        partners=[Partner(organisation="y", commitment="convention")],
    )
    call = ProjectContext(projects=(other,), territories=TERRITORIES)
    own = call.with_schemes(SCHEMES[:2])
    assert own.schemes == SCHEMES[:2] and own.projects == call.projects
    assert own.projects_by_territory is call.projects_by_territory
    assert own.children is call.children
    built = ProjectContext(schemes=SCHEMES[:2], projects=(other,), territories=TERRITORIES)
    graph = network("l", ["a"], territories={"l": ["59512"]}, project={"territories": ["59512"]})
    graph.graph["publics"] = ["neet_16_25"]
    for measure in (scheme_overlaps, overlapping_projects, scheme_articulation_share):
        assert measure(graph, own) == measure(graph, built)
    assert overlapping_projects(graph, own).value[0]["project"] == "p-other"
