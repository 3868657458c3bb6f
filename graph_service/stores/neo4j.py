"""The Neo4j store: the partnership graph as a property graph, behind the same Protocol as SQLite.

Graph model (README, section Neo4j, has the diagram)::

    (:Territory {code})-[:PART_OF]->(:Territory)
    (:Organisation {id})-[:COVERS]->(:Territory)      also from (:Scheme) and (:Project)
    (:Organisation)-[:LEADS]->(:Project {id})
    (:Organisation)-[:PARTNER_IN {commitment, formal, role, stages, position}]->(:Project)
    (:Organisation)-[:OPERATES]->(:Scheme {id})
    (:Project)-[:ARTICULATES_WITH]->(:Scheme)
    (:Organisation)-[:ORIENTATION|CO_INTERVENTION|…  {seq, formal, strength, project}]->(:Organisation)

One relationship type per tie kind: a tie is its two ends, its type and its project, so it keeps
no key nor kind property. Every node also keeps its canonical JSON (``doc``), so reads give back
exactly what was stored (list order, ``null`` against empty) and an upsert tells changed from
unchanged in one comparison, as the SQLite store does; ties, nine rows in ten, are rebuilt from
their properties instead. ``seq`` numbers entities in first-insertion order. Queries live in
``cypher/`` beside it (:mod:`graph_service.stores.catalog`); labels and types come from the enums of :mod:`graph_service.stores.neo4j_graph`.

**Writing fast**: new nodes are created outright (``CREATE``, no ``MERGE``, no Eager step),
changed ones merged by key (which also drops their old links). Every link of a new node, and
every new tie, is written between nodes given by *handle* (``elementId``), read or created earlier
in the same transaction, so Neo4j finds each end without an index seek; tie rows are plain lists. Stored ties are looked up only when they can
exist (both ends stored before the import, and the database holds ties of that type).

**Atomicity**: an upsert is one write transaction for the whole dataset, written in
``UNWIND $rows …`` batches of ``NEO4J_BATCH_SIZE`` rows inside it: all of it is stored or
none. The transaction function re-reads what it compares, so the driver may retry it safely, and
re-running an import changes nothing. The import lock (the ``Sequence`` node) makes imports run
one after the other, which keeps both the handles and the ties' identity safe.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import neo4j
import networkx as nx
from neo4j import (
    READ_ACCESS,
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
    Result,
    RoutingControl,
)
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from pydantic import BaseModel

from graph_service.domain.errors import Conflict, ImportTooLarge, NotFound, StoreUnavailable
from graph_service.domain.models import TABLES, Dataset, Organisation, Project, Scheme, Territory, Tie
from graph_service.domain.network import NetworkBuilder, self_consistent
from graph_service.domain.validation import InvalidInput, KnownIds, cross_reference_problems, json_locator
from graph_service.domain.vocabulary import TieKind
from graph_service.settings import Settings
from graph_service.stores.catalog import Key, cypher
from graph_service.stores.neo4j_graph import (
    ALL_TIES,
    NODE_TABLES,
    TIE_TYPE,
    Batch,
    Label,
    Rel,
    TieType,
    batched,
    doc,
    entity,
    node_row,
    tie,
)
from graph_service.stores.protocol import ImportSummary, TableChanges

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")


MERGE_QUERY = {
    "territories": "merge_territories",
    "organisations": "merge_organisations",
    "schemes": "merge_schemes",
    "projects": "merge_projects",
}
WHAT = {
    "territories": "territoire",
    "organisations": "organisation",
    "schemes": "dispositif",
    "projects": "projet",
}
INSERTION = "insertion"
VERSION = "version"
BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})

_UNAVAILABLE = (ServiceUnavailable, SessionExpired, AuthError, TransientError)
# The server's transaction memory limits: one transaction's share (db.memory.transaction.max),
# or the pool every transaction shares (dbms.memory.transaction.total.max), which others may fill.
# Neo4j 5.26 reports both as MemoryPoolOutOfMemoryError; its message names the limit reached.
TRANSACTION_OUT_OF_MEMORY = "Neo.ClientError.General.TransactionOutOfMemoryError"
POOL_OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
TRANSACTION_LIMIT = "db.memory.transaction.max threshold"


def safe_uri(uri: str) -> str:
    """The URI without user, password or query string, fit for a message or a log."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "<URI illisible>"
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


class Neo4jStore:
    """The Neo4j store; one driver per process, shared by threads (the driver is thread-safe)."""

    def __init__(
        self,
        driver: neo4j.Driver,
        *,
        uri: str,
        database: str,
        batch_size: int = 5000,
        retry_seconds: float = 1.0,
    ) -> None:
        self.driver = driver
        self.uri = safe_uri(uri)
        self.database = database
        self.batch_size = batch_size
        self.retry_seconds = retry_seconds

    @classmethod
    def connect(cls, settings: Settings) -> Neo4jStore:
        """Open the driver, check the server answers, and create constraints (``IF NOT EXISTS``)."""
        uri = safe_uri(settings.neo4j_uri)
        password = settings.neo4j_password.get_secret_value()
        auth = (settings.neo4j_user, password) if password else None
        try:
            if urlsplit(settings.neo4j_uri).scheme not in BOLT_SCHEMES:
                # The driver also speaks HTTP (a preview); the service only speaks Bolt.
                raise ValueError("not a Bolt URI")
            driver = GraphDatabase.driver(
                settings.neo4j_uri,
                auth=auth,
                # An unreachable server answers 503 within one connection time-out: the driver's
                # defaults (30 s to connect, then 30 s of retries on every query) outlast any
                # client's patience. Transient server errors are retried by _retrying instead.
                connection_timeout=settings.neo4j_connection_timeout,
                connection_acquisition_timeout=settings.neo4j_connection_timeout
                + settings.neo4j_retry_seconds,
                max_transaction_retry_time=0,
                # A fresh database knows no property yet: every first query would warn about each.
                notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
            )
        except (ConfigurationError, ValueError):
            raise StoreUnavailable(
                f"URI Neo4j invalide « {uri} » : bolt://, neo4j:// ou neo4j+s:// attendu",
                message_en=f"invalid Neo4j URI {uri}",
            ) from None
        store = cls(
            driver,
            uri=settings.neo4j_uri,
            database=settings.neo4j_database,
            batch_size=settings.neo4j_batch_size,
            retry_seconds=settings.neo4j_retry_seconds,
        )
        try:
            with store._guard(password):
                driver.verify_connectivity()
                store.ensure_schema()
        except BaseException:
            driver.close()
            raise
        log.info("Neo4j connecté : %s, base %s", uri, settings.neo4j_database)
        return store

    @contextmanager
    def _guard(self, secret: str = "") -> Iterator[None]:
        try:
            yield
        except _UNAVAILABLE as exc:
            raise self._unavailable(exc, secret) from None

    def _pool_exhausted(self, dataset: Dataset, exc: Neo4jError) -> StoreUnavailable:
        size, size_en = _sizes(dataset)
        return StoreUnavailable(
            f"Neo4j « {self.uri} » n'a plus de mémoire de transaction (dbms.memory.transaction.total.max, "
            f"partagée par toutes les transactions) pendant cet import{size}. Rien n'a été écrit. "
            "Réessayez quand le serveur est moins chargé ; si l'erreur revient, découpez l'import ou "
            f"augmentez la mémoire du serveur. Détail : {exc.code}",
            message_en=f"Neo4j {self.uri} ran out of shared transaction memory during this import{size_en}; "
            f"nothing was written; retry later, split the import or give the server more memory ({exc.code})",
        )

    def _unavailable(self, exc: Exception, secret: str) -> StoreUnavailable:
        reason = f"{type(exc).__name__}: {exc}"
        if secret:
            reason = reason.replace(secret, "***")
        return StoreUnavailable(
            f"Neo4j injoignable à « {self.uri} » (base « {self.database} ») : vérifiez NEO4J_URI, "
            f"les identifiants et que le serveur tourne. Détail : {reason}",
            message_en=f"Neo4j unavailable at {self.uri} (database {self.database}): {reason}",
        )

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints the store relies on, drop outdated ones (idempotent)."""
        statements = [
            cypher("create_node_unique", LABEL=label, KEY=key) for label, key in NODE_TABLES.values()
        ]
        statements.append(cypher("create_node_unique", LABEL=Label.SEQUENCE, KEY=Key.NAME))
        for tie_type in TieType:
            # Databases written by earlier versions kept a constraint on the ties' former `key`
            # property and an index on `project`; both only slow imports down now.
            statements.append(cypher("drop_tie_key_unique", TIE_TYPE=tie_type))
            statements.append(cypher("drop_tie_project_index", TIE_TYPE=tie_type))
        for statement in statements:
            self.driver.execute_query(statement, database_=self.database)

    def close(self) -> None:
        self.driver.close()

    def ping(self, *, deep: bool = False) -> None:
        # One auto-commit query, never retried: the answer comes within one connection time-out.
        # Neo4j checks its own store files; ``deep`` has nothing more to ask of it.
        with (
            self._guard(),
            self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session,
        ):
            session.run(cypher("ping")).consume()

    # -- plumbing ----------------------------------------------------------------------------

    def _session(self) -> neo4j.Session:
        # Sessions share execute_query's bookmarks: on a cluster, a read routed to a follower still
        # sees every write this process made before it (read-your-writes).
        return self.driver.session(
            database=self.database, bookmark_manager=self.driver.execute_query_bookmark_manager
        )

    def _retrying(self, attempt: Callable[[], R]) -> R:
        """Run ``attempt``, again on a transient server error (a deadlock between two imports)
        until ``retry_seconds`` have passed; an unreachable server is not retried: it answers 503
        at once, and the next request tries again."""
        deadline = time.monotonic() + self.retry_seconds
        delay = 0.05
        while True:
            try:
                return attempt()
            except TransientError:
                if time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay * random.uniform(0.8, 1.2))
                delay *= 2

    def _read(self, work: Callable[..., R], *args: Any) -> R:
        def attempt() -> R:
            with self._session() as session:
                return session.execute_read(work, *args)

        with self._guard():
            return self._retrying(attempt)

    def _write(self, work: Callable[..., R], *args: Any) -> R:
        def attempt() -> R:
            with self._session() as session:
                return session.execute_write(work, *args)

        with self._guard():
            return self._retrying(attempt)

    def _docs(self, model: type[M], query: str, **params: Any) -> list[M]:
        with self._guard():
            records, _, _ = self.driver.execute_query(
                query, params, database_=self.database, routing_=RoutingControl.READ
            )
        return [entity(model, record) for record in records]

    @staticmethod
    def _tx_docs(tx: ManagedTransaction, model: type[M], query: str, **params: Any) -> list[M]:
        return [entity(model, record) for record in tx.run(query, params)]

    # -- writes ------------------------------------------------------------------------------

    def upsert_dataset(self, dataset: Dataset) -> ImportSummary:
        return self._write(self._bounded_upsert, dataset)

    def _bounded_upsert(self, tx: ManagedTransaction, dataset: Dataset) -> ImportSummary:
        """The upsert, with the server's transaction memory limit turned into a clear error.

        Raised inside the transaction function, the error is not retried by the driver (the same
        import would only hit the same limit again) and the transaction rolls back.
        """
        try:
            return self._upsert(tx, dataset)
        except Neo4jError as exc:
            if exc.code == TRANSACTION_OUT_OF_MEMORY or (
                exc.code == POOL_OUT_OF_MEMORY and TRANSACTION_LIMIT in (exc.message or "")
            ):
                raise _too_large(dataset, exc) from None
            if exc.code == POOL_OUT_OF_MEMORY:
                raise self._pool_exhausted(dataset, exc) from None
            raise

    def _upsert(self, tx: ManagedTransaction, dataset: Dataset) -> ImportSummary:
        seq = _lock(tx)
        known, handles = _known_nodes(tx)
        problems = cross_reference_problems({t: list(getattr(dataset, t)) for t in TABLES}, known)
        if problems:
            raise InvalidInput([json_locator(None)(problem) for problem in problems])
        summary = ImportSummary()
        for table in NODE_TABLES:
            key = NODE_TABLES[table][1]
            entities: list[Any] = list(getattr(dataset, table))
            stored = getattr(known, table)
            existing = self._existing(
                tx, table, [getattr(e, key) for e in entities if getattr(e, key) in stored]
            )
            changes, rows = TableChanges(), []
            for item in entities:
                text, before = doc(item), existing.get(getattr(item, key))
                if before is None:
                    changes.added += 1
                    rows.append(node_row(table, item, text, seq))
                    seq += 1
                elif before == text:
                    changes.unchanged += 1
                else:
                    changes.changed += 1
                    rows.append(node_row(table, item, text, None))
            summary.tables[table] = changes
            self._write_rows(tx, table, rows, handles)
        # Every tie is offered the number ``seq + its position``; only the added ones keep it, so
        # numbers may skip but first-insertion order holds.
        summary.tables["ties"] = self._write_ties(tx, dataset.ties, seq, handles)
        seq += len(dataset.ties)
        tx.run(cypher("advance_sequence"), name=INSERTION, value=seq).consume()
        return summary

    def _existing(self, tx: ManagedTransaction, table: str, keys: list[str]) -> dict[str, str]:
        """The stored ``doc`` of each of the stored entities ``keys`` names."""
        label, key = NODE_TABLES[table]
        query = cypher("existing_nodes", LABEL=label, KEY=key)
        found: dict[str, str] = {}
        for chunk in batched(keys, self.batch_size):
            for record in tx.run(query, keys=chunk):
                found[record["key"]] = record["doc"]
        return found

    def _write_rows(
        self, tx: ManagedTransaction, table: str, rows: list[dict[str, Any]], handles: Handles
    ) -> None:
        """Write one table's rows in batches.

        Rows with a ``seq`` are new: they are created outright (the import lock is held and they
        were just looked up), linked to the nodes they name by handle, and their own handles are
        kept for the links written after them. The others changed and go through MERGE, which also
        removes their old links.
        """
        label = NODE_TABLES[table][0]
        added = [row for row in rows if row["seq"] is not None]
        changed = [row for row in rows if row["seq"] is None]
        linked = [_linked(table, row, handles) for row in added]
        for chunk in batched(linked, self.batch_size):
            for record in tx.run(_create_query(table), rows=chunk):
                handles.of[label][record["key"]] = record["handle"]
                handles.created.add(record["handle"])
        for chunk in batched(changed, self.batch_size):
            tx.run(cypher(MERGE_QUERY[table]), rows=chunk).consume()
        if table == "territories":
            parented = [row for row in rows if row["parent"] is not None]
            for chunk in batched(parented, self.batch_size):
                tx.run(cypher("link_territory_parents"), rows=chunk).consume()

    def _write_ties(
        self, tx: ManagedTransaction, ties: list[Tie], seq: int, handles: Handles
    ) -> TableChanges:
        """Ties of each kind: look up the stored ones, create the new, update the changed.

        A tie between two organisations stored before this import may already be stored; it is
        looked up by its ends (handles), type and project, unless the database holds no tie of
        that type at all. A tie with a new end cannot be stored yet. Nothing else is read back.

        Ties of a type the database holds none of (a first load) are sent as they are read, a
        batch per kind at a time, and their counts checked once all are sent: the driver waits for
        the server only when it sends the next batch, so the client prepares one batch while the
        server writes the one before.
        """
        # Counted before any tie is written: a count is read from the count store, but inside a
        # transaction it also goes through every tie the transaction has created.
        holding = {
            tie_type
            for tie_type in map(TIE_TYPE.__getitem__, set(map(_TIE_KIND_OF, ties)))
            if tx.run(cypher("count_ties", TIE_TYPE=tie_type)).single(strict=True)["ties"]
        }
        kept, sent = self._send_first_ties(tx, ties, seq, handles, holding)
        changes = TableChanges()
        for tie_type, rows in kept.items():
            stored = self._stored_ties(tx, tie_type, rows, handles.created)
            updates = [
                [tie_handle, rows[position][3], rows[position][4]]
                for position, (tie_handle, formal, strength) in stored.items()
                if (formal, strength) != (rows[position][3], rows[position][4])
            ]
            added = [row for position, row in enumerate(rows) if position not in stored]
            sent.extend(_send_ties(tx, tie_type, chunk) for chunk in batched(added, self.batch_size))
            for chunk in batched(updates, self.batch_size):
                tx.run(cypher("update_ties", TIE_TYPE=tie_type), rows=chunk).consume()
            changes.changed += len(updates)
            changes.unchanged += len(stored) - len(updates)
        for result, size in sent:
            if result.single(strict=True)["created"] != size:
                # cross_reference_problems rules this out; never let a tie vanish silently.
                raise Conflict("lien dont une extrémité est introuvable", message_en="tie end not found")
            changes.added += size
        return changes

    def _send_first_ties(
        self, tx: ManagedTransaction, ties: list[Tie], seq: int, handles: Handles, holding: set[TieType]
    ) -> tuple[dict[TieType, list[list[Any]]], list[tuple[Result, int]]]:
        """Send, in batches, the ties of the types the database holds none of; keep the others.

        Each tie becomes a row ``[source handle, target handle, seq, formal, strength, project]``.
        Returns the rows kept by type (to be looked up) and the batches sent with their sizes.
        """
        handle = handles.of[Label.ORGANISATION]
        kept: dict[TieType, list[list[Any]]] = {tie_type: [] for tie_type in holding}
        pending: dict[TieType, Batch] = {}
        sent: list[tuple[Result, int]] = []
        for position, (source_id, target_id, kind, formal, strength, project) in enumerate(
            map(_TIE_FIELDS, ties), seq
        ):
            source, target = handle.get(source_id), handle.get(target_id)
            if source is None or target is None:
                # Raises Conflict: validation under the lock makes this unreachable but for a bug.
                _handle(handle, source_id if source is None else target_id)
            row = [source, target, position, formal, strength, project]
            tie_type = TIE_TYPE[kind]
            if tie_type in holding:
                kept[tie_type].append(row)
                continue
            batch = pending.setdefault(tie_type, Batch())
            batch.append(row)
            if len(batch) == self.batch_size:
                sent.append(_send_ties(tx, tie_type, pending.pop(tie_type)))
        sent.extend(_send_ties(tx, tie_type, batch) for tie_type, batch in pending.items())
        return kept, sent

    def _stored_ties(
        self, tx: ManagedTransaction, tie_type: TieType, rows: list[list[Any]], created: set[str]
    ) -> dict[int, tuple[str, bool, int]]:
        """Position in ``rows`` → (handle, formal, strength) of the ties already stored."""
        candidates = [
            [row[0], row[1], row[5], position]
            for position, row in enumerate(rows)
            if row[0] not in created and row[1] not in created
        ]
        stored: dict[int, tuple[str, bool, int]] = {}
        query = cypher("stored_ties", TIE_TYPE=tie_type)
        for chunk in batched(candidates, self.batch_size):
            for record in tx.run(query, rows=chunk):
                stored[record["position"]] = (record["handle"], record["formal"], record["strength"])
        return stored

    # -- deletes -----------------------------------------------------------------------------

    def _delete(self, query: str, table: str, key: str, **params: Any) -> None:
        what = WHAT[table]

        def work(tx: ManagedTransaction) -> None:
            _lock(tx)  # never between an import's read of a handle and its use
            record = tx.run(query, params).single(strict=True)
            # Raised inside the transaction: a refused delete rolls back and counts as no write.
            if not record["found"]:
                raise NotFound(f"{what} « {key} » introuvable", message_en=f"{table[:-1]} {key!r} not found")
            if record["referenced"]:
                raise Conflict(
                    f"{what} « {key} » encore référencé : supprimez d'abord ce qui le cite",
                    message_en=f"{table[:-1]} {key!r} is still referenced",
                )
            if table == "projects":
                for tie_type in TieType:
                    tx.run(cypher("delete_project_ties", TIE_TYPE=tie_type), project=key).consume()

        self._write(work)

    def delete_territory(self, code: str) -> None:
        self._delete(cypher("delete_territory"), "territories", code, code=code)

    def delete_organisation(self, organisation_id: str) -> None:
        self._delete(cypher("delete_organisation"), "organisations", organisation_id, id=organisation_id)

    def delete_scheme(self, scheme_id: str) -> None:
        self._delete(cypher("delete_scheme"), "schemes", scheme_id, id=scheme_id)

    def delete_project(self, project_id: str) -> None:
        self._delete(cypher("delete_project"), "projects", project_id, id=project_id)

    def delete_tie(self, key: str) -> None:
        parts = key.split("|")
        missing = NotFound(f"lien « {key} » introuvable", message_en=f"tie {key!r} not found")
        if len(parts) != 4 or parts[2] not in TieKind.__members__.values():
            raise missing
        source, target, kind, project = parts
        query = cypher("delete_tie", TIE_TYPE=TIE_TYPE[TieKind(kind)])

        def work(tx: ManagedTransaction) -> None:
            _lock(tx)
            record = tx.run(query, source=source, target=target, project=project or None)
            if not record.single(strict=True)["deleted"]:
                raise missing  # inside the transaction: rolled back, no write counted

        self._write(work)

    # -- reads -------------------------------------------------------------------------------

    def known_ids(self) -> KnownIds:
        return self._read(_known_ids)

    def _get(self, model: type[M], table: str, key: str) -> M | None:
        label, key_name = NODE_TABLES[table]
        found = self._docs(model, cypher("get_node", LABEL=label, KEY=key_name), key=key)
        return found[0] if found else None

    def get_territory(self, code: str) -> Territory | None:
        return self._get(Territory, "territories", code)

    def list_territories(self) -> list[Territory]:
        return self._docs(Territory, cypher("list_territories"), root=None)

    def get_organisation(self, organisation_id: str) -> Organisation | None:
        return self._get(Organisation, "organisations", organisation_id)

    def list_organisations(
        self, *, territory: str | None = None, sector: str | None = None, public: str | None = None
    ) -> list[Organisation]:
        return self._docs(
            Organisation, cypher("list_organisations"), territory=territory, sector=sector, public=public
        )

    def get_scheme(self, scheme_id: str) -> Scheme | None:
        return self._get(Scheme, "schemes", scheme_id)

    def list_schemes(self, *, territory: str | None = None) -> list[Scheme]:
        return self._docs(Scheme, cypher("list_schemes"), territory=territory)

    def get_project(self, project_id: str) -> Project | None:
        return self._get(Project, "projects", project_id)

    def list_projects(
        self,
        *,
        call: str | None = None,
        territory: str | None = None,
        organisation: str | None = None,
        public: str | None = None,
    ) -> list[Project]:
        return self._docs(
            Project,
            cypher("list_projects"),
            call=call,
            territory=territory,
            organisation=organisation,
            public=public,
        )

    def list_ties(self, *, organisation: str | None = None, project: str | None = None) -> list[Tie]:
        if organisation is None:
            return self._docs(Tie, cypher("list_ties", TIE_TYPES=ALL_TIES), project=project)
        return self._docs(
            Tie, cypher("organisation_ties", TIE_TYPES=ALL_TIES), organisation=organisation, project=project
        )

    # -- graphs ------------------------------------------------------------------------------

    def project_network(self, project_id: str) -> nx.Graph:
        return self.project_networks([project_id])[0]

    def project_networks(self, project_ids: Sequence[str]) -> list[nx.Graph]:
        """N(P) of each project, in the order given, read by one query however many there are."""
        wanted = list(dict.fromkeys(project_ids))

        def work(tx: ManagedTransaction) -> dict[str, nx.Graph]:
            # One call's projects share many members: each document is validated once per read.
            organisations: dict[str, Organisation] = {}
            builder = NetworkBuilder()
            found: dict[str, nx.Graph] = {}
            for record in tx.run(cypher("project_networks", TIE_TYPES=ALL_TIES), ids=wanted):
                members = {}
                for text in record["organisations"]:
                    organisation = organisations.get(text)
                    if organisation is None:
                        organisation = organisations[text] = Organisation.model_validate_json(text)
                    members[organisation.id] = organisation
                project = Project.model_validate_json(record["doc"])
                rows = [tie(row) for row in record["ties"]]
                found[record["id"]] = builder.network(
                    project, members, [(t.key, t.formal, t.strength) for t in rows]
                )
            return found

        found = self._read(work)
        missing = next((i for i in wanted if i not in found), None)
        if missing is not None:
            raise NotFound(f"projet « {missing} » introuvable", message_en=f"project {missing!r} not found")
        return [found[i] for i in project_ids]

    def data_version(self) -> int:
        with self._guard():
            records, _, _ = self.driver.execute_query(
                cypher("data_version"), name=VERSION, database_=self.database, routing_=RoutingControl.READ
            )
        return int(records[0]["value"])

    def territory_ecosystem(self, code: str) -> Dataset:
        def work(tx: ManagedTransaction) -> Dataset | None:
            territories = self._tx_docs(tx, Territory, cypher("list_territories"), root=code)
            if not territories:
                return None
            schemes = self._tx_docs(tx, Scheme, cypher("list_schemes"), territory=code)
            projects = self._tx_docs(
                tx,
                Project,
                cypher("list_projects"),
                call=None,
                territory=code,
                organisation=None,
                public=None,
            )
            on_territory = self._tx_docs(
                tx, Organisation, cypher("list_organisations"), territory=code, sector=None, public=None
            )
            ids = {o.id for o in on_territory}
            ids |= {m for p in projects for m in p.member_ids}
            ids |= {s.operator for s in schemes if s.operator}
            organisations = self._tx_docs(tx, Organisation, cypher("organisations_by_ids"), ids=sorted(ids))
            project_ids = {p.id for p in projects}
            ties = [
                t
                for t in self._tx_docs(tx, Tie, cypher("ties_among", TIE_TYPES=ALL_TIES), ids=sorted(ids))
                if t.project is None or t.project in project_ids
            ]
            return self_consistent(territories, organisations, schemes, projects, ties)

        ecosystem = self._read(work)
        if ecosystem is None:
            raise NotFound(f"territoire « {code} » introuvable", message_en=f"territory {code!r} not found")
        return ecosystem

    def export_dataset(self) -> Dataset:
        def work(tx: ManagedTransaction) -> Dataset:
            return Dataset(
                territories=self._tx_docs(tx, Territory, cypher("list_territories"), root=None),
                organisations=self._tx_docs(
                    tx, Organisation, cypher("list_organisations"), territory=None, sector=None, public=None
                ),
                schemes=self._tx_docs(tx, Scheme, cypher("list_schemes"), territory=None),
                projects=self._tx_docs(
                    tx,
                    Project,
                    cypher("list_projects"),
                    call=None,
                    territory=None,
                    organisation=None,
                    public=None,
                ),
                ties=self._tx_docs(tx, Tie, cypher("list_ties", TIE_TYPES=ALL_TIES), project=None),
            )

        # One read transaction: the export is a consistent snapshot.
        return self._read(work)


@dataclass
class Handles:
    """The element ids of the nodes an import links to, read or created in its own transaction.

    Links are written by handle (``elementId``), which Neo4j resolves without an index seek; the
    import lock keeps the handles valid while the transaction lasts.
    """

    of: dict[Label, dict[str, str]] = field(
        default_factory=lambda: {label: {} for label, _ in NODE_TABLES.values()}
    )
    created: set[str] = field(default_factory=set)


def _sizes(dataset: Dataset) -> tuple[str, str]:
    def french(n: int) -> str:
        return f"{n:,}".replace(",", "\u202f")

    return (
        f" ({french(dataset.size)} entités, dont {french(len(dataset.ties))} liens)",
        f" ({dataset.size:,} entities, {len(dataset.ties):,} ties)",
    )


def _too_large(dataset: Dataset, exc: Neo4jError) -> ImportTooLarge:
    size, size_en = _sizes(dataset)
    return ImportTooLarge(
        f"Import trop volumineux pour une seule transaction Neo4j{size} : il dépasse la mémoire "
        "qu'une transaction peut prendre sur ce serveur (db.memory.transaction.max). Rien n'a été "
        "écrit. Découpez l'import (les organisations, puis les projets, puis les liens : chaque "
        "fichier peut citer ce qui est déjà enregistré) ou augmentez cette limite. "
        f"Détail : {exc.code}",
        message_en=f"import too large for one Neo4j transaction{size_en}: it exceeds the memory one "
        "transaction may take on this server (db.memory.transaction.max); nothing was written; split "
        f"the import or raise the limit ({exc.code})",
    )


def _lock(tx: ManagedTransaction) -> int:
    """Take the store's write lock (the insertion counter) for this transaction; its value.

    Every write takes it first, so it also counts the write in the data version (rolled back with
    the transaction when the write fails).
    """
    value = int(tx.run(cypher("lock_sequence"), name=INSERTION).single(strict=True)["value"])
    tx.run(cypher("bump_version"), name=VERSION).consume()
    return value


def _handle(known: dict[str, str], key: str) -> str:
    try:
        return known[key]
    except KeyError:
        # Validation checked every reference under the import lock: only a concurrent delete
        # outside the store could get here.
        raise Conflict(
            f"« {key} » introuvable pendant l'import", message_en=f"{key!r} vanished during the import"
        ) from None


_TIE_FIELDS = attrgetter("source", "target", "kind", "formal", "strength", "project")
_TIE_KIND_OF = attrgetter("kind")


def _send_ties(tx: ManagedTransaction, tie_type: TieType, rows: Batch) -> tuple[Result, int]:
    """Send one batch of new ties without waiting for its result; the result and its size."""
    return tx.run(cypher("create_ties", TIE_TYPE=tie_type), rows=rows), len(rows)


def _linked(table: str, row: dict[str, Any], handles: Handles) -> dict[str, Any]:
    """A new row for its create query: the nodes it links to given by handle instead of key."""
    if table == "territories":
        return row
    of = handles.of
    linked = {key: row[key] for key in ("id", "seq", "doc", "props")}
    linked["covers"] = [_handle(of[Label.TERRITORY], code) for code in row["territories"]]
    if table == "schemes":
        operator = row["operator"]
        linked["operator"] = _handle(of[Label.ORGANISATION], operator) if operator else None
    elif table == "projects":
        organisations = of[Label.ORGANISATION]
        linked["lead"] = _handle(organisations, row["lead"])
        linked["partners"] = [
            {"handle": _handle(organisations, p["organisation"]), "props": p["props"]}
            for p in row["partners"]
        ]
        linked["articulates"] = [_handle(of[Label.SCHEME], scheme) for scheme in row["schemes"]]
    return linked


def _create_query(table: str) -> str:
    return {
        "territories": cypher("create_territories"),
        "organisations": cypher("create_organisations"),
        "schemes": cypher("create_schemes"),
        "projects": cypher("create_projects"),
    }[table]


def _known_nodes(tx: ManagedTransaction) -> tuple[KnownIds, Handles]:
    """Every stored key, and the handles of the nodes an import may link to."""
    record = tx.run(cypher("known_nodes")).single(strict=True)
    handles = Handles()
    handles.of[Label.TERRITORY] = dict(record["territories"])
    handles.of[Label.ORGANISATION] = {key: handle for key, handle, _ in record["organisations"]}
    handles.of[Label.SCHEME] = dict(record["schemes"])
    known = KnownIds(
        territories=set(handles.of[Label.TERRITORY]),
        organisations=set(handles.of[Label.ORGANISATION]),
        schemes=set(handles.of[Label.SCHEME]),
        projects=set(record["projects"]),
        sirets={siret: key for key, _, siret in record["organisations"] if siret is not None},
    )
    return known, handles


def _known_ids(tx: ManagedTransaction) -> KnownIds:
    record = tx.run(cypher("known_ids")).single(strict=True)
    return KnownIds(
        territories=set(record["territories"]),
        organisations=set(record["organisations"]),
        schemes=set(record["schemes"]),
        projects=set(record["projects"]),
        sirets={siret: organisation for siret, organisation in record["sirets"]},
    )


__all__ = ["ALL_TIES", "TIE_TYPE", "Label", "Neo4jStore", "Rel", "TieType", "safe_uri"]
