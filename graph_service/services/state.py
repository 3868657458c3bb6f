"""What the service keeps for its lifetime: settings, the store, tokens, audit log, caches, workers.

The API and the pages share one :class:`Services`. Its ``cache`` of answers is keyed by a version
that every write through the API increments, so a report or the territory tree is computed once
per version; writes made by another process (the CLI importing while the service runs) are seen
once the entries expire (``CACHE_SECONDS``). Its ``contexts`` (each call's shared context) follow
the store's own data version, which every write of any process moves. Its ``pool`` computes a
call's reports across the cores; :meth:`Services.close` stops it.
While the store cannot be reached, an expired entry of the current version is answered rather
than a 503.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from graph_service.auth import AuditLog, AuthDatabase, TokenRegistry
from graph_service.auth.visibility import Parents
from graph_service.domain.errors import StoreUnavailable
from graph_service.services.contexts import CallContexts
from graph_service.services.parallel import ReportPool
from graph_service.settings import Settings
from graph_service.stores.protocol import Store

T = TypeVar("T")

CACHE_SECONDS = 30.0
CACHE_ENTRIES = 2048


class VersionedCache:
    """A small LRU of computed values, emptied on every write and aged out after a while."""

    def __init__(self, seconds: float = CACHE_SECONDS, entries: int = CACHE_ENTRIES) -> None:
        self.seconds = seconds
        self.entries = entries
        self.version = 0
        self._values: OrderedDict[Any, tuple[float, int, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def bump(self) -> None:
        with self._lock:
            self.version += 1
            self._values.clear()

    def peek(self, key: Any) -> Any | None:
        """The fresh value under ``key``, or ``None``: lets a hot path skip the thread pool."""
        with self._lock:
            found = self._values.get(key)
            if found is not None and found[1] == self.version and time.monotonic() - found[0] < self.seconds:
                self._values.move_to_end(key)
                return found[2]
        return None

    def stale(self, key: Any) -> Any | None:
        """The value under ``key`` computed at the current data version, however old, or ``None``.

        For answering while the store cannot be reached: no write went through this service since.
        """
        with self._lock:
            found = self._values.get(key)
            return found[2] if found is not None and found[1] == self.version else None

    def get(self, key: Any, compute: Callable[[], T]) -> T:
        """The value under ``key``, computed when missing or expired.

        When the computation finds the store unreachable, an expired value of the same data version
        is answered instead: no write went through this service since it was computed.
        """
        with self._lock:
            version = self.version
            found = self._values.get(key)
            if found is not None and found[1] == version and time.monotonic() - found[0] < self.seconds:
                self._values.move_to_end(key)
                return found[2]
        try:
            value = compute()
        except StoreUnavailable:
            if found is not None and found[1] == version:
                return found[2]
            raise
        with self._lock:
            if self.version == version:  # a write during the computation makes it stale
                self._values[key] = (time.monotonic(), version, value)
                while len(self._values) > self.entries:
                    self._values.popitem(last=False)
        return value


@dataclass
class Services:
    settings: Settings
    store: Store
    auth: AuthDatabase
    tokens: TokenRegistry
    audit: AuditLog
    contexts: CallContexts
    pool: ReportPool
    cache: VersionedCache = field(default_factory=VersionedCache)

    def parents(self) -> Parents:
        """Each territory's parent and level, cached between writes."""
        return self.cache.get(
            ("parents",), lambda: {t.code: (t.parent, t.level) for t in self.store.list_territories()}
        )

    @classmethod
    def open(cls, settings: Settings, store: Store) -> Services:
        auth = AuthDatabase(settings.auth_db_path)
        return cls(
            settings=settings,
            store=store,
            auth=auth,
            tokens=TokenRegistry(auth),
            audit=AuditLog(auth),
            contexts=CallContexts(store),
            pool=ReportPool(settings.report_workers),
        )

    def close(self) -> None:
        """Stop the report workers and close the token database (the store is the caller's)."""
        self.pool.close()
        self.auth.close()


__all__ = ["CACHE_SECONDS", "Services", "VersionedCache"]
