"""A small client of the démarches-simplifiées GraphQL API (v2): one démarche's dossiers, page by page.

It speaks HTTP (httpx) to the endpoint it is given, with the token in the ``Authorization`` header
and nowhere else (never in a message, a log or a repr). It honours HTTP 429 with its
``Retry-After``, retries timeouts with exponential backoff, and stops on anything else with a
French message: an expired token (401), a démarche the token cannot read (403), a GraphQL error
(with the platform's own message).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from graph_service.domain.errors import DomainError
from loaders.demarches_api import DOSSIERS_QUERY

DEFAULT_PAGE_SIZE = 100  # the API's maximum per request
MAX_RETRY_AFTER = 120.0  # seconds: a longer wait is reported rather than slept through


class DemarchesApiError(DomainError):
    """The platform refused or failed a request; nothing was imported."""

    code = "demarches_api"
    status_code = 502


class DemarchesTokenMissing(DemarchesApiError):
    """No token configured: the server cannot call the platform (the admin can fix it)."""

    code = "demarches_token_missing"
    status_code = 409


@dataclass(frozen=True)
class Page:
    """One answer: dossiers, the cursor to continue from, and the dossiers deleted since."""

    nodes: list[dict[str, Any]]
    has_next_page: bool
    end_cursor: str | None
    deleted: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DemarchesClient:
    """Pages through a démarche's dossiers; ``sleep`` waits (a 429's delay, a retry's backoff)."""

    url: str
    token: str = field(repr=False)
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0
    page_size: int = DEFAULT_PAGE_SIZE
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0

    def __post_init__(self) -> None:
        if not self.token:
            raise DemarchesTokenMissing(
                "jeton de l'API démarches-simplifiées absent : définissez la variable d'environnement "
                "DS_API_TOKEN (jeton d'administrateur de la démarche)",
                message_en="DS_API_TOKEN is not set",
            )

    def page(self, demarche: int, after: str | None, updated_since: str | None, with_deleted: bool) -> Page:
        """Fetch one page of dossiers (and, with the first, the dossiers deleted since)."""
        variables: dict[str, Any] = {
            "demarcheNumber": demarche,
            "first": self.page_size,
            "after": after,
            "updatedSince": updated_since,
            "includeDeleted": with_deleted,
        }
        data = self._post({"query": DOSSIERS_QUERY, "variables": variables}, demarche)
        dossiers = data["demarche"]["dossiers"]
        info = dossiers["pageInfo"]
        deleted = (data["demarche"].get("deletedDossiers") or {}).get("nodes") or []
        return Page(
            nodes=[node for node in dossiers["nodes"] or [] if node],
            has_next_page=bool(info["hasNextPage"]),
            end_cursor=info.get("endCursor"),
            deleted=[node for node in deleted if node],
        )

    def _post(self, body: dict[str, Any], demarche: int) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        attempt = 0
        with httpx.Client(timeout=self.timeout) as http:
            while True:
                self.requests += 1
                try:
                    response = http.post(self.url, json=body, headers=headers)
                except httpx.TimeoutException as exc:
                    attempt += 1
                    if attempt > self.retries:
                        raise DemarchesApiError(
                            f"l'API démarches-simplifiées ne répond pas (délai de {self.timeout:g} s dépassé "
                            f"{attempt} fois) : réessayez plus tard",
                            message_en="the démarches-simplifiées API timed out",
                        ) from exc
                    self.sleep(self.backoff * 2 ** (attempt - 1))
                    continue
                except (httpx.HTTPError, httpx.InvalidURL) as exc:  # a malformed DS_API_URL too
                    raise DemarchesApiError(
                        f"l'API démarches-simplifiées est injoignable ({type(exc).__name__})",
                        message_en=f"cannot reach the démarches-simplifiées API: {type(exc).__name__}",
                    ) from exc
                if response.status_code == 429:
                    attempt += 1
                    wait = _retry_after(response)
                    if attempt > self.retries or wait > MAX_RETRY_AFTER:
                        raise DemarchesApiError(
                            "l'API démarches-simplifiées limite le nombre de requêtes (429) : "
                            f"réessayez dans {wait:g} s",
                            message_en="rate limited by the démarches-simplifiées API",
                        )
                    self.sleep(wait)
                    continue
                return _answer(response, demarche)


def _retry_after(response: httpx.Response) -> float:
    """Seconds to wait: ``Retry-After`` as a number of seconds or an HTTP date (RFC 9110)."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return 1.0
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return 1.0
        return max(0.0, when.timestamp() - time.time())


def _answer(response: httpx.Response, demarche: int) -> dict[str, Any]:
    """The data of a GraphQL answer, or the error a person can act on."""
    if response.status_code == 401:
        raise DemarchesApiError(
            "jeton de l'API démarches-simplifiées refusé (expiré ou révoqué) : créez-en un nouveau "
            "dans votre profil d'administrateur et mettez à jour DS_API_TOKEN",
            message_en="the démarches-simplifiées token was refused (expired or revoked)",
        )
    if response.status_code == 403:
        raise DemarchesApiError(
            f"accès refusé à la démarche {demarche} : le jeton n'appartient pas à un administrateur "
            "de cette démarche",
            message_en=f"the token cannot read démarche {demarche}",
        )
    try:
        document = response.json()
    except ValueError:
        document = None
    errors = document.get("errors") if isinstance(document, dict) else None
    if errors:
        messages = "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors)
        raise DemarchesApiError(
            f"l'API démarches-simplifiées a répondu par une erreur : {messages}",
            message_en=f"GraphQL error from démarches-simplifiées: {messages}",
        )
    if response.status_code >= 400 or not isinstance(document, dict) or not document.get("data"):
        raise DemarchesApiError(
            f"réponse inattendue de l'API démarches-simplifiées (HTTP {response.status_code})",
            message_en=f"unexpected answer from the démarches-simplifiées API (HTTP {response.status_code})",
        )
    data: dict[str, Any] = document["data"]
    return data


__all__ = ["DEFAULT_PAGE_SIZE", "DemarchesApiError", "DemarchesClient", "DemarchesTokenMissing", "Page"]
