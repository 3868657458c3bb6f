"""The roles of the service and the principal a bearer token stands for."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Role(StrEnum):
    """``admin`` does everything; ``reviewer`` reads its régions; ``lead`` reads and edits its projects."""

    ADMIN = "admin"
    REVIEWER = "reviewer"
    LEAD = "lead"


class Principal(BaseModel):
    """Who is calling: the token's id (never the secret), role, régions and organisation."""

    model_config = ConfigDict(frozen=True)

    token_id: str
    role: Role
    regions: tuple[str, ...] = Field(default_factory=tuple)
    organisation: str | None = None
    label: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def actor(self) -> str:
        """How the audit log names this principal."""
        return f"{self.role.value}:{self.token_id}"


__all__ = ["Principal", "Role"]
