"""A refit records where each retired driver's contacts went, so that a decision it made stale
names that driver (trial finding G), through the API's replay of the trail on the new model."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rootcause.model.driver_model import DriverModel
from rootcause.review import Decision, replay_decisions
from rootcause.settings import get_settings
from rootcause.store.refit import refit_from_store

DEPARTMENTS = Path(__file__).resolve().parents[2] / "data" / "samples" / "departments.yaml"
TOPICS = ["refund never received", "parcel never delivered", "internet outage at home", "invoice amount is wrong"]


def test_a_refit_records_where_a_retired_drivers_contacts_went(store, tmp_path, monkeypatch):
    monkeypatch.setenv("ROOTCAUSE_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    # the former model's D900 held the parcel contacts; no refit keeps that id
    store.add_contacts([
        {"id": f"c{i:02d}", "text": f"{TOPICS[i % 4]} {i:02d}", "reason_text": f"{TOPICS[i % 4]} {i:02d}",
         "driver_id": "D900" if i % 4 == 1 else "D901"}
        for i in range(48)
    ])  # fmt: skip
    mv = refit_from_store(store, previous=None, decisions=[], catalogue_path=DEPARTMENTS, out_root=tmp_path / "m", embedder="fake")
    model = DriverModel.load(mv.path)
    parcel = Counter(d for cid, d in store.contacts_frame(["id", "driver_id"]).iter_rows() if int(cid[1:]) % 4 == 1)
    heir, n = parcel.most_common(1)[0]
    assert model.meta["successors"]["D900"] == [heir, n, 12]
    (state,) = replay_decisions(model, [Decision("rename", "D900", {"label": "Parcel lost"}, id=1)]).states
    assert state.state == "stale" and f"{n} of its 12 contacts are now in {heir} " in state.reason
