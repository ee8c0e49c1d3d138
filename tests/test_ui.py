"""The web UI's server side: pages, static files, no outside resources, PDFs inline, /ask kind."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "service" / "web" / "static"
SVG_NS = "http://www.w3.org/2000/svg"  # an XML namespace name, never fetched


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_root_serves_the_page_with_a_viewport_and_a_strict_csp(make_client) -> None:  # type: ignore[no-untyped-def]
    resp = make_client().get("/")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    found = tags(resp.text)
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in found
    csp = resp.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "http" not in csp


def test_the_page_references_only_this_server(make_client) -> None:  # type: ignore[no-untyped-def]
    client = make_client()
    html = client.get("/").text
    refs = [a[k] for _, a in tags(html) for k in ("src", "href") if k in a]
    assert refs and all(r.startswith(("/", "#")) and not r.startswith("//") for r in refs), refs
    for ref in refs:
        if ref.startswith("/static/"):
            resp = client.get(ref)
            assert resp.status_code == 200 and resp.content, ref
    for name in ("app.js", "style.css", "index.html"):
        text = (STATIC / name).read_text().replace(SVG_NS, "")
        assert not re.search(r"https?://|url\(\s*['\"]?//|@import", text), name


def test_every_form_control_has_a_label(make_client) -> None:  # type: ignore[no-untyped-def]
    found = tags(make_client().get("/").text)
    labelled = {a["for"] for t, a in found if t == "label" and "for" in a}
    controls = [a.get("id", "") for t, a in found if t in ("input", "select", "textarea")]
    assert controls and all(c in labelled for c in controls), (controls, labelled)
    names = {a.get("name") for t, a in found if t in ("input", "select")}
    assert {"q", "body", "from", "to", "kind"} <= names  # the filters /ask and /search take


def test_static_files_have_their_types(make_client) -> None:  # type: ignore[no-untyped-def]
    client = make_client()
    assert "javascript" in client.get("/static/app.js").headers["content-type"]
    assert client.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert client.get("/favicon.ico").headers["content-type"] == "image/svg+xml"
    assert client.get("/static/missing.js").status_code == 404


def test_meeting_page_is_served_for_an_indexed_pack_and_404_otherwise(sample_client) -> None:  # type: ignore[no-untyped-def]
    pack = sample_client.get("/packs").json()["packs"][0]["id"]
    page = sample_client.get(f"/meeting/{pack}")
    assert page.status_code == 200 and 'id="meeting-view"' in page.text
    assert sample_client.get("/meeting/0000000000000000").status_code == 404


def test_the_pdf_opens_in_the_browser_not_as_a_download(sample_client) -> None:  # type: ignore[no-untyped-def]
    pack = sample_client.get("/packs").json()["packs"][0]["id"]
    resp = sample_client.get(f"/packs/{pack}/pdf")
    assert resp.headers["content-type"] == "application/pdf"
    assert resp.headers["content-disposition"].startswith("inline")


def test_ask_takes_the_kind_filter(sample_client, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    question = next(
        q
        for q in json.loads((sample_dir / "questions.json").read_text())
        if q["type"] == "when_last"
    )["question"]
    anything = sample_client.get("/ask", params={"q": question}).json()
    only = sample_client.get("/ask", params={"q": question, "kind": "resolution"}).json()
    assert only["results"] and all(r["kind"] == "resolution" for r in only["results"])
    assert {r["kind"] for r in anything["results"]} != {"resolution"}
    if only["answer"]:
        assert only["answer"]["kind"] == "resolution"
        assert only["answer"]["pdf_url"] == (
            f"/packs/{only['answer']['pack']}/pdf#page={only['answer']['page']}"
        )
    bad = sample_client.get("/ask", params={"q": question, "kind": "memo"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_request"
