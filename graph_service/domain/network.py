"""The project network N(P) and the territory ecosystem as networkx graphs.

Both stores hand the same pieces (a project, its member organisations, the ties between them) to
:func:`project_network`, so the graph every metric sees has one shape whatever the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from graph_service.domain.models import Dataset, Organisation, Project, Scheme, Territory, Tie
from graph_service.domain.vocabulary import Commitment

# How much a partner's commitment alone says about the strength of its tie with the lead.
COMMITMENT_STRENGTH = {
    Commitment.CONVENTION: 3,
    Commitment.COFINANCEMENT: 2,
    Commitment.LETTRE_ENGAGEMENT: 2,
    Commitment.INFORMEL: 1,
}


def _organisation_attributes(organisation: Organisation) -> dict[str, object]:
    return {
        "name": organisation.name,
        "sector": organisation.sector.value,
        "subtype": organisation.subtype.value if organisation.subtype else None,
        "siret": organisation.siret,
        "territories": list(organisation.territories),
        "org_stages": [s.value for s in organisation.stages],
        "barriers": [b.value for b in organisation.barriers],
        "publics": [p.value for p in organisation.publics],
    }


def project_network(
    project: Project,
    organisations: Mapping[str, Organisation],
    ties: Iterable[Tie],
) -> nx.Graph:
    """Build N(P): the lead and partners as nodes, commitments and known ties as edges.

    Node attributes: ``name``, ``sector``, ``subtype``, ``siret``, ``territories``, ``org_stages``
    (the organisation's own stages), ``stages`` (what it does in this project: the partner's
    declared stages, else its own), ``barriers``, ``publics``, ``role`` (``lead`` or ``partner``),
    ``commitment`` (``None`` for the lead), ``project_role`` (free text) and ``formal``.

    Edge attributes: ``commitment`` (the partner's commitment on a lead–partner edge, else
    ``None``), ``ties`` (keys of the declared ties between the two, sorted), ``kinds`` (their kinds,
    sorted), ``formal`` (a formal commitment or any formal tie), ``strength`` (the strongest
    declared tie, else what the commitment implies: convention 3, letter or co-funding 2,
    informal 1) and ``declared`` (whether at least one tie was declared, beyond the commitment).

    Graph attributes: ``project``, ``title``, ``call``, ``lead``, ``territories``, ``publics``,
    ``schemes`` (the schemes the project articulates with).
    """
    graph = nx.Graph(
        project=project.id,
        title=project.title,
        call=project.call,
        lead=project.lead,
        territories=list(project.territories),
        publics=[p.value for p in project.publics],
        schemes=list(project.schemes),
    )
    lead = organisations[project.lead]
    graph.add_node(
        lead.id,
        **_organisation_attributes(lead),
        stages=[s.value for s in lead.stages],
        role="lead",
        commitment=None,
        project_role=None,
        formal=True,
    )
    for partner in project.partners:
        organisation = organisations[partner.organisation]
        stages = partner.stages if partner.stages is not None else organisation.stages
        graph.add_node(
            organisation.id,
            **_organisation_attributes(organisation),
            stages=[s.value for s in stages],
            role="partner",
            commitment=partner.commitment.value,
            project_role=partner.role,
            formal=partner.commitment.formal,
        )
        graph.add_edge(
            project.lead,
            organisation.id,
            commitment=partner.commitment.value,
            ties=[],
            kinds=[],
            formal=partner.commitment.formal,
            strength=COMMITMENT_STRENGTH[partner.commitment],
            declared=False,
        )
    for tie in ties:
        if tie.source not in graph or tie.target not in graph:
            continue
        _add_tie(graph, tie)
    return graph


def _add_tie(graph: nx.Graph, tie: Tie) -> None:
    if graph.has_edge(tie.source, tie.target):
        data = graph.edges[tie.source, tie.target]
        if tie.key in data["ties"]:
            return
        if not data["declared"]:
            data["strength"] = tie.strength
        else:
            data["strength"] = max(data["strength"], tie.strength)
        data["ties"] = sorted([*data["ties"], tie.key])
        data["kinds"] = sorted({*data["kinds"], tie.kind.value})
        data["formal"] = data["formal"] or tie.formal
        data["declared"] = True
    else:
        graph.add_edge(
            tie.source,
            tie.target,
            commitment=None,
            ties=[tie.key],
            kinds=[tie.kind.value],
            formal=tie.formal,
            strength=tie.strength,
            declared=True,
        )


def dataset_graph(dataset: Dataset) -> nx.Graph:
    """Build the graph of a whole dataset (a territory ecosystem, say).

    Organisations and schemes are nodes (``type`` = ``organisation`` or ``scheme``); declared ties
    are edges as in :func:`project_network`, and each scheme is linked to its operator
    (``operates``). Projects are not nodes: each organisation node lists the projects it leads
    (``leads``) and those it is a partner in (``partner_in``).
    """
    graph = nx.Graph()
    leads: dict[str, list[str]] = {}
    partner_in: dict[str, list[str]] = {}
    for project in dataset.projects:
        leads.setdefault(project.lead, []).append(project.id)
        for partner in project.partners:
            partner_in.setdefault(partner.organisation, []).append(project.id)
    for organisation in dataset.organisations:
        graph.add_node(
            organisation.id,
            type="organisation",
            **_organisation_attributes(organisation),
            stages=[s.value for s in organisation.stages],
            leads=leads.get(organisation.id, []),
            partner_in=partner_in.get(organisation.id, []),
        )
    for scheme in dataset.schemes:
        graph.add_node(
            scheme.id,
            type="scheme",
            name=scheme.name,
            kind=scheme.kind.value,
            operator=scheme.operator,
            territories=list(scheme.territories),
            stages=[s.value for s in scheme.stages],
            publics=[p.value for p in scheme.publics],
        )
        if scheme.operator and scheme.operator in graph:
            graph.add_edge(
                scheme.operator,
                scheme.id,
                operates=True,
                ties=[],
                kinds=[],
                formal=True,
                strength=3,
                declared=False,
                commitment=None,
            )
    for tie in dataset.ties:
        if tie.source in graph and tie.target in graph:
            _add_tie(graph, tie)
    return graph


def self_consistent(
    territories: list[Territory],
    organisations: list[Organisation],
    schemes: list[Scheme],
    projects: list[Project],
    ties: Iterable[Tie],
) -> Dataset:
    """Drop references that point outside an extract, so it validates on its own."""
    codes = {t.code for t in territories}
    scheme_ids = {s.id for s in schemes}
    organisation_ids = {o.id for o in organisations}
    return Dataset(
        territories=[
            t if t.parent is None or t.parent in codes else t.model_copy(update={"parent": None})
            for t in territories
        ],
        organisations=[
            o.model_copy(update={"territories": [c for c in o.territories if c in codes]})
            for o in organisations
        ],
        schemes=[
            s.model_copy(
                update={
                    "territories": [c for c in s.territories if c in codes],
                    "operator": s.operator if s.operator in organisation_ids else None,
                }
            )
            for s in schemes
        ],
        projects=[
            p.model_copy(
                update={
                    "territories": [c for c in p.territories if c in codes],
                    "schemes": [s for s in p.schemes if s in scheme_ids],
                }
            )
            for p in projects
        ],
        ties=list(ties),
    )


__all__ = ["COMMITMENT_STRENGTH", "dataset_graph", "project_network", "self_consistent"]
