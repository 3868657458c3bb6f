"""One rendering for every error: ``{"error": code, "detail": message}`` with its status code.

Domain errors carry their own status; invalid input adds every located error; request
validation errors (bad query, path or body) become 422 with the same shape. Nothing a client sends
reaches a 500.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph_service.domain.errors import DomainError, StorageFull, StoreUnavailable
from graph_service.domain.french import count, count_en
from graph_service.domain.validation import InputError, InvalidInput, pydantic_message_en, translate_error
from graph_service.sqlite_connections import is_full

# The server-rendered pages answer their errors as French HTML pages, rendered by what the server
# puts in ``app.state.page_error`` (graph_service.server: the pages' own error page).
PAGES_PREFIX = "/pages"

PageError = Callable[[int, str], Response]


class Unauthenticated(DomainError):
    code = "unauthenticated"
    status_code = 401


class Forbidden(DomainError):
    code = "forbidden"
    status_code = 403


class ErrorBody(BaseModel):
    """What every error answer holds; ``errors`` lists every problem of an invalid input."""

    error: str
    detail: str
    detail_en: str | None = None
    errors: list[InputError] | None = None
    total: int | None = None


def error_response(
    status: int,
    code: str,
    detail: str,
    *,
    detail_en: str | None = None,
    errors: list[InputError] | None = None,
    total: int | None = None,
) -> JSONResponse:
    body = ErrorBody(error=code, detail=detail, detail_en=detail_en, errors=errors, total=total)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status_code=status, headers=headers)


def _location(loc: tuple[Any, ...]) -> tuple[str | None, str | None]:
    where = str(loc[0]) if loc else None
    column = ".".join(str(part) for part in loc[1:]) or None
    return where, column


def _request_errors(exc: RequestValidationError) -> list[InputError]:
    """Each problem of a request, in French (pydantic's English kept in ``message_en``)."""
    errors = []
    for error in exc.errors():
        sheet, column = _location(tuple(error.get("loc", ())))
        message, code = translate_error(error)
        errors.append(
            InputError(
                code=code,
                message=message,
                message_en=pydantic_message_en(error),
                sheet=sheet,
                column=column,
            )
        )
    return errors


_PARTS = {"body": "corps", "query": "paramètre", "path": "adresse", "header": "en-tête", "cookie": "cookie"}


def _where(error: InputError) -> str:
    part = _PARTS.get(error.sheet or "", error.sheet or "requête")
    return f"{part} « {error.column} »" if error.column else part


def _page_error(request: Request) -> PageError | None:
    """For a request of the server-rendered pages, what renders its errors as a French HTML page
    instead of JSON; ``None`` for an API request (or an app without pages)."""
    path = request.url.path
    if path != PAGES_PREFIX and not path.startswith(f"{PAGES_PREFIX}/"):
        return None
    renderer: PageError | None = getattr(request.app.state, "page_error", None)
    return renderer


async def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    if (page_error := _page_error(request)) is not None:
        return page_error(exc.status_code, exc.message)
    return error_response(exc.status_code, exc.code, exc.message, detail_en=exc.message_en)


async def _invalid_input(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidInput)
    shown = f" (les {len(exc.errors)} premières ci-dessous)" if exc.total > len(exc.errors) else ""
    shown_en = f" (the first {len(exc.errors)} below)" if exc.total > len(exc.errors) else ""
    return error_response(
        422,
        "invalid_input",
        f"données invalides : {count(exc.total, 'erreur')}{shown}, rien n'a été enregistré",
        detail_en=f"invalid input: {count_en(exc.total, 'error')}{shown_en}, nothing was stored",
        errors=exc.errors,
        total=exc.total,
    )


_PARAMETER_PROBLEMS = {
    "int_parsing": "un nombre entier est attendu",
    "float_parsing": "un nombre est attendu",
    "bool_parsing": "oui ou non (true ou false) est attendu",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
    "enum": "valeur inconnue",
    "literal_error": "valeur inconnue",
    "string_too_long": "texte trop long",
    "too_long": "trop de valeurs",
    "missing": "paramètre manquant",
}


def _page_parameter_message(exc: RequestValidationError) -> str:
    """The bad parameters of a page's address, named, in French."""
    problems = [
        f"« {error['loc'][-1]} » : {_PARAMETER_PROBLEMS.get(error['type'], 'valeur refusée')}"
        for error in exc.errors()[:5]
    ]
    return "paramètre invalide dans l'adresse de la page — " + "; ".join(problems)


async def _request_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = _request_errors(exc)
    if (page_error := _page_error(request)) is not None:
        return page_error(422, _page_parameter_message(exc))
    return error_response(
        422,
        "invalid_request",
        "requête invalide : " + "; ".join(f"{_where(e)} : {e.message}" for e in errors[:5]),
        detail_en="invalid request: "
        + "; ".join(f"{'.'.join(filter(None, (e.sheet, e.column)))}: {e.message_en}" for e in errors[:5]),
        errors=errors,
    )


_HTTP_CODES = {
    400: ("bad_request", "requête mal formée"),
    401: ("unauthenticated", "jeton manquant ou invalide"),
    404: ("not_found", "introuvable"),
    405: ("method_not_allowed", "méthode non permise"),
    413: ("file_too_large", "requête trop volumineuse"),
}


_PAGE_MESSAGES = {
    404: "cette page n'existe pas, ou vous n'y avez pas accès",
    405: "cette adresse ne s'ouvre pas ainsi",
}


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code, message = _HTTP_CODES.get(exc.status_code, ("error", str(exc.detail)))
    page_error = _page_error(request)
    if page_error is not None and exc.status_code in _PAGE_MESSAGES:
        page = page_error(exc.status_code, _PAGE_MESSAGES[exc.status_code])
        if exc.headers:
            page.headers.update(exc.headers)
        return page
    response = error_response(exc.status_code, code, message, detail_en=str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


log = logging.getLogger(__name__)


async def _sqlite_error(request: Request, exc: Exception) -> Response:
    """A SQLite error no store translated: a full disk (507) or a damaged or locked file (503)."""
    assert isinstance(exc, sqlite3.Error)
    log.error("SQLite : %s", exc, exc_info=exc)
    error: DomainError
    if is_full(exc):
        error = StorageFull(
            "disque plein : rien n'a été enregistré ; libérez de la place puis recommencez",
            message_en=f"disk full: nothing was stored ({exc})",
        )
    else:
        error = StoreUnavailable(
            "base SQLite indisponible ou endommagée : vérifiez-la avec GET /healthz?deep=1",
            message_en=f"SQLite unavailable or damaged: {exc}",
        )
    return await _domain_error(request, error)


async def _unexpected(request: Request, exc: Exception) -> Response:
    """An error no handler above knows (a bug, an outside library's surprise): logged with its
    trace, answered in the one error shape, never Starlette's plain-text « Internal Server Error »."""
    log.error("erreur inattendue sur %s %s", request.method, request.url.path, exc_info=exc)
    message = "erreur interne du service, journalisée : réessayez plus tard ou prévenez l'administrateur"
    if (page_error := _page_error(request)) is not None:
        return page_error(500, message)
    return error_response(500, "internal_error", message, detail_en="internal error, logged on the server")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(InvalidInput, _invalid_input)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(sqlite3.Error, _sqlite_error)
    app.add_exception_handler(Exception, _unexpected)


def _described(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _described("Requête refusée (valeur hors liste, jeton mal formé…)"),
    401: _described("Jeton manquant, inconnu, expiré ou révoqué"),
    403: _described("Interdit à ce rôle"),
    404: _described("Introuvable, ou invisible pour ce jeton"),
    413: _described("Requête trop volumineuse, ou travail demandé au-delà des limites"),
    422: _described("Requête ou données invalides"),
    503: _described("Base de données injoignable"),
    507: _described("Disque plein : rien n'a été écrit"),
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    409: _described("Conflit : déjà présent ou encore référencé"),
}

__all__ = [
    "COMMON_RESPONSES",
    "WRITE_RESPONSES",
    "ErrorBody",
    "Forbidden",
    "PageError",
    "Unauthenticated",
    "error_response",
    "install_error_handlers",
]
