"""A bad request is explained in French: pydantic's English stays in ``detail_en``/``message_en``."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Api

ENGLISH = ("Input should", "Field required", "Extra inputs", "JSON decode", "valid integer", "valid list")

BAD_REQUESTS: list[tuple[str, str, dict[str, Any], str]] = [
    ("POST", "/organisations", {"json": {"name": "x"}}, "champ obligatoire manquant"),
    (
        "POST",
        "/organisations",
        {"content": b"{bad", "headers": {"content-type": "application/json"}},
        "JSON illisible",
    ),
    ("POST", "/tokens", {"json": {"role": "lead", "days": -1}}, "attendu plus de 0"),
    ("POST", "/tokens", {"json": {"role": "lead", "extra": 1}}, "champ inconnu"),
    ("GET", "/projects?limit=5000", {}, "attendu au plus 1000"),
    ("GET", "/projects?public=zz", {}, "code inconnu « zz »"),
    (
        "POST",
        "/ties",
        {"json": {"source": "a", "target": "b", "kind": "orientation", "strength": "x"}},
        "nombre entier attendu",
    ),
    ("POST", "/organisations", {"json": [1]}, "objet JSON attendu"),
    ("POST", "/projects/p-roubaix/whatif", {"json": {"add": "x"}}, "liste attendue"),
    (
        "POST",
        "/projects/p-roubaix/whatif",
        {"json": {"add": [{"organisation": "mel"}] * 101}},
        "trop de valeurs (101, au plus 100)",
    ),
]


@pytest.mark.parametrize(("method", "path", "request_kwargs", "french"), BAD_REQUESTS)
def test_a_bad_request_is_explained_in_french_with_the_english_aside(
    api: Api, method: str, path: str, request_kwargs: dict[str, Any], french: str
) -> None:
    options = dict(request_kwargs)  # the parameters are shared by both stores' runs
    headers = {**api.headers("admin"), **options.pop("headers", {})}
    response = api.client.request(method, path, headers=headers, **options)
    assert response.status_code == 422
    body = response.json()
    french_texts = [body["detail"], *(e["message"] for e in body["errors"])]
    assert any(french in text for text in french_texts), french_texts
    assert not [text for text in french_texts for english in ENGLISH if english in text]
    assert body["detail_en"].startswith("invalid request: ")


def test_the_english_detail_names_the_part_without_an_empty_field(api: Api) -> None:
    response = api.client.post("/organisations", json=[1], headers=api.headers("admin"))
    assert response.json()["detail_en"] == (
        "invalid request: body: Input should be a valid dictionary or object to extract fields from"
    )
