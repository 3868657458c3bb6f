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

import threading
from collections.abc import Iterable, Mapping
from functools import cached_property
from itertools import combinations, compress, count
from typing import Any

import networkx as nx

from queries.metrics._common import (
    PAIR_VALUE,
    Evidence,
    _ordered,
    at_least,
    is_working,
    mask_similarity,
    pair_keys,
)

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


_NEW_BITS = threading.Lock()


class _Bits(dict[Any, int]):
    """Vocabulary code → the bit of its prefixed item (``stage:…``) in :class:`_Vocabulary`."""

    def __init__(self, prefixed: _Prefixed, vocabulary: _Vocabulary) -> None:
        super().__init__()
        self.prefixed = prefixed
        self.vocabulary = vocabulary

    def __missing__(self, code: Any) -> int:
        # A new code, rare: under a lock, so that two threads meeting it at once give it one bit
        # (masks of one network must agree). The item is the string capabilities() holds: two
        # codes giving the same item share its bit.
        with _NEW_BITS:
            found = self.get(code)
            if found is None:
                item = self.prefixed[code]
                items = self.vocabulary.items
                found = self.vocabulary.bits.get(item)
                if found is None:
                    found = self.vocabulary.bits[item] = 1 << len(items)
                    items.append(item)
                self[code] = found
        return found


class _Vocabulary:
    """A bit per capability item (``stage:reperage``…), so a member's capabilities are one int.

    Kept between networks (the vocabularies are small and fixed); masks are only ever compared
    within one network, so a table grown too large is replaced (see :func:`_vocabulary`), never
    changed under a network that uses it.
    """

    def __init__(self) -> None:
        self.items: list[str] = []  # bit position → item
        self.bits: dict[str, int] = {}
        self.stage = _Bits(_STAGE, self)
        self.barrier = _Bits(_BARRIER, self)
        self.public = _Bits(_PUBLIC, self)

    def names(self, mask: int) -> list[str]:
        """The items of ``mask``, sorted."""
        items = self.items
        found = []
        while mask:
            low = mask & -mask
            found.append(items[low.bit_length() - 1])
            mask ^= low
        found.sort()
        return found


_VOCABULARY = _Vocabulary()


def _vocabulary() -> _Vocabulary:
    global _VOCABULARY
    if len(_VOCABULARY.items) > 4096:  # arbitrary codes, not the vocabulary: start afresh
        _VOCABULARY = _Vocabulary()
    return _VOCABULARY


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
        # The graph's own dicts copied in C (what graph.nodes(data=True) and graph.adjacency()
        # iterate), without a view and a tuple per member.
        self.node: dict[Any, dict[str, Any]] = dict(graph._node)
        self.adj: Adjacency = dict(graph._adj)
        if self.adj and type(next(iter(self.adj.values()))) is not dict:
            # A graph view (subgraph, restricted or frozen view) filters its rows on the fly: the
            # fast paths read rows as plain dicts (dict.__contains__ and the like), so copy them.
            self.adj = {member: dict(row) for member, row in self.adj.items()}
        self.nodes: list[Any] = list(self.adj)
        lead = graph.graph.get("lead")
        self.lead: Any = lead if lead is not None and lead in self.adj else None
        self._lists: dict[str, dict[Any, list[Any]]] = {}
        self.memo: dict[Any, Any] = {}
        self._around: dict[Any, list[Any]] = {}
        self._holders: dict[str, dict[Any, list[Any]]] = {}

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

    def holders(self, name: str) -> dict[Any, list[Any]]:
        """Each item of a list attribute → the members listing it, once per listing, in graph order.

        ``{item: [m for m, items in self.attr(name).items() for i in items if i == item]}``, items
        in the order first listed. Read only.
        """
        found = self._holders.get(name)
        if found is None:
            found = self._holders[name] = {}
            for node, items in self.attr(name).items():
                for item in items:
                    who = found.get(item)
                    if who is None:
                        found[item] = [node]
                    else:
                        who.append(node)
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
    def _working_triples(self) -> list[tuple[Any, Any, dict[str, Any]]]:
        """The edges that are working ties (``is_working``), with their data, in edge order."""
        # is_working inlined (same truth value): it would be called once per edge per reader.
        return [
            edge
            for edge in self.edges
            if (data := edge[2]).get("formal")
            or data.get("declared")
            or ("formal" not in data and "declared" not in data)
        ]

    @cached_property
    def working_edges(self) -> list[tuple[Any, Any]]:
        """The working edges (``is_working``) in edge order, as ``_common.working_edges(graph)``."""
        return [(u, v) for u, v, _ in self._working_triples]

    @cached_property
    def working(self) -> Adjacency:
        """The adjacency of the working ties, in the order ``_common.working_graph`` builds it.

        That graph adds the working edges in edge order, so each member's neighbours are not in
        its order in N(P): the Burt sums run over them, and they must run in the same order.
        """
        kept: Adjacency = {n: {} for n in self.nodes}
        for u, v, data in self._working_triples:
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

    @cached_property
    def capability_masks(self) -> tuple[_Vocabulary, list[int]]:
        """:attr:`capabilities` as bit masks, in :attr:`nodes` order, with the table of their bits.

        Equal items have equal bits, so set sizes and intersections are popcounts.
        """
        vocabulary = _vocabulary()
        stage, barrier, public = vocabulary.stage, vocabulary.barrier, vocabulary.public
        stages, barriers, publics = self.attr("stages"), self.attr("barriers"), self.attr("publics")
        masks = []
        for n in self.nodes:
            mask = 0
            for code in stages[n]:
                mask |= stage[code]
            for code in barriers[n]:
                mask |= barrier[code]
            for code in publics[n]:
                mask |= public[code]
            masks.append(mask)
        return vocabulary, masks

    @cached_property
    def pair_keys(self) -> list[int] | None:
        """``_common.pair_keys`` of :attr:`capability_masks`: each pair's shared and union counts."""
        return pair_keys(self.capability_masks[1])

    @cached_property
    def similarities(self) -> list[float | None]:
        """``_common.pairwise_similarity(self.capabilities)``, from :attr:`pair_keys`."""
        keys = self.pair_keys
        if keys is None:
            return mask_similarity(self.capability_masks[1])
        return list(map(PAIR_VALUE.__getitem__, keys))

    def similar_pairs(self, threshold: float) -> list[tuple[Any, Any, float | None]]:
        """The pairs of ``_common.pairwise_jaccard(self.capabilities)`` at or above ``threshold``.

        In the same order, the keys compared with the threshold in C (each distinct key once),
        only the pairs kept named.
        """
        nodes = self.nodes
        keys = self.pair_keys
        if keys is None:
            return [
                (first, second, value)
                for (first, second), value in zip(combinations(nodes, 2), self.similarities, strict=True)
                if value is not None and value >= threshold
            ]
        pairs = _pair_index(len(nodes))
        value = PAIR_VALUE.__getitem__
        return [
            (nodes[first], nodes[second], value(keys[at]))
            for at in compress(count(), map(at_least(threshold).__getitem__, keys))
            for first, second in (pairs[at],)
        ]

    def working_around(self, node: Any) -> list[Any]:
        """The neighbours of ``node`` over working ties, in N(P)'s adjacency order."""
        found = self._around.get(node)
        if found is None:
            found = self._around[node] = [v for v, data in self.adj[node].items() if is_working(data)]
        return list(found)

    def evidence(self, nodes: Iterable[Any] = (), edges: Iterable[tuple[Any, Any]] = ()) -> Evidence:
        """``_common.evidence_of`` read from the plain adjacency."""
        if not isinstance(edges, list | tuple):
            edges = list(edges)  # read twice when ids do not compare
        return self._evidence(nodes, edges)

    def edge_evidence(
        self, nodes: Iterable[Any], edges: Iterable[tuple[Any, Any, dict[str, Any]]]
    ) -> Evidence:
        """``evidence(nodes, [(u, v) for u, v, _ in edges])`` for distinct edges of :attr:`edges`.

        Each edge comes with its data (its tie keys are read there, not looked up again) and
        appears once, either way round, so its ordered form needs no deduplication.
        """
        if not isinstance(edges, list | tuple):
            edges = list(edges)
        if not edges:
            return Evidence(nodes=tuple(dict.fromkeys(nodes)))
        try:
            edge_list = tuple([(u, v) if u <= v else (v, u) for u, v, _ in edges])
        except TypeError:
            edge_list = tuple([_ordered(u, v) for u, v, _ in edges])
        ties = tuple(dict.fromkeys([key for _, _, data in edges for key in data.get("ties") or ()]))
        return Evidence(nodes=tuple(dict.fromkeys(nodes)), ties=ties, edges=edge_list)

    def _evidence(
        self, nodes: Iterable[Any], edges: list[tuple[Any, Any]] | tuple[tuple[Any, Any], ...]
    ) -> Evidence:
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


_PAIRS: dict[int, list[tuple[int, int]]] = {}


def _pair_index(size: int) -> list[tuple[int, int]]:
    """``list(combinations(range(size), 2))``, kept per size (a few sizes recur)."""
    found = _PAIRS.get(size)
    if found is None:
        if len(_PAIRS) >= 64:
            _PAIRS.clear()
        found = _PAIRS[size] = list(combinations(range(size), 2))
    return found


def as_net(graph: nx.Graph | Net) -> Net:
    """The :class:`Net` of ``graph``: itself when already read, else a new reading."""
    return graph if isinstance(graph, Net) else Net(graph)


def working_ties(net: Net, working: nx.Graph | None) -> Neighbours:
    """The adjacency of the working ties: ``working``'s when handed in, else the network's."""
    return working.adj if working is not None else net.working


__all__ = ["Adjacency", "Neighbours", "Net", "as_net", "working_ties"]
