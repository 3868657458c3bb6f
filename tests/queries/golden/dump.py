"""Dump the rounded JSON reports of the demo and of two seeded synthetic regions.

``python -m tests.queries.golden.dump OUT.json`` writes every report (French and English) of the
demo's applications and of two small regions made by :mod:`benchmarks.generator`, as the report
JSON gives them (rounded at the boundary, :mod:`queries.report.rounding`), with a fixed
``generated_at``. Run it before and after a change to the metrics: the two files must be equal
unless the change means to alter a value. ``tests/queries/test_golden_reports.py`` keeps the demo's
part as a golden file; ``python -m tests.queries.golden.dump --demo OUT.json`` writes that part
alone, as the golden file holds it.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.generator import RegionParameters, generate_region
from graph_service.domain.models import Dataset
from graph_service.services.demo import demo_dataset
from graph_service.stores.sqlite import SQLiteStore
from queries.metrics import ProjectContext
from queries.report import compute_report
from queries.scoring import default_config

GENERATED_AT = datetime(2026, 1, 1, tzinfo=UTC)
LANGS = ("fr", "en")
# Two small regions of different shapes: pairs of members, and networks up to 60 members.
REGIONS = {
    "region-2019": RegionParameters(
        organisations=800, projects=60, ties=4_000, communes=60, schemes=30, members=(2, 34), seed=2019
    ),
    "region-7": RegionParameters(
        organisations=600, projects=30, ties=6_000, communes=40, schemes=20, members=(2, 60), seed=7
    ),
}


def dataset_reports(dataset: Dataset) -> dict[str, dict[str, Any]]:
    """Each application's report in each language, as JSON data, in project order.

    Every report reads one context holding the whole dataset's schemes, projects and territories
    (a superset of what a project's own context holds, which the metrics allow).
    """
    config = default_config()
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "dump.db")
        try:
            store.upsert_dataset(dataset)
            context = ProjectContext(
                schemes=tuple(store.list_schemes()),
                projects=tuple(store.list_projects()),
                territories=tuple(store.list_territories()),
            )
            found: dict[str, dict[str, Any]] = {}
            for project in sorted(store.list_projects(), key=lambda p: p.id):
                graph = store.project_network(project.id)
                found[project.id] = {
                    lang: compute_report(graph, context, config, lang, GENERATED_AT).model_dump(mode="json")
                    for lang in LANGS
                }
        finally:
            store.close()
    return found


def demo_reports() -> dict[str, dict[str, Any]]:
    """The demo's reports (what the golden file keeps)."""
    return dataset_reports(demo_dataset())


def as_text(reports: Any) -> str:
    """The JSON text the golden file holds: keys in report order, one space of indent."""
    return json.dumps(reports, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    demo_only = argv[:1] == ["--demo"]
    paths = argv[1:] if demo_only else argv
    if len(paths) != 1:
        print("usage: python -m tests.queries.golden.dump [--demo] OUT.json", file=sys.stderr)
        return 2
    if demo_only:
        Path(paths[0]).write_text(as_text(demo_reports()), encoding="utf-8")
        return 0
    every = {"demo": demo_reports()}
    for name, parameters in REGIONS.items():
        every[name] = dataset_reports(generate_region(parameters))
    Path(paths[0]).write_text(as_text(every), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
