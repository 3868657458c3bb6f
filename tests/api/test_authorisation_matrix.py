"""Every route × every role × own, other and missing resource: the status, and no leak.

"Own" is what the token may see (région 32 for the reviewer, the project ``p-roubaix`` that
``asso-horizon`` leads for the lead); "other" lies in région 11 (``p-saint-denis`` and its
partners); "missing" does not exist. A lead also meets ``rival`` projects on its own territory
(``p-tourcoing-2020``, where it is only a partner, and ``p-valenciennes``). The answer to
"other" must be the answer to "missing", and no body may hold an invisible application's id,
title or exclusive partners' names unless the request itself named it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.conftest import OTHER_PARTNER_NAMES, SAINT_DENIS, Api
from tests.support.datasets import ROUBAIX

TARGETS: dict[str, dict[str, str]] = {
    "own": {
        "project": "p-roubaix",
        "lead": "asso-horizon",
        "organisation": "ml-roubaix",
        "scheme": "cej-roubaix",
        "tie": "asso-horizon|ml-roubaix|orientation|p-roubaix",
        "territory": ROUBAIX,
        "call": "aap-2019",
    },
    "other": {
        "project": "p-saint-denis",
        "lead": "asso-plaine",
        "organisation": "plaine-insertion",
        "scheme": "cej-saint-denis",
        "tie": "asso-plaine|plaine-insertion|convention|p-saint-denis",
        "territory": SAINT_DENIS,
        "call": "aap-plaine",
    },
    "missing": {
        "project": "p-nope",
        "lead": "org-nope",
        "organisation": "org-nope",
        "scheme": "scheme-nope",
        "tie": "org-nope|ml-roubaix|orientation|",
        "territory": "59999",
        "call": "call-nope",
    },
}

# role -> (own, other, missing)
Row = dict[str, tuple[int, int, int]]
READ: Row = {"admin": (200, 200, 404), "reviewer": (200, 404, 404), "lead": (200, 404, 404)}
PUBLIC_READ: Row = {"admin": (200, 200, 404), "reviewer": (200, 200, 404), "lead": (200, 200, 404)}
LIST: Row = {role: (200, 200, 200) for role in ("admin", "reviewer", "lead")}
COMPARISON: Row = {"admin": (200, 200, 404), "reviewer": (200, 404, 404), "lead": (403, 403, 403)}
ADMIN_ONLY: Row = {"admin": (200, 200, 200), "reviewer": (403, 403, 403), "lead": (403, 403, 403)}


def admin_write(own: int, other: int, missing: int) -> Row:
    return {"admin": (own, other, missing), "reviewer": (403, 403, 403), "lead": (403, 403, 403)}


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    expected: Row
    body: dict[str, Any] | None = None
    files: bool = False


NEW_ORGANISATION = {"id": "org-new", "name": "Nouvelle organisation", "sector": "health"}
NEW_PROJECT = {
    "id": "p-new",
    "title": "Nouvelle candidature",
    "call": "aap-2019",
    "lead": "mel",
    "territories": [ROUBAIX],
}

# Reads first, then edits, creations and deletions, so each call meets the data as loaded.
CALLS: list[Call] = [
    Call("GET", "/healthz", {r: (200, 200, 200) for r in ("admin", "reviewer", "lead")}),
    Call("GET", "/projects", LIST),
    Call("GET", "/projects?organisation={organisation}", LIST),
    Call("GET", "/projects?territory={territory}&call={call}", LIST),
    Call("GET", "/projects/{project}", READ),
    Call("GET", "/projects/{project}/report", READ),
    Call("GET", "/projects/{project}/report?format=html&lang=en", READ),
    Call("GET", "/projects/{project}/report?format=text", READ),
    Call("GET", "/projects/{project}/gaps", READ),
    Call("POST", "/projects/{project}/whatif", READ, {"add": [{"organisation": "mel"}]}),
    Call("GET", "/calls/{call}/comparison", COMPARISON),
    Call("GET", "/calls/{call}/comparison?format=csv&lang=en", COMPARISON),
    Call("GET", "/calls/{call}/comparison?format=xlsx", COMPARISON),
    Call("GET", "/organisations", LIST),
    Call("GET", "/organisations?territory={territory}", LIST),
    Call("GET", "/organisations/{organisation}", READ),
    Call("GET", "/schemes", LIST),
    Call("GET", "/schemes?territory={territory}", LIST),
    Call("GET", "/schemes/{scheme}", READ),
    Call("GET", "/territories", LIST),
    Call("GET", "/territories/{territory}", PUBLIC_READ),
    Call("GET", "/territories/{territory}/ecosystem", READ),
    Call("GET", "/ties", LIST),
    Call("GET", "/ties?project={project}", LIST),
    Call("GET", "/ties?organisation={organisation}", LIST),
    Call("GET", "/ties/{tie}", READ),
    Call("GET", "/exports", ADMIN_ONLY),
    Call("GET", "/exports?format=gexf", ADMIN_ONLY),
    Call("GET", "/audit", ADMIN_ONLY),
    Call("GET", "/tokens", ADMIN_ONLY),
    Call(
        "PATCH",
        "/projects/{project}",
        {"admin": (200, 200, 404), "reviewer": (403, 404, 404), "lead": (200, 404, 404)},
        {"title": "Titre modifié"},
    ),
    Call("PATCH", "/organisations/{organisation}", admin_write(200, 200, 404), {"name": "Nom modifié"}),
    Call("PATCH", "/schemes/{scheme}", admin_write(200, 200, 404), {"name": "Nom modifié"}),
    Call("PATCH", "/territories/{territory}", admin_write(200, 200, 404), {"name": "Nom modifié"}),
    Call(
        "PATCH",
        "/ties/{tie}",
        {"admin": (200, 200, 404), "reviewer": (403, 404, 404), "lead": (200, 404, 404)},
        {"strength": 1},
    ),
    Call(
        "POST",
        "/ties",
        {"admin": (201, 201, 422), "reviewer": (403, 403, 403), "lead": (201, 403, 403)},
        {"source": "{lead}", "target": "mel", "kind": "financement", "project": "{project}"},
    ),
    Call("POST", "/organisations", admin_write(201, 201, 201), NEW_ORGANISATION),
    Call("POST", "/projects", admin_write(201, 201, 201), NEW_PROJECT),
    Call(
        "POST",
        "/schemes",
        admin_write(201, 201, 201),
        {"id": "scheme-new", "name": "Nouveau dispositif", "kind": "pass"},
    ),
    Call(
        "POST",
        "/territories",
        admin_write(201, 201, 201),
        {"code": "59178", "name": "Douai", "level": "commune", "parent": "59"},
    ),
    Call("POST", "/imports", admin_write(201, 201, 201), files=True),
    # Without its démarche number and mapping, a sync is refused before calling the platform.
    Call("POST", "/imports/demarches", admin_write(422, 422, 422), files=True),
    Call("POST", "/tokens", admin_write(201, 201, 201), {"role": "admin", "days": 1}),
    Call(
        "DELETE",
        "/ties/{tie}",
        {"admin": (204, 204, 404), "reviewer": (403, 404, 404), "lead": (204, 404, 404)},
    ),
    Call("DELETE", "/organisations/{organisation}", admin_write(409, 409, 404)),
    Call("DELETE", "/schemes/{scheme}", admin_write(409, 409, 404)),
    Call("DELETE", "/territories/{territory}", admin_write(409, 409, 404)),
    Call("DELETE", "/projects/{project}", admin_write(204, 204, 404)),
    Call("DELETE", "/tokens/tok_nope", admin_write(404, 404, 404)),
]


def fill(value: Any, target: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**target)
    if isinstance(value, dict):
        return {k: fill(v, target) for k, v in value.items()}
    return value


def hidden_terms(api: Api, role: str) -> set[str]:
    """What an invisible application is made of: ids, titles, exclusive partners' names."""
    if role == "admin":
        return set()
    hidden = {"p-saint-denis", "Projet confidentiel de la Plaine", *OTHER_PARTNER_NAMES, "plaine-insertion"}
    if role == "lead":
        for project_id in ("p-valenciennes", "p-tourcoing-2020"):
            project = api.services.store.get_project(project_id)
            assert project is not None
            hidden |= {project.id, project.title}
    return hidden


IMPORT_FILE = json.dumps({"organisations": [{"id": "org-imported", "name": "Importée", "sector": "housing"}]})


@pytest.mark.parametrize("role", ["admin", "reviewer", "lead"])
@pytest.mark.parametrize("target", ["own", "other", "missing"])
def test_every_route_answers_each_role_as_the_matrix_says_and_leaks_nothing(
    api: Api, role: str, target: str
) -> None:
    index = ["own", "other", "missing"].index(target)
    hidden = hidden_terms(api, role)
    failures = []
    for call in CALLS:
        path = fill(call.path, TARGETS[target])
        body = fill(call.body, TARGETS[target]) if call.body is not None else None
        files = {"file": ("import.json", IMPORT_FILE.encode(), "application/json")} if call.files else None
        response = api.client.request(call.method, path, json=body, files=files, headers=api.headers(role))
        expected = call.expected[role][index]
        if response.status_code != expected:
            failures.append(
                f"{call.method} {path}: {response.status_code} != {expected} {response.text[:200]}"
            )
        asked = path + json.dumps(body or {}, ensure_ascii=False)
        leaked = [term for term in hidden if term in response.text and term not in asked]
        if leaked:
            failures.append(f"{call.method} {path} leaks {leaked}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("project_id", ["p-tourcoing-2020", "p-valenciennes"])
def test_a_lead_gets_404_on_the_applications_of_its_territory_it_does_not_lead(
    api: Api, project_id: str
) -> None:
    missing = api.client.get("/projects/p-nope", headers=api.headers("lead"))
    response = api.client.get(f"/projects/{project_id}", headers=api.headers("lead"))
    assert response.status_code == 404
    assert response.json()["error"] == missing.json()["error"]
    listed = api.client.get("/projects", headers=api.headers("lead")).json()
    assert [p["id"] for p in listed["data"]] == ["p-roubaix"]


def test_the_matrix_walks_every_route_of_the_app(api: Api) -> None:
    """A new route must be added to the matrix: this fails until it is (routes read from OpenAPI)."""
    walked = {(c.method, c.path.split("?")[0].replace("tok_nope", "{token_id}")) for c in CALLS}
    placeholders = {
        "{project_id}": "{project}",
        "{organisation_id}": "{organisation}",
        "{scheme_id}": "{scheme}",
        "{code}": "{territory}",
        "{key}": "{tie}",
    }
    routes = set()
    for path, item in api.client.app.openapi()["paths"].items():  # type: ignore[attr-defined]
        for old, new in placeholders.items():
            path = path.replace(old, new)
        routes |= {(method.upper(), path) for method in item}
    assert len(routes) > 30
    assert routes - walked == set()


def test_the_audit_log_records_who_changed_what_before_and_after(api: Api) -> None:
    response = api.client.patch(
        "/projects/p-roubaix", json={"title": "Aller vers, encore"}, headers=api.headers("lead")
    )
    assert response.status_code == 200
    entries = api.client.get("/audit?entity=project", headers=api.headers("admin")).json()["data"]
    assert entries[0]["action"] == "update"
    assert entries[0]["key"] == "p-roubaix"
    assert entries[0]["actor"].startswith("lead:tok_")
    assert entries[0]["before"]["title"] == "Aller vers les jeunes de Roubaix"
    assert entries[0]["after"]["title"] == "Aller vers, encore"


def test_a_lead_cannot_hand_its_project_to_another_organisation(api: Api) -> None:
    response = api.client.patch("/projects/p-roubaix", json={"lead": "mel"}, headers=api.headers("lead"))
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    assert api.services.store.get_project("p-roubaix").lead == "asso-horizon"  # type: ignore[union-attr]
