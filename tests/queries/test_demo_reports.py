"""On the demo territory the reports say what graph_service/demo/README.md says of each application."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.services.demo import demo_dataset
from graph_service.services.reports import ReportFormat, project_report, render_report
from graph_service.stores.sqlite import SQLiteStore
from queries.report import Report

STRONG, NOBODY, SILO, DUPLICATE, RIVAL_A, RIVAL_B, NO_EXIT, ORDINARY = (f"p-2019-0{i}" for i in range(1, 9))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = SQLiteStore(tmp_path_factory.mktemp("demo") / "demo.db")
    store.upsert_dataset(demo_dataset())
    yield store
    store.close()


@pytest.fixture(scope="module")
def reports(store) -> dict[str, Report]:
    return {p.id: project_report(store, p.id) for p in store.list_projects()}


def test_the_strong_consortium_ranks_first_and_federates(reports):
    ranking = sorted(reports, key=lambda p: -(reports[p].partnership_strength or 0))
    assert ranking[0] == STRONG
    assert reports[STRONG].federation_verdict.verdict == "federates"
    metrics = reports[STRONG].metrics
    assert metrics["stage_coverage"] == 1 and metrics["barrier_coverage"] == 1
    assert metrics["lead_formal_tie_share"] == 1
    assert metrics["sector_diversity"] == max(r.metrics["sector_diversity"] for r in reports.values())
    assert metrics["enterprise_count"] == 4 and metrics["enterprise_formal_share"] == 1
    assert metrics["scheme_articulation_share"] == 1
    assert metrics["complete_trajectory_share"] == 1 and metrics["dead_ends"] == []
    assert reports[STRONG].band.code == "tres_solide"
    assert reports[STRONG].critical_failures == []
    assert reports[STRONG].partnership_strength == reports[STRONG].strength_before_rules


def codes(report: Report) -> list[str]:
    return [f.code for f in report.critical_failures]


def test_the_lead_that_federates_nobody_gets_does_not(reports):
    report = reports[NOBODY]
    assert report.federation_verdict.verdict == "does_not"
    assert report.metrics["lead_formal_tie_share"] == 0
    assert report.metrics["lead_reach_1"] == 0
    assert report.metrics["partner_tie_density"] == 0
    assert report.metrics["density"] == pytest.approx(2 / 6, abs=5e-5)  # rounded to four decimals
    assert report.metrics["enterprise_formal_share"] == 0


def test_the_lead_that_federates_nobody_is_fragile_and_says_why(reports):
    report = reports[NOBODY]
    assert report.band.code == "fragile"
    assert codes(report) == ["does_not_federate"]
    assert "ne fédère pas" in report.critical_failures[0].text
    assert report.critical_failures[0].evidence.nodes  # the lead and its listed partners
    # Informal names on a list are no working tie: no silo is broken, no contact is effective.
    assert report.metrics["sectors_linked"] == 0
    assert report.metrics["ei_index"] is None
    assert report.families["decompartmentalisation"].score == 0
    # Burt reads the structure: a pure star of five letters has an effective size of 5; its
    # informality shows in lead_formal_tie_share (0), not in a deleted edge.
    assert report.metrics["lead_effective_size"] == 5
    assert report.metrics["lead_efficiency"] == 1
    assert report.metrics["lead_formal_tie_share"] == 0
    # Nor does any pathway run through them: no entry member reaches an exit over working ties.
    assert report.metrics["complete_trajectory_share"] == 0
    assert report.metrics["mean_handoffs"] is None
    assert report.families["trajectories"].score < 10
    assert report.partnership_strength == min(r.partnership_strength for r in reports.values())


def test_the_silo_has_no_diversity_and_the_lowest_decompartmentalisation(reports):
    report = reports[SILO]
    assert report.metrics["sector_diversity"] == 0
    assert report.metrics["ei_index"] == -1
    assert report.metrics["sectors_linked"] == 0
    assert report.metrics["barrier_coverage"] == pytest.approx(0.375)
    # Lowest of the call, level with p-2019-02 (whose listed partners have no working tie at all).
    lowest = min(r.families["decompartmentalisation"].score for r in reports.values())
    assert report.families["decompartmentalisation"].score == lowest == 0


def test_the_silo_is_capped_at_needs_strengthening(reports):
    report = reports[SILO]
    assert codes(report) == ["single_sector"]
    assert report.band.code == "a_consolider"
    # Without the rule its weighted mean would read "solide".
    assert report.strength_before_rules >= 60 > report.partnership_strength


def test_only_the_duplicate_overlaps_a_scheme(reports):
    overlaps = reports[DUPLICATE].metrics["scheme_overlaps"]
    assert [o["scheme"] for o in overlaps] == ["promo1618-littoral"]
    assert reports[DUPLICATE].metrics["scheme_articulation_share"] == pytest.approx(0.5)
    assert all(not r.metrics["scheme_overlaps"] for p, r in reports.items() if p != DUPLICATE)


def test_the_duplicate_loses_points_and_cannot_be_very_strong(reports):
    report = reports[DUPLICATE]
    assert codes(report) == ["scheme_duplicate"]
    assert report.critical_failures[0].penalty == 5
    # The scheme by its name, as a reviewer knows it, not by its id.
    assert "Promo 16-18 (fictive) du Littoral" in report.critical_failures[0].text
    assert "promo1618-littoral" not in report.critical_failures[0].text
    assert report.band.code in ("solide", "a_consolider")
    assert report.partnership_strength < report.strength_before_rules - 5 + 1e-9


def test_the_two_competitors_list_each_other_and_nobody_else_overlaps(reports):
    assert [o["project"] for o in reports[RIVAL_A].metrics["overlapping_projects"]] == [RIVAL_B]
    assert [o["project"] for o in reports[RIVAL_B].metrics["overlapping_projects"]] == [RIVAL_A]
    assert len(reports[RIVAL_A].metrics["overlapping_projects"][0]["shared_members"]) == 5
    assert all(
        not r.metrics["overlapping_projects"] for p, r in reports.items() if p not in (RIVAL_A, RIVAL_B)
    )


def test_the_application_without_exit_has_incomplete_trajectories(reports):
    metrics = reports[NO_EXIT].metrics
    assert metrics["complete_trajectory_share"] == 0
    assert metrics["exit_stage_coverage"] == 0
    assert metrics["enterprise_count"] == 0
    assert metrics["dead_ends"]
    assert metrics["stage_coverage"] == pytest.approx(4 / 6, abs=5e-5)  # rounded to four decimals
    assert codes(reports[NO_EXIT]) == ["no_exit"]
    assert reports[NO_EXIT].band.code == "a_consolider"


def test_the_weak_applications_rank_below_every_application_without_critical_failure(reports):
    clean = [r.partnership_strength for r in reports.values() if not r.critical_failures]
    for project in (NOBODY, SILO, NO_EXIT):
        assert reports[project].partnership_strength < min(clean), project


def test_the_ordinary_application_is_never_does_not_and_ranks_after_the_strong_one(reports):
    assert reports[ORDINARY].federation_verdict.verdict in ("partially", "federates")
    assert reports[ORDINARY].partnership_strength < reports[STRONG].partnership_strength


def test_json_rendering_round_trips(reports):
    document = json.loads(render_report(reports[STRONG], ReportFormat.JSON))
    assert document["project"] == STRONG
    assert document["federation_verdict"]["verdict"] == "federates"


def test_report_command_prints_text_json_and_html(tmp_path):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "demo"]).exit_code == 0
    text = runner.invoke(app, ["--db", db, "report", NOBODY])
    assert text.exit_code == 0, text.output
    assert "ne fédère pas" in text.output
    english = runner.invoke(app, ["--db", db, "report", NOBODY, "--lang", "en", "--format", "json"])
    assert json.loads(english.output)["federation_verdict"]["label"] == "does not federate"
    page = tmp_path / "rapport.html"
    html = runner.invoke(app, ["--db", db, "report", STRONG, "--format", "html", "-o", str(page)])
    assert html.exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_command_fails_cleanly_on_unknown_project_bad_language_and_bad_config(tmp_path):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    runner.invoke(app, ["--db", db, "demo"])
    missing = runner.invoke(app, ["--db", db, "report", "p-inconnu"])
    assert missing.exit_code == 1
    assert "introuvable" in missing.output
    assert runner.invoke(app, ["--db", db, "report", STRONG, "--lang", "de"]).exit_code == 2
    config = tmp_path / "notation.toml"
    config.write_text("[thresholds]\nredundancy_jaccard = 3\n", encoding="utf-8")
    bad = runner.invoke(app, ["--db", db, "report", STRONG, "--config", str(config)])
    assert bad.exit_code == 1
    assert "redundancy_jaccard" in bad.output
