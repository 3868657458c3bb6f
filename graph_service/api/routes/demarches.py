"""``POST /imports/demarches``: an admin syncs a démarche from démarches-simplifiées, like a file import."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile, status

from graph_service.api.deps import AdminDep, ServicesDep
from graph_service.api.errors import COMMON_RESPONSES, WRITE_RESPONSES
from graph_service.api.schemas.admin import ImportPublic, TableChangesPublic
from graph_service.services.demarches_sync import (
    client_from_settings,
    deleted_notes,
    read_summary,
    state_path_of,
    sync_demarche,
)
from loaders import check_size
from loaders.demarches_mapping import parse_mapping

router = APIRouter(prefix="/imports", tags=["imports"])

# The platform's answers reach the caller as these (the token stays server-side).
UPSTREAM_RESPONSES: dict[int | str, dict[str, Any]] = {
    502: COMMON_RESPONSES[422] | {"description": "démarches-simplifiées a refusé ou échoué la requête"},
    409: COMMON_RESPONSES[422]
    | {"description": "Jeton de l'API démarches-simplifiées non configuré (DS_API_TOKEN)"},
}


def _read_mapping(upload: UploadFile, limit: int) -> bytes:
    """Read the mapping, refusing it as soon as it passes the limit."""
    data = upload.file.read(limit + 1)
    check_size(len(data), upload.filename or "correspondance", limit)
    return data


@router.post(
    "/demarches",
    response_model=ImportPublic,
    status_code=status.HTTP_201_CREATED,
    responses={**WRITE_RESPONSES, **UPSTREAM_RESPONSES},
)
def import_demarche(
    services: ServicesDep,
    principal: AdminDep,
    demarche: Annotated[int, Form(ge=1, le=2_147_483_647, description="Numéro de la démarche.")],
    mapping: Annotated[UploadFile, File(description="Correspondance TOML de la procédure.")],
) -> ImportPublic:
    """Import the dossiers changed since the last sync, through the server's API token: all or nothing."""
    settings = services.settings
    mapping_bytes = _read_mapping(mapping, settings.max_file_bytes)
    parse_mapping(mapping_bytes)  # a bad mapping is a 422 before anything is asked of the platform
    client = client_from_settings(settings)
    result = sync_demarche(client, services.store, demarche, mapping_bytes, state_path_of(settings))
    summary = result.summary
    assert summary is not None  # not a dry run
    services.cache.bump()
    name = f"démarche {demarche}"
    services.audit.record(
        principal,
        "import",
        "dataset",
        name,
        after={"format": "demarches-simplifiees-api", "tables": summary.model_dump(mode="json")["tables"]},
    )
    since = f"modifiés depuis le {result.since}" if result.since else "première synchronisation"
    return ImportPublic(
        file=name,
        format="demarches-simplifiees-api",
        detected=[
            f"{name} : {read_summary(result.dossiers, result.pages)} ({since})",
            *result.notes,
            *deleted_notes(result),
        ],
        tables={k: TableChangesPublic.model_validate(v.model_dump()) for k, v in summary.tables.items()},
        added=summary.added,
        changed=summary.changed,
        unchanged=summary.unchanged,
    )
