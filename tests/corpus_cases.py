"""What the corpus-independent tests look for in each indexed corpus.

``sample`` is the committed fictional corpus (corpora/sample), always present; ``corpus`` is
the three Hampshire packs in ../shared/corpus. Every key is defined for both, so a test that
takes its case from here runs on both and never skips because one corpus lacks an example.
"""

from __future__ import annotations

from typing import Any

CASES: dict[str, dict[str, Any]] = {
    "sample": {
        # a reference printed in more than one pack, matched exactly
        "exact_references": ["Standing Order 15", "Virtual School"],
        # (query with a quoted phrase, the phrase)
        "quoted": ('how is the "Foster for Borsetshire" campaign doing', "Foster for Borsetshire"),
        # (a question in other words, the tokens a passage it should find holds)
        "paraphrase": ("phone line foster carers can ring any day of the week", {"helpline"}),
        # (a question that never says the acronym, the acronym the corpus uses)
        "acronym": ("children placed with private fostering companies", {"ifa", "ifas"}),
        # (query, a body-name fragment every result must carry)
        "body_filter": ("youth centres", "scrutiny committee"),
        # (query, from, to, kind, the dates every result must fall between)
        "date_kind": (
            "children in care",
            "2024-04",
            "2024-07-31",
            "report",
            ("2024-04-01", "2024-07-31"),
        ),
        "topic": "foster carers",
        # questions for ask(): the file that holds them, then ids (and what to check) by test
        "questions": "corpora/sample/questions.json",
        "when_last": "s01",
        "decision": ("s04", "support the recommendations to Cabinet"),  # (id, words quoted)
        # (id, the meeting the minutes record, the date of the pack printing them)
        "minutes_date": ("s03", "2023-10-16", "2024-01-15"),
        "who_wrote": ("s08", "Owen Pritchard"),
        "acronym_needed": ("s01", "IFA"),  # (id, an acronym the lexicon learns from the packs)
        "same_json": "s01",
        # search route parameters and the CLI flags that say the same
        "search_params": [
            ({"q": "IFA"}, []),
            (
                {
                    "q": "foster carers",
                    "body": "scrutiny committee",
                    "from": "2024-01-01",
                    "to": "2024-12-31",
                    "kind": "report",
                    "limit": 3,
                },
                [
                    *("--body", "scrutiny committee", "--from", "2024-01-01"),
                    *("--to", "2024-12-31", "--kind", "report", "--limit", "3"),
                ],
            ),
            ({"q": "Standing Order 15", "mode": "bm25"}, ["--mode", "bm25"]),
        ],
    },
    "corpus": {
        "exact_references": ["Standing Order 12", "UASC"],
        "quoted": ('feedback about the "Mind of My Own" app', "Mind of My Own"),
        "paraphrase": (
            "phone app that lets children in care tell their social workers how they feel",
            {"app", "momo"},
        ),
        "acronym": ("how many lone child asylum seekers are we looking after", {"uasc"}),
        "body_filter": ("youth offending", "advisory panel"),
        "date_kind": (
            "children in care",
            "2018",
            "2018-12",
            "report",
            ("2018-01-01", "2018-12-31"),
        ),
        "topic": "foster carers",
        "questions": "corpora/eval/questions.json",
        "when_last": "q05",  # "lone child asylum seekers" for UASC; counted in 2017 and 2018 too
        "decision": ("q16", "note the difficulties"),
        "minutes_date": ("q13", "2021-10-21", "2022-06-15"),
        "who_wrote": ("q50", "Contact name: Sarah Herbert"),
        "acronym_needed": ("q05", "UASC"),  # needs the pack's own acronym
        "same_json": "q11",
        "search_params": [
            ({"q": "UASC"}, []),
            (
                {
                    "q": "foster carers",
                    "body": "corporate parenting",
                    "from": "2018-01-01",
                    "to": "2018-12-31",
                    "kind": "report",
                    "limit": 3,
                },
                [
                    *("--body", "corporate parenting", "--from", "2018-01-01"),
                    *("--to", "2018-12-31", "--kind", "report", "--limit", "3"),
                ],
            ),
            ({"q": "Standing Order 12", "mode": "bm25"}, ["--mode", "bm25"]),
        ],
    },
}
