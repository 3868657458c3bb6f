"""The pages: sign-in, a call's applications and comparison, a project with its map, gaps, what-if, ecosystem.

Every page applies the API's rules, from where both read them: the token registry signs in,
:class:`Visibility` decides what a principal sees, ``visible_project`` answers 404 for an
application one may not see, and the comparison, gaps and what-if go through the redaction of
other applications' names (:mod:`graph_service.auth.redaction`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import RedirectResponse

from graph_service.auth import Role, Visibility
from graph_service.auth.redaction import scrub, scrub_text
from graph_service.auth.tokens import InvalidToken
from graph_service.auth.visibility import scope_key, visible_project
from graph_service.domain.errors import DomainError, NotFound
from graph_service.domain.vocabulary import Commitment, Sector, label
from graph_service.services.analysis import compare_call, project_gaps, visible_comparison, what_if
from graph_service.services.limits import check_network_size
from graph_service.services.maps import ecosystem_scene, overlap_scene, project_scene
from graph_service.services.reports import ReportFormat, project_notice, project_report, render_report
from graph_service.web.methodology import methodology_html
from graph_service.web.rendering import (
    REPORT_CSP,
    SECURITY_HEADERS,
    STATIC_TYPES,
    error_page,
    render,
    static_asset,
)
from graph_service.web.session import (
    COOKIE,
    SignInRequired,
    check_origin,
    clear_session,
    services_of,
    set_session,
    visibility_of,
)
from queries.comparison import SORT_KEYS, to_csv, to_xlsx
from queries.whatif import Addition
from visualisations import map_fragment
from visualisations.ecosystem import DEFAULT_MAX_NODES

PREFIX = "/pages"
ASSETS = f"{PREFIX}/static"
MAX_CHANGES = 50

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path of these pages: never an open redirect to another site."""
    if target and target.startswith(f"{PREFIX}/") and not target.startswith("//") and "\\" not in target:
        return target
    return f"{PREFIX}/"


def _page(request: Request, build: Callable[[Visibility], Response]) -> Response:
    """Run a page with the signed-in principal; sign-in and domain errors become pages."""
    try:
        return build(visibility_of(request))
    except SignInRequired:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        response = RedirectResponse(f"{PREFIX}/connexion?suite={quote(target)}", status_code=303)
        if request.cookies.get(COOKIE):
            clear_session(response, request)  # a revoked or expired token: forget it
        return response
    except DomainError as exc:
        return error_page(exc.status_code, exc.message)


def _context(visibility: Visibility, **values: Any) -> dict[str, Any]:
    return {"principal": visibility.principal, "assets": ASSETS, **values}


# -- sign-in -------------------------------------------------------------------------------------


@router.get("/connexion")
def sign_in_form(request: Request, suite: str | None = None) -> Response:
    return render("sign_in.html.j2", next=_safe_next(suite), error=None, principal=None, assets=ASSETS)


@router.post("/connexion")
def sign_in(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    suite: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    try:
        check_origin(request)
        services_of(request).tokens.authenticate(token.strip())
    except (InvalidToken, DomainError) as exc:
        message = exc.message if isinstance(exc, DomainError) else "jeton refusé"
        return render(
            "sign_in.html.j2",
            status=401,
            next=_safe_next(suite),
            error=message,
            principal=None,
            assets=ASSETS,
        )
    response = RedirectResponse(_safe_next(suite), status_code=303)
    set_session(response, request, token.strip())
    return response


@router.post("/deconnexion")
def sign_out(request: Request) -> Response:
    check_origin(request)  # another site must not sign the reviewer out behind its back
    response = RedirectResponse(f"{PREFIX}/connexion", status_code=303)
    clear_session(response, request)
    return response


@router.get("/static/{name}")
def asset(name: str) -> Response:
    text = static_asset(name)
    if text is None:
        return Response("introuvable", status_code=404, media_type="text/plain; charset=utf-8")
    return Response(
        text,
        media_type=STATIC_TYPES[name],
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


# -- home ----------------------------------------------------------------------------------------


@router.get("/")
def home(request: Request) -> Response:
    def build(visibility: Visibility) -> Response:
        projects = visibility.visible_projects
        calls: dict[str, list[Any]] = {}
        for project in projects:
            calls.setdefault(project.call, []).append(project)
        return render("home.html.j2", **_context(visibility, projects=projects, calls=calls, Role=Role))

    return _page(request, build)


# -- reviewers: a call ---------------------------------------------------------------------------


def _comparison(
    request: Request, visibility: Visibility, call: str, sort: str, descending: bool | None
) -> Any:
    if visibility.principal.role is Role.LEAD:
        raise NotFound("page réservée aux instructeurs", message_en="reviewers only")
    services = services_of(request)
    key = ("page-comparison", call, sort, descending, scope_key(visibility))
    return services.cache.get(
        key,
        lambda: visible_comparison(
            compare_call(
                services.store,
                call,
                sort=sort,
                descending=descending,
                contexts=services.contexts,
                pool=services.pool,
            ),
            visibility,
        ),
    )


def _territories_of(visibility: Visibility, call: str) -> dict[str, list[tuple[str, str]]]:
    """Each visible application of ``call`` → its territories as (code, name)."""
    names: dict[str, str] = {}
    result: dict[str, list[tuple[str, str]]] = {}
    for project in visibility.visible_projects:
        if project.call != call:
            continue
        for code in project.territories:
            if code not in names:
                territory = visibility.store.get_territory(code)
                names[code] = territory.name if territory is not None else code
        result[project.id] = [(code, names[code]) for code in project.territories]
    return result


@router.get("/appels/{call}")
def call_page(
    request: Request,
    call: str,
    tri: Annotated[str, Query(max_length=50)] = "strength",
    decroissant: bool | None = None,
    tranche: Annotated[str, Query(max_length=50)] = "",
    verdict: Annotated[str, Query(max_length=50)] = "",
    territoire: Annotated[str, Query(max_length=50)] = "",
) -> Response:
    def build(visibility: Visibility) -> Response:
        comparison = _comparison(request, visibility, call, tri, decroissant)
        families = list(comparison.rows[0].families) if comparison.rows else []
        territories = _territories_of(visibility, call)
        options = {
            "tranche": sorted({(r.band or "", r.band_label or "—") for r in comparison.rows}),
            "verdict": sorted({(r.verdict, r.verdict_label) for r in comparison.rows}),
            "territoire": sorted({t for r in comparison.rows for t in territories.get(r.project, [])}),
        }
        chosen = {"tranche": tranche, "verdict": verdict, "territoire": territoire}
        rows = [
            r
            for r in comparison.rows
            if (not tranche or r.band == tranche)
            and (not verdict or r.verdict == verdict)
            and (not territoire or territoire in {c for c, _ in territories.get(r.project, [])})
        ]
        return render(
            "call.html.j2",
            **_context(
                visibility,
                call=call,
                comparison=comparison,
                rows=rows,
                families=families,
                sort_keys=SORT_KEYS,
                options=options,
                chosen=chosen,
                territories=territories,
            ),
        )

    return _page(request, build)


def _family_gap(key: str, left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    """One family of two reports side by side: scores, difference, the findings only one has."""
    a, b = left["families"].get(key, {}), right["families"].get(key, {})
    texts_a = [f["text"] for f in a.get("findings", [])]
    texts_b = [f["text"] for f in b.get("findings", [])]
    score_a, score_b = a.get("score"), b.get("score")
    return {
        "key": key,
        "label": a.get("label") or b.get("label") or key,
        "a": score_a,
        "b": score_b,
        "delta": None if score_a is None or score_b is None else score_b - score_a,
        "only_a": [t for t in texts_a if t not in texts_b],
        "only_b": [t for t in texts_b if t not in texts_a],
    }


@router.get("/appels/{call}/ecart")
def gap_view(
    request: Request,
    call: str,
    a: Annotated[str, Query(max_length=200)] = "",
    b: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    def build(visibility: Visibility) -> Response:
        comparison = _comparison(request, visibility, call, "strength", None)
        choices = [(r.project, r.title) for r in comparison.rows]
        ids = [r.project for r in comparison.rows]
        left = a if a in ids else (ids[0] if ids else "")
        right = b if b in ids and b != left else next((i for i in ids if i != left), "")
        reports = []
        for project_id in (left, right):
            if project_id:
                document = project_report(visibility.store, project_id).model_dump(mode="json")
                reports.append(scrub(document, tuple(visibility.hidden_terms)))
        families = (
            [_family_gap(f, reports[0], reports[1]) for f in reports[0]["families"]]
            if len(reports) == 2
            else []
        )
        return render(
            "gap.html.j2",
            **_context(
                visibility,
                call=call,
                choices=choices,
                left=left,
                right=right,
                reports=reports,
                families=families,
            ),
        )

    return _page(request, build)


@router.get("/appels/{call}/comparaison.{extension}")
def call_download(request: Request, call: str, extension: str) -> Response:
    def build(visibility: Visibility) -> Response:
        if extension not in ("csv", "xlsx"):
            raise NotFound(f"format « {extension} » inconnu : csv ou xlsx", message_en="csv or xlsx")
        comparison = _comparison(request, visibility, call, "strength", None)
        if extension == "csv":
            body, media = to_csv(comparison, "fr"), "text/csv; charset=utf-8"
        else:
            body = to_xlsx(comparison, "fr")
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return Response(
            body,
            media_type=media,
            headers={
                "Content-Disposition": f'attachment; filename="comparaison.{extension}"',
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "no-store",
            },
        )

    return _page(request, build)


@router.get("/appels/{call}/recouvrements")
def overlap_page(request: Request, call: str, territoire: str | None = None) -> Response:
    def build(visibility: Visibility) -> Response:
        if visibility.principal.role is Role.LEAD:
            raise NotFound("page réservée aux instructeurs", message_en="reviewers only")
        scene = overlap_scene(visibility.store, call, territoire, visible=visibility.project_visible)
        return render(
            "map_page.html.j2",
            **_context(
                visibility,
                scene=scene,
                map_html=map_fragment(scene, asset_base=ASSETS),
                back=f"{PREFIX}/appels/{quote(call)}",
                back_label=f"Les candidatures de l'appel {call}",
            ),
        )

    return _page(request, build)


# -- one application -----------------------------------------------------------------------------


@router.get("/candidatures/{project_id}")
def project_page(request: Request, project_id: str) -> Response:
    def build(visibility: Visibility) -> Response:
        project = visible_project(visibility, project_id)
        scene = project_scene(visibility.store, project.id)
        return render(
            "project.html.j2",
            **_context(
                visibility,
                project=project,
                scene=scene,
                map_html=map_fragment(scene, asset_base=ASSETS),
                editable=visibility.project_editable(project),
            ),
        )

    return _page(request, build)


@router.get("/candidatures/{project_id}/rapport")
def report_frame(request: Request, project_id: str) -> Response:
    def build(visibility: Visibility) -> Response:
        project = visible_project(visibility, project_id)
        check_network_size(project, services_of(request).settings.max_network_members)

        def compute() -> bytes:
            contexts = services_of(request).contexts
            report = project_report(visibility.store, project_id, contexts=contexts)
            rendered = render_report(report, ReportFormat.HTML)
            return scrub_text(rendered, tuple(visibility.hidden_terms)).encode("utf-8")

        # The API's key for the same rendering: one computation serves the API and the page.
        key = ("report", project_id, ReportFormat.HTML, "fr", scope_key(visibility))
        body = services_of(request).cache.get(key, compute)
        headers = {**SECURITY_HEADERS, "Content-Security-Policy": REPORT_CSP}
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)

    return _page(request, build)


@router.get("/candidatures/{project_id}/notice")
def notice_page(request: Request, project_id: str) -> Response:
    """The notice owed to the applicant (CRPA art. L311-3-1, R311-3-1-2), printable."""

    def build(visibility: Visibility) -> Response:
        visible_project(visibility, project_id)

        def compute() -> bytes:
            rendered = project_notice(visibility.store, project_id, html=True)
            return scrub_text(rendered, tuple(visibility.hidden_terms)).encode("utf-8")

        key = ("notice", project_id, "html", scope_key(visibility))
        body = services_of(request).cache.get(key, compute)
        headers = {**SECURITY_HEADERS, "Content-Security-Policy": REPORT_CSP}
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)

    return _page(request, build)


@router.get("/methodologie")
def methodology_page() -> Response:
    """The reviewers' methodology: views, indicators, rules and thresholds (no sign-in needed)."""
    body = methodology_html()
    if body is None:
        return error_page(404, "la méthodologie n'est pas installée avec cette version")
    return render("methodology.html.j2", body=body, principal=None, assets=ASSETS)


def _gaps(request: Request, visibility: Visibility, project_id: str) -> dict[str, Any]:
    analysis = project_gaps(visibility.store, project_id, contexts=services_of(request).contexts)
    document: dict[str, Any] = scrub(analysis.model_dump(mode="json"), tuple(visibility.hidden_terms))
    return document


@router.get("/candidatures/{project_id}/manques")
def gaps_page(request: Request, project_id: str) -> Response:
    def build(visibility: Visibility) -> Response:
        project = visible_project(visibility, project_id)
        gaps = _gaps(request, visibility, project.id)
        return render("gaps.html.j2", **_context(visibility, project=project, gaps=gaps))

    return _page(request, build)


def _whatif_form(request: Request, visibility: Visibility, project_id: str, **values: Any) -> dict[str, Any]:
    project = visible_project(visibility, project_id)
    store = visibility.store
    names = {o.id: o.name for o in (store.get_organisation(i) for i in project.member_ids) if o is not None}
    try:
        recommendations = _gaps(request, visibility, project.id)["recommendations"]
    except DomainError:
        recommendations = []
    defaults: dict[str, Any] = {
        "result": None,
        "error": None,
        "chosen_add": [],
        "chosen_remove": [],
        "chosen_commit": [],
        "chosen_declare": [],
    }
    return _context(
        visibility,
        project=project,
        names=names,
        recommendations=recommendations,
        commitments=[(c.value, label(c.value)) for c in Commitment],
        **{**defaults, **values},
    )


@router.get("/candidatures/{project_id}/simulation")
def whatif_form(
    request: Request,
    project_id: str,
    ajouter: Annotated[list[str] | None, Query(max_length=MAX_CHANGES)] = None,
    retirer: Annotated[list[str] | None, Query(max_length=MAX_CHANGES)] = None,
    formaliser: Annotated[list[str] | None, Query(max_length=MAX_CHANGES)] = None,
    declarer: Annotated[list[str] | None, Query(max_length=MAX_CHANGES)] = None,
    engagement: Annotated[Commitment, Query()] = Commitment.INFORMEL,
) -> Response:
    """The simulation form; with changes in the query (a link from the gaps), already run."""

    def build(visibility: Visibility) -> Response:
        if not (ajouter or retirer or formaliser or declarer):
            return render("whatif.html.j2", **_whatif_form(request, visibility, project_id))
        change = _Change(ajouter or [], retirer or [], formaliser or [], declarer or [], engagement)
        return _simulate(request, visibility, project_id, change)

    return _page(request, build)


@router.post("/candidatures/{project_id}/simulation")
def whatif_result(
    request: Request,
    project_id: str,
    ajouter: Annotated[list[str] | None, Form(max_length=MAX_CHANGES)] = None,
    autre: Annotated[str, Form(max_length=200)] = "",
    engagement: Annotated[Commitment, Form()] = Commitment.INFORMEL,
    retirer: Annotated[list[str] | None, Form(max_length=MAX_CHANGES)] = None,
    formaliser: Annotated[list[str] | None, Form(max_length=MAX_CHANGES)] = None,
    declarer: Annotated[list[str] | None, Form(max_length=MAX_CHANGES)] = None,
) -> Response:
    def build(visibility: Visibility) -> Response:
        check_origin(request)
        change = _Change(
            [*(ajouter or []), autre], retirer or [], formaliser or [], declarer or [], engagement
        )
        return _simulate(request, visibility, project_id, change)

    return _page(request, build)


class _Change:
    """The changes asked on the simulation form or in its link, cleaned of blanks and repeats."""

    def __init__(
        self, add: list[str], remove: list[str], commit: list[str], declare: list[str], engagement: Commitment
    ) -> None:
        self.add = [a for a in dict.fromkeys(a.strip() for a in add) if a]
        self.remove = list(dict.fromkeys(remove))
        self.commit = list(dict.fromkeys(commit))
        self.declare = list(dict.fromkeys(declare))
        self.engagement = engagement

    def pairs(self) -> list[tuple[str, str]]:
        found = []
        for text in self.declare:
            first, _, second = text.partition(",")
            if not first or not second:
                raise NotFound(
                    f"lien « {text} » : deux membres séparés par une virgule", message_en="bad pair"
                )
            found.append((first, second))
        return found


def _simulate(request: Request, visibility: Visibility, project_id: str, change: _Change) -> Response:
    values = {
        "chosen_add": change.add,
        "chosen_remove": change.remove,
        "chosen_commit": change.commit,
        "chosen_declare": change.declare,
    }
    context = _whatif_form(request, visibility, project_id, **values)
    services = services_of(request)
    try:
        for organisation_id in change.add:
            organisation = visibility.store.get_organisation(organisation_id)
            if organisation is None or not visibility.organisation_visible(organisation):
                raise NotFound(
                    f"organisation « {organisation_id} » introuvable",
                    message_en=f"organisation {organisation_id!r} not found",
                )
        if not (change.add or change.remove or change.commit or change.declare):
            raise NotFound(
                "choisissez au moins un partenaire à ajouter, à retirer ou dont l'engagement change",
                message_en="no change",
            )
        additions = [Addition(organisation=o, commitment=change.engagement) for o in change.add]
        commitments = [Addition(organisation=o, commitment=Commitment.CONVENTION) for o in change.commit]
        project = visible_project(visibility, project_id)
        check_network_size(project, services.settings.max_network_members, added=len(change.add))
        result = what_if(
            visibility.store,
            project_id,
            additions,
            change.remove,
            commit=commitments,
            declare=change.pairs(),
            contexts=services.contexts,
        )
    except DomainError as exc:
        context["error"] = exc.message
        return render("whatif.html.j2", status=422 if exc.status_code == 404 else exc.status_code, **context)
    context["result"] = scrub(json.loads(result.model_dump_json()), tuple(visibility.hidden_terms))
    for organisation_id in change.add:  # the added organisations by name in the changes listed
        organisation = visibility.store.get_organisation(organisation_id)
        if organisation is not None:
            context["names"][organisation_id] = organisation.name
    return render("whatif.html.j2", **context)


# -- a territory ---------------------------------------------------------------------------------


@router.get("/territoires/{code}")
def ecosystem_page(
    request: Request,
    code: str,
    candidature: Annotated[str | None, Query(max_length=200)] = None,
    secteur: Annotated[Sector | None, Query()] = None,
    seuil: Annotated[int, Query(ge=10, le=20_000)] = DEFAULT_MAX_NODES,
) -> Response:
    def build(visibility: Visibility) -> Response:
        if not visibility.territory_readable(code):
            raise NotFound(f"territoire « {code} » introuvable", message_en=f"territory {code!r} not found")
        focus = None
        recommended: list[str] = []
        if candidature:
            focus = visible_project(visibility, candidature).id
        elif visibility.principal.role is Role.LEAD and visibility.led_projects:
            focus = visibility.led_projects[0].id
        if focus is not None:
            try:
                recommended = [
                    r["organisation"] for r in _gaps(request, visibility, focus)["recommendations"]
                ]
            except DomainError:
                recommended = []
        scene = ecosystem_scene(
            visibility.store,
            code,
            restrict=visibility.filter_dataset,
            focus_project=focus,
            recommended=recommended,
            sector=secteur.value if secteur else None,
            max_nodes=seuil,
            own=visibility.principal.role is Role.LEAD,
        )
        return render(
            "map_page.html.j2",
            **_context(
                visibility,
                scene=scene,
                map_html=map_fragment(scene, asset_base=ASSETS),
                back=f"{PREFIX}/candidatures/{quote(focus)}" if focus else f"{PREFIX}/",
                back_label="La candidature" if focus else "Retour à l'accueil",
                sector_form={
                    "code": code,
                    "focus": focus,
                    "sectors": [(s.value, label(s.value)) for s in Sector],
                    "chosen": secteur.value if secteur else "",
                },
            ),
        )

    return _page(request, build)


__all__ = ["PREFIX", "router"]
