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
import re
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
        {"source": "{lead}", "target": "{organisation}", "kind": "financement", "project": "{project}"},
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


# -- the write matrix ------------------------------------------------------------------------------
#
# Every write route × role × the target it names: one the token may name (``own``), one it cannot
# see (``invisible``: région 11, or the applications a lead does not lead) and one that does not
# exist (``missing``). A lead writes only inside its own project: ties between its members, partners
# and schemes it already sees, territories in its départements. The invisible target must be
# answered exactly as the missing one (same status, same body once the ids are swapped) and a
# refused write must leave the store as it was.

P = "p-roubaix"
PARTNERS = "{partners}"  # the project's partners as stored when the call is made, then one more


@dataclass(frozen=True)
class Write:
    method: str
    path: str
    bodies: tuple[dict[str, Any] | None, dict[str, Any] | None, dict[str, Any] | None]
    expected: Row  # role -> (own, invisible, missing)
    paths: tuple[str, str, str] | None = None
    # The roles to which the invisible target must show as missing (territories are public).
    same_for: tuple[str, ...] = ("reviewer", "lead")


def _tie(
    target: str, project: str = P, kind: str = "financement", source: str = "asso-horizon"
) -> dict[str, Any]:
    return {"source": source, "target": target, "kind": kind, "project": project}


def _three(
    template: dict[str, Any], field_name: str, values: tuple[Any, Any, Any]
) -> tuple[dict[str, Any], ...]:
    return tuple({**template, field_name: value} for value in values)


def _numbered(bodies: tuple[dict[str, Any], ...]) -> tuple[dict[str, Any], ...]:
    """The same new entity three times, under three ids."""
    return tuple({**body, "id": f"{body['id']}-{number}"} for number, body in enumerate(bodies, 1))


OWN_TIE = "asso-horizon|ml-roubaix|orientation|p-roubaix"
INVISIBLE_TIE = "asso-plaine|plaine-insertion|convention|p-saint-denis"
MISSING_TIE = "asso-nope|plaine-nope|convention|p-nope"
KNOWN_TIE = "ml-roubaix|mel|echange_information|"
LEAD_ONLY: Row = {"admin": (0, 0, 0), "reviewer": (403, 403, 403), "lead": (403, 403, 403)}


def admin_only(own: int, invisible: int, missing: int) -> Row:
    return {"admin": (own, invisible, missing), "reviewer": (403, 403, 403), "lead": (403, 403, 403)}


WRITES: list[Write] = [
    # A lead's tie: both ends members of its project, declared by its project.
    Write(
        "POST",
        "/ties",
        (_tie("ml-roubaix"), _tie("plaine-insertion"), _tie("plaine-nope")),
        {"admin": (201, 201, 422), "reviewer": (403, 403, 403), "lead": (201, 422, 422)},
    ),
    Write(
        "POST",
        "/ties",
        (
            _tie("ft-tourcoing", kind="convention"),
            _tie("ml-roubaix", "p-saint-denis", "convention"),
            _tie("ml-roubaix", "p-nope", "convention"),
        ),
        {"admin": (201, 201, 422), "reviewer": (403, 403, 403), "lead": (201, 403, 403)},
    ),
    Write(  # the lead's own project, but the other application it is a partner of as provenance
        "POST",
        "/ties",
        (
            _tie("ent-textile", kind="orientation", source="ml-roubaix"),
            _tie("ml-roubaix", "p-tourcoing-2020", "orientation"),
            _tie("ml-roubaix", "p-nope", "orientation"),
        ),
        {"admin": (201, 201, 422), "reviewer": (403, 403, 403), "lead": (201, 403, 403)},
    ),
    Write(  # a visible organisation that is not a member, and a tie known outside any project
        "POST",
        "/ties",
        (_tie("mel", kind="co_intervention"), _tie("mel", kind="orientation", project=None), None),  # type: ignore[arg-type]
        {"admin": (201, 201, 0), "reviewer": (403, 403, 0), "lead": (422, 403, 0)},
        same_for=(),
    ),
    Write(
        "PATCH",
        "/ties/{key}",
        ({"strength": 1},) * 3,
        {"admin": (200, 200, 404), "reviewer": (403, 404, 404), "lead": (200, 404, 404)},
        paths=(OWN_TIE, INVISIBLE_TIE, MISSING_TIE),
    ),
    Write(
        "PATCH",
        "/ties/{key}",
        ({"formal": True}, None, None),
        {"admin": (200, 0, 0), "reviewer": (403, 0, 0), "lead": (403, 0, 0)},
        paths=(KNOWN_TIE, "", ""),
    ),
    Write(
        "DELETE",
        "/ties/{key}",
        (None,) * 3,
        {"admin": (403 * 0 + 204, 0, 0), "reviewer": (403, 0, 0), "lead": (403, 0, 0)},
        paths=(KNOWN_TIE, "", ""),
    ),
    Write(
        "DELETE",
        "/ties/{key}",
        (None,) * 3,
        {"admin": (204, 204, 404), "reviewer": (403, 404, 404), "lead": (204, 404, 404)},
        paths=(OWN_TIE, INVISIBLE_TIE, MISSING_TIE),
    ),
    # A lead's project: partners and schemes among what it sees, territories in its départements.
    Write(
        "POST",
        "/projects/{key}/whatif",
        _three(
            {},
            "add",
            (
                [{"organisation": "mel"}],
                [{"organisation": "plaine-insertion"}],
                [{"organisation": "plaine-nope"}],
            ),
        ),  # type: ignore[arg-type]
        {"admin": (200, 200, 404), "reviewer": (200, 404, 404), "lead": (200, 404, 404)},
        paths=(P, P, P),
    ),
    Write(
        "PATCH",
        "/projects/{key}",
        ({"partners": PARTNERS},) * 3,  # type: ignore[arg-type]
        {"admin": (200, 200, 422), "reviewer": (403, 403, 403), "lead": (200, 422, 422)},
        paths=(P, P, P),
    ),
    Write(
        "PATCH",
        "/projects/{key}",
        _three(
            {},
            "schemes",
            (
                ["cej-roubaix", "plie-valenciennes"],
                ["cej-roubaix", "cej-saint-denis"],
                ["cej-roubaix", "scheme-nope"],
            ),
        ),  # type: ignore[arg-type]
        {"admin": (200, 200, 422), "reviewer": (403, 403, 403), "lead": (200, 422, 422)},
        paths=(P, P, P),
    ),
    Write(
        "PATCH",
        "/projects/{key}",
        _three({}, "territories", ([ROUBAIX, "59606"], [ROUBAIX, SAINT_DENIS], [ROUBAIX, "59999"])),  # type: ignore[arg-type]
        {"admin": (200, 200, 422), "reviewer": (403, 403, 403), "lead": (200, 403, 422)},
        paths=(P, P, P),
        same_for=(),
    ),
    Write(
        "PATCH",
        "/projects/{key}",
        ({"title": "Titre modifié"},) * 3,
        {"admin": (200, 200, 404), "reviewer": (403, 404, 404), "lead": (200, 404, 404)},
        paths=(P, "p-saint-denis", "p-nope"),
    ),
    Write(
        "PATCH",
        "/projects/{key}",
        ({"title": "Titre modifié"},) * 3,
        {"admin": (200, 200, 404), "reviewer": (403, 403, 404), "lead": (404, 404, 404)},
        paths=("p-valenciennes", "p-tourcoing-2020", "p-nope"),
        same_for=("lead",),
    ),
    # Reference data and administration: admins only, whatever the target.
    Write(
        "PATCH",
        "/organisations/{key}",
        ({"name": "Nom modifié"},) * 3,
        admin_only(200, 200, 404),
        paths=("ml-roubaix", "plaine-insertion", "plaine-nope"),
    ),
    Write(
        "PATCH",
        "/schemes/{key}",
        ({"name": "Nom modifié"},) * 3,
        admin_only(200, 200, 404),
        paths=("cej-roubaix", "cej-saint-denis", "scheme-nope"),
    ),
    Write(
        "PATCH",
        "/territories/{key}",
        ({"name": "Nom modifié"},) * 3,
        admin_only(200, 200, 404),
        paths=(ROUBAIX, SAINT_DENIS, "59999"),
    ),
    Write(
        "POST",
        "/organisations",
        _numbered(_three(NEW_ORGANISATION, "territories", ([ROUBAIX], [SAINT_DENIS], ["59999"]))),
        admin_only(201, 201, 422),
    ),
    Write(
        "POST",
        "/schemes",
        _numbered(
            _three(
                {"id": "scheme-new", "name": "Nouveau dispositif", "kind": "pass"},
                "operator",
                ("ml-roubaix", "plaine-insertion", "plaine-nope"),
            )
        ),
        admin_only(201, 201, 422),
    ),
    Write(
        "POST",
        "/projects",
        _numbered(_three(NEW_PROJECT, "lead", ("mel", "asso-plaine", "asso-nope"))),
        admin_only(201, 201, 422),
    ),
    Write(
        "POST",
        "/territories",
        _three({"name": "Douai", "level": "commune", "parent": "59"}, "code", ("59178", "59179", "59180")),
        admin_only(201, 201, 201),
    ),
    Write("POST", "/imports", (None,) * 3, admin_only(201, 201, 201)),
    # Without its démarche number and mapping, a sync is refused before calling the platform.
    Write("POST", "/imports/demarches", (None,) * 3, admin_only(422, 422, 422)),
    Write(
        "POST",
        "/tokens",
        _three(
            {"role": "lead", "days": 1}, "organisation", ("ml-roubaix", "plaine-insertion", "plaine-nope")
        ),
        admin_only(201, 201, 400),
    ),
    Write("DELETE", "/tokens/{key}", (None,) * 3, admin_only(404, 404, 404), paths=("tok_nope",) * 3),
    Write(
        "DELETE",
        "/organisations/{key}",
        (None,) * 3,
        admin_only(409, 409, 404),
        paths=("ml-roubaix", "plaine-insertion", "plaine-nope"),
    ),
    Write(
        "DELETE",
        "/schemes/{key}",
        (None,) * 3,
        admin_only(409, 409, 404),
        paths=("cej-roubaix", "cej-saint-denis", "scheme-nope"),
    ),
    Write(
        "DELETE",
        "/territories/{key}",
        (None,) * 3,
        admin_only(409, 409, 404),
        paths=(ROUBAIX, SAINT_DENIS, "59999"),
    ),
    Write(
        "DELETE",
        "/projects/{key}",
        (None,) * 3,
        admin_only(204, 204, 404),
        paths=("p-valenciennes", "p-saint-denis", "p-nope"),
    ),
    # Last: the lead hands its project over (refused), an admin may.
    Write(
        "PATCH",
        "/projects/{key}",
        ({"lead": "ccas-valenciennes"}, None, None),
        {"admin": (200, 0, 0), "reviewer": (403, 0, 0), "lead": (403, 0, 0)},
        paths=(P, "", ""),
    ),
]

# What an invisible target is called, and what the missing one in its place is called.
SWAPS = {
    "plaine-insertion": "plaine-nope",
    "cej-saint-denis": "scheme-nope",
    "p-saint-denis": "p-nope",
    "p-tourcoing-2020": "p-nope",
    INVISIBLE_TIE: MISSING_TIE,
}


def _as_missing(text: str) -> str:
    for invisible, missing in sorted(SWAPS.items(), key=lambda item: -len(item[0])):
        text = text.replace(invisible, missing)
    return text


def _body(api: Api, body: Any, invisible_partner: str) -> Any:
    if body is not None and body.get("partners") == PARTNERS:
        stored = api.services.store.get_project(P)
        assert stored is not None
        partners = [p.model_dump(mode="json") for p in stored.partners]
        return {"partners": [*partners, {"organisation": invisible_partner, "commitment": "informel"}]}
    return body


def _answered_alike(label: str, invisible: Any, missing: Any) -> list[str]:
    """The answer to an invisible target, its ids swapped, must be the answer to a missing one."""
    if invisible is None or missing is None:
        return []
    if (invisible.status_code, _as_missing(invisible.text)) == (missing.status_code, missing.text):
        return []
    return [
        f"{label}: invisible answers {invisible.status_code} {invisible.text[:300]} "
        f"but missing {missing.status_code} {missing.text[:300]}"
    ]


PARTNER_TARGETS = ("mel", "plaine-insertion", "plaine-nope")


@pytest.mark.parametrize("role", ["admin", "reviewer", "lead"])
def test_every_write_stays_in_the_writers_scope_and_an_invisible_target_reads_as_a_missing_one(
    api: Api, role: str
) -> None:
    hidden = hidden_terms(api, role)
    failures = []
    for write in WRITES:
        answers = []
        for index, expected in enumerate(write.expected[role]):
            if expected == 0:  # this write has no such target
                answers.append(None)
                continue
            path = write.path.replace("{key}", write.paths[index]) if write.paths else write.path
            body = _body(api, write.bodies[index], PARTNER_TARGETS[index])
            files = None
            if write.path == "/imports":
                files = {"file": ("import.json", IMPORT_FILE.encode(), "application/json")}
            before = api.export() if expected >= 400 else None
            response = api.client.request(
                write.method, path, json=body, files=files, headers=api.headers(role)
            )
            label = f"{role} {write.method} {path} {json.dumps(body, ensure_ascii=False)[:120]}"
            if response.status_code != expected:
                failures.append(f"{label}: {response.status_code} != {expected} {response.text[:300]}")
            if before is not None and api.export() != before:
                failures.append(f"{label}: refused ({response.status_code}) but the store changed")
            asked = path + json.dumps(body or {}, ensure_ascii=False)
            leaked = [term for term in hidden if term in response.text and term not in asked]
            if leaked:
                failures.append(f"{label} leaks {leaked}")
            answers.append(response)
        if role in write.same_for:
            failures += _answered_alike(f"{role} {write.method} {write.path}", answers[1], answers[2])
    assert not failures, "\n".join(failures)


def test_the_write_matrix_walks_every_write_route_of_the_app(api: Api) -> None:
    """A new write route must join the write matrix: this fails until it does (read from OpenAPI)."""
    walked = {(w.method, w.path.replace("{key}", "{}")) for w in WRITES}
    routes = set()
    for path, item in api.client.app.openapi()["paths"].items():  # type: ignore[attr-defined]
        generic = re.sub(r"\{[^}]+\}", "{}", path)
        routes |= {
            (method.upper(), generic) for method in item if method in ("post", "patch", "delete", "put")
        }
    assert len(routes) > 15
    assert routes - walked == set()


def test_a_lead_cannot_widen_what_it_reads_by_moving_its_project(api: Api) -> None:
    """The attack of issue 16: territories of another région, then that région's ecosystem."""
    lead = api.headers("lead")
    assert api.client.get(f"/territories/{SAINT_DENIS}/ecosystem", headers=lead).status_code == 404
    response = api.client.patch(f"/projects/{P}", json={"territories": [SAINT_DENIS]}, headers=lead)
    assert response.status_code == 403
    assert "seul un administrateur" in response.json()["detail"]
    assert api.client.get(f"/territories/{SAINT_DENIS}/ecosystem", headers=lead).status_code == 404


def test_a_lead_cannot_move_another_applications_report_with_a_tie(api: Api) -> None:
    """A tie between two members of p-valenciennes, declared by the lead's own project, is refused."""
    before = api.client.get("/projects/p-valenciennes/report", headers=api.headers("admin")).json()
    response = api.client.post(
        "/ties",
        json=_tie("e2c-hainaut", source="ccas-valenciennes", kind="co_intervention"),
        headers=api.headers("lead"),
    )
    assert response.status_code == 422
    assert [e["code"] for e in response.json()["errors"]] == ["not_a_member", "not_a_member"]
    after = api.client.get("/projects/p-valenciennes/report", headers=api.headers("admin")).json()
    assert after == before
