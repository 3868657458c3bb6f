"""Signing in to the pages with a token kept in an HttpOnly, SameSite=Strict cookie.

The cookie holds the bearer token itself: the pages check it with the API's own token registry
(``services.tokens.authenticate``) and apply the API's visibility rules, so a page shows what the
same token would get from the API. JavaScript never sees the cookie (HttpOnly), other sites never
send it (SameSite=Strict), and every form post must come from this origin.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request, Response

from graph_service.auth import Principal, Visibility
from graph_service.auth.tokens import InvalidToken
from graph_service.domain.errors import DomainError
from graph_service.services.state import Services

COOKIE = "partnership_graph_session"
COOKIE_PATH = "/pages"
COOKIE_SECONDS = 8 * 3600  # a working day; the token's own expiry still applies
MAX_TOKEN_LENGTH = 200


class SignInRequired(DomainError):
    code = "sign_in_required"
    status_code = 401


class ForeignOrigin(DomainError):
    code = "foreign_origin"
    status_code = 403


def services_of(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def set_session(response: Response, request: Request, secret: str) -> None:
    response.set_cookie(
        COOKIE,
        secret,
        max_age=COOKIE_SECONDS,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def clear_session(response: Response, request: Request) -> None:
    response.delete_cookie(
        COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )


def principal_of(request: Request) -> Principal:
    """The principal of the session cookie; :class:`SignInRequired` without a valid one."""
    secret = request.cookies.get(COOKIE)
    if not secret or len(secret) > MAX_TOKEN_LENGTH:
        raise SignInRequired("connectez-vous avec votre jeton", message_en="sign in with your token")
    try:
        return services_of(request).tokens.authenticate(secret)
    except InvalidToken as exc:
        raise SignInRequired(
            f"session terminée ({exc.message}) : reconnectez-vous", message_en=exc.message_en
        ) from exc


def visibility_of(request: Request) -> Visibility:
    """What the signed-in principal may see, by the API's rules."""
    services = services_of(request)
    return Visibility(principal_of(request), services.store, services.parents())


def check_origin(request: Request) -> None:
    """Refuse a form post whose Origin (or Referer) is another site."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin is None:
        return  # clients that send neither; the SameSite=Strict cookie still stays home
    if origin == "null" or urlsplit(origin).netloc != request.url.netloc:
        raise ForeignOrigin("formulaire envoyé depuis un autre site", message_en="cross-site form post")


__all__ = [
    "COOKIE",
    "COOKIE_PATH",
    "ForeignOrigin",
    "SignInRequired",
    "check_origin",
    "clear_session",
    "principal_of",
    "services_of",
    "set_session",
    "visibility_of",
]
