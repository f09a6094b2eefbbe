"""Refit jobs, model swap, decisions surviving a refit, report, readiness, metrics, OpenAPI."""

from __future__ import annotations

import threading
import time

import pytest
from api_fakes import save_model
from fastapi.testclient import TestClient

from api import create_app
from rootcause.errors import BadInputError


def fake_refit(*, store, previous, decisions, settings, job_id):
    """What the pipeline refit does, minus the pipeline: same ids, fresh labels, a report."""
    out = settings.data_dir / "models" / job_id
    save_model(out / "model", label_suffix=" v2")
    (out / "report.html").write_text("<html><body>refit report</body></html>", encoding="utf-8")
    time.sleep(0.2)  # long enough for requests to overlap the swap
    return store.add_model_version(
        str(out / "model"), n_contacts=store.count_contacts(), n_drivers=4, job_id=job_id, report_path=str(out / "report.html")
    )


def failing_refit(**_):
    raise BadInputError("Only 3 contacts are stored; a refit needs at least 20.")


def _client(settings, store, refit):
    return TestClient(create_app(settings, store=store, refit=refit))


def _wait(client, keys, job_id, timeout=10.0):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        job = client.get(f"/v1/jobs/{job_id}", headers=keys("admin")).json()
        if job["status"] in ("succeeded", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish: {job}")


def test_decisions_survive_a_refit(settings, store, keys):
    with _client(settings, store, fake_refit) as c:
        c.post("/v1/drivers/D001/decisions", json={"action": "rename", "label": "Refund delay"}, headers=keys("review"))
        c.post("/v1/drivers/D002/decisions", json={"action": "merge", "into": "D001"}, headers=keys("review"))
        c.post("/v1/drivers/D003/decisions", json={"action": "set_owner", "department": "field_ops"}, headers=keys("review"))
        c.post("/v1/drivers/D004/decisions", json={"action": "mark", "kind": "value"}, headers=keys("review"))
        r = c.post("/v1/models/refit", headers=keys("admin"))
        assert r.status_code == 202, r.text
        job = _wait(c, keys, r.json()["id"])
        assert job["status"] == "succeeded", job
        assert job["result"]["model_version"] == 1
        current = c.get("/v1/models/current", headers=keys("classify")).json()
        assert current["model_version"] == 1
        assert current["merged"] == 1
        # The new model's own labels carry " v2"; reviewed ones keep the decision.
        assert c.post("/v1/classify", json={"text": "refund"}, headers=keys("classify")).json()["driver_label"] == "Refund delay"
        declined = c.post("/v1/classify", json={"text": "card declined"}, headers=keys("classify")).json()
        assert declined["driver_id"] == "D001"
        parcel = c.post("/v1/classify", json={"text": "parcel"}, headers=keys("classify")).json()
        assert (parcel["owner_department"], parcel["driver_label"]) == ("field_ops", "parcel late v2")
        d4 = c.get("/v1/drivers/D004", headers=keys("read")).json()
        assert d4["kind"] == "value"


def test_refit_swaps_without_dropping_requests(settings, store, keys):
    statuses: list[int] = []
    stop = threading.Event()
    with _client(settings, store, fake_refit) as c:

        def hammer():
            while not stop.is_set():
                statuses.append(c.post("/v1/classify", json={"text": "refund"}, headers=keys("classify")).status_code)

        threads = [threading.Thread(target=hammer) for _ in range(3)]
        for t in threads:
            t.start()
        job = _wait(c, keys, c.post("/v1/models/refit", headers=keys("admin")).json()["id"])
        time.sleep(0.1)
        stop.set()
        for t in threads:
            t.join()
        assert job["status"] == "succeeded"
        assert statuses and set(statuses) == {200}
        assert c.post("/v1/classify", json={"text": "refund"}, headers=keys("classify")).json()["driver_label"] == "refund delay v2"


def test_second_refit_while_running_returns_the_running_job(settings, store, keys):
    gate = threading.Event()

    def slow_refit(**kw):
        gate.wait(5)
        return fake_refit(**kw)

    with _client(settings, store, slow_refit) as c:
        first = c.post("/v1/models/refit", headers=keys("admin"))
        second = c.post("/v1/models/refit", headers=keys("admin"))
        gate.set()
        assert (first.status_code, second.status_code) == (202, 200)
        assert first.json()["id"] == second.json()["id"]
        assert _wait(c, keys, first.json()["id"])["status"] == "succeeded"


def test_failed_refit_reports_why_and_keeps_the_model(settings, store, keys):
    with _client(settings, store, failing_refit) as c:
        job = _wait(c, keys, c.post("/v1/models/refit", headers=keys("admin")).json()["id"])
        assert job["status"] == "failed"
        assert "at least 20" in job["error"]
        assert c.post("/v1/classify", json={"text": "refund"}, headers=keys("classify")).status_code == 200
        assert c.get("/v1/jobs/does-not-exist", headers=keys("admin")).status_code == 404


def test_a_job_left_running_by_a_dead_process_is_marked_failed(settings, store, keys):
    job = store.create_job("refit", "someone")
    store.update_job(job.id, status="running")
    with _client(settings, store, fake_refit) as c:
        out = c.get(f"/v1/jobs/{job.id}", headers=keys("admin")).json()
    assert out["status"] == "failed" and "interrupted" in out["error"]


def test_latest_report(settings, store, keys):
    with _client(settings, store, fake_refit) as c:
        assert c.get("/v1/reports/latest", headers=keys("read")).status_code == 404
        _wait(c, keys, c.post("/v1/models/refit", headers=keys("admin")).json()["id"])
        r = c.get("/v1/reports/latest", headers=keys("read"))
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/html")
        assert "refit report" in r.text


def test_ready_and_metrics(client, keys):
    r = client.get("/v1/ready", headers=keys("classify"))
    assert r.status_code == 200
    assert r.json() == {"status": "ready", "database": True, "model": True, "model_version": 0}
    client.post("/v1/classify", json={"text": "refund"}, headers=keys("classify"))
    m = client.get("/v1/metrics", headers=keys("admin"))
    assert m.status_code == 200
    assert 'rootcause_http_requests_total{method="POST",route="/v1/classify",status="200"} 1.0' in m.text
    assert 'rootcause_contacts_classified_total{unknown="false"} 1.0' in m.text
    assert "rootcause_model_drivers 4.0" in m.text


def test_openapi_is_versioned_with_examples(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert all(p.startswith("/v1/") for p in paths)
    for p in ("/v1/classify", "/v1/contacts/batch", "/v1/drivers/{driver_id}/decisions", "/v1/models/refit", "/v1/jobs/{job_id}"):
        assert p in paths
    schemas = spec["components"]["schemas"]
    assert schemas["ClassifyIn"]["examples"]
    assert schemas["ClassificationPublic"]["examples"]
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


@pytest.mark.parametrize("n_decisions", [0, 3])
def test_model_current_counts_decisions(client, keys, n_decisions):
    for i in range(n_decisions):
        client.post("/v1/drivers/D001/decisions", json={"action": "rename", "label": f"L{i}"}, headers=keys("review"))
    assert client.get("/v1/models/current", headers=keys("classify")).json()["decisions_applied"] == n_decisions
