"""Typed results of every extraction stage.

The Pack JSON is ``Pack.to_dict()``. Numbers that label things (agenda and
minute numbers) are strings; page numbers are 1-based physical PDF pages.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

T = TypeVar("T")


class Status(enum.StrEnum):
    SUCCESS = "success"
    PARTIAL = "partial"
    FAILURE = "failure"


# --------------------------------------------------------------------------- pages


@dataclass(slots=True)
class Line:
    """One text line on a page, top-to-bottom order, PDF points, origin top-left."""

    text: str
    page: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    size: float = 0.0  # font size estimate (line height)
    # the pieces of a line printed apart, (x0, x1, text) each, when there are several: the
    # cells of a table row, or words set one by one (see extract.pages.cells_of)
    runs: list[tuple[float, float, str]] = field(default_factory=list)


@dataclass(slots=True)
class Page:
    """One physical page: the seam between PDF reading and everything else."""

    number: int  # 1-based physical page
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    has_text_layer: bool = True
    has_images: bool = False  # text-less page with images: a scan to OCR
    ocr: bool = False
    error: str | None = None  # why this page could not be read, if it could not
    has_outlines: bool = False  # text-less page whose glyphs are drawn as vector paths

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    @property
    def needs_ocr(self) -> bool:
        """No text layer, but ink to read: a scanned image or glyphs drawn as outlines."""
        drawn = self.has_images or self.has_outlines
        return not self.has_text_layer and drawn and self.error is None


# ------------------------------------------------------------------- layout blocks


@dataclass(slots=True)
class PageLayout:
    """A page after running furniture is removed."""

    number: int
    lines: list[Line]  # content lines only
    stamp_item: str | None = None  # "Agenda Item N" stamp on this page
    footer_page: str | None = None  # printed "Page N" footer value
    blank: bool = False  # "This page is intentionally left blank" / empty filler
    ocr: bool = False
    filler: bool = False  # says so: "This page is intentionally left blank"

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


# ----------------------------------------------------------------- pack structure


@dataclass(slots=True)
class Meeting:
    council: str | None = None
    body: str | None = None
    date: str | None = None  # YYYY-MM-DD
    time: str | None = None  # HH:MM
    place: str | None = None
    # where ``date`` came from: "front_sheet" | "minutes_header" | "report_header" |
    # "file_metadata", or None when no meeting date was found (never a date from prose)
    dated_by: str | None = None


@dataclass(slots=True)
class AgendaItem:
    number: str
    title: str
    description: str = ""
    pages: list[int] | None = None  # [first, last] physical pages, or None


@dataclass(slots=True)
class Document:
    agenda_item: str | None
    kind: str  # "minutes" | "report" | "other"
    title: str
    pages: list[int]  # [first, last]


@dataclass(slots=True)
class Attendee:
    name: str
    present: bool
    role: str | None = None
    substitute_for: str | None = None  # the member this person attended in place of


@dataclass(slots=True)
class Resolution:
    text: str
    page: int


@dataclass(slots=True)
class MinuteItem:
    number: str
    title: str
    text: str
    pages: list[int]
    resolutions: list[Resolution] = field(default_factory=list)
    agenda_item: str | None = None  # "(Item N)" of the meeting minuted, if printed


@dataclass(slots=True)
class Minutes:
    agenda_item: str | None
    body: str | None
    date: str | None  # the meeting the minutes RECORD
    chairman: str | None
    attendance: list[Attendee] = field(default_factory=list)
    items: list[MinuteItem] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    dated_by: str | None = None  # "minutes_header": the date printed in the minutes' opening

    def __post_init__(self) -> None:
        # the minutes parser reads the date only from the minutes' own opening (header)
        if self.date and self.dated_by is None:
            self.dated_by = "minutes_header"


@dataclass(slots=True)
class Contact:
    name: str | None = None
    tel: str | None = None
    email: str | None = None


@dataclass(slots=True)
class Recommendation:
    text: str
    page: int


@dataclass(slots=True)
class Section:
    heading: str
    text: str
    pages: list[int]


@dataclass(slots=True)
class Report:
    agenda_item: str | None
    title: str
    date: str | None
    report_from: str | None
    contact: Contact
    pages: list[int]
    recommendations: list[Recommendation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    committee: str | None = None
    decision_report: bool = False
    to_body: str | None = None  # the body the report is addressed to ("To:", "Meeting:")
    dated_by: str | None = None  # "report_header" when ``date`` is the meeting its header names


# ----------------------------------------------------------------------- enrich


@dataclass(slots=True)
class Mention:
    page: int
    agenda_item: str | None


@dataclass(slots=True)
class Entity:
    text: str
    label: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    holder: str | None = None  # ROLE entities: the person named as holding the role


@dataclass(slots=True)
class Figure:
    text: str
    value: float
    unit: str
    about: str
    context: str
    page: int
    agenda_item: str | None
    period: str | None = None
    value_max: float | None = None  # upper bound of a range ("230-300")
    per: float | None = None  # rates: the base ("per 100,000" -> 100000)


@dataclass(slots=True)
class Table:
    page: int
    agenda_item: str | None
    header: list[str]
    rows: list[list[str]]


@dataclass(slots=True)
class Commitment:
    """A promise of a later update or action ("a further update to the Board in six months").

    ``due`` is "YYYY-MM-DD" or "YYYY-MM" resolved against ``anchor_date`` (the meeting the
    text belongs to: minutes -> the meeting they record, reports -> the pack's meeting), or
    None when no date is stated; ``due_text`` is the phrase as written.
    """

    text: str
    due: str | None
    due_text: str | None
    to_body: str | None
    by: str | None
    source_kind: str  # "resolution" | "recommendation" | "minutes" | "report"
    agenda_item: str | None
    page: int
    minute_item: str | None = None  # minute number, when the promise is in minutes
    anchor_date: str | None = None  # YYYY-MM-DD the due date was resolved against


# ------------------------------------------------------------------------ pack


@dataclass(slots=True)
class PageInfo:
    number: int
    ocr: bool = False
    has_text: bool = True
    agenda_item: str | None = None
    text: str = ""  # cleaned text (furniture removed)


@dataclass(slots=True)
class Pack:
    source: str  # file name
    sha256: str
    page_count: int
    meeting: Meeting
    agenda: list[AgendaItem] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    minutes: list[Minutes] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    blank_pages: list[int] = field(default_factory=list)
    pages: list[PageInfo] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Pack:
        return _pack_reader()(d)


@dataclass(slots=True)
class ErrorItem:
    """One thing that went wrong, with where (page) when it is page-local."""

    stage: str
    message: str
    page: int | None = None


@dataclass(slots=True)
class ExtractResult:
    """The envelope ``extract`` always returns: never raises for a bad page."""

    source: str
    status: Status
    pack: Pack | None
    errors: list[ErrorItem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status.value,
            "pack": self.pack.to_dict() if self.pack else None,
            "errors": [dataclasses.asdict(e) for e in self.errors],
            "timings": self.timings,
        }

    @property
    def reason(self) -> str:
        """One-line reason for a failure or partial success."""
        return "; ".join(e.message for e in self.errors) or self.status.value


# -------------------------------------------------------------- deserialisation


def _reader(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """How a dataclass is read from its ``to_dict()`` JSON: the fields it declares (a field the
    JSON leaves out takes its default), each nested dataclass, or list of them, read so too."""
    hints = typing.get_type_hints(cls)
    fields: list[tuple[str, Callable[[Any], Any] | None]] = []
    for f in dataclasses.fields(cast(Any, cls)):
        hint: Any = hints[f.name]
        item: Any = typing.get_args(hint)[0] if typing.get_origin(hint) is list else None
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            fields.append((f.name, _reader(hint)))
        elif isinstance(item, type) and dataclasses.is_dataclass(item):
            fields.append((f.name, _list_reader(_reader(item))))
        else:
            fields.append((f.name, None))

    def read(d: dict[str, Any]) -> T:
        return cls(**{name: r(d[name]) if r else d[name] for name, r in fields if name in d})

    return read


def _list_reader(item: Callable[[dict[str, Any]], Any]) -> Callable[[list[Any]], list[Any]]:
    return lambda values: [item(v) for v in values]


@functools.cache
def _pack_reader() -> Callable[[dict[str, Any]], Pack]:
    """:meth:`Pack.from_dict`'s reader, made on the first read (not at import)."""
    return _reader(Pack)
