"""Splitting a driver that mixes two problems."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from rootcause.errors import BadInputError
from rootcause.model.driver_model import Driver
from rootcause.review import Decision, apply_decisions, apply_splits


def blobs(seed=0):
    """Driver 0 mixes two tight groups (rows 0-9 near e0, rows 10-15 near e1); driver 1 is e2."""
    rng = np.random.default_rng(seed)
    centres = np.eye(3, dtype=np.float32)
    X = np.concatenate([centres[0] + 0.05 * rng.standard_normal((10, 3)), centres[1] + 0.05 * rng.standard_normal((6, 3)),
                        centres[2] + 0.05 * rng.standard_normal((5, 3))]).astype(np.float32)  # fmt: skip
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    labels = np.array([0] * 16 + [1] * 5)
    return X, labels


def test_split_divides_a_driver_into_parts_numbered_by_size():
    X, labels = blobs()
    out, ids, notes = apply_splits([Decision("split", "D001", {"parts": 2})], labels, ["D001", "D002"], X)
    assert notes == []
    assert ids == ["D001.1", "D002", "D001.2"]
    assert set(out[:10]) == {0} and set(out[10:16]) == {2} and set(out[16:]) == {1}


def test_a_refit_keeps_each_part_where_it_was():
    X, labels = blobs()
    first, ids, _ = apply_splits([Decision("split", "D001", {})], labels, ["D001", "D002"], X)
    centroids = np.stack([X[first == k].mean(0) for k in range(3)])
    previous = SimpleNamespace(drivers=[Driver(i, i, "") for i in ids], discovery=SimpleNamespace(centroids_=centroids))
    # the refit found the mixed driver again, matched to part 1's id
    X2, labels2 = blobs(seed=1)
    again, ids2, notes = apply_splits([Decision("split", "D001", {})], labels2, ["D001.1", "D002"], X2, previous=previous)
    assert notes == [] and sorted(ids2) == ["D001.1", "D001.2", "D002"]
    named = np.array([ids2[k] for k in again])
    assert set(named[:10]) == {"D001.1"} and set(named[10:16]) == {"D001.2"}


def test_a_split_that_cannot_apply_says_why_and_changes_nothing():
    X, labels = blobs()
    out, ids, notes = apply_splits(
        [Decision("split", "D009", {}), Decision("split", "D002", {"parts": 3})], labels, ["D001", "D002"], X
    )
    assert (out == labels).all() and ids == ["D001", "D002"]
    assert "no driver D009" in notes[0] and "5 contacts are too few for 3 parts" in notes[1]


@pytest.mark.parametrize("parts", [1, 11, "2", True])
def test_split_parts_must_be_a_whole_number_from_2_to_10(parts):
    with pytest.raises(BadInputError, match="whole number from 2 to 10"):
        Decision("split", "D001", {"parts": parts})


def test_applying_decisions_to_a_model_leaves_splits_to_analyze():
    from rootcause.model.driver_model import DriverModel

    model = DriverModel(drivers=[Driver("D001.1", "a", "billing"), Driver("D001.2", "b", "billing")], discovery=None, embedder_name="fake")
    out = apply_decisions(model, [Decision("split", "D001", {"parts": 2}), Decision("rename", "D001.2", {"label": "late refund"})])
    assert out.driver("D001.2").label == "late refund" and out.meta["decisions_applied"] == 1
