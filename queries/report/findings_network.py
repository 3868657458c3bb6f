"""Findings on the network itself: complementarity, redundancy, federation, decompartmentalisation."""

from __future__ import annotations

import networkx as nx

from graph_service.domain.vocabulary import Lang
from queries.metrics import Evidence
from queries.report.labels import GOVERNANCE_LABELS, ROLE_LABELS, number, percent, pick, tr
from queries.report.wording import Finding, Findings, Measures, labels_of, name_of, names_of
from queries.scoring import ScoringConfig

# Coverage measures whose missing items are listed with their labels: metric, French, English.
_UNCOVERED = (
    ("barrier_coverage", "Freins périphériques non couverts", "Barriers nobody lifts"),
    ("public_coverage", "Publics visés qu'aucun membre ne sert", "Target publics no member serves"),
)


def write_complementarity(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out = Findings(lang)
    stages = m["stage_coverage"]
    missing = stages.detail.get("missing", [])
    if missing:
        out.add(
            f"Étapes du parcours sans aucun membre : {labels_of(missing, lang)}.",
            f"Pathway stages no member covers: {labels_of(missing, lang)}.",
            stages.evidence,
        )
    elif stages.value is not None:
        out.add(
            "Toutes les étapes attendues du parcours sont couvertes.",
            "Every expected pathway stage is covered.",
            stages.evidence,
        )
    for key, fr, en in _UNCOVERED:
        measure = m[key]
        if measure.detail.get("missing"):
            listed = labels_of(measure.detail["missing"], lang)
            out.add(f"{fr} : {listed}.", f"{en}: {listed}.", measure.evidence)
    territory = m["territory_coverage"]
    if territory.detail.get("missing"):
        out.add(
            f"Communes du projet où aucun membre n'intervient : {', '.join(territory.detail['missing'])}.",
            f"Project communes where no member works: {', '.join(territory.detail['missing'])}.",
            territory.evidence,
        )
    diversity = m["sector_diversity"]
    sectors = diversity.detail.get("sectors", {})
    out.add(
        f"Diversité des secteurs (indice de Blau) : {number(diversity.value, lang)}, {len(sectors)} secteur(s) représenté(s).",
        f"Sector diversity (Blau index): {number(diversity.value, lang)}, {len(sectors)} sector(s) present.",
        diversity.evidence,
    )
    unique = m["unique_contributions"]
    contributors = [n for n, items in (unique.value or {}).items() if items]
    if contributors:
        out.add(
            f"{len(contributors)} membre(s) apportent une compétence que nul autre n'apporte : {names_of(g, contributors)}.",
            f"{len(contributors)} member(s) bring something no one else does: {names_of(g, contributors)}.",
            unique.evidence,
        )
    return out


def write_redundancy(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out = Findings(lang)
    pairs = m["redundant_pairs"]
    for first, second, similarity in (pairs.value or [])[:5]:
        out.add(
            f"{name_of(g, first)} et {name_of(g, second)} apportent presque la même chose sur les mêmes territoires (Jaccard {number(similarity, lang)}).",
            f"{name_of(g, first)} and {name_of(g, second)} bring nearly the same on the same territories (Jaccard {number(similarity, lang)}).",
            Evidence(nodes=(first, second)),
        )
    for overlap in m["scheme_overlaps"].value or []:
        scheme = overlap["scheme"]
        out.add(
            f"Le projet recoupe le dispositif « {scheme} » ({labels_of(overlap['stages'], lang)}) sans déclarer s'articuler avec lui.",
            f"The project duplicates the scheme '{scheme}' ({labels_of(overlap['stages'], lang)}) without articulating with it.",
            Evidence(nodes=(scheme,)),
        )
    for other in m["overlapping_projects"].value or []:
        shared = other["shared_members"]
        out.add(
            f"La candidature « {other['project']} » vise les mêmes territoires et publics ; membres en commun : {names_of(g, shared) or 'aucun'}.",
            f"Application '{other['project']}' targets the same territories and publics; shared members: {names_of(g, shared) or 'none'}.",
            Evidence(nodes=(other["project"], *shared)),
        )
    size, efficiency = m["lead_effective_size"], m["lead_efficiency"]
    if size.value is not None:
        contacts = size.detail.get("contacts", 0)
        out.add(
            f"Taille effective du porteur (Burt) : {number(size.value, lang)} pour {contacts} contact(s), efficacité {number(efficiency.value, lang)}, contrainte {number(m['lead_constraint'].value, lang)}.",
            f"Lead effective size (Burt): {number(size.value, lang)} for {contacts} contact(s), efficiency {number(efficiency.value, lang)}, constraint {number(m['lead_constraint'].value, lang)}.",
            size.evidence,
        )
    return out


def write_federation(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out = Findings(lang)
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
                f" Engagements informels : {names_of(g, informal)}.",
                f" Informal commitments: {names_of(g, informal)}.",
            )
        out.append((text, formal.evidence))
    reach = m["lead_reach_2"]
    if reach.value is not None:
        out.add(
            f"Le porteur atteint {percent(reach.value, lang)} des membres en deux pas par des liens effectifs (formels ou déclarés).",
            f"The lead reaches {percent(reach.value, lang)} of members within two steps through working (formal or declared) ties.",
            reach.evidence,
        )
    density = m["partner_tie_density"]
    if density.value is not None:
        out.add(
            f"Densité des liens déclarés entre partenaires : {number(density.value, lang)} ; {m['components_without_lead'].value} groupe(s) sans le porteur.",
            f"Density of declared ties among partners: {number(density.value, lang)}; {m['components_without_lead'].value} group(s) without the lead.",
            density.evidence,
        )
    brokerage = m["lead_brokerage"]
    if brokerage.value:
        roles = ", ".join(
            f"{pick(ROLE_LABELS[r], lang)} {brokerage.value[r]}"
            for r in ("liaison", "representative", "gatekeeper", "itinerant", "coordinator")
            if brokerage.value[r]
        )
        if roles:
            out.add(
                f"Rôles de courtage du porteur entre secteurs (Gould et Fernandez) : {roles}.",
                f"Lead brokerage roles across sectors (Gould and Fernandez): {roles}.",
                brokerage.evidence,
            )
    form = m["governance_form"]
    if form.value is not None:
        out.add(
            f"Forme de gouvernance (Provan et Kenis) : {pick(GOVERNANCE_LABELS[form.value], lang)}.",
            f"Governance form (Provan and Kenis): {pick(GOVERNANCE_LABELS[form.value], lang)}.",
            form.evidence,
        )
    return out


def write_decompartmentalisation(g: nx.Graph, m: Measures, lang: Lang, c: ScoringConfig) -> list[Finding]:
    out = Findings(lang)
    ei = m["ei_index"]
    if ei.value is not None:
        reading = (
            tr(lang, "les liens restent dans leur secteur", "ties stay inside their sector")
            if ei.value < 0
            else tr(lang, "les liens traversent les secteurs", "ties cross sectors")
        )
        out.add(
            f"Indice E-I par secteur : {number(ei.value, lang)} ({reading}).",
            f"E-I index by sector: {number(ei.value, lang)} ({reading}).",
            ei.evidence,
        )
    linked = m["sectors_linked"]
    out.add(
        f"{linked.value} paire(s) de secteurs reliées par au moins un lien.",
        f"{linked.value} pair(s) of sectors joined by at least one tie.",
        linked.evidence,
    )
    return out
