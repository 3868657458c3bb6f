"""Exports of a dataset: GraphML and GEXF, which Gephi opens (JSON is in ``json_loader``).

The exported graph holds every edge of every N(P), one edge per fact of the store, so that Gephi
counts what the store counts:

- nodes: each organisation (``type`` ``organisation``) and each scheme (``type`` ``scheme``);
- ``commitment`` edges, partner → lead, one per partner of each project: ``kind`` the commitment
  (``convention``, ``lettre_engagement``, ``cofinancement``, ``informel``), ``formal``, the
  ``project``, the partner's ``role`` and ``stages``;
- ``declared`` edges, source → target, one per tie a project declares: ``kind`` the tie's kind,
  ``formal``, ``strength`` and the declaring ``project`` (its provenance);
- ``known`` edges, one per tie known on the territory outside any application (no ``project``);
- ``operates`` edges, operator → scheme.

Every edge says which of these it is (``relation``), carries a ``weight`` (the tie's strength,
or what the commitment implies: convention 3, letter or co-funding 2, informal 1) and a ``label``
for Gephi. Two members are often joined twice (a partner's commitment and a tie it declares): the
graph is a directed multigraph, each edge with its own id (``relation|project|source|target|kind``),
so no edge is merged into another. Lists become text joined by ``|``; absent values are left out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import networkx as nx

from graph_service.domain.models import Dataset
from graph_service.domain.network import COMMITMENT_STRENGTH


def _flat(attributes: Mapping[str, object]) -> dict[str, object]:
    """Attributes GraphML and GEXF can hold: lists joined by ``|``, no None."""
    flat: dict[str, object] = {}
    for key, value in attributes.items():
        if value is None:
            continue
        flat[key] = "|".join(str(v) for v in value) if isinstance(value, list | tuple | set) else value
    return flat


def export_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The organisations and schemes of a dataset with every commitment, tie and operation as edges."""
    graph = nx.MultiDiGraph()
    leads: dict[str, list[str]] = {}
    partner_in: dict[str, list[str]] = {}
    for project in dataset.projects:
        leads.setdefault(project.lead, []).append(project.id)
        for partner in project.partners:
            partner_in.setdefault(partner.organisation, []).append(project.id)
    for o in dataset.organisations:
        attributes = {
            "type": "organisation",
            "label": o.name,
            "name": o.name,
            "sector": o.sector.value,
            "subtype": o.subtype.value if o.subtype else None,
            "siret": o.siret,
            "territories": o.territories,
            "stages": [s.value for s in o.stages],
            "barriers": [b.value for b in o.barriers],
            "publics": [p.value for p in o.publics],
            "leads": leads.get(o.id),
            "partner_in": partner_in.get(o.id),
        }
        graph.add_node(o.id, **_flat(attributes))
    for s in dataset.schemes:
        attributes = {
            "type": "scheme",
            "label": s.name,
            "name": s.name,
            "kind": s.kind.value,
            "operator": s.operator,
            "territories": s.territories,
            "stages": [stage.value for stage in s.stages],
            "publics": [p.value for p in s.publics],
        }
        graph.add_node(s.id, **_flat(attributes))
        if s.operator is not None:
            _edge(graph, s.operator, s.id, "operates", "operates", formal=True, weight=3)
    for project in dataset.projects:
        for partner in project.partners:
            _edge(
                graph,
                partner.organisation,
                project.lead,
                "commitment",
                partner.commitment.value,
                formal=partner.commitment.formal,
                weight=COMMITMENT_STRENGTH[partner.commitment],
                project=project.id,
                role=partner.role,
                stages=None if partner.stages is None else [s.value for s in partner.stages],
            )
    for tie in dataset.ties:
        _edge(
            graph,
            tie.source,
            tie.target,
            "known" if tie.project is None else "declared",
            tie.kind.value,
            formal=tie.formal,
            weight=tie.strength,
            project=tie.project,
        )
    return graph


def _edge(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    relation: str,
    kind: str,
    *,
    formal: bool,
    weight: int,
    project: str | None = None,
    **more: object,
) -> None:
    """Add one edge, keyed by what makes it unique: relation, project, ends and kind."""
    key = f"{relation}|{project or ''}|{source}|{target}|{kind}"
    label = kind if project is None else f"{kind} ({project})"
    attributes = {
        "id": key,
        "label": label,
        "relation": relation,
        "kind": kind,
        "formal": formal,
        "strength": weight,
        "weight": weight,
        "project": project,
        **more,
    }
    graph.add_edge(source, target, key=key, **_flat(attributes))


def to_graphml(dataset: Dataset) -> bytes:
    """The organisations, schemes, commitments, ties and operations of a dataset as GraphML."""
    buffer = io.BytesIO()
    nx.write_graphml(export_graph(dataset), buffer, encoding="utf-8", edge_id_from_attribute="id")
    return buffer.getvalue()


# An edge's id is relation|project|source|target|kind (identifiers never hold "|", quotes or "&").
_EDGE_ID = re.compile(rb'<edge (?=[^>]*\bid="([^"|]*)\|([^"|]*)\|[^"|]*\|[^"|]*\|([^"|]*)")')


def _edge_kind(match: re.Match[bytes]) -> bytes:
    relation, project, kind = match.groups()
    return b'<edge kind="' + b"|".join(part for part in (relation, kind, project) if part) + b'" '


def to_gexf(dataset: Dataset) -> bytes:
    """The organisations, schemes, commitments, ties and operations of a dataset as GEXF 1.2.

    Each edge also carries GEXF's ``kind`` (relation, kind, project): Gephi keeps parallel edges
    apart when their kinds differ, instead of merging a partner's commitment with the tie it
    declares to the same lead. Readers that do not know it (networkx) ignore it.
    """
    buffer = io.BytesIO()
    nx.write_gexf(export_graph(dataset), buffer, encoding="utf-8")
    return _EDGE_ID.sub(_edge_kind, buffer.getvalue())


__all__ = ["export_graph", "to_gexf", "to_graphml"]
