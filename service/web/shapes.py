"""The JSON Schemas of what the API answers, for ``/openapi.json`` (:mod:`.apidocs`).

They say which fields every answer has and their types; objects may carry more fields
than listed (a field added later does not break a client that validates), except the one
error shape, which is exactly ``{"error": {"code", "message"}}``. The schemathesis run in
``tests/test_api_fuzz.py`` checks every response against them.
"""

from __future__ import annotations

from typing import Any

from service.query.followups import STATUSES as FOLLOWUP_STATUSES
from service.store.base import KINDS

STR = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}
STR_OR_NULL = {"type": ["string", "null"]}
INT_OR_NULL = {"type": ["integer", "null"]}
NUM_OR_NULL = {"type": ["number", "null"]}
DATE_OR_NULL = {"type": ["string", "null"], "description": "YYYY-MM-DD"}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    """An object with these fields (``required`` always present)."""
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
    }


def array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


PASSAGE_FIELDS = {
    "text": STR,
    "kind": {"type": "string", "enum": list(KINDS)},
    "body": STR_OR_NULL,
    "meeting_date": DATE_OR_NULL,
    "agenda_item": STR_OR_NULL,
    "item_title": STR_OR_NULL,
    "pack": STR,
    "page": INT_OR_NULL,
}
FACET = array(obj({"value": STR, "count": INT}))
FIGURE = obj(
    {
        "text": STR,
        "value": NUM,
        "unit": STR,
        "about": STR,
        "context": STR,
        "page": INT,
        "agenda_item": STR_OR_NULL,
    },
    {"period": STR_OR_NULL, "value_max": NUM_OR_NULL, "per": NUM_OR_NULL},
)
COUNTS = obj(
    {
        k: INT
        for k in (
            "agenda_items",
            "documents",
            "minutes",
            "reports",
            "resolutions",
            "recommendations",
            "pages",
            "passages",
        )
    }
)
JOB_STATUS = {"type": "string", "enum": ["queued", "running", "done", "failed"]}
ALERT = obj(
    {
        "id": INT,
        "query": STR,
        "body": STR_OR_NULL,
        "kind": STR_OR_NULL,
        "from": STR_OR_NULL,
        "to": STR_OR_NULL,
        "created_at": STR,
        "matches": INT,
        "unseen": INT,
        "feed": STR,
    }
)
ALERT_ENTRY = obj(
    {
        "id": INT,
        "meeting_date": DATE_OR_NULL,
        "body": STR_OR_NULL,
        "agenda_item": STR_OR_NULL,
        "item_title": STR_OR_NULL,
        "kind": {"type": "string", "enum": list(KINDS)},
        "quote": STR,
        "pack": STR,
        "page": INT_OR_NULL,
        "pdf_url": STR,
        "meeting_url": STR,
        "matched_at": STR,
        "matches": array(INT),
    }
)

SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "additionalProperties": False,
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "additionalProperties": False,
                "properties": {"code": STR, "message": STR},
            }
        },
    },
    "Health": obj({"status": {"type": "string", "enum": ["ok"]}, "packs": INT, "passages": INT}),
    "SearchResult": obj({"rank": INT, "score": NUM, **PASSAGE_FIELDS}),
    "Search": obj(
        {
            "query": STR,
            "results": array(ref("SearchResult")),
            "facets": obj({"body": FACET, "year": FACET, "kind": FACET}),
        },
        {"notes": array(STR)},
    ),
    "Ask": obj(
        {
            "question": STR,
            "understood": {"type": "object"},
            "answer": {
                "anyOf": [
                    obj(
                        {
                            **PASSAGE_FIELDS,
                            "pdf_url": STR,
                            "why": STR_OR_NULL,
                            "confidence": NUM_OR_NULL,
                            "asked_to": array(obj({**PASSAGE_FIELDS, "pdf_url": STR})),
                        }
                    ),
                    {"type": "null"},
                ]
            },
            "timeline": array(
                obj(
                    {
                        "meeting_date": DATE_OR_NULL,
                        "body": STR_OR_NULL,
                        "item_title": STR_OR_NULL,
                        "pack": STR,
                        "page": INT_OR_NULL,
                        "status": {"type": "string", "enum": ["discussed", "mentioned"]},
                        "confidence": NUM_OR_NULL,
                    }
                )
            ),
            "results": array(ref("SearchResult")),
            "partial": {"type": "boolean"},
        },
        {"message": STR, "notes": array(STR)},
    ),
    "Meeting": obj(
        {
            "pack": STR,
            "source": STR,
            "council": STR_OR_NULL,
            "body": STR_OR_NULL,
            "date": DATE_OR_NULL,
            "time": STR_OR_NULL,
            "place": STR_OR_NULL,
            "minutes_of": array(STR),
            "counts": COUNTS,
        }
    ),
    "Meetings": obj({"meetings": array(ref("Meeting"))}),
    "PackRecord": obj(
        {
            "id": STR,
            "sha256": STR,
            "source": STR,
            "council": STR_OR_NULL,
            "body": STR_OR_NULL,
            "meeting_date": DATE_OR_NULL,
            "status": STR,
            "page_count": INT,
            "passages": INT,
            "indexed_at": STR,
        }
    ),
    "Packs": obj({"packs": array(ref("PackRecord"))}),
    "Pack": obj(
        {
            "source": STR,
            "sha256": STR,
            "page_count": INT,
            "meeting": {"type": "object"},
            "agenda": array({"type": "object"}),
            "documents": array({"type": "object"}),
            "minutes": array({"type": "object"}),
            "reports": array({"type": "object"}),
            "figures": array(ref("Figure")),
        }
    ),
    "Figure": FIGURE,
    "Figures": obj(
        {
            "pack": STR,
            "figures": array(ref("Figure")),
            "total": INT,
            "omitted": INT,
        }
    ),
    "FollowUpEvidence": obj(
        {
            "pack": STR,
            "meeting_date": DATE_OR_NULL,
            "body": STR_OR_NULL,
            "agenda_item": STR_OR_NULL,
            "item_title": STR_OR_NULL,
            "kind": STR,
            "page": INT_OR_NULL,
            "text": STR,
            "pdf": STR,
        }
    ),
    "FollowUp": obj(
        {
            "id": INT,
            "status": {"type": "string", "enum": list(FOLLOWUP_STATUSES)},
            "text": STR,
            "body": STR_OR_NULL,
            "meeting_date": DATE_OR_NULL,
            "due": {"type": ["string", "null"], "description": "YYYY-MM-DD or YYYY-MM"},
            "due_text": STR_OR_NULL,
            "to_body": STR_OR_NULL,
            "by": STR_OR_NULL,
            "source_kind": STR,
            "pack": STR,
            "agenda_item": STR_OR_NULL,
            "minute_item": STR_OR_NULL,
            "item_title": STR_OR_NULL,
            "page": INT,
            "pdf": STR,
            "checked_until": DATE_OR_NULL,
            "met_by": {"oneOf": [ref("FollowUpEvidence"), {"type": "null"}]},
        }
    ),
    "FollowUps": obj(
        {
            "followups": array(ref("FollowUp")),
            "counts": obj({s: INT for s in FOLLOWUP_STATUSES}),
            "filters": {"type": "object"},
            "method": STR,
        },
        {"notes": array(STR)},
    ),
    "JobAccepted": obj({"id": STR, "status": JOB_STATUS}),
    "Job": obj(
        {
            "id": STR,
            "status": JOB_STATUS,
            "progress": NUM,
            "stage": STR,
            "file": STR,
            "size": INT,
            "submitted_at": STR,
            "finished_at": STR_OR_NULL,
        },
        {"pack": STR_OR_NULL, "error": STR, "result": {"type": "object"}},
    ),
    "Alert": ALERT,
    "Alerts": obj({"alerts": array(ref("Alert"))}),
    "AlertEntry": ALERT_ENTRY,
    "AlertShow": obj({"alert": ref("Alert"), "entries": array(ref("AlertEntry"))}),
    "AlertDeleted": obj({"id": INT, "deleted": {"type": "boolean", "enum": [True]}}),
}

# the schema of each route's success, by (method, path)
SUCCESS: dict[tuple[str, str], str] = {
    ("GET", "/healthz"): "Health",
    ("GET", "/search"): "Search",
    ("GET", "/ask"): "Ask",
    ("GET", "/meetings"): "Meetings",
    ("GET", "/packs"): "Packs",
    ("GET", "/packs/{pack_id}"): "Pack",
    ("GET", "/packs/{pack_id}/figures"): "Figures",
    ("GET", "/followups"): "FollowUps",
    ("POST", "/packs"): "JobAccepted",
    ("GET", "/jobs/{job_id}"): "Job",
    ("POST", "/alerts"): "Alert",
    ("GET", "/alerts"): "Alerts",
    ("GET", "/alerts/{alert_id}"): "AlertShow",
    ("DELETE", "/alerts/{alert_id}"): "AlertDeleted",
}
