"""Did the fix work? A driver's contacts before and after a logged fix, with an interval.

The statistic is a **rate ratio of counts with an exposure**: the driver's contacts after
the fix per unit of exposure over its contacts before per unit of exposure. The exposure
is the business volume (thousands of units of the first column of the volumes file) when
weekly or monthly volumes are known, so that contacts that fall because sales fell are not
a fix; else it is time (weeks), and the rate is contacts per week.

Its interval is that of a quasi-Poisson regression of the counts per week (or per period
of the volumes file) on a before/after step with the log exposure as offset: the log rate
ratio ± 1.96 standard errors, ``se = sqrt(phi * (1/a + 1/b))`` for ``a`` contacts before and
``b`` after, where ``phi`` (at least 1) is the Pearson dispersion of the weekly counts
around each side's rate. Real weekly counts swing more than a Poisson process's (a bank
holiday, a mailing); a plain Poisson interval would call such swings significant, this one
widens with them. A side with no contact gets half a contact in the interval (Haldane's
correction), so a driver that vanished after its fix still gets a finite interval.

The comparison is only as good as its windows, so there is no verdict before
`MIN_WEEKS` weeks of data on each side of the fix (``too_early`` / ``no_baseline``);
`bench/fixes.py` measures how often the verdict is right with planted fixes and noise.

Days: contacts from the fix's date on count as after it. Without volumes, weeks are
counted from the fix date (7-day bins, none straddling it) over the export's span, from
its first to its last dated contact; with volumes, periods of the file that the export
covers whole, the one holding the fix date left out. Before a second fix of the same
driver, the window before it starts at the first fix.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from statistics import NormalDist
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from rootcause import schema as S

if TYPE_CHECKING:
    from rootcause.measure.rates import Volumes
    from rootcause.review.fixes import Fix

# Weeks of data needed on each side of a fix before any verdict. Measured by bench/fixes.py
# (a halved driver, 8 weeks before; 200 draws each): with 1-3 weeks after, a halving of a
# 20-a-week driver whose weeks swing 35 % beyond Poisson is found 12-53 % of the time (5 a
# week: 0-31 % without swings), so "no change" would mostly mean "too early"; at 4 weeks,
# 66-98 % at 20 a week. False alarms stay at 2-8 % whatever the weeks after.
MIN_WEEKS = 4
LEVEL = 0.95
_Z = NormalDist().inv_cdf(0.5 + LEVEL / 2)
PER_WEEK = "week"  # `FixEffect.unit` when the rate is contacts per week

VERDICTS = ("down", "up", "no_change", "too_early", "no_baseline")
"""``down`` / ``up``: the interval of the change lies below / above zero; ``no_change``: it
holds zero; ``too_early``: fewer than `MIN_WEEKS` weeks of data after the fix (a fix dated
after the last contact has none); ``no_baseline``: fewer than `MIN_WEEKS` weeks, or no
contact of the driver, before it."""


@dataclass(frozen=True)
class FixEffect:
    """A driver's contacts before and after one fix.

    ``rate_*`` are contacts per week (``unit == "week"``) or per 1,000 units of the volume
    column named by `unit`; ``change`` is ``rate_after / rate_before - 1`` (−0.62: 62 % fewer)
    and ``ci_low``/``ci_high`` its `LEVEL` interval; None where undefined.
    """

    driver_id: str
    fix_date: date
    unit: str
    contacts_before: int
    contacts_after: int
    weeks_before: float
    weeks_after: float
    rate_before: float | None
    rate_after: float | None
    change: float | None
    ci_low: float | None
    ci_high: float | None
    dispersion: float
    verdict: str

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["fix_date"] = self.fix_date.isoformat()
        return d


@dataclass(frozen=True)
class _Bins:
    """Counts and exposures per bin (a week, or a period of the volumes file) on each side."""

    before: tuple[np.ndarray, np.ndarray]  # counts, exposures
    after: tuple[np.ndarray, np.ndarray]
    weeks_before: float
    weeks_after: float


def fix_effect(
    when: pl.DataFrame,
    driver_id: str,
    fix_date: date,
    *,
    volumes: Volumes | None = None,
    since: date | None = None,
) -> FixEffect:
    """The change in `driver_id`'s contact rate since `fix_date`, with its interval and verdict.

    Parameters
    ----------
    when
        Every contact of the export (all drivers: they give its span): columns
        ``driver_id`` (already resolved through merges) and ``created_at``.
    driver_id
        The driver to measure.
    fix_date
        The day the fix went live.
    volumes
        Weekly or monthly volumes (`rootcause.measure.rates.Volumes`): the rate is then per
        1,000 units of the first column. Totals without periods cannot be split at a date:
        the rate is then per week.
    since
        An earlier fix of the same driver: the window before this one starts there.
    """
    days = when.filter(pl.col(S.CREATED_AT).is_not_null()).select(
        pl.col(S.DRIVER_ID), pl.col(S.CREATED_AT).dt.date().alias("_day")
    )
    if days.height == 0:
        return _effect(driver_id, fix_date, PER_WEEK, None)
    start, end = days["_day"].min(), days["_day"].max()
    if since is not None and since > start:
        start = since
    mine = days.filter(pl.col(S.DRIVER_ID) == driver_id)["_day"]
    if volumes is not None and volumes.period is not None:
        bins = _period_bins(mine, volumes, fix_date, start, end)
        unit = volumes.names[0]
    else:
        bins = _week_bins(mine, fix_date, start, end)
        unit = PER_WEEK
    return _effect(driver_id, fix_date, unit, bins)


def _week_bins(days: pl.Series, fix: date, start: date, end: date) -> _Bins:
    """7-day bins counted from the fix date, clipped to [start, end]; exposure in weeks."""
    offsets = np.array([(d - fix).days for d in days.to_list() if start <= d <= end], dtype=np.int64)
    lo, hi = (start - fix).days, (end - fix).days  # day offsets of the span, inclusive

    def side(first_day: int, last_day: int) -> tuple[np.ndarray, np.ndarray]:
        if last_day < first_day:
            return np.zeros(0), np.zeros(0)
        k = np.arange(first_day // 7, last_day // 7 + 1)  # bins k cover days [7k, 7k + 6]
        exposure = (np.minimum(7 * k + 6, last_day) - np.maximum(7 * k, first_day) + 1) / 7.0
        inside = offsets[(offsets >= first_day) & (offsets <= last_day)]
        counts = np.bincount(inside // 7 - k[0], minlength=len(k)).astype(float)
        return counts, exposure

    before = side(lo, min(hi, -1))
    after = side(max(lo, 0), hi)
    return _Bins(before, after, float(before[1].sum()), float(after[1].sum()))


def _period_bins(days: pl.Series, volumes: Volumes, fix: date, start: date, end: date) -> _Bins:
    """The volumes file's periods that the span covers whole; exposure in thousands of units."""
    frame = volumes.frame.sort("period")
    starts = frame["period"].to_list()
    units = frame[volumes.names[0]].to_list()
    day_numbers = np.sort(np.array([d.toordinal() for d in days.to_list()], dtype=np.int64))
    before: list[tuple[float, float]] = []
    after: list[tuple[float, float]] = []
    weeks = [0.0, 0.0]
    for first, value in zip(starts, units, strict=True):
        stop = first + timedelta(days=7) if volumes.period == "week" else _next_month(first)
        if first < start or stop - timedelta(days=1) > end:
            continue  # the export covers this period only in part: its units would not match its contacts
        if stop <= fix:
            side, i = before, 0
        elif first >= fix:
            side, i = after, 1
        else:
            continue  # the period of the fix itself holds contacts from before and after it
        lo, hi = np.searchsorted(day_numbers, [first.toordinal(), stop.toordinal()])
        side.append((float(hi - lo), value / 1000.0))
        weeks[i] += (stop - first).days / 7.0
    return _Bins(_arrays(before), _arrays(after), weeks[0], weeks[1])


def _arrays(pairs: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([p[0] for p in pairs], dtype=float), np.array([p[1] for p in pairs], dtype=float)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _effect(driver_id: str, fix_date: date, unit: str, bins: _Bins | None) -> FixEffect:
    empty = (np.zeros(0), np.zeros(0))
    bins = bins or _Bins(empty, empty, 0.0, 0.0)
    a, ea = float(bins.before[0].sum()), float(bins.before[1].sum())
    b, eb = float(bins.after[0].sum()), float(bins.after[1].sum())
    rate_a = a / ea if ea > 0 else None
    rate_b = b / eb if eb > 0 else None
    change = low = high = None
    phi = 1.0
    if rate_a and rate_b is not None:
        change = rate_b / rate_a - 1.0
        phi = _dispersion(bins, rate_a, rate_b)
        aa, bb = (a + 0.5, b + 0.5) if b == 0 else (a, b)  # Haldane: a finite interval when no contact is left
        log_ratio = math.log((bb / eb) / (aa / ea))
        se = math.sqrt(phi * (1.0 / aa + 1.0 / bb))
        low, high = math.exp(log_ratio - _Z * se) - 1.0, math.exp(log_ratio + _Z * se) - 1.0
    if bins.weeks_after < MIN_WEEKS:
        verdict = "too_early"
    elif bins.weeks_before < MIN_WEEKS or not a:
        verdict = "no_baseline"
    elif high is not None and high < 0:
        verdict = "down"
    elif low is not None and low > 0:
        verdict = "up"
    else:
        verdict = "no_change"
    return FixEffect(
        driver_id=driver_id,
        fix_date=fix_date,
        unit=unit,
        contacts_before=int(a),
        contacts_after=int(b),
        weeks_before=round(bins.weeks_before, 2),
        weeks_after=round(bins.weeks_after, 2),
        rate_before=rate_a,
        rate_after=rate_b,
        change=change,
        ci_low=low,
        ci_high=high,
        dispersion=round(phi, 3),
        verdict=verdict,
    )


def _dispersion(bins: _Bins, rate_a: float, rate_b: float) -> float:
    """Pearson chi-square of the bins' counts around each side's rate over its degrees of
    freedom, at least 1 (a Poisson process's)."""
    y = np.concatenate([bins.before[0], bins.after[0]])
    mu = np.concatenate([bins.before[1] * rate_a, bins.after[1] * rate_b])
    keep = mu > 0
    dof = int(keep.sum()) - 2
    if dof < 1:
        return 1.0
    chi2 = float((((y - mu) ** 2)[keep] / mu[keep]).sum())
    return max(1.0, chi2 / dof)


def fix_effects(
    when: pl.DataFrame,
    fixes: Sequence[Fix],
    *,
    resolve: Callable[[str], str] = lambda d: d,
    volumes: Volumes | None = None,
) -> list[tuple[Fix, FixEffect]]:
    """Each fix with its effect on the driver it now belongs to (`resolve`: merges), by date.

    A second fix of the same driver is measured against the weeks since the one before.
    """
    out = []
    done: dict[str, list[date]] = {}
    for fix in sorted(fixes, key=lambda f: (f.date, f.created_at)):
        driver = resolve(fix.driver_id)
        earlier = [d for d in done.get(driver, []) if d < fix.date]
        out.append((fix, fix_effect(when, driver, fix.date, volumes=volumes, since=max(earlier) if earlier else None)))
        done.setdefault(driver, []).append(fix.date)
    return out


# The columns `apply_fixes` adds to drivers.* (the latest fix of each driver; null without one).
FIX_COLUMNS: dict[str, Any] = {
    "fix_date": pl.Date,
    "fix_department": pl.Utf8,
    "fix_description": pl.Utf8,
    "fix_link": pl.Utf8,
    "fix_unit": pl.Utf8,
    "fix_contacts_before": pl.Int64,
    "fix_contacts_after": pl.Int64,
    "fix_rate_before": pl.Float64,
    "fix_rate_after": pl.Float64,
    "fix_change": pl.Float64,
    "fix_ci_low": pl.Float64,
    "fix_ci_high": pl.Float64,
    "fix_weeks_after": pl.Float64,
    "fix_verdict": pl.Utf8,
}


def fix_row(fix: Fix, effect: FixEffect) -> dict[str, Any]:
    """One fix and its effect under the `FIX_COLUMNS` names (``fix_unit``: ``week`` or
    ``per_1000_<volume>``, the drivers.* column of that rate)."""
    from rootcause.measure.rates import rate_column

    return {
        "fix_date": fix.date,
        "fix_department": fix.department,
        "fix_description": fix.description,
        "fix_link": fix.link,
        "fix_unit": effect.unit if effect.unit == PER_WEEK else rate_column(effect.unit),
        "fix_contacts_before": effect.contacts_before,
        "fix_contacts_after": effect.contacts_after,
        "fix_rate_before": effect.rate_before,
        "fix_rate_after": effect.rate_after,
        "fix_change": effect.change,
        "fix_ci_low": effect.ci_low,
        "fix_ci_high": effect.ci_high,
        "fix_weeks_after": effect.weeks_after,
        "fix_verdict": effect.verdict,
    }


def apply_fixes(result: Any, fixes: Sequence[Fix], *, volumes: Volumes | None = None) -> list[str]:
    """Measure each fix on an `AnalysisResult` and add its latest fix to each driver's row.

    Adds `FIX_COLUMNS` to ``result.drivers`` and ``fixes`` to ``result.meta`` (given,
    measured, skipped with the reason of each, and every fix's effect). A fix about a driver
    the run does not have (a past run's, a typo) is skipped, never a reason to lose the run;
    the notes returned say which and why.
    """
    import difflib

    model = result.model
    known = set(result.drivers[S.DRIVER_ID].to_list())
    kept, notes = [], []
    for fix in fixes:
        driver = model.resolve(fix.driver_id)
        if driver in known:
            kept.append(fix)
            continue
        near = difflib.get_close_matches(driver, sorted(known), n=1, cutoff=0.6)
        notes.append(
            f"fix of {fix.date.isoformat()} on {fix.driver_id}: this run has no driver {driver!r} "
            f"({'did you mean ' + near[0] + '? ' if near else ''}the drivers are listed in drivers.csv)"
        )
    pairs = fix_effects(result.contacts.select(S.DRIVER_ID, S.CREATED_AT), kept, resolve=model.resolve, volumes=volumes)
    latest: dict[str, dict[str, Any]] = {}
    for fix, effect in pairs:  # by date: the last one of a driver wins
        latest[effect.driver_id] = {S.DRIVER_ID: effect.driver_id, **fix_row(fix, effect)}
    frame = pl.DataFrame(list(latest.values()), schema={S.DRIVER_ID: pl.Utf8, **FIX_COLUMNS})
    result.drivers = result.drivers.join(frame, on=S.DRIVER_ID, how="left")
    result.meta["fixes"] = {
        "given": len(fixes),
        "measured": len(pairs),
        "skipped": notes,
        "min_weeks": MIN_WEEKS,
        "effects": [{**fix.to_dict(), "effect": effect.to_dict()} for fix, effect in pairs],
    }
    return notes
