"""Plausible contact dates: one rule for the CLI and the API.

A date is implausible when it lies after the day of the run (plus `FUTURE_TOLERANCE`, for
time zones and clocks), or, in an export, far before the rest of the export's dates: before
Tukey's far-out fence, the lower quartile less three inter-quartile ranges, judged on the
export's own dates, so no year is written down for any set. The spread is at least a week
(`MIN_SPREAD`, the unit of the weekly tables), so an export of a single busy day does not
turn its previous week into outliers. The API, which sees one item at a time, has no export
to judge against: it rejects a date before `FLOOR` instead (1970-01-01 and 1900-01-01 are
what systems write for "no date"; no contact-centre export holds contacts that old).

An implausible date is never the contact's loss: the CLI keeps the contact, undated, with a
warning (row, field, fix); the API rejects that item with the fix named.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import polars as pl

FUTURE_TOLERANCE = timedelta(days=1)
MIN_SPREAD = timedelta(days=7)
FAR_OUT = 3.0  # Tukey's "far out" fence: quartile -/+ 3 IQR
FLOOR = datetime(2000, 1, 1)


def run_day() -> date:
    """Today, in UTC: the day a run or a request is made."""
    return datetime.now(UTC).date()


def latest_plausible(today: date) -> datetime:
    """The last instant a contact made by `today` may carry (naive UTC)."""
    return datetime.combine(today, datetime.min.time()) + timedelta(days=1) + FUTURE_TOLERANCE


def earliest_plausible(dates: pl.Series) -> datetime | None:
    """The lower far-out fence of an export's dates (naive UTC), None with too few dates."""
    dated = dates.drop_nulls()
    if dated.len() < 4:
        return None
    q1, q3 = dated.quantile(0.25, "lower"), dated.quantile(0.75, "higher")
    if q1 is None or q3 is None:
        return None
    spread = max(q3 - q1, MIN_SPREAD)  # type: ignore[operator]
    return q1 - FAR_OUT * spread  # type: ignore[no-any-return, operator]


def implausible(dates: pl.Series, *, today: date | None = None) -> tuple[pl.Series, pl.Series]:
    """Which of an export's dates are implausible: (in the future, far before the rest).

    The fence is taken over the dates that are not in the future, so a stray 2099 does
    not widen it.
    """
    latest = latest_plausible(today or run_day())
    future = (dates > latest).fill_null(False)
    early = earliest_plausible(dates.filter(~future))
    far_before = (dates < early).fill_null(False) if early is not None else pl.Series([False] * dates.len(), dtype=pl.Boolean)
    return future, far_before & ~future


def check_item_date(value: datetime, *, today: date | None = None) -> str:
    """The problem with one stored contact's date (naive UTC), "" when it is plausible (API)."""
    today = today or run_day()
    latest = latest_plausible(today)
    if value > latest:
        return (
            f"created_at is in the future (after {latest:%Y-%m-%dT%H:%M}Z, today {today.isoformat()} and a day for "
            "time zones and clocks): send the date the customer made the contact, in UTC or with its offset "
            "(2026-03-04T09:12:00Z)"
        )
    if value < FLOOR:
        return (
            f"created_at is before {FLOOR.date().isoformat()}, a placeholder rather than a date: send the date the "
            "customer made the contact, or leave created_at out"
        )
    return ""
