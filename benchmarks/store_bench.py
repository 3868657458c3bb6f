"""Import throughput and project-network latency of the embedded SQLite store.

Three ways to write the same synthetic region, measured in the same run:

- **store**: ``SQLiteStore.upsert_dataset`` — one transaction, batched statements (``executemany``);
  the non-tie entities first, then the ties, each phase timed on its own.
- **naive (WAL)**: one statement per row and one commit per statement, on a connection with the
  store's own settings (WAL, ``synchronous=NORMAL``): the batching is the only difference.
- **naive (default)**: the same loop on a connection opened with ``sqlite3.connect`` defaults
  (rollback journal, ``synchronous=FULL``): what a first script does, one disk sync per row.

The naive loops stop after a time budget and report the rate measured on the rows they wrote
(they write rows in the same order as the store, and each row costs the same whatever comes
next). Then ``project_network`` is timed on many random projects of the loaded store.
"""

from __future__ import annotations

import math
import os
import platform
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_service.domain.models import Dataset
from graph_service.stores.protocol import Store
from graph_service.stores.sqlite import SCHEMA, SQLiteStore, _doc

Row = tuple[str, tuple[Any, ...]]


@dataclass
class Rate:
    label: str
    items: int
    seconds: float
    cpu_seconds: float
    complete: bool = True

    @property
    def per_second(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")


def percentile(samples: list[float], q: float) -> float:
    """The nearest-rank percentile: the smallest sample with at least ``q`` of them at or below it."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


@dataclass
class Latency:
    """Wall-clock and CPU seconds per call; CPU time is what an idle machine would show."""

    samples: list[float]
    cpu_samples: list[float]

    @property
    def p50(self) -> float:
        return percentile(self.samples, 0.50)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)

    @property
    def p99(self) -> float:
        return percentile(self.samples, 0.99)

    @property
    def cpu_p50(self) -> float:
        return percentile(self.cpu_samples, 0.50)

    @property
    def cpu_p95(self) -> float:
        return percentile(self.cpu_samples, 0.95)


def split(dataset: Dataset) -> tuple[Dataset, Dataset]:
    """The dataset without its ties, and its ties alone."""
    return dataset.model_copy(update={"ties": []}), Dataset(ties=dataset.ties)


def _timed(label: str, items: int, work: Callable[[], object]) -> Rate:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return Rate(label, items, time.perf_counter() - wall, time.process_time() - cpu)


def store_import(dataset: Dataset, path: Path) -> tuple[SQLiteStore, Rate, Rate, Rate]:
    """Import with the store: entities, then ties; then the whole dataset again (idempotent)."""
    entities, ties = split(dataset)
    store = SQLiteStore(path)
    entity_rate = _timed("entities", entities.size, lambda: store.upsert_dataset(entities))
    tie_rate = _timed("ties", ties.size, lambda: store.upsert_dataset(ties))
    again = _timed("re-import (unchanged)", dataset.size, lambda: store.upsert_dataset(dataset))
    return store, entity_rate, tie_rate, again


def naive_rows(dataset: Dataset) -> Iterator[tuple[bool, list[Row]]]:
    """Yield, per entity, whether it is a tie and the single-row statements that store it."""
    for t in dataset.territories:
        yield (
            False,
            [
                (
                    "INSERT OR REPLACE INTO territories (code, level, parent, doc) VALUES (?, ?, ?, ?)",
                    (t.code, t.level.value, t.parent, _doc(t)),
                )
            ],
        )
    for o in dataset.organisations:
        yield (
            False,
            [
                (
                    "INSERT OR REPLACE INTO organisations (id, sector, doc) VALUES (?, ?, ?)",
                    (o.id, o.sector.value, _doc(o)),
                ),
                *(
                    ("INSERT OR IGNORE INTO organisation_territories VALUES (?, ?)", (o.id, code))
                    for code in o.territories
                ),
                *(
                    ("INSERT OR IGNORE INTO organisation_publics VALUES (?, ?)", (o.id, p.value))
                    for p in o.publics
                ),
            ],
        )
    for s in dataset.schemes:
        yield (
            False,
            [
                (
                    "INSERT OR REPLACE INTO schemes (id, operator, doc) VALUES (?, ?, ?)",
                    (s.id, s.operator, _doc(s)),
                ),
                *(
                    ("INSERT OR IGNORE INTO scheme_territories VALUES (?, ?)", (s.id, code))
                    for code in s.territories
                ),
            ],
        )
    for p in dataset.projects:
        yield (
            False,
            [
                (
                    "INSERT OR REPLACE INTO projects (id, call, lead, doc) VALUES (?, ?, ?, ?)",
                    (p.id, p.call, p.lead, _doc(p)),
                ),
                *(("INSERT OR IGNORE INTO project_members VALUES (?, ?)", (p.id, m)) for m in p.member_ids),
                *(
                    ("INSERT OR IGNORE INTO project_territories VALUES (?, ?)", (p.id, c))
                    for c in p.territories
                ),
                *(
                    ("INSERT OR IGNORE INTO project_publics VALUES (?, ?)", (p.id, x.value))
                    for x in p.publics
                ),
                *(("INSERT OR IGNORE INTO project_schemes VALUES (?, ?)", (p.id, s)) for s in p.schemes),
            ],
        )
    for tie in dataset.ties:
        yield (
            True,
            [
                (
                    "INSERT OR REPLACE INTO ties (key, source, target, project, doc) VALUES (?, ?, ?, ?, ?)",
                    (tie.key, tie.source, tie.target, tie.project, _doc(tie)),
                )
            ],
        )


def naive_import(dataset: Dataset, path: Path, *, wal: bool, budget: float, label: str) -> Rate:
    """Write ``dataset`` one statement and one commit at a time, until done or out of time."""
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
    connection.executescript(SCHEMA)
    written = 0
    complete = True
    wall, cpu = time.perf_counter(), time.process_time()
    for _, statements in naive_rows(dataset):
        for sql, params in statements:
            connection.execute(sql, params)
            connection.commit()
        written += 1
        if time.perf_counter() - wall > budget:
            complete = written == dataset.size
            break
    rate = Rate(label, written, time.perf_counter() - wall, time.process_time() - cpu, complete)
    connection.close()
    return rate


def network_latency(store: Store, dataset: Dataset, samples: int, seed: int, warm: int = 20) -> Latency:
    """Time ``project_network`` on ``samples`` projects drawn at random (with replacement).

    The first ``warm`` projects are read once before, untimed: connection, page cache, plans.
    """
    rng = random.Random(seed)
    project_ids = [p.id for p in dataset.projects]
    for project_id in project_ids[:warm]:
        store.project_network(project_id)
    timings, cpu_timings = [], []
    for _ in range(samples):
        project_id = rng.choice(project_ids)
        start, cpu = time.perf_counter(), time.process_time()
        store.project_network(project_id)
        timings.append(time.perf_counter() - start)
        cpu_timings.append(time.process_time() - cpu)
    return Latency(timings, cpu_timings)


def verdict(console: Any, results: list[tuple[str, bool]]) -> int:
    """Print each target as met or missed; the exit status: 0 when every one is met."""
    for text, ok in results:
        console.print(f"  {'[green]atteint[/]' if ok else '[red]manqué[/]'}  {text}")
    return 0 if all(ok for _, ok in results) else 1


def machine() -> str:
    """CPU count, CPU model, load, Python and SQLite versions: what the figures depend on."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "load ?"
    return (
        f"{os.cpu_count()} CPU ({model}), {load}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


__all__ = [
    "Latency",
    "Rate",
    "machine",
    "naive_import",
    "naive_rows",
    "network_latency",
    "percentile",
    "split",
    "store_import",
    "verdict",
]
