"""``boardpapers watch DIR``: index PDFs as they appear or change in a folder.

Democratic services drop packs into a folder; this keeps the index current without anyone
typing a command. File events come from ``watchdog`` (inotify on Linux, the native API
elsewhere); a file is indexed once no event has touched it for ``debounce`` seconds and its
size and modification time held still across one more look (a copy still being written
waits). PDFs already in the folder are indexed when the watch starts (those already stored
are skipped by their hash). Each file goes through :class:`service.index.indexer.Indexer`
exactly as ``boardpapers index FILE`` does, with the saved searches matched against each
pack stored (:class:`service.alerts.AlertMatcher`); a bad file is logged with its reason and
the watch carries on. A file removed from the folder stays indexed.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.errors import BadInputError, one_line
from service.index.batch import FileOutcome

log = logging.getLogger(__name__)

DEFAULT_DEBOUNCE_S = 2.0
POLL_S = 0.25  # how often pending files are looked at (no file is read meanwhile)

Say = Callable[[str], None]


def _is_pdf(path: str | bytes) -> bool:
    name = os.fsdecode(path)
    return name.lower().endswith(".pdf") and not Path(name).name.startswith(".")


@dataclass(slots=True)
class _Pending:
    last_event: float
    stat: tuple[int, int] | None = None  # (size, mtime_ns) at the last look


@dataclass(slots=True)
class PendingFiles:
    """Paths with recent events, each due once quiet for ``debounce`` seconds and unchanged
    across two looks."""

    debounce: float
    items: dict[Path, _Pending] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def touch(self, path: Path, now: float | None = None) -> None:
        with self.lock:
            at = time.monotonic() if now is None else now
            entry = self.items.get(path)
            if entry is None:
                self.items[path] = _Pending(at)
            else:
                entry.last_event = at

    def due(self, now: float | None = None) -> list[Path]:
        """Paths quiet long enough whose size and mtime held still since the last look."""
        at = time.monotonic() if now is None else now
        ready: list[Path] = []
        with self.lock:
            for path, entry in list(self.items.items()):
                if at - entry.last_event < self.debounce:
                    continue
                try:
                    st = path.stat()
                except OSError:
                    del self.items[path]  # gone before it settled: nothing to index
                    continue
                stat = (st.st_size, st.st_mtime_ns)
                if entry.stat != stat:
                    entry.stat = stat
                    entry.last_event = at - self.debounce + POLL_S  # look once more, soon
                    continue
                del self.items[path]
                ready.append(path)
        return sorted(ready)


def _handler(pending: PendingFiles) -> Any:
    from watchdog.events import FileSystemEvent, FileSystemEventHandler

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory or event.event_type in ("deleted", "opened", "closed_no_write"):
                return
            target = getattr(event, "dest_path", "") or event.src_path
            if _is_pdf(target):
                pending.touch(Path(os.fsdecode(target)))

    return Handler()


class Watcher:
    """Watches ``folder`` (recursively) and indexes what settles, with ``index_file``
    (a path -> its :class:`FileOutcome`) and ``say`` (one log line per file)."""

    def __init__(
        self,
        folder: Path,
        index_file: Callable[[Path], FileOutcome],
        say: Say,
        *,
        debounce: float = DEFAULT_DEBOUNCE_S,
    ) -> None:
        if not folder.is_dir():
            raise BadInputError(f"{folder}: not a folder to watch")
        self.folder = folder
        self.index_file = index_file
        self.say = say
        self.pending = PendingFiles(debounce)
        self.stopping = threading.Event()

    def run(self) -> None:
        """Watch until :meth:`stop` (or Ctrl-C)."""
        from watchdog.observers import Observer

        observer = Observer()
        observer.schedule(_handler(self.pending), str(self.folder), recursive=True)
        observer.start()
        self.say(f"watching {self.folder} (debounce {self.pending.debounce:g} s)")
        try:
            for path in sorted(p for p in self.folder.rglob("*") if _is_pdf(str(p))):
                self.pending.touch(path, now=0.0)  # what is there already: due at once
            while not self.stopping.is_set():
                for path in self.pending.due():
                    self._one(path)
                self.stopping.wait(POLL_S)
        finally:
            observer.stop()
            observer.join(10)
            self.say("watch stopped")

    def stop(self) -> None:
        self.stopping.set()

    def _one(self, path: Path) -> None:
        try:
            outcome = self.index_file(path)
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the watch
            log.debug("indexing %s raised", path, exc_info=True)
            outcome = FileOutcome(str(path), "failed", reason=one_line(exc))
        self.say(outcome.line())
