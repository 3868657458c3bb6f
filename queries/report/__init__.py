"""The partnership report of one project: metrics, family scores, findings, verdict, strength.

Public API
----------
``compute_report(graph, context=EMPTY_CONTEXT, config=None, lang="fr", generated_at=None) -> Report``
    ``graph`` is N(P); ``context`` a :class:`~queries.metrics.ProjectContext`; ``config`` a
    :class:`~queries.scoring.ScoringConfig` (the defaults when ``None``; the call's overrides are
    applied here from the graph's ``call``). ``Report.model_dump(mode="json")`` is the JSON
    report: ``metrics`` (every DESIGN.md key → value), ``families`` (score, metrics, findings,
    evidence), ``federation_verdict``, ``partnership_strength`` (after the critical failures),
    ``strength_before_rules`` (the weighted mean of the families), ``critical_failures`` (each
    rule of ``default_scoring.toml`` that fired: why, its effect, its evidence), ``band``, ``config_hash``,
    ``metrics_version``, project id and title, ``generated_at``.
``render_text(report)`` / ``render_html(report)`` (:mod:`queries.report.render`)
    The same report for a terminal or for print (A4).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel

from graph_service.domain.vocabulary import Lang
from queries.metrics import (
    EMPTY_CONTEXT,
    FAMILY_METRICS,
    Evidence,
    Measure,
    ProjectContext,
    compute_metrics,
)
from queries.metrics._common import lead_of
from queries.report.evidence import EvidenceConverter, EvidenceOut
from queries.report.findings import findings
from queries.report.labels import FAMILY_LABELS, VERDICT_LABELS, number, percent, pick, tr
from queries.report.rounding import Score, Values
from queries.report.scores import (
    Criterion,
    Failure,
    apply_failures,
    critical_failures,
    family_scores,
    largest_sector_share,
    strength,
    unreported_families,
    unreported_values,
    verdict,
)
from queries.scoring import FAMILIES, METRICS_VERSION, ScoringConfig, default_config

Verdict = Literal["federates", "partially", "does_not"]


class FindingOut(BaseModel):
    text: str
    evidence: EvidenceOut


class FamilyReport(BaseModel):
    label: str
    score: Score
    metrics: Values
    findings: list[FindingOut]
    evidence: dict[str, EvidenceOut]


class FederationVerdict(BaseModel):
    verdict: Verdict
    label: str
    reasons: list[str]


class BandOut(BaseModel):
    code: str
    label: str


class CriticalFailure(BaseModel):
    """A critical failure of the call's success factors and what it did to the strength."""

    code: str
    text: str
    penalty: float
    max_band: str | None
    evidence: EvidenceOut


class Report(BaseModel):
    project: str | None
    title: str | None
    call: str | None
    lead: str | None
    lead_name: str | None
    lang: Lang
    generated_at: str
    metrics_version: str
    config_hash: str
    members: int
    metrics: Values
    details: Values
    families: dict[str, FamilyReport]
    federation_verdict: FederationVerdict
    partnership_strength: Score
    strength_before_rules: Score
    critical_failures: list[CriticalFailure]
    band: BandOut | None
    # Families « non renseigné »: the application's source did not ask for their data.
    unreported: list[str] = []


def _merged(parts: Any) -> Evidence:
    found = Evidence()
    for part in parts:
        found = found | part
    return found


def _reason(criterion: Criterion, lang: Lang, graph: nx.Graph | None = None) -> str:
    # Written in the report's language only, each number formatted once.
    fr = lang == "fr"
    code, v, t = criterion.code, criterion.value, criterion.target
    if code == "hub":
        if criterion.met:
            return tr(
                lang,
                "Le porteur est le pivot du réseau de travail : aucun autre membre n'est aussi central.",
                "The lead is the hub of the working network: no other member is as central.",
            )
        names = ", ".join(str(graph.nodes[n].get("name") or n) if graph is not None else str(n) for n in v)
        return tr(
            lang,
            f"Aussi central que le porteur dans le réseau de travail (intermédiarité) : {names}.",
            f"As central as the lead in the working network (betweenness): {names}.",
        )
    if code == "formal_ties":
        v, t = percent(v, lang), percent(t, lang)
        return (
            f"Liens formels du porteur : {v} (attendu ≥ {t})."
            if fr
            else f"Lead's formal ties: {v} (expected ≥ {t})."
        )
    if code == "reach":
        v, t = percent(v, lang), percent(t, lang)
        return (
            f"Membres atteints en deux pas par des liens effectifs : {v} (attendu ≥ {t})."
            if fr
            else f"Members reached within two steps through working ties: {v} (expected ≥ {t})."
        )
    if code == "partner_ties":
        v, t = number(v, lang), number(t, lang)
        return (
            f"Densité des liens entre partenaires (déclarés ou connus) : {v} (attendu ≥ {t})."
            if fr
            else f"Density of ties among partners (declared or known): {v} (expected ≥ {t})."
        )
    if code == "cohesion":
        if criterion.met:
            return (
                "Les partenaires restent reliés entre eux sans le porteur."
                if fr
                else "Partners stay connected without the lead."
            )
        return (
            f"Sans le porteur, les partenaires se séparent en {v} groupes."
            if fr
            else f"Without the lead, partners fall into {v} groups."
        )
    v = number(v, lang)
    return (
        f"Secteurs atteints par le porteur hors le sien : {v} (attendu ≥ {t})."
        if fr
        else f"Sectors the lead reaches beyond its own: {v} (expected ≥ {t})."
    )


# The metric whose evidence backs each critical failure.
_FAILURE_EVIDENCE = {
    "does_not_federate": ("lead_formal_tie_share", "partner_tie_density"),
    "no_exit": ("exit_stage_coverage",),
    "single_sector": ("sector_diversity",),
    "too_small": ("stage_coverage",),
    "scheme_duplicate": ("scheme_overlaps",),
}


def _failure_text(failure: Failure, config: ScoringConfig, lang: Lang) -> str:
    if failure.code == "does_not_federate":
        text = tr(
            lang,
            "Le porteur ne fédère pas ses partenaires (verdict « ne fédère pas ») : partenaires listés "
            "sans lien de travail entre eux.",
            "The lead does not federate its partners (verdict “does not federate”): partners listed "
            "with no working tie between them.",
        )
    elif failure.code == "no_exit":
        text = tr(
            lang,
            "Aucune sortie : aucun membre ne fait de formation ni d'emploi, les parcours n'aboutissent pas.",
            "No exit: no member provides training or employment, pathways lead nowhere.",
        )
    elif failure.code == "single_sector":
        share = percent(config.thresholds.silo_sector_share, lang)
        text = tr(
            lang,
            f"Partenariat cloisonné : un même secteur rassemble au moins {share} des membres, porteur compris.",
            f"Siloed partnership: one sector holds at least {share} of the members, lead included.",
        )
    elif failure.code == "too_small":
        t = config.thresholds
        text = tr(
            lang,
            f"Partenariat trop restreint pour être solide : moins de {t.solid_min_partners} partenaires "
            f"ou moins de {percent(t.solid_min_stage_coverage, lang)} des étapes du parcours couvertes.",
            f"Partnership too small to be strong: fewer than {t.solid_min_partners} partners or less "
            f"than {percent(t.solid_min_stage_coverage, lang)} of the pathway stages covered.",
        )
    else:
        schemes = ", ".join(failure.items)
        text = tr(
            lang,
            f"Doublon de dispositif sans articulation : {schemes}.",
            f"Duplicates a scheme it does not articulate with: {schemes}.",
        )
    effects = []
    if failure.penalty:
        effects.append(f"−{number(failure.penalty, lang, 1)} points")
    band = next((b for b in config.bands if b.code == failure.max_band), None)
    if band is not None:
        label = band.fr if lang == "fr" else band.en
        effects.append(tr(lang, f"niveau plafonné à « {label} »", f"band capped at “{label}”"))
    if not effects:
        return text
    return text + tr(lang, f" Effet : {', '.join(effects)}.", f" Effect: {', '.join(effects)}.")


def compute_report(
    graph: nx.Graph,
    context: ProjectContext = EMPTY_CONTEXT,
    config: ScoringConfig | None = None,
    lang: Lang = "fr",
    generated_at: datetime | None = None,
) -> Report:
    """Measure N(P) and write its report (see the module docstring).

    The report is assembled as plain data and validated once by pydantic, which rounds its values
    (:mod:`queries.report.rounding`).
    """
    base = config or default_config()
    effective = base.for_call(graph.graph.get("call"))
    measures = compute_metrics(graph, context, effective)
    unreported = list(graph.graph.get("unreported") or ())
    values = unreported_values({key: m.value for key, m in measures.items()}, unreported)
    details = {key: m.detail for key, m in measures.items() if m.detail}
    scores = family_scores(values, len(graph), effective)
    missing = unreported_families(unreported)
    for family in missing:
        scores[family] = None  # « non renseigné »: out of the strength's mean
    # Several metrics give the same evidence (the lead alone, every member…), and a metric's
    # evidence backs its family entry and often a finding: each content is converted once.
    convert = EvidenceConverter()
    code, criteria = verdict(values, effective, details)
    raw = strength(scores, effective)
    _, share = largest_sector_share([data.get("sector") for _, data in graph.nodes(data=True)])
    failures = critical_failures(values, len(graph), code, effective, share)
    total = apply_failures(raw, failures, effective)
    band = effective.band(total)
    lead = lead_of(graph)
    band_label = (band.fr if lang == "fr" else band.en) if band else None
    if band_label is not None and missing:
        names = ", ".join(pick(FAMILY_LABELS[f], lang) for f in missing)
        band_label += tr(
            lang, f" (non renseigné, hors moyenne : {names})", f" (not provided, left out: {names})"
        )
    return Report.model_validate(
        {
            "project": graph.graph.get("project"),
            "title": graph.graph.get("title"),
            "call": graph.graph.get("call"),
            "lead": lead,
            "lead_name": str(graph.nodes[lead].get("name") or lead) if lead is not None else None,
            "lang": lang,
            "generated_at": (generated_at or datetime.now(UTC)).isoformat(timespec="seconds"),
            "metrics_version": METRICS_VERSION,
            "config_hash": base.digest(),
            "members": len(graph),
            "metrics": values,
            "details": details,
            "families": _families(graph, measures, values, scores, effective, lang, convert),
            "federation_verdict": _federation_verdict(graph, code, criteria, lang),
            "partnership_strength": total,
            "strength_before_rules": raw,
            "critical_failures": [_failure(f, measures, effective, lang, convert) for f in failures],
            "band": {"code": band.code, "label": band_label} if band else None,
            "unreported": missing,
        }
    )


def _families(
    graph: nx.Graph,
    measures: dict[str, Measure],
    values: dict[str, Any],
    scores: dict[str, float | None],
    config: ScoringConfig,
    lang: Lang,
    convert: Callable[[Evidence], EvidenceOut],
) -> dict[str, dict[str, Any]]:
    """Each family's entry of the report: label, score, metrics, findings and evidence."""
    return {
        family: {
            "label": pick(FAMILY_LABELS[family], lang),
            "score": scores[family],
            "metrics": {key: values[key] for key in FAMILY_METRICS[family]},
            "findings": [
                {"text": text, "evidence": convert(evidence)}
                for text, evidence in findings(family, graph, measures, lang, config)
            ],
            "evidence": {key: convert(measures[key].evidence) for key in FAMILY_METRICS[family]},
        }
        for family in FAMILIES
    }


def _federation_verdict(graph: nx.Graph, code: str, criteria: list[Criterion], lang: Lang) -> dict[str, Any]:
    """The verdict with its label and the reason behind each criterion.

    Ties the source never asked for (``unreported``) replace their two criteria by one line that
    says so; with fewer than two partners there is no network between partners to hold together.
    """
    ties_missing = "ties" in (graph.graph.get("unreported") or ())
    few = len(graph) < 3
    reasons = [
        _reason(c, lang, graph)
        for c in criteria
        if not (ties_missing and c.code in ("partner_ties", "cohesion"))
        and not (few and c.code == "cohesion")
    ]
    if lead_of(graph) is not None and len(graph) < 2:
        reasons.insert(0, tr(lang, "Le porteur n'a aucun partenaire.", "The lead has no partner."))
    elif lead_of(graph) is not None and len(graph) == 2:
        reasons.append(
            tr(
                lang,
                "Un seul partenaire : il n'y a pas encore de réseau entre partenaires.",
                "A single partner: there is no network between partners yet.",
            )
        )
    if ties_missing:
        reasons.append(
            tr(
                lang,
                "Liens entre partenaires non renseignés : la source du dossier ne les demandait pas.",
                "Ties between partners not provided: the application's source did not ask for them.",
            )
        )
    return {"verdict": code, "label": pick(VERDICT_LABELS[code], lang), "reasons": reasons}


def _failure(
    failure: Failure,
    measures: dict[str, Measure],
    config: ScoringConfig,
    lang: Lang,
    convert: Callable[[Evidence], EvidenceOut],
) -> dict[str, Any]:
    """A critical failure as the report shows it, with the evidence of the metrics behind it."""
    evidence = _merged(measures[key].evidence for key in _FAILURE_EVIDENCE[failure.code])
    return {
        "code": failure.code,
        "text": _failure_text(failure, config, lang),
        "penalty": failure.penalty,
        "max_band": failure.max_band,
        "evidence": convert(evidence),
    }


__all__ = ["CriticalFailure", "FamilyReport", "FederationVerdict", "FindingOut", "Report", "compute_report"]
