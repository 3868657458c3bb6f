"""Scheme articulation: does the project work with the local schemes instead of duplicating them?

The call asks projects to articulate with existing schemes (CEJ, PLIE, E2C…). Provan & Milward
(2001) count the *absence of service duplication* among a network's effectiveness criteria; here
the schemes a project declares are compared with those active on its territories.

References
----------
.. [1] Provan, K. G. and Milward, H. B. (2001). "Do networks really work?". *Public
   Administration Review* 61(4), 414–423. doi:10.1111/0033-3352.00045
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph_service.domain.models import Scheme
from queries.metrics._common import EMPTY_CONTEXT, Evidence, Measure, ProjectContext, attr_list, share
from queries.metrics._net import Net, structure


def project_stages(graph: nx.Graph | Net) -> set[str]:
    """Every stage some member does in the project."""
    graph = structure(graph)
    return {stage for n in graph for stage in attr_list(graph, n, "stages")}


def active_schemes(graph: nx.Graph | Net, context: ProjectContext = EMPTY_CONTEXT) -> list[Scheme]:
    """Schemes of the context whose territories meet the project's (equal or nested).

    A scheme the project declares counts as active even when its territories are not known.
    """
    graph = structure(graph)
    declared = set(graph.graph.get("schemes") or ())
    reach = context.footprint(graph.graph.get("territories") or ())
    # context.overlap(territories, codes) is not empty exactly when a code is in the footprint.
    return [
        scheme
        for scheme in context.schemes
        if scheme.id in declared or any(code in reach for code in scheme.territories)
    ]


def articulated_schemes(graph: nx.Graph | Net) -> Measure:
    r"""The schemes the project declares it articulates with (graph attribute ``schemes``).

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the graph's ``schemes``.

    Returns
    -------
    Measure
        Value: sorted list of scheme ids, ``[]`` when none. Evidence nodes: those ids, and the
        members operating them are not needed (a scheme id is its own evidence).

    Examples
    --------
    >>> articulated_schemes(nx.Graph(schemes=["plie-mel", "cej-roubaix"])).value
    ['cej-roubaix', 'plie-mel']
    """
    declared = sorted(structure(graph).graph.get("schemes") or ())
    return Measure(declared, Evidence(nodes=tuple(declared)))


def scheme_articulation_share(graph: nx.Graph | Net, context: ProjectContext = EMPTY_CONTEXT) -> Measure:
    r"""Share of the schemes active on the project's territories that the project articulates with.

    .. math:: \frac{|D \cap A|}{|A|}

    with :math:`A` the active schemes (:func:`active_schemes`) and :math:`D` the declared ones.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the graph's ``schemes`` and ``territories``.
    context : ProjectContext
        The schemes known on the territory and the territory tree.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when no scheme is active on the territories. ``detail`` lists
        ``articulated`` and ``not_articulated`` scheme ids.

    References
    ----------
    Provan & Milward (2001) [1]_ (the module's references).
    """
    graph = structure(graph)
    declared = set(graph.graph.get("schemes") or ())
    active = [s.id for s in active_schemes(graph, context)]
    articulated = [s for s in active if s in declared]
    return Measure(
        share(len(articulated), len(active)),
        Evidence(nodes=tuple(active)),
        {"articulated": articulated, "not_articulated": [s for s in active if s not in declared]},
    )


def missing_key_schemes(
    graph: nx.Graph | Net, context: ProjectContext = EMPTY_CONTEXT, key_kinds: Iterable[str] = ()
) -> Measure:
    r"""Key schemes active on the territory that the project does not articulate with.

    ``key_kinds`` are the scheme kinds the call expects (configuration, e.g. ``cej``, ``plie``).
    For each key kind with at least one active scheme on the project's territories, the kind is
    missing when the project declares none of them; every active scheme of a missing kind is
    listed. A kind with no scheme on the territory cannot be missed.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the graph's ``schemes`` and ``territories``.
    context : ProjectContext
        The schemes known on the territory and the territory tree.
    key_kinds : iterable of str
        The scheme kinds the call expects.

    Returns
    -------
    Measure
        Value: sorted list of scheme ids, ``[]`` when nothing is missing or no key kind is
        configured. ``detail['kinds']`` lists the missing kinds.
    """
    graph = structure(graph)
    declared = set(graph.graph.get("schemes") or ())
    by_kind: dict[str, list[str]] = {}
    for scheme in active_schemes(graph, context):
        by_kind.setdefault(scheme.kind.value, []).append(scheme.id)
    missing_kinds = [
        kind for kind in dict.fromkeys(key_kinds) if by_kind.get(kind) and not declared & set(by_kind[kind])
    ]
    missing = sorted(s for kind in missing_kinds for s in by_kind[kind])
    return Measure(missing, Evidence(nodes=tuple(missing)), {"kinds": missing_kinds})
