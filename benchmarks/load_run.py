"""A load run against the demo: no 5xx under load with imports, and no memory growth.

``python -m benchmarks.load_run`` loads the demo into an SQLite store, starts the service with
uvicorn on a free loopback port (a subprocess, as in production) and, from this process:

1. the baseline: ``GET /healthz`` from one client for a few seconds, and the service's RSS;
2. the load: ``--clients`` concurrent clients (16) for ``--seconds`` (30) on a mix of reads —
   reports (JSON and text), gaps, what-ifs, lists, a territory's ecosystem, the call's comparison —
   while an admin imports a file every ``--import-every`` seconds (3), which empties the caches, so
   reports are recomputed under load;
3. the memory run: ``--requests`` (30,000) more of the same mix, imports still running; the RSS is
   read every 1,000 requests, and its growth measured from the first reading after the warm-up.

It prints a table per phase and whether the targets hold: no answer of 500 or more, RSS growth
under 10 %. The number of clients, the duration and the number of requests are bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from benchmarks.api_bench import load_average, prepare, process_cpu, service
from graph_service.auth import AuthDatabase, Role, TokenRegistry
from graph_service.domain.models import Dataset
from graph_service.services.demo import demo_dataset
from graph_service.settings import Settings, StoreKind

RSS_GROWTH_TARGET = 0.10
RSS_EVERY = 1_000
REGION = "32"


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (Linux ``/proc``); 0 once it has stopped."""
    if not alive(pid):
        return 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("VmRSS introuvable")


@dataclass
class Phase:
    name: str
    statuses: Counter[int] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    imports: Counter[int] = field(default_factory=Counter)
    transport_errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    rss: list[tuple[int, int]] = field(default_factory=list)  # (requests so far, bytes)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        """Answers of 500 or more, and requests whose connection failed."""
        return (
            sum(n for status, n in self.statuses.items() if status >= 500)
            + sum(n for status, n in self.imports.items() if status >= 500)
            + sum(self.transport_errors.values())
        )


def mix(dataset: Dataset, call: str) -> list[tuple[str, str, str, dict | None]]:
    """The requests the clients cycle through: (kind, method, path, JSON body).

    Each what-if adds an organisation of the region that is not yet a member of the project.
    """
    requests: list[tuple[str, str, str, dict | None]] = [("GET /healthz", "GET", "/healthz", None)]
    for project in dataset.projects:
        outsiders = sorted({o.id for o in dataset.organisations} - set(project.member_ids))
        requests += [
            ("GET report (JSON)", "GET", f"/projects/{project.id}/report", None),
            ("GET report (texte)", "GET", f"/projects/{project.id}/report?format=text", None),
            ("GET gaps", "GET", f"/projects/{project.id}/gaps", None),
            (
                "POST whatif",
                "POST",
                f"/projects/{project.id}/whatif",
                {"add": [{"organisation": random.choice(outsiders)}]},
            ),
        ]
    requests += [
        ("GET /projects", "GET", "/projects?limit=50", None),
        ("GET /organisations", "GET", "/organisations?limit=50", None),
        ("GET ecosystem", "GET", f"/territories/{REGION}/ecosystem", None),
        ("GET comparison", "GET", f"/calls/{call}/comparison", None),
    ]
    return requests


def import_file(round_number: int) -> bytes:
    """A small valid import that changes one organisation each time (the caches are emptied)."""
    organisation = {
        "id": "charge-import",
        "name": f"Organisation importée pendant la charge, tour {round_number}",
        "sector": "social",
        "territories": [REGION],
    }
    return json.dumps({"organisations": [organisation]}, ensure_ascii=False).encode()


async def importer(
    client: httpx.AsyncClient, admin: str, every: float, stop: asyncio.Event, phase: Phase
) -> None:
    round_number = 0
    while not stop.is_set():
        round_number += 1
        try:
            response = await client.post(
                "/imports",
                files={"file": (f"charge-{round_number}.json", import_file(round_number))},
                headers={"Authorization": f"Bearer {admin}"},
            )
            phase.imports[response.status_code] += 1
        except httpx.TransportError as exc:
            phase.transport_errors[f"import: {type(exc).__name__}"] += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)


async def run_phase(
    base: str,
    pid: int,
    phase: Phase,
    requests: list[tuple[str, str, str, dict | None]],
    tokens: tuple[str, str],
    clients: int,
    *,
    seconds: float | None = None,
    total: int | None = None,
    import_every: float | None = None,
) -> None:
    """Drive ``clients`` workers for ``seconds`` or until ``total`` requests, imports alongside."""
    reviewer, admin = tokens
    # Idle connections are dropped by the client before uvicorn's 5 s keep-alive closes them, so
    # that no request goes out on a connection the server is closing.
    limits = httpx.Limits(
        max_connections=clients + 1, max_keepalive_connections=clients + 1, keepalive_expiry=2.0
    )
    headers = {"Authorization": f"Bearer {reviewer}"}
    stop = asyncio.Event()
    sent = 0
    began = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=60) as client:

        async def worker(offset: int) -> None:
            nonlocal sent
            index = offset
            while not stop.is_set():
                if seconds is not None and time.perf_counter() - began >= seconds:
                    break
                if total is not None and sent >= total:
                    break
                sent += 1
                if total is not None and sent % RSS_EVERY == 0:
                    phase.rss.append((sent, rss_bytes(pid)))
                kind, method, path, body = requests[index % len(requests)]
                index += clients
                started = time.perf_counter()
                try:
                    response = await client.request(method, path, json=body)
                except httpx.TransportError as exc:
                    # Counted, never hidden: a connection the service dropped is a failure too.
                    phase.transport_errors[f"{kind}: {type(exc).__name__}"] += 1
                    if not alive(pid):
                        stop.set()
                    continue
                phase.latencies[kind].append(time.perf_counter() - started)
                phase.statuses[response.status_code] += 1

        importing = (
            asyncio.create_task(importer(client, admin, import_every, stop, phase)) if import_every else None
        )
        await asyncio.gather(*(worker(i) for i in range(clients)))
        stop.set()
        if importing is not None:
            await importing
    phase.seconds = time.perf_counter() - began


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def print_phase(console: Console, phase: Phase) -> None:
    table = Table(title=f"{phase.name} : {phase.requests} requêtes en {phase.seconds:.1f} s")
    for column in ("requête", "nombre", "p50 ms", "p95 ms", "p99 ms"):
        table.add_column(column, justify="left" if column == "requête" else "right")
    for kind, values in phase.latencies.items():
        table.add_row(
            kind,
            str(len(values)),
            f"{percentile(values, 0.5):.1f}",
            f"{percentile(values, 0.95):.1f}",
            f"{percentile(values, 0.99):.1f}",
        )
    console.print(table)
    statuses = ", ".join(f"{status} × {n}" for status, n in sorted(phase.statuses.items()))
    imports = ", ".join(f"{status} × {n}" for status, n in sorted(phase.imports.items())) or "aucun"
    console.print(
        f"  statuts : {statuses} ; imports : {imports} ; {phase.requests / phase.seconds:.0f} req/s"
    )
    if phase.transport_errors:
        console.print(f"  connexions en échec : {dict(phase.transport_errors)}")


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load_run", description=__doc__)
    parser.add_argument("--clients", type=int, default=16, help="clients concurrents (≤ 32)")
    parser.add_argument("--seconds", type=float, default=30.0, help="durée de la charge (≤ 120)")
    parser.add_argument("--import-every", type=float, default=3.0, help="secondes entre deux imports (≥ 1)")
    parser.add_argument(
        "--requests", type=int, default=30_000, help="requêtes de la mesure mémoire (≤ 100 000)"
    )
    parser.add_argument("--baseline-seconds", type=float, default=5.0, help="durée de la base (≤ 30)")
    args = parser.parse_args(argv)
    args.clients = max(1, min(args.clients, 32))
    args.seconds = max(1.0, min(args.seconds, 120.0))
    args.import_every = max(1.0, args.import_every)
    args.requests = max(RSS_EVERY * 2, min(args.requests, 100_000))
    args.baseline_seconds = max(1.0, min(args.baseline_seconds, 30.0))
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    console = Console(width=120)
    console.print(
        f"Machine : {os.cpu_count()} CPU, charge {load_average()} ; Python {sys.version.split()[0]}"
    )
    random.seed(16)
    dataset = demo_dataset()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            store=StoreKind.SQLITE, db_path=Path(folder) / "load.db", auth_db_path=Path(folder) / "auth.db"
        )
        _, call, _ = prepare(settings, dataset)
        registry = TokenRegistry(AuthDatabase(settings.auth_db_path))
        admin = registry.create(Role.ADMIN, label="charge").secret
        reviewer = registry.create(Role.REVIEWER, regions=[REGION], label="charge").secret
        requests = mix(dataset, call)
        env = {
            "PARTNERSHIP_GRAPH_STORE": "sqlite",
            "PARTNERSHIP_GRAPH_DB": str(settings.db_path),
            "PARTNERSHIP_GRAPH_AUTH_DB": str(settings.auth_db_path),
        }
        with service(settings, env) as (base, pid):
            baseline = Phase("Base : GET /healthz, 1 client")
            asyncio.run(
                run_phase(
                    base, pid, baseline, requests[:1], (reviewer, admin), 1, seconds=args.baseline_seconds
                )
            )
            rss_before_load = rss_bytes(pid)
            cpu_before = process_cpu(pid)
            load = Phase(f"Charge : {args.clients} clients, un import toutes les {args.import_every:.0f} s")
            asyncio.run(
                run_phase(
                    base,
                    pid,
                    load,
                    requests,
                    (reviewer, admin),
                    args.clients,
                    seconds=args.seconds,
                    import_every=args.import_every,
                )
            )
            cpu_after = process_cpu(pid)
            memory = Phase(f"Mémoire : {args.requests} requêtes mêlées, {args.clients} clients, imports")
            asyncio.run(
                run_phase(
                    base,
                    pid,
                    memory,
                    requests,
                    (reviewer, admin),
                    args.clients,
                    total=args.requests,
                    import_every=args.import_every,
                )
            )
            rss_end = rss_bytes(pid)
            survived = alive(pid)
    for phase in (baseline, load, memory):
        print_phase(console, phase)
    first = memory.rss[0][1]
    growth = (rss_end - first) / first
    console.print(
        f"RSS du service : {rss_before_load / 2**20:.0f} Mo après la base, "
        + ", ".join(f"{n}: {b / 2**20:.0f}" for n, b in memory.rss[:: max(1, len(memory.rss) // 10)])
        + f" … fin {rss_end / 2**20:.0f} Mo ; croissance depuis la requête {memory.rss[0][0]} : {growth:+.1%}"
    )
    if cpu_before is not None and cpu_after is not None:
        console.print(
            f"CPU du service pendant la charge : {cpu_after - cpu_before:.1f} s sur {load.seconds:.1f} s"
        )
    server_errors = load.server_errors + memory.server_errors + baseline.server_errors
    no_5xx = server_errors == 0
    bounded = growth < RSS_GROWTH_TARGET and survived
    if not survived:
        console.print("[bold red]Le service s'est arrêté pendant la mesure.[/]")
    console.print(f"Cible aucune réponse 5xx : {'atteinte' if no_5xx else f'MANQUÉE ({server_errors})'}")
    console.print(
        f"Cible croissance de la RSS < {RSS_GROWTH_TARGET:.0%} : {'atteinte' if bounded else 'MANQUÉE'} ({growth:+.1%})"
    )
    return 0 if no_5xx and bounded else 1


if __name__ == "__main__":
    sys.exit(main())
