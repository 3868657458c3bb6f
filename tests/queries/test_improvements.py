"""What-if on the partners a project already has, and the steps gaps recommend with their score change."""

from __future__ import annotations

import pytest

from graph_service.domain.vocabulary import Commitment
from queries.improvements import addition_changes, improvements
from queries.whatif import Addition, LeadNotRemovable, NotAPartner, declared_ties, modified_project, what_if
from tests.queries.applications import Application, org


def informal_star() -> Application:
    """The lead and four partners, three informal, one by convention; one known cooperation."""
    app = Application(org("asso", "youth_sport_culture", name="Association Horizon", stages=["reperage"]))
    app.partner(org("ml", "employment", name="Mission Locale", stages=["accompagnement"]), "informel")
    app.partner(org("ccas", "social", name="CCAS", stages=["levee_freins"]), "informel")
    app.partner(org("of", "education", name="Organisme de formation", stages=["formation"]), "informel")
    app.partner(org("pme", "enterprise", name="Menuiserie", stages=["emploi"], subtype="sme"))
    app.known("ml", "ccas")
    return app


def test_what_if_can_formalise_a_partners_commitment_keeping_its_role_and_stages() -> None:
    app = informal_star()
    project = app.project()
    changed = modified_project(
        project, app.organisations, commit=[Addition(organisation="ml", commitment="convention")]
    )
    ml = next(p for p in changed.partners if p.organisation == "ml")
    assert ml.commitment is Commitment.CONVENTION
    assert [p.organisation for p in changed.partners] == [p.organisation for p in project.partners]
    result = what_if(
        project,
        app.organisations,
        app.ties,
        app.context(),
        commit=[Addition(organisation="ml", commitment="convention")],
    )
    # One more formal commitment of four: the lead's formal tie share goes from 1/4 to 2/4.
    assert result.before.metrics["lead_formal_tie_share"] == pytest.approx(1 / 4)
    assert result.after.metrics["lead_formal_tie_share"] == pytest.approx(2 / 4)
    assert result.committed == [Addition(organisation="ml", commitment="convention")]


@pytest.mark.parametrize(("organisation", "error"), [("asso", LeadNotRemovable), ("ghost", NotAPartner)])
def test_changing_the_commitment_of_the_lead_or_of_a_non_partner_is_a_typed_error(
    organisation: str, error: type[Exception]
) -> None:
    app = informal_star()
    with pytest.raises(error):
        modified_project(app.project(), app.organisations, commit=[Addition(organisation=organisation)])


def test_declaring_a_known_cooperation_copies_it_as_the_projects_own_tie() -> None:
    app = informal_star()
    [tie] = declared_ties(app.project(), app.ties, [("ccas", "ml")])
    known = app.ties[0]
    assert (tie.source, tie.target, tie.kind, tie.formal, tie.project) == (
        known.source,
        known.target,
        known.kind,
        known.formal,
        "p-test",
    )
    [new] = declared_ties(app.project(), app.ties, [("of", "pme")])
    assert (new.kind.value, new.formal, new.project) == ("co_intervention", True, "p-test")
    with pytest.raises(NotAPartner):
        declared_ties(app.project(), app.ties, [("ml", "ghost")])


def test_improvements_formalise_each_informal_partner_and_declare_each_known_cooperation() -> None:
    app = informal_star()
    actions = improvements(app.project(), app.organisations, app.ties, app.context())
    kinds = sorted((a.kind, tuple(a.organisations)) for a in actions)
    assert kinds == [
        ("declare_cooperation", ("ml", "ccas")),
        ("formalise", ("ccas",)),
        ("formalise", ("ml",)),
        ("formalise", ("of",)),
    ]
    # Each figure is the report's own: the what-if of that one step.
    for action in actions:
        if action.kind == "formalise":
            step = Addition(organisation=action.organisations[0], commitment="convention")
            result = what_if(app.project(), app.organisations, app.ties, app.context(), commit=[step])
        else:
            a, b = action.organisations
            result = what_if(app.project(), app.organisations, app.ties, app.context(), declare=[(a, b)])
        assert action.strength_after == result.after.partnership_strength
        assert action.strength_before == result.before.partnership_strength
    # Largest gain first; formalising a partner raises the strength.
    deltas = [a.delta for a in actions]
    assert deltas == sorted(deltas, key=lambda d: -(d or 0))
    formalise = [a for a in actions if a.kind == "formalise"]
    assert all((a.delta or 0) > 0 for a in formalise)
    assert formalise[0].text.startswith("Formaliser l'engagement de ")


def test_a_recommended_organisation_comes_with_the_strength_it_would_add() -> None:
    app = informal_star()
    candidate = org(
        "fjt", "housing", name="Foyer de jeunes travailleurs", stages=["levee_freins"], barriers=["logement"]
    )
    organisations = {**app.organisations, candidate.id: candidate}
    changes = addition_changes(app.project(), organisations, app.ties, ["fjt"], app.context())
    result = what_if(
        app.project(),
        organisations,
        app.ties,
        app.context(),
        add=[Addition(organisation="fjt", commitment="convention")],
    )
    before, after = result.before.partnership_strength, result.after.partnership_strength
    assert before is not None and after is not None
    assert changes == {"fjt": round(after - before, 1)}
