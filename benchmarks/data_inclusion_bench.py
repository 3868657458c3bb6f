"""Import of a national data·inclusion referential into the embedded store: time and peak memory.

``python -m benchmarks.data_inclusion_bench [--structures 60000] [--services 80000]`` generates
files of the published shape (:mod:`benchmarks.data_inclusion_generator`), then measures, each in
a fresh process (so that each peak resident memory is its own):

- the **baseline**: reading both files with ``json`` and nothing else — the floor any import of
  these files pays;
- the **import**: ``ecosystem import data-inclusion`` without the CLI (read, validate every row
  with the schema package's models, map, merge, write) into an empty SQLite store;
- the **re-import** of the same files into that store (everything found unchanged).

Targets (issue 15): the import under 60 s and 1 GB.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.data_inclusion_generator import generate, national_communes, write

SECONDS_TARGET = 60.0
MEGABYTES_TARGET = 1024.0


def _baseline(structures: Path, services: Path) -> dict[str, float]:
    started = time.perf_counter()
    rows = [json.loads(structures.read_bytes()), json.loads(services.read_bytes())]
    return {"seconds": time.perf_counter() - started, "rows": float(sum(len(r) for r in rows))}


def _import(structures: Path, services: Path, db: Path) -> dict[str, float]:
    from graph_service.services.ecosystem import merge_data_inclusion
    from graph_service.stores.sqlite import SQLiteStore
    from loaders.data_inclusion import load_mapping, read_files

    started = time.perf_counter()
    store = SQLiteStore(db)
    try:
        records = read_files(structures, services)
        read = time.perf_counter() - started
        report = merge_data_inclusion(store, records, load_mapping())
    finally:
        store.close()
    return {
        "seconds": time.perf_counter() - started,
        "read": read,
        "added": float(len(report.added)),
        "unchanged": float(len(report.unchanged)),
        "rejected": float(sum(len(ids) for ids in report.rejected.values())),
        "territories": float(len(report.territories_added)),
    }


def _measured(queue: multiprocessing.Queue, name: str, *arguments: Path) -> None:
    result = _baseline(*arguments) if name == "baseline" else _import(*arguments)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    # CPU time of the whole process (imports included): on a shared machine, wall time also
    # counts the time other processes held the cores.
    result["cpu"] = usage.ru_utime + usage.ru_stime
    queue.put(result)


def measure(name: str, *arguments: Path) -> dict[str, float]:
    """Run one measurement in a fresh process and return its figures and peak memory."""
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = context.Queue()
    process = context.Process(target=_measured, args=(queue, name, *arguments))
    process.start()
    result = queue.get()
    process.join()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--structures", type=int, default=60_000)
    parser.add_argument("--services", type=int, default=80_000)
    arguments = parser.parse_args(argv)
    console = Console()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        rows, services = generate(arguments.structures, arguments.services, national_communes())
        structures_path, services_path = write(folder, rows, services)
        del rows, services
        sizes = structures_path.stat().st_size / 1e6, services_path.stat().st_size / 1e6
        console.print(
            f"{arguments.structures} structures ({sizes[0]:.0f} Mo) et {arguments.services} services "
            f"({sizes[1]:.0f} Mo) générés ; {os.cpu_count()} CPU, charge {os.getloadavg()[0]:.1f}"
        )
        baseline = measure("baseline", structures_path, services_path)
        db = folder / "bench.db"
        first = measure("import", structures_path, services_path, db)
        again = measure("import", structures_path, services_path, db)
    table = Table(title="Import data·inclusion dans la base embarquée", show_edge=False)
    for column in ("mesure", "secondes", "s de CPU", "mémoire max (Mo)", "détail"):
        table.add_column(column, justify="left" if column in ("mesure", "détail") else "right")
    table.add_row(
        "référence : lecture JSON seule",
        f"{baseline['seconds']:.1f}",
        f"{baseline['cpu']:.1f}",
        f"{baseline['peak_mb']:.0f}",
        f"{baseline['rows']:.0f} lignes",
    )
    table.add_row(
        "import (validation, correspondance, fusion, écriture)",
        f"{first['seconds']:.1f}",
        f"{first['cpu']:.1f}",
        f"{first['peak_mb']:.0f}",
        f"lecture et validation {first['read']:.1f} s ; {first['added']:.0f} organisations, "
        f"{first['territories']:.0f} territoires ajoutés, {first['rejected']:.0f} lignes rejetées",
    )
    table.add_row(
        "réimport identique",
        f"{again['seconds']:.1f}",
        f"{again['cpu']:.1f}",
        f"{again['peak_mb']:.0f}",
        f"{again['unchanged']:.0f} inchangées",
    )
    console.print(table)
    met = first["seconds"] < SECONDS_TARGET and first["peak_mb"] < MEGABYTES_TARGET
    console.print(
        f"Cible (< {SECONDS_TARGET:.0f} s et < {MEGABYTES_TARGET:.0f} Mo) : {'atteinte' if met else 'MANQUÉE'} ; "
        f"import = {first['seconds'] / baseline['seconds']:.1f} × la lecture seule "
        f"({first['cpu'] / baseline['cpu']:.1f} × en temps CPU), "
        f"{first['peak_mb'] / baseline['peak_mb']:.1f} × sa mémoire."
    )


if __name__ == "__main__":
    main()
