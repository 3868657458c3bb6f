"""Hostile files at the issue's sizes: how fast each is refused, and with how much memory.

``python -m benchmarks.hostile_bench`` builds each file (:mod:`tests.support.hostile` at full size),
then loads it with :func:`loaders.load_bytes` in a fresh process and reports the time to the answer
and the process's peak RSS, next to the baseline measured in the same run: the same process
loading the demo as a workbook (a legitimate file) and doing nothing.

Targets, with the default limits: every hostile file refused (413 or 422 through the API), in under
2 s, with a peak RSS under the baseline's plus 100 MB (the file itself is in memory, as an upload
is). Two more rows raise the uncompressed-size limit to 1 GB so that the files are refused by the
streaming count of rows and shared strings instead of their declared size; they are shown, not
held to the targets.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from benchmarks.api_bench import load_average
from graph_service.domain.errors import DomainError
from graph_service.domain.validation import InvalidInput
from graph_service.services.demo import demo_dataset
from loaders import Limits, load_bytes
from loaders.xlsx_loader import workbook_bytes as demo_workbook
from tests.support.hostile import (
    billion_laughs_workbook,
    external_entity_workbook,
    long_number_json,
    nested_json,
    shared_strings,
    sheet_rows,
    workbook_bytes,
)

SECONDS_TARGET = 2.0
RSS_MARGIN_MB = 100.0


@dataclass
class Case:
    name: str
    file: str
    build: Callable[[], bytes]
    limits: Limits | None = None
    counted: bool = True
    """In the targets; the rows with a limit raised show the streaming count at work instead."""


def cases() -> list[Case]:
    return [
        Case("base : aucun fichier", "", lambda: b""),
        Case("base : la démo en classeur (légitime)", "demo.xlsx", lambda: demo_workbook(demo_dataset())),
        Case(
            "4 millions de lignes, sans <dimension>",
            "lignes.xlsx",
            lambda: workbook_bytes(sheet_rows(4_000_000)),
        ),
        Case(
            "4 millions de lignes, plafond décompressé relevé à 1 Go",
            "lignes.xlsx",
            lambda: workbook_bytes(sheet_rows(4_000_000)),
            Limits(max_uncompressed_bytes=1024**3),
            counted=False,
        ),
        Case(
            "300 Mo de textes partagés",
            "textes.xlsx",
            lambda: workbook_bytes(strings=shared_strings(extra=300_000, extra_length=1_000)),
        ),
        Case(
            "300 Mo de textes partagés, plafond relevé à 1 Go",
            "textes.xlsx",
            lambda: workbook_bytes(strings=shared_strings(extra=3_000_000, extra_length=100)),
            Limits(max_uncompressed_bytes=1024**3),
            counted=False,
        ),
        Case("milliard de rires (entités XML)", "rires.xlsx", billion_laughs_workbook),
        Case("entité externe", "externe.xlsx", external_entity_workbook),
        Case("JSON imbriqué sur 5 000 niveaux", "profond.json", lambda: nested_json(5_000)),
        Case("JSON imbriqué sur 1 000 000 niveaux", "profond.json", lambda: nested_json(1_000_000)),
        Case("entier de 5 000 chiffres", "nombre.json", lambda: long_number_json(5_000)),
    ]


def _measure(index: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    case = cases()[index]
    data = case.build()
    began = time.perf_counter()
    if not case.file:
        answer = "—"
    else:
        try:
            loaded = load_bytes(data, case.file, limits=case.limits)
            answer = f"lu : {loaded.dataset.size} entités"
        except InvalidInput as exc:
            answer = f"422 {exc.errors[0].code}"
        except DomainError as exc:
            answer = f"{exc.status_code} {exc.code}"
    seconds = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((len(data), answer, seconds, peak_mb))


def run(index: int) -> tuple[int, str, float, float]:
    context = multiprocessing.get_context("spawn")  # a fresh process: its peak RSS is this case's
    queue = context.Queue()
    process = context.Process(target=_measure, args=(index, queue))
    process.start()
    result = queue.get(timeout=600)
    process.join(60)
    return result  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="python -m benchmarks.hostile_bench", description=__doc__).parse_args(argv)
    console = Console(width=130)
    console.print(
        f"Machine : {os.cpu_count()} CPU, charge {load_average()} ; Python {sys.version.split()[0]}"
    )
    table = Table(title="Fichiers hostiles : réponse, durée jusqu'à la réponse, RSS de pointe du processus")
    for column in ("fichier", "taille", "réponse", "durée s", "RSS max Mo"):
        table.add_column(column, justify="left" if column in ("fichier", "réponse") else "right")
    results = []
    for index, case in enumerate(cases()):
        size, answer, seconds, peak = run(index)
        results.append((case, answer, seconds, peak))
        table.add_row(
            case.name, f"{size / 1024:,.0f} Ko".replace(",", " "), answer, f"{seconds:.2f}", f"{peak:.0f}"
        )
    console.print(table)
    baseline = results[0][3]
    hostile = [result for result in results[2:] if result[0].counted]
    refused = all(answer[:3] in ("413", "422") for _, answer, _, _ in hostile)
    fast = all(seconds < SECONDS_TARGET for _, _, seconds, _ in hostile)
    bounded = all(peak < baseline + RSS_MARGIN_MB for _, _, _, peak in hostile)
    for label, met in (
        ("chaque fichier hostile refusé (413 ou 422)", refused),
        (f"refusé en moins de {SECONDS_TARGET:.0f} s", fast),
        (f"RSS de pointe < base + {RSS_MARGIN_MB:.0f} Mo ({baseline:.0f} Mo)", bounded),
    ):
        console.print(f"Cible {label} : {'atteinte' if met else 'MANQUÉE'}")
    return 0 if refused and fast and bounded else 1


if __name__ == "__main__":
    sys.exit(main())
