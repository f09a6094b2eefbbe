"""Fixes in the store, on SQLite and PostgreSQL: kept, listed per driver, measured through merges."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from rootcause.model.driver_model import Driver, DriverModel
from rootcause.review.fixes import Fix
from rootcause.store import tables as T
from rootcause.store.fixes import add_fix, driver_fixes, stored_fixes
from rootcause.store.migrations import HEAD


def _fix(driver_id: str, day: date, text: str = "Refund batch runs daily") -> Fix:
    return Fix(driver_id=driver_id, date=day, description=text, department="billing", link=None, author="qa")


def test_fixes_are_kept_and_listed_by_date_per_driver(store):
    late = add_fix(store, _fix("D001", date(2026, 6, 1)))
    early = add_fix(store, Fix("D001", date(2026, 5, 12), "Label printer fixed", "logistics", "https://t.example.com/L-9", "lea"))
    add_fix(store, _fix("D002", date(2026, 5, 1)))
    assert late.id and early.id and late.id < early.id
    got = stored_fixes(store, {"D001"})
    assert [f.id for f in got] == [early.id, late.id]  # by date, not by logging order
    assert (got[0].department, got[0].link, got[0].author, got[0].date) == ("logistics", "https://t.example.com/L-9", "lea", date(2026, 5, 12))
    assert got[0].created_at.tzinfo is UTC
    assert len(stored_fixes(store)) == 3


def test_a_version_5_database_gets_the_fixes_table(store):
    with store.engine.begin() as conn:
        T.fixes.drop(conn)
        conn.execute(T.schema_version.delete().where(T.schema_version.c.version > 5))
    assert store.migrate() == HEAD >= 6
    with store.engine.connect() as conn:
        assert sa.inspect(conn).has_table("fixes")
    assert add_fix(store, _fix("D001", date(2026, 5, 12))).id


def test_a_fix_on_a_driver_merged_away_follows_the_driver_that_absorbed_it(store):
    start = datetime(2026, 1, 5)
    rows = []
    for day in range(16 * 7):  # D008: 3 a day, 1 a day from day 56 on; D006: 2 a day throughout
        when = start + timedelta(days=day, hours=10)
        rows += [{"id": f"a{day}-{i}", "driver_id": "D008", "created_at": when} for i in range(3 if day < 56 else 1)]
        rows += [{"id": f"b{day}-{i}", "driver_id": "D006", "created_at": when} for i in range(2)]
    now = datetime.now(UTC).replace(tzinfo=None)
    store.add_contacts([{**r, "text": "t", "reason_text": "t", "ingested_at": now} for r in rows])
    add_fix(store, _fix("D008", (start + timedelta(days=56)).date()))
    model = DriverModel(
        drivers=[Driver(driver_id=d, label=d, owner_department="billing", owner_confidence=0.5) for d in ("D006", "D008")],
        discovery=None, embedder_name="fake", aliases={"D008": "D006"},
    )
    (fix, effect), = driver_fixes(store, model, "D006")
    assert fix.driver_id == "D008" and effect.driver_id == "D006"
    assert effect.contacts_before == 56 * 5 and effect.contacts_after == 56 * 3
    assert effect.verdict == "down"
    assert [f.id for f, _ in driver_fixes(store, model, "D008")] == [fix.id]  # the merged id answers too


def test_weeks_after_a_fix_end_at_the_last_stored_contact_not_when_an_undated_one_arrived(store):
    """Trial finding L: contacts dated up to 21 Nov and a fix of 1 Nov gave weeks_after 5.14 and
    "no change" (an undated contact, dated by its ingest time, stretched the span to today); 3 weeks is too early."""
    start = datetime(2026, 9, 1, 10)
    rows = [{"id": f"c{day}", "driver_id": "D001", "created_at": start + timedelta(days=day)} for day in range(82)]  # to 21 Nov
    store.add_contacts([{**r, "text": "t", "reason_text": "t"} for r in rows])
    store.add_contacts([{"id": "undated", "driver_id": "D001", "text": "t", "reason_text": "t"}])  # stamped with today's ingest time
    add_fix(store, _fix("D001", date(2026, 11, 1)))
    model = DriverModel(drivers=[Driver(driver_id="D001", label="x", owner_department="billing")], discovery=None, embedder_name="fake")
    ((_, effect),) = driver_fixes(store, model, "D001")
    assert effect.weeks_after == 3.0  # 1 Nov to 21 Nov inclusive: 21 days
    assert effect.verdict == "too_early"


def test_a_feed_that_sends_no_dates_is_measured_by_ingest_time(store):
    start = datetime(2026, 5, 4, 9)
    store.add_contacts([{"id": f"c{day}", "driver_id": "D001", "text": "t", "reason_text": "t"} for day in range(70)])
    with store.engine.begin() as conn:  # the store stamps its own ingest time: one contact a day, as a live feed
        for day in range(70):
            conn.execute(T.contacts.update().where(T.contacts.c.id == f"c{day}").values(ingested_at=start + timedelta(days=day)))
    add_fix(store, _fix("D001", date(2026, 6, 1)))
    model = DriverModel(drivers=[Driver(driver_id="D001", label="x", owner_department="billing")], discovery=None, embedder_name="fake")
    ((_, effect),) = driver_fixes(store, model, "D001")
    assert effect.weeks_before == 4.0 and effect.contacts_before == 28 and effect.contacts_after == 42
