"""kill -9 during an ingest loop, restart, retry: every contact stored exactly once (bench/kill_ingest.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from api_fakes import save_model

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))


@pytest.mark.integration
@pytest.mark.timeout(300)
@pytest.mark.parametrize("db", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_kill9_then_retry_stores_every_contact_once(tmp_path, db):
    from kill_ingest import run

    from rootcause.store import Store
    from rootcause.store import tables as T

    if db == "postgres":
        url = os.environ.get("ROOTCAUSE_TEST_POSTGRES_URL")
        if not url:
            pytest.skip("ROOTCAUSE_TEST_POSTGRES_URL is not set")
        s = Store(url)
        with s.engine.begin() as conn:
            T.metadata.drop_all(conn)
        s.close()
    else:
        url = f"sqlite:///{tmp_path / 'kill.db'}"
    model = save_model(tmp_path / "model")
    # The server process unpickles the test model's stub discovery from api_fakes.
    env = {"PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    result = run(model, url, n_batches=12, batch_size=20, kill_after_acks=2, env=env, log=tmp_path / "server.log")
    assert result["half_written_batches"] == []
    assert result["acknowledged_but_missing_after_kill"] == []
    assert result["duplicates"] == 0
    assert result["stored_after_retry"] == result["expected"] == 240
    assert result["ok"], result
