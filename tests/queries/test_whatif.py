"""What-if: partners added or removed on a copy of the project, and the difference of two reports."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_service.domain.errors import DomainError
from graph_service.domain.models import Organisation, Project, Tie
from graph_service.domain.vocabulary import Commitment, Stage
from queries.metrics.complementarity import stage_coverage
from queries.whatif import (
    Addition,
    AlreadyMember,
    LeadNotRemovable,
    NotAPartner,
    UnknownOrganisation,
    diff_reports,
    metric_change,
    modified_network,
    modified_project,
)


def org(identifier: str, stages: list[str], sector: str = "social") -> Organisation:
    return Organisation.model_validate(
        {"id": identifier, "name": identifier, "sector": sector, "stages": stages}
    )


# A tiny project doing five of the six stages: the lead does repérage and mobilisation, the
# Mission Locale accompaniment and barriers, the training body training. "firm" does employment.
ORGANISATIONS = {
    o.id: o
    for o in (
        org("lead", ["reperage", "mobilisation"]),
        org("ml", ["accompagnement", "levee_freins"], "employment"),
        org("of", ["formation"], "education"),
        org("firm", ["emploi"], "enterprise"),
        org("club", ["reperage"]),
    )
}
PROJECT = Project.model_validate(
    {
        "id": "p",
        "title": "Petit projet",
        "call": "aap",
        "lead": "lead",
        "partners": [
            {"organisation": "ml", "commitment": "convention"},
            {"organisation": "of", "commitment": "lettre_engagement"},
        ],
    }
)
TIES = [
    Tie(source="ml", target="of", kind="orientation", formal=True, strength=2),
    Tie(source="of", target="firm", kind="co_intervention", strength=3),
]


def test_adding_a_partner_that_brings_employment_raises_stage_coverage_from_five_to_six_sixths() -> None:
    _, before = modified_network(PROJECT, ORGANISATIONS, TIES)
    changed, after = modified_network(PROJECT, ORGANISATIONS, TIES, add=[Addition(organisation="firm")])
    assert stage_coverage(before).value == pytest.approx(5 / 6)
    assert stage_coverage(after).value == pytest.approx(6 / 6)
    # The known tie between the training body and the firm enters the network with the firm.
    assert after.has_edge("of", "firm")
    assert changed.partners[-1].commitment is Commitment.INFORMEL
    assert PROJECT.member_ids == ["lead", "ml", "of"]  # the original is untouched


def test_removing_the_only_partner_doing_training_uncovers_it() -> None:
    changed, after = modified_network(PROJECT, ORGANISATIONS, TIES, remove=["of"])
    assert changed.member_ids == ["lead", "ml"]
    assert "formation" in stage_coverage(after).detail["missing"]


def test_an_added_partner_keeps_the_commitment_and_stages_it_is_given() -> None:
    addition = Addition(organisation="firm", commitment=Commitment.CONVENTION, stages=["formation"])
    changed = modified_project(PROJECT, ORGANISATIONS, add=[addition])
    partner = changed.partners[-1]
    assert partner.commitment is Commitment.CONVENTION
    assert [s.value for s in partner.stages or []] == ["formation"]


def test_removing_then_adding_a_partner_changes_its_commitment() -> None:
    changed = modified_project(
        PROJECT, ORGANISATIONS, remove=["of"], add=[Addition(organisation="of", commitment="convention")]
    )
    assert {p.organisation: p.commitment.value for p in changed.partners} == {
        "ml": "convention",
        "of": "convention",
    }


@pytest.mark.parametrize(
    ("add", "remove", "error", "words"),
    [
        ([], ["lead"], LeadNotRemovable, "chef de file"),
        ([], ["club"], NotAPartner, "n'est pas partenaire"),
        ([Addition(organisation="ghost")], [], UnknownOrganisation, "introuvable"),
        ([Addition(organisation="ml")], [], AlreadyMember, "déjà membre"),
        ([Addition(organisation="lead")], [], AlreadyMember, "déjà membre"),
        ([Addition(organisation="club"), Addition(organisation="club")], [], AlreadyMember, "déjà membre"),
    ],
)
def test_impossible_changes_are_typed_errors_in_french(
    add: list[Addition], remove: list[str], error: type[DomainError], words: str
) -> None:
    with pytest.raises(error) as caught:
        modified_project(PROJECT, ORGANISATIONS, add=add, remove=remove)
    assert words in caught.value.message
    assert caught.value.message_en != caught.value.message


def test_an_addition_reads_org_or_org_colon_commitment() -> None:
    assert Addition.parse("club") == Addition(organisation="club")
    assert Addition.parse(" club:cofinancement ").commitment is Commitment.COFINANCEMENT
    with pytest.raises(DomainError, match="engagement « signed » inconnu"):
        Addition.parse("club:signed")
    with pytest.raises(DomainError, match="identifiant"):
        Addition.parse(":convention")


def test_a_metric_change_gives_a_delta_for_numbers_and_added_or_removed_items_for_lists() -> None:
    number = metric_change("stage_coverage", "complementarity", 5 / 6, 1.0)
    assert number.changed
    assert number.delta == pytest.approx(1 / 6)
    listed = metric_change("dead_ends", "trajectories", ["a", "b"], ["b", "c"])
    assert (listed.added, listed.removed, listed.delta) == (["c"], ["a"], None)
    same = metric_change("governance_form", "federation", "lead", "lead")
    assert not same.changed
    assert same.delta is None
    # A bool is not a number to subtract.
    assert metric_change("x", None, True, False).delta is None


def test_two_reports_differ_by_strength_band_verdict_family_and_metric() -> None:
    before = {
        "metrics": {"stage_coverage": 5 / 6, "density": 0.5},
        "families": {"complementarity": {"score": 60.0}, "federation": {"score": 40.0}},
        "partnership_strength": {"score": 50.0, "band": {"code": "medium"}},
        "federation_verdict": {"verdict": "partially"},
    }
    after = {
        "metrics": {"stage_coverage": 1.0, "density": 0.5},
        "families": {"complementarity": {"score": 72.5}, "federation": {"score": 40.0}},
        "partnership_strength": {"score": 56.0, "band": {"code": "medium"}},
        "federation_verdict": {"verdict": "federates"},
    }
    diff = diff_reports(before, after, family_of=lambda key: "complementarity")
    assert diff.strength.delta == pytest.approx(6.0)
    assert (diff.band_before, diff.band_after) == ("medium", "medium")
    assert (diff.verdict_before, diff.verdict_after) == ("partially", "federates")
    assert [(f.name, f.delta) for f in diff.families] == [("complementarity", 12.5), ("federation", 0.0)]
    assert [m.key for m in diff.changed_metrics] == ["stage_coverage"]
    assert diff.metrics[0].family == "complementarity"


stage_sets = st.lists(st.sampled_from([s.value for s in Stage]), unique=True, max_size=3)


@settings(max_examples=80, deadline=None)
@given(lead_stages=stage_sets, partner_stages=st.lists(stage_sets, min_size=1, max_size=5), data=st.data())
def test_removing_the_only_partner_covering_a_stage_leaves_that_stage_uncovered(
    lead_stages: list[str], partner_stages: list[list[str]], data: st.DataObject
) -> None:
    organisations = {"lead": org("lead", lead_stages)}
    organisations |= {f"m{i}": org(f"m{i}", stages) for i, stages in enumerate(partner_stages)}
    project = Project(
        id="p",
        title="p",
        call="c",
        lead="lead",
        partners=[{"organisation": f"m{i}", "commitment": "convention"} for i in range(len(partner_stages))],
    )
    gone = data.draw(st.integers(0, len(partner_stages) - 1))
    others = set(lead_stages).union(*(s for i, s in enumerate(partner_stages) if i != gone))
    only_gone = set(partner_stages[gone]) - others
    _, before = modified_network(project, organisations, [])
    _, after = modified_network(project, organisations, [], remove=[f"m{gone}"])
    assert only_gone <= set(stage_coverage(after).detail["missing"])
    assert not only_gone & set(stage_coverage(before).detail["missing"])
    # Stages someone else still does stay covered.
    assert not (set(partner_stages[gone]) & others) & set(stage_coverage(after).detail["missing"])
