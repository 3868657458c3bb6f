"""The demo territory with 320 generated data·inclusion structures of the Nord: what a lead sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.data_inclusion_generator import generate, write
from graph_service.services.analysis import project_gaps
from graph_service.services.demo import demo_dataset
from graph_service.services.ecosystem import merge_data_inclusion
from graph_service.stores.sqlite import SQLiteStore
from loaders.data_inclusion import load_mapping, read_files

STRUCTURES = 320


@pytest.fixture
def nord(tmp_path: Path):
    communes = [(t.code, t.name) for t in demo_dataset().territories if t.level.value == "commune"]
    structures, services = generate(STRUCTURES, 420, communes, seed=59)
    paths = write(tmp_path / "di", structures, services)
    store = SQLiteStore(tmp_path / "nord.db")
    store.upsert_dataset(demo_dataset())
    yield store, paths
    store.close()


def test_the_generated_nord_files_are_read_whole_by_the_schema_models(nord) -> None:
    _, (structures, services) = nord
    records = read_files(structures, services)
    assert records.rows_read == {"structures": STRUCTURES, "services": 420}
    assert records.rejected == [] and records.warnings == []
    assert len(json.loads(structures.read_text("utf-8"))) >= 300


def test_gaps_of_the_project_with_no_exit_recommend_an_imported_structure_bringing_an_exit(nord) -> None:
    store, (structures, services) = nord
    report = merge_data_inclusion(store, read_files(structures, services), load_mapping(), departement="59")
    assert len(report.added) >= 300 - len(report.duplicates)
    gaps = project_gaps(store, "p-2019-07")
    imported = []
    for recommendation in gaps.recommendations:
        organisation = store.get_organisation(recommendation.organisation)
        assert organisation is not None
        brings_exit = {s.value for s in organisation.stages} & {"formation", "emploi"}
        # p-2019-07 works on Denain (59172) and its QPV: the structure must work there.
        on_its_communes = "59172" in organisation.territories
        if (
            recommendation.provenance
            and not recommendation.provenance.matched
            and brings_exit
            and on_its_communes
        ):
            imported.append(recommendation)
    assert imported, [r.organisation for r in gaps.recommendations]
    first = imported[0]
    assert {g.code for g in first.fills} & {"formation", "emploi"}
    assert "Source : data·inclusion (" in first.reason and "mise à jour le" in first.reason
