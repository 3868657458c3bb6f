"""The audit log: every write, who made it, when, on what, and the entity before and after."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from graph_service.auth.database import AuthDatabase
from graph_service.auth.principal import Principal
from graph_service.auth.tokens import now


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
    ) -> None:
        with self.database.transaction() as connection:
            connection.execute(
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
