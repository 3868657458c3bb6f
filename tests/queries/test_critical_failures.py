"""Critical failures of the call's success factors cap the band, with their reason in the report.

Bands of the defaults: fragile [0, 40), à consolider [40, 60), solide [60, 80), très solide
[80, 100]. A capped strength s is rescaled into its band, min + s × (upper − min) / 100, when that
is lower than s.
"""

from __future__ import annotations

import pytest

from graph_service.domain.models import Scheme
from queries.metrics import ProjectContext
from queries.report import compute_report
from queries.report.scores import Failure, apply_failures, critical_failures
from queries.scoring import ConfigError, default_config, parse_config
from tests.queries.networks import FIVE_SECTORS as SECTORS
from tests.queries.networks import FIVE_STAGES as STAGES
from tests.queries.networks import network

TIES = [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")]


def codes(report) -> list[str]:
    return [f.code for f in report.critical_failures]


def test_a_sound_consortium_has_no_critical_failure_and_keeps_its_mean():
    report = compute_report(network("l", list("abcd"), sectors=SECTORS, stages=STAGES, ties=TIES))
    assert report.critical_failures == []
    assert report.partnership_strength == report.strength_before_rules


def test_a_lead_that_federates_nobody_is_capped_at_fragile():
    report = compute_report(network("l", dict.fromkeys("abcd", "informel"), sectors=SECTORS, stages=STAGES))
    assert report.federation_verdict.verdict == "does_not"
    assert codes(report) == ["does_not_federate"]
    assert report.band.code == "fragile"
    # Rescaled into [0, 40): s × 0.4.
    assert report.partnership_strength == pytest.approx(round(report.strength_before_rules * 0.4, 1))
    assert "fragile" in report.critical_failures[0].text


def test_no_exit_caps_at_needs_strengthening():
    stages = {**STAGES, "c": ["accompagnement"], "d": ["levee_freins"]}
    report = compute_report(network("l", list("abcd"), sectors=SECTORS, stages=stages, ties=TIES))
    assert report.metrics["exit_stage_coverage"] == 0
    assert codes(report) == ["no_exit"]
    assert report.band.code in ("a_consolider", "fragile")
    assert report.partnership_strength < 60
    assert report.critical_failures[0].evidence is not None


def test_a_single_sector_partnership_caps_at_needs_strengthening():
    report = compute_report(network("l", list("abcd"), stages=STAGES, ties=TIES))  # all "social"
    assert report.metrics["sector_diversity"] == 0
    assert codes(report) == ["single_sector"]
    assert report.strength_before_rules >= 60 > report.partnership_strength >= 40
    assert report.partnership_strength == pytest.approx(round(40 + report.strength_before_rules * 0.2, 1))


def test_duplicating_a_scheme_costs_points_and_caps_at_strong():
    graph = network(
        "l",
        list("abcd"),
        sectors=SECTORS,
        stages=STAGES,
        ties=TIES,
        project={"territories": ["59512"], "publics": ["neet_16_25"]},
    )
    scheme = Scheme(
        id="promo",
        name="Promo",
        kind="promo_16_18",
        territories=["59512"],
        stages=["reperage"],
        publics=["neet_16_25"],
    )
    report = compute_report(graph, ProjectContext(schemes=(scheme,)))
    assert codes(report) == ["scheme_duplicate"]
    failure = report.critical_failures[0]
    assert failure.penalty == 5 and failure.max_band == "solide"
    assert "promo" in failure.evidence.nodes
    lowered = report.strength_before_rules - 5
    assert report.partnership_strength == pytest.approx(min(lowered, round(60 + lowered * 0.2, 1)))
    assert report.band.code != "tres_solide"


def test_rescaling_by_hand():
    config = default_config()
    fragile = Failure("does_not_federate", 0.0, "fragile")
    consolidate = Failure("no_exit", 0.0, "a_consolider")
    duplicate = Failure("scheme_duplicate", 5.0, "solide", ("s",))
    assert apply_failures(69.8, [fragile], config) == 27.9  # 69.8 × 0.4 = 27.92
    assert apply_failures(81.8, [duplicate], config) == 75.4  # 60 + 76.8 × 0.2 = 75.36
    assert apply_failures(30.0, [consolidate], config) == 30.0  # already below the cap
    assert apply_failures(100.0, [consolidate], config) == 59.9  # stays below the band above
    # Several caps: the lowest band wins, applied once to the unscaled value.
    assert apply_failures(69.8, [consolidate, fragile], config) == 27.9
    assert apply_failures(69.8, [], config) == 69.8
    assert apply_failures(None, [fragile], config) is None


def test_capped_applications_keep_their_order():
    config = default_config()
    fragile = [Failure("does_not_federate", 0.0, "fragile")]
    values = [apply_failures(s, fragile, config) for s in (45.0, 60.0, 75.0, 99.0)]
    assert values == sorted(values) and len(set(values)) == 4


def test_a_disabled_rule_does_not_fire():
    config = parse_config("[critical.single_sector]\nenabled = false\n")
    report = compute_report(network("l", list("abcd"), stages=STAGES, ties=TIES), config=config)
    assert report.critical_failures == []
    assert report.partnership_strength == report.strength_before_rules


def test_rules_and_their_bands_are_checked_when_read():
    with pytest.raises(ConfigError, match="règle inconnue"):
        parse_config("[critical.nobody_home]\nmax_band = 'fragile'\n")
    with pytest.raises(ConfigError, match="niveau inconnu"):
        parse_config("[critical.no_exit]\nmax_band = 'excellent'\n")


def test_a_call_can_soften_a_rule():
    config = parse_config('[calls."call".critical.no_exit]\nmax_band = "solide"\n').for_call("call")
    assert config.critical["no_exit"].max_band == "solide"
    assert config.critical["does_not_federate"].max_band == "fragile"


def test_rules_fire_on_the_values_alone():
    config = default_config()
    values = {
        "scheme_overlaps": [{"scheme": "x"}, {"scheme": "y"}],
        "exit_stage_coverage": 0.5,
        "sector_diversity": 0.4,
        "stage_coverage": 0.5,
    }
    found = critical_failures(values, 5, "partially", config)
    assert [(f.code, f.penalty, f.items) for f in found] == [("scheme_duplicate", 10.0, ("x", "y"))]
    alone = critical_failures({**values, "scheme_overlaps": []}, 1, "does_not", config)
    assert [f.code for f in alone] == ["does_not_federate"]  # one member: no sector rule


def test_english_report_explains_the_cap():
    report = compute_report(network("l", dict.fromkeys("abcd", "informel"), sectors=SECTORS), lang="en")
    assert "band capped at “fragile”" in report.critical_failures[0].text


@pytest.mark.parametrize(
    ("members", "coverage", "fires"),
    [
        (2, 1.0, True),  # one partner: not a network, however complete
        (3, 1.0, True),  # two partners
        (4, 0.5, False),  # three partners covering half the stages: enough
        (4, 2 / 6, True),  # three partners covering 2 of 6 stages: too few stages
        (4, None, False),  # stages « non renseigné »: not held against it
        (1, 0.0, False),  # a lead alone is does_not_federate's case
    ],
)
def test_a_partnership_too_small_is_capped_below_solide(
    members: int, coverage: float | None, fires: bool
) -> None:
    values = {
        "scheme_overlaps": [],
        "exit_stage_coverage": 0.5,
        "sector_diversity": 0.4,
        "stage_coverage": coverage,
    }
    found = critical_failures(values, members, "partially", default_config())
    assert ("too_small" in [f.code for f in found]) is fires
    if fires:
        assert [f.max_band for f in found if f.code == "too_small"] == ["a_consolider"]
