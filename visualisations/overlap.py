"""The call overlap map: the applications of a call on a territory and the partners they share.

Each application is a box in its own colour (a palette no sector colour comes near); its members
are filled with their sector's colour and hang from it (a thick line for the lead,
a line as wide as the commitment is strong for a partner, dashed when informal). An organisation in
several applications has a red border, a larger node and a line in the side panel: this is where
applications overlap, what a reviewer looks for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import networkx as nx

from graph_service.domain.french import count
from graph_service.domain.models import Organisation, Project
from graph_service.domain.network import COMMITMENT_STRENGTH
from graph_service.domain.vocabulary import Commitment, label
from visualisations import style
from visualisations.labels import by_importance, place_labels
from visualisations.layout import layout
from visualisations.scene import Choice, LegendEntry, MapEdge, MapNode, Marks, Scene, Section
from visualisations.text import labels, short, typeset

# Application nodes get ids no organisation can have: identifiers never hold "|".
APPLICATION_PREFIX = "candidature|"


Membership = dict[str, list[tuple[Project, str | None]]]


def overlap_map(
    projects: Sequence[Project],
    organisations: Mapping[str, Organisation],
    *,
    title: str = "Recouvrements entre candidatures",
) -> Scene:
    """Build the overlap scene of ``projects`` (the applications of one call on a territory)."""
    colours = {p.id: style.application_colour(i) for i, p in enumerate(projects)}
    membership: Membership = {}
    for project in projects:
        membership.setdefault(project.lead, []).append((project, None))
        for partner in project.partners:
            membership.setdefault(partner.organisation, []).append((project, partner.commitment.value))
    shared = {o for o, m in membership.items() if len({p.id for p, _ in m}) > 1}
    nodes = _nodes(projects, organisations, membership, shared, colours)
    sectors = sorted({n.sector for n in nodes if n.sector})
    shared_lines = tuple(
        sorted(
            f"{organisations[o].name if o in organisations else o} — "
            + ", ".join(dict.fromkeys(p.title for p, _ in membership[o]))
            for o in shared
        )
    )
    legend = [LegendEntry(f"Candidature : {p.title}", colours[p.id], "box") for p in projects]
    legend.extend(LegendEntry(f"Secteur : {label(s)}", style.sector_colour(s), "dot") for s in sectors)
    legend.append(
        LegendEntry(
            "Partenaire de plusieurs candidatures (bordure rouge)",
            "#FFFFFF",
            "dot",
            border=style.SHARED_BORDER,
        )
    )
    legend.append(LegendEntry("Engagement informel (pointillés)", style.NEUTRAL, "dashed", swatch=False))
    scene = Scene(
        kind="overlap",
        title=title,
        subtitle=f"{count(len(projects), 'candidature')}, {count(len(membership), 'organisation')}, "
        f"dont {count(len(shared), 'partagée')}",
        nodes=nodes,
        edges=_edges(membership, colours),
        legend=legend,
        sections=[
            Section(
                "Partenaires partagés", shared_lines, "Aucune organisation n'est dans deux candidatures."
            ),
            Section(
                "Candidatures",
                tuple(f"{p.title} — publics : {labels(x.value for x in p.publics)}" for p in projects),
            ),
        ],
        filters={
            "application": [Choice(p.id, p.title) for p in projects],
            "sector": [Choice(s, label(s)) for s in sectors],
        },
    )
    return typeset(scene)


def _nodes(
    projects: Sequence[Project],
    organisations: Mapping[str, Organisation],
    membership: Membership,
    shared: set[str],
    colours: dict[str, str],
) -> list[MapNode]:
    graph = nx.Graph()
    graph.add_nodes_from(APPLICATION_PREFIX + p.id for p in projects)
    for organisation_id, memberships in membership.items():
        for project, _ in memberships:
            graph.add_edge(APPLICATION_PREFIX + project.id, organisation_id)
    positions = layout(graph, seed=2)
    nodes = [_application_node(p, colours[p.id], positions[APPLICATION_PREFIX + p.id]) for p in projects]
    for organisation_id, memberships in membership.items():
        nodes.append(
            _member_node(
                organisation_id,
                organisations.get(organisation_id),
                memberships,
                organisation_id in shared,
                positions[organisation_id],
            )
        )
    place_labels(nodes, by_importance(nodes))
    return nodes


def _member_node(
    organisation_id: str,
    organisation: Organisation | None,
    memberships: list[tuple[Project, str | None]],
    is_shared: bool,
    position: tuple[float, float],
) -> MapNode:
    name = organisation.name if organisation else organisation_id
    sector = organisation.sector.value if organisation else None
    lines = [name, f"Secteur : {label(sector or '')}"]
    for project, commitment in memberships:
        what = "porteur" if commitment is None else f"partenaire ({label(commitment)})"
        lines.append(f"{project.title} : {what}")
    applications = sorted({p.id for p, _ in memberships})
    if is_shared:
        lines.append(f"Présent dans {count(len(applications), 'candidature')}")
    role = "enterprise" if sector == "enterprise" else "organisation"
    return MapNode(
        id=organisation_id,
        label=short(name),
        role=role,
        shape=style.ROLE_SHAPES[role],
        colour=style.sector_colour(sector),
        size=style.MAX_SIZE * 0.6 if is_shared else style.MIN_SIZE,
        x=position[0],
        y=position[1],
        sector=sector,
        border=style.SHARED_BORDER if is_shared else None,
        marks=Marks(shared=is_shared),
        hover=lines,
        applications=applications,
        degree=len(memberships),
    )


def _edges(membership: Membership, colours: dict[str, str]) -> list[MapEdge]:
    edges: list[MapEdge] = []
    for organisation_id, memberships in membership.items():
        for project, commitment in memberships:
            strength = 3 if commitment is None else COMMITMENT_STRENGTH[Commitment(commitment)]
            edges.append(
                MapEdge(
                    id=f"e{len(edges)}",
                    source=APPLICATION_PREFIX + project.id,
                    target=organisation_id,
                    colour=colours[project.id],
                    width=style.tie_width(strength),
                    dashes=commitment == "informel",
                    hover=[
                        project.title,
                        "Porteur" if commitment is None else f"Engagement : {label(commitment)}",
                    ],
                    applications=[project.id],
                )
            )
    return edges


def _application_node(project: Project, colour: str, position: tuple[float, float]) -> MapNode:
    lines = [
        project.title,
        f"Candidature {project.id} — appel {project.call}",
        count(len(project.partners), "partenaire"),
    ]
    return MapNode(
        id=APPLICATION_PREFIX + project.id,
        # The place before the colon names an application on the map (« Roubaix-Wattrelos »); the
        # whole title is in the hover text, the legend and the table.
        label=short(project.title.split(":", 1)[0].strip() or project.title, 28),
        role="application",
        shape=style.ROLE_SHAPES["application"],
        colour=colour,
        size=style.MAX_SIZE,
        x=position[0],
        y=position[1],
        hover=lines,
        applications=[project.id],
    )


__all__ = ["APPLICATION_PREFIX", "overlap_map"]
