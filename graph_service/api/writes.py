"""Writes through the API: validated like an import, stored atomically, audited, caches emptied."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from graph_service.auth import Principal
from graph_service.domain.errors import Conflict
from graph_service.domain.models import Dataset
from graph_service.domain.validation import KnownIds, build_dataset, json_locator
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


def validated(services: Services, table: str, document: dict[str, Any], known: KnownIds | None = None) -> Any:
    """Validate one entity against the store's ids (or ``known``); raise InvalidInput with every error."""
    known = services.store.known_ids() if known is None else known
    dataset = build_dataset({table: [document]}, json_locator(REQUEST_FILE), known)
    return getattr(dataset, table)[0]


def refuse_existing(exists: bool, what: str, key: str) -> None:
    if exists:
        raise Conflict(f"{what} « {key} » existe déjà", message_en=f"{key!r} already exists")


def save(services: Services, principal: Principal, table: str, entity: M, before: M | None) -> M:
    """Record the write in the audit log, store the entity and forget cached results."""
    key = str(getattr(entity, "key", None) or getattr(entity, "code", None) or getattr(entity, "id", ""))
    with services.audit.recorded(
        principal,
        "create" if before is None else "update",
        ENTITY_NAMES[table],
        key,
        before=None if before is None else before.model_dump(mode="json"),
        after=entity.model_dump(mode="json"),
    ):
        services.store.upsert_dataset(Dataset(**{table: [entity]}))
    services.cache.bump()
    return entity


def remove(
    services: Services,
    principal: Principal,
    table: str,
    key: str,
    before: BaseModel,
    delete: Callable[[str], None],
) -> None:
    """Record the deletion in the audit log, delete through the store and forget cached results."""
    with services.audit.recorded(
        principal, "delete", ENTITY_NAMES[table], key, before=before.model_dump(mode="json")
    ):
        delete(key)
    services.cache.bump()


def merged(before: BaseModel, update: dict[str, Any]) -> dict[str, Any]:
    """The entity's document with the fields of a PATCH body replaced."""
    return {**before.model_dump(mode="json"), **update}


__all__ = ["merged", "refuse_existing", "remove", "save", "validated"]
