"""Hostile uploads and oversized work through the API, on both stores: a French 413 or 422 in the
error shape, nothing stored, never a 500 or plain text."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph_service.domain.models import Dataset
from tests.api.conftest import Api
from tests.support.hostile import (
    bad_rows_csv,
    billion_laughs_workbook,
    external_entity_workbook,
    long_number_json,
    nested_json,
    shared_strings,
    sheet_rows,
    workbook_bytes,
)

BIG_PROJECT = "p-roubaix"  # its lead and three partners: four members


def upload(api: Api, name: str, data: bytes) -> httpx.Response:
    return api.client.post("/imports", files={"file": (name, data)}, headers=api.headers("admin"))


def error_body(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["error"] == code
    assert body["detail"] and body["detail_en"]
    return body


@pytest.mark.parametrize(
    ("name", "build", "code"),
    [
        ("profond.json", lambda: nested_json(100_000), "too_deep"),
        ("nombre.json", lambda: long_number_json(5_000), "number_too_long"),
        ("rires.xlsx", billion_laughs_workbook, "xml_entities"),
        ("externe.xlsx", external_entity_workbook, "xml_entities"),
    ],
)
def test_a_hostile_file_answers_422_in_french_and_stores_nothing(
    api: Api, name: str, build, code: str
) -> None:  # type: ignore[no-untyped-def]
    before = api.export()
    body = error_body(upload(api, name, build()), 422, "invalid_input")
    assert [error["code"] for error in body["errors"]] == [code]
    assert body["detail"].startswith("données invalides : 1 erreur,")
    assert api.export() == before


def test_a_workbook_of_too_many_rows_answers_413_naming_the_setting(api: Api) -> None:
    api.services.settings.max_rows = 500
    body = error_body(upload(api, "lignes.xlsx", workbook_bytes(sheet_rows(2_000))), 413, "file_too_large")
    assert "plus de 500 lignes" in body["detail"]
    assert "PARTNERSHIP_GRAPH_MAX_ROWS" in body["detail"]


def test_a_workbook_of_too_many_shared_strings_answers_413(api: Api) -> None:
    api.services.settings.max_shared_strings = 100
    data = workbook_bytes(strings=shared_strings(extra=1_000))
    body = error_body(upload(api, "textes.xlsx", data), 413, "file_too_large")
    assert "textes distincts" in body["detail"]


def test_a_file_of_thousands_of_errors_answers_the_first_hundred_and_the_count(api: Api) -> None:
    body = error_body(upload(api, "organisations.csv", bad_rows_csv(3_000)), 422, "invalid_input")
    assert len(body["errors"]) == 100
    assert body["total"] == 3_000
    assert body["detail"].startswith("données invalides : 3000 erreurs (les 100 premières ci-dessous)")


def test_a_report_beyond_the_network_size_limit_answers_413_with_the_limit(api: Api) -> None:
    api.services.settings.max_network_members = 3
    response = api.client.get(f"/projects/{BIG_PROJECT}/report", headers=api.headers("admin"))
    body = error_body(response, 413, "network_too_large")
    assert "4 membres" in body["detail"] and "limite de 3" in body["detail"]


def test_a_what_if_growing_the_network_past_the_limit_answers_413(api: Api) -> None:
    api.services.settings.max_network_members = 4
    request = {"add": [{"organisation": "e2c-hainaut"}]}
    response = api.client.post(f"/projects/{BIG_PROJECT}/whatif", json=request, headers=api.headers("admin"))
    error_body(response, 413, "network_too_large")


def test_a_what_if_is_cached_until_the_next_write(api: Api) -> None:
    url = f"/projects/{BIG_PROJECT}/whatif"
    request = {"remove": ["ml-roubaix"]}
    first = api.client.post(url, json=request, headers=api.headers("admin"))
    assert first.status_code == 200
    # The project changed behind the service's back (no write through the API, so no new data
    # version): a recomputation would see one partner fewer, the cached answer does not.
    store = api.services.store
    project = store.get_project(BIG_PROJECT)
    assert project is not None
    fewer = project.model_copy(
        update={"partners": [p for p in project.partners if p.organisation != "ent-textile"]}
    )
    store.upsert_dataset(Dataset(projects=[fewer]))
    assert api.client.post(url, json=request, headers=api.headers("admin")).json() == first.json()
    api.services.cache.bump()  # what any write through the API does
    assert api.client.post(url, json=request, headers=api.headers("admin")).json() != first.json()
