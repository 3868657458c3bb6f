"""The small SQLite file that keeps tokens and the audit log, whatever store holds the graph.

Tokens and the audit trail are the service's own records, not part of the partnership graph: they
live beside the data (``PARTNERSHIP_GRAPH_AUTH_DB``) so that both stores share one implementation.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph_service.domain.errors import StoreUnavailable

SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, regions TEXT NOT NULL,
    organisation TEXT, label TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
    revoked_at TEXT);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
    action TEXT NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL, before TEXT, after TEXT);
CREATE INDEX IF NOT EXISTS audit_entity ON audit(entity, key);
"""


class AuthDatabase:
    """One SQLite file, one connection per thread (the API answers from a thread pool)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        try:
            self.connection().executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(
                f"base des jetons illisible « {self.path} » : {exc}",
                message_en=f"cannot open the token database {self.path}: {exc}",
            ) from exc

    def connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            if not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA busy_timeout=10000")
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self.connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        else:
            connection.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()


__all__ = ["AuthDatabase"]
