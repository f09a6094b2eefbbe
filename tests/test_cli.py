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


def _analyze_samples(tmp_path, *extra, env=None):
    return CliRunner().invoke(
        app,
        ["analyze", str(SAMPLES / "contacts.csv"), "--departments", str(SAMPLES / "departments.yaml"), "--out", str(tmp_path / "o"), "--quiet", *extra],
        env=env,
    )


def test_a_negative_seed_or_an_unknown_embedder_stops_before_any_work(tmp_path):
    """Trial: `--seed -3` ended in numpy's traceback after discovery, with a half-written --out."""
    r = _analyze_samples(tmp_path, "--seed", "-3")
    assert r.exit_code == 2 and "--seed" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
    r = _analyze_samples(tmp_path, "--embedder", "bert")
    assert r.exit_code == 2 and "Unknown embedder 'bert'" in r.output and "--embedder" in r.output
    assert "fake" not in r.output.split("expected", 1)[1]  # the tests' embedder is not offered
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_the_report_language_is_read_in_any_case():
    from rootcause.cli import _report_language

    assert _report_language("EN", None) == "en" and _report_language(" Fr ", None) == "fr"


def test_rootcause_seed_is_the_default_seed(tmp_path):
    """Trial: ROOTCAUSE_SEED was documented, but the CLI's own default (0) always won."""
    import json

    from rootcause.settings import get_settings

    get_settings.cache_clear()
    try:
        r = _analyze_samples(tmp_path, "--embedder", "fake", env={"ROOTCAUSE_SEED": "7"})
        assert r.exit_code == 0, r.output
        assert json.loads((tmp_path / "o" / "summary.json").read_text(encoding="utf-8"))["seed"] == 7
    finally:
        get_settings.cache_clear()


def test_an_environment_variable_out_of_range_is_a_clear_error(tmp_path):
    """ROOTCAUSE_SEED=-1 (or ROOTCAUSE_FIT_SAMPLE=3) ended in pydantic's traceback."""
    import pytest

    from rootcause.errors import ConfigError
    from rootcause.settings import get_settings

    get_settings.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("ROOTCAUSE_SEED", "-1")
            with pytest.raises(ConfigError, match=r"ROOTCAUSE_SEED='-1': Input should be greater than or equal to 0"):
                get_settings()
    finally:
        get_settings.cache_clear()
