"""The territory ecosystem map: every organisation and scheme of a territory, applications on top.

Organisations are coloured by sector and schemes drawn as yellow triangles. The applications of
the territory are coloured overlays (a node's border takes the colour of the first application it
belongs to; the page filters by application and by sector). A lead looking at their territory sees
their own partners with a black border (``focus_project``) and the organisations the gaps report
recommends with a green one. Past ``max_nodes`` the map groups organisations by sector instead of
freezing the browser, and says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Any

import networkx as nx

from graph_service.domain.models import Dataset
from graph_service.domain.network import dataset_graph
from graph_service.domain.vocabulary import label
from visualisations import style
from visualisations.layout import layout
from visualisations.project import legend_for
from visualisations.scene import Choice, LegendEntry, MapEdge, MapNode, Marks, Scene, Section
from visualisations.text import labels, provenance_line, short

DEFAULT_MAX_NODES = 2500
EXACT_BETWEENNESS = 400  # above this many nodes, size by degree: exact betweenness takes minutes


def _centrality(graph: nx.Graph) -> tuple[dict[Any, float], str]:
    if graph.number_of_nodes() <= EXACT_BETWEENNESS:
        return nx.betweenness_centrality(graph), "Taille : intermédiarité (betweenness)"
    return {n: float(d) for n, d in graph.degree()}, "Taille : nombre de liens"


def _hover(data: dict[str, Any], titles: dict[str, str], recommended: bool, focus: str | None) -> list[str]:
    if data.get("type") == "scheme":
        return [
            str(data.get("name", "")),
            f"Dispositif local : {label(data.get('kind') or '')}",
            f"Étapes : {labels(data.get('stages') or [])}",
            f"Publics : {labels(data.get('publics') or [])}",
        ]
    lines = [str(data.get("name", "")), f"Secteur : {label(data.get('sector') or '')}"]
    if data.get("subtype"):
        lines.append(f"Type d'entreprise : {label(data['subtype'])}")
    lines.append(f"Étapes : {labels(data.get('stages') or [])}")
    lines.append(f"Freins levés : {labels(data.get('barriers') or [])}")
    lines.append(f"Publics : {labels(data.get('publics') or [])}")
    if data.get("provenance"):
        lines.append(provenance_line(data["provenance"]))
    if data.get("leads"):
        lines.append("Porte : " + ", ".join(titles.get(p, p) for p in data["leads"]))
    if data.get("partner_in"):
        lines.append("Partenaire de : " + ", ".join(titles.get(p, p) for p in data["partner_in"]))
    if focus is not None:
        member = focus in (data.get("leads") or []) or focus in (data.get("partner_in") or [])
        lines.append("Membre de votre partenariat" if member else "Pas encore dans votre partenariat")
    if recommended:
        lines.append("Recommandé : comblerait un manque de votre partenariat")
    return lines


def _restricted(graph: nx.Graph, sector: str | None) -> nx.Graph:
    if sector is None:
        return graph
    keep = {n for n, d in graph.nodes(data=True) if d.get("sector") == sector}
    keep |= {n for n, d in graph.nodes(data=True) if d.get("type") == "scheme" and d.get("operator") in keep}
    return graph.subgraph(keep).copy()


def ecosystem_map(
    dataset: Dataset,
    *,
    title: str = "Écosystème du territoire",
    focus_project: str | None = None,
    recommended: Collection[str] = (),
    sector: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Scene:
    """Build the scene of a territory's ecosystem (``store.territory_ecosystem(code)``).

    Parameters
    ----------
    dataset : the territory's self-consistent dataset.
    title : the map's title (the territory's name, say).
    focus_project : the application whose lead looks at the map: its members are marked and the
        page can show them against everyone else.
    recommended : ids of organisations the gaps report recommends.
    sector : keep only this sector's organisations (and the schemes they operate).
    max_nodes : above this many nodes, draw one node per sector instead.
    """
    graph = _restricted(dataset_graph(dataset), sector)
    projects = list(dataset.projects)
    titles = {p.id: p.title for p in projects}
    colours = {p.id: style.application_colour(i) for i, p in enumerate(projects)}
    if graph.number_of_nodes() > max_nodes:
        return _aggregated(graph, title, max_nodes)
    centrality, size_legend = _centrality(graph)
    largest = max(centrality.values(), default=0.0)
    focus_members = set()
    if focus_project is not None:
        project = next((p for p in projects if p.id == focus_project), None)
        focus_members = set(project.member_ids) if project is not None else set()
    recommended_ids = set(recommended)
    positions = layout(graph, group=lambda n: graph.nodes[n].get("sector") or "scheme", seed=1)
    nodes = [
        _node(
            node,
            data,
            positions[node],
            centrality,
            largest,
            titles,
            colours,
            focus_project,
            focus_members,
            recommended_ids,
        )
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        MapEdge(
            id=f"e{index}",
            source=str(u),
            target=str(v),
            colour=style.tie_colour(data),
            width=style.tie_width(data.get("strength", 1)),
            dashes=not data.get("formal", False),
            hover=_edge_hover(graph, u, v, data, titles),
            kinds=list(data.get("kinds") or []),
            applications=sorted({key.rsplit("|", 1)[1] for key in data.get("ties") or []} - {""}),
        )
        for index, (u, v, data) in enumerate(graph.edges(data=True))
    ]
    if len(edges) > style.LARGE_MAP_EDGES:
        for edge in edges:
            if edge.dashes:
                edge.dashes, edge.opacity = False, style.FAINT
    legend = [e for e in legend_for(nodes, edges) if not e.label.startswith("Taille")]
    if len(edges) > style.LARGE_MAP_EDGES:
        legend = [
            LegendEntry("Informel (trait pâle)", "#BBBBBB", "line") if e.symbol == "dashed" else e
            for e in legend
        ]
    legend.append(LegendEntry(size_legend, "#BBBBBB", "dot"))
    legend.extend(
        LegendEntry(f"Candidature : {titles[p]}", colours[p], "dot", border=colours[p]) for p in colours
    )
    if focus_members:
        legend.append(LegendEntry("Membre de votre partenariat", "#FFFFFF", "dot", border=style.LEAD_BORDER))
    if recommended_ids & set(graph.nodes):
        legend.append(
            LegendEntry("Organisation recommandée", "#FFFFFF", "dot", border=style.RECOMMENDED_BORDER)
        )
    sectors = sorted({d.get("sector") for _, d in graph.nodes(data=True) if d.get("sector")})
    filters = {
        "application": [Choice(p.id, p.title) for p in projects],
        "sector": [Choice(s, label(s)) for s in sectors],
    }
    if focus_members:
        filters["focus"] = [Choice("members", "Votre partenariat"), Choice("others", "Les autres acteurs")]
    return Scene(
        kind="ecosystem",
        title=title,
        subtitle=f"{sum(1 for n in nodes if n.role != 'scheme')} organisations, "
        f"{sum(1 for n in nodes if n.role == 'scheme')} dispositifs, {len(edges)} liens, "
        f"{len(projects)} candidature(s)" + (f" — secteur : {label(sector)}" if sector else ""),
        nodes=nodes,
        edges=edges,
        legend=legend,
        sections=_sections(graph, projects, focus_members, recommended_ids),
        filters=filters,
    )


def _node(
    node: Any,
    data: dict[str, Any],
    position: tuple[float, float],
    centrality: dict[Any, float],
    largest: float,
    titles: dict[str, str],
    colours: dict[str, str],
    focus_project: str | None,
    focus_members: set[str],
    recommended: set[str],
) -> MapNode:
    applications = [*(data.get("leads") or []), *(data.get("partner_in") or [])]
    is_lead = focus_project is not None and focus_project in (data.get("leads") or [])
    role = (
        "lead"
        if is_lead
        else style.member_role({**data, "role": "partner" if node in focus_members else None})
    )
    marks = Marks(lead=is_lead, recommended=node in recommended, focus=node in focus_members)
    border = None
    if marks.recommended:
        border = style.RECOMMENDED_BORDER
    elif marks.focus:
        border = style.LEAD_BORDER
    elif applications:
        border = colours.get(applications[0])
    hover = _hover(data, titles, marks.recommended, focus_project)
    is_scheme = data.get("type") == "scheme"
    return MapNode(
        id=str(node),
        label=("★ " if is_lead else "") + short(str(data.get("name", node))),
        role=role,
        shape=style.ROLE_SHAPES[role],
        colour=style.SCHEME_COLOUR if is_scheme else style.sector_colour(data.get("sector")),
        size=style.size_of(centrality.get(node, 0.0), largest),
        x=position[0],
        y=position[1],
        sector=None if is_scheme else data.get("sector"),
        border=border,
        marks=marks,
        hover=hover,
        applications=applications,
    )


def _edge_hover(graph: nx.Graph, u: Any, v: Any, data: dict[str, Any], titles: dict[str, str]) -> list[str]:
    lines = [f"{graph.nodes[u].get('name', u)} — {graph.nodes[v].get('name', v)}"]
    if data.get("operates"):
        lines.append("Opère le dispositif")
    if data.get("kinds"):
        lines.append(f"Liens : {labels(data['kinds'])}")
    projects = sorted({key.rsplit("|", 1)[1] for key in data.get("ties") or []})
    for project in projects:
        lines.append(
            f"Déclaré par : {titles.get(project, project)}" if project else "Connu sur le territoire"
        )
    lines.append("Formel" if data.get("formal") else "Informel")
    lines.append(f"Force : {data.get('strength', 1)} sur 3")
    return lines


def _sections(graph: nx.Graph, projects: list[Any], focus: set[str], recommended: set[str]) -> list[Section]:
    sections = [
        Section(
            "Candidatures sur le territoire",
            tuple(f"{p.title} ({len(p.partners)} partenaires)" for p in projects),
            "Aucune candidature sur ce territoire.",
        )
    ]
    if focus:
        others = sum(1 for n in graph if n not in focus)
        sections.append(
            Section(
                "Votre partenariat face au territoire",
                (f"{len(focus & set(graph))} membres de votre partenariat", f"{others} autres acteurs"),
            )
        )
    if recommended:
        names = tuple(sorted(str(graph.nodes[n].get("name", n)) for n in recommended if n in graph))
        sections.append(Section("Organisations recommandées (bordure verte)", names))
    return sections


def _aggregated(graph: nx.Graph, title: str, max_nodes: int) -> Scene:
    """One node per sector (schemes together), edges counting the ties between sectors."""

    def group(node: Any) -> str:
        data = graph.nodes[node]
        return "scheme" if data.get("type") == "scheme" else str(data.get("sector") or "")

    counts = Counter(group(n) for n in graph)
    between: Counter[tuple[str, str]] = Counter()
    for u, v in graph.edges():
        a, b = sorted((group(u), group(v)))
        between[(a, b)] += 1
    summary = nx.Graph()
    summary.add_nodes_from(counts)
    summary.add_edges_from((a, b) for a, b in between if a != b)
    positions = layout(summary, seed=1)
    largest = max(counts.values())
    nodes = []
    for key, count in counts.items():
        name = "Dispositifs" if key == "scheme" else label(key)
        lines = [name, f"{count} membres", f"{between.get((key, key), 0)} liens internes"]
        nodes.append(
            MapNode(
                id=key,
                label=f"{name} ({count})",
                role="sector",
                shape=style.ROLE_SHAPES["sector"],
                colour=style.SCHEME_COLOUR if key == "scheme" else style.sector_colour(key),
                size=style.size_of(count, largest),
                x=positions[key][0],
                y=positions[key][1],
                sector=None if key == "scheme" else key,
                hover=lines,
            )
        )
    edges = []
    widest = max((n for (a, b), n in between.items() if a != b), default=1)
    for index, ((a, b), count) in enumerate(sorted(between.items())):
        if a == b:
            continue
        edges.append(
            MapEdge(
                id=f"e{index}",
                source=a,
                target=b,
                colour=style.MIXED_COLOUR,
                width=round(1 + 9 * count / widest, 2),
                dashes=False,
                hover=[f"{label(a)} — {label(b)}", f"{count} liens"],
            )
        )
    return Scene(
        kind="ecosystem",
        title=title,
        subtitle=f"{graph.number_of_nodes()} organisations et dispositifs, {graph.number_of_edges()} liens",
        nodes=nodes,
        edges=edges,
        legend=[LegendEntry(n.label, n.colour, "hexagon") for n in nodes]
        + [LegendEntry("Épaisseur : nombre de liens entre secteurs", style.MIXED_COLOUR, "line", width=5)],
        sections=[Section("Carte regroupée", (f"Seuil : {max_nodes} nœuds",))],
        notice=f"Ce territoire compte {graph.number_of_nodes()} organisations et dispositifs, plus que les "
        f"{max_nodes} qu'une carte détaillée montre lisiblement : la carte les regroupe par secteur. "
        "Choisissez un secteur pour voir le détail.",
        aggregated=True,
    )


__all__ = ["DEFAULT_MAX_NODES", "ecosystem_map"]
