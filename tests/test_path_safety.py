"""Path traversal is impossible: no id, route path or uploaded file name reaches the file system.

* ``GET /packs/{id}/pdf`` (and the other id routes) with crafted ids, percent-encoded or raw on
  the socket, serve nothing but a stored pack's own PDF;
* ``/static`` serves only its own folder;
* uploaded file names such as ``../../x.pdf`` are display names only: the upload is stored under
  a name the service chose inside the data dir, and nothing is written anywhere else.
"""

from __future__ import annotations

import hashlib
import secrets
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from benchmarks.load import write_pack
from service.errors import PackNotFoundError
from service.store import open_store
from service.web.api import create_app
from tests.live_server import live_server

TOKEN = "path-token-93c1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FAKE_PDF = b"%PDF-1.7\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 20  # magic, not a PDF
SECRET = b"TOP-SECRET-OUTSIDE-THE-STORE"

# ids as they appear in a request path (already percent-encoded where it matters)
CRAFTED_IDS = [
    "..%2F..%2Fetc%2Fpasswd",
    "..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fstore.db",
    "..%5C..%5Cstore.db",
    "%2Fetc%2Fpasswd",
    "..%2Fstore.db",
    "..%2F..%2Fsecret.txt",
    "%00",
    "..%00",
    "%252e%252e%252fstore.db",
    "*",
    "%25",
    "'%20OR%201%3D1%20--",
    "x" * 3000,
]


def assert_not_served(resp: Any, what: str) -> None:
    assert resp.status_code in (400, 404, 405, 422), (what, resp.status_code, resp.text[:200])
    assert resp.headers.get("content-type", "").startswith(("application/json", "text/html"))
    body = resp.content
    assert b"root:" not in body and b"SQLite format" not in body and SECRET not in body, what


@pytest.fixture(scope="module")
def served(
    sample_indexed_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """An API over a copy of the sample store, with a secret file next to the data dir."""
    root = tmp_path_factory.mktemp("paths")
    data_dir = root / "data"
    shutil.copytree(sample_indexed_dir, data_dir)
    (root / "secret.txt").write_bytes(SECRET)
    store = open_store(data_dir)
    try:
        record = store.list_packs()[0]
    finally:
        store.close()
    app = create_app(data_dir, warm=False, token=TOKEN)
    with TestClient(app) as client:
        yield {"client": client, "app": app, "root": root, "data_dir": data_dir, "pack": record}


@pytest.mark.parametrize("crafted", CRAFTED_IDS, ids=lambda s: s[:30])
def test_crafted_pack_ids_never_serve_a_file(served: dict[str, Any], crafted: str) -> None:
    client = served["client"]
    for route in (f"/packs/{crafted}/pdf", f"/packs/{crafted}", f"/jobs/{crafted}"):
        assert_not_served(client.get(route), route)
    # a known id with a path glued on is not that pack either
    pid = served["pack"].id
    assert_not_served(client.get(f"/packs/{pid}%2F{crafted}/pdf"), f"{pid}/{crafted}")


def test_the_pdf_route_serves_only_the_stored_copy_of_a_known_pack(served: dict[str, Any]) -> None:
    client, record, data_dir = served["client"], served["pack"], served["data_dir"]
    resp = client.get(f"/packs/{record.id}/pdf")
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/pdf"
    stored = (data_dir / "pdfs" / f"{record.sha256}.pdf").read_bytes()
    assert resp.content == stored and hashlib.sha256(stored).hexdigest() == record.sha256
    # the full hash, the file name of the copy, is not an id
    assert_not_served(client.get(f"/packs/{record.sha256}/pdf"), "sha")
    assert_not_served(client.get(f"/packs/{record.sha256}.pdf/pdf"), "file name")


def test_the_store_resolves_ids_by_lookup_never_as_paths(served: dict[str, Any]) -> None:
    store = open_store(served["data_dir"])
    try:
        for crafted in ("../../etc/passwd", "../secret.txt", "/etc/passwd", "..\\store.db", ""):
            with pytest.raises(PackNotFoundError):
                store.pack_pdf(crafted)
    finally:
        store.close()


def test_raw_dot_segments_on_the_socket_serve_nothing(served: dict[str, Any]) -> None:
    """Unnormalised paths, as a hostile client sends them (no client library cleans them up)."""
    targets = [
        "/packs/../../etc/passwd/pdf",
        "/packs/../secret.txt/pdf",
        "/packs/..%2f..%2fsecret.txt/pdf",
        "/static/../../secret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/static/%2e%2e/%2e%2e/secret.txt",
        "/static/../api.py",
        "/../secret.txt",
        "/meeting/..%2f..%2fsecret.txt",
    ]
    app = create_app(served["data_dir"], warm=False)  # its own: a server's lifespan ends its store
    with live_server(app) as base:
        port = int(base.rsplit(":", 1)[1])
        for target in targets:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                sock.sendall(
                    f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
                )
                reply = b""
                while chunk := sock.recv(65536):
                    reply += chunk
            status = reply.split(b" ", 2)[1]
            assert status in (b"400", b"404"), (target, reply[:200])
            assert SECRET not in reply and b"root:" not in reply, target
            assert b"def create_app" not in reply, target


def test_static_files_are_served_from_their_folder_only(served: dict[str, Any]) -> None:
    client = served["client"]
    assert client.get("/static/app.js").status_code == 200
    for target in (
        "/static/..%2Fapi.py",
        "/static/..%2F..%2Fpyproject.toml",
        "/static/%2e%2e%2fui.py",
        "/static/..%5Capi.py",
    ):
        resp = client.get(target)
        assert resp.status_code in (400, 404), (target, resp.status_code)
        assert b"import " not in resp.content and b"[project]" not in resp.content, target


HOSTILE_NAMES = [
    "../../x-{tag}.pdf",
    "..\\..\\x-{tag}.pdf",
    "/tmp/x-{tag}.pdf",
    "C:\\Windows\\x-{tag}.pdf",
    "....//....//x-{tag}.pdf",
    "..%2F..%2Fx-{tag}.pdf",
    "x-{tag}.pdf\r\nX-Injected: 1",
    "..",
    "",
]


def files_outside(root: Path, data_dir: Path) -> set[Path]:
    return {p for p in root.rglob("*") if data_dir not in p.parents and p != data_dir}


def wait_for_job(client: Any, job_id: str, timeout: float = 300.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        state: dict[str, Any] = client.get(f"/jobs/{job_id}").json()
        if state["status"] in ("done", "failed"):
            return state
        assert time.monotonic() < deadline, state
        time.sleep(0.1)


def test_hostile_upload_names_are_never_used_as_paths(tmp_path: Path) -> None:
    tag = secrets.token_hex(4)
    data_dir = tmp_path / "deep" / "data"
    with TestClient(create_app(data_dir, warm=False, token=TOKEN)) as client:
        before = files_outside(tmp_path, data_dir)
        for raw in HOSTILE_NAMES:
            name = raw.format(tag=tag)
            resp = client.post(
                "/packs", files={"file": (name, FAKE_PDF, "application/pdf")}, headers=AUTH
            )
            assert resp.status_code == 202, (name, resp.text)
            state = wait_for_job(client, resp.json()["id"])
            shown = state["file"]
            assert "/" not in shown and "\\" not in shown and "\r" not in shown, (name, shown)
            assert state["status"] == "failed"  # not a readable PDF: nothing is stored
            assert "x-injected" not in {k.lower() for k in resp.headers}
        assert files_outside(tmp_path, data_dir) == before
    assert not list(Path("/tmp").glob(f"x-{tag}*")) and not list(tmp_path.rglob(f"x-{tag}*"))
    # everything the uploads wrote went under names the service chose, and is gone
    assert list((data_dir / "uploads").iterdir()) == []
    assert list((data_dir / "pdfs").iterdir()) == []


def test_an_indexed_upload_is_stored_under_its_hash_whatever_its_name(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "input" / "pack.pdf", 7)
    data = pack.path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    data_dir = tmp_path / "data"
    with TestClient(create_app(data_dir, warm=False, token=TOKEN)) as client:
        resp = client.post(
            "/packs",
            files={"file": ("..\\..\\..\\evil-pack.pdf", data, "application/pdf")},
            headers=AUTH,
        )
        assert resp.status_code == 202, resp.text
        state = wait_for_job(client, resp.json()["id"])
        assert state["status"] == "done", state
        assert state["file"] == "evil-pack.pdf"  # shown as a base name, for display only
        stored = client.get(f"/packs/{state['pack']}").json()
    assert "/" not in stored["source"] and "\\" not in stored["source"]
    assert "evil" not in stored["source"] and ".." not in stored["source"]
    assert [p.name for p in (data_dir / "pdfs").iterdir()] == [f"{sha}.pdf"]
    assert not list(tmp_path.rglob("evil-pack.pdf"))
