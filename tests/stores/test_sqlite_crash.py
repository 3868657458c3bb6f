"""A process killed in the middle of an import leaves the previous data intact.

A child process imports a generated region into a store that already holds the small region. A
small page cache makes SQLite spill the transaction's pages into the WAL before the commit; a
progress handler waits until the WAL has grown by half a megabyte of such uncommitted frames, says
so on stdout, and blocks. The parent then SIGKILLs it: the kill lands inside the open transaction,
every time, with part of the import already on disk.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graph_service.services.exports import ExportFormat, export_bytes
from graph_service.stores.sqlite import SQLiteStore
from tests.support.datasets import small_region

ROOT = Path(__file__).resolve().parents[2]
SPILLED_BYTES = 512 * 1024

CHILD = f"""
import os, sys, time
from benchmarks.generator import RegionParameters, generate_region
from graph_service.stores.sqlite import SQLiteStore

path = sys.argv[1]
dataset = generate_region(
    RegionParameters(organisations=3000, projects=400, ties=30000, communes=60, schemes=30, seed=11)
)
store = SQLiteStore(path)
connection = store._connection()
connection.execute("PRAGMA cache_size=50")  # pages: a small cache spills uncommitted pages to the WAL
wal = path + "-wal"
start = os.path.getsize(wal) if os.path.exists(wal) else 0


def pause_inside_the_transaction():
    if connection.in_transaction and os.path.getsize(wal) > start + {SPILLED_BYTES}:
        print("inside", os.path.getsize(wal) - start, flush=True)
        time.sleep(600)
    return 0


connection.set_progress_handler(pause_inside_the_transaction, 20000)
store.upsert_dataset(dataset)
print("committed", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_process_killed_during_an_import_leaves_the_previous_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    store = SQLiteStore(path)
    store.upsert_dataset(small_region())
    before = export_bytes(store.export_dataset(), ExportFormat.JSON)
    store.close()

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(120, child.kill)
    watchdog.start()
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("inside"), (
            f"child said {line!r}; stderr: {child.stderr.read() if child.stderr else ''}"
        )
        spilled = int(line.split()[1])
        assert spilled > SPILLED_BYTES
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
        child.wait()
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()

    # The WAL still holds the dead transaction's frames; opening the store must ignore them.
    assert Path(f"{path}-wal").stat().st_size > SPILLED_BYTES
    reopened = SQLiteStore(path)
    try:
        assert export_bytes(reopened.export_dataset(), ExportFormat.JSON) == before
        assert "org-000000" not in reopened.known_ids().organisations
    finally:
        reopened.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
