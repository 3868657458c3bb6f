"""The composition root: the one place that chooses and opens a store."""

from __future__ import annotations

from graph_service.settings import Settings, StoreKind
from graph_service.stores.protocol import Store


def open_store(settings: Settings) -> Store:
    """Open the store the settings choose; the caller closes it."""
    if settings.store is StoreKind.NEO4J:
        from graph_service.stores.neo4j import Neo4jStore

        return Neo4jStore.connect(settings)
    from graph_service.stores.sqlite import SQLiteStore

    return SQLiteStore(settings.db_path)


__all__ = ["open_store"]
