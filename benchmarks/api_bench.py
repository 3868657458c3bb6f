"""The API under load: the service over loopback, concurrent clients, on each store.

``python -m benchmarks.api_bench`` loads a dataset (the demo by default, or a generated region)
into each store, starts the service with uvicorn in a subprocess on a free loopback port, and
drives it with ``httpx.AsyncClient`` workers (bounded in number and in time) on:

- ``GET /healthz`` — the baseline: the framework, the loopback and a store ping;
- ``GET /projects/{id}/report`` — reports of every project in turn, with a reviewer's token;
- ``GET /projects?call=…&territory=…`` — a filtered list, with a reviewer's token.

It prints throughput and latency p50/p95/p99 per endpoint and store, and whether the targets
hold: at least 300 report requests/s with p95 under 50 ms on SQLite, p95 under 100 ms on Neo4j.
Reports are cached per project and data version by the service; the first round (warm-up, not
measured) computes each once.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from graph_service.auth import AuthDatabase, Role, TokenRegistry
from graph_service.composition import open_store
from graph_service.domain.models import Dataset
from graph_service.services.demo import demo_dataset
from graph_service.settings import Settings, StoreKind

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"sqlite": (300.0, 50.0), "neo4j": (None, 100.0)}  # report: (min req/s, max p95 ms)


@dataclass
class Figures:
    store: str
    endpoint: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    server_cpu: float | None = None  # seconds of CPU the service used during the measure

    @property
    def cpu_ms(self) -> float | None:
        """Service CPU per request: what the load of the machine does not inflate much."""
        return (
            None if self.server_cpu is None or not self.requests else self.server_cpu / self.requests * 1000
        )

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of a process (Linux ``/proc``), else ``None``."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


@contextmanager
def neo4j_uri() -> Iterator[str]:
    """``NEO4J_URI`` when set, else the test instance of ``neo4j-test/`` (``make neo4j-jars``)."""
    configured = os.environ.get("NEO4J_URI")
    if configured:
        yield configured
        return
    spec = importlib.util.spec_from_file_location("neo4j_test_instance", ROOT / "neo4j-test" / "instance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    instance = module.start()
    try:
        yield instance.uri
    finally:
        instance.stop()


def prepare(settings: Settings, dataset: Dataset) -> tuple[list[str], str, str]:
    """Load the dataset; return the project ids, a call and a territory to filter on."""
    store = open_store(settings)
    try:
        store.upsert_dataset(dataset)
        projects = store.list_projects()
    finally:
        store.close()
    call = projects[0].call
    territory = next(t.code for t in dataset.territories if t.level.value == "departement")
    return [p.id for p in projects], call, territory


@contextmanager
def service(settings: Settings, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "graph_service.api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("le service n'a pas démarré")
            time.sleep(0.2)
        yield base, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


async def drive(
    base: str, paths: list[str], token: str, clients: int, seconds: float
) -> tuple[int, int, list[float]]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as client:

        async def worker(offset: int) -> None:
            nonlocal errors
            index = offset
            while time.perf_counter() < stop:
                path = paths[index % len(paths)]
                index += clients
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors += 1

        await asyncio.gather(*(worker(i) for i in range(clients)))
    return len(latencies), errors, latencies


def _drive_in_process(job: tuple[str, list[str], str, int, float]) -> tuple[int, int, list[float]]:
    base, paths, token, clients, seconds = job
    return asyncio.run(drive(base, paths, token, clients, seconds))


def measure(
    store: str, endpoint: str, base: str, pid: int, paths: list[str], token: str, args: argparse.Namespace
) -> Figures:
    """Drive ``paths`` from ``args.processes`` client processes sharing ``args.clients`` clients.

    One httpx client process spends about twice the service's CPU per request, so one process
    alone measures the client; several share the load as separate callers would.
    """
    per_process = max(1, args.clients // args.processes)
    jobs = [(base, paths, token, per_process, args.seconds)] * args.processes
    cpu_before = process_cpu(pid)
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.processes) as pool:
        results = list(pool.map(_drive_in_process, jobs))
    elapsed = time.perf_counter() - started
    cpu_after = process_cpu(pid)
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    latencies = [latency for _, _, found in results for latency in found]
    errors = sum(e for _, e, _ in results)
    # Pool start-up is not serving time: the rate is over the driven duration.
    return Figures(store, endpoint, len(latencies), errors, min(elapsed, args.seconds), latencies, cpu)


def bench_store(kind: str, settings: Settings, dataset: Dataset, args: argparse.Namespace) -> list[Figures]:
    projects, call, territory = prepare(settings, dataset)
    registry = TokenRegistry(AuthDatabase(settings.auth_db_path))
    admin = registry.create(Role.ADMIN, label="bench").secret
    region = next(t.code for t in dataset.territories if t.level.value == "region")
    reviewer = registry.create(Role.REVIEWER, regions=[region], label="bench").secret
    env = {
        "PARTNERSHIP_GRAPH_STORE": settings.store.value,
        "PARTNERSHIP_GRAPH_DB": str(settings.db_path),
        "PARTNERSHIP_GRAPH_AUTH_DB": str(settings.auth_db_path),
        "NEO4J_URI": settings.neo4j_uri,
    }
    reports = [f"/projects/{p}/report" for p in projects[: args.projects]]
    lists = [f"/projects?call={call}&territory={territory}&limit=50"]
    with service(settings, env) as (base, pid):
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {admin}"}, timeout=120) as client:
            for path in reports:  # warm-up: each report computed once, then served from the cache
                client.get(path).raise_for_status()
        return [
            measure(kind, "GET /healthz (base)", base, pid, ["/healthz"], reviewer, args),
            measure(kind, "GET /projects/{id}/report", base, pid, reports, reviewer, args),
            measure(kind, "GET /projects?call&territory", base, pid, lists, reviewer, args),
        ]


def print_table(figures: list[Figures], args: argparse.Namespace, console: Console) -> bool:
    table = Table(
        title=f"API, {args.clients} clients concurrents en {args.processes} processus, {args.seconds:.0f} s par mesure"
    )
    columns = (
        "magasin",
        "requête",
        "requêtes",
        "erreurs",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "CPU ms/req",
    )
    for column in columns:
        table.add_column(column, justify="left" if column in ("magasin", "requête") else "right")
    for f in figures:
        table.add_row(
            f.store,
            f.endpoint,
            str(f.requests),
            str(f.errors),
            f"{f.rate:.0f}",
            f"{f.percentile(0.50):.1f}",
            f"{f.percentile(0.95):.1f}",
            f"{f.percentile(0.99):.1f}",
            "?" if f.cpu_ms is None else f"{f.cpu_ms:.2f}",
        )
    console.print(table)
    ok = True
    for f in figures:
        if f.endpoint != "GET /projects/{id}/report":
            continue
        min_rate, max_p95 = TARGETS[f.store]
        met = (min_rate is None or f.rate >= min_rate) and f.percentile(0.95) < max_p95 and f.errors == 0
        ok &= met
        wanted = f"≥ {min_rate:.0f} req/s, " if min_rate else ""
        console.print(
            f"{f.store} : cible rapport {wanted}p95 < {max_p95:.0f} ms : {'atteinte' if met else 'MANQUÉE'}"
        )
    return ok


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.api_bench", description=__doc__)
    parser.add_argument("--stores", default="sqlite,neo4j", help="sqlite, neo4j ou les deux (virgule)")
    parser.add_argument("--clients", type=int, default=16, help="clients concurrents (≤ 64)")
    parser.add_argument("--processes", type=int, default=2, help="processus clients (≤ 8)")
    parser.add_argument("--seconds", type=float, default=5.0, help="durée de chaque mesure (≤ 60)")
    parser.add_argument("--projects", type=int, default=50, help="projets dont on demande le rapport")
    parser.add_argument("--generated", action="store_true", help="une région générée au lieu de la démo")
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--generated-projects", type=int, default=200)
    parser.add_argument("--ties", type=int, default=10000)
    args = parser.parse_args(argv)
    args.clients = max(1, min(args.clients, 64))
    args.seconds = max(1.0, min(args.seconds, 60.0))
    args.processes = max(1, min(args.processes, 8, args.clients))
    return args


def dataset_of(args: argparse.Namespace) -> Dataset:
    if not args.generated:
        return demo_dataset()
    from benchmarks.generator import RegionParameters, generate_region

    return generate_region(
        RegionParameters(organisations=args.organisations, projects=args.generated_projects, ties=args.ties)
    )


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    console = Console(width=120)
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # schema notifications of a fresh database
    console.print(
        f"Machine : {os.cpu_count()} CPU, charge {load_average()} ; Python {sys.version.split()[0]}"
    )
    dataset = dataset_of(args)
    console.print(
        f"Données : {'région générée' if args.generated else 'démo'}, {len(dataset.projects)} projets"
    )
    figures: list[Figures] = []
    with tempfile.TemporaryDirectory() as folder:
        for kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
            auth = Path(folder) / f"{kind}-auth.db"
            if kind == "sqlite":
                settings = Settings(
                    store=StoreKind.SQLITE, db_path=Path(folder) / "bench.db", auth_db_path=auth
                )
                figures += bench_store(kind, settings, dataset, args)
            else:
                with neo4j_uri() as uri:
                    settings = Settings(store=StoreKind.NEO4J, neo4j_uri=uri, auth_db_path=auth)
                    figures += bench_store(kind, settings, dataset, args)
    return 0 if print_table(figures, args, console) else 1


if __name__ == "__main__":
    sys.exit(main())
