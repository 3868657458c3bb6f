"""What every metric family shares: the result type, the project context, small graph helpers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import combinations
from typing import Any

import networkx as nx

from graph_service.domain.models import Project, Scheme, Territory
from graph_service.domain.vocabulary import TerritoryLevel


@dataclass(frozen=True)
class Evidence:
    """What made a number: member ids, declared tie keys, and the edges (pairs of ids) involved.

    ``ties`` are keys of declared ties (``source|target|kind|project``). A lead–partner edge that
    carries only the partner's commitment has no tie key; it appears in ``edges``.
    """

    nodes: tuple[str, ...] = ()
    ties: tuple[str, ...] = ()
    edges: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": list(self.nodes),
            "ties": list(self.ties),
            "edges": [list(e) for e in self.edges],
        }

    def __or__(self, other: Evidence) -> Evidence:
        return Evidence(
            nodes=tuple(dict.fromkeys((*self.nodes, *other.nodes))),
            ties=tuple(dict.fromkeys((*self.ties, *other.ties))),
            edges=tuple(dict.fromkeys((*self.edges, *other.edges))),
        )


@dataclass(frozen=True)
class Measure:
    """One metric value (plain Python: ``None``, bool, int, float, str, list, dict) and its evidence.

    ``detail`` holds what a reviewer needs to read the number (the missing stages, the pairs…),
    always JSON-serialisable.
    """

    value: Any
    evidence: Evidence = field(default_factory=Evidence)
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectContext:
    """What some metrics need beyond N(P), gathered by the service so the metrics stay pure.

    Immutable; what it derives from its tuples (the territory maps, the projects by territory)
    is computed on first use and kept on the instance, never in module state: a context built
    once per call can be shared by that call's reports, whatever thread runs them.

    Parameters
    ----------
    schemes
        Local schemes that may be active on the project's territories (a superset is fine: the
        metrics keep those whose territories meet the project's).
    projects
        Other applications that may overlap this one (a superset is fine; the project itself is
        ignored when present).
    territories
        The territory tree (at least the project's territories, their ancestors and descendants),
        used to expand a project territory into communes and to see that a département contains
        a commune. Without it, territories match only when their codes are equal.
    """

    schemes: tuple[Scheme, ...] = ()
    projects: tuple[Project, ...] = ()
    territories: tuple[Territory, ...] = ()

    @cached_property
    def parents(self) -> dict[str, str | None]:
        return {t.code: t.parent for t in self.territories}

    @cached_property
    def children(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for territory in self.territories:
            if territory.parent is not None:
                found.setdefault(territory.parent, []).append(territory.code)
        return found

    @cached_property
    def levels(self) -> dict[str, TerritoryLevel]:
        return {t.code: t.level for t in self.territories}

    def with_schemes(self, schemes: tuple[Scheme, ...]) -> ProjectContext:
        """This context with other schemes, sharing what it has derived from its projects and
        territories (the applications of a call differ only by the schemes meeting them)."""
        found = replace(self, schemes=schemes)
        for name in ("parents", "children", "levels", "projects_by_territory"):
            found.__dict__[name] = getattr(self, name)  # where cached_property keeps its value
        return found

    def ancestors(self, code: str) -> list[str]:
        """The code's parents up to the root, nearest first (cycles are cut)."""
        found: list[str] = []
        current = self.parents.get(code)
        while current is not None and current not in found and current != code:
            found.append(current)
            current = self.parents.get(current)
        return found

    def descendants(self, code: str) -> list[str]:
        """Every code below ``code`` in the tree (cycles are cut)."""
        found: list[str] = []
        seen: set[str] = set()
        stack = list(self.children.get(code, []))
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            found.append(current)
            stack.extend(self.children.get(current, []))
        return found

    def footprint(self, codes: Iterable[str]) -> frozenset[str]:
        """Every code a set of territories touches: themselves, their ancestors and descendants."""
        found: set[str] = set()
        for code in codes:
            found.add(code)
            found.update(self.ancestors(code))
            found.update(self.descendants(code))
        return frozenset(found)

    def overlap(self, first: Iterable[str], second: Iterable[str]) -> list[str]:
        """The codes of ``second`` that meet ``first`` (equal, inside it, or containing it)."""
        reach = self.footprint(first)
        return sorted({code for code in second if code in reach})

    @cached_property
    def projects_by_territory(self) -> dict[str, list[tuple[int, Project]]]:
        """The context's projects (with their position) under each code they name."""
        index: dict[str, list[tuple[int, Project]]] = {}
        for position, project in enumerate(self.projects):
            for code in dict.fromkeys(project.territories):
                index.setdefault(code, []).append((position, project))
        return index

    def projects_meeting(self, codes: Iterable[str]) -> list[Project]:
        """The context's projects with a territory that meets ``codes`` (as :meth:`overlap`), in
        context order, found through :attr:`projects_by_territory` instead of a scan."""
        found: dict[int, Project] = {}
        for code in self.footprint(codes):
            for position, project in self.projects_by_territory.get(code, ()):
                found[position] = project
        return [found[position] for position in sorted(found)]

    def communes(self, codes: Iterable[str]) -> list[str]:
        """Expand territories into their communes; a code of unknown level counts as itself."""
        found: set[str] = set()
        for code in codes:
            level = self.levels.get(code)
            if level is None or level is TerritoryLevel.COMMUNE:
                found.add(code)
                continue
            below = [c for c in self.descendants(code) if self.levels.get(c) is TerritoryLevel.COMMUNE]
            found.update(below if below else [code])
        return sorted(found)


EMPTY_CONTEXT = ProjectContext()


def lead_of(graph: nx.Graph) -> str | None:
    """The lead's id, or ``None`` when the graph names no lead or lacks it."""
    lead = graph.graph.get("lead")
    return lead if lead is not None and lead in graph else None


def attr_list(graph: nx.Graph, node: str, name: str) -> list[str]:
    """A list attribute of a node; a missing attribute is an empty list."""
    value = graph.nodes[node].get(name)
    return list(value) if value else []


def capabilities(graph: nx.Graph, node: str) -> set[str]:
    """What a member brings: its stages in the project, barriers it lifts and publics it serves."""
    return (
        {f"stage:{s}" for s in attr_list(graph, node, "stages")}
        | {f"barrier:{b}" for b in attr_list(graph, node, "barriers")}
        | {f"public:{p}" for p in attr_list(graph, node, "publics")}
    )


def capability_sets(graph: nx.Graph) -> dict[str, set[str]]:
    """:func:`capabilities` of every member, in graph order."""
    return {node: capabilities(graph, node) for node in graph}


def jaccard(first: set[str], second: set[str]) -> float | None:
    """|A ∩ B| / |A ∪ B|; ``None`` when both sets are empty."""
    union = len(first | second)
    return len(first & second) / union if union else None


def pairwise_jaccard(sets: dict[str, set[str]]) -> list[tuple[str, str, float | None]]:
    """:func:`jaccard` of every unordered pair of members, in ``combinations(sets, 2)`` order."""
    return [(a, b, jaccard(sets[a], sets[b])) for a, b in combinations(sets, 2)]


def _ordered(u: str, v: str) -> tuple[str, str]:
    """An edge with its ends in a stable order (ids are strings; others compare as strings)."""
    try:
        return (u, v) if u <= v else (v, u)
    except TypeError:
        return (u, v) if str(u) <= str(v) else (v, u)


def evidence_of(
    graph: nx.Graph, nodes: Iterable[str] = (), edges: Iterable[tuple[str, str]] = ()
) -> Evidence:
    """The evidence of some members and edges of ``graph``: each once, in order, with the keys of
    the declared ties the edges carry."""
    edge_list = tuple(dict.fromkeys(_ordered(u, v) for u, v in edges))
    ties = dict.fromkeys(key for u, v in edge_list for key in graph.adj[u][v].get("ties") or ())
    return Evidence(nodes=tuple(dict.fromkeys(nodes)), ties=tuple(ties), edges=edge_list)


def is_working(data: dict[str, Any]) -> bool:
    """A working tie: formal (signed commitment or formal tie) or declared beyond the commitment.

    An informal commitment with no declared tie is a name on a list, not a working relation. A
    bare edge, carrying neither ``formal`` nor ``declared`` (a structural graph not built by
    :func:`~graph_service.domain.network.project_network`, such as Borgatti's example), is a
    relation and counts as working.
    """
    if "formal" not in data and "declared" not in data:
        return True
    return bool(data.get("formal")) or bool(data.get("declared"))


def working_graph(graph: nx.Graph) -> nx.Graph:
    """N(P) restricted to working ties (:func:`is_working`), every member kept, edge data kept."""
    kept = nx.Graph(lead=graph.graph.get("lead"))
    kept.add_nodes_from(graph.nodes)
    kept.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if is_working(d))
    return kept


def is_tie(data: dict[str, Any]) -> bool:
    """A tie beyond the commitment: declared by P or known on the territory (its provenance).

    An edge with no provenance (a structural graph not built by
    :func:`~graph_service.domain.network.project_network`) is a tie.
    """
    provenance = data.get("provenance")
    if provenance is None:
        return "commitment" not in data or bool(data.get("declared"))
    return "declared" in provenance or "known" in provenance


def declared_by_project(data: dict[str, Any]) -> bool:
    """A tie the application itself declares (provenance ``declared``), not only known."""
    provenance = data.get("provenance")
    if provenance is None:
        return bool(data.get("declared", True))
    return "declared" in provenance


def partners_graph(graph: nx.Graph, lead: str | None = None) -> nx.Graph:
    """The **between partners** view: the partners of N(P) (the lead left out) and the ties
    declared or known between two of them (:func:`is_tie`), node and edge data kept.

    Whether partners work with each other, across sectors, without the lead: the lead's
    commitment edges always cross sectors and must not make a silo look decompartmentalised.
    """
    lead = lead if lead is not None else lead_of(graph)
    kept = nx.Graph(lead=None)
    kept.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if n != lead)
    kept.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if lead not in (u, v) and is_tie(d))
    return kept


def share(part: int, whole: int) -> float | None:
    """``part / whole`` as a float, ``None`` when ``whole`` is 0."""
    return part / whole if whole else None
