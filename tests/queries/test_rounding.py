"""Report values are rounded where they leave the system: four decimals for indices, one for scores."""

from __future__ import annotations

import networkx as nx

from queries.report import compute_report
from queries.report.rounding import round_score, round_values


def test_floats_inside_metric_values_keep_four_decimals_and_other_values_stay():
    value = {"share": 1 / 3, "pairs": [("a", "b", 2 / 3)], "count": 7, "flag": True, "none": None}
    assert round_values(value) == {
        "share": 0.3333,
        "pairs": [("a", "b", 0.6667)],
        "count": 7,
        "flag": True,
        "none": None,
    }


def test_a_value_rounding_to_zero_from_below_prints_as_zero_not_minus_zero():
    # Two correct sums may land on either side of 0; the JSON must not say "-0.0" for one.
    assert str(round_values(-1e-17)) == "0.0"
    assert str(round_score(-0.01)) == "0.0"


def test_scores_keep_one_decimal():
    assert round_score(66.66666) == 66.7
    assert round_score(None) is None


def _decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def test_every_float_of_a_report_has_at_most_four_decimals_and_scores_one():
    # A 7-cycle with a lead: betweenness, closeness and density are thirds and sevenths.
    graph = nx.cycle_graph(7)
    nx.relabel_nodes(graph, {i: f"m{i}" for i in range(7)}, copy=False)
    graph.graph["lead"] = "m0"
    report = compute_report(graph)
    floats: list[float] = []

    def collect(value: object) -> None:
        if isinstance(value, float):
            floats.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    collect(report.metrics)
    collect(report.details)
    assert floats and all(_decimals(v) <= 4 for v in floats)
    assert report.metrics["density"] == 0.3333  # 7 edges of 21 pairs
    scores = [f.score for f in report.families.values() if f.score is not None]
    assert all(_decimals(s) <= 1 for s in [*scores, report.partnership_strength or 0.0])
