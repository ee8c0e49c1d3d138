"""Experiment (issue 11, not adopted unless the README says so): headings and agenda lines in the
passages' text, and unknown-body passages kept by a body the question names.

    python -m benchmarks.structure_experiment headings --data-dir NEWDIR [--sets ...]
    python -m benchmarks.structure_experiment agenda-pages --data-dir NEWDIR [--sets ...]
    python -m benchmarks.structure_experiment bodyless --data-dir COPY [--sets ...]

Each runs :mod:`benchmarks.evaluate` (its other options pass through) and then
:mod:`benchmarks.meeting_dates` on the same stores and sets, with the variant in place:

``headings``: a minute item's first passage opens with its heading as the page prints it (from
the title on the page to where the item's text starts: "303. Treasury Management - Mid-Year
Update 2024-25 (Item 12) This item was taken ..."), so the heading is searched and shown as
text, not only as the item title; a minute that is its heading alone is a passage of it.
Stores indexed afresh in ``NEWDIR`` (an empty folder).

``agenda-pages``: the page an agenda lists its items on stays uncovered by the agenda item
passages, so it is also a page passage: the agenda as printed (its contents lines, with
their page numbers, and whatever else the front sheet says) is searched. Stores indexed
afresh in ``NEWDIR``.

``bodyless``: when a filter names a body (in ``benchmarks.evaluate``, always the body the
question names), it also keeps the passages of no known body in the packs of the councils
that have a body it matches (the Kent performance appendix, which names no meeting, kept by
"Cabinet"), ranked as they fall. Query time only: ``COPY`` is a copy of existing evaluation
stores (SQLite).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

VARIANTS = ("headings", "agenda-pages", "bodyless")
HEADING_EXTRA_WORDS = 12  # words a printed heading may carry beyond its title ("(Item 12)")


def printed_heading(page_text: str, title: str, text: str) -> str:
    """A minute item's heading as its page prints it: from the title on the page up to where
    the item's text starts, else the title; empty when the text already opens with it."""
    import re

    from service.index.passages import _norm

    title, body = _norm(title), _norm(text)
    bare = re.sub(r"^\S*\d\S*\.\s+", "", title)
    if not title or body.lower().startswith((title.lower(), bare.lower())):
        return ""
    page = _norm(page_text)
    low = page.lower()
    at = low.find(title.lower())
    probe = body.lower()[:40]
    if at >= 0 and probe:
        start = low.find(probe, at + len(title))
        if start > at:
            printed = page[at:start].strip()
            if len(printed.split()) <= len(title.split()) + HEADING_EXTRA_WORDS:
                return printed
    return title


def patch_headings() -> None:
    from service.index import passages as ps

    original = ps._one_minutes

    def one_minutes(m: Any, cx: Any, covered: set[int]) -> Iterator[Any]:
        first = None
        for p in original(m, cx, covered):
            if p.kind == "minutes" and p.item_title and (p.agenda_item, p.item_title) != first:
                first = (p.agenda_item, p.item_title)
                item = next(
                    (
                        i
                        for i in m.items
                        if (f"{i.number}. {i.title}".strip(". ") if i.number else i.title)
                        == p.item_title
                    ),
                    None,
                )
                if item is not None:
                    page = (item.pages or m.pages or [0])[0]
                    heading = printed_heading(cx.finder.text(page), p.item_title, item.text)
                    if heading:
                        p.text = f"{heading} {p.text}"
            yield p
        for i in m.items:  # a minute that is its heading alone
            title = f"{i.number}. {i.title}".strip(". ") if i.number else i.title
            page = (i.pages or m.pages or [None])[0]
            if title and not ps._norm(i.text) and page is not None:
                yield ps.Passage(
                    "minutes",
                    title,
                    m.body or cx.body,
                    m.date,
                    m.agenda_item,
                    title,
                    page,
                    cx.pack_id,
                )

    ps._one_minutes = one_minutes


def patch_agenda_pages() -> None:
    from service.index import passages as ps

    original = ps.agenda_passages

    def agenda_passages(pack: Any, cx: Any, covered: set[int]) -> Iterator[Any]:
        yield from original(pack, cx, set())  # the listing page stays uncovered

    ps.agenda_passages = agenda_passages
    ps.SOURCES = (agenda_passages, *ps.SOURCES[1:])


def patch_bodyless() -> None:
    from service.store import sqlite as sq

    original = sq.SQLiteStore._filter_mask
    cache: dict[Any, np.ndarray] = {}

    def filter_mask(self: Any, r: Any, filt: Any) -> np.ndarray:
        mask = original(self, r, filt)
        if not filt.body:
            return mask
        key = (id(self), filt.body, filt.date_from, filt.date_to, filt.kind, filt.packs)
        key = (*key, self.attrs.version)
        if key in cache:
            return cache[key]
        needle = filt.body.strip().lower()
        councils = {
            row[0]
            for row in r.conn.execute(
                "SELECT DISTINCT k.council FROM passages p JOIN packs k ON k.id = p.pack_id"
                " WHERE p.body_key IS NOT NULL AND instr(p.body_key, ?) > 0"
                " AND coalesce(k.council, '') != ''",
                (needle,),
            )
        }
        packs = [p for p, c in r.conn.execute("SELECT id, council FROM packs") if c in councils]
        if filt.packs is not None:
            packs = [p for p in packs if p in set(filt.packs)]
        extra = self.attrs.mask(None, filt.date_from, filt.date_to, filt.kind, tuple(packs))
        n = min(len(extra), len(self.attrs.body))
        extra[:n] &= self.attrs.body[:n] == -1
        cache[key] = out = mask | extra
        return out

    sq.SQLiteStore._filter_mask = filter_mask


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in VARIANTS:
        print(__doc__, file=sys.stderr)
        return 2
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--sets", default="dev,devreal,test,real")
    known, rest = ap.parse_known_args(args[1:])
    {"headings": patch_headings, "agenda-pages": patch_agenda_pages, "bodyless": patch_bodyless}[
        args[0]
    ]()
    from benchmarks import evaluate, meeting_dates

    common = ["--data-dir", str(known.data_dir), "--sets", known.sets]
    rc = evaluate.main([*common, *rest])
    return rc or meeting_dates.main(common)


if __name__ == "__main__":
    raise SystemExit(main())
