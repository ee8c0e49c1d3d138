"""One pattern for the query side's bounded memos: values computed for a batch of keys,
the new keys computed together, and kept in a plain dict that is emptied when it outgrows
its cap (a cheap bound; a hot key is simply computed again)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def remembered(
    memo: dict[K, V], keys: Sequence[K], compute: Callable[[list[K]], Sequence[V]], cap: int
) -> list[V]:
    """``compute``'s value for each of ``keys`` (in order), asking it only for the keys
    ``memo`` lacks, all at once. Another thread may read or empty ``memo`` meanwhile: what
    this call returns comes from its own copy, never from a second read of ``memo``."""
    got: dict[K, V] = {}
    for k in dict.fromkeys(keys):
        known = memo.get(k)
        if known is not None:
            got[k] = known
    todo = [k for k in dict.fromkeys(keys) if k not in got]
    if todo:
        values = compute(todo)
        if len(memo) > cap:
            memo.clear()
        for k, v in zip(todo, values, strict=True):
            got[k] = memo[k] = v
    return [got[k] for k in keys]
