"""The Neo4j store passes the store contract, against the real Neo4j of the test session."""

from __future__ import annotations

import pytest

from graph_service.stores.neo4j import Neo4jStore
from tests.stores.contract import StoreContract


class TestNeo4jContract(StoreContract):
    @pytest.fixture
    def store(self, neo4j_store: Neo4jStore) -> Neo4jStore:
        # Empty at the start of each test; the session closes the one driver at the end.
        return neo4j_store
