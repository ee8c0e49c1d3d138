"""Minutes rules keyed on what a layout means: minute labels, outcome markers, attendance.

Small laid-out pages (``fake_page``) pin each rule to the layout that motivates it; the real
files are from the dev half of the gold set (corpora/extract_gold/dev), never the test half.
"""

from __future__ import annotations

import pytest

from extract.layout import layout
from extract.model import Minutes
from extract.pages import read_pages
from extract.structure.agenda import parse_agenda
from extract.structure.attendance import apologies_in, names_list, same_person
from extract.structure.minutes import looks_like_minutes, parse_minutes
from tests.structure_helpers import fake_page, real_file

LEFT, TEXT = 72.0, 108.0  # label column and text column


OPENING = [
    (LEFT, "MINUTES of a meeting of the Finance Panel held in the Council Chamber, Town Hall,"),
    (LEFT, "on Friday 3 May 2024 at 10.00 am, the Chairman having opened the meeting with a"),
    (LEFT, "welcome to the members and officers who attended, and having reminded those in"),
    (LEFT, "the public gallery that the meeting would be recorded and published on the web"),
    (LEFT, "site of the council, where it would remain for the following twelve months, and"),
    (LEFT, "that the recording would be subject to the council's policy on the protection"),
    (LEFT, "of personal data."),
]


def _page(*blocks: list[tuple[float, str]]) -> list[tuple[float, float, str]]:
    """Rows (x, top, text): lines of a block 14 pt apart, blocks 24 pt apart."""
    rows, top = [], 74.0
    for block in blocks:
        for x, text in block:
            rows.append((x, top, text))
            top += 14.0
        top += 10.0
    return rows


def _minutes(rows: list[tuple[float, float, str]]) -> Minutes:
    minutes = parse_minutes([fake_page(1, rows, size=10.0)], "3")
    assert minutes is not None
    return minutes


def _people(minutes: Minutes) -> list[tuple[str, bool, str | None]]:
    return [(a.name, a.present, a.substitute_for) for a in minutes.attendance]


def _real(name: str) -> Minutes:
    minutes = parse_minutes(layout(read_pages(real_file(name)).pages), None)
    assert minutes is not None
    return minutes


# ------------------------------------------------------------------ minute labels


def test_a_hanging_label_set_above_its_title_is_its_minute():
    rows = _page(
        OPENING,
        [(LEFT, "12 APOLOGIES FOR ABSENCE")],
        [
            (TEXT, "Apologies were received from Councillor Grey. The Panel went on to"),
            (LEFT, "13 consider the accounts."),  # the next label, level with this line
        ],
        [(TEXT, "ANNUAL ACCOUNTS"), (TEXT, "The Panel received the accounts for the year.")],
        [(LEFT, "14")],  # alone between the items
        [(TEXT, "WORK PROGRAMME"), (TEXT, "The work programme was noted.")],
    )
    minutes = _minutes(rows)
    assert [(i.number, i.title) for i in minutes.items] == [
        ("12", "APOLOGIES FOR ABSENCE"),
        ("13", "ANNUAL ACCOUNTS"),
        ("14", "WORK PROGRAMME"),
    ]
    assert minutes.items[0].text.endswith("The Panel went on to consider the accounts.")


def test_headings_over_item_references_without_minute_numbers():
    rows = _page(
        OPENING,
        [(LEFT, "Apologies for Absence"), (LEFT, "(Item 1)")],
        [(LEFT, "Apologies were received from Mr A Brown.")],
        [(LEFT, "Internal Audit Progress Report"), (LEFT, "(Item 2)")],
        [(LEFT, "RESOLVED that the report be noted.")],
    )
    minutes = _minutes(rows)
    got = [(i.number, i.title, i.agenda_item) for i in minutes.items]
    assert got == [
        ("", "Apologies for Absence", "1"),
        ("", "Internal Audit Progress Report", "2"),
    ]
    assert [r.text for r in minutes.items[1].resolutions] == ["That the report be noted."]
    assert _people(minutes) == [("Mr A Brown", False, None)]


def test_dotted_minute_references_with_titles_in_title_case():
    rows = _page(
        OPENING,
        [(LEFT, "24.03.1 Apologies"), (TEXT + 36, "Cllr Green, Cllr Black.")],
        [(LEFT, "24.03.2 Playing Field"), (TEXT + 36, "The Council resolved to repair the gate.")],
        [(LEFT, "123 Reg paid by direct debit £11.99")],  # a row of a payments list
    )
    minutes = _minutes(rows)
    assert [(i.number, i.title) for i in minutes.items] == [
        ("24.03.1", "Apologies"),
        ("24.03.2", "Playing Field"),
    ]
    assert [r.text for r in minutes.items[1].resolutions] == [
        "The Council resolved to repair the gate."
    ]
    assert _people(minutes) == [("Cllr Green", False, None), ("Cllr Black", False, None)]


def test_minute_numbers_with_the_year_before_a_slash():
    rows = _page(
        OPENING,
        [(LEFT, "24/31 Apologies"), (TEXT + 36, "Cllr Green, Cllr Black.")],
        [(LEFT, "24/32 Playing Field"), (TEXT + 36, "The Council resolved to repair the gate.")],
    )
    minutes = _minutes(rows)
    assert [(i.number, i.title) for i in minutes.items] == [
        ("24/31", "Apologies"),
        ("24/32", "Playing Field"),
    ]


def test_a_year_ending_a_wrapped_sentence_is_not_a_minute():
    rows = _page(
        OPENING,
        [(LEFT, "1. APOLOGIES"), (LEFT, "None.")],
        [
            (LEFT, "2. CLOSE"),
            (LEFT, "That the meeting be adjourned and that the next regular meeting of the"),
            (LEFT, "Panel be held in the Council Chamber at the Town Hall on 17 December,"),
            (LEFT, "2024. Carried."),
        ],
    )
    assert [i.number for i in _minutes(rows).items] == ["1", "2"]


# ------------------------------------------------------------------ outcomes

NOTED = ["That the report be noted."]


@pytest.mark.parametrize(
    ("outcome", "want"),
    [
        ([[(TEXT, "RESOLVED:"), (TEXT, "That the report be noted.")]], NOTED),
        ([[(TEXT, "Resolved – That the report be noted.")]], NOTED),
        ([[(TEXT, "RESOLVED that the report be noted.")]], NOTED),
        ([[(TEXT, "AGREED: That the report be noted.")]], NOTED),
        ([[(TEXT, "The Panel noted the report.")]], ["The Panel noted the report."]),
        (
            [
                [(TEXT, "Resolved"), (TEXT, "That the report be noted.")],
                [(TEXT, "That a further report come to the next meeting.")],
            ],
            ["That the report be noted.", "That a further report come to the next meeting."],
        ),
        (
            [
                [
                    (TEXT, "The Panel resolved to:"),
                    (TEXT, "a) Note the report."),
                    (TEXT, "b) Approve the plan."),
                ]
            ],
            ["Note the report.", "Approve the plan."],
        ),
        (
            [[(TEXT, "It was proposed by Cllr Ash and unanimously agreed to donate £50.")]],
            ["It was proposed by Cllr Ash and unanimously agreed to donate £50."],
        ),
        # ext21's house-style forms: a decision label, "The Panel agreed:" over clauses, a
        # table's "Decision" heading alone, "It was RESOLVED that:", bullets after a lead-in
        ([[(TEXT, "DECISION: That the report be noted.")]], NOTED),
        (
            [
                [
                    (TEXT, "Decision"),
                    (TEXT, "(a) That the report be noted."),
                    (TEXT, "(b) That the plan be approved."),
                ]
            ],
            ["That the report be noted.", "That the plan be approved."],
        ),
        (
            [
                [
                    (TEXT, "The Panel agreed:"),
                    (TEXT, "(i) That the report be noted."),
                    (TEXT, "(ii) That the plan be approved."),
                ]
            ],
            ["That the report be noted.", "That the plan be approved."],
        ),
        (
            [
                [
                    (TEXT, "It was RESOLVED that:"),
                    (TEXT, "• the report be noted; and"),
                    (TEXT, "• the plan be approved."),
                ]
            ],
            ["the report be noted; and", "the plan be approved."],
        ),
    ],
)
def test_every_outcome_form_gives_the_resolution(outcome, want):
    rows = _page(
        OPENING,
        [(LEFT, "7 BUDGET MONITORING")],
        [(TEXT, "The Panel considered the report of the Treasurer.")],
        *outcome,
    )
    assert [r.text for r in _minutes(rows).items[0].resolutions] == want


def test_payments_agreed_over_a_list_are_not_a_lead_in_to_clauses():
    rows = _page(
        OPENING,
        [(LEFT, "7 ACCOUNTS")],
        [
            (TEXT, "The following payments were agreed:"),
            (TEXT, "• Hall hire £25"),
            (TEXT, "• Bins £14"),
        ],
    )
    assert len(_minutes(rows).items[0].resolutions) <= 1  # one decision, not one per payment


@pytest.mark.parametrize(
    "chair",
    [
        [(LEFT, "In the Chair: Councillor A Smith")],
        [(LEFT, "Chairman – Councillor A Smith")],
        [(LEFT, "Presiding: Councillor A Smith")],
        [(LEFT, "Councillor A Smith chaired the meeting.")],
        [(LEFT, "Councillor A Smith presided.")],
        [(LEFT, "The Chairman, Councillor A Smith, welcomed those present.")],
        [(LEFT, "Chairman Councillor A Smith opened the meeting.")],
        [(LEFT, "Councillor A Smith (Chair) welcomed everyone to the meeting.")],
        [(LEFT, "Councillor A Smith, Chairman, opened the meeting.")],
        [(LEFT, "Councillor A Smith called the meeting to order at 7:00 p.m.")],
        [(LEFT, "Councillor A Smith declared the meeting open at 7.30pm.")],
    ],
)
def test_every_chair_form_names_the_chairman(chair):
    rows = _page(
        [(LEFT, "MINUTES of a meeting of the Finance Panel held on Friday 3 May 2024")],
        chair,
        [(LEFT, "PRESENT: Councillor A Smith, Councillor B Jones and Councillor C Day")],
        [(LEFT, "1 APOLOGIES"), (TEXT, "None.")],
    )
    assert _minutes(rows).chairman == "Councillor A Smith"


def test_a_post_between_commas_is_not_a_person():
    people = names_list("Cllr A Smith, Chair; Cllr B Jones, Vice Chair; Cllr C Day", True)
    assert [(p.name, p.role) for p in people] == [
        ("Cllr A Smith", "Chair"),
        ("Cllr B Jones", "Vice Chair"),
        ("Cllr C Day", None),
    ]


def test_a_noted_sentence_mid_item_is_not_an_outcome():
    rows = _page(
        OPENING,
        [(LEFT, "7 BUDGET MONITORING")],
        [(TEXT, "The Panel noted that spending was on budget.")],
        [(TEXT, "Members asked about the reserves.")],
    )
    assert _minutes(rows).items[0].resolutions == []


# ------------------------------------------------------------------ the body


@pytest.mark.parametrize(
    ("heading", "body"),
    [
        (
            [(LEFT, "MINUTES of a meeting of the Scrutiny Committee of Upton County Council held")],
            "Scrutiny Committee",
        ),
        (
            [(LEFT, "A regular meeting of the Township of Upton Council was held on 3 May 2024")],
            "Township of Upton Council",
        ),
        (
            [
                (LEFT, "MINUTES OF THE MEETING OF THE AUDIT COMMITTEE"),
                (LEFT, "HELD AT THE TOWN HALL"),
            ],
            "Audit Committee",
        ),
        ([(LEFT, "Upton Parish Council - 5th March 2024")], "Upton Parish Council"),
        (
            [(LEFT, "Finance Panel"), (LEFT, "Minutes of a Meeting held on 3 May 2024")],
            "Finance Panel",
        ),
        ([(LEFT, "Agenda Item C"), (LEFT, "Tuesday, 3 May 2024")], None),
    ],
)
def test_the_body_named_by_the_opening(heading, body):
    rows = _page(heading, [(LEFT, "1. APOLOGIES")], [(TEXT, "None.")])
    assert _minutes(rows).body == body


def test_a_stray_superscript_figure_does_not_change_the_recorded_date():
    # "17th August 2 2021": the "2" is what is left of a superscript; the front sheet reader
    # already read 17 August, and the minutes must record the same meeting
    rows = _page(
        [(LEFT, "DRAFT Minutes for the Upton Community Council Meeting")],
        [(LEFT, "Held at 7pm on 17th August 2 2021")],
        [(LEFT, "1. APOLOGIES")],
        [(TEXT, "None.")],
    )
    assert _minutes(rows).date == "2021-08-17"


# ------------------------------------------------------------------ attendance


def test_apologies_and_substitutes_stated_in_sentences():
    rows = _page(
        OPENING,
        [
            (LEFT, "PRESENT: Councillor Ann Lee (Chairman), Councillor Bob Hale and"),
            (LEFT, "Councillor Cara Moss (substitute for Councillor Dan Cole)"),
        ],
        [(LEFT, "1. APOLOGIES FOR ABSENCE")],
        [
            (TEXT, "Apologies for absence were received from Councillor Dan Cole and"),
            (TEXT, "Councillor Eve Hart."),
        ],
    )
    minutes = _minutes(rows)
    assert _people(minutes) == [
        ("Councillor Ann Lee", True, None),
        ("Councillor Bob Hale", True, None),
        ("Councillor Cara Moss", True, "Councillor Dan Cole"),
        ("Councillor Dan Cole", False, None),
        ("Councillor Eve Hart", False, None),
    ]
    assert minutes.chairman == "Councillor Ann Lee"


def test_a_star_grid_with_absent_members_first_in_a_row():
    rows = _page(
        OPENING,
        [
            (LEFT, "Chairman: * Councillor Ann Lee"),
            (LEFT, "Councillor Bob Hale * Councillor Cara Moss"),
            (LEFT, "Substitute: * Councillor Fay Dunn (substitute for Councillor Bob Hale)"),
            (LEFT, "*Present"),
        ],
        [(LEFT, "1. MINUTES")],
        [(TEXT, "The minutes were confirmed.")],
    )
    assert _people(_minutes(rows)) == [
        ("Councillor Ann Lee", True, None),
        ("Councillor Bob Hale", False, None),
        ("Councillor Cara Moss", True, None),
        ("Councillor Fay Dunn", True, "Councillor Bob Hale"),
    ]


def test_name_and_role_columns_under_present_and_apologies():
    rows = _page(
        [(LEFT, "Minutes for the Upton Community Council Meeting held on 3 May 2024")],
        [(LEFT, "Present")],
        [
            (LEFT + 6, "Jo Smith Convenor"),
            (LEFT + 6, "Al Jones Vice Convenor"),
            (LEFT + 6, "Cllr Sam Ray Ward Councillor"),
        ],
        [(LEFT, "Apologies:")],
        [(LEFT + 6, "Pat Kerr Member")],
        [(LEFT, "1. Police report")],
        [
            (TEXT, "There was no report this month, and the Convenor asked the Secretary to"),
            (TEXT, "write to the local inspector."),
        ],
    )
    minutes = _minutes(rows)
    assert _people(minutes) == [
        ("Jo Smith", True, None),
        ("Al Jones", True, None),
        ("Cllr Sam Ray", True, None),
        ("Pat Kerr", False, None),
    ]
    assert minutes.chairman == "Jo Smith"
    assert minutes.body == "Upton Community Council"


def test_names_lists_carry_plural_titles_and_drop_honours_and_groups():
    people = names_list(
        "Councillors A Brown and C Dee, Mr E Fox, OBE, two members of the public", True
    )
    assert [p.name for p in people] == ["Councillor A Brown", "Councillor C Dee", "Mr E Fox"]
    absent = apologies_in("The Clerk reported apologies from Mrs G Hill and Ms J King.")
    assert [p.name for p in absent] == ["Mrs G Hill", "Ms J King"]
    people = names_list(
        "Cllrs Hayes, Cobb, County Cllr Webb and the Clerk. Members of the public – Mr A Lang.",
        True,
    )
    assert [p.name for p in people] == ["Cllr Hayes", "Cllr Cobb", "County Cllr Webb", "Mr A Lang"]
    staff = names_list("Land Planning & Technology Administrator Jo Neal, Clerk Kim Turner", True)
    assert [p.name for p in staff] == ["Jo Neal", "Kim Turner"]  # "Land Planning": no one


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Councillor Alan Pearce", "Councillors Pearce", True),
        ("Mr B J Sweetland", "Brian Sweetland", True),
        ("Councillor Chris Edge", "Councillor Corinna Edge", False),
        ("Mr A Brady", "Mrs A Brady", False),
    ],
)
def test_same_person(a: str, b: str, same: bool):
    assert same_person(a, b) is same


# ------------------------------------------------------------------ minutes or agenda


def test_a_page_of_minutes_is_not_read_as_an_agenda():
    rows = [
        (LEFT, 74.0, "UPTON COMMUNITY COUNCIL"),
        (LEFT, 100.0, "PRESENT"),
        (LEFT, 114.0, "Councillors Ann Lee, Bob Hale and Cara Moss."),
        (LEFT, 140.0, "1. WELCOME AND APOLOGIES"),
        (LEFT, 154.0, "Apologies received from Cllr Dan Cole."),
        (LEFT, 180.0, "2. DECLARATIONS OF INTEREST"),
        (LEFT, 194.0, "None."),
        (LEFT, 220.0, "3. PLANNING"),
        (LEFT, 234.0, "No applications."),
    ]
    page = fake_page(1, rows)
    assert looks_like_minutes(page.lines)
    assert parse_agenda([page]) == []


# ------------------------------------------------------------------ dev files


@pytest.mark.shared
def test_town_council_minutes_items_resolutions_and_substitute():
    minutes = _real("uk_sutton-coldfield-tc_2018-03-13_alcs-committee_minutes.pdf")
    numbers = [i.number for i in minutes.items]
    assert numbers == ["52", "53", "54", "55", "6", *[str(n) for n in range(57, 63)]]
    assert "Committee resolved to note the apologies." in [
        r.text for r in minutes.items[0].resolutions
    ]
    wood = next(a for a in minutes.attendance if a.name == "Cllr Wood")
    assert (wood.present, wood.substitute_for) == (True, "Cllr Ellis")
    absent = [a.name for a in minutes.attendance if not a.present]
    assert absent == ["Cllr Ives", "Cllr Ward", "Cllr Ellis"]


@pytest.mark.shared
def test_parish_minutes_with_dotted_references_and_a_title_line():
    minutes = _real("uk_milburn-pc_2019-03-05_council_minutes.pdf")
    assert minutes.body == "Milburn Parish Council"
    assert [i.number for i in minutes.items][:4] == ["19.03.1", "19.03.2", "19.03.3", "19.01.4"]
    assert len(minutes.items) == 12
    assert [a.name for a in minutes.attendance if not a.present] == ["Alan Armstrong"]


@pytest.mark.shared
def test_community_council_attendance_inside_the_first_minute():
    minutes = _real("uk_garelochhead-cc_2021-08-17_council_minutes.pdf")
    assert minutes.body == "Garelochhead Community Council"
    assert minutes.chairman == "Watson Robinson"
    present = [a.name for a in minutes.attendance if a.present]
    absent = [a.name for a in minutes.attendance if not a.present]
    assert present[:4] == ["Watson Robinson", "Hilary Worton", "Carole Spencer", "David Norton"]
    assert len(absent) == 7
    assert [i.number for i in minutes.items][7:10] == ["8a", "8b", "8c"]


@pytest.mark.shared
def test_welsh_community_council_minutes_in_english():
    minutes = _real("uk_manordeilo-salem-cc_2019-03-13_council_minutes.pdf")
    assert minutes.body == "Manordeilo and Salem Community Council"
    assert minutes.chairman == "Councillor Alun Davies"  # "Cllr. Alun Davies took the Chair"
    assert [a.name for a in minutes.attendance if not a.present] == [
        "Cllr Dorian Jenkins",
        "Cllr Doris Jones",
        "Cllr William Loynton",
        "Cllr Andrew Thomas",
    ]
    assert [i.number for i in minutes.items] == [str(n) for n in range(1, 13)]
    assert sum(len(i.resolutions) for i in minutes.items) >= 6


@pytest.mark.shared
def test_a_parish_agenda_without_an_agenda_heading_line():
    agenda = parse_agenda(
        layout(read_pages(real_file("uk_souldern-pc_2025-06-26_council_agenda.pdf")).pages)
    )
    assert [a.number for a in agenda] == [str(n) for n in range(1, 11)]
