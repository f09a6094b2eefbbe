"""Retention: contacts past ROOTCAUSE_RETENTION_DAYS are erased everywhere; old refit folders are pruned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from rootcause.cli import app
from rootcause.errors import ConfigError
from rootcause.privacy import apply_retention, purge
from rootcause.store import Store
from rootcause.store.refit import prune_models

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    s.migrate()
    return s


def _add(store: Store, cid: str, created: datetime | None) -> None:
    store.add_contacts([{"id": cid, "text": f"text of {cid}", "reason_text": f"reason of {cid}", "created_at": created}])


def _run_folder(root: Path, name: str, ids: list[str]) -> Path:
    """A refit folder as `write_outputs` leaves it, reduced to what retention reads."""
    folder = root / name
    (folder / "model").mkdir(parents=True)
    pl.DataFrame({"id": ids, "clean_text": [f"text of {i}" for i in ids]}).write_parquet(folder / "contacts.parquet")
    return folder


def test_purge_erases_contacts_older_than_the_retention_everywhere(store, tmp_path):
    _add(store, "old", datetime(2025, 1, 10))
    _add(store, "recent", datetime(2026, 6, 20))
    _add(store, "undated", None)  # counts from when it was stored: now
    folder = _run_folder(tmp_path / "data" / "models", "20260601T000000000000Z", ["old", "recent"])

    done = purge(store, days=365, folders=[tmp_path / "data"], now=NOW)

    assert done.contacts == 1 and done.folders == 1 and done.job_id
    assert store.get_contact("old") is None
    assert store.get_contact("recent") is not None and store.get_contact("undated") is not None
    assert pl.read_parquet(folder / "contacts.parquet")["id"].to_list() == ["recent"]
    assert store.get_job(done.job_id).author == "retention (365 days)"


def test_nothing_to_purge_does_nothing(store, tmp_path):
    _add(store, "recent", datetime(2026, 6, 20))
    cache = tmp_path / "cache" / "embeddings"
    cache.mkdir(parents=True)
    (cache / "x.sqlite").write_bytes(b"v")
    done = purge(store, days=30, cache_dir=tmp_path / "cache", now=NOW)
    assert done.contacts == 0 and done.job_id is None
    assert (cache / "x.sqlite").is_file()  # the cache is only cleared when contacts go


def test_a_retention_below_one_day_is_refused(store):
    with pytest.raises(ConfigError, match="at least 1"):
        purge(store, days=0)


def test_prune_keeps_the_newest_models_and_a_refit_still_running(store, tmp_path):
    root = tmp_path / "models"
    names = [f"2026060{d}T000000000000Z" for d in range(1, 6)]
    for name in names:
        folder = _run_folder(root, name, ["a"])
        store.add_model_version(str(folder / "model"), n_contacts=1, n_drivers=1)
    _run_folder(root, "20260500T000000000000Z", ["a"])  # a refit that failed after writing: never registered
    _run_folder(root, "20260609T000000000000Z", ["a"])  # a refit still running: not registered yet

    assert prune_models(store, root, keep=2) == 4

    assert sorted(p.name for p in root.iterdir()) == [names[3], names[4], "20260609T000000000000Z"]
    assert [Path(v.path).parent.name for v in store.model_versions()] == [names[4], names[3]]
    assert prune_models(store, root, keep=2) == 0
    with pytest.raises(ConfigError, match="at least the model in use"):
        prune_models(store, root, keep=0)


def test_apply_retention_prunes_then_purges(store, tmp_path):
    data = tmp_path / "data"
    for name in ("20260601T000000000000Z", "20260602T000000000000Z"):
        folder = _run_folder(data / "models", name, ["old", "recent"])
        store.add_model_version(str(folder / "model"), n_contacts=2, n_drivers=1)
    _add(store, "old", datetime.now(UTC).replace(tzinfo=None) - timedelta(days=40))
    _add(store, "recent", None)
    done = apply_retention(store, days=30, keep_models=1, refit_dir=data / "models", folders=[data])
    assert done.models == 1 and done.purged.contacts == 1 and done.purged.folders == 1
    assert apply_retention(store, days=None, keep_models=1, refit_dir=data / "models").purged.contacts == 0


def test_cli_purge(store, tmp_path):
    _add(store, "old", datetime.now(UTC).replace(tzinfo=None) - timedelta(days=40))
    url = str(store.engine.url)
    r = CliRunner().invoke(app, ["purge", "--days", "30", "--database-url", url, "--data", str(tmp_path / "data")])
    assert r.exit_code == 0, r.output
    assert "Erased 1 contacts older than 30 days" in r.output
    assert store.get_contact("old") is None
    r = CliRunner().invoke(app, ["purge", "--database-url", url, "--data", str(tmp_path / "data")])
    assert r.exit_code == 0 and "stored contacts are kept" in r.output


def test_cli_purge_without_a_database_creates_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["purge", "--days", "30"])
    assert r.exit_code == 0 and "nothing to purge" in r.output
    assert not (tmp_path / "rootcause.db").exists()
