"""Imports over HTTP: the same service as ``partnership-graph import``, all of a file or nothing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile, status

from graph_service.api.deps import AdminDep, ServicesDep
from graph_service.api.errors import WRITE_RESPONSES
from graph_service.api.schemas.admin import ImportPublic, TableChangesPublic
from graph_service.domain.models import TABLES
from graph_service.services.imports import load_upload
from loaders import check_size

router = APIRouter(prefix="/imports", tags=["imports"])

CHUNK = 1024 * 1024


def _read_bounded(upload: UploadFile, limit: int) -> bytes:
    """Read an upload, refusing it as soon as it passes the limit."""
    name = upload.filename or "fichier"
    if upload.size is not None:
        check_size(upload.size, name, limit)
    parts: list[bytes] = []
    size = 0
    while chunk := upload.file.read(CHUNK):
        size += len(chunk)
        check_size(size, name, limit)
        parts.append(chunk)
    return b"".join(parts)


@router.post(
    "",
    response_model=ImportPublic,
    status_code=status.HTTP_201_CREATED,
    responses=WRITE_RESPONSES,
)
def import_file(
    services: ServicesDep,
    principal: AdminDep,
    file: Annotated[
        UploadFile, File(description="Fichier .json, .zip (CSV), .xlsx ou export démarches-simplifiées.")
    ],
    mapping: Annotated[
        UploadFile | None, File(description="Correspondance TOML d'un export démarches-simplifiées.")
    ] = None,
) -> ImportPublic:
    """Import one file: every row error answered at once (422), nothing stored unless all is valid."""
    limit = services.settings.max_file_bytes
    name = file.filename or "fichier"
    data = _read_bounded(file, limit)
    mapping_bytes = _read_bounded(mapping, limit) if mapping is not None else None
    loaded = load_upload(data, name, services.store, limit, mapping_bytes, services.settings.file_limits())
    read = {table: len(getattr(loaded.dataset, table)) for table in TABLES}
    with services.audit.recorded(
        principal, "import", "dataset", name, after={"format": loaded.format, "read": read}
    ) as entry:
        summary = services.store.upsert_dataset(loaded.dataset)
    services.cache.bump()
    services.audit.complete(
        entry, {"format": loaded.format, "tables": summary.model_dump(mode="json")["tables"]}
    )
    return ImportPublic(
        file=name,
        format=loaded.format,
        detected=loaded.detected,
        tables={k: TableChangesPublic.model_validate(v.model_dump()) for k, v in summary.tables.items()},
        added=summary.added,
        changed=summary.changed,
        unchanged=summary.unchanged,
    )
