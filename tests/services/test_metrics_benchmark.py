"""The metrics benchmark runs end to end on a tiny region, so its figures keep measuring reports."""

from __future__ import annotations

import gc

import pytest

from benchmarks import metrics_bench


def test_the_report_benchmark_reports_every_project_as_compare_call_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    projects = 12
    verdict = metrics_bench.main(
        [
            "--organisations",
            "120",
            "--projects",
            str(projects),
            "--ties",
            "600",
            "--members",
            "4",
            "8",
            "--service-sample",
            "3",
            "--skip-territory",
        ]
    )
    output = capsys.readouterr().out
    assert verdict in (0, 1)  # it reached the verdict on the target
    assert "compare_call, tous les appels" in output
    assert "CPU par rapport" in output and "lecture de N(P)" in output
    # Every project's report was counted, in the loop and in compare_call's row.
    assert output.count(f"│ {projects:>8} │") == 2
    assert gc.isenabled()  # the collector runs again after the reports
