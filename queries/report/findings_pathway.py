"""Findings on where the pathway leads: schemes, enterprises, trajectories, resilience.

Each sentence is written in the report's language only (``fr`` chooses between the two
wordings), each number or list of names formatted once.
"""

from __future__ import annotations

import networkx as nx

from graph_service.domain.french import count, count_en
from graph_service.domain.vocabulary import Lang, label
from queries.metrics import Evidence
from queries.report.labels import number, percent
from queries.report.wording import Finding, Measures, labels_of, name_of, names_of
from queries.scoring import ScoringConfig


def write_schemes(graph: nx.Graph, measures: Measures, lang: Lang, config: ScoringConfig) -> list[Finding]:
    fr = lang == "fr"
    out: list[Finding] = []
    share = measures["scheme_articulation_share"]
    if share.value is None:
        out.append(
            (
                "Aucun dispositif local connu sur les territoires du projet."
                if fr
                else "No local scheme is known on the project's territories.",
                Evidence(),
            )
        )
    else:
        value = percent(share.value, lang)
        out.append(
            (
                f"Le projet s'articule avec {value} des dispositifs actifs sur ses territoires."
                if fr
                else f"The project articulates with {value} of the schemes active on its territories.",
                share.evidence,
            )
        )
    missing = measures["missing_key_schemes"]
    if missing.value:
        schemes = ", ".join(missing.value)
        out.append(
            (
                f"Dispositifs clés présents mais non articulés : {schemes}."
                if fr
                else f"Key schemes present but not articulated: {schemes}.",
                missing.evidence,
            )
        )
    return out


def write_enterprise(graph: nx.Graph, measures: Measures, lang: Lang, config: ScoringConfig) -> list[Finding]:
    fr = lang == "fr"
    out: list[Finding] = []
    enterprises = measures["enterprise_count"]
    by_type = measures["enterprises_by_subtype"].value or {}
    detail = ", ".join(f"{label(k, lang)} {v}" for k, v in by_type.items())
    if fr:
        text = count(enterprises.value, "entreprise partenaire") + (f" : {detail}." if detail else ".")
    else:
        text = count_en(enterprises.value, "enterprise partner") + (f": {detail}." if detail else ".")
    out.append((text, enterprises.evidence))
    exits = measures["exit_stage_coverage"]
    if exits.detail.get("missing"):
        stages = labels_of(exits.detail["missing"], lang)
        out.append(
            (
                f"Étapes de sortie non couvertes : {stages}."
                if fr
                else f"Exit stages not covered: {stages}.",
                exits.evidence,
            )
        )
    return out


def write_trajectories(
    graph: nx.Graph, measures: Measures, lang: Lang, config: ScoringConfig
) -> list[Finding]:
    fr = lang == "fr"
    out: list[Finding] = []
    complete = measures["complete_trajectory_share"]
    if complete.detail.get("no_entry"):
        out.append(
            (
                "Aucun membre ne fait de repérage : aucune trajectoire ne commence."
                if fr
                else "No member does outreach: no trajectory starts.",
                Evidence(),
            )
        )
    else:
        share = percent(complete.value, lang)
        out.append(
            (
                f"{share} des membres qui repèrent sont reliés à un membre de formation ou d'emploi."
                if fr
                else f"{share} of outreach members are linked to a training or employment member.",
                complete.evidence,
            )
        )
    handoffs = measures["mean_handoffs"]
    if handoffs.value is not None:
        value = number(handoffs.value, lang)
        out.append(
            (
                f"Relais moyens du repérage à la sortie : {value}."
                if fr
                else f"Mean hand-offs from outreach to exit: {value}.",
                handoffs.evidence,
            )
        )
    ends = measures["dead_ends"]
    if ends.value:
        names = names_of(graph, ends.value)
        out.append(
            (
                f"Impasses (aucun relais vers une étape suivante) : {names}."
                if fr
                else f"Dead ends (no hand-off to a later stage): {names}.",
                ends.evidence,
            )
        )
    return out


def write_resilience(graph: nx.Graph, measures: Measures, lang: Lang, config: ScoringConfig) -> list[Finding]:
    fr = lang == "fr"
    out: list[Finding] = []
    spof = measures["single_points_of_failure"]
    for node in spof.value or []:
        info = spof.detail[node]
        reasons = []
        if info["stages"]:
            stages = labels_of(info["stages"], lang)
            reasons.append(f"seul à couvrir {stages}" if fr else f"sole provider of {stages}")
        if info["splits"]:
            reasons.append("son départ couperait le réseau" if fr else "its loss would split the network")
        out.append(
            (
                f"{name_of(graph, node)} : " + " ; ".join(reasons) + "."
                if fr
                else f"{name_of(graph, node)}: " + "; ".join(reasons) + ".",
                Evidence(nodes=(node,)),
            )
        )
    if not spof.value:
        out.append(
            (
                "Aucun membre n'est un point de fragilité unique."
                if fr
                else "No member is a single point of failure.",
                Evidence(),
            )
        )
    return out
