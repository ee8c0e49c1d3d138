"""What a question restricts its search to: the body and the council it names, as the store
knows them (:mod:`service.query.bodies`), on top of the filters given with it."""

from __future__ import annotations

from service.query.bodies import council_packs, council_scope
from service.query.questions import Question, understand
from service.query.search import SearchOptions
from service.store.base import Store


def known_bodies(store: Store) -> list[str]:
    return [str(b) for b in store.bodies()]


def understood(
    store: Store, question: str, options: SearchOptions
) -> tuple[Question, SearchOptions]:
    """The question understood against the store's bodies and councils, and ``options`` with
    the body it names (unless one was given) and the packs of the council it names."""
    councils = [c for c in council_packs(store) if c]
    q = understand(question, known_bodies(store), councils)
    packs = options.packs if options.packs is not None else council_scope(store, q.council)
    return q, options.replace(body=options.body or q.body, packs=packs)
