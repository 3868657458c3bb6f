"""What every schema family shares."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")


def changes(update: BaseModel) -> dict[str, Any]:
    """The fields a PATCH body actually sets, as JSON values."""
    return update.model_dump(mode="json", exclude_unset=True)


__all__ = ["Schema", "changes"]
