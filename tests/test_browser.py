"""The web UI in a real browser: Debian's Chromium driven by Playwright, against a real uvicorn
server on 127.0.0.1 over a store holding the four sample (Borsetshire) packs.

Chromium is installed with apt when missing and running as root; elsewhere these tests skip
with the reason. Set BOARDPAPERS_SCREENSHOTS=DIR to keep desktop and phone screenshots.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.live_server import live_server

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 60_000

pytestmark = pytest.mark.slow


def ensure_chromium() -> Path:
    """Debian's chromium, installed with apt-get when missing and possible (root)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "install", "-y", "-qq", "chromium"], ["apt-get", "update", "-qq"]):
            subprocess.run(cmd, env=env, capture_output=True, timeout=1200, check=False)
            if CHROMIUM.exists():
                return CHROMIUM
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            env=env,
            capture_output=True,
            timeout=1200,
            check=False,
        )
        if CHROMIUM.exists():
            return CHROMIUM
        pytest.skip("Chromium is missing and `apt-get install -y chromium` did not install it")
    pytest.skip(
        f"Chromium is not at {CHROMIUM} and cannot be installed here (needs root and apt-get);"
        " install Debian's chromium package to run the browser tests"
    )


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def base_url(sample_indexed_dir: Path) -> Iterator[str]:
    from service.web.api import create_app

    with live_server(create_app(sample_indexed_dir)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = ensure_chromium()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(path), headless=True, args=ARGS)
        yield b
        b.close()


class Session:
    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on(
            "response",
            lambda r: self.errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None,
        )
        page.set_default_timeout(TIMEOUT_MS)

    def search(self, text: str) -> None:
        self.page.goto(self.base + "/")
        self.page.wait_for_load_state("networkidle")  # the form's handlers are attached
        self.page.fill("#q", text)
        self.page.press("#q", "Enter")
        try:
            self.page.wait_for_selector("#answer:not([hidden])", timeout=30_000)
        except PlaywrightTimeoutError:
            # one retry through the bookmarkable URL (same code path as a shared link);
            # a search that never answers still fails the test
            self.page.goto(self.base + "/?" + urlencode({"q": text}))
            self.page.wait_for_selector("#answer:not([hidden])", timeout=60_000)
        self.page.wait_for_selector("body:not(.busy)")

    def json(self, path: str, **params: Any) -> Any:
        resp = self.page.request.get(self.base + path, params=params)
        assert resp.ok, resp.text()
        return resp.json()

    def shot(self, name: str) -> None:
        folder = os.environ.get("BOARDPAPERS_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _session(browser: Browser, base_url: str, viewport: dict[str, int]) -> Iterator[Session]:
    context = browser.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
    s = Session(context.new_page(), base_url)
    yield s
    context.close()
    assert not s.errors, f"JavaScript errors: {s.errors}"


@pytest.fixture
def ui(browser: Browser, base_url: str) -> Iterator[Session]:
    yield from _session(browser, base_url, DESKTOP)


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Session]:
    yield from _session(browser, base_url, PHONE)


def sample_questions(sample_dir: Path, *types: str) -> list[dict[str, Any]]:
    data = json.loads((sample_dir / "questions.json").read_text())
    return [q for q in data if q["type"] in types]


def truths(sample_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for pdf in sorted(sample_dir.glob("*.pdf")):
        truth = json.loads(pdf.with_suffix(".truth.json").read_text())
        out.append((hashlib.sha256(pdf.read_bytes()).hexdigest()[:16], truth))
    return out


SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample"


# --------------------------------------------------------------------- search


@pytest.mark.parametrize(
    "question",
    sample_questions(SAMPLE, "when_last", "decision"),
    ids=lambda q: q["id"],
)
def test_a_question_shows_the_answer_card_with_the_meeting_date(ui: Session, question) -> None:  # type: ignore[no-untyped-def]
    ui.search(question["question"])
    card = ui.page.locator("#answer-card")
    date = card.locator("h2 time")
    assert date.get_attribute("datetime") == question["answer_date"], card.inner_text()
    y, m, d = (int(x) for x in question["answer_date"].split("-"))
    month = calendar.month_name[m]
    assert f"{d} {month} {y}" in date.inner_text()
    assert question["body"] in card.inner_text()


def test_the_answer_link_opens_the_pack_pdf_at_the_cited_page(
    ui: Session, sample_dir: Path
) -> None:
    import pypdfium2 as pdfium

    question = sample_questions(sample_dir, "decision")[0]
    ui.search(question["question"])
    answer = ui.json("/ask", q=question["question"])["answer"]
    link = ui.page.locator("#answer-pdf")
    href = link.get_attribute("href")
    assert href == answer["pdf_url"]
    assert re.fullmatch(r"/packs/[0-9a-f]{16}/pdf#page=\d+", href or ""), href
    with ui.page.expect_response(lambda r: "/pdf" in r.url) as info:
        link.click()
    resp = info.value
    assert resp.status == 200 and resp.headers["content-type"] == "application/pdf"
    ui.page.wait_for_url(re.compile(r".*#page=\d+$"))
    assert ui.page.url == ui.base + href
    page_no = int(href.rsplit("=", 1)[1])
    # the browser hands the response to its PDF viewer: fetch the same URL to read the page
    pdf = pdfium.PdfDocument(ui.page.request.get(resp.url).body())
    text = " ".join(pdf[page_no - 1].get_textpage().get_text_range().split())
    pdf.close()
    opening = " ".join(answer["text"].split()[:8])
    assert opening in text, f"page {page_no} does not show {opening!r}"


def test_the_kind_filter_changes_the_evidence(ui: Session) -> None:
    ui.search("youth centres")
    before = ui.page.locator("#result-list > li").evaluate_all(
        "els => els.map(e => e.dataset.kind + '|' + e.innerText)"
    )
    assert len({b.split("|")[0] for b in before}) > 1, "expected passages of several kinds"
    ui.page.select_option("#kind", "resolution")
    ui.page.wait_for_url(re.compile(r".*kind=resolution.*"))
    ui.page.wait_for_function(
        "() => { const li = [...document.querySelectorAll('#result-list > li')];"
        " return !document.body.classList.contains('busy') && li.length > 0 &&"
        " li.every(e => e.dataset.kind === 'resolution'); }"
    )
    after = ui.page.locator("#result-list > li").evaluate_all(
        "els => els.map(e => e.dataset.kind + '|' + e.innerText)"
    )
    assert after != before
    api = ui.json("/search", q="youth centres", kind="resolution", limit=20)["results"]
    assert len(after) == len(api) and all(r["kind"] == "resolution" for r in api)
    card = ui.page.locator("#answer-card")
    if card.locator(".tag").count():
        assert card.locator(".tag").inner_text().lower() == "resolution"


def test_a_bookmarked_search_restores_its_date_range_and_applies_it(ui: Session) -> None:
    ui.page.goto(f"{ui.base}/?q=foster+carers&from=2024-05-01&to=2024-12-31")
    ui.page.wait_for_selector("#result-list > li")
    ui.page.wait_for_selector("body:not(.busy)")
    assert ui.page.input_value("#from") == "1 May 2024"  # shown the UK way, ISO in the URL
    assert ui.page.input_value("#to") == "31 December 2024"
    dates = ui.page.locator("#result-list .result__meta time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))"
    )
    assert dates and all("2024-05-01" <= d <= "2024-12-31" for d in dates), dates
    unfiltered = ui.json("/search", q="foster carers", limit=20)["results"]
    assert any(r["meeting_date"] < "2024-05-01" for r in unfiltered)


def test_the_timeline_draws_one_dot_per_meeting_and_marks_the_latest(
    ui: Session, sample_dir: Path
) -> None:
    """One dot per meeting; the summary's "most recently" is the latest DISCUSSED meeting,
    the answer's, never a later mention; mentions are hollow dots and tagged in the list;
    the answer card says why."""
    question = sample_questions(sample_dir, "when_last")[0]["question"]
    ui.search(question)
    data = ui.json("/ask", q=question)
    timeline = data["timeline"]
    dated = [t for t in timeline if t["meeting_date"]]
    assert len(dated) >= 2
    assert ui.page.locator("#chart svg circle").count() == len(dated)
    assert ui.page.locator("#timeline-list > li").count() == len(timeline)
    latest = max(t["meeting_date"] for t in dated if t["status"] == "discussed")
    assert latest == data["answer"]["meeting_date"]
    assert ui.page.locator("#timeline-summary time").get_attribute("datetime") == latest
    assert ui.page.locator("#chart .chart__dot--latest").count() == 1
    mentions = sum(1 for t in dated if t["status"] == "mentioned")
    assert ui.page.locator("#chart .chart__dot--mention").count() == mentions
    assert ui.page.locator("#timeline-list .tag--mention").count() == mentions
    assert ui.page.locator("#answer-why").inner_text().startswith("Discussed at")


def test_evidence_highlights_the_query_terms(ui: Session) -> None:
    ui.search("foster carers")
    marks = ui.page.locator("#result-list mark").all_inner_texts()
    assert marks, "no highlighted terms"
    assert all(m.lower().startswith(("foster", "carer")) for m in marks), marks


def test_the_search_is_keyboard_usable(ui: Session) -> None:
    page = ui.page
    page.goto(ui.base + "/")
    page.wait_for_selector("#body option:nth-child(2)", state="attached")
    order: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        ident = page.evaluate("document.activeElement.id || document.activeElement.tagName")
        if ident == "q":
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", "the focused search box shows no focus ring"
        if not order or order[-1] != ident:
            order.append(ident)
        if ident == "clear-filters":
            break
    wanted = ["q", "body", "from", "to", "kind", "clear-filters"]
    positions = [order.index(w) for w in wanted if w in order]
    assert len(positions) == len(wanted) and positions == sorted(positions), order
    page.focus("#q")
    page.keyboard.type("youth centre closures")
    page.keyboard.press("Enter")
    page.wait_for_selector("#answer-card")
    assert "q=youth+centre+closures" in page.url
    labels = page.evaluate(
        "[...document.querySelectorAll('input, select')].filter(e => !e.labels.length).map(e => e.id)"
    )
    assert labels == [], f"controls without a label: {labels}"


# -------------------------------------------------------------------- meeting


def test_the_meeting_page_shows_agenda_papers_resolutions_people_and_figures(
    ui: Session, sample_dir: Path
) -> None:
    for pack_id, truth in truths(sample_dir):
        ui.page.goto(f"{ui.base}/meeting/{pack_id}")
        ui.page.wait_for_selector("#figures")
        items = ui.page.locator("#agenda .agenda__item")
        assert items.count() == len(truth["agenda"])
        for n, item in enumerate(truth["agenda"]):
            if item["pages"]:
                href = items.nth(n).locator(".papers a").first.get_attribute("href")
                assert href == f"/packs/{pack_id}/pdf#page={item['pages'][0]}", item["title"]
        minutes = truth["minutes"]
        resolutions = sum(len(i["resolutions"]) for i in minutes["items"])
        assert ui.page.locator("#minutes .quotes blockquote").count() == resolutions
        present = [a["name"] for a in minutes["attendance"] if a["present"]]
        shown = ui.page.locator("#people .people li").all_inner_texts()
        assert [s.split(" (")[0] for s in shown] == present
        figures = ui.json(f"/packs/{pack_id}/figures")["figures"]
        assert ui.page.locator("#figures tbody tr").count() == len(figures) > 0
        first = ui.page.locator("#figures tbody tr").first.locator("a").get_attribute("href")
        assert re.fullmatch(rf"/packs/{pack_id}/pdf#page=\d+", first or "")


def test_the_meeting_page_has_contents_and_collapsible_sections_and_measured_figures(
    ui: Session, sample_dir: Path
) -> None:
    from service.query.figures import says_what_it_measures

    page = ui.page
    pack_id, truth = truths(sample_dir)[1]
    page.goto(f"{ui.base}/meeting/{pack_id}")
    page.wait_for_selector("#figures")
    toc = page.locator("nav.toc")
    targets = toc.locator(".toc__list > li > a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert targets == ["#agenda", "#minutes", "#people", "#figures"]
    assert toc.locator(".toc__items a").count() == len(truth["agenda"])
    # a section folds away under its heading, and opens again
    agenda = page.locator("#agenda > details")
    assert agenda.evaluate("d => d.open")
    page.click("#agenda-heading")
    assert not agenda.evaluate("d => d.open")
    assert not page.locator("#agenda .agenda__item").first.is_visible()
    page.click("#agenda-heading")
    assert page.locator("#agenda .agenda__item").first.is_visible()
    # figures: only those whose label says what they measure, folded by agenda item
    data = ui.json(f"/packs/{pack_id}/figures")
    assert data["omitted"] > 0
    abouts = page.locator("#figures tbody tr td:nth-child(2)").evaluate_all(
        "els => els.map(e => e.textContent)"  # folded rows have no rendered text
    )
    assert len(abouts) == len(data["figures"]) and all(says_what_it_measures(a) for a in abouts)
    group = page.locator("#figures details.figure-group").first
    assert not group.locator("table").is_visible()
    group.locator("summary").click()
    assert group.locator("table").is_visible()
    # a contents link into a folded section opens it
    page.click("#toggle-sections")  # collapse all
    assert not page.locator("#agenda .agenda__item").first.is_visible()
    toc.locator(".toc__items a").nth(2).click()
    page.wait_for_function("() => document.querySelector('#agenda > details').open")
    # dates the UK way everywhere on the page: no ISO date is shown
    text = page.locator("#meeting-view").inner_text()
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), re.findall(r"\d{4}-\d{2}-\d{2}", text)
    assert re.search(
        r"\b\d{1,2} (January|February|March|April|May|June|July|August|September"
        r"|October|November|December) \d{4}\b",
        text,
    )


def test_an_unknown_meeting_says_it_is_not_indexed(ui: Session) -> None:
    resp = ui.page.goto(f"{ui.base}/meeting/0000000000000000")
    assert resp is not None and resp.status == 404
    ui.page.wait_for_selector("#meeting-view h1")
    assert "not indexed" in ui.page.locator("#meeting-view h1").inner_text()
    ui.errors.clear()  # the 404 of the API call is logged by the browser, and expected


# ------------------------------------------------- facets, UK dates, downloads


def test_the_facets_count_the_results_and_filter_them(ui: Session) -> None:
    ui.search("youth centres")
    kinds = ui.page.locator("#facets a.facet[data-facet='kind']")
    assert kinds.count() > 1
    api = ui.json("/search", q="youth centres", limit=20)["facets"]["kind"]
    shown = kinds.evaluate_all(
        "els => els.map(e => [e.dataset.value, +e.querySelector('.facet__count').textContent])"
    )
    assert shown == [[f["value"], f["count"]] for f in api]
    kind = shown[-1][0]
    ui.page.click(f"#facets a.facet[data-facet='kind'][data-value='{kind}']")
    ui.page.wait_for_url(re.compile(rf".*kind={kind}.*"))
    ui.page.wait_for_function(
        "k => { const li = [...document.querySelectorAll('#result-list > li')];"
        " return !document.body.classList.contains('busy') && li.length > 0 &&"
        " li.every(e => e.dataset.kind === k); }",
        arg=kind,
    )
    assert ui.page.input_value("#kind") == kind
    active = ui.page.locator("#facets a.facet--active")
    assert active.count() == 1 and active.get_attribute("data-value") == kind
    years = ui.page.locator("#facets a.facet[data-facet='year']")
    year = years.first.get_attribute("data-value")
    years.first.click()
    ui.page.wait_for_url(re.compile(rf".*from={year}&to={year}.*"))
    ui.page.wait_for_selector("body:not(.busy)")
    assert ui.page.input_value("#from") == ui.page.input_value("#to") == year
    dates = ui.page.locator("#result-list .result__meta time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))"
    )
    assert dates and all(d.startswith(str(year)) for d in dates), dates
    ui.page.go_back()  # the year off again, the kind still on
    ui.page.wait_for_url(re.compile(rf".*kind={kind}$"))


def test_the_date_filters_take_uk_dates(ui: Session) -> None:
    page = ui.page
    page.goto(ui.base + "/")
    page.wait_for_load_state("networkidle")
    page.fill("#q", "foster carers")
    page.fill("#from", "1/5/2024")
    page.fill("#to", "31 Dec 2024")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r".*from=2024-05-01&to=2024-12-31.*"))
    page.wait_for_selector("#result-list > li")
    page.wait_for_selector("body:not(.busy)")
    assert page.input_value("#from") == "1 May 2024"
    assert page.input_value("#to") == "31 December 2024"
    page.fill("#to", "31/02/2024")  # no such day
    page.press("#q", "Enter")
    page.wait_for_selector("#status.status--error")
    assert "not a date" in page.inner_text("#status")
    assert "to=2024-12-31" in page.url  # the search did not run
    text = page.locator("#search-view").inner_text()
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)  # dates the UK way
    page.go_back()  # back to the page before the search
    page.wait_for_selector("#overview:not([hidden])")
    assert page.input_value("#from") == ""


def test_the_evidence_downloads_as_csv(ui: Session) -> None:
    from service.web.export import SEARCH

    ui.search("youth centres")
    link = ui.page.locator("#download-csv")
    assert "format=csv" in (link.get_attribute("href") or "")
    with ui.page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "search-youth-centres.csv"
    path = download.path()
    assert path is not None
    text = Path(path).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    header = next(csv.reader(io.StringIO(text)))
    assert header[: len(SEARCH.columns)] == list(SEARCH.columns)
    cards = ui.page.locator("#result-list > li")
    assert len(rows) == cards.count() > 0
    shown = cards.evaluate_all("els => els.map(e => e.querySelector('.result__text').innerText)")
    assert [" ".join(r["text"].split()) for r in rows] == [" ".join(t.split()) for t in shown]
    assert [r["kind"] for r in rows] == cards.evaluate_all("els => els.map(e => e.dataset.kind)")


# -------------------------------------------------------------- saved searches

WRITE_TOKEN = "browser-token-9b2e"


@pytest.fixture(scope="module")
def writable_url(
    sample_indexed_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A server with a write token over a copy of the sample store (saved searches change it)."""
    from service.web.api import create_app

    data_dir = tmp_path_factory.mktemp("browser-alerts") / "data"
    shutil.copytree(sample_indexed_dir, data_dir)
    with live_server(create_app(data_dir, token=WRITE_TOKEN)) as url:
        yield url


def test_an_alert_is_saved_listed_downloaded_and_removed_in_the_ui(
    browser: Browser, writable_url: str
) -> None:
    """Search, save the search as an alert with the write token (asked for once), find it
    under Saved searches with its feed, download the list as CSV, and remove it."""
    import httpx

    for s in _session(browser, writable_url, DESKTOP):
        page = s.page
        page.goto(writable_url + "/?" + urlencode({"q": "youth centres", "kind": "recommendation"}))
        page.wait_for_selector("#save-alert:not([hidden])")
        assert page.locator("#alert-token").is_visible()  # no token kept yet: asked for
        page.click("#save-alert-button")
        assert "token" in page.locator("#alert-status").inner_text().lower()
        page.fill("#alert-token", WRITE_TOKEN)
        page.click("#save-alert-button")
        page.wait_for_selector("#new-alert-feed")
        assert not page.locator("#alert-token").is_visible()  # kept for the tab: not asked again
        assert page.locator("#save-alert-button").is_disabled()  # saved once, not twice
        s.shot("alert-saved")
        feed = page.locator("#new-alert-feed").get_attribute("href") or ""
        alert_id = int(feed.split("/")[2])
        saved = httpx.get(f"{writable_url}/alerts/{alert_id}").json()["alert"]
        assert (saved["query"], saved["kind"]) == ("youth centres", "recommendation")

        page.goto(writable_url + "/")
        item = page.locator(f'#alert-list li[data-alert="{alert_id}"]')
        item.wait_for()
        assert "youth centres" in item.inner_text() and "recommendation" in item.inner_text()
        assert item.locator("a.alert-list__feed").get_attribute("href") == feed
        query_link = item.locator("a.alert-list__query").get_attribute("href") or ""
        assert "kind=recommendation" in query_link and "q=youth+centres" in query_link

        with page.expect_download() as info:
            page.click("#alerts-csv")
        download = info.value
        assert download.suggested_filename == "alerts.csv"
        path = download.path()
        assert path is not None
        rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"), newline="")))
        assert [(r["id"], r["query"], r["kind"]) for r in rows] == [
            (str(alert_id), "youth centres", "recommendation")
        ]

        item.locator("button[data-remove]").click()  # the token is kept for the tab
        page.wait_for_selector(f'#alert-list li[data-alert="{alert_id}"]', state="detached")
        assert "removed" in page.locator("#alerts-status").inner_text()
        assert not page.locator("#remove-token").is_visible()  # the kept token was used
        assert httpx.get(f"{writable_url}/alerts").json() == {"alerts": []}
        s.shot("saved-searches")


# -------------------------------------------------------------- phone, offline


def test_pages_fit_a_phone_screen(phone: Session, sample_dir: Path) -> None:
    page = phone.page
    phone.search("What did the committee decide about the youth centre closures?")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator('meta[name="viewport"]').get_attribute("content") == (
        "width=device-width, initial-scale=1"
    )
    phone.shot("search-phone")
    pack_id = truths(sample_dir)[-1][0]
    page.goto(f"{phone.base}/meeting/{pack_id}")
    page.wait_for_selector("#figures")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.shot("meeting-phone")


def test_the_ui_loads_nothing_from_outside_the_server(ui: Session, sample_dir: Path) -> None:
    ui.search("foster carers")
    ui.shot("search-desktop")
    ui.page.goto(f"{ui.base}/meeting/{truths(sample_dir)[0][0]}")
    ui.page.wait_for_selector("#figures")
    ui.shot("meeting-desktop")
    outside = [u for u in ui.requests if not u.startswith(ui.base) and not u.startswith("data:")]
    assert ui.requests and not outside, outside


# ------------------------------------------------------------------ promised updates


def test_the_promised_updates_page_lists_each_promise_with_its_status_and_pdf_pages(
    ui: Session,
) -> None:
    data = ui.json("/followups")
    ui.page.goto(ui.base + "/")
    ui.page.wait_for_load_state("networkidle")
    ui.page.click("nav.site-nav >> text=Promised updates")
    ui.page.wait_for_url("**/promised-updates")
    ui.page.wait_for_selector("#fu-list > li")
    items = ui.page.locator("#fu-list > li")
    assert items.count() == len(data["followups"])
    statuses = items.evaluate_all("els => els.map(e => e.dataset.status)")
    assert statuses == [f["status"] for f in data["followups"]]
    kept = ui.page.locator("#fu-list > li[data-status=met]").first
    first_met = next(f for f in data["followups"] if f["status"] == "met")
    assert first_met["text"] in kept.locator("blockquote").inner_text()
    assert kept.locator(".tag").text_content() == "Kept"
    # both PDF pages: the promise's and the later item's
    assert kept.locator("a.followup__promise").get_attribute("href") == first_met["pdf"]
    later = kept.locator("a.followup__kept")
    assert later.get_attribute("href") == first_met["met_by"]["pdf"]
    with ui.page.expect_response(lambda r: "/pdf" in r.url) as info:
        later.click()
    assert info.value.status == 200
    assert info.value.headers["content-type"] == "application/pdf"
    ui.page.go_back()
    # the status filter is kept in the URL and applied
    ui.page.wait_for_selector("#fu-status")
    ui.page.select_option("#fu-status", "overdue")
    ui.page.wait_for_url("**/promised-updates?status=overdue")
    ui.page.wait_for_function(
        "() => [...document.querySelectorAll('#fu-list > li')].length > 0 &&"
        " [...document.querySelectorAll('#fu-list > li')].every(e => e.dataset.status === 'overdue')"
    )
    overdue = ui.page.locator("#fu-list > li")
    assert overdue.count() == data["counts"]["overdue"]
    assert overdue.first.locator(".tag").text_content() == "Overdue"
    assert "Due March 2024" in ui.page.inner_text("#fu-list")
    href = ui.page.get_attribute("#fu-download-csv", "href")
    assert href == "/followups?status=overdue&format=csv"
    resp = ui.page.request.get(ui.base + (href or ""))
    rows = list(csv.DictReader(io.StringIO(resp.text(), newline="")))
    assert len(rows) == data["counts"]["overdue"] and {r["status"] for r in rows} == {"overdue"}
    ui.shot("promised-updates")


def test_a_search_with_no_strong_matches_says_so(ui: Session) -> None:
    """A topic absent from the packs: no answer, no evidence, and the results say plainly that
    nothing passed the relevance floor (not the generic "no passages match")."""
    ui.search("knife crime on night buses")
    empty = ui.page.locator("#no-results")
    assert empty.inner_text().startswith("No strong matches"), empty.inner_text()
    assert ui.page.locator("#result-list .result").count() == 0
    assert "No answer" in ui.page.locator("#answer").inner_text()
    assert not ui.errors, ui.errors
