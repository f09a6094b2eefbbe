"""API trial finding (session 17): the same contact got one driver from `POST /v1/classify` and
another from `POST /v1/contacts/batch`, because ingest classified the text after name redaction
and classify before it. Both now classify it the same way (the packaged model, no fakes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rootcause.model import load_model
from rootcause.store.ingest import ingest_contacts

MODEL = Path(__file__).resolve().parents[2] / "models" / "default"
CONTACTS = [
    {"id": "p1", "text": "Je veux résilier, appelez-moi au 01 23 45 67 89, demandez Pierre Martin."},
    {"id": "p2", "text": "Bonjour, ici Sophie Durand : ma box ne s'allume plus depuis l'orage, merci de m'aider."},
    {"id": "p3", "text": "Hello, Mark Johnson here, I was charged twice for my May invoice, please refund me."},
]


@pytest.mark.skipif(not (MODEL / "model.json").is_file(), reason="the packaged model models/default is missing")
def test_ingest_stores_the_driver_classify_answers(store):
    model = load_model(MODEL)
    said = model.classify([c["text"] for c in CONTACTS], ids=[c["id"] for c in CONTACTS], names=False)
    results = ingest_contacts(store, CONTACTS, model=model, classify_names=False)
    assert [r.status for r in results] == ["accepted"] * 3
    assert [r.driver_id for r in results] == said["driver_id"].to_list()
