"""A refit job through the real batch pipeline (fake embedder): ids stable, decisions kept, splits applied."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import create_app

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "contacts.csv"


def _contacts(n: int) -> list[dict]:
    with SAMPLES.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:n]
    return [
        {"id": r["ticket_id"], "text": r["description"], "subject": r["subject"], "created_at": r["created_at"],
         "customer_id": r["customer_id"]}
        for r in rows
    ]


def _refit(c, keys) -> dict:
    job = c.post("/v1/models/refit", headers=keys("admin")).json()
    t0 = time.monotonic()
    while job["status"] in ("queued", "running") and time.monotonic() - t0 < 240:
        time.sleep(0.2)
        job = c.get(f"/v1/jobs/{job['id']}", headers=keys("admin")).json()
    return job


@pytest.mark.integration
@pytest.mark.timeout(600)
@pytest.mark.skipif(not SAMPLES.is_file(), reason="bundled samples missing")
def test_pipeline_refit_keeps_ids_and_decisions(store, settings, keys, tmp_path):
    settings = settings.model_copy(update={"model_dir": tmp_path / "none", "embedder": "fake"})
    with TestClient(create_app(settings, store=store)) as c:
        contacts = _contacts(120)
        accepted = 0
        for i in range(0, len(contacts), 40):  # settings.max_batch_items = 50
            r = c.post("/v1/contacts/batch", json={"contacts": contacts[i : i + 40]}, headers=keys("ingest"))
            assert r.status_code == 200, r.text
            accepted += r.json()["accepted"]
        assert accepted >= 100
        assert c.post("/v1/classify", json={"text": "refund"}, headers=keys("classify")).status_code == 503
        first = _refit(c, keys)
        assert first["status"] == "succeeded", first
        drivers = c.get("/v1/drivers", headers=keys("review")).json()["drivers"]
        assert drivers and sum(d["size"] for d in drivers) > 0
        target = drivers[0]["driver_id"]
        assert c.post(f"/v1/drivers/{target}/decisions", json={"action": "rename", "label": "Kept by review"},
                      headers=keys("review")).status_code == 201
        mixed = drivers[1]["driver_id"]
        assert c.post(f"/v1/drivers/{mixed}/decisions", json={"action": "split"}, headers=keys("review")).status_code == 201
        second = _refit(c, keys)
        assert second["status"] == "succeeded", second
        assert second["result"]["model_version"] == first["result"]["model_version"] + 1
        after = {d["driver_id"]: d for d in c.get("/v1/drivers", headers=keys("review")).json()["drivers"]}
        assert after[target]["label"] == "Kept by review"
        assert mixed not in after and {f"{mixed}.1", f"{mixed}.2"} <= set(after)  # the refit applied the split
        assert after[f"{mixed}.1"]["size"] + after[f"{mixed}.2"]["size"] >= drivers[1]["size"] - 2
        assert c.get("/v1/reports/latest", headers=keys("review")).status_code == 200
