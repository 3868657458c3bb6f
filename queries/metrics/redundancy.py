"""Redundancy: members who bring the same thing, duplicated schemes, overlapping applications.

Two senses of redundancy meet in this family. Provan & Milward (2001) count *service
duplication*: members (or existing schemes) doing the same thing on the same territory, measured
here. Burt (1992) counts *redundant contacts*: the lead's partners who are tied to each other,
measured in :mod:`queries.metrics.structural_holes`.

References
----------
.. [1] Provan, K. G. and Milward, H. B. (2001). "Do networks really work?". *Public
   Administration Review* 61(4), 414–423. doi:10.1111/0033-3352.00045
"""

from __future__ import annotations

import networkx as nx

from queries.metrics._common import (
    EMPTY_CONTEXT,
    Evidence,
    Measure,
    ProjectContext,
    attr_list,
    evidence_of,
    jaccard,
)
from queries.metrics._net import Net, structure
from queries.metrics.schemes import active_schemes, project_stages

DEFAULT_JACCARD_THRESHOLD = 0.5


def _comparable(graph: nx.Graph, first: str, second: str) -> bool:
    """Two organisations that could stand in for each other: same sector (and, for two
    enterprises, the same kind of enterprise: an SME does not replace an adapted enterprise)."""
    a, b = graph.nodes[first], graph.nodes[second]
    return a.get("sector") == b.get("sector") and a.get("subtype") == b.get("subtype")


def _similarity(
    graph: nx.Graph, first: str, second: str, threshold: float, context: ProjectContext
) -> float | None:
    """The pair's similarity for :func:`redundant_pairs`, ``None`` when the pair is not redundant."""
    if not _comparable(graph, first, second):
        return None
    stages = jaccard(set(attr_list(graph, first, "stages")), set(attr_list(graph, second, "stages")))
    if stages is None or stages < threshold:
        return None
    project_publics = list(graph.graph.get("publics") or ())
    publics = jaccard(
        set(attr_list(graph, first, "publics") or project_publics),
        set(attr_list(graph, second, "publics") or project_publics),
    )
    if publics is not None and publics < threshold:
        return None
    project_territories = list(graph.graph.get("territories") or ())
    here = attr_list(graph, first, "territories") or project_territories
    there = attr_list(graph, second, "territories") or project_territories
    if here and there and context.footprint(here).isdisjoint(there):
        return None
    return stages if publics is None else min(stages, publics)


def redundant_pairs(
    graph: nx.Graph | Net,
    threshold: float = DEFAULT_JACCARD_THRESHOLD,
    context: ProjectContext = EMPTY_CONTEXT,
) -> Measure:
    r"""Pairs of comparable members doing the same stages for the same people on the same communes.

    A pair :math:`\{m, n\}` is redundant when all four hold:

    - they are comparable organisations: same sector (and same kind of enterprise);
    - they do the same stages: :math:`J(S_m, S_n) \geq \theta`;
    - for the same people: :math:`J(P_m, P_n) \geq \theta`;
    - on overlapping communes: their territories meet (equal, or one contains the other through
      the context's territory tree);

    with :math:`J` the Jaccard index, :math:`S` a member's stages, :math:`P` its publics and
    :math:`\theta` the ``threshold`` (per call, 0.5 by default). A shared public alone is never
    redundancy. A member without territories (publics) works on the project's (serves its);
    two members with no stage are not judged. Reads the members' attributes, edges as evidence.

    Parameters
    ----------
    graph
        N(P), or its :class:`~queries.metrics._net.Net`.
    threshold
        The Jaccard similarity of stages and of publics from which a pair is redundant.
    context
        The territory tree, to see that two territories meet.

    Returns
    -------
    Measure
        Value: list of ``[m, n, similarity]``, the similarity being the lower of the two Jaccard
        values, sorted by decreasing similarity; ``[]`` when fewer than two members. Evidence:
        the members involved and the edges between them, if any.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("a", sector="employment", stages=["reperage", "mobilisation"])
    >>> g.add_node("b", sector="employment", stages=["reperage", "mobilisation", "emploi"])
    >>> g.add_node("c", sector="enterprise", stages=["reperage", "mobilisation"])
    >>> redundant_pairs(g).value  # c does the same but is not comparable
    [['a', 'b', 0.6666666666666666]]
    """
    graph = structure(graph)
    members = list(graph)
    pairs: list[list[object]] = []
    for index, first in enumerate(members):
        for second in members[index + 1 :]:
            similarity = _similarity(graph, first, second, threshold, context)
            if similarity is not None:
                pairs.append([first, second, similarity])
    pairs.sort(key=lambda p: (-float(p[2]), str(p[0]), str(p[1])))  # type: ignore[arg-type]
    nodes = [str(n) for p in pairs for n in p[:2]]
    edges = [(str(p[0]), str(p[1])) for p in pairs if graph.has_edge(p[0], p[1])]
    return Measure(pairs, evidence_of(graph, nodes, edges), {"threshold": threshold})


def scheme_overlaps(graph: nx.Graph | Net, context: ProjectContext = EMPTY_CONTEXT) -> Measure:
    r"""What the project duplicates of local schemes it does not articulate with.

    A scheme active on the project's territories (see :func:`~queries.metrics.schemes.active_schemes`)
    and not declared in the project's ``schemes`` overlaps the project when it works on at least
    one stage the project's members do and, when both name publics, at least one of the
    project's publics. Absence of service duplication, Provan & Milward (2001).

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the members' ``stages`` and the graph's ``schemes`` and ``publics``, no edge.
    context : ProjectContext
        The schemes known on the territory and the territory tree.

    Returns
    -------
    Measure
        Value: list of ``{"scheme", "name", "stages", "publics"}`` (what is duplicated), sorted by scheme
        id; ``[]`` when nothing overlaps or no scheme is known. Evidence nodes: the scheme ids and
        the members doing the duplicated stages.

    References
    ----------
    Provan & Milward (2001) [1]_ (the module's references).
    """
    graph = structure(graph)
    declared = set(graph.graph.get("schemes") or ())
    stages = project_stages(graph)
    publics = set(graph.graph.get("publics") or ())
    overlaps: list[dict[str, object]] = []
    nodes: list[str] = []
    for scheme in active_schemes(graph, context):
        if scheme.id in declared:
            continue
        shared_stages = sorted(stages & {s.value for s in scheme.stages})
        scheme_publics = {p.value for p in scheme.publics}
        shared_publics = sorted(publics & scheme_publics)
        if not shared_stages or (publics and scheme_publics and not shared_publics):
            continue
        overlaps.append(
            {"scheme": scheme.id, "name": scheme.name, "stages": shared_stages, "publics": shared_publics}
        )
        nodes.append(scheme.id)
        doing = set(shared_stages)
        nodes.extend(n for n in graph if not doing.isdisjoint(attr_list(graph, n, "stages")))
    overlaps.sort(key=lambda o: str(o["scheme"]))
    return Measure(overlaps, Evidence(nodes=tuple(dict.fromkeys(nodes))))


def overlapping_projects(graph: nx.Graph | Net, context: ProjectContext = EMPTY_CONTEXT) -> Measure:
    r"""Other applications of the same call on the same territories and publics.

    Another project of the context overlaps when it belongs to the same call (graph attribute
    ``call``; any call when this graph has none), its territories meet this project's (equal or
    nested, through the context's territory tree) and it names at least one of the same publics
    (or either names none). Shared partners are reported, not required.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the graph's ``call``, ``territories`` and ``publics``.
    context : ProjectContext
        The other applications and the territory tree.

    Returns
    -------
    Measure
        Value: list of ``{"project", "territories", "publics", "shared_members"}`` sorted by
        project id; ``[]`` when none. Evidence nodes: the other projects' ids and the shared
        members.

    References
    ----------
    Provan & Milward (2001) [1]_ (the module's references).
    """
    graph = structure(graph)
    own = graph.graph.get("project")
    call = graph.graph.get("call")
    territories = list(graph.graph.get("territories") or ())
    publics = set(graph.graph.get("publics") or ())
    found: list[dict[str, object]] = []
    nodes: list[str] = []
    # Only projects with a territory in this one's footprint can meet it: look them up by code.
    for project in context.projects_meeting(territories):
        if project.id == own or (call is not None and project.call != call):
            continue
        shared_territories = context.overlap(territories, project.territories)
        if not shared_territories:
            continue
        their_publics = {p.value for p in project.publics}
        shared_publics = sorted(publics & their_publics)
        if publics and their_publics and not shared_publics:
            continue
        shared_members = sorted(m for m in project.member_ids if m in graph)
        found.append(
            {
                "project": project.id,
                "territories": shared_territories,
                "publics": shared_publics,
                "shared_members": shared_members,
            }
        )
        nodes.extend([project.id, *shared_members])
    found.sort(key=lambda o: str(o["project"]))
    return Measure(found, Evidence(nodes=tuple(dict.fromkeys(nodes))))
