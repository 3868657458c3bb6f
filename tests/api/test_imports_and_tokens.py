"""Imports over HTTP refuse bad files whole (422, store unchanged) and big ones (413); tokens expire."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from graph_service.api import create_app
from graph_service.auth import Role
from graph_service.settings import Settings
from graph_service.stores.sqlite import SQLiteStore
from tests.api.conftest import Api


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "organisations"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def organisations_json(*entries: dict[str, object]) -> bytes:
    return json.dumps({"organisations": list(entries)}).encode()


BAD_FILES: dict[str, tuple[str, bytes]] = {
    "unknown code": ("u.json", organisations_json({"id": "x", "name": "X", "sector": "bakery"})),
    "dangling id": (
        "d.json",
        organisations_json({"id": "x", "name": "X", "sector": "social", "territories": ["99999"]}),
    ),
    "duplicate id": (
        "dup.json",
        organisations_json(
            {"id": "x", "name": "X", "sector": "social"}, {"id": "x", "name": "Y", "sector": "social"}
        ),
    ),
    "empty file": ("empty.json", b""),
    "not json": ("broken.json", b"{not json"),
    "unsupported format": ("notes.txt", b"bonjour"),
    "10,000-character cell": (
        "long.json",
        organisations_json({"id": "x", "name": "N" * 10_000, "sector": "social"}),
    ),
    "wrong encoding in a CSV bundle": (
        "bundle.zip",
        zipped({"organisations.csv": "id,name,sector\nx,Évry,social\n".encode("utf-16")}),
    ),
    "missing column in a CSV bundle": ("bundle.zip", zipped({"organisations.csv": b"id,name\nx,X\n"})),
    "not a zip": ("bundle.zip", b"PK\x03\x04 broken"),
    "not a workbook": ("classeur.xlsx", b"PK\x03\x04 broken"),
    "formula cell in a workbook": (
        "formule.xlsx",
        workbook([["id", "name", "sector"], ["asso-x", "X", "social"], ["ml-y", '=A3&" bis"', "employment"]]),
    ),
    "unknown code in a workbook": (
        "codes.xlsx",
        workbook([["id", "name", "sector"], ["asso-x", "X", "bakery"]]),
    ),
    "old Excel format": ("ancien.xls", b"\xd0\xcf\x11\xe0 old excel"),
    "good rows beside a bad one": (
        "mixed.json",
        organisations_json(
            {"id": "good", "name": "Good", "sector": "social"}, {"id": "bad", "name": "Bad", "sector": "?"}
        ),
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_answers_422_with_every_error_and_stores_nothing(api: Api, case: str) -> None:
    name, data = BAD_FILES[case]
    before = api.export()
    response = api.client.post(
        "/imports", files={"file": (name, data, "application/octet-stream")}, headers=api.headers("admin")
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_input"
    assert body["errors"], "every error is listed"
    assert all(error["message"] for error in body["errors"])
    assert api.export() == before


def test_every_row_error_of_a_file_is_reported_at_once(api: Api) -> None:
    data = organisations_json(
        {"id": "a", "name": "A", "sector": "bakery"},
        {"id": "b", "name": "B", "sector": "social", "publics": ["x"]},
    )
    response = api.client.post("/imports", files={"file": ("two.json", data)}, headers=api.headers("admin"))
    rows = sorted(error["row"] for error in response.json()["errors"])
    assert rows == [1, 2]


def test_an_upload_over_the_limit_answers_413_and_stores_nothing(api: Api) -> None:
    before = api.export()
    big = b" " * (api.services.settings.max_file_bytes + 200_000)
    response = api.client.post("/imports", files={"file": ("big.json", big)}, headers=api.headers("admin"))
    assert response.status_code == 413
    assert response.json()["error"] == "file_too_large"
    assert api.export() == before


def test_a_file_just_over_the_limit_inside_the_envelope_allowance_is_refused_by_the_loader(api: Api) -> None:
    big = b" " * (api.services.settings.max_file_bytes + 10)
    response = api.client.post("/imports", files={"file": ("big.json", big)}, headers=api.headers("admin"))
    assert response.status_code == 413


def test_a_chunked_body_without_length_is_cut_at_the_limit(api: Api) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"x" * 65536

    response = api.client.post(
        "/organisations",
        content=chunks(),
        headers={**api.headers("admin"), "Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_a_good_file_is_imported_and_audited(api: Api) -> None:
    data = organisations_json({"id": "org-up", "name": "Téléversée", "sector": "housing"})
    response = api.client.post("/imports", files={"file": ("ok.json", data)}, headers=api.headers("admin"))
    assert response.status_code == 201
    assert response.json()["tables"]["organisations"]["added"] == 1
    assert api.services.store.get_organisation("org-up") is not None
    audit = api.client.get("/audit?entity=dataset", headers=api.headers("admin")).json()
    assert audit["data"][0]["action"] == "import"


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer pg_not-a-token", "Basic YWRtaW46YWRtaW4=", "pg_without_scheme"],
)
def test_no_token_or_a_bad_one_answers_401(api: Api, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = api.client.get("/projects", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["error"] in {"unauthenticated", "invalid_token"}


def test_a_revoked_token_answers_401_at_once(api: Api) -> None:
    issued = api.services.tokens.create(Role.REVIEWER, regions=["32"])
    headers = {"Authorization": f"Bearer {issued.secret}"}
    assert api.client.get("/projects", headers=headers).status_code == 200
    revoked = api.client.delete(f"/tokens/{issued.record.id}", headers=api.headers("admin"))
    assert revoked.json()["active"] is False
    response = api.client.get("/projects", headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"] == "jeton révoqué"


def test_an_expired_token_answers_401(api: Api) -> None:
    issued = api.services.tokens.create(Role.ADMIN, days=1)
    api.services.auth.connection().execute(
        "UPDATE tokens SET expires_at = ? WHERE id = ?",
        ((issued.record.created_at - timedelta(seconds=1)).isoformat(), issued.record.id),
    )
    response = api.client.get("/projects", headers={"Authorization": f"Bearer {issued.secret}"})
    assert response.status_code == 401
    assert response.json()["detail"] == "jeton expiré"


def test_tokens_are_kept_only_as_hashes(api: Api) -> None:
    issued = api.services.tokens.create(Role.ADMIN)
    rows = api.services.auth.connection().execute("SELECT * FROM tokens").fetchall()
    assert issued.secret not in repr(rows)
    listed = api.client.get("/tokens", headers=api.headers("admin")).text
    assert issued.secret not in listed


def test_a_reviewer_token_needs_a_region_of_the_store(api: Api) -> None:
    response = api.client.post(
        "/tokens", json={"role": "reviewer", "regions": ["59"]}, headers=api.headers("admin")
    )
    assert response.status_code == 400
    assert "région" in response.json()["detail"]


def test_healthz_answers_503_when_the_store_cannot(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    store = SQLiteStore(folder / "graph.db")
    store.close()
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()
    folder.write_text("a file where the database folder was")
    with TestClient(create_app(settings, store)) as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["error"] == "store_unavailable"


def test_an_admin_cannot_revoke_the_last_active_admin_token(api: Api) -> None:
    admin = api.headers("admin")
    own = api.services.tokens.authenticate(api.tokens["admin"]).token_id
    refused = api.client.delete(f"/tokens/{own}", headers=admin)
    assert refused.status_code == 409
    assert refused.json()["error"] == "last_admin_token"
    assert "dernier jeton administrateur actif" in refused.json()["detail"]
    assert api.client.get("/tokens", headers=admin).status_code == 200  # still in charge
    second = api.services.tokens.create(Role.ADMIN)
    assert api.client.delete(f"/tokens/{own}", headers=admin).status_code == 200
    last = {"Authorization": f"Bearer {second.secret}"}
    assert api.client.delete(f"/tokens/{second.record.id}", headers=last).status_code == 409
    assert api.services.tokens.get(second.record.id).revoked_at is None
