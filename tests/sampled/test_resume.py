"""`analyze --resume`: a large run killed at any point goes on from its last finished chunk and
writes the outputs an uninterrupted run writes.

Runs go through the real command in a subprocess, killed by SIGKILL: at a known point (the
``ROOTCAUSE_CRASH_AFTER_CHUNK`` hook kills the process once that chunk is checkpointed) and
at a random one. Every output file is compared with an uninterrupted run's, byte for byte,
but for what `checkpoint.comparable` leaves out: the measured times and memory and the
run's ``created_at``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from rootcause.errors import BadInputError
from rootcause.pipeline import analyze, write_outputs
from rootcause.progress import Reporter
from rootcause.sampled import checkpoint as ck
from rootcause.sampled import run as sampled_run
from rootcause.sampled.strata import stratified_sample
from rootcause.settings import get_settings

from test_run import CATALOGUE, make_export

FIT_SAMPLE = 60
CHUNK_ROWS = 20  # 150 accepted contacts: 8 chunks
PARTS = ".rootcause-parts"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    d = tmp_path_factory.mktemp("resume")
    make_export(d / "export.csv", per_topic=50)
    (d / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    return d


def _env(d: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != ck.CRASH_ENV}
    env.update(
        ROOTCAUSE_CACHE_DIR=str(d / "cache"), ROOTCAUSE_FIT_SAMPLE=str(FIT_SAMPLE), ROOTCAUSE_CHUNK_ROWS=str(CHUNK_ROWS),
        ROOTCAUSE_PREPARE_WORKERS="1", **extra,
    )  # fmt: skip
    return env


def _command(d: Path, out: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "rootcause.cli", "analyze", str(d / "export.csv"), "-d", str(d / "deps.yaml"),
            "--out", str(out), "--embedder", "fake", *more]  # fmt: skip


def _run(d: Path, out: Path, *more: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(d, out, *more), env=_env(d, **env), capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def uninterrupted(export):
    t0 = time.perf_counter()
    r = _run(export, export / "whole")
    assert r.returncode == 0, r.stderr
    return export / "whole", time.perf_counter() - t0


def assert_same_outputs(a: Path, b: Path) -> None:
    names = {str(p.relative_to(a)) for p in a.rglob("*") if p.is_file()}
    assert {"contacts.csv", "contacts.parquet", "drivers.csv", "rejects.csv", "report.html", "model/discovery.joblib"} <= names
    assert not (b / PARTS).exists()
    assert ck.different_outputs(a, b) == []


def test_what_two_runs_may_differ_in_is_only_what_they_measured(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d, t, when in ((a, 1.5, "2026-01-01"), (b, 9.0, "2026-02-02")):
        (d / "model").mkdir(parents=True)
        (d / "summary.json").write_text(json.dumps({"n_accepted": 3, "created_at": when, "run_seconds": t,
                                                    "stages": [{"stage": "Embed", "seconds": t, "peak_mib": t}]}))  # fmt: skip
        (d / "model" / "model.json").write_text(json.dumps({"drivers": [], "meta": {"created_at": when, "seed": 0}}))
        (d / "contacts.csv").write_text("id\n1\n")
    assert ck.different_outputs(a, b) == []
    (b / "contacts.csv").write_text("id\n2\n")
    (b / "summary.json").write_text(json.dumps({"n_accepted": 4, "stages": [{"stage": "Embed"}]}))
    (b / "weekly.csv").write_text("")
    assert ck.different_outputs(a, b) == ["weekly.csv", "contacts.csv", "summary.json"]


def _manifest(out: Path) -> dict:
    return json.loads((out / PARTS / ck.MANIFEST).read_text(encoding="utf-8"))


def test_killed_after_a_chunk_twice_then_resumed_equals_an_uninterrupted_run(export, uninterrupted):
    whole, _ = uninterrupted
    out = export / "killed"
    r = _run(export, out, **{ck.CRASH_ENV: "2"})
    assert r.returncode == -signal.SIGKILL, r.stderr
    state = _manifest(out)
    assert (state["chunks_done"], state["n_chunks"]) == (3, 8) and state["fit"] is not None
    assert not (out / "contacts.csv").exists()
    # killed again while resuming: a resumed run checkpoints too
    r = _run(export, out, "--resume", **{ck.CRASH_ENV: "5"})
    assert r.returncode == -signal.SIGKILL, r.stderr
    assert "Resuming from chunk 4 of 8" in " ".join(r.stderr.split())
    assert _manifest(out)["chunks_done"] == 6
    r = _run(export, out, "--resume")
    assert r.returncode == 0, r.stderr
    assert "Resuming from chunk 7 of 8" in " ".join(r.stderr.split())
    assert_same_outputs(whole, out)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["resumed"] == {"from_chunk": 7, "chunks": 8}
    assert any(s["stage"].startswith("Fit on the sample: ") for s in summary["stages"])  # the fit's times are kept


def test_killed_after_the_last_chunk_then_resumed_equals_an_uninterrupted_run(export, uninterrupted):
    """Every chunk was assigned before the kill: the resumed run assigns none, and its summary
    still lists the assignment's stages (fresh-check once met this point at random)."""
    whole, _ = uninterrupted
    out = export / "after-last"
    r = _run(export, out, **{ck.CRASH_ENV: "7"})
    assert r.returncode == -signal.SIGKILL, r.stderr
    assert (_manifest(out)["chunks_done"], _manifest(out)["n_chunks"]) == (8, 8)
    r = _run(export, out, "--resume")
    assert r.returncode == 0, r.stderr
    assert_same_outputs(whole, out)


def test_killed_at_a_random_point_then_resumed_equals_an_uninterrupted_run(export, uninterrupted):
    whole, seconds = uninterrupted
    out = export / "random"
    delay = random.Random().uniform(0.2, 1.0) * seconds
    proc = subprocess.Popen(_command(export, out), env=_env(export), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    where = _manifest(out) if (out / PARTS / ck.MANIFEST).exists() else None
    r = _run(export, out, "--resume")
    assert r.returncode == 0, f"killed after {delay:.1f} s (checkpoint: {where}): {r.stderr}"
    assert_same_outputs(whole, out)


class Said:
    """A reporter that keeps what it says."""

    enabled = True

    def __init__(self) -> None:
        self.lines: list[str] = []

    def info(self, message: str) -> None:
        self.lines.append(message)


def test_a_resume_with_other_settings_is_refused_and_names_them(export, tmp_path):
    out = tmp_path / "out"
    first = ck.run_fingerprint([export / "export.csv"], departments=export / "deps.yaml", decisions=None, previous_model=None,
                               mapping=None, file_mappings=None, embedder="fake", seed=0, fit_sample=FIT_SAMPLE,
                               chunk_rows=CHUNK_ROWS, report_language="en")  # fmt: skip
    said = Said()
    ck.open_checkpoint(out / PARTS, first, resume=True, reporter=said)
    assert said.lines == [f"--resume: {out} holds no interrupted run to resume: starting from the start"]
    with pytest.raises(BadInputError, match=r"other inputs or settings \(chunk_rows, seed differ\).*without --resume"):
        ck.open_checkpoint(out / PARTS, {**first, "seed": 1, "chunk_rows": 10}, resume=True, reporter=said)
    r = _run(export, out, "--resume", "--seed", "3")
    assert r.returncode == 2 and "seed differ" in " ".join(r.stderr.split()), r.stderr
    assert (out / PARTS / ck.MANIFEST).exists()  # a refused resume deletes nothing
    ck.open_checkpoint(out / PARTS, {**first, "seed": 3}, resume=False, reporter=said)  # without --resume: afresh
    assert said.lines[-1].endswith("held an interrupted run: starting afresh (--resume would have gone on from its last chunk)")
    assert ck._read_manifest(out / PARTS)["fingerprint"]["seed"] == 3


def test_a_checkpoint_is_only_ever_whole(tmp_path):
    """The manifest is renamed into place: a kill mid-write leaves the former one."""
    folder = tmp_path / PARTS
    c = ck.open_checkpoint(folder, {"x": 1}, resume=False, reporter=Reporter(False))
    before = (folder / ck.MANIFEST).read_bytes()

    def killed(path: Path) -> None:
        path.write_text('{"format": 1, "finger', encoding="utf-8")  # half written, then the process dies
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ck.atomic_write(folder / ck.MANIFEST, killed)
    assert (folder / ck.MANIFEST).read_bytes() == before
    assert ck.open_checkpoint(folder, {"x": 1}, resume=True, reporter=Reporter(False)).state == c.state


def test_a_resumed_run_keeps_the_contacts_no_driver_fitted_and_finds_the_same_new_drivers(tmp_path, monkeypatch):
    """The second pass after a resume sees every spilled unknown contact, the restored ones
    included (in process: the sample is made to miss a reason, as in test_run)."""
    export = tmp_path / "export.csv"
    gold = make_export(export, per_topic=40, new=24)
    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    monkeypatch.setenv("ROOTCAUSE_PREPARE_WORKERS", "1")
    get_settings.cache_clear()
    new_rows = {i for i, g in enumerate(gold) if g == "new"}

    def without_the_new_reason(keys, size, *, seed=0):
        others = [i for i in range(len(keys)) if i not in new_rows]
        picked = stratified_sample([keys[i] for i in others], size, seed=seed)
        return np.array([others[i] for i in picked])

    monkeypatch.setattr(sampled_run, "stratified_sample", without_the_new_reason)

    def run(out: Path, resume: bool = False) -> None:
        result = analyze([export], tmp_path / "deps.yaml", embedder="fake", seed=0, out_dir=out, fit_sample=FIT_SAMPLE,
                         chunk_rows=CHUNK_ROWS, resume=resume)  # fmt: skip
        write_outputs(result, out)
        result.contact_parts.remove()

    run(tmp_path / "whole")

    class Killed(Exception):
        pass

    def kill(pid: int, sig: int) -> None:
        raise Killed

    monkeypatch.setenv(ck.CRASH_ENV, "3")
    monkeypatch.setattr(ck.os, "kill", kill)
    with pytest.raises(Killed):
        run(tmp_path / "out")
    assert _manifest(tmp_path / "out")["unknown"], "the chunks done must hold unknown contacts"
    monkeypatch.delenv(ck.CRASH_ENV)
    run(tmp_path / "out", resume=True)
    assert json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["fit"]["second_pass_drivers"] >= 1
    assert_same_outputs(tmp_path / "whole", tmp_path / "out")


def test_resume_on_an_export_analysed_whole_says_it_starts_from_the_start(tmp_path, capsys):
    make_export(tmp_path / "export.csv")
    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    result = analyze([tmp_path / "export.csv"], tmp_path / "deps.yaml", embedder="fake", out_dir=tmp_path / "out", resume=True,
                     reporter=Reporter(True))  # fmt: skip
    assert result.meta["fit"]["mode"] == "whole" and result.contact_parts is None
    said = " ".join(capsys.readouterr().err.split())
    assert "--resume: exports of up to 20,000 rows are analysed whole, in memory: this run starts from the start" in said
