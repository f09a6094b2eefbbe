"""Trial finding A: implausible dates (far in the future, far before the rest of the export)
leave their contact undated, with a warning naming the row, the field and the fix."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import polars as pl

from rootcause.ingest import read_contacts
from rootcause.ingest.dates import FLOOR, check_item_date, earliest_plausible, implausible, latest_plausible

DATA = Path(__file__).parents[1] / "data"
TODAY = date(2026, 12, 6)


def test_the_trial_export_s_1970_and_2099_rows_are_kept_undated_with_a_warning():
    r = read_contacts([DATA / "trial_bad.csv"], today=TODAY)
    by_id = {c["id"]: c for c in r.contacts.iter_rows(named=True)}
    assert by_id["BAD-9"]["created_at"] is None and by_id["BAD-10"]["created_at"] is None  # kept, undated
    dated = r.contacts["created_at"].drop_nulls()
    assert dated.min() >= datetime(2026, 1, 1) and dated.max() < datetime(2026, 7, 1)  # nothing stretches the weeks
    odd = r.warnings.filter((pl.col("field") == "created_at") & ~pl.col("reason").str.starts_with("unparseable"))
    rows = dict(zip(r.contacts["source_row"], r.contacts["id"], strict=True))
    flagged = {rows[row]: reason for row, reason in zip(odd["source_row"], odd["reason"], strict=True)}
    assert "after the run's day" in flagged["BAD-9"] and "far before the rest" in flagged["BAD-10"]
    assert set(odd["field"]) == {"created_at"} and all("correct the date" in f for f in odd["fix"])
    text = r.warnings.write_csv()
    assert "2099" not in text and "1970-01-01" not in text  # never the value


def test_the_fence_comes_from_the_export_s_own_dates_not_from_a_year():
    # an export of 2003 is as plausible as one of 2026: the same stray date, judged by the rest
    for year in (2003, 2026):
        spread = pl.Series([datetime(year, 3, 1) + timedelta(hours=7 * i) for i in range(200)])
        stray = pl.concat([spread, pl.Series([datetime(year - 5, 1, 1), datetime(year, 1, 20)])])
        future, before = implausible(stray, today=date(2030, 1, 1))
        assert not future.any()
        assert before.to_list()[-2:] == [True, False]  # five years before: out; five weeks before: in
    # a busy single day does not make the week before it an outlier
    one_day = pl.Series([datetime(2026, 5, 4, 9) + timedelta(minutes=i) for i in range(50)] + [datetime(2026, 4, 27)])
    assert not implausible(one_day, today=TODAY)[1].any()
    assert earliest_plausible(pl.Series([datetime(2026, 5, 1)] * 3)) is None  # too few dates to judge


def test_a_date_is_in_the_future_only_beyond_a_day_of_tolerance():
    dates = pl.Series([datetime(2026, 12, 7, 23), datetime(2026, 12, 8, 1), datetime(2026, 12, 1)] * 3)
    future, _ = implausible(dates, today=TODAY)
    assert future.to_list()[:3] == [False, True, False]


def test_the_api_rule_rejects_the_future_and_placeholders_with_the_fix():
    assert check_item_date(datetime(2026, 12, 6, 10), today=TODAY) == ""
    assert "in the future" in check_item_date(datetime(2099, 1, 1), today=TODAY)
    # the message names the instant past which a date is refused (an integrator trial: it named today)
    last = latest_plausible(TODAY)
    assert check_item_date(last, today=TODAY) == ""
    assert f"after {last:%Y-%m-%dT%H:%M}Z" in check_item_date(last + timedelta(minutes=1), today=TODAY)
    problem = check_item_date(datetime(1970, 1, 1), today=TODAY)
    assert "placeholder" in problem and FLOOR.date().isoformat() in problem


def test_a_large_export_read_in_chunks_learns_the_fence_in_its_first_pass():
    """`ExportStream` (exports above --fit-sample): the first pass lists the contacts far before the
    rest at its end; every later pass yields them undated, with the warnings `read_contacts` gives."""
    from rootcause.ingest import ExportStream

    whole = read_contacts([DATA / "trial_bad.csv"], today=TODAY)
    stream = ExportStream([DATA / "trial_bad.csv"], chunk_rows=7, today=TODAY)
    first = pl.concat(list(stream))
    assert stream.undated_at_end == 2 and first.filter(pl.col("id") == "BAD-10")["created_at"].is_not_null().all()
    assert stream.warnings.rows() == whole.warnings.rows()
    again = pl.concat(list(stream))
    assert again["created_at"].to_list() == whole.contacts["created_at"].to_list()
    assert stream.warnings.rows() == whole.warnings.rows() and stream.undated_at_end == 0
