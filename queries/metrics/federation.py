"""Federation: can the lead federate its partners and hold the network together?

The call's lead is what Provan & Kenis (2008) call a *lead organisation*: one member that
governs the network. Its position is read with Freeman's (1979) centralities and centralization
on the unweighted, undirected N(P).

N(P) always links the lead to every partner (the commitment edge), so on the bare structure every
lead looks central. What separates a lead that federates from one that "federates nobody" is what
those edges carry: the measures marked *working ties* keep only edges that are formal (a signed
convention, letter or co-funding, or a formal tie) or declared as a tie beyond the commitment
(:func:`~queries.metrics._common.is_working`). A list of informal names gives ``lead_reach_1 = 0``,
``lead_formal_tie_share = 0`` and ``partner_tie_density = 0`` even though the star is complete.

References
----------
.. [1] Freeman, L. C. (1979). "Centrality in social networks: conceptual clarification".
   *Social Networks* 1(3), 215–239. doi:10.1016/0378-8733(78)90021-7
.. [2] Provan, K. G. and Kenis, P. (2008). "Modes of network governance: structure, management,
   and effectiveness". *Journal of Public Administration Research and Theory* 18(2), 229–252.
   doi:10.1093/jopart/mum015
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import partial, reduce
from operator import add, or_
from typing import Any

import networkx as nx

from queries.metrics._common import Measure, share
from queries.metrics._net import Adjacency, Net, as_net
from queries.metrics.brokerage import _lead_evidence, lead_brokerage

SHARED_DENSITY = 0.5
LEAD_CENTRALIZATION = 0.5


def _levels(net: Net) -> tuple[dict[str, str], dict[str, int]]:
    """Breadth-first from the lead over working ties, two steps deep: who reached whom, and when.

    Read once for both reach measures (the first step of a two-step search is a one-step search).
    """
    found = net.memo.get("reach")
    if found is None:
        lead = net.lead
        # The first step in N(P)'s order (it orders the second step's search); the second
        # step over the working adjacency: a member gets the first member of the first step
        # that reaches it, whatever the order of that member's own ties.
        frontier = [v for v in net.working_around(lead) if v != lead]
        parent: dict[str, str] = dict.fromkeys(frontier, lead)
        level = dict.fromkeys(frontier, 1)
        level[lead] = 0
        working = net.working
        for u in frontier:
            for v in working[u]:
                if v not in level:
                    level[v] = 2
                    parent[v] = u
        found = net.memo["reach"] = (parent, level)
    return found


def _reach(graph: nx.Graph | Net, cutoff: int) -> Measure:
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None)
    # Breadth-first over working ties only, remembering the edge each member was reached by.
    parent, level = _levels(net)
    rest = [n for n in net.nodes if n != lead]
    reached = [n for n in rest if level.get(n, cutoff + 1) <= cutoff]
    if cutoff == 1:  # every one reached by the lead: its edges, in the order of their ends
        evidence = _lead_evidence(net, [lead, *reached], sorted(reached))
    else:
        adj = net.adj
        edges = [(u, v, adj[u][v]) for u, v in sorted([(parent[n], n) for n in reached])]
        evidence = net.edge_evidence([lead, *reached], edges)
    return Measure(
        share(len(reached), len(rest)),
        evidence,
        {"reached": reached, "not_reached": [n for n in rest if level.get(n, cutoff + 1) > cutoff]},
    )


def lead_reach_1(graph: nx.Graph | Net) -> Measure:
    r"""Share of the other members the lead reaches in one step through working ties.

    .. math:: \frac{|\{m \neq \ell : d_W(\ell, m) \leq 1\}|}{|N(P)| - 1}

    with :math:`d_W` the distance over working ties (formal or declared; module docstring). An
    informal commitment with no declared tie does not count: a lead listing informal partners
    reaches nobody.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or no partner.
    """
    return _reach(graph, 1)


def lead_reach_2(graph: nx.Graph | Net) -> Measure:
    r"""Share of the other members within two steps of the lead through working ties.

    .. math:: \frac{|\{m \neq \ell : d_W(\ell, m) \leq 2\}|}{|N(P)| - 1}

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or no partner.
    """
    return _reach(graph, 2)


def lead_degree_centrality(graph: nx.Graph | Net) -> Measure:
    r"""Freeman's (1979) normalised degree of the lead: :math:`\deg(\ell) / (n - 1)`.

    Every edge of N(P) counts, informal commitments included. On N(P) it is 1 whenever every
    partner's commitment edge is present; it is kept for
    comparison with other graphs (the territory ecosystem) and for what-if analyses.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or no partner.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None or len(net) < 2:
        return Measure(None)
    return Measure(
        net.degree[lead] / (len(net) - 1),
        _lead_evidence(net, [lead], list(net.adj[lead])),
    )


def betweenness(graph: nx.Graph | Net) -> dict[str, float]:
    r"""Normalised betweenness of every member, by Brandes' (2001) algorithm on plain adjacency sets.

    Same values as ``networkx.betweenness_centrality(G, normalized=True)`` on an unweighted
    undirected graph (checked in the tests), several times faster on project-sized graphs
    because it skips networkx's generic views: :math:`2/((n-1)(n-2))` times the sum of pair
    dependencies; every score is 0 below three members.

    References
    ----------
    .. [1] Brandes, U. (2001). "A faster algorithm for betweenness centrality". *Journal of
       Mathematical Sociology* 25(2), 163–177. doi:10.1080/0022250X.2001.9990249
    """
    net = as_net(graph)
    nodes = net.nodes
    n = len(nodes)
    # Integer adjacency lists: the loops below run (n × edges) times per report.
    adjacency = net.neighbours
    if any(len(around) == n - 1 for around in adjacency):
        score = _within_two_steps(adjacency)
    else:
        score = _brandes(adjacency)
    scale = _scale(n)
    return {v: score[i] * scale for i, v in enumerate(nodes)}


def _scale(n: int) -> float:
    # Each unordered pair was counted from both ends: halve, then normalise by (n-1)(n-2)/2.
    return 1 / ((n - 1) * (n - 2)) if n > 2 else 0.0


def lead_betweenness_and_rank(graph: nx.Graph | Net) -> tuple[Measure, Measure]:
    """:func:`lead_betweenness` and :func:`lead_betweenness_rank`, the lead's score computed alone
    when the lead is tied to every other member, as in N(P).

    Every pair of members a partner lies between (two of its contacts, not tied to each other)
    has the lead between them too, with the same share: no partner's betweenness exceeds the
    lead's, so the lead ranks first, and only its own score is needed
    (:func:`_universal_score`, the same float as :func:`betweenness`; :func:`_packed_score`,
    the same again, below :data:`_PACKED_LIMIT` members).
    """
    net = as_net(graph)
    lead = net.lead
    n = len(net)
    if lead is None or n < 3 or len(net.adj[lead]) - (lead in net.adj[lead]) != n - 1:
        scores = betweenness(net)
        return lead_betweenness(net, scores), lead_betweenness_rank(net, scores)
    if n < _PACKED_LIMIT:
        value = _packed_score(net.adj, lead) * _scale(n)
    else:
        value = _universal_score(net.neighbours, net.index[lead]) * _scale(n)
    evidence = net.evidence([lead])
    return Measure(value, evidence), Measure(1, evidence, {"above": []})


def _brandes(adjacency: list[list[int]]) -> list[float]:
    """Brandes' sums of pair dependencies (each unordered pair counted from both ends)."""
    n = len(adjacency)
    score = [0.0] * n
    for source in range(n):
        sigma = [0] * n
        distance = [-1] * n
        sigma[source] = 1
        distance[source] = 0
        order = [source]
        for v in order:  # the list grows while read: a breadth-first queue
            step = distance[v] + 1
            for w in adjacency[v]:
                if distance[w] < 0:
                    distance[w] = step
                    order.append(w)
                if distance[w] == step:
                    sigma[w] += sigma[v]
        delta = [0.0] * n
        for w in reversed(order):
            # The predecessors of w are its neighbours one step nearer the source; no list of
            # them is kept. Each delta[v] still receives its terms in the same order (by w).
            coefficient = (1 + delta[w]) / sigma[w]
            before = distance[w] - 1
            for v in adjacency[w]:
                if distance[v] == before:
                    delta[v] += sigma[v] * coefficient
            if w != source:
                score[w] += delta[w]
    return score


def _within_two_steps(adjacency: list[list[int]]) -> list[float]:
    """:func:`_brandes` when one member is tied to every other, as the lead of N(P) is.

    Every member is then within two steps of every other, and Brandes' pass from a source ``s``
    reduces to this: a member ``w`` two steps away has no successor, so its dependency is 0 and
    its coefficient ``(1 + 0) / σ(w)`` is ``1 / σ(w)``, where ``σ(w)`` counts the neighbours of
    ``w`` among those of ``s``; each of those neighbours (``σ = 1``) receives ``1 / σ(w)``. The
    same terms are added in the same order as :func:`_brandes` adds them (the ``w`` in reverse
    order of discovery by the breadth-first search, the sources in order), so the floats are the
    same to the last bit (checked in the tests); the distance bookkeeping is skipped, and the
    search stops at the first neighbour of ``s`` tied to everyone (it discovers all the rest).
    """
    n = len(adjacency)
    around = [set(a) for a in adjacency]
    score = [0.0] * n
    for source in range(n):
        near = around[source]
        if len(near) == n - 1:
            continue  # everyone one step away: no pair depends on anyone
        seen = set(near)
        seen.add(source)
        far: list[int] = []  # two steps away, in order of discovery
        for v in adjacency[source]:
            if len(around[v]) == n - 1:
                far.extend(w for w in adjacency[v] if w not in seen)
                break
            for w in adjacency[v]:
                if w not in seen:
                    seen.add(w)
                    far.append(w)
        delta = [0.0] * n
        for w in reversed(far):
            shared = around[w] & near
            coefficient = 1.0 / len(shared)
            for v in shared:
                delta[v] += coefficient
        for v in near:
            score[v] += delta[v]
    return score


def _two_steps_away(adjacency: Any, source: Any, near: list[Any]) -> tuple[list[Any], list[Any]]:
    """The members two steps from ``source`` (``near`` its neighbours), in order of discovery.

    ``first``: those found before the search reaches a member tied to every other (self-loops
    aside); ``rest``: those that member finds, everyone not seen yet, in its order. ``adjacency``
    maps (or indexes) each member to its neighbours.
    """
    n = len(adjacency)
    seen = set(near)
    seen.add(source)
    first: list[Any] = []
    rest: list[Any] = []
    for v in near:
        around = adjacency[v]
        if len(around) - (v in around) == n - 1:
            rest = [w for w in around if w not in seen]
            break
        for w in around:
            if w not in seen:
                seen.add(w)
                first.append(w)
    return first, rest


def _universal_score(adjacency: list[list[int]], target: int) -> float:
    """:func:`_within_two_steps`' score of ``target``, a member tied to every other, alone.

    From each source, ``target`` is a neighbour of every member two steps away, so its
    dependency is the sum of their ``1 / σ(w)`` in reverse order of discovery, ``σ(w)`` counted
    on bit masks of the neighbourhoods; the sums run as in :func:`_within_two_steps`, so the float
    is the same to the last bit (checked in the tests).
    """
    n = len(adjacency)
    masks = [reduce(or_, [1 << w for w in around], 0) for around in adjacency]
    inverse = [0.0, *(1.0 / k for k in range(1, n))]
    score = 0.0
    for source in range(n):
        near = adjacency[source]
        if len(near) == n - 1:
            continue  # the target itself, or another member tied to all: nobody two steps away
        mask = masks[source]
        first, rest = _two_steps_away(adjacency, source, near)
        # The dependencies in reverse order of discovery; reduce(add) adds them left to right
        # from 0.0, as the loop of _within_two_steps does (sum() may compensate rounding,
        # depending on the Python version).
        shares = [inverse[(masks[w] & mask).bit_count()] for w in reversed(rest)]
        if first:
            shares += [inverse[(masks[w] & mask).bit_count()] for w in reversed(first)]
        score += reduce(add, shares, 0.0)
    return score


# Members packed one byte each in an int: _packed_score's counts must stay below 128 (a seen
# member's byte adds 128 to its count), so it serves networks of fewer than 129 members (a
# 129-member star already gives a wrong sum).
_PACKED_LIMIT = 129
_BYTES = [1 << (8 * i) for i in range(_PACKED_LIMIT)]

if sys.version_info < (3, 12):
    # Up to Python 3.11, sum() adds floats left to right from its start, as reduce(add) does,
    # in C without a float object per step; from 3.12 it compensates rounding (other floats).
    def _in_order(terms: Iterable[float]) -> float:
        """The floats added left to right from 0.0: ``reduce(add, terms, 0.0)``."""
        return sum(terms, 0.0)

else:

    def _in_order(terms: Iterable[float]) -> float:
        """The floats added left to right from 0.0: ``reduce(add, terms, 0.0)``."""
        return reduce(add, terms, 0.0)


def _packed_score(adjacency: Adjacency, target: Any) -> float:
    r""":func:`_universal_score` of ``target`` (tied to every other member) on the plain adjacency.

    The same sums, with each source's terms taken from one integer instead of a loop: every
    member has one byte of it, in reverse order of ``target``'s adjacency (``target`` itself in
    the top byte), so ``int.to_bytes`` lists the bytes in the order :func:`_universal_score` adds
    the terms when the search from a source meets ``target`` first, as it does from every partner
    in N(P) (the lead opens each partner's adjacency). Summing the packed neighbourhoods of the
    source's neighbours gives each member's byte the number of neighbours it shares with the
    source, :math:`\sigma(w)` for a member two steps away; the source and its neighbours get 128
    more, which reads as a term of 0.0. The terms are added left to right (:func:`_in_order`) and
    adding +0.0 leaves every partial sum as it was, so the float is the same to the last bit
    (checked in the tests). A source whose search meets another member first takes
    :func:`_universal_score`'s own steps, on the same counts (:func:`_searched`). A byte holds
    counts below 128: fewer than :data:`_PACKED_LIMIT` members (the caller checks).
    """
    n = len(adjacency)
    order = [w for w in adjacency[target] if w != target]
    one = dict(zip(order, _BYTES, strict=False))
    one[target] = _BYTES[n - 1]
    # Each member's neighbours packed: a 1 in the byte of each (self-loops left out). map and
    # sum run in C: this is most of the work, once per member.
    packed = dict(
        zip(adjacency, map(sum, map(partial(map, one.__getitem__), adjacency.values())), strict=True)
    )
    if any(map(dict.__contains__, adjacency.values(), adjacency)):
        for v, around in adjacency.items():
            if v in around:
                packed[v] -= one[v]
    inverse = [0.0, *(1.0 / k for k in range(1, n)), *([0.0] * (256 - n))]
    term = inverse.__getitem__
    score = 0.0
    for source, near in adjacency.items():
        loop = source in near
        if len(near) - loop == n - 1:
            continue  # the target itself, or another member tied to all: nobody two steps away
        counts = sum(map(packed.__getitem__, near))
        if loop:
            counts -= packed[source]
        if (next(v for v in near if v != source) if loop else next(iter(near))) == target:
            seen = (packed[source] + one[source]) << 7
            score += _in_order(map(term, (counts + seen).to_bytes(n, "big")))
        else:
            score += _searched(adjacency, source, counts, one, inverse)
    return score


def _searched(
    adjacency: Adjacency, source: Any, counts: int, one: dict[Any, int], inverse: list[float]
) -> float:
    """:func:`_universal_score`'s sum for one source, its steps taken on names (see :func:`_packed_score`).

    ``counts`` holds, in each member's byte, the number of neighbours it shares with ``source``.
    """
    first, rest = _two_steps_away(adjacency, source, [v for v in adjacency[source] if v != source])
    shares = [inverse[counts >> (one[w].bit_length() - 1) & 255] for w in reversed(rest)]
    if first:
        shares += [inverse[counts >> (one[w].bit_length() - 1) & 255] for w in reversed(first)]
    return reduce(add, shares, 0.0)


def lead_betweenness(graph: nx.Graph | Net, scores: dict[str, float] | None = None) -> Measure:
    r"""Freeman's (1979) betweenness of the lead, normalised by :math:`(n-1)(n-2)/2`.

    .. math:: C_B(\ell) = \frac{2}{(n-1)(n-2)} \sum_{s \neq \ell \neq t} \frac{\sigma_{st}(\ell)}{\sigma_{st}}

    ``networkx.betweenness_centrality(G, normalized=True)`` on the unweighted graph of every
    edge of N(P) (informal commitments included). 1 for the
    centre of a star: every pair of partners needs the lead. ``scores`` may hand in
    :func:`betweenness` already computed (the report computes it once for two metrics).

    Returns
    -------
    Measure
        Value in [0, 1]; 0.0 with fewer than three members (networkx's convention); ``None``
        when there is no lead.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None)
    value = (scores if scores is not None else betweenness(net))[lead]
    return Measure(value, net.evidence([lead]))


def lead_betweenness_rank(graph: nx.Graph | Net, scores: dict[str, float] | None = None) -> Measure:
    r"""The lead's rank by betweenness among members: 1 + the number of members strictly above.

    Ties share the better rank (1 when the lead is the most between, even with others equal).

    Returns
    -------
    Measure
        Integer ≥ 1; ``None`` when there is no lead. ``detail['above']`` lists the members with
        a higher betweenness.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None)
    if scores is None:
        scores = betweenness(net)
    above = [n for n, s in scores.items() if s > scores[lead] + 1e-12]
    return Measure(1 + len(above), net.evidence([lead, *above]), {"above": above})


def lead_closeness(graph: nx.Graph | Net) -> Measure:
    r"""Closeness of the lead (Freeman 1979), with the Wasserman–Faust correction for components.

    .. math:: C_C(\ell) = \frac{r - 1}{n - 1} \cdot \frac{r - 1}{\sum_{v} d(\ell, v)}

    where :math:`r` is the number of members reachable from the lead
    (``networkx.closeness_centrality(G, u=lead)``), over every edge of N(P).

    Computed by one breadth-first search with networkx's operations in networkx's order, so the
    float is the same to the last bit (checked in the tests).

    Returns
    -------
    Measure
        Value in [0, 1]; 0.0 for a lead alone; ``None`` when there is no lead.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None)
    adj = net.adj
    n = len(net)
    if len(adj[lead]) - (lead in adj[lead]) == n - 1:
        # Tied to every other member, as the lead of N(P): the search finds them all in one
        # step; the same floats from the same counts.
        value = 0.0
        if n > 1:
            value = (n - 1.0) / (n - 1)
            value *= (n - 1.0) / (n - 1)
        return Measure(value, net.evidence([lead]))
    seen = {lead}
    frontier = [lead]
    level = total = 0
    while frontier:
        level += 1
        following = []
        for v in frontier:
            for w in adj[v]:
                if w not in seen:
                    seen.add(w)
                    following.append(w)
                    total += level
        frontier = following
    value = 0.0
    if total > 0 and len(net) > 1:
        value = (len(seen) - 1.0) / total
        value *= (len(seen) - 1.0) / (len(net) - 1)
    return Measure(value, net.evidence([lead]))


def degree_centralization(graph: nx.Graph | Net) -> Measure:
    r"""Freeman's (1979) degree centralization of N(P).

    .. math:: C_D = \frac{\sum_i (\deg_{\max} - \deg(i))}{(n - 1)(n - 2)}

    the sum of differences to the most central member over its maximum, reached by a star. 1 for
    a star, 0 for a cycle or a complete graph. Every edge of N(P) counts (the structure as
    declared); who actually works with whom is read by the working-tie measures.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than three members (the denominator is 0).
        Evidence: the most central member(s).

    Examples
    --------
    >>> import networkx as nx
    >>> degree_centralization(nx.star_graph(4)).value
    1.0
    >>> degree_centralization(nx.cycle_graph(5)).value
    0.0
    """
    net = as_net(graph)
    found = _centralization(net)
    if found is None:
        return Measure(None)
    value, top = found
    return Measure(value, net.evidence([v for v, d in net.degree.items() if d == top]))


def _centralization(net: Net) -> tuple[float, int] | None:
    """:func:`degree_centralization`'s value and the highest degree, ``None`` below three members."""
    n = len(net)
    if n < 3:
        return None
    degrees = net.degree
    top = max(degrees.values())
    return sum(top - d for d in degrees.values()) / ((n - 1) * (n - 2)), top


def lead_sectors_spanned(graph: nx.Graph | Net) -> Measure:
    r"""Number of sectors, other than the lead's own, that the lead reaches through working ties.

    .. math:: |\{g(m) : m \in N_W(\ell)\} \setminus \{g(\ell)\}|

    Returns
    -------
    Measure
        Integer ≥ 0; ``None`` when there is no lead. Members without a sector are ignored.
        ``detail['sectors']`` lists the sectors.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None)
    sector = net.sector
    own = sector[lead]
    contacts = net.working_around(lead)
    sectors = sorted({s for n in contacts if (s := sector[n]) is not None and s != own})
    spanning = [n for n in contacts if sector[n] in sectors]
    return Measure(
        len(sectors),
        _lead_evidence(net, [lead, *spanning], spanning),
        {"sectors": sectors},
    )


def lead_formal_tie_share(graph: nx.Graph | Net) -> Measure:
    r"""Share of the lead's edges that are formal: a signed commitment or a formal declared tie.

    .. math:: \frac{|\{(\ell, m) \in E : \mathrm{formal}(\ell, m)\}|}{\deg(\ell)}

    The call asks for "formal, well-organised partnerships"; a lead whose partners are all
    informal scores 0.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or it has no edge. ``detail`` lists the
        ``informal`` partners.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None or net.degree[lead] == 0:
        return Measure(None)
    formal = [n for n, data in net.adj[lead].items() if data.get("formal")]
    informal = [n for n, data in net.adj[lead].items() if not data.get("formal")]
    return Measure(
        len(formal) / net.degree[lead],
        _lead_evidence(net, [lead, *formal], formal),
        {"informal": informal},
    )


def _density(net: Net) -> float:
    """``networkx.density`` of an undirected graph, with its operations in its order."""
    n, m = len(net), len(net.edges)
    if m == 0 or n <= 1:
        return 0.0
    return m / (n * (n - 1)) * 2


def density(graph: nx.Graph | Net) -> Measure:
    r"""Density of N(P): :math:`2|E| / (n(n-1))` (``networkx.density``), unweighted, every edge.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than two members.
    """
    net = as_net(graph)
    if len(net) < 2:
        return Measure(None)
    return Measure(_density(net), net.edge_evidence([], net.edges))


def partner_tie_density(graph: nx.Graph | Net) -> Measure:
    r"""Density of the declared ties among partners, the lead left out.

    .. math:: \frac{|\{(m, n) \in E : m, n \neq \ell,\ \mathrm{declared}(m, n)\}|}{k(k-1)/2}

    with :math:`k` partners. 0 when the partners only know the lead: the lead federates nobody
    into working together.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than two partners.
    """
    net = as_net(graph)
    lead = net.lead
    k = len(net) - (lead is not None)
    if k < 2:
        return Measure(None)
    edges = [edge for edge in net.edges if edge[0] != lead and edge[1] != lead and edge[2].get("declared")]
    return Measure(len(edges) / (k * (k - 1) / 2), net.edge_evidence([], edges))


def components_without_lead(graph: nx.Graph | Net) -> Measure:
    r"""Number of connected components of N(P) once the lead is removed.

    1 when the partners hold together without the lead; the number of partners when they only
    know the lead (a pure star). Edges between two partners are declared ties (commitments only
    join the lead), so every edge of N(P) − lead is a declared tie.

    Returns
    -------
    Measure
        Integer ≥ 0 (0 when the lead has no partner); ``None`` when there is no lead.
        ``detail['components']`` lists the components, largest first.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None)
    # Connected components of N(P) − lead by breadth-first search on the adjacency (as
    # nx.connected_components on the subgraph, without building the subgraph view).
    adjacency = net.adj
    seen = {lead}
    found: list[list[str]] = []
    for start in net.nodes:
        if start in seen:
            continue
        seen.add(start)
        component = [start]
        for u in component:  # the list grows while read: a breadth-first queue
            for v in adjacency[u]:
                if v not in seen:
                    seen.add(v)
                    component.append(v)
        found.append(component)
    components = sorted((sorted(c, key=str) for c in found), key=lambda c: -len(c))
    return Measure(
        len(components), net.evidence([n for n in net.nodes if n != lead]), {"components": components}
    )


def governance_form(
    graph: nx.Graph | Net,
    shared_density: float = SHARED_DENSITY,
    lead_centralization: float = LEAD_CENTRALIZATION,
) -> Measure:
    r"""Provan & Kenis' (2008) governance form read from the structure.

    - ``shared`` (participant-governed): dense (:func:`density` ≥ ``shared_density``) and flat
      (:func:`degree_centralization` < ``lead_centralization``);
    - ``lead_organisation``: centralization ≥ ``lead_centralization`` and the lead has the
      highest degree;
    - ``mixed`` otherwise. The third form, the network administrative organisation, is a body
      created to run the network and cannot be read from ties.

    Returns
    -------
    Measure
        One of the three codes; ``None`` with fewer than three members or no lead.
    """
    net = as_net(graph)
    lead = net.lead
    found = _centralization(net)
    if lead is None or found is None:
        return Measure(None)
    centralization, top = found
    dense = _density(net)
    if dense >= shared_density and centralization < lead_centralization:
        form = "shared"
    elif centralization >= lead_centralization and net.degree[lead] == top:
        form = "lead_organisation"
    else:
        form = "mixed"
    return Measure(form, net.evidence([lead]), {"density": dense, "centralization": centralization})


__all__ = [
    "betweenness",
    "components_without_lead",
    "degree_centralization",
    "density",
    "governance_form",
    "lead_betweenness",
    "lead_betweenness_and_rank",
    "lead_betweenness_rank",
    "lead_brokerage",
    "lead_closeness",
    "lead_degree_centrality",
    "lead_formal_tie_share",
    "lead_reach_1",
    "lead_reach_2",
    "lead_sectors_spanned",
    "partner_tie_density",
]
