"""Analyses of one application: its report, its gaps, and what-if with partners changed."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from graph_service.api.deps import ServicesDep, VisibilityDep
from graph_service.api.schemas.common import Schema
from graph_service.auth import Visibility
from graph_service.auth.redaction import html_variants, scrub, scrub_text
from graph_service.auth.visibility import scope_key, visible_project
from graph_service.domain.errors import NotFound, StoreUnavailable
from graph_service.domain.models import Identifier
from graph_service.domain.vocabulary import Commitment
from graph_service.services.analysis import project_gaps, what_if
from graph_service.services.limits import check_network_size
from graph_service.services.reports import (
    MEDIA_TYPES,
    ReportFormat,
    project_notice,
    project_report,
    render_report,
)
from graph_service.services.state import Services
from queries.gaps import GapAnalysis
from queries.report import Report
from queries.whatif import Addition, WhatIf

router = APIRouter(prefix="/projects", tags=["analyses"])

Lang = Literal["fr", "en"]
LangQuery = Annotated[Lang, Query(description="Langue des phrases : fr ou en.")]


def redacted(visibility: Visibility, document: Any) -> Any:
    return scrub(document, tuple(visibility.hidden_terms))


@router.get(
    "/{project_id}/report",
    response_class=Response,
    responses={
        200: {
            "model": Report,
            "description": "Le rapport : JSON, texte ou une page HTML imprimable",
            "content": {
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
        }
    },
)
async def read_report(
    services: ServicesDep,
    visibility: VisibilityDep,
    project_id: str,
    format: Annotated[ReportFormat, Query()] = ReportFormat.JSON,
    lang: LangQuery = "fr",
) -> Response:
    """Measure an application's partnership: metrics, family scores, findings, verdict, strength.

    ``format=notice`` gives the notice owed to the applicant (CRPA art. L311-3-1, R311-3-1-2).
    """
    key = ("report", project_id, format, lang, scope_key(visibility))
    # A cached report was stored only after this scope was allowed to see the project.
    body = services.cache.peek(key)
    if body is None:
        body = await run_in_threadpool(_report_bytes, services, visibility, project_id, format, lang, key)
    return Response(content=body, media_type=MEDIA_TYPES[format])


def _report_bytes(
    services: Services, visibility: Visibility, project_id: str, format: ReportFormat, lang: Lang, key: Any
) -> bytes:
    try:
        project = visible_project(visibility, project_id)
    except StoreUnavailable:
        # Stored only after this scope was allowed to see the project: still answerable.
        cached: bytes | None = services.cache.stale(key)
        if cached is None:
            raise
        return cached
    check_network_size(project, services.settings.max_network_members)

    def compute() -> bytes:
        if format is ReportFormat.NOTICE:  # the applicant's notice, in French, visible to its lead
            return scrub_text(
                project_notice(services.store, project_id), tuple(visibility.hidden_terms)
            ).encode()
        report = project_report(services.store, project_id, None, lang, contexts=services.contexts)
        if format is ReportFormat.JSON:  # compact over the wire; the CLI's rendering is indented
            rendered = json.dumps(report.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
        else:
            rendered = render_report(report, format)
        terms = tuple(visibility.hidden_terms)
        if format is ReportFormat.HTML:
            terms = html_variants(terms)
        return scrub_text(rendered, terms).encode("utf-8")

    return services.cache.get(key, compute)


@router.get("/{project_id}/gaps", response_model=GapAnalysis)
def read_gaps(
    services: ServicesDep,
    visibility: VisibilityDep,
    project_id: str,
    limit: Annotated[int, Query(ge=1, le=100, description="Recommandations au plus.")] = 10,
) -> Any:
    """What the partnership lacks, and the organisations of its territory that would fill it."""
    visible_project(visibility, project_id)

    def compute() -> Any:
        gaps = project_gaps(services.store, project_id, limit=limit, contexts=services.contexts)
        return redacted(visibility, gaps.model_dump(mode="json"))

    return services.cache.get(("gaps", project_id, limit, scope_key(visibility)), compute)


class PartnerAddition(Schema):
    organisation: Identifier
    commitment: Commitment = Commitment.INFORMEL


class CommitmentChange(Schema):
    organisation: Identifier
    commitment: Commitment = Commitment.CONVENTION


class WhatIfRequest(Schema):
    add: list[PartnerAddition] = Field(default_factory=list, max_length=100)
    remove: list[Identifier] = Field(default_factory=list, max_length=100)
    commit: list[CommitmentChange] = Field(
        default_factory=list, max_length=100, description="Partenaires dont l'engagement change."
    )
    declare: list[tuple[Identifier, Identifier]] = Field(
        default_factory=list, max_length=100, description="Paires de membres entre lesquels déclarer un lien."
    )


@router.post("/{project_id}/whatif", response_model=WhatIf)
def simulate(
    services: ServicesDep,
    visibility: VisibilityDep,
    project_id: str,
    body: WhatIfRequest,
    lang: LangQuery = "fr",
) -> Any:
    """Recompute the report with partners added, removed or their commitment changed (nothing is stored)."""
    project = visible_project(visibility, project_id)
    check_network_size(project, services.settings.max_network_members, added=len(body.add))
    key = ("whatif", project_id, body.model_dump_json(), lang, scope_key(visibility))
    return services.cache.get(key, lambda: _simulate(services, visibility, project_id, body, lang))


def _simulate(
    services: Services, visibility: Visibility, project_id: str, body: WhatIfRequest, lang: Lang
) -> Any:
    for addition in body.add:
        organisation = services.store.get_organisation(addition.organisation)
        if organisation is None or not visibility.organisation_visible(organisation):
            raise NotFound(
                f"organisation « {addition.organisation} » introuvable",
                message_en=f"organisation {addition.organisation!r} not found",
            )
    additions = [Addition(organisation=a.organisation, commitment=a.commitment) for a in body.add]
    changes = [Addition(organisation=c.organisation, commitment=c.commitment) for c in body.commit]
    result = what_if(
        services.store,
        project_id,
        additions,
        body.remove,
        commit=changes,
        declare=body.declare,
        lang=lang,
        contexts=services.contexts,
    )
    return redacted(visibility, json.loads(result.model_dump_json()))
