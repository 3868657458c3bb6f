"""Display labels of families, metrics and verdicts (French first, English available)."""

from __future__ import annotations

from typing import Any

from graph_service.domain.vocabulary import Lang

FAMILY_LABELS: dict[str, tuple[str, str]] = {
    "complementarity": ("Complémentarité", "Complementarity"),
    "redundancy": ("Non-redondance", "Non-redundancy"),  # 100 = no redundancy: the name says the direction
    "federation": ("Capacité du porteur à fédérer", "Federation by the lead"),
    "decompartmentalisation": ("Décloisonnement", "Decompartmentalisation"),
    "scheme_articulation": ("Articulation avec les dispositifs", "Scheme articulation"),
    "enterprise_downstream": ("Entreprises en aval", "Enterprise downstream"),
    "trajectories": ("Trajectoires", "Trajectories"),
    "resilience": ("Résilience", "Resilience"),
}

METRIC_LABELS: dict[str, tuple[str, str]] = {
    "stage_coverage": ("Étapes du parcours couvertes", "Pathway stages covered"),
    "barrier_coverage": ("Freins périphériques couverts", "Barriers covered"),
    "public_coverage": ("Publics cibles servis", "Target publics served"),
    "territory_coverage": ("Communes du projet couvertes", "Project communes covered"),
    "unique_contributions": ("Apports propres à chaque membre", "Unique contributions"),
    "mean_capability_distance": ("Distance moyenne des compétences", "Mean capability distance"),
    "sector_diversity": ("Diversité des secteurs (Blau)", "Sector diversity (Blau)"),
    "redundant_pairs": ("Paires de membres redondants", "Redundant member pairs"),
    "lead_effective_size": ("Taille effective du porteur (Burt)", "Lead effective size (Burt)"),
    "lead_efficiency": ("Efficacité du porteur (Burt)", "Lead efficiency (Burt)"),
    "lead_constraint": ("Contrainte du porteur (Burt)", "Lead constraint (Burt)"),
    "lead_effective_size_weighted": (
        "Taille effective du porteur, pondérée par la force des liens",
        "Lead effective size, weighted by tie strength",
    ),
    "lead_constraint_weighted": (
        "Contrainte du porteur, pondérée par la force des liens",
        "Lead constraint, weighted by tie strength",
    ),
    "scheme_overlaps": ("Doublons avec des dispositifs", "Scheme overlaps"),
    "overlapping_projects": ("Candidatures qui se recoupent", "Overlapping applications"),
    "lead_reach_1": ("Portée directe du porteur (liens effectifs)", "Lead reach, 1 step (working ties)"),
    "lead_reach_2": ("Portée à deux pas (liens effectifs)", "Lead reach, 2 steps (working ties)"),
    "lead_degree_centrality": ("Centralité de degré du porteur", "Lead degree centrality"),
    "lead_betweenness": ("Intermédiarité du porteur", "Lead betweenness"),
    "lead_closeness": ("Proximité du porteur", "Lead closeness"),
    "lead_betweenness_rank": ("Rang d'intermédiarité du porteur", "Lead betweenness rank"),
    "degree_centralization": ("Centralisation (Freeman)", "Degree centralization (Freeman)"),
    "lead_sectors_spanned": ("Secteurs reliés par le porteur", "Sectors spanned by the lead"),
    "lead_formal_tie_share": ("Part de liens formels du porteur", "Lead formal tie share"),
    "lead_brokerage": ("Rôles de courtage du porteur", "Lead brokerage roles"),
    "density": ("Densité", "Density"),
    "components_without_lead": ("Composantes sans le porteur", "Components without the lead"),
    "governance_form": ("Forme de gouvernance", "Governance form"),
    "partner_tie_density": ("Densité des liens entre partenaires", "Partner tie density"),
    "ei_index": ("Indice E-I par secteur", "E-I index by sector"),
    "lead_ei_index": ("Indice E-I du porteur", "Lead E-I index"),
    "sector_modularity": ("Modularité par secteur", "Sector modularity"),
    "sectors_linked": ("Paires de secteurs reliées", "Sector pairs linked"),
    "articulated_schemes": ("Dispositifs articulés", "Articulated schemes"),
    "scheme_articulation_share": (
        "Part des dispositifs locaux articulés",
        "Share of local schemes articulated",
    ),
    "missing_key_schemes": ("Dispositifs clés manquants", "Missing key schemes"),
    "enterprise_count": ("Entreprises partenaires", "Enterprise partners"),
    "enterprises_by_subtype": ("Entreprises par type", "Enterprises by subtype"),
    "enterprise_formal_share": ("Part d'entreprises engagées formellement", "Enterprise formal share"),
    "exit_stage_coverage": ("Étapes de sortie couvertes", "Exit stages covered"),
    "complete_trajectory_share": ("Trajectoires complètes", "Complete trajectories"),
    "mean_handoffs": ("Relais moyens jusqu'à la sortie", "Mean hand-offs to exit"),
    "dead_ends": ("Impasses", "Dead ends"),
    "articulation_points": ("Points d'articulation", "Articulation points"),
    "single_points_of_failure": ("Points de fragilité uniques", "Single points of failure"),
    "brokerage_roles": ("Rôles de courtage des membres", "Members' brokerage roles"),
}

VERDICT_LABELS: dict[str, tuple[str, str]] = {
    "federates": ("fédère", "federates"),
    "partially": ("fédère partiellement", "partially federates"),
    "does_not": ("ne fédère pas", "does not federate"),
}

GOVERNANCE_LABELS: dict[str, tuple[str, str]] = {
    "shared": ("gouvernance partagée", "shared governance"),
    "lead_organisation": ("organisation pilote", "lead organisation"),
    "mixed": ("forme mixte", "mixed form"),
}

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "coordinator": ("coordinateur", "coordinator"),
    "itinerant": ("itinérant", "itinerant"),
    "gatekeeper": ("gardien", "gatekeeper"),
    "representative": ("représentant", "representative"),
    "liaison": ("liaison", "liaison"),
    "total": ("total", "total"),
}


def pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "fr" else pair[1]


def tr(lang: Lang, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def number(value: Any, lang: Lang, digits: int = 2) -> str:
    """A number for reading: French decimal comma, no trailing zeros; ``—`` for ``None``."""
    if value is None:
        return "—"
    if isinstance(value, int):  # bool included
        return str(value)
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "fr" else text


def percent(value: float | None, lang: Lang) -> str:
    if value is None:
        return "—"
    return f"{round(100 * value)}\u202f%" if lang == "fr" else f"{round(100 * value)}%"


def metric_label(key: str, lang: Lang) -> str:
    return pick(METRIC_LABELS.get(key, (key, key)), lang)


__all__ = [
    "FAMILY_LABELS",
    "GOVERNANCE_LABELS",
    "METRIC_LABELS",
    "ROLE_LABELS",
    "VERDICT_LABELS",
    "metric_label",
    "number",
    "percent",
    "pick",
    "tr",
]
