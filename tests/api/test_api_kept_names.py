"""Trial findings C and D on the API, with real name detection (spaCy NER; the other API tests
leave it out): the company's own name is kept as `rootcause analyze` keeps it, and a rename's
label is redacted before it is stored or shown."""

from __future__ import annotations

import pytest

from rootcause import prepare as _prepare

REAL_PREPARE, REAL_FIELDS = _prepare.prepare_texts, _prepare.redact_fields  # before the fast fixture patches them


@pytest.fixture
def ner(monkeypatch):
    monkeypatch.setattr(_prepare, "prepare_texts", REAL_PREPARE)
    monkeypatch.setattr(_prepare, "redact_fields", REAL_FIELDS)


def test_the_company_s_own_name_is_not_masked_as_a_person(client, keys, store, ner):
    """Finding D: "I joined Lumio last week" was stored as "I joined [NAME]…" although the
    catalogue (ROOTCAUSE_DEPARTMENTS, data/samples/departments.yaml) says company: Lumio."""
    body = {"id": "lumio-1", "text": "I joined Lumio last week and my bill is wrong, call Jean Dupont"}
    r = client.post("/v1/classify?store=true", json=body, headers=keys("admin"))
    assert r.status_code == 200, r.text
    stored = client.get("/v1/contacts/lumio-1", headers=keys("admin")).json()
    assert "I joined Lumio last week" in stored["text"], stored["text"]
    assert "Dupont" not in stored["text"]  # a person is still masked


def test_a_rename_label_is_redacted_before_it_is_stored_or_shown(client, keys, store, ner):
    """Finding C: a rename label holding jean.dupont@example.fr was stored and shown as typed."""
    label = "Refund for jean.dupont@example.fr, Lumio box"
    r = client.post("/v1/drivers/D001/decisions", json={"action": "rename", "label": label}, headers=keys("review"))
    assert r.status_code == 201, r.text
    assert "jean.dupont" not in r.text and "[EMAIL]" in r.json()["payload"]["label"]
    shown = client.get("/v1/decisions", headers=keys("read"))
    assert "jean.dupont" not in shown.text and "example.fr" not in shown.text
    assert "Lumio" in shown.json()[-1]["payload"]["label"]  # the company's name is kept here too
    assert all("jean.dupont" not in str(d.payload) for d in store.decisions())
    drivers = client.get("/v1/drivers", headers=keys("read")).text
    assert "jean.dupont" not in drivers
