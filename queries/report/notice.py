"""The notice owed to the applicant: what the report did, under articles L311-3-1 and R311-3-1-2 CRPA.

A decision that a reviewer takes with a partnership report is an individual decision taken on
the basis of an algorithmic processing (*Code des relations entre le public et l'administration*,
art. L311-3-1). On request, the administration owes the applicant, in an intelligible form
(art. R311-3-1-2):

1. the degree and mode of contribution of the processing to the decision;
2. the data processed and their sources;
3. the processing parameters and, where applicable, their weights, applied to the applicant's
   situation;
4. the operations performed by the processing.

:func:`build_notice` writes those four parts from the very report the reviewer read (its values,
reasons, failures, band, version and configuration hash) and from the N(P) it was measured on
(which ties come from the application, which are known on the territory), so the notice cannot
disagree with the report. It is written in French: it is an administrative document addressed to
a French applicant. :func:`render_notice_text` and :func:`render_notice_html` print it.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel

from graph_service.domain.french import count
from graph_service.domain.vocabulary import label
from queries.metrics import FAMILY_METRICS
from queries.report import Report
from queries.report.labels import FAMILY_LABELS, GOVERNANCE_LABELS, ROLE_LABELS, metric_label, number, percent
from queries.report.render import SHARE_METRICS, TEMPLATES
from queries.scoring import FAMILIES, ScoringConfig

NOT_PROVIDED = "non renseigné"
UNDEFINED = "non défini"

LEGAL_BASIS = (
    "Articles L311-3-1 et R311-3-1-2 du code des relations entre le public et l'administration : "
    "une décision individuelle prise sur le fondement d'un traitement algorithmique comporte une "
    "mention explicite en informant l'intéressé, qui peut obtenir les règles de ce traitement et "
    "les principales caractéristiques de sa mise en œuvre."
)

COMMITMENT_WORDS = {
    "convention": "convention signée",
    "lettre_engagement": "lettre d'engagement",
    "cofinancement": "cofinancement",
    "informel": "engagement informel",
}


class DataItem(BaseModel):
    """One kind of data processed: what it is, where it comes from, what it held for this case."""

    what: str
    source: str
    detail: list[str]


class Parameter(BaseModel):
    """A family of indicators: its weight in the strength and the score it gave this application."""

    family: str
    label: str
    weight: str
    weight_share: str
    score: str
    indicators: list[str]


class Notice(BaseModel):
    """The four parts of art. R311-3-1-2 for one application, from its report."""

    project: str | None
    title: str | None
    call: str | None
    lead_name: str | None
    generated_at: str
    metrics_version: str
    config_hash: str
    legal_basis: str
    contribution: list[str]
    data: list[DataItem]
    parameters: list[Parameter]
    rules: list[str]
    outcome: list[str]
    operations: list[str]


def _value(value: Any) -> str:
    """A metric value in words for the notice; an undefined value reads « non renseigné »."""
    if value is None:
        return UNDEFINED
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return number(value, "fr")
    if isinstance(value, str):
        if value in GOVERNANCE_LABELS:
            return GOVERNANCE_LABELS[value][0]
        return label(value, "fr") if value else NOT_PROVIDED
    if isinstance(value, dict) and value and all(isinstance(v, int) for v in value.values()):
        shown = [
            f"{ROLE_LABELS[k][0] if k in ROLE_LABELS else label(str(k), 'fr')} {v}"
            for k, v in value.items()
            if v
        ]
        return ", ".join(shown) or "aucun"
    if isinstance(value, list | dict):
        return count(len(value), "élément") if value else "aucun"
    return str(value)


def _indicator(key: str, value: Any) -> str:
    if key in SHARE_METRICS and isinstance(value, int | float) and not isinstance(value, bool):
        return percent(value, "fr")
    return _value(value)


def _name(graph: nx.Graph, node: str) -> str:
    return str(graph.nodes[node].get("name") or node)


def _data(report: Report, graph: nx.Graph | None) -> list[DataItem]:
    items = []
    if graph is not None:
        lead = report.lead
        partners = [n for n in graph if n != lead]
        members = [
            f"{_name(graph, n)} : {COMMITMENT_WORDS.get(str(graph.nodes[n].get('commitment')), NOT_PROVIDED)}"
            for n in partners
        ]
        items.append(
            DataItem(
                what="Le porteur, les partenaires et la nature de leur engagement, les étapes du parcours "
                "que chacun assure dans le projet, les publics et les territoires visés, les dispositifs "
                "locaux cités",
                source="Dossier de candidature enregistré pour l'instruction",
                detail=[f"Porteur : {report.lead_name}", *members]
                if members
                else [f"Porteur : {report.lead_name}"],
            )
        )
        declared, known = _ties(graph)
        items.append(
            DataItem(
                what="Les liens de travail que la candidature déclare entre ses membres",
                source="Dossier de candidature",
                detail=declared or ["aucun lien déclaré"],
            )
        )
        items.append(
            DataItem(
                what="Les coopérations entre membres déjà connues sur le territoire, hors de toute "
                "candidature (créditées comme coopération existante, jamais comme déclarées par la "
                "candidature)",
                source="Référentiel des acteurs du territoire tenu par l'administration",
                detail=known or ["aucune coopération connue entre les membres"],
            )
        )
    items.append(
        DataItem(
            what="Le secteur, les étapes, les freins levés, les publics et les territoires de chaque membre",
            source="Référentiel des acteurs du territoire tenu par l'administration",
            detail=[f"{count(report.members, 'membre')}, porteur compris"],
        )
    )
    articulated = report.metrics.get("articulated_schemes") or []
    overlaps = report.metrics.get("overlapping_projects") or []
    items.append(
        DataItem(
            what="Les dispositifs locaux actifs sur les territoires du projet et les autres "
            "candidatures au même appel sur les mêmes territoires et publics (pour repérer les "
            "doublons et les recoupements, sans lire leur contenu)",
            source="Référentiel des dispositifs ; candidatures reçues au titre de l'appel",
            detail=[
                f"dispositifs avec lesquels le projet s'articule : {len(articulated)}",
                f"candidatures qui recoupent celle-ci : {len(overlaps)}",
            ],
        )
    )
    return items


def _ties(graph: nx.Graph) -> tuple[list[str], list[str]]:
    """The edges of N(P) that P declares, and those known on the territory, by member names."""
    declared, known = [], []
    for u, v, data in graph.edges(data=True):
        provenance = data.get("provenance") or []
        pair = f"{_name(graph, u)} – {_name(graph, v)}"
        if "declared" in provenance:
            declared.append(pair)
        if "known" in provenance:
            known.append(pair)
    return sorted(declared), sorted(known)


def _parameters(report: Report, config: ScoringConfig) -> list[Parameter]:
    weights = {f: config.family_weights.get(f, 0.0) for f in FAMILIES}
    # The strength is the weighted mean of the families that have a score: a family « non
    # renseigné » takes no part, so the shares are of the weights of the families scored.
    counted = sum(w for f, w in weights.items() if report.families[f].score is not None)
    parameters = []
    for family in FAMILIES:
        score = report.families[family].score
        weight = weights[family]
        share = f"{round(100 * weight / counted)} %" if score is not None and counted else "exclue du calcul"
        parameters.append(
            Parameter(
                family=family,
                label=FAMILY_LABELS[family][0],
                weight=number(weight, "fr"),
                weight_share=share,
                score=NOT_PROVIDED if score is None else f"{number(score, 'fr', 1)} / 100",
                indicators=[
                    f"{metric_label(key, 'fr')} : {_indicator(key, report.metrics.get(key))}"
                    for key in FAMILY_METRICS[family]
                ],
            )
        )
    return parameters


def _outcome(report: Report) -> list[str]:
    lines = [
        f"Moyenne pondérée des familles : {_score(report.strength_before_rules)}.",
    ]
    for failure in report.critical_failures:
        lines.append(f"Règle appliquée : {failure.text}")
    lines.append(f"Force du partenariat retenue : {_score(report.partnership_strength)}.")
    lines.append(f"Niveau proposé : {report.band.label if report.band else NOT_PROVIDED}.")
    lines.append(f"Capacité du porteur à fédérer : {report.federation_verdict.label}.")
    return lines


def _score(value: float | None) -> str:
    return NOT_PROVIDED if value is None else f"{number(value, 'fr', 1)} / 100"


def build_notice(report: Report, config: ScoringConfig, graph: nx.Graph | None = None) -> Notice:
    """The notice of art. R311-3-1-2 for the application of ``report``.

    Parameters
    ----------
    report : Report
        The report the reviewer read (any language: the notice is written in French).
    config : ScoringConfig
        The configuration the report was computed with (its digest must be ``report.config_hash``);
        the call's overrides are applied here as the report applied them.
    graph : nx.Graph, optional
        The N(P) the report was measured on, to list the members and the ties by provenance.

    Raises
    ------
    ValueError
        When ``config`` is not the configuration of the report (the weights would disagree).
    """
    if config.digest() != report.config_hash:
        raise ValueError("la configuration fournie n'est pas celle du rapport")
    effective = config.for_call(report.call)
    return Notice(
        project=report.project,
        title=report.title,
        call=report.call,
        lead_name=report.lead_name,
        generated_at=report.generated_at,
        metrics_version=report.metrics_version,
        config_hash=report.config_hash,
        legal_basis=LEGAL_BASIS,
        contribution=[
            "Ce rapport est une aide à l'instruction. Il mesure le partenariat décrit par la "
            "candidature et propose un niveau ; il ne prend pas la décision.",
            "La décision est prise par l'administration, après examen du dossier par un instructeur "
            "qui lit ce rapport parmi les autres pièces et peut s'en écarter en le motivant. Aucune "
            "décision n'est prise automatiquement à partir du score.",
            f"Niveau proposé pour cette candidature : {report.band.label if report.band else NOT_PROVIDED} "
            f"(force du partenariat {_score(report.partnership_strength)}).",
        ],
        data=_data(report, graph),
        parameters=_parameters(report, effective),
        rules=[*report.federation_verdict.reasons],
        outcome=_outcome(report),
        operations=[
            "Construction du réseau du projet : le porteur et ses partenaires, reliés par leur "
            "engagement, par les liens que la candidature déclare et par les coopérations connues "
            "sur le territoire ; les liens déclarés par d'autres candidatures n'en font pas partie.",
            "Calcul des indicateurs de chaque famille sur ce réseau (formules, références et vues "
            "dans la méthodologie publiée avec l'outil).",
            "Notation de chaque famille de 0 à 100 ; une famille dont les données manquent est « "
            f"{NOT_PROVIDED} » et n'entre pas dans la moyenne.",
            "Moyenne des familles pondérée par les poids ci-dessus.",
            "Application des règles critiques de l'appel (défaillances qui retirent des points ou "
            "plafonnent le niveau), puis attribution du niveau.",
            "Examen de la capacité du porteur à fédérer, selon les critères listés ci-dessus.",
        ],
    )


def _environment(html: bool) -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]) if html else False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# Built once at import and only read after: Jinja environments are safe to share between threads.
_TEXT = _environment(False)
_HTML = _environment(True)


def render_notice_text(notice: Notice) -> str:
    """The notice as plain text (UTF-8), for a letter or an e-mail."""
    return _TEXT.get_template("notice.txt.j2").render(n=notice)


def render_notice_html(notice: Notice) -> str:
    """The notice as one self-contained HTML page that prints on A4."""
    return _HTML.get_template("notice.html.j2").render(n=notice)


__all__ = [
    "NOT_PROVIDED",
    "DataItem",
    "Notice",
    "Parameter",
    "build_notice",
    "render_notice_html",
    "render_notice_text",
]
