"""Entities: spaCy NER plus a rules layer for council papers, canonicalised per pack.

Rules (regex, one pass per paragraph) fix what a general model gets wrong:
"Councillor X"/"Cllr X" are people with the role Councillor; roster names
(attendance, report headers) are people wherever they appear; "X County
Council", "NHS ...", "... Trust", "... Board" and public-sector acronyms
are organisations; officer titles are ROLE entities; towns and counties are
places. Rule spans win over overlapping model spans, except that a model
organisation containing a place ("Hampshire Cultural Trust") beats the place.

Canonicalisation merges, within a pack: titled and partial mentions of a
person with the roster name ("Cllr Wade" = "Councillor Malcolm Wade"), an
acronym with its expansion ("Clinical Commissioning Group (CCG)"), case
variants, and the generic "the County Council" with the one council the pack
names.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.enrich import nlp as nlp_mod
from extract.enrich.lexicon import (
    NON_NAME_WORDS,
    NOT_ORG_ACRONYMS,
    ORG_HEADS,
    ORG_NAMES,
    ORG_PHRASES,
    PEOPLE_PLURALS,
    PLACES,
    THING_NOUNS,
)
from extract.enrich.roster import (
    RosterPerson,
    find_roles,
    is_name,
    pack_roster,
    strip_title,
)
from extract.enrich.text import Block
from extract.model import Entity, Mention, Pack

KEEP_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "LAW"}
_LABEL_ORDER = {"PERSON": 0, "ORG": 1, "ROLE": 2, "GPE": 3}

# strength of a span when spans overlap: rules beat the model, places are weak
ROSTER, ROLE, RULE, MODEL, WEAK = 5, 4, 3, 2, 1

_CAPW = r"(?:Isle of [A-Z][a-z]+|[A-Z][\w'’&-]*)"
_CONN = r"(?:and|&|in)"
COUNCILLOR = re.compile(
    r"\b(?:County\s+)?(?:Councillor|Cllr\.?|COUNCILLOR|CLLR)\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,3})"
)
_CAPW_NOT_COUNCIL = r"(?:Isle of [A-Z][a-z]+|(?!Council\b)[A-Z][\w'’&-]*)"
COUNCIL = re.compile(
    rf"\b(?P<org>(?:{_CAPW_NOT_COUNCIL}\s(?:{_CONN}\s)?){{1,5}}"
    r"(?:County|Borough|District|City|Town|Parish|Metropolitan Borough|Unitary)?\s?Council)\b"
    r"(?!\s(?:Leaders?|Members?|Officers?|Tax|Taxpayers?|Plan|Strategy|Meetings?)\b)"
    r"|\b(?P<ORG>(?:[A-Z][A-Z'’&-]+\s(?:OF\s|AND\s)?){1,5}COUNCIL)\b"
    rf"|\b(?P<lb>London Borough of {_CAPW}(?:\s(?:and|&)\s{_CAPW})?)"
    rf"|\b(?P<rb>Royal Borough of {_CAPW}(?:\s(?:and|&)\s{_CAPW})?)"
)
_COUNCIL_GENERIC = {
    "the",
    "county",
    "borough",
    "district",
    "city",
    "town",
    "parish",
    "full",
    "local",
    "unitary",
    "metropolitan",
    "each",
    "all",
    "principal",
    "lead",
    "youth",
    "shadow",
    "this",
    "our",
    "a",
    "any",
    "other",
    "neighbouring",
    "of",
    "and",
    "in",
    "on",
    "for",
    "&",
    "children's",
    "children’s",
    "school",
    "schools",
}
NHS = re.compile(
    rf"\bNHS(?:\s(?:{_CONN}\s)*{_CAPW})*"
    rf"|\b(?:{_CAPW}\s(?:{_CONN}\s)?){{1,5}}(?:NHS\s)?(?:Foundation\s)?Trust\b"
    rf"|\b(?:{_CAPW}\s(?:{_CONN}\s)?){{0,4}}(?:Clinical Commissioning Group|Integrated Care "
    r"(?:Board|System|Partnership))s?\b"
)
ORG_HEAD = re.compile(
    rf"\b(?:{_CAPW}\s(?:{_CONN}\s)?){{1,6}}"
    r"(?:Board|Panel|Committee|Agency|Partnership|Network|University|College|Academy|Foundation|"
    r"Association|Society|Institute|Commission|Parliament|Inspectorate|Constabulary|Police|"
    r"Department|Directorate|Services|Service|Team|Teams|Group|Forum|Alliance|Federation|Charity|"
    r"Ltd|Limited|plc|LLP)\b"
    r"(?!\s(?:Meetings?|Managers?|Members?|Officers?|Leads?|Report|Strategy|Plan|Chair|Chairman|"
    r"Director|Workshops?|Annual|Feedback|Update)\b)"
    r"(?:\s(?:of|for)\s[A-Z][a-z][\w'’-]*)?"
    rf"|\bUniversity of {_CAPW}(?:\s{_CAPW})?"
)
# a body named head first: "Council of Nations and Regions", "Board of Governors"
_W = r"[A-Z][a-z][\w'’-]*"
ORG_OF = re.compile(
    r"\b(?:Council|Board|Ministry|Department|Office|Federation|Association|Institute|Society"
    r"|Union|Chamber|Commission|Committee)\s(?:of|for)\s(?:the\s)?"
    # one word ("Department for Education"), or a list ending in "and ..." ("Council of
    # Nations and Regions", "Ministry of Housing, Communities and Local Government")
    rf"(?:{_W}(?:,?\s{_W}){{0,3}},?\s(?:and|&)\s{_W}(?:\s{_W})?|{_W})"
)
_ORG_LEAD_STOP = {
    "The",
    "A",
    "An",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "Its",
    "Their",
    "Each",
    "Every",
    "All",
    "Any",
    "Both",
    "Title",
    "Report",
    "From",
    "To",
    "By",
    "Date",
    "Committee/Panel",
    "In",
    "On",
    "At",
    "For",
    "With",
    "Of",
    "And",
    "Dear",
    "Members",
    "Resolved",
    "Whilst",
    "While",
    "When",
    "If",
    "As",
    "Overall",
    "Recommend",
    "Within",
    "Under",
    "Through",
    "Via",
    "Following",
    "Additionally",
    "Furthermore",
    "However",
    "Also",
    "Meeting",
    "My",
}
ACRONYM_DEF = re.compile(
    r"(?P<long>(?:[A-Z][\w'’&-]*|of|and|for|&|the|in|on)(?:\s(?:[A-Z][\w'’&-]*|of|and|for|&|the|in|on)){1,9})"
    r"\s\((?P<acr>(?=(?:[^A-Z)]*[A-Z]){2})[A-Z][A-Za-z&]{1,9})\)"
)
SALUTATION = re.compile(r"\b(?:Dear|Hi|Hello)\s+(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b")
_POSTCODE_TOWN = re.compile(
    r"\b(?P<town>[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?),?\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"
)


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    label: str
    strength: int
    text: str
    role: str | None = None


@dataclass(slots=True)
class _Cluster:
    label: str
    forms: Counter[str] = field(default_factory=Counter)
    mentions: set[tuple[int, str | None]] = field(default_factory=set)
    role: str | None = None
    role_rank: int = 99
    roster_name: str | None = None
    long_form: str | None = None  # ORG: the expansion of an acronym


# ------------------------------------------------------------------- patterns


@functools.lru_cache(maxsize=1)
def _lexicon_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    places = sorted(PLACES, key=len, reverse=True)
    orgs = sorted([*ORG_NAMES, *ORG_PHRASES], key=len, reverse=True)
    place_re = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in places) + r")\b")
    org_re = re.compile(r"\b(?:" + "|".join(re.escape(o) for o in orgs) + r")\b")
    return place_re, org_re


def _alternation(forms: Iterable[str]) -> re.Pattern[str] | None:
    forms = sorted({f for f in forms if f}, key=len, reverse=True)
    if not forms:
        return None
    parts = [r"\s+".join(re.escape(w) for w in f.split()) for f in forms]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def norm_key(text: str) -> str:
    """Case, apostrophes, "&", a leading "the" and a plural last word do not matter."""
    plural = len(text) > 4 and text.endswith("s") and not text.split()[-1].isupper()
    t = text.replace("’", "'").replace("&", " and ").lower()
    t = re.sub(r"'s\b", "s", t)
    t = re.sub(r"[^\w\s-]", " ", t)
    t = re.sub(r"^(?:the)\s+", "", " ".join(t.split()))
    t = t.replace("-", "")
    return t[:-1] if plural and t.endswith("s") else t


def name_key(text: str) -> str:
    name, _ = strip_title(text)
    return " ".join(re.sub(r"[^a-z ]", "", name.lower().replace("-", "")).split())


_BULLETS = "•●▪◦■□➢►‣∙·*\uf0b7\uf0a7\uf0d8\uf076\uf0fc"


def _clean(text: str) -> str:
    text = re.sub(r"[\ue000-\uf8ff]", " ", text)
    text = " ".join(text.split()).strip(" ,;:.()[]\"'“”‘’-–" + _BULLETS)
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    text = re.sub(r"(?:\s+(?:and|of|the|for|&|in|on|-|–))+$", "", text)
    return re.sub(r"['’]s?$", "", text).strip()


def _acronym(text: str, vocab: set[str] | None = None) -> bool:
    """ "CCG", "DfE", "CAFCASS" - not an all-caps word ("CHAIRMAN", "MAIN")."""
    if not 2 <= len(text) <= 9 or " " in text or not text[0].isupper():
        return False
    if sum(c.isupper() for c in text) < 2 or not text.replace("&", "").isalpha():
        return False
    if text.isupper() and vocab is not None and text.lower() in vocab:
        return False
    return not (text.isupper() and len(text) > 7)


def _initials(text: str) -> str:
    words = [w for w in re.split(r"[\s/-]+", text) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def _acronym_matches(acr: str, long: str) -> bool:
    letters = "".join(c for c in acr if c.isupper())
    if _initials(long) == letters:
        return True
    # CAFCASS <- Children And Family Court Advisory Support Service: each word gives a prefix
    words = [w.lower() for w in re.split(r"\s+", long) if w]
    target = acr.lower()

    def fit(wi: int, ci: int) -> bool:
        if ci == len(target):
            return all(w in {"of", "and", "for", "the", "&", "in", "on"} for w in words[wi:])
        if wi == len(words):
            return False
        w = words[wi]
        if w in {"of", "and", "for", "the", "&", "in", "on"} and fit(wi + 1, ci):
            return True
        k = 1
        while k <= len(w) and ci + k <= len(target) and w[:k] == target[ci : ci + k]:
            if fit(wi + 1, ci + k):
                return True
            k += 1
        return False

    return fit(0, 0)


def _letters_fit(acr: str, long: str) -> bool:
    """CAFCASS <- "Children and Family Court Advisory Services": the acronym's letters
    appear in order, starting with the first word and reaching the last."""
    words = long.lower().split()
    if len(words) < 2 or acr[0].lower() != words[0][0]:
        return False
    flat = "".join(words)
    last_start = len(flat) - len(words[-1])
    pos = -1
    for ch in acr.lower():
        pos = flat.find(ch, pos + 1)
        if pos < 0:
            return False
    return pos >= last_start


# ------------------------------------------------------------------ rule hits


def _councillor_hits(text: str) -> list[Hit]:
    out: list[Hit] = []
    for m in COUNCILLOR.finditer(text):
        words = m["name"].split()
        kept: list[str] = []
        for w in words:
            if w.lower().strip("'’s") in NON_NAME_WORDS or w.lower() in ORG_HEADS:
                break
            kept.append(w)
        if not kept or (
            len(kept) < len(words) and len(kept) == 1 and words[len(kept)][0].isupper()
        ):
            continue  # "Councillor Development Officer": a role, not a person
        end = m.start("name") + len(" ".join(kept))
        name = re.sub(r"['’]s$", "", text[m.start() : end])
        out.append(Hit(m.start(), m.start() + len(name), "PERSON", ROSTER, name, "Councillor"))
    return out


def _salutation_hits(text: str) -> list[Hit]:
    return [
        Hit(m.start("name"), m.end("name"), "PERSON", RULE, m["name"])
        for m in SALUTATION.finditer(text)
        if m["name"].split()[0].lower() not in NON_NAME_WORDS
    ]


def _org_rule_hits(text: str) -> list[Hit]:
    out: list[Hit] = []
    for m in COUNCIL.finditer(text):
        s, e = m.span()
        span = text[s:e]
        words = span.split()
        while words and words[0] in _ORG_LEAD_STOP:
            s += len(words[0]) + 1
            words = words[1:]
        prefix = [w.lower() for w in words[:-1] if w.lower() != "council"]
        if not any(w.lower().strip("'’s") not in _COUNCIL_GENERIC for w in prefix):
            continue  # "the County Council", "District Councils": generic
        out.append(Hit(s, e, "ORG", RULE, text[s:e]))
    for rx in (NHS, ORG_HEAD, ORG_OF):
        for m in rx.finditer(text):
            s, e = m.span()
            words = text[s:e].split()
            while words and (words[0] in _ORG_LEAD_STOP or words[0].lower() in {"of", "and", "&"}):
                s += len(words[0]) + 1
                words = words[1:]
            if len(words) < 2 or s >= e:
                continue
            if re.search(r"\d", text[s:e]):
                continue
            m2 = _lexicon_re()[1].match(text, s)
            if m2 and re.match(r"\s(?:of|and|&)\s", text[m2.end() :]):
                continue  # "Ofsted of Children's Services": the lexicon name stands alone
            out.append(Hit(s, e, "ORG", RULE, text[s:e]))
    _, org_re = _lexicon_re()
    for m in org_re.finditer(text):
        out.append(Hit(m.start(), m.end(), "ORG", RULE, m.group(0)))
    return out


def _role_hits(text: str) -> list[Hit]:
    return [Hit(s, e, "ROLE", ROLE, t) for s, e, t in find_roles(text)]


def _place_hits(text: str, learned: re.Pattern[str] | None) -> list[Hit]:
    place_re, _ = _lexicon_re()
    out = [Hit(m.start(), m.end(), "GPE", WEAK, m.group(0)) for m in place_re.finditer(text)]
    if learned is not None:
        out += [Hit(m.start(), m.end(), "GPE", WEAK, m.group(0)) for m in learned.finditer(text)]
    for m in re.finditer(r"\b(?:[A-Z]{4,}\s)?[A-Z]{4,}\b", text):
        if m.group(0).title() in PLACES:  # "HAMPSHIRE"
            out.append(Hit(m.start(), m.end(), "GPE", WEAK, m.group(0)))
    return out


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping spans: stronger first, then longer; a model span that strictly
    contains a weak place beats the place ("Hampshire Cultural Trust")."""
    for h in hits:
        if h.strength == MODEL and h.label in {"ORG", "FAC", "LAW"}:
            inner = [
                w
                for w in hits
                if w.strength == WEAK and h.start <= w.start and w.end <= h.end and w is not h
            ]
            if inner and (h.end - h.start) > max(w.end - w.start for w in inner):
                h.strength = RULE
    hits.sort(key=lambda h: (-h.strength, -(h.end - h.start), h.start))
    taken: list[Hit] = []
    for h in hits:
        if any(h.start < t.end and t.start < h.end for t in taken):
            continue
        taken.append(h)
    taken.sort(key=lambda h: h.start)
    return taken


# -------------------------------------------------------------- model filters


def _lower_vocab(blocks: list[Block]) -> set[str]:
    vocab: set[str] = set()
    for b in blocks:
        vocab.update(re.findall(r"(?<![\w'’])([a-z][a-z'’-]+)", b.text))
    return vocab


@dataclass(slots=True)
class _Context:
    """What the filters know about the pack."""

    vocab: set[str]  # words printed in lower case somewhere in the pack
    protected: set[str]  # roster name keys: always people
    model_orgs: Counter[str]  # how many paragraphs the model calls each text an ORG
    places: frozenset[str] = PLACES  # the lexicon's places and those learnt from this pack
    bodies: re.Pattern[str] | None = None  # the meeting bodies the pack's headers name


# a council's executive is its Cabinet, named as a body in every kind of paper
_STANDING_BODIES = ("Cabinet",)
_BODY_NOT = re.compile(r"\s+(?:Members?|Member's|Office|Portfolio|Lead)\b")


def pack_bodies(pack: Pack) -> re.Pattern[str] | None:
    """The bodies the pack's structure names: the meeting's body, the bodies its minutes
    record and its reports are addressed to (all organisations wherever they appear)."""
    names = [pack.meeting.body, *(m.body for m in pack.minutes)]
    names += [r.to_body or r.committee for r in pack.reports]
    kept = {
        n.strip()
        for n in names
        if n and len(n.split()) <= 6 and not re.search(r"\d", n) and n[:1].isupper()
    }
    return _alternation(kept | set(_STANDING_BODIES))


def _body_hits(text: str, bodies: re.Pattern[str] | None) -> list[Hit]:
    if bodies is None:
        return []
    return [
        Hit(m.start(), m.end(), "ORG", RULE, m.group(0))
        for m in bodies.finditer(text)
        if not _BODY_NOT.match(text, m.end())
    ]


def _person_ok(text: str, after: str, ctx: _Context) -> bool:
    words = text.split()
    if name_key(text) in ctx.protected:
        return True
    name, _ = strip_title(text)
    if not name or name.lower() in {"councillor", "cllr", "chairman"}:
        return False
    words = name.split()
    if len(words) > 4 or name.isupper() or any(w[0].islower() for w in words):
        return False
    if any(
        sum(c.isupper() for c in w[1:]) >= 1 and not re.match(r"(?:Mc|Mac|O'|D'|De|Di|La|Le)", w)
        for w in words
    ):
        return False  # "SWs", "DaIT": acronyms, not names
    if any(re.search(r"(?:tion|sion|ness|ment|ogy|apy|ship|ism)$", w.lower()) for w in words):
        return False  # "Occupational Therapy", "Trauma Awareness"
    if any(w.lower().strip("'’s") in NON_NAME_WORDS or w.lower() in ORG_HEADS for w in words):
        return False
    if any(w in ctx.places for w in words) or name in ctx.places or name in ORG_NAMES:
        return False
    last = words[-1].lower()
    if last in ctx.vocab or (last.endswith("s") and last[:-1] in ctx.vocab):
        return False  # "Hope", "Foster Carers", "Graffiti Walls": common words in capitals
    if len(words) == 1 and re.match(r"\s*[\d/]", after):
        return False  # "Reg 25", "Careers/aspirations": a label, not a name
    return bool(re.fullmatch(r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)*", name))


def _head_word(text: str) -> str:
    """The head noun of a name: the word before its first "of"/"for", else the last."""
    words = text.split()
    for i, w in enumerate(words):
        if w in {"of", "for"} and i:
            return words[i - 1].lower().strip("'’")
    return words[-1].lower().strip("'’") if words else ""


def _org_ok(text: str, block_words: int, at_start: bool, ctx: _Context) -> bool:
    words = text.split()
    if _acronym(text, ctx.vocab):
        if text in NOT_ORG_ACRONYMS or text.rstrip("s") in NOT_ORG_ACRONYMS:
            return False
        return len(text) > 2 or ctx.model_orgs[text] >= 2  # "NF" once: too little to go on
    if text.lower() in {"council", "county council", "the council"}:
        return True
    if any(
        w[0].islower() and w.lower() not in {"of", "and", "for", "the", "in", "on", "&"}
        for w in words
    ):
        return False
    if (text.isupper() and len(words) > 1) or re.search(r"\s[-–—•]\s", text):
        return False  # headings in capitals, "District Events - This"
    if len(words) == 1 and at_start and text not in ORG_NAMES:
        return False  # "• Brings food": a capital because it starts the line
    last = words[-1].lower().strip("'’")
    if last.rstrip("s") == "council" and all(
        w.lower().strip("'’s") in _COUNCIL_GENERIC for w in words[:-1]
    ):
        return False  # "Borough Councils", "the County Council": a kind of council, unnamed
    if (
        last in PEOPLE_PLURALS
        or last in THING_NOUNS
        or (last in NON_NAME_WORDS and len(words) == 1)
    ):
        return False
    if _head_word(text) in THING_NOUNS:
        return False  # "Education Plan for Adopted Children"
    ends_in_place = any(text.endswith(" " + p) for p in ctx.places if " " + p in text)
    if len(words) > 1 and ends_in_place and not any(w.lower() in ORG_HEADS for w in words):
        return False  # "Feedback New Forest": a heading run into a place
    if re.search(r"[,'‘’\"“”]\s|\s['‘\"“]|[()]", text) or any(w in NOT_ORG_ACRONYMS for w in words):
        return False  # "Your Life, Your Care", "Increasing 'Life Story", "Council & IFAs"
    if last in ORG_HEADS or last.rstrip("s") in ORG_HEADS:
        return len(words) >= 2
    if block_words < 4:
        return False  # a bullet of one or two words: the model guesses
    if all(w.lower() in ctx.vocab or w.lower() in {"of", "and", "for", "the", "&"} for w in words):
        return False  # "Social Care", "Participation Strategy"
    if len(words) == 1:
        return ctx.model_orgs[text] >= 2 or text in ORG_NAMES
    return True


def _model_ok(
    label: str, text: str, after: str, block_words: int, at_start: bool, ctx: _Context
) -> bool:
    words = text.split()
    if not words or len(words) > 8 or re.search(r"\d|@|/|\bhttp", text):
        return False
    if label == "PERSON":
        if block_words < 3 and len(words) == 1:
            return False  # a one-word bullet: the model guesses
        return _person_ok(text, after, ctx)
    if label == "ORG":
        return _org_ok(text, block_words, at_start, ctx)
    if label in {"GPE", "LOC"}:
        if text in ctx.places:
            return True
        if any(w.lower() in NON_NAME_WORDS for w in words):
            return False  # "the Castle": a building, not a place
        return not all(w.lower() in ctx.vocab for w in words)
    return True


def _relabel_model(label: str, text: str, places: frozenset[str] = PLACES) -> str | None:
    if text in places or text.title() in places:
        return "GPE"
    if label in KEEP_LABELS:
        return label
    return None


_CAP_INSIDE = re.compile(r"(?<![.!?:•]\s)(?<!^)(?<![\n•])\b[A-Z]")
_SENT_FIRST = re.compile(r"(?:^|[.!?:•]\s+)([A-Z][a-z]+)")


def _needs_model(text: str, vocab: set[str]) -> bool:
    """Can the model find a name here? Not without a capital past a sentence start,
    unless a sentence starts with an uncommon capitalised word ("Emma has ...")."""
    if _CAP_INSIDE.search(text):
        return True
    return any(m.group(1).lower() not in vocab for m in _SENT_FIRST.finditer(text))


# ------------------------------------------------------------------- driver


def extract_entities(pack: Pack, blocks: list[Block]) -> list[Entity]:
    roster = pack_roster(pack, blocks)
    vocab = _lower_vocab(blocks)

    # places learned from this pack: council names and postal towns
    learned: set[str] = set()
    for b in blocks:
        for m in _POSTCODE_TOWN.finditer(b.text):
            learned.add(m["town"])
        for m in COUNCIL.finditer(b.text):
            words = (m["org"] or "").split()
            for i, w in enumerate(words):
                if w in {"County", "Borough", "District", "City", "Council", "Town"}:
                    if i and words[i - 1] not in _ORG_LEAD_STOP:
                        learned.add(" ".join(x for x in words[:i] if x not in _ORG_LEAD_STOP))
                    break
    learned = {p for p in learned if p and p not in PLACES and is_place_word(p, vocab)}
    learned_re = _alternation(learned)

    # roster names and "Cllr Surname" forms are people wherever they appear
    roster_forms: set[str] = set()
    surnames: Counter[str] = Counter()
    for r in roster:
        roster_forms.add(r.name)
        surnames[r.name.split()[-1]] += 1
    for s in surnames:
        for t in ("Cllr", "Cllr.", "Councillor", "Mr", "Mrs", "Ms", "Dr", "Miss"):
            roster_forms.add(f"{t} {s}")
    roster_re = _alternation(roster_forms)

    # the model, once per distinct paragraph that can hold a name
    unique = [t for t in dict.fromkeys(b.text for b in blocks) if _needs_model(t, vocab)]
    model_ents = model_entities(unique)
    model_orgs: Counter[str] = Counter()
    for text, ents in model_ents.items():
        model_orgs.update(_clean(text[s:e]) for s, e, lab in ents if lab == "ORG")
    ctx = _Context(
        vocab,
        {name_key(r.name) for r in roster},
        model_orgs,
        frozenset(PLACES | learned),
        pack_bodies(pack),
    )

    rule_cache: dict[str, list[Hit]] = {}
    clusters: dict[tuple[str, str], _Cluster] = {}
    raw: list[tuple[Hit, int, str | None]] = []
    for b in blocks:
        hits = rule_cache.get(b.text)
        if hits is None:
            hits = _block_hits(b.text, model_ents.get(b.text, []), roster_re, learned_re, ctx)
            rule_cache[b.text] = hits
        for h in hits:
            page, item = b.where(h.start)
            raw.append((h, page, item))

    _people(raw, roster, clusters)
    _others(raw, clusters)
    _merge_acronyms(blocks, clusters, vocab)
    _merge_generic_council(clusters)
    _merge_place_prefixed(clusters)
    _drop_fragments(clusters)
    _scan_mentions(blocks, clusters, vocab, rule_cache)
    return _entities(clusters)


def _drop_fragments(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """A one-word organisation that only ever opens a longer one's name ("Mayoral" of
    "Mayoral Strategic Authority") is a fragment the model cut off, not a body."""
    firsts = {
        key.split()[0]
        for (label, key), _c in clusters.items()
        if label == "ORG" and len(key.split()) > 1
    }
    for label, key in list(clusters):
        if label != "ORG" or " " in key or key not in firsts:
            continue
        forms = clusters[(label, key)].forms
        if not any(_acronym(f) for f in forms):
            del clusters[(label, key)]


CHUNK = 2000  # characters: short paragraphs go to the model together, not one doc each
_SEP = "\n\n"


def model_entities(texts: list[str]) -> dict[str, list[tuple[int, int, str]]]:
    """spaCy NER over paragraphs, packed into chunks of about CHUNK characters.

    A doc per heading or table row would cost more in per-doc overhead than in
    the model; an entity that would cross a paragraph boundary is dropped.
    """
    chunks: list[tuple[str, list[int]]] = []
    parts: list[str] = []
    starts: list[int] = []
    size = 0
    for t in texts:
        if parts and size + len(t) > CHUNK:
            chunks.append((_SEP.join(parts), starts))
            parts, starts, size = [], [], 0
        starts.append(size)
        parts.append(t)
        size += len(t) + len(_SEP)
    if parts:
        chunks.append((_SEP.join(parts), starts))
    out: dict[str, list[tuple[int, int, str]]] = {t: [] for t in texts}
    order = iter(texts)
    docs = nlp_mod.ner_docs([c for c, _ in chunks])
    for (_chunk, chunk_starts), doc in zip(chunks, docs, strict=True):
        owners = [next(order) for _ in chunk_starts]
        for e in doc.ents:
            i = bisect.bisect_right(chunk_starts, e.start_char) - 1
            base = chunk_starts[i]
            if e.end_char - base <= len(owners[i]):
                out[owners[i]].append((e.start_char - base, e.end_char - base, e.label_))
    return out


def is_place_word(text: str, vocab: set[str]) -> bool:
    return not all(w.lower() in vocab for w in text.split()) and not any(
        w.lower() in NON_NAME_WORDS for w in text.split()
    )


def _block_hits(
    text: str,
    model: list[tuple[int, int, str]],
    roster_re: re.Pattern[str] | None,
    learned_re: re.Pattern[str] | None,
    ctx: _Context,
) -> list[Hit]:
    hits: list[Hit] = []
    if roster_re is not None:
        for m in roster_re.finditer(text):
            _, title_role = strip_title(m.group(0))
            hits.append(Hit(m.start(), m.end(), "PERSON", ROSTER, m.group(0), title_role))
    hits += _councillor_hits(text)
    hits += _salutation_hits(text)
    hits += _org_rule_hits(text)
    hits += _body_hits(text, ctx.bodies)
    hits += _role_hits(text)
    hits += _place_hits(text, learned_re)
    block_words = len(re.findall(r"[A-Za-z]{2,}", text))
    for s, e, label in model:
        surface = text[s:e]
        cleaned = _clean(surface)
        if not cleaned:
            continue
        lab = _relabel_model(label, cleaned, ctx.places)
        off = surface.find(cleaned)
        s2 = s + max(off, 0)
        after = text[s2 + len(cleaned) : s2 + len(cleaned) + 4]
        at_start = not re.search(r"[A-Za-z]", text[:s2])
        if lab is None or not _model_ok(lab, cleaned, after, block_words, at_start, ctx):
            continue
        hits.append(Hit(s2, s2 + len(cleaned), lab, MODEL, cleaned))
    taken = _resolve(hits)
    # an organisation named inside a role ("Leader of Tonbridge & Malling Borough Council")
    # is an organisation too: the role keeps its span, the body is added beside it
    roles = [h for h in taken if h.label == "ROLE"]
    inner = [
        h for h in _org_rule_hits(text) if any(r.start <= h.start and h.end <= r.end for r in roles)
    ]
    return sorted(taken + _resolve(inner), key=lambda h: h.start) if inner else taken


def _people(
    raw: list[tuple[Hit, int, str | None]],
    roster: list[RosterPerson],
    clusters: dict[tuple[str, str], _Cluster],
) -> None:
    """Cluster person mentions around the roster; partial names join a unique full name."""
    rank = {
        "header": 0,
        "contact": 0,
        "report_from": 0,
        "signature": 1,
        "attendance": 2,
        "chairman": 2,
    }
    full: dict[str, _Cluster] = {}

    def find_full(key: str) -> _Cluster | None:
        if key in full:
            return full[key]
        first, *_, last = key.split()
        compatible = [
            c
            for k, c in full.items()
            if k.split()[-1] == last
            and (k.split()[0].startswith(first) or first.startswith(k.split()[0]))
        ]
        return compatible[0] if len(compatible) == 1 else None

    def add_full(name: str) -> _Cluster:
        key = name_key(name)
        c = find_full(key)
        if c is None:
            c = _Cluster("PERSON")
            full[key] = c
            clusters[("PERSON", key)] = c
        return c

    for r in roster:
        if len(r.name.split()) < 2:
            continue
        rc = add_full(r.name)
        rc.roster_name = rc.roster_name or r.name
        if r.role and rank.get(r.source, 3) < rc.role_rank:
            rc.role, rc.role_rank = r.role, rank.get(r.source, 3)
        if r.councillor and rc.role is None:
            rc.role, rc.role_rank = "Councillor", 4
    people = [(h, p, i) for h, p, i in raw if h.label == "PERSON"]
    for h, _p, _i in people:
        name, _ = strip_title(h.text)
        if len(name.split()) >= 2:
            add_full(name)
    singles: dict[str, _Cluster] = {}
    for h, page, item in people:
        name, title_role = strip_title(h.text)
        key = name_key(name)
        if not key:
            continue
        c: _Cluster | None
        if len(key.split()) >= 2:
            c = find_full(key)
        else:
            by_last = {id(v): v for k, v in full.items() if k.split()[-1] == key}
            by_first = {id(v): v for k, v in full.items() if k.split()[0] == key}
            if len(by_last) == 1:
                c = next(iter(by_last.values()))
            elif not by_last and len(by_first) == 1 and title_role is None:
                c = next(iter(by_first.values()))
            else:
                c = singles.get(key)
                if c is None:
                    c = singles[key] = clusters[("PERSON", key)] = _Cluster("PERSON")
        if c is None:
            continue
        c.forms[" ".join(h.text.split())] += 1
        c.mentions.add((page, item))
        role = h.role or title_role
        if role == "Councillor" and c.role_rank > 4:
            c.role, c.role_rank = "Councillor", 4


def _others(
    raw: list[tuple[Hit, int, str | None]], clusters: dict[tuple[str, str], _Cluster]
) -> None:
    for h, page, item in raw:
        if h.label == "PERSON":
            continue
        text = _clean(h.text)
        if h.label in {"GPE", "LOC"} and text.isupper():
            text = text.title()
        key = (h.label, norm_key(text))
        if not key[1]:
            continue
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = _Cluster(h.label)
        c.forms[text] += 1
        c.mentions.add((page, item))


def _merge_into(
    clusters: dict[tuple[str, str], _Cluster], src: tuple[str, str], dst: tuple[str, str]
) -> None:
    if src == dst or src not in clusters or dst not in clusters:
        return
    a, b = clusters.pop(src), clusters[dst]
    b.forms.update(a.forms)
    b.mentions |= a.mentions


def _merge_acronyms(
    blocks: list[Block], clusters: dict[tuple[str, str], _Cluster], vocab: set[str]
) -> None:
    """ "Clinical Commissioning Group (CCG)" and "CCG" are one organisation."""
    defs: dict[str, str] = {}
    for b in blocks:
        if "(" not in b.text:
            continue
        for m in ACRONYM_DEF.finditer(b.text):
            acr, long = m["acr"], m["long"]
            words = long.split()
            tails = [" ".join(words[i:]) for i in range(len(words) - 1, -1, -1)]
            tails = [t for t in tails if t[0].isupper()]
            # the shortest tail whose initials spell the acronym, else one that holds its letters
            found = next((t for t in tails if _acronym_matches(acr, t)), None)
            if found is None:
                found = next((t for t in tails if _letters_fit(acr, t)), None)
            if found is not None:
                defs.setdefault(acr, _clean(found))
    for acr, long in defs.items():
        lkey, akey = ("ORG", norm_key(long)), ("ORG", norm_key(acr))
        is_org = lkey in clusters or akey in clusters or long.split()[-1].lower() in ORG_HEADS
        last = long.split()[-1].lower().strip("'’")
        thing = _head_word(long) in THING_NOUNS or last in THING_NOUNS or last in PEOPLE_PLURALS
        if not is_org or thing or acr in NOT_ORG_ACRONYMS:
            continue
        if lkey not in clusters:
            clusters[lkey] = _Cluster("ORG")
            clusters[lkey].forms[long] += 0
        clusters[lkey].long_form = long
        clusters[lkey].forms[acr] += 0
        _merge_into(clusters, akey, lkey)
    # undefined acronyms: the one multi-word organisation whose initials spell it ("HCC")
    orgs = {k: c for k, c in clusters.items() if k[0] == "ORG"}
    acronyms = [k for k, c in orgs.items() if all(_acronym(f, vocab) for f in c.forms)]
    for akey in acronyms:
        acr = next(iter(clusters[akey].forms)) if akey in clusters else ""
        letters = "".join(ch for ch in acr if ch.isupper())
        matches = [
            k
            for k, c in orgs.items()
            if k != akey
            and k in clusters
            and any(len(f.split()) >= 2 and _initials(f) == letters for f in c.forms)
        ]
        if len(matches) == 1:
            _merge_into(clusters, akey, matches[0])


def _merge_place_prefixed(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """ "Youth Parliament" is "UK Youth Parliament" when the pack names only that one;
    "Children's Services" is "Hampshire Children's Services" likewise."""
    places = {k[1] for k in clusters if k[0] in {"GPE", "LOC"}} | {norm_key(p) for p in PLACES}
    places |= {"uk", "hm", "national", "english", "british"}
    orgs = [k for k in clusters if k[0] == "ORG"]
    for short in orgs:
        if short not in clusters or len(short[1].split()) < 2:
            continue
        longer = [
            k
            for k in orgs
            if k != short
            and k in clusters
            and k[1].endswith(" " + short[1])
            and k[1][: -len(short[1]) - 1] in places
        ]
        if len(longer) == 1:
            _merge_into(clusters, short, longer[0])


def _merge_generic_council(clusters: dict[tuple[str, str], _Cluster]) -> None:
    generic = [("ORG", k) for k in ("council", "county council", "the council")]
    specific = [
        k
        for k in clusters
        if k[0] == "ORG"
        and k[1].endswith("council")
        and k not in generic
        and len(k[1].split()) >= 2
    ]
    for g in generic:
        if g not in clusters:
            continue
        if len(specific) == 1:
            dst = clusters[specific[0]]
            dst.long_form = dst.long_form or _canonical(dst)
            _merge_into(clusters, g, specific[0])
        else:
            clusters.pop(g)


def _scan_mentions(
    blocks: list[Block],
    clusters: dict[tuple[str, str], _Cluster],
    vocab: set[str],
    hits: dict[str, list[Hit]],
) -> None:
    """Every printed occurrence of a known name or acronym is a mention."""
    owner: dict[str, _Cluster] = {}
    for (label, _), c in clusters.items():
        if label not in {"PERSON", "ORG"}:
            continue
        for f in c.forms:
            single = len(f.split()) == 1
            if single and not _acronym(f) and (f.lower() in vocab or label == "PERSON"):
                continue
            owner.setdefault(f, c)
    rx = _alternation(owner)
    if rx is None:
        return
    for b in blocks:
        spans = [(h.start, h.end) for h in hits.get(b.text, [])]
        for m in rx.finditer(b.text):
            s, e = m.span()
            if any(hs <= s and e <= he and (hs, he) != (s, e) for hs, he in spans):
                continue  # inside a longer name: "Children's Services" in a job title
            found = owner.get(" ".join(m.group(0).split()))
            if found is not None:
                found.mentions.add(b.where(s))


def _canonical(c: _Cluster) -> str:
    if c.roster_name:
        return c.roster_name
    if c.long_form:
        return c.long_form
    forms = list(c.forms)
    if c.label == "PERSON":
        forms = [strip_title(f)[0] for f in forms] or forms
        counts: Counter[str] = Counter()
        for f, n in c.forms.items():
            counts[strip_title(f)[0]] += n
        return max(forms, key=lambda f: (len(f.split()) >= 2, counts[f], len(f)))

    def score(f: str) -> tuple[bool, bool, int, int]:
        return (not _acronym(f), not f.isupper(), c.forms[f], len(f))

    return max(forms, key=score)


def _entities(clusters: dict[tuple[str, str], _Cluster]) -> list[Entity]:
    out: list[Entity] = []
    people_roles: dict[str, list[str]] = defaultdict(list)
    built: list[tuple[_Cluster, Entity]] = []
    for c in clusters.values():
        if not c.mentions and not c.roster_name:
            continue
        text = _canonical(c)
        if (
            c.label == "PERSON"
            and not c.roster_name
            and len(text.split()) >= 2
            and not is_name(text)
        ) and not re.fullmatch(r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){1,3}", text):
            continue
        aliases = sorted({f for f in c.forms if f != text}, key=str.lower)
        ent = Entity(
            text=text,
            label=c.label,
            role=c.role if c.label == "PERSON" else None,
            aliases=aliases,
            mentions=[
                Mention(page=p, agenda_item=i) for p, i in sorted(c.mentions, key=lambda x: x[0])
            ],
        )
        if c.label == "PERSON" and c.role:
            people_roles[norm_key(c.role)].append(text)
        built.append((c, ent))
    for _c, ent in built:
        if ent.label == "ROLE":
            key = norm_key(ent.text)
            holders = people_roles.get(key) or []
            if not holders:
                holders = sorted(
                    {
                        p
                        for k, ps in people_roles.items()
                        if k.startswith(key + " ") or k.endswith(" " + key)
                        for p in ps
                    }
                )
            if len(set(holders)) == 1:
                ent.holder = holders[0]
        out.append(ent)
    out.sort(key=lambda e: (_LABEL_ORDER.get(e.label, 9), -len(e.mentions), e.text))
    return out
