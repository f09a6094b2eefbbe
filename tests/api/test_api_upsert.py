"""A retry with the same id and another text answers 409 (a `conflict` item in a batch), or replaces
the stored contact behind an explicit ?upsert=true; a retry with the same text stays harmless."""

from __future__ import annotations

import sqlalchemy as sa

from rootcause.store import tables as T

REFUND = {"id": "Z-1", "text": "my refund never came", "customer_id": "C-1"}
PARCEL = {**REFUND, "text": "my parcel is late"}


def _batch(client, keys, contacts, query=""):
    r = client.post(f"/v1/contacts/batch{query}", json={"contacts": contacts}, headers=keys("ingest"))
    assert r.status_code == 200, r.text
    return r.json()


def test_a_changed_retry_is_a_conflict_item_and_changes_nothing(client, keys, store):
    assert _batch(client, keys, [REFUND])["created"] == 1
    same = _batch(client, keys, [REFUND])
    assert (same["accepted"], same["created"], same["conflicts"]) == (1, 0, 0)
    changed = _batch(client, keys, [PARCEL, {"id": "Z-2", "text": "network outage"}])
    assert (changed["accepted"], changed["created"], changed["conflicts"], changed["rejected"]) == (1, 1, 1, 0)
    item = changed["items"][0]
    assert item["status"] == "conflict" and item["field"] == "text" and "upsert=true" in item["reason"]
    assert "parcel" not in item["reason"]  # the reason never echoes what was sent
    assert store.get_contact("Z-1")["text"] == "my refund never came"


def test_upsert_replaces_the_stored_contact_and_classifies_it_again(client, keys, store):
    _batch(client, keys, [REFUND])
    first = store.get_contact("Z-1")
    r = _batch(client, keys, [PARCEL], "?upsert=true")
    assert r["items"][0] | {"driver_id": None} == {
        "index": 0, "id": "Z-1", "status": "accepted", "created": False, "updated": True, "field": None, "reason": None,
        "driver_id": None,
    }
    row = store.get_contact("Z-1")
    assert row["text"] == "my parcel is late" and row["driver_id"] == "D003" and first["driver_id"] == "D001"
    assert row["ingested_at"] == first["ingested_at"] and store.count_contacts() == 1
    again = _batch(client, keys, [PARCEL], "?upsert=true")["items"][0]
    assert (again["created"], again["updated"]) == (False, False)  # the same text: nothing to replace


def test_upsert_corrects_a_stored_contact_s_date_or_channel_when_its_text_is_the_same(client, keys, store):
    """An integrator trial: the corrected date and channel were answered "accepted" and dropped."""
    _batch(client, keys, [{**REFUND, "created_at": "2026-11-06T10:00:00Z", "channel": "email"}])
    corrected = {**REFUND, "created_at": "2026-10-01T10:00:00Z", "channel": "chat"}
    plain = _batch(client, keys, [corrected])["items"][0]
    assert (plain["status"], plain["updated"]) == ("accepted", False)  # without upsert: a retry, nothing changes
    assert store.get_contact("Z-1")["channel"] == "email"
    item = _batch(client, keys, [corrected], "?upsert=true")["items"][0]
    assert (item["status"], item["updated"]) == ("accepted", True)
    row = store.get_contact("Z-1")
    assert row["channel"] == "chat" and row["created_at"].replace(tzinfo=None).isoformat() == "2026-10-01T10:00:00"
    again = _batch(client, keys, [corrected], "?upsert=true")["items"][0]
    assert again["updated"] is False  # nothing left to correct


def test_classify_and_store_answers_409_on_a_changed_retry(client, keys, store):
    both = keys("admin")
    assert client.post("/v1/classify?store=true", json=REFUND, headers=both).status_code == 200
    assert client.post("/v1/classify?store=true", json=REFUND, headers=both).status_code == 200  # same text
    r = client.post("/v1/classify?store=true", json=PARCEL, headers=both)
    assert r.status_code == 409 and "upsert=true" in r.json()["detail"]
    r = client.post("/v1/classify/batch?store=true", json={"contacts": [{"id": "Z-9", "text": "refund"}, PARCEL]}, headers=both)
    assert r.status_code == 409 and r.json()["detail"].startswith("contacts[1]:")
    assert store.get_contact("Z-9") is None  # all or nothing: the call stored none of its contacts
    r = client.post("/v1/classify?store=true&upsert=true", json=PARCEL, headers=both)
    assert r.status_code == 200 and store.get_contact("Z-1")["text"] == "my parcel is late"


def test_a_contact_stored_before_fingerprints_is_taken_as_the_same(client, keys, store):
    _batch(client, keys, [REFUND])
    with store.engine.begin() as conn:  # as stored by a version without the column's values
        conn.execute(sa.update(T.contacts).values(content_sha256=None))
    assert _batch(client, keys, [PARCEL])["items"][0]["status"] == "accepted"
    assert store.get_contact("Z-1")["text"] == "my refund never came"
    assert _batch(client, keys, [PARCEL], "?upsert=true")["items"][0]["updated"] is True
