"""On the demo, every sentence a reviewer reads names organisations and schemes as a person does."""

from __future__ import annotations

import re

import pytest

from graph_service.services.demo import demo_dataset
from graph_service.services.reports import project_report
from graph_service.stores.sqlite import SQLiteStore
from queries.report import Report
from queries.report.render import render_html, render_text


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    store = SQLiteStore(tmp_path_factory.mktemp("wording") / "demo.db")
    store.upsert_dataset(demo_dataset())
    try:
        return {p.id: project_report(store, p.id) for p in store.list_projects()}
    finally:
        store.close()


def sentences(report: Report) -> list[str]:
    found = [*report.federation_verdict.reasons, *(f.text for f in report.critical_failures)]
    for family in report.families.values():
        found += [f.text for f in family.findings]
    return found


def test_reasons_and_findings_name_organisations_by_name_never_by_id_or_siret(reports) -> None:
    dataset = demo_dataset()
    ids = {o.id for o in dataset.organisations} | {s.id for s in dataset.schemes}
    sirets = {o.siret for o in dataset.organisations if o.siret}
    leaks = []
    for project, report in reports.items():
        for sentence in sentences(report):
            words = set(re.findall(r"[\w-]+", sentence))
            if words & (ids | sirets):
                leaks.append((project, sorted(words & (ids | sirets)), sentence))
    assert leaks == []
    # And the names are there: p-2019-04's duplicated scheme, p-2019-02's informal partners.
    assert any("Promo 16-18 (fictive) du Littoral" in s for s in sentences(reports["p-2019-04"]))
    assert any("Mission Locale (fictive) Sambre-Avesnois" in s for s in sentences(reports["p-2019-02"]))


@pytest.mark.parametrize("render", [render_text, render_html])
def test_governance_reads_as_a_french_label_and_shares_as_percentages(reports, render) -> None:
    report = reports["p-2019-01"]
    text = render(report)
    code = report.metrics["governance_form"]
    labels = {
        "shared": "gouvernance partagée",
        "lead_organisation": "organisation pilote",
        "mixed": "forme mixte",
    }
    assert labels[code] in text
    assert not re.search(rf"\b{code}\b", text)  # the code never shows, only its label
    # lead_formal_tie_share 1 and stage_coverage 1 read « 100 % », never « 1 » or « 1,0 ».
    assert "100\u202f%" in text  # French typography: a narrow no-break space before %
