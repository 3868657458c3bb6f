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


# A commitment's code, whether it is formal and the strength it implies, read once per partner.
_COMMITMENT = {c: (c._value_, c.formal, COMMITMENT_STRENGTH[c]) for c in Commitment}

TieRow = tuple[str, bool, int]
"""A tie as N(P) reads it: its natural key (``source|target|kind|project``), ``formal`` and
``strength``. The key holds the rest: identifiers never contain ``|`` (see ``Tie.key``)."""


# An organisation (kept so its id stays its own), its sector, subtype, stages, barriers and publics.
_Codes = tuple[Organisation, str, str | None, list[str], list[str], list[str]]


def _codes(organisation: Organisation) -> _Codes:
    """An organisation's codes (sector, subtype, stages, barriers, publics), kept by identity."""
    found = _CODES.get(id(organisation))
    if found is None or found[0] is not organisation:
        # ``member._value_`` is ``member.value`` without the enum property's descriptor call.
        found = (
            organisation,
            organisation.sector._value_,
            organisation.subtype._value_ if organisation.subtype else None,
            [s._value_ for s in organisation.stages],
            [b._value_ for b in organisation.barriers],
            [p._value_ for p in organisation.publics],
        )
        if len(_CODES) >= _CODES_LIMIT:
            _CODES.clear()
        _CODES[id(organisation)] = found
    return found


def _organisation_attributes(organisation: Organisation) -> dict[str, object]:
    """The node attributes an organisation gives, new lists each call (a graph may change them)."""
    _, sector, subtype, stages, barriers, publics = _codes(organisation)
    return {
        "name": organisation.name,
        "sector": sector,
        "subtype": subtype,
        "siret": organisation.siret,
        "territories": list(organisation.territories),
        "org_stages": stages.copy(),
        "barriers": barriers.copy(),
        "publics": publics.copy(),
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
    attributes = _organisation_attributes(organisation)
    return {
        **attributes,
        "stages": _codes(organisation)[3].copy() if stages is None else [s._value_ for s in stages],
        "role": role,
        "commitment": commitment,
        "project_role": project_role,
        "formal": formal,
    }


# The codes of the organisations read lately, by identity (the entry holds the organisation, so
# its id stays its own): the store hands the same validated organisation to every N(P) it is in.
_CODES: dict[int, _Codes] = {}
_CODES_LIMIT = 20_000


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

    The graph is filled through its own node and adjacency dicts, doing what ``add_node`` and
    ``add_edge`` do (same dicts, same order) without their per-call cost: a report's N(P) read is
    a fifth of its time. ``tests/queries/test_fast_paths.py`` checks it against those calls.
    """
    graph = nx.Graph(
        project=project.id,
        title=project.title,
        call=project.call,
        lead=project.lead,
        territories=list(project.territories),
        publics=[p._value_ for p in project.publics],
        schemes=list(project.schemes),
    )
    if project.unreported:  # what the application's source never asked: missing, not absent
        graph.graph["unreported"] = list(project.unreported)
    node: dict[str, dict[str, object]] = graph._node
    adj: dict[str, dict[str, dict[str, object]]] = graph._adj
    lead_id = project.lead
    lead = organisations[lead_id]
    node[lead.id] = _member_attributes(lead, None, "lead", None, None, True)
    lead_adj: dict[str, dict[str, object]] = {}
    adj[lead.id] = lead_adj
    for partner in project.partners:
        organisation = organisations[partner.organisation]
        member = organisation.id
        code, formal, strength = _COMMITMENT[partner.commitment]
        attributes = _member_attributes(organisation, partner.stages, "partner", code, partner.role, formal)
        edge: dict[str, object] = {
            "commitment": code,
            "ties": [],
            "kinds": [],
            "formal": formal,
            "strength": strength,
            "declared": False,
            "provenance": ["commitment"],
        }
        found = node.get(member)
        if found is None:  # a new node has no edge yet
            node[member] = attributes
            lead_adj[member] = edge
            adj[member] = {lead_id: edge}
            continue
        # A member named twice (or the lead named as a partner): what add_node and add_edge do.
        found.update(attributes)
        known = lead_adj.get(member)
        if known is not None:
            known.update(edge)
            edge = known
        lead_adj[member] = edge
        adj[member][lead_id] = edge
    for key, formal, strength in ties:
        source, target, kind, declared_by = key.split("|")
        if declared_by and declared_by != project.id:
            continue  # another application's tie: not P's network
        row = adj.get(source)
        if row is None or target not in adj:
            continue  # an end outside the project
        data = row.get(target)
        if data is None:  # most ties: a new edge
            row[target] = adj[target][source] = _tie_edge(key, kind, formal, strength)
        else:
            _merge_tie(data, key, kind, formal, strength)
    return graph


def _add_tie(
    adj: dict[str, dict[str, dict[str, object]]],
    key: str,
    source: str,
    target: str,
    kind: str,
    formal: bool,
    strength: int,
) -> None:
    """Add a tie to the adjacency of a graph holding both its ends (``graph._adj``)."""
    data = adj[source].get(target)
    if data is not None:
        _merge_tie(data, key, kind, formal, strength)
    else:
        adj[source][target] = adj[target][source] = _tie_edge(key, kind, formal, strength)


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
            _add_tie(graph._adj, tie.key, tie.source, tie.target, tie.kind._value_, tie.formal, tie.strength)
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
