"""Analyses across applications and for one lead: comparison, overlaps, gaps, what-if.

The service functions the CLI and the API call (issue 4, items 5 and 6); each reads a
:class:`~graph_service.stores.protocol.Store` and hands pure functions of :mod:`queries` what they
need. Nothing here writes to the store.

- :func:`compare_call` — the applications of a call side by side (:class:`Comparison`).
- :func:`call_overlaps` — the applications of a call that overlap, and the schemes they duplicate.
- :func:`project_gaps` — what a partnership lacks and who on its territory would fill it.
- :func:`what_if` — a project's report with partners added or removed, and the difference.
- :func:`visible_comparison` — what a principal may see of a comparison.

Errors are domain errors: :class:`~graph_service.domain.errors.NotFound` for an unknown project
or a call with no application, the what-if errors of :mod:`queries.whatif`, and
:class:`~queries.comparison.UnknownSortKey`.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext

from graph_service.auth.redaction import scrub
from graph_service.auth.visibility import Visibility
from graph_service.domain.errors import NotFound
from graph_service.domain.models import Organisation, Project, Tie
from graph_service.domain.vocabulary import Commitment, Lang, TerritoryLevel
from graph_service.services.contexts import CallContext, CallContexts, build_call_context, project_context
from graph_service.services.parallel import ReportPool
from graph_service.services.reports import get_project
from graph_service.stores.protocol import Store
from queries.comparison import Comparison, compare
from queries.gaps import DEFAULT_LIMIT, GapAnalysis, find_gaps
from queries.improvements import addition_changes, improvements
from queries.metrics import ProjectContext
from queries.overlaps import Overlaps, find_overlaps, overlaps_of
from queries.scoring import ScoringConfig, default_config
from queries.whatif import Addition, WhatIf
from queries.whatif import what_if as compute_what_if


def _call_context(store: Store, call: str, contexts: CallContexts | None) -> CallContext:
    if contexts is not None:
        return contexts.of_call(call)
    return build_call_context(store, call, store.data_version())


def call_overlaps(store: Store, call: str, *, contexts: CallContexts | None = None) -> Overlaps:
    """The overlapping pairs of applications of ``call`` and the schemes each duplicates.

    Raises :class:`NotFound` when the call has no application.
    """
    context = _call_context(store, call, contexts)
    return find_overlaps(store.project_networks([p.id for p in context.projects]), context.whole)


def compare_call(
    store: Store,
    call: str,
    *,
    sort: str = "strength",
    descending: bool | None = None,
    config: ScoringConfig | None = None,
    lang: Lang = "fr",
    contexts: CallContexts | None = None,
    pool: ReportPool | None = None,
) -> Comparison:
    """The applications of ``call``, one row each with scores, verdict and flags, sorted.

    ``sort`` is a key of :data:`queries.comparison.SORT_KEYS` (default: strength, strongest
    first). The store is read once for the call (its context, then every N(P) in one read) and
    the reports are computed across ``pool``'s workers (a pool started for this call and
    stopped after it when none is given). Raises :class:`NotFound` when the call has no
    application and :class:`~queries.comparison.UnknownSortKey` for a sort key outside the
    allow-list.
    """
    with nullcontext(pool) if pool is not None else ReportPool() as running:
        context = _call_context(store, call, contexts)
        found = running.measure_call(context, store.project_networks, config, lang)
    # The reports held both overlap metrics already: the overlaps come from them.
    measured = {facts.project: facts.metrics for facts, _ in found}
    overlaps = overlaps_of(measured, {facts.project: duplications for facts, duplications in found})
    return compare(call, [facts for facts, _ in found], overlaps, sort=sort, descending=descending)


def visible_comparison(comparison: Comparison, visibility: Visibility) -> Comparison:
    """Keep the rows and overlaps of the applications the token sees; hide the others' names."""
    ids = visibility.visible_project_ids
    rows = [row for row in comparison.rows if visibility.everything or row.project in ids]
    if not rows:
        raise NotFound(
            f"aucune candidature pour l'appel « {comparison.call} »",
            message_en=f"no application for call {comparison.call!r}",
        )
    if visibility.everything:
        return comparison
    document = comparison.model_dump(mode="json")
    document["rows"] = [row.model_dump(mode="json") for row in rows]
    overlaps = document["overlaps"]
    overlaps["projects"] = [o for o in overlaps["projects"] if o["project"] in ids or o["other"] in ids]
    overlaps["schemes"] = [s for s in overlaps["schemes"] if s["project"] in ids]
    return Comparison.model_validate(scrub(document, tuple(visibility.hidden_terms)))


def _candidates(store: Store, project: Project, context: ProjectContext) -> list[Organisation]:
    """The organisations working on the project's territories (the lead's when it has none).

    The ecosystem of each territory (``store.territory_ecosystem``: who works there or inside it,
    the members of applications there, the operators of its schemes), plus the organisations
    registered on an EPCI or a département containing it — a Mission Locale of the whole EPCI
    works in each of its communes.
    """
    codes = list(project.territories)
    if not codes:
        lead = store.get_organisation(project.lead)
        codes = list(lead.territories) if lead else []
    found: dict[str, Organisation] = {}
    for code in codes:
        try:
            ecosystem = store.territory_ecosystem(code)
        except NotFound:
            continue  # a code the store does not know has no ecosystem to look into
        for organisation in ecosystem.organisations:
            found.setdefault(organisation.id, organisation)
    # Up to the département: the call works at infra-departmental scale, and a région-wide
    # listing would read every organisation of the store.
    above = {
        a
        for code in codes
        for a in context.ancestors(code)
        if context.levels.get(a) in (TerritoryLevel.EPCI, TerritoryLevel.DEPARTEMENT)
    } - set(codes)
    roots = {a for a in above if not (set(context.ancestors(a)) & above)}
    for root in sorted(roots):
        for organisation in store.list_organisations(territory=root):
            if above & set(organisation.territories):
                found.setdefault(organisation.id, organisation)
    return list(found.values())


def project_gaps(
    store: Store,
    project_id: str,
    *,
    config: ScoringConfig | None = None,
    limit: int | None = DEFAULT_LIMIT,
    contexts: CallContexts | None = None,
) -> GapAnalysis:
    """What the partnership of ``project_id`` lacks, and the organisations that would fill it.

    Candidates are the organisations of the territory ecosystem of each project territory
    (``store.territory_ecosystem``) and those registered on an EPCI or département containing
    one, members excluded; the stages and barriers looked for are the
    call's (scoring configuration). Raises :class:`NotFound` for an unknown project.
    """
    project = get_project(store, project_id)
    effective = (config or default_config()).for_call(project.call)
    context = _project_context(store, project, contexts)
    candidates = _candidates(store, project, context)
    analysis = find_gaps(
        store.project_network(project.id),
        candidates,
        context,
        required_stages=[s.value for s in effective.required_stages],
        barriers=[b.value for b in effective.barriers],
        limit=limit,
    )
    # What each step would change, by what-if on the same ties and context as the report.
    recommended = [r.organisation for r in analysis.recommendations]
    organisations = {
        o.id: o for o in (store.get_organisation(i) for i in project.member_ids) if o is not None
    }
    organisations.update({c.id: c for c in candidates if c.id in recommended})
    ties = _ties_of(store, list(organisations))
    changes = addition_changes(project, organisations, ties, recommended, context, config)
    return analysis.model_copy(
        update={
            "actions": improvements(project, organisations, ties, context, config),
            "recommendations": [
                r.model_copy(update={"strength_change": changes.get(r.organisation)})
                for r in analysis.recommendations
            ],
        }
    )


def _project_context(store: Store, project: Project, contexts: CallContexts | None) -> ProjectContext:
    return contexts.of_project(project) if contexts is not None else project_context(store, project)


def _ties_of(store: Store, organisation_ids: Sequence[str]) -> list[Tie]:
    wanted = set(organisation_ids)
    found: dict[str, Tie] = {}
    for organisation in organisation_ids:
        for tie in store.list_ties(organisation=organisation):
            if tie.source in wanted and tie.target in wanted:
                found.setdefault(tie.key, tie)
    return list(found.values())


def what_if(
    store: Store,
    project_id: str,
    add: Sequence[Addition | str] = (),
    remove: Sequence[str] = (),
    *,
    commit: Sequence[Addition | str] = (),
    declare: Sequence[tuple[str, str]] = (),
    config: ScoringConfig | None = None,
    lang: Lang = "fr",
    contexts: CallContexts | None = None,
) -> WhatIf:
    """The report of ``project_id`` recomputed with partners added or removed, and the difference.

    ``add`` takes :class:`~queries.whatif.Addition` or ``"ORG"`` / ``"ORG:COMMITMENT"`` strings
    (commitment ``informel`` unless given); ``commit`` the same, for partners whose commitment
    changes (``"ORG"`` alone means ``convention``); ``declare`` pairs of members between which
    the project would declare a tie. Nothing is written to the store. Raises
    :class:`NotFound` for an unknown project and the typed errors of
    :func:`queries.whatif.modified_project` for an impossible change.
    """
    project = get_project(store, project_id)
    additions = [a if isinstance(a, Addition) else Addition.parse(a) for a in add]
    commitments = [c if isinstance(c, Addition) else _commitment_change(c) for c in commit]
    ids = list(dict.fromkeys([*project.member_ids, *(a.organisation for a in additions)]))
    organisations = {o.id: o for o in (store.get_organisation(i) for i in ids) if o is not None}
    return compute_what_if(
        project,
        organisations,
        _ties_of(store, list(organisations)),
        _project_context(store, project, contexts),
        config,
        add=additions,
        remove=list(remove),
        commit=commitments,
        declare=list(declare),
        lang=lang,
    )


def _commitment_change(text: str) -> Addition:
    """``ORG:COMMITMENT``, or ``ORG`` alone for a signed agreement (formalising is the point)."""
    change = Addition.parse(text)
    if ":" not in text:
        return change.model_copy(update={"commitment": Commitment.CONVENTION})
    return change


__all__ = ["call_overlaps", "compare_call", "project_gaps", "visible_comparison", "what_if"]
