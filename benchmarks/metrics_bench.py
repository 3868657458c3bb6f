"""Metrics benchmarks of issues 4 and 12: ``python -m benchmarks metrics`` (or ``python -m benchmarks.metrics_bench``).

(a) Full partnership reports per second of CPU for every project of the synthetic region
(projects of about 30 members), on one core, on a :class:`SQLiteStore`, the way
:func:`~graph_service.services.analysis.compare_call` reads the store: each call's context built
once (:func:`~graph_service.services.contexts.build_call_context`), the call's networks N(P) read
in one go (``project_networks``), then :func:`queries.report.compute_report` on each. The report
service (:func:`graph_service.services.reports.project_report`) is timed on a sample twice: with
the call contexts a long-running service keeps (:class:`~graph_service.services.contexts.CallContexts`)
and reading the context for each report. Then ``compare_call`` on the largest call (``compare
--call``), wall clock, in one process and across the cores (:class:`~graph_service.services.parallel.ReportPool`:
first with the workers' start-up, as the CLI runs it, then with workers already running, as the
API runs it), and the ratio.

(b) The territory-wide suite (:mod:`queries.territory`, python-igraph) on a 10,000-organisation
département with about 50,000 ties, against plain networkx on the same graph in the same run.
networkx's ``effective_size``, ``constraint`` and ``betweenness_centrality`` are far too slow at
that size: they run on a seeded sample of egos (sources, for betweenness) and are extrapolated
linearly to every organisation; the table says so. The sampled Burt values are compared with
igraph's (largest absolute difference printed).

Wall-clock and CPU times are both printed: on a loaded machine the CPU time is the one that says
what one core does.
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import networkx as nx
from rich.console import Console
from rich.table import Table

from benchmarks.generator import RegionParameters, generate_region
from benchmarks.store_bench import machine, verdict
from graph_service.domain.network import dataset_graph
from graph_service.services.analysis import compare_call
from graph_service.services.contexts import CallContexts, build_call_context
from graph_service.services.parallel import ReportPool, available_cores
from graph_service.services.reports import project_report
from graph_service.stores.sqlite import SQLiteStore
from queries.report import compute_report
from queries.scoring import default_config
from queries.territory import betweenness as igraph_betweenness
from queries.territory import (
    constraints,
    effective_sizes,
    organisation_graph,
    territory_figures,
    territory_metrics,
    to_igraph,
)

REPORTS_TARGET = 100.0
TERRITORY_SECONDS_TARGET = 2.0
T = TypeVar("T")


@dataclass(frozen=True)
class Timed:
    seconds: float
    cpu: float


def timed(work: Callable[[], T]) -> tuple[T, Timed]:
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, Timed(time.perf_counter() - start, time.process_time() - cpu)


@dataclass
class Parts:
    """CPU seconds of the report loop spent building contexts, reading N(P) and measuring."""

    context: float = 0.0
    network: float = 0.0
    report: float = 0.0


def calls_of(store: SQLiteStore) -> dict[str, list[str]]:
    """Each call's project ids, in store order."""
    calls: dict[str, list[str]] = {}
    for project in store.list_projects():
        calls.setdefault(project.call, []).append(project.id)
    return calls


def reports_per_second(store: SQLiteStore) -> tuple[int, Timed, Parts]:
    """Every project's report, call by call, in one process: context, networks, reports."""
    config = default_config()
    parts = Parts()
    clock = time.process_time

    def every_report() -> int:
        count = 0
        for call in calls_of(store):
            start = clock()
            context = build_call_context(store, call, store.data_version())
            parts.context += clock() - start
            start = clock()
            graphs = store.project_networks([p.id for p in context.projects])
            parts.network += clock() - start
            for graph, project in zip(graphs, context.projects, strict=True):
                start = clock()
                compute_report(graph, context.of(project), config)
                parts.report += clock() - start
                count += 1
        return count

    count, whole = timed(every_report)
    return count, whole, parts


def service_rates(store: SQLiteStore, sample: list[str]) -> tuple[Timed, Timed]:
    """The report service on ``sample``: with a service's call contexts, then without."""
    config = default_config()
    contexts = CallContexts(store)
    project_report(store, sample[0], config, contexts=contexts)  # the call's context built once
    _, kept = timed(lambda: [project_report(store, p, config, contexts=contexts) for p in sample])
    _, each = timed(lambda: [project_report(store, p, config) for p in sample])
    return kept, each


@dataclass(frozen=True)
class Comparisons:
    call: str
    applications: int
    workers: int
    single: Timed
    cold: Timed
    warm: Timed
    workers_cpu: float


def compare_across_cores(store: SQLiteStore, workers: int) -> Comparisons:
    """``compare --call`` on the largest call: one process, then across ``workers`` processes
    started for it (as the CLI), then on workers already running (as the API)."""
    config = default_config()
    call, ids = max(calls_of(store).items(), key=lambda item: len(item[1]))
    with ReportPool(workers=1) as one:
        single_rows, single = timed(lambda: compare_call(store, call, config=config, pool=one))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with ReportPool(workers=workers) as pool:
        cold_rows, cold = timed(lambda: compare_call(store, call, config=config, pool=pool))
        warm_rows, warm = timed(lambda: compare_call(store, call, config=config, pool=pool))
    # The workers' CPU, counted once they have ended (the pool is closed): both runs together.
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = ended.ru_utime + ended.ru_stime - children.ru_utime - children.ru_stime
    if not single_rows == cold_rows == warm_rows:
        raise AssertionError("the comparison across cores differs from the one-process one")
    return Comparisons(call, len(ids), workers, single, cold, warm, workers_cpu)


def _networkx_sampled(graph: nx.Graph, egos: list, work: Callable[[list], object]) -> Timed:
    _, t = timed(lambda: work(egos))
    scale = graph.number_of_nodes() / len(egos)
    return Timed(t.seconds * scale, t.cpu * scale)


def territory_suite(graph: nx.Graph, sample: int, seed: int):
    """igraph suite (whole) vs networkx (Burt and betweenness sampled, extrapolated)."""
    organisations = organisation_graph(graph)
    egos = random.Random(seed).sample(list(organisations), min(sample, organisations.number_of_nodes()))
    rows: list[tuple[str, Timed, Timed, str]] = []

    def igraph_burt():
        nodes, g = to_igraph(organisations)
        return nodes, effective_sizes(g), constraints(g)

    (nodes, sizes, constraint), ig_burt = timed(igraph_burt)
    nx_sizes_holder: dict = {}
    nx_constraint_holder: dict = {}
    nx_size = _networkx_sampled(
        organisations, egos, lambda e: nx_sizes_holder.update(nx.effective_size(organisations, nodes=e))
    )
    nx_con = _networkx_sampled(
        organisations, egos, lambda e: nx_constraint_holder.update(nx.constraint(organisations, nodes=e))
    )
    index = {n: i for i, n in enumerate(nodes)}
    worst = 0.0
    for ego in egos:
        for ours, theirs in (
            (sizes[index[ego]], nx_sizes_holder[ego]),
            (constraint[index[ego]], nx_constraint_holder[ego]),
        ):
            if ours is None:
                assert math.isnan(theirs)
            else:
                worst = max(worst, abs(ours - theirs))
    rows.append(
        (
            "effective size + efficiency + constraint",
            ig_burt,
            Timed(nx_size.seconds + nx_con.seconds, nx_size.cpu + nx_con.cpu),
            f"networkx : {len(egos)} egos, extrapolé",
        )
    )

    _, ig_fig = timed(lambda: territory_figures(organisations))

    def nx_figures() -> None:
        by_sector: dict = {}
        for node, sector in organisations.nodes(data="sector"):
            by_sector.setdefault(sector, set()).add(node)
        nx.degree_centrality(organisations)
        nx.density(organisations)
        nx.number_connected_components(organisations)
        nx.community.modularity(organisations, by_sector.values())

    _, nx_fig = timed(nx_figures)
    rows.append(
        ("degré, densité, composantes, centralisation, E-I, modularité", ig_fig, nx_fig, "tout le graphe")
    )

    _, ig_between = timed(lambda: igraph_betweenness(to_igraph(organisations)[1]))
    nx_between = _networkx_sampled(
        organisations, egos, lambda e: nx.betweenness_centrality(organisations, k=len(e), seed=seed)
    )
    rows.append(
        ("intermédiarité (exacte)", ig_between, nx_between, f"networkx : {len(egos)} sources, extrapolé")
    )
    _, suite_without = timed(lambda: territory_metrics(graph))  # as called: no exact betweenness
    return organisations, rows, worst, suite_without


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.metrics_bench", description=__doc__)
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--projects", type=int, default=2_000)
    parser.add_argument("--ties", type=int, default=100_000)
    parser.add_argument(
        "--members", type=int, nargs=2, default=(26, 34), help="members per project (lead included)"
    )
    parser.add_argument("--territory-ties", type=int, default=50_000, help="ties of the département (b)")
    parser.add_argument("--service-sample", type=int, default=100, help="reports through the service")
    parser.add_argument(
        "--workers", type=int, default=None, help="processes of the comparison (default: the cores)"
    )
    parser.add_argument("--egos", type=int, default=200, help="egos (and sources) networkx measures")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--skip-reports", action="store_true")
    parser.add_argument("--skip-territory", action="store_true")
    return parser.parse_args(argv)


def _store(parameters: RegionParameters, folder: Path, name: str) -> tuple[SQLiteStore, list[str]]:
    dataset = generate_region(parameters)
    store = SQLiteStore(folder / name)
    store.upsert_dataset(dataset)
    return store, [p.id for p in dataset.projects]


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    console = Console(width=120)
    console.print(f"Machine : {machine()}")
    results: list[tuple[str, bool]] = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        if not args.skip_reports:
            region = RegionParameters(
                organisations=args.organisations,
                projects=args.projects,
                ties=args.ties,
                members=(args.members[0], args.members[1]),
                seed=args.seed,
            )
            store, project_ids = _store(region, folder, "region.db")
            count, whole, parts = reports_per_second(store)
            sample = random.Random(args.seed).sample(project_ids, min(args.service_sample, len(project_ids)))
            kept, each = service_rates(store, sample)
            compared = compare_across_cores(store, args.workers or available_cores())
            store.close()
            results += _print_reports(console, args, count, whole, parts, len(sample), kept, each, compared)

        if not args.skip_territory:
            results += _territory(console, args, folder)
    return _verdict(console, results)


def _territory(console: Console, args: argparse.Namespace, folder: Path) -> list[tuple[str, bool]]:
    """(b): the territory suite on a département of the region, igraph against networkx."""
    département = RegionParameters(
        organisations=args.organisations, projects=args.projects, ties=args.territory_ties, seed=args.seed
    )
    store, _ = _store(département, folder, "departement.db")
    code = next(t.code for t in store.list_territories() if t.level.value == "departement")
    ecosystem, read = timed(lambda: dataset_graph(store.territory_ecosystem(code)))
    store.close()
    organisations, rows, worst, without = territory_suite(ecosystem, args.egos, args.seed)
    table = Table(
        title=f"(b) Département {code} : {organisations.number_of_nodes():,} organisations, {organisations.number_of_edges():,} liens (lecture du magasin {read.seconds:.2f} s)",
        show_edge=False,
    )
    for column in ("Mesure", "igraph", "igraph CPU", "networkx", "Rapport", "Note"):
        table.add_column(column, justify="left" if column in ("Mesure", "Note") else "right")
    for label, ours, theirs, note in rows:
        table.add_row(
            label,
            f"{ours.seconds:.3f} s",
            f"{ours.cpu:.3f} s",
            f"{theirs.seconds:.1f} s",
            f"×{theirs.seconds / ours.seconds:,.0f}",
            note,
        )
    total_ig = sum(r[1].seconds for r in rows)
    total_nx = sum(r[2].seconds for r in rows)
    cpu_ig = sum(r[1].cpu for r in rows)
    table.add_row(
        "suite entière",
        f"{total_ig:.2f} s",
        f"{cpu_ig:.2f} s",
        f"{total_nx:.0f} s",
        f"×{total_nx / total_ig:,.0f}",
        "somme",
    )
    console.print(table)
    console.print(
        f"Écart maximal igraph / networkx sur les egos échantillonnés (taille effective, contrainte) : {worst:.1e}"
    )
    console.print(
        f"territory_metrics (par défaut, sans intermédiarité exacte) : {without.seconds:.2f} s "
        f"(CPU {without.cpu:.2f} s)"
    )
    return [
        (
            f"suite avec l'intermédiarité exacte (option) < {TERRITORY_SECONDS_TARGET:.0f} s : {total_ig:.2f} s",
            total_ig < TERRITORY_SECONDS_TARGET,
        ),
        (
            f"suite par défaut (sans intermédiarité exacte) < {TERRITORY_SECONDS_TARGET:.0f} s : "
            f"{without.seconds:.2f} s",
            without.seconds < TERRITORY_SECONDS_TARGET,
        ),
    ]


def _print_reports(
    console: Console,
    args: argparse.Namespace,
    count: int,
    whole: Timed,
    parts: Parts,
    sampled: int,
    kept: Timed,
    each: Timed,
    compared: Comparisons,
) -> list[tuple[str, bool]]:
    table = Table(
        title=f"(a) Rapports complets, {args.members[0]}–{args.members[1]} membres par projet, un processus",
        show_edge=False,
    )
    for column in ("Chemin", "Rapports", "Durée", "CPU", "Rapports/s", "Rapports/s CPU"):
        table.add_column(column, justify="left" if column == "Chemin" else "right")
    for label, n, t in (
        ("contexte par appel + N(P) de l'appel + compute_report (tous les projets)", count, whole),
        ("service project_report, contextes d'appel gardés (échantillon)", sampled, kept),
        ("service project_report, contexte relu à chaque rapport (échantillon)", sampled, each),
    ):
        table.add_row(
            label,
            f"{n:,}",
            f"{t.seconds:.2f} s",
            f"{t.cpu:.2f} s",
            f"{n / t.seconds:,.0f}",
            f"{n / t.cpu:,.0f}",
        )
    console.print(table)
    console.print(
        f"CPU par rapport : {1000 * whole.cpu / count:.2f} ms, dont contexte {1000 * parts.context / count:.2f} ms, "
        f"lecture de N(P) {1000 * parts.network / count:.2f} ms, compute_report {1000 * parts.report / count:.2f} ms ; "
        f"compute_report seul : {count / parts.report:,.0f} rapports/s"
    )
    table = Table(
        title=f"compare --call {compared.call} ({compared.applications} candidatures), temps écoulé",
        show_edge=False,
    )
    for column in ("Exécution", "Durée", "CPU du processus", "Rapport au processus seul"):
        table.add_column(column, justify="left" if column == "Exécution" else "right")
    for label, t in (
        ("un processus", compared.single),
        (f"{compared.workers} processus, démarrés pour l'appel (CLI)", compared.cold),
        (f"{compared.workers} processus déjà lancés (API)", compared.warm),
    ):
        ratio = compared.single.seconds / t.seconds
        table.add_row(label, f"{t.seconds:.2f} s", f"{t.cpu:.2f} s", f"×{ratio:.2f}")
    console.print(table)
    console.print(
        f"CPU des {compared.workers} processus de travail, les deux exécutions ensemble (démarrage compris) : "
        f"{compared.workers_cpu:.2f} s"
    )
    rate = count / whole.cpu
    ratio = compared.single.seconds / compared.cold.seconds
    return [
        (f"≥ {REPORTS_TARGET:.0f} rapports/s sur un cœur (CPU) : {rate:,.0f}", rate >= REPORTS_TARGET),
        (
            f"compare --call sur {compared.workers} cœurs plus rapide qu'en un processus : ×{ratio:.2f}",
            ratio > 1,
        ),
    ]


def _verdict(console: Console, results: list[tuple[str, bool]]) -> int:
    console.print(f"Machine (fin) : {machine()}")
    return verdict(console, results)


if __name__ == "__main__":
    sys.exit(main())
