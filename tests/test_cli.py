"""`rootcause analyze` ends bad invocations with a message and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rootcause.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def test_out_pointing_at_a_file_is_a_clear_error(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("not a folder", encoding="utf-8")
    r = CliRunner().invoke(
        app,
        ["analyze", str(SAMPLES / "contacts.csv"), "--departments", str(SAMPLES / "departments.yaml"), "--out", str(target), "--quiet"],
    )
    assert r.exit_code == 2
    assert "is a file" in r.output and "Traceback" not in r.output
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_version_flag_and_map_typo_suggestion(tmp_path):
    from rootcause import __version__

    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and __version__ in r.output
    r = CliRunner().invoke(
        app,
        ["analyze", str(SAMPLES / "contacts.csv"), "--departments", str(SAMPLES / "departments.yaml"),
         "--out", str(tmp_path / "o"), "--map", "text=descripton", "--quiet"],
    )
    assert r.exit_code == 2 and "--map text=description" in r.output


def test_classify_refuses_an_unknown_output_extension_before_working(tmp_path):
    r = CliRunner().invoke(app, ["classify", str(SAMPLES / "contacts.csv"), "--model", str(tmp_path / "nope"), "--out", str(tmp_path / "x.xlsx")])
    assert r.exit_code == 2 and "unknown extension" in r.output
