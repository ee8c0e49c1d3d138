"""Field-level precision and recall of a Pack against hand-checked gold (pure: no PDFs).

Everything is first brought to one *record* shape (see ``record_from_gold``,
``record_from_truth``, ``record_from_pack``)::

    {"checked": {...}, "meeting": {...}, "documents": [...], "agenda": [...],
     "minutes": [{date, body, chairman, dated_by, attendance, items, resolutions}],
     "reports": [{title, date, report_from, to_body, dated_by, contact, recommendations}]}

then ``score(gold, pred)`` returns one :class:`Tally` per field.

Counting. Precision is over predictions that are non-null: a predicted value where the gold
is null is a false positive (an invented date is an error). Recall is over gold values that
are non-null. A gold value that is absent (``MISSING``: a generated truth file that does not
carry the field) or a gold list that is ``None`` is not scored. Lists: a prediction is correct
when it matches any gold entry; a gold entry is found when a one-to-one matching pairs it with a
prediction (so a clause printed twice is not an error, and one prediction lumping three clauses
finds only one). Minutes and reports are paired gold-to-prediction by date and body/title, then
in order; list fields (attendance, items, resolutions, recommendations) are pooled per file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


class _Missing:
    """A gold value the gold file does not carry: the field is not scored."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

FIELDS = [
    "meeting.council",
    "meeting.body",
    "meeting.date",
    "meeting.time",
    "meeting.place",
    "meeting.dated_by",
    "documents.kind",
    "agenda.items",
    "minutes.date",
    "minutes.body",
    "minutes.chairman",
    "minutes.dated_by",
    "attendance.present",
    "attendance.absent",
    "attendance.substitutes",
    "minutes.items",
    "minutes.resolutions",
    "report.title",
    "report.date",
    "report.report_from",
    "report.to_body",
    "report.dated_by",
    "contact.name",
    "contact.tel",
    "contact.email",
    "report.recommendations",
]


@dataclass(slots=True)
class Tally:
    """Counts for one field: predictions judged, gold values judged."""

    tp_pred: int = 0  # non-null predictions that are right
    n_pred: int = 0  # non-null predictions
    tp_gold: int = 0  # non-null gold values found
    n_gold: int = 0  # non-null gold values

    @property
    def precision(self) -> float | None:
        return self.tp_pred / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.tp_gold / self.n_gold if self.n_gold else None

    def add(self, other: Tally) -> None:
        self.tp_pred += other.tp_pred
        self.n_pred += other.n_pred
        self.tp_gold += other.tp_gold
        self.n_gold += other.n_gold

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "tp_pred": self.tp_pred,
            "n_pred": self.n_pred,
            "tp_gold": self.tp_gold,
            "n_gold": self.n_gold,
        }


# ----------------------------------------------------------------------- normalising


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = {"the", "of", "and", "at", "in", "on", "for", "to", "a", "an", "by", "with"}
_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday"
)
_TITLES = _words(
    "mr mrs ms miss mx dr sir dame lady lord cllr cllrs councillor councillors county city "
    "district borough parish town mayor vice deputy commissioner insp inspector sgt sergeant "
    "pc rev reverend canon prof professor hon rt right revd father "
    "cyng cynghorydd cynghorwyr"  # Welsh: Cllr, Councillor, Councillors
)
_HONOURS = _words("cbe mbe obe kbe dbe cb jp dl mp mep qc kc frs bem")
_LABEL = re.compile(
    r"""^\s*(?:
        \(?(?:[0-9]{1,2}|[a-zA-Z]|[ivxlIVXL]{1,5})[.)]\)?(?=\s)   # 1. (a) a) iv. A.
      | \((?:[0-9]{1,2}|[a-zA-Z]|[ivxlIVXL]{1,5})\)               # (1) (a) (iv) with no space
      | [•·\-–—*]                                                 # bullets
      | (?:be\s+it\s+)?resolved\b\s*(?:that\b)?[:\-–—]?           # RESOLVED that / BE IT RESOLVED
      | it\s+was\s+(?:unanimously\s+)?(?:resolved|agreed)\s*(?:that|to)?\b
      | recommendations?\s*[:\-–—]
      | that\b
    )\s*""",
    re.IGNORECASE | re.VERBOSE,
)


def norm_text(text: str) -> str:
    """Case-folded, accents and punctuation dropped, quotes/dashes unified, spaces collapsed."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("&", " and ").replace("’", "'").replace("‘", "'")
    t = re.sub(r"(\w)'(\w)", r"\1\2", t)  # O'Sullivan, Council's
    t = re.sub(r"[^\w]+", " ", t.lower()).replace("_", " ")
    t = re.sub(r"\b(\d+)\s+(st|nd|rd|th)\b", r"\1\2", t)  # 15 th -> 15th (superscripts)
    return " ".join(t.split())


def _tokens(text: str, drop_dates: bool = False) -> list[str]:
    toks = [w for w in norm_text(text).split() if w not in _STOP]
    if drop_dates:
        toks = [w for w in toks if w not in _MONTHS and not re.fullmatch(r"\d+(st|nd|rd|th)?", w)]
    return toks


def text_match(gold: str, pred: str, drop_dates: bool = False) -> bool:
    """Same text, or one's words contained in the other's covering half of them, or F1 >= 0.6."""
    g, p = _tokens(gold, drop_dates), _tokens(pred, drop_dates)
    if not g or not p:
        return norm_text(gold) == norm_text(pred)
    if g == p:
        return True
    gs, ps = set(g), set(p)
    short, long_ = (gs, ps) if len(gs) <= len(ps) else (ps, gs)
    if short <= long_ and len(short) >= 0.5 * len(long_):
        return True
    common = len(gs & ps)
    return common > 0 and 2 * common / (len(gs) + len(ps)) >= 0.6


def body_match(gold: str, pred: str) -> bool:
    """Council/body names: text_match ignoring dates printed beside them ("Cabinet - 30 January")."""
    return text_match(gold, pred, drop_dates=True)


def author_match(gold: str, pred: str) -> bool:
    """report_from: one side's words all in the other (several authors, or role without name)."""
    g, p = set(_tokens(gold, True)), set(_tokens(pred, True))
    if not g or not p:
        return False
    short = g if len(g) <= len(p) else p
    return (g <= p or p <= g) and (len(short) >= 2 or g == p)


def place_match(gold: str, pred: str) -> bool:
    """Places: text_match, or one naming part of the other (the room without the address)."""
    g, p = set(_tokens(gold)), set(_tokens(pred))
    short = g if len(g) <= len(p) else p
    return text_match(gold, pred) or (len(short) >= 2 and (g <= p or p <= g))


def title_match(gold: str, pred: str) -> bool:
    """Item/report titles: text_match, or one normalised title starting the other."""
    ng, np_ = norm_text(gold), norm_text(pred)
    if ng and np_ and (ng.startswith(np_) or np_.startswith(ng)):
        return True
    return text_match(gold, pred)


def name_key(name: str) -> tuple[str, tuple[str, ...]]:
    """(surname, given-name initials) with titles, honours and trailing roles dropped."""
    n = re.split(r"\s[–—-]\s|,|\(", name, maxsplit=1)[0]
    n = unicodedata.normalize("NFKD", n)
    n = "".join(c for c in n if not unicodedata.combining(c)).replace("-", "")
    words = [w for w in re.sub(r"[^\w\s]", " ", n.lower()).split() if w]
    while words and words[0] in _TITLES:
        words.pop(0)
    words = [w for w in words if w not in _HONOURS]
    if not words:
        return "", ()
    return words[-1], tuple(w[0] for w in words[:-1])


def names_match(gold: str, pred: str) -> bool:
    """Same surname, and given names/initials that do not conflict (one may lack them)."""
    gs, gi = name_key(gold)
    ps, pi = name_key(pred)
    if not gs or gs != ps:
        return False
    k = min(len(gi), len(pi))
    return gi[:k] == pi[:k]


def strip_label(text: str) -> str:
    """Drop clause numerals, bullets and RESOLVED/That labels from the start of a clause."""
    prev = None
    while prev != text:
        prev, text = text, _LABEL.sub("", text, count=1)
    return text


def _prefix_key(gold: str, chars: int = 60) -> str:
    key = norm_text(strip_label(gold))
    if len(key) > chars:
        key = key[:chars].rsplit(" ", 1)[0]
    return key


def clause_match(gold: str, pred: str) -> bool:
    """The gold clause's first ~60 normalised characters occur in the predicted clause."""
    key = _prefix_key(gold)
    return bool(key) and key in norm_text(strip_label(pred))


def tel_match(gold: str, pred: str) -> bool:
    """Telephone numbers on digits; 44... and 0... forms agree; a local number ends the other."""
    g, p = (re.sub(r"\D", "", x) for x in (gold, pred))
    g, p = (re.sub(r"^(44|0)+", "", x) for x in (g, p))
    if not g or not p:
        return False
    short, long_ = sorted((g, p), key=len)
    return g == p or (len(short) >= 6 and long_.endswith(short))


def email_match(gold: str, pred: str) -> bool:
    return gold.strip().lower() == pred.strip().lower()


def exact(gold: Any, pred: Any) -> bool:
    return bool(gold == pred)


def doc_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Same kind and page ranges overlapping by at least half of their union."""
    (g0, g1), (p0, p1) = gold["pages"], pred["pages"]
    inter = min(g1, p1) - max(g0, p0) + 1
    union = max(g1, p1) - min(g0, p0) + 1
    return bool(gold["kind"] == pred["kind"] and inter > 0 and inter >= 0.5 * union)


def numbered_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Agenda/minute items: same number (when gold has one) and a matching title."""
    gn = gold.get("number")
    if gn is not None and _norm_number(gn) != _norm_number(pred.get("number") or ""):
        return False
    return title_match(gold.get("title") or "", pred.get("title") or "")


def _norm_number(number: str) -> str:
    return re.sub(r"[\s.():]+$", "", re.sub(r"^[\s(]+", "", str(number))).lower().replace(" ", "")


def substitute_match(gold: tuple[str, str], pred: tuple[str, str]) -> bool:
    return names_match(gold[0], pred[0]) and names_match(gold[1], pred[1])


# ------------------------------------------------------------------------ matching


def one_to_one(golds: list[Any], preds: list[Any], match: Callable[[Any, Any], bool]) -> int:
    """Size of a maximum one-to-one matching (augmenting paths; the lists are small)."""
    edges = [[j for j, p in enumerate(preds) if match(g, p)] for g in golds]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(golds)))


def score_scalar(t: Tally, gold: Any, pred: Any, match: Callable[[Any, Any], bool]) -> None:
    if gold is MISSING:
        return
    if pred in ("", []):
        pred = None
    hit = gold is not None and pred is not None and match(gold, pred)
    if pred is not None:
        t.n_pred += 1
        t.tp_pred += hit
    if gold is not None:
        t.n_gold += 1
        t.tp_gold += hit


def score_list(
    t: Tally, golds: list[Any], preds: list[Any], match: Callable[[Any, Any], bool]
) -> None:
    t.n_pred += len(preds)
    t.tp_pred += sum(any(match(g, p) for g in golds) for p in preds)
    t.n_gold += len(golds)
    t.tp_gold += one_to_one(golds, preds, match)


def pair_records(
    golds: list[dict[str, Any]],
    preds: list[dict[str, Any]],
    affinity: Callable[[dict[str, Any], dict[str, Any]], int],
) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Pair gold and predicted records: best affinity first, then the rest in order."""
    cands = sorted(
        ((affinity(g, p), i, j) for i, g in enumerate(golds) for j, p in enumerate(preds)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    gi: dict[int, int] = {}
    pj: set[int] = set()
    for a, i, j in cands:
        if a > 0 and i not in gi and j not in pj:
            gi[i] = j
            pj.add(j)
    rest_g = [i for i in range(len(golds)) if i not in gi]
    rest_p = [j for j in range(len(preds)) if j not in pj]
    for i, j in zip(rest_g, rest_p, strict=False):
        gi[i] = j
        pj.add(j)
    pairs: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = [
        (golds[i], preds[gi[i]] if i in gi else None) for i in range(len(golds))
    ]
    pairs += [(None, preds[j]) for j in range(len(preds)) if j not in pj]
    return pairs


def _minutes_affinity(g: dict[str, Any], p: dict[str, Any]) -> int:
    date = 2 if g.get("date") and g.get("date") == p.get("date") else 0
    body = 1 if g.get("body") and p.get("body") and body_match(g["body"], p["body"]) else 0
    return date + body


def _report_affinity(g: dict[str, Any], p: dict[str, Any]) -> int:
    title = 2 if g.get("title") and p.get("title") and title_match(g["title"], p["title"]) else 0
    date = 1 if g.get("date") and g.get("date") == p.get("date") else 0
    return title + date


# ------------------------------------------------------------------------- scoring


def _nulls(record: dict[str, Any] | None, keys: Iterable[str]) -> dict[str, Any]:
    return record if record is not None else dict.fromkeys(keys)


def _pooled(
    pairs: list[tuple[dict[str, Any] | None, dict[str, Any] | None]],
    key: str,
    expand: Callable[[dict[str, Any]], list[Any]],
) -> tuple[list[Any], list[Any]]:
    """Gold and predicted entries of one list field over all paired records of a file.

    A gold record whose list is None is not scored, nor is the prediction paired with it."""
    golds: list[Any] = []
    preds: list[Any] = []
    for g, p in pairs:
        if g is not None and (g.get(key) is None or g.get(key) is MISSING):
            continue
        if g is not None:
            golds += expand(g)
        if p is not None and p.get(key) is not None:
            preds += expand(p)
    return golds, preds


def _attendance(present: bool) -> Callable[[dict[str, Any]], list[str]]:
    return lambda r: [a["name"] for a in r["attendance"] if bool(a.get("present")) == present]


def _substitutes(r: dict[str, Any]) -> list[tuple[str, str]]:
    return [(a["name"], a["substitute_for"]) for a in r["attendance"] if a.get("substitute_for")]


MINUTE_SCALARS = [
    ("minutes.date", "date", exact),
    ("minutes.body", "body", body_match),
    ("minutes.chairman", "chairman", names_match),
    ("minutes.dated_by", "dated_by", exact),
]
MINUTE_LISTS: list[tuple[str, str, Callable[[dict[str, Any]], list[Any]], Callable[..., bool]]] = [
    ("attendance.present", "attendance", _attendance(True), names_match),
    ("attendance.absent", "attendance", _attendance(False), names_match),
    ("attendance.substitutes", "attendance", _substitutes, substitute_match),
    ("minutes.items", "items", lambda r: list(r["items"]), numbered_match),
    ("minutes.resolutions", "resolutions", lambda r: list(r["resolutions"]), clause_match),
]
REPORT_SCALARS = [
    ("report.title", "title", title_match),
    ("report.date", "date", exact),
    ("report.report_from", "report_from", author_match),
    ("report.to_body", "to_body", body_match),
    ("report.dated_by", "dated_by", exact),
]
CONTACT = [("contact.name", "name", names_match), ("contact.tel", "tel", tel_match)]
CONTACT += [("contact.email", "email", email_match)]
MEETING = [
    ("meeting.council", "council", body_match),
    ("meeting.body", "body", body_match),
    ("meeting.date", "date", exact),
    ("meeting.time", "time", exact),
    ("meeting.place", "place", place_match),
    ("meeting.dated_by", "dated_by", exact),
]


def _score_minutes(out: dict[str, Tally], gold: dict[str, Any], pred: dict[str, Any]) -> None:
    pairs = pair_records(gold["minutes"], pred["minutes"], _minutes_affinity)
    for g, p in pairs:
        gr, pr = _nulls(g, ["date", "body", "chairman", "dated_by"]), _nulls(p, ["date"])
        for fname, key, match in MINUTE_SCALARS:
            score_scalar(out[fname], gr.get(key, MISSING), pr.get(key), match)
    for fname, key, expand, match in MINUTE_LISTS:
        golds, preds = _pooled(pairs, key, expand)
        score_list(out[fname], golds, preds, match)


def _score_reports(out: dict[str, Tally], gold: dict[str, Any], pred: dict[str, Any]) -> None:
    pairs = pair_records(gold["reports"], pred["reports"], _report_affinity)
    for g, p in pairs:
        gr = _nulls(g, [k for _, k, _ in REPORT_SCALARS])
        pr = _nulls(p, [])
        for fname, key, match in REPORT_SCALARS:
            score_scalar(out[fname], gr.get(key, MISSING), pr.get(key), match)
        gc = gr.get("contact") or dict.fromkeys(["name", "tel", "email"])
        pc = pr.get("contact") or {}
        for fname, key, match in CONTACT:
            score_scalar(out[fname], gc.get(key, MISSING), pc.get(key), match)
    golds, preds = _pooled(pairs, "recommendations", lambda r: list(r["recommendations"]))
    score_list(out["report.recommendations"], golds, preds, clause_match)


def score(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Tally]:
    """One Tally per field in FIELDS for one file (records as built by record_from_*)."""
    out = {f: Tally() for f in FIELDS}
    checked = gold["checked"]
    if "meeting" in checked:
        for fname, key, match in MEETING:
            score_scalar(
                out[fname], gold["meeting"].get(key, MISSING), pred["meeting"].get(key), match
            )
    if gold.get("documents") is not None:
        score_list(out["documents.kind"], gold["documents"], pred["documents"], doc_match)
    if "agenda" in checked and gold.get("agenda") is not None:
        score_list(out["agenda.items"], gold["agenda"], pred["agenda"], numbered_match)
    if "minutes" in checked:
        _score_minutes(out, gold, pred)
    if "reports" in checked:
        _score_reports(out, gold, pred)
    return out


def total(tallies: Iterable[dict[str, Tally]]) -> dict[str, Tally]:
    """Field-wise sum of several files' tallies."""
    out = {f: Tally() for f in FIELDS}
    for t in tallies:
        for f, v in t.items():
            out[f].add(v)
    return out


def overall(tallies: dict[str, Tally]) -> Tally:
    """Micro-average over all fields."""
    t = Tally()
    for v in tallies.values():
        t.add(v)
    return t


# ------------------------------------------------------------------ record builders

SECTIONS = {"meeting", "agenda", "minutes", "reports"}


def _attendee(a: dict[str, Any]) -> dict[str, Any]:
    sub = a.get("substitute_for", a.get("substitute"))
    return {"name": a["name"], "present": bool(a.get("present")), "substitute_for": sub}


def _derived_dated_by(date: Any, source: str) -> Any:
    return source if date else None


def record_from_gold(gold: dict[str, Any]) -> dict[str, Any]:
    """A corpora/extract_gold file as a record (its lists may be None: not scored)."""
    minutes = []
    for m in gold["minutes"]:
        minutes.append(
            {
                **m,
                "dated_by": _derived_dated_by(m["date"], "minutes_header"),
                "attendance": None
                if m["attendance"] is None
                else [_attendee(a) for a in m["attendance"]],
            }
        )
    reports = [
        {**r, "dated_by": _derived_dated_by(r["date"], "report_header")} for r in gold["reports"]
    ]
    return {
        "checked": set(gold["checked"]),
        "meeting": dict(gold["meeting"]),
        "documents": gold["documents"],
        "agenda": gold["agenda"],
        "minutes": minutes,
        "reports": reports,
    }


def _truth_minutes(m: dict[str, Any]) -> dict[str, Any]:
    items = m.get("items", [])
    return {
        "date": m.get("date"),
        "body": m.get("body", MISSING),
        "chairman": m.get("chairman", MISSING),
        "dated_by": _derived_dated_by(m.get("date"), "minutes_header"),
        "attendance": [_attendee(a) for a in m.get("attendance", [])],
        "items": [{"number": i.get("number"), "title": i.get("title")} for i in items],
        "resolutions": [r for i in items for r in i.get("resolutions", [])],
    }


def _truth_report(r: dict[str, Any]) -> dict[str, Any]:
    contact = r.get("contact") or {}
    return {
        "title": r.get("title"),
        "date": r.get("date"),
        "report_from": r.get("report_from", MISSING),
        "to_body": r.get("to_body", r.get("committee", MISSING)),
        "dated_by": _derived_dated_by(r.get("date"), "report_header"),
        "contact": {k: contact.get(k, MISSING) for k in ("name", "tel", "email")},
        "recommendations": list(r.get("recommendations", [])),
    }


def record_from_truth(truth: dict[str, Any]) -> dict[str, Any]:
    """A generated sample's .truth.json (corpora/make_sample.py format) as a record."""
    mt = truth.get("meeting", {})
    meeting = {
        "council": mt.get("council", MISSING),
        "body": mt.get("body", mt.get("committee", MISSING)),
        "date": mt.get("date", MISSING),
        "time": mt.get("time", MISSING),
        "place": mt.get("place", MISSING),
        "dated_by": mt.get("dated_by", MISSING),
    }
    minutes = truth.get("minutes") or []
    if isinstance(minutes, dict):
        minutes = [minutes]
    return {
        "checked": set(SECTIONS),
        "meeting": meeting,
        "documents": [
            {"kind": s["kind"], "pages": [s["start_page"], s["end_page"]]}
            for s in truth.get("sections", [])
        ],
        "agenda": [{"number": a["number"], "title": a["title"]} for a in truth.get("agenda", [])],
        "minutes": [_truth_minutes(m) for m in minutes],
        "reports": [_truth_report(r) for r in truth.get("reports", [])],
    }


def record_from_pack(pack: dict[str, Any]) -> dict[str, Any]:
    """A Pack JSON (Pack.to_dict()) as a prediction record. A key the Pack does not have yet
    (dated_by, to_body, substitute_for) is a null prediction; to_body falls back to the
    report's ``committee``, the name the field has had so far."""
    m = pack.get("meeting") or {}
    return {
        "checked": set(SECTIONS),
        "meeting": {k: m.get(k) for k in ("council", "body", "date", "time", "place", "dated_by")},
        "documents": [{"kind": d["kind"], "pages": d["pages"]} for d in pack.get("documents", [])],
        "agenda": [{"number": a["number"], "title": a["title"]} for a in pack.get("agenda", [])],
        "minutes": [
            {
                "date": x.get("date"),
                "body": x.get("body"),
                "chairman": x.get("chairman"),
                "dated_by": x.get("dated_by"),
                "attendance": [_attendee(a) for a in x.get("attendance", [])],
                "items": [{"number": i["number"], "title": i["title"]} for i in x.get("items", [])],
                "resolutions": [
                    r["text"] for i in x.get("items", []) for r in i.get("resolutions", [])
                ],
            }
            for x in pack.get("minutes", [])
        ],
        "reports": [
            {
                "title": r.get("title"),
                "date": r.get("date"),
                "report_from": r.get("report_from"),
                "to_body": r.get("to_body", r.get("committee")),
                "dated_by": r.get("dated_by"),
                "contact": r.get("contact") or {},
                "recommendations": [x["text"] for x in r.get("recommendations", [])],
            }
            for r in pack.get("reports", [])
        ],
    }


# --------------------------------------------------------------- enrichment figures


def figure_value_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Same page, unit and value (relative difference under 0.5%)."""
    if gold.get("page") is not None and gold["page"] != pred.get("page"):
        return False
    if gold["unit"] != pred.get("unit"):
        return False
    g, p = float(gold["value"]), float(pred.get("value") or 0.0)
    return abs(g - p) <= 0.005 * max(abs(g), 1.0)


def figure_about_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """figure_value_match, and the predicted ``about`` names what the figure measures."""
    about = norm_text(pred.get("about") or "")
    return figure_value_match(gold, pred) and any(k in about for k in gold["keywords"])


def figure_recall(gold: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, Tally]:
    """Tallies for figures found by value (and unit, page) and for figures also 'about' right."""
    out = {"value": Tally(), "value+about": Tally()}
    score_list(out["value"], gold, preds, figure_value_match)
    score_list(out["value+about"], gold, preds, figure_about_match)
    return out
