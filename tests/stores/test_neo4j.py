"""What only the Neo4j store promises: its schema, its graph model, its transactions, its errors."""

from __future__ import annotations

import logging
import socket
import time
from typing import Any

import pytest
from neo4j.exceptions import ConstraintError

from graph_service.composition import open_store
from graph_service.domain.errors import ImportTooLarge, NotFound, StoreUnavailable
from graph_service.domain.models import Dataset, Tie
from graph_service.domain.validation import InvalidInput, parse_document
from graph_service.domain.vocabulary import TieKind
from graph_service.settings import Settings
from graph_service.stores.neo4j import Label, Neo4jStore, Rel, TieType, safe_uri
from graph_service.stores.protocol import ImportSummary
from tests.support.datasets import small_region, small_region_document


def query(store: Neo4jStore, text: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = store.driver.execute_query(text, params, database_=store.database)
    return [record.data() for record in records]


def graph_counts(store: Neo4jStore) -> dict[str, int]:
    """Nodes per label and relationships per type: the whole shape of the graph."""
    counts: dict[str, int] = {}
    for row in query(store, "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"):
        counts[row["label"]] = row["n"]
    for row in query(store, "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"):
        counts[row["type"]] = row["n"]
    return counts


def with_batch_size(store: Neo4jStore, size: int) -> Neo4jStore:
    """The same driver and database, writing in batches of ``size`` rows."""
    return Neo4jStore(store.driver, uri=store.uri, database=store.database, batch_size=size)


# -- schema ----------------------------------------------------------------------------------


def test_uniqueness_constraints_exist_after_start_up(neo4j_store: Neo4jStore) -> None:
    rows = query(
        neo4j_store,
        "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties "
        "RETURN name, type, entityType, labelsOrTypes, properties",
    )
    found = {
        (r["entityType"], r["labelsOrTypes"][0], r["properties"][0]) for r in rows if "UNIQUE" in r["type"]
    }
    for label, key in [
        ("Territory", "code"),
        ("Organisation", "id"),
        ("Scheme", "id"),
        ("Project", "id"),
        ("Sequence", "name"),
    ]:
        assert ("NODE", label, key) in found


def test_start_up_drops_the_tie_constraint_and_index_of_databases_written_before(
    neo4j_store: Neo4jStore,
) -> None:
    query(
        neo4j_store,
        "CREATE CONSTRAINT ORIENTATION_key_unique IF NOT EXISTS FOR ()-[r:ORIENTATION]-() REQUIRE r.key IS UNIQUE",
    )
    query(
        neo4j_store, "CREATE INDEX CONVENTION_project IF NOT EXISTS FOR ()-[r:CONVENTION]-() ON (r.project)"
    )
    neo4j_store.ensure_schema()
    names = [r["name"] for r in query(neo4j_store, "SHOW CONSTRAINTS YIELD name RETURN name")]
    assert "ORIENTATION_key_unique" not in names
    assert "Organisation_id_unique" in names
    indexes = query(neo4j_store, "SHOW INDEXES YIELD entityType, properties RETURN entityType, properties")
    # What stays: the node key constraints' own indexes and Neo4j's two token lookup indexes.
    assert not [r for r in indexes if r["entityType"] == "RELATIONSHIP" and r["properties"]]


def test_a_duplicate_organisation_id_is_refused_by_the_database_itself(neo4j_store: Neo4jStore) -> None:
    query(neo4j_store, "CREATE (:Organisation {id: 'twin'})")
    with pytest.raises(ConstraintError, match="already exists"):
        query(neo4j_store, "CREATE (:Organisation {id: 'twin'})")


def test_connecting_again_keeps_the_schema_and_the_data(
    neo4j_store: Neo4jStore, neo4j_settings: Settings
) -> None:
    neo4j_store.upsert_dataset(small_region())
    before = graph_counts(neo4j_store)
    second = Neo4jStore.connect(neo4j_settings)
    try:
        assert graph_counts(second) == before
        assert second.export_dataset() == small_region()
    finally:
        second.close()


# -- graph model ---------------------------------------------------------------------------


def test_the_small_region_becomes_the_documented_graph(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert_dataset(small_region())
    counts = graph_counts(neo4j_store)
    dataset = small_region()
    assert counts["Territory"] == len(dataset.territories)
    assert counts["Organisation"] == len(dataset.organisations)
    assert counts["Scheme"] == len(dataset.schemes)
    assert counts["Project"] == len(dataset.projects)
    assert counts["Sequence"] == 2  # the insertion counter and the data version
    assert counts[Rel.LEADS] == len(dataset.projects)
    assert counts[Rel.PARTNER_IN] == sum(len(p.partners) for p in dataset.projects)
    assert counts[Rel.PART_OF] == sum(1 for t in dataset.territories if t.parent)
    assert counts[Rel.OPERATES] == sum(1 for s in dataset.schemes if s.operator)
    assert counts[Rel.ARTICULATES_WITH] == sum(len(p.schemes) for p in dataset.projects)
    assert counts[Rel.COVERS] == sum(
        len(e.territories) for e in [*dataset.organisations, *dataset.schemes, *dataset.projects]
    )
    assert sum(counts.get(t.value, 0) for t in TieType) == len(dataset.ties)
    assert set(counts) <= {*Label, *Rel, *TieType}


def test_a_partner_relationship_carries_commitment_role_and_stages(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert_dataset(small_region())
    rows = query(
        neo4j_store,
        "MATCH (o:Organisation)-[r:PARTNER_IN]->(:Project {id: 'p-roubaix'}) "
        "RETURN o.id AS id, r.commitment AS commitment, r.role AS role, r.stages AS stages, "
        "r.formal AS formal ORDER BY r.position",
    )
    assert [r["id"] for r in rows] == ["ml-roubaix", "ft-tourcoing", "ent-textile"]
    textile = rows[2]
    assert (textile["commitment"], textile["role"], textile["formal"]) == (
        "lettre_engagement",
        "immersions",
        True,
    )
    assert rows[0]["stages"] == ["accompagnement"]
    # No declared stages: the property is absent, and the organisation's own stages count.
    assert rows[1]["stages"] is None


def test_a_tie_is_a_relationship_of_its_kinds_type_between_two_organisations(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert_dataset(small_region())
    rows = query(
        neo4j_store,
        "MATCH (a:Organisation {id: 'asso-horizon'})-[r:ORIENTATION]->(b:Organisation) "
        "RETURN b.id AS target, r.strength AS strength, r.formal AS formal, r.project AS project",
    )
    assert rows == [{"target": "ml-roubaix", "strength": 2, "formal": True, "project": "p-roubaix"}]


def test_a_roubaix_qpv_is_part_of_the_departement_through_the_chain(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert_dataset(small_region())
    rows = query(
        neo4j_store,
        "MATCH path = (:Territory {code: 'QN05912M'})-[:PART_OF*]->(:Territory {code: '59'}) "
        "RETURN [t IN nodes(path) | t.code] AS codes",
    )
    assert rows == [{"codes": ["QN05912M", "59512", "200093201", "59"]}]


def test_changing_a_project_replaces_its_partners_instead_of_adding_to_them(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert_dataset(small_region())
    document = small_region_document()
    project = next(p for p in document["projects"] if p["id"] == "p-roubaix")
    project["partners"] = project["partners"][:1]
    project["territories"] = project["territories"][:1]
    neo4j_store.upsert_dataset(parse_document({"projects": [project]}, known=neo4j_store.known_ids()))
    rows = query(
        neo4j_store,
        "MATCH (p:Project {id: 'p-roubaix'}) RETURN COUNT { (:Organisation)-[:PARTNER_IN]->(p) } AS partners, "
        "COUNT { (p)-[:COVERS]->() } AS territories, COUNT { (:Organisation)-[:LEADS]->(p) } AS leads",
    )
    assert rows == [{"partners": 1, "territories": 1, "leads": 1}]


# -- transactions and batches ----------------------------------------------------------------


def test_re_importing_the_same_dataset_leaves_the_graph_exactly_as_it_was(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert_dataset(small_region())
    before = graph_counts(neo4j_store)
    summary = neo4j_store.upsert_dataset(small_region())
    assert summary.unchanged == small_region().size and summary.added == summary.changed == 0
    assert graph_counts(neo4j_store) == before


def test_an_import_linking_to_stored_nodes_writes_the_same_graph_as_one_import(
    neo4j_store: Neo4jStore,
) -> None:
    region = small_region()
    neo4j_store.upsert_dataset(region)
    whole = graph_counts(neo4j_store)
    query(neo4j_store, "MATCH (n) DETACH DELETE n")
    # Territories and organisations first; schemes, projects and ties then link to them by the
    # handles read at the second import's start.
    neo4j_store.upsert_dataset(Dataset(territories=region.territories, organisations=region.organisations))
    rest = Dataset(schemes=region.schemes, projects=region.projects, ties=region.ties)
    assert neo4j_store.upsert_dataset(rest).added == rest.size
    assert graph_counts(neo4j_store) == whole
    assert neo4j_store.export_dataset() == region


def test_an_import_larger_than_a_batch_is_written_whole_in_batches(neo4j_store: Neo4jStore) -> None:
    store = with_batch_size(neo4j_store, 2)
    summary = store.upsert_dataset(small_region())
    assert summary.added == small_region().size
    assert store.export_dataset() == small_region()
    assert store.upsert_dataset(small_region()).unchanged == small_region().size


def test_one_import_mixes_ties_of_stored_kinds_and_of_new_kinds_and_keeps_their_order(
    neo4j_store: Neo4jStore,
) -> None:
    region = small_region()  # four ties: orientation, co_intervention, echange_information, convention
    neo4j_store.upsert_dataset(region)
    orientation, co_intervention = region.ties[0], region.ties[1]
    changed = orientation.model_copy(update={"strength": 3})
    # Orientation is a stored kind: its ties are looked up among stored ties (one changed, one
    # added); financement and mise_a_disposition are new kinds, sent batch by batch as they are
    # read (batches of 2: two batches of financement), their counts checked at the end.
    new = [
        Tie(source="mel", target="ml-roubaix", kind=TieKind.FINANCEMENT, formal=True),
        Tie(source="e2c-hainaut", target="plie-hainaut", kind=TieKind.ORIENTATION),
        Tie(source="mel", target="ft-tourcoing", kind=TieKind.FINANCEMENT, project="p-roubaix"),
        Tie(source="ent-textile", target="e2c-hainaut", kind=TieKind.MISE_A_DISPOSITION, strength=2),
        Tie(source="mel", target="asso-horizon", kind=TieKind.FINANCEMENT),
    ]
    summary = with_batch_size(neo4j_store, 2).upsert_dataset(Dataset(ties=[changed, co_intervention, *new]))
    assert (summary.added, summary.changed, summary.unchanged) == (5, 1, 1)
    assert neo4j_store.export_dataset().ties == [changed, *region.ties[1:], *new]


class FailingAfter(Neo4jStore):
    """A Neo4j store that raises after writing a given table, inside the import's transaction."""

    fail_after = "projects"

    def _write_rows(self, tx: Any, table: str, rows: list[dict[str, Any]], handles: Any) -> None:
        super()._write_rows(tx, table, rows, handles)
        if table == self.fail_after:
            raise RuntimeError(f"panne simulée après {table}")


def test_an_import_that_fails_half_way_writes_nothing(neo4j_store: Neo4jStore) -> None:
    failing = FailingAfter(
        neo4j_store.driver, uri=neo4j_store.uri, database=neo4j_store.database, batch_size=2
    )
    with pytest.raises(RuntimeError, match="panne simulée"):
        failing.upsert_dataset(small_region())
    # Territories, organisations, schemes and projects went out in several batches, then the
    # transaction rolled back: not one node, not even the insertion counter.
    assert graph_counts(neo4j_store) == {}
    assert neo4j_store.export_dataset() == Dataset()


class MemoryHog(Neo4jStore):
    """A Neo4j store whose import, after writing organisations, asks the server for more
    transaction memory than it allows: 64 KiB strings collected until the limit stops them."""

    def _write_rows(self, tx: Any, table: str, rows: list[dict[str, Any]], handles: Any) -> None:
        super()._write_rows(tx, table, rows, handles)
        if table == "organisations":
            tx.run(
                "WITH reduce(s = 'x', i IN range(1, 16) | s + s) AS big "
                "UNWIND range(1, 1000000) AS n RETURN size(collect(big + toString(n))) AS total"
            ).consume()


def test_an_import_beyond_the_servers_transaction_memory_is_a_clear_413_and_writes_nothing(
    neo4j_store: Neo4jStore,
) -> None:
    hog = MemoryHog(neo4j_store.driver, uri=neo4j_store.uri, database=neo4j_store.database)
    started = time.monotonic()
    with pytest.raises(ImportTooLarge) as raised:
        hog.upsert_dataset(small_region())
    # Not retried by the driver for its 30 s: the same import would hit the same limit.
    assert time.monotonic() - started < 25
    assert raised.value.status_code == 413
    assert "trop volumineux" in raised.value.message and "Rien n'a été écrit" in raised.value.message
    assert f"{small_region().size}" in raised.value.message_en
    assert graph_counts(neo4j_store) == {}
    # The server is fine afterwards: the same import, without the hog, goes through.
    assert neo4j_store.upsert_dataset(small_region()).added == small_region().size


def test_re_running_an_import_after_a_failure_completes_it_with_nothing_duplicated(
    neo4j_store: Neo4jStore,
) -> None:
    neo4j_store.upsert_dataset(Dataset(territories=small_region().territories))
    failing = FailingAfter(neo4j_store.driver, uri=neo4j_store.uri, database=neo4j_store.database)
    with pytest.raises(RuntimeError):
        failing.upsert_dataset(small_region())
    summary = neo4j_store.upsert_dataset(small_region())
    assert summary.tables["territories"].unchanged == len(small_region().territories)
    assert summary.added == small_region().size - len(small_region().territories)
    assert neo4j_store.export_dataset() == small_region()


def test_an_import_with_a_dangling_reference_writes_nothing(neo4j_store: Neo4jStore) -> None:
    document = small_region_document()
    document["ties"].append({"source": "ml-roubaix", "target": "ghost", "kind": "orientation"})
    # Built without validation, as a caller that skips the loaders would.
    dataset = Dataset.model_validate(document)
    with pytest.raises(InvalidInput) as raised:
        neo4j_store.upsert_dataset(dataset)
    assert any("ghost" in error.message for error in raised.value.errors)
    assert graph_counts(neo4j_store) == {}


# -- Cypher injection ------------------------------------------------------------------------

INJECTIONS = [
    "x'}) DETACH DELETE n //",
    'x"}) MATCH (n) DETACH DELETE n //',
    "x` DETACH DELETE n //",
    "') WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 //",
    "$rows {{LABEL}} \\' \\u0027",
]


def injected_document(attack: str, n: int) -> dict[str, Any]:
    """A dataset whose every free string field carries ``attack`` (ids made unique by ``n``).

    Identifiers cannot carry it: quotes, braces, spaces and slashes are refused by the identifier
    rule before anything reaches a store (checked below).
    """
    org_a, org_b, scheme, project = (f"inj-{part}{n}" for part in ("a", "b", "s", "p"))
    return {
        "territories": [{"code": f"5900{n}", "name": attack, "level": "commune", "parent": "59"}],
        "organisations": [
            {"id": org_a, "name": attack, "sector": "social", "territories": [f"5900{n}"]},
            {"id": org_b, "name": attack, "sector": "enterprise", "subtype": "sme"},
        ],
        "schemes": [{"id": scheme, "name": attack, "kind": "other", "operator": org_a}],
        "projects": [
            {
                "id": project,
                "title": attack,
                "call": f"call-{n}",
                "lead": org_a,
                "territories": [f"5900{n}"],
                "partners": [{"organisation": org_b, "commitment": "convention", "role": attack}],
                "schemes": [scheme],
            }
        ],
        "ties": [{"source": org_a, "target": org_b, "kind": "convention", "project": project}],
    }


def test_cypher_injection_in_every_string_field_is_stored_as_text_and_deletes_nothing(
    neo4j_store: Neo4jStore,
) -> None:
    neo4j_store.upsert_dataset(small_region())
    base = neo4j_store.export_dataset()
    documents = [injected_document(attack, n) for n, attack in enumerate(INJECTIONS, start=1)]
    for document in documents:
        summary = neo4j_store.upsert_dataset(parse_document(document, known=neo4j_store.known_ids()))
        assert summary.added == 6  # a territory, two organisations, a scheme, a project, a tie
    exported = neo4j_store.export_dataset().to_document()
    for table in ("territories", "organisations", "schemes", "projects", "ties"):
        expected = base.to_document()[table] + [
            row for document in documents for row in Dataset.model_validate(document).to_document()[table]
        ]
        assert exported[table] == expected, table
    for document, attack in zip(documents, INJECTIONS, strict=True):
        organisation = neo4j_store.get_organisation(document["organisations"][0]["id"])
        assert organisation is not None and organisation.name == attack
        project = neo4j_store.get_project(document["projects"][0]["id"])
        assert project is not None and project.title == attack and project.partners[0].role == attack
    assert len(neo4j_store.list_organisations()) == len(base.organisations) + 2 * len(INJECTIONS)
    for attack in INJECTIONS:
        with pytest.raises(InvalidInput, match="invalid_identifier"):
            parse_document({"organisations": [{"id": attack, "name": "x", "sector": "social"}]})


@pytest.mark.parametrize("attack", INJECTIONS)
def test_cypher_injection_in_reads_filters_and_deletes_matches_nothing_and_deletes_nothing(
    neo4j_store: Neo4jStore, attack: str
) -> None:
    neo4j_store.upsert_dataset(small_region())
    before = graph_counts(neo4j_store)
    assert neo4j_store.get_organisation(attack) is None
    assert neo4j_store.list_projects(call=attack, organisation=attack, public=attack, territory=attack) == []
    assert neo4j_store.list_organisations(sector=attack) == []
    assert neo4j_store.list_ties(organisation=attack, project=attack) == []
    for delete in (
        neo4j_store.delete_organisation,
        neo4j_store.delete_project,
        neo4j_store.delete_scheme,
        neo4j_store.delete_territory,
        neo4j_store.delete_tie,
    ):
        with pytest.raises(NotFound, match="introuvable"):
            delete(attack)
    with pytest.raises(NotFound, match="introuvable"):
        neo4j_store.delete_tie(f"{attack}|ml-roubaix|orientation|")
    assert graph_counts(neo4j_store) == before


# -- connection errors -----------------------------------------------------------------------


def closed_port() -> int:
    """A port nothing listens on: bound then released (the system does not hand it out again soon)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


SECRET = "s3cr3t-Pa55word"


def test_connection_refused_gives_a_clear_french_error_naming_the_uri_without_the_password(
    caplog: pytest.LogCaptureFixture,
) -> None:
    uri = f"bolt://127.0.0.1:{closed_port()}"
    settings = Settings(
        PARTNERSHIP_GRAPH_STORE="neo4j", NEO4J_URI=uri, NEO4J_USER="reviewer", NEO4J_PASSWORD=SECRET
    )
    caplog.set_level(logging.DEBUG)
    with pytest.raises(StoreUnavailable) as raised:
        open_store(settings)
    error = raised.value
    assert error.status_code == 503
    assert "Neo4j injoignable" in error.message and uri in error.message
    assert uri in error.message_en
    for text in (error.message, error.message_en, str(error), caplog.text):
        assert SECRET not in text
    # Translated at the boundary: no driver exception chained behind it for a traceback to show.
    assert error.__cause__ is None and error.__suppress_context__


def test_a_uri_carrying_credentials_is_never_echoed_with_them(caplog: pytest.LogCaptureFixture) -> None:
    uri = f"bolt://reviewer:{SECRET}@127.0.0.1:{closed_port()}"
    settings = Settings(PARTNERSHIP_GRAPH_STORE="neo4j", NEO4J_URI=uri, NEO4J_PASSWORD=SECRET)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(StoreUnavailable) as raised:
        open_store(settings)
    assert SECRET not in raised.value.message and SECRET not in raised.value.message_en
    assert SECRET not in caplog.text
    assert "reviewer" not in raised.value.message


def test_an_unknown_uri_scheme_is_a_clear_error() -> None:
    settings = Settings(PARTNERSHIP_GRAPH_STORE="neo4j", NEO4J_URI="http://127.0.0.1:7474")
    with pytest.raises(StoreUnavailable, match="URI Neo4j invalide"):
        open_store(settings)


@pytest.mark.parametrize(
    ("uri", "shown"),
    [
        ("neo4j+s://user:pw@abc.databases.example:7687?policy=eu", "neo4j+s://abc.databases.example:7687"),
        ("bolt://127.0.0.1:7687", "bolt://127.0.0.1:7687"),
        ("neo4j://a:b@host", "neo4j://host"),
    ],
)
def test_safe_uri_drops_user_password_and_query(uri: str, shown: str) -> None:
    assert safe_uri(uri) == shown


def test_the_composition_root_opens_the_neo4j_store_from_settings(neo4j_settings: Settings) -> None:
    store = open_store(neo4j_settings)
    try:
        assert isinstance(store, Neo4jStore)
        store.ping()
        assert isinstance(store.upsert_dataset(Dataset()), ImportSummary)
    finally:
        store.close()
