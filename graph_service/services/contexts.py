"""What the reports of one call share, built once per call and data version.

A report measures N(P) against its context (:class:`~queries.metrics.ProjectContext`): the
territory tree, the local schemes meeting the project, the other applications of its call. Those
come from three reads of the whole store (territories, schemes, the call's projects); a
:class:`CallContext` holds them for every application of a call at once, immutable, and
:class:`CallContexts` keeps the contexts of the calls lately measured for as long as the store's
data version (:meth:`~graph_service.stores.protocol.Store.data_version`) has not moved.

Each application's own context holds the call's projects and only the schemes meeting its
territories, exactly what :func:`project_context` gives for it alone: a row of a comparison and
the application's report say the same.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph_service.domain.errors import NotFound
from graph_service.domain.models import Project, Scheme
from graph_service.stores.protocol import Store
from queries.metrics import ProjectContext

# How many calls' contexts a long-running service keeps (a call of 667 applications: ~30 MB).
CALLS_KEPT = 8


@dataclass(frozen=True)
class CallContext:
    """The shared context of a call's applications, read at one data version of the store.

    ``whole`` holds the call's projects and every scheme meeting one of them (what the overlaps
    of the call read); ``own`` maps each application's id to its report's context. Nothing here
    is changed once built: threads and processes share it as it is.
    """

    call: str
    version: int
    projects: tuple[Project, ...]
    whole: ProjectContext
    own: Mapping[str, ProjectContext]

    def of(self, project: Project) -> ProjectContext:
        """The context of one application of the call."""
        return self.own[project.id]


def project_context(store: Store, project: Project) -> ProjectContext:
    """The context of one project read on its own: the territory tree, the schemes meeting its
    territories (equal, nested either way), the other projects of its call."""
    territories = tuple(store.list_territories())
    tree = ProjectContext(territories=territories)
    schemes = tuple(s for s in store.list_schemes() if tree.overlap(project.territories, s.territories))
    projects = tuple(p for p in store.list_projects(call=project.call) if p.id != project.id)
    return ProjectContext(schemes=schemes, projects=projects, territories=territories)


def call_projects(store: Store, call: str) -> list[Project]:
    """The applications of ``call``; :class:`NotFound` when it has none."""
    projects = store.list_projects(call=call)
    if not projects:
        raise NotFound(
            f"aucune candidature pour l'appel « {call} »", message_en=f"no application for call {call!r}"
        )
    return projects


def build_call_context(store: Store, call: str, version: int) -> CallContext:
    """Read the call's applications, the territories and the schemes once, and build every
    application's context from them. :class:`NotFound` when the call has no application."""
    projects = tuple(call_projects(store, call))
    territories = tuple(store.list_territories())
    tree = ProjectContext(projects=projects, territories=territories)
    schemes = store.list_schemes()
    by_code = _schemes_by_code(schemes)
    own = {p.id: _own_context(tree, schemes, by_code, p) for p in projects}
    every = {s.id: s for context in own.values() for s in context.schemes}
    whole = ProjectContext(schemes=tuple(every.values()), projects=projects, territories=territories)
    return CallContext(call=call, version=version, projects=projects, whole=whole, own=own)


def _schemes_by_code(schemes: Sequence[Scheme]) -> dict[str, list[int]]:
    """The schemes (by position) under each code they name: a project's footprint (a few codes,
    a few dozen for an EPCI) finds those meeting it without testing every scheme."""
    by_code: dict[str, list[int]] = {}
    for position, scheme in enumerate(schemes):
        for code in scheme.territories:
            by_code.setdefault(code, []).append(position)
    return by_code


def _own_context(
    tree: ProjectContext,
    schemes: Sequence[Scheme],
    by_code: Mapping[str, list[int]],
    project: Project,
) -> ProjectContext:
    # The call's tree with this application's schemes: what the metrics derive from the
    # territories and the call's projects is shared by every context of the call, not rebuilt.
    reach = tree.footprint(project.territories)
    found = {position for code in reach for position in by_code.get(code, ())}
    meeting = tuple(schemes[position] for position in sorted(found))
    return tree.with_schemes(meeting)


class CallContexts:
    """The contexts of the calls lately measured on one store, each valid for one data version.

    Owned by whatever lives as long as the store (the API's services, a CLI command); safe to
    share between threads. A context is rebuilt when the store's data version has moved since it
    was built (a write by this process or any other), and the least recently used call is
    forgotten past :data:`CALLS_KEPT`. Two threads asking for the same stale call may both build
    it; the result is the same.
    """

    def __init__(self, store: Store, calls_kept: int = CALLS_KEPT) -> None:
        self.store = store
        self._calls_kept = calls_kept
        self._built: OrderedDict[str, CallContext] = OrderedDict()
        self._lock = threading.Lock()

    def of_call(self, call: str) -> CallContext:
        """The call's context at the store's current data version; :class:`NotFound` for a call
        with no application."""
        version = self.store.data_version()
        with self._lock:
            found = self._built.get(call)
            if found is not None and found.version == version:
                self._built.move_to_end(call)
                return found
        built = build_call_context(self.store, call, version)
        with self._lock:
            current = self._built.get(call)
            if current is None or current.version <= version:
                self._built[call] = built
                self._built.move_to_end(call)
                while len(self._built) > self._calls_kept:
                    self._built.popitem(last=False)
        return built

    def of_project(self, project: Project) -> ProjectContext:
        """A project's context, from its call's (the project read alone if the call's context,
        built after a write, no longer holds it)."""
        try:
            context = self.of_call(project.call)
        except NotFound:
            return project_context(self.store, project)
        own = context.own.get(project.id)
        return own if own is not None else project_context(self.store, project)


__all__ = [
    "CALLS_KEPT",
    "CallContext",
    "CallContexts",
    "build_call_context",
    "call_projects",
    "project_context",
]
