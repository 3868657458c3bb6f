"""A local stand-in for the démarches-simplifiées GraphQL API (v2), served on 127.0.0.1.

The schema below is a subset written from the platform's published type and field names (its
public schema documentation); no code of the platform is used. It is served by ``ariadne`` behind
a small Starlette endpoint run by uvicorn in a thread, so the client under test speaks real HTTP.

What a test can ask of it (:class:`Behaviour`): pages of ``first`` dossiers with opaque cursors
ordered by modification date (as the API orders dossiers for ``updatedSince``), a 429 with
``Retry-After``, an expired token (401), a démarche the token may not read (403), a GraphQL error
(an unknown démarche) and answers slower than the client's timeout. Every request is recorded.
"""

from __future__ import annotations

import asyncio
import base64
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from ariadne import InterfaceType, ObjectType, QueryType, graphql, make_executable_schema
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

PATH = "/api/v2/graphql"

SCHEMA = """
scalar ISO8601DateTime
scalar ISO8601Date

enum DossierState { en_construction en_instruction accepte refuse sans_suite }
enum Order { ASC DESC }

type Query {
  demarche(number: Int!): Demarche!
}

type Demarche {
  id: ID!
  number: Int!
  title: String!
  dossiers(
    first: Int
    after: String
    updatedSince: ISO8601DateTime
    state: DossierState
    order: Order
  ): DossierConnection!
  deletedDossiers(first: Int, after: String, deletedSince: ISO8601DateTime): DeletedDossierConnection!
}

type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}

type DossierConnection { pageInfo: PageInfo! nodes: [Dossier] }
type DeletedDossierConnection { pageInfo: PageInfo! nodes: [DeletedDossier] }

type DeletedDossier {
  id: ID!
  number: Int!
  state: DossierState!
  reason: String!
  dateSupression: ISO8601DateTime!
}

type Dossier {
  id: ID!
  number: Int!
  state: DossierState!
  archived: Boolean!
  dateDepot: ISO8601DateTime!
  dateDerniereModification: ISO8601DateTime!
  demandeur: Demandeur!
  champs: [Champ!]!
}

interface Demandeur { id: ID! }

type PersonneMorale implements Demandeur {
  id: ID!
  siret: String!
  siegeSocial: Boolean!
  naf: String
  libelleNaf: String!
  address: Address!
  entreprise: Entreprise
  association: Association
}

type PersonneMoraleIncomplete implements Demandeur { id: ID! siret: String! }

type PersonnePhysique implements Demandeur { id: ID! nom: String! prenom: String! }

type Address {
  label: String!
  cityName: String!
  cityCode: String!
  postalCode: String!
  departmentCode: String
}

type Entreprise {
  siren: String!
  raisonSociale: String!
  nomCommercial: String!
  formeJuridique: String
  formeJuridiqueCode: String
}

type Association { rna: String! titre: String! }

type Commune { name: String! code: String! postalCode: String }

interface Champ {
  id: ID!
  champDescriptorId: String!
  label: String!
  stringValue: String
  updatedAt: ISO8601DateTime!
  prefilled: Boolean!
}

type TextChamp implements Champ {
  id: ID! champDescriptorId: String! label: String! stringValue: String
  updatedAt: ISO8601DateTime! prefilled: Boolean!
}
type DateChamp implements Champ {
  id: ID! champDescriptorId: String! label: String! stringValue: String
  updatedAt: ISO8601DateTime! prefilled: Boolean!
  date: ISO8601Date
}
type CheckboxChamp implements Champ {
  id: ID! champDescriptorId: String! label: String! stringValue: String
  updatedAt: ISO8601DateTime! prefilled: Boolean!
  value: Boolean!
}
type MultipleDropDownListChamp implements Champ {
  id: ID! champDescriptorId: String! label: String! stringValue: String
  updatedAt: ISO8601DateTime! prefilled: Boolean!
  values: [String!]!
}
type CommuneChamp implements Champ {
  id: ID! champDescriptorId: String! label: String! stringValue: String
  updatedAt: ISO8601DateTime! prefilled: Boolean!
  commune: Commune
}
type SiretChamp implements Champ {
  id: ID! champDescriptorId: String! label: String! stringValue: String
  updatedAt: ISO8601DateTime! prefilled: Boolean!
  etablissement: PersonneMorale
}
type RepetitionChamp implements Champ {
  id: ID! champDescriptorId: String! label: String! stringValue: String
  updatedAt: ISO8601DateTime! prefilled: Boolean!
  rows: [Row!]!
}
type Row { id: ID! champs: [Champ!]! }
"""


@dataclass
class Behaviour:
    """What the server holds and how it misbehaves; tests change it between requests."""

    token: str = "jeton-de-test"
    expired_tokens: set[str] = field(default_factory=lambda: {"jeton-expire"})
    demarches: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    deleted: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    forbidden: set[int] = field(default_factory=set)
    # The next N requests answer 429 with this Retry-After (seconds), or take ``slow_seconds``.
    throttle_next: int = 0
    retry_after: str = "1"
    slow_next: int = 0
    slow_seconds: float = 2.0
    # The most dossiers a page holds, whatever ``first`` asks (the platform caps it at 100).
    page_size: int = 100
    requests: list[dict[str, Any]] = field(default_factory=list)


def _cursor(node: dict[str, Any]) -> str:
    raw = f"{node['dateDerniereModification']}|{node['number']:012d}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _position(cursor: str) -> str:
    return base64.urlsafe_b64decode(cursor.encode()).decode()


def _dossiers(demarche: dict[str, Any], _info: Any, **arguments: Any) -> dict[str, Any]:
    nodes = sorted(demarche["_dossiers"], key=_cursor_key)
    if arguments.get("updatedSince"):
        nodes = [n for n in nodes if n["dateDerniereModification"] >= arguments["updatedSince"]]
    if arguments.get("state"):
        nodes = [n for n in nodes if n["state"] == arguments["state"]]
    if arguments.get("after"):
        after = _position(arguments["after"])
        nodes = [n for n in nodes if _cursor_key(n) > after]
    first = min(arguments.get("first") or 100, demarche["_page_size"])
    page = nodes[:first]
    return {
        "pageInfo": {
            "hasNextPage": len(nodes) > first,
            "hasPreviousPage": bool(arguments.get("after")),
            "startCursor": _cursor(page[0]) if page else None,
            "endCursor": _cursor(page[-1]) if page else None,
        },
        "nodes": page,
    }


def _cursor_key(node: dict[str, Any]) -> str:
    return f"{node['dateDerniereModification']}|{node['number']:012d}"


def _deleted(demarche: dict[str, Any], _info: Any, **arguments: Any) -> dict[str, Any]:
    nodes = demarche["_deleted"]
    if arguments.get("deletedSince"):
        nodes = [n for n in nodes if n["dateSupression"] >= arguments["deletedSince"]]
    return {"pageInfo": {"hasNextPage": False, "hasPreviousPage": False}, "nodes": nodes}


def build_schema(behaviour: Behaviour) -> Any:
    query = QueryType()

    @query.field("demarche")
    def resolve_demarche(_obj: Any, _info: Any, number: int) -> dict[str, Any]:
        if number not in behaviour.demarches:
            # The platform's answer for a number it does not know.
            raise ValueError("Demarche not found")
        return {
            "id": f"RGVtYXJjaGUt{number}",
            "number": number,
            "title": f"Démarche {number}",
            "_dossiers": behaviour.demarches[number],
            "_deleted": behaviour.deleted.get(number, []),
            "_page_size": behaviour.page_size,
        }

    demarche = ObjectType("Demarche")
    demarche.set_field("dossiers", _dossiers)
    demarche.set_field("deletedDossiers", _deleted)
    by_typename = InterfaceType("Champ")
    by_typename.set_type_resolver(lambda obj, *_: obj["__typename"])
    applicant = InterfaceType("Demandeur")
    applicant.set_type_resolver(lambda obj, *_: obj["__typename"])
    return make_executable_schema(SCHEMA, query, demarche, by_typename, applicant)


def build_app(behaviour: Behaviour) -> Starlette:
    schema = build_schema(behaviour)

    async def endpoint(request: Request) -> JSONResponse:
        body = await request.json()
        behaviour.requests.append(body)
        if behaviour.slow_next > 0:
            behaviour.slow_next -= 1
            await asyncio.sleep(behaviour.slow_seconds)
        if behaviour.throttle_next > 0:
            behaviour.throttle_next -= 1
            return JSONResponse(
                {"errors": [{"message": "Too many requests"}]},
                status_code=429,
                headers={"Retry-After": behaviour.retry_after},
            )
        token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if token in behaviour.expired_tokens or token != behaviour.token:
            return JSONResponse({"errors": [{"message": "Unauthorized: token expired"}]}, status_code=401)
        number = (body.get("variables") or {}).get("demarcheNumber")
        if number in behaviour.forbidden:
            return JSONResponse({"errors": [{"message": "Forbidden"}]}, status_code=403)
        _success, result = await graphql(schema, body)
        return JSONResponse(result)

    return Starlette(routes=[Route(PATH, endpoint, methods=["POST"])])


@contextmanager
def serve(behaviour: Behaviour) -> Iterator[str]:
    """Serve the stand-in on a free port of 127.0.0.1; yield its endpoint URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        build_app(behaviour), log_level="warning", lifespan="off", ws="none", http="h11", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("le serveur GraphQL de test n'a pas démarré")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}{PATH}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


__all__ = ["PATH", "SCHEMA", "Behaviour", "build_app", "serve"]
