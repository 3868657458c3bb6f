"""Import throughput and project-network latency of the Neo4j store (issue 3).

``python -m benchmarks neo4j`` (or ``python -m benchmarks.neo4j_bench``). In one run:

- **batched**: ``Neo4jStore.upsert_dataset`` on an empty database — one transaction, ``UNWIND``
  batches of ``--batch-size`` rows; the non-tie entities first, then the ties, each timed alone,
  ``--repeat`` times into the emptied database (the median run is kept, the spread printed);
  then the whole region again (nothing changes).
- **one query per row**: the same store queries with one row each, each its own transaction (what
  a first script does), on a sample (``--sample`` ties, a tenth as many organisations) written
  into the loaded database; the rate extrapolates to the whole region.
- ``project_network`` on many random projects: p50/p95.

Neo4j is ``NEO4J_URI`` (with ``NEO4J_USER``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``; the benchmark
EMPTIES that database), otherwise the test instance of ``neo4j-test/`` started for the run with the
full JIT a real server has (``--quick-start``: the tests' client compiler only). Before measuring,
``--warm-up`` rounds run the measured import and wipe it, as a served database has run a while
(``0`` for a cold start; each round's rate is printed).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import neo4j
from rich.console import Console
from rich.table import Table

from benchmarks.generator import RegionParameters, generate_region
from benchmarks.store_bench import Rate, machine, network_latency, split, verdict
from graph_service.domain.models import Dataset
from graph_service.settings import Settings
from graph_service.stores.catalog import cypher
from graph_service.stores.neo4j import TIE_TYPE, Neo4jStore
from graph_service.stores.neo4j_graph import doc, node_row

SPEEDUP_TARGET = 20.0
TIES_PER_SECOND_TARGET = 20_000.0
P95_MS_TARGET = 20.0
INSTANCE_MODULE = Path(__file__).resolve().parents[1] / "neo4j-test" / "instance.py"
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def _instance_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("partnership_graph_neo4j_instance", INSTANCE_MODULE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _timed(label: str, items: int, work: Any) -> Rate:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return Rate(label, items, time.perf_counter() - wall, time.process_time() - cpu)


def per_row(store: Neo4jStore, dataset: Dataset, sample: int, seed: int) -> tuple[Rate, Rate]:
    """One query and one transaction per row, on a sample written into the loaded database.

    Organisations are copies under new ids (``merge_organisations``, one row each); ties are a
    random sample deleted first, then written back one by one with the store's ``create_ties``.
    The ends' handles are read before the clock starts, so the baseline pays for no look-up the
    batched import pays for: the ratio is, if anything, in the baseline's favour.
    """
    rng = random.Random(seed)
    driver, database = store.driver, store.database
    organisations = [
        o.model_copy(update={"id": f"{o.id}-ROW"})
        for o in rng.sample(dataset.organisations, max(1, sample // 10))
    ]
    rows = [node_row("organisations", o, doc(o), 10**9 + n) for n, o in enumerate(organisations)]
    query = cypher("merge_organisations")

    def write_organisations() -> None:
        for row in rows:
            driver.execute_query(query, rows=[row], database_=database)

    entity_rate = _timed("entities", len(rows), write_organisations)
    ties = rng.sample(dataset.ties, sample)
    for item in ties:
        store.delete_tie(item.key)
    records, _, _ = driver.execute_query(cypher("known_nodes"), database_=database)
    handle = {key: handle for key, handle, _ in records[0]["organisations"]}
    tie_rows = [
        (
            cypher("create_ties", TIE_TYPE=TIE_TYPE[t.kind]),
            [handle[t.source], handle[t.target], 10**9 + n, t.formal, t.strength, t.project],
        )
        for n, t in enumerate(ties)
    ]

    def write_ties() -> None:
        for tie_query, row in tie_rows:
            driver.execute_query(tie_query, rows=[row], database_=database)

    tie_rate = _timed("ties", len(tie_rows), write_ties)
    return entity_rate, tie_rate


def median_run(runs: list[Rate]) -> Rate:
    """The run of median speed (the slower middle one for an even count)."""
    return sorted(runs, key=lambda r: r.per_second)[(len(runs) - 1) // 2]


def spread(runs: list[Rate]) -> str:
    rates = [r.per_second for r in runs]
    return f"{min(rates):,.0f}–{max(rates):,.0f}"


def wipe(store: Neo4jStore) -> None:
    with store.driver.session(database=store.database) as session:
        session.run(WIPE).consume()  # IN TRANSACTIONS needs an auto-commit transaction


def warm_up(store: Neo4jStore, rounds: int, entities: Dataset, ties: Dataset, console: Console) -> None:
    """Run the measured import ``rounds`` times, not counted, then empty the database.

    A Neo4j server compiles its hot paths as it runs (JIT) and plans each query once: a server
    that has just started measures its compiler, not the import. Measured here with the JVM's
    per-thread CPU time: during the first full import of the region the C2 compiler threads take
    more CPU than the transaction itself, and they go quiet only after three to four imports of
    that size (a small region does not make the same paths hot). A served database has run for a
    while; so does the measured one, and it is empty again when the measure starts. Each round's
    rate is printed, so the cold start stays visible.
    """
    wipe(store)
    if rounds <= 0:
        console.print("Sans échauffement : JVM froide, chaque requête planifiée pendant la mesure")
        return
    start, rates = time.perf_counter(), []
    for _ in range(rounds):
        store.upsert_dataset(entities)
        rates.append(_timed("ties", ties.size, lambda: store.upsert_dataset(ties)).per_second)
        wipe(store)
    console.print(
        f"Échauffement (non retenu) : {rounds} × import de la région puis base vidée "
        f"({time.perf_counter() - start:.0f} s) ; liens/s à chaque tour : "
        + " → ".join(f"{rate:,.0f}" for rate in rates)
    )


def positive(text: str) -> int:
    """An argument that must be a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"entier ≥ 1 attendu, reçu « {text} »")
    return value


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    defaults = RegionParameters()
    parser = argparse.ArgumentParser(prog="python -m benchmarks neo4j", description=__doc__)
    parser.add_argument("--organisations", type=positive, default=defaults.organisations)
    parser.add_argument("--projects", type=positive, default=defaults.projects)
    parser.add_argument("--ties", type=positive, default=defaults.ties)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--batch-size", type=positive, default=Settings().neo4j_batch_size)
    parser.add_argument("--sample", type=positive, default=2000, help="ties written one query per row")
    parser.add_argument("--samples", type=positive, default=1000, help="project networks to time")
    parser.add_argument(
        "--quick-start", action="store_true", help="test instance with the tests' C1-only JIT (faster start)"
    )
    parser.add_argument(
        "--repeat",
        type=positive,
        default=3,
        help="whole imports into the emptied database; the median is kept",
    )
    parser.add_argument(
        "--warm-up",
        type=int,
        default=4,
        help="imports of the region run and wiped before measuring (JIT warm-up; 0 for a cold start)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    console = Console(width=120)
    parameters = RegionParameters(
        organisations=args.organisations, projects=args.projects, ties=args.ties, seed=args.seed
    )
    console.print(f"Machine : {machine()} ; pilote neo4j {neo4j.__version__}")
    dataset = generate_region(parameters)
    entities, ties = split(dataset)
    console.print(
        f"Région synthétique (graine {parameters.seed}) : {len(dataset.organisations):,} organisations, "
        f"{len(dataset.projects):,} projets, {len(dataset.ties):,} liens ({dataset.size:,} entités)"
    )
    instance = None
    if os.environ.get("NEO4J_URI"):
        settings = Settings(store="neo4j", neo4j_batch_size=args.batch_size)
    else:
        instance = _instance_module().start(quick_start=args.quick_start)
        console.print(
            f"Instance de test démarrée en {instance.started_in:.1f} s "
            f"({'C1 seul' if args.quick_start else 'JIT complet, comme un serveur'})"
        )
        settings = Settings(store="neo4j", neo4j_uri=instance.uri, neo4j_batch_size=args.batch_size)
    try:
        store = Neo4jStore.connect(settings)
        try:
            warm_up(store, args.warm_up, entities, ties, console)
            entity_runs, tie_runs = [], []
            for run in range(args.repeat):
                if run:
                    wipe(store)
                entity_runs.append(_timed("entities", entities.size, lambda: store.upsert_dataset(entities)))
                tie_runs.append(_timed("ties", ties.size, lambda: store.upsert_dataset(ties)))
            entity_rate, tie_rate = median_run(entity_runs), median_run(tie_runs)
            again = _timed("again", dataset.size, lambda: store.upsert_dataset(dataset))
            latency = network_latency(store, dataset, args.samples, args.seed, warm=50)
            row_entities, row_ties = per_row(store, dataset, args.sample, args.seed)
        finally:
            store.close()
    finally:
        if instance is not None:
            instance.stop()

    table = Table(title=f"Import dans Neo4j (lots de {args.batch_size})", show_edge=False)
    for column in ("Méthode", "Entités/s", "Liens/s", "Liens : durée", "CPU client liens", "Échantillon"):
        table.add_column(column, justify="left" if column == "Méthode" else "right")
    table.add_row(
        "Neo4jStore.upsert_dataset (UNWIND), médiane",
        f"{entity_rate.per_second:,.0f}",
        f"{tie_rate.per_second:,.0f}",
        f"{tie_rate.seconds:.1f} s",
        f"{tie_rate.cpu_seconds:.1f} s",
        f"{entity_rate.items:,} + {tie_rate.items:,} (tout)",
    )
    if args.repeat > 1:
        table.add_row(
            f"  écart sur {args.repeat} imports (médiane ci-dessus)",
            spread(entity_runs),
            spread(tie_runs),
            f"{min(r.seconds for r in tie_runs):.1f}–{max(r.seconds for r in tie_runs):.1f} s",
            "",
            "base vidée entre deux",
        )
    table.add_row(
        "une requête par ligne",
        f"{row_entities.per_second:,.0f}",
        f"{row_ties.per_second:,.0f}",
        f"≈ {ties.size / row_ties.per_second:,.0f} s (extrapolé)",
        f"{row_ties.cpu_seconds:.1f} s",
        f"{row_entities.items:,} + {row_ties.items:,}",
    )
    console.print(table)
    console.print(
        f"Réimport identique : {again.items:,} entités en {again.seconds:.1f} s ({again.per_second:,.0f}/s)"
    )
    lat = Table(title=f"project_network sur {args.samples} projets tirés au hasard", show_edge=False)
    for column in ("p50", "p95", "p99", "max", "CPU client p50"):
        lat.add_column(column, justify="right")
    figures = (latency.p50, latency.p95, latency.p99, max(latency.samples), latency.cpu_p50)
    lat.add_row(*(f"{v * 1000:.1f} ms" for v in figures))
    console.print(lat)

    speedup = (entity_rate.per_second / row_entities.per_second, tie_rate.per_second / row_ties.per_second)
    results = [
        (
            f"≥ {SPEEDUP_TARGET:.0f}× une requête par ligne : ×{speedup[0]:.0f} entités, ×{speedup[1]:.0f} liens",
            min(speedup) >= SPEEDUP_TARGET,
        ),
        (
            f"≥ {TIES_PER_SECOND_TARGET:,.0f} liens/s : {tie_rate.per_second:,.0f}",
            tie_rate.per_second >= TIES_PER_SECOND_TARGET,
        ),
        (f"p95 < {P95_MS_TARGET:.0f} ms : {latency.p95 * 1000:.1f} ms", latency.p95 * 1000 < P95_MS_TARGET),
    ]
    console.print(f"Machine à la fin : {machine()}")
    return verdict(console, results)


if __name__ == "__main__":
    sys.exit(main())
