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


def test_users_add_reads_the_password_from_stdin_and_stores_only_its_hash(tmp_path):
    from rootcause.store import accounts

    url = f"sqlite:///{tmp_path / 'u.db'}"
    runner = CliRunner()
    r = runner.invoke(app, ["users", "add", "lea", "--role", "reviewer", "--password-stdin", "--database-url", url], input="correct horse battery\n")
    assert r.exit_code == 0, r.output
    assert "correct horse" not in r.output
    store = Store(url)
    assert accounts.authenticate_user(store, "lea", "correct horse battery").role == "reviewer"
    listed = runner.invoke(app, ["users", "list", "--database-url", url])
    assert "lea\treviewer" in listed.output and "scrypt" not in listed.output
    assert runner.invoke(app, ["users", "disable", "lea", "--database-url", url]).exit_code == 0
    assert accounts.authenticate_user(store, "lea", "correct horse battery") is None


def test_users_add_refuses_an_unknown_role_or_short_password(tmp_path):
    url = f"sqlite:///{tmp_path / 'u.db'}"
    r = CliRunner().invoke(app, ["users", "add", "lea", "--role", "boss", "--password-stdin", "--database-url", url], input="correct horse battery\n")
    assert r.exit_code == 2 and "viewer, reviewer, admin" in r.output
    r = CliRunner().invoke(app, ["users", "add", "lea", "--password-stdin", "--database-url", url], input="short\n")
    assert r.exit_code == 2 and "at least 10" in r.output


def test_users_add_prompts_for_the_password_twice(tmp_path):
    from rootcause.store import accounts

    url = f"sqlite:///{tmp_path / 'u.db'}"
    r = CliRunner().invoke(app, ["users", "add", "max", "--database-url", url], input="correct horse battery\ncorrect horse battery\n")
    assert r.exit_code == 0, r.output
    assert accounts.authenticate_user(Store(url), "max", "correct horse battery").role == "viewer"


def test_serve_names_the_model_it_serves_a_stored_refit_over_the_model_folder(tmp_path, monkeypatch):
    """Trial finding F: `serve --model out/model` printed that folder while it served the stored refit."""
    import uvicorn

    from rootcause.settings import get_settings

    for var in ("ROOTCAUSE_MODEL_DIR", "ROOTCAUSE_DEPARTMENTS", "ROOTCAUSE_DATABASE_URL", "ROOTCAUSE_ACCESS_LOG"):
        monkeypatch.setenv(var, "")  # so that teardown takes away what serve sets
        monkeypatch.delenv(var)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    folder = tmp_path / "out" / "model"
    folder.mkdir(parents=True)
    (folder / "model.json").write_text("{}", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 's.db'}"
    try:
        first = CliRunner().invoke(app, ["serve", "--model", str(folder), "--database-url", url])
        assert first.exit_code == 0, first.output
        assert f"Model: {folder.resolve()} (the --model folder" in first.output and "no refit is stored" in first.output
        store = Store(url)
        refit = tmp_path / "data" / "refits" / "20261206T000000Z" / "model"
        store.add_model_version(str(refit), n_contacts=120, n_drivers=9)
        store.close()
        again = CliRunner().invoke(app, ["serve", "--model", str(folder), "--database-url", url])
        assert again.exit_code == 0, again.output
        line = next(x for x in again.output.splitlines() if x.startswith("Model:"))
        assert line.startswith(f"Model: {refit} (refit model version 1 of ") and f"instead of --model {folder.resolve()}" in line
    finally:
        get_settings.cache_clear()
