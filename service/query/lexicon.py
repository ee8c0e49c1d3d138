"""What the store says about words, for the questions asked of it: IDF weights per
(Porter) stem and the acronyms its packs define, with the word analysis both need.

A :class:`Lexicon` belongs to one state of one store; :class:`service.query.answer.Answerer`
keeps it and makes a new one when passages were added. Nothing here reads all the passages.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from collections.abc import Sequence

from service.acronyms import used_in
from service.query.remembered import remembered
from service.query.words import STOPWORDS
from service.store.base import Store

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

_KEY_LEN = 4  # words are compared by their first letters ("seekers" ~ "seeking")


def _key(word: str) -> str:
    return word.lower()[:_KEY_LEN]


def content_keys(text: str) -> list[str]:
    """Distinct comparison keys of the content words of ``text``."""
    return list(dict.fromkeys(_key(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS))


_TOKENIZER = "porter unicode61 remove_diacritics 2"  # the store's FTS tokenizer
# passages counted per word for its IDF weight: a word in more passages than this is simply
# "common" (counting stops there, so a common word costs no more than a rare one)
DF_CAP = 50_000
MEMO_CAP = 50_000  # texts whose analysis a lexicon keeps (emptied beyond)


class Lexicon:
    """What the store says about words, for one state of the store: the acronyms its packs
    define (kept by the store when each pack is stored) and, per (Porter) stem, in how many
    passages it occurs (IDF weights), asked of the store per word the first time a question
    uses it and remembered. Nothing here reads all the passages."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.n = int(store.counts().get("passages", 0))
        self.acronyms = store.acronym_table()
        self.df: dict[str, int] = {}
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        self._conn.execute(f"CREATE VIRTUAL TABLE q USING fts5(x, tokenize='{_TOKENIZER}')")
        self._conn.execute("CREATE VIRTUAL TABLE q_vocab USING fts5vocab(q, 'instance')")
        self._memo: dict[str, list[tuple[str, str]]] = {}
        self._stem_memo: dict[str, str | None] = {}  # word -> stem (None: not one token)
        self._set_memo: dict[str, frozenset[str]] = {}

    def _analyse(self, text: str) -> list[tuple[str, str]]:
        """Distinct (stem, first word with that stem) of the content words of ``text``."""
        return self._analyse_many([text])[0]

    def _analyse_many(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        """``_analyse`` of each text, the new ones from the stems of their words."""
        return remembered(self._memo, texts, self._analyse_new, MEMO_CAP)

    def _analyse_new(self, todo: list[str]) -> list[list[tuple[str, str]]]:
        words = [[w for w in _WORD.findall(t) if w.lower() not in STOPWORDS] for t in todo]
        stems = self._word_stems({w for ws in words for w in ws})
        odd = [i for i, ws in enumerate(words) if any(stems[w] is None for w in ws)]
        found: list[dict[str, str]] = [{} for _ in todo]
        for seen, ws in zip(found, words, strict=True):
            for w in ws:
                stem = stems[w]
                if stem is not None and stem not in seen:
                    seen[stem] = w
        for i, seen in zip(odd, self._tokenised([words[i] for i in odd]), strict=True):
            found[i] = seen  # a word that is not one token: the text tokenised whole
        return [list(seen.items()) for seen in found]

    def _stem_sets(self, texts: Sequence[str]) -> list[frozenset[str]]:
        """The stems of each text's content words (the stems of ``_analyse``, found from its
        distinct words: a passage repeats many)."""
        return remembered(self._set_memo, texts, self._stem_sets_new, MEMO_CAP)

    def _stem_sets_new(self, todo: list[str]) -> list[frozenset[str]]:
        distinct = [set(_WORD.findall(t)) for t in todo]
        stems = self._word_stems({w for ws in distinct for w in ws}, stopwords=True)
        out: list[frozenset[str]] = []
        for text, ws in zip(todo, distinct, strict=True):
            found = {stems[w] for w in ws}
            if None in found:  # a word that is not one token: as ``_analyse`` does it
                out.append(frozenset(stem for stem, _ in self._analyse(text)))
            else:
                found.discard("")
                out.append(frozenset(s for s in found if s is not None))
        return out

    def _word_stems(self, words: set[str], *, stopwords: bool = False) -> dict[str, str | None]:
        """The stem of each word: ``None`` for a word the tokenizer does not make exactly one
        token of; ``""`` for a stop word when ``stopwords`` (else a stop word is not asked).
        Remembered (the words new to this lexicon are tokenised together)."""
        known = self._stem_memo
        # (a word another thread's clear removed meanwhile reads as None: its text is then
        # tokenised whole, the same result the slow way)
        out: dict[str, str | None] = {w: known.get(w) for w in words if w in known}
        todo = [w for w in words if w not in out]
        if stopwords:
            for w in todo:
                if w.lower() in STOPWORDS:
                    out[w] = ""
            todo = [w for w in todo if w not in out]
        if todo:
            tokens: dict[int, list[tuple[int, str]]] = {}
            for doc, term, offset in self._vocab(todo):
                tokens.setdefault(doc, []).append((offset, term))
            if len(known) > 200_000:
                known.clear()  # (what this call needs is in `out`)
            for i, w in enumerate(todo, start=1):
                toks = tokens.get(i, [])
                stem = toks[0][1] if len(toks) == 1 and toks[0][0] == 0 else None
                out[w] = known[w] = stem
        return out

    def _tokenised(self, words: Sequence[Sequence[str]]) -> list[dict[str, str]]:
        """Per text (its content words): {stem: first word with that stem}, the words
        tokenised together as one text."""
        found: list[dict[str, str]] = [{} for _ in words]
        if not words:
            return found
        for doc, term, offset in self._vocab([" ".join(ws) for ws in words]):
            seen, ws = found[doc - 1], words[doc - 1]
            if term not in seen and 0 <= offset < len(ws):  # offset i is words[i]
                seen[term] = ws[offset]
        return found

    def _vocab(self, docs: Sequence[str]) -> list[tuple[int, str, int]]:
        """(doc, term, offset) of each token of the docs (numbered from 1), in order."""
        with self._lock:
            self._conn.execute("DELETE FROM q")
            self._conn.executemany(
                "INSERT INTO q(rowid, x) VALUES (?, ?)", list(enumerate(docs, start=1))
            )
            rows: list[tuple[int, str, int]] = self._conn.execute(
                "SELECT doc, term, offset FROM q_vocab ORDER BY doc, offset"
            ).fetchall()
        return rows

    def stems(self, text: str) -> list[str]:
        """Distinct Porter stems of the content words of ``text``, in order."""
        return [stem for stem, _ in self._analyse(text)]

    def _ensure_df(self, pairs: Sequence[tuple[str, str]]) -> None:
        missing = [(stem, word) for stem, word in pairs if stem not in self.df]
        if not missing:
            return
        counts = self._store.word_doc_counts([w for _, w in missing], DF_CAP)
        with self._lock:
            for stem, word in missing:
                self.df[stem] = int(counts.get(word, 0))

    def idf(self, stem: str) -> float:
        return math.log((self.n + 1) / (self.df.get(stem, 0) + 0.5))

    def coverage(self, topic: str, text: str) -> float:
        """IDF-weighted share of the topic's content words that ``text`` contains."""
        return self.coverages(topic, [text])[0]

    def coverages(self, topic: str, texts: Sequence[str]) -> list[float]:
        """``coverage`` of each text."""
        pairs = self._analyse(topic)
        if not pairs:
            return [0.0 for _ in texts]
        self._ensure_df(pairs)
        weights = [(s, self.idf(s)) for s, _ in pairs]
        total = sum(w for _, w in weights)
        if not total:
            return [0.0 for _ in texts]
        return [sum(w for s, w in weights if s in have) / total for have in self._stem_sets(texts)]


def expand_query(text: str, table: dict[str, str]) -> list[str]:
    """Acronyms whose long form the text (mostly) spells out, and long forms of acronyms
    it uses: "lone child asylum seekers" -> UASC (Unaccompanied Asylum Seeking Children)."""
    words = set(content_keys(text))
    out: list[str] = []
    for acronym, long_form in table.items():
        keys = content_keys(long_form)
        hits = sum(1 for k in keys if k in words)
        if len(keys) >= 2 and hits >= 2 and hits * 3 >= len(keys) * 2:
            out.append(acronym)
    for acronym in used_in(text, table):
        out.append(table[acronym])
    return list(dict.fromkeys(out))
