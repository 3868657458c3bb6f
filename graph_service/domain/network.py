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


# A commitment's code, whether it is formal and the strength it implies: one look-up per partner.
_COMMITMENT = {c: (c.value, c.formal, COMMITMENT_STRENGTH[c]) for c in Commitment}

# What an organisation gives every network it is in: sector, subtype, stages, barriers, publics.
_Codes = tuple[str, str | None, list[str], list[str], list[str]]


def _codes(organisation: Organisation) -> _Codes:
    return (
        organisation.sector.value,
        organisation.subtype.value if organisation.subtype else None,
        [s.value for s in organisation.stages],
        [b.value for b in organisation.barriers],
        [p.value for p in organisation.publics],
    )


class NetworkBuilder:
    """Builds N(P) for the projects read together (a call's, say), working out each member
    organisation's codes once for all of them: the applications of a call share many members.

    Lives as long as one read: what it keeps is the codes of the organisations that read handed
    to it (by identity, so an organisation read again later is worked out again). Graphs are
    filled with networkx's bulk ``add_nodes_from`` and ``add_edges_from``.
    """

    def __init__(self) -> None:
        self._codes: dict[str, tuple[Organisation, _Codes]] = {}

    def network(
        self, project: Project, organisations: Mapping[str, Organisation], ties: Iterable[TieRow]
    ) -> nx.Graph:
        """N(P) as :func:`project_network_from_rows` builds it."""
        graph = nx.Graph(
            project=project.id,
            title=project.title,
            call=project.call,
            lead=project.lead,
            territories=list(project.territories),
            publics=[p.value for p in project.publics],
            schemes=list(project.schemes),
        )
        if project.unreported:  # what the application's source never asked: missing, not absent
            graph.graph["unreported"] = list(project.unreported)
        self._add_members(graph, project, organisations)
        _add_ties(graph, project.id, ties)
        return graph

    def _member_attributes(
        self,
        organisation: Organisation,
        stages: list[Stage] | None,
        role: str,
        commitment: str | None,
        project_role: str | None,
        formal: bool,
    ) -> dict[str, object]:
        """A member's node attributes: its organisation's, then what it does in P (``stages``
        ``None`` means the organisation's own). New lists for each graph: a graph may change them."""
        found = self._codes.get(organisation.id)
        if found is None or found[0] is not organisation:
            found = self._codes[organisation.id] = (organisation, _codes(organisation))
        sector, subtype, own_stages, barriers, publics = found[1]
        return {
            "name": organisation.name,
            "sector": sector,
            "subtype": subtype,
            "siret": organisation.siret,
            "territories": list(organisation.territories),
            "org_stages": list(own_stages),
            "barriers": list(barriers),
            "publics": list(publics),
            "stages": list(own_stages) if stages is None else [s.value for s in stages],
            "role": role,
            "commitment": commitment,
            "project_role": project_role,
            "formal": formal,
        }

    def _add_members(
        self, graph: nx.Graph, project: Project, organisations: Mapping[str, Organisation]
    ) -> None:
        """The lead, then each partner with the edge its commitment makes to the lead.

        A member named twice (or the lead named as a partner) has its attributes and its edge
        updated, as ``add_nodes_from`` and ``add_edges_from`` do.
        """
        lead = project.lead
        nodes = [(lead, self._member_attributes(organisations[lead], None, "lead", None, None, True))]
        edges = []
        for partner in project.partners:
            organisation = organisations[partner.organisation]
            code, formal, strength = _COMMITMENT[partner.commitment]
            attributes = self._member_attributes(
                organisation, partner.stages, "partner", code, partner.role, formal
            )
            nodes.append((organisation.id, attributes))
            edge: dict[str, object] = {
                "commitment": code,
                "ties": [],
                "kinds": [],
                "formal": formal,
                "strength": strength,
                "declared": False,
                "provenance": ["commitment"],
            }
            edges.append((lead, organisation.id, edge))
        graph.add_nodes_from(nodes)
        graph.add_edges_from(edges)


def _add_ties(graph: nx.Graph, project: str, ties: Iterable[TieRow]) -> None:
    """Add the ties P declares and those known on the territory whose two ends are members: each
    merged into the edge already joining them (a commitment or an earlier tie), or a new edge,
    added in the order first met. Another application's ties are left out."""
    new: dict[tuple[str, str], dict[str, Any]] = {}
    for key, formal, strength in ties:
        source, target, kind, declared_by = key.split("|")
        if declared_by and declared_by != project:
            continue  # another application's tie: not P's network
        if source not in graph or target not in graph:
            continue  # an end outside the project
        data = graph.adj[source].get(target) or new.get((source, target)) or new.get((target, source))
        if data is None:
            new[(source, target)] = _tie_edge(key, kind, formal, strength)
        else:
            _merge_tie(data, key, kind, formal, strength)
    graph.add_edges_from((source, target, data) for (source, target), data in new.items())


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
    ``None``), ``ties`` (keys of the ties between the two, sorted), ``kinds`` (their kinds,
    sorted), ``formal`` (a formal commitment or any formal tie), ``strength`` (the strongest
    tie, else what the commitment implies: convention 3, letter or co-funding 2, informal 1),
    ``declared`` (whether at least one tie, declared by P or known, joins them beyond the
    commitment) and ``provenance``: where the edge comes from, a list in the order
    ``commitment`` (a partner's commitment to the lead), ``declared`` (a tie P declares,
    ``project`` = P) and ``known`` (a tie known on the territory, ``project`` null).

    A tie declared by another application is not part of N(P): P gets no credit from a
    competitor's file (it shows in the overlaps and the territory's ecosystem instead).

    Graph attributes: ``project``, ``title``, ``call``, ``lead``, ``territories``, ``publics``,
    ``schemes`` (the schemes the project articulates with) and, when its source did not ask for
    them, ``unreported`` (``ties``, ``stages``, ``schemes``: missing, not absent).

    Ties with an end outside the project, or declared by another application, are left out.
    :func:`project_network_from_rows` builds
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
    Several projects read together share a :class:`NetworkBuilder` instead.
    """
    return NetworkBuilder().network(project, organisations, ties)


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
    """The data of an edge made by one tie (declared by an application, or known)."""
    return {
        "commitment": None,
        "ties": [key],
        "kinds": [kind],
        "formal": formal,
        "strength": strength,
        "declared": True,
        "provenance": [_provenance_of(key)],
    }


_PROVENANCES = ("commitment", "declared", "known")


def _provenance_of(key: str) -> str:
    """``declared`` for a tie an application declares, ``known`` for one with no ``project``."""
    return "declared" if key.rsplit("|", 1)[1] else "known"


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
    found = {*data.get("provenance", ()), _provenance_of(key)}
    data["provenance"] = [p for p in _PROVENANCES if p in found]


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
            # Only when a referential brought it (issue 15): other graphs keep their attributes.
            **(
                {"provenance": organisation.provenance.model_dump(mode="json")}
                if organisation.provenance
                else {}
            ),
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
                provenance=[],
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
    "NetworkBuilder",
    "TieRow",
    "dataset_graph",
    "project_network",
    "project_network_from_rows",
    "self_consistent",
]
