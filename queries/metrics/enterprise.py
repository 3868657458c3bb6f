"""Enterprise downstream: does the pathway end somewhere, with enterprises formally on board?

The call asks projects to reach enterprises (SMEs, *entreprises adaptées*, work-integration
enterprises…) so that re-engaged people have somewhere to go: the exit stages are ``formation``
and ``emploi``.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph_service.domain.vocabulary import EXIT_STAGES, Sector
from queries.metrics._common import Measure, share
from queries.metrics._net import Net, as_net

EXIT = tuple(sorted(s.value for s in EXIT_STAGES))
ENTERPRISE = Sector.ENTERPRISE.value


def _enterprises(net: Net) -> list[str]:
    """The enterprise members, in graph order (read once per network: three measures use them)."""
    found = net.memo.get("enterprises")
    if found is None:
        found = net.memo["enterprises"] = [n for n, sector in net.sector.items() if sector == ENTERPRISE]
    return list(found)


def enterprise_count(graph: nx.Graph | Net) -> Measure:
    r"""Number of members in the ``enterprise`` sector (the lead included when it is one).

    Returns
    -------
    Measure
        Integer ≥ 0; evidence: the enterprises.
    """
    net = as_net(graph)
    found = _enterprises(net)
    return Measure(len(found), net.evidence(found))


def enterprises_by_subtype(graph: nx.Graph | Net) -> Measure:
    r"""Enterprise members counted by subtype (``sme``, ``entreprise_adaptee``, ``siae``…).

    Returns
    -------
    Measure
        ``{subtype: count}`` sorted by subtype; an enterprise without subtype counts under
        ``"unknown"``; ``{}`` when there is no enterprise.
    """
    net = as_net(graph)
    found = _enterprises(net)
    counts = Counter(str(net.node[n].get("subtype") or "unknown") for n in found)
    return Measure(dict(sorted(counts.items())), net.evidence(found))


def enterprise_formal_share(graph: nx.Graph | Net) -> Measure:
    r"""Share of enterprise partners whose commitment to the project is formal.

    .. math:: \frac{|\{e \in \mathrm{Ent} : \mathrm{commitment}(e) \in \{\text{convention},
       \text{lettre\_engagement}, \text{cofinancement}\}\}|}{|\mathrm{Ent}|}

    The lead is left out (it has no commitment to itself).

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when no partner is an enterprise.
    """
    net = as_net(graph)
    lead = net.lead
    found = [n for n in _enterprises(net) if n != lead]
    formal = [n for n in found if net.node[n].get("formal")]
    edges = [(lead, n) for n in formal if lead is not None and n in net.adj[lead]]
    return Measure(
        share(len(formal), len(found)),
        net.evidence(formal, edges),
        {"informal": [n for n in found if not net.node[n].get("formal")]},
    )


def exit_stage_coverage(graph: nx.Graph | Net) -> Measure:
    r"""Share of the exit stages (``formation``, ``emploi``) some member does in the project.

    .. math:: \frac{|\{s \in X : \exists m,\ s \in S_m\}|}{|X|}, \quad X = \{\text{formation}, \text{emploi}\}

    Returns
    -------
    Measure
        0, 0.5 or 1; 0.0 for an empty graph. ``detail['missing']`` lists uncovered exit stages.
    """
    net = as_net(graph)
    holders = net.holders("stages")
    # Each member once, even when it lists the stage twice.
    providers = {s: list(dict.fromkeys(holders.get(s, ()))) for s in EXIT}
    covered = [s for s in EXIT if providers[s]]
    return Measure(
        len(covered) / len(EXIT),
        net.evidence([n for s in covered for n in providers[s]]),
        {"covered": covered, "missing": [s for s in EXIT if not providers[s]]},
    )


__all__ = ["enterprise_count", "enterprise_formal_share", "enterprises_by_subtype", "exit_stage_coverage"]
