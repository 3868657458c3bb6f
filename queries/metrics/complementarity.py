"""Complementarity: does the partnership cover the pathway, the barriers, the publics, the territory?

Provan & Milward (2001) judge a network by the *range of services* it brings together; these
measures count that range on N(P) (stages, barriers, publics, communes, sectors) and how distinct
the members' contributions are.

References
----------
.. [1] Provan, K. G. and Milward, H. B. (2001). "Do networks really work? A framework for
   evaluating public-sector organizational networks". *Public Administration Review* 61(4),
   414–423. doi:10.1111/0033-3352.00045
.. [2] Blau, P. M. (1977). *Inequality and Heterogeneity: A Primitive Theory of Social
   Structure*. New York: Free Press.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain, repeat
from operator import sub

import networkx as nx

from graph_service.domain.vocabulary import Barrier, Stage
from queries.metrics._common import (
    EMPTY_CONTEXT,
    PAIR_DISTANCE,
    Measure,
    ProjectContext,
    pairwise_similarity,
    share,
)
from queries.metrics._net import Net, as_net

ALL_STAGES = tuple(s.value for s in Stage)
ALL_BARRIERS = tuple(b.value for b in Barrier)


def _coverage(net: Net, attribute: str, required: Iterable[str]) -> Measure:
    wanted = list(dict.fromkeys(required))
    # The members listing each item (once per listing), as a scan of every member would find them.
    holders = net.holders(attribute)
    providers: dict[str, list[str]] = {item: list(holders.get(item, ())) for item in wanted}
    covered = [item for item in wanted if providers[item]]
    missing = [item for item in wanted if not providers[item]]
    return Measure(
        share(len(covered), len(wanted)),
        net.evidence(nodes=[n for item in covered for n in providers[item]]),
        {"covered": covered, "missing": missing, "providers": {k: v for k, v in providers.items() if v}},
    )


def stage_coverage(graph: nx.Graph | Net, required: Iterable[str] = ALL_STAGES) -> Measure:
    r"""Share of the required pathway stages done by at least one member.

    .. math:: \mathrm{stage\_coverage} = \frac{|\{s \in R : \exists m \in N(P),\ s \in S_m\}|}{|R|}

    where :math:`R` is the set of required stages (configuration; all six by default) and
    :math:`S_m` the stages member :math:`m` does in this project (node attribute ``stages``).
    The "range of services" of Provan & Milward (2001), counted on the pathway.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when no stage is required. ``detail`` lists ``covered``,
        ``missing`` and the ``providers`` of each stage; evidence nodes are the providers. A member
        without ``stages`` covers nothing.
    """
    return _coverage(as_net(graph), "stages", required)


def barrier_coverage(graph: nx.Graph | Net, required: Iterable[str] = ALL_BARRIERS) -> Measure:
    r"""Share of the peripheral barriers (*freins périphériques*) some member can lift.

    .. math:: \mathrm{barrier\_coverage} = \frac{|\{b \in B : \exists m,\ b \in B_m\}|}{|B|}

    with :math:`B` the barriers considered (all eight by default) and :math:`B_m` member
    :math:`m`'s ``barriers``. Provan & Milward (2001), range of services.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when no barrier is considered. Same ``detail`` as
        :func:`stage_coverage`.
    """
    return _coverage(as_net(graph), "barriers", required)


def public_coverage(graph: nx.Graph | Net) -> Measure:
    r"""Share of the project's declared target publics that at least one member serves.

    .. math:: \mathrm{public\_coverage} = \frac{|\{p \in P_{proj} : \exists m,\ p \in P_m\}|}{|P_{proj}|}

    :math:`P_{proj}` is the graph attribute ``publics``; :math:`P_m` the member's ``publics``.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when the project declares no public.
    """
    net = as_net(graph)
    return _coverage(net, "publics", net.graph.graph.get("publics") or ())


def territory_coverage(graph: nx.Graph | Net, context: ProjectContext = EMPTY_CONTEXT) -> Measure:
    r"""Share of the project's communes where at least one member works.

    The project's territories are expanded into communes with the context's territory tree (an
    EPCI into its communes). A member covers commune :math:`c` when one of its territories is
    :math:`c` or contains it (an EPCI, a département).

    .. math:: \mathrm{territory\_coverage} = \frac{|\{c \in C_P : \exists m,\ T_m \cap (\{c\} \cup \mathrm{anc}(c)) \neq \emptyset\}|}{|C_P|}

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when the project names no territory. Without a territory tree
        in the context, codes match only when equal.
    """
    net = as_net(graph)
    communes, covers = _covering(context, tuple(net.graph.graph.get("territories") or ()))
    providers: dict[str, list[str]] = {c: [] for c in communes}
    for node, codes in net.attr("territories").items():
        for code in codes:
            for commune in covers.get(code, ()):
                who = providers[commune]
                if not who or who[-1] != node:  # a member covering it through two codes counts once
                    who.append(node)
    covered = [c for c in communes if providers[c]]
    return Measure(
        share(len(covered), len(communes)),
        net.evidence(nodes=[n for c in covered for n in providers[c]]),
        {"covered": covered, "missing": [c for c in communes if not providers[c]]},
    )


def _covering(
    context: ProjectContext, territories: tuple[str, ...]
) -> tuple[list[str], dict[str, list[str]]]:
    """The project's communes, and each code → the communes it covers (itself, or one it contains).

    A commune is covered by itself and by the territories containing it; inverted, a member's
    codes name the communes it covers. Depends on the territory tree alone: kept in the
    context's memo, shared by the applications of a call.
    """
    key = ("covering", territories)
    found = context._memo.get(key)
    if found is None:
        communes = context.communes(territories)
        covers: dict[str, list[str]] = {}
        for commune in communes:
            for code in dict.fromkeys([commune, *context.ancestors(commune)]):
                covers.setdefault(code, []).append(commune)
        found = context._memo[key] = (communes, covers)
    result: tuple[list[str], dict[str, list[str]]] = found
    return result


def unique_contributions(graph: nx.Graph | Net, sets: dict[str, set[str]] | None = None) -> Measure:
    r"""Per member, the capabilities no other member brings.

    A member's capability set :math:`K_m` is its stages, barriers and publics (prefixed
    ``stage:``, ``barrier:``, ``public:``). Its unique contribution is
    :math:`K_m \setminus \bigcup_{n \neq m} K_n` — the complement of *service duplication* in
    Provan & Milward (2001).

    Returns
    -------
    Measure
        Value: ``{member: [items…]}`` for every member (empty list when it brings nothing of its
        own); ``{}`` for an empty graph. Evidence nodes: members with at least one unique item.
    """
    net = as_net(graph)
    if sets is None:
        return _unique_of_masks(net)
    counts = Counter(chain.from_iterable(sets.values()))
    value = {node: sorted(i for i in items if counts[i] == 1) for node, items in sets.items()}
    return Measure(value, net.evidence(nodes=[n for n, items in value.items() if items]))


def _unique_of_masks(net: Net) -> Measure:
    """:func:`unique_contributions` of the members' capabilities, read from their bit masks.

    An item is unique when exactly one mask holds its bit: ``once`` gathers the bits seen,
    ``twice`` those seen again; a member's unique items are its bits in ``once`` and not in
    ``twice``, named and sorted as the reference sorts the item strings.
    """
    vocabulary, masks = net.capability_masks
    once = twice = 0
    for mask in masks:
        twice |= once & mask
        once |= mask
    alone = once & ~twice
    value = {
        node: vocabulary.names(mine) if (mine := mask & alone) else []
        for node, mask in zip(net.nodes, masks, strict=True)
    }
    return Measure(value, net.evidence(nodes=[n for n, items in value.items() if items]))


def mean_capability_distance(
    graph: nx.Graph | Net,
    sets: dict[str, set[str]] | None = None,
    similarities: list[tuple[str, str, float | None]] | None = None,
    values: list[float | None] | None = None,
) -> Measure:
    r"""Mean pairwise Jaccard distance between members' capability sets.

    .. math:: \bar d = \frac{1}{|\Pi|} \sum_{\{m,n\} \in \Pi} \left(1 - \frac{|K_m \cap K_n|}{|K_m \cup K_n|}\right)

    over the set :math:`\Pi` of unordered member pairs whose union is not empty. 1 means members
    bring entirely different things, 0 that they all bring the same.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than two members or when no pair declares anything.
        ``similarities`` (:func:`~queries.metrics._common.pairwise_jaccard`) or ``values``
        (:func:`~queries.metrics._common.pairwise_similarity`) may hand in the pairs' values.
    """
    net = as_net(graph)
    if values is None:
        if similarities is not None:
            values = [similarity for _, _, similarity in similarities]
        elif sets is not None:
            values = pairwise_similarity(sets)
        else:
            keys = net.pair_keys
            if keys is not None and 0 not in keys:  # key 0: two members bringing nothing
                # The same distances (1.0 - value, one float per distinct key), added in order.
                mean = sum(map(PAIR_DISTANCE.__getitem__, keys)) / len(keys) if keys else None
                return Measure(mean, net.evidence(nodes=net.nodes), {"pairs": len(keys)})
            values = net.similarities
    if None in values:
        distances = [1.0 - similarity for similarity in values if similarity is not None]
    else:  # the same subtractions, mapped in C
        distances = list(map(sub, repeat(1.0), values))
    value = sum(distances) / len(distances) if distances else None
    return Measure(value, net.evidence(nodes=net.nodes), {"pairs": len(distances)})


def blau_index(groups: Iterable[str | None]) -> float | None:
    r"""Blau's (1977) heterogeneity index :math:`1 - \sum_k p_k^2` of a list of group labels.

    ``None`` labels (missing attribute) are left out; ``None`` when nothing is left.

    Examples
    --------
    >>> blau_index(["a", "a", "b", "b"])
    0.5
    >>> blau_index(["a", "a"])
    0.0
    """
    known = [g for g in groups if g is not None]
    if not known:
        return None
    total = len(known)
    return 1.0 - sum((count / total) ** 2 for count in Counter(known).values())


def sector_diversity(graph: nx.Graph | Net) -> Measure:
    r"""Blau index of the members' sectors, lead included.

    .. math:: \mathrm{sector\_diversity} = 1 - \sum_k p_k^2

    where :math:`p_k` is the share of members in sector :math:`k` (Blau 1977). 0 for a single-sector
    partnership (a silo); at most :math:`1 - 1/K` with :math:`K` sectors.

    Returns
    -------
    Measure
        Value in [0, 1); 0.0 for one member; ``None`` for an empty graph or when no member has a
        sector. ``detail['sectors']`` counts members per sector.
    """
    net = as_net(graph)
    sectors = net.sector
    counts = Counter(s for s in sectors.values() if s is not None)
    # blau_index(sectors.values()) on these counts: the same shares, summed in the same order.
    total = counts.total()
    value = 1.0 - sum((count / total) ** 2 for count in counts.values()) if total else None
    return Measure(
        value,
        net.evidence(nodes=[n for n, s in sectors.items() if s is not None]),
        {"sectors": dict(sorted(counts.items()))},
    )


__all__ = [
    "ALL_BARRIERS",
    "ALL_STAGES",
    "barrier_coverage",
    "blau_index",
    "mean_capability_distance",
    "public_coverage",
    "sector_diversity",
    "stage_coverage",
    "territory_coverage",
    "unique_contributions",
]
