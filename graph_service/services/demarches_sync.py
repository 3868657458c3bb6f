"""Sync a démarche's dossiers from the démarches-simplifiées API into the store, all or nothing.

One run pages through the dossiers modified since the last successful sync (``updatedSince``),
continuing from the last ``endCursor`` the API gave (its cursors follow the modification date),
reads them through the procedure's mapping like an export, and stores them in one atomic upsert;
``dry_run`` validates only. The state of the last successful sync is a small JSON file next to
the database (:class:`SyncState`); a failed or dry run leaves it as it was. Dossiers deleted on
the platform since then (``deletedDossiers``) are reported with the projects the store still holds
for them: they are not removed silently, nor kept silently.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph_service.domain.french import agree, count
from graph_service.domain.models import Dataset
from graph_service.settings import Settings
from graph_service.stores.protocol import ImportSummary, Store
from loaders.demarches_api import source_from_dossiers
from loaders.demarches_client import DemarchesClient
from loaders.demarches_dossiers import read_source
from loaders.demarches_mapping import parse_mapping

STATE_VERSION = 1


@dataclass
class SyncState:
    """Where the last successful sync of a démarche stopped."""

    updated_since: str | None = None
    end_cursor: str | None = None
    synced_at: str | None = None


def state_path_for(db_path: Path) -> Path:
    """The default state file: ``partnership-graph.db`` → ``partnership-graph-demarches-sync.json``."""
    return db_path.with_name(f"{db_path.stem}-demarches-sync.json")


def read_state(path: Path, demarche: int) -> SyncState:
    if not path.exists():
        return SyncState()
    document = json.loads(path.read_text("utf-8"))
    entry = (document.get("demarches") or {}).get(str(demarche)) or {}
    return SyncState(
        updated_since=entry.get("updated_since"),
        end_cursor=entry.get("end_cursor"),
        synced_at=entry.get("synced_at"),
    )


def write_state(path: Path, demarche: int, state: SyncState) -> None:
    """Replace the démarche's entry atomically (a crash leaves the old file whole)."""
    document: dict[str, Any] = {"version": STATE_VERSION, "demarches": {}}
    if path.exists():
        document = json.loads(path.read_text("utf-8"))
    document.setdefault("demarches", {})[str(demarche)] = {
        "updated_since": state.updated_since,
        "end_cursor": state.end_cursor,
        "synced_at": state.synced_at,
    }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    os.replace(temporary, path)


@dataclass
class SyncResult:
    """What a sync fetched, read and stored."""

    demarche: int
    pages: int
    dossiers: int
    dataset: Dataset
    notes: list[str]
    summary: ImportSummary | None
    deleted: list[dict[str, Any]] = field(default_factory=list)
    # Projects the store still holds for dossiers deleted on the platform.
    deleted_projects: list[str] = field(default_factory=list)
    since: str | None = None


Progress = Callable[[int, int], None]


def sync_demarche(
    client: DemarchesClient,
    store: Store,
    demarche: int,
    mapping: bytes,
    state_path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> SyncResult:
    """Fetch what changed since the last sync, validate it all, then store it in one upsert."""
    parsed = parse_mapping(mapping)
    state = read_state(state_path, demarche)
    started = now().isoformat(timespec="seconds")
    nodes: list[dict[str, Any]] = []
    deleted: list[dict[str, Any]] = []
    cursor, pages = state.end_cursor, 0
    while True:
        # Deletions matter since the last sync; a first sync has nothing stored to compare with.
        with_deleted = pages == 0 and state.updated_since is not None
        page = client.page(demarche, cursor, state.updated_since, with_deleted=with_deleted)
        pages += 1
        nodes.extend(page.nodes)
        deleted.extend(page.deleted)
        cursor = page.end_cursor or cursor
        if progress is not None:
            progress(pages, len(nodes))
        if not page.has_next_page:
            break
    source = source_from_dossiers(demarche, nodes, parsed)
    # An incremental run may bring only dossiers the mapping's states leave out: not an error.
    source.require_selection = state.updated_since is None
    dataset, notes = read_source(source, parsed, store.known_ids())
    prefix = parsed.project_prefix
    deleted_projects = [
        project for d in deleted if store.get_project(project := f"{prefix}{d['number']}") is not None
    ]
    summary = None
    if not dry_run:
        summary = store.upsert_dataset(dataset)
        write_state(
            state_path, demarche, SyncState(updated_since=started, end_cursor=cursor, synced_at=started)
        )
    return SyncResult(
        demarche=demarche,
        pages=pages,
        dossiers=len(nodes),
        dataset=dataset,
        notes=notes,
        summary=summary,
        deleted=deleted,
        deleted_projects=deleted_projects,
        since=state.updated_since,
    )


def read_summary(dossiers: int, pages: int) -> str:
    """« 1 dossier lu en 1 page », « 3 dossiers lus en 2 pages »."""
    return f"{count(dossiers, 'dossier lu')} en {count(pages, 'page')}"


def deleted_notes(result: SyncResult) -> list[str]:
    """The deleted dossiers, in French, with what the store still holds for them."""
    if not result.deleted:
        return []
    numbers = ", ".join(str(d["number"]) for d in result.deleted)
    note = f"{count(len(result.deleted), 'dossier supprimé')} sur démarches-simplifiées : {numbers}"
    if result.deleted_projects:
        note += (
            f" ; {agree(len(result.deleted_projects), 'projet')} encore dans la base : {', '.join(result.deleted_projects)} "
            "(à supprimer s'ils ne doivent plus compter)"
        )
    return [note]


__all__ = [
    "SyncResult",
    "SyncState",
    "client_from_settings",
    "deleted_notes",
    "read_state",
    "read_summary",
    "state_path_for",
    "state_path_of",
    "sync_demarche",
    "write_state",
]


def client_from_settings(settings: Settings) -> DemarchesClient:
    """The API client the settings describe (the token never leaves the settings and the client)."""
    return DemarchesClient(
        url=settings.ds_api_url,
        token=settings.ds_api_token.get_secret_value(),
        timeout=settings.ds_api_timeout_s,
    )


def state_path_of(settings: Settings) -> Path:
    return settings.ds_sync_state or state_path_for(settings.db_path)
