"""The Neo4j benchmark runs end to end on a tiny region, so its figures keep measuring the store."""

from __future__ import annotations

import pytest

from benchmarks import neo4j_bench
from benchmarks.generator import RegionParameters, generate_region
from graph_service.settings import Settings
from graph_service.stores.neo4j import Neo4jStore

TINY = RegionParameters(organisations=80, projects=8, ties=400, communes=12, schemes=4, seed=3)


def test_the_benchmark_imports_the_region_measures_per_row_and_network_latency(
    neo4j_store: Neo4jStore,
    neo4j_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)
    monkeypatch.setattr(neo4j_bench, "RegionParameters", lambda **_: TINY)
    sample = 40
    verdict = neo4j_bench.main(
        ["--sample", str(sample), "--samples", "20", "--repeat", "2", "--warm-up", "1", "--batch-size", "50"]
    )
    output = capsys.readouterr().out
    assert verdict in (0, 1)  # it reached the verdict on the targets
    for expected in ("Neo4jStore.upsert_dataset", "une requête par ligne", "Réimport identique", "p95"):
        assert expected in output
    # What the run leaves: the region (imported last), plus the per-row sample — organisations
    # copied under new ids, sampled ties deleted then written back one by one.
    region = generate_region(TINY)
    stored = neo4j_store.export_dataset()
    assert len(stored.organisations) == len(region.organisations) + sample // 10
    assert sorted(t.key for t in stored.ties) == sorted(t.key for t in region.ties)


@pytest.mark.parametrize("flag", ["--repeat", "--batch-size", "--sample", "--samples"])
def test_a_count_below_one_is_refused_before_anything_runs(
    flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        neo4j_bench.main([flag, "0"])
    assert raised.value.code == 2
    assert "entier ≥ 1 attendu" in capsys.readouterr().err
