"""The pack's roster of named people, with their roles.

Sources, strongest first: the structure stage (minutes attendance and chairman,
report ``contact`` and ``report_from``), then header lines in the page text
("Contact name: Jayne Shelbourn-Barrow, Head of Youth Offending Service",
"From: Roger Gough, Leader of the Council", "Chairman: Councillor Roz Chadd"),
then a name line directly above a role line (letter signatures and address
blocks: "Donna Marriott" / "Her Majesty's Inspector").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.enrich.lexicon import (
    NON_NAME_WORDS,
    ORG_HEADS,
    PERSON_TITLES,
    POST_NOMINALS,
    ROLE_HEADS,
    STANDALONE_ROLES,
)
from extract.enrich.text import Block
from extract.model import Pack

_NAME_TOKEN = r"(?:[A-Z][a-z]*['’]?[A-Z]?[a-z]+(?:-[A-Z][a-z]+)*|[A-Z]\.?)"
_NAME = re.compile(rf"^{_NAME_TOKEN}(?:\s{_NAME_TOKEN}){{1,3}}$")
_PARTICLES = {"de", "van", "von", "da", "le", "la", "al", "bin", "du", "der", "den"}
_TITLE_RE = re.compile(
    r"^(?:(?:county\s+)?councillor|cllr\.?|mr\.?|mrs\.?|ms\.?|miss|dr\.?|prof\.?|professor|sir|dame|"
    r"lord|lady|baroness|revd?\.?)\s+",
    re.IGNORECASE,
)

_HEADS_ALT = "|".join(re.escape(h) for h in sorted(ROLE_HEADS, key=len, reverse=True))
_CAP = r"[A-Z][\w’'&/-]*"
_CONNECT = r"(?:and|&|of|the|for|in|-|–|to)"
# "Director of Children's Services", "Head of Youth Offending Service", "Team Manager"
ROLE_RE = re.compile(
    rf"(?:(?:{_CAP})\s(?:(?:and|&)\s)?){{0,3}}(?:{_HEADS_ALT})\b"
    rf"(?:\s(?:of|for)\s(?:the\s)?{_CAP}(?:\s(?:{_CONNECT}\s)*{_CAP})*)?"
)
_ROLE_PREFIX_STOP = {
    "The",
    "A",
    "An",
    "Our",
    "This",
    "That",
    "Report",
    "From",
    "Contact",
    "Name",
    "By",
    "To",
    "Dear",
    "Yours",
    "With",
    "Each",
    "Every",
    "Any",
    "All",
    "New",
    "Their",
    "My",
    "As",
    "Its",
    "Your",
    "And",
    "Of",
    "Only",
    "Previous",
    "Former",
    "Current",
}

_HEADER = re.compile(
    r"^(?P<label>contact\s+name|contact\s+officer|contact|report\s+from|report\s+authors?|"
    r"report\s+author|authors?|from|by|lead\s+officer|responsible\s+officer|relevant\s+director|"
    r"presented\s+by|officer\s+contact|report\s+of(?:\s+the)?|chairman|chair|vice-chairman|"
    r"vice\s+chairman|cabinet\s+member|lead\s+member|executive\s+member|portfolio\s+holder)"
    r"\s*(?::|\s)\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_ROLE_LABELS = {"chairman", "chair", "vice-chairman", "vice chairman"}
_PHONE_EMAIL = re.compile(r"@|\b(?:tel|telephone|phone|email|e-mail|mobile)\b|\d{4,}", re.I)


@dataclass(slots=True)
class RosterPerson:
    name: str  # as printed, titles removed
    role: str | None
    source: str  # attendance | chairman | contact | report_from | header | signature
    councillor: bool = False


def strip_title(text: str) -> tuple[str, str | None]:
    """("Councillor Malcolm Wade") -> ("Malcolm Wade", "Councillor")."""
    text = " ".join(text.replace("\n", " ").split()).strip(" ,;:.()")
    role: str | None = None
    while True:
        m = _TITLE_RE.match(text)
        if not m:
            break
        key = " ".join(m.group(0).lower().split())
        role = role or PERSON_TITLES.get(key) or PERSON_TITLES.get(key.rstrip("."))
        text = text[m.end() :]
    words = text.split()
    while words and words[-1].strip(",.") in POST_NOMINALS:
        words.pop()
    text = " ".join(words).strip(" ,;:")
    text = re.sub(r"['’]s$", "", text)
    return text, role


def is_name(text: str, min_tokens: int = 2) -> bool:
    """Does ``text`` look like a personal name ("Jayne Shelbourn-Barrow", "Lao Cooper")?"""
    name, _ = strip_title(text)
    words = [w for w in name.split() if w.lower() not in _PARTICLES]
    if len(words) < min_tokens or len(words) > 4:
        return False
    if any(w.lower().strip(".") in NON_NAME_WORDS or w.lower() in ORG_HEADS for w in words):
        return False
    if any(w.isupper() and len(w) > 2 for w in words):
        return False
    return bool(_NAME.match(" ".join(words)))


def is_role(text: str) -> bool:
    text = " ".join(text.split())
    m = ROLE_RE.search(text)
    return m is not None and (m.end() - m.start()) >= 0.6 * len(text)


def find_roles(text: str) -> list[tuple[int, int, str]]:
    """Officer and member titles in running text, as (start, end, text)."""
    out: list[tuple[int, int, str]] = []
    for m in ROLE_RE.finditer(text):
        start, role = m.start(), m.group(0)
        words = role.split()
        while words and words[0] in _ROLE_PREFIX_STOP:
            start += len(words[0]) + 1
            words = words[1:]
        # "HYOT's Head of Service", "County Council's Monitoring Officer": drop the owner
        limit = next((i for i, w in enumerate(words) if w in {"of", "for"}), len(words))
        owners = [i for i, w in enumerate(words[: limit - 1]) if re.search(r"['’]s?$", w)]
        if owners and words[owners[-1] + 1 :] and owners[-1] < 4:
            cut = owners[-1] + 1
            start += len(" ".join(words[:cut])) + 1
            words = words[cut:]
        while words and words[0] in {"and", "&"}:
            start += len(words[0]) + 1
            words = words[1:]
        role = " ".join(words)
        role = re.sub(r"(?:\s(?:and|&|of|the|for|in|to|-|–))+$", "", role)
        if not role:
            continue
        bare = role in ROLE_HEADS
        if bare and role not in STANDALONE_ROLES:
            continue  # "Head", "Manager" alone: too vague
        if role.startswith(("Councillor", "Cllr")):
            continue
        out.append((start, start + len(role), role))
    return out


def _split_value(value: str) -> tuple[str | None, str | None]:
    """ "Jayne Shelbourn-Barrow, Head of Youth Offending Service" -> (name, role)."""
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*|\s+[–—-]\s+|\s{2,}", value) if p.strip()]
    parts = [p for p in parts if not _PHONE_EMAIL.search(p)]
    name: str | None = None
    rest: list[str] = []
    for p in parts:
        cand, _ = strip_title(p)
        if name is None and is_name(p):
            name = cand
        elif rest and (p[:1].islower() or len(p) > 60 or len(rest) >= 4):
            break  # the header ran on into prose
        elif rest or ROLE_RE.search(p):
            rest.append(p)
    role_text = ", ".join(rest).strip(" ,") or None
    if role_text and not ROLE_RE.search(role_text):
        role_text = None
    return name, role_text


def header_people(blocks: list[Block]) -> list[RosterPerson]:
    """People named in report header lines and signature blocks."""
    out: list[RosterPerson] = []
    for i, block in enumerate(blocks):
        text = block.text
        m = _HEADER.match(text)
        if m:
            label = " ".join(m["label"].lower().split())
            value = m["value"]
            if label in _ROLE_LABELS:
                # "Chairman: p Councillor Roz Chadd"
                value = re.sub(r"^[a-z]\s+", "", value)
                name, _ = strip_title(value)
                if is_name(name):
                    out.append(RosterPerson(name, label.title(), "header", "ouncil" in value))
                continue
            found, role = _split_value(value)
            if found:
                out.append(RosterPerson(found, role, "header"))
            continue
        # "Steve Crocker" / "Director of Children's Services"
        if is_name(text) and i + 1 < len(blocks):
            nxt = blocks[i + 1].text
            if is_role(nxt) and len(nxt) < 80:
                name, _ = strip_title(text)
                out.append(RosterPerson(name, " ".join(nxt.split()), "signature"))
                continue
        # "Dylan Jeffrey, Cabinet Member for Communications and Democratic Services"
        if len(text) < 160 and ("," in text or " – " in text or " - " in text):
            head = re.split(r"\s*,\s*|\s+[–—-]\s+", text, maxsplit=1)
            if len(head) == 2 and is_name(head[0]) and is_role(head[1]):
                name, _ = strip_title(head[0])
                out.append(RosterPerson(name, " ".join(head[1].split()), "header"))
    return out


def pack_roster(pack: Pack, blocks: list[Block]) -> list[RosterPerson]:
    """Everyone the pack names in a structured place, strongest source first."""
    out: list[RosterPerson] = []
    for minutes in pack.minutes:
        for a in minutes.attendance:
            name, title_role = strip_title(a.name)
            if name:
                out.append(
                    RosterPerson(
                        name, a.role or title_role, "attendance", title_role == "Councillor"
                    )
                )
        if minutes.chairman:
            name, title_role = strip_title(minutes.chairman)
            if name:
                out.append(RosterPerson(name, "Chairman", "chairman", title_role == "Councillor"))
    for report in pack.reports:
        if report.contact and report.contact.name:
            found, role = _split_value(report.contact.name)
            if found:
                out.append(RosterPerson(found, role, "contact"))
        if report.report_from:
            found, role = _split_value(report.report_from)
            if found:
                out.append(RosterPerson(found, role, "report_from"))
    out.extend(header_people(blocks))
    return out
