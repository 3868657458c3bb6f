"""Analyses across applications and for one lead: comparison, overlaps, gaps, what-if.

The service functions the CLI and the API call (issue 4, items 5 and 6); each reads a
:class:`~graph_service.stores.protocol.Store` and hands pure functions of :mod:`queries` what they
need. Nothing here writes to the store.

- :func:`compare_call` — the applications of a call side by side (:class:`Comparison`).
- :func:`call_overlaps` — the applications of a call that overlap, and the schemes they duplicate.
- :func:`project_gaps` — what a partnership lacks and who on its territory would fill it.
- :func:`what_if` — a project's report with partners added or removed, and the difference.

Errors are domain errors: :class:`~graph_service.domain.errors.NotFound` for an unknown project
or a call with no application, the what-if errors of :mod:`queries.whatif`, and
:class:`~queries.comparison.UnknownSortKey`.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import networkx as nx

from graph_service.domain.errors import NotFound
from graph_service.domain.models import Organisation, Project, Tie
from graph_service.domain.vocabulary import Commitment, Lang, TerritoryLevel
from graph_service.services.reports import get_project, project_context
from graph_service.stores.protocol import Store
from queries.comparison import Comparison, compare
from queries.gaps import DEFAULT_LIMIT, GapAnalysis, find_gaps
from queries.improvements import addition_changes, improvements
from queries.metrics import ProjectContext
from queries.overlaps import Overlaps, find_overlaps
from queries.report import compute_report
from queries.scoring import ScoringConfig, default_config
from queries.whatif import Addition, WhatIf
from queries.whatif import what_if as compute_what_if


def _call_projects(store: Store, call: str) -> list[Project]:
    projects = store.list_projects(call=call)
    if not projects:
        raise NotFound(
            f"aucune candidature pour l'appel « {call} »", message_en=f"no application for call {call!r}"
        )
    return projects


def _call_contexts(
    store: Store, projects: Sequence[Project]
) -> tuple[ProjectContext, dict[str, ProjectContext]]:
    """The context of the whole call, and each application's own.

    Each application's context holds the call's projects and only the schemes meeting its
    territories — what :func:`~graph_service.services.reports.project_context` gives, so a row of
    the comparison and the application's report say the same — but with one read of the store
    for the whole call. The call's context holds every scheme meeting one of the applications.
    """
    territories = tuple(store.list_territories())
    tree = ProjectContext(projects=tuple(projects), territories=territories)
    schemes = store.list_schemes()
    # The schemes (by position) under each code they name: a project's footprint (a few codes,
    # a few dozen for an EPCI) finds those meeting it without testing every scheme.
    by_code: dict[str, list[int]] = {}
    for position, scheme in enumerate(schemes):
        for code in scheme.territories:
            by_code.setdefault(code, []).append(position)
    own: dict[str, ProjectContext] = {}
    for project in projects:
        reach = tree.footprint(project.territories)
        found = {position for code in reach for position in by_code.get(code, ())}
        meeting = tuple(schemes[position] for position in sorted(found))
        own[project.id] = tree.with_schemes(meeting)  # the tree and the projects' index shared
    every = {s.id: s for context in own.values() for s in context.schemes}
    call = ProjectContext(schemes=tuple(every.values()), projects=tuple(projects), territories=territories)
    return call, own


# How many heap_frozen blocks run now (threads of the API run them concurrently), and whether the
# cyclic collector ran before the first of them: the last block out puts things back as they were.
_frozen_blocks = 0
_collector_was_enabled = False
_frozen_lock = threading.Lock()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Run a call's reports with the heap frozen and the cyclic garbage collector paused.

    A call's reports run beside its contexts: hundreds of thousands of long-lived objects (the
    call's projects, the store's validated documents) that every full collection walks while the
    reports allocate and drop their networks. ``gc.freeze()`` moves them out of the collector's
    generations for the block and ``gc.unfreeze()`` puts them back after it, so nothing stays
    uncollectable.

    The collector is also paused (``gc.disable()``) for the block: reading N(P) and computing its
    report make no reference cycle (tested: a collection after them finds nothing unreachable),
    so reference counting alone frees all they drop, and the young-generation collections that
    allocation counts would trigger every few hundred objects — each walking the report being
    built and the reports kept so far — find nothing (measured on the synthetic region: 0.7 ms of
    a 9 ms report). When the block ends, what it made and kept (the networks and reports
    ``compare_call`` still needs) joins the oldest generation with the frozen objects instead of
    the young one, whose first collection would walk all of it (0.5 s after a call of 667
    applications); a cycle made during the block by anything else is found by a later full
    collection.

    Blocks may overlap (API threads): the first in freezes and pauses, the last out unfreezes
    and restarts the collector if it was running before. The block ends even on error.
    """
    global _frozen_blocks, _collector_was_enabled
    with _frozen_lock:
        if _frozen_blocks == 0:
            _collector_was_enabled = gc.isenabled()
            gc.freeze()
            gc.disable()
        _frozen_blocks += 1
    try:
        yield
    finally:
        with _frozen_lock:
            _frozen_blocks -= 1
            if _frozen_blocks == 0:
                # Freezing again moves what the blocks made and keep out of the young
                # generation; unfreezing puts everything in the oldest one.
                gc.freeze()
                gc.unfreeze()
                if _collector_was_enabled:
                    gc.enable()


def _call_networks(store: Store, projects: Sequence[Project]) -> list[nx.Graph]:
    return [store.project_network(p.id) for p in projects]


def call_overlaps(store: Store, call: str) -> Overlaps:
    """The overlapping pairs of applications of ``call`` and the schemes each duplicates.

    Raises :class:`NotFound` when the call has no application.
    """
    projects = _call_projects(store, call)
    context, _ = _call_contexts(store, projects)
    return find_overlaps(_call_networks(store, projects), context)


def compare_call(
    store: Store,
    call: str,
    *,
    sort: str = "strength",
    descending: bool | None = None,
    config: ScoringConfig | None = None,
    lang: Lang = "fr",
) -> Comparison:
    """The applications of ``call``, one row each with scores, verdict and flags, sorted.

    ``sort`` is a key of :data:`queries.comparison.SORT_KEYS` (default: strength, strongest
    first). Raises :class:`NotFound` when the call has no application and
    :class:`~queries.comparison.UnknownSortKey` for a sort key outside the allow-list.
    """
    projects = _call_projects(store, call)
    context, own = _call_contexts(store, projects)
    with heap_frozen():
        graphs = _call_networks(store, projects)
        reports = [compute_report(graph, own[graph.graph["project"]], config, lang) for graph in graphs]
    # The reports hold both overlap metrics already: the overlaps reuse them.
    measured = {str(r.project): r.metrics for r in reports}
    overlaps = find_overlaps(graphs, context, measured=measured)
    return compare(call, reports, overlaps, sort=sort, descending=descending)


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
) -> GapAnalysis:
    """What the partnership of ``project_id`` lacks, and the organisations that would fill it.

    Candidates are the organisations of the territory ecosystem of each project territory
    (``store.territory_ecosystem``) and those registered on an EPCI or département containing
    one, members excluded; the stages and barriers looked for are the
    call's (scoring configuration). Raises :class:`NotFound` for an unknown project.
    """
    project = get_project(store, project_id)
    effective = (config or default_config()).for_call(project.call)
    context = project_context(store, project)
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
        project_context(store, project),
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


__all__ = ["call_overlaps", "compare_call", "heap_frozen", "project_gaps", "what_if"]
