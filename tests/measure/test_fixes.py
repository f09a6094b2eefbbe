"""The closed-loop verdict on exports with a planted fix (rootcause.measure.fixes)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import polars as pl
import pytest
from planted_fixes import FIX, START, WEEKS, planted_export

from rootcause import schema as S
from rootcause.measure.fixes import MIN_WEEKS, fix_effect, fix_effects
from rootcause.measure.rates import Volumes
from rootcause.review.fixes import Fix

SEEDS = range(200)


def _fix(driver_id: str, day: date) -> Fix:
    return Fix(driver_id=driver_id, date=day, description="x", department="billing")


@pytest.mark.parametrize("seed", range(5))
def test_a_halved_driver_is_down_and_an_unchanged_one_is_no_change(seed):
    export = planted_export(seed)
    halved = fix_effect(export, "DROP", FIX)
    assert halved.verdict == "down"
    assert halved.unit == "week" and halved.weeks_before == halved.weeks_after == 8.0
    assert halved.ci_low < -0.5 < halved.ci_high < 0  # the planted change lies in the interval
    unchanged = fix_effect(export, "FLAT", FIX)
    assert unchanged.verdict == "no_change"
    assert unchanged.ci_low < 0 < unchanged.ci_high


def test_verdicts_over_many_seeds_are_right_as_often_as_the_interval_promises():
    halved = [fix_effect(planted_export(s), "DROP", FIX) for s in SEEDS]
    unchanged = [fix_effect(planted_export(s), "FLAT", FIX) for s in SEEDS]
    assert sum(e.verdict == "down" for e in halved) >= 0.97 * len(SEEDS)  # power: 20 a week, 8 weeks a side
    assert sum(e.ci_low <= -0.5 <= e.ci_high for e in halved) >= 0.92 * len(SEEDS)  # a 95 % interval
    wrong = sum(e.verdict != "no_change" for e in unchanged)
    assert wrong <= 0.08 * len(SEEDS), f"{wrong} of {len(SEEDS)} unchanged drivers called significant"


def test_weeks_that_swing_more_than_poisson_widen_the_interval_instead_of_crying_wolf():
    effects = [fix_effect(planted_export(s, swing=0.35), "FLAT", FIX) for s in SEEDS]
    assert sum(e.dispersion > 1.5 for e in effects) > 0.5 * len(SEEDS)
    wrong = sum(e.verdict != "no_change" for e in effects)
    assert wrong <= 0.10 * len(SEEDS), f"{wrong} of {len(SEEDS)} unchanged drivers called significant"
    # and a halving is still found through the swings
    assert sum(fix_effect(planted_export(s, swing=0.35), "DROP", FIX).verdict == "down" for s in range(50)) >= 40


def _weekly_volumes(orders: list[float]) -> Volumes:
    weeks = [START + timedelta(weeks=k) for k in range(len(orders))]
    return Volumes(pl.DataFrame({"period": weeks, "orders": orders}), ["orders"], "week", "volumes.csv")


def test_with_volumes_a_driver_that_grew_with_orders_is_no_change_per_order():
    orders = [1000.0] * 8 + [2000.0] * 8  # sales double on the fix date
    export = planted_export(3, drop=0.0, orders=orders)  # every driver's contacts double with them
    per_week = fix_effect(export, "FLAT", FIX)
    per_order = fix_effect(export, "FLAT", FIX, volumes=_weekly_volumes(orders))
    assert per_week.verdict == "up"  # twice the contacts a week…
    assert per_order.unit == "orders" and per_order.verdict == "no_change"  # …for twice the orders
    assert per_order.rate_before == pytest.approx(per_order.contacts_before / 8.0, rel=1e-9)  # 8 weeks × 1,000 orders


def test_with_volumes_a_driver_whose_count_held_while_orders_doubled_is_down_per_order():
    orders = [1000.0] * 8 + [2000.0] * 8
    export = planted_export(4, drop=0.0)  # counts do not follow the orders
    effect = fix_effect(export, "FLAT", FIX, volumes=_weekly_volumes(orders))
    assert effect.verdict == "down" and effect.ci_low < -0.5 < effect.ci_high


def test_a_fix_mid_week_leaves_that_week_of_volumes_out():
    orders = [1000.0] * WEEKS
    effect = fix_effect(planted_export(5), "DROP", FIX + timedelta(days=2), volumes=_weekly_volumes(orders))
    assert effect.weeks_before == 8.0 and effect.weeks_after == 7.0


def test_a_fix_dated_after_the_last_contact_is_too_early():
    effect = fix_effect(planted_export(0), "DROP", START + timedelta(weeks=WEEKS + 10))
    assert effect.verdict == "too_early"
    assert effect.weeks_after == 0 and effect.contacts_after == 0 and effect.change is None


def test_fewer_than_the_minimum_weeks_after_the_fix_is_too_early_even_with_a_big_drop():
    export = planted_export(0, drop=0.9, fix=START + timedelta(weeks=WEEKS - MIN_WEEKS + 1))
    effect = fix_effect(export, "DROP", START + timedelta(weeks=WEEKS - MIN_WEEKS + 1))
    assert effect.weeks_after == MIN_WEEKS - 1
    assert effect.verdict == "too_early" and effect.change < -0.5


def test_a_driver_with_no_contact_left_after_its_fix_is_down_with_a_finite_interval():
    effect = fix_effect(planted_export(0, drop=1.0), "DROP", FIX)
    assert effect.contacts_after == 0 and effect.change == -1.0
    assert effect.verdict == "down" and -1.0 < effect.ci_low < effect.ci_high < 0


def test_no_contact_of_the_driver_after_the_export_ends_on_the_fix_date_is_too_early():
    export = planted_export(0).filter(pl.col(S.CREATED_AT) < datetime(FIX.year, FIX.month, FIX.day))
    assert fix_effect(export, "DROP", FIX).verdict == "too_early"


def test_a_fix_near_the_start_of_the_export_or_a_driver_new_since_has_no_baseline():
    export = planted_export(0)
    assert fix_effect(export, "DROP", START + timedelta(weeks=2)).verdict == "no_baseline"
    newcomer = export.filter(~((pl.col(S.DRIVER_ID) == "FLAT") & (pl.col(S.CREATED_AT) < datetime(2026, 3, 2))))
    assert fix_effect(newcomer, "FLAT", FIX).verdict == "no_baseline"


def test_an_export_without_dates_is_too_early():
    frame = pl.DataFrame({S.DRIVER_ID: ["A"], S.CREATED_AT: [None]}, schema={S.DRIVER_ID: pl.Utf8, S.CREATED_AT: pl.Datetime("us")})
    assert fix_effect(frame, "A", FIX).verdict == "too_early"


def test_partial_weeks_at_the_ends_of_the_export_count_by_their_days():
    rows = [("A", datetime(2026, 1, 7))] * 3 + [("A", datetime(2026, 2, 10))] * 4  # a Wednesday to a Tuesday
    frame = pl.DataFrame(rows, schema={S.DRIVER_ID: pl.Utf8, S.CREATED_AT: pl.Datetime("us")}, orient="row")
    effect = fix_effect(frame, "A", date(2026, 1, 26))
    assert effect.weeks_before == pytest.approx(19 / 7, abs=0.01)  # 7 to 25 Jan
    assert effect.weeks_after == pytest.approx(16 / 7, abs=0.01)  # 26 Jan to 10 Feb
    assert effect.rate_before == pytest.approx(3 / (19 / 7))


def test_a_second_fix_is_measured_against_the_weeks_since_the_first():
    export = planted_export(1, weeks=24)  # DROP halves at week 8 and stays there
    first, second = _fix("DROP", FIX), _fix("DROP", FIX + timedelta(weeks=8))
    (_, e1), (_, e2) = fix_effects(export, [second, first])
    assert e1.fix_date == FIX and e1.verdict == "down"
    assert e2.weeks_before == 8.0 and e2.verdict == "no_change"  # nothing changed since the first fix


def test_a_fix_on_a_merged_driver_is_measured_on_the_driver_that_absorbed_it():
    export = planted_export(2)
    (_, effect), = fix_effects(export, [_fix("OLD", FIX)], resolve=lambda d: {"OLD": "DROP"}.get(d, d))
    assert effect.driver_id == "DROP" and effect.verdict == "down"
