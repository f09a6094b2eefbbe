"""`rootcause ingest`: an export stored for the server and its workbench, as the API's batch route stores it."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from api_fakes import save_model
from rootcause.cli import app
from rootcause.settings import get_settings
from rootcause.store import Store

ROWS = [
    ("T1", "my refund never came, write to jane.doe@example.com", "2026-05-04 10:00"),
    ("T2", "card declined at checkout", "25/05/2026 12h58"),  # a date the API's ISO check refuses, `analyze` reads
    ("T3", "", "2026-05-05"),  # no text: not stored, said why
    ("T4", "parcel late again", "32/13/2026"),  # no such date: stored undated, as `analyze` keeps it
]


def _ingest(tmp_path, monkeypatch, *args: str):
    monkeypatch.setenv("ROOTCAUSE_DATABASE_URL", f"sqlite:///{tmp_path / 'rc.db'}")
    monkeypatch.setenv("ROOTCAUSE_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, ["ingest", str(tmp_path / "export.csv"), "--model", str(tmp_path / "model"), "-q", *args])
    finally:
        get_settings.cache_clear()


def test_an_export_is_stored_with_its_rejects_and_a_second_run_stores_nothing_twice(tmp_path, monkeypatch):
    save_model(tmp_path / "model")
    with (tmp_path / "export.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["ticket_id", "description", "created_at"])
        w.writerows(ROWS)
    monkeypatch.chdir(tmp_path)
    r = _ingest(tmp_path, monkeypatch)
    assert r.exit_code == 0, r.output
    assert "3 contacts stored (3 new, 0 already stored)" in r.output and "1 not stored → ingest.rejects.csv" in r.output
    rejected = list(csv.DictReader((tmp_path / "ingest.rejects.csv").open(encoding="utf-8")))
    assert [(x["id"], x["field"], x["reason"]) for x in rejected] == [("T3", "text", "empty text")]
    store = Store(f"sqlite:///{tmp_path / 'rc.db'}")
    stored = {row["id"]: row for row in store.contacts_of(ids=["T1", "T2", "T4"])}
    assert set(stored) == {"T1", "T2", "T4"} and stored["T1"]["driver_id"] == "D001"
    assert "jane.doe@example.com" not in stored["T1"]["text"]  # redacted before it is stored
    assert stored["T2"]["created_at"] is not None and stored["T4"]["created_at"] is None
    # the row kept undated is listed, as the note says (an analyst trial: no warnings file was written)
    assert "1 date unreadable or implausible" in r.output and "rows kept with a warning → ingest.warnings.csv" in r.output
    kept = list(csv.DictReader((tmp_path / "ingest.warnings.csv").open(encoding="utf-8")))
    assert [(x["source_row"], x["field"]) for x in kept] == [("4", "created_at")]
    again = _ingest(tmp_path, monkeypatch)
    assert again.exit_code == 0 and "3 contacts stored (0 new, 3 already stored)" in again.output
