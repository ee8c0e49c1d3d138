"""Saved searches that alert (issue 14): kept by the store, guarded by the write token,
matched against each pack as it is indexed (the command line and an upload), listed as an
Atom feed a real feed parser reads, whose links open the PDF at the page quoted."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import time
from pathlib import Path
from typing import Any

import feedparser
import httpx
import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient

from service.cli import main
from service.store import open_store
from service.store.base import Alert
from service.web.api import create_app
from tests.live_server import live_server

TOKEN = "alert-token-41c7"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PACK = "borsetshire-childrens-services-scrutiny-2024-04-22.pdf"
QUERY = "youth centres closure"


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = main(list(argv))
    return rc, out.getvalue()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def page_text(pdf: bytes, page: int) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return str(doc[page - 1].get_textpage().get_text_range())
    finally:
        doc.close()


# ------------------------------------------------------------------ the store


def test_the_store_keeps_saved_searches_and_records_each_match_once(
    sample_indexed_dir: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(sample_indexed_dir, data_dir)
    with open_store(data_dir) as store:
        alert = store.add_alert(Alert(id=0, query="youth centres", kind="recommendation"))
        assert alert.id >= 1 and alert.created_at and alert.matches == 0
        pack = store.list_packs()[0].id
        passages = store.item_passages(pack, "6", None, 3) or store.item_passages(
            pack, "1", None, 3
        )
        hits = [(p.id, 0.5) for p in passages]
        assert hits
        assert store.record_matches(alert.id, hits) == len(hits)
        assert store.record_matches(alert.id, hits) == 0  # once per alert and passage
        assert store.record_matches(alert.id, [(10**9, 0.1)]) == 0  # no such passage
        assert store.alert(alert.id).matches == len(hits) == store.alert(alert.id).unseen
        matches = store.alert_matches(alert.id, unseen=True)
        assert {m.passage.id for m in matches} == {p.id for p in passages}
        store.mark_shown([m.id for m in matches[:1]])
        assert store.alert(alert.id).unseen == len(hits) - 1
        store.delete_pack(pack)  # its matches go with it
        assert store.alert(alert.id).matches == 0
        store.delete_alert(alert.id)
        assert store.alerts() == []
        with pytest.raises(Exception, match="no saved search"):
            store.alert(alert.id)


# ------------------------------------------------------------------ the API


def test_saved_searches_are_written_only_with_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BOARDPAPERS_TOKEN", raising=False)
    with TestClient(create_app(tmp_path / "open", warm=False)) as c:
        resp = c.post("/alerts", json={"query": "libraries"}, headers=AUTH)
        assert resp.status_code == 403 and resp.json()["error"]["code"] == "writes_disabled"
    with TestClient(create_app(tmp_path / "data", warm=False, token=TOKEN)) as c:
        for headers in ({}, {"Authorization": "Bearer nope"}):
            resp = c.post("/alerts", json={"query": "libraries"}, headers=headers)
            assert resp.status_code == 401, resp.text
        assert c.get("/alerts").json() == {"alerts": []}  # nothing written

        new = {"query": "library closures", "body": "cabinet", "kind": "resolution", "from": "2024"}
        resp = c.post("/alerts", json=new, headers=AUTH)
        assert resp.status_code == 201, resp.text
        alert = resp.json()
        assert resp.headers["location"] == f"/alerts/{alert['id']}"
        assert {k: alert[k] for k in new} == new
        assert alert["feed"] == f"/alerts/{alert['id']}/feed" and alert["matches"] == 0
        assert c.get("/alerts").json() == {"alerts": [alert]}
        assert c.get(f"/alerts/{alert['id']}").json() == {"alert": alert, "entries": []}
        csv_text = c.get("/alerts", params={"format": "csv"}).text
        assert csv_text.splitlines()[1].startswith(f"{alert['id']},library closures,cabinet,")

        for bad in (
            {"query": "  "},
            {"query": "x", "from": "2024-02-30"},
            {"query": "x", "kind": "memo"},
        ):
            resp = c.post("/alerts", json=bad, headers=AUTH)
            assert resp.status_code == 400, (bad, resp.text)
        assert c.delete(f"/alerts/{alert['id']}").status_code == 401
        resp = c.delete(f"/alerts/{alert['id']}", headers=AUTH)
        assert resp.json() == {"id": alert["id"], "deleted": True}
        for path in (f"/alerts/{alert['id']}", f"/alerts/{alert['id']}/feed"):
            assert c.get(path).json()["error"]["code"] == "alert_not_found"


# ------------------------------------------------------------------ matching and the feed


def wait_for_job(base: str, job_id: str, timeout: float = 600.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = httpx.get(f"{base}/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} did not finish in {timeout:.0f}s")


def test_an_uploaded_pack_fires_the_alert_and_the_feed_links_to_the_pdf_page(
    sample_dir: Path, tmp_path: Path
) -> None:
    """A real server: save a search, upload a pack, read the Atom feed with feedparser and
    follow an entry's link to the PDF page that holds the quote."""
    app = create_app(tmp_path / "data", warm=False, token=TOKEN)
    with live_server(app) as base:
        resp = httpx.post(f"{base}/alerts", json={"query": QUERY}, headers=AUTH)
        assert resp.status_code == 201, resp.text
        alert = resp.json()
        pdf = sample_dir / PACK
        with pdf.open("rb") as fh:
            files = {"file": (PACK, fh, "application/pdf")}
            job = httpx.post(f"{base}/packs", files=files, headers=AUTH, timeout=120).json()
        job = wait_for_job(base, job["id"])
        assert job["status"] == "done", job

        feed_resp = httpx.get(f"{base}{alert['feed']}")
        assert feed_resp.headers["content-type"].startswith("application/atom+xml")
        feed = feedparser.parse(feed_resp.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == "atom10"
        assert QUERY in feed.feed.title
        assert feed.entries, feed_resp.text[:2000]
        shown = httpx.get(f"{base}/alerts/{alert['id']}").json()["entries"]
        assert len(feed.entries) == len(shown)
        assert len({e.id for e in feed.entries}) == len(feed.entries)  # stable, distinct ids

        top = feed.entries[0]
        assert "youth centre" in top.summary.lower()  # the quote
        assert "2024" in top.title and "Children" in top.title  # the meeting
        pdf_link = next(link.href for link in top.links if link.type == "application/pdf")
        url, _, fragment = pdf_link.partition("#")
        page = int(fragment.removeprefix("page="))
        got = httpx.get(url)
        assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
        on_page = set(words(page_text(got.content, page)))
        quoted = [w for w in words(top.summary) if len(w) > 3]
        assert sum(w in on_page for w in quoted) >= 0.8 * len(quoted), (page, top.summary)

        # an entry's other link is the meeting's page in the UI
        meeting = next(link.href for link in top.links if link.rel == "related")
        assert httpx.get(meeting).status_code == 200

        # the same pack again matches nothing new (skipped: already indexed)
        before = httpx.get(f"{base}/alerts/{alert['id']}").json()["alert"]["matches"]
        with pdf.open("rb") as fh:
            files = {"file": (PACK, fh, "application/pdf")}
            again = httpx.post(f"{base}/packs", files=files, headers=AUTH, timeout=120).json()
        assert wait_for_job(base, again["id"])["result"]["status"] == "skipped"
        after = httpx.get(f"{base}/alerts/{alert['id']}").json()["alert"]["matches"]
        assert after == before > 0


def test_the_command_line_saves_matches_and_shows_each_entry_once(
    sample_dir: Path, tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    rc, out = run_cli("alerts", "add", QUERY, "--json", "--data-dir", data)
    assert rc == 0
    alert = json.loads(out)
    rc, out = run_cli("alerts", "add", "parking permits for electric scooters", "--data-dir", data)
    assert rc == 0 and "saved search" in out
    rc, out = run_cli("alerts", "list", "--json", "--data-dir", data)
    assert [a["query"] for a in json.loads(out)["alerts"]] == [
        QUERY,
        "parking permits for electric scooters",
    ]

    rc, _ = run_cli("index", str(sample_dir / PACK), "--workers", "0", "--data-dir", data)
    assert rc == 0

    rc, out = run_cli("alerts", "show", str(alert["id"]), "--json", "--data-dir", data)
    shown = json.loads(out)
    app = create_app(Path(data), warm=False)
    with TestClient(app) as c:  # the same JSON as the route
        assert c.get(f"/alerts/{alert['id']}").json() == shown
        unrelated = c.get("/alerts").json()["alerts"][1]
    assert shown["entries"] and shown["alert"]["matches"] >= len(shown["entries"])
    assert unrelated["matches"] == 0  # the relevance floor: nothing in the pack is about it
    items = {e["agenda_item"] for e in shown["entries"]}
    assert len(items) == len(shown["entries"])  # one entry per agenda item of the meeting

    rc, first = run_cli("alerts", "show", str(alert["id"]), "--new", "--data-dir", data)
    assert rc == 0
    for e in shown["entries"]:
        assert e["pdf_url"] in first
    rc, second = run_cli("alerts", "show", str(alert["id"]), "--new", "--data-dir", data)
    assert "no new matches" in second and not any(e["pdf_url"] in second for e in shown["entries"])

    rc, out = run_cli("alerts", "remove", str(alert["id"]), "--json", "--data-dir", data)
    assert json.loads(out) == {"id": alert["id"], "deleted": True}
    assert run_cli("alerts", "show", str(alert["id"]), "--data-dir", data)[0] == 2
