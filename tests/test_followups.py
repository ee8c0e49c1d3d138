"""Promised updates and whether they were kept: ``GET /followups`` on a real server on
127.0.0.1 over a real store of the sample (Borsetshire) packs, indexed through the whole
pipeline (so the commitments come from the enrich stage), the same JSON and CSV from
``boardpapers followups``, and the topic rules of the stand-in judgement on real sentences."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.cli import main
from service.query.followups import STATUSES, Topic, shares_topic, topic_phrase
from service.web import export
from tests.live_server import live_server

BODY = "Children's Services Scrutiny Committee"


@pytest.fixture(scope="module")
def base_url(sample_indexed_dir: Path) -> Iterator[str]:
    from service.web.api import create_app

    with live_server(create_app(sample_indexed_dir, warm=False)) as url:
        yield url


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def everything(http: httpx.Client) -> dict[str, Any]:
    resp = http.get("/followups")
    assert resp.status_code == 200, resp.text
    return dict(resp.json())


def one(data: dict[str, Any], words: str) -> dict[str, Any]:
    found = [f for f in data["followups"] if words in f["text"]]
    assert len(found) >= 1, f"no follow-up says {words!r}"
    return found[0]


def test_a_kept_promise_is_met_and_cites_the_later_item(
    everything: dict[str, Any], http: httpx.Client
) -> None:
    f = one(everything, "receive a further update on its impact at its meeting in July 2024")
    assert f["status"] == "met" and f["meeting_date"] == "2024-01-15" and f["due"] == "2024-07"
    met = f["met_by"]
    assert met["meeting_date"] == "2024-07-08" and met["body"] == BODY
    assert "FOSTER CARER RECRUITMENT" in met["item_title"].upper()
    # both links open a PDF page of a stored pack
    for link in (f["pdf"], met["pdf"]):
        path, _, page = link.partition("#page=")
        assert int(page) >= 1
        pdf = http.get(path)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    review = one(everything, "a report on the review of the youth service")
    assert review["status"] == "met" and review["met_by"]["meeting_date"] == "2024-04-22"


def test_promises_not_kept_are_overdue_due_or_open(everything: dict[str, Any]) -> None:
    transport = one(everything, "number of transport requests completed within five working days")
    # due at the end of the spring term 2024; the committee met in April, July and October 2024
    assert transport["status"] == "overdue" and transport["due"] == "2024-03"
    assert transport["met_by"] is None and transport["checked_until"] == "2024-10-14"
    mobile = one(everything, "report to the Committee in January 2025 on the work of the mobile")
    assert mobile["status"] == "due" and mobile["due"] == "2025-01"
    # the July work programme lists the item for October 2024: a plan, not the item taken
    siblings = one(everything, "report to a future meeting on the arrangements for contact")
    assert siblings["status"] == "open" and siblings["due"] is None


def test_counts_and_filters(everything: dict[str, Any], http: httpx.Client) -> None:
    items = everything["followups"]
    assert everything["counts"] == {s: sum(f["status"] == s for f in items) for s in STATUSES}
    assert all(everything["counts"][s] for s in STATUSES), everything["counts"]
    met = http.get("/followups", params={"status": "met"}).json()
    assert met["followups"] and {f["status"] for f in met["followups"]} == {"met"}
    assert len(met["followups"]) == everything["counts"]["met"]
    later = http.get("/followups", params={"from": "2024", "to": "2024-06-30"}).json()
    dates = {f["meeting_date"] for f in later["followups"]}
    assert dates and all("2024-01-01" <= d <= "2024-06-30" for d in dates)
    scrutiny = http.get("/followups", params={"body": "scrutiny"}).json()
    assert scrutiny["followups"] == items and scrutiny["filters"]["body"] == "scrutiny"
    assert http.get("/followups", params={"body": "Cabinet"}).json()["followups"] == []


@pytest.mark.parametrize(
    "params", [{"status": "late"}, {"from": "8 July"}, {"format": "xml"}, {"to": "2024-02-30"}]
)
def test_bad_parameters_are_400_in_the_error_shape(
    http: httpx.Client, params: dict[str, str]
) -> None:
    resp = http.get("/followups", params=params)
    assert resp.status_code == 400
    assert set(resp.json()) == {"error"}


def test_csv_download_and_the_command_line(
    everything: dict[str, Any], http: httpx.Client, sample_indexed_dir: Path, capsys: Any
) -> None:
    resp = http.get("/followups", params={"status": "met", "format": "csv"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert resp.headers["content-disposition"] == 'attachment; filename="followups-met.csv"'
    rows = list(csv.DictReader(io.StringIO(resp.text, newline="")))
    assert rows and {r["status"] for r in rows} == {"met"}
    assert list(rows[0])[: len(export.FOLLOWUPS.columns)] == list(export.FOLLOWUPS.columns)
    assert all(r["met_by.pdf"].startswith("/packs/") for r in rows)
    data_dir = ["--data-dir", str(sample_indexed_dir)]
    capsys.readouterr()
    assert main(["followups", "--json", *data_dir]) == 0
    assert json.loads(capsys.readouterr().out) == everything
    assert main(["followups", "--status", "met", "--format", "csv", *data_dir]) == 0
    assert capsys.readouterr().out == resp.text
    assert main(["followups", "--status", "overdue", *data_dir]) == 0
    text = capsys.readouterr().out
    assert "OVERDUE" in text and "transport requests" in text and "MET " not in text


def test_empty_store_says_nothing_is_indexed(tmp_path: Path, capsys: Any) -> None:
    assert main(["--data-dir", str(tmp_path / "empty"), "followups", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["followups"] == [] and data["notes"]


# ------------------------------------------------------------------ topic rules


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "That the Director of Children's Services report to a future meeting on the "
            "arrangements for contact between brothers and sisters in care.",
            "the arrangements for contact between brothers and sisters in care",
        ),
        (
            "That the work programme be agreed, with the addition of a report on the review of "
            "the youth service at the meeting on 22 April 2024.",
            "the review of the youth service",
        ),
        (
            "That the Director of Children's Services report to the Committee in January 2025 "
            "on the work of the mobile youth work teams and the Youth Activities Grant Fund.",
            "the work of the mobile youth work teams and the Youth Activities Grant Fund",
        ),
        ("receive a further update on its impact at its meeting in July 2024.", None),
        (
            "The savings of £4.1m comprise £1.5m from increasing the proportion of children "
            "placed with in-house foster carers, £0.9m from the review of the youth service, on "
            "which proposals will be reported to this Committee in April 2024, £1.1m from ...",
            "the review of the youth service",
        ),
    ],
)
def test_the_topic_is_what_the_promise_says_it_is_about(text: str, phrase: str | None) -> None:
    assert topic_phrase(text) == phrase


def test_a_title_carries_the_topic_only_with_most_of_its_words() -> None:
    promise = (
        "Members asked that the update on foster carer recruitment be scheduled for the "
        "meeting in July 2024."
    )
    topic = Topic.of(promise, "Foster Carer Recruitment and Retention", BODY)
    assert shares_topic(topic, "FOSTER CARER RECRUITMENT AND RETENTION: SIX-MONTH UPDATE")
    assert not shares_topic(topic, "WORK PROGRAMME")
    assert not shares_topic(topic, "Fostering allowances")  # one word in common is not enough
    # with no topic phrase, the title of the item the promise was made under, minus the body
    impact = Topic.of("receive a further update on its impact", "Youth Service Review", BODY)
    assert impact.words == {"youth", "review"}
