"""A call's reports computed across the machine's cores.

A report is pure computation on its N(P) and its context (:func:`queries.report.compute_report`),
and a large call has hundreds of them: :class:`ReportPool` hands them to worker processes, a
contiguous share of the call to each, and gives the reports back in the order asked. The parent
reads the store (once for the whole call); workers only compute, so they need no store.

Workers are started with ``spawn`` (a fresh interpreter, never a copy of a process that may run
threads holding locks: the API's thread pool, the Neo4j driver), on first use, and live until
:meth:`ReportPool.close`. Small calls are measured in the calling thread: starting and feeding
processes costs more than a few reports.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType

import networkx as nx

from graph_service.domain.vocabulary import Lang
from queries.metrics import ProjectContext
from queries.report import Report, compute_report
from queries.scoring import ScoringConfig

# Below this many reports, a call is measured in the calling thread (~3 ms a report on one core,
# where a share sent to a worker costs pickling the call's context both ways).
PARALLEL_FROM = 32

Work = Sequence[tuple[nx.Graph, ProjectContext]]


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def reports_of(work: Work, config: ScoringConfig | None, lang: Lang) -> list[Report]:
    """The reports of ``work`` (each N(P) with its context), in order: what a worker runs."""
    return [compute_report(graph, context, config, lang) for graph, context in work]


def _ready() -> None:
    """Nothing: submitted once per worker so that they start while the parent reads the store."""


def _portable(context: ProjectContext) -> ProjectContext:
    # The same context without what its cached properties hold (rebuilt in the worker).
    return ProjectContext(schemes=context.schemes, projects=context.projects, territories=context.territories)


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

    def reports(self, work: Work, config: ScoringConfig | None = None, lang: Lang = "fr") -> list[Report]:
        """The report of each (N(P), context) of ``work``, in order, across the workers when
        there are enough of them (:data:`PARALLEL_FROM`)."""
        if not self.parallel(len(work)):
            return reports_of(work, config, lang)
        executor = self._running()
        size = -(-len(work) // self.workers)  # one contiguous share per worker
        shares: list[Future[list[Report]]] = [
            executor.submit(
                reports_of, [(g, _portable(c)) for g, c in work[start : start + size]], config, lang
            )
            for start in range(0, len(work), size)
        ]
        return [report for share in shares for report in share.result()]

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


__all__ = ["PARALLEL_FROM", "ReportPool", "available_cores", "reports_of"]
