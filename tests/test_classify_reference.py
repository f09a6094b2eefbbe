"""Issue 19: speed work on the classify path changes no answer. Every bundled sample contact,
classified by `models/default`, gets the driver, owner and confidence written in
`tests/data/classify_reference.csv` (`bench/classify_reference.py` wrote it before the speed
work, and rewrites it only when answers are meant to change)."""

from __future__ import annotations

import polars as pl

from classify_reference import REFERENCE, classify_samples


def test_classification_of_the_sample_is_unchanged():
    want = pl.read_csv(REFERENCE, schema_overrides={"id": pl.Utf8})
    got = classify_samples()
    assert got.height == want.height == 446
    joined = want.join(got, on="id", how="left", suffix="_now")
    for col in ("driver_id", "owner_department"):
        changed = joined.filter(pl.col(col) != pl.col(f"{col}_now"))
        assert changed.height == 0, f"{changed.height} contacts changed {col}: {changed.head(5).to_dicts()}"
    drift = (joined["confidence"] - joined["confidence_now"]).abs().max()
    assert drift is not None and drift <= 1e-4, f"confidence moved by up to {drift}"
