"""E-mail addresses, phone numbers and names sent as identifiers, reason codes or team names are
not stored as sent; retries, lookups and erasure still find the contact by the id as sent."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from rootcause import prepare as _prepare
from rootcause.store import tables as T

EMAIL_ID, EMAIL_CUSTOMER, PHONE_ORDER = "jean.dupont@example.com", "marie.lefevre@example.org", "+33 6 55 44 33 22"
REAL_FIELDS = _prepare.redact_fields  # taken before the fixtures leave name detection out
CONTACT = {"id": EMAIL_ID, "text": "my refund never came", "customer_id": EMAIL_CUSTOMER, "order_id": PHONE_ORDER}


def _stored(store) -> str:
    """Every stored row, and for SQLite the database file and its WAL too."""
    with store.engine.connect() as conn:
        rows = "\n".join(str(tuple(r)) for r in conn.execute(sa.select(T.contacts)).all())
    if store.dialect == "sqlite":
        db = Path(store.engine.url.database)
        rows += "".join(p.read_bytes().decode("utf-8", "replace") for p in (db, db.with_name(db.name + "-wal")) if p.is_file())
    return rows


def test_personal_identifiers_are_stored_pseudonymised(client, keys, store):
    r = client.post("/v1/contacts/batch", json={"contacts": [CONTACT]}, headers=keys("ingest"))
    assert r.status_code == 200 and r.json()["items"][0] == {**r.json()["items"][0], "id": EMAIL_ID, "created": True}
    stored = _stored(store)
    for raw in (EMAIL_ID, EMAIL_CUSTOMER, PHONE_ORDER, "jean.dupont", "55 44 33 22"):
        assert raw not in stored, raw
    row = store.contacts_frame().row(0, named=True)
    assert all(row[c].startswith("pid_") for c in ("id", "customer_id", "order_id"))

    # a retry is recognised by the same hash, a lookup by the id as sent
    again = client.post("/v1/contacts/batch", json={"contacts": [CONTACT]}, headers=keys("ingest")).json()
    assert again["created"] == 0 and again["accepted"] == 1 and store.count_contacts() == 1
    got = client.get(f"/v1/contacts/{EMAIL_ID}", headers=keys("ingest"))
    assert got.status_code == 200 and got.json()["id"] == EMAIL_ID

    # erasing the customer by the address as sent finds the contact
    assert client.delete(f"/v1/customers/{EMAIL_CUSTOMER}", headers=keys("admin")).json()["contacts"] == 1
    assert store.count_contacts() == 0


def test_crm_ids_are_stored_as_sent(client, keys, store):
    contact = {"id": "ZD-104233", "text": "my refund never came", "customer_id": "C-004512", "order_id": "CMD-2026-004512"}
    assert client.post("/v1/contacts/batch", json={"contacts": [contact]}, headers=keys("ingest")).json()["created"] == 1
    row = store.get_contact("ZD-104233")
    assert (row["customer_id"], row["order_id"]) == ("C-004512", "CMD-2026-004512")


def test_classify_and_store_pseudonymises_too(client, keys, store):
    r = client.post("/v1/classify?store=true", json=CONTACT, headers=keys("admin"))
    assert r.status_code == 200 and r.json()["id"] == EMAIL_ID and r.json()["stored"] is True
    assert EMAIL_ID not in _stored(store)


@pytest.mark.integration
def test_names_in_reason_code_and_handling_team_are_redacted(client, keys, store, monkeypatch):
    monkeypatch.setattr(_prepare, "redact_fields", REAL_FIELDS)  # with spaCy's name detection
    contact = {"id": "T-9", "text": "my refund never came", "reason_code": "Rappel demandé par Jean Dupont",
               "handling_team": "Équipe de Marie Lefèvre"}
    assert client.post("/v1/contacts/batch", json={"contacts": [contact]}, headers=keys("ingest")).json()["created"] == 1
    row = store.get_contact("T-9")
    assert "Dupont" not in row["reason_code"] and "Lefèvre" not in row["handling_team"]
    assert row["handling_team"].startswith("Équipe de")  # the rest of the field is kept
    for name in ("Jean Dupont", "Lefèvre"):
        assert name not in _stored(store)

