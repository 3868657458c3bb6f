"""The embedded SQLite store passes the store contract."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_service.stores.sqlite import SQLiteStore
from tests.stores.contract import StoreContract


class TestSQLiteContract(StoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[SQLiteStore]:
        store = SQLiteStore(tmp_path / "x.db")
        yield store
        store.close()
