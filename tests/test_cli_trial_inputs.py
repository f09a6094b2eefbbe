"""The fresh-eyes trial of 2026-12-06 (findings A, B, E), on the tester's own `bad.csv`
(tests/data/trial_bad.csv): `rootcause analyze` with the fake embedder."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from test_cli_mappings import _analyze

DATA = Path(__file__).parent / "data"


def _run(tmp_path):
    r, out = _analyze(tmp_path, [DATA / "trial_bad.csv"])
    assert r.exit_code == 0, r.output
    return r, out


def test_a_1970_or_2099_date_no_longer_stretches_the_weekly_tables(tmp_path):
    """Finding A: two rows dated 1970-01-01 and 2099-01-01 made a 6,732-week period."""
    r, out = _run(tmp_path)
    weekly = pl.read_csv(out / "weekly.csv", infer_schema_length=0)
    weeks = sorted(set(weekly["week"]))
    assert weeks[0] >= "2026" and weeks[-1] < "2027" and len(weeks) <= 8, weeks
    contacts = pl.read_csv(out / "contacts.csv", infer_schema_length=0)
    undated = set(contacts.filter(pl.col("created_at").is_null())["id"])
    assert {"BAD-9", "BAD-10"} <= undated  # kept, undated: never dropped
    warned = pl.read_csv(out / "warnings.csv", infer_schema_length=0)
    implausible = warned.filter((pl.col("field") == "created_at") & ~pl.col("reason").str.starts_with("unparseable"))
    assert {"49", "50"} <= set(implausible["source_row"])  # BAD-9 and BAD-10, by row; never the value
    assert "2099" not in (out / "warnings.csv").read_text(encoding="utf-8")
    said = " ".join(r.output.split())
    assert "implausible (in the future, or far before the rest of the export)" in said
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["n_undated"] == len(undated)


def test_personal_customer_ids_are_pseudonymised_as_the_api_does(tmp_path):
    """Finding B: "jane.smith@example.com" and "Marie Curie" as customer ids reached contacts.csv
    and contacts.parquet; ordinary ids (C-009983) stay as they are, repeats are still counted."""
    _, out = _run(tmp_path)
    for name in ("contacts.csv", "contacts.parquet", "drivers.csv", "report.html", "rejects.csv", "warnings.csv"):
        text = (out / name).read_bytes().decode("utf-8", "replace") if (out / name).exists() else ""
        assert "jane.smith" not in text and "Marie Curie" not in text, name
    contacts = pl.read_parquet(out / "contacts.parquet")
    by_id = dict(zip(contacts["id"], contacts["customer_id"], strict=True))
    assert by_id["ZD-104053"] == "C-009983" and by_id["BAD-1"] == "C-1"
    assert by_id["BAD-2"].startswith("pid_") and by_id["BAD-7"].startswith("pid_")
    # the pseudonym is the API's: the same key, the same id, the same pid_
    from rootcause.settings import get_settings
    from rootcause.store.identifiers import Pseudonyms

    assert by_id["BAD-2"] == Pseudonyms.from_settings(get_settings(), create=False).stored("jane.smith@example.com")
    # C-003579 wrote twice: still one customer with two contacts
    assert sum(1 for c in contacts["customer_id"] if c == "C-003579") == 2


def test_one_contact_outside_the_volumes_is_said_in_the_singular(tmp_path):
    """It said "1 contacts fall outside the periods of …"."""
    from test_cli_mappings import _exports

    fr, en = _exports(tmp_path)  # every contact dated 1-18 June 2026 but one (an unreadable date)
    volumes = tmp_path / "volumes.csv"
    volumes.write_text("week,orders\n2026-W23,900\n2026-W24,900\n2026-W25,900\n", encoding="utf-8")
    from typer.testing import CliRunner

    from rootcause.cli import app
    from test_pipeline import CATALOGUE

    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    args = ["analyze", str(fr), str(en), "-d", str(tmp_path / "deps.yaml"), "-o", str(tmp_path / "out"), "--embedder", "fake",
            "--quiet", "--volumes", str(volumes), "--map", "export_en.csv:text=Customer words",
            "--map", "export_en.csv:created_at=Logged on"]  # fmt: skip
    r = CliRunner().invoke(app, args)
    said = " ".join(r.output.split())
    assert r.exit_code == 0, r.output
    assert "1 contact falls outside the periods of" in said and "(or has no date): it counts everywhere" in said


def test_a_folder_or_a_missing_volumes_file_is_named_for_what_it_is(tmp_path):
    """Trial findings (session 17): a folder given as an export was "unknown file type
    '(no extension)'"; a missing volumes file did not say it was the --volumes one."""
    from typer.testing import CliRunner

    from rootcause.cli import app
    from test_pipeline import CATALOGUE, make_export

    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    (tmp_path / "exports").mkdir()
    base = ["-d", str(tmp_path / "deps.yaml"), "-o", str(tmp_path / "out"), "--embedder", "fake", "--quiet"]
    r = CliRunner().invoke(app, ["analyze", str(tmp_path / "exports"), *base])
    assert r.exit_code == 2 and "it is a folder" in r.output and "Traceback" not in r.output
    make_export(tmp_path / "export.csv")
    r = CliRunner().invoke(app, ["analyze", str(tmp_path / "export.csv"), *base, "--volumes", str(tmp_path / "nosuch.csv")])
    assert r.exit_code == 2 and "Volumes file" in r.output and "--volumes" in r.output


def test_a_missing_input_stops_the_run_before_the_id_key_is_made(tmp_path, monkeypatch):
    """Session 22's trial: `rootcause analyze nothere.csv` failed at once but left a new
    ./rootcause-data/id_secret behind (and said it had made one)."""
    from rootcause.settings import get_settings

    data = tmp_path / "data"
    monkeypatch.setenv("ROOTCAUSE_DATA_DIR", str(data))
    monkeypatch.delenv("ROOTCAUSE_ID_SECRET", raising=False)
    get_settings.cache_clear()
    r, out = _analyze(tmp_path, [tmp_path / "nothere.csv"])
    assert r.exit_code != 0
    assert "nothere.csv: no such file" in " ".join(r.output.split())
    assert not data.exists() and not out.exists()
    r, _ = _analyze(tmp_path, [DATA / "trial_bad.csv"])  # the key is made by a run that reads its input
    assert r.exit_code == 0, r.output
    assert (data / "id_secret").exists()
