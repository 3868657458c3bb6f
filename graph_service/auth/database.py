"""The small SQLite file that keeps tokens and the audit log, whatever store holds the graph.

Tokens and the audit trail are the service's own records, not part of the partnership graph: they
live beside the data (``PARTNERSHIP_GRAPH_AUTH_DB``) so that both stores share one implementation.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from graph_service.domain.errors import StoreUnavailable
from graph_service.sqlite_connections import SQLiteConnections, is_full, storage_full

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


class AuthDatabase(SQLiteConnections):
    """One SQLite file of its own for tokens and the audit log."""

    def __init__(self, path: str | Path, pragmas: Sequence[str] = ()) -> None:
        super().__init__(path, pragmas)
        try:
            self.connection().executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            if is_full(exc):
                raise storage_full(self.path, exc) from exc
            raise StoreUnavailable(
                f"base des jetons illisible « {self.path} » : {exc}",
                message_en=f"cannot open the token database {self.path}: {exc}",
            ) from exc


__all__ = ["AuthDatabase"]
