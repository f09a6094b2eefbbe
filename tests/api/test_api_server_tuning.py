"""`api.server.served_app`, what `rootcause serve` runs: after start-up the loaded objects are
out of the garbage collector's scans (checked in a fresh process: `gc.freeze` is process-wide)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import gc, json
from fastapi.testclient import TestClient
from api.server import served_app
before = gc.get_freeze_count()
with TestClient(served_app()) as client:
    status = client.get("/v1/health").status_code
    print(json.dumps({"before": before, "frozen": gc.get_freeze_count(), "health": status}))
"""


@pytest.mark.integration
def test_served_app_freezes_the_objects_loaded_at_start_up(tmp_path):
    env = {**os.environ, "ROOTCAUSE_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
           "ROOTCAUSE_MODEL_DIR": str(ROOT / "models" / "default"), "ROOTCAUSE_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["before"] == 0
    assert got["frozen"] > 10_000  # the model, the embedder, the libraries
    assert got["health"] == 200


def test_rootcause_serve_runs_the_served_app(monkeypatch, tmp_path):
    import uvicorn
    from typer.testing import CliRunner

    from rootcause.cli_serve import app
    from rootcause.settings import get_settings

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("ROOTCAUSE_DATABASE_URL", url)  # `serve` sets it: restored after the test
    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: seen.update(target=target, factory=kw.get("factory")))
    try:
        r = CliRunner().invoke(app, ["serve", "--database-url", url])
    finally:
        get_settings.cache_clear()  # `serve` read its settings from the environment
    assert r.exit_code == 0, r.output
    assert seen == {"target": "api.server:served_app", "factory": True}
