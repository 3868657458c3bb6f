"""The demo's reports, rounded as they leave the system, are kept as a golden file.

``golden/demo_reports.json`` holds every report (French and English) of the demo's applications,
as :mod:`tests.queries.golden.dump` writes them: the report JSON, rounded at the boundary (four
decimals for shares and indices, one for scores; :mod:`queries.report.rounding`), with a fixed
``generated_at``. Any correct implementation of the metrics gives these bytes; a change to a
metric, a judgement, a wording or the evidence that alters a report makes this test fail.

When a change means to alter the reports, regenerate the file in the same commit and say why in
its message (the diff of the file shows reviewers what changed)::

    python -m tests.queries.golden.dump --demo tests/queries/golden/demo_reports.json
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.queries.golden.dump import as_text, demo_reports

GOLDEN = Path(__file__).parent / "golden" / "demo_reports.json"


def test_the_demo_reports_are_those_of_the_golden_file():
    kept = GOLDEN.read_text(encoding="utf-8")
    now = as_text(demo_reports())
    if now != kept:
        # Name the first report and field that differ before failing on the whole text.
        old, new = json.loads(kept), json.loads(now)
        for project in sorted(set(old) | set(new)):
            for lang in ("fr", "en"):
                before = old.get(project, {}).get(lang, {})
                after = new.get(project, {}).get(lang, {})
                changed = [
                    key for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)
                ]
                assert not changed, f"{project} ({lang}): {changed} differ from {GOLDEN.name}"
    assert now == kept


def test_the_golden_file_holds_every_demo_application_in_both_languages():
    kept = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(kept) == 8
    assert all(set(reports) == {"fr", "en"} for reports in kept.values())
    assert {reports["fr"]["lang"] for reports in kept.values()} == {"fr"}
