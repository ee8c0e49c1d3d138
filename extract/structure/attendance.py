"""Minutes attendance: who was present, who sent apologies, who substituted, who chaired.

Read from the minutes' opening (the lines before the first minute item) and from the
apologies minute, in the layouts councils use:

* **marker grids**: "p Councillor A  p Councillor B" rows ("a" absent, "*" present; a name
  without a marker in a block that uses markers was not recorded present), with "Chairman:"
  or "Substitute:" row labels;
* **label blocks**: "PRESENT:", "Present", "ALSO PRESENT:", "IN ATTENDANCE:", "Attending",
  "Guests" (present) and "APOLOGIES:", "Absent" (absent), and a chair label ("Chairman: Cllr
  A Smith", which ends the block above it), each running on over its wrapped
  lines and over paragraphs set in its value column. Inside a block the names are a list
  ("Councillor A (Chairman), Councillors B and C"), a column with one person per line and an
  optional role after the name (the body's initials may follow it: "Member CC"), a staff
  list printing each post before the name ("Operations Superintendent Dan MacInnis"; a post
  alone names no one), or a grid of names and initials (capitals that are the names'
  initials); labels side by side on one line ("Present:      Members of the Public:") head
  columns, and each row below is split at the columns' x;
* **sentences**: "Apologies [for absence] were / had been received from A, B and C", "X
  attended as a substitute for Y", "X would be substituting ... for Y", "X (substitute for
  Y)", "The meeting was chaired by X", "X took the chair", "X in the chair";
* an apologies minute whose text is only a list of names.

The same person named twice (in the grid and again in the apologies minute, "Councillors
Pearce and Hussain") is one attendee: names match on the surname with compatible given names
or initials, and the fuller name is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.model import Attendee, Line
from extract.pages import cells_of
from extract.structure.pagekind import has_lower
from extract.textutil import join_lines, norm_ws, paragraph_break

_TITLE_WORDS = (
    r"County\s+Councillor|County\s+Cllr\.?|Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx|Dr\.?|Professor|Prof\.?"
    r"|Sir|Dame|Lord|Lady|Rev(?:d|erend)?\.?|Mayor|Deputy\s+Mayor|Vice\s+Mayor|Commissioner|Insp"
    r"|Constable|Sergeant|Sgt\.?|Inspector"
    r"|Cynghorydd\s+Sir|Cynghorydd|Cyng\."  # Welsh: (County) Councillor, Cllr
)
_TITLE = re.compile(rf"^(?:{_TITLE_WORDS})\s+", re.I)
_PLURAL_TITLE = re.compile(
    r"^(?P<t>(?:County\s+)?Councillors|Cllrs\.?|Messrs\.?|Cynghorwyr)\s+", re.I
)
_TITLE_SPLIT = re.compile(rf"\s+(?=(?:{_TITLE_WORDS})\s+[A-Z])")
_HONOURS = re.compile(r"^(?:OBE|CBE|MBE|KBE|DBE|BEM|JP|DL|MP|QC|KC|CB|CVO|LVO|PhD|FRS)\.?$")
_INITIALS = re.compile(r"^[A-Z]{2,3}$")  # "MH", "KC": a member's initials in an actions grid
_TOKEN = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"  # a name word or an initial, never a sentence's end
_NAME = rf"(?:(?:{_TITLE_WORDS})\s+)?{_TOKEN}(?:\s+(?:{_TOKEN}|de|van|von|le|la)){{0,4}}"
_TITLED_NAME = rf"(?:{_TITLE_WORDS})\s+{_TOKEN}(?:\s+{_TOKEN}){{0,3}}"

_MARKER_LINE = re.compile(r"^(?:(?P<label>[A-Z][A-Za-z \-]{2,30}):\s*)?(?P<m>[pa*])\s+(?=[A-Z])")
_MARKER = re.compile(r"(?:^|\s)([pa*])\s+(?=[A-Z])")
_GROUP_WORDS = re.compile(
    r"\b(?:members?|present|attendance|officers?|co-opted|apologies|absent|public|press)\b", re.I
)
_SUB_LABEL = re.compile(r"^(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)]\s+")  # "a. Present"
_GROUP_ROW = re.compile(r"^(?:Members\s+of\s+the\s+(?:public|press)|Public|Press)\b", re.I)
_PRESENT_LABELS = (
    r"PRESENNOL|(?:(?:NON-)?MEMBERS\s+|COUNCILLORS\s+)?PRESENT|ALSO\s+PRESENT|PUBLIC(?=\s*:)|(?:ALSO\s+)?IN\s+ATTENDANCE(?:\s+VIRTUALLY)?|OFFICERS(?:\s+PRESENT)?"
    r"|STAFF|ATTENDING|GUESTS?"
)
_ABSENT_LABELS = r"APOLOGIES(?:\s+FOR\s+ABSENCE)?|REGRETS|ABSENT(?:\s+WITH\s+REGRETS?)?"
_LABEL = re.compile(
    rf"^(?P<label>{_PRESENT_LABELS}|{_ABSENT_LABELS})\b\s*(?P<colon>[:\-–]?)\s*(?P<rest>.*)$",
    re.I,
)
_CHAIR_ROLE = re.compile(
    r"^(?:Chairman|Chair|Chairperson|Chairwoman|Convenor|in the chair)(?-i:\s+[A-Z]{2,4})?$", re.I
)
# a label naming who chaired: "Chair: Cllr A Smith", "CHAIRMAN:", "Presiding Officer:"
_CHAIR_LABEL = re.compile(
    r"^(?:CHAIR(?:MAN|PERSON|WOMAN)?|PRESIDING(?:\s+OFFICER)?|IN\s+THE\s+CHAIR)"
    r"\s*(?::|\s[–—-])\s*"  # "Chair: Cllr A Smith", "Chairman – Cllr A Smith"
    r"(?P<rest>[A-Z].*)$",
    re.I,
)
_ROLE_WORDS = re.compile(
    r"\s+(?P<role>(?:Vice[- ])?(?:Chairman|Chair|Chairperson|Convenor|Clerk|Secretary|Treasurer)"
    r"|Substitute\s+for\s+.+)$",
    re.I,
)
_ROLE_HEAD = re.compile(
    r"^(?:Chairman|Chair|Chairperson|Convenor|Clerk|Secretary|Treasurer|Member|Councillor"
    r"|Officer|Manager|Director|Head|Inspector|Adviser|Advisor|Mayor|Leader|Representative"
    r"|Coordinator|Co-ordinator)$",
    re.I,
)
_ROLE_MODIFIER = re.compile(
    r"^(?:Vice|Deputy|Assistant|Acting|Interim|Senior|Chief|Lead|Principal|Ward|County|Town"
    r"|Parish|District|Community|Planning|Road|Traffic|Police|Finance|Youth|Co-opted|Former"
    r"|(?-i:[A-Z][A-Z&]{1,4}))$",  # an organisation's initials ("A&B Councillor")
    re.I,
)
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,4}$")
_SUBSTITUTE_ROLE = re.compile(r"^(?:a\s+)?substitut\w*\s+for\s+(?P<for>.+)$", re.I)
_APOLOGIES = re.compile(
    r"\bApologies(?:\s+for\s+absence)?\s+(?:(?:were|was|had\s+been|have\s+been)\s+)?"
    r"(?:(?:received|submitted|given|tendered|noted)\s+)?(?:from|by|on\s+behalf\s+of)\s+"
    r"(?P<names>.+)"
    r"|\b(?:reported|received|noted|tendered|presented)\s+apologies(?:\s+for\s+absence)?\s+"
    r"(?:from|on\s+behalf\s+of)\s+(?P<reported>.+)"
    # Welsh: "Derbyniwyd ymddiheuriadau gan y Cynghorwyr A, B ac C" (apologies were received from)
    r"|\b(?:Derbyniwyd|Cafwyd|Nodwyd)\s+ymddiheuriadau\s+(?:gan|oddi\s+wrth)\s+(?:y\s+)?(?P<cy>.+)",
    re.I,
)
_SUBSTITUTE = re.compile(
    rf"(?P<sub>{_TITLED_NAME})\s+(?:\(\s*)?(?:[a-z][\w,]*\s+){{0,5}}?(?:as\s+(?:a\s+)?)?"
    rf"substitut\w*(?:,[^,.]{{0,40}},)?\s+for\s+(?P<for>{_TITLED_NAME})"
)
_CHAIRED = re.compile(
    rf"(?:\b(?:chaired|presided\s+over)\s+by\s+(?P<a>{_NAME})"
    rf"|(?P<b>{_NAME})\s+(?:took|was\s+in)\s+the\s+chair\b"
    rf"|(?P<f>(?-i:{_TITLED_NAME}|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,2}}))\s+presid(?:ed|ing)\b"
    rf"|(?P<c>{_TITLED_NAME})\s+\(?in\s+the\s+chair\b"
    # "The Chair, Cllr A Smith, welcomed ...", "The Chairman (Cllr A Smith) opened ..."
    rf"|\bThe\s+Chair(?:man|person|woman)?\s*[,(]\s*(?P<e>{_TITLED_NAME})\s*[,)]"
    # "Cllr A Smith chaired the meeting", "Chairman Cllr A Smith opened the meeting",
    # "Cllr A Smith (Chair) welcomed everyone"
    rf"|(?P<g>{_TITLED_NAME})\s+chaired\s+the\s+meeting\b"
    rf"|\bChair(?:man|person|woman)?\s+(?P<h>{_TITLED_NAME})\s+(?:opened|welcomed|declared)\b"
    rf"|(?P<i>{_TITLED_NAME})\s*\((?:Chair(?:man|person|woman)?)\)\s+(?:opened|welcomed|declared)\b"
    # "Mayor A Smith called the meeting to order at 7 pm", "Cllr A Smith declared the
    # meeting open": who opens the meeting presides over it
    rf"|(?P<k>{_TITLED_NAME})\s+(?:called\s+the\s+meeting\s+to\s+order|declared\s+the\s+meeting\s+open)\b"
    # "Cllr A Smith, Chairman, opened the meeting"
    rf"|(?P<j>{_TITLED_NAME}),\s+(?:the\s+)?Chair(?:man|person|woman)?,\s+(?:opened|welcomed|declared)\b"
    # Welsh: "Cymerwyd y Gadair gan y Cyng. A" (the chair was taken by)
    rf"|\bCymerwyd\s+y\s+Gadair\s+gan\s+(?:y\s+)?(?P<d>(?-i:{_NAME})))",
    re.I,
)
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bCllr)(?<!\bCyng)(?<!\bCllrs)(?<!\bMr)(?<!\bMrs)(?<!\bDr)\.(?=\s|$)"
)


@dataclass(slots=True)
class Attendance:
    people: list[Attendee]
    chairman: str | None


# ------------------------------------------------------------------ one person, one list


_POST_WORDS = frozenset(
    [
        "officer",
        "clerk",
        "treasurer",
        "administrator",
        "superintendent",
        "chief",
        "deputy",
        "assistant",
        "manager",
        "director",
        "intern",
        "interim",
        "planner",
        "technician",
        "coordinator",
        "co-ordinator",
        "supervisor",
        "engineer",
        "secretary",
        "operations",
        "office",
        "municipal",
        "administrative",
        "fire",
        "planning",
        "finance",
        "executive",
        "head",
        "lead",
        "senior",
        "principal",
        "acting",
        "legal",
        "democratic",
        "services",
        "service",
        "governance",
        "corporate",
        "strategic",
        "policy",
        "communications",
        "environmental",
        "health",
        "safety",
        "by-law",
        "mleo",
        "cemc",
        "cao",
        "technology",
    ]
)


def _post_prefix(piece: str) -> tuple[str, str | None]:
    """'Operations Superintendent Dan MacInnis' -> ('Dan MacInnis', 'Operations
    Superintendent'): a staff list printing each post before the name. The name is what
    follows the last word of the post ("Fire Chief-MLEO-CEMC Will Bateman")."""
    words = piece.split()
    if not words or _TITLE.match(piece):
        return piece, None

    def post(word: str) -> bool:
        return any(p.lower() in _POST_WORDS for p in re.split(r"[-/]", word) if p)

    if all(post(w) for w in words):
        return "", piece  # a post alone ("Deputy Clerk", "Fire Chief"): no one named
    if len(words) < 3 or not post(words[0]):
        return piece, None
    last = max(k for k, w in enumerate(words) if post(w))
    return " ".join(words[last + 1 :]), " ".join(words[: last + 1])


# the chair's post printed before the name in a list: "PRESENT: Chair Councillor A Smith, ..."
_CHAIR_BEFORE = re.compile(
    rf"^(?P<role>Chair(?:man|person|woman)?|Convenor|Convener)\s+"
    rf"(?P<name>(?-i:(?:(?:{_TITLE_WORDS})\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’.-]*){{1,3}}))$",
    re.I,
)


_PARTICLES = frozenset(["de", "van", "von", "der", "den", "da", "le", "la", "du", "di", "ap"])


def _person(piece: str, present: bool) -> Attendee | None:
    """'Councillor A B (Chairman)' / 'Cllr C (substitute for Cllr D)' -> Attendee."""
    piece = re.sub(r"^(?:and|&)\s+", "", norm_ws(piece)).strip(" .,;:")
    if _TITLE.match(piece):
        piece = piece[:1].upper() + piece[1:]  # "inspector A Smith": a scan's lower-case title
    before = _CHAIR_BEFORE.match(piece)
    if before:
        return Attendee(before["name"], present, "Chair", None)
    piece, role = _post_prefix(piece)
    m = re.match(r"^(?P<name>.*?)\s*\((?P<role>[^()]*(?:\([^()]*\)[^()]*)*)\)$", piece)
    if role is not None:
        pass  # the post printed before the name
    elif m and m["name"]:
        piece, role = m["name"].strip(), norm_ws(m["role"])
    elif re.search(r"\s+\(?in the chair\)?$", piece, re.I):
        piece, role = re.sub(r"\s+\(?in the chair\)?$", "", piece, flags=re.I), "Chairman"
    elif re.search(r"\s[–—-]\s", piece):  # "Olive O'Sullivan – Town Clerk"
        piece, role = (x.strip() for x in re.split(r"\s[–—-]\s", piece, maxsplit=1))
    else:
        r = _ROLE_WORDS.search(piece)
        if r and len(piece[: r.start()].split()) >= 2:
            piece, role = piece[: r.start()].strip(), r["role"]
            # "Nick Oakhill (NO) CHAIR": the member's initials between the name and the role
            piece = re.sub(r"(?<=\S)\s*\((?-i:[A-Z]{2,3})\)$", "", piece)
    if not piece or not piece[0].isupper() or _HONOURS.match(piece) or _INITIALS.match(piece):
        return None  # "the Clerk", fragments, honours after a comma, an affiliation
    if _GROUP_WORDS.search(piece) and not _TITLE.match(piece):
        return None  # "Two members of the public"
    if sum(w[:1].islower() and w not in _PARTICLES for w in piece.split()) >= 2:
        return None  # a sentence after the list: "Cllr A Smith called the meeting to order"
    substitute: str | None = None
    if role:
        s = _SUBSTITUTE_ROLE.match(role)
        if s:
            substitute, role = s["for"].strip(" .,"), "Substitute"
        elif role.lower() == "in the chair":
            role = "Chairman"
    return Attendee(piece, present, role, substitute)


def _split_top(text: str) -> list[str]:
    """Split on commas, semicolons, " and " and " & " outside brackets."""
    parts: list[str] = []
    depth, cur, i = 0, "", 0
    while i < len(text):
        c = text[i]
        depth += c == "("
        depth = max(0, depth - (c == ")"))
        if depth == 0 and c in ",;":
            parts.append(cur)
            cur, i = "", i + 1
            continue
        joiner = next(
            (
                j
                for j in (" and ", " & ", " ac ", " a’r ", " a'r ", " a r ")
                if text.startswith(j, i)
            ),
            None,
        )  # Welsh "ac" (and), "a'r" (and the; "a r" when its apostrophe is set on a line above)
        if depth == 0 and joiner:
            parts.append(cur)
            cur, i = "", i + len(joiner)
            continue
        cur += c
        i += 1
    parts.append(cur)
    out: list[str] = []
    for part in (norm_ws(p) for p in parts):
        # "D Richardson (Chair) N Cresswell": a new name after a closing bracket
        out += [p for p in re.split(r"(?<=\))\s+(?=[A-Z])", part) if p]
    return out


_SENTENCES = re.compile(
    r"(?<=[a-z)])(?<!\bCyng)(?<!\bCllr)(?<!\bCllrs)(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bMessrs)\.\s+(?=[A-Z])"
)


def names_list(text: str, present: bool) -> list[Attendee]:
    """People in a list: 'Councillor A (Chairman), Councillors B and C, Mr D'.

    A plural title ("Councillors B and C") carries over the names after it, up to a name
    with its own title or the end of the sentence.
    """
    people: list[Attendee] = []
    for sentence in _SENTENCES.split(text.rstrip(". ")):
        people += _names_sentence(_GROUP_LEAD.sub("", sentence), present)
    return people


# a group named before its people: "Members of the public – Mr A Smith", "Guests: Ms B Jones"
_GROUP_LEAD = re.compile(
    r"^(?:(?:Members?\s+of\s+the\s+)?(?:public|press)|Guests?|Observers?|Visitors?)\s*[–—:-]\s*"
    r"(?=[A-Z])",
    re.I,
)


# a post printed after the name it belongs to, between commas: "Cllr A Smith, Chair; ..."
_POST_ONLY = re.compile(
    r"^(?:(?:Vice|Deputy)[- ]?)?(?:Chair(?:man|person|woman)?|Mayor|Convenor|Convener)$", re.I
)


def _names_sentence(text: str, present: bool) -> list[Attendee]:
    people: list[Attendee] = []
    plural: str | None = None
    for piece in _join_posts(_split_top(text)):
        post = norm_ws(piece).strip(" .,;:")
        if _POST_ONLY.match(post) and people and people[-1].role is None:
            people[-1].role = post  # the previous person's post, not a person
            continue
        m = _PLURAL_TITLE.match(piece)
        if m:
            t = m["t"].rstrip(".")
            plural = {"cllrs": "Cllr", "messrs": "Mr", "cynghorwyr": "Cynghorydd"}.get(
                t.lower(), t[:-1]
            )
            piece = f"{plural} {piece[m.end() :]}"
        elif _TITLE.match(piece):
            plural = None  # a name with its own title ends the run
        elif plural and piece[:1].isupper() and not _HONOURS.match(piece):
            piece = f"{plural} {piece}"
        for part in _split_roles(piece):
            person = _person(part, present)
            if person is not None:
                people.append(person)
    return people


def _join_posts(pieces: list[str]) -> list[str]:
    """'Land Planning', 'Technology Administrator John Smith' -> the second alone: an "&"
    inside a post printed before the name split it, and its first half (ending in a post
    word, no title) names no one."""
    out: list[str] = []
    for piece in pieces:
        words = out[-1].split() if out else []
        if (
            words
            and len(words) <= 3
            and words[-1].lower() in _POST_WORDS
            and not _TITLE.match(out[-1])
            and _post_prefix(piece)[1]
        ):
            out[-1] = piece  # the post's first half: no one
        else:
            out.append(piece)
    return out


def _split_roles(piece: str) -> list[str]:
    """'P Moran Clerk J Connelly' -> ['P Moran Clerk', 'J Connelly'] (a role word between)."""
    m = re.match(r"^(?P<a>.+?\s(?:Clerk|Secretary|Treasurer))\s+(?P<b>[A-Z].*)$", piece)
    return [m["a"], m["b"]] if m and len(m["b"].split()) >= 2 else [piece]


# ------------------------------------------------------------------ grids and blocks


def _split_unmarked(text: str) -> list[str]:
    """Names in a row without separators: before each title, else two words each."""
    text = norm_ws(text)
    if not text:
        return []
    parts = _split_before_titles(text)
    if len(parts) > 1 or _TITLE.match(text):
        return parts
    words = text.split()
    if len(words) >= 4 and len(words) % 2 == 0 and all(w[:1].isupper() for w in words):
        return [" ".join(words[k : k + 2]) for k in range(0, len(words), 2)]
    return [text]


def _split_before_titles(text: str) -> list[str]:
    """Split before each title ("Councillor", "Mr", ...) that is not inside brackets."""
    parts: list[str] = []
    start = 0
    for m in _TITLE_SPLIT.finditer(text):
        if text.count("(", 0, m.start()) == text.count(")", 0, m.start()):
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _looks_like_names(text: str) -> bool:
    words = text.split()
    if len(words) < 2 or ":" in text or _GROUP_WORDS.search(text):
        return False
    return all(w[:1].isupper() or w in {"de", "van", "von", "der", "da", "le"} for w in words)


def _marker_grid(lines: Sequence[Line]) -> Attendance:
    people: list[Attendee] = []
    chairman: str | None = None
    started = False
    for line in lines:
        text = line.text.strip()
        mm = _MARKER_LINE.match(text)
        started = started or mm is not None
        if not started or text.startswith("*") and not _MARKER.match(text):
            continue  # before the grid, or its "*Present" legend
        label: str | None = None
        if mm and mm["label"]:
            label, text = mm["label"].strip(), text[mm.start("m") :]
        pieces = _MARKER.split(" " + text)
        lead = pieces[0].strip()
        if lead and _looks_like_names(lead):  # unmarked names before the first marker
            people += [p for n in _split_unmarked(lead) if (p := _person(n, False))]
        elif lead and not _MARKER.search(text):
            continue
        for k in range(1, len(pieces) - 1, 2):
            marker, names = pieces[k], _split_unmarked(pieces[k + 1])
            for j, name in enumerate(names):
                person = _person(name, j == 0 and marker in ("p", "*"))
                if person is None:
                    continue
                if label and j == 0 and k == 1 and person.role is None:
                    person.role = label
                people.append(person)
                if person.role and _CHAIR_ROLE.match(person.role) and chairman is None:
                    chairman = person.name
    return Attendance(people, chairman)


def _initials_grid(text: str) -> list[str] | None:
    """'Jo Bloggs JB Ann Other AO' -> ['Jo Bloggs', 'Ann Other'], or None without initials."""
    words = text.split()
    if sum(bool(_INITIALS.match(w)) for w in words) < 2:
        return None
    names: list[str] = []
    cur: list[str] = []
    matched = total = 0
    for w in words:
        if _INITIALS.match(w) and cur:
            total += 1
            matched += w == "".join(x[0] for x in cur[-len(w) :])  # "Jo Bloggs JB"
            names.append(" ".join(cur))
            cur = []
        elif not _INITIALS.match(w):
            cur.append(w)
    if cur:
        names.append(" ".join(cur))
    # the capitals are each name's initials; otherwise they are an organisation or a
    # post ("Member CC", "MOD Police") and the text is not an initials grid
    return names if 2 * matched >= total else None


def _block_people(lines: list[Line], first: str, present: bool) -> list[Attendee]:
    """The people of one label block: a list, a one-per-line column or an initials grid."""
    rows = [first, *(ln.text for ln in lines)] if first else [ln.text for ln in lines]
    return _rows_people(rows, present)


def _rows_people(rows: list[str], present: bool) -> list[Attendee]:
    rows = [r for r in rows if any(c.isalnum() for c in r)]  # not a stray mark set apart
    # "Members of the Public - Two Members": a group, and the end of the names
    end = next((n for n, r in enumerate(rows) if _GROUP_ROW.match(r)), len(rows))
    rows = rows[:end]
    if not rows:
        return []
    posted = _name_post_rows(rows, present)
    if posted is not None:
        return posted
    grid = _initials_grid(" ".join(rows))
    if grid is not None:
        return [p for n in grid if (p := _person(n, present))]
    column = not any("," in r for r in rows) and (len(rows) >= 2 or " and " not in rows[0])
    column = column and all(len(r.split()) <= 9 and r.split()[-1] not in ("and", "&") for r in rows)
    if column:
        return _column_people(rows, present)
    return names_list(join_lines(rows), present)


def _name_post_rows(rows: list[str], present: bool) -> list[Attendee] | None:
    """One person a row, the post after one comma ("Councillor Wand, Powassan Municipal
    Representative"); None unless every row reads so and a post names a role. Read as one
    list, each post would run into the next row's name."""
    pairs: list[tuple[str, str]] = []
    for row in rows:
        name, _, post = row.partition(",")
        post = post.strip(" .;")
        if row.count(",") != 1 or not post or _TITLE.match(post) or len(name.split()) > 5:
            return None
        if re.search(r"\s(?:and|&)\s", post):
            return None
        pairs.append((name, post))
    words = [w.lower() for _, post in pairs for w in post.split()]
    if not any(w in _POST_WORDS or _ROLE_HEAD.match(w) for w in words):
        return None
    people: list[Attendee] = []
    for name, post in pairs:
        person = _person(name, present)
        if person is not None:
            person.role = person.role or post
            people.append(person)
    return people


def _role_suffix(words: list[str]) -> int | None:
    """Where a role ending the row starts ("... Ward Councillor", "... Vice Convenor")."""
    end = len(words)
    while end > 1 and _ACRONYM.match(words[end - 1]):
        end -= 1  # "Convenor CC", "Member CC": the body's initials after the role
    if not words or not _ROLE_HEAD.match(words[end - 1]):
        return None
    k = end - 1
    while k > 0 and _ROLE_MODIFIER.match(words[k - 1]):
        k -= 1
    return k


def _column_people(rows: list[str], present: bool) -> list[Attendee]:
    """One person per row, a role after the name ("Watson Robinson Convenor").

    The role is the row's last words when they end in a role noun; in a column where rows
    carry roles, a row whose role is something else ("Loch Side Boats") keeps two words.
    """
    split: list[tuple[str, str | None]] = []
    for row in rows:
        words = row.split()
        title = 0
        while title < len(words) and _TITLE.match(" ".join(words[title : title + 2]) + " "):
            title += 1
        k = _role_suffix(words[title:])
        r = _ROLE_WORDS.search(row)
        # "Alan Pinder Former GCC Secretary": the role with its modifiers, not its last word
        longer = r is not None and title + (k or 0) < len(row[: r.start()].split())
        if k is not None and k >= 1 and (r is None or longer and not r["role"].startswith("Sub")):
            split.append((" ".join(words[: title + k]), " ".join(words[title + k :])))
        else:
            split.append((row, None))
    roles = sum(role is not None for _, role in split)
    people: list[Attendee] = []
    for name, role in split:
        words = name.split()
        titled = 1 if _TITLE.match(name) else 0
        if role is None and roles and len(words) > titled + 2:
            name, role = " ".join(words[: titled + 2]), " ".join(words[titled + 2 :])
        for part in _split_roles(name):
            person = _person(part, present)
            if person is not None:
                person.role = person.role or role
                people.append(person)
    return people


def _label_text(text: str) -> str:
    """A line as a possible label: no sub-item label ("a. Present"), and no doubled initial
    ("A Apologies:", a glyph some PDFs print twice)."""
    text = _SUB_LABEL.sub("", text.strip())
    return re.sub(r"^([A-Z]) (?=\1[a-z])", "", text)


def _heading_columns(line: Line) -> list[tuple[float, bool]] | None:
    """A row of labels set apart on one line ("Present:      Members of the Public:"): the
    x where each column starts and whether it names people present; None otherwise."""
    cells = cells_of(line)
    if len(cells) < 2:
        return None
    columns: list[tuple[float, bool]] = []
    for x0, _, text in cells:
        label = _label_text(text).rstrip(" :")
        m = _LABEL.match(label)
        if m and not m["rest"]:
            columns.append((x0, not re.match(_ABSENT_LABELS, m["label"], re.I)))
        elif _GROUP_ROW.match(label) and len(label.split()) <= 4:
            columns.append((x0, True))  # named members of the public were there
        else:
            return None
    return columns


def _column_rows(lines: Sequence[Line], columns: list[tuple[float, bool]]) -> list[list[str]]:
    """Each column's rows: every line's cells split at the columns' x (a cell belongs to the
    last column starting left of it)."""
    out: list[list[str]] = [[] for _ in columns]
    for line in lines:
        parts: list[list[str]] = [[] for _ in columns]
        for x0, _, text in cells_of(line):
            col = max((n for n, (x, _) in enumerate(columns) if x <= x0 + 6), default=0)
            parts[col].append(text)
        for n, words in enumerate(parts):
            out[n].append(" ".join(words))
    return out


def _column_block_end(
    lines: Sequence[Line], k: int, columns: list[tuple[float, bool]], pitch: float
) -> int:
    """Where the rows under a row of column headings (line k) end: at a label, a line with
    no cell starting at a column's x, or a gap wider than the rows' own spacing (a scan's
    rows may be spaced wider than the document's usual pitch)."""
    j, step = k + 1, pitch
    while j < len(lines):
        nxt, prev = lines[j], lines[j - 1]
        if nxt.page != prev.page or _starts_block(nxt.text):
            break
        if not any(abs(x0 - x) <= 6 for x0, _, _ in cells_of(nxt) for x, _ in columns):
            break
        gap = nxt.bbox[1] - prev.bbox[1]
        if j == k + 2 and gap <= 3 * pitch:
            step = max(pitch, gap)  # the spacing of the rows
        elif j > k + 1 and gap > 1.3 * step:
            break
        j += 1
    return j


def _starts_block(text: str) -> bool:
    """A line that opens a label block of its own (a present, absent or chair label)."""
    text = _label_text(text)
    return bool(_LABEL.match(text) or _CHAIR_LABEL.match(text))


def _chair_label(text: str) -> list[Attendee]:
    """The person a chair label names ("Chairman: Cllr A Smith"), present, role Chair."""
    m = _CHAIR_LABEL.match(_label_text(text))
    people = names_list(m["rest"], True)[:1] if m else []
    for p in people:
        p.role = p.role or "Chair"
    return people


def _label_blocks(lines: Sequence[Line], pitch: float) -> list[Attendee]:
    people: list[Attendee] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        chair = _chair_label(line.text)
        if chair:
            people += chair
            k += 1
            continue
        m = _LABEL.match(_label_text(line.text))
        columns = _heading_columns(line) if m else None
        rest = "" if columns or not m else m["rest"]
        if not m or not (m["colon"] or not rest or rest[:1].isupper() and "were" not in rest[:40]):
            k += 1
            continue
        if columns:
            j = _column_block_end(lines, k, columns, pitch)
            rows = _column_rows(lines[k + 1 : j], columns)
            for (_, present), column in zip(columns, rows, strict=True):
                people += _rows_people(column, present)
            k = j
            continue
        absent = bool(re.match(_ABSENT_LABELS, m["label"], re.I))
        # a value column: wrapped lines set well right of the label; later paragraphs set
        # there belong to the block too (officers, then auditors, under "ALSO PRESENT:")
        value_x: float | None = None
        j = k + 1
        while j < len(lines):
            nxt, prev = lines[j], lines[j - 1]
            if _starts_block(nxt.text) or _APOLOGIES.search(nxt.text):
                break
            if _SUB_LABEL.match(nxt.text.strip()):
                break  # the next sub-item
            if nxt.page != prev.page:
                break
            if j == k + 1 and nxt.bbox[0] >= line.bbox[0] + 30:
                value_x = nxt.bbox[0]
            heading = j == k + 1 and not rest  # a label alone on its line, the names below
            if (
                paragraph_break(prev, nxt, pitch)
                and not heading
                and (value_x is None or abs(nxt.bbox[0] - value_x) > 6 or not has_lower(nxt.text))
            ):
                break  # a new paragraph outside the value column
            j += 1
        people += _block_people(list(lines[k + 1 : j]), rest, not absent)
        k = j
    return people


# ------------------------------------------------------------------ sentences


def _up_to_sentence_end(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return text[: m.start()] if m else text


def apologies_in(text: str) -> list[Attendee]:
    """People named in an apologies sentence ('Apologies were received from A and B.')."""
    people: list[Attendee] = []
    for m in _APOLOGIES.finditer(text):
        people += names_list(_up_to_sentence_end(m["names"] or m["reported"] or m["cy"]), False)
    return people


def _substitutes(text: str) -> list[Attendee]:
    return [
        Attendee(norm_ws(m["sub"]), True, "Substitute", norm_ws(m["for"]).rstrip("."))
        for m in _SUBSTITUTE.finditer(text)
    ]


def _chair_sentence(text: str) -> str | None:
    m = _CHAIRED.search(text)
    if not m:
        return None
    found = next(m[g] for g in "abcdefghijk" if m[g])
    name = norm_ws(found).rstrip(".")
    return re.sub(r"^(?:The|the)\s+", "", name) or None


# ------------------------------------------------------------------ merging


_FORM = re.compile(r"^(Mr|Mrs|Ms|Miss)\.?\s", re.I)


def _key(name: str) -> tuple[str, list[str]]:
    """(surname, given names or initials) of a name without titles or roles, lower case."""
    name = _PLURAL_TITLE.sub("", re.sub(r"\(.*?\)", " ", name))
    while _TITLE.match(name):
        name = _TITLE.sub("", name, count=1)
    words = [w.strip(".,") for w in name.split() if w.strip(".,") and not _HONOURS.match(w)]
    if not words:
        return ("", [])
    return words[-1].lower(), [w.lower() for w in words[:-1]]


def same_person(a: str, b: str) -> bool:
    """Same surname, and first given names that agree (a name or its initial), if both given."""
    (sa, ga), (sb, gb) = _key(a), _key(b)
    if not sa or sa != sb:
        return False
    ta, tb = _FORM.match(a), _FORM.match(b)
    if ta and tb and (ta[1].lower() == "mr") != (tb[1].lower() == "mr"):
        return False  # "Mr A Brady" is not "Mrs A Brady"
    if not ga or not gb:
        return True
    x, y = ga[0], gb[0]
    return x == y if len(x) > 1 and len(y) > 1 else x[0] == y[0]


def merge(people: list[Attendee]) -> list[Attendee]:
    """One entry per person; the fuller name, known role and substitute kept."""
    out: list[Attendee] = []
    for p in people:
        twin = next((q for q in out if same_person(q.name, p.name)), None)
        if twin is None:
            out.append(Attendee(p.name, p.present, p.role, p.substitute_for))
            continue
        if len(p.name) > len(twin.name) and _key(p.name)[1]:
            twin.name = p.name
        twin.role = twin.role or p.role
        twin.substitute_for = twin.substitute_for or p.substitute_for
        if twin.substitute_for:
            twin.present = True
    return out


def _absent(people: list[Attendee], named: list[Attendee]) -> list[Attendee]:
    """Mark those named in apologies absent (a grid may not show it); add the others."""
    out = list(people)
    for p in named:
        twin = next((q for q in out if same_person(q.name, p.name)), None)
        if twin is None:
            out.append(p)
        elif not twin.substitute_for:
            twin.present = False
    return out


# ------------------------------------------------------------------ the whole


def read_attendance(
    opening: Sequence[Line], apologies_minute: Sequence[Line], pitch: float
) -> Attendance:
    """Attendance from the opening lines and the apologies minute's lines (may be empty)."""
    if any(_MARKER_LINE.match(ln.text.strip()) for ln in opening):
        found = _marker_grid(opening)
        people, chairman = found.people, found.chairman
    else:
        people, chairman = _label_blocks(opening, pitch), None
    text = join_lines(ln.text for ln in opening)
    minute = join_lines(ln.text for ln in apologies_minute)
    named = apologies_in(text) + apologies_in(minute)
    if not named and apologies_minute and not re.search(r"\bno\s+apologies\b", minute, re.I):
        first = _up_to_sentence_end(minute)
        if len(first.split()) <= 40 and not re.search(r"\b(?:were|was|had|is)\b", first):
            named = names_list(first, False)  # the minute is just the names
    people = _absent(people, named)
    people = merge(people + _substitutes(text) + _substitutes(minute))
    if chairman is None:
        chair = next((p for p in people if p.role and _CHAIR_ROLE.match(p.role)), None)
        chairman = chair.name if chair else _chair_sentence(f"{text} {minute}")
        if chairman:
            twin = next((p for p in people if same_person(p.name, chairman)), None)
            chairman = twin.name if twin else chairman
    return Attendance(people, chairman)
