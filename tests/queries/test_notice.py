"""The notice owed to the applicant (CRPA art. L311-3-1, R311-3-1-2) says what its report says."""

from __future__ import annotations

import pytest

from queries.report import compute_report
from queries.report.notice import build_notice, render_notice_html, render_notice_text
from queries.scoring import default_config, parse_config
from tests.queries.applications import Application, org


def application() -> Application:
    app = Application(org("asso", "youth_sport_culture", name="Association Horizon", stages=["reperage"]))
    app.partner(org("ml", "employment", name="Mission Locale du Pont", stages=["accompagnement"]))
    app.partner(org("ccas", "social", name="CCAS de Roubaix", stages=["levee_freins"]), "informel")
    app.partner(org("pme", "enterprise", name="Menuiserie du Nord", stages=["emploi"], subtype="sme"))
    app.declare("ml", "pme")
    app.known("ml", "ccas")
    app.declared_by("p-rival", "ccas", "pme")
    return app


def test_the_notice_has_the_four_parts_of_article_r311_3_1_2_with_the_reports_values() -> None:
    app = application()
    graph = app.network()
    report = app.report()
    notice = build_notice(report, default_config(), graph)
    text = render_notice_text(notice)
    for heading in (
        "1. Degré et mode de contribution du traitement à la décision",
        "2. Données traitées et leurs sources",
        "3. Paramètres du traitement et leur pondération, appliqués à cette candidature",
        "4. Opérations effectuées par le traitement",
    ):
        assert heading in text
    assert "aide à l'instruction" in text and "il ne prend pas la décision" in text
    # The band, the strength and every family score are the report's.
    assert report.band is not None and f"Niveau proposé : {report.band.label}." in text
    scores = {p.family: p.score for p in notice.parameters}
    for family, entry in report.families.items():
        expected = "non renseigné" if entry.score is None else f"{entry.score:g}".replace(".", ",") + " / 100"
        assert scores[family] == expected
    assert notice.config_hash == report.config_hash and notice.metrics_version == report.metrics_version


def test_the_notice_tells_declared_ties_from_known_ones_and_ignores_a_competitors() -> None:
    app = application()
    notice = build_notice(app.report(), default_config(), app.network())
    declared = next(d for d in notice.data if d.what.startswith("Les liens de travail"))
    known = next(d for d in notice.data if d.what.startswith("Les coopérations"))
    assert declared.detail == ["Mission Locale du Pont – Menuiserie du Nord"]
    assert known.detail == ["Mission Locale du Pont – CCAS de Roubaix"]
    # p-rival's tie between the CCAS and the SME is not this application's data.
    assert "CCAS de Roubaix – Menuiserie du Nord" not in render_notice_text(notice)


def test_the_weights_shown_are_the_configured_ones_and_their_shares_add_up() -> None:
    config = parse_config("[family_weights]\nfederation = 40\n")
    app = application()
    report = compute_report(app.network(), app.context(), config)
    notice = build_notice(report, config, app.network())
    federation = next(p for p in notice.parameters if p.family == "federation")
    assert federation.weight == "40"
    shares = [
        int(p.weight_share.removesuffix(" %")) for p in notice.parameters if p.weight_share.endswith("%")
    ]
    # Rounded shares of the weights of the families scored: 100 give or take the rounding.
    assert abs(sum(shares) - 100) <= len(shares)


def test_a_configuration_other_than_the_reports_is_refused() -> None:
    report = application().report()
    with pytest.raises(ValueError, match="configuration"):
        build_notice(report, parse_config("[thresholds]\nredundancy_jaccard = 0.9\n"))


def test_the_html_notice_escapes_names_and_is_in_french() -> None:
    app = application()
    app.organisations["ml"] = app.organisations["ml"].model_copy(update={"name": "Mission <Locale>"})
    html = render_notice_html(build_notice(app.report(), default_config(), app.network()))
    assert '<html lang="fr">' in html
    assert "Mission &lt;Locale&gt;" in html and "Mission <Locale>" not in html
