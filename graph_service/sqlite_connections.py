"""One SQLite file shared by the threads of a process: the embedded store and the token file."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from graph_service.domain.errors import StorageFull

BASE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=10000")


class SQLiteConnections:
    """One connection per thread (the API answers from a thread pool), WAL, explicit transactions.

    ``pragmas`` are run on each new connection after the WAL, synchronous and busy-timeout ones.
    """

    def __init__(self, path: str | Path, pragmas: Sequence[str] = ()) -> None:
        self.path = Path(path)
        self._pragmas = (*BASE_PRAGMAS, *pragmas)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            if not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            for pragma in self._pragmas:
                connection.execute(pragma)
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken at once (``BEGIN IMMEDIATE``), rolled back on any error.

        A full disk, or the file at its size limit (``PRAGMA max_page_count``), raises
        :class:`StorageFull` with nothing written, whether it shows on a statement or on ``COMMIT``
        (SQLite then leaves the transaction open: it is rolled back here).
        """
        connection = self.connection()
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            if is_full(exc):
                raise storage_full(self.path, exc) from exc
            raise

    def close(self) -> None:
        """Close every thread's connection."""
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()


# SQLITE_FULL: the disk, or the file's page limit (PRAGMA max_page_count), is full. A write the
# system refuses (SQLITE_IOERR_WRITE) is mostly a quota or a file-size limit reached (EFBIG).
STORAGE_ERRORS = frozenset({sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR_WRITE})


def is_full(exc: sqlite3.Error) -> bool:
    """The error says the disk, a quota or the file's size limit is reached."""
    return getattr(exc, "sqlite_errorcode", None) in STORAGE_ERRORS


def storage_full(path: Path, exc: sqlite3.Error) -> StorageFull:
    return StorageFull(
        f"disque plein : l'écriture dans « {path.name} » a été refusée et rien n'a été enregistré ; "
        "libérez de la place (ou relevez le quota) puis recommencez",
        message_en=f"disk full: the write to {path.name} was refused, nothing was stored ({exc})",
    )


__all__ = ["BASE_PRAGMAS", "SQLiteConnections", "is_full", "storage_full"]
