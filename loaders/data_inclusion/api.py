"""The data·inclusion API (v1): structures and services of a département, page by page.

``GET {endpoint}/structures`` and ``GET {endpoint}/services`` take ``code_departement``, ``page``
(from 1) and ``size``, need ``Authorization: Bearer <token>``, and answer
``{"items": [...], "total": N, "page": P, "size": S, "pages": K}``; each item is a row of the
published files. The client asks for every page in turn and hands each item to the same row
validation as the files.

A 429 waits for ``Retry-After`` seconds (or the back-off) and asks again; a 5xx, a timeout or a
broken connection is retried with exponential back-off, ``retries`` times at most; 401 and 403 say
the token is refused. Nothing is stored before every page of both tables is read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from graph_service.domain.errors import DomainError
from graph_service.domain.french import count, count_en
from loaders.data_inclusion.records import Records, add_service, add_structure

DEFAULT_ENDPOINT = "https://api.data.inclusion.gouv.fr/api/v1"
DEFAULT_PAGE_SIZE = 1000

# (table, page read, pages in all, rows so far): the CLI draws its progress bar from it.
Progress = Callable[[str, int, int, int], None]


class ApiUnavailable(DomainError):
    """The API could not be read (refused token, too many failures): nothing was stored."""

    code = "data_inclusion_api_unavailable"
    status_code = 502


@dataclass(frozen=True)
class ApiClient:
    """Reads the API over HTTP; ``sleep`` is injectable so tests do not wait for real."""

    endpoint: str
    token: str = field(repr=False)  # never in a repr, hence never in a traceback or a log
    page_size: int = DEFAULT_PAGE_SIZE
    retries: int = 5
    backoff: float = 1.0
    timeout: float = 30.0
    sleep: Callable[[float], None] = time.sleep

    def _get(self, client: httpx.Client, url: str, params: dict[str, str | int]) -> dict:
        attempt = 0
        while True:
            attempt += 1
            wait = self.backoff * 2 ** (attempt - 1)
            try:
                response = client.get(url, params=params)
            except httpx.InvalidURL as exc:
                raise ApiUnavailable(
                    f"adresse de l'API data·inclusion invalide ({url}) : vérifiez DATA_INCLUSION_API_URL",
                    message_en=f"invalid data·inclusion API address ({url}): check DATA_INCLUSION_API_URL",
                ) from exc
            except httpx.TransportError as exc:
                if attempt > self.retries:
                    raise ApiUnavailable(
                        f"API data·inclusion injoignable ({url}) après {count(attempt, 'essai')} : {exc}",
                        message_en=f"data·inclusion API unreachable ({url}) after {count_en(attempt, 'attempt')}",
                    ) from exc
                self.sleep(wait)
                continue
            if response.status_code in (401, 403):
                raise ApiUnavailable(
                    "jeton refusé par l'API data·inclusion (DATA_INCLUSION_API_TOKEN)",
                    message_en="token refused by the data·inclusion API (DATA_INCLUSION_API_TOKEN)",
                )
            if response.status_code == 429 or response.status_code >= 500:
                if attempt > self.retries:
                    raise ApiUnavailable(
                        f"API data·inclusion : réponse {response.status_code} après {count(attempt, 'essai')} ({url})",
                        message_en=f"data·inclusion API answered {response.status_code} {count_en(attempt, 'time')}",
                    )
                retry_after = response.headers.get("Retry-After", "")
                self.sleep(float(retry_after) if retry_after.isdigit() else wait)
                continue
            if response.status_code != 200:
                raise ApiUnavailable(
                    f"API data·inclusion : réponse {response.status_code} inattendue ({url})",
                    message_en=f"data·inclusion API answered {response.status_code} ({url})",
                )
            try:
                page = response.json()
            except ValueError as exc:
                raise ApiUnavailable(
                    f"API data·inclusion : réponse illisible ({url})",
                    message_en=f"data·inclusion API sent an unreadable answer ({url})",
                ) from exc
            if not isinstance(page, dict) or not isinstance(page.get("items"), list):
                raise ApiUnavailable(
                    f"API data·inclusion : page sans « items » ({url})",
                    message_en=f"data·inclusion API page without items ({url})",
                )
            return page

    def read(
        self, departement: str | None, *, strict: bool = False, progress: Progress | None = None
    ) -> Records:
        """Every structure and service of ``departement`` (all of France when ``None``)."""
        records = Records()
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        with httpx.Client(headers=headers, timeout=self.timeout) as client:
            for table, add in (("structures", add_structure), ("services", add_service)):
                url = f"{self.endpoint.rstrip('/')}/{table}"
                page_number, pages, row = 1, 1, 0
                while page_number <= pages:
                    params: dict[str, str | int] = {"page": page_number, "size": self.page_size}
                    if departement is not None:
                        params["code_departement"] = departement
                    page = self._get(client, url, params)
                    pages = int(page.get("pages") or 0)
                    for item in page["items"]:
                        row += 1
                        add(item, f"API {table}", row, strict, records)
                    if progress is not None:
                        progress(table, page_number, max(pages, 1), row)
                    page_number += 1
        return records


__all__ = ["DEFAULT_ENDPOINT", "DEFAULT_PAGE_SIZE", "ApiClient", "ApiUnavailable", "Progress"]
