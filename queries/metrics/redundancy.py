"""Redundancy: members who bring the same thing, the lead's redundant contacts, duplicated schemes.

Two senses of redundancy meet here. Provan & Milward (2001) count *service duplication*: members
(or existing schemes) doing the same thing on the same territory. Burt (1992) counts *redundant
contacts*: the lead's partners who are tied to each other; his effective size, efficiency and
constraint are computed with Borgatti's (1997) formulas for unweighted, undirected data, on the
**working ties** of N(P) (formal, or declared beyond the commitment), as the Federation and
Decompartmentalisation families read them: a partner named with an informal commitment and no
declared tie is not a contact of the lead, so a lead listing informal names has no effective
contact (effective size 0) instead of a perfectly efficient star.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Cambridge,
   MA: Harvard University Press.
.. [2] Borgatti, S. P. (1997). "Structural holes: unpacking Burt's redundancy measures".
   *Connections* 20(1), 35–38.
.. [3] Provan, K. G. and Milward, H. B. (2001). "Do networks really work?". *Public
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
    capability_sets,
    evidence_of,
    pairwise_jaccard,
)
from queries.metrics._net import Net, as_net, structure
from queries.metrics.schemes import active_schemes, project_stages

DEFAULT_JACCARD_THRESHOLD = 0.5


def redundant_pairs(
    graph: nx.Graph | Net,
    threshold: float = DEFAULT_JACCARD_THRESHOLD,
    context: ProjectContext = EMPTY_CONTEXT,
) -> Measure:
    r"""Pairs of members bringing nearly the same capabilities on overlapping territories.

    A pair :math:`\{m, n\}` is redundant when
    :math:`J(K_m, K_n) = |K_m \cap K_n| / |K_m \cup K_n| \geq \theta` (``threshold``, configured
    per call; 0.5 by default) and their territories meet (equal, or one contains the other
    through the context's territory tree). A member without declared territories is taken to work
    on the project's territories. Service duplication in Provan & Milward (2001). Reads the
    members' attributes; the edges only for the evidence.

    Parameters
    ----------
    graph
        N(P), or its :class:`~queries.metrics._net.Net`.
    threshold
        The Jaccard similarity from which a pair is redundant.
    context
        The territory tree, to see that two territories meet.

    Returns
    -------
    Measure
        Value: list of ``[m, n, jaccard]`` sorted by decreasing similarity, ``[]`` when fewer
        than two members. Evidence: the members involved and the edges between them, if any.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("a", stages=["reperage", "mobilisation"])
    >>> g.add_node("b", stages=["reperage", "mobilisation", "emploi"])
    >>> g.add_node("c", stages=["formation"])
    >>> redundant_pairs(g).value
    [['a', 'b', 0.6666666666666666]]
    """
    graph = structure(graph)
    project_territories = list(graph.graph.get("territories") or ())
    pairs: list[list[object]] = []
    for first, second, similarity in pairwise_jaccard(capability_sets(graph)):
        if similarity is None or similarity < threshold:
            continue
        here = attr_list(graph, first, "territories") or project_territories
        there = attr_list(graph, second, "territories") or project_territories
        if here and there and context.footprint(here).isdisjoint(there):
            continue
        pairs.append([first, second, similarity])
    pairs.sort(key=lambda p: (-float(p[2]), str(p[0]), str(p[1])))  # type: ignore[arg-type]
    nodes = [str(n) for p in pairs for n in p[:2]]
    edges = [(str(p[0]), str(p[1])) for p in pairs if graph.has_edge(p[0], p[1])]
    return Measure(pairs, evidence_of(graph, nodes, edges), {"threshold": threshold})


def _ego(graph: nx.Graph, node: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The contacts of ``node`` (in adjacency order) and the ties among them (each once)."""
    contacts = [n for n in graph.adj[node] if n != node]
    inside = set(contacts)
    ties: list[tuple[str, str]] = []
    seen: set[str] = set()
    for u in contacts:
        seen.add(u)
        ties.extend((u, v) for v in graph.adj[u] if v in inside and v not in seen)
    return contacts, ties


def effective_size(graph: nx.Graph, node: str) -> float | None:
    r"""Burt's effective size of ``node``'s ego network, Borgatti's (1997) unweighted form.

    .. math:: ES_i = n - \frac{2t}{n}

    with :math:`n` the number of contacts of :math:`i` and :math:`t` the number of ties among
    them (the graph is read as unweighted and undirected whatever its attributes). Equal to
    ``networkx.effective_size(G, nodes=[node])`` on an unweighted :class:`networkx.Graph`;
    networkx 3.6 takes a different, wrong path on weighted or directed graphs when ``nodes`` is
    omitted, so this does not delegate.

    Returns ``None`` for an isolated node (undefined; networkx gives NaN).

    Examples
    --------
    The hub ``G`` of Borgatti's (1997) example has 6 contacts and 4 ties among them:
    6 − 8/6 ≈ 4.67.

    >>> import networkx as nx
    >>> g = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"),
    ...               ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")])
    >>> round(effective_size(g, "G"), 2)
    4.67
    """
    contacts, ties = _ego(graph, node)
    if not contacts:
        return None
    return len(contacts) - 2 * len(ties) / len(contacts)


def constraint(graph: nx.Graph, node: str) -> float | None:
    r"""Burt's (1992) constraint of ``node`` on the unweighted, undirected graph.

    .. math:: C_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \in N(i) \cap N(j)} p_{iq}\, p_{qj}\Big)^2,
       \qquad p_{ij} = \frac{1}{\deg(i)}

    Without weights a node invests equally in each contact, so the indirect term only runs over
    contacts :math:`q` that :math:`i` and :math:`j` share (self-loops are left out of the
    degrees). The value of ``networkx.constraint(G, nodes=[node])`` on an unweighted
    :class:`networkx.Graph` (checked in the tests on Borgatti's example and random graphs);
    networkx recomputes every proportion for each pair, which is why this does not delegate.

    Parameters
    ----------
    graph
        Read unweighted and undirected.
    node
        The ego.

    Returns
    -------
    float or None
        In (0, 1.125]; ``None`` for an isolated node (networkx gives NaN).

    Examples
    --------
    A star's centre invests 1/3 in each of three unconnected contacts: 3 × (1/3)² = 1/3.

    >>> import networkx as nx
    >>> round(constraint(nx.star_graph(3), 0), 4)
    0.3333
    """
    contacts = [n for n in graph.adj[node] if n != node]
    if not contacts:
        return None
    degree = {n: len([q for q in graph.adj[n] if q != n]) for n in contacts}
    total = 0.0
    for j in contacts:
        indirect = sum(1 / len(contacts) / degree[q] for q in contacts if q != j and graph.has_edge(q, j))
        total += (1 / len(contacts) + indirect) ** 2
    return total


def lead_burt(graph: nx.Graph | Net) -> dict[str, Measure]:
    """The lead's five Burt measures over working ties, from one reading of its ego network.

    Keys ``size``, ``efficiency``, ``constraint``, ``size_weighted``, ``constraint_weighted``:
    the values of :func:`lead_effective_size`, :func:`lead_efficiency`, :func:`lead_constraint`,
    :func:`lead_effective_size_weighted` and :func:`lead_constraint_weighted` (the report
    computes the five at once), with one evidence: the lead, its working contacts and the ties
    among them.
    """
    net = as_net(graph)
    lead = net.lead
    keys = ("size", "efficiency", "constraint", "size_weighted", "constraint_weighted")
    if lead is None:
        return dict.fromkeys(keys, Measure(None))
    contacts, ties = _ego(net.working, lead)
    evidence = evidence_of(net.graph, [lead, *contacts], ties)
    partners = len(net.graph) - 1
    if not contacts:
        # Partners, none tied to the lead by a working tie: no effective contact (a size of 0);
        # the other measures divide by the contacts and stay undefined.
        found = dict.fromkeys(keys, Measure(None, evidence))
        if partners > 0:
            found["size"] = Measure(
                0.0, evidence, {"contacts": 0, "ties_among_contacts": 0, "partners": partners}
            )
        return found
    size = len(contacts) - 2 * len(ties) / len(contacts)  # Borgatti's n − 2t/n (effective_size)
    weighted = weighted_burt(net.working, lead)
    return {
        "size": Measure(
            size,
            evidence,
            {"contacts": len(contacts), "ties_among_contacts": len(ties), "partners": partners},
        ),
        "efficiency": Measure(size / len(contacts), evidence),
        "constraint": Measure(constraint(net.working, lead), evidence),
        "size_weighted": Measure(weighted[0] if weighted else None, evidence),
        "constraint_weighted": Measure(weighted[1] if weighted else None, evidence),
    }


def lead_effective_size(graph: nx.Graph | Net) -> Measure:
    r"""The lead's effective size (Burt 1992; Borgatti 1997): :math:`n - 2t/n`, over working ties.

    See :func:`effective_size`, computed on the graph of working ties (formal, or declared
    beyond the commitment: :func:`~queries.metrics._common.is_working`), read unweighted and
    undirected: :math:`n` counts the partners tied to the lead by a working tie, :math:`t` the
    working ties among them. A partner named on the list with an informal commitment is not an
    effective contact. High when the lead's working contacts are not tied to each other (the
    lead spans structural holes), low when they are all tied (redundant contacts). Adding a tie
    between two partners never raises it.

    Returns
    -------
    Measure
        ``None`` when there is no lead or the lead has no partner; 0.0 when the lead has partners
        but no working tie to any (no effective contact; Borgatti's formula is 0/0 there).
        ``detail`` gives ``contacts``, ``ties_among_contacts`` and ``partners``. Evidence: the
        lead, its working contacts and the ties among them (the redundant ones).
    """
    return lead_burt(graph)["size"]


def lead_efficiency(graph: nx.Graph | Net) -> Measure:
    r"""The lead's efficiency: effective size over the number of contacts, :math:`ES_i / n`.

    Burt (1992), Borgatti (1997), over working ties as :func:`lead_effective_size`. In (0, 1];
    1 when no two working contacts are tied.

    Returns
    -------
    Measure
        ``None`` when there is no lead or the lead has no working contact.
    """
    return lead_burt(graph)["efficiency"]


def lead_constraint(graph: nx.Graph | Net) -> Measure:
    r"""Burt's (1992) constraint on the lead, on the unweighted undirected graph of working ties.

    .. math:: C_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \neq i, j} p_{iq}\, p_{qj}\Big)^2

    with :math:`p_{ij} = 1/\deg(i)` for a contact :math:`j` (proportional investment without
    weights), computed by :func:`constraint`; equal to ``networkx.constraint(G, nodes=[lead])``
    and pinned against Borgatti's (1997) example in the tests.

    Returns
    -------
    Measure
        Value in (0, 1.125]; 1 for a lead with one working contact; ``None`` when there is no
        lead or the lead has no working contact.
    """
    return lead_burt(graph)["constraint"]


def weighted_burt(graph: nx.Graph, node: str, weight: str = "strength") -> tuple[float, float] | None:
    r"""Burt's (1992) effective size and constraint of ``node`` with tie strengths as weights.

    On an undirected graph the mutual weight of a pair is its strength, so with
    :math:`p_{ij} = w_{ij} / \sum_k w_{ik}` and :math:`m_{jq} = w_{jq} / \max_k w_{jk}`:

    .. math::
        ES_i = \sum_{j} \Big(1 - \sum_{q \neq i, j} p_{iq}\, m_{jq}\Big), \qquad
        C_i = \sum_{j} \Big(p_{ij} + \sum_{q \neq i, j} p_{iq}\, p_{qj}\Big)^2

    the formulas networkx uses for ``effective_size(G, nodes=..., weight=...)`` and
    ``constraint(G, nodes=..., weight=...)`` (pinned in the tests with the weighted values of
    Borgatti's example: 5.47 and 0.299 for its hub). An edge without ``weight`` weighs 1;
    self-loops are left out.

    Parameters
    ----------
    graph
        Read undirected, weighted by ``weight``.
    node
        The ego.
    weight
        The edge attribute holding the strength.

    Returns
    -------
    tuple of float, or None
        ``(effective size, constraint)``; ``None`` for an isolated node, or when its strengths
        sum to 0.

    Examples
    --------
    A star of equal strengths is a star: effective size 3, constraint 1/3.

    >>> import networkx as nx
    >>> size, value = weighted_burt(nx.star_graph(3), 0)
    >>> size, round(value, 4)
    (3.0, 0.3333)
    """

    def strengths(n: str) -> dict[str, float]:
        return {m: float(data.get(weight, 1)) for m, data in graph.adj[n].items() if m != n}

    def proportions(n: str) -> dict[str, float]:  # p_nm = w_nm / Σ_k w_nk
        around = strengths(n)
        total = sum(around.values())
        return {m: w / total if total > 0 else 0.0 for m, w in around.items()}

    own = strengths(node)
    if not own or sum(own.values()) <= 0:
        return None
    p = {n: proportions(n) for n in [node, *own]}
    size = total = 0.0
    for j in own:
        around_j = strengths(j)
        strongest = max(around_j.values(), default=0.0)
        shared = [q for q in own if q != j and q in around_j]
        if strongest > 0:
            size += 1 - sum(p[node][q] * around_j[q] / strongest for q in shared)
        else:
            size += 1
        total += (p[node][j] + sum(p[node][q] * p[q][j] for q in shared)) ** 2
    return size, total


def lead_effective_size_weighted(graph: nx.Graph | Net) -> Measure:
    r"""The lead's effective size with tie strengths (1–3) as weights; see :func:`weighted_burt`.

    A strong tie between two partners makes them more redundant than a weak one. Burt (1992).
    Over working ties, as :func:`lead_effective_size`.

    Returns
    -------
    Measure
        ``None`` when there is no lead or it has no working contact.
    """
    return lead_burt(graph)["size_weighted"]


def lead_constraint_weighted(graph: nx.Graph | Net) -> Measure:
    r"""The lead's constraint with tie strengths (1–3) as weights; see :func:`weighted_burt`.

    Over working ties, as :func:`lead_effective_size`.

    Returns
    -------
    Measure
        ``None`` when there is no lead or it has no working contact.
    """
    return lead_burt(graph)["constraint_weighted"]


def scheme_overlaps(graph: nx.Graph | Net, context: ProjectContext = EMPTY_CONTEXT) -> Measure:
    r"""What the project duplicates of local schemes it does not articulate with.

    A scheme active on the project's territories (see :func:`~queries.metrics.schemes.active_schemes`)
    and not declared in the project's ``schemes`` overlaps the project when it works on at least
    one stage the project's members do and, when both name publics, at least one of the
    project's publics. Absence of service duplication, Provan & Milward (2001).

    Returns
    -------
    Measure
        Value: list of ``{"scheme", "stages", "publics"}`` (what is duplicated), sorted by scheme
        id; ``[]`` when nothing overlaps or no scheme is known. Evidence nodes: the scheme ids and
        the members doing the duplicated stages.
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
        overlaps.append({"scheme": scheme.id, "stages": shared_stages, "publics": shared_publics})
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

    Returns
    -------
    Measure
        Value: list of ``{"project", "territories", "publics", "shared_members"}`` sorted by
        project id; ``[]`` when none. Evidence nodes: the other projects' ids and the shared
        members.
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


__all__ = [
    "DEFAULT_JACCARD_THRESHOLD",
    "constraint",
    "effective_size",
    "lead_burt",
    "lead_constraint",
    "lead_constraint_weighted",
    "lead_effective_size",
    "lead_effective_size_weighted",
    "lead_efficiency",
    "overlapping_projects",
    "redundant_pairs",
    "scheme_overlaps",
    "weighted_burt",
]
