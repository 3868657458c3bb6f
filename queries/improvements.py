"""What a lead can do with the partners it already has, and what each step would change.

The gaps (:mod:`queries.gaps`) say whom to add; the weakness that caps many scores is elsewhere:
partners listed with an informal commitment (a name on a list), and cooperations the territory
already knows between members that the application does not declare. Each :class:`Action` here is
one such step — « formaliser l'engagement de X », « déclarer la coopération existante entre X et
Y » — with the change in partnership strength, band and verdict it would bring, computed by
what-if (:func:`queries.whatif.modified_project` and :func:`queries.whatif.declared_ties`) on
the same ties and context as the report, so the figure is the report's own.

:func:`addition_changes` gives the same figure for adding a recommended organisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from graph_service.domain.models import Organisation, Project, Tie
from graph_service.domain.network import project_network
from graph_service.domain.vocabulary import Commitment
from queries.metrics import EMPTY_CONTEXT, ProjectContext
from queries.report import Report, compute_report
from queries.scoring import ScoringConfig
from queries.whatif import Addition, declared_ties, modified_project


class Action(BaseModel):
    """One step on the existing partnership and the score change it would bring."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["formalise", "declare_cooperation"]
    organisations: list[str]
    text: str
    text_en: str
    strength_before: float | None
    strength_after: float | None
    delta: float | None
    band_before: str | None
    band_after: str | None
    band_label_before: str | None
    band_label_after: str | None
    verdict_before: str
    verdict_after: str


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 1)


def _action(
    kind: Literal["formalise", "declare_cooperation"],
    organisations: list[str],
    text: tuple[str, str],
    before: Report,
    after: Report,
) -> Action:
    return Action(
        kind=kind,
        organisations=organisations,
        text=text[0],
        text_en=text[1],
        strength_before=before.partnership_strength,
        strength_after=after.partnership_strength,
        delta=_delta(before.partnership_strength, after.partnership_strength),
        band_before=before.band.code if before.band else None,
        band_after=after.band.code if after.band else None,
        band_label_before=before.band.label if before.band else None,
        band_label_after=after.band.label if after.band else None,
        verdict_before=before.federation_verdict.verdict,
        verdict_after=after.federation_verdict.verdict,
    )


def _name(organisations: Mapping[str, Organisation], organisation: str) -> str:
    found = organisations.get(organisation)
    return found.name if found is not None else organisation


def improvements(
    project: Project,
    organisations: Mapping[str, Organisation],
    ties: Iterable[Tie],
    context: ProjectContext = EMPTY_CONTEXT,
    config: ScoringConfig | None = None,
) -> list[Action]:
    """The steps a lead can take with its partners, the most useful first.

    - **formalise**: each partner with an ``informel`` commitment, given a ``convention``;
    - **declare_cooperation**: each cooperation known on the territory (a tie with no
      ``project``) between two members that the project does not declare, declared by it.

    Sorted by strength gained (largest first; an undefined change last), then in that order.
    """
    ties = list(ties)
    before = compute_report(project_network(project, organisations, ties), context, config)
    actions = []
    for partner in project.partners:
        if partner.commitment is not Commitment.INFORMEL:
            continue
        change = Addition(organisation=partner.organisation, commitment=Commitment.CONVENTION)
        changed = modified_project(project, organisations, commit=[change])
        after = compute_report(project_network(changed, organisations, ties), context, config)
        name = _name(organisations, partner.organisation)
        text = (
            f"Formaliser l'engagement de {name} (convention signée au lieu d'un engagement informel).",
            f"Formalise the commitment of {name} (a signed agreement instead of an informal one).",
        )
        actions.append(_action("formalise", [partner.organisation], text, before, after))
    for a, b in _undeclared_cooperations(project, ties):
        extra = declared_ties(project, ties, [(a, b)])
        after = compute_report(project_network(project, organisations, [*ties, *extra]), context, config)
        first, second = _name(organisations, a), _name(organisations, b)
        text = (
            f"Déclarer la coopération existante entre {first} et {second}.",
            f"Declare the existing cooperation between {first} and {second}.",
        )
        actions.append(_action("declare_cooperation", [a, b], text, before, after))
    order = {"formalise": 0, "declare_cooperation": 1}
    return sorted(actions, key=lambda x: (x.delta is None, -(x.delta or 0.0), order[x.kind]))


def _undeclared_cooperations(project: Project, ties: Sequence[Tie]) -> list[tuple[str, str]]:
    """Pairs of members with a known tie and no tie the project declares, in tie order."""
    members = set(project.member_ids)
    declared = {frozenset((t.source, t.target)) for t in ties if t.project == project.id}
    found: dict[frozenset[str], tuple[str, str]] = {}
    for tie in ties:
        pair = frozenset((tie.source, tie.target))
        if tie.project is None and pair <= members and pair not in declared:
            found.setdefault(pair, (tie.source, tie.target))
    return list(found.values())


def addition_changes(
    project: Project,
    organisations: Mapping[str, Organisation],
    ties: Iterable[Tie],
    candidates: Sequence[str],
    context: ProjectContext = EMPTY_CONTEXT,
    config: ScoringConfig | None = None,
) -> dict[str, float | None]:
    """The strength change of adding each candidate with a ``convention`` (what-if, one at a time)."""
    ties = list(ties)
    before = compute_report(project_network(project, organisations, ties), context, config)
    changes: dict[str, float | None] = {}
    for candidate in candidates:
        added = Addition(organisation=candidate, commitment=Commitment.CONVENTION)
        changed = modified_project(project, organisations, add=[added])
        after = compute_report(project_network(changed, organisations, ties), context, config)
        changes[candidate] = _delta(before.partnership_strength, after.partnership_strength)
    return changes


__all__ = ["Action", "addition_changes", "improvements"]
