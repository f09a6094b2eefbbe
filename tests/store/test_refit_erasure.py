"""A contact erased while a refit runs is taken out of that refit's outputs when it ends."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from rootcause import pipeline
from rootcause.settings import get_settings
from rootcause.store.refit import refit_from_store

DEPARTMENTS = Path(__file__).resolve().parents[2] / "data" / "samples" / "departments.yaml"
TOPICS = ["refund not received", "parcel never delivered", "internet outage at home", "invoice amount is wrong"]


def test_a_contact_erased_during_a_refit_leaves_its_outputs(store, tmp_path, monkeypatch):
    monkeypatch.setenv("ROOTCAUSE_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    store.add_contacts([
        {"id": f"r{i:02d}", "text": f"{TOPICS[i % 4]} case {i:02d}", "reason_text": f"{TOPICS[i % 4]} case {i:02d}"}
        for i in range(40)
    ])
    real = pipeline.analyze_frame

    def erased_meanwhile(*args, **kwargs):
        result = real(*args, **kwargs)
        store.delete_contacts(["r07"])  # an erasure that ran while the refit embedded and clustered
        return result

    monkeypatch.setattr(pipeline, "analyze_frame", erased_meanwhile)
    mv = refit_from_store(store, previous=None, decisions=[], catalogue_path=DEPARTMENTS, out_root=tmp_path / "models", embedder="fake")
    run = Path(mv.path).parent
    assert "r07" not in pl.read_parquet(run / "contacts.parquet")["id"].to_list()
    assert "case 07" not in (run / "report.html").read_text(encoding="utf-8")
    assert not list((tmp_path / "cache").rglob("*.sqlite"))
