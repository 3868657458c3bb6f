"""Sentences a reviewer can paste, one list per family, each with the evidence behind it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import networkx as nx

from graph_service.domain.vocabulary import Lang, label
from queries.metrics import Evidence, Measure
from queries.report.labels import GOVERNANCE_LABELS, ROLE_LABELS, number, percent, pick, tr
from queries.scoring import ScoringConfig

Finding = tuple[str, Evidence]
Measures = dict[str, Measure]


def _name(graph: nx.Graph, node: str) -> str:
    if node in graph:
        return str(graph.nodes[node].get("name") or node)
    return str(node)


def _names(graph: nx.Graph, nodes: Iterable[str], limit: int = 6) -> str:
    items = [_name(graph, n) for n in nodes]
    shown = ", ".join(items[:limit])
    return shown + (f" (+{len(items) - limit})" if len(items) > limit else "")


def _labels(codes: Iterable[str], lang: Lang) -> str:
    return ", ".join(label(c, lang) for c in codes)


def _complementarity(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out: list[Finding] = []
    stages = m["stage_coverage"]
    missing = stages.detail.get("missing", [])
    if missing:
        out.append(
            (
                tr(
                    lang,
                    f"Étapes du parcours sans aucun membre : {_labels(missing, lang)}.",
                    f"Pathway stages no member covers: {_labels(missing, lang)}.",
                ),
                stages.evidence,
            )
        )
    elif stages.value is not None:
        out.append(
            (
                tr(
                    lang,
                    "Toutes les étapes attendues du parcours sont couvertes.",
                    "Every expected pathway stage is covered.",
                ),
                stages.evidence,
            )
        )
    barriers = m["barrier_coverage"]
    if barriers.detail.get("missing"):
        out.append(
            (
                tr(
                    lang,
                    f"Freins périphériques non couverts : {_labels(barriers.detail['missing'], lang)}.",
                    f"Barriers nobody lifts: {_labels(barriers.detail['missing'], lang)}.",
                ),
                barriers.evidence,
            )
        )
    publics = m["public_coverage"]
    if publics.detail.get("missing"):
        out.append(
            (
                tr(
                    lang,
                    f"Publics visés qu'aucun membre ne sert : {_labels(publics.detail['missing'], lang)}.",
                    f"Target publics no member serves: {_labels(publics.detail['missing'], lang)}.",
                ),
                publics.evidence,
            )
        )
    territory = m["territory_coverage"]
    if territory.detail.get("missing"):
        out.append(
            (
                tr(
                    lang,
                    f"Communes du projet où aucun membre n'intervient : {', '.join(territory.detail['missing'])}.",
                    f"Project communes where no member works: {', '.join(territory.detail['missing'])}.",
                ),
                territory.evidence,
            )
        )
    diversity = m["sector_diversity"]
    sectors = diversity.detail.get("sectors", {})
    out.append(
        (
            tr(
                lang,
                f"Diversité des secteurs (indice de Blau) : {number(diversity.value, lang)}, {len(sectors)} secteur(s) représenté(s).",
                f"Sector diversity (Blau index): {number(diversity.value, lang)}, {len(sectors)} sector(s) present.",
            ),
            diversity.evidence,
        )
    )
    unique = m["unique_contributions"]
    contributors = [n for n, items in (unique.value or {}).items() if items]
    if contributors:
        out.append(
            (
                tr(
                    lang,
                    f"{len(contributors)} membre(s) apportent une compétence que nul autre n'apporte : {_names(g, contributors)}.",
                    f"{len(contributors)} member(s) bring something no one else does: {_names(g, contributors)}.",
                ),
                unique.evidence,
            )
        )
    return out


def _redundancy(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out: list[Finding] = []
    pairs = m["redundant_pairs"]
    for first, second, similarity in (pairs.value or [])[:5]:
        out.append(
            (
                tr(
                    lang,
                    f"{_name(g, first)} et {_name(g, second)} apportent presque la même chose sur les mêmes territoires (Jaccard {number(similarity, lang)}).",
                    f"{_name(g, first)} and {_name(g, second)} bring nearly the same on the same territories (Jaccard {number(similarity, lang)}).",
                ),
                Evidence(nodes=(first, second)),
            )
        )
    for overlap in m["scheme_overlaps"].value or []:
        scheme = overlap["scheme"]
        out.append(
            (
                tr(
                    lang,
                    f"Le projet recoupe le dispositif « {scheme} » ({_labels(overlap['stages'], lang)}) sans déclarer s'articuler avec lui.",
                    f"The project duplicates the scheme '{scheme}' ({_labels(overlap['stages'], lang)}) without articulating with it.",
                ),
                Evidence(nodes=(scheme,)),
            )
        )
    for other in m["overlapping_projects"].value or []:
        shared = other["shared_members"]
        out.append(
            (
                tr(
                    lang,
                    f"La candidature « {other['project']} » vise les mêmes territoires et publics ; membres en commun : {_names(g, shared) or 'aucun'}.",
                    f"Application '{other['project']}' targets the same territories and publics; shared members: {_names(g, shared) or 'none'}.",
                ),
                Evidence(nodes=(other["project"], *shared)),
            )
        )
    size, efficiency = m["lead_effective_size"], m["lead_efficiency"]
    if size.value is not None:
        contacts = size.detail.get("contacts", 0)
        out.append(
            (
                tr(
                    lang,
                    f"Taille effective du porteur (Burt) : {number(size.value, lang)} pour {contacts} contact(s), efficacité {number(efficiency.value, lang)}, contrainte {number(m['lead_constraint'].value, lang)}.",
                    f"Lead effective size (Burt): {number(size.value, lang)} for {contacts} contact(s), efficiency {number(efficiency.value, lang)}, constraint {number(m['lead_constraint'].value, lang)}.",
                ),
                size.evidence,
            )
        )
    return out


def _federation(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out: list[Finding] = []
    formal = m["lead_formal_tie_share"]
    if formal.value is not None:
        informal = formal.detail.get("informal", [])
        text = tr(
            lang,
            f"Liens formels du porteur : {percent(formal.value, lang)}.",
            f"Lead's formal ties: {percent(formal.value, lang)}.",
        )
        if informal:
            text += tr(
                lang,
                f" Engagements informels : {_names(g, informal)}.",
                f" Informal commitments: {_names(g, informal)}.",
            )
        out.append((text, formal.evidence))
    reach = m["lead_reach_2"]
    if reach.value is not None:
        out.append(
            (
                tr(
                    lang,
                    f"Le porteur atteint {percent(reach.value, lang)} des membres en deux pas par des liens effectifs (formels ou déclarés).",
                    f"The lead reaches {percent(reach.value, lang)} of members within two steps through working (formal or declared) ties.",
                ),
                reach.evidence,
            )
        )
    density = m["partner_tie_density"]
    if density.value is not None:
        out.append(
            (
                tr(
                    lang,
                    f"Densité des liens déclarés entre partenaires : {number(density.value, lang)} ; {m['components_without_lead'].value} groupe(s) sans le porteur.",
                    f"Density of declared ties among partners: {number(density.value, lang)}; {m['components_without_lead'].value} group(s) without the lead.",
                ),
                density.evidence,
            )
        )
    brokerage = m["lead_brokerage"]
    if brokerage.value:
        roles = ", ".join(
            f"{pick(ROLE_LABELS[r], lang)} {brokerage.value[r]}"
            for r in ("liaison", "representative", "gatekeeper", "itinerant", "coordinator")
            if brokerage.value[r]
        )
        if roles:
            out.append(
                (
                    tr(
                        lang,
                        f"Rôles de courtage du porteur entre secteurs (Gould et Fernandez) : {roles}.",
                        f"Lead brokerage roles across sectors (Gould and Fernandez): {roles}.",
                    ),
                    brokerage.evidence,
                )
            )
    form = m["governance_form"]
    if form.value is not None:
        out.append(
            (
                tr(
                    lang,
                    f"Forme de gouvernance (Provan et Kenis) : {pick(GOVERNANCE_LABELS[form.value], lang)}.",
                    f"Governance form (Provan and Kenis): {pick(GOVERNANCE_LABELS[form.value], lang)}.",
                ),
                form.evidence,
            )
        )
    return out


def _decompartmentalisation(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out: list[Finding] = []
    ei = m["ei_index"]
    if ei.value is not None:
        reading = (
            tr(lang, "les liens restent dans leur secteur", "ties stay inside their sector")
            if ei.value < 0
            else tr(lang, "les liens traversent les secteurs", "ties cross sectors")
        )
        out.append(
            (
                tr(
                    lang,
                    f"Indice E-I par secteur : {number(ei.value, lang)} ({reading}).",
                    f"E-I index by sector: {number(ei.value, lang)} ({reading}).",
                ),
                ei.evidence,
            )
        )
    linked = m["sectors_linked"]
    out.append(
        (
            tr(
                lang,
                f"{linked.value} paire(s) de secteurs reliées par au moins un lien.",
                f"{linked.value} pair(s) of sectors joined by at least one tie.",
            ),
            linked.evidence,
        )
    )
    return out


def _schemes(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out: list[Finding] = []
    share = m["scheme_articulation_share"]
    if share.value is None:
        out.append(
            (
                tr(
                    lang,
                    "Aucun dispositif local connu sur les territoires du projet.",
                    "No local scheme is known on the project's territories.",
                ),
                Evidence(),
            )
        )
    else:
        out.append(
            (
                tr(
                    lang,
                    f"Le projet s'articule avec {percent(share.value, lang)} des dispositifs actifs sur ses territoires.",
                    f"The project articulates with {percent(share.value, lang)} of the schemes active on its territories.",
                ),
                share.evidence,
            )
        )
    missing = m["missing_key_schemes"]
    if missing.value:
        out.append(
            (
                tr(
                    lang,
                    f"Dispositifs clés présents mais non articulés : {', '.join(missing.value)}.",
                    f"Key schemes present but not articulated: {', '.join(missing.value)}.",
                ),
                missing.evidence,
            )
        )
    return out


def _enterprise(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out: list[Finding] = []
    count = m["enterprise_count"]
    by_type = m["enterprises_by_subtype"].value or {}
    detail = ", ".join(f"{label(k, lang)} {v}" for k, v in by_type.items())
    out.append(
        (
            tr(
                lang,
                f"{count.value} entreprise(s) partenaire(s)" + (f" : {detail}." if detail else "."),
                f"{count.value} enterprise partner(s)" + (f": {detail}." if detail else "."),
            ),
            count.evidence,
        )
    )
    exits = m["exit_stage_coverage"]
    if exits.detail.get("missing"):
        out.append(
            (
                tr(
                    lang,
                    f"Étapes de sortie non couvertes : {_labels(exits.detail['missing'], lang)}.",
                    f"Exit stages not covered: {_labels(exits.detail['missing'], lang)}.",
                ),
                exits.evidence,
            )
        )
    return out


def _trajectories(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out: list[Finding] = []
    complete = m["complete_trajectory_share"]
    if complete.detail.get("no_entry"):
        out.append(
            (
                tr(
                    lang,
                    "Aucun membre ne fait de repérage : aucune trajectoire ne commence.",
                    "No member does outreach: no trajectory starts.",
                ),
                Evidence(),
            )
        )
    else:
        out.append(
            (
                tr(
                    lang,
                    f"{percent(complete.value, lang)} des membres qui repèrent sont reliés à un membre de formation ou d'emploi.",
                    f"{percent(complete.value, lang)} of outreach members are linked to a training or employment member.",
                ),
                complete.evidence,
            )
        )
    handoffs = m["mean_handoffs"]
    if handoffs.value is not None:
        out.append(
            (
                tr(
                    lang,
                    f"Relais moyens du repérage à la sortie : {number(handoffs.value, lang)}.",
                    f"Mean hand-offs from outreach to exit: {number(handoffs.value, lang)}.",
                ),
                handoffs.evidence,
            )
        )
    ends = m["dead_ends"]
    if ends.value:
        out.append(
            (
                tr(
                    lang,
                    f"Impasses (aucun relais vers une étape suivante) : {_names(g, ends.value)}.",
                    f"Dead ends (no hand-off to a later stage): {_names(g, ends.value)}.",
                ),
                ends.evidence,
            )
        )
    return out


def _resilience(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out: list[Finding] = []
    spof = m["single_points_of_failure"]
    for node in spof.value or []:
        info = spof.detail[node]
        reasons = []
        if info["stages"]:
            reasons.append(
                tr(
                    lang,
                    f"seul à couvrir {_labels(info['stages'], lang)}",
                    f"sole provider of {_labels(info['stages'], lang)}",
                )
            )
        if info["splits"]:
            reasons.append(tr(lang, "son départ couperait le réseau", "its loss would split the network"))
        out.append(
            (
                f"{_name(g, node)} : " + " ; ".join(reasons) + "."
                if lang == "fr"
                else f"{_name(g, node)}: " + "; ".join(reasons) + ".",
                Evidence(nodes=(node,)),
            )
        )
    if not spof.value:
        out.append(
            (
                tr(
                    lang,
                    "Aucun membre n'est un point de fragilité unique.",
                    "No member is a single point of failure.",
                ),
                Evidence(),
            )
        )
    return out


WRITERS: dict[str, Callable[[nx.Graph, Measures, Lang, ScoringConfig], list[Finding]]] = {
    "complementarity": _complementarity,
    "redundancy": _redundancy,
    "federation": _federation,
    "decompartmentalisation": _decompartmentalisation,
    "scheme_articulation": _schemes,
    "enterprise_downstream": _enterprise,
    "trajectories": _trajectories,
    "resilience": _resilience,
}


def findings(
    family: str, graph: nx.Graph, measures: Measures, lang: Lang, config: ScoringConfig
) -> list[Finding]:
    return WRITERS[family](graph, measures, lang, config)


__all__ = ["Finding", "findings"]
