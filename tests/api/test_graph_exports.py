"""GraphML and GEXF hold every edge of every N(P): Gephi counts what the store counts.

Read back with networkx (as Gephi reads them): one node per organisation and scheme, one edge per
partner commitment (kind and formality), per tie (declared with its project, or known) and per
scheme operator. An application whose partners are all informal and that declares no tie — what
a démarches-simplifiées import gives — is a star around its lead, not a set of isolated nodes.
"""

from __future__ import annotations

import io
from collections import Counter

import networkx as nx
import pytest

from tests.api.conftest import Api

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}

INFORMAL_ONLY = {
    "id": "p-informel",
    "title": "Candidature sans convention",
    "call": "aap-2019",
    "lead": "mel",
    "territories": ["59512"],
    "partners": [
        {"organisation": "ml-roubaix", "commitment": "informel"},
        {"organisation": "ft-tourcoing", "commitment": "informel"},
        {"organisation": "plie-hainaut", "commitment": "informel"},
    ],
}


def exported(api: Api, format: str) -> nx.MultiDiGraph:
    response = api.client.get(f"/exports?format={format}", headers=api.headers("admin"))
    assert response.status_code == 200
    graph = READERS[format](io.BytesIO(response.content))
    assert isinstance(graph, nx.MultiDiGraph)
    return graph


@pytest.fixture
def with_informal_project(api: Api) -> Api:
    response = api.client.post("/projects", json=INFORMAL_ONLY, headers=api.headers("admin"))
    assert response.status_code == 201, response.text
    return api


@pytest.mark.parametrize("format", READERS)
def test_the_export_counts_the_nodes_and_edges_the_store_holds(
    with_informal_project: Api, format: str
) -> None:
    store = with_informal_project.services.store
    graph = exported(with_informal_project, format)
    organisations, schemes = store.list_organisations(), store.list_schemes()
    projects, ties = store.list_projects(), store.list_ties()
    assert graph.number_of_nodes() == len(organisations) + len(schemes)
    relations = Counter(data["relation"] for _, _, data in graph.edges(data=True))
    assert relations == {
        "commitment": sum(len(p.partners) for p in projects),
        "declared": sum(1 for t in ties if t.project is not None),
        "known": sum(1 for t in ties if t.project is None),
        "operates": sum(1 for s in schemes if s.operator is not None),
    }


@pytest.mark.parametrize("format", READERS)
def test_every_edge_of_every_project_network_is_in_the_export(
    with_informal_project: Api, format: str
) -> None:
    store = with_informal_project.services.store
    graph = exported(with_informal_project, format)
    for project in store.list_projects():
        network = store.project_network(project.id)
        for u, v in network.edges():
            between = [
                *graph.get_edge_data(u, v, default={}).values(),
                *graph.get_edge_data(v, u, default={}).values(),
            ]
            assert between, f"{project.id}: {u}–{v} missing"


@pytest.mark.parametrize("format", READERS)
def test_a_commitment_edge_says_its_kind_formality_and_project(
    with_informal_project: Api, format: str
) -> None:
    graph = exported(with_informal_project, format)
    commitments = {
        (u, v): data
        for u, v, data in graph.edges(data=True)
        if data["relation"] == "commitment" and data["project"] == "p-informel"
    }
    assert set(commitments) == {("ml-roubaix", "mel"), ("ft-tourcoing", "mel"), ("plie-hainaut", "mel")}
    assert {(d["kind"], d["formal"]) for d in commitments.values()} == {("informel", False)}
    convention = graph.get_edge_data("ml-roubaix", "asso-horizon")
    assert {(d["relation"], d["kind"], d["formal"], d["project"]) for d in convention.values()} == {
        ("commitment", "convention", True, "p-roubaix")
    }


@pytest.mark.parametrize("format", READERS)
def test_a_tie_edge_says_its_provenance(api: Api, format: str) -> None:
    graph = exported(api, format)
    declared = graph.get_edge_data("asso-horizon", "ml-roubaix")
    assert {(d["relation"], d["kind"], d.get("project")) for d in declared.values()} == {
        ("declared", "orientation", "p-roubaix"),
        ("commitment", "informel", "p-tourcoing-2020"),  # asso-horizon is a partner of ml-roubaix there
    }
    known = graph.get_edge_data("ml-roubaix", "mel")
    assert [(d["relation"], d["kind"], "project" in d) for d in known.values()] == [
        ("known", "echange_information", False)
    ]


def test_an_application_with_informal_partners_only_is_a_star_in_gephi(with_informal_project: Api) -> None:
    graph = exported(with_informal_project, "gexf")
    members = {"mel", "ml-roubaix", "ft-tourcoing", "plie-hainaut"}
    star = nx.Graph((u, v) for u, v, d in graph.edges(data=True) if d.get("project") == "p-informel")
    assert set(star) == members
    assert nx.is_connected(star) and star.degree("mel") == 3


def test_gexf_edges_carry_a_kind_so_gephi_keeps_parallel_edges_apart(api: Api) -> None:
    text = api.client.get("/exports?format=gexf", headers=api.headers("admin")).text
    edges = [line for line in text.splitlines() if "<edge " in line]
    assert edges and all(' kind="' in line for line in edges)
    assert 'kind="declared|orientation|p-roubaix"' in text
