"""The reviewers' methodology names every indicator and every configurable threshold."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from queries.metrics import METRIC_KEYS
from queries.scoring import CRITICAL_RULES, DEFAULT_CONFIG_PATH, FAMILIES, Thresholds

# The document the pages serve (graph_service/web/methodology.py reads the same path).
METHODOLOGY = Path(__file__).resolve().parents[2] / "docs" / "methodologie.md"
TEXT = METHODOLOGY.read_text(encoding="utf-8")
DEFAULTS = tomllib.loads(DEFAULT_CONFIG_PATH.read_text(encoding="utf-8"))


def named(key: str) -> bool:
    """Whether the methodology names ``key`` as code (between backquotes)."""
    return f"`{key}`" in TEXT


def test_every_metric_key_is_in_the_methodology() -> None:
    assert [key for key in METRIC_KEYS if not named(key)] == []


def test_every_threshold_of_the_default_scoring_is_in_the_methodology_with_its_default() -> None:
    thresholds = {**DEFAULTS["thresholds"], **{k: v.default for k, v in Thresholds.model_fields.items()}}
    assert [key for key in thresholds if not named(key)] == []
    for key, value in DEFAULTS["thresholds"].items():
        row = re.search(rf"^\| `{key}` \| ([^|]+) \|", TEXT, re.MULTILINE)
        assert row is not None, key
        assert row.group(1).strip() == f"{value:g}".replace(".", ","), key


def test_every_critical_rule_and_family_weight_is_in_the_methodology() -> None:
    assert [rule for rule in CRITICAL_RULES if not named(rule)] == []
    assert named("family_weights")
    weights = DEFAULTS["family_weights"]
    assert set(weights) == set(FAMILIES)
    # The weights are written out in words, each with its default value.
    for family, word in [
        ("complementarity", "complémentarité"),
        ("redundancy", "redondance"),
        ("federation", "fédération"),
        ("decompartmentalisation", "décloisonnement"),
        ("scheme_articulation", "articulation avec les dispositifs"),
        ("enterprise_downstream", "entreprises en aval"),
        ("trajectories", "trajectoires"),
        ("resilience", "résilience"),
    ]:
        assert f"{word} {weights[family]:g}" in TEXT, family


def test_the_methodology_describes_the_three_views_and_the_edges_left_out() -> None:
    for view in ("**structure**", "**travail**", "**entre partenaires**"):
        assert view in TEXT
    assert "Exclus de N(P)" in TEXT
