from datetime import date, datetime, timedelta

import polars as pl
import pytest

from rootcause import schema as S
from rootcause.errors import BadInputError
from rootcause.measure.rates import contact_rates, load_volumes

MONDAY = datetime(2026, 6, 1)  # a Monday


def contacts(rows):
    """rows: (driver_id, created_at or None)."""
    return pl.DataFrame(rows, schema={S.DRIVER_ID: pl.Utf8, S.CREATED_AT: pl.Datetime}, orient="row")


def write(tmp_path, text, name="volumes.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_daily_rows_are_summed_per_iso_week(tmp_path):
    v = load_volumes(write(tmp_path, "date,orders\n2026-06-01,10\n2026-06-03,20\n2026-06-08,5\n"))
    assert v.period == "week" and v.names == ["orders"]
    assert v.frame.rows() == [(date(2026, 6, 1), 30.0), (date(2026, 6, 8), 5.0)]


def test_iso_weeks_and_year_months_are_read_as_their_first_day(tmp_path):
    w = load_volumes(write(tmp_path, "week,orders\n2026-W23,10\n2026W24,20\n"))
    assert w.frame["period"].to_list() == [date(2026, 6, 1), date(2026, 6, 8)]
    m = load_volumes(write(tmp_path, "month,orders\n2026-06,100\n2026-07-15,200\n", "m.csv"))
    assert m.frame["period"].to_list() == [date(2026, 6, 1), date(2026, 7, 1)]


def test_month_column_and_one_row_of_totals(tmp_path):
    m = load_volumes(write(tmp_path, "month,orders\n2026-06-01,100\n2026-07-01,200\n"))
    assert m.period == "month" and m.frame["orders"].to_list() == [100.0, 200.0]
    t = load_volumes(write(tmp_path, "orders,active_customers\n1000,50000\n", "t.csv"))
    assert t.period is None and t.names == ["orders", "active_customers"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("week,orders\n2026-06-01,12 500\n2026-06-08,lots\n", "row 2, column 'orders': 'lots' is not a number"),
        ("week,orders\n2026-06-01,0\n", "row 1, column 'orders': '0' must be above zero"),
        ("week,orders\nsoon,10\n", "row 1, column 'week': not a date"),
        ("week\n2026-06-01\n", "no denominator column"),
        ("orders\n10\n20\n", "2 rows but no 'week', 'date' or 'month' column"),
        ("week,orders per day\n2026-06-01,10\n", "cannot name an output column"),
        # an analyst trial: a date column named otherwise was "not a number. Fix: write a plain number"
        ("semaine,commandes\n28/09/2026,1200\n", "column 'semaine' holds dates ('28/09/2026', row 1) but is not named as the date column. Fix: rename it 'week'"),
    ],
)
def test_bad_volumes_name_the_row_and_column(tmp_path, text, expected):
    with pytest.raises(BadInputError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        load_volumes(write(tmp_path, text))


def test_rates_per_driver_and_department_over_covered_weeks(tmp_path):
    v = load_volumes(write(tmp_path, "week,orders\n2026-06-01,1000\n2026-06-08,1000\n2026-06-15,500\n"))
    c = contacts(
        [("D1", MONDAY), ("D1", MONDAY + timedelta(days=8)), ("D2", MONDAY + timedelta(days=2)),
         ("D1", MONDAY + timedelta(days=40)),  # after the last week of the file
         ("D2", None)]  # undated
    )  # fmt: skip
    r = contact_rates(c, v, {"D1": "billing", "D2": "network"}, ["billing", "network", "logistics"])
    rates = dict(r.drivers.select(S.DRIVER_ID, "per_1000_orders").iter_rows())
    # the export spans weeks 1..6, the file covers 1..3: 2500 orders, 3 covered contacts
    assert rates == {"D1": pytest.approx(2 * 1000 / 2500), "D2": pytest.approx(1000 / 2500)}
    deps = dict(r.departments.select("department_id", "per_1000_orders").iter_rows())
    assert deps == {"billing": pytest.approx(0.8), "network": pytest.approx(0.4), "logistics": 0.0}
    assert r.meta["uncovered_contacts"] == 2 and r.meta["contacts"] == 3
    assert r.meta["rates"]["orders"]["per_1000"] == pytest.approx(3 * 1000 / 2500)


def test_weeks_of_the_file_outside_the_export_do_not_dilute_the_rate(tmp_path):
    v = load_volumes(write(tmp_path, "week,orders\n2026-05-25,9999\n2026-06-01,100\n2026-06-08,100\n2026-06-22,9999\n"))
    c = contacts([("D1", MONDAY), ("D1", MONDAY + timedelta(days=7))])
    r = contact_rates(c, v, {"D1": "billing"}, ["billing"])
    assert r.drivers["per_1000_orders"].to_list() == [pytest.approx(2 * 1000 / 200)]


def test_rate_growth_separates_more_contacts_from_more_orders(tmp_path):
    weeks = [MONDAY + timedelta(weeks=w) for w in range(8)]
    orders = [100] * 4 + [200] * 4  # sales doubled in the last 4 weeks
    v = load_volumes(write(tmp_path, "week,orders\n" + "".join(f"{w.date()},{o}\n" for w, o in zip(weeks, orders, strict=True))))
    rows = []
    for w, o in zip(weeks, orders, strict=True):
        rows += [("steady", w)] * (o // 100)  # contacts follow sales: same rate
        rows += [("worse", w)] * (5 if o == 100 else 20)  # contacts per order doubled
    r = contact_rates(contacts(rows), v, {}, [])
    growth = dict(r.drivers.select(S.DRIVER_ID, "rate_growth").iter_rows())
    assert growth == {"steady": pytest.approx(1.0), "worse": pytest.approx(2.0)}
    # Both doubled in count; only "worse" doubled per order, so only it is emerging by rate.
    assert dict(r.drivers.select(S.DRIVER_ID, "rate_emerging").iter_rows()) == {"steady": False, "worse": True}


def test_rate_emerging_needs_more_recent_contacts_than_chance_gives(tmp_path):
    weeks = [MONDAY + timedelta(weeks=w) for w in range(8)]
    v = load_volumes(write(tmp_path, "week,orders\n" + "".join(f"{w.date()},100\n" for w in weeks)))
    rows = [("rare", weeks[0]), ("rare", weeks[6]), ("rare", weeks[7])]
    rows += [("few", w) for w in weeks[3:]]  # 4 recent contacts of 5: a steady rate gives that 19 % of the time
    rows += [("new", w) for w in weeks[4:]] * 2  # 8 recent contacts, none before: 0.4 % by chance
    r = contact_rates(contacts(rows), v, {}, [])
    got = dict(r.drivers.select(S.DRIVER_ID, "rate_emerging").iter_rows())
    assert got == {"rare": False, "few": False, "new": True}  # "rare" doubled per order, on 2 recent contacts


def test_totals_cover_every_contact(tmp_path):
    v = load_volumes(write(tmp_path, "orders\n4000\n"))
    r = contact_rates(contacts([("D1", None), ("D1", MONDAY), ("D2", MONDAY)]), v, {}, [])
    assert dict(r.drivers.select(S.DRIVER_ID, "per_1000_orders").iter_rows()) == {"D1": 0.5, "D2": 0.25}
    assert r.meta["uncovered_contacts"] == 0 and "rate_growth" not in r.drivers.columns
