"""Structural holes: Burt's (1992) redundancy of the lead's contacts, the Redundancy family's
second sense (the first, service duplication, is in :mod:`queries.metrics.redundancy`).

A contact is redundant when tied to the lead's other contacts. Borgatti's (1997) unweighted
formulas and Burt's weighted ones read the **structure** view of N(P) (every edge): a star of n
informal letters has effective size n; its informality is measured by ``lead_formal_tie_share``.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Cambridge,
   MA: Harvard University Press.
.. [2] Borgatti, S. P. (1997). "Structural holes: unpacking Burt's redundancy measures".
   *Connections* 20(1), 35–38.
"""

from __future__ import annotations

import networkx as nx

from queries.metrics._common import Measure, evidence_of
from queries.metrics._net import Net, as_net


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

    with :math:`n` the contacts of :math:`i` and :math:`t` the ties among them; the value of
    ``networkx.effective_size(G, nodes=[node])`` on an unweighted graph.

    Parameters
    ----------
    graph : networkx.Graph
        Read unweighted and undirected.
    node
        The ego.

    Returns
    -------
    float or None
        ``None`` for an isolated node (undefined; networkx gives NaN).

    References
    ----------
    Borgatti (1997) [2]_ (the module's references).

    Examples
    --------
    The hub ``G`` of Borgatti's (1997) example has 6 contacts and 4 ties among them:
    6 − 8/6 ≈ 4.67.

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

    Unweighted, the indirect term runs over the contacts :math:`q` shared by :math:`i` and
    :math:`j` (self-loops left out); the value of ``networkx.constraint(G, nodes=[node])``.

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

    References
    ----------
    Burt (1992) [1]_ (the module's references).

    Examples
    --------
    A star's centre invests 1/3 in each of three unconnected contacts: 3 × (1/3)² = 1/3.

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
    """The five ``lead_*`` Burt measures below, keyed ``size``, ``efficiency``, ``constraint``,
    ``size_weighted``, ``constraint_weighted``, from one reading of the lead's ego network in the
    structure view (the report computes the five at once); one evidence for the five."""
    net = as_net(graph)
    lead = net.lead
    keys = ("size", "efficiency", "constraint", "size_weighted", "constraint_weighted")
    if lead is None:
        return dict.fromkeys(keys, Measure(None))
    contacts, ties = _ego(net.graph, lead)
    evidence = evidence_of(net.graph, [lead, *contacts], ties)
    if not contacts:
        return dict.fromkeys(keys, Measure(None, evidence))  # a lead alone: Burt's measures divide by 0
    size = len(contacts) - 2 * len(ties) / len(contacts)  # Borgatti's n − 2t/n (effective_size)
    weighted = weighted_burt(net.graph, lead)
    return {
        "size": Measure(size, evidence, {"contacts": len(contacts), "ties_among_contacts": len(ties)}),
        "efficiency": Measure(size / len(contacts), evidence),
        "constraint": Measure(constraint(net.graph, lead), evidence),
        "size_weighted": Measure(weighted[0] if weighted else None, evidence),
        "constraint_weighted": Measure(weighted[1] if weighted else None, evidence),
    }


def lead_effective_size(graph: nx.Graph | Net) -> Measure:
    r"""The lead's effective size (Burt 1992; Borgatti 1997): :math:`n - 2t/n`, structure view.

    :func:`effective_size` on every edge of N(P), unweighted: :math:`n` counts the lead's
    contacts (its partners), :math:`t` the ties among them. High when the lead spans structural
    holes (a pure star of n contacts: n), low when its contacts are all tied (redundant
    contacts); a tie between partners never raises it.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view.

    Returns
    -------
    Measure
        ``None`` when there is no lead or the lead has no partner. ``detail`` gives ``contacts``
        and ``ties_among_contacts``. Evidence: the lead, its contacts and the ties among them
        (the redundant ones).

    References
    ----------
    Burt (1992) [1]_, Borgatti (1997) [2]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("l", "b"), ("l", "c"), ("a", "b")], lead="l")
    >>> round(lead_effective_size(g).value, 4)  # 3 − 2 × 1 / 3
    2.3333
    """
    return lead_burt(graph)["size"]


def lead_efficiency(graph: nx.Graph | Net) -> Measure:
    r"""The lead's efficiency: effective size over the number of contacts, :math:`ES_i / n`.

    Burt (1992), Borgatti (1997), on the structure view as :func:`lead_effective_size`. In
    (0, 1]; 1 when no two contacts are tied.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view.

    Returns
    -------
    Measure
        ``None`` when there is no lead or the lead has no contact.

    References
    ----------
    Burt (1992) [1]_, Borgatti (1997) [2]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("l", "b"), ("l", "c"), ("a", "b")], lead="l")
    >>> round(lead_efficiency(g).value, 4)  # (7/3) / 3
    0.7778
    """
    return lead_burt(graph)["efficiency"]


def lead_constraint(graph: nx.Graph | Net) -> Measure:
    r"""Burt's (1992) constraint on the lead, on the unweighted undirected N(P) (structure view).

    .. math:: C_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \neq i, j} p_{iq}\, p_{qj}\Big)^2

    with :math:`p_{ij} = 1/\deg(i)`: :func:`constraint` of the lead on every edge of N(P).

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view.

    Returns
    -------
    Measure
        Value in (0, 1.125]; 1 for a lead with one contact; ``None`` when there is no lead or
        the lead has no contact.

    References
    ----------
    Burt (1992) [1]_ (the module's references).

    Examples
    --------
    >>> round(lead_constraint(nx.Graph([("l", "a"), ("l", "b")], lead="l")).value, 4)  # 2 × (1/2)²
    0.5
    """
    return lead_burt(graph)["constraint"]


def _strengths(graph: nx.Graph, node: str, weight: str) -> dict[str, float]:
    """Each contact of ``node`` → the strength of their tie (1 when the edge has none)."""
    return {n: float(data.get(weight, 1)) for n, data in graph.adj[node].items() if n != node}


def _proportions(graph: nx.Graph, node: str, weight: str) -> dict[str, float]:
    """Burt's proportional strengths :math:`p_{ij} = w_{ij} / \\sum_k w_{ik}` of ``node``'s ties."""
    around = _strengths(graph, node, weight)
    total = sum(around.values())
    return {n: w / total if total > 0 else 0.0 for n, w in around.items()}


def weighted_burt(graph: nx.Graph, node: str, weight: str = "strength") -> tuple[float, float] | None:
    r"""Burt's (1992) effective size and constraint of ``node`` with tie strengths as weights.

    On an undirected graph the mutual weight of a pair is its strength, so with
    :math:`p_{ij} = w_{ij} / \sum_k w_{ik}` and :math:`m_{jq} = w_{jq} / \max_k w_{jk}`:

    .. math::
        ES_i = \sum_{j} \Big(1 - \sum_{q \neq i, j} p_{iq}\, m_{jq}\Big), \qquad
        C_i = \sum_{j} \Big(p_{ij} + \sum_{q \neq i, j} p_{iq}\, p_{qj}\Big)^2

    as networkx's ``effective_size`` and ``constraint`` with ``weight``. An edge without
    ``weight`` weighs 1; self-loops are left out.

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

    References
    ----------
    Burt (1992) [1]_ (the module's references).

    Examples
    --------
    A star of equal strengths is a star: effective size 3, constraint 1/3.

    >>> size, value = weighted_burt(nx.star_graph(3), 0)
    >>> size, round(value, 4)
    (3.0, 0.3333)
    """

    own = _strengths(graph, node, weight)
    if not own or sum(own.values()) <= 0:
        return None
    p = {n: _proportions(graph, n, weight) for n in [node, *own]}
    size = total = 0.0
    for j in own:
        around_j = _strengths(graph, j, weight)
        strongest = max(around_j.values(), default=0.0)
        shared = [q for q in own if q != j and q in around_j]
        if strongest > 0:
            size += 1 - sum(p[node][q] * around_j[q] / strongest for q in shared)
        else:
            size += 1
        total += (p[node][j] + sum(p[node][q] * p[q][j] for q in shared)) ** 2
    return size, total


def lead_effective_size_weighted(graph: nx.Graph | Net) -> Measure:
    r"""The lead's effective size with tie strengths (1–3) as weights (:func:`weighted_burt`).

    A strong tie between two partners makes them more redundant than a weak one (Burt 1992 [1]_).
    Reads the structure view and the edges' ``strength``.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``.

    Returns
    -------
    Measure
        ``None`` when there is no lead or it has no contact.

    Examples
    --------
    >>> lead_effective_size_weighted(nx.Graph([("l", "a"), ("l", "b")], lead="l")).value
    2.0
    """
    return lead_burt(graph)["size_weighted"]


def lead_constraint_weighted(graph: nx.Graph | Net) -> Measure:
    r"""Burt's (1992) [1]_ constraint on the lead, :func:`weighted_burt`'s second value.

    The weighted counterpart of :func:`lead_constraint`, with :math:`p_{ij}` the tie strengths
    (1–3) over the lead's total; ``None`` when there is no lead or it has no contact.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; its structure view and edge ``strength``.

    Returns
    -------
    Measure
        Value in (0, 1.125].

    Examples
    --------
    >>> lead_constraint_weighted(nx.Graph([("l", "a"), ("l", "b")], lead="l")).value
    0.5
    """
    return lead_burt(graph)["constraint_weighted"]
