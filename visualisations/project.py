"""The project map: N(P) with its lead, partners, ties and articulated schemes.

Members are coloured by sector, shaped by role (lead, partner, enterprise, scheme) and sized by
betweenness; the lead is a star (★ before its name), articulation points have a red border — a lead
that is one is a red-bordered star; ties
are coloured by kind, dashed when informal and as wide as their strength. Beside the map: the
stages nobody covers and the articulation points.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph_service.domain.french import count
from graph_service.domain.models import Scheme
from graph_service.domain.vocabulary import Stage, label
from queries.metrics.complementarity import unique_contributions
from visualisations import style
from visualisations.labels import by_importance, place_labels
from visualisations.layout import layout
from visualisations.scene import LegendEntry, MapEdge, MapNode, Marks, Scene, Section
from visualisations.text import describe_capability, labels, short, typeset


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


def _member_nodes(graph: nx.Graph, drawn: nx.Graph) -> list[MapNode]:
    """The members and schemes of the map, styled and placed."""
    betweenness = nx.betweenness_centrality(graph) if graph.number_of_nodes() > 2 else {}
    largest = max(betweenness.values(), default=0.0)
    articulation = set(nx.articulation_points(graph))
    unique: dict[Any, list[str]] = unique_contributions(graph).value  # the report's own metric
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
                border=style.ARTICULATION_BORDER if marks.articulation else None,
                marks=marks,
                hover=hover,
                degree=drawn.degree(node),
            )
        )
    place_labels(nodes, by_importance(nodes))
    return nodes


def project_map(graph: nx.Graph, schemes: Iterable[Scheme] = ()) -> Scene:
    """Build the scene of a project map from N(P) (:func:`project_network`) and its schemes.

    Betweenness, articulation points, unique contributions and uncovered stages are computed on
    N(P) alone, as the metrics compute them; schemes are drawn beside it.
    """
    drawn = _with_schemes(graph, schemes)
    nodes = _member_nodes(graph, drawn)
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
    covered = {s for n in graph for s in graph.nodes[n].get("stages") or []}
    uncovered = tuple(label(s.value) for s in Stage if s.value not in covered)
    cut = tuple(sorted(str(graph.nodes[n].get("name", n)) for n in nx.articulation_points(graph)))
    title = str(graph.graph.get("title") or graph.graph.get("project") or "Projet")
    scene = Scene(
        kind="project",
        title=title,
        subtitle=f"Réseau du projet {graph.graph.get('project', '')} : "
        f"{count(graph.number_of_nodes(), 'membre')}, {count(graph.number_of_edges(), 'lien')}",
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
    return typeset(scene)


def legend_for(nodes: list[MapNode], edges: list[MapEdge]) -> list[LegendEntry]:
    """The legend of what the map actually shows: sectors, roles, tie kinds, line styles.

    Colours mean one thing each: a sector's fill, a tie kind's line, a mark's ring. Role shapes
    and line styles are drawn in neutral colours (``swatch=False``): their shape is the meaning.
    """
    entries: list[LegendEntry] = []
    sectors = {n.sector for n in nodes if n.sector}
    for sector, colour in style.SECTOR_COLOURS.items():
        if sector in sectors:
            entries.append(LegendEntry(f"Secteur : {label(sector)}", colour, "dot"))
    for role in dict.fromkeys(n.role for n in nodes):
        text = style.ROLE_LABELS[role] + (" (★ étoile)" if role == "lead" else "")
        if role == "scheme":
            entries.append(LegendEntry(text, style.SCHEME_COLOUR, "triangle"))
        else:
            entries.append(LegendEntry(text, "#FFFFFF", style.ROLE_SHAPES[role], swatch=False))
    kinds = {k for e in edges for k in e.kinds}
    for kind, colour in style.TIE_COLOURS.items():
        if kind in kinds:
            entries.append(LegendEntry(f"Lien : {label(kind)}", colour, "line"))
    if any(e.colour == style.MIXED_COLOUR for e in edges):
        entries.append(LegendEntry("Liens de plusieurs natures", style.MIXED_COLOUR, "line"))
    if any(e.colour == style.OPERATES_COLOUR for e in edges):
        entries.append(LegendEntry("Opère le dispositif", style.OPERATES_COLOUR, "line"))
    if any(e.colour == style.COMMITMENT_COLOUR for e in edges):
        entries.append(LegendEntry("Engagement envers le porteur", style.COMMITMENT_COLOUR, "line"))
    entries.append(LegendEntry("Formel (trait plein)", style.NEUTRAL, "line", swatch=False))
    entries.append(LegendEntry("Informel (pointillés)", style.NEUTRAL, "dashed", swatch=False))
    entries.append(
        LegendEntry("Force 1 à 3 : épaisseur du trait", style.NEUTRAL, "line", width=5, swatch=False)
    )
    if any(n.marks.articulation for n in nodes):
        entries.append(
            LegendEntry(
                "Point d'articulation (bordure rouge, porteur compris)",
                "#FFFFFF",
                "dot",
                border=style.ARTICULATION_BORDER,
            )
        )
    entries.append(LegendEntry("Taille : intermédiarité (betweenness)", "#BBBBBB", "dot", swatch=False))
    return entries


__all__ = ["legend_for", "project_map"]
