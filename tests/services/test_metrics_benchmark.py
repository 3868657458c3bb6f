"""The metrics benchmark runs end to end on a small region, so its figures keep measuring reports."""

from __future__ import annotations

import pytest

from benchmarks import metrics_bench
from graph_service.services.parallel import PARALLEL_FROM


def test_the_report_benchmark_reports_every_project_and_compares_a_call_across_two_processes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Three calls of 34 applications: the largest is above the threshold where the comparison
    # goes to the workers, so the benchmark's across-cores run does start processes.
    projects = 3 * 34
    assert projects // 3 >= PARALLEL_FROM
    verdict = metrics_bench.main(
        [
            "--organisations",
            "200",
            "--projects",
            str(projects),
            "--ties",
            "800",
            "--members",
            "4",
            "6",
            "--service-sample",
            "3",
            "--workers",
            "2",
            "--skip-territory",
        ]
    )
    output = capsys.readouterr().out
    assert verdict in (0, 1)  # it reached the verdict on the targets
    assert "CPU par rapport" in output and "lecture de N(P)" in output
    assert f"{projects:,}" in output  # every project's report was counted
    assert "compare --call aap-" in output and "(34 candidatures)" in output
    assert "2 processus déjà lancés (API)" in output
