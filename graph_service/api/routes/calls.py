"""Calls for projects: the comparison of their applications, for reviewers and admins."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from graph_service.api.deps import ServicesDep, VisibilityDep
from graph_service.api.errors import Forbidden
from graph_service.auth import Role
from graph_service.auth.visibility import scope_key
from graph_service.services.analysis import compare_call, visible_comparison
from queries.comparison import SORT_KEYS, Comparison, to_csv, to_xlsx

router = APIRouter(prefix="/calls", tags=["analyses"])


class ComparisonFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


MEDIA_TYPES = {
    ComparisonFormat.JSON: "application/json",
    ComparisonFormat.CSV: "text/csv; charset=utf-8",
    ComparisonFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

SORT_HELP = "Colonne de tri (défaut : strength) : " + ", ".join(sorted(SORT_KEYS))


@router.get(
    "/{call}/comparison",
    response_class=Response,
    responses={
        200: {
            "model": Comparison,
            "description": "Une ligne par candidature, et les chevauchements",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                MEDIA_TYPES[ComparisonFormat.XLSX]: {"schema": {"type": "string", "format": "binary"}},
            },
        },
        403: {"description": "Réservé aux instructeurs et administrateurs"},
    },
)
def compare_applications(
    services: ServicesDep,
    visibility: VisibilityDep,
    call: str,
    format: Annotated[ComparisonFormat, Query()] = ComparisonFormat.JSON,
    sort: Annotated[str, Query(max_length=50, description=SORT_HELP)] = "strength",
    descending: Annotated[bool | None, Query()] = None,
    lang: Annotated[Literal["fr", "en"], Query()] = "fr",
) -> Response:
    """Compare the applications of a call: scores, verdict, flags, overlaps (reviewers, admins)."""
    if visibility.principal.role is Role.LEAD:
        raise Forbidden(
            "la comparaison des candidatures est réservée aux instructeurs",
            message_en="comparisons are for reviewers and admins",
        )

    def compute() -> bytes:
        found = compare_call(
            services.store,
            call,
            sort=sort,
            descending=descending,
            lang=lang,
            contexts=services.contexts,
            pool=services.pool,
        )
        comparison = visible_comparison(found, visibility)
        if format is ComparisonFormat.CSV:
            return to_csv(comparison, lang)
        if format is ComparisonFormat.XLSX:
            return to_xlsx(comparison, lang)
        return json.dumps(comparison.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")

    key = ("comparison", call, format, sort, descending, lang, scope_key(visibility))
    body = services.cache.get(key, compute)
    headers = {}
    if format is not ComparisonFormat.JSON:
        headers["Content-Disposition"] = f'attachment; filename="comparaison.{format.value}"'
    return Response(content=body, media_type=MEDIA_TYPES[format], headers=headers)
