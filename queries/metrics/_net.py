"""N(P) read once into plain dicts: what the metrics of one report share.

networkx's views (``graph.nodes[n]``, ``graph.adj[u][v]``, ``graph[u]``, ``graph.edges``) build a
view object at each access; a report reads a 30-member network tens of thousands of times, and
those views cost more than the metrics' own arithmetic. :class:`Net` holds the graph's own
attribute and adjacency dicts (the same objects, never copied nor written to) and what several
metrics derive from them (attribute lists, sectors, degrees, the working ties), each computed on
first use. Every metric takes either the networkx graph or its :class:`Net`; the report builds
one :class:`Net` per graph and hands it to all of them.

A :class:`Net` reads the graph as it is when built: build another after changing the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any

import networkx as nx

from queries.metrics._common import Evidence, _ordered, is_working

Adjacency = dict[Any, dict[Any, dict[str, Any]]]
# An adjacency read as networkx's ``graph.adj`` reads: member → {neighbour → edge data}.
Neighbours = Mapping[Any, Mapping[Any, Mapping[str, Any]]]


class _Prefixed(dict[Any, str]):
    """``prefix + code`` for each code asked, kept: the same few vocabulary codes recur."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, code: Any) -> str:
        found = self[code] = f"{self.prefix}{code}"
        return found


_STAGE, _BARRIER, _PUBLIC = _Prefixed("stage:"), _Prefixed("barrier:"), _Prefixed("public:")


class Net:
    """The plain-dict reading of one N(P) (see the module docstring).

    Attributes
    ----------
    graph
        The networkx graph read.
    node
        Member → its attribute dict (the graph's own).
    adj
        Member → {neighbour → edge attribute dict} (the graph's own), in the graph's order.
    nodes
        The members in graph order.
    lead
        The lead's id, ``None`` when the graph names no lead or lacks it.
    """

    def __init__(self, graph: nx.Graph) -> None:
        self.graph = graph
        self.node: dict[Any, dict[str, Any]] = dict(graph.nodes(data=True))
        self.adj: Adjacency = dict(graph.adjacency())
        self.nodes: list[Any] = list(self.adj)
        lead = graph.graph.get("lead")
        self.lead: Any = lead if lead is not None and lead in self.adj else None
        self._lists: dict[str, dict[Any, list[Any]]] = {}
        self.memo: dict[Any, Any] = {}

    def __len__(self) -> int:
        return len(self.nodes)

    def attr(self, name: str) -> dict[Any, list[Any]]:
        """A list attribute of every member (``attr_list``): a missing one is ``[]``.

        The graph's own lists are handed out, not copies: read only.
        """
        found = self._lists.get(name)
        if found is None:
            found = self._lists[name] = {
                n: value if type(value) is list else list(value) if value else []
                for n, data in self.node.items()
                for value in (data.get(name),)
            }
        return found

    @cached_property
    def sector(self) -> dict[Any, Any]:
        """Each member's ``sector`` attribute, ``None`` when missing."""
        return {n: data.get("sector") for n, data in self.node.items()}

    @cached_property
    def index(self) -> dict[Any, int]:
        """Each member's position in :attr:`nodes`."""
        return {v: i for i, v in enumerate(self.nodes)}

    @cached_property
    def neighbours(self) -> list[list[int]]:
        """Each member's neighbours by position, in adjacency order, self-loops left out."""
        index = self.index
        return [[index[w] for w in around if w != v] for v, around in self.adj.items()]

    @cached_property
    def degree(self) -> dict[Any, int]:
        """Each member's degree as ``graph.degree`` counts it (a self-loop counts twice)."""
        return {n: len(around) + (1 if n in around else 0) for n, around in self.adj.items()}

    @cached_property
    def edges(self) -> list[tuple[Any, Any, dict[str, Any]]]:
        """Every edge once with its data, in ``graph.edges(data=True)`` order."""
        found: list[tuple[Any, Any, dict[str, Any]]] = []
        done: set[Any] = set()
        for u, around in self.adj.items():
            found += [(u, v, data) for v, data in around.items() if v not in done]
            done.add(u)
        return found

    @cached_property
    def working_edges(self) -> list[tuple[Any, Any]]:
        """The working edges (``is_working``) in edge order, as ``_common.working_edges(graph)``."""
        return [(u, v) for u, v, data in self.edges if is_working(data)]

    @cached_property
    def working(self) -> Adjacency:
        """The adjacency of the working ties, in the order ``_common.working_graph`` builds it.

        That graph adds the working edges in edge order, so each member's neighbours are not in
        its order in N(P): the Burt sums run over them, and they must run in the same order.
        """
        kept: Adjacency = {n: {} for n in self.nodes}
        for u, v, data in self.edges:
            if is_working(data):
                kept[u][v] = data
                kept[v][u] = data
        return kept

    @cached_property
    def capabilities(self) -> dict[Any, set[str]]:
        """``_common.capability_sets``: each member's stages, barriers and publics, prefixed."""
        stages, barriers, publics = self.attr("stages"), self.attr("barriers"), self.attr("publics")
        stage, barrier, public = _STAGE.__getitem__, _BARRIER.__getitem__, _PUBLIC.__getitem__
        return {
            n: {*map(stage, stages[n]), *map(barrier, barriers[n]), *map(public, publics[n])}
            for n in self.nodes
        }

    def working_around(self, node: Any) -> list[Any]:
        """The neighbours of ``node`` over working ties, in N(P)'s adjacency order."""
        return [v for v, data in self.adj[node].items() if is_working(data)]

    def evidence(self, nodes: Iterable[Any] = (), edges: Iterable[tuple[Any, Any]] = ()) -> Evidence:
        """``_common.evidence_of`` read from the plain adjacency."""
        if not isinstance(edges, list | tuple):
            edges = list(edges)  # read twice when ids do not compare
        try:
            # _ordered inlined for ids that compare (strings): the common case, one comprehension.
            edge_list = tuple(dict.fromkeys([(u, v) if u <= v else (v, u) for u, v in edges]))
        except TypeError:
            edge_list = tuple(dict.fromkeys(_ordered(u, v) for u, v in edges))
        if not edge_list:
            return Evidence(nodes=tuple(dict.fromkeys(nodes)))
        adj = self.adj
        ties = tuple(dict.fromkeys([key for u, v in edge_list for key in adj[u][v].get("ties") or ()]))
        return Evidence(nodes=tuple(dict.fromkeys(nodes)), ties=ties, edges=edge_list)


def as_net(graph: nx.Graph | Net) -> Net:
    """The :class:`Net` of ``graph``: itself when already read, else a new reading."""
    return graph if isinstance(graph, Net) else Net(graph)


def working_ties(net: Net, working: nx.Graph | None) -> Neighbours:
    """The adjacency of the working ties: ``working``'s when handed in, else the network's."""
    return working.adj if working is not None else net.working


__all__ = ["Adjacency", "Neighbours", "Net", "as_net", "working_ties"]
