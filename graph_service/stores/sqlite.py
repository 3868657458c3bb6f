"""The embedded default store: one SQLite file (standard library), WAL, no server.

Each entity is kept as its canonical JSON document, beside the few columns and link tables that
lookups need. Rows keep their ``rowid`` when replaced, so an export lists entities in the order
they were first stored, and an import followed by an export gives the same document back.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Generic, TypeVar

import networkx as nx
from pydantic import BaseModel

from graph_service.domain.errors import Conflict, NotFound, StoreUnavailable
from graph_service.domain.models import Dataset, Organisation, Project, Scheme, Territory, Tie
from graph_service.domain.network import project_network, self_consistent
from graph_service.domain.validation import KnownIds
from graph_service.sqlite_connections import SQLiteConnections
from graph_service.stores.bulk import collector_paused
from graph_service.stores.protocol import ImportSummary, TableChanges

M = TypeVar("M", bound=BaseModel)

SCHEMA = """
CREATE TABLE IF NOT EXISTS territories (
    code TEXT PRIMARY KEY, level TEXT NOT NULL, parent TEXT, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS territories_parent ON territories(parent);
CREATE TABLE IF NOT EXISTS organisations (
    id TEXT PRIMARY KEY, sector TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS organisation_territories (
    organisation TEXT NOT NULL, territory TEXT NOT NULL, PRIMARY KEY (organisation, territory));
CREATE INDEX IF NOT EXISTS organisation_territories_t ON organisation_territories(territory);
CREATE TABLE IF NOT EXISTS organisation_publics (
    organisation TEXT NOT NULL, public TEXT NOT NULL, PRIMARY KEY (organisation, public));
CREATE TABLE IF NOT EXISTS schemes (
    id TEXT PRIMARY KEY, operator TEXT, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS schemes_operator ON schemes(operator);
CREATE TABLE IF NOT EXISTS scheme_territories (
    scheme TEXT NOT NULL, territory TEXT NOT NULL, PRIMARY KEY (scheme, territory));
CREATE INDEX IF NOT EXISTS scheme_territories_t ON scheme_territories(territory);
CREATE TABLE IF NOT EXISTS projects (
    id TEXT PRIMARY KEY, call TEXT NOT NULL, lead TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS projects_call ON projects(call);
CREATE TABLE IF NOT EXISTS project_members (
    project TEXT NOT NULL, organisation TEXT NOT NULL, PRIMARY KEY (project, organisation));
CREATE INDEX IF NOT EXISTS project_members_o ON project_members(organisation);
CREATE TABLE IF NOT EXISTS project_territories (
    project TEXT NOT NULL, territory TEXT NOT NULL, PRIMARY KEY (project, territory));
CREATE INDEX IF NOT EXISTS project_territories_t ON project_territories(territory);
CREATE TABLE IF NOT EXISTS project_publics (
    project TEXT NOT NULL, public TEXT NOT NULL, PRIMARY KEY (project, public));
CREATE TABLE IF NOT EXISTS project_schemes (
    project TEXT NOT NULL, scheme TEXT NOT NULL, PRIMARY KEY (project, scheme));
CREATE INDEX IF NOT EXISTS project_schemes_s ON project_schemes(scheme);
CREATE TABLE IF NOT EXISTS ties (
    key TEXT PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, project TEXT,
    doc TEXT NOT NULL);
-- (source, target): N(P) asks for the ties with both ends among a few members, a pair of IN lists.
CREATE INDEX IF NOT EXISTS ties_source_target ON ties(source, target);
DROP INDEX IF EXISTS ties_source;
CREATE INDEX IF NOT EXISTS ties_target ON ties(target);
CREATE INDEX IF NOT EXISTS ties_project ON ties(project);
"""

# Each table: (primary-key column, model, link tables rebuilt from the entity on upsert).
_KEY = {"territories": "code", "organisations": "id", "schemes": "id", "projects": "id", "ties": "key"}

# SQLite allows 32,766 host parameters per statement; stay well below.
_CHUNK = 900


def _doc(entity: BaseModel) -> str:
    # pydantic-core's serialiser writes what json.dumps(..., ensure_ascii=False, separators=(",", ":"))
    # writes, four times faster: it is most of an import's time outside SQLite.
    return entity.model_dump_json()


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class _Validated(Generic[M]):
    """The models validated from stored documents, keyed by the document's text.

    Reading N(P) validates a project, its thirty-odd members and their ties; the same
    organisations come back in every project they belong to, and the projects of a call are read
    by ``list_projects`` just before each one's N(P). Validation is a pure function of the
    document's text, so a document read again gives the model validated before: an import or a
    delete changes what SQLite returns, never what a text validates to, and nothing stale can
    be served. The models are frozen and shared by every reader (never mutate one).

    Bounded: at most ``limit`` documents, the oldest dropped first.
    """

    def __init__(self, model: type[M], limit: int) -> None:
        self._model = model
        self._limit = limit
        self._found: dict[str, M] = {}
        self._lock = threading.Lock()

    def __call__(self, doc: str) -> M:
        found = self._found.get(doc)
        if found is None:
            found = self._model.model_validate_json(doc)
            with self._lock:
                if len(self._found) >= self._limit:
                    del self._found[next(iter(self._found))]
                self._found[doc] = found
        return found

    def __len__(self) -> int:
        return len(self._found)


# How many documents of each kind the store keeps validated (see _Validated), and what each costs
# (measured on the synthetic region, document text included): an organisation 1.8 KB, a project of
# 30 members 19 KB; at most about 60 MB for a store. The organisations and projects of a
# 10,000-organisation region with 2,000 projects fit: reading every project's N(P) after listing
# them finds 5 organisations in 6 and every project already validated. Ties are not kept: one
# tie is rarely in two networks (1 % of reads on that region), not worth its memory.
_VALIDATED_LIMITS: dict[type[BaseModel], int] = {
    Organisation: 10_000,
    Project: 2_000,
}


class SQLiteStore:
    """The embedded store. Safe to share between threads: one connection per thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # 64 MiB of page cache (default 2 MiB): a large import updates several indexes at random
        # places, and a cache smaller than them turns each insert into page reads.
        self._db = SQLiteConnections(self.path, ("PRAGMA foreign_keys=OFF", "PRAGMA cache_size=-65536"))
        try:
            # executescript commits on its own; every statement of the schema is idempotent.
            self._connection().executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(
                f"base SQLite illisible « {self.path} » : {exc}",
                message_en=f"cannot open SQLite database {self.path}: {exc}",
            ) from exc
        self._validated: dict[type[BaseModel], _Validated[Any]] = {
            model: _Validated(model, limit) for model, limit in _VALIDATED_LIMITS.items()
        }

    # -- connections -------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        return self._db.connection()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return self._db.transaction()

    def close(self) -> None:
        self._db.close()

    def ping(self) -> None:
        try:
            self._connection().execute("SELECT count(*) FROM projects").fetchone()
        except sqlite3.Error as exc:
            raise StoreUnavailable(
                f"base SQLite indisponible : {exc}", message_en=f"SQLite unavailable: {exc}"
            ) from exc

    # -- writes ------------------------------------------------------------------------------

    def upsert_dataset(self, dataset: Dataset) -> ImportSummary:
        summary = ImportSummary()
        with collector_paused(), self._transaction() as connection:
            for table in ("territories", "organisations", "schemes", "projects", "ties"):
                entities: list[Any] = list(getattr(dataset, table))
                summary.tables[table] = self._upsert_table(connection, table, entities)
        return summary

    def _upsert_table(self, connection: sqlite3.Connection, table: str, entities: list[Any]) -> TableChanges:
        if not entities:
            return TableChanges()
        key_column = _KEY[table]
        keys = [self._key(table, e) for e in entities]
        existing: dict[str, str] = {}
        # A first import into an empty table (the usual case, and the largest) has nothing to compare.
        empty = connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None
        for chunk in [] if empty else _chunks(keys):
            marks = ",".join("?" * len(chunk))
            existing.update(
                connection.execute(
                    f"SELECT {key_column}, doc FROM {table} WHERE {key_column} IN ({marks})", chunk
                ).fetchall()
            )
        rows = []
        added = unchanged = 0
        for key, entity in zip(keys, entities, strict=True):
            doc = _doc(entity)
            before = existing.get(key)
            if before is None:
                added += 1
            elif before == doc:
                unchanged += 1
                continue
            rows.append((key, entity, doc))
        if rows:
            # Only entities stored before have link rows to clear.
            self._write_rows(connection, table, rows, [k for k, _, _ in rows if k in existing])
        return TableChanges(added=added, changed=len(rows) - added, unchanged=unchanged)

    @staticmethod
    def _key(table: str, entity: Any) -> str:
        return str(entity.key if table == "ties" else getattr(entity, _KEY[table]))

    def _write_rows(
        self,
        connection: sqlite3.Connection,
        table: str,
        rows: list[tuple[str, Any, str]],
        keys: list[str],
    ) -> None:
        if table == "territories":
            connection.executemany(
                "INSERT INTO territories (code, level, parent, doc) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(code) DO UPDATE SET level=excluded.level, parent=excluded.parent, "
                "doc=excluded.doc",
                [(k, e.level.value, e.parent, d) for k, e, d in rows],
            )
        elif table == "organisations":
            connection.executemany(
                "INSERT INTO organisations (id, sector, doc) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET sector=excluded.sector, doc=excluded.doc",
                [(k, e.sector.value, d) for k, e, d in rows],
            )
            self._replace_links(
                connection,
                "organisation_territories",
                "organisation",
                "territory",
                keys,
                [(k, t) for k, e, _ in rows for t in e.territories],
            )
            self._replace_links(
                connection,
                "organisation_publics",
                "organisation",
                "public",
                keys,
                [(k, p.value) for k, e, _ in rows for p in e.publics],
            )
        elif table == "schemes":
            connection.executemany(
                "INSERT INTO schemes (id, operator, doc) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET operator=excluded.operator, doc=excluded.doc",
                [(k, e.operator, d) for k, e, d in rows],
            )
            self._replace_links(
                connection,
                "scheme_territories",
                "scheme",
                "territory",
                keys,
                [(k, t) for k, e, _ in rows for t in e.territories],
            )
        elif table == "projects":
            connection.executemany(
                "INSERT INTO projects (id, call, lead, doc) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET call=excluded.call, lead=excluded.lead, doc=excluded.doc",
                [(k, e.call, e.lead, d) for k, e, d in rows],
            )
            self._replace_links(
                connection,
                "project_members",
                "project",
                "organisation",
                keys,
                [(k, m) for k, e, _ in rows for m in e.member_ids],
            )
            self._replace_links(
                connection,
                "project_territories",
                "project",
                "territory",
                keys,
                [(k, t) for k, e, _ in rows for t in e.territories],
            )
            self._replace_links(
                connection,
                "project_publics",
                "project",
                "public",
                keys,
                [(k, p.value) for k, e, _ in rows for p in e.publics],
            )
            self._replace_links(
                connection,
                "project_schemes",
                "project",
                "scheme",
                keys,
                [(k, s) for k, e, _ in rows for s in e.schemes],
            )
        else:
            connection.executemany(
                "INSERT INTO ties (key, source, target, project, doc) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET doc=excluded.doc",
                [(k, e.source, e.target, e.project, d) for k, e, d in rows],
            )

    @staticmethod
    def _replace_links(
        connection: sqlite3.Connection,
        table: str,
        owner: str,
        other: str,
        owners: Sequence[str],
        links: list[tuple[str, str]],
    ) -> None:
        for chunk in _chunks(owners):
            marks = ",".join("?" * len(chunk))
            connection.execute(f"DELETE FROM {table} WHERE {owner} IN ({marks})", chunk)
        connection.executemany(f"INSERT OR IGNORE INTO {table} ({owner}, {other}) VALUES (?, ?)", links)

    # -- generic reads -----------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._connection().execute(sql, params).fetchall()

    def _docs(self, model: type[M], sql: str, params: Sequence[Any] = ()) -> list[M]:
        rows = self._query(sql, params)
        validated = self._validated.get(model)
        if validated is None:
            return [model.model_validate_json(row[0]) for row in rows]
        return [validated(row[0]) for row in rows]

    def _one(self, model: type[M], table: str, key: str) -> M | None:
        found = self._docs(model, f"SELECT doc FROM {table} WHERE {_KEY[table]} = ?", (key,))
        return found[0] if found else None

    def _subtree(self, code: str) -> list[str]:
        rows = self._query(
            "WITH RECURSIVE sub(code) AS (SELECT ? UNION SELECT t.code FROM territories t "
            "JOIN sub ON t.parent = sub.code) SELECT code FROM sub",
            (code,),
        )
        return [row[0] for row in rows]

    def known_ids(self) -> KnownIds:
        return KnownIds(
            territories={r[0] for r in self._query("SELECT code FROM territories")},
            organisations={r[0] for r in self._query("SELECT id FROM organisations")},
            schemes={r[0] for r in self._query("SELECT id FROM schemes")},
            projects={r[0] for r in self._query("SELECT id FROM projects")},
            sirets={
                r[0]: r[1]
                for r in self._query(
                    "SELECT json_extract(doc, '$.siret'), id FROM organisations "
                    "WHERE json_extract(doc, '$.siret') IS NOT NULL"
                )
            },
        )

    # -- territories -------------------------------------------------------------------------

    def get_territory(self, code: str) -> Territory | None:
        return self._one(Territory, "territories", code)

    def list_territories(self) -> list[Territory]:
        return self._docs(Territory, "SELECT doc FROM territories ORDER BY rowid")

    def delete_territory(self, code: str) -> None:
        referenced = self._query(
            "SELECT 1 FROM territories WHERE parent = ? UNION ALL "
            "SELECT 1 FROM organisation_territories WHERE territory = ? UNION ALL "
            "SELECT 1 FROM scheme_territories WHERE territory = ? UNION ALL "
            "SELECT 1 FROM project_territories WHERE territory = ? LIMIT 1",
            (code, code, code, code),
        )
        self._delete("territories", code, "territoire", referenced)

    def _delete(self, table: str, key: str, what: str, referenced: list[Any]) -> None:
        if referenced:
            raise Conflict(
                f"{what} « {key} » encore référencé : supprimez d'abord ce qui le cite",
                message_en=f"{table[:-1]} {key!r} is still referenced",
            )
        with self._transaction() as connection:
            cursor = connection.execute(f"DELETE FROM {table} WHERE {_KEY[table]} = ?", (key,))
            if cursor.rowcount == 0:
                raise NotFound(f"{what} « {key} » introuvable", message_en=f"{table[:-1]} {key!r} not found")
            if table == "organisations":
                for link in ("organisation_territories", "organisation_publics"):
                    connection.execute(f"DELETE FROM {link} WHERE organisation = ?", (key,))
                connection.execute("DELETE FROM ties WHERE source = ? OR target = ?", (key, key))
            elif table == "schemes":
                connection.execute("DELETE FROM scheme_territories WHERE scheme = ?", (key,))
            elif table == "projects":
                for link in ("project_members", "project_territories", "project_publics", "project_schemes"):
                    connection.execute(f"DELETE FROM {link} WHERE project = ?", (key,))
                connection.execute("DELETE FROM ties WHERE project = ?", (key,))

    # -- organisations -----------------------------------------------------------------------

    def get_organisation(self, organisation_id: str) -> Organisation | None:
        return self._one(Organisation, "organisations", organisation_id)

    def list_organisations(
        self, *, territory: str | None = None, sector: str | None = None, public: str | None = None
    ) -> list[Organisation]:
        where, params = [], []
        if territory is not None:
            codes = self._subtree(territory)
            where.append(
                "id IN (SELECT organisation FROM organisation_territories WHERE territory IN "
                f"({','.join('?' * len(codes))}))"
            )
            params.extend(codes)
        if sector is not None:
            where.append("sector = ?")
            params.append(sector)
        if public is not None:
            where.append("id IN (SELECT organisation FROM organisation_publics WHERE public = ?)")
            params.append(public)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return self._docs(Organisation, f"SELECT doc FROM organisations{clause} ORDER BY rowid", params)

    def delete_organisation(self, organisation_id: str) -> None:
        referenced = self._query(
            "SELECT 1 FROM project_members WHERE organisation = ? UNION ALL "
            "SELECT 1 FROM schemes WHERE operator = ? LIMIT 1",
            (organisation_id, organisation_id),
        )
        self._delete("organisations", organisation_id, "organisation", referenced)

    # -- schemes -----------------------------------------------------------------------------

    def get_scheme(self, scheme_id: str) -> Scheme | None:
        return self._one(Scheme, "schemes", scheme_id)

    def list_schemes(self, *, territory: str | None = None) -> list[Scheme]:
        if territory is None:
            return self._docs(Scheme, "SELECT doc FROM schemes ORDER BY rowid")
        codes = self._subtree(territory)
        return self._docs(
            Scheme,
            "SELECT doc FROM schemes WHERE id IN (SELECT scheme FROM scheme_territories WHERE "
            f"territory IN ({','.join('?' * len(codes))})) ORDER BY rowid",
            codes,
        )

    def delete_scheme(self, scheme_id: str) -> None:
        referenced = self._query("SELECT 1 FROM project_schemes WHERE scheme = ? LIMIT 1", (scheme_id,))
        self._delete("schemes", scheme_id, "dispositif", referenced)

    # -- projects ----------------------------------------------------------------------------

    def get_project(self, project_id: str) -> Project | None:
        return self._one(Project, "projects", project_id)

    def list_projects(
        self,
        *,
        call: str | None = None,
        territory: str | None = None,
        organisation: str | None = None,
        public: str | None = None,
    ) -> list[Project]:
        where, params = [], []
        if call is not None:
            where.append("call = ?")
            params.append(call)
        if territory is not None:
            codes = self._subtree(territory)
            where.append(
                "id IN (SELECT project FROM project_territories WHERE territory IN "
                f"({','.join('?' * len(codes))}))"
            )
            params.extend(codes)
        if organisation is not None:
            where.append("id IN (SELECT project FROM project_members WHERE organisation = ?)")
            params.append(organisation)
        if public is not None:
            where.append("id IN (SELECT project FROM project_publics WHERE public = ?)")
            params.append(public)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return self._docs(Project, f"SELECT doc FROM projects{clause} ORDER BY rowid", params)

    def delete_project(self, project_id: str) -> None:
        self._delete("projects", project_id, "projet", [])

    # -- ties --------------------------------------------------------------------------------

    def list_ties(self, *, organisation: str | None = None, project: str | None = None) -> list[Tie]:
        where, params = [], []
        if organisation is not None:
            where.append("(source = ? OR target = ?)")
            params.extend([organisation, organisation])
        if project is not None:
            where.append("project = ?")
            params.append(project)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return self._docs(Tie, f"SELECT doc FROM ties{clause} ORDER BY rowid", params)

    def delete_tie(self, key: str) -> None:
        self._delete("ties", key, "lien", [])

    # -- graphs ------------------------------------------------------------------------------

    def project_network(self, project_id: str) -> nx.Graph:
        project = self.get_project(project_id)
        if project is None:
            raise NotFound(
                f"projet « {project_id} » introuvable", message_en=f"project {project_id!r} not found"
            )
        members = project.member_ids
        marks = ",".join("?" * len(members))
        organisations = {
            o.id: o
            for o in self._docs(Organisation, f"SELECT doc FROM organisations WHERE id IN ({marks})", members)
        }
        # "+target": seek the index on each member as source and filter the targets, 30 seeks
        # instead of the 900 (source, target) pairs SQLite would otherwise probe; same rows.
        ties = self._docs(
            Tie,
            f"SELECT doc FROM ties WHERE source IN ({marks}) AND +target IN ({marks}) ORDER BY rowid",
            [*members, *members],
        )
        return project_network(project, organisations, ties)

    def territory_ecosystem(self, code: str) -> Dataset:
        if self.get_territory(code) is None:
            raise NotFound(f"territoire « {code} » introuvable", message_en=f"territory {code!r} not found")
        codes = self._subtree(code)
        marks = ",".join("?" * len(codes))
        territories = self._docs(
            Territory, f"SELECT doc FROM territories WHERE code IN ({marks}) ORDER BY rowid", codes
        )
        schemes = self.list_schemes(territory=code)
        projects = self.list_projects(territory=code)
        organisation_ids = {
            r[0]
            for r in self._query(
                f"SELECT organisation FROM organisation_territories WHERE territory IN ({marks})", codes
            )
        }
        organisation_ids |= {m for p in projects for m in p.member_ids}
        organisation_ids |= {s.operator for s in schemes if s.operator}
        organisations = self._organisations_by_id(sorted(organisation_ids))
        project_ids = {p.id for p in projects}
        ties = [
            t
            for t in self._ties_among(sorted(organisation_ids))
            if t.project is None or t.project in project_ids
        ]
        return self_consistent(territories, organisations, schemes, projects, ties)

    def _organisations_by_id(self, ids: Sequence[str]) -> list[Organisation]:
        """Read the given organisations only, in first-insertion order."""
        rows: list[tuple[int, str]] = []
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows.extend(self._query(f"SELECT rowid, doc FROM organisations WHERE id IN ({marks})", chunk))
        rows.sort()
        return [Organisation.model_validate_json(doc) for _, doc in rows]

    def _ties_among(self, ids: Sequence[str]) -> list[Tie]:
        wanted = set(ids)
        found: dict[str, Tie] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for tie in self._docs(
                Tie, f"SELECT doc FROM ties WHERE source IN ({marks}) ORDER BY rowid", chunk
            ):
                if tie.target in wanted:
                    found[tie.key] = tie
        return list(found.values())

    def _all(self, model: type[M], table: str) -> list[M]:
        return self._docs(model, f"SELECT doc FROM {table} ORDER BY rowid")

    def export_dataset(self) -> Dataset:
        return Dataset(
            territories=self._all(Territory, "territories"),
            organisations=self._all(Organisation, "organisations"),
            schemes=self._all(Scheme, "schemes"),
            projects=self._all(Project, "projects"),
            ties=self._all(Tie, "ties"),
        )


__all__ = ["SQLiteStore"]
