"""Exports of a dataset: GraphML and GEXF, which Gephi opens (JSON is in ``json_loader``)."""

from __future__ import annotations

import io

import networkx as nx

from graph_service.domain.models import Dataset
from graph_service.domain.network import dataset_graph


def _flat(graph: nx.Graph) -> nx.Graph:
    """Return a copy whose attributes GraphML and GEXF can hold: lists joined by ``|``, no None."""

    def flatten(attributes: dict[str, object]) -> dict[str, object]:
        flat: dict[str, object] = {}
        for key, value in attributes.items():
            if value is None:
                continue
            if isinstance(value, list | tuple | set):
                flat[key] = "|".join(str(v) for v in value)
            else:
                flat[key] = value
        return flat

    copy = nx.Graph()
    copy.add_nodes_from((node, flatten(data)) for node, data in graph.nodes(data=True))
    copy.add_edges_from((u, v, flatten(data)) for u, v, data in graph.edges(data=True))
    # Gephi shows "label" as the node's name.
    for node, data in copy.nodes(data=True):
        data["label"] = data.get("name", node)
    return copy


def to_graphml(dataset: Dataset) -> bytes:
    """The organisations, schemes and ties of a dataset as GraphML."""
    buffer = io.BytesIO()
    nx.write_graphml(_flat(dataset_graph(dataset)), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(dataset: Dataset) -> bytes:
    """The organisations, schemes and ties of a dataset as GEXF 1.2."""
    buffer = io.BytesIO()
    nx.write_gexf(_flat(dataset_graph(dataset)), buffer, encoding="utf-8")
    return buffer.getvalue()


__all__ = ["to_gexf", "to_graphml"]
