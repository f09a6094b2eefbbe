"""With the real redaction (spaCy names included), no planted personal data reaches the database."""

from __future__ import annotations

import pytest

from rootcause import prepare as _prepare
from rootcause.prepare import prepare_texts as REAL_PREPARE

PLANTED = [
    ("Bonjour, je suis Marie Lefèvre, remboursement SVP, écrivez à marie.lefevre@gmail.com", ["marie.lefevre@gmail.com", "Lefèvre"]),
    ("Hi, this is John Smith. Refund please, call me on +44 7700 900123.", ["7700 900123", "John Smith"]),
    ("Customer: hello my card was declined, my IBAN is FR76 3000 6000 0112 3456 7890 189\nAgent: ok",
     ["FR76 3000 6000 0112 3456 7890 189"]),
]


@pytest.mark.integration
def test_ingest_stores_no_planted_personal_data(client, keys, store, monkeypatch):
    monkeypatch.setattr(_prepare, "prepare_texts", REAL_PREPARE)
    contacts = [{"id": f"p{i}", "text": t} for i, (t, _) in enumerate(PLANTED)]
    r = client.post("/v1/contacts/batch", json={"contacts": contacts}, headers=keys("ingest"))
    assert r.json()["created"] == len(PLANTED)
    df = store.contacts_frame()
    stored = "\n".join(df["text"].to_list() + df["reason_text"].to_list())
    for _, secrets in PLANTED:
        for s in secrets:
            assert s not in stored
