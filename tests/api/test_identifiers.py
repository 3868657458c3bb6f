"""The API holds identifiers to the domain's rule: look-alikes refused, a decomposed twin is the same id."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import Api
from tests.domain.test_identifiers import LOOK_ALIKES


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_the_api_refuses_a_look_alike_with_the_same_error(api: Api, look_alike: str) -> None:
    identifier, code_point = LOOK_ALIKES[look_alike]
    response = api.client.post(
        "/organisations",
        json={"id": identifier, "name": "Sosie", "sector": "health"},
        headers=api.headers("admin"),
    )
    assert response.status_code == 422
    body = response.json()
    assert code_point in json.dumps(body)
    assert body["errors"][0]["code"] == "invalid_identifier"
    assert body["errors"][0]["column"] == "id"


def test_the_api_answers_a_decomposed_twin_of_a_stored_id_as_already_there(api: Api) -> None:
    admin = api.headers("admin")
    first = api.client.post(
        "/organisations", json={"id": "\u00e9cole", "name": "A", "sector": "education"}, headers=admin
    )
    assert first.status_code == 201
    twin = api.client.post(
        "/organisations", json={"id": "e\u0301cole", "name": "B", "sector": "education"}, headers=admin
    )
    assert twin.status_code == 409
