"""Acronyms a pack defines itself: "Unaccompanied Asylum Seeking Children (UASC)".

``find_definitions(text)`` returns ``{acronym: long form}`` using the Schwartz–Hearst rule:
an upper-case token in brackets is an acronym of the words just before it when its letters
can be matched, in order, to those words, the first letter to the start of the first word.
Also the reverse style "UASC (Unaccompanied Asylum Seeking Children)".

Used to expand passages for the embedding model (which does not know local acronyms) and
questions for keyword search (a question in plain words finds passages that only use the
acronym). Nothing here is specific to one council: the table is read from the packs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_BRACKETED = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9}?)s?\s*\)")
_LEADING = re.compile(r"\b([A-Z][A-Z&]{1,9})s?\s*\(\s*([^()]{4,80}?)\s*\)")
_WORDS_BEFORE = re.compile(r"[\w'’&-]+")
_SMALL = frozenset(["of", "and", "for", "the", "in", "on", "to", "a", "an", "with", "at", "by"])
MAX_WORDS = 10


def _is_acronym(token: str) -> bool:
    caps = sum(1 for c in token if c.isupper())
    return len(token) >= 2 and caps >= 2 and caps >= len(token) - 2


def match_long_form(acronym: str, words: list[str]) -> str | None:
    """The shortest tail of ``words`` whose letters spell ``acronym`` (Schwartz–Hearst)."""
    letters = [c.lower() for c in acronym if c.isalnum()]
    if len(letters) < 2:
        return None
    limit = min(len(words), len(letters) + 5, MAX_WORDS)
    for n in range(1, limit + 1):
        cand = words[-n:]
        if cand[0].lower() in _SMALL or cand[0][0].lower() != letters[0]:
            continue
        if _spells(letters, " ".join(cand).lower()):
            content = [w for w in cand if w.lower() not in _SMALL]
            if len(content) >= max(1, len(letters) - 2) or len(content) == len(cand):
                return " ".join(cand)
    return None


def _spells(letters: list[str], phrase: str) -> bool:
    """Right-to-left: each letter in order, the first at a word start, and most letters
    at word starts (so "TSC" is not "Transformation Practice")."""
    i = len(phrase) - 1
    starts = 0
    for k in range(len(letters) - 1, -1, -1):
        ch = letters[k]
        while i >= 0 and (phrase[i] != ch or (k == 0 and i > 0 and phrase[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        if i == 0 or not phrase[i - 1].isalnum():
            starts += 1
        i -= 1
    return starts * 2 > len(letters)


def find_definitions(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _BRACKETED.finditer(text):
        acronym = m.group(1)
        if not _is_acronym(acronym):
            continue
        before = _WORDS_BEFORE.findall(text[max(0, m.start() - 160) : m.start()])
        long_form = match_long_form(acronym, before)
        if long_form:
            found.setdefault(acronym, long_form)
    for m in _LEADING.finditer(text):
        acronym, inside = m.group(1), m.group(2)
        if acronym in found or not _is_acronym(acronym):
            continue
        words = _WORDS_BEFORE.findall(inside)
        if words and words[0][0].lower() == acronym[0].lower():
            long_form = match_long_form(acronym, words)
            if long_form and long_form == " ".join(words):
                found[acronym] = long_form
    return found


def merge(tables: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """One table; the most frequent long form wins for an acronym defined differently."""
    return merge_counts((a, f, 1) for table in tables for a, f in table.items())


def merge_counts(votes: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """One table from (acronym, long form, how many tables define it so) votes: the most
    frequent long form wins, then the shorter."""
    counted: dict[str, dict[str, int]] = {}
    for acronym, long_form, n in votes:
        forms = counted.setdefault(acronym, {})
        key = " ".join(long_form.split())
        forms[key] = forms.get(key, 0) + int(n)
    return {
        a: max(forms.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
        for a, forms in counted.items()
    }


_TOKEN = re.compile(r"\b[A-Z][A-Za-z&]{1,9}\b")


def used_in(text: str, table: Mapping[str, str]) -> list[str]:
    """Acronyms of ``table`` that ``text`` uses (a plural "UASCs" counts), in order."""
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        key = (
            tok if tok in table else (tok[:-1] if tok.endswith("s") and tok[:-1] in table else None)
        )
        if key and key not in out:
            out.append(key)
    return out


def expansion(text: str, table: Mapping[str, str]) -> str:
    """ "UASC: Unaccompanied Asylum Seeking Children; ..." for the acronyms ``text`` uses
    without spelling them out (empty when there are none)."""
    low = text.lower()
    parts = [f"{a}: {table[a]}" for a in used_in(text, table) if table[a].lower() not in low]
    return "; ".join(parts)
