"""Brokerage roles of Gould & Fernandez (1989) over sectors, by path structure.

A member :math:`b` brokers between :math:`a` and :math:`c` when :math:`a - b - c` is a two-path
and :math:`a` and :math:`c` are not tied. The sectors of :math:`a`, :math:`b`, :math:`c` give the
role (:math:`g(x)` is the sector of :math:`x`):

=============== ========================== =========================================
role            sectors                    reading
=============== ========================== =========================================
coordinator     g(a) = g(b) = g(c)         mediates inside its own sector
itinerant       g(a) = g(c) ≠ g(b)         an outsider mediating inside another sector
gatekeeper      g(a) ≠ g(b) = g(c)         lets an outside sector in
representative  g(a) = g(b) ≠ g(c)         speaks for its sector outwards
liaison         g(a), g(b), g(c) distinct  links two sectors, belonging to neither
=============== ========================== =========================================

How undirected data are counted
-------------------------------
Ties between organisations are symmetric. UCINET's brokerage routine and R's ``sna::brokerage``
define the roles on *directed* two-paths :math:`a \\to b \\to c` and read a symmetric tie as two
arcs; they are counted here as they count them, so that the figures can be checked against
either tool and the roles sum to the total. Each open pair :math:`\\{a, c\\}` of :math:`b`'s
contacts (no tie between :math:`a` and :math:`c`) is two two-paths, :math:`a \\to b \\to c` and
:math:`c \\to b \\to a`:

- all three in one sector: 2 coordinator;
- :math:`a` and :math:`c` in one sector, :math:`b` in another: 2 itinerant;
- exactly one end in :math:`b`'s sector: 1 representative (from that end) and 1 gatekeeper
  (towards it);
- three distinct sectors: 2 liaison;

and ``total`` is 2 per open pair, the sum of the five roles. Every broker gets a full count per
pair (UCINET's optional partial credit, when several members mediate the same pair, is not
applied). Pairs with a member of unknown sector are skipped.

References
----------
.. [1] Gould, R. V. and Fernandez, R. M. (1989). "Structures of mediation: a formal approach to
   brokerage in transaction networks". *Sociological Methodology* 19, 89–126.
   doi:10.2307/270949
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx

from queries.metrics._common import Measure, evidence_of, lead_of
from queries.metrics._net import Net, structure

ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")
Counted = dict[str, tuple[dict[str, int], list[tuple[str, str, str]]]]


def _role(a: Any, b: Any, c: Any) -> str:
    """The role of broker ``b`` on the two-path ``a → b → c`` from the three groups.

    ``representative`` when ``a`` shares ``b``'s group, ``gatekeeper`` when ``c`` does (the
    module docstring's table).
    """
    if a == b == c:
        return "coordinator"
    if a == c:
        return "itinerant"
    if a == b:
        return "representative"
    if b == c:
        return "gatekeeper"
    return "liaison"


def node_brokerage(
    graph: nx.Graph | Net, node: str, attribute: str = "sector"
) -> tuple[dict[str, int], list[tuple[str, str, str]]]:
    """Role counts of one member and the open pairs behind them, ``(a, c, role)``.

    Each unordered pair of ``node``'s contacts with no tie between them is read as its two
    two-paths ``a → node → c`` and ``c → node → a``, each counting one for the role their groups
    give (:func:`_role`), as UCINET and ``sna`` count undirected data; contacts in the order of
    their ids, members of unknown group left out. ``pairs`` lists each open pair once with the
    role of ``a → node → c``.
    """
    graph = structure(graph)
    counts = {**dict.fromkeys(ROLES, 0), "total": 0}
    pairs: list[tuple[str, str, str]] = []
    group = graph.nodes[node].get(attribute)
    if group is None:
        return counts, pairs
    contacts = sorted(
        (n for n in graph.adj[node] if n != node and graph.nodes[n].get(attribute) is not None), key=str
    )
    for a, c in combinations(contacts, 2):
        if graph.has_edge(a, c):
            continue
        ga, gc = graph.nodes[a][attribute], graph.nodes[c][attribute]
        for role in (_role(ga, group, gc), _role(gc, group, ga)):  # both directions
            counts[role] += 1
            counts["total"] += 1
        pairs.append((a, c, _role(ga, group, gc)))
    return counts, pairs


def all_brokerage(graph: nx.Graph | Net, attribute: str = "sector") -> Counted:
    """:func:`node_brokerage` of every member (counts and brokered pairs), in graph order."""
    graph = structure(graph)
    return {node: node_brokerage(graph, node, attribute) for node in graph}


def brokerage_roles(graph: nx.Graph | Net, counted: Counted | None = None) -> Measure:
    r"""Gould & Fernandez (1989) role counts of every member, over sectors.

    For each member :math:`b` and each unordered pair :math:`\{a, c\}` of its contacts with no
    tie between them, both two-paths through :math:`b` count for the role the sectors of
    :math:`a, b, c` give (see the module docstring for the table and for how undirected data are
    counted, as UCINET and ``sna`` do: the roles sum to ``total``). Computed on
    the unweighted, undirected N(P), every edge (the structure view: a two-path through the lead
    is a structural position, whatever the commitment).

    Parameters
    ----------
    graph
        N(P), or its :class:`~queries.metrics._net.Net`.
    counted
        :func:`all_brokerage` of the graph when already computed (the report computes it once
        for this measure and :func:`lead_brokerage`).

    Returns
    -------
    Measure
        Value: ``{member: {"coordinator", "itinerant", "gatekeeper", "representative",
        "liaison", "total"}}``; all zeros for a member with fewer than two contacts, with no
        sector, or whose contacts are all tied to each other. ``{}`` for an empty graph.

    Examples
    --------
    A social member between two employment members, not tied to each other: an itinerant.

    >>> g = nx.path_graph(["a", "b", "c"])
    >>> nx.set_node_attributes(g, {"a": "employment", "b": "social", "c": "employment"}, "sector")
    >>> brokerage_roles(g).value["b"]["itinerant"]  # a → b → c and c → b → a
    2
    """
    graph = structure(graph)
    counted = counted if counted is not None else all_brokerage(graph)
    value = {node: found[0] for node, found in counted.items()}
    return Measure(value, evidence_of(graph, nodes=[n for n, c in value.items() if c["total"]]))


def lead_brokerage(graph: nx.Graph | Net, counted: Counted | None = None) -> Measure:
    r"""The lead's Gould & Fernandez (1989) role counts over sectors.

    A lead acting as *liaison* and *representative* across sectors links sectors that would not
    otherwise meet: it federates and breaks silos. Counted as in :func:`brokerage_roles`, on the
    structure view.

    Parameters
    ----------
    graph
        N(P), or its :class:`~queries.metrics._net.Net`.
    counted
        :func:`all_brokerage` of the graph when already computed.

    Returns
    -------
    Measure
        Value: the lead's role counts (all zeros with fewer than two partners or when every pair
        of partners is tied); ``None`` when the graph has no lead. ``detail['pairs']`` lists the
        brokered pairs ``(a, c, role)`` (lists in the JSON report); evidence: the lead, the
        brokered partners and the lead's edges to them.
    """
    graph = structure(graph)
    lead = lead_of(graph)
    if lead is None:
        return Measure(None)
    counts, pairs = counted[lead] if counted is not None else node_brokerage(graph, lead)
    ends = list(dict.fromkeys(n for a, c, _ in pairs for n in (a, c)))
    return Measure(counts, evidence_of(graph, [lead, *ends], [(lead, n) for n in ends]), {"pairs": pairs})
