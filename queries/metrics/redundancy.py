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

from itertools import combinations

import networkx as nx

from queries.metrics._common import (
    EMPTY_CONTEXT,
    Evidence,
    Measure,
    ProjectContext,
    pairwise_similarity,
)
from queries.metrics._net import Neighbours, Net, as_net
from queries.metrics.schemes import active_schemes, project_stages

DEFAULT_JACCARD_THRESHOLD = 0.5


def redundant_pairs(
    graph: nx.Graph | Net,
    threshold: float = DEFAULT_JACCARD_THRESHOLD,
    context: ProjectContext = EMPTY_CONTEXT,
    sets: dict[str, set[str]] | None = None,
    similarities: list[tuple[str, str, float | None]] | None = None,
    values: list[float | None] | None = None,
) -> Measure:
    r"""Pairs of members bringing nearly the same capabilities on overlapping territories.

    A pair :math:`\{m, n\}` is redundant when
    :math:`J(K_m, K_n) = |K_m \cap K_n| / |K_m \cup K_n| \geq \theta` (``threshold``, configured
    per call; 0.5 by default) and their territories meet (equal, or one contains the other
    through the context's territory tree). A member without declared territories is taken to work
    on the project's territories. Service duplication in Provan & Milward (2001).

    Returns
    -------
    Measure
        Value: list of ``[m, n, jaccard]`` sorted by decreasing similarity, ``[]`` when fewer
        than two members. Evidence: the members involved and the edges between them, if any.
        ``similarities`` (:func:`~queries.metrics._common.pairwise_jaccard`) or ``values``
        (:func:`~queries.metrics._common.pairwise_similarity` of ``sets``, or of the members'
        capabilities) may hand in the pairs' values.
    """
    net = as_net(graph)
    project_territories = list(net.graph.graph.get("territories") or ())
    if similarities is None:
        named = sets if sets is not None else net.capabilities
        if values is None:
            values = pairwise_similarity(named)
        # Only the pairs at or above the threshold are named (a few of the n(n − 1)/2).
        similarities = [
            (first, second, similarity)
            for (first, second), similarity in zip(combinations(named, 2), values, strict=True)
            if similarity is not None and similarity >= threshold
        ]
    places = {node: codes or project_territories for node, codes in net.attr("territories").items()}
    reach: dict[str, frozenset[str]] = {}
    pairs: list[list[object]] = []
    for first, second, similarity in similarities:
        if similarity is None or similarity < threshold:
            continue
        here, there = places[first], places[second]
        if first not in reach:
            reach[first] = context.footprint(here)
        if here and there and reach[first].isdisjoint(there):
            continue
        pairs.append([first, second, similarity])
    pairs.sort(key=lambda p: (-float(p[2]), str(p[0]), str(p[1])))  # type: ignore[arg-type]
    nodes = [str(n) for p in pairs for n in p[:2]]
    edges = [(str(p[0]), str(p[1])) for p in pairs if p[1] in net.adj[p[0]]]
    return Measure(pairs, net.evidence(nodes, edges), {"threshold": threshold})


def _ego(adjacency: Neighbours, node: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The contacts of ``node`` and the ties among them (each once)."""
    contacts = [n for n in adjacency[node] if n != node]
    inside = set(contacts)
    ties: list[tuple[str, str]] = []
    seen: set[str] = set()
    for u in contacts:
        seen.add(u)
        ties.extend((u, v) for v in adjacency[u] if v in inside and v not in seen)
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
    contacts, ties = _ego(graph.adj, node)
    if not contacts:
        return None
    return len(contacts) - 2 * len(ties) / len(contacts)


def constraint(graph: nx.Graph, node: str) -> float | None:
    r"""Burt's (1992) constraint of ``node`` on the unweighted, undirected graph.

    .. math:: C_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \in N(i) \cap N(j)} p_{iq}\, p_{qj}\Big)^2,
       \qquad p_{ij} = \frac{1}{\deg(i)}

    Without weights a node invests equally in each contact, so the indirect term only runs over
    contacts :math:`q` that :math:`i` and :math:`j` share. Equal to
    ``networkx.constraint(G, nodes=[node])`` on an unweighted :class:`networkx.Graph` (the tests
    check it on Borgatti's example and on random graphs), in :math:`O(\deg(i)^2)` instead of
    networkx's per-pair generic sums, which took 0.65 s for one node of a 30-node network.

    Returns ``None`` for an isolated node (networkx gives NaN).
    """
    return _constraint(graph.adj, node)


def _constraint(adjacency: Neighbours, node: str) -> float | None:
    """:func:`constraint` over an adjacency mapping (a graph's ``adj`` or plain dicts)."""
    # Lists in adjacency order, not sets: float sums then run in the same order in every process
    # (set order follows the string hash seed), so two runs give the same last digit.
    contacts = [n for n in adjacency[node] if n != node]
    if not contacts:
        return None
    p_i = 1 / len(contacts)
    total = 0.0
    position = {q: i for i, q in enumerate(contacts)}
    for j in contacts:
        # The contacts of node also tied to j, in node's order (j's own few ties, sorted).
        shared = [q for q in adjacency[j] if q in position and q != j]
        if len(shared) > 1:
            shared.sort(key=position.__getitem__)
        indirect = sum(p_i / (len(adjacency[q]) - (1 if q in adjacency[q] else 0)) for q in shared)
        total += (p_i + indirect) ** 2
    return total


def _lead_ego(
    adjacency: Neighbours, node: str, weight: str = "strength"
) -> tuple[list[str], list[tuple[str, str]], float | None, tuple[float, float] | None]:
    """:func:`_ego`, :func:`_constraint` and :func:`_weighted_burt` of ``node`` from one reading.

    The three walk the same contacts and, for each contact ``j``, the contacts of ``node`` also
    tied to ``j``: read here once, with each contact's strengths, degree and total strength
    computed once instead of once per measure. Every float is computed with the operations of
    the three functions in their order (checked in the tests to the last bit), on a symmetric
    adjacency (an undirected graph's, or :attr:`Net.working`): ``p_qj`` divides the strength of
    the tie ``q``–``j`` read from ``j``'s side, the same edge data.

    Returns
    -------
    tuple
        The contacts, the ties among them, the unweighted constraint and the weighted
        (effective size, constraint); the last two ``None`` when :func:`_constraint` and
        :func:`_weighted_burt` give ``None``.
    """
    contacts = [n for n in adjacency[node] if n != node]
    if not contacts:
        return contacts, [], None, None
    position = {q: i for i, q in enumerate(contacts)}
    # Each contact's strengths: its neighbourhood (j) and its proportions' denominator (q).
    strengths = [{n: float(d.get(weight, 1)) for n, d in adjacency[j].items() if n != j} for j in contacts]
    p_i = 1 / len(contacts)
    # p_iq / deg(q), the unweighted indirect term of q (its degree: its strengths, self-loop left out).
    indirect_of = [p_i / len(around) for around in strengths]
    own = [float(d.get(weight, 1)) for n, d in adjacency[node].items() if n != node]
    whole = sum(own)
    p = [w / whole for w in own] if whole > 0 else None  # _shares: none when the total is not > 0
    wholes = [sum(around.values()) for around in strengths] if p is not None else []
    ties: list[tuple[str, str]] = []
    total = size_w = total_w = 0.0
    for i, j in enumerate(contacts):
        around_j = strengths[i]
        # The contacts of node also tied to j: in j's order for the ties (each once, from its
        # first end in node's order), then in node's order for the sums.
        at = [position[q] for q in around_j if q in position]
        ties += [(j, contacts[k]) for k in at if k > i]
        if len(at) > 1:
            at.sort()
        total += (p_i + sum([indirect_of[k] for k in at])) ** 2
        if p is None:
            continue
        strongest = max(around_j.values(), default=0.0)
        if strongest > 0:
            size_w += 1 - sum([p[k] * around_j[contacts[k]] / strongest for k in at])
        else:
            size_w += 1
        indirect = 0.0
        for k in at:
            w = wholes[k]
            indirect += p[k] * (around_j[contacts[k]] / w if w > 0 else 0.0)
        total_w += (p[i] + indirect) ** 2
    return contacts, ties, total, (size_w, total_w) if p is not None else None


def lead_burt(graph: nx.Graph | Net, working: nx.Graph | None = None) -> dict[str, Measure]:
    """The lead's effective size, efficiency and constraint from one reading of its ego network.

    Keys ``size``, ``efficiency``, ``constraint``; the values of :func:`lead_effective_size`,
    :func:`lead_efficiency` and :func:`lead_constraint` (the report computes the three at once).
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return dict.fromkeys(("size", "efficiency", "constraint"), Measure(None))
    if working is None:
        contacts, ties, constraint_value, _ = _lead_ego_of(net)
    else:
        contacts, ties = _ego(working.adj, lead)
        constraint_value = _constraint(working.adj, lead)
    partners = len(net) - 1
    evidence = net.evidence([lead, *contacts], ties)
    if not contacts:
        # Partners, none tied to the lead by a working tie: no effective contact (a size of 0);
        # efficiency and constraint divide by the contacts and stay undefined.
        size = (
            Measure(0.0, evidence, {"contacts": 0, "ties_among_contacts": 0, "partners": partners})
            if partners > 0
            else Measure(None, evidence)
        )
        return {"size": size, "efficiency": Measure(None, evidence), "constraint": Measure(None, evidence)}
    value = len(contacts) - 2 * len(ties) / len(contacts)  # Borgatti's n − 2t/n (effective_size)
    return {
        "size": Measure(
            value,
            evidence,
            {"contacts": len(contacts), "ties_among_contacts": len(ties), "partners": partners},
        ),
        "efficiency": Measure(value / len(contacts), evidence),
        "constraint": Measure(constraint_value, evidence),
    }


_LEAD_EGO = "redundancy.lead_ego"  # the key of _lead_ego_of's reading in Net.memo


def _lead_ego_of(
    net: Net,
) -> tuple[list[str], list[tuple[str, str]], float | None, tuple[float, float] | None]:
    """:func:`_lead_ego` of the lead over the working ties, read once per network for the five
    Burt measures (:func:`lead_burt` and :func:`lead_burt_weighted`)."""
    found = net.memo.get(_LEAD_EGO)
    if found is None:
        found = net.memo[_LEAD_EGO] = _lead_ego(net.working, net.lead)
    return found


def lead_effective_size(graph: nx.Graph | Net, working: nx.Graph | None = None) -> Measure:
    r"""The lead's effective size (Burt 1992; Borgatti 1997): :math:`n - 2t/n`, over working ties.

    See :func:`effective_size`, computed on the graph of working ties (formal, or declared
    beyond the commitment: :func:`~queries.metrics._common.is_working`), read unweighted and
    undirected: :math:`n` counts the partners tied to the lead by a working tie, :math:`t` the
    working ties among them. A partner named on the list with an informal commitment is not an
    effective contact. High when the lead's working contacts are not tied to each other (the
    lead spans structural holes), low when they are all tied (redundant contacts). Adding a tie
    between two partners never raises it. ``working`` may hand in
    :func:`~queries.metrics._common.working_graph` already built.

    Returns
    -------
    Measure
        ``None`` when there is no lead or the lead has no partner; 0.0 when the lead has partners
        but no working tie to any (no effective contact; Borgatti's formula is 0/0 there).
        ``detail`` gives ``contacts``, ``ties_among_contacts`` and ``partners``. Evidence: the
        lead, its working contacts and the ties among them (the redundant ones).
    """
    return lead_burt(graph, working)["size"]


def lead_efficiency(graph: nx.Graph | Net, working: nx.Graph | None = None) -> Measure:
    r"""The lead's efficiency: effective size over the number of contacts, :math:`ES_i / n`.

    Burt (1992), Borgatti (1997), over working ties as :func:`lead_effective_size`. In (0, 1];
    1 when no two working contacts are tied.

    Returns
    -------
    Measure
        ``None`` when there is no lead or the lead has no working contact.
    """
    return lead_burt(graph, working)["efficiency"]


def lead_constraint(graph: nx.Graph | Net, working: nx.Graph | None = None) -> Measure:
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
    return lead_burt(graph, working)["constraint"]


def _proportions(adjacency: Neighbours, node: str, weight: str) -> dict[str, float]:
    """Burt's proportional tie strengths :math:`p_{ij} = w_{ij} / \\sum_k w_{ik}` (undirected)."""
    return _shares(_strengths(adjacency, node, weight))


def _strengths(adjacency: Neighbours, node: str, weight: str) -> dict[str, float]:
    return {n: float(d.get(weight, 1)) for n, d in adjacency[node].items() if n != node}


def _shares(strengths: dict[str, float]) -> dict[str, float]:
    total = sum(strengths.values())
    return {n: w / total for n, w in strengths.items()} if total > 0 else {}


def weighted_burt(graph: nx.Graph, node: str, weight: str = "strength") -> tuple[float, float] | None:
    r"""Burt's (1992) effective size and constraint of ``node`` with tie strengths as weights.

    On an undirected graph the mutual weight of a pair is its strength, so with
    :math:`p_{ij} = w_{ij} / \sum_k w_{ik}` and :math:`m_{jq} = w_{jq} / \max_k w_{jk}`:

    .. math::
        ES_i = \sum_{j} \Big(1 - \sum_{q \neq i, j} p_{iq}\, m_{jq}\Big), \qquad
        C_i = \sum_{j} \Big(p_{ij} + \sum_{q \neq i, j} p_{iq}\, p_{qj}\Big)^2

    the formulas networkx uses for ``effective_size(G, nodes=..., weight=...)`` and
    ``constraint(G, nodes=..., weight=...)`` (pinned in the tests with the weighted values of
    Borgatti's example: 5.47 and 0.299 for its hub).

    Returns ``None`` for an isolated node.
    """
    return _weighted_burt(graph.adj, node, weight)


def _weighted_burt(adjacency: Neighbours, node: str, weight: str = "strength") -> tuple[float, float] | None:
    """:func:`weighted_burt` over an adjacency mapping (a graph's ``adj`` or plain dicts)."""
    p_node = _proportions(adjacency, node, weight)
    if not p_node:
        return None
    size = 0.0
    total = 0.0
    # Each contact's strengths serve as its neighbourhood (j) and for its proportions (q).
    strengths = {j: _strengths(adjacency, j, weight) for j in p_node}
    # p_qj = w_qj / Σ_k w_qk, divided here as _shares divides (the same float) for the one j
    # asked, instead of building every contact's whole proportion dict; a total ≤ 0 gives
    # _shares' empty dict, hence 0.0.
    totals: dict[str, float] = {}
    position = {q: i for i, q in enumerate(p_node)}
    for j, p_ij in p_node.items():
        around_j = strengths[j]
        strongest = max(around_j.values(), default=0.0)
        # The contacts of node also tied to j, in node's order (j's own few ties, sorted).
        shared = [q for q in around_j if q in position and q != j]
        if len(shared) > 1:
            shared.sort(key=position.__getitem__)
        if strongest > 0:
            size += 1 - sum(p_node[q] * around_j[q] / strongest for q in shared)
        else:
            size += 1
        indirect = 0.0
        for q in shared:
            around_q = strengths[q]
            whole = totals.get(q)
            if whole is None:
                whole = totals[q] = sum(around_q.values())
            indirect += p_node[q] * (around_q[j] / whole if whole > 0 and j in around_q else 0.0)
        total += (p_ij + indirect) ** 2
    return size, total


def lead_burt_weighted(
    graph: nx.Graph | Net, working: nx.Graph | None = None, evidence: Evidence | None = None
) -> tuple[Measure, Measure]:
    """The lead's weighted effective size and constraint from one :func:`weighted_burt` call.

    ``evidence`` may hand in the evidence of :func:`lead_burt` on the same graphs (the lead, its
    working contacts and the ties among them), which is this measure's too.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None), Measure(None)
    if working is None:
        contacts, ties, _, found = _lead_ego_of(net)
    else:
        contacts, ties = _ego(working.adj, lead)
        found = _weighted_burt(working.adj, lead)
    if evidence is None:
        evidence = net.evidence([lead, *contacts], ties)
    if found is None:
        return Measure(None, evidence), Measure(None, evidence)
    return Measure(found[0], evidence), Measure(found[1], evidence)


def lead_effective_size_weighted(graph: nx.Graph | Net, working: nx.Graph | None = None) -> Measure:
    r"""The lead's effective size with tie strengths (1–3) as weights; see :func:`weighted_burt`.

    A strong tie between two partners makes them more redundant than a weak one. Burt (1992).
    Over working ties, as :func:`lead_effective_size`.

    Returns
    -------
    Measure
        ``None`` when there is no lead or it has no working contact.
    """
    return lead_burt_weighted(graph, working)[0]


def lead_constraint_weighted(graph: nx.Graph | Net, working: nx.Graph | None = None) -> Measure:
    r"""The lead's constraint with tie strengths (1–3) as weights; see :func:`weighted_burt`.

    Over working ties, as :func:`lead_effective_size`.

    Returns
    -------
    Measure
        ``None`` when there is no lead or it has no working contact.
    """
    return lead_burt_weighted(graph, working)[1]


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
    net = as_net(graph)
    declared = set(net.graph.graph.get("schemes") or ())
    stages = project_stages(net)
    publics = set(net.graph.graph.get("publics") or ())
    overlaps: list[dict[str, object]] = []
    nodes: list[str] = []
    for scheme in active_schemes(net, context):
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
        nodes.extend(n for n, done in net.attr("stages").items() if not doing.isdisjoint(done))
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
    net = as_net(graph)
    own = net.graph.graph.get("project")
    call = net.graph.graph.get("call")
    territories = list(net.graph.graph.get("territories") or ())
    publics = set(net.graph.graph.get("publics") or ())
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
        shared_members = sorted(m for m in project.member_ids if m in net.adj)
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
    "lead_burt_weighted",
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
