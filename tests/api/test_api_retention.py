"""The server's retention: a periodic job erases contacts past ROOTCAUSE_RETENTION_DAYS, and each
refit prunes the refit folders but the newest ROOTCAUSE_KEEP_MODELS."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from api_fakes import save_model
from fastapi.testclient import TestClient

from api import create_app


def _stored(store, cid: str, days_ago: int) -> None:
    created = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=days_ago)
    store.add_contacts([{"id": cid, "text": "refund please", "reason_text": "refund please", "created_at": created}])


def test_the_server_purges_old_contacts_periodically(settings, store):
    _stored(store, "old", 400)
    _stored(store, "recent", 3)
    settings = settings.model_copy(update={"retention_days": 365, "retention_check_s": 0.05})
    with TestClient(create_app(settings, store=store)):
        t0 = time.monotonic()
        while store.get_contact("old") is not None and time.monotonic() - t0 < 10:
            time.sleep(0.05)
        _stored(store, "old-later", 500)  # stored while the server runs: the next round takes it
        while store.get_contact("old-later") is not None and time.monotonic() - t0 < 10:
            time.sleep(0.05)
    assert store.get_contact("old") is None and store.get_contact("old-later") is None
    assert store.get_contact("recent") is not None


def test_without_a_retention_contacts_stay(settings, store):
    _stored(store, "old", 4000)
    with TestClient(create_app(settings.model_copy(update={"retention_check_s": 0.05}), store=store)):
        time.sleep(0.3)
    assert store.get_contact("old") is not None


def timestamped_refit(*, store, previous, decisions, settings, job_id):
    """A refit that writes its folder as the pipeline's does (named by time)."""
    out = settings.refit_dir / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    save_model(out / "model")
    return store.add_model_version(str(out / "model"), n_contacts=0, n_drivers=4, job_id=job_id)


def test_a_refit_prunes_the_older_refit_folders(settings, store, keys):
    settings = settings.model_copy(update={"keep_models": 2})
    with TestClient(create_app(settings, store=store, refit=timestamped_refit)) as c:
        for _ in range(3):
            job = c.post("/v1/models/refit", headers=keys("admin")).json()
            while job["status"] in ("queued", "running"):
                time.sleep(0.05)
                job = c.get(f"/v1/jobs/{job['id']}", headers=keys("admin")).json()
            assert job["status"] == "succeeded", job
    folders = sorted(p.name for p in settings.refit_dir.iterdir())
    assert len(folders) == 2 and len(store.model_versions()) == 2
