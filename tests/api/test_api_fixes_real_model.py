"""End to end with the real packaged model: a planted export ingested through the API, fixes logged,
verdicts read back. The refund driver's contacts halve on the fix date, the invoice driver's do not."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import create_app
from rootcause.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "measure"))
from planted_fixes import FIX, planted_export  # noqa: E402

MODEL = Path(__file__).resolve().parents[2] / "models" / "default"
TEXTS = {  # each planted driver's contacts, French and English, as a CRM would send them
    "DROP": ["Where is my refund for the returned parcel? It has been {n} days.",
             "Remboursement toujours pas reçu pour mon colis retourné depuis {n} jours.",
             "I sent the item back {n} days ago and still no refund on my card.",
             "Colis renvoyé il y a {n} jours, toujours pas remboursé."],
    "FLAT": ["My invoice is {n} euros higher than last month.", "Ma facture a augmenté de {n} euros sans explication.",
             "Why was I charged {n} euros extra on my bill?", "Montant de la facture incorrect, {n} euros de trop."],
    "OTHER": ["No internet at home for {n} hours, the box light is red.", "Plus d'internet depuis {n} heures, la box clignote en rouge."],
}


@pytest.mark.integration
@pytest.mark.timeout(600)
@pytest.mark.skipif(not (MODEL / "model.json").is_file(), reason="the packaged model models/default is missing")
def test_a_planted_fix_through_the_api_with_the_real_model(settings, tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'e2e.db'}")
    store.migrate()
    tokens = {scope: store.create_key(f"e2e-{scope}", [scope])[1] for scope in ("ingest", "read", "review")}

    def keys(scope: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[scope]}"}

    export = planted_export(7, weekly=14, other=10)
    contacts = [
        {"id": f"T{i}", "text": TEXTS[d][i % len(TEXTS[d])].format(n=2 + i % 23), "created_at": when.isoformat() + "Z"}
        for i, (d, when) in enumerate(export.iter_rows())
    ]
    settings = settings.model_copy(update={"model_dir": MODEL, "max_batch_items": 1000, "max_request_bytes": 2_000_000})
    with TestClient(create_app(settings, store=store)) as c:
        assigned: dict[str, Counter[str]] = {k: Counter() for k in TEXTS}
        for start in range(0, len(contacts), 500):
            r = c.post("/v1/contacts/batch", json={"contacts": contacts[start : start + 500]}, headers=keys("ingest"))
            assert r.status_code == 200, r.text
            for item in r.json()["items"]:
                assert item["status"] == "accepted", item
                assigned[export[item["index"] + start, "driver_id"]][item["driver_id"]] += 1
        # the driver the real model files most of each planted group under
        halved, flat = (assigned[k].most_common(1)[0][0] for k in ("DROP", "FLAT"))
        assert halved != flat and halved not in ("unknown", None), assigned
        for driver in (halved, flat):
            body = {"date": FIX.isoformat(), "description": "Refunds paid at scan", "department": "billing"}
            assert c.post(f"/v1/drivers/{driver}/fixes", json=body, headers=keys("review")).status_code == 201
        down = c.get(f"/v1/drivers/{halved}/fixes", headers=keys("read")).json()[0]["effect"]
        same = c.get(f"/v1/drivers/{flat}/fixes", headers=keys("read")).json()[0]["effect"]
    assert down["verdict"] == "down", down
    assert down["ci_low"] < -0.5 < down["ci_high"] < 0
    assert "contacts per week since 2 Mar 2026, significant" in down["summary"]
    assert same["verdict"] == "no_change", same
    store.close()
