"""Thread safety by construction: concurrent report requests while a comparison runs, on each store.

Eight threads ask the API for the reports of eight applications of one call while a ninth asks
for the comparison of that call (computed across two worker processes), all released at once on
a cold service (no cached answer, no call context yet). Every answer must equal what the service
functions give when run one after the other in this thread.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from benchmarks.generator import RegionParameters, generate_region
from graph_service.api import create_app
from graph_service.auth import Role
from graph_service.services.analysis import compare_call
from graph_service.services.parallel import PARALLEL_FROM, ReportPool
from graph_service.services.reports import project_report
from graph_service.settings import Settings
from graph_service.stores.protocol import Store

# Three calls of 36 applications each (the generator deals projects to aap-2019, -2020, -2021).
REGION = RegionParameters(
    organisations=240, projects=108, ties=1_500, communes=50, schemes=20, members=(4, 9), seed=12
)
CALL = "aap-2019"
CONCURRENT_REPORTS = 8


def _without_time(report: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in report.items() if key != "generated_at"}


def _run_together(tasks: list[Callable[[], Any]]) -> list[Any]:
    """Run every task in its own thread, released at the same moment; their results in order."""
    barrier = threading.Barrier(len(tasks))
    results: list[Any] = [None] * len(tasks)
    errors: list[BaseException] = []

    def run(position: int, task: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[position] = task()
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=item) for item in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    return results


@pytest.fixture
def region_store(store: Store) -> Store:
    store.upsert_dataset(generate_region(REGION))
    return store


@pytest.fixture
def client(region_store: Store, tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    settings = Settings(db_path=tmp_path / "unused.db", auth_db_path=tmp_path / "auth.db", report_workers=2)
    app = create_app(settings, region_store)
    with TestClient(app) as running:
        token = app.state.services.tokens.create(Role.ADMIN).secret
        yield running, {"Authorization": f"Bearer {token}"}


def test_eight_reports_served_while_a_comparison_runs_equal_the_sequential_ones(
    region_store: Store, client: tuple[TestClient, dict[str, str]]
) -> None:
    http, headers = client
    projects = region_store.list_projects(call=CALL)
    assert len(projects) >= PARALLEL_FROM  # the comparison does go to the workers
    chosen = [p.id for p in projects[:CONCURRENT_REPORTS]]

    # One after the other, in this thread, without the API and without worker processes.
    expected_reports = {
        p: _without_time(project_report(region_store, p).model_dump(mode="json")) for p in chosen
    }
    with ReportPool(workers=1) as one:
        expected_comparison = compare_call(region_store, CALL, pool=one).model_dump(mode="json")

    def report(project_id: str) -> Callable[[], Any]:
        return lambda: http.get(f"/projects/{project_id}/report", headers=headers)

    def comparison() -> Any:
        return http.get(f"/calls/{CALL}/comparison", headers=headers)

    answers = _run_together([comparison, *(report(p) for p in chosen)])

    assert all(answer.status_code == 200 for answer in answers), [a.text[:200] for a in answers]
    assert json.loads(answers[0].content) == expected_comparison
    for project_id, answer in zip(chosen, answers[1:], strict=True):
        assert _without_time(json.loads(answer.content)) == expected_reports[project_id], project_id
