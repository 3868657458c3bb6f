"""Exports of the whole store in the formats people open."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from graph_service.api.deps import AdminDep, ServicesDep
from graph_service.services.exports import FILE_NAMES, MEDIA_TYPES, ExportFormat, export_bytes

router = APIRouter(prefix="/exports", tags=["exports"])


@router.get(
    "",
    response_class=Response,
    responses={
        200: {
            "description": "Le fichier exporté",
            "content": {
                media: {"schema": {"type": "object"} if media == "application/json" else {"type": "string"}}
                for media in MEDIA_TYPES.values()
            },
        }
    },
)
def export_store(
    services: ServicesDep, principal: AdminDep, format: Annotated[ExportFormat, Query()] = ExportFormat.JSON
) -> Response:
    """Export the whole store: canonical JSON, GraphML, GEXF or a zip of CSV files."""
    body = export_bytes(services.store.export_dataset(), format)
    return Response(
        content=body,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{FILE_NAMES[format]}"'},
    )
