"""GET /v1/review/queue: the questions whose answers change most, over the live model and store."""

from __future__ import annotations

import pytest
from api_fakes import make_model

SCORES = {
    "D001": {"billing": 0.40, "logistics": 0.38, "network": 0.22},  # contested
    "D002": {"billing": 0.90, "logistics": 0.05, "network": 0.05},  # sure
    "D003": {"logistics": 0.60, "billing": 0.30, "network": 0.10},
    "D004": {"network": 0.70, "billing": 0.20, "logistics": 0.10},
}


@pytest.fixture
def model_dir(tmp_path):
    model = make_model()
    for d in model.drivers:
        d.owner_scores = SCORES[d.driver_id]
        d.owner_department = max(SCORES[d.driver_id], key=SCORES[d.driver_id].__getitem__)
    return model.save(tmp_path / "model")


def test_queue_ranks_contested_owners_first_and_says_why(client, keys):
    r = client.get("/v1/review/queue", headers=keys("read"))
    assert r.status_code == 200, r.text
    qs = r.json()["questions"]
    assert [q["key"] for q in qs] == ["owner:D001", "owner:D003", "owner:D004", "owner:D002"]  # 10 contacts each: by uncertainty
    top = qs[0]
    assert top["contested"] and top["uncertainty"] == pytest.approx(0.95)
    assert [c["id"] for c in top["candidates"]] == ["billing", "logistics"]
    assert top["candidates"][0]["name"] == "Facturation & Recouvrement"
    assert "contested owner" in top["reason"] and "10 contacts" in top["reason"]


def test_live_sizes_come_from_stored_contacts(client, keys):
    contacts = [{"id": f"p{i}", "text": f"where is my parcel {i}"} for i in range(6)] + [{"id": "r1", "text": "refund please"}]
    assert client.post("/v1/contacts/batch", json={"contacts": contacts}, headers=keys("ingest")).status_code == 200
    qs = client.get("/v1/review/queue", headers=keys("read")).json()["questions"]
    by_key = {q["key"]: q for q in qs}
    assert by_key["owner:D003"]["contacts"] == 6 and qs[0]["key"] == "owner:D003"
    assert "owner:D002" not in by_key and "owner:D004" not in by_key  # no stored contact: nothing to fix


def test_an_answer_takes_the_question_off_and_declined_ones_can_be_skipped(client, keys):
    r = client.post("/v1/drivers/D001/decisions", json={"action": "set_owner", "department": "billing"}, headers=keys("review"))
    assert r.status_code == 201, r.text
    keys_left = [q["key"] for q in client.get("/v1/review/queue", headers=keys("read")).json()["questions"]]
    assert "owner:D001" not in keys_left
    skipped = client.get("/v1/review/queue", params={"skip": ["owner:D003"], "limit": 1}, headers=keys("read")).json()["questions"]
    assert [q["key"] for q in skipped] == ["owner:D004"]


def test_queue_needs_the_read_scope_and_checks_its_parameters(client, keys):
    assert client.get("/v1/review/queue").status_code == 401
    assert client.get("/v1/review/queue", headers=keys("classify")).status_code == 403
    assert client.get("/v1/review/queue", params={"limit": 0}, headers=keys("read")).status_code == 422
    r = client.get("/v1/review/queue", params={"language": "fr"}, headers=keys("read"))
    assert "responsable contesté" in r.json()["questions"][0]["reason"]


@pytest.fixture
def group_client(model_dir, settings, store):
    """A client of a model whose D002 has 3 of its 10 contacts reading like logistics."""
    from fastapi.testclient import TestClient

    from api.app import create_app

    model = make_model()
    for d in model.drivers:
        d.owner_scores = SCORES[d.driver_id]
        d.owner_department = max(SCORES[d.driver_id], key=SCORES[d.driver_id].__getitem__)
        d.size = 10
    model.drivers[1].member_owners = {"billing": [7, 0.8], "logistics": [3, 0.7]}
    model.save(model_dir)  # the app below loads it
    with TestClient(create_app(settings, store=store)) as client:
        yield client


def test_a_group_question_is_answered_by_a_split_with_an_owner(group_client, keys):
    client = group_client
    qs = {q["key"]: q for q in client.get("/v1/review/queue", headers=keys("read")).json()["questions"]}
    q = qs["group:D002>logistics"]
    assert q["kind"] == "group" and q["group"] == 3 and q["candidates"][0]["id"] == "logistics"
    assert q["expected_fixed"] == pytest.approx(3 * 0.7)
    body = {"action": "split", "parts": 2, "owner": "logistics"}
    r = client.post("/v1/drivers/D002/decisions", json=body, headers=keys("review"))
    assert r.status_code == 201, r.text
    assert r.json()["payload"] == {"parts": 2, "owner": "logistics"}
    left = [q["key"] for q in client.get("/v1/review/queue", headers=keys("read")).json()["questions"]]
    assert "group:D002>logistics" not in left  # carved out at the next refit: not asked again
    bad = client.post("/v1/drivers/D002/decisions", json={**body, "owner": "astrology"}, headers=keys("review"))
    assert bad.status_code == 422 and "billing" in bad.text


def test_a_declined_question_is_stored_and_not_asked_again(group_client, keys):
    client = group_client
    ask = lambda: [q["key"] for q in client.get("/v1/review/queue", params={"limit": 50}, headers=keys("read")).json()["questions"]]  # noqa: E731
    before = ask()
    assert "group:D002>logistics" in before
    no = {"action": "decline", "question": "owner:D001"}  # an owner question is answered with a department
    assert client.post("/v1/drivers/D001/decisions", json=no, headers=keys("review")).status_code == 422
    r = client.post("/v1/drivers/D002/decisions", json={"action": "decline", "question": "group:D002>logistics"}, headers=keys("review"))
    assert r.status_code == 201, r.text
    assert ask() == [k for k in before if k != "group:D002>logistics"]
    assert client.post(f"/v1/decisions/{r.json()['id']}/undo", headers=keys("review")).status_code == 201
    assert ask() == before
