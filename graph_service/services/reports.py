"""The partnership report of a stored project: gather N(P) and its context, measure, render.

The CLI (``partnership-graph report``) and the API call these functions; both stores give the
same report because both hand out the same N(P) and the same entities.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

from graph_service.domain.errors import NotFound
from graph_service.domain.models import Project
from graph_service.domain.vocabulary import Lang
from graph_service.stores.protocol import Store
from queries.metrics import ProjectContext
from queries.report import Report, compute_report
from queries.report.notice import build_notice, render_notice_html, render_notice_text
from queries.report.render import render_html, render_text
from queries.scoring import ScoringConfig, default_config, load_config


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


def project_context(store: Store, project: Project) -> ProjectContext:
    """What the metrics need beyond N(P): the territory tree, the local schemes, the call's projects.

    Schemes are kept when their territories meet the project's (equal, nested either way);
    projects are those of the same call (the metric compares territories and publics).
    """
    territories = tuple(store.list_territories())
    tree = ProjectContext(territories=territories)
    schemes = tuple(s for s in store.list_schemes() if tree.overlap(project.territories, s.territories))
    projects = tuple(p for p in store.list_projects(call=project.call) if p.id != project.id)
    return ProjectContext(schemes=schemes, projects=projects, territories=territories)


def project_report(
    store: Store, project_id: str, config: ScoringConfig | None = None, lang: Lang = "fr"
) -> Report:
    """Measure a stored project; :class:`NotFound` when it does not exist."""
    project = get_project(store, project_id)
    graph = store.project_network(project.id)
    return compute_report(graph, project_context(store, project), config, lang)


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


def report_for(
    store: Store,
    project_id: str,
    format: ReportFormat = ReportFormat.JSON,
    lang: Lang = "fr",
    config_path: str | Path | None = None,
) -> str:
    """One call for the entry points: load the configuration, measure, render."""
    config = load_config(config_path)
    if format is ReportFormat.NOTICE:
        return project_notice(store, project_id, config)
    return render_report(project_report(store, project_id, config, lang), format)


__all__ = [
    "MEDIA_TYPES",
    "ReportFormat",
    "get_project",
    "project_context",
    "project_notice",
    "project_report",
    "render_report",
    "report_for",
]
