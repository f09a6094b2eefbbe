"""Request and response bodies: one schema per direction (…In for requests, …Public for responses)."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from rootcause.review.split import MAX_PARTS

# Times are stored in UTC without a zone; answers say so ("2026-11-02T09:00:00Z").
UtcDatetime = Annotated[datetime, AfterValidator(lambda v: v if v.tzinfo is not None else v.replace(tzinfo=dt.UTC))]

# Static caps keep the OpenAPI description honest; settings can only lower the
# effective limits (checked in the routes).
MAX_TEXT = 20_000
MAX_BATCH = 5_000

_EX_CONTACT = {
    "id": "ZD-104233",
    "text": "Bonjour, j'ai été prélevé deux fois ce mois-ci, pouvez-vous me rembourser ?",
    "subject": "Double prélèvement",
    "created_at": "2024-03-04T09:12:00Z",
    "channel": "email",
    "customer_id": "C-88812",
    "language": "fr",
}


class ContactIn(BaseModel):
    """A contact as the CRM sends it. Only `id` and `text` (or `subject`) are needed."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EX_CONTACT]})

    id: str = Field(max_length=200, description="The CRM's contact id; makes retries idempotent.")
    text: str | None = Field(default=None, max_length=MAX_TEXT, description="Body, chat log or call transcript.")
    subject: str | None = Field(default=None, max_length=2_000)
    created_at: datetime | None = None
    channel: str | None = Field(default=None, max_length=40, description="email, chat, web_form, phone, social, letter, other")
    customer_id: str | None = Field(default=None, max_length=200)
    order_id: str | None = Field(default=None, max_length=200)
    language: str | None = Field(default=None, max_length=16, description="ISO 639-1 hint; detected when missing.")
    reason_code: str | None = Field(default=None, max_length=200)
    handling_team: str | None = Field(default=None, max_length=200)


class ClassifyIn(BaseModel):
    """One contact to classify. `id` is needed only when the contact is also stored."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EX_CONTACT]})

    id: str | None = Field(default=None, max_length=200)
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    subject: str | None = Field(default=None, max_length=2_000)
    created_at: datetime | None = None
    channel: str | None = Field(default=None, max_length=40)
    customer_id: str | None = Field(default=None, max_length=200)
    order_id: str | None = Field(default=None, max_length=200)
    language: str | None = Field(default=None, max_length=16)
    reason_code: str | None = Field(default=None, max_length=200)
    handling_team: str | None = Field(default=None, max_length=200)

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not value.strip():  # "" is refused by min_length; "   " too, like ingest does
            raise ValueError("text holds only spaces: send the contact's words")
        return value


class ClassifyBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"contacts": [_EX_CONTACT]}]})

    contacts: list[ClassifyIn] = Field(min_length=1, max_length=MAX_BATCH)


class ClassificationPublic(BaseModel):
    """Which driver a contact belongs to, who owns it, and how sure we are."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "ZD-104233",
                    "driver_id": "D007",
                    "driver_label": "double prélèvement / charged twice",
                    "theme_id": "T02",
                    "theme_label": "Facturation & Recouvrement",
                    "owner_department": "billing",
                    "confidence": 0.83,
                    "unknown": False,
                    "language": "fr",
                    "is_transcript": False,
                    "stored": None,
                }
            ]
        }
    )

    id: str | None = Field(description="The contact's id as sent; null when none was sent.")
    driver_id: str = Field(description='A driver id, "unknown" when no driver fits, "noise" when the contact states no reason.')
    driver_label: str
    theme_id: str = Field(default="", description="The process area of the driver (\"\" for unknown and noise).")
    theme_label: str = ""
    owner_department: str = Field(
        description="The contact's own owner: its driver's owner, unless its words clearly name another "
        "department's process (and the driver was not reviewed); for an unknown contact, that department or \"\"; "
        "for noise, the department whose catalogue text says it closes such messages, or \"\"."
    )
    confidence: float
    unknown: bool = Field(description="True when no known driver fits: possibly a new driver.")
    language: str
    is_transcript: bool
    stored: bool | None = Field(default=None, description="With ?store=true: whether this call stored it (false: already stored).")


class ClassifyBatchPublic(BaseModel):
    model_version: int
    results: list[ClassificationPublic]


class IngestBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"contacts": [_EX_CONTACT]}]})

    contacts: list[Any] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description="Contacts in the shape of ContactIn. Each item is checked on its own: a bad field "
        "(an unreadable or out-of-range date, a NUL character or half a character, an unknown channel, an "
        "item that is no object) rejects that item, with its field and reason, never the batch. Identifiers "
        "(`id`, `customer_id`, `order_id`) may be sent as numbers; ids are trimmed of surrounding spaces.",
        json_schema_extra={"items": {"$ref": "#/components/schemas/ContactIn"}},
    )


class IngestItemPublic(BaseModel):
    index: int
    id: str
    status: Literal["accepted", "rejected", "conflict"] = Field(
        description="`conflict` (HTTP 409's meaning, for this item): the id is stored with another text; "
        "nothing was changed. Send the batch with `?upsert=true` to replace the stored contact."
    )
    created: bool = Field(description="False for an accepted id that was already stored (a retry).")
    updated: bool = Field(default=False, description="True when `?upsert=true` replaced a stored contact's text.")
    field: str | None = None
    reason: str | None = None
    driver_id: str | None = None


class IngestBatchPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "batch_id": "5b0f…",
                    "accepted": 1,
                    "created": 1,
                    "rejected": 1,
                    "conflicts": 0,
                    "items": [
                        {"index": 0, "id": "ZD-1", "status": "accepted", "created": True, "driver_id": "D007"},
                        {"index": 1, "id": "", "status": "rejected", "created": False, "field": "id", "reason": "id is empty"},
                    ],
                }
            ]
        }
    )

    batch_id: str
    accepted: int
    created: int
    rejected: int
    conflicts: int = Field(default=0, description="Items whose id is stored with another text (status `conflict`).")
    items: list[IngestItemPublic]


class ContactPublic(BaseModel):
    """A stored contact (redacted text only)."""

    id: str
    text: str
    reason_text: str
    created_at: UtcDatetime | None
    channel: str | None
    language: str | None
    is_transcript: bool
    driver_id: str | None
    confidence: float | None
    ingested_at: UtcDatetime


class DriverRef(BaseModel):
    driver_id: str
    label: str
    size: int


class DriverPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "driver_id": "D007",
                    "label": "double prélèvement / charged twice",
                    "theme_id": "T02",
                    "theme_label": "Facturation & Recouvrement",
                    "owner_department": "billing",
                    "owner_confidence": 0.71,
                    "kind": "irritant",
                    "avoidable": True,
                    "reviewed": True,
                    "review": ["rename", "merge"],
                    "keywords": ["prélèvement", "twice"],
                    "size": 412,
                    "share": 0.061,
                    "trend": [40, 52, 48, 61, 55, 50, 58, 48],
                    "growth": 1.02,
                    "repeat_rate": 0.12,
                    "exemplars": ["J'ai été prélevé deux fois ce mois-ci"],
                    "merged_ids": ["D031"],
                }
            ]
        }
    )

    driver_id: str
    label: str
    theme_id: str = Field(default="", description="The process area the driver belongs to.")
    theme_label: str = ""
    owner_department: str
    owner_confidence: float
    kind: str
    avoidable: bool | None
    reviewed: bool = Field(description="A review decision applies to it (renamed, owner set, merged into, marked, split).")
    review: list[str] = Field(default_factory=list, description="The review actions in force on it.")
    keywords: list[str]
    products: list[str] = Field(
        default_factory=list, description="Brand, product, carrier or place names and product nouns (a fridge, a sofa) its contacts mention most (a facet, not what the driver is)."
    )
    size: int
    share: float
    trend: list[int] = Field(description="Weekly contacts over the last 8 weeks of data, oldest first.")
    growth: float | None = Field(description="Last 4 weeks over the 4 before.")
    repeat_rate: float | None = Field(description="Share of its contacts from customers who contacted about it again.")
    exemplars: list[str] = Field(description="Representative redacted reasons.")
    merged_ids: list[str]


class DriverListPublic(BaseModel):
    model_version: int
    total_contacts: int
    total_drivers: int = Field(description="Surviving drivers in all (the page holds `limit` of them at most).")
    offset: int = Field(description="Drivers skipped before this page, largest first.")
    limit: int = Field(description="The most drivers this page could hold.")
    drivers: list[DriverPublic]


class ScorecardPublic(BaseModel):
    department_id: str
    name: str
    contacts: int
    share: float
    drivers: int
    top_drivers: list[DriverRef]
    avoidable_share: float
    irritant_drivers: int
    value_drivers: int


class CandidatePublic(BaseModel):
    id: str = Field(description="A department id (owner, group), the target driver (merge) or a part id (split).")
    score: float = Field(
        description="Owner: attribution's score; merge: the drivers' similarity; split: the part's share; group: the "
        "group's mean own vote (first candidate), the driver owner's score (second)."
    )
    name: str = ""


class QuestionPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "key": "owner:D007",
                    "kind": "owner",
                    "driver_id": "D007",
                    "label": "refund not received",
                    "contacts": 42,
                    "uncertainty": 0.93,
                    "expected_fixed": 39.1,
                    "candidates": [
                        {"id": "payments", "score": 0.31, "name": "Payments"},
                        {"id": "billing", "score": 0.29, "name": "Billing"},
                    ],
                    "reason": "contested owner: Payments 0.31 against Billing 0.29; 42 contacts; an answer may put about 39 right",
                    "emerging": False,
                    "contested": True,
                }
            ]
        }
    )

    key: str = Field(description="Stable name of the question: pass it in `skip` once declined.")
    kind: Literal["owner", "merge", "split", "group"] = Field(
        description="owner: confirm or correct the owner (answer with POST .../decisions set_owner); merge: merge into "
        "the candidate driver?; split: divide the driver in two?; group: give the `group` contacts of the driver that "
        "read like the first candidate's process to that department (answer with POST .../decisions split, payload "
        "{\"parts\": 2, \"owner\": DEPARTMENT}: they are carved out as part .2 at the next refit)"
    )
    driver_id: str
    label: str
    contacts: int
    uncertainty: float = Field(description="0-1: how likely an answer changes something.")
    expected_fixed: float = Field(description="Contacts an answer may put right (contacts x uncertainty; x2 for an emerging driver): the rank.")
    candidates: list[CandidatePublic]
    reason: str = Field(description="Why it is asked.")
    emerging: bool
    contested: bool
    group: int = Field(default=0, description="group: the contacts the answer would carve out (0 for the other kinds).")


class ReviewQueuePublic(BaseModel):
    model_version: int
    questions: list[QuestionPublic]


class _DecisionBody(BaseModel):
    """A decision's body: flat (``{"action": "rename", "label": "…"}``) or as in a decisions file
    (``{"action": "rename", "payload": {"label": "…"}}``); both mean the same."""

    @model_validator(mode="before")
    @classmethod
    def _flatten_payload(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "payload" not in data:
            return data
        payload = data["payload"]
        if not isinstance(payload, dict):
            raise ValueError("payload must be an object of the action's fields, e.g. {\"label\": \"Refund delay\"}")
        rest = {k: v for k, v in data.items() if k != "payload"}
        both = sorted(set(rest) & set(payload))
        if both:
            raise ValueError(f"{', '.join(both)} given both beside and inside payload: give each field once")
        return {**rest, **payload}


class RenameIn(_DecisionBody):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"action": "rename", "label": "Refund delay"}]})
    action: Literal["rename"]
    label: str = Field(min_length=1, max_length=200)


class MergeIn(_DecisionBody):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"action": "merge", "into": "D003"}]})
    action: Literal["merge"]
    into: str = Field(min_length=1, max_length=64, description="The driver that absorbs this one.")


class SetOwnerIn(_DecisionBody):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"action": "set_owner", "department": "billing"}]})
    action: Literal["set_owner"]
    department: str = Field(min_length=1, max_length=100)


class MarkIn(_DecisionBody):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"action": "mark", "kind": "irritant", "avoidable": True}]}
    )
    action: Literal["mark"]
    kind: Literal["", "irritant", "value"] | None = None
    avoidable: bool | None = None


class SplitIn(_DecisionBody):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"action": "split", "parts": 2}, {"action": "split", "parts": 2, "owner": "billing"}]})
    action: Literal["split"]
    parts: int = Field(
        default=2,
        ge=2,
        le=MAX_PARTS,
        description="How many parts the driver's contacts are divided into (D007 -> D007.1, D007.2…). "
        "A split changes which contacts belong together, so it takes effect at the next refit "
        "(POST /v1/models/refit) or `rootcause analyze --decisions` run, not in classification at once.",
    )
    owner: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="A catalogue department (the answer to a group question of GET /v1/review/queue): the driver's "
        "contacts whose own words point to this department's process are carved out as part .2, owned by it; the "
        "rest keeps the driver's id. Needs parts 2.",
    )


class MoveIn(_DecisionBody):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"action": "move", "contact": "T-1042", "into": "D003"}]}
    )
    action: Literal["move"]
    contact: str = Field(min_length=1, max_length=200, description="The stored id of a contact of this driver.")
    into: str = Field(min_length=1, max_length=64, description="The driver the contact belongs to.")


class DeclineIn(_DecisionBody):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"action": "decline", "question": "merge:D009>D003"}]})
    action: Literal["decline"]
    question: str = Field(
        min_length=1,
        max_length=200,
        description="The key of a merge, split or group question about this driver (GET /v1/review/queue), answered "
        "\"no\": the queue does not ask it again (undo the decision to be asked again).",
    )


DecisionIn = Annotated[RenameIn | MergeIn | SetOwnerIn | MarkIn | SplitIn | MoveIn | DeclineIn, Field(discriminator="action")]


class DecisionPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 12,
                    "action": "rename",
                    "driver_id": "D007",
                    "payload": {"label": "Refund delay"},
                    "author": "quality-team",
                    "created_at": "2024-03-05T10:00:00Z",
                    "state": "active",
                    "reason": "",
                    "undone_by": None,
                }
            ]
        }
    )

    id: int
    action: str = Field(description="rename, merge, set_owner, mark, split, or undo (payload `decision`: the id it undid).")
    driver_id: str
    payload: dict[str, Any]
    author: str
    created_at: UtcDatetime
    state: Literal["active", "undone", "stale"] = Field(
        default="active",
        description="Against the model in use: active (applied; a split: at the next refit), undone, or stale "
        "(its driver, merge target or department is gone after a refit: kept, skipped).",
    )
    reason: str = Field(default="", description="Why it is stale, who undid it and when, or a note.")
    undone_by: int | None = Field(default=None, description="The id of the undo that undid it.")


class JobPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"id": "0f5c…", "kind": "refit", "status": "running", "author": "ops", "created_at": "2024-03-05T10:00:00"}]
        }
    )

    id: str
    kind: str
    status: Literal["queued", "running", "succeeded", "failed"]
    author: str
    created_at: UtcDatetime
    started_at: UtcDatetime | None = None
    finished_at: UtcDatetime | None = None
    error: str | None = None
    result: dict[str, Any] | None = None


class ModelPublic(BaseModel):
    model_version: int = Field(description="0: the model shipped in ROOTCAUSE_MODEL_DIR; n: the n-th refit.")
    embedder: str
    drivers: int
    merged: int
    decisions_applied: int
    decisions_undone: int = 0
    decisions_stale: int = Field(default=0, description="Decisions that no longer apply to this model (GET /v1/decisions says why).")
    created_at: UtcDatetime | None = None


class HealthPublic(BaseModel):
    status: str


class ReadyPublic(BaseModel):
    status: str
    database: bool
    model: bool
    model_version: int


class ErrorPublic(BaseModel):
    detail: str


# Documented on every route that needs a key (all but /v1/health).
AUTH_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorPublic, "description": "Missing, invalid or revoked API key"},
    403: {"model": ErrorPublic, "description": "The key lacks the scope this route needs"},
}
NOT_UTF8 = "The body is not UTF-8 text; send the JSON encoded in UTF-8."
BODY_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorPublic, "description": "Body that is not UTF-8 text"},
    413: {"model": ErrorPublic, "description": "Request body over ROOTCAUSE_MAX_REQUEST_BYTES"},
    415: {"model": ErrorPublic, "description": "Body sent as something else than JSON (Content-Type: application/json)"},
}
MODEL_RESPONSES: dict[int | str, dict[str, object]] = {
    503: {"model": ErrorPublic, "description": "No driver model loaded"},
}


class ErasurePublic(BaseModel):
    """What an erasure removed: counts only (the record of an erasure holds no personal data)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"contacts": 3, "folders": 2, "files": 9, "decisions": 0, "cache_files": 1, "job_id": "0f5c…"}]
        }
    )

    contacts: int = Field(description="Stored contacts deleted (0 when none was stored: erasing twice is harmless).")
    folders: int = Field(description="Output folders (refits, the served run) that held some of them.")
    files: int = Field(description="Files rewritten or removed in those folders (contacts, exemplars, reports).")
    decisions: int = Field(description="Review decisions whose text named one of their identifiers.")
    cache_files: int = Field(description="Embedding-cache files removed (the next refit embeds again).")
    job_id: str | None = Field(description="The record of the erasure: GET /v1/jobs/{job_id}.")


_EX_FIX = {
    "date": "2026-05-12",
    "description": "Refunds are paid the day the returned parcel is scanned, not at the end of the month",
    "department": "billing",
    "link": "https://tracker.example.com/BILL-42",
}


class FixIn(BaseModel):
    """A fix logged on a driver: the day it went live, what changed, who made it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EX_FIX]})

    date: dt.date = Field(description="The day the fix went live: contacts from this day on count as after it.")
    description: str = Field(min_length=1, max_length=2_000, description="What was changed (redacted before storage).")
    department: str = Field(min_length=1, max_length=100, description="The catalogue department that made the fix.")
    link: str | None = Field(default=None, max_length=500, pattern=r"^https?://\S+$", description="A ticket or release note.")


class FixEffectPublic(BaseModel):
    """The driver's contacts before and after the fix (`rootcause.measure.fixes`)."""

    driver_id: str = Field(description="The driver measured: the one the fix's driver was merged into, if it was.")
    unit: str = Field(description="`week` (contacts per week) or the volume column (contacts per 1,000 of it; ROOTCAUSE_VOLUMES).")
    contacts_before: int
    contacts_after: int
    weeks_before: float
    weeks_after: float
    rate_before: float | None
    rate_after: float | None
    change: float | None = Field(description="rate_after / rate_before - 1: -0.62 is 62 % fewer.")
    ci_low: float | None = Field(description="Low end of the 95 % interval of `change`.")
    ci_high: float | None
    verdict: Literal["down", "up", "no_change", "too_early", "no_baseline"]
    summary: str = Field(description="The verdict in words, as the report says it.")


class FixPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_EX_FIX,
                    "id": 3,
                    "driver_id": "D007",
                    "author": "quality-team",
                    "created_at": "2026-05-12T10:00:00Z",
                    "effect": {
                        "driver_id": "D007", "unit": "orders", "contacts_before": 412, "contacts_after": 97,
                        "weeks_before": 12.0, "weeks_after": 6.0, "rate_before": 1.71, "rate_after": 0.65,
                        "change": -0.62, "ci_low": -0.7, "ci_high": -0.52, "verdict": "down",
                        "summary": "−62% contacts per 1,000 orders since 12 May 2026, significant",
                    },
                }
            ]
        }
    )

    id: int
    driver_id: str = Field(description="The driver the fix was logged on.")
    date: dt.date
    description: str
    department: str
    link: str | None
    author: str
    created_at: UtcDatetime
    effect: FixEffectPublic
