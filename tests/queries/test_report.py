"""The report: every DESIGN.md key, family scores, verdict, JSON without NaN, text and HTML."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime

import networkx as nx
import pytest

from queries.metrics import METRIC_KEYS
from queries.report import compute_report
from queries.report.render import render_html, render_text
from queries.report.wording import names_of
from queries.scoring import METRICS_VERSION, default_config, parse_config
from tests.queries.networks import FIVE_SECTORS as SECTORS
from tests.queries.networks import FIVE_STAGES as STAGES
from tests.queries.networks import network

DESIGN_KEYS = [
    "stage_coverage",
    "barrier_coverage",
    "public_coverage",
    "territory_coverage",
    "unique_contributions",
    "mean_capability_distance",
    "sector_diversity",
    "redundant_pairs",
    "lead_effective_size",
    "lead_efficiency",
    "lead_constraint",
    "scheme_overlaps",
    "overlapping_projects",
    "lead_reach_1",
    "lead_reach_2",
    "lead_degree_centrality",
    "lead_betweenness",
    "lead_closeness",
    "lead_betweenness_rank",
    "degree_centralization",
    "lead_sectors_spanned",
    "lead_formal_tie_share",
    "lead_brokerage",
    "density",
    "components_without_lead",
    "governance_form",
    "ei_index",
    "lead_ei_index",
    "sector_modularity",
    "sectors_linked",
    "articulated_schemes",
    "scheme_articulation_share",
    "missing_key_schemes",
    "enterprise_count",
    "enterprises_by_subtype",
    "enterprise_formal_share",
    "exit_stage_coverage",
    "complete_trajectory_share",
    "mean_handoffs",
    "dead_ends",
    "articulation_points",
    "single_points_of_failure",
]


def consortium():
    return network(
        "l",
        ["a", "b", "c", "d"],
        sectors=SECTORS,
        stages=STAGES,
        ties=[("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")],
    )


def names_only():
    return network("l", dict.fromkeys("abcd", "informel"), sectors=SECTORS, stages=STAGES)


def test_every_design_key_is_a_metric_of_the_report():
    assert set(DESIGN_KEYS) <= set(METRIC_KEYS)
    report = compute_report(consortium())
    assert set(DESIGN_KEYS) <= set(report.metrics)


def test_json_report_is_plain_json_without_nan():
    document = compute_report(consortium()).model_dump(mode="json")
    text = json.dumps(document, allow_nan=False)
    assert json.loads(text)["metrics_version"] == METRICS_VERSION
    for family in document["families"].values():
        assert family["score"] is None or 0 <= family["score"] <= 100
        for finding in family["findings"]:
            assert set(finding["evidence"]) == {"nodes", "ties", "edges"}


def test_report_carries_the_config_hash_and_the_project_identity():
    report = compute_report(consortium(), generated_at=datetime(2026, 1, 2, tzinfo=UTC))
    assert report.config_hash == default_config().digest()
    assert report.project == "p" and report.lead == "l" and report.lead_name == "L"
    assert report.generated_at == "2026-01-02T00:00:00+00:00"
    other = compute_report(consortium(), config=parse_config("[thresholds]\nsectors_target = 4\n"))
    assert other.config_hash != report.config_hash


def test_tied_formal_consortium_federates_and_a_list_of_informal_names_does_not():
    strong = compute_report(consortium())
    weak = compute_report(names_only())
    assert strong.federation_verdict.verdict == "federates"
    assert weak.federation_verdict.verdict == "does_not"
    assert strong.families["federation"].score > weak.families["federation"].score
    assert strong.partnership_strength > weak.partnership_strength
    assert any("0\u202f%" in reason for reason in weak.federation_verdict.reasons)


def test_lead_alone_gets_a_report_that_says_so():
    report = compute_report(network("l", [], sectors={"l": "social"}))
    assert report.federation_verdict.verdict == "does_not"
    assert report.federation_verdict.reasons[0] == "Le porteur n'a aucun partenaire."
    assert report.metrics["lead_effective_size"] is None
    json.dumps(report.model_dump(mode="json"), allow_nan=False)


def test_english_report_speaks_english():
    report = compute_report(names_only(), lang="en")
    assert report.federation_verdict.label == "does not federate"
    assert report.families["federation"].label == "Federation by the lead"
    assert "Partnership strength" in render_text(report)


def test_findings_carry_evidence_node_ids():
    report = compute_report(names_only())
    informal = next(f for f in report.families["federation"].findings if "informels" in f.text)
    assert "l" in informal.evidence.nodes


def test_strength_is_the_weighted_mean_of_family_scores():
    report = compute_report(consortium())
    weights = default_config().family_weights
    scored = {f: r.score for f, r in report.families.items() if r.score is not None}
    expected = sum(weights[f] * s for f, s in scored.items()) / sum(weights[f] for f in scored)
    assert report.partnership_strength == pytest.approx(expected, abs=0.06)
    assert not math.isnan(report.partnership_strength)


def test_html_escapes_names_and_prints_on_a4():
    graph = consortium()
    graph.nodes["c"]["name"] = "<script>alert(1)</script>"  # c brings emploi alone: named
    graph.graph["title"] = "Titre & <b>gras</b>"
    html = render_html(compute_report(graph))
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;gras&lt;/b&gt;" in html
    assert "@page" in html and "A4" in html
    assert "http://" not in html and "https://" not in html


def test_text_report_lists_every_family():
    text = render_text(compute_report(consortium()))
    for label in ("Complémentarité", "Non-redondance", "Décloisonnement", "Trajectoires", "Résilience"):
        assert label in text


def test_names_of_lists_the_first_six_names_and_counts_the_others():
    graph = nx.Graph()
    graph.add_nodes_from((f"m{i}", {"name": f"Member {i}"}) for i in range(9))
    shown = "Member 0, Member 1, Member 2, Member 3, Member 4, Member 5"
    assert names_of(graph, [f"m{i}" for i in range(9)]) == shown + " (+3)"
    # Any iterable (a generator is read once), and ids outside the network as they are.
    assert names_of(graph, (f"m{i}" for i in range(9))) == shown + " (+3)"
    assert names_of(graph, ("m0", "x")) == "Member 0, x"
