from datetime import datetime, timedelta

import polars as pl

from rootcause import schema as S
from rootcause.measure import department_scorecards, driver_stats, flag_repeats, pareto, pareto_targets, weekly_counts

T0 = datetime(2026, 6, 1)


def frame(rows):
    return pl.DataFrame(
        rows,
        schema={S.CUSTOMER_ID: pl.Utf8, S.DRIVER_ID: pl.Utf8, S.CREATED_AT: pl.Datetime, S.CHANNEL: pl.Utf8, S.LANGUAGE: pl.Utf8},
        orient="row",
    )


def test_repeat_is_same_customer_same_driver_within_7_days():
    c = frame(
        [
            ("a", "D1", T0, "email", "fr"),
            ("a", "D1", T0 + timedelta(days=6), "chat", "fr"),  # repeat
            ("a", "D1", T0 + timedelta(days=20), "chat", "fr"),  # too late
            ("a", "D2", T0 + timedelta(days=1), "chat", "fr"),  # other driver
            ("b", "D1", T0 + timedelta(days=1), "chat", "en"),  # other customer
            (None, "D1", T0 + timedelta(days=1), "chat", "en"),  # no customer
            ("a", S.UNASSIGNED, T0, "chat", "en"),
            ("a", S.UNASSIGNED, T0 + timedelta(days=1), "chat", "en"),  # unassigned never repeats
        ]
    )
    assert flag_repeats(c).to_list() == [False, True, False, False, False, False, False, False]


def test_weekly_counts_are_zero_filled():
    c = frame([("a", "D1", T0, "email", "fr"), ("b", "D1", T0 + timedelta(days=21), "email", "fr")])
    w = weekly_counts(c)
    assert w["contacts"].to_list() == [1, 0, 0, 1]
    assert weekly_counts(c.filter(pl.lit(False))).height == 0


def test_emerging_driver_flagged_and_flat_one_not():
    rows = []
    for week in range(12):
        rows.append(("x", "FLAT", T0 + timedelta(weeks=week), "email", "fr"))
        n_new = 3 if week >= 8 else 0
        rows += [("y", "NEW", T0 + timedelta(weeks=week, hours=h), "chat", "en") for h in range(n_new)]
    c = frame(rows).with_columns(pl.lit(False).alias(S.IS_REPEAT))
    stats = {r[S.DRIVER_ID]: r for r in driver_stats(c).iter_rows(named=True)}
    assert stats["NEW"]["emerging"] is True
    assert stats["FLAT"]["emerging"] is False
    assert stats["FLAT"]["share"] == 12 / c.height


def test_a_driver_doubling_on_a_handful_of_contacts_is_not_emerging():
    """Trial finding: 3 of a bank export's 4 emerging alerts were drivers of 5 to 11 contacts."""
    rows = []
    for week in range(12):
        rows.append(("x", "FLAT", T0 + timedelta(weeks=week), "email", "fr"))
    rows += [("y", "FEW", T0 + timedelta(weeks=w), "chat", "en") for w in (1, 3, 5, 7, 8, 9, 10, 11, 11)]
    c = frame(rows).with_columns(pl.lit(False).alias(S.IS_REPEAT))
    few = {r[S.DRIVER_ID]: r for r in driver_stats(c).iter_rows(named=True)}["FEW"]
    # 5 of its 9 contacts in the last 4 of 12 weeks: 2.5 times its former rate, and 15 % likely at a steady one
    assert few["growth"] == 2.5 and few["emerging"] is False


def test_one_stray_late_date_does_not_end_the_trend():
    rows = []
    for week in range(12):
        rows += [("x", "FLAT", T0 + timedelta(weeks=week, hours=h), "email", "fr") for h in range(4)]
        rows += [("y", "NEW", T0 + timedelta(weeks=week, hours=h), "chat", "en") for h in range(3 if week >= 8 else 0)]
    rows.append(("z", "FLAT", T0 + timedelta(weeks=40), "email", "fr"))  # a typo'd date, months later
    c = frame(rows).with_columns(pl.lit(False).alias(S.IS_REPEAT))
    stats = {r[S.DRIVER_ID]: r for r in driver_stats(c).iter_rows(named=True)}
    assert stats["NEW"]["emerging"] is True
    assert 0.8 < stats["FLAT"]["growth"] < 1.25


def test_pareto_targets():
    drivers = pl.DataFrame({S.DRIVER_ID: ["A", "B", "C", S.UNASSIGNED], "label": ["a", "b", "c", ""], "size": [50, 30, 10, 10]})
    p = pareto(drivers, total=100)
    assert p[S.DRIVER_ID].to_list() == ["A", "B", "C"]
    assert p["cumulative_share"].to_list() == [0.5, 0.8, 0.9]
    assert pareto_targets(p) == {"10": 1, "20": 1, "50": 1}
    assert pareto_targets(p, (0.6, 0.95)) == {"60": 2, "95": None}


def test_department_scorecards_sum_contacts_of_owned_drivers():
    c = frame([("a", "A", T0, "email", "fr")] * 4)
    drivers = pl.DataFrame(
        {S.DRIVER_ID: ["A", "B"], "label": ["a", "b"], "size": [3, 1], S.OWNER_DEPARTMENT: ["billing", "network"], "repeat_rate": [0.0, 1.0]}
    )
    s = department_scorecards(c, drivers, [("billing", "Billing"), ("network", "Network"), ("legal", "Legal")])
    rows = {r["department_id"]: r for r in s.iter_rows(named=True)}
    assert rows["billing"]["contacts"] == 3 and rows["billing"]["top_drivers"] == ["a"]
    assert rows["legal"]["contacts"] == 0
