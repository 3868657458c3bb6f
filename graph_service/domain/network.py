"""The project network N(P) and the territory ecosystem as networkx graphs.

Both stores hand the same pieces (a project, its member organisations, the ties between them) to
:func:`project_network`, so the graph every metric sees has one shape whatever the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph_service.domain.models import Dataset, Organisation, Project, Scheme, Territory, Tie
from graph_service.domain.vocabulary import Commitment, Stage

# How much a partner's commitment alone says about the strength of its tie with the lead.
COMMITMENT_STRENGTH = {
    Commitment.CONVENTION: 3,
    Commitment.COFINANCEMENT: 2,
    Commitment.LETTRE_ENGAGEMENT: 2,
    Commitment.INFORMEL: 1,
}


TieRow = tuple[str, bool, int]
"""A tie as N(P) reads it: its natural key (``source|target|kind|project``), ``formal`` and
``strength``. The key holds the rest: identifiers never contain ``|`` (see ``Tie.key``)."""


def _organisation_attributes(organisation: Organisation) -> dict[str, object]:
    """The node attributes an organisation gives, new lists each call (a graph may change them)."""
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


def _member_attributes(
    organisation: Organisation,
    stages: list[Stage] | None,
    role: str,
    commitment: str | None,
    project_role: str | None,
    formal: bool,
) -> dict[str, object]:
    """A member's node attributes: :func:`_organisation_attributes`, then what it does in P.

    ``stages`` ``None`` means the organisation's own.
    """
    return {
        **_organisation_attributes(organisation),
        "stages": [s.value for s in (organisation.stages if stages is None else stages)],
        "role": role,
        "commitment": commitment,
        "project_role": project_role,
        "formal": formal,
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

    Ties with an end outside the project are left out. :func:`project_network_from_rows` builds
    the same graph from each tie's key, ``formal`` and ``strength`` alone.
    """
    return project_network_from_rows(project, organisations, [(t.key, t.formal, t.strength) for t in ties])


def project_network_from_rows(
    project: Project,
    organisations: Mapping[str, Organisation],
    ties: Iterable[TieRow],
) -> nx.Graph:
    """Build N(P) as :func:`project_network` does, from the ties' ``(key, formal, strength)``.

    What a store needs to read of each tie, no validated :class:`Tie`: the embedded store reads
    the key from its column and the two values from the document (validated when written).
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
    _add_members(graph, project, organisations)
    for key, formal, strength in ties:
        source, target, kind, _ = key.split("|")
        if source in graph and target in graph:  # else an end outside the project
            _add_tie(graph, key, source, target, kind, formal, strength)
    return graph


def _add_members(graph: nx.Graph, project: Project, organisations: Mapping[str, Organisation]) -> None:
    """The lead, then each partner with the edge its commitment makes to the lead.

    A member named twice (or the lead named as a partner) has its attributes and its edge updated,
    as ``add_node`` and ``add_edge`` do.
    """
    lead = project.lead
    graph.add_node(lead, **_member_attributes(organisations[lead], None, "lead", None, None, True))
    for partner in project.partners:
        organisation = organisations[partner.organisation]
        commitment = partner.commitment
        attributes = _member_attributes(
            organisation, partner.stages, "partner", commitment.value, partner.role, commitment.formal
        )
        graph.add_node(organisation.id, **attributes)
        graph.add_edge(
            lead,
            organisation.id,
            commitment=commitment.value,
            ties=[],
            kinds=[],
            formal=commitment.formal,
            strength=COMMITMENT_STRENGTH[commitment],
            declared=False,
        )


def _add_tie(
    graph: nx.Graph, key: str, source: str, target: str, kind: str, formal: bool, strength: int
) -> None:
    """Add a declared tie between two nodes of ``graph``: a new edge, or merged into the edge
    already joining them (a commitment or another tie)."""
    data = graph.get_edge_data(source, target)
    if data is None:
        graph.add_edge(source, target, **_tie_edge(key, kind, formal, strength))
    else:
        _merge_tie(data, key, kind, formal, strength)


def _tie_edge(key: str, kind: str, formal: bool, strength: int) -> dict[str, object]:
    """The data of an edge made by one declared tie."""
    return {
        "commitment": None,
        "ties": [key],
        "kinds": [kind],
        "formal": formal,
        "strength": strength,
        "declared": True,
    }


def _merge_tie(data: dict[str, Any], key: str, kind: str, formal: bool, strength: int) -> None:
    """Merge a tie into the data of the edge already joining its ends (a commitment or a tie)."""
    if key in data["ties"]:
        return
    if not data["declared"]:
        data["strength"] = strength
    else:
        data["strength"] = max(data["strength"], strength)
    data["ties"] = sorted([*data["ties"], key])
    data["kinds"] = sorted({*data["kinds"], kind})
    data["formal"] = data["formal"] or formal
    data["declared"] = True


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
            _add_tie(graph, tie.key, tie.source, tie.target, tie.kind.value, tie.formal, tie.strength)
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


__all__ = [
    "COMMITMENT_STRENGTH",
    "TieRow",
    "dataset_graph",
    "project_network",
    "project_network_from_rows",
    "self_consistent",
]
