"""Experiment: other names for the things a question names, from a thesaurus of council terms.

    python -m benchmarks.thesaurus --mode add|rewrite|store --data-dir DIR [evaluate options]

runs :mod:`benchmarks.evaluate` with the answerer's retrieval widened by the thesaurus
(measured on the evaluation sets and not adopted: benchmarks/EXPERIMENTS.md, "Retrieval experiments of issue 11"):

* ``add``: every other name of each group the question names is added to its keyword query;
* ``rewrite``: one more keyword ranking, of the question with each named thing called by its
  group's first other name (and the group's acronyms added), fused with the others;
* ``store``: the same extra ranking, the name chosen being the one the store uses most
  (phrase counts), and only when it uses it at least twice as often as the question's own.

``benchmarks/thesaurus.json`` holds synonym groups of UK local-government vocabulary ("looked after
children" / "children in care" / "CLA"; "EHCP" / "education, health and care plan"), written
from general knowledge of council business. :func:`find` says which groups a text names and by
which variant; :func:`rewrite` gives the text with each named thing called by another name of
its group (the keyword and dense rankings of a question then also find passages that use the
other name). Acronyms match only as written in capitals (so "sen" or "pep" in running text
is not an acronym); other variants match word for word, case-insensitively, a final "s"
ignored.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

THESAURUS_FILE = Path(__file__).resolve().parent / "thesaurus.json"

_WORD = re.compile(r"[^\W_]+|&", re.UNICODE)


def _is_acronym(variant: str) -> bool:
    """One token with at least two capitals: "CLA", "DoLS", "O&S", "S106", "KPIs"."""
    return " " not in variant and sum(c.isupper() for c in variant) >= 2


def _key(word: str) -> str:
    low = word.lower()
    return low[:-1] if len(low) > 3 and low.endswith("s") and not low.endswith("ss") else low


@dataclass(frozen=True, slots=True)
class Variant:
    text: str
    keys: tuple[str, ...]  # comparison keys of its words (an acronym: its one token as written)
    acronym: bool


@dataclass(frozen=True, slots=True)
class Match:
    """A group the text names: by which variant, at which words (``start``, ``end``)."""

    group: tuple[Variant, ...]
    variant: Variant
    start: int
    end: int

    def others(self) -> list[str]:
        """The group's other names (not the one used, nor one inside it or holding it)."""
        used = self.variant.keys
        return [
            v.text
            for v in self.group
            if v is not self.variant and not _inside(v.keys, used) and not _inside(used, v.keys)
        ]

    def replacement(self) -> str | None:
        """The name to call it by instead: the first other name that is not an acronym."""
        return next((t for t in self.others() if not _is_acronym(t)), None)


def _inside(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


@lru_cache(maxsize=1)
def groups() -> tuple[tuple[Variant, ...], ...]:
    data = json.loads(THESAURUS_FILE.read_text(encoding="utf-8"))
    out: list[tuple[Variant, ...]] = []
    for group in data["groups"]:
        variants: list[Variant] = []
        for text in group:
            acronym = _is_acronym(text)
            words = _WORD.findall(text)
            keys = (text.rstrip("s"),) if acronym else tuple(map(_key, words))
            variants.append(Variant(text, keys, acronym))
        out.append(tuple(variants))
    return tuple(out)


def find(text: str) -> list[Match]:
    """The groups ``text`` names, each by its longest variant found (earliest first); the
    words of one match are not read again for another group."""
    words = _WORD.findall(text)
    keys = [_key(w) for w in words]
    caps = [w.rstrip("s") for w in words]
    found: list[Match] = []
    taken: set[int] = set()
    candidates: list[tuple[int, int, int, tuple[Variant, ...], Variant]] = []
    for group in groups():
        for v in group:
            seq = caps if v.acronym else keys
            n = len(v.keys)
            for i in range(len(seq) - n + 1):
                if tuple(seq[i : i + n]) == v.keys:
                    candidates.append((-n, i, id(group), group, v))
    seen_groups: set[int] = set()
    for neg_n, i, gid, group, v in sorted(candidates, key=lambda c: (c[0], c[1])):
        span = set(range(i, i - neg_n))
        if gid in seen_groups or span & taken:
            continue
        seen_groups.add(gid)
        taken |= span
        found.append(Match(group, v, i, i - neg_n))
    return sorted(found, key=lambda m: m.start)


def alternatives(text: str) -> list[str]:
    """Every other name of every group ``text`` names."""
    return list(dict.fromkeys(t for m in find(text) for t in m.others()))


def rewrite(text: str) -> str | None:
    """``text`` with each thing it names called by its group's first other (non-acronym) name
    and that group's acronyms added at the end; None when it names nothing."""
    matches = find(text)
    if not matches:
        return None
    spans = list(re.finditer(_WORD, text))
    out: list[str] = []
    at = 0
    extra: list[str] = []
    for m in matches:
        new = m.replacement()
        extra.extend(t for t in m.others() if _is_acronym(t))
        if new is None:
            continue
        out.append(text[at : spans[m.start].start()])
        out.append(new)
        at = spans[m.end - 1].end()
    out.append(text[at:])
    return " ".join(["".join(out).strip(), *dict.fromkeys(extra)]).strip()


def store_rewrite(text: str, count: Callable[[str], int], ratio: float = 2.0) -> str | None:
    """``text`` with each thing it names called by the name of its group that the store
    uses most (``count``: in how many passages a name occurs, capped), when that name is used
    ``ratio`` times as often as the question's own; None when no name changes."""
    matches = find(text)
    spans = list(re.finditer(_WORD, text))
    out: list[str] = []
    at = 0
    changed = False
    for m in matches:
        used = count(m.variant.text)
        best = max(m.others(), key=count, default=None)
        if best is None or count(best) < max(1.0, ratio * used):
            continue
        changed = True
        out.append(text[at : spans[m.start].start()])
        out.append(best)
        at = spans[m.end - 1].end()
    out.append(text[at:])
    return "".join(out).strip() if changed else None


def _count_in(store: Any) -> Callable[[str], int]:
    """In how many passages of ``store`` a name occurs as a phrase (at most 50)."""
    from service.query.search import tokens
    from service.store.base import KeywordQuery, PassageFilter

    def count(name: str) -> int:
        return len(store.keyword_search(KeywordQuery(phrases=[tokens(name)]), PassageFilter(), 50))

    return count


def patch(mode: str) -> None:
    """Widen :func:`service.query.answer.retrieve` as ``mode`` says (see the module doc)."""
    import service.query.answer as answer

    if mode == "add":
        plain = answer.expand_query
        answer.expand_query = lambda text, table: [*plain(text, table), *alternatives(text)]
        return
    original = answer.retrieve

    def retrieve(ctx: Any, q: Any, options: Any, embedder: Any, notes: Any = None) -> Any:
        cands = original(ctx, q, options, embedder, notes)
        other = (
            rewrite(q.query) if mode == "rewrite" else store_rewrite(q.query, _count_in(ctx.store))
        )
        if not other or options.mode == "dense":
            return cands
        ranking = options.replace(mode="bm25", limit=answer.CANDIDATES)
        found = answer.search(ctx.store, other, ranking, floor=False, timed=ctx.timed).results
        by_id = {c.result.passage_id: c for c in cands}
        for rank, r in enumerate(found, start=1):
            c = by_id.get(r.passage_id)
            if c is None:
                c = by_id[r.passage_id] = answer.Candidate(result=r)
                cands.append(c)
                c.bm25_rank = rank
            c.fused += 1.0 / (answer.RRF_K + rank)
        return sorted(cands, key=lambda c: (-c.fused, c.result.passage_id))

    answer.retrieve = retrieve


def main(argv: list[str] | None = None) -> int:
    from benchmarks import evaluate

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2 or args[0] != "--mode" or args[1] not in ("add", "rewrite", "store"):
        print(__doc__, file=sys.stderr)
        return 2
    patch(args[1])
    return evaluate.main(args[2:])


if __name__ == "__main__":
    raise SystemExit(main())
