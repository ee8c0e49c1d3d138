"""``boardpapers watch DIR`` for real (issue 14): a watch process on a temporary folder indexes
a pack dropped into it and fires the saved search it matches, logs a bad file with its
reason and carries on, and stops cleanly; the debounce waits for a file to settle."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from service.cli import main
from service.store import open_store
from service.watch import PendingFiles

ROOT = Path(__file__).resolve().parent.parent
PACK = "borsetshire-childrens-services-scrutiny-2024-04-22.pdf"


def wait_for(log: Path, *needles: str, timeout: float = 600.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if all(n in text for n in needles):
            return text
        time.sleep(0.5)
    raise AssertionError(f"not logged within {timeout:.0f}s: {needles}\n{text[-3000:]}")


def test_watch_indexes_a_dropped_pack_fires_its_alert_and_logs_a_bad_file(
    sample_dir: Path, tmp_path: Path
) -> None:
    folder, data = tmp_path / "dropbox", tmp_path / "data"
    folder.mkdir()
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert (
            main(["alerts", "add", "youth centres closure", "--json", "--data-dir", str(data)]) == 0
        )
    alert_id = json.loads(out.getvalue())["id"]

    log = tmp_path / "watch.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    argv = [sys.executable, "-m", "service.cli", "watch", str(folder), "--debounce", "1"]
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [*argv, "--data-dir", str(data)], cwd=ROOT, stderr=sink, stdout=sink, env=env
        )
    try:
        wait_for(log, "watching")
        (folder / "minutes-draft.pdf").write_bytes(b"%PDF-1.4\nthis is not really a PDF\n")
        (folder / "notes.txt").write_text("not a pack: never looked at")
        shutil.copyfile(sample_dir / PACK, folder / "incoming.part")
        (folder / "incoming.part").rename(folder / PACK)  # as a finished copy appears
        text = wait_for(
            log, f"indexed {folder / PACK} as", f"failed {folder / 'minutes-draft.pdf'}:"
        )
        assert proc.poll() is None  # the bad file did not stop it
        failed = next(line for line in text.splitlines() if "minutes-draft.pdf" in line)
        assert "PDF" in failed.split(":", 2)[-1]  # its reason
        assert f"alert {alert_id}:" in text and "new match" in text
        assert "notes.txt" not in text

        with open_store(data) as store:
            packs = store.list_packs()
            assert [p.source for p in packs] == [PACK]
            alert = store.alert(alert_id)
            assert alert.matches > 0
            quotes = [m.passage.text.lower() for m in store.alert_matches(alert_id)]
            assert any("youth centre" in q for q in quotes)

        # a new file is looked at too: the same pack under another name is skipped
        shutil.copyfile(folder / PACK, folder / "copy.pdf")
        wait_for(log, f"skipped {folder / 'copy.pdf'}: already indexed")

        # a file that changes is indexed again and replaces its old version
        old_id = packs[0].id
        other = next(p for p in sorted(sample_dir.glob("*.pdf")) if p.name != PACK)
        shutil.copyfile(other, folder / "incoming.part")
        (folder / "incoming.part").replace(folder / PACK)
        wait_for(log, f"replaced {old_id}")
        with open_store(data) as store:
            assert old_id not in {p.id for p in store.list_packs()}
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert rc == 0
    assert "watch stopped" in log.read_text()


def test_a_file_is_due_once_quiet_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4 part")
    pending = PendingFiles(debounce=2.0)
    pending.touch(path, now=100.0)
    assert pending.due(now=101.0) == []  # events still arriving
    assert pending.due(now=102.5) == []  # first look: size and time noted
    path.write_bytes(b"%PDF-1.4 part, and more")  # still being written
    assert pending.due(now=103.0) == []
    assert pending.due(now=103.5) == [path]  # unchanged since the last look
    assert pending.due(now=110.0) == []  # and only once
    pending.touch(tmp_path / "gone.pdf", now=100.0)
    assert pending.due(now=120.0) == []  # removed before it settled
