"""The structure experiment of issue 11 (``benchmarks/structure_experiment.py``, not adopted):
what each variant makes of real packs (no evaluation here: that is the benchmark's business)."""

from __future__ import annotations

import pytest

from benchmarks import structure_experiment as se
from service.index import passages as ps
from tests.structure_helpers import pack_of, real_file


@pytest.fixture
def restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """The passage builders as they are, put back after the test (the variants replace them)."""
    for name in ("_one_minutes", "agenda_passages", "SOURCES"):
        monkeypatch.setattr(ps, name, getattr(ps, name))


@pytest.mark.shared
def test_headings_open_a_minute_items_first_passage_as_printed(restored: None) -> None:
    pack = pack_of(real_file("uk_kent_2025-03-13_county-council_printed-minutes.pdf"))
    before = [p.text for p in ps.build_passages(pack) if p.kind == "minutes"]
    se.patch_headings()
    after = [p.text for p in ps.build_passages(pack) if p.kind == "minutes"]
    heading = "303. Treasury Management - Mid-Year Update 2024-25 (Item 12)"
    assert not any(t.startswith(heading) for t in before)
    [opened] = [t for t in after if t.startswith(heading)]
    assert opened == f"{heading} {before[after.index(opened)]}"
    assert opened.startswith(f"{heading} This item was taken after Item 16")
    # the item's later passages and other items keep their text
    assert len(after) == len(before)
    assert sum(a != b for a, b in zip(after, before, strict=True)) >= 10


@pytest.mark.shared
def test_agenda_pages_make_the_printed_contents_searchable(restored: None) -> None:
    pack = pack_of(real_file("uk_merton_2009-10-22_audit-committee_agenda-pack.pdf"))
    contents = "5. Internal audit progress report 23 6. Managing the risk of fraud 53"
    before = ps.build_passages(pack)
    assert not any(contents in ps._norm(p.text) for p in before)
    se.patch_agenda_pages()
    after = ps.build_passages(pack)
    [page] = [p for p in after if contents in ps._norm(p.text)]
    assert (page.kind, page.page) == ("page", 2)
    # the agenda items are still passages of their own
    assert [p.text for p in after if p.kind == "agenda"] == [
        p.text for p in before if p.kind == "agenda"
    ]
