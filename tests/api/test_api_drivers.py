"""Drivers, department scorecards, review decisions applied at once, audit trail."""

from __future__ import annotations

import pytest

CONTACTS = [
    {"id": f"r{i}", "text": f"refund number {i} please", "customer_id": "K1" if i < 2 else f"K{i}",
     "created_at": f"2024-03-{i + 1:02d}T10:00:00"}
    for i in range(4)
] + [
    {"id": "p1", "text": "where is my parcel", "customer_id": "K9", "created_at": "2024-03-05T10:00:00"},
    {"id": "c1", "text": "my card was declined", "created_at": "2024-02-01T10:00:00"},
]


@pytest.fixture
def loaded(client, keys):
    r = client.post("/v1/contacts/batch", json={"contacts": CONTACTS}, headers=keys("ingest"))
    assert r.json()["created"] == len(CONTACTS)
    return client


def test_list_drivers_with_live_statistics(loaded, keys):
    body = loaded.get("/v1/drivers", headers=keys("read")).json()
    assert body["total_contacts"] == 6
    by_id = {d["driver_id"]: d for d in body["drivers"]}
    assert [d["driver_id"] for d in body["drivers"]][0] == "D001"  # largest first
    d1 = by_id["D001"]
    assert d1["size"] == 4
    assert d1["share"] == pytest.approx(4 / 6, abs=1e-3)
    assert len(d1["trend"]) == 8 and sum(d1["trend"]) == 4
    assert d1["repeat_rate"] == 0.5  # K1 contacted twice about it
    assert len(d1["exemplars"]) == 3
    assert by_id["D004"]["size"] == 0


def test_read_one_driver_and_404(loaded, keys):
    r = loaded.get("/v1/drivers/D003", headers=keys("read"))
    assert r.status_code == 200
    assert r.json()["exemplars"] == ["where is my parcel"]
    assert loaded.get("/v1/drivers/D999", headers=keys("read")).status_code == 404


def test_department_scorecards(loaded, keys):
    cards = {c["department_id"]: c for c in loaded.get("/v1/departments/scorecards", headers=keys("read")).json()}
    assert cards["billing"]["contacts"] == 5
    assert cards["billing"]["drivers"] == 2
    assert cards["billing"]["top_drivers"][0]["driver_id"] == "D001"
    assert cards["logistics"]["contacts"] == 1
    one = loaded.get("/v1/departments/logistics/scorecard", headers=keys("read"))
    assert one.status_code == 200 and one.json()["contacts"] == 1
    assert loaded.get("/v1/departments/nope/scorecard", headers=keys("read")).status_code == 404


def _decide(client, keys, driver_id, body):
    return client.post(f"/v1/drivers/{driver_id}/decisions", json=body, headers=keys("review"))


def _classify(client, keys, text):
    return client.post("/v1/classify", json={"text": text}, headers=keys("classify")).json()


def test_rename_applies_to_classification_at_once(client, keys):
    r = _decide(client, keys, "D001", {"action": "rename", "label": "Refund delay (reviewed)"})
    assert r.status_code == 201, r.text
    assert _classify(client, keys, "refund")["driver_label"] == "Refund delay (reviewed)"
    d = client.get("/v1/drivers/D001", headers=keys("review")).json()
    assert d["reviewed"] is True


def test_merge_sends_contacts_to_the_target(loaded, keys):
    assert _decide(loaded, keys, "D002", {"action": "merge", "into": "D001"}).status_code == 201
    out = _classify(loaded, keys, "my card was declined")
    assert out["driver_id"] == "D001"
    body = loaded.get("/v1/drivers", headers=keys("review")).json()
    ids = [d["driver_id"] for d in body["drivers"]]
    assert "D002" not in ids
    d1 = next(d for d in body["drivers"] if d["driver_id"] == "D001")
    assert d1["size"] == 5 and d1["merged_ids"] == ["D002"]
    # A merged id still answers, with the surviving driver.
    assert loaded.get("/v1/drivers/D002", headers=keys("review")).json()["driver_id"] == "D001"
    again = _decide(loaded, keys, "D002", {"action": "merge", "into": "D001"})
    assert again.status_code == 409


def test_set_owner_and_mark(client, keys):
    assert _decide(client, keys, "D003", {"action": "set_owner", "department": "field_ops"}).status_code == 201
    assert _decide(client, keys, "D003", {"action": "mark", "kind": "irritant", "avoidable": True}).status_code == 201
    out = _classify(client, keys, "where is my parcel")
    assert out["owner_department"] == "field_ops"
    d = client.get("/v1/drivers/D003", headers=keys("review")).json()
    assert (d["owner_confidence"], d["kind"], d["avoidable"]) == (1.0, "irritant", True)


def test_unknown_department_is_422(client, keys):
    r = _decide(client, keys, "D003", {"action": "set_owner", "department": "astrology"})
    assert r.status_code == 422
    assert "astrology" in r.json()["detail"]


def test_bad_decisions(client, keys):
    assert _decide(client, keys, "D999", {"action": "rename", "label": "x"}).status_code == 404
    assert _decide(client, keys, "D001", {"action": "merge", "into": "D999"}).status_code == 404
    assert _decide(client, keys, "D001", {"action": "merge", "into": "D001"}).status_code == 409
    r = _decide(client, keys, "D001", {"action": "explode"})
    assert r.status_code == 422
    r = _decide(client, keys, "D001", {"action": "rename", "label": ""})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "label"
    r = _decide(client, keys, "D001", {"action": "mark"})
    assert r.status_code == 422


def test_audit_trail_keeps_who_when_what(client, keys):
    _decide(client, keys, "D001", {"action": "rename", "label": "A"})
    _decide(client, keys, "D001", {"action": "rename", "label": "B"})
    _decide(client, keys, "D004", {"action": "mark", "kind": "value"})
    trail = client.get("/v1/decisions", headers=keys("read")).json()
    assert [(t["driver_id"], t["action"], t["payload"]) for t in trail] == [
        ("D001", "rename", {"label": "A"}),
        ("D001", "rename", {"label": "B"}),
        ("D004", "mark", {"kind": "value"}),
    ]
    assert {t["author"] for t in trail} == {"test-review"}
    assert all(t["created_at"] for t in trail)
    assert len(client.get("/v1/drivers/D001/decisions", headers=keys("read")).json()) == 2
    assert _classify(client, keys, "refund")["driver_label"] == "B"  # the later decision wins


def test_scorecards_name_departments_from_the_model_without_a_catalogue(app, loaded, keys):
    app.state.settings.departments = None
    cards = {c["department_id"]: c for c in loaded.get("/v1/departments/scorecards", headers=keys("read")).json()}
    assert cards["billing"]["name"] == "Facturation & Recouvrement"


def test_a_split_is_recorded_for_the_next_analyze(client, keys, tmp_path):
    import json

    from rootcause.review import load_decisions

    before = client.get("/v1/drivers/D001", headers=keys("review")).json()
    r = _decide(client, keys, "D001", {"action": "split", "parts": 3})
    assert r.status_code == 201 and r.json()["payload"] == {"parts": 3}
    assert client.get("/v1/drivers/D001", headers=keys("review")).json() == before  # the model is unchanged
    assert _decide(client, keys, "D001", {"action": "split", "parts": 1}).status_code == 422
    # the audit trail, saved as is, is a decisions file for `rootcause analyze --decisions`
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps(client.get("/v1/decisions", headers=keys("review")).json()), encoding="utf-8")
    assert [(d.action, d.driver_id, d.payload) for d in load_decisions(path)] == [("split", "D001", {"parts": 3})]


def test_drivers_are_paged_with_their_total(loaded, keys):
    whole = loaded.get("/v1/drivers", headers=keys("read")).json()
    assert (whole["total_drivers"], whole["offset"], whole["limit"], len(whole["drivers"])) == (4, 0, 500, 4)
    page = loaded.get("/v1/drivers?limit=2&offset=1", headers=keys("read")).json()
    assert page["drivers"] == whole["drivers"][1:3] and page["total_drivers"] == 4
    assert page["total_contacts"] == whole["total_contacts"] == 6
    for bad in ("limit=0", "limit=1001", "offset=-1"):
        r = loaded.get(f"/v1/drivers?{bad}", headers=keys("read"))
        assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == bad.split("=")[0]
