"""A driver's logged fix and its verdict, in words, for the report, the CLI and the API.

Reads the `rootcause.measure.fixes.FIX_COLUMNS` of a driver's row (drivers.*), so the
report, the CLI's summary line and the API's ``summary`` say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from rootcause.measure.fixes import MIN_WEEKS, PER_WEEK
from rootcause.measure.rates import RATE_PREFIX
from rootcause.report.i18n import Formatter


def _unit(unit: Any, fmt: Formatter) -> str:
    unit = str(unit or PER_WEEK)
    if unit == PER_WEEK:
        return fmt.t("fix_per_week")
    return fmt.t("fix_per_volume", name=fmt.volume(unit.removeprefix(RATE_PREFIX)))


def _change(value: Any, fmt: Formatter) -> str:
    # "−0%" would read as a fall: a change that rounds to zero is written without a sign
    return fmt.signed_pct(value) if value is not None and round(abs(value) * 100) >= 1 else fmt.pct(0.0, 0)


def fix_sentence(row: Mapping[str, Any], fmt: Formatter) -> str | None:
    """The verdict of a driver's fix as one sentence, e.g. "−62% contacts per 1,000 orders
    since 12 May 2026, significant"; None when the row has no fix."""
    verdict = row.get("fix_verdict")
    if not verdict:
        return None
    day = fmt.date(row.get("fix_date"))
    if verdict == "too_early":
        weeks = int(row.get("fix_weeks_after") or 0)
        return fmt.t("fix_too_early", weeks=fmt.int(max(weeks, 0)), min=MIN_WEEKS, date=day)
    if verdict == "no_baseline":
        return fmt.t("fix_no_baseline", date=day, min=MIN_WEEKS)
    return fmt.t(f"fix_{verdict}", change=_change(row.get("fix_change"), fmt), unit=_unit(row.get("fix_unit"), fmt), date=day)


def fix_interval(row: Mapping[str, Any], fmt: Formatter) -> str | None:
    """"95% interval −70% to −51%"; None when there is none."""
    low, high = row.get("fix_ci_low"), row.get("fix_ci_high")
    if low is None or high is None or row.get("fix_verdict") in ("too_early", "no_baseline"):
        return None
    return fmt.t("fix_interval", low=fmt.signed_pct(low), high=fmt.signed_pct(high))


def fix_marks(row: Mapping[str, Any], fmt: Formatter) -> list[tuple[date, str]]:
    """The mark of a driver's latest fix on its weekly chart (`charts.trend_chart`); none without one."""
    day = row.get("fix_date")
    if not day:
        return []
    return [(day if isinstance(day, date) else date.fromisoformat(str(day)[:10]), fmt.t("fix_mark"))]


def fix_view(row: Mapping[str, Any], fmt: Formatter, department_names: Mapping[str, str]) -> dict[str, Any] | None:
    """What a driver's card shows of its latest fix; None when it has none."""
    sentence = fix_sentence(row, fmt)
    if sentence is None:
        return None
    unit = _unit(row.get("fix_unit"), fmt)
    before, after = row.get("fix_rate_before"), row.get("fix_rate_after")
    rates = None
    if before is not None and after is not None:
        rates = fmt.t(
            "fix_rates",
            before=fmt.num(before, 2 if before < 10 else 1),
            after=fmt.num(after, 2 if after < 10 else 1),
            unit=unit,
            n_before=fmt.int(row.get("fix_contacts_before")),
            n_after=fmt.int(row.get("fix_contacts_after")),
        )
    department = str(row.get("fix_department") or "")
    link = row.get("fix_link")
    return {
        "verdict": str(row.get("fix_verdict")),
        "sentence": sentence,
        "interval": fix_interval(row, fmt),
        "rates": rates,
        "date": fmt.date(row.get("fix_date")),
        "department": department_names.get(department, department),
        "description": str(row.get("fix_description") or ""),
        # checked when logged; checked again here, as the page makes it a link
        "link": link if isinstance(link, str) and link.startswith(("https://", "http://")) else None,
    }
