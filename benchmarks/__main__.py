"""Run the benchmarks of issue 2: ``python -m benchmarks`` (or ``make bench``).

Generates the synthetic region (default 10,000 organisations, 2,000 projects, 100,000 ties),
imports it into the embedded store and, in the same run, with naive one-row-per-commit loops,
then times the project network of random projects. Prints a table and whether each target is met.
The metrics benchmarks of issue 4 (reports per second, territory-wide suite): ``python -m benchmarks metrics``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks import metrics_bench, neo4j_bench
from benchmarks.generator import RegionParameters, generate_region
from benchmarks.store_bench import machine, naive_import, network_latency, split, store_import, verdict

SPEEDUP_TARGET = 10.0
TIES_SECONDS_TARGET = 10.0
P95_MS_TARGET = 5.0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    defaults = RegionParameters()
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--organisations", type=int, default=defaults.organisations)
    parser.add_argument("--projects", type=int, default=defaults.projects)
    parser.add_argument("--ties", type=int, default=defaults.ties)
    parser.add_argument("--communes", type=int, default=defaults.communes)
    parser.add_argument("--schemes", type=int, default=defaults.schemes)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--samples", type=int, default=2000, help="project networks to time")
    parser.add_argument(
        "--naive-seconds", type=float, default=5.0, help="time budget of each naive loop (per phase)"
    )
    parser.add_argument("--dir", type=Path, default=None, help="where to write the databases (default: temp)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    if (given := sys.argv[1:] if argv is None else argv)[:1] == ["neo4j"]:  # the Neo4j store's benchmark
        return neo4j_bench.main(given[1:])
    if given[:1] == ["metrics"]:  # the metrics benchmarks of issue 4
        return metrics_bench.main(given[1:])
    args = _arguments(argv)
    console = Console(width=120)
    parameters = RegionParameters(
        organisations=args.organisations,
        projects=args.projects,
        ties=args.ties,
        communes=args.communes,
        schemes=args.schemes,
        seed=args.seed,
    )
    console.print(f"Machine : {machine()}")
    start = time.perf_counter()
    dataset = generate_region(parameters)
    entities, ties = split(dataset)
    console.print(
        f"Région synthétique (graine {parameters.seed}) : {len(dataset.territories)} territoires, "
        f"{len(dataset.organisations)} organisations, {len(dataset.schemes)} dispositifs, "
        f"{len(dataset.projects)} projets, {len(dataset.ties)} liens — générée en "
        f"{time.perf_counter() - start:.1f} s"
    )
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.dir or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for name in (
            "store.db",
            "naive-wal-e.db",
            "naive-wal-t.db",
            "naive-default-e.db",
            "naive-default-t.db",
        ):
            for suffix in ("", "-wal", "-shm", "-journal"):
                (folder / f"{name}{suffix}").unlink(missing_ok=True)
        store, entity_rate, tie_rate, again = store_import(dataset, folder / "store.db")
        naive = [
            (
                naive_import(
                    entities, folder / "naive-wal-e.db", wal=True, budget=args.naive_seconds, label="entities"
                ),
                naive_import(
                    ties, folder / "naive-wal-t.db", wal=True, budget=args.naive_seconds, label="ties"
                ),
                "naive (WAL, commit par ligne)",
            ),
            (
                naive_import(
                    entities,
                    folder / "naive-default-e.db",
                    wal=False,
                    budget=args.naive_seconds,
                    label="entities",
                ),
                naive_import(
                    ties, folder / "naive-default-t.db", wal=False, budget=args.naive_seconds, label="ties"
                ),
                "naive (défauts sqlite3, commit par ligne)",
            ),
        ]
        latency = network_latency(store, dataset, args.samples, args.seed)
        store.close()

    table = Table(title="Import dans le magasin SQLite", show_edge=False)
    for column in ("Méthode", "Entités/s", "Liens/s", "Liens : durée", "CPU liens", "Échantillon"):
        table.add_column(column, justify="right" if column != "Méthode" else "left")
    table.add_row(
        "SQLiteStore.upsert_dataset",
        f"{entity_rate.per_second:,.0f}",
        f"{tie_rate.per_second:,.0f}",
        f"{tie_rate.seconds:.2f} s",
        f"{tie_rate.cpu_seconds:.2f} s",
        f"{entity_rate.items:,} + {tie_rate.items:,} (tout)",
    )
    for entity_naive, tie_naive, label in naive:
        table.add_row(
            label,
            f"{entity_naive.per_second:,.0f}",
            f"{tie_naive.per_second:,.0f}",
            f"≈ {len(dataset.ties) / tie_naive.per_second:,.1f} s (extrapolé)"
            if not tie_naive.complete
            else f"{tie_naive.seconds:.2f} s",
            f"{tie_naive.cpu_seconds:.2f} s",
            f"{entity_naive.items:,} + {tie_naive.items:,}",
        )
    console.print(table)
    console.print(
        f"Réimport identique : {again.items:,} entités en {again.seconds:.2f} s "
        f"({again.per_second:,.0f}/s), rien de modifié."
    )

    speedups = {
        label: (entity_rate.per_second / e.per_second, tie_rate.per_second / t.per_second)
        for e, t, label in naive
    }
    lat = Table(title=f"project_network sur {args.samples} projets tirés au hasard", show_edge=False)
    for column in ("p50", "p95", "p99", "max", "CPU p50", "CPU p95"):
        lat.add_column(column, justify="right")
    figures = (latency.p50, latency.p95, latency.p99, max(latency.samples), latency.cpu_p50, latency.cpu_p95)
    lat.add_row(*(f"{v * 1000:.2f} ms" for v in figures))
    console.print(lat)

    strict_label = "naive (WAL, commit par ligne)"
    strict = min(speedups[strict_label])
    results = [
        (
            f"≥ {SPEEDUP_TARGET:.0f}× le naïf (WAL) : ×{speedups[strict_label][0]:.0f} entités, "
            f"×{speedups[strict_label][1]:.0f} liens",
            strict >= SPEEDUP_TARGET,
        ),
        (
            "naïf (défauts sqlite3) : "
            + ", ".join(f"×{v:.0f}" for v in speedups["naive (défauts sqlite3, commit par ligne)"]),
            True,
        ),
        (
            f"{len(dataset.ties):,} liens en < {TIES_SECONDS_TARGET:.0f} s : {tie_rate.seconds:.2f} s",
            tie_rate.seconds < TIES_SECONDS_TARGET,
        ),
        (f"p95 < {P95_MS_TARGET:.0f} ms : {latency.p95 * 1000:.2f} ms", latency.p95 * 1000 < P95_MS_TARGET),
    ]
    return verdict(console, results)


if __name__ == "__main__":
    sys.exit(main())
