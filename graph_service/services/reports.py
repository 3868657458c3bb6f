"""The partnership report of a stored project: gather N(P) and its context, measure, render.

The CLI (``partnership-graph report``) and the API call these functions; both stores give the
same report because both hand out the same N(P) and the same entities.
"""

from __future__ import annotations

import json
from enum import StrEnum

from graph_service.domain.errors import NotFound
from graph_service.domain.models import Project
from graph_service.domain.vocabulary import Lang
from graph_service.services.contexts import CallContexts, project_context
from graph_service.stores.protocol import Store
from queries.report import Report, compute_report
from queries.report.notice import build_notice, render_notice_html, render_notice_text
from queries.report.render import render_html, render_text
from queries.scoring import ScoringConfig, default_config


class ReportFormat(StrEnum):
    JSON = "json"
    TEXT = "text"
    HTML = "html"
    NOTICE = "notice"  # the notice owed to the applicant (CRPA art. L311-3-1, R311-3-1-2)


MEDIA_TYPES = {
    ReportFormat.JSON: "application/json",
    ReportFormat.TEXT: "text/plain; charset=utf-8",
    ReportFormat.HTML: "text/html; charset=utf-8",
    ReportFormat.NOTICE: "text/plain; charset=utf-8",
}


def get_project(store: Store, project_id: str) -> Project:
    project = store.get_project(project_id)
    if project is None:
        raise NotFound(f"projet « {project_id} » introuvable", message_en=f"project {project_id!r} not found")
    return project


def project_report(
    store: Store,
    project_id: str,
    config: ScoringConfig | None = None,
    lang: Lang = "fr",
    *,
    contexts: CallContexts | None = None,
) -> Report:
    """Measure a stored project; :class:`NotFound` when it does not exist.

    ``contexts`` holds the contexts of the calls already measured (a long-running service keeps
    one); without it, the project's context is read for this report alone.
    """
    project = get_project(store, project_id)
    graph = store.project_network(project.id)
    context = contexts.of_project(project) if contexts is not None else project_context(store, project)
    return compute_report(graph, context, config, lang)


def project_notice(
    store: Store, project_id: str, config: ScoringConfig | None = None, *, html: bool = False
) -> str:
    """The notice owed to the applicant, in French, from the report of ``project_id`` and its N(P).

    :class:`NotFound` when the project does not exist.
    """
    project = get_project(store, project_id)
    scoring = config or default_config()
    graph = store.project_network(project.id)
    report = compute_report(graph, project_context(store, project), scoring, "fr")
    notice = build_notice(report, scoring, graph)
    return render_notice_html(notice) if html else render_notice_text(notice)


def render_report(report: Report, format: ReportFormat) -> str:
    """The report as JSON (indented, UTF-8), plain text or one HTML page.

    The notice needs the configuration and N(P) as well: :func:`project_notice`.
    """
    if format is ReportFormat.NOTICE:
        raise ValueError("la notice se produit avec project_notice")
    if format is ReportFormat.JSON:
        return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    if format is ReportFormat.TEXT:
        return render_text(report)
    return render_html(report)


__all__ = [
    "MEDIA_TYPES",
    "ReportFormat",
    "get_project",
    "project_context",
    "project_notice",
    "project_report",
    "render_report",
]
