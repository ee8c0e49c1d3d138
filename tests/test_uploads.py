"""POST /packs and GET /jobs/{id}: token, size cap, PDF magic, background indexing, clean failure."""

from __future__ import annotations

import hashlib
import json
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.web.api import create_app
from tests.live_server import live_server

TOKEN = "test-token-8f3a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FAKE_PDF = b"%PDF-1.7\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 20  # magic, not a real PDF


def assert_error(resp: Any, status: int, code: str) -> dict[str, str]:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"] and "\n" not in body["error"]["message"]
    return dict(body["error"])


def uploads_left(data_dir: Path) -> list[str]:
    folder = data_dir / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def app_client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[TestClient, Path]]:
    """An API over an empty store with a write token and a 1 MB upload limit."""
    monkeypatch.delenv("BOARDPAPERS_TOKEN", raising=False)
    monkeypatch.delenv("BOARDPAPERS_MAX_UPLOAD_MB", raising=False)
    data_dir = tmp_path / "data"
    with TestClient(create_app(data_dir, warm=False, token=TOKEN, max_upload_mb=1)) as c:
        yield c, data_dir


def wait_for_job(client: Any, job_id: str, timeout: float = 300.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        state = client.get(f"/jobs/{job_id}").json()
        if state["status"] in ("done", "failed"):
            return dict(state)
        assert time.monotonic() < deadline, f"job still {state['status']} after {timeout}s"
        time.sleep(0.2)


# ------------------------------------------------------------------ the token


def test_writes_are_refused_when_no_token_is_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BOARDPAPERS_TOKEN", raising=False)
    with TestClient(create_app(tmp_path / "data", warm=False)) as c:
        resp = c.post(
            "/packs", files={"file": ("a.pdf", FAKE_PDF, "application/pdf")}, headers=AUTH
        )
        err = assert_error(resp, 403, "writes_disabled")
        assert "BOARDPAPERS_TOKEN" in err["message"] and "not" in err["message"]
        assert c.get("/healthz").status_code == 200  # reads stay open
    assert uploads_left(tmp_path / "data") == []


def test_token_is_read_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOARDPAPERS_TOKEN", "from-env")
    with TestClient(create_app(tmp_path / "data", warm=False)) as c:
        files = {"file": ("a.txt", b"hello", "text/plain")}
        assert_error(c.post("/packs", files=files), 401, "unauthorized")
        # the right token gets past the check (and the body is then refused as not a PDF)
        resp = c.post("/packs", files=files, headers={"Authorization": "Bearer from-env"})
        assert_error(resp, 415, "unsupported_media_type")


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}],
    ids=["missing", "wrong", "not-bearer"],
)
def test_missing_or_wrong_token_is_401(app_client, headers) -> None:  # type: ignore[no-untyped-def]
    client, data_dir = app_client
    resp = client.post(
        "/packs", files={"file": ("a.pdf", FAKE_PDF, "application/pdf")}, headers=headers
    )
    assert_error(resp, 401, "unauthorized")
    assert uploads_left(data_dir) == []


# ------------------------------------------------------------- what is accepted


def test_a_file_without_pdf_magic_is_415_whatever_its_content_type(app_client) -> None:  # type: ignore[no-untyped-def]
    client, data_dir = app_client
    html = b"<html><body>not a pack</body></html>" * 100
    resp = client.post(
        "/packs", files={"file": ("pack.pdf", html, "application/pdf")}, headers=AUTH
    )
    err = assert_error(resp, 415, "unsupported_media_type")
    assert "not a PDF" in err["message"]
    assert_error(
        client.post("/packs", files={"file": ("empty.pdf", b"", "application/pdf")}, headers=AUTH),
        415,
        "unsupported_media_type",
    )
    assert uploads_left(data_dir) == []


def test_a_body_that_is_not_multipart_is_415(app_client) -> None:  # type: ignore[no-untyped-def]
    client, _ = app_client
    resp = client.post(
        "/packs", content=FAKE_PDF, headers={**AUTH, "Content-Type": "application/pdf"}
    )
    err = assert_error(resp, 415, "unsupported_media_type")
    assert "multipart/form-data" in err["message"]


def test_a_form_without_the_file_field_is_400(app_client) -> None:  # type: ignore[no-untyped-def]
    client, data_dir = app_client
    resp = client.post(
        "/packs", files={"document": ("a.pdf", FAKE_PDF, "application/pdf")}, headers=AUTH
    )
    err = assert_error(resp, 400, "invalid_request")
    assert "'file'" in err["message"]
    assert uploads_left(data_dir) == []


def test_an_upload_over_the_limit_is_413_and_leaves_no_file(app_client) -> None:  # type: ignore[no-untyped-def]
    client, data_dir = app_client
    big = b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 10)
    resp = client.post("/packs", files={"file": ("big.pdf", big, "application/pdf")}, headers=AUTH)
    err = assert_error(resp, 413, "payload_too_large")
    assert "1 MB" in err["message"]
    assert uploads_left(data_dir) == []


def test_the_upload_limit_is_read_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOARDPAPERS_MAX_UPLOAD_MB", "0.01")  # ~10 KB
    data = b"%PDF-1.7\n" + b"0" * 20_000
    with TestClient(create_app(tmp_path / "data", warm=False, token=TOKEN)) as c:
        resp = c.post("/packs", files={"file": ("a.pdf", data, "application/pdf")}, headers=AUTH)
        assert_error(resp, 413, "payload_too_large")


def test_a_streamed_upload_is_cut_off_at_the_limit_not_read_to_the_end(tmp_path: Path) -> None:
    """Chunked body (no Content-Length) to a real server: 413 arrives long before the end."""
    data_dir = tmp_path / "data"
    app = create_app(data_dir, warm=False, token=TOKEN, max_upload_mb=1)
    total = 64 * 1024 * 1024
    chunk = b"0" * 65536
    boundary = "bpboundary7d1"
    with live_server(app) as base:
        port = int(base.rsplit(":", 1)[1])
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(
            (
                "POST /packs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Authorization: Bearer {TOKEN}\r\n"
                f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                "Transfer-Encoding: chunked\r\n\r\n"
            ).encode()
        )
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n'
        ).encode()
        sock.sendall(b"%x\r\n%s\r\n" % (len(head), head))
        sock.setblocking(False)
        sent, answered = 0, False
        deadline = time.monotonic() + 30
        while sent < total and time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock], [], 1.0)
            if readable:
                answered = True
                break
            if writable:
                try:
                    sock.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                except (BlockingIOError, InterruptedError):
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    answered = True
                    break
                sent += len(chunk)
        sock.setblocking(True)
        reply = b""
        try:
            while b"\r\n\r\n" not in reply or not reply.rstrip().endswith(b"}"):
                part = sock.recv(65536)
                if not part:
                    break
                reply += part
        except (ConnectionResetError, TimeoutError):
            pass
        sock.close()
    assert answered and sent < total / 4, f"sent {sent} bytes before any answer"
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    body = json.loads(reply.split(b"\r\n\r\n", 1)[1].split(b"\r\n0\r\n")[0].strip() or b"{}")
    assert body["error"]["code"] == "payload_too_large"
    assert uploads_left(data_dir) == []


def test_half_received_uploads_are_swept_when_the_server_starts(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / "uploads").mkdir(parents=True)
    (data_dir / "uploads" / "0123abcd.part").write_bytes(b"%PDF-1.7\n half")
    (data_dir / "uploads" / "4567ef01.pdf").write_bytes(b"%PDF-1.7\n queued when stopped")
    with TestClient(create_app(data_dir, warm=False, token=TOKEN)):
        assert uploads_left(data_dir) == []


def test_unknown_job_is_404_in_the_error_shape(app_client) -> None:  # type: ignore[no-untyped-def]
    client, _ = app_client
    assert_error(client.get("/jobs/0123456789abcdef"), 404, "job_not_found")


# ------------------------------------------------------------ background jobs


def test_a_pdf_that_cannot_be_extracted_fails_its_job_and_stores_nothing(app_client) -> None:  # type: ignore[no-untyped-def]
    client, data_dir = app_client
    resp = client.post(
        "/packs", files={"file": ("broken.pdf", FAKE_PDF, "application/pdf")}, headers=AUTH
    )
    assert resp.status_code == 202, resp.text
    state = wait_for_job(client, resp.json()["id"])
    assert state["status"] == "failed" and state["progress"] == 1.0
    assert state["error"] and "\n" not in state["error"] and "pack" not in state
    assert client.get("/packs").json() == {"packs": []}
    assert client.get("/healthz").json()["passages"] == 0
    assert list((data_dir / "pdfs").iterdir()) == []
    assert uploads_left(data_dir) == []


@pytest.fixture(scope="module")
def uploaded(
    sample_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """One sample pack uploaded (under a hostile file name) and indexed by a background job."""
    pdf = sorted(sample_dir.glob("*.pdf"))[0]
    root = tmp_path_factory.mktemp("upload")
    data_dir = root / "deep" / "data"
    with TestClient(create_app(data_dir, warm=False, token=TOKEN)) as client:
        resp = client.post(
            "/packs",
            files={"file": ("../../evil.pdf", pdf.read_bytes(), "application/octet-stream")},
            headers=AUTH,
        )
        first = resp.json()
        state = wait_for_job(client, first["id"]) if resp.status_code == 202 else {}
        yield {
            "client": client,
            "resp": resp,
            "first": first,
            "state": state,
            "pdf": pdf,
            "root": root,
            "data_dir": data_dir,
        }


def test_upload_answers_202_with_the_job_id_and_status(uploaded) -> None:  # type: ignore[no-untyped-def]
    resp = uploaded["resp"]
    assert resp.status_code == 202
    assert set(uploaded["first"]) == {"id", "status"} and uploaded["first"]["status"] == "queued"
    assert resp.headers["location"] == f"/jobs/{uploaded['first']['id']}"


def test_the_job_indexes_the_uploaded_pack(uploaded) -> None:  # type: ignore[no-untyped-def]
    state, client, pdf = uploaded["state"], uploaded["client"], uploaded["pdf"]
    assert state["status"] == "done", state
    assert state["progress"] == 1.0 and state["id"] == uploaded["first"]["id"]
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert state["pack"] == sha[:16]
    assert state["result"]["status"] == "indexed" and state["result"]["passages"] > 10
    pack = client.get(f"/packs/{state['pack']}").json()
    assert pack["sha256"] == sha and pack["agenda"]
    served = client.get(f"/packs/{state['pack']}/pdf")
    assert (
        served.headers["content-type"] == "application/pdf" and served.content == pdf.read_bytes()
    )
    hits = client.get("/search", params={"q": pack["agenda"][-1]["title"], "limit": 3}).json()
    assert any(r["pack"] == state["pack"] for r in hits["results"])


def test_the_client_file_name_is_never_used_as_a_path(uploaded) -> None:  # type: ignore[no-untyped-def]
    root, data_dir, state = uploaded["root"], uploaded["data_dir"], uploaded["state"]
    assert state["file"] == "evil.pdf"  # displayed, reduced to a base name
    assert not list(root.rglob("evil.pdf"))
    sha = hashlib.sha256(uploaded["pdf"].read_bytes()).hexdigest()
    assert sorted(p.name for p in (data_dir / "pdfs").iterdir()) == [f"{sha}.pdf"]
    assert uploads_left(data_dir) == []


def test_uploading_an_indexed_pack_again_is_done_with_the_same_pack(uploaded) -> None:  # type: ignore[no-untyped-def]
    client = uploaded["client"]
    resp = client.post(
        "/packs",
        files={"file": ("again.pdf", uploaded["pdf"].read_bytes(), "application/pdf")},
        headers=AUTH,
    )
    assert resp.status_code == 202
    state = wait_for_job(client, resp.json()["id"], timeout=60)
    assert state["status"] == "done" and state["pack"] == uploaded["state"]["pack"]
    assert state["result"]["status"] == "skipped"
    assert len(client.get("/packs").json()["packs"]) == 1


# ------------------------------------------------------------------ OpenAPI


NO_CLIENT_ERRORS = {"GET /healthz", "GET /meetings", "GET /packs"}  # listings cannot fail on input


def test_openapi_documents_every_route_with_examples(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "data", warm=False, token=TOKEN)) as c:
        spec = c.get("/openapi.json").json()
        missing = []
        for path, ops in spec["paths"].items():
            for method, op in ops.items():
                where = f"{method.upper()} {path}"
                if not op.get("summary") or not op.get("description"):
                    missing.append(f"{where}: summary/description")
                examples = []
                for status, resp in op["responses"].items():
                    for media in resp.get("content", {}).values():
                        found = [media["example"]] if "example" in media else []
                        found += [e["value"] for e in media.get("examples", {}).values()]
                        examples += [(status, e) for e in found]
                        if not status.startswith("2"):
                            assert all(set(e) == {"error"} for e in found), where
                if not any(s.startswith("2") for s, _ in examples) and "pdf" not in path:
                    missing.append(f"{where}: success example")
                if where not in NO_CLIENT_ERRORS and not any(s[0] in "45" for s, _ in examples):
                    missing.append(f"{where}: error example")
        assert not missing, missing
        upload = spec["paths"]["/packs"]["post"]
        assert {"202", "401", "403", "413", "415"} <= set(upload["responses"])
        assert "multipart/form-data" in upload["requestBody"]["content"]
        assert upload.get("security"), "POST /packs declares its bearer token"


def test_docs_page_loads_swagger_from_this_server_only(tmp_path: Path) -> None:
    import re

    with TestClient(create_app(tmp_path / "data", warm=False)) as c:
        page = c.get("/docs")
        assert page.status_code == 200
        urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert urls and all(u.startswith("/") for u in urls), urls
        for url in urls:
            assert c.get(url).status_code == 200, url
