"""The sample packs in every house style: each style's truth is printed, and extraction finds it.

``corpora/make_sample.py --style NAME`` lays the same four packs out the way other councils
publish them (``--list-styles``). The packs are generated once per session into a temporary
directory. The first tests check the generator (every style records the same content, and
what a truth claims is in the PDF's text); the rest compare extraction with the truth, one
test per style and field (``benchmarks/house_styles.py`` holds the checks).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from benchmarks.house_styles import (
    FIELDS,
    extracted,
    generate,
    generator,
    style_names,
    truth_of,
)
from extract.model import Pack
from extract.textutil import norm_ws

STYLES = style_names()
Generated = dict[str, list[Path]]


@pytest.fixture(scope="session")
def styled_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], list[Path]]:
    """style -> the four generated PDFs (each with its .truth.json), made on first use."""
    made: Generated = {}

    def pdfs(style: str) -> list[Path]:
        if style not in made:
            made[style] = generate(style, tmp_path_factory.mktemp(f"style-{style}"))
            assert len(made[style]) == 4, made[style]
        return made[style]

    return pdfs


@pytest.fixture(scope="session")
def styled_packs(
    styled_pdfs: Callable[[str], list[Path]],
) -> Callable[[str], list[tuple[dict[str, Any], Pack]]]:
    done: dict[str, list[tuple[dict[str, Any], Pack]]] = {}

    def packs(style: str) -> list[tuple[dict[str, Any], Pack]]:
        if style not in done:
            done[style] = [(truth_of(p), extracted(p)) for p in styled_pdfs(style)]
        return done[style]

    return packs


def _page_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for i in range(len(doc)):
            textpage = doc[i].get_textpage()
            out.append(textpage.get_text_range())
            textpage.close()
        return out
    finally:
        doc.close()


def _column_texts(pdf: Path, edges: list[float]) -> list[list[str]]:
    """Each page's text of each column (a minutes grid's cells interleave in the page's own
    text order)."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            height = page.get_height()
            # between the page's top and bottom margins: not its footer or running head
            low, high = height - generator().BOTTOM - 2, height - generator().TOP + 2
            cols = [
                textpage.get_text_bounded(a, low, b, high)
                for a, b in zip(edges, edges[1:], strict=False)
            ]
            out.append([" ".join(c.split()) for c in cols])
            textpage.close()
        return out
    finally:
        doc.close()


# ------------------------------------------------------------------ the generator


def test_there_are_at_least_five_styles_besides_the_committed_one():
    assert STYLES[0] == generator().DEFAULT_STYLE
    assert len(STYLES) >= 6


@pytest.mark.parametrize("style", STYLES[1:])
def test_every_style_records_the_same_content(styled_pdfs, style: str):
    view = generator().content_view
    default = [view(truth_of(p)) for p in styled_pdfs(STYLES[0])]
    assert [view(truth_of(p)) for p in styled_pdfs(style)] == default


@pytest.mark.parametrize("style", STYLES[1:])
def test_every_style_is_deterministic(styled_pdfs, style: str, tmp_path: Path):
    again = generate(style, tmp_path)
    for old, new in zip(styled_pdfs(style), again, strict=True):
        assert old.read_bytes() == new.read_bytes(), old.name


@pytest.mark.parametrize("style", STYLES)
def test_what_the_truth_claims_is_printed(styled_pdfs, style: str):
    for pdf in styled_pdfs(style):
        truth = truth_of(pdf)
        texts = _page_texts(pdf)
        minutes = truth["minutes"]
        first, last = minutes["pages"]
        body = norm_ws(
            " ".join(
                re.sub(r"(?m)^(Page \d+|Agenda Item \d+)\s*$", "", texts[n - 1])
                for n in range(first, last + 1)
            )
        )
        if generator().STYLES[style].heads == "grid":  # each column's text, page after page
            # the grid's columns: three, or four with an "Action by" column
            for edges in (generator().GRID_COLUMNS, generator().GRID_ACTION_COLUMNS):
                columns = _column_texts(pdf, edges)
                for c in range(len(columns[0])):
                    body += " | " + " ".join(columns[n - 1][c] for n in range(first, last + 1))
                texts = [f"{t} | {' | '.join(c)}" for t, c in zip(texts, columns, strict=True)]
        for person in minutes["attendance"]:
            assert person["name"] in body, person
        for sub in (p for p in minutes["attendance"] if p.get("substitute_for")):
            said = re.escape(sub["name"]) + r"\W+(?:attended as a )?substitute for "
            assert re.search(said + re.escape(sub["substitute_for"]), body, re.I), sub
        for item in minutes["items"]:
            title = norm_ws(texts[item["pages"][0] - 1])
            assert item["title"] in title, item["title"]
            if item["number"]:
                assert item["number"] in title, item["number"]
            if "agenda_item" in item:
                assert f"(Item {item['agenda_item']})" in title
            for clause in item["resolutions"]:
                assert clause[5:] in body, clause  # "RESOLVED that ..." lower-cases "That"
        pages = {s["agenda_item"]: s for s in truth["sections"]}
        for report in truth["reports"]:
            s = pages[report["agenda_item"]]
            text = norm_ws(" ".join(texts[s["start_page"] - 1 : s["end_page"]]))
            for value in (report["title"], report["contact"]["email"], *report["recommendations"]):
                assert value in text, value


def test_a_landscape_appendix_sits_on_an_offset_page_box(styled_pdfs):
    boxes = []
    for style in STYLES[1:]:
        for pdf in styled_pdfs(style):
            doc = pdfium.PdfDocument(str(pdf))
            try:
                boxes += [doc[i].get_mediabox() for i in range(len(doc))]
            finally:
                doc.close()
    offset = [b for b in boxes if b[0] != 0 or b[1] != 0]
    assert offset, "no page box starts away from (0, 0)"
    assert all(b[2] - b[0] > b[3] - b[1] for b in offset), "offset pages are landscape"


# ------------------------------------------------------------------ extraction


@pytest.mark.parametrize("field", list(FIELDS))
@pytest.mark.parametrize("style", STYLES)
def test_extraction_matches_the_truth(styled_packs, style: str, field: str):
    wrong = [
        c.what
        for truth, pack in styled_packs(style)
        for c in FIELDS[field](truth, pack)
        if not c.ok
    ]
    assert not wrong, f"{len(wrong)} wrong:\n" + "\n".join(wrong)
