"""`keys create/list/revoke` through the typer app."""

from __future__ import annotations

from typer.testing import CliRunner

from rootcause.cli_serve import app
from rootcause.store import Store


def test_keys_create_list_revoke(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.db'}"
    runner = CliRunner()
    r = runner.invoke(app, ["keys", "create", "--name", "crm", "--scopes", "classify,ingest", "--database-url", url])
    assert r.exit_code == 0, r.output
    token = next(line.split()[1] for line in r.output.splitlines() if line.startswith("token:"))
    key_id = next(line.split()[1] for line in r.output.splitlines() if line.startswith("key_id:"))
    store = Store(url)
    assert store.authenticate(token).scopes == ("classify", "ingest")
    listed = runner.invoke(app, ["keys", "list", "--database-url", url])
    assert key_id in listed.output and "active" in listed.output and token not in listed.output
    assert runner.invoke(app, ["keys", "revoke", key_id, "--database-url", url]).exit_code == 0
    assert store.authenticate(token) is None
    again = runner.invoke(app, ["keys", "revoke", key_id, "--database-url", url])
    assert again.exit_code == 2


def test_keys_create_rejects_unknown_scope(tmp_path):
    r = CliRunner().invoke(app, ["keys", "create", "--name", "x", "--scopes", "root", "--database-url", f"sqlite:///{tmp_path / 'k.db'}"])
    assert r.exit_code == 2
    assert "root" in r.output
