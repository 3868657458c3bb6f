"""Tie schemas; a tie is named by its key ``source|target|kind|project``."""

from __future__ import annotations

from pydantic import Field

from graph_service.api.schemas.common import Schema
from graph_service.domain.models import Identifier
from graph_service.domain.vocabulary import TieKind


class TieBase(Schema):
    source: Identifier
    target: Identifier
    kind: TieKind
    formal: bool = False
    strength: int = Field(default=1, ge=1, le=3)
    project: Identifier | None = None


class TieCreate(TieBase):
    pass


class TieUpdate(Schema):
    formal: bool | None = None
    strength: int | None = Field(default=None, ge=1, le=3)


class TiePublic(TieBase):
    key: str
    source: str
    target: str
    project: str | None = None


class TiesPublic(Schema):
    data: list[TiePublic]
    count: int
