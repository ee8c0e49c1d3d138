"""The HTTP API: same JSON as the CLI, the stored PDF, one error shape, documented routes."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from service.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def cli_json(data_dir: Path, *args: str, capsys) -> dict:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), *args]) == 0
    return json.loads(capsys.readouterr().out)


def assert_error_shape(resp, status: int, code: str | None = None) -> None:  # type: ignore[no-untyped-def]
    assert resp.status_code == status
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"] and "\n" not in body["error"]["message"]
    if code:
        assert body["error"]["code"] == code


@pytest.mark.parametrize("which", [0, 1, 2])
def test_search_route_returns_the_cli_json(indexed, indexed_client, capsys, which) -> None:
    params, flags = indexed.case("search_params")[which]
    api = indexed_client.get("/search", params=params)
    assert api.status_code == 200
    cli = cli_json(indexed.data_dir, "search", params["q"], *flags, "--json", capsys=capsys)
    assert api.json() == cli
    assert cli["results"]


@pytest.mark.parametrize(
    ("route", "args"),
    [
        ("/meetings", ["meetings", "--json"]),
        ("/packs", ["packs", "--json"]),
        ("/healthz", ["status", "--json"]),
    ],
)
def test_listing_routes_return_the_cli_json(indexed, indexed_client, capsys, route, args) -> None:
    api = indexed_client.get(route)
    assert api.status_code == 200
    assert api.json() == cli_json(indexed.data_dir, *args, capsys=capsys)


def test_meetings_list_each_pack_with_counts(indexed, indexed_client) -> None:
    meetings = indexed_client.get("/meetings").json()["meetings"]
    assert len(meetings) == len(indexed.pdfs)
    for m in meetings:
        assert m["pack"] and m["body"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", m["date"])
        assert m["counts"]["passages"] > 0 and m["counts"]["agenda_items"] > 0


def test_pack_route_returns_the_pack_json(indexed, indexed_client, capsys) -> None:
    pack_id = indexed_client.get("/packs").json()["packs"][0]["id"]
    api = indexed_client.get(f"/packs/{pack_id}")
    assert api.status_code == 200
    assert api.json() == cli_json(indexed.data_dir, "packs", pack_id, capsys=capsys)
    assert api.json()["sha256"].startswith(pack_id)


def test_pdf_route_serves_the_stored_pdf(indexed, indexed_client) -> None:
    packs = indexed_client.get("/packs").json()["packs"]
    assert len(packs) == len(indexed.pdfs)
    for p in packs:
        resp = indexed_client.get(f"/packs/{p['id']}/pdf")
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "application/pdf"
        assert resp.content.startswith(b"%PDF")
        assert hashlib.sha256(resp.content).hexdigest() == p["sha256"]
        assert (indexed.source_dir / p["source"]).read_bytes() == resp.content


def test_unknown_pack_is_404_in_the_error_shape(indexed_client) -> None:
    c = indexed_client
    assert_error_shape(c.get("/packs/0123456789abcdef"), 404, "pack_not_found")
    assert_error_shape(c.get("/packs/0123456789abcdef/pdf"), 404, "pack_not_found")


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "x", "limit": 0}, 400),
        ({"q": "x", "limit": "many"}, 400),
        ({"q": "x", "from": "last tuesday"}, 400),
        ({"q": "x", "kind": "memo"}, 400),
        ({}, 400),
    ],
)
def test_bad_search_parameters_get_the_error_shape(indexed_client, params, status) -> None:
    assert_error_shape(indexed_client.get("/search", params=params), status, "invalid_request")


def test_unknown_route_and_method_get_the_error_shape(make_client) -> None:
    c = make_client()
    assert_error_shape(c.get("/nowhere"), 404, "not_found")
    assert_error_shape(c.post("/search"), 405, "method_not_allowed")


def test_empty_store_serves_empty_lists(make_client) -> None:
    c = make_client()
    assert c.get("/healthz").json() == {"status": "ok", "packs": 0, "passages": 0}
    assert c.get("/meetings").json() == {"meetings": []}


# ----------------------------------------------------------- documentation


def _readme() -> str:
    path = ROOT / "README.md"
    if not path.exists():
        pytest.fail("README.md is missing")
    return path.read_text()


def _routes(data_dir: Path) -> list[str]:
    from service.web.api import create_app

    app = create_app(data_dir, warm=False)
    out = set()
    for route in app.routes:
        methods = getattr(route, "methods", None)
        path = getattr(route, "path", "")
        if methods and not path.startswith(("/docs", "/redoc", "/openapi")):
            out |= {f"{m} {path}" for m in methods - {"HEAD"}}
    # routes of included routers are listed by the OpenAPI schema (not always by app.routes)
    for path, ops in app.openapi()["paths"].items():
        out |= {f"{m.upper()} {path}" for m in ops if m.upper() != "HEAD"}
    app.state.store.close()
    assert "POST /packs" in out  # the router's routes really are seen
    return sorted(out)


def _normalise(text: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", text)


def test_every_api_route_is_documented_in_readme(tmp_path) -> None:
    readme = _normalise(_readme())
    missing = [r for r in _routes(tmp_path) if _normalise(r) not in readme]
    assert not missing, f"README.md does not document: {missing}"


def test_every_cli_command_and_flag_is_documented_in_readme() -> None:
    import argparse

    readme = _readme()
    parser = build_parser()
    missing = [
        o
        for a in parser._actions
        for o in a.option_strings
        if o.startswith("--") and o != "--help" and o not in readme
    ]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if f"boardpapers {name}" not in readme:
                    missing.append(f"boardpapers {name}")
                for a in sub._actions:
                    missing += [
                        f"{name} {o}"
                        for o in a.option_strings
                        if o.startswith("--") and o != "--help" and o not in readme
                    ]
    assert not missing, f"README.md does not document: {missing}"
