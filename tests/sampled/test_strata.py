"""The sample a large export is fitted on keeps every week, channel and language in proportion."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rootcause import schema as S
from rootcause.errors import BadInputError
from rootcause.sampled.strata import allocate, strata_keys, stratified_sample


@given(st.lists(st.integers(0, 500), min_size=1, max_size=40), st.integers(1, 3000))
@settings(max_examples=200, deadline=None)
def test_allocation_sums_to_the_sample_and_never_exceeds_a_stratum(sizes, total):
    sizes_a = np.array(sizes)
    take = allocate(sizes_a, total)
    assert int(take.sum()) == min(total, int(sizes_a.sum()))
    assert (take <= sizes_a).all() and (take >= 0).all()
    if len(sizes) <= total and total < sizes_a.sum():  # every stratum is represented
        assert ((take > 0) | (sizes_a == 0)).all()


def test_allocation_is_proportional():
    take = allocate(np.array([6000, 3000, 900, 100]), 1000)
    assert take.tolist() == [600, 300, 90, 10]


def test_a_rare_stratum_that_a_random_sample_would_miss_is_kept():
    keys = ["2026-W01|email|fr"] * 9990 + ["2026-W01|chat|en"] * 10
    rows = stratified_sample(keys, 100, seed=0)
    assert len(rows) == 100
    assert Counter(keys[i] for i in rows) == {"2026-W01|email|fr": 99, "2026-W01|chat|en": 1}


def test_the_same_seed_gives_the_same_sample_and_another_seed_another():
    keys = [f"w{i % 7}|email|fr" for i in range(5000)]
    a = stratified_sample(keys, 500, seed=1)
    assert np.array_equal(a, stratified_sample(keys, 500, seed=1))
    assert not np.array_equal(a, stratified_sample(keys, 500, seed=2))
    assert (np.diff(a) > 0).all()  # sorted, no repeats


def test_a_sample_as_big_as_the_export_is_the_export():
    assert stratified_sample(["a", "b", "a"], 5).tolist() == [0, 1, 2]
    with pytest.raises(BadInputError, match="at least 1"):
        stratified_sample(["a"], 0)


def test_strata_are_iso_weeks_channels_and_languages():
    frame = pl.DataFrame(
        {
            S.CREATED_AT: [datetime(2026, 1, 1), None, datetime(2025, 12, 29)],
            S.CHANNEL: ["email", None, "chat"],
        }
    )
    assert strata_keys(frame, ["fr", "en", ""]) == ["2026-W01|email|fr", "undated|?|en", "2026-W01|chat|?"]


def test_second_pass_ids_follow_every_id_used_before():
    from rootcause.model.driver_model import Driver, DriverModel
    from rootcause.sampled.leftovers import next_number

    def model(*ids: str) -> DriverModel:
        return DriverModel(drivers=[Driver(i, i, "") for i in ids], discovery=None, embedder_name="fake")

    assert next_number(model("D001", "D007.1", "D003")) == 8  # a split driver's parts keep its number
    assert next_number(model("D002"), model("D011")) == 12  # nor is a former model's id given again
    assert next_number(model()) == 1
