"""Gaps of a partnership and the greedy ranking of the organisations that would fill them.

The project: lead ``asso`` (social, works in Roubaix, does repérage and mobilisation, lifts the
access-to-rights barrier, serves NEETs) alone, on the whole MEL (Roubaix + Tourcoing), for NEETs and
QPV residents, declaring no scheme. The CEJ of Roubaix is active there; the PLIE of Valenciennes is
not. Every expected gap below follows from that by hand.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_service.domain.models import Organisation, Project, Scheme
from graph_service.domain.network import project_network
from graph_service.domain.vocabulary import Barrier, Sector, Stage
from graph_service.services.demo import demo_dataset
from queries.gaps import GapKind, contribution, find_gaps, greedy_order, missing_items
from queries.metrics._common import ProjectContext
from queries.report import compute_report
from tests.support.datasets import MEL, ROUBAIX, TOURCOING, VALENCIENNES, small_region

CEJ = Scheme.model_validate(
    {
        "id": "cej-roubaix",
        "name": "CEJ Roubaix",
        "kind": "cej",
        "operator": "ml",
        "territories": [ROUBAIX],
        "stages": ["accompagnement"],
        "publics": ["neet_16_25"],
    }
)
PLIE = Scheme.model_validate(
    {"id": "plie-val", "name": "PLIE", "kind": "plie", "operator": "plie", "territories": [VALENCIENNES]}
)
CONTEXT = ProjectContext(schemes=(CEJ, PLIE), territories=tuple(small_region().territories))


def org(identifier: str, sector: str = "social", **fields: Any) -> Organisation:
    return Organisation.model_validate(
        {"id": identifier, "name": fields.pop("name", identifier), "sector": sector, **fields}
    )


LEAD = org(
    "asso",
    territories=[ROUBAIX],
    stages=["reperage", "mobilisation"],
    barriers=["acces_droits"],
    publics=["neet_16_25"],
)


def network(*partners: Organisation) -> nx.Graph:
    project = Project.model_validate(
        {
            "id": "p",
            "title": "p",
            "call": "aap",
            "lead": "asso",
            "territories": [MEL],
            "publics": ["neet_16_25", "qpv"],
            "partners": [{"organisation": o.id, "commitment": "convention"} for o in partners],
        }
    )
    return project_network(project, {o.id: o for o in (LEAD, *partners)}, [])


def codes(items: list[tuple[GapKind, str]], kind: GapKind) -> list[str]:
    return [code for k, code in items if k is kind]


def test_a_lone_lead_lacks_what_it_does_not_bring_kind_by_kind() -> None:
    items = missing_items(network(), CONTEXT)
    assert codes(items, GapKind.STAGE) == ["accompagnement", "levee_freins", "formation", "emploi"]
    assert "acces_droits" not in codes(items, GapKind.BARRIER)
    assert len(codes(items, GapKind.BARRIER)) == 7  # eight barriers, one lifted
    assert codes(items, GapKind.PUBLIC) == ["qpv"]
    assert codes(items, GapKind.COMMUNE) == [TOURCOING]  # the MEL is Roubaix + Tourcoing
    assert len(codes(items, GapKind.SECTOR)) == 7  # nine sectors, minus social and enterprise
    assert codes(items, GapKind.ENTERPRISE) == ["enterprise"]
    assert codes(items, GapKind.SCHEME) == ["cej-roubaix"]  # the PLIE is in Valenciennes


def test_required_stages_limit_the_stage_gaps() -> None:
    items = missing_items(network(), CONTEXT, required_stages=["reperage", "emploi"])
    assert codes(items, GapKind.STAGE) == ["emploi"]


def test_a_candidate_brings_its_stages_territory_sector_and_the_schemes_it_operates() -> None:
    items = missing_items(network(), CONTEXT)
    ml = org("ml", "employment", territories=[TOURCOING], stages=["accompagnement"], publics=["qpv"])
    operated = {"cej-roubaix": "ml"}
    assert contribution(ml, items, operated, CONTEXT) == {
        (GapKind.STAGE, "accompagnement"),
        (GapKind.PUBLIC, "qpv"),
        (GapKind.COMMUNE, TOURCOING),
        (GapKind.SECTOR, "employment"),
        (GapKind.SCHEME, "cej-roubaix"),
    }
    # An actor of the whole MEL works in Tourcoing; an enterprise fills the enterprise gap, not a sector.
    epci = org("mel", "public_authority", territories=[MEL])
    assert (GapKind.COMMUNE, TOURCOING) in contribution(epci, items, operated, CONTEXT)
    firm = org("firm", "enterprise", subtype="sme")
    assert contribution(firm, items, operated, CONTEXT) == {(GapKind.ENTERPRISE, "enterprise")}


def test_an_organisation_covering_two_missing_stages_ranks_before_one_covering_one() -> None:
    # Both are social (no new sector) and work in Roubaix (no new commune): only stages differ.
    big = org("big", territories=[ROUBAIX], stages=["formation", "emploi"])
    small = org("small", territories=[ROUBAIX], stages=["formation"])
    analysis = find_gaps(network(), [small, big], CONTEXT)
    assert [r.organisation for r in analysis.recommendations] == ["big"]
    # Once "big" joins, "small" adds nothing: it is not recommended, but it is a filler of formation.
    [first] = analysis.recommendations
    assert first.rank == 1
    assert first.gain == 2
    assert [g.code for g in first.fills] == ["formation", "emploi"]
    assert first.reason == "Comblerait 2 étapes manquantes (Formation, Emploi)."
    assert first.reason_en == "Would fill 2 missing stages (Training, Employment)."
    formation = next(g for g in analysis.gaps if g.code == "formation")
    assert formation.fillers == ["big", "small"]


def test_each_greedy_step_counts_only_what_is_still_missing_and_ties_go_to_the_broader() -> None:
    # a: formation + emploi (2). Then b adds logement (emploi is filled: 1) and c adds logement (1):
    # a tie, which goes to b, the broader candidate (2 gaps in all against 1).
    a = org("a", territories=[ROUBAIX], stages=["formation", "emploi"])
    b = org("b", territories=[ROUBAIX], stages=["emploi"], barriers=["logement"])
    c = org("c", territories=[ROUBAIX], barriers=["logement"])
    analysis = find_gaps(network(), [c, b, a], CONTEXT)
    assert [(r.organisation, r.gain) for r in analysis.recommendations] == [("a", 2), ("b", 1)]
    assert [g.code for g in analysis.recommendations[1].fills] == ["logement"]


def test_weights_put_a_missing_stage_before_two_missing_barriers() -> None:
    stage = org("stage", territories=[ROUBAIX], stages=["emploi"])
    barriers = org("barriers", territories=[ROUBAIX], barriers=["sante", "logement"])
    plain = find_gaps(network(), [stage, barriers], CONTEXT)
    assert [r.organisation for r in plain.recommendations] == ["barriers", "stage"]
    weighted = find_gaps(network(), [stage, barriers], CONTEXT, weights={GapKind.STAGE: 3.0})
    assert [(r.organisation, r.gain) for r in weighted.recommendations] == [("stage", 3.0), ("barriers", 2.0)]


def test_members_are_not_candidates_and_unfilled_gaps_are_listed() -> None:
    partner = org("ml", "employment", territories=[TOURCOING], stages=["accompagnement"])
    analysis = find_gaps(network(partner), [partner, LEAD], CONTEXT)
    assert analysis.project == "p"
    assert analysis.recommendations == []
    assert analysis.unfilled == analysis.gaps
    assert "accompagnement" not in analysis.missing(GapKind.STAGE)
    # The CEJ's operator is already a partner: the articulation is missing, but no one is to add.
    assert analysis.missing(GapKind.SCHEME) == ["cej-roubaix"]


def test_limit_cuts_the_greedy_order() -> None:
    candidates = [
        org(f"o{i}", territories=[ROUBAIX], stages=[s]) for i, s in enumerate(["formation", "emploi"])
    ]
    assert len(find_gaps(network(), candidates, CONTEXT, limit=1).recommendations) == 1
    assert len(find_gaps(network(), candidates, CONTEXT, limit=None).recommendations) == 2


def test_greedy_order_with_nothing_to_cover_is_empty() -> None:
    assert greedy_order([org("x")], {"x": set()}, {}, None) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_commune_and_a_scheme_gap_are_named_for_people(lang: str) -> None:
    ml = org("ml", "employment", territories=[TOURCOING])
    analysis = find_gaps(network(), [ml], CONTEXT)
    [recommendation] = analysis.recommendations
    sentence = recommendation.sentence(lang)  # type: ignore[arg-type]
    assert "Tourcoing" in sentence
    assert "CEJ Roubaix" in sentence


candidate_lists = st.lists(
    st.builds(
        lambda i, sector, stages, barriers: org(
            f"c{i}", sector, territories=[ROUBAIX], stages=stages, barriers=barriers
        ),
        st.integers(0, 10_000),
        st.sampled_from([s.value for s in Sector if s is not Sector.ENTERPRISE]),
        st.lists(st.sampled_from([s.value for s in Stage]), unique=True),
        st.lists(st.sampled_from([b.value for b in Barrier]), unique=True),
    ),
    max_size=8,
    unique_by=lambda o: o.id,
)


@settings(max_examples=60, deadline=None)
@given(candidate_lists)
def test_greedy_gains_never_grow_fills_never_repeat_and_everything_fillable_is_filled(
    candidates: list[Organisation],
) -> None:
    analysis = find_gaps(network(), candidates, CONTEXT, limit=None)
    gains = [r.gain for r in analysis.recommendations]
    # With unit weights, the best marginal gain can only shrink as gaps get filled (greedy set cover).
    assert gains == sorted(gains, reverse=True)
    filled = [g.ref for r in analysis.recommendations for g in r.fills]
    assert len(filled) == len(set(filled))
    assert set(filled) == {g.ref for g in analysis.gaps if g.fillers}
    if candidates:
        best = max(len(contribution(c, [g.ref for g in analysis.gaps], {}, CONTEXT)) for c in candidates)
        assert (analysis.recommendations[0].gain if analysis.recommendations else 0) == best


def test_the_gaps_of_each_demo_application_are_what_its_report_says_is_missing() -> None:
    # The gaps reuse the metrics' "missing" details, so the lead reads the same story in both.
    dataset = demo_dataset()
    organisations = {o.id: o for o in dataset.organisations}
    context = ProjectContext(
        schemes=tuple(dataset.schemes),
        projects=tuple(dataset.projects),
        territories=tuple(dataset.territories),
    )
    for project in dataset.projects:
        graph = project_network(project, organisations, dataset.ties)
        report = compute_report(graph, context)
        analysis = find_gaps(graph, dataset.organisations, context)
        assert analysis.missing(GapKind.STAGE) == report.details["stage_coverage"]["missing"], project.id
        assert analysis.missing(GapKind.COMMUNE) == report.details["territory_coverage"]["missing"], (
            project.id
        )
        not_articulated = report.details["scheme_articulation_share"]["not_articulated"]
        assert analysis.missing(GapKind.SCHEME) == sorted(not_articulated), project.id


def test_a_project_for_people_with_disabilities_lacks_an_adapted_enterprise_that_an_sme_does_not_fill() -> (
    None
):
    project = Project.model_validate(
        {
            "id": "h",
            "title": "h",
            "call": "aap",
            "lead": "asso",
            "territories": [ROUBAIX],
            "publics": ["handicap"],
        }
    )
    graph = project_network(project, {"asso": LEAD}, [])
    items = missing_items(graph, CONTEXT)
    assert codes(items, GapKind.ENTERPRISE) == ["enterprise", "entreprise_adaptee"]
    sme = org("pme", "enterprise", subtype="sme", territories=[ROUBAIX])
    adapted = org("ea", "enterprise", subtype="entreprise_adaptee", territories=[ROUBAIX])
    assert contribution(sme, items, {}, CONTEXT) == {(GapKind.ENTERPRISE, "enterprise")}
    assert contribution(adapted, items, {}, CONTEXT) == {
        (GapKind.ENTERPRISE, "enterprise"),
        (GapKind.ENTERPRISE, "entreprise_adaptee"),
    }
    [first] = find_gaps(graph, [sme, adapted], CONTEXT).recommendations
    assert first.organisation == "ea"
    assert first.reason == (
        "Comblerait 2 manques côté entreprises (Entreprise en aval du parcours, Entreprise adaptée ou ESAT)."
    )
    # A project that does not aim at this public is not asked for one.
    assert "entreprise_adaptee" not in codes(missing_items(network(), CONTEXT), GapKind.ENTERPRISE)
