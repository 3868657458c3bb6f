"""A call's reports computed across the machine's cores.

A report is pure computation on its N(P) and its context (:func:`queries.report.compute_report`),
and a large call has hundreds of them: :class:`ReportPool` hands them to worker processes, a
contiguous share of the call to each, and gives back, in the order asked, what the comparison
shows of each report (:class:`~queries.comparison.ReportFacts`: a few hundred bytes, where a whole
report would cost more to send back than to compute). The parent reads the store (once for the
whole call); workers only compute, so they need no store.

Workers are started with ``spawn`` (a fresh interpreter, never a copy of a process that may run
threads holding locks: the API's thread pool, the Neo4j driver), on first use, and live until
:meth:`ReportPool.close`. Small calls are measured in the calling thread: starting and feeding
processes costs more than a few reports.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from types import TracebackType

import networkx as nx
from pydantic import TypeAdapter

from graph_service.domain.models import Project, Scheme, Territory
from graph_service.domain.vocabulary import Lang
from graph_service.services.contexts import CallContext
from queries.comparison import ReportFacts, facts_of
from queries.metrics import ProjectContext
from queries.overlaps import SchemeDuplication, scheme_duplications
from queries.report import compute_report
from queries.scoring import ScoringConfig

# Below this many reports, a call is measured in the calling thread: a few milliseconds a report,
# where sending shares to workers has a fixed cost (the call's context, as JSON, to each share).
PARALLEL_FROM = 32
# Shares per worker: the first starts once its networks are read, while the next ones are read.
SHARES_PER_WORKER = 2

Work = Sequence[tuple[nx.Graph, ProjectContext]]


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


# What the comparison takes from one application: its report's facts and its scheme duplications.
Found = tuple[ReportFacts, list[SchemeDuplication]]


def measure(work: Work, config: ScoringConfig | None, lang: Lang) -> list[Found]:
    """For each N(P) of ``work`` with its context, in order: the comparison facts of its report,
    and the schemes it duplicates (found from the report's ``scheme_overlaps``)."""
    found = []
    for graph, context in work:
        facts = facts_of(compute_report(graph, context, config, lang))
        duplications = scheme_duplications(graph, context, measured={facts.project: facts.metrics})
        found.append((facts, duplications))
    return found


@dataclass(frozen=True)
class _CallPayload:
    """What every share of a call needs to rebuild its contexts in a worker, as JSON.

    Validating JSON is much cheaper than unpickling thousands of models one by one (a call's
    projects, with their partners): sent as text, the call's context costs a worker milliseconds.
    """

    territories: bytes
    projects: bytes
    schemes: bytes

    @classmethod
    def of(cls, context: CallContext) -> _CallPayload:
        return cls(
            territories=_TERRITORIES.dump_json(list(context.whole.territories)),
            projects=_PROJECTS.dump_json(list(context.projects)),
            schemes=_SCHEMES.dump_json(list(context.whole.schemes)),
        )


_TERRITORIES = TypeAdapter(list[Territory])
_PROJECTS = TypeAdapter(list[Project])
_SCHEMES = TypeAdapter(list[Scheme])

# One share of a call: each N(P) with the positions, in the call's schemes, of those meeting it.
Share = list[tuple[nx.Graph, list[int]]]


def _measure_share(
    payload: _CallPayload, share: Share, config: ScoringConfig | None, lang: Lang
) -> list[Found]:
    """What a worker runs: the share's contexts rebuilt from the payload, then :func:`measure`."""
    territories = tuple(_TERRITORIES.validate_json(payload.territories))
    projects = tuple(_PROJECTS.validate_json(payload.projects))
    schemes = _SCHEMES.validate_json(payload.schemes)
    # One tree for the share: what the metrics derive from the territories and the call's projects
    # is shared by every context (as in the parent's call context), not rebuilt per application.
    tree = ProjectContext(projects=projects, territories=territories)
    work = [(graph, tree.with_schemes(tuple(schemes[i] for i in meeting))) for graph, meeting in share]
    return measure(work, config, lang)


def _ready() -> None:
    """Nothing: submitted once per worker so that they start while the parent reads the store."""


class ReportPool:
    """Worker processes computing reports; thread-safe, started on first use, stopped by :meth:`close`.

    ``workers`` defaults to the cores available; with one, every report runs in the caller.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers if workers is not None else available_cores()
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def __enter__(self) -> ReportPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def parallel(self, count: int) -> bool:
        """Whether ``count`` reports go to the workers."""
        return self.workers > 1 and count >= PARALLEL_FROM

    def start(self) -> None:
        """Start the workers now (they take a second to import), without waiting for them."""
        if self.workers > 1:
            executor = self._running()
            for _ in range(self.workers):
                executor.submit(_ready)

    def measure_call(
        self,
        context: CallContext,
        read: Callable[[Sequence[str]], list[nx.Graph]],
        config: ScoringConfig | None = None,
        lang: Lang = "fr",
    ) -> list[Found]:
        """What the comparison takes from each application of the call (see :func:`measure`), in
        the call's order, its N(P) read with ``read`` (a store's ``project_networks``).

        With enough applications (:data:`PARALLEL_FROM`) the call is cut into
        :data:`SHARES_PER_WORKER` contiguous shares per worker: each share's networks are read in
        one go and sent to the workers while the next share is read, so reading and measuring
        overlap, the store answers a fixed number of reads whatever the call's size, and no
        network stays in this process once sent.
        """
        ids = [p.id for p in context.projects]
        if not self.parallel(len(ids)):
            return measure([(g, context.own[g.graph["project"]]) for g in read(ids)], config, lang)
        self.start()
        executor = self._running()
        payload = _CallPayload.of(context)
        position = {scheme.id: i for i, scheme in enumerate(context.whole.schemes)}
        size = -(-len(ids) // (self.workers * SHARES_PER_WORKER))
        shares: list[Future[list[Found]]] = []
        for start in range(0, len(ids), size):
            share = [
                (graph, [position[s.id] for s in context.own[graph.graph["project"]].schemes])
                for graph in read(ids[start : start + size])
            ]
            shares.append(executor.submit(_measure_share, payload, share, config, lang))
        return [found for share in shares for found in share.result()]

    def _running(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
                )
            return self._executor

    def close(self) -> None:
        """Stop the workers (waiting for the reports under way); the pool starts again if used."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


__all__ = ["PARALLEL_FROM", "SHARES_PER_WORKER", "Found", "ReportPool", "available_cores", "measure"]
