"""The benchmark's generator and its naive baseline, on a small region: what the figures rest on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.generator import RegionParameters, generate_region
from benchmarks.store_bench import naive_import, network_latency, percentile, split, store_import
from graph_service.domain.validation import parse_document

SMALL = RegionParameters(organisations=300, projects=40, ties=1500, communes=40, schemes=8, seed=5)


def test_the_generated_region_is_valid_and_of_the_requested_size() -> None:
    dataset = generate_region(SMALL)
    assert (len(dataset.organisations), len(dataset.projects), len(dataset.ties)) == (300, 40, 1500)
    assert len(dataset.schemes) == 8
    assert sum(t.level.value == "commune" for t in dataset.territories) == 40
    # Validating the document again finds no dangling, duplicate or malformed entry.
    assert parse_document(dataset.to_document()) == dataset


def test_the_same_seed_gives_the_same_region_and_another_seed_another() -> None:
    assert generate_region(SMALL) == generate_region(SMALL)
    other = RegionParameters(**{**SMALL.__dict__, "seed": 6})
    assert generate_region(other) != generate_region(SMALL)


def test_most_ties_are_declared_inside_applications_between_two_members() -> None:
    dataset = generate_region(SMALL)
    members = {p.id: set(p.member_ids) for p in dataset.projects}
    declared = [t for t in dataset.ties if t.project is not None]
    assert len(declared) == int(1500 * SMALL.share_of_ties_in_projects)
    assert all({t.source, t.target} <= members[t.project] for t in declared if t.project)


def test_the_naive_baseline_writes_the_same_rows_as_the_store(tmp_path: Path) -> None:
    dataset = generate_region(SMALL)
    store, entities, ties, again = store_import(dataset, tmp_path / "store.db")
    store.close()
    assert (entities.items, ties.items, again.items) == (dataset.size - 1500, 1500, dataset.size)
    for part, name in zip(split(dataset), ("e", "t"), strict=True):
        rate = naive_import(part, tmp_path / f"naive-{name}.db", wal=True, budget=60, label=name)
        assert rate.complete and rate.items == part.size
    tables = ["territories", "organisations", "organisation_territories", "project_members", "ties"]
    with sqlite3.connect(tmp_path / "store.db") as fast:
        for table in tables:
            naive_db = tmp_path / ("naive-t.db" if table == "ties" else "naive-e.db")
            with sqlite3.connect(naive_db) as naive:
                query = f"SELECT * FROM {table} ORDER BY 1, 2"
                assert fast.execute(query).fetchall() == naive.execute(query).fetchall(), table


def test_network_latency_times_each_sample(tmp_path: Path) -> None:
    dataset = generate_region(SMALL)
    store, *_ = store_import(dataset, tmp_path / "store.db")
    latency = network_latency(store, dataset, samples=50, seed=1)
    store.close()
    assert len(latency.samples) == len(latency.cpu_samples) == 50
    assert 0 < latency.p50 <= latency.p95 <= latency.p99 <= max(latency.samples)


def test_percentile_is_the_nearest_rank() -> None:
    # Nearest rank of q = 0.95 among 20 values: the ceil(19)th = the 19th smallest.
    values = [float(v) for v in range(1, 21)]
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 0.50) == 10.0
    assert percentile([3.0], 0.99) == 3.0
