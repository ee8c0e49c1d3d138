"""Threads an object owns: a pool made on first use and stopped when its owner closes."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor


class LazyThreads:
    """A :class:`ThreadPoolExecutor` of ``workers`` threads named ``prefix``, made by the
    first :meth:`get` (an owner that never runs anything side by side starts no threads)
    and shut down by :meth:`close` (a later :meth:`get` makes a new one)."""

    def __init__(self, workers: int, prefix: str) -> None:
        self.workers = workers
        self.prefix = prefix
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

    def get(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=self.workers, thread_name_prefix=self.prefix
                )
            return self._executor

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False)
