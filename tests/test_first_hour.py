"""Issue 20: the small things a new user meets in the first hour, one test per item.

Items pinned elsewhere: 6 (noise) in tests/test_noise.py, 7 (one-line transcripts) in
tests/transcripts/test_parse.py, 8 (brand names) in tests/clean/test_brands.py, 1 and 4
(README figures, French report) in tests/test_quick_start.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from rootcause.cli import app
from rootcause.schema import INPUT_COLUMNS
from test_pipeline import CATALOGUE, make_export

ROOT = Path(__file__).resolve().parents[1]


def _export(tmp_path: Path) -> tuple[Path, Path]:
    make_export(tmp_path / "export.csv")
    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    return tmp_path / "export.csv", tmp_path / "deps.yaml"


def test_item_2_quiet_prints_nothing_even_when_a_model_loads(tmp_path):
    """`--quiet` with the real MiniLM loaded in a fresh process: no "Loading weights" bar."""
    export, deps = _export(tmp_path)
    # a data folder that has its pseudonym key already: the one-time notice of a new key is not
    # what this checks (whether it shows depended on which test ran first)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "id_secret").write_text("0" * 64, encoding="utf-8")
    env = {**os.environ, "ROOTCAUSE_CACHE_DIR": str(tmp_path / "cache"), "ROOTCAUSE_DATA_DIR": str(tmp_path / "data")}
    r = subprocess.run(
        [sys.executable, "-m", "rootcause.cli", "analyze", str(export), "-d", str(deps), "-o", str(tmp_path / "out"),
         "--embedder", "minilm-l6-v2", "--quiet"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert r.returncode == 0, r.stderr
    # no progress of any kind: only the warning about the export's empty row is left
    assert "Loading weights" not in r.stderr and "%|" not in r.stderr and "✓" not in r.stderr, r.stderr
    assert " ".join(r.stderr.split()) == f"! 1 row rejected: see {tmp_path / 'out' / 'rejects.csv'}"
    assert r.stdout.strip() == f"Report: {tmp_path / 'out' / 'report.html'}"


def test_item_3_map_help_names_every_field():
    r = CliRunner().invoke(app, ["analyze", "--help"], env={"COLUMNS": "400"})
    assert r.exit_code == 0
    for field in INPUT_COLUMNS:
        assert field in r.output, field
    assert "order_id" in r.output


def test_item_9_a_decision_on_a_missing_driver_is_skipped_and_counted(tmp_path):
    export, deps = _export(tmp_path)
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(
        "- {action: rename, driver_id: D001, payload: {label: Refund never paid}}\n"
        "- {action: rename, driver_id: D0O2, payload: {label: Typo in the id}}\n"
        "- {action: split, driver_id: D099, payload: {parts: 2}}\n"
        "- {action: set_owner, driver_id: D002, payload: {department: nosuchdept}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    r = CliRunner().invoke(
        app, ["analyze", str(export), "-d", str(deps), "-o", str(out), "--embedder", "fake", "--decisions", str(decisions)]
    )
    assert r.exit_code == 0, r.output
    said = " ".join(r.output.split())  # the terminal may wrap long warnings
    assert "Review decisions: 1 of 4 applied, 3 skipped" in said
    assert "'nosuchdept' is not a department of the catalogue" in said
    assert "did you mean D002?" in said and "split of D099" in said
    assert "strict=False" not in said and "/v1/" not in said
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["decisions"]["given"] == 4 and summary["decisions"]["applied"] == 1
    assert len(summary["decisions"]["skipped"]) == 3
    assert "nosuchdept" not in (out / "drivers.csv").read_text(encoding="utf-8")
    assert "Refund never paid" in (out / "drivers.csv").read_text(encoding="utf-8")


def test_item_10_packaging_raises_no_setuptools_warning(tmp_path):
    """`make setup` builds the project: its metadata must build without deprecation warnings."""
    import shutil

    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("src", "api"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (tmp_path / "meta").mkdir()
    r = subprocess.run(
        [sys.executable, "-W", "always", "-c",
         "from setuptools import build_meta; build_meta.prepare_metadata_for_build_wheel('meta')"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "Warning" not in r.stderr, r.stderr


def test_item_10_setup_names_the_cpu_build_of_torch():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "download.pytorch.org/whl/cpu" in makefile and "torch==2.13.0" in makefile
    assert "--index-url https://download.pytorch.org/whl/cpu" in readme


def test_item_11_serve_takes_the_model_and_catalogue_of_ones_own_analysis(tmp_path, monkeypatch):
    import uvicorn

    from rootcause.cli_serve import app as serve_app
    from rootcause.settings import get_settings

    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.update(model=os.environ["ROOTCAUSE_MODEL_DIR"],
                                                                     departments=os.environ["ROOTCAUSE_DEPARTMENTS"]))
    monkeypatch.setenv("ROOTCAUSE_MODEL_DIR", "models/default")
    monkeypatch.setenv("ROOTCAUSE_DEPARTMENTS", "")
    monkeypatch.setenv("ROOTCAUSE_DATABASE_URL", "sqlite:///unused.db")  # serve sets these: restored after
    catalogue = ROOT / "data" / "samples" / "departments.yaml"
    db = f"sqlite:///{tmp_path / 'r.db'}"
    r = CliRunner().invoke(serve_app, ["serve", "--model", str(ROOT / "models" / "default"), "--departments", str(catalogue),
                                       "--database-url", db])
    assert r.exit_code == 0, r.output
    assert started == {"model": str((ROOT / "models" / "default").resolve()), "departments": str(catalogue.resolve())}
    assert f"catalogue: {catalogue.resolve()}" in r.output
    get_settings.cache_clear()
    wrong = CliRunner().invoke(serve_app, ["serve", "--model", str(tmp_path), "--database-url", db])
    assert wrong.exit_code == 2 and "model.json" in wrong.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "rootcause serve --model out/acme/model --departments departments.yaml" in readme


def test_item_5_department_cards_say_what_each_number_means(tmp_path, monkeypatch):
    import html
    import re

    import polars as pl

    from rootcause.attribute.owner import ContactOwners

    # the toy export's contacts that vote for another department all name their driver's
    # owner's words too, so the catalogue's words keep them; on the vote alone some leave it,
    # which is what the cards explain
    monkeypatch.setattr(ContactOwners, "matches", lambda self, texts: None)
    export, deps = _export(tmp_path)
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["analyze", str(export), "-d", str(deps), "-o", str(out), "--embedder", "fake", "--quiet"])
    assert r.exit_code == 0, r.output
    page = html.unescape((out / "report.html").read_text(encoding="utf-8"))
    assert page.count("Contacts caused: the contacts of the drivers it owns.") >= 2
    departments = pl.read_csv(out / "departments.csv")
    explained = re.findall(r"Read one by one, contacts naming its process: (\d+)\. Contacts of its drivers naming another "
                           r"department's process: (\d+); contacts of other drivers, or of none, naming its own: (\d+)", page)
    differing = departments.filter(pl.col("contacts") != pl.col("contacts_attributed"))
    assert len(explained) == differing.height > 0
    rows = set(zip(differing["contacts"].to_list(), differing["contacts_attributed"].to_list(), strict=True))
    for attributed, lost, gained in explained:
        assert (int(attributed) + int(lost) - int(gained), int(attributed)) in rows
