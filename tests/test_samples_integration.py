"""The bundled sample export through the real pipeline and the real packaged models."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from rootcause import schema as S
from rootcause.model import load_model
from rootcause.pipeline import analyze, write_outputs

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
GOLD = SAMPLES / "gold"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("samples") / "out"
    result = analyze(
        [SAMPLES / "contacts.csv", SAMPLES / "transcripts.ndjson"], SAMPLES / "departments.yaml", seed=0, out_dir=out
    )
    write_outputs(result, out)
    return out, result


def test_drivers_in_the_expected_range_and_few_unassigned(run):
    _, result = run
    assert result.model.embedder_name == "use-multilingual-v3"  # languages mix
    assert 15 <= result.drivers.height <= 45
    assert (result.contacts[S.DRIVER_ID] == S.UNASSIGNED).mean() <= 0.10


def test_bad_rows_are_rejected_with_reasons(run):
    out, result = run
    rejects = pl.read_csv(out / "rejects.csv")
    assert rejects.height == 4  # 2 empty texts, 1 duplicate id, 1 empty transcript
    assert rejects["reason"].str.len_chars().min() > 0
    assert result.contacts.height == 446
    # the bad date (32/13/2026) keeps its contact, undated, with a warning that does not quote it
    warned = pl.read_csv(out / "warnings.csv", infer_schema_length=0)
    assert warned.select("source_row", "field").rows() == [("182", "created_at")]
    assert "32/13" not in (out / "warnings.csv").read_text(encoding="utf-8")


def test_no_planted_personal_data_in_any_output(run):
    out, _ = run
    planted = [
        line.strip()
        for name in ("planted_pii.txt", "planted_pii_calls.txt")
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(planted) > 50
    for f in out.rglob("*"):
        if f.is_file():
            blob = f.read_bytes()
            leaked = [p for p in planted if p.encode() in blob]
            assert not leaked, (f.name, leaked)


def test_owner_accuracy_on_the_gold_labels(run):
    _, result = run
    gold = {}
    for name in ("contacts_labels.csv", "transcripts_labels.csv"):
        with (GOLD / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["owner"]:
                    gold.setdefault(row["id"], row["owner"])
    c = result.contacts.filter(pl.col(S.ID).is_in(list(gold)))
    acc = sum(gold[i] == o for i, o in zip(c[S.ID], c[S.OWNER_DEPARTMENT], strict=True)) / c.height
    assert acc >= 0.78  # measured 0.826 at seed 0 (bench/analyze.py); 0.80 is the target on held-out data


def test_classify_with_the_saved_model(run):
    out, _ = run
    model = load_model(out / "model")
    res = model.classify(
        ["Je n'arrive plus à me connecter, le mail de réinitialisation du mot de passe n'arrive jamais",
         "The technician never showed up for the fibre installation appointment"],
        ids=["a", "b"],
    )
    assert res[S.OWNER_DEPARTMENT].to_list() == ["digital", "field_ops"]
    assert res[S.LANGUAGE].to_list() == ["fr", "en"]


def test_labels_are_unique_and_never_repeat_a_word(run):
    # Regression: a label read "forfait forfait" (two lemmas with one surface).
    _, result = run
    labels = result.drivers["label"].to_list()
    assert len(set(labels)) == len(labels)
    for label in labels:
        words = label.casefold().split()
        assert all(a != b for a, b in zip(words, words[1:])), label
