"""Lists as officers take them away (CSV and JSON downloads, the same CSV on the command line),
the counts beside search results (facets), a meeting's figures, and the API saying what it
does (405 with Allow, blank queries and reversed date ranges, the OpenAPI)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.cli import main
from service.query.figures import says_what_it_measures
from service.web import export

QUERY = "youth centres"


@pytest.fixture(scope="module")
def pack_id(sample_client: TestClient) -> str:
    packs = sample_client.get("/packs").json()["packs"]
    return str(max(packs, key=lambda p: p["page_count"])["id"])


def lists(pack: str) -> list[tuple[str, dict[str, Any], export.ListView]]:
    return [
        ("/search", {"q": QUERY, "limit": 20, "mode": "bm25"}, export.SEARCH),
        ("/meetings", {}, export.MEETINGS),
        ("/packs", {}, export.PACKS),
        (f"/packs/{pack}/figures", {}, export.FIGURES),
        (f"/packs/{pack}/figures", {"all": "true"}, export.FIGURES),
        ("/followups", {}, export.FOLLOWUPS),
    ]


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def assert_error_shape(resp: Any, status: int) -> None:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}


# ------------------------------------------------------------------ export


def test_every_list_route_downloads_csv_with_a_header_and_a_file_name(
    sample_client: TestClient, pack_id: str
) -> None:
    for route, params, view in lists(pack_id):
        data = sample_client.get(route, params=params).json()
        items = data[view.key]
        assert items, route
        resp = sample_client.get(route, params={**params, "format": "csv"})
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "text/csv; charset=utf-8"
        disposition = resp.headers["content-disposition"]
        assert disposition.startswith('attachment; filename="') and disposition.endswith('.csv"')
        assert "\r\n" in resp.text  # RFC 4180 line ends
        rows = read_csv(resp.text)
        header = next(csv.reader(io.StringIO(resp.text)))
        assert header[: len(view.columns)] == list(view.columns)
        assert len(rows) == len(items), route
        for row, item in zip(rows, items, strict=True):  # every cell is the JSON's value
            for key, value in item.items():
                if isinstance(value, dict):
                    for sub, v in value.items():
                        assert row[f"{key}.{sub}"] == as_cell(v)
                elif isinstance(value, list):
                    assert row[key] == as_cell("; ".join(str(v) for v in value))
                else:
                    assert row[key] == as_cell(value), (route, key)


def as_cell(value: Any) -> str:
    """What a CSV cell holds for a JSON value: text a spreadsheet would run as a formula
    gets a leading apostrophe, numbers never do."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return str(value)


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"]
)
def test_csv_defuses_cells_a_spreadsheet_would_run(text: str) -> None:
    data = {"results": [{"rank": 1, "text": text, "item_title": "ok", "extra": [text, "b"]}]}
    row = read_csv(export.csv_text(export.SEARCH, data))[0]
    assert row["text"] == "'" + text  # shown as text, never evaluated
    assert row["extra"] == "'" + text + "; b"
    assert row["item_title"] == "ok"


def test_csv_leaves_numbers_and_inner_signs_alone() -> None:
    data = {"figures": [{"page": 3, "value": -2.5, "text": "a=b", "about": "net - gross"}]}
    row = read_csv(export.csv_text(export.FIGURES, data))[0]
    assert row["value"] == "-2.5" and row["text"] == "a=b" and row["about"] == "net - gross"


def test_csv_quotes_commas_quotes_and_line_breaks() -> None:
    tricky = 'He said "no", then left.\nNext line; £2.9m'
    data = {"results": [{"rank": 1, "text": tricky, "body": None, "extra": [1, 2]}]}
    text = export.csv_text(export.SEARCH, data)
    assert '"He said ""no"", then left.\nNext line; £2.9m"' in text
    row = read_csv(text)[0]
    assert row["text"] == tricky and row["body"] == "" and row["extra"] == "1; 2"
    empty = export.csv_text(export.MEETINGS, {"meetings": []})
    assert empty == ",".join(export.MEETINGS.columns) + "\r\n"  # a header row, no rows


def test_json_download_is_the_routes_json_under_a_file_name(
    sample_client: TestClient, pack_id: str
) -> None:
    for route, params, _view in lists(pack_id):
        plain = sample_client.get(route, params=params)
        download = sample_client.get(route, params={**params, "format": "json"})
        assert download.json() == plain.json()
        assert "content-disposition" not in plain.headers
        assert download.headers["content-disposition"].endswith('.json"')
    name = sample_client.get("/search", params={"q": QUERY, "format": "csv", "mode": "bm25"})
    assert name.headers["content-disposition"] == 'attachment; filename="search-youth-centres.csv"'
    assert_error_shape(sample_client.get("/meetings", params={"format": "xml"}), 400)


def test_the_list_commands_print_the_same_csv(
    sample_client: TestClient, sample_indexed_dir: Path, pack_id: str, capsys: Any
) -> None:
    commands = {
        "/search": ["search", QUERY, "--limit", "20", "--mode", "bm25"],
        "/meetings": ["meetings"],
        "/packs": ["packs"],
        f"/packs/{pack_id}/figures": ["figures", pack_id],
        "/followups": ["followups"],
    }
    for route, params, _view in lists(pack_id):
        args = commands[route] + (["--all"] if params.get("all") else [])
        for fmt in ("csv", "json"):
            capsys.readouterr()
            assert main(["--data-dir", str(sample_indexed_dir), *args, "--format", fmt]) == 0
            printed = capsys.readouterr().out
            api = sample_client.get(route, params={**params, "format": fmt})
            if fmt == "csv":
                assert printed == api.text, route
            else:
                assert json.loads(printed) == api.json(), route


# ------------------------------------------------------------------ facets


def test_facets_count_the_passages_the_search_matches(sample_client: TestClient) -> None:
    for params in ({"q": QUERY}, {"q": "foster carers", "kind": "resolution"}):
        data = sample_client.get("/search", params={**params, "limit": 5}).json()
        matched = sample_client.get("/search", params={**params, "limit": 100}).json()["results"]
        assert len(data["results"]) <= 5 and matched
        facets = data["facets"]
        assert set(facets) == {"body", "year", "kind"}
        expected = {
            "body": Counter(r["body"] for r in matched if r["body"]),
            "year": Counter(r["meeting_date"][:4] for r in matched if r["meeting_date"]),
            "kind": Counter(r["kind"] for r in matched),
        }
        for name, counter in expected.items():
            assert {f["value"]: f["count"] for f in facets[name]} == dict(counter), name
        years = [f["value"] for f in facets["year"]]
        assert years == sorted(years, reverse=True)  # newest first
        counts = [f["count"] for f in facets["kind"]]
        assert counts == sorted(counts, reverse=True)  # commonest first
        if params.get("kind"):
            assert [f["value"] for f in facets["kind"]] == [params["kind"]]


# ------------------------------------------------------------------ figures


@pytest.mark.parametrize(
    ("about", "says"),
    [
        ("running cost", True),
        ("children in care", True),
        ("average weekly cost", True),
        ("other organisations and individuals", True),
        ("GBP", False),
        ("percent", False),
        ("m", False),
        ("285k", False),
        ("Total", False),
        ("proportion", False),
        ("compared with", False),
        ("", False),
        (None, False),
    ],
)
def test_a_label_says_what_a_figure_measures_or_not(about: str | None, says: bool) -> None:
    assert says_what_it_measures(about) is says


def test_the_figures_route_keeps_the_figures_that_say_what_they_measure(
    sample_client: TestClient, pack_id: str
) -> None:
    every = sample_client.get(f"/packs/{pack_id}").json()["figures"]
    data = sample_client.get(f"/packs/{pack_id}/figures").json()
    assert data["pack"] == pack_id and data["total"] == len(every)
    assert data["figures"] and all(says_what_it_measures(f["about"]) for f in data["figures"])
    assert data["omitted"] == len(every) - len(data["figures"]) > 0
    pages = [f["page"] for f in data["figures"]]
    assert pages == sorted(pages)
    everything = sample_client.get(f"/packs/{pack_id}/figures", params={"all": "true"}).json()
    assert len(everything["figures"]) == len(every) and everything["omitted"] == 0
    assert_error_shape(sample_client.get("/packs/0123456789abcdef/figures"), 404)


# ------------------------------------------------------------ the API's word


def test_a_method_not_allowed_names_the_allowed_ones(sample_client: TestClient) -> None:
    for method, path, allow in [
        ("TRACE", "/packs", "GET, POST"),
        ("POST", "/search", "GET"),
        ("DELETE", "/meetings", "GET"),
        ("PUT", "/packs/0123456789abcdef/figures", "GET"),
        ("POST", "/static/app.js", "GET, HEAD"),
    ]:
        resp = sample_client.request(method, path)
        assert_error_shape(resp, 405)
        assert resp.headers["allow"] == allow, (method, path)


def test_a_blank_query_is_refused_as_the_schema_says(sample_client: TestClient) -> None:
    for route in ("/search", "/ask"):
        for q in ("", "   ", "\u3000"):
            assert_error_shape(sample_client.get(route, params={"q": q}), 400)
        for bad in ("8 July 2024", "2024-02-30", "2023-02-29", " 2024"):
            assert_error_shape(sample_client.get(route, params={"q": "x", "from": bad}), 400)
        ok = sample_client.get(route, params={"q": "x", "from": "2024-02-29", "to": "2024"})
        assert ok.status_code == 200


def test_a_reversed_date_range_matches_nothing_and_says_so(sample_client: TestClient) -> None:
    params = {"q": QUERY, "from": "2024-06-01", "to": "2024-01-01"}
    for route in ("/search", "/ask"):
        data = sample_client.get(route, params=params).json()
        assert data["results"] == []
        assert any("is after to" in n for n in data["notes"]), data.get("notes")
    assert sample_client.get("/ask", params=params).json()["answer"] is None


def test_the_openapi_says_what_the_api_answers(sample_client: TestClient) -> None:
    schema = sample_client.get("/openapi.json").json()
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    error = {"$ref": "#/components/schemas/Error"}
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            responses = op["responses"]
            assert "422" not in responses, (method, path)
            assert "500" in responses
            queries = [p for p in op.get("parameters", []) if p["in"] == "query"]
            if queries or op.get("requestBody"):
                assert "400" in responses, (method, path)
            for status, response in responses.items():
                if status[0] in "45":
                    assert response["content"]["application/json"]["schema"] == error
            ok = next(r for s, r in responses.items() if s[0] == "2")
            if path not in ("/packs/{pack_id}/pdf", "/alerts/{alert_id}/feed"):  # not JSON
                assert "$ref" in ok["content"]["application/json"]["schema"], (method, path)
    for path in ("/search", "/meetings", "/packs", "/packs/{pack_id}/figures", "/alerts"):
        assert "text/csv" in schema["paths"][path]["get"]["responses"]["200"]["content"]
    upload = schema["paths"]["/packs"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert upload["encoding"]["file"]["contentType"] == "application/pdf"
    feed = schema["paths"]["/alerts/{alert_id}/feed"]["get"]["responses"]["200"]["content"]
    assert list(feed) == ["application/atom+xml"]
