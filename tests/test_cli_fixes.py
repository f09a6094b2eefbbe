"""`rootcause analyze --fixes FILE`: each driver's latest fix and its verdict in drivers.*, summary.json
and the report; a bad fixes file stops the run before any work, naming the entry and the fix."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from rootcause.cli import app

sys.path.insert(0, str(Path(__file__).resolve().parent / "measure"))
from planted_fixes import FIX, planted_export  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
TEXTS = {
    "DROP": "Where is my refund for the returned parcel? It has been {n} days.",
    "FLAT": "My invoice is {n} euros higher than last month.",
    "OTHER": "No internet at home for {n} hours, the box light is red.",
}


def _export(path: Path) -> Path:
    rows = planted_export(11, weekly=5, other=5)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["ticket_id", "created_at", "description"])
        for i, (d, when) in enumerate(rows.iter_rows()):
            w.writerow([f"T{i}", when.isoformat(), TEXTS[d].format(n=2 + i % 29)])
    return path


def test_analyze_with_fixes_adds_the_verdict_to_drivers_summary_and_report(tmp_path):
    fixes = tmp_path / "fixes.csv"
    fixes.write_text(
        "driver_id,date,description,department,link,author\n"
        f"D001,{FIX},Refunds paid when the parcel is scanned; ask jean.dupont@example.com,billing,https://t.example.com/B-1,qa\n"
        f"D099,{FIX},A driver this run does not have,billing,,qa\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["analyze", str(_export(tmp_path / "export.csv")), "-d", str(SAMPLES / "departments.yaml"),
                                 "--embedder", "fake", "--fixes", str(fixes), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "Fix skipped: fix of 2026-03-02 on D099: this run has no driver 'D099'" in r.output.replace("\n", " ")
    assert "Fix on D001: " in r.output and "since 2 Mar 2026" in r.output
    drivers = pl.read_csv(out / "drivers.csv")
    for column in ("fix_date", "fix_change", "fix_ci_low", "fix_ci_high", "fix_verdict", "fix_unit"):
        assert column in drivers.columns
    row = drivers.filter(pl.col("driver_id") == "D001").row(0, named=True)
    assert row["fix_date"] == "2026-03-02" and row["fix_unit"] == "week" and row["fix_department"] == "billing"
    assert row["fix_verdict"] in ("down", "up", "no_change")  # 8 weeks on each side: a verdict, whichever it is
    assert row["fix_contacts_before"] + row["fix_contacts_after"] > 0
    assert "jean.dupont@example.com" not in (out / "drivers.csv").read_text(encoding="utf-8")
    assert drivers.filter(pl.col("driver_id") != "D001")["fix_verdict"].null_count() == drivers.height - 1
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))["fixes"]
    assert summary["given"] == 2 and summary["measured"] == 1 and len(summary["skipped"]) == 1
    assert summary["effects"][0]["effect"]["verdict"] == row["fix_verdict"]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<h4>Fix</h4>" in report and "https://t.example.com/B-1" in report
    assert report.count('<g class="mark">') == 1  # the fix on D001's weekly chart
    assert "jean.dupont@example.com" not in report


def test_an_unknown_department_in_the_fixes_file_stops_the_run_with_the_valid_list(tmp_path):
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(f"- {{driver_id: D001, date: {FIX}, description: x, department: marketing}}\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["analyze", str(SAMPLES / "contacts.csv"), "-d", str(SAMPLES / "departments.yaml"),
                                 "--fixes", str(fixes), "--out", str(tmp_path / "out"), "--quiet"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "entry 1" in r.output and "'marketing' is not a department of the catalogue" in r.output
    assert "billing, contracts, device_care, digital, field_ops" in r.output
    assert not (tmp_path / "out").exists()  # refused before any work
