"""The territory ecosystem map: every organisation and scheme of a territory, applications on top.

Organisations are filled with their sector's colour and schemes drawn as yellow triangles. The
applications of the territory are rings (a node's border takes the colour of the first application
it belongs to, from a palette no sector colour comes near; the page filters by application and by
sector). A lead looking at their territory sees their own partners with a black ring
(``focus_project``) and the organisations the gaps report recommends with a green one. Past ``max_nodes`` the map groups organisations by sector instead of
freezing the browser, and says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph_service.domain.french import count
from graph_service.domain.models import Dataset, Project
from graph_service.domain.network import dataset_graph
from graph_service.domain.vocabulary import label
from visualisations import style
from visualisations.labels import by_importance, place_labels
from visualisations.layout import layout
from visualisations.project import legend_for
from visualisations.scene import Choice, LegendEntry, MapEdge, MapNode, Marks, Scene, Section
from visualisations.text import labels, provenance_line, short, typeset

DEFAULT_MAX_NODES = 2500
EXACT_BETWEENNESS = 400  # above this many nodes, size by degree: exact betweenness takes minutes


def _centrality(graph: nx.Graph) -> tuple[dict[Any, float], str]:
    if graph.number_of_nodes() <= EXACT_BETWEENNESS:
        return nx.betweenness_centrality(graph), "Taille : intermédiarité (betweenness)"
    return {n: float(d) for n, d in graph.degree()}, "Taille : nombre de liens"


def _hover(data: dict[str, Any], titles: dict[str, str], focus: _Focus, node: Any) -> list[str]:
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
    if focus.project is not None:
        wording = focus.wording
        lines.append(f"Membre {focus.after_de}" if node in focus.members else f"Pas encore dans {wording}")
    if node in focus.recommended:
        lines.append(f"Recommandée : comblerait un manque {focus.after_de}")
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
    own: bool = True,
) -> Scene:
    """Build the scene of a territory's ecosystem (``store.territory_ecosystem(code)``).

    Parameters
    ----------
    dataset : the territory's self-consistent dataset.
    title : the map's title (the territory's name, say).
    focus_project : the application the map is looked at for: its members are marked and the
        page can show them against everyone else.
    recommended : ids of organisations the gaps report recommends.
    sector : keep only this sector's organisations (and the schemes they operate).
    max_nodes : above this many nodes, draw one node per sector instead.
    own : whether the reader leads ``focus_project`` (« votre partenariat ») or reviews it
        (« le partenariat de la candidature »).
    """
    graph = _restricted(dataset_graph(dataset), sector)
    if graph.number_of_nodes() > max_nodes:
        return typeset(_aggregated(graph, title, max_nodes))
    projects = list(dataset.projects)
    focus = _Focus.build(projects, focus_project, set(recommended), own)
    nodes = _nodes(graph, projects, focus)
    edges = _edges(graph, {p.id: p.title for p in projects})
    sectors = sorted({d.get("sector") for _, d in graph.nodes(data=True) if d.get("sector")})
    filters = {
        "application": [Choice(p.id, p.title) for p in projects],
        "sector": [Choice(s, label(s)) for s in sectors],
    }
    if focus.members:
        filters["focus"] = [
            Choice("members", focus.wording.capitalize()),
            Choice("others", "Les autres acteurs du territoire"),
        ]
    organisations = sum(1 for n in nodes if n.role != "scheme")
    schemes = len(nodes) - organisations
    return typeset(
        Scene(
            kind="ecosystem",
            title=title,
            subtitle=f"{count(organisations, 'organisation')}, {count(schemes, 'dispositif')}, "
            f"{count(len(edges), 'lien')}, {count(len(projects), 'candidature')}"
            + (f" — secteur : {label(sector)}" if sector else ""),
            nodes=nodes,
            edges=edges,
            legend=_legend(graph, nodes, edges, projects, focus),
            sections=_sections(graph, projects, focus),
            filters=filters,
        )
    )


@dataclass(frozen=True)
class _Focus:
    """The application the map is looked at for, its members, and the organisations recommended."""

    project: str | None
    members: frozenset[str]
    recommended: frozenset[str]
    wording: str  # « votre partenariat » for its lead, « le partenariat de la candidature » otherwise
    after_de: str  # the same after « de »: « de votre partenariat », « du partenariat de la candidature »

    @classmethod
    def build(cls, projects: list[Project], focus: str | None, recommended: set[str], own: bool) -> _Focus:
        project = next((p for p in projects if p.id == focus), None)
        members = frozenset(project.member_ids) if project is not None else frozenset()
        wording = "votre partenariat" if own else "le partenariat de la candidature"
        after_de = "de votre partenariat" if own else "du partenariat de la candidature"
        return cls(focus, members, frozenset(recommended), wording, after_de)


def _nodes(graph: nx.Graph, projects: list[Project], focus: _Focus) -> list[MapNode]:
    centrality, _ = _centrality(graph)
    largest = max(centrality.values(), default=0.0)
    titles = {p.id: p.title for p in projects}
    colours = {p.id: style.application_colour(i) for i, p in enumerate(projects)}
    positions = layout(graph, group=lambda n: graph.nodes[n].get("sector") or "scheme", seed=1)
    nodes = [
        _node(
            node,
            {**data, "degree": graph.degree(node)},
            positions[node],
            centrality,
            largest,
            titles,
            colours,
            focus,
        )
        for node, data in graph.nodes(data=True)
    ]
    place_labels(nodes, by_importance(nodes))
    return nodes


def _edges(graph: nx.Graph, titles: dict[str, str]) -> list[MapEdge]:
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
    return edges


def _legend(
    graph: nx.Graph, nodes: list[MapNode], edges: list[MapEdge], projects: list[Project], focus: _Focus
) -> list[LegendEntry]:
    """Sectors fill the members, applications ring them: the two never share a colour."""
    legend = [e for e in legend_for(nodes, edges) if not e.label.startswith("Taille")]
    if len(edges) > style.LARGE_MAP_EDGES:
        legend = [
            LegendEntry("Informel (trait pâle)", "#BBBBBB", "line", swatch=False)
            if e.symbol == "dashed"
            else e
            for e in legend
        ]
    legend.append(LegendEntry(_centrality(graph)[1], "#BBBBBB", "dot", swatch=False))
    legend.extend(
        LegendEntry(f"Candidature (anneau) : {p.title}", "#FFFFFF", "dot", border=style.application_colour(i))
        for i, p in enumerate(projects)
    )
    if focus.members:
        legend.append(
            LegendEntry(f"Membre {focus.after_de} (anneau noir)", "#FFFFFF", "dot", border=style.LEAD_BORDER)
        )
    if focus.recommended & set(graph.nodes):
        legend.append(
            LegendEntry(
                "Organisation recommandée (anneau vert)", "#FFFFFF", "dot", border=style.RECOMMENDED_BORDER
            )
        )
    return legend


def _node(
    node: Any,
    data: dict[str, Any],
    position: tuple[float, float],
    centrality: dict[Any, float],
    largest: float,
    titles: dict[str, str],
    colours: dict[str, str],
    focus: _Focus,
) -> MapNode:
    applications = [*(data.get("leads") or []), *(data.get("partner_in") or [])]
    is_lead = focus.project is not None and focus.project in (data.get("leads") or [])
    role = (
        "lead"
        if is_lead
        else style.member_role({**data, "role": "partner" if node in focus.members else None})
    )
    marks = Marks(lead=is_lead, recommended=node in focus.recommended, focus=node in focus.members)
    border = None
    if marks.recommended:
        border = style.RECOMMENDED_BORDER
    elif marks.focus:
        border = style.LEAD_BORDER
    elif applications:
        border = colours.get(applications[0])
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
        hover=_hover(data, titles, focus, node),
        applications=applications,
        degree=int(data.get("degree", 0)),
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


def _sections(graph: nx.Graph, projects: list[Any], focus: _Focus) -> list[Section]:
    sections = [
        Section(
            "Candidatures sur le territoire",
            tuple(f"{p.title} ({count(len(p.partners), 'partenaire')})" for p in projects),
            "Aucune candidature sur ce territoire.",
        )
    ]
    if focus.members:
        inside = len(focus.members & set(graph))
        others = sum(1 for n in graph if n not in focus.members)
        sections.append(
            Section(
                f"{focus.wording.capitalize()} face au territoire",
                (f"{count(inside, 'membre')} {focus.after_de}", count(others, "autre acteur")),
            )
        )
    if focus.recommended:
        names = tuple(sorted(str(graph.nodes[n].get("name", n)) for n in focus.recommended if n in graph))
        sections.append(Section("Organisations recommandées (anneau vert)", names))
    return sections


def _aggregated(graph: nx.Graph, title: str, max_nodes: int) -> Scene:
    """One node per sector (schemes together), edges counting the ties between sectors."""

    def group(node: Any) -> str:
        data = graph.nodes[node]
        return "scheme" if data.get("type") == "scheme" else str(data.get("sector") or "")

    sizes = Counter(group(n) for n in graph)
    between: Counter[tuple[str, str]] = Counter()
    for u, v in graph.edges():
        a, b = sorted((group(u), group(v)))
        between[(a, b)] += 1
    nodes = _sector_nodes(sizes, between)
    widest = max((n for (a, b), n in between.items() if a != b), default=1)
    edges = [
        MapEdge(
            id=f"e{index}",
            source=a,
            target=b,
            colour=style.MIXED_COLOUR,
            width=round(1 + 9 * ties / widest, 2),
            dashes=False,
            hover=[f"{label(a)} — {label(b)}", count(ties, "lien")],
        )
        for index, ((a, b), ties) in enumerate(sorted(between.items()))
        if a != b
    ]
    total = graph.number_of_nodes()
    return Scene(
        kind="ecosystem",
        title=title,
        subtitle=f"{count(total, 'organisation ou dispositif', 'organisations et dispositifs')}, "
        f"{count(graph.number_of_edges(), 'lien')}",
        nodes=nodes,
        edges=edges,
        legend=[LegendEntry(n.label, n.colour, "hexagon") for n in nodes]
        + [
            LegendEntry(
                "Épaisseur : nombre de liens entre secteurs",
                style.MIXED_COLOUR,
                "line",
                width=5,
                swatch=False,
            )
        ],
        sections=[Section("Carte regroupée", (f"Seuil : {count(max_nodes, 'nœud')}",))],
        notice=f"Ce territoire compte {total} organisations et dispositifs, plus que les "
        f"{max_nodes} qu'une carte détaillée montre lisiblement : la carte les regroupe par secteur. "
        "Choisissez un secteur pour voir le détail.",
        aggregated=True,
    )


def _sector_nodes(sizes: Counter[str], between: Counter[tuple[str, str]]) -> list[MapNode]:
    summary = nx.Graph()
    summary.add_nodes_from(sizes)
    summary.add_edges_from((a, b) for a, b in between if a != b)
    positions = layout(summary, seed=1)
    largest = max(sizes.values())
    nodes = []
    for key, size in sizes.items():
        name = "Dispositifs" if key == "scheme" else label(key)
        nodes.append(
            MapNode(
                id=key,
                label=f"{name} ({size})",
                role="sector",
                shape=style.ROLE_SHAPES["sector"],
                colour=style.SCHEME_COLOUR if key == "scheme" else style.sector_colour(key),
                size=style.size_of(size, largest),
                x=positions[key][0],
                y=positions[key][1],
                sector=None if key == "scheme" else key,
                hover=[name, count(size, "membre"), count(between.get((key, key), 0), "lien interne")],
            )
        )
    place_labels(nodes, by_importance(nodes))
    return nodes


__all__ = ["DEFAULT_MAX_NODES", "ecosystem_map"]
