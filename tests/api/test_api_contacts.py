"""POST /v1/contacts/batch: per-item results, idempotency, redaction before storage."""

from __future__ import annotations

from api_fakes import count_rows

from rootcause.store import tables as T

BATCH = [
    {"id": "c1", "text": "I want a refund, mail me at jane.doe@example.com", "customer_id": "K1", "channel": "email"},
    {"id": "c2", "text": "Where is my parcel?", "created_at": "2024-03-04T09:12:00Z", "customer_id": "K1"},
    {"id": "c3", "text": "Network outage since Monday, call +33 6 12 34 56 78", "language": "en"},
]


def test_ingest_accepts_and_stores_each_item_once(client, keys, store):
    r = client.post("/v1/contacts/batch", json={"contacts": BATCH}, headers=keys("ingest"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["accepted"], body["created"], body["rejected"]) == (3, 3, 0)
    assert [i["driver_id"] for i in body["items"]] == ["D001", "D003", "D004"]
    assert count_rows(store, T.contacts) == 3


def test_retried_batch_creates_no_duplicates(client, keys, store):
    first = client.post("/v1/contacts/batch", json={"contacts": BATCH}, headers=keys("ingest")).json()
    again = client.post("/v1/contacts/batch", json={"contacts": BATCH + [{"id": "c4", "text": "refund"}]}, headers=keys("ingest"))
    body = again.json()
    assert first["created"] == 3
    assert (body["accepted"], body["created"]) == (4, 1)
    assert [i["created"] for i in body["items"]] == [False, False, False, True]
    assert count_rows(store, T.contacts) == 4
    # a retry is answered with the driver stored the first time (API trial, session 17: it was null)
    assert [i["driver_id"] for i in body["items"][:3]] == [i["driver_id"] for i in first["items"]]


def test_rejected_items_say_which_field_and_why(client, keys, store):
    contacts = [
        {"id": "ok", "text": "refund"},
        {"id": "", "text": "refund"},
        {"id": "e", "text": "   "},
        {"id": "ch", "text": "refund", "channel": "pigeon"},
        {"id": "ok", "text": "refund again"},
    ]
    body = client.post("/v1/contacts/batch", json={"contacts": contacts}, headers=keys("ingest")).json()
    items = body["items"]
    assert [i["status"] for i in items] == ["accepted", "rejected", "rejected", "rejected", "rejected"]
    assert [i["field"] for i in items[1:]] == ["id", "text", "channel", "id"]
    assert "twice" in items[4]["reason"]
    assert "pigeon" not in items[3]["reason"] and "expected one of" in items[3]["reason"]  # never echoes a value
    assert count_rows(store, T.contacts) == 1


def test_one_bad_item_rejects_that_item_only(client, keys, store):
    """Issue 18: a bad date, an out-of-range date, a NUL byte, a wrong type or an unknown field
    rejects its item, with the field and a reason that never echoes the value; never the batch,
    never a 500."""
    good = [{"id": f"ok{i}", "text": "refund please"} for i in range(45)]  # the test app takes 50 per batch
    bad = [
        {"id": "b1", "text": "refund", "created_at": "not a date"},
        {"id": "b2", "text": "refund", "created_at": "9999-12-31T23:59:59-14:00"},
        {"id": "b3", "text": "refund\u0000 now"},
        {"id": "b4", "text": "refund", "customer_id": ["jean.dupont@example.com"]},
        {"id": "b5", "text": "refund", "mobile": "06 12 34 56 78"},
    ]
    r = client.post("/v1/contacts/batch", json={"contacts": good[:20] + bad + good[20:]}, headers=keys("ingest"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["accepted"], body["rejected"]) == (45, 5)
    rejected = [i for i in body["items"] if i["status"] == "rejected"]
    assert [i["field"] for i in rejected] == ["created_at", "created_at", "text", "customer_id", "mobile"]
    assert "out of range" in rejected[1]["reason"] and "NUL" in rejected[2]["reason"]
    assert "jean.dupont" not in r.text and "06 12 34" not in r.text and "not a date" not in r.text
    assert count_rows(store, T.contacts) == 45


def test_half_a_character_an_item_that_is_no_object_or_a_long_subject_rejects_that_item_only(client, keys, store):
    """An integrator trial: a lone UTF-16 surrogate (an emoji cut in two, valid JSON) anywhere
    in a batch was a 500 that lost the batch; a string item rejected the whole batch."""
    import json

    contacts = [
        {"id": "OK-1", "text": "fine text about my invoice"},
        {"id": "S-5", "subject": "x\ud800", "text": "hello there my bill is wrong"},
        {"id": "S-6", "text": "my bill \udc00 is wrong"},
        "just a string",
        {"id": "L-1", "subject": "s" * 2_001, "text": "refund"},
        {"id": "OK-2", "text": "refund please"},
    ]
    r = client.post(
        "/v1/contacts/batch", content=json.dumps({"contacts": contacts}), headers={**keys("ingest"), "content-type": "application/json"}
    )
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [i["status"] for i in items] == ["accepted", "rejected", "rejected", "rejected", "rejected", "accepted"]
    assert [i["field"] for i in items[1:5]] == ["subject", "text", "item", "subject"]
    assert "UTF-8" in items[1]["reason"] and "JSON object" in items[3]["reason"] and "2000" in items[4]["reason"]
    assert client.get("/v1/contacts/OK-1", headers=keys("ingest")).status_code == 200  # the valid items are stored
    assert count_rows(store, T.contacts) == 2


def test_the_api_description_defines_an_ingest_item_and_the_429(client):
    spec = client.get("/openapi.json").json()
    assert spec["components"]["schemas"]["IngestBatchIn"]["properties"]["contacts"]["items"] == {"$ref": "#/components/schemas/ContactIn"}
    assert "text" in spec["components"]["schemas"]["ContactIn"]["properties"]
    assert "429" in spec["paths"]["/v1/contacts/batch"]["post"]["responses"]
    assert "Retry-After" in spec["paths"]["/v1/classify"]["post"]["responses"]["429"]["headers"]


def test_an_implausible_date_rejects_its_item_with_the_fix(client, keys, store):
    """Trial finding A: a contact dated 2099 was accepted and zeroed every driver's 8-week trend;
    a future date (beyond a day) and a placeholder such as 1970-01-01 now reject that item."""
    contacts = [
        {"id": "f1", "text": "my bill is wrong", "created_at": "2099-01-01T00:00:00Z"},
        {"id": "f2", "text": "my bill is wrong", "created_at": "1970-01-01T00:00:00Z"},
        {"id": "f3", "text": "my bill is wrong", "created_at": "2026-03-04T09:12:00Z"},
    ]
    for route in ("/v1/contacts/batch", "/v1/classify/batch?store=true"):
        r = client.post(route, json={"contacts": contacts}, headers=keys("admin"))
        if route.startswith("/v1/contacts"):
            items = r.json()["items"]
            assert [i["status"] for i in items] == ["rejected", "rejected", "accepted"]
            assert [i["field"] for i in items[:2]] == ["created_at", "created_at"]
            assert "in the future" in items[0]["reason"] and "send the date" in items[0]["reason"]
            assert "placeholder" in items[1]["reason"] and "2099" not in r.text
        else:
            assert r.status_code == 422 and "created_at" in r.text
    assert count_rows(store, T.contacts) == 1


def test_personal_data_is_redacted_before_storage(client, keys, store):
    client.post("/v1/contacts/batch", json={"contacts": BATCH}, headers=keys("ingest"))
    df = store.contacts_frame()
    stored = "\n".join(df["text"].to_list() + df["reason_text"].to_list())
    assert "jane.doe@example.com" not in stored
    assert "12 34 56 78" not in stored
    assert "refund" in stored  # the rest of the text is kept


def test_a_reason_code_or_team_is_stored_as_plain_text_on_one_line(client, keys, store):
    forged = "billing\n2026-12-07 22:00:00,000 ERROR rootcause.api: forged line"
    item = {"id": "rc1", "text": "charged twice", "reason_code": forged, "handling_team": "<b>Billing</b>\r\nteam"}
    assert client.post("/v1/contacts/batch", json={"contacts": [item]}, headers=keys("ingest")).json()["created"] == 1
    row = store.get_contact("rc1")
    assert row["reason_code"] == "billing 2026-12-07 22:00:00,000 ERROR rootcause.api: forged line"
    assert row["handling_team"] == "Billing team"


def test_read_back_a_stored_contact(client, keys):
    client.post("/v1/contacts/batch", json={"contacts": BATCH}, headers=keys("ingest"))
    r = client.get("/v1/contacts/c2", headers=keys("ingest"))
    assert r.status_code == 200
    assert r.json()["driver_id"] == "D003"
    assert r.json()["created_at"].startswith("2024-03-04T09:12")
    assert client.get("/v1/contacts/zzz", headers=keys("ingest")).status_code == 404


def test_ingest_without_a_model_stores_without_driver(store, settings, keys, tmp_path):
    from fastapi.testclient import TestClient

    from api import create_app

    app = create_app(settings.model_copy(update={"model_dir": tmp_path / "missing"}), store=store)
    with TestClient(app) as c:
        r = c.post("/v1/contacts/batch", json={"contacts": BATCH}, headers=keys("ingest"))
    assert r.status_code == 200
    assert r.json()["created"] == 3
    assert store.contacts_frame()["driver_id"].null_count() == 3


def test_logs_carry_no_personal_data(client, keys, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    secret = "jane.doe@example.com"
    client.post("/v1/contacts/batch", json={"contacts": [{"id": "s1", "text": f"refund {secret}"}]}, headers=keys("ingest"))
    client.post("/v1/classify", json={"text": f"refund {secret}"}, headers=keys("classify"))
    client.post("/v1/classify", json={"text": secret * 2000}, headers=keys("classify"))  # 422
    client.get("/v1/contacts/s1", headers=keys("ingest"))
    # The server's records (the test client, httpx, logs its own requests).
    server = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert "method=POST route=/v1/contacts/batch status=200" in server  # the access log is there…
    assert secret not in server  # …without the contact's data
    assert "/v1/contacts/s1" not in server  # route templates, not raw paths


def test_stored_times_come_back_with_their_zone(client, keys, store):
    """API trial finding (session 17): "2026-11-02T09:00:00Z" came back as "2026-11-02T09:00:00",
    and "+02:00" converted to UTC without saying so."""
    contacts = [
        {"id": "z1", "text": "Where is my parcel?", "created_at": "2024-03-04T09:12:00Z"},
        {"id": "z2", "text": "Where is my parcel?", "created_at": "2024-03-04T11:12:00+02:00"},
    ]
    assert client.post("/v1/contacts/batch", json={"contacts": contacts}, headers=keys("ingest")).status_code == 200
    for cid in ("z1", "z2"):
        got = client.get(f"/v1/contacts/{cid}", headers=keys("ingest")).json()
        assert got["created_at"] == "2024-03-04T09:12:00Z", got
        assert got["ingested_at"].endswith("Z"), got
