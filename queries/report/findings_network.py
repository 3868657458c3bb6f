"""Findings on the network itself: complementarity, redundancy, federation, decompartmentalisation.

Each sentence is written in the report's language only (``fr`` chooses between the two
wordings), each number or list of names formatted once.
"""

from __future__ import annotations

import networkx as nx

from graph_service.domain.french import agree, count, count_en
from graph_service.domain.vocabulary import Lang
from queries.metrics import Evidence
from queries.report.labels import GOVERNANCE_LABELS, ROLE_LABELS, number, percent, pick
from queries.report.wording import Finding, Measures, labels_of, name_of, names_of
from queries.scoring import ScoringConfig

# Coverage measures whose missing items are listed with their labels: metric, French, English.
_UNCOVERED = (
    ("barrier_coverage", "Freins périphériques non couverts", "Barriers nobody lifts"),
    ("public_coverage", "Publics visés qu'aucun membre ne sert", "Target publics no member serves"),
)

_BROKERAGE_ORDER = ("liaison", "representative", "gatekeeper", "itinerant", "coordinator")


def _coverage_findings(measures: Measures, lang: Lang) -> list[Finding]:
    """What the partnership leaves uncovered: stages, barriers, publics, communes."""
    fr = lang == "fr"
    out: list[Finding] = []
    stages = measures["stage_coverage"]
    missing = stages.detail.get("missing", [])
    if missing:
        listed = labels_of(missing, lang)
        out.append(
            (
                f"Étapes du parcours sans aucun membre : {listed}."
                if fr
                else f"Pathway stages no member covers: {listed}.",
                stages.evidence,
            )
        )
    elif stages.value is not None:
        out.append(
            (
                "Toutes les étapes attendues du parcours sont couvertes."
                if fr
                else "Every expected pathway stage is covered.",
                stages.evidence,
            )
        )
    for key, in_fr, in_en in _UNCOVERED:
        measure = measures[key]
        if measure.detail.get("missing"):
            listed = labels_of(measure.detail["missing"], lang)
            out.append((f"{in_fr} : {listed}." if fr else f"{in_en}: {listed}.", measure.evidence))
    territory = measures["territory_coverage"]
    if territory.detail.get("missing"):
        communes = ", ".join(territory.detail["missing"])
        out.append(
            (
                f"Communes du projet où aucun membre n'intervient : {communes}."
                if fr
                else f"Project communes where no member works: {communes}.",
                territory.evidence,
            )
        )
    return out


def write_complementarity(
    graph: nx.Graph, measures: Measures, lang: Lang, config: ScoringConfig
) -> list[Finding]:
    fr = lang == "fr"
    out = _coverage_findings(measures, lang)
    diversity = measures["sector_diversity"]
    blau = number(diversity.value, lang)
    sectors = len(diversity.detail.get("sectors", {}))
    out.append(
        (
            f"Diversité des secteurs (indice de Blau) : {blau}, {count(sectors, 'secteur représenté')}."
            if fr
            else f"Sector diversity (Blau index): {blau}, {count_en(sectors, 'sector')} present.",
            diversity.evidence,
        )
    )
    unique = measures["unique_contributions"]
    contributors = [n for n, items in (unique.value or {}).items() if items]
    if contributors:
        names = names_of(graph, contributors)
        out.append(
            (
                f"{count(len(contributors), 'membre')} {agree(len(contributors), 'apporte', 'apportent')} une compétence que nul autre n'apporte : {names}."
                if fr
                else f"{count_en(len(contributors), 'member')} {'brings' if len(contributors) == 1 else 'bring'} something no one else does: {names}.",
                unique.evidence,
            )
        )
    return out


def write_redundancy(graph: nx.Graph, measures: Measures, lang: Lang, config: ScoringConfig) -> list[Finding]:
    fr = lang == "fr"
    out: list[Finding] = []
    pairs = measures["redundant_pairs"]
    for first, second, similarity in (pairs.value or [])[:5]:
        a, b, jaccard = name_of(graph, first), name_of(graph, second), number(similarity, lang)
        out.append(
            (
                f"{a} et {b} apportent presque la même chose sur les mêmes territoires (Jaccard {jaccard})."
                if fr
                else f"{a} and {b} bring nearly the same on the same territories (Jaccard {jaccard}).",
                Evidence(nodes=(first, second)),
            )
        )
    for overlap in measures["scheme_overlaps"].value or []:
        scheme = overlap.get("name") or overlap["scheme"]
        stages = labels_of(overlap["stages"], lang)
        out.append(
            (
                f"Le projet recoupe le dispositif « {scheme} » ({stages}) sans déclarer s'articuler avec lui."
                if fr
                else f"The project duplicates the scheme '{scheme}' ({stages}) without articulating with it.",
                Evidence(nodes=(overlap["scheme"],)),
            )
        )
    for other in measures["overlapping_projects"].value or []:
        shared = other["shared_members"]
        names = names_of(graph, shared)
        out.append(
            (
                f"La candidature « {other['project']} » vise les mêmes territoires et publics ; membres en commun : {names or 'aucun'}."
                if fr
                else f"Application '{other['project']}' targets the same territories and publics; shared members: {names or 'none'}.",
                Evidence(nodes=(other["project"], *shared)),
            )
        )
    size = measures["lead_effective_size"]
    if size.value is not None:
        contacts = size.detail.get("contacts", 0)
        effective = number(size.value, lang)
        efficiency = number(measures["lead_efficiency"].value, lang)
        constraint = number(measures["lead_constraint"].value, lang)
        out.append(
            (
                f"Taille effective du porteur (Burt) : {effective} pour {count(contacts, 'contact')}, efficacité {efficiency}, contrainte {constraint}."
                if fr
                else f"Lead effective size (Burt): {effective} for {count_en(contacts, 'contact')}, efficiency {efficiency}, constraint {constraint}.",
                size.evidence,
            )
        )
    return out


def write_federation(graph: nx.Graph, measures: Measures, lang: Lang, config: ScoringConfig) -> list[Finding]:
    fr = lang == "fr"
    out: list[Finding] = []
    formal = measures["lead_formal_tie_share"]
    if formal.value is not None:
        share = percent(formal.value, lang)
        text = f"Liens formels du porteur : {share}." if fr else f"Lead's formal ties: {share}."
        informal = formal.detail.get("informal", [])
        if informal:
            names = names_of(graph, informal)
            text += f" Engagements informels : {names}." if fr else f" Informal commitments: {names}."
        out.append((text, formal.evidence))
    reach = measures["lead_reach_2"]
    if reach.value is not None:
        share = percent(reach.value, lang)
        out.append(
            (
                f"Le porteur atteint {share} des membres en deux pas par des liens effectifs (formels, déclarés ou connus)."
                if fr
                else f"The lead reaches {share} of members within two steps through working (formal, declared or known) ties.",
                reach.evidence,
            )
        )
    density = measures["partner_tie_density"]
    if density.value is not None:
        value, groups = number(density.value, lang), measures["components_without_lead"].value
        declared, known = density.detail.get("declared", 0), density.detail.get("known", 0)
        out.append(
            (
                f"Densité des liens entre partenaires : {value} ({declared} {agree(declared, 'déclaré')} par la candidature, "
                f"{count(known, 'coopération existante')} sur le territoire) ; {count(groups, 'groupe')} sans le porteur."
                if fr
                else f"Density of ties among partners: {value} ({declared} declared by the application, "
                f"{count_en(known, 'existing cooperation')} on the territory); {count_en(groups, 'group')} without the lead.",
                density.evidence,
            )
        )
    brokerage = measures["lead_brokerage"]
    if brokerage.value:
        counts = brokerage.value
        roles = ", ".join(f"{pick(ROLE_LABELS[r], lang)} {counts[r]}" for r in _BROKERAGE_ORDER if counts[r])
        if roles:
            out.append(
                (
                    f"Rôles de courtage du porteur entre secteurs (Gould et Fernandez) : {roles}."
                    if fr
                    else f"Lead brokerage roles across sectors (Gould and Fernandez): {roles}.",
                    brokerage.evidence,
                )
            )
    form = measures["governance_form"]
    if form.value is not None:
        name = pick(GOVERNANCE_LABELS[form.value], lang)
        out.append(
            (
                f"Forme de gouvernance (Provan et Kenis) : {name}."
                if fr
                else f"Governance form (Provan and Kenis): {name}.",
                form.evidence,
            )
        )
    return out


def write_decompartmentalisation(
    graph: nx.Graph, measures: Measures, lang: Lang, config: ScoringConfig
) -> list[Finding]:
    fr = lang == "fr"
    out: list[Finding] = []
    ei = measures["ei_index"]
    if ei.value is not None:
        value = number(ei.value, lang)
        if ei.value < 0:
            reading = (
                "les liens restent surtout dans leur secteur"
                if fr
                else "ties mostly stay inside their sector"
            )
        elif ei.value == 0:
            reading = (
                "autant de liens dans un secteur qu'entre secteurs"
                if fr
                else "as many ties inside sectors as across"
            )
        else:
            reading = "les liens traversent surtout les secteurs" if fr else "ties mostly cross sectors"
        out.append(
            (
                f"Indice E-I entre partenaires, par secteur : {value} ({reading})."
                if fr
                else f"E-I index between partners, by sector: {value} ({reading}).",
                ei.evidence,
            )
        )
    linked = measures["sectors_linked"]
    out.append(
        (
            f"{count(linked.value, 'paire de secteurs')} {agree(linked.value, 'reliée')} par au moins un lien entre partenaires."
            if fr
            else f"{count_en(linked.value, 'pair')} of sectors joined by at least one tie between partners.",
            linked.evidence,
        )
    )
    return out
