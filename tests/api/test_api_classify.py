"""POST /v1/classify and /v1/classify/batch."""

from __future__ import annotations

from api_fakes import LABELS, count_rows

from rootcause.store import tables as T


def test_classify_one_gives_driver_owner_confidence_language(client, keys):
    r = client.post(
        "/v1/classify",
        json={"id": "x1", "text": "Bonjour, ma carte bancaire a été refusée au magasin hier soir.", "channel": "chat"},
        headers=keys("classify"),
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["id"] == "x1"
    assert body["driver_id"] == "D002"
    assert body["driver_label"] == LABELS["D002"]
    assert body["owner_department"] == "billing"
    assert body["confidence"] == 0.9
    assert body["unknown"] is False
    assert body["language"] == "fr"
    assert body["stored"] is None


def test_unseen_contact_is_flagged_unknown(client, keys):
    r = client.post("/v1/classify", json={"text": "The weather is nice today"}, headers=keys("classify"))
    assert r.status_code == 200
    assert r.json()["unknown"] is True
    assert r.json()["driver_id"] == "unknown"


def test_batch_keeps_order(client, keys):
    texts = ["network outage again", "where is my parcel", "refund me", "hello"]
    r = client.post(
        "/v1/classify/batch",
        json={"contacts": [{"id": str(i), "text": t} for i, t in enumerate(texts)]},
        headers=keys("classify"),
    )
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["model_version"] == 0
    assert [x["driver_id"] for x in out["results"]] == ["D004", "D003", "D001", "noise"]  # "hello" states no reason
    assert [x["id"] for x in out["results"]] == ["0", "1", "2", "3"]


def test_classify_does_not_store_by_default(client, keys, store):
    client.post("/v1/classify", json={"id": "a", "text": "refund"}, headers=keys("classify"))
    assert count_rows(store, T.contacts) == 0


def test_store_true_needs_ingest_scope(client, keys, store):
    r = client.post("/v1/classify?store=true", json={"id": "a", "text": "refund"}, headers=keys("classify"))
    assert r.status_code == 403
    assert count_rows(store, T.contacts) == 0


def test_store_true_stores_redacted_with_its_driver(client, keys, store):
    body = {"id": "a", "text": "refund please, write to jane.doe@example.com or +33 6 12 34 56 78"}
    r = client.post("/v1/classify?store=true", json=body, headers=keys("admin"))
    assert r.status_code == 200, r.text
    assert r.json()["stored"] is True
    row = store.contacts_frame().row(0, named=True)
    assert row["driver_id"] == "D001"
    assert "jane.doe@example.com" not in row["text"]
    assert "12 34 56 78" not in row["text"]
    again = client.post("/v1/classify?store=true", json=body, headers=keys("admin"))
    assert again.json()["stored"] is False
    assert count_rows(store, T.contacts) == 1


def test_store_true_needs_ids(client, keys, store):
    r = client.post("/v1/classify?store=true", json={"text": "refund"}, headers=keys("admin"))
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "id"]


def test_store_true_batch_with_a_bad_item_stores_nothing(client, keys, store):
    contacts = [{"id": "a", "text": "refund"}, {"id": "b", "text": "refund", "channel": "pigeon"}]
    r = client.post("/v1/classify/batch?store=true", json={"contacts": contacts}, headers=keys("admin"))
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "contacts", 1, "channel"]
    assert count_rows(store, T.contacts) == 0


def test_422_names_the_field_and_does_not_echo_the_value(client, keys):
    secret = "jane.doe@example.com " * 400  # over max_length → rejected
    r = client.post("/v1/classify", json={"text": "ok", "subject": secret}, headers=keys("classify"))
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "subject"]
    assert "jane.doe" not in r.text


def test_empty_text_is_422(client, keys):
    r = client.post("/v1/classify", json={"text": ""}, headers=keys("classify"))
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "text"]


def test_unknown_field_is_422(client, keys):
    r = client.post("/v1/classify", json={"text": "refund", "colour": "blue"}, headers=keys("classify"))
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "colour"]


def test_batch_over_the_item_limit_is_422(client, keys):
    contacts = [{"text": "refund"}] * 51  # settings.max_batch_items = 50
    r = client.post("/v1/classify/batch", json={"contacts": contacts}, headers=keys("classify"))
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "contacts"]


def test_text_over_the_char_limit_is_422(client, keys):
    r = client.post("/v1/classify", json={"text": "a" * 5_001}, headers=keys("classify"))
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "text"]


def test_body_over_the_size_limit_is_413(client, keys):
    contacts = [{"text": "x" * 4_900}] * 45  # ~220 kB > max_request_bytes (200 kB)
    r = client.post("/v1/classify/batch", json={"contacts": contacts}, headers=keys("classify"))
    assert r.status_code == 413


def test_no_model_answers_503(store, settings, keys, tmp_path):
    from fastapi.testclient import TestClient

    from api import create_app

    app = create_app(settings.model_copy(update={"model_dir": tmp_path / "missing"}), store=store)
    with TestClient(app) as c:
        r = c.post("/v1/classify", json={"text": "refund"}, headers=keys("classify"))
        assert r.status_code == 503
        assert "ROOTCAUSE_MODEL_DIR" in r.json()["detail"]
        assert c.get("/v1/ready", headers=keys("classify")).status_code == 503


def test_a_body_sent_as_anything_but_json_is_a_415_that_says_so(client, keys):
    """API trial findings (sessions 17, 25): JSON sent as text/plain, XML, a form or with no
    Content-Type got a 422 about "a valid dictionary"; a request without a body passes."""
    body = '{"text": "where is my refund"}'
    for kind in ("text/plain", "application/xml", "application/x-www-form-urlencoded"):
        r = client.post("/v1/classify", content=body, headers={**keys("classify"), "Content-Type": kind})
        assert r.status_code == 415 and "application/json" in r.json()["detail"], (kind, r.text)
    r = client.post("/v1/classify", content=body, headers={**keys("classify"), "Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200, r.text
    r = client.post("/v1/contacts/batch", content=body.encode(), headers=keys("ingest"))  # no Content-Type
    assert r.status_code == 415 and "without a Content-Type" in r.json()["detail"], r.text


def test_a_text_of_spaces_is_refused_like_an_empty_one(client, keys):
    """API trial finding (session 17): "" got 422 but "   " got 200 as noise, though ingest refuses both."""
    r = client.post("/v1/classify", json={"text": "   \n"}, headers=keys("classify"))
    assert r.status_code == 422 and "only spaces" in r.text and "   \\n" not in r.text


def test_classify_refuses_what_ingest_refuses(client, keys):
    """API trial finding (session 17): classify without `store` took `channel: "pigeon"` and a NUL
    character that `?store=true` and ingest refuse."""
    for extra in ({"channel": "pigeon"}, {"text": "refund\u0000please"}):
        r = client.post("/v1/classify", json={"text": "where is my refund", **extra}, headers=keys("classify"))
        assert r.status_code == 422, (extra, r.text)


def test_a_contact_sent_without_an_id_is_answered_with_a_null_id_not_its_position(client, keys):
    """API trial: a single contact without an id came back as "id": "0", an id the CRM never sent."""
    one = client.post("/v1/classify", json={"text": "Ma carte bancaire a été refusée."}, headers=keys("classify"))
    assert one.status_code == 200, one.text
    assert one.json()["id"] is None
    batch = client.post(
        "/v1/classify/batch",
        json={"contacts": [{"text": "Ma carte a été refusée."}, {"id": "x2", "text": "Card declined at the shop."}]},
        headers=keys("classify"),
    )
    assert batch.status_code == 200, batch.text
    assert [r["id"] for r in batch.json()["results"]] == [None, "x2"]


def test_a_body_that_is_not_utf8_is_a_documented_400_that_says_so(client, keys):
    """API trial: bytes that are no UTF-8 were answered 400 with a status the OpenAPI page did not list."""
    r = client.post(
        "/v1/classify", content=b'{"text": "carte refus\xe9e"}', headers={**keys("classify"), "Content-Type": "application/json"}
    )
    assert r.status_code == 400, r.text
    assert "UTF-8" in r.text
    documented = client.get("/openapi.json").json()["paths"]["/v1/classify"]["post"]["responses"]
    assert "400" in documented
