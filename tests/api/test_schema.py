"""Schemathesis against the app's live OpenAPI schema: no server error, every answer in its schema.

A bounded, deterministic run per operation (``MAX_EXAMPLES`` examples, derandomised) on each
store, with an admin token so that every operation is reached past authentication, and once with
a lead's token so that the 403/404 answers are checked against the schema too.
"""

from __future__ import annotations

from functools import cache

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_service.api import create_app
from graph_service.settings import Settings
from tests.api.conftest import Api

# Per operation; a lead meets mostly 403 and 404, which fewer examples cover.
MAX_EXAMPLES = {"admin": 20, "lead": 10}
# Schema-valid data may still break a rule no JSON schema states (an INSEE code of the right
# shape for its level, a reference to an existing id): those answers are 422 by design.
EXCLUDED = [schemathesis.checks.positive_data_acceptance]


@cache
def live_schema() -> schemathesis.BaseSchema:
    """The schema served at /openapi.json, loaded once (each test binds it to its own app)."""
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings()))


def operation_labels() -> list[tuple[str, str]]:
    document = create_app(Settings()).openapi()
    return [
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]


@pytest.mark.parametrize("role", ["admin", "lead"])
@pytest.mark.parametrize(("method", "path"), operation_labels())
def test_every_operation_answers_within_its_schema_and_never_500(
    api: Api, method: str, path: str, role: str
) -> None:
    schema = live_schema()
    schema.app = api.client.app
    operation = schema[path][method]
    headers = api.headers(role)

    @given(data=st.data())
    @settings(
        max_examples=MAX_EXAMPLES[role],
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(data: st.DataObject) -> None:
        case = data.draw(operation.as_strategy())
        case.call_and_validate(headers=headers, excluded_checks=EXCLUDED)

    run()
