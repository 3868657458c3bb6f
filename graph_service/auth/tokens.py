"""Bearer tokens: random, shown once, kept only as a SHA-256 hash, with an expiry, revocable.

A token is 256 random bits, so a plain SHA-256 is enough to keep it (a slow password hash only
helps against guessable secrets); the lookup is by hash, in constant time for the caller.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel

from graph_service.auth.database import AuthDatabase
from graph_service.auth.principal import Principal, Role
from graph_service.domain.errors import DomainError, NotFound
from graph_service.domain.vocabulary import TerritoryLevel
from graph_service.stores.protocol import Store

PREFIX = "pg_"
DEFAULT_DAYS = 90


class InvalidToken(DomainError):
    code = "invalid_token"
    status_code = 401


class TokenRecord(BaseModel):
    """What the service keeps of a token: never the secret itself."""

    id: str
    role: Role
    regions: list[str]
    organisation: str | None
    label: str | None
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > now()


class IssuedToken(BaseModel):
    """A token just created: its record and the secret, shown this once."""

    record: TokenRecord
    secret: str


def now() -> datetime:
    return datetime.now(UTC)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _record(row: tuple[object, ...]) -> TokenRecord:
    id_, role, regions, organisation, label, created, expires, revoked = row
    return TokenRecord(
        id=str(id_),
        role=Role(str(role)),
        regions=json.loads(str(regions)),
        organisation=organisation if isinstance(organisation, str) else None,
        label=label if isinstance(label, str) else None,
        created_at=datetime.fromisoformat(str(created)),
        expires_at=datetime.fromisoformat(str(expires)),
        revoked_at=datetime.fromisoformat(revoked) if isinstance(revoked, str) else None,
    )


def check_scope(store: Store, role: Role, regions: list[str], organisation: str | None) -> None:
    """Refuse régions that are not régions of the store, or an unknown organisation."""
    for code in regions:
        territory = store.get_territory(code)
        if territory is None or territory.level is not TerritoryLevel.REGION:
            raise DomainError(
                f"région « {code} » inconnue : chargez d'abord les territoires",
                message_en=f"unknown région {code!r}",
            )
    if organisation is not None and store.get_organisation(organisation) is None:
        raise DomainError(
            f"organisation « {organisation} » inconnue", message_en=f"unknown organisation {organisation!r}"
        )


class LastAdminToken(DomainError):
    code = "last_admin_token"
    status_code = 409


def _refuse_last_admin(connection: sqlite3.Connection, token_id: str) -> None:
    """Raise :class:`LastAdminToken` if ``token_id`` is the only active admin token."""
    active = "role = 'admin' AND revoked_at IS NULL AND expires_at > ?"
    at = now().isoformat()
    target = connection.execute(f"SELECT 1 FROM tokens WHERE id = ? AND {active}", (token_id, at)).fetchone()
    if target is None:
        return
    (others,) = connection.execute(
        f"SELECT count(*) FROM tokens WHERE id != ? AND {active}", (token_id, at)
    ).fetchone()
    if others == 0:
        raise LastAdminToken(
            f"le jeton « {token_id} » est le dernier jeton administrateur actif : créez-en un autre "
            "avant de le révoquer",
            message_en=f"{token_id!r} is the last active admin token: create another one first",
        )


_COLUMNS = "id, role, regions, organisation, label, created_at, expires_at, revoked_at"


class TokenRegistry:
    """Create, check, list and revoke tokens."""

    def __init__(self, database: AuthDatabase) -> None:
        self.database = database

    def create(
        self,
        role: Role,
        *,
        regions: list[str] | None = None,
        organisation: str | None = None,
        days: float = DEFAULT_DAYS,
        label: str | None = None,
    ) -> IssuedToken:
        """Issue a token; a reviewer needs at least one région, a lead its organisation."""
        regions = list(dict.fromkeys(regions or []))
        if role is Role.REVIEWER and not regions:
            raise DomainError(
                "un jeton « reviewer » doit nommer au moins une région (--region CODE)",
                message_en="a reviewer token needs at least one région",
            )
        if role is Role.LEAD and not organisation:
            raise DomainError(
                "un jeton « lead » doit nommer son organisation (--organisation ID)",
                message_en="a lead token needs its organisation",
            )
        if role is not Role.REVIEWER and regions:
            raise DomainError(
                "seul un jeton « reviewer » porte des régions", message_en="only reviewers have régions"
            )
        if role is not Role.LEAD and organisation:
            raise DomainError(
                "seul un jeton « lead » porte une organisation",
                message_en="only leads have an organisation",
            )
        if days <= 0:
            raise DomainError("la durée de validité doit être positive", message_en="expiry must be positive")
        secret = PREFIX + secrets.token_urlsafe(32)
        created = now()
        expires = created + timedelta(days=days)
        token_id = "tok_" + secrets.token_hex(6)
        with self.database.transaction() as connection:
            connection.execute(
                f"INSERT INTO tokens ({_COLUMNS}, hash) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                (
                    token_id,
                    role.value,
                    json.dumps(regions),
                    organisation,
                    label,
                    created.isoformat(),
                    expires.isoformat(),
                    _hash(secret),
                ),
            )
        return IssuedToken(record=self.get(token_id), secret=secret)

    def get(self, token_id: str) -> TokenRecord:
        row = (
            self.database.connection()
            .execute(f"SELECT {_COLUMNS} FROM tokens WHERE id = ?", (token_id,))
            .fetchone()
        )
        if row is None:
            raise NotFound(f"jeton « {token_id} » introuvable", message_en=f"token {token_id!r} not found")
        return _record(row)

    def authenticate(self, secret: str) -> Principal:
        """Return the principal of an active token; raise InvalidToken otherwise."""
        row = (
            self.database.connection()
            .execute(f"SELECT {_COLUMNS} FROM tokens WHERE hash = ?", (_hash(secret),))
            .fetchone()
        )
        if row is None:
            raise InvalidToken("jeton inconnu", message_en="unknown token")
        record = _record(row)
        if record.revoked_at is not None:
            raise InvalidToken("jeton révoqué", message_en="revoked token")
        if record.expires_at <= now():
            raise InvalidToken("jeton expiré", message_en="expired token")
        return Principal(
            token_id=record.id,
            role=record.role,
            regions=tuple(record.regions),
            organisation=record.organisation,
            label=record.label,
        )

    def list(self) -> list[TokenRecord]:
        rows = (
            self.database.connection()
            .execute(f"SELECT {_COLUMNS} FROM tokens ORDER BY created_at")
            .fetchall()
        )
        return [_record(row) for row in rows]

    def revoke(self, token_id: str) -> TokenRecord:
        """Revoke a token (idempotent: revoking twice keeps the first date).

        The last active admin token is never revoked: nobody could then manage the service
        through the API. The count is read inside the write transaction, so two revocations at
        once cannot both pass it.
        """
        with self.database.transaction() as connection:
            _refuse_last_admin(connection, token_id)
            cursor = connection.execute(
                "UPDATE tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
                (now().isoformat(), token_id),
            )
            if cursor.rowcount == 0:
                raise NotFound(
                    f"jeton « {token_id} » introuvable", message_en=f"token {token_id!r} not found"
                )
        return self.get(token_id)


__all__ = [
    "DEFAULT_DAYS",
    "InvalidToken",
    "IssuedToken",
    "LastAdminToken",
    "TokenRecord",
    "TokenRegistry",
    "check_scope",
]
