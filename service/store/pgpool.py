"""A small pool of psycopg connections to the PostgreSQL store, each opened once and kept.

Connections are in autocommit mode: a read is one statement (no transaction round trips),
a write opens its own transaction. psycopg prepares a statement on the server after it has
run a few times on a connection, so a long-lived connection also saves the planning.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from service.errors import QueryTimeoutError, StoreError

log = logging.getLogger(__name__)

WAIT_S = 10.0  # a query waits this long for a free connection, then 503
EF_SEARCH = 100  # hnsw.ef_search of every connection (candidates an HNSW search keeps)
# Each statement runs in its own backend process alone (no parallel workers): a search is a
# few statements of 1-100 ms, and starting two workers for one of them cost more than they
# saved on 2 shared cores (the 60 slowest keyword statements of the benchmark's /search,
# best of 3: 3.9 s with workers, 3.1 s without; their rows and order are the same)
# Every statement is planned for its own parameters (``plan_cache_mode``): psycopg prepares a
# statement run five times on a connection, and PostgreSQL then switches a prepared statement
# to one generic plan when its estimate looks no worse; for a keyword or phrase statement
# that plan does not know the words (a common word's walk newest first is 1.6 ms planned for
# it, 450-600 ms generic), so a served store slowed down as its connections aged.
SESSION = {
    "hnsw.ef_search": str(EF_SEARCH),
    "max_parallel_workers_per_gather": "0",
    "plan_cache_mode": "force_custom_plan",
}


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def libpq_url(url: str) -> str:
    """``postgres://`` and ``postgresql+psycopg://`` (SQLAlchemy's spelling) as libpq takes
    them."""
    scheme, rest = url.split("://", 1)
    return "postgresql://" + rest if scheme.lower() != "postgresql" else url


def connect(url: str) -> Any:
    import psycopg

    try:
        conn = psycopg.connect(libpq_url(url), autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        raise StoreError(f"cannot reach the store at {redact(url)}: {exc}") from exc
    for name, value in SESSION.items():
        conn.execute("SELECT set_config(%s, %s, false)", (name, value))
    return conn


class Pool:
    def __init__(self, url: str, size: int) -> None:
        self.url = url
        self.size = max(1, size)
        self._free: queue.LifoQueue[Any] = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def conn(self) -> Iterator[Any]:
        import psycopg

        conn = self._acquire()
        try:
            yield conn
        except psycopg.errors.QueryCanceled as exc:
            raise QueryTimeoutError("the store's query took longer than its time limit") from exc
        except psycopg.Error as exc:
            raise StoreError(f"store query failed: {exc}") from exc
        finally:
            self._release(conn)

    def _acquire(self) -> Any:
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._opened < self.size:
                self._opened += 1
                try:
                    return connect(self.url)
                except BaseException:
                    self._opened -= 1
                    raise
        try:
            return self._free.get(timeout=WAIT_S)
        except queue.Empty:
            raise QueryTimeoutError(
                f"the store is busy: no connection free within {WAIT_S:.0f}s",
                limit_seconds=WAIT_S,
            ) from None

    def _release(self, conn: Any) -> None:
        if self._closed or conn.closed or conn.broken:
            with self._lock:
                self._opened -= 1
            if not conn.closed:
                conn.close()
            return
        self._free.put(conn)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._free.get_nowait().close()
            except queue.Empty:
                break
