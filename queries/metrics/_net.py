"""N(P) and its graph of working ties, read once per report.

Half the metrics read the **working** view of N(P) (DESIGN.md: formal commitments, declared and
known ties); building that graph for each of them would cost more than most of them. A
:class:`Net` holds N(P) and its working graph; every metric takes either N(P) itself or its
:class:`Net`, and :func:`compute_metrics` builds one :class:`Net` per report. A :class:`Net`
reads the graph as it is when built: build another after changing the graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from queries.metrics._common import lead_of, partners_graph, working_graph


@dataclass(frozen=True)
class Net:
    """One N(P) and the views its metrics read.

    Attributes
    ----------
    graph
        N(P), every edge: the **structure** view.
    working
        :func:`~queries.metrics._common.working_graph` of ``graph``: the **working** view.
    lead
        The lead's id, ``None`` when the graph names no lead or lacks it.
    partners
        :func:`~queries.metrics._common.partners_graph` of ``graph``: the **between partners**
        view (the partners, and the declared or known ties between two of them).
    """

    graph: nx.Graph
    working: nx.Graph
    lead: str | None
    partners: nx.Graph


def as_net(graph: nx.Graph | Net) -> Net:
    """The :class:`Net` of ``graph``: itself when already read, else a new reading."""
    if isinstance(graph, Net):
        return graph
    lead = lead_of(graph)
    return Net(graph=graph, working=working_graph(graph), lead=lead, partners=partners_graph(graph, lead))


def structure(graph: nx.Graph | Net) -> nx.Graph:
    """N(P) itself, whether given as a graph or as its :class:`Net`."""
    return graph.graph if isinstance(graph, Net) else graph
