"""The audit log: every write, who made it, when, on what, and the entity before and after.

No write without its record: :meth:`AuditLog.recorded` writes the record first and only then lets
the change through, withdrawing the record when the change fails. The record lives in the token
database and the change in the store (SQLite or Neo4j), two files or two servers that no single
transaction spans; in this order a full disk or an unwritable audit file refuses the change, and
the worst a crash between the two can leave is a record of a change that was not made.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from graph_service.auth.database import AuthDatabase
from graph_service.auth.principal import Principal
from graph_service.auth.tokens import now
from graph_service.domain.errors import StorageFull

log = logging.getLogger(__name__)


class AuditEntry(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    key: str
    before: Any | None
    after: Any | None


class AuditLog:
    """Append-only record of writes, readable by admins."""

    def __init__(self, database: AuthDatabase) -> None:
        self.database = database

    def record(
        self,
        principal: Principal,
        action: str,
        entity: str,
        key: str,
        *,
        before: Any | None = None,
        after: Any | None = None,
    ) -> int:
        """Append one record; return its id. :class:`StorageFull` when the file cannot grow."""
        with self.database.transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO audit (at, actor, action, entity, key, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    now().isoformat(),
                    principal.actor,
                    action,
                    entity,
                    key,
                    None if before is None else json.dumps(before, ensure_ascii=False),
                    None if after is None else json.dumps(after, ensure_ascii=False),
                ),
            )
        return int(cursor.lastrowid or 0)

    @contextmanager
    def recorded(
        self,
        principal: Principal,
        action: str,
        entity: str,
        key: str,
        *,
        before: Any | None = None,
        after: Any | None = None,
    ) -> Iterator[int]:
        """Record a write, then let it be made; withdraw the record if the write fails.

        When the record cannot be written (:class:`StorageFull`, a locked or unreadable file), the
        error leaves before the block runs: the change is refused, not made without its record.
        """
        entry = self.record(principal, action, entity, key, before=before, after=after)
        try:
            yield entry
        except BaseException:
            self._withdraw(entry)
            raise

    def complete(self, entry: int, after: Any) -> None:
        """Replace a record's ``after`` once the write is made (an import's counts), if the file allows.

        The change is made and recorded already; a record left with what was known before the
        write is better than an error answered for a change that happened.
        """
        try:
            with self.database.transaction() as connection:
                connection.execute(
                    "UPDATE audit SET after = ? WHERE id = ?", (json.dumps(after, ensure_ascii=False), entry)
                )
        except Exception:
            log.warning("audit : enregistrement %s non complété", entry, exc_info=True)

    def _withdraw(self, entry: int) -> None:
        try:
            with self.database.transaction() as connection:
                connection.execute("DELETE FROM audit WHERE id = ?", (entry,))
        except (sqlite3.Error, StorageFull):
            log.warning("audit : l'enregistrement %s d'une écriture échouée reste", entry, exc_info=True)

    def entries(
        self, *, entity: str | None = None, key: str | None = None, offset: int = 0, limit: int = 100
    ) -> tuple[list[AuditEntry], int]:
        """Return a page of entries, newest first, and how many match."""
        where, params = [], []
        if entity is not None:
            where.append("entity = ?")
            params.append(entity)
        if key is not None:
            where.append("key = ?")
            params.append(key)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        connection = self.database.connection()
        count = connection.execute(f"SELECT count(*) FROM audit{clause}", params).fetchone()[0]
        rows = connection.execute(
            f"SELECT id, at, actor, action, entity, key, before, after FROM audit{clause} "
            "ORDER BY id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        entries = [
            AuditEntry(
                id=row[0],
                at=datetime.fromisoformat(row[1]),
                actor=row[2],
                action=row[3],
                entity=row[4],
                key=row[5],
                before=None if row[6] is None else json.loads(row[6]),
                after=None if row[7] is None else json.loads(row[7]),
            )
            for row in rows
        ]
        return entries, int(count)


__all__ = ["AuditEntry", "AuditLog"]
