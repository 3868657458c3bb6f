"""The project map: N(P) with its lead, partners, ties and articulated schemes.

Members are coloured by sector, shaped by role (lead, partner, enterprise, scheme) and sized by
betweenness; the lead is a star with a black border, articulation points have a red border; ties
are coloured by kind, dashed when informal and as wide as their strength. Beside the map: the
stages nobody covers and the articulation points.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph_service.domain.models import Scheme
from graph_service.domain.vocabulary import Stage, label
from queries.metrics.complementarity import unique_contributions
from visualisations import style
from visualisations.layout import layout
from visualisations.scene import LegendEntry, MapEdge, MapNode, Marks, Scene, Section
from visualisations.text import describe_capability, labels, short


def _member_hover(data: dict[str, Any], unique: list[str], articulation: bool) -> list[str]:
    role = style.member_role(data)
    lines = [str(data.get("name", "")), style.ROLE_LABELS[role]]
    lines.append(f"Secteur : {label(data.get('sector') or '')}")
    if data.get("subtype"):
        lines.append(f"Type d'entreprise : {label(data['subtype'])}")
    if data.get("role") == "partner":
        lines.append(f"Engagement : {label(data.get('commitment') or '')}")
    if data.get("project_role"):
        lines.append(f"Rôle : {data['project_role']}")
    lines.append(f"Étapes : {labels(data.get('stages') or [])}")
    lines.append(f"Freins levés : {labels(data.get('barriers') or [])}")
    lines.append(f"Publics : {labels(data.get('publics') or [])}")
    if unique:
        lines.append("Apporte seul : " + ", ".join(describe_capability(i) for i in unique))
    else:
        lines.append("Apporte seul : rien que d'autres membres n'apportent déjà")
    if articulation:
        lines.append("Point d'articulation : son départ couperait le réseau en morceaux")
    return lines


def _edge_hover(graph: nx.Graph, u: Any, v: Any, data: dict[str, Any]) -> list[str]:
    names = f"{graph.nodes[u].get('name', u)} — {graph.nodes[v].get('name', v)}"
    lines = [names]
    if data.get("operates"):
        lines.append("Opère le dispositif")
    if data.get("articulates"):
        lines.append("Le projet s'articule avec ce dispositif")
    if data.get("commitment"):
        lines.append(f"Engagement : {label(data['commitment'])}")
    if data.get("kinds"):
        lines.append(f"Liens : {labels(data['kinds'])}")
    lines.append("Formel" if data.get("formal") else "Informel")
    lines.append(f"Force : {data.get('strength', 1)} sur 3")
    return lines


def _with_schemes(graph: nx.Graph, schemes: Iterable[Scheme]) -> nx.Graph:
    drawn = graph.copy()
    lead = graph.graph.get("lead")
    for scheme in schemes:
        if scheme.id in drawn:
            continue
        drawn.add_node(
            scheme.id,
            type="scheme",
            name=scheme.name,
            kind=scheme.kind.value,
            stages=[s.value for s in scheme.stages],
            publics=[p.value for p in scheme.publics],
            barriers=[],
        )
        anchor = scheme.operator if scheme.operator in graph else lead
        if anchor is not None:
            drawn.add_edge(
                anchor,
                scheme.id,
                operates=scheme.operator == anchor,
                articulates=True,
                kinds=[],
                formal=True,
                strength=2,
            )
    return drawn


def _scheme_hover(data: dict[str, Any]) -> list[str]:
    return [
        str(data.get("name", "")),
        f"Dispositif local : {label(data.get('kind') or '')}",
        f"Étapes : {labels(data.get('stages') or [])}",
        f"Publics : {labels(data.get('publics') or [])}",
    ]


def project_map(graph: nx.Graph, schemes: Iterable[Scheme] = ()) -> Scene:
    """Build the scene of a project map from N(P) (:func:`project_network`) and its schemes.

    Betweenness, articulation points, unique contributions and uncovered stages are computed on
    N(P) alone, as the metrics compute them; schemes are drawn beside it.
    """
    members = list(graph.nodes)
    betweenness = nx.betweenness_centrality(graph) if graph.number_of_nodes() > 2 else {}
    largest = max(betweenness.values(), default=0.0)
    articulation = set(nx.articulation_points(graph))
    unique: dict[Any, list[str]] = unique_contributions(graph).value  # the report's own metric
    drawn = _with_schemes(graph, schemes)
    positions = layout(drawn, seed=1)
    nodes: list[MapNode] = []
    for node, data in drawn.nodes(data=True):
        role = style.member_role(data)
        if role == "scheme":
            hover = _scheme_hover(data)
            colour, sector = style.SCHEME_COLOUR, None
        else:
            hover = _member_hover(data, unique.get(node, []), node in articulation)
            colour, sector = style.sector_colour(data.get("sector")), data.get("sector")
        marks = Marks(lead=role == "lead", articulation=node in articulation, focus=node in graph)
        border = style.ARTICULATION_BORDER if marks.articulation else None
        if marks.lead and not border:
            border = style.LEAD_BORDER
        x, y = positions[node]
        nodes.append(
            MapNode(
                id=str(node),
                label=("★ " if marks.lead else "") + short(str(data.get("name", node))),
                role=role,
                shape=style.ROLE_SHAPES[role],
                colour=colour,
                size=style.size_of(betweenness.get(node, 0.0), largest),
                x=x,
                y=y,
                sector=sector,
                border=border,
                marks=marks,
                hover=hover,
            )
        )
    edges = [
        MapEdge(
            id=f"e{index}",
            source=str(u),
            target=str(v),
            colour=style.tie_colour(data),
            width=style.tie_width(data.get("strength", 1)),
            dashes=not data.get("formal", False),
            hover=_edge_hover(drawn, u, v, data),
            kinds=list(data.get("kinds") or []),
        )
        for index, (u, v, data) in enumerate(drawn.edges(data=True))
    ]
    covered = {s for n in members for s in graph.nodes[n].get("stages") or []}
    uncovered = tuple(label(s.value) for s in Stage if s.value not in covered)
    cut = tuple(sorted(str(graph.nodes[n].get("name", n)) for n in articulation))
    title = str(graph.graph.get("title") or graph.graph.get("project") or "Projet")
    return Scene(
        kind="project",
        title=title,
        subtitle=f"Réseau du projet {graph.graph.get('project', '')} : {len(members)} membres, "
        f"{graph.number_of_edges()} liens",
        nodes=nodes,
        edges=edges,
        legend=legend_for(nodes, edges),
        sections=[
            Section("Étapes du parcours non couvertes", uncovered, "Toutes les étapes sont couvertes."),
            Section(
                "Points d'articulation (bordure rouge)", cut, "Aucun : le réseau reste d'un seul tenant."
            ),
        ],
    )


def legend_for(nodes: list[MapNode], edges: list[MapEdge]) -> list[LegendEntry]:
    """The legend of what the map actually shows: sectors, roles, tie kinds, line styles."""
    entries: list[LegendEntry] = []
    sectors = {n.sector for n in nodes if n.sector}
    for sector, colour in style.SECTOR_COLOURS.items():
        if sector in sectors:
            entries.append(LegendEntry(label(sector), colour, "dot"))
    for role in dict.fromkeys(n.role for n in nodes):
        colour = style.SCHEME_COLOUR if role == "scheme" else "#FFFFFF"
        entries.append(LegendEntry(style.ROLE_LABELS[role], colour, style.ROLE_SHAPES[role]))
    kinds = {k for e in edges for k in e.kinds}
    for kind, colour in style.TIE_COLOURS.items():
        if kind in kinds:
            entries.append(LegendEntry(f"Lien : {label(kind)}", colour, "line"))
    if any(not e.kinds for e in edges):
        entries.append(LegendEntry("Engagement envers le porteur", style.COMMITMENT_COLOUR, "line"))
    entries.append(LegendEntry("Formel (trait plein)", "#333333", "line"))
    entries.append(LegendEntry("Informel (pointillés)", "#333333", "dashed"))
    entries.append(LegendEntry("Force 1 à 3 : épaisseur du trait", "#333333", "line", width=5))
    if any(n.marks.articulation for n in nodes):
        entries.append(
            LegendEntry("Point d'articulation", "#FFFFFF", "dot", border=style.ARTICULATION_BORDER)
        )
    if any(n.marks.lead for n in nodes):
        entries.append(LegendEntry("Porteur (★, bordure noire)", "#FFFFFF", "star", border=style.LEAD_BORDER))
    entries.append(LegendEntry("Taille : intermédiarité (betweenness)", "#BBBBBB", "dot"))
    return entries


__all__ = ["legend_for", "project_map"]
