"""Erasure through the API: after DELETE /v1/customers/{id}, none of the customer's texts or
identifiers is left in the database file, its WAL, the data folder, the cache or the logs."""

from __future__ import annotations

import csv
import logging
import time
from pathlib import Path

import polars as pl
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api import create_app
from rootcause.settings import get_settings
from rootcause.store import tables as T

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "contacts.csv"
CUSTOMER, ORDER = "C-770123", "CMD-2026-991177"
# words found in no sample contact: wherever they are, this customer's text is
PHRASES = ["zanzibar pelican", "quokka lantern", "marmalade okapi"]
ERASED_IDS = ["ERASE-1", "ERASE-2", "ERASE-3"]


def _contacts(n: int) -> list[dict]:
    with SAMPLES.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:n]
    out = [
        {"id": r["ticket_id"], "text": r["description"], "subject": r["subject"], "created_at": r["created_at"],
         "customer_id": r["customer_id"]}
        for r in rows
    ]
    for cid, phrase in zip(ERASED_IDS, PHRASES, strict=True):
        out.append({"id": cid, "customer_id": CUSTOMER, "order_id": ORDER, "created_at": "2026-05-20T10:00:00Z",
                    "text": f"My refund for the {phrase} order never came, the payment was taken twice. Write to me at "
                            "someone@example.org"})
    return out


def _refit(c: TestClient, admin: dict) -> dict:
    job = c.post("/v1/models/refit", headers=admin).json()
    t0 = time.monotonic()
    while job["status"] in ("queued", "running") and time.monotonic() - t0 < 240:
        time.sleep(0.2)
        job = c.get(f"/v1/jobs/{job['id']}", headers=admin).json()
    return job


def _folder_text(root: Path) -> str:
    """Every file under `root` as text (Parquet decoded: it is compressed)."""
    parts = []
    for f in sorted(root.rglob("*")):
        if f.suffix == ".parquet":
            parts.append(str(pl.read_parquet(f).rows()))
        elif f.is_file():
            parts.append(f.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def _database_bytes(store) -> bytes:
    db = Path(store.engine.url.database)
    return b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.is_file())


def _secrets(store) -> list[str]:
    """The customer's identifiers, its planted words and its texts as stored (redacted)."""
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(T.contacts.c.text, T.contacts.c.reason_text).where(T.contacts.c.customer_id == CUSTOMER)).all()
    assert len(stored) == len(ERASED_IDS)
    return [CUSTOMER, ORDER, *ERASED_IDS, *PHRASES, *(t for row in stored for t in row if t)]


@pytest.mark.integration
@pytest.mark.timeout(600)
@pytest.mark.skipif(not SAMPLES.is_file(), reason="bundled samples missing")
def test_erasing_a_customer_leaves_no_trace(store, settings, keys, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("ROOTCAUSE_CACHE_DIR", str(tmp_path / "cache"))  # the refit's embedding cache
    get_settings.cache_clear()
    settings = settings.model_copy(update={"model_dir": tmp_path / "none", "embedder": "fake", "cache_dir": tmp_path / "cache"})
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(settings, store=store)) as c:
        contacts = _contacts(40)
        for i in range(0, len(contacts), 40):  # settings.max_batch_items = 50
            assert c.post("/v1/contacts/batch", json={"contacts": contacts[i : i + 40]}, headers=keys("ingest")).status_code == 200
        stored = store.count_contacts()
        assert _refit(c, keys("admin"))["status"] == "succeeded"
        secrets = _secrets(store)
        data = settings.data_dir
        assert PHRASES[0] in _folder_text(data)  # the refit copied the contacts: the check can see them
        assert list((tmp_path / "cache").rglob("*.sqlite"))
        if store.dialect == "sqlite":
            assert PHRASES[0].encode() in _database_bytes(store)

        r = c.delete(f"/v1/customers/{CUSTOMER}", headers=keys("admin"))
        assert r.status_code == 200, r.text
        done = r.json()
        assert done["contacts"] == len(ERASED_IDS) and done["folders"] >= 1 and done["cache_files"] >= 1
        assert c.get(f"/v1/jobs/{done['job_id']}", headers=keys("admin")).json()["kind"] == "erase"
        # erasing twice is harmless
        assert c.delete(f"/v1/customers/{CUSTOMER}", headers=keys("admin")).json()["contacts"] == 0
        assert c.get("/v1/reports/latest", headers=keys("admin")).status_code == 200  # rendered again, not lost

    left = _folder_text(data)
    blob = _database_bytes(store) if store.dialect == "sqlite" else b""
    with store.engine.connect() as conn:
        rows = "\n".join(str(tuple(r)) for r in conn.execute(sa.select(T.contacts)).all())
        rows += "\n".join(str(tuple(r)) for r in conn.execute(sa.select(T.decisions)).all())
        rows += "\n".join(str(tuple(r)) for r in conn.execute(sa.select(T.jobs)).all())
    # the test client logs the URLs it calls (httpx): a server's log is what must stay clean
    logs = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert "erasure" in logs
    for s in secrets:
        assert s not in left, s
        assert s.encode() not in blob, s
        assert s not in rows, s
        assert s not in logs, s
    assert not list((tmp_path / "cache").rglob("*.sqlite"))
    assert store.count_contacts() == stored - len(ERASED_IDS)


def test_erasure_needs_the_admin_scope(client, keys):
    for scope in ("classify", "ingest", "review"):
        assert client.delete("/v1/customers/C-1", headers=keys(scope)).status_code == 403
        assert client.delete("/v1/contacts/T-1", headers=keys(scope)).status_code == 403
    assert client.delete("/v1/contacts/T-1").status_code == 401


def test_erasing_one_contact_keeps_the_others(client, keys, store):
    batch = [{"id": "k1", "text": "refund please", "customer_id": "C-1"}, {"id": "k2", "text": "parcel late", "customer_id": "C-1"}]
    assert client.post("/v1/contacts/batch", json={"contacts": batch}, headers=keys("ingest")).json()["created"] == 2
    r = client.delete("/v1/contacts/k1", headers=keys("admin"))
    assert r.status_code == 200 and r.json()["contacts"] == 1
    assert store.get_contact("k1") is None and store.get_contact("k2") is not None
    assert client.get("/v1/contacts/k1", headers=keys("ingest")).status_code == 404


def test_ids_with_a_slash_are_read_and_erased_over_http(client, keys, store):
    batch = [{"id": "T/42", "text": "refund please", "customer_id": "CUST/7"}, {"id": "k3", "text": "parcel late", "customer_id": "CUST/8"}]
    assert client.post("/v1/contacts/batch", json={"contacts": batch}, headers=keys("ingest")).json()["created"] == 2
    assert client.get("/v1/contacts/T/42", headers=keys("ingest")).status_code == 200
    assert client.get("/v1/contacts/T%2F42", headers=keys("ingest")).status_code == 200  # as a client library encodes it
    r = client.delete("/v1/customers/CUST%2F7", headers=keys("admin"))
    assert r.status_code == 200 and r.json()["contacts"] == 1
    assert client.get("/v1/contacts/T/42", headers=keys("ingest")).status_code == 404
    r = client.delete("/v1/contacts/k3", headers=keys("admin"))
    assert r.status_code == 200 and r.json()["contacts"] == 1
