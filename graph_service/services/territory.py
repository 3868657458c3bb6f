"""Territory-wide metrics of a stored territory's ecosystem.

:func:`territory_metrics` reads the ecosystem (the territory and everything under it) from the
store and measures it with :mod:`queries.territory`. Raises
:class:`~graph_service.domain.errors.NotFound` for an unknown territory (from the store).
"""

from __future__ import annotations

from graph_service.domain.network import dataset_graph
from graph_service.stores.protocol import Store
from queries.territory import TerritoryMetrics
from queries.territory import territory_metrics as measure


def territory_metrics(store: Store, code: str, *, with_betweenness: bool = False) -> TerritoryMetrics:
    """Measure every organisation of territory ``code`` and the territory as a whole.

    ``with_betweenness=True`` adds the exact betweenness (seconds to minutes past a few thousand
    organisations, see :func:`queries.territory.territory_metrics`); use ``.to_dict()`` on the
    result for a JSON-ready form.
    """
    return measure(dataset_graph(store.territory_ecosystem(code)), with_betweenness=with_betweenness)


__all__ = ["territory_metrics"]
