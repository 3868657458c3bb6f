"""The data·inclusion API client against a real HTTP server on 127.0.0.1 serving fixture pages.

The server speaks the API's published contract (``/structures`` and ``/services`` with
``code_departement``, ``page``, ``size``; bearer token; ``{items, total, page, size, pages}``) and
can be told to answer 429 or 503 first. The client talks HTTP to it; nothing is mocked.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.services.demo import demo_dataset
from graph_service.stores.sqlite import SQLiteStore
from loaders.data_inclusion.api import ApiClient, ApiUnavailable

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "jeton-de-test"


class FakeApi:
    """The rows served, the failures to send first, and every request received."""

    def __init__(self) -> None:
        self.rows = {
            "structures": json.loads((FIXTURES / "structures.json").read_text("utf-8")),
            "services": json.loads((FIXTURES / "services.json").read_text("utf-8")),
        }
        self.failures: list[tuple[int, dict[str, str]]] = []
        self.requests: list[tuple[str, dict[str, str], str | None]] = []


def handler_for(api: FakeApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep the test output clean
            pass

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            api.requests.append((url.path, query, self.headers.get("Authorization")))
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._send(401, {"detail": "Not authenticated"})
                return
            if api.failures:
                status, headers = api.failures.pop(0)
                self._send(status, {"detail": "later"}, headers)
                return
            table = url.path.rsplit("/", 1)[-1]
            if table not in api.rows:
                self._send(404, {"detail": "Not Found"})
                return
            rows = api.rows[table]
            if "code_departement" in query:
                rows = [r for r in rows if (r.get("code_insee") or "").startswith(query["code_departement"])]
            page, size = int(query.get("page", 1)), int(query.get("size", 5000))
            items = rows[(page - 1) * size : page * size]
            self._send(
                200,
                {
                    "items": items,
                    "total": len(rows),
                    "page": page,
                    "size": len(items),
                    "pages": math.ceil(len(rows) / size),
                },
            )

    return Handler


@pytest.fixture
def api() -> Iterator[tuple[FakeApi, str]]:
    fake = FakeApi()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{server.server_address[1]}/api/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def client(endpoint: str, waits: list[float], **options: Any) -> ApiClient:
    return ApiClient(endpoint=endpoint, token=TOKEN, page_size=3, backoff=0.5, sleep=waits.append, **options)


def test_every_page_of_both_tables_is_read_and_validated_like_the_files(api) -> None:
    fake, endpoint = api
    pages: list[tuple[str, int, int, int]] = []
    records = client(endpoint, []).read("59", progress=lambda *step: pages.append(step))
    # 11 structures of the 59 (not Arras, not the one with no commune) in pages of 3.
    assert records.rows_read["structures"] == 11
    assert [p[:3] for p in pages if p[0] == "structures"] == [("structures", n, 4) for n in (1, 2, 3, 4)]
    assert records.rejected_ids["structures"] == ["dora--invalide"]
    paths = {path for path, _, _ in fake.requests}
    assert paths == {"/api/v1/structures", "/api/v1/services"}
    assert all(q["code_departement"] == "59" and q["size"] == "3" for _, q, _ in fake.requests)


def test_a_429_waits_for_retry_after_and_a_503_backs_off_then_the_read_goes_on(api) -> None:
    fake, endpoint = api
    fake.failures = [(429, {"Retry-After": "7"}), (503, {}), (503, {})]
    waits: list[float] = []
    records = client(endpoint, waits).read("59")
    assert waits == [7.0, 1.0, 2.0]  # Retry-After, then the back-off doubling from 0.5 s
    assert records.rows_read["structures"] == 11


def test_too_many_failures_give_up_with_a_french_error(api) -> None:
    fake, endpoint = api
    fake.failures = [(503, {})] * 4
    with pytest.raises(ApiUnavailable) as caught:
        client(endpoint, [], retries=3).read("59")
    assert "503" in caught.value.message and "4 essais" in caught.value.message


def test_a_refused_token_says_so(api) -> None:
    _, endpoint = api
    refused = ApiClient(endpoint=endpoint, token="faux", sleep=lambda _: None)
    with pytest.raises(ApiUnavailable) as caught:
        refused.read("59")
    assert "DATA_INCLUSION_API_TOKEN" in caught.value.message


def test_the_command_imports_from_the_api_with_the_token_from_the_environment(api, tmp_path: Path) -> None:
    _, endpoint = api
    db = tmp_path / "api.db"
    store = SQLiteStore(db)
    store.upsert_dataset(demo_dataset())
    store.close()
    env = {"DATA_INCLUSION_API_TOKEN": TOKEN, "DATA_INCLUSION_API_URL": endpoint}
    result = CliRunner().invoke(
        app,
        ["--db", str(db), "ecosystem", "import", "data-inclusion", "--api", "--departement", "59"],
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert "organisations ajoutées" in result.output
    store = SQLiteStore(db)
    try:
        imported = [o for o in store.list_organisations() if o.provenance and not o.provenance.matched]
        assert len(imported) == 6  # 9 organisations written, 2 matched, 1 in the 62 left out
    finally:
        store.close()


def test_the_command_without_a_token_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["--db", str(tmp_path / "x.db"), "ecosystem", "import", "data-inclusion", "--api"],
        env={"DATA_INCLUSION_API_TOKEN": ""},
    )
    assert result.exit_code == 2


def test_the_token_never_shows_in_the_client_repr() -> None:
    shown = repr(ApiClient(endpoint="http://127.0.0.1:9/api/v1", token="jeton-secret-123"))
    assert "jeton-secret-123" not in shown
    assert "127.0.0.1:9" in shown


def test_a_malformed_api_address_is_a_french_error_naming_the_variable_without_the_token(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--db",
            str(tmp_path / "x.db"),
            "ecosystem",
            "import",
            "data-inclusion",
            "--api",
            "--departement",
            "59",
        ],
        env={"DATA_INCLUSION_API_TOKEN": "jeton-secret-123", "DATA_INCLUSION_API_URL": "http://[::1"},
    )
    assert result.exit_code == 1, result.output
    assert "DATA_INCLUSION_API_URL" in result.output
    assert "jeton-secret-123" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
