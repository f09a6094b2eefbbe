"""Driver statistics from SQL aggregates (`store.stats`, cached in `store.views`) answer exactly what
the polars path that loaded every contact answered (`bench/frame_driver_stats.py`), on SQLite
and PostgreSQL, after merges, upserts and deletions."""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "api"))

from api_fakes import make_model  # noqa: E402
from frame_driver_stats import frame_driver_stats  # noqa: E402

from rootcause.review import Decision, apply_decisions  # noqa: E402
from rootcause.store import stats as store_stats  # noqa: E402
from rootcause.store.views import department_scorecards, driver_stats  # noqa: E402

# after every contact's storing time: the trend ends here
END = datetime.now(UTC).replace(tzinfo=None, microsecond=0) + timedelta(days=1)


def _rows(n: int, seed: int = 0) -> list[dict]:
    """Contacts as an export would hold them: dated over six months (some exactly on a week's
    edge, some undated), repeat customers, tied and missing confidences, contacts with no driver
    and with a driver the model does not know."""
    rng = random.Random(seed)
    drivers = ["D001"] * 5 + ["D002"] * 3 + ["D003"] * 2 + ["D004", None, "D099"]
    rows = []
    for i in range(n):
        kind = rng.random()
        if kind < 0.1:
            when = None  # undated: in sizes, not in the weekly counts (others are dated)
        elif kind < 0.25:
            when = END - timedelta(weeks=rng.randrange(0, 10))  # exactly on a week's edge
        else:
            when = END - timedelta(seconds=rng.randrange(0, 180 * 86400), microseconds=rng.randrange(0, 10**6))
        rows.append(
            {
                "id": f"c{rng.randrange(10**9):09d}-{i}",
                "text": f"text {i}",
                "reason_text": f"reason {i} " + "x" * rng.randrange(0, 400),
                "created_at": when,
                "customer_id": None if rng.random() < 0.2 else f"K{rng.randrange(n // 3)}",
                "driver_id": rng.choice(drivers),
                "confidence": None if rng.random() < 0.05 else rng.choice([0.9, 0.8, round(rng.random(), 6)]),
            }
        )
    rows[0]["created_at"] = END  # the newest contact: the trend's end
    return rows


def _merged():
    # a chain: D004 -> D002 -> D001, so D001 absorbs both
    decisions = [Decision(action="merge", driver_id="D002", payload={"into": "D001"}),
                 Decision(action="merge", driver_id="D004", payload={"into": "D002"})]
    return apply_decisions(make_model(), decisions, strict=False)


def _same(store, model):
    for kwargs in ({}, {"exemplars": 5}, {"exemplars": 0}, {"driver_id": "D003", "exemplars": 5}, {"driver_id": "D002"}):
        assert driver_stats(store, model, **kwargs) == frame_driver_stats(store, model, **kwargs), kwargs


def test_sql_statistics_equal_the_polars_ones(store):
    model, merged = make_model(), _merged()
    _same(store, model)  # nothing stored: sizes from the model's fit
    store.add_contacts(_rows(3000))
    _same(store, model)
    _same(store, merged)
    assert driver_stats(store, merged, driver_id="D004")[0]["merged_ids"] == ["D002", "D004"]
    assert department_scorecards(store, merged) == _frame_scorecards(store, merged)


def test_statistics_follow_upserts_and_deletions(store):
    model = make_model()
    rows = _rows(800, seed=1)
    store.add_contacts(rows)
    before = driver_stats(store, model)
    token = store_stats.change_token(store)
    # an upsert keeps ingested_at: only the change token tells the cache the contacts changed
    moved = [{**r, "driver_id": "D003", "confidence": 0.99} for r in rows[:50]]
    store.add_contacts(moved, replace=True)
    assert store_stats.change_token(store) > token
    after = driver_stats(store, model)
    assert after != before
    _same(store, model)
    store.delete_contacts([r["id"] for r in rows[50:300]])
    _same(store, model)
    store.assign_drivers({r["id"]: ("D004", 0.5) for r in rows[300:400]})
    _same(store, model)
    token = store_stats.change_token(store)
    store.add_contacts(rows[:10])  # a retry: nothing written, nothing to recompute
    assert store_stats.change_token(store) == token


def test_a_page_of_drivers_is_a_slice_of_the_whole_list(store):
    model = make_model()
    store.add_contacts(_rows(500, seed=2))
    whole = driver_stats(store, model)
    assert driver_stats(store, model, offset=1, limit=2) == whole[1:3]
    assert driver_stats(store, model, offset=10, limit=5) == []


def test_statistics_read_no_contact_row_per_request(store, monkeypatch):
    """A second call with nothing changed runs no aggregate query: the counts are cached."""
    model = make_model()
    store.add_contacts(_rows(300, seed=3))
    driver_stats(store, model)
    calls = []
    monkeypatch.setattr("rootcause.store.views.driver_counts", lambda *a: calls.append(a))
    monkeypatch.setattr(store, "contacts_frame", lambda *a, **k: pytest.fail("contacts loaded"))
    assert driver_stats(store, model) and driver_stats(store, model, exemplars=2)
    assert calls == []


def _frame_scorecards(store, model):
    import rootcause.store.views as views

    real = views.driver_stats
    views.driver_stats = frame_driver_stats
    try:
        return views.department_scorecards(store, model)
    finally:
        views.driver_stats = real


def test_migration_5_adds_the_change_counter_and_the_statistics_index(store):
    import sqlalchemy as sa

    from rootcause.store import tables as T

    store.add_contacts(_rows(20, seed=4))
    with store.engine.begin() as conn:  # as a version-4 database has it
        conn.execute(sa.text("DROP INDEX ix_contacts_stats"))
        conn.execute(sa.text("DROP INDEX ix_contacts_exemplars"))
        conn.execute(sa.text("CREATE INDEX ix_contacts_driver_id ON contacts (driver_id)"))
        T.store_changes.drop(conn)
        conn.execute(T.schema_version.delete().where(T.schema_version.c.version > 4))
    assert store.migrate() >= 5  # and the later migrations
    indexes = {i["name"] for i in sa.inspect(store.engine).get_indexes("contacts")}
    assert {"ix_contacts_stats", "ix_contacts_exemplars"} <= indexes and "ix_contacts_driver_id" not in indexes
    assert store_stats.change_token(store) == 0
    store.delete_contacts([store.contacts_frame(["id"])["id"][0]])
    assert store_stats.change_token(store) == 1
    assert driver_stats(store, make_model()) == frame_driver_stats(store, make_model())


def test_moved_contacts_count_for_their_new_driver_as_in_the_polars_path(store):
    """Sizes, shares and trends follow a reviewer's moves (repeat rates and exemplars stay with
    the driver a contact was stored under: see `stats.driver_counts`)."""
    rows = _rows(600, seed=5)
    store.add_contacts(rows)
    stored = {r["id"]: r.get("driver_id") for r in rows}
    moves = [r["id"] for r in rows[:40] if stored[r["id"]] not in (None, "D003")]
    decisions = [Decision(action="move", driver_id=stored[c], payload={"contact": c, "into": "D003"}) for c in moves]
    model = apply_decisions(_merged(), decisions, strict=False)
    assert model.meta["moves"] and set(model.meta["moves"].values()) == {"D003"}
    keys = ("driver_id", "size", "share", "trend", "growth")
    got = [{k: r[k] for k in keys} for r in driver_stats(store, model)]
    want = [{k: r[k] for k in keys} for r in frame_driver_stats(store, model)]
    assert got == want
    plain = {r["driver_id"]: r["size"] for r in driver_stats(store, _merged())}
    assert {r["driver_id"]: r["size"] for r in driver_stats(store, model)}["D003"] == plain["D003"] + len(model.meta["moves"])


def test_a_backfill_sent_without_dates_is_no_surge_in_the_last_week(store):
    """An integrator trial: 20,000 contacts sent without created_at counted in the week they were
    stored, and made their driver "emerging". Undated contacts count in sizes, not in trends,
    unless no stored contact has a date (a feed that sends none is dated by its arrival)."""
    dated = [{"id": f"d{i}", "text": "t", "reason_text": "t", "driver_id": "D001", "created_at": END - timedelta(days=3 * i)} for i in range(20)]
    undated = [{"id": f"u{i}", "text": "t", "reason_text": "t", "driver_id": "D001"} for i in range(200)]
    store.add_contacts(undated)
    only_undated = store_stats.driver_counts(store, {})
    assert sum(only_undated.weeks["D001"].values()) == 200  # no dates at all: by arrival
    store.add_contacts(dated)
    counts = store_stats.driver_counts(store, {})
    assert counts.sizes["D001"] == 220
    assert sum(counts.weeks["D001"].values()) == sum(1 for r in dated if r["created_at"] > END - timedelta(weeks=8))
