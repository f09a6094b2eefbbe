"""Contacts: idempotent, atomic batches; safe concurrent writers; migrations."""

from __future__ import annotations

import threading
import traceback
from datetime import datetime

import pytest
import sqlalchemy as sa

from rootcause.errors import StoreError
from rootcause.store import Store, normalize_url
from rootcause.store import tables as T
from rootcause.store.migrations import HEAD, current_version


def _rows(ids, text="refund"):
    return [{"id": i, "text": text, "reason_text": text} for i in ids]


def test_migrate_is_idempotent_and_records_the_version(store):
    assert store.migrate() == HEAD
    assert store.migrate() == HEAD
    with store.engine.connect() as conn:
        assert current_version(conn) == HEAD
        n = conn.execute(sa.select(sa.func.count()).select_from(T.schema_version)).scalar()
    assert n == HEAD


def test_add_contacts_returns_new_ids_and_skips_stored_ones(store):
    assert store.add_contacts(_rows(["a", "b"])) == {"a", "b"}
    assert store.add_contacts(_rows(["a", "b", "c"], text="other")) == {"c"}
    df = store.contacts_frame()
    assert df["id"].to_list() == ["a", "b", "c"]
    assert df.filter(df["id"] == "a")["text"].item() == "refund"  # first write wins


def test_a_failing_batch_stores_nothing(store):
    rows = _rows([f"id{i}" for i in range(1200)])
    rows[1100]["text"] = None  # NOT NULL violated in the third chunk of 500
    with pytest.raises(StoreError):
        store.add_contacts(rows)
    assert store.count_contacts() == 0


def test_a_failing_batch_raises_an_error_that_quotes_no_value(store):
    """The driver's message ("DETAIL: Failing row contains (…)") and SQLAlchemy's ("[parameters: …]")
    quote the row; the error the store raises names the failure, never the statement or its values."""
    rows = _rows(["PLANTED-ID-4417", "id2"], text="PLANTED-TEXT-zorglub")
    rows[0]["customer_id"] = "PLANTED-CUSTOMER-5521"
    rows[1]["text"] = None
    with pytest.raises(StoreError) as caught:
        store.add_contacts(rows)
    printed = "".join(traceback.format_exception(caught.value))
    assert "NotNullViolation, SQLSTATE 23502" in printed or "IntegrityError, SQLITE_CONSTRAINT_NOTNULL" in printed
    for value in ("PLANTED-ID-4417", "PLANTED-TEXT-zorglub", "PLANTED-CUSTOMER-5521", "INSERT"):
        assert value not in printed, value


def test_concurrent_writers_store_each_id_once(store):
    # Overlapping batches from 6 threads: every id ends up stored exactly once,
    # and each id is reported as created by exactly one writer.
    created: list[set[str]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def writer(k):
        try:
            for b in range(5):
                ids = [f"c{(k * 7 + b * 13 + j) % 120}" for j in range(30)]
                got = store.add_contacts(_rows(sorted(set(ids))))
                with lock:
                    created.append(got)
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    all_created = [i for s in created for i in s]
    assert len(all_created) == len(set(all_created))
    assert store.count_contacts() == len(set(all_created))


def test_assign_drivers_and_frame_types(store):
    store.add_contacts([{**_rows(["a"])[0], "created_at": datetime(2024, 3, 1, 10), "is_transcript": True}])
    store.assign_drivers({"a": ("D001", 0.75)})
    row = store.contacts_frame().row(0, named=True)
    assert (row["driver_id"], row["confidence"], row["is_transcript"]) == ("D001", 0.75, True)
    assert row["created_at"] == datetime(2024, 3, 1, 10)


def test_existing_ids(store):
    store.add_contacts(_rows(["a", "b"]))
    assert store.existing_ids(["a", "z"]) == {"a"}


def test_postgres_urls_use_psycopg3():
    assert normalize_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_unsupported_database_is_a_config_error():
    from rootcause.errors import ConfigError

    with pytest.raises(ConfigError, match="sqlite or postgresql"):
        Store("mysql://u:p@h/db")


def test_sqlite_runs_in_wal_with_full_sync(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2


def test_migration_2_adds_the_text_fingerprint_to_a_version_1_database(store):
    with store.engine.begin() as conn:  # back to the shape version 1 created
        conn.execute(sa.text("ALTER TABLE contacts DROP COLUMN content_sha256"))
        conn.execute(T.schema_version.delete().where(T.schema_version.c.version > 1))
    assert store.migrate() == HEAD
    with store.engine.connect() as conn:
        assert "content_sha256" in {c["name"] for c in sa.inspect(conn).get_columns("contacts")}
    store.add_contacts([{"id": "a", "text": "t", "reason_text": "t", "content_sha256": "f" * 64}])
    assert store.fingerprints(["a", "b"]) == {"a": "f" * 64}
