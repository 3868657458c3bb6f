"""Comparison of a call's applications: rows, flags, sorting, CSV and XLSX exports.

Most tests use the demo territory (graph_service/demo/README.md says what each application
illustrates), measured with the pure functions only: N(P) per application and one context for the
call, as the service does.
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from graph_service.domain.models import Organisation, Project
from graph_service.domain.network import project_network
from graph_service.services.demo import demo_dataset
from queries.comparison import (
    FLAGS,
    Comparison,
    ComparisonRow,
    UnknownSortKey,
    compare,
    flags_of,
    row_headers,
    sort_rows,
    to_csv,
    to_xlsx,
)
from queries.metrics import ProjectContext
from queries.overlaps import Overlaps, find_overlaps
from queries.report import compute_report

CALL = "aap-invisibles-2019"


@pytest.fixture(scope="module")
def demo() -> Comparison:
    dataset = demo_dataset()
    organisations = {o.id: o for o in dataset.organisations}
    projects = [p for p in dataset.projects if p.call == CALL]
    context = ProjectContext(
        schemes=tuple(dataset.schemes), projects=tuple(projects), territories=tuple(dataset.territories)
    )
    graphs = [project_network(p, organisations, dataset.ties) for p in projects]
    reports = [compute_report(g, context) for g in graphs]
    return compare(CALL, reports, find_overlaps(graphs, context))


def row(comparison: Comparison, project: str) -> ComparisonRow:
    return next(r for r in comparison.rows if r.project == project)


def codes(comparison: Comparison, project: str) -> list[str]:
    return [f.code for f in row(comparison, project).flags]


def test_one_row_per_application_strongest_first_and_the_strong_consortium_leads(demo: Comparison) -> None:
    assert len(demo.rows) == 8
    assert demo.rows[0].project == "p-2019-01"
    strengths = [r.strength for r in demo.rows]
    assert strengths == sorted(strengths, key=lambda s: -(s or 0))
    assert set(demo.rows[0].families) >= {"complementarity", "federation", "resilience"}


def test_the_competing_pair_appear_in_each_others_overlaps(demo: Comparison) -> None:
    assert row(demo, "p-2019-05").overlapping == ["p-2019-06"]
    assert row(demo, "p-2019-06").overlapping == ["p-2019-05"]
    assert "overlapping" in codes(demo, "p-2019-05")
    [pair] = demo.overlaps.projects
    assert len(pair.shared_members) == 5  # README: five partners in common


def test_the_scheme_duplicating_application_is_flagged_against_its_scheme(demo: Comparison) -> None:
    assert row(demo, "p-2019-04").duplicated_schemes == ["promo1618-littoral"]
    assert "scheme_duplicate" in codes(demo, "p-2019-04")
    assert [r.project for r in demo.rows if "scheme_duplicate" in codes(demo, r.project)] == ["p-2019-04"]


def test_each_demo_defect_raises_its_own_flag(demo: Comparison) -> None:
    assert codes(demo, "p-2019-01") == []
    assert {"isolated_lead", "informal_partnership"} <= set(codes(demo, "p-2019-02"))
    assert row(demo, "p-2019-02").verdict == "does_not"
    assert "silo" in codes(demo, "p-2019-03")
    assert {"no_employment_exit", "no_enterprise"} <= set(codes(demo, "p-2019-07"))


def test_a_lone_informal_partner_makes_an_isolated_lead_and_an_informal_partnership() -> None:
    # Lead and one informal partner, no declared tie: the lead's only edge is informal (formal share
    # 0 < 0.5) and not a working tie (reach 0); nobody does employment; no enterprise.
    organisations = {
        "lead": Organisation(id="lead", name="Lead", sector="social", stages=["reperage"]),
        "club": Organisation(id="club", name="Club", sector="youth_sport_culture", stages=["mobilisation"]),
    }
    project = Project(
        id="p",
        title="p",
        call="c",
        lead="lead",
        partners=[{"organisation": "club", "commitment": "informel"}],
    )
    report = compute_report(project_network(project, organisations, []))
    flags = [f.code for f in flags_of(report, Overlaps(projects=[], schemes=[]))]
    assert flags == ["no_employment_exit", "isolated_lead", "informal_partnership", "no_enterprise"]
    assert FLAGS["isolated_lead"].text("fr") == "chef de file isolé"
    assert FLAGS["isolated_lead"].text("en") == "isolated lead"


def test_rows_sort_by_any_allowed_column_with_missing_values_last(demo: Comparison) -> None:
    by_title = sort_rows(demo.rows, "title")
    assert [r.title.casefold() for r in by_title] == sorted(r.title.casefold() for r in demo.rows)
    by_flags = sort_rows(demo.rows, "flags", descending=False)
    assert [len(r.flags) for r in by_flags] == sorted(len(r.flags) for r in demo.rows)
    federation = sort_rows(demo.rows, "federation")
    assert federation[-1].project == "p-2019-02"  # the lead that federates nobody
    missing = demo.rows[0].model_copy(update={"project": "p-none", "strength": None})
    assert sort_rows([missing, *demo.rows], "strength", descending=False)[-1].project == "p-none"
    assert sort_rows([missing, *demo.rows], "strength")[-1].project == "p-none"


def test_an_unknown_sort_key_is_refused_in_french(demo: Comparison) -> None:
    with pytest.raises(UnknownSortKey, match="tri « strength; drop » inconnu"):
        sort_rows(demo.rows, "strength; drop")


def test_csv_export_reads_back_in_french_excel_form(demo: Comparison) -> None:
    data = to_csv(demo)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == row_headers("fr")
    assert lines[0][:3] == ["Candidature", "Titre", "Chef de file"]
    assert [line[0] for line in lines[1:]] == [r.project for r in demo.rows]
    strength = lines[0].index("Force du partenariat (0-100)")
    first = demo.rows[0].strength
    assert first is not None
    assert float(lines[1][strength].replace(",", ".")) == pytest.approx(first, abs=0.05)
    flags = lines[0].index("Alertes")
    assert "doublon de dispositif" in next(line for line in lines if line[0] == "p-2019-04")[flags]


def test_xlsx_export_has_a_sheet_of_rows_and_a_sheet_of_overlaps(demo: Comparison) -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(demo)))
    assert workbook.sheetnames == ["Candidatures", "Chevauchements"]
    rows = list(workbook["Candidatures"].iter_rows(values_only=True))
    assert list(rows[0]) == row_headers("fr")
    assert [r[0] for r in rows[1:]] == [r.project for r in demo.rows]
    assert isinstance(rows[1][4], float)  # numbers stay numbers
    overlaps = list(workbook["Chevauchements"].iter_rows(values_only=True))
    assert overlaps[0][:3] == ("Type", "Candidature", "Avec")
    assert [(o[0], o[1], o[2]) for o in overlaps[1:]] == [
        ("candidatures", "p-2019-05", "p-2019-06"),
        ("dispositif", "p-2019-04", "Promo 16-18 (fictive) du Littoral (promo1618-littoral)"),
    ]


def test_exports_in_english_use_english_headers(demo: Comparison) -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(demo, "en")))
    assert workbook.sheetnames == ["Applications", "Overlaps"]
    header = next(workbook["Applications"].iter_rows(values_only=True))
    assert header[0] == "Application"
    text = to_csv(demo, "en").decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Application;Title;Lead")
