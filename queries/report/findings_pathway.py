"""Findings on where the pathway leads: schemes, enterprises, trajectories, resilience."""

from __future__ import annotations

import networkx as nx

from graph_service.domain.vocabulary import Lang, label
from queries.metrics import Evidence
from queries.report.labels import number, percent, tr
from queries.report.wording import Finding, Findings, Measures, labels_of, name_of, names_of
from queries.scoring import ScoringConfig


def write_schemes(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out = Findings(lang)
    share = m["scheme_articulation_share"]
    if share.value is None:
        out.add(
            "Aucun dispositif local connu sur les territoires du projet.",
            "No local scheme is known on the project's territories.",
            Evidence(),
        )
    else:
        out.add(
            f"Le projet s'articule avec {percent(share.value, lang)} des dispositifs actifs sur ses territoires.",
            f"The project articulates with {percent(share.value, lang)} of the schemes active on its territories.",
            share.evidence,
        )
    missing = m["missing_key_schemes"]
    if missing.value:
        out.add(
            f"Dispositifs clés présents mais non articulés : {', '.join(missing.value)}.",
            f"Key schemes present but not articulated: {', '.join(missing.value)}.",
            missing.evidence,
        )
    return out


def write_enterprise(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out = Findings(lang)
    count = m["enterprise_count"]
    by_type = m["enterprises_by_subtype"].value or {}
    detail = ", ".join(f"{label(k, lang)} {v}" for k, v in by_type.items())
    out.add(
        f"{count.value} entreprise(s) partenaire(s)" + (f" : {detail}." if detail else "."),
        f"{count.value} enterprise partner(s)" + (f": {detail}." if detail else "."),
        count.evidence,
    )
    exits = m["exit_stage_coverage"]
    if exits.detail.get("missing"):
        out.add(
            f"Étapes de sortie non couvertes : {labels_of(exits.detail['missing'], lang)}.",
            f"Exit stages not covered: {labels_of(exits.detail['missing'], lang)}.",
            exits.evidence,
        )
    return out


def write_trajectories(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out = Findings(lang)
    complete = m["complete_trajectory_share"]
    if complete.detail.get("no_entry"):
        out.add(
            "Aucun membre ne fait de repérage : aucune trajectoire ne commence.",
            "No member does outreach: no trajectory starts.",
            Evidence(),
        )
    else:
        out.add(
            f"{percent(complete.value, lang)} des membres qui repèrent sont reliés à un membre de formation ou d'emploi.",
            f"{percent(complete.value, lang)} of outreach members are linked to a training or employment member.",
            complete.evidence,
        )
    handoffs = m["mean_handoffs"]
    if handoffs.value is not None:
        out.add(
            f"Relais moyens du repérage à la sortie : {number(handoffs.value, lang)}.",
            f"Mean hand-offs from outreach to exit: {number(handoffs.value, lang)}.",
            handoffs.evidence,
        )
    ends = m["dead_ends"]
    if ends.value:
        out.add(
            f"Impasses (aucun relais vers une étape suivante) : {names_of(g, ends.value)}.",
            f"Dead ends (no hand-off to a later stage): {names_of(g, ends.value)}.",
            ends.evidence,
        )
    return out


def write_resilience(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out = Findings(lang)
    spof = m["single_points_of_failure"]
    for node in spof.value or []:
        info = spof.detail[node]
        reasons = []
        if info["stages"]:
            reasons.append(
                tr(
                    lang,
                    f"seul à couvrir {labels_of(info['stages'], lang)}",
                    f"sole provider of {labels_of(info['stages'], lang)}",
                )
            )
        if info["splits"]:
            reasons.append(tr(lang, "son départ couperait le réseau", "its loss would split the network"))
        out.append(
            (
                f"{name_of(g, node)} : " + " ; ".join(reasons) + "."
                if lang == "fr"
                else f"{name_of(g, node)}: " + "; ".join(reasons) + ".",
                Evidence(nodes=(node,)),
            )
        )
    if not spof.value:
        out.add(
            "Aucun membre n'est un point de fragilité unique.",
            "No member is a single point of failure.",
            Evidence(),
        )
    return out
