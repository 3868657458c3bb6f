"""Writes through the API: validated like an import, stored atomically, audited, caches emptied."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from graph_service.auth import Principal
from graph_service.domain.errors import Conflict
from graph_service.domain.models import Dataset
from graph_service.domain.validation import build_dataset, json_locator
from graph_service.services.state import Services

M = TypeVar("M", bound=BaseModel)

ENTITY_NAMES = {
    "territories": "territory",
    "organisations": "organisation",
    "schemes": "scheme",
    "projects": "project",
    "ties": "tie",
}
REQUEST_FILE = "requête"


def validated(services: Services, table: str, document: dict[str, Any]) -> Any:
    """Validate one entity against the store's ids; raise InvalidInput with every error."""
    dataset = build_dataset({table: [document]}, json_locator(REQUEST_FILE), services.store.known_ids())
    return getattr(dataset, table)[0]


def refuse_existing(exists: bool, what: str, key: str) -> None:
    if exists:
        raise Conflict(f"{what} « {key} » existe déjà", message_en=f"{key!r} already exists")


def save(services: Services, principal: Principal, table: str, entity: M, before: M | None) -> M:
    """Store one entity, record the write in the audit log and forget cached results."""
    services.store.upsert_dataset(Dataset(**{table: [entity]}))
    services.cache.bump()
    key = str(getattr(entity, "key", None) or getattr(entity, "code", None) or getattr(entity, "id", ""))
    services.audit.record(
        principal,
        "create" if before is None else "update",
        ENTITY_NAMES[table],
        key,
        before=None if before is None else before.model_dump(mode="json"),
        after=entity.model_dump(mode="json"),
    )
    return entity


def remove(
    services: Services,
    principal: Principal,
    table: str,
    key: str,
    before: BaseModel,
    delete: Callable[[str], None],
) -> None:
    """Delete one entity through the store, then audit and forget cached results."""
    delete(key)
    services.cache.bump()
    services.audit.record(
        principal, "delete", ENTITY_NAMES[table], key, before=before.model_dump(mode="json")
    )


def merged(before: BaseModel, update: dict[str, Any]) -> dict[str, Any]:
    """The entity's document with the fields of a PATCH body replaced."""
    return {**before.model_dump(mode="json"), **update}


__all__ = ["merged", "refuse_existing", "remove", "save", "validated"]
