"""Overlaps between applications and with local schemes, on small hand-built territories.

Territories (tests.support.datasets): Roubaix and Tourcoing in the MEL, Valenciennes in Valenciennes
Métropole, all in the Nord; the Alma QPV lies in Roubaix. The rules come from the metrics
``overlapping_projects`` and ``scheme_overlaps``; these tests check how a call's findings are
gathered: one finding per pair, the scheme's evidence, the sentences.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph_service.domain.models import Organisation, Project, Scheme
from graph_service.domain.network import project_network
from queries.metrics._common import ProjectContext
from queries.overlaps import find_overlaps, project_overlaps, scheme_duplications
from tests.support.datasets import MEL, ROUBAIX, TOURCOING, VALENCIENNES, small_region

TERRITORIES = tuple(small_region().territories)


def project(identifier: str, lead: str, territories: list[str], publics: list[str], **fields: Any) -> Project:
    partners = [{"organisation": o, "commitment": "convention"} for o in fields.pop("partners", [])]
    return Project.model_validate(
        {
            "id": identifier,
            "title": identifier,
            "call": "aap",
            "lead": lead,
            "territories": territories,
            "publics": publics,
            "partners": partners,
            **fields,
        }
    )


def org(identifier: str, stages: list[str] | None = None) -> Organisation:
    return Organisation.model_validate(
        {"id": identifier, "name": identifier, "sector": "social", "stages": stages or []}
    )


def scheme(identifier: str, territories: list[str], stages: list[str], publics: list[str]) -> Scheme:
    return Scheme.model_validate(
        {
            "id": identifier,
            "name": f"Dispositif {identifier}",
            "kind": "cej",
            "operator": "ml",
            "territories": territories,
            "stages": stages,
            "publics": publics,
        }
    )


def networks(projects: list[Project], organisations: list[Organisation]) -> list[nx.Graph]:
    by_id = {o.id: o for o in organisations}
    return [project_network(p, by_id, []) for p in projects]


def context(projects: list[Project], schemes: list[Scheme] | None = None) -> ProjectContext:
    return ProjectContext(schemes=tuple(schemes or ()), projects=tuple(projects), territories=TERRITORIES)


ORGS = [org(i) for i in ("lead-a", "lead-b", "lead-c", "ml", "club")]


def test_two_applications_on_the_same_commune_and_public_make_one_finding_with_their_shared_partner() -> None:
    a = project("a", "lead-a", [ROUBAIX], ["neet_16_25", "qpv"], partners=["ml", "club"])
    b = project("b", "lead-b", [ROUBAIX, TOURCOING], ["neet_16_25"], partners=["ml"])
    # Both graphs see the other: still one finding, in id order.
    [overlap] = project_overlaps(networks([b, a], ORGS), context([a, b]))
    assert (overlap.project, overlap.other) == ("a", "b")
    assert overlap.territories == [ROUBAIX]
    assert overlap.publics == ["neet_16_25"]
    assert overlap.shared_members == ["ml"]
    assert "partagent 1 partenaire : ml" in overlap.sentence("fr")
    assert "share 1 partner: ml" in overlap.sentence("en")


def test_an_application_on_the_whole_epci_overlaps_one_on_a_commune_inside() -> None:
    a = project("a", "lead-a", [MEL], ["decrocheurs"])
    b = project("b", "lead-b", [TOURCOING], ["decrocheurs"])
    [overlap] = project_overlaps(networks([a, b], ORGS), context([a, b]))
    assert (overlap.project, overlap.other) == ("a", "b")
    assert overlap.shared_members == []


def test_same_place_other_public_or_same_public_elsewhere_is_no_overlap() -> None:
    a = project("a", "lead-a", [ROUBAIX], ["neet_16_25"])
    other_public = project("b", "lead-b", [ROUBAIX], ["handicap"])
    elsewhere = project("c", "lead-c", [VALENCIENNES], ["neet_16_25"])
    projects = [a, other_public, elsewhere]
    assert project_overlaps(networks(projects, ORGS), context(projects)) == []


def test_an_application_doing_a_schemes_work_without_declaring_it_duplicates_it() -> None:
    # The project works on the MEL with a member doing accompaniment for NEETs; the CEJ of Roubaix
    # does accompaniment for NEETs in Roubaix (inside the MEL) and the project does not declare it.
    organisations = [org("lead", ["reperage"]), org("ml", ["accompagnement"])]
    p = project("p", "lead", [MEL], ["neet_16_25", "qpv"], partners=["ml"])
    cej = scheme("cej", [ROUBAIX], ["accompagnement", "emploi"], ["neet_16_25"])
    [graph] = networks([p], organisations)
    [dup] = scheme_duplications(graph, context([p], [cej]))
    assert dup.project == "p"
    assert dup.scheme == "cej"
    assert dup.scheme_name == "Dispositif cej"
    assert dup.territories == [ROUBAIX]
    assert dup.stages == ["accompagnement"]
    assert dup.publics == ["neet_16_25"]
    assert dup.members == ["ml"]  # the member doing the duplicated stage
    assert dup.operator_is_member  # "ml" operates the scheme and is a partner
    assert "sans s'y articuler" in dup.sentence("fr")
    assert "Its operator (ml) is a partner" in dup.sentence("en")


def test_a_declared_scheme_or_one_elsewhere_or_on_other_stages_or_publics_is_not_duplicated() -> None:
    organisations = [org("lead", ["reperage", "accompagnement"])]
    declared = project("p", "lead", [ROUBAIX], ["neet_16_25"], schemes=["cej"])
    schemes = [
        scheme("cej", [ROUBAIX], ["accompagnement"], ["neet_16_25"]),
        scheme("far", [VALENCIENNES], ["accompagnement"], ["neet_16_25"]),
        scheme("train", [ROUBAIX], ["formation"], ["neet_16_25"]),
        scheme("hand", [ROUBAIX], ["accompagnement"], ["handicap"]),
    ]
    [graph] = networks([declared], organisations)
    assert scheme_duplications(graph, context([declared], schemes)) == []


def test_find_overlaps_answers_per_application() -> None:
    organisations = [org("la", ["accompagnement"]), org("lb", ["reperage"])]
    a = project("a", "la", [ROUBAIX], ["neet_16_25"])
    b = project("b", "lb", [ROUBAIX], ["neet_16_25"])
    cej = scheme("cej", [ROUBAIX], ["accompagnement"], ["neet_16_25"])
    overlaps = find_overlaps(networks([b, a], organisations), context([a, b], [cej]))
    assert overlaps.overlapping("a") == ["b"]
    assert overlaps.overlapping("b") == ["a"]
    # Only "a" does accompaniment, the CEJ's stage.
    assert overlaps.duplicated_schemes("a") == ["cej"]
    assert overlaps.duplicated_schemes("b") == []
    assert len(overlaps.of("b").projects) == 1
    assert overlaps.of("b").schemes == []


def test_the_small_region_applications_of_2019_do_not_overlap() -> None:
    # p-roubaix (Roubaix, Tourcoing) and p-valenciennes (Valenciennes) share no territory; p-roubaix
    # declares the CEJ of Roubaix; the PLIE of Valenciennes works on accompaniment and employment
    # while p-valenciennes does barriers and training.
    dataset = small_region()
    organisations = {o.id: o for o in dataset.organisations}
    call = [p for p in dataset.projects if p.call == "aap-2019"]
    graphs = [project_network(p, organisations, dataset.ties) for p in call]
    ctx = ProjectContext(
        schemes=tuple(dataset.schemes), projects=tuple(call), territories=tuple(dataset.territories)
    )
    overlaps = find_overlaps(graphs, ctx)
    assert overlaps.projects == []
    assert overlaps.schemes == []
