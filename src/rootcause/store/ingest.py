"""Ingest a batch of contacts: check each item, redact, classify, store atomically.

Used by the API (`POST /v1/contacts/batch`, `POST /v1/classify?store=true`); the
same checks, redaction and driver model as the batch CLI.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from rootcause import prepare as _prepare
from rootcause import schema as S
from rootcause.clean.text import one_line
from rootcause.ingest.dates import check_item_date
from rootcause.store.identifiers import IDENTIFIERS, Pseudonyms

if TYPE_CHECKING:
    from rootcause.model.driver_model import DriverModel
    from rootcause.store.store import Store

MAX_ID_CHARS = 200
MAX_FIELD_CHARS = 200
MAX_SUBJECT_CHARS = 2_000  # as `POST /v1/classify` caps it


@dataclass
class ItemResult:
    """What happened to one item of a batch, in input order."""

    index: int
    id: str
    status: str  # "accepted" | "rejected" | "conflict" (stored with another text)
    created: bool = False  # False for an accepted item that was already stored (a retry)
    updated: bool = False  # True for a stored item replaced (upsert)
    field: str | None = None
    reason: str | None = None
    driver_id: str | None = None


_STRING_FIELDS = (S.ID, S.TEXT, S.SUBJECT, S.CHANNEL, S.CUSTOMER_ID, S.ORDER_ID, S.LANGUAGE, S.REASON_CODE, S.HANDLING_TEAM)
_FIELDS = frozenset((*_STRING_FIELDS, S.CREATED_AT))
_IDENTIFIERS = IDENTIFIERS  # a CRM may send these as numbers; stored pseudonymised
_STORED = "_stored"  # a checked row's identifiers in the form they are stored in


def check_record(i: int, rec: Mapping[str, Any], *, max_text_chars: int) -> tuple[ItemResult | None, dict[str, Any]]:
    """Validate and normalise one record: (None, row) when it is fine, else (rejection, {}).

    Every field is checked here, item by item, so one bad item never costs the batch; a
    reason names the field and the fix, never the value sent (it may be personal data).
    """
    if not isinstance(rec, Mapping):
        return ItemResult(i, "", "rejected", field="item", reason="each contact must be a JSON object such as {\"id\": \"T-1\", \"text\": \"…\"}"), {}
    cid = rec.get(S.ID)
    cid = str(cid).strip() if isinstance(cid, str | int) and not isinstance(cid, bool) else ""
    cid = cid if _encodable(cid) else ""

    def reject(field: str, reason: str) -> tuple[ItemResult, dict[str, Any]]:
        return ItemResult(i, cid if "\x00" not in cid else "", "rejected", field=field, reason=reason), {}

    unknown = sorted(str(k) for k in rec if k not in _FIELDS)
    if unknown:
        return reject(unknown[0][:40], f"unknown field; a contact has only {', '.join(sorted(_FIELDS))}")
    for col in _STRING_FIELDS:
        v = rec.get(col)
        if v is None:
            continue
        if not isinstance(v, str) and not (col in _IDENTIFIERS and isinstance(v, int) and not isinstance(v, bool)):
            return reject(col, f"{col} must be a string")
        if "\x00" in str(v):
            return reject(col, f"{col} holds a NUL character (U+0000): remove it")
        if not _encodable(str(v)):
            return reject(col, f"{col} holds half a character (a lone UTF-16 surrogate, such as an emoji cut in two): send it as valid UTF-8")
    if not cid:
        return reject(S.ID, "id is empty: every contact needs the CRM's contact id (it makes retries safe)")
    if len(cid) > MAX_ID_CHARS:
        return reject(S.ID, f"id has {len(cid)} characters; at most {MAX_ID_CHARS} are allowed")
    text = rec.get(S.TEXT) or ""
    subject = rec.get(S.SUBJECT) or ""
    if not str(text).strip() and not str(subject).strip():
        return reject(S.TEXT, "text and subject are both empty: nothing to classify")
    if len(str(text)) > max_text_chars:
        return reject(S.TEXT, f"text has {len(str(text))} characters; at most {max_text_chars} are allowed")
    if len(str(subject)) > MAX_SUBJECT_CHARS:
        return reject(S.SUBJECT, f"subject has {len(str(subject))} characters; at most {MAX_SUBJECT_CHARS} are allowed")
    channel = (rec.get(S.CHANNEL) or "").strip().lower()
    if channel and channel not in S.CHANNELS:
        return reject(S.CHANNEL, f"unknown channel; expected one of {', '.join(S.CHANNELS)}")
    created, problem = _created_at(rec.get(S.CREATED_AT))
    if problem:
        return reject(S.CREATED_AT, problem)
    out = {S.ID: cid, S.TEXT: str(text), S.SUBJECT: str(subject) or None, S.CREATED_AT: created, S.CHANNEL: channel or None}
    for col in (S.CUSTOMER_ID, S.ORDER_ID, S.LANGUAGE, S.REASON_CODE, S.HANDLING_TEAM):
        v = rec.get(col)
        v = None if v is None or str(v).strip() == "" else str(v).strip()
        if v is not None and len(v) > MAX_FIELD_CHARS:
            return reject(col, f"{col} has {len(v)} characters; at most {MAX_FIELD_CHARS} are allowed")
        out[col] = v
    if out[S.LANGUAGE] is not None and len(out[S.LANGUAGE]) > 16:
        return reject(S.LANGUAGE, "language should be an ISO 639-1 code such as 'fr' or 'en'")
    return None, out


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _created_at(value: Any) -> tuple[datetime | None, str]:
    """A naive UTC datetime from an ISO 8601 string (or a datetime), or the problem with it: unreadable,
    or implausible (`rootcause.ingest.dates.check_item_date`: after today beyond a day, or before 2000)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None, "created_at is not an ISO 8601 date-time such as 2026-03-04T09:12:00Z"
    if not isinstance(value, datetime):
        return None, "created_at must be an ISO 8601 date-time string such as 2026-03-04T09:12:00Z"
    try:
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
    except (OverflowError, ValueError):
        value = None
    if value is None:
        return None, "created_at is out of range: send the date the customer made the contact, such as 2026-03-04T09:12:00Z"
    problem = check_item_date(value)  # in the future, or a placeholder such as 1970-01-01
    return (None, problem) if problem else (value, "")


CONFLICT = (
    "a contact with this id is stored with another text: send it with ?upsert=true to replace the stored one, "
    "or give the new contact its own id"
)


def ingest_contacts(
    store: Store,
    records: Sequence[Mapping[str, Any]],
    *,
    model: DriverModel | None = None,
    batch_id: str | None = None,
    max_text_chars: int = 20_000,
    assigned: Mapping[str, tuple[str, float]] | None = None,
    pseudonyms: Pseudonyms | None = None,
    upsert: bool = False,
    keep: Sequence[str] = (),
    classify_names: bool = False,
) -> list[ItemResult]:
    """Check, redact, classify and store a batch; one result per record, in order.

    The accepted items are stored in one transaction (all or nothing). An id
    already stored with the same text is accepted again without a second copy
    (``created=False``), so a retried batch is harmless; with another text it is a
    ``conflict``, or, with `upsert`, replaced (``updated=True``). Only redacted text
    reaches the database: the reason code and handling team are redacted too, and
    identifiers that look like personal data are stored pseudonymised (`pseudonyms`;
    results keep the ids as sent). `assigned` (id -> (driver_id, confidence)) stores
    a classification already made by the caller instead of classifying again with `model`.
    Redaction keeps `keep` and the model's `DriverModel.kept_names` (the company's own name,
    the catalogue's), as `rootcause analyze` does. Each contact is classified as
    `POST /v1/classify` classifies it (names redacted first only with `classify_names`, the
    setting `classify_redact_names`), so both routes give one contact one driver.
    """
    pseudonyms = pseudonyms or Pseudonyms()
    results, valid = _checked(records, max_text_chars=max_text_chars, pseudonyms=pseudonyms)
    stored = store.fingerprints(row[_STORED][S.ID] for _, row in valid)
    changed = _details_changed(store, valid, stored) if upsert else set()
    todo = []
    for i, row in valid:
        before = stored.get(row[_STORED][S.ID], _NEW)
        if before is _NEW or (upsert and (before != row[_STORED][_FINGERPRINT] or row[_STORED][S.ID] in changed)):
            todo.append((i, row))
        elif before in (None, row[_STORED][_FINGERPRINT]):  # the same text (None: stored before texts were fingerprinted)
            results[i] = ItemResult(i, row[S.ID], "accepted", created=False)
        else:
            results[i] = ItemResult(i, row[S.ID], "conflict", field=S.TEXT, reason=CONFLICT)
    if todo:
        kept = model.kept_names(keep) if model is not None else tuple(keep)
        rows = _stored_rows([row for _, row in todo], model=model, assigned=assigned, keep=kept, classify_names=classify_names)
        written = store.add_contacts(rows, batch_id=batch_id, replace=upsert)
        for (i, row), new in zip(todo, rows, strict=True):
            sid = row[_STORED][S.ID]
            created = sid in written and sid not in stored
            results[i] = ItemResult(
                i, row[S.ID], "accepted", created=created, updated=sid in stored, driver_id=new[S.DRIVER_ID]
            )
    # a retry (accepted, not created) is answered with the driver stored the first time
    retried = {row[_STORED][S.ID]: i for i, row in valid if _is_retry(results[i])}
    if retried:
        for kept_row in store.contacts_of(ids=list(retried)):
            stored = kept_row.get(S.DRIVER_ID)  # the driver it counts for now: a reviewer's move, a merge
            results[retried[kept_row["id"]]].driver_id = model.driver_of(kept_row["id"], stored) if model is not None else stored
    return [r for r in results if r is not None]


_DETAILS = (S.CREATED_AT, S.CHANNEL, S.CUSTOMER_ID, S.ORDER_ID)  # what an upsert may correct beside the text


def _details_changed(store: Store, valid: list[tuple[int, dict[str, Any]]], stored: Mapping[str, Any]) -> set[str]:
    """Stored ids (of rows sent with the same text) whose date, channel or identifiers differ
    from what was sent: an upsert replaces them too."""
    same = {row[_STORED][S.ID]: row for _, row in valid if stored.get(row[_STORED][S.ID], _NEW) == row[_STORED][_FINGERPRINT]}
    if not same:
        return set()
    out = set()
    for old in store.contacts_of(ids=list(same)):
        row = same[old["id"]]
        sent = {**{c: row[c] for c in _DETAILS}, **{c: row[_STORED][c] for c in _DETAILS if c in row[_STORED]}}
        if any(_same_value(old.get(c)) != _same_value(sent[c]) for c in _DETAILS):
            out.add(old["id"])
    return out


def _same_value(v: Any) -> Any:
    return v.replace(tzinfo=None) if isinstance(v, datetime) else v


def _is_retry(result: ItemResult | None) -> bool:
    return result is not None and result.status == "accepted" and not (result.created or result.updated) and result.driver_id is None


def conflicts(
    store: Store, records: Sequence[Mapping[str, Any]], *, max_text_chars: int, pseudonyms: Pseudonyms | None = None
) -> list[int]:
    """Indices of the valid records whose id is stored with another text: those `ingest_contacts`
    answers ``conflict`` without `upsert` (the classify routes check them before classifying)."""
    _, valid = _checked(records, max_text_chars=max_text_chars, pseudonyms=pseudonyms or Pseudonyms())
    stored = store.fingerprints(row[_STORED][S.ID] for _, row in valid)
    return [i for i, row in valid if stored.get(row[_STORED][S.ID]) not in (None, row[_STORED][_FINGERPRINT])]


_NEW = object()  # not stored yet
_FINGERPRINT = "content_sha256"


def _checked(
    records: Sequence[Mapping[str, Any]], *, max_text_chars: int, pseudonyms: Pseudonyms
) -> tuple[list[ItemResult | None], list[tuple[int, dict[str, Any]]]]:
    """Each record checked: (results, with the rejections in place), and the valid rows with the
    form their identifiers are stored in and the fingerprint of their text under `_STORED`."""
    results: list[ItemResult | None] = [None] * len(records)
    valid: list[tuple[int, dict[str, Any]]] = []
    seen: set[str] = set()
    for i, rec in enumerate(records):
        res, row = check_record(i, rec, max_text_chars=max_text_chars)
        if res is None and row[S.ID] in seen:
            res = ItemResult(
                i, row[S.ID], "rejected", field=S.ID,
                reason="id appears twice in this batch: its first item was taken; give this contact its own id, "
                "or send it in a later batch with ?upsert=true to replace the first",
            )
        if res is not None:
            results[i] = res
            continue
        seen.add(row[S.ID])
        # the ids as sent stay in `results`; what is stored is pseudonymised where personal
        row[_STORED] = {c: pseudonyms.stored(row[c]) for c in _IDENTIFIERS}
        row[_STORED][_FINGERPRINT] = pseudonyms.digest(f"{row[S.SUBJECT] or ''}\x00{row[S.TEXT]}")
        valid.append((i, row))
    return results, valid


def _stored_rows(
    rows: list[dict[str, Any]],
    *,
    model: DriverModel | None,
    assigned: Mapping[str, tuple[str, float]] | None,
    keep: Sequence[str] = (),
    classify_names: bool = False,
) -> list[dict[str, Any]]:
    """The rows to store: texts, reason code and team redacted, the contact classified."""
    prepared = _prepare.prepare_texts(
        [row[S.TEXT] for row in rows], [row[S.SUBJECT] for row in rows], languages=[row[S.LANGUAGE] for row in rows], names=True, keep=keep
    )
    drivers: list[str | None] = [None] * len(rows)
    confidence: list[float | None] = [None] * len(rows)
    if assigned is not None:
        drivers = [assigned.get(row[S.ID], (None, None))[0] for row in rows]
        confidence = [assigned.get(row[S.ID], (None, None))[1] for row in rows]
    elif model is not None:
        # Classified as /v1/classify classifies the same contact (the text as sent, names
        # redacted only with `classify_names`): one contact, one driver, whichever route it took.
        cls = model.classify(
            [row[S.TEXT] for row in rows], ids=[row[S.ID] for row in rows], subjects=[row[S.SUBJECT] for row in rows],
            languages=[row[S.LANGUAGE] for row in rows], names=classify_names, keep=keep,
        )
        drivers = cls[S.DRIVER_ID].to_list()
        confidence = cls["confidence"].to_list()
    # a code or a team may name a driver: stored as plain text on one line (no markup, no line break)
    fields = {
        c: _prepare.redact_fields([one_line(row[c]) if row[c] else row[c] for row in rows], names=True, keep=keep)
        for c in (S.REASON_CODE, S.HANDLING_TEAM)
    }
    return [
        {
            **{c: row[c] for c in row if c not in (S.TEXT, S.SUBJECT, _STORED)},
            **row[_STORED],
            **{c: fields[c][k] for c in fields},
            "text": prepared.clean_text[k],
            S.REASON_TEXT: prepared.reason_text[k],
            S.LANGUAGE: prepared.language[k],
            S.IS_TRANSCRIPT: prepared.is_transcript[k],
            S.DRIVER_ID: drivers[k],
            "confidence": confidence[k],
        }
        for k, row in enumerate(rows)
    ]
