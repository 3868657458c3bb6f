"""What-if: a project's report recomputed with partners added or removed, and the difference.

For project leads (issue 4, item 6): "what would my partnership measure if the CCAS joined, or if
the informal club left?". The project is copied with its partners changed
(:func:`modified_project`), both networks are built with the same
:func:`~graph_service.domain.network.project_network` and the same known ties, both reports are
computed the same way, and :func:`diff_reports` says what moved, metric by metric and family by
family. Nothing is written anywhere.

Mistakes are typed domain errors with a French message: adding an organisation that does not exist
(:class:`UnknownOrganisation`) or is already a member (:class:`AlreadyMember`), removing one that is
not a partner (:class:`NotAPartner`) or the lead (:class:`LeadNotRemovable`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict

from graph_service.domain.errors import Conflict, DomainError, NotFound
from graph_service.domain.models import Organisation, Partner, Project, Tie
from graph_service.domain.network import project_network
from graph_service.domain.vocabulary import Commitment, Lang, Stage
from queries.metrics import EMPTY_CONTEXT, FAMILY_METRICS, ProjectContext
from queries.report import Report, compute_report
from queries.scoring import ScoringConfig


class UnknownOrganisation(NotFound):
    code = "unknown_organisation"


class AlreadyMember(Conflict):
    code = "already_member"


class NotAPartner(DomainError):
    code = "not_a_partner"
    status_code = 422


class LeadNotRemovable(DomainError):
    code = "lead_not_removable"
    status_code = 422


class Addition(BaseModel):
    """A partner to add: the organisation, its commitment (``informel`` unless given), its stages."""

    model_config = ConfigDict(frozen=True)

    organisation: str
    commitment: Commitment = Commitment.INFORMEL
    stages: list[Stage] | None = None

    @classmethod
    def parse(cls, text: str) -> Addition:
        """Read ``ORG`` or ``ORG:COMMITMENT`` (the form the CLI and the API accept).

        >>> Addition.parse("ccas-douai:convention").commitment.value
        'convention'
        >>> Addition.parse("ccas-douai").commitment.value
        'informel'
        """
        organisation, _, commitment = text.strip().partition(":")
        if not organisation:
            raise DomainError(
                f"ajout « {text} » : indiquez un identifiant d'organisation (ORG ou ORG:engagement)",
                message_en=f"addition {text!r}: give an organisation id (ORG or ORG:commitment)",
            )
        if not commitment:
            return cls(organisation=organisation)
        try:
            return cls(organisation=organisation, commitment=Commitment(commitment.strip()))
        except ValueError as exc:
            allowed = ", ".join(c.value for c in Commitment)
            raise DomainError(
                f"ajout « {text} » : engagement « {commitment} » inconnu (admis : {allowed})",
                message_en=f"addition {text!r}: unknown commitment {commitment!r} (allowed: {allowed})",
            ) from exc


# Why the lead, or an organisation that is no partner, cannot be removed or recommitted:
# (lead: French, English), (no partner: French, English), each after the organisation and project.
_REMOVING = (
    (" : il ne peut pas être retiré", " and cannot be removed"),
    ("rien à retirer", "nothing to remove"),
)
_RECOMMITTING = (
    (" : il n'a pas d'engagement à changer", ": it has no commitment to change"),
    ("pas d'engagement à changer", "no commitment to change"),
)


def _check_partner(
    project: Project,
    partners: Mapping[str, Partner],
    organisation: str,
    reasons: tuple[tuple[str, str], tuple[str, str]],
) -> None:
    """Refuse the change when ``organisation`` is the lead or no partner (:data:`_REMOVING`)."""
    (lead_fr, lead_en), (absent_fr, absent_en) = reasons
    if organisation == project.lead:
        raise LeadNotRemovable(
            f"« {organisation} » est le chef de file de {project.id}{lead_fr}",
            message_en=f"{organisation!r} leads {project.id}{lead_en}",
        )
    if organisation not in partners:
        raise NotAPartner(
            f"« {organisation} » n'est pas partenaire de {project.id} : {absent_fr}",
            message_en=f"{organisation!r} is not a partner of {project.id}: {absent_en}",
        )


def modified_project(
    project: Project,
    known: Container[str],
    *,
    add: Sequence[Addition] = (),
    remove: Sequence[str] = (),
    commit: Sequence[Addition] = (),
) -> Project:
    """Return a copy of ``project`` with partners removed, their commitments changed, then added.

    Parameters
    ----------
    project : Project
    known : container of str
        The ids of the organisations that exist (the store's, or a mapping of them).
    add : sequence of Addition
        Partners to add, in order, after the removals (so removing then adding one organisation
        changes its commitment).
    remove : sequence of str
        Partner ids to remove.
    commit : sequence of Addition
        Partners kept whose commitment changes (« formaliser l'engagement de X »: an informal
        partner given a ``convention``); their role and stages stay.

    Raises
    ------
    LeadNotRemovable
        When ``remove`` or ``commit`` names the lead (it has no commitment to itself).
    NotAPartner
        When ``remove`` or ``commit`` names an organisation that is not a partner.
    UnknownOrganisation
        When ``add`` names an organisation that does not exist.
    AlreadyMember
        When ``add`` names the lead, a partner kept, or the same organisation twice.
    """
    partners = {p.organisation: p for p in project.partners}
    for organisation in remove:
        _check_partner(project, partners, organisation, _REMOVING)
        del partners[organisation]
    for change in commit:
        _check_partner(project, partners, change.organisation, _RECOMMITTING)
        partners[change.organisation] = partners[change.organisation].model_copy(
            update={"commitment": change.commitment}
        )
    for addition in add:
        organisation = addition.organisation
        if organisation not in known:
            raise UnknownOrganisation(
                f"organisation « {organisation} » introuvable : impossible de l'ajouter",
                message_en=f"organisation {organisation!r} not found: cannot add it",
            )
        if organisation == project.lead or organisation in partners:
            raise AlreadyMember(
                f"« {organisation} » est déjà membre de {project.id}",
                message_en=f"{organisation!r} is already a member of {project.id}",
            )
        partners[organisation] = Partner(
            organisation=organisation, commitment=addition.commitment, stages=addition.stages
        )
    return project.model_copy(update={"partners": list(partners.values())})


def modified_network(
    project: Project,
    organisations: Mapping[str, Organisation],
    ties: Iterable[Tie],
    *,
    add: Sequence[Addition] = (),
    remove: Sequence[str] = (),
) -> tuple[Project, nx.Graph]:
    """The modified project and its N(P); ``organisations`` must hold the lead, partners and additions."""
    changed = modified_project(project, organisations, add=add, remove=remove)
    return changed, project_network(changed, organisations, ties)


class MetricChange(BaseModel):
    """One metric before and after; ``delta`` for numbers, ``added``/``removed`` for lists."""

    model_config = ConfigDict(frozen=True)

    key: str
    family: str | None
    before: Any
    after: Any
    changed: bool
    delta: float | None = None
    added: list[Any] | None = None
    removed: list[Any] | None = None


class ScoreChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    before: float | None
    after: float | None
    delta: float | None


class ReportDiff(BaseModel):
    """The difference between two reports of the same project."""

    model_config = ConfigDict(frozen=True)

    strength: ScoreChange
    band_before: str | None
    band_after: str | None
    verdict_before: str | None
    verdict_after: str | None
    families: list[ScoreChange]
    metrics: list[MetricChange]

    @property
    def changed_metrics(self) -> list[MetricChange]:
        return [m for m in self.metrics if m.changed]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return None if math.isnan(value) else float(value)


def _delta(before: Any, after: Any) -> float | None:
    a, b = _number(before), _number(after)
    return None if a is None or b is None else round(b - a, 9)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def metric_change(key: str, family: str | None, before: Any, after: Any) -> MetricChange:
    """Compare one metric's two values (plain JSON values)."""
    changed = _canonical(before) != _canonical(after)
    added = removed = None
    if isinstance(before, list) and isinstance(after, list):
        old = {_canonical(v): v for v in before}
        new = {_canonical(v): v for v in after}
        added = [v for k, v in new.items() if k not in old]
        removed = [v for k, v in old.items() if k not in new]
    return MetricChange(
        key=key,
        family=family,
        before=before,
        after=after,
        changed=changed,
        delta=_delta(before, after),
        added=added,
        removed=removed,
    )


def diff_reports(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    family_of: Callable[[str], str | None] = lambda key: None,
) -> ReportDiff:
    """Compare two reports given as their JSON documents.

    A report document has ``metrics`` (metric key → value), ``families`` (family → object with a
    ``score``), ``partnership_strength`` (number or object with ``score``), a ``band`` (code, or
    object with ``code``) and a ``federation_verdict`` (code, or object with ``verdict``/``code``),
    as issue 4 describes. Keys present in only one report are compared with ``None``.
    """
    metrics_before, metrics_after = before.get("metrics", {}), after.get("metrics", {})
    keys = list(dict.fromkeys([*metrics_before, *metrics_after]))
    families_before, families_after = before.get("families", {}), after.get("families", {})
    families = list(dict.fromkeys([*families_before, *families_after]))
    strength_before, strength_after = (
        _score(before.get("partnership_strength")),
        _score(after.get("partnership_strength")),
    )
    return ReportDiff(
        strength=ScoreChange(
            name="partnership_strength",
            before=strength_before,
            after=strength_after,
            delta=_delta(strength_before, strength_after),
        ),
        band_before=_code(_band(before)),
        band_after=_code(_band(after)),
        verdict_before=_code(before.get("federation_verdict")),
        verdict_after=_code(after.get("federation_verdict")),
        families=[
            ScoreChange(
                name=name,
                before=_score(families_before.get(name)),
                after=_score(families_after.get(name)),
                delta=_delta(_score(families_before.get(name)), _score(families_after.get(name))),
            )
            for name in families
        ],
        metrics=[
            metric_change(key, family_of(key), metrics_before.get(key), metrics_after.get(key))
            for key in keys
        ],
    )


def _score(value: Any) -> float | None:
    if isinstance(value, Mapping):
        value = value.get("score")
    return _number(value)


def _band(report: Mapping[str, Any]) -> Any:
    if "band" in report:
        return report["band"]
    strength = report.get("partnership_strength")
    return strength.get("band") if isinstance(strength, Mapping) else None


def _code(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("verdict", value.get("code"))
    return None if value is None else str(value)


FAMILY_OF = {key: family for family, keys in FAMILY_METRICS.items() for key in keys}


def declared_ties(project: Project, ties: Iterable[Tie], pairs: Sequence[tuple[str, str]]) -> list[Tie]:
    """The ties ``project`` would declare between the members of each pair.

    A cooperation already known on the territory between the two (a tie with no ``project``) is
    declared as it is known (same kind, formality and strength); otherwise a formal
    co-intervention of strength 2. Raises :class:`NotAPartner` for a pair that is not two
    distinct members.
    """
    members = set(project.member_ids)
    known = {frozenset((t.source, t.target)): t for t in ties if t.project is None}
    found = []
    for a, b in pairs:
        if a == b or a not in members or b not in members:
            raise NotAPartner(
                f"lien « {a} – {b} » : il faut deux membres distincts de {project.id}",
                message_en=f"tie {a!r} – {b!r}: two distinct members of {project.id} are needed",
            )
        existing = known.get(frozenset((a, b)))
        if existing is not None:
            found.append(existing.model_copy(update={"project": project.id}))
        else:
            found.append(
                Tie.model_validate(
                    {
                        "source": a,
                        "target": b,
                        "kind": "co_intervention",
                        "formal": True,
                        "strength": 2,
                        "project": project.id,
                    }
                )
            )
    return found


class WhatIf(BaseModel):
    """A project's report before and after a change of partners, and what moved."""

    model_config = ConfigDict(frozen=True)

    project: str
    added: list[Addition]
    removed: list[str]
    committed: list[Addition] = []
    declared: list[tuple[str, str]] = []
    before: Report
    after: Report
    diff: ReportDiff


def what_if(
    project: Project,
    organisations: Mapping[str, Organisation],
    ties: Iterable[Tie],
    context: ProjectContext = EMPTY_CONTEXT,
    config: ScoringConfig | None = None,
    *,
    add: Sequence[Addition] = (),
    remove: Sequence[str] = (),
    commit: Sequence[Addition] = (),
    declare: Sequence[tuple[str, str]] = (),
    lang: Lang = "fr",
) -> WhatIf:
    """Recompute the report of ``project`` with partners or their ties changed, and compare.

    Parameters
    ----------
    project : Project
    organisations : mapping of id to Organisation
        At least the members and the organisations to add (an addition missing here is
        :class:`UnknownOrganisation`).
    ties : iterable of Tie
        Known ties; those between two members of each version enter its network.
    context, config, lang
        As for :func:`queries.report.compute_report`; the same for both versions.
    add, remove, commit
        See :func:`modified_project`.
    declare : sequence of (str, str)
        Pairs of members between which the project would declare a tie (see
        :func:`declared_ties`: « déclarer une coopération existante »).

    Returns
    -------
    WhatIf
        Both reports and :class:`ReportDiff` (after − before).
    """
    ties = list(ties)
    changed = modified_project(project, organisations, add=add, remove=remove, commit=commit)
    extra = declared_ties(changed, ties, declare)
    # Both versions go through the same builder with the same ties, so only the change differs.
    before = compute_report(project_network(project, organisations, ties), context, config, lang)
    after = compute_report(project_network(changed, organisations, [*ties, *extra]), context, config, lang)
    diff = diff_reports(
        before.model_dump(mode="json"), after.model_dump(mode="json"), family_of=FAMILY_OF.get
    )
    return WhatIf(
        project=project.id,
        added=list(add),
        removed=list(remove),
        committed=list(commit),
        declared=[(a, b) for a, b in declare],
        before=before,
        after=after,
        diff=diff,
    )


__all__ = [
    "FAMILY_OF",
    "Addition",
    "AlreadyMember",
    "LeadNotRemovable",
    "MetricChange",
    "NotAPartner",
    "ReportDiff",
    "ScoreChange",
    "UnknownOrganisation",
    "WhatIf",
    "declared_ties",
    "diff_reports",
    "metric_change",
    "modified_network",
    "modified_project",
    "what_if",
]
