"""Fixes: what a department changed to remove a driver's contacts, and when.

A fix is logged on a driver (its stable id) with the date it went live, what was changed,
the department that made it (a catalogue department), an optional link (a ticket, a
change request) and who logged it. `rootcause.measure.fixes` then compares the driver's
contacts before and after that date. A fix logged on a driver that is later merged into
another follows the surviving driver, as its contacts do.

The free text (description, link) is redacted like a contact's text before it is stored
or shown: a reviewer may paste a customer's name or number into it.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from rootcause.errors import BadInputError, yaml_place
from rootcause.ingest.dates import FLOOR

MAX_DESCRIPTION = 2_000
MAX_LINK = 500
FIELDS = ("driver_id", "date", "description", "department", "link", "author", "created_at", "id")
# Read-only fields of `GET /v1/drivers/{id}/fixes` answers, ignored when such an answer is
# read back as a fixes file (the effect is measured again on the run's own contacts).
_COMPUTED = ("effect",)
_LINK = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Fix:
    """One fix logged on one driver.

    Parameters
    ----------
    driver_id
        The driver the fix is meant to remove contacts of.
    date
        The day the fix went live: contacts from this day on count as after the fix.
    description
        What was changed (redacted before storage, see `redact_fix`).
    department
        The catalogue department that made the fix.
    link
        Optional http(s) link to the change (a ticket, a release note).
    author
        Who logged it (an API key's name, a user name).
    created_at
        When it was logged (UTC); defaults to now.
    id
        Its id once stored, else None.
    """

    driver_id: str
    date: date
    description: str
    department: str
    link: str | None = None
    author: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO 8601)."""
        d = asdict(self)
        d["date"] = self.date.isoformat()
        d["created_at"] = self.created_at.isoformat()
        return d


def make_fix(values: Mapping[str, Any], *, departments: Collection[str] | None = None) -> Fix:
    """Build and check a fix from a mapping (a YAML entry, a CSV row, an API body).

    Raises `BadInputError` naming the field and the fix when a value is missing or wrong,
    and, with `departments`, when the department is not one of them (the valid ones listed).
    """
    unknown = sorted(set(values) - set(FIELDS) - set(_COMPUTED))
    if unknown:
        raise BadInputError(f"Unknown fix field(s) {unknown}; expected {', '.join(FIELDS[:6])} (and created_at, id).")
    driver_id = str(values.get("driver_id") or "").strip()
    if not driver_id:
        raise BadInputError("A fix needs 'driver_id': the id of the driver it is meant to remove (drivers.csv lists them).")
    description = str(values.get("description") or "").strip()
    if not description:
        raise BadInputError("A fix needs 'description': what was changed, in a sentence.")
    if len(description) > MAX_DESCRIPTION:
        raise BadInputError(f"A fix's 'description' has {len(description)} characters; keep it to {MAX_DESCRIPTION}.")
    department = str(values.get("department") or "").strip()
    check_department(department, departments)
    link = str(values.get("link") or "").strip() or None
    if link is not None and (len(link) > MAX_LINK or not _LINK.match(link)):
        raise BadInputError(
            f"A fix's 'link' must be an http:// or https:// address without spaces, at most {MAX_LINK} characters; "
            "leave it out when there is none."
        )
    created = values.get("created_at")
    if isinstance(created, str) and created.strip():
        try:
            created = datetime.fromisoformat(created.strip().replace("Z", "+00:00"))
        except ValueError:
            raise BadInputError("A fix's 'created_at' is not an ISO 8601 time (e.g. 2026-05-12T09:30:00Z); fix it or leave it out.") from None
    if not isinstance(created, datetime):
        created = datetime.now(UTC)
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    day = parse_fix_date(values.get("date"))
    if day > created.date() + timedelta(days=1):  # a day's grace: time zones
        raise BadInputError(
            f"A fix's 'date' is the day it went live, so it cannot be after the day it is logged ({created.date().isoformat()}); "
            f"the value given is {day.isoformat()}. Log a fix once it is live."
        )
    if day < FLOOR.date():  # as ingest refuses a contact's date: a typo, not a fix
        raise BadInputError(
            f"A fix's 'date' is the day it went live; {day.isoformat()} is before {FLOOR.date().isoformat()}, "
            "the earliest date rootcause reads. Check the year (YYYY-MM-DD)."
        )
    raw_id = values.get("id")
    return Fix(
        driver_id=driver_id,
        date=day,
        description=description,
        department=department,
        link=link,
        author=str(values.get("author") or "").strip(),
        created_at=created,
        id=int(raw_id) if isinstance(raw_id, int) and not isinstance(raw_id, bool) else None,
    )


def parse_fix_date(value: Any) -> date:
    """A fix's date from a date, a datetime or ``YYYY-MM-DD``; `BadInputError` otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        raise BadInputError(
            "A fix needs 'date': the day it went live, written YYYY-MM-DD (e.g. 2026-05-12)."
            + (" The value given is not such a date." if text else "")
        ) from None


def check_department(department: str, departments: Collection[str] | None) -> None:
    """Raise `BadInputError` unless `department` is one of `departments` (listing them)."""
    if not department:
        raise BadInputError("A fix needs 'department': the catalogue department that made it.")
    if departments is None or department in departments:
        return
    valid = sorted(departments)
    near = difflib.get_close_matches(department, valid, n=1, cutoff=0.6)
    raise BadInputError(
        f"A fix's 'department' {department!r} is not a department of the catalogue"
        + (f" (did you mean {near[0]!r}?)" if near else "")
        + f"; use one of: {', '.join(valid)}."
    )


def redact_fix(fix: Fix, *, names: bool = True) -> Fix:
    """The fix with its description and link redacted like a contact's text."""
    from rootcause.prepare import redact_fields

    description, link = redact_fields([fix.description, fix.link], names=names)
    return replace(fix, description=description or "", link=link)


def load_fixes(path: str | Path, *, departments: Collection[str] | None = None) -> list[Fix]:
    """Read fixes from YAML or JSON (a list, or ``{"fixes": [...]}``) or CSV (one per row),
    check each (the department against `departments`) and redact their free text.

    `GET /v1/drivers/{id}/fixes` saved as a ``.json`` file is a fixes file.
    """
    path = Path(path)
    if not path.is_file():
        raise BadInputError(f"No fixes file at {path}; expected a YAML, JSON or CSV file.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadInputError(f"{path} is not UTF-8 text ({err.reason}); save it as UTF-8.") from err
    entries, first = _entries(path, text)
    out = []
    for i, item in enumerate(entries):
        where = f"row {i + first}" if path.suffix.lower() in (".csv", ".tsv") else f"entry {i + 1}"
        if not isinstance(item, dict):
            raise BadInputError(f"{path}: {where} is a {type(item).__name__}; expected a mapping of fix fields.")
        try:
            out.append(make_fix(item, departments=departments))
        except BadInputError as err:
            raise BadInputError(f"{path}, {where}: {err}") from err
    return [redact_fix(f) for f in out]


def _entries(path: Path, text: str) -> tuple[list[Any], int]:
    """The raw entries of a fixes file, and the number of the first (a CSV row counts its header)."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        header = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=header.count)  # the separator the header uses most
        rows = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        return [{k.strip(): v for k, v in r.items() if k is not None and (v or "").strip()} for r in rows], 2
    import yaml

    try:
        doc = json.loads(text) if suffix == ".json" and text.strip() else yaml.safe_load(text)
    except json.JSONDecodeError as err:
        raise BadInputError(f"{path} is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}); fix that line.") from err
    except yaml.YAMLError as err:
        raise BadInputError(f"{path} is not valid YAML{yaml_place(err)}: {getattr(err, 'problem', None) or err}; fix that line.") from err
    if isinstance(doc, dict):
        if "fixes" not in doc:
            raise BadInputError(
                f"{path} holds a mapping without 'fixes'; expected a list of fixes (or {{fixes: [...]}}): "
                "start each fix with '- ' in YAML."
            )
        doc = doc["fixes"]
    if doc is None:
        doc = []
    if not isinstance(doc, list):
        raise BadInputError(f"{path} holds a {type(doc).__name__}; expected a list of fixes (or {{fixes: [...]}}).")
    return doc, 0
