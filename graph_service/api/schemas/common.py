"""What every schema family shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import Response
from pydantic import BaseModel, ConfigDict


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")


def changes(update: BaseModel) -> dict[str, Any]:
    """The fields a PATCH body actually sets, as JSON values."""
    return update.model_dump(mode="json", exclude_unset=True)


def page_response(items: Sequence[BaseModel], count: int) -> Response:
    """A ``{data, count}`` answer serialised straight from domain models.

    The public schema of territories, organisations, schemes and projects is their domain model's
    shape, so the models are written once, without the validate-then-dump round trip FastAPI does
    for a returned object (it doubled the CPU time of a list).
    """
    body = b'{"data":[' + b",".join(item.model_dump_json().encode("utf-8") for item in items)
    return Response(content=body + b'],"count":' + str(count).encode() + b"}", media_type="application/json")


def entity_response(item: BaseModel) -> Response:
    """One domain model as its public JSON (same shape as its ``Public`` schema)."""
    return Response(content=item.model_dump_json(), media_type="application/json")


__all__ = ["Schema", "changes", "entity_response", "page_response"]
