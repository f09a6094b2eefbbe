"""`rootcause analyze --decisions`: undo in a decisions file, stale decisions kept and skipped, the report's review marks."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rootcause.cli import app
from rootcause.model.driver_model import DriverModel
from test_pipeline import CATALOGUE, make_export


def _analyze(tmp_path: Path, out: str, *extra: str):
    if not (tmp_path / "export.csv").exists():
        make_export(tmp_path / "export.csv")
        (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    args = ["analyze", str(tmp_path / "export.csv"), "-d", str(tmp_path / "deps.yaml"), "-o", str(tmp_path / out), "--embedder", "fake"]
    r = CliRunner().invoke(app, [*args, *extra])
    assert r.exit_code == 0, r.output
    return r, " ".join(r.output.split())


def _drivers(out: Path) -> dict[str, dict[str, str]]:
    with (out / "drivers.csv").open(encoding="utf-8", newline="") as fh:
        return {row["driver_id"]: row for row in csv.DictReader(fh)}


def test_undo_in_a_decisions_file_holds_across_a_refit_and_stale_ones_are_kept_and_reported(tmp_path):
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(
        "- {id: 1, action: rename, driver_id: D001, payload: {label: Refund never paid}, author: qa-lea}\n"
        "- {id: 2, action: merge, driver_id: D003, payload: {into: D002}, author: qa-lea}\n"
        "- {id: 3, action: mark, driver_id: D002, payload: {kind: irritant}}\n",
        encoding="utf-8",
    )
    _, said = _analyze(tmp_path, "run1", "--decisions", str(decisions), "--workbench-url", "https://rc.example.com/")
    assert "Review decisions: 3 of 3 applied." in said
    # trial: a file written for one run's drivers, applied to another run's, changed other drivers unannounced
    assert "names drivers by id, and a run keeps the ids of a former run only with --previous-model" in said
    first = _drivers(tmp_path / "run1")
    assert first["D001"]["label"] == "Refund never paid" and first["D001"]["review"] == "rename"
    assert first["D002"]["merged_ids"] == "D003" and first["D002"]["reviewed"] == "true" and "D003" not in first
    assert first["D002"]["review"] == "merge; mark" and first["D002"]["kind"] == "irritant"
    html = (tmp_path / "run1" / "report.html").read_text(encoding="utf-8")
    assert 'href="https://rc.example.com/workbench/drivers/D001"' in html and ">reviewed<" in html
    fitted = DriverModel.load(tmp_path / "run1" / "model").meta["fitted"]["D001"]["label"]

    # Undo the rename and the merge (appended, never deleted), and name a driver the run does not have.
    with decisions.open("a", encoding="utf-8") as fh:
        fh.write(
            "- {action: undo, driver_id: D001, payload: {decision: 1}, author: qa-max}\n"
            "- {action: undo, driver_id: D003, payload: {decision: 2}, author: qa-max}\n"
            "- {id: 9, action: rename, driver_id: D0O3, payload: {label: Typo in the id}}\n"
        )
    r, said = _analyze(
        tmp_path, "run2", "--decisions", str(decisions), "--previous-model", str(tmp_path / "run1" / "model")
    )
    assert "Review decisions: 1 of 4 applied, 2 undone, 1 skipped as stale" in said
    assert "only with --previous-model" not in said
    assert "Decision 9 is stale, skipped (kept in the trail): rename of D0O3: this model has no driver 'D0O3' (did you mean D003?" in said
    second = _drivers(tmp_path / "run2")
    assert second["D001"]["label"] == fitted and second["D001"]["reviewed"] == "false"
    assert "D003" in second and second["D002"]["merged_ids"] == ""
    assert second["D002"]["review"] == "mark" and second["D002"]["kind"] == "irritant"  # not undone: still in force
    summary = json.loads((tmp_path / "run2" / "summary.json").read_text(encoding="utf-8"))["decisions"]
    assert (summary["given"], summary["applied"], summary["undone"]) == (4, 1, 2)
    assert summary["stale"] == [{"id": 9, "action": "rename", "driver_id": "D0O3", "reason": summary["skipped"][0]}]
    assert "undo" in decisions.read_text(encoding="utf-8")  # the file is the user's: never rewritten


def test_a_bad_workbench_url_stops_before_the_run(tmp_path):
    make_export(tmp_path / "export.csv")
    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    r = CliRunner().invoke(
        app,
        ["analyze", str(tmp_path / "export.csv"), "-d", str(tmp_path / "deps.yaml"), "-o", str(tmp_path / "out"),
         "--embedder", "fake", "--workbench-url", "rc.example.com"],
    )
    assert r.exit_code == 2
    said = " ".join(r.output.split())
    assert "'rc.example.com' is not the address of a workbench" in said and "https://rootcause.example.com" in said
    assert not (tmp_path / "out").exists()


def test_a_decisions_file_may_name_a_department_as_the_report_shows_it(tmp_path):
    """Trial finding: "Contrats & Résiliation", the name every page shows, was refused; only the id worked."""
    from handmade import _DEPARTMENTS

    name = _DEPARTMENTS["logistics"][0]
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(
        f"- {{id: 1, action: set_owner, driver_id: D001, payload: {{department: '{name.upper()}'}}}}\n"
        "- {id: 2, action: set_owner, driver_id: D002, payload: {department: retail}}\n",
        encoding="utf-8",
    )
    _, said = _analyze(tmp_path, "run", "--decisions", str(decisions))
    assert "Review decisions: 1 of 2 applied" in said
    assert "'retail' is not a department of the catalogue (billing, logistics, network)" in said
    assert _drivers(tmp_path / "run")["D001"]["owner_department"] == "logistics"
