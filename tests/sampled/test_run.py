"""A large export, end to end: fitted on a sample, the rest assigned chunk by chunk.

The export is small and the sample smaller (`fit_sample`), so the sampled path runs on a
hand-made export in seconds, with the real reader, cleaning, redaction, discovery, labels,
owners and writers, and the fake embedder.
"""

from __future__ import annotations

import csv
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from rootcause import schema as S
from rootcause.attribute import load_catalogue
from rootcause.errors import BadInputError
from rootcause.ingest import ExportStream, read_contacts
from rootcause.model import load_model
from rootcause.pipeline import analyze, write_outputs
from rootcause.prepare import prepare_texts
from rootcause.sampled import run as sampled_run
from rootcause.sampled.strata import stratified_sample

from handmade import NEW, TOPICS, catalogue

CATALOGUE = catalogue()

FIT_SAMPLE = 60
CHUNK_ROWS = 25


def make_export(path: Path, *, per_topic: int = 40, new: int = 0) -> list[str]:
    """Write the export; return the gold topic of each accepted row, in order."""
    rng = random.Random(0)
    rows, gold = [], []
    t0 = datetime(2026, 3, 2)
    phrases = [(topic, p) for topic, ps in TOPICS.items() for p in ps]
    n = per_topic * len(TOPICS) + new
    new_at = set(list(range(3, n, n // new))[:new]) if new else set()  # spread over the export
    for i in range(n):
        topic, text = ("new", rng.choice(NEW)) if i in new_at else rng.choice(phrases)
        text += rng.choice(["", " please help", " thanks", " this is annoying"])
        rows.append(
            {
                "ticket_id": f"T-{i}",
                "created_at": (t0 + timedelta(days=rng.randrange(90))).isoformat(),
                "channel": rng.choice(["Email", "chat", "web form"]),
                "description": text,
                "requester_id": f"C-{i % 37}",
            }
        )
        gold.append(topic)
    rows.insert(5, {"ticket_id": "T-bad", "created_at": "2026-03-02", "channel": "email", "description": "", "requester_id": "C-1"})
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return gold


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    d = tmp_path_factory.mktemp("sampled")
    export = d / "export.csv"
    make_export(export)
    (d / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    out = {}
    for mode, fit_sample in (("sample", FIT_SAMPLE), ("whole", None)):
        result = analyze(
            [export], d / "deps.yaml", embedder="fake", seed=0, out_dir=d / mode, fit_sample=fit_sample, chunk_rows=CHUNK_ROWS
        )
        write_outputs(result, d / mode)
        out[mode] = result
    return d, out


def _csv(d: Path, mode: str, name: str = "contacts.csv") -> pl.DataFrame:
    return pl.read_csv(d / mode / name, infer_schema=False)


def test_every_contact_once_in_input_order_with_the_same_columns(runs):
    d, out = runs
    sampled, whole = _csv(d, "sample"), _csv(d, "whole")
    assert sampled.columns == whole.columns
    assert sampled[S.ID].to_list() == whole[S.ID].to_list()
    assert pl.read_parquet(d / "sample" / "contacts.parquet").height == sampled.height
    assert (d / "sample" / "rejects.csv").read_bytes() == (d / "whole" / "rejects.csv").read_bytes()
    parts = out["sample"].contact_parts
    assert parts is not None and len(parts.files) == -(-120 // CHUNK_ROWS)  # one file per chunk read
    assert out["whole"].contact_parts is None


def test_each_contact_is_prepared_as_in_a_whole_run(runs):
    d, _ = runs
    sampled, whole = _csv(d, "sample"), _csv(d, "whole")
    for col in (S.REASON_TEXT, S.CLEAN_TEXT, S.LANGUAGE, S.NOISE_REASON, S.CHANNEL, S.CREATED_AT, S.IS_TRANSCRIPT):
        assert sampled[col].to_list() == whole[col].to_list(), col


def test_summary_says_how_the_run_was_fitted_and_what_each_stage_cost(runs):
    d, out = runs
    summary = json.loads((d / "sample" / "summary.json").read_text(encoding="utf-8"))
    fit = summary["fit"]
    assert (fit["mode"], fit["sample"], fit["contacts"], fit["chunk_rows"]) == ("sample", FIT_SAMPLE, 120, CHUNK_ROWS)
    stages = [s["stage"] for s in summary["stages"]]
    for stage in ("Survey the export (week, channel, language)", "Fit on the sample: Discover drivers",
                  "Assign the other contacts", "Measure every contact", "Write outputs and report"):  # fmt: skip
        assert stage in stages
    assert all(s["seconds"] >= 0 and s["peak_mib"] > 0 for s in summary["stages"])
    assert summary["peak_mib"] >= max(s["peak_mib"] for s in summary["stages"])
    assert json.loads((d / "whole" / "summary.json").read_text(encoding="utf-8"))["fit"]["mode"] == "whole"
    assert summary["n_accepted"] == 120 and summary["n_rejected"] == 1


def test_the_other_contacts_get_what_the_saved_model_assigns_them(runs):
    """The rest is assigned by `DriverModel.assign`, the path the API classifies with."""
    d, out = runs
    keys, _ = sampled_run.survey(ExportStream([d / "export.csv"], chunk_rows=CHUNK_ROWS))
    in_sample = np.zeros(len(keys), dtype=bool)
    in_sample[stratified_sample(keys, FIT_SAMPLE, seed=0)] = True
    contacts = read_contacts([d / "export.csv"]).contacts
    model = load_model(d / "sample" / "model")
    keep = sorted({*load_catalogue(d / "deps.yaml").proper_names(), *model.meta.get("masked_words", [])})
    written = _csv(d, "sample")[S.DRIVER_ID].to_list()
    second = set(model.meta.get("second_pass", {}).get("drivers", []))
    checked = 0
    for start in range(0, contacts.height, CHUNK_ROWS):  # the chunks the run read
        rest = [i for i in range(start, min(start + CHUNK_ROWS, contacts.height)) if not in_sample[i]]
        chunk = contacts[rest]
        prepared = prepare_texts(chunk[S.TEXT].to_list(), chunk[S.SUBJECT].to_list(), languages=chunk[S.LANGUAGE].to_list(), keep=keep)
        got = model.assign(prepared, novelty=False)
        for i, driver in zip(rest, got.driver_ids, strict=True):
            if written[i] in second:
                continue
            assert written[i] == (S.UNASSIGNED if driver == S.UNKNOWN else driver)
            checked += 1
    assert checked >= 40


def test_driver_tables_count_every_contact(runs):
    d, out = runs
    contacts, drivers = _csv(d, "sample"), _csv(d, "sample", "drivers.csv")
    sizes = dict(contacts.group_by(S.DRIVER_ID).len().iter_rows())
    assert {r[S.DRIVER_ID]: int(r["size"]) for r in drivers.iter_rows(named=True)} == {
        k: v for k, v in sizes.items() if k not in (S.NOISE, S.UNASSIGNED)
    }
    weekly = _csv(d, "sample", "weekly.csv")
    assert sum(int(v) for v in weekly["contacts"].to_list()) == contacts.filter(pl.col(S.CREATED_AT).is_not_null()).height
    labels = dict(drivers.select(S.DRIVER_ID, "label").iter_rows())
    for driver, label in contacts.select(S.DRIVER_ID, S.DRIVER_LABEL).iter_rows():
        if driver in labels:
            assert label == labels[driver]


def test_a_reason_the_sample_missed_is_found_in_a_second_pass(tmp_path, monkeypatch):
    export = tmp_path / "export.csv"
    gold = make_export(export, per_topic=40, new=24)
    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    new_rows = {i for i, g in enumerate(gold) if g == "new"}
    real = stratified_sample

    def without_the_new_reason(keys, size, *, seed=0):  # a sample that happens to miss it
        others = [i for i in range(len(keys)) if i not in new_rows]
        picked = real([keys[i] for i in others], size, seed=seed)
        return np.array([others[i] for i in picked])

    monkeypatch.setattr(sampled_run, "stratified_sample", without_the_new_reason)
    result = analyze([export], tmp_path / "deps.yaml", embedder="fake", seed=0, out_dir=tmp_path / "out", fit_sample=FIT_SAMPLE, chunk_rows=CHUNK_ROWS)
    write_outputs(result, tmp_path / "out")
    fit = result.meta["fit"]
    assert fit["second_pass_drivers"] >= 1 and fit["unknown_after_sample"] >= 20
    contacts = _csv(tmp_path, "out")
    model = load_model(tmp_path / "out" / "model")
    found = set(model.meta["second_pass"]["drivers"])
    # the fake embedder tells "crash", "crashes" and "crashing" apart: the reason may come in parts
    assert {contacts[S.DRIVER_ID][i] for i in new_rows} <= found
    assert {g for g, d in zip(gold, contacts[S.DRIVER_ID].to_list(), strict=True) if d in found} == {"new"}
    sample_ids = [d.driver_id for d in model.drivers if d.driver_id not in found]
    assert min(int(i[1:]) for i in found) > max(int(i[1:]) for i in sample_ids)  # new ids, after the sample's
    table = _csv(tmp_path, "out", "drivers.csv").filter(pl.col(S.DRIVER_ID).is_in(sorted(found)))
    assert table.height == len(found) and sum(int(n) for n in table["size"]) == len(new_rows)
    assert set(table["owner_department"]) == {"apps"} and all(table["label"])
    assert model.classify(["app update keeps crashing"])[S.DRIVER_ID][0] in found


def test_a_sample_too_small_to_find_drivers_in_is_refused(tmp_path):
    export = tmp_path / "export.csv"
    make_export(export, per_topic=10)
    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    with pytest.raises(BadInputError, match="fit_sample=5.*at least 20"):
        analyze([export], tmp_path / "deps.yaml", embedder="fake", fit_sample=5)


def test_the_cli_fits_on_a_sample_and_leaves_no_parts_behind(tmp_path):
    from typer.testing import CliRunner

    from rootcause.cli import app

    export = tmp_path / "export.csv"
    make_export(export)
    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    r = CliRunner().invoke(
        app,
        ["analyze", str(export), "-d", str(tmp_path / "deps.yaml"), "--out", str(tmp_path / "out"),
         "--embedder", "fake", "--fit-sample", str(FIT_SAMPLE)],  # fmt: skip
    )
    assert r.exit_code == 0, r.output
    assert f"Drivers found on a sample of {FIT_SAMPLE} contacts" in r.output
    assert pl.read_csv(tmp_path / "out" / "contacts.csv").height == 120
    assert not (tmp_path / "out" / ".rootcause-parts").exists()
    bad = CliRunner().invoke(app, ["analyze", str(export), "-d", str(tmp_path / "deps.yaml"), "--out", str(tmp_path / "o2"), "--fit-sample", "3"])
    assert bad.exit_code == 2 and "at least 20" in bad.output
