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


def _votes(X):
    """Each row's own vote: rows near e1 read like network, the others like billing."""
    v = np.where((X[:, 1] > 0.5)[:, None], [[0.2, 0.8]], [[0.8, 0.2]])
    return v.astype(np.float32)


def test_a_split_with_an_owner_carves_out_the_contacts_that_read_like_it_and_keeps_the_driver_id():
    from rootcause.review.split import split_partition

    X, labels = blobs()
    dec = Decision("split", "D001", {"parts": 2, "owner": "network"})
    out, ids, notes = split_partition([dec], labels, ["D001", "D002"], X, votes=_votes(X), departments=["billing", "network"])
    assert notes == [] and ids == ["D001", "D002", "D001.2"]
    assert set(out[:10]) == {0} and set(out[10:16]) == {2} and set(out[16:]) == {1}
    # a refit holding the part already divides the driver and its part again by the same rule
    again, ids2, _ = split_partition([dec], out, ids, X, votes=_votes(X), departments=["billing", "network"])
    assert ids2 == ids and (again == out).all()


def test_a_split_by_owner_that_cannot_carve_says_why():
    from rootcause.review.split import split_partition

    X, labels = blobs()
    for owner, why in (("logistics", "not a department"), ("billing", None)):
        dec = Decision("split", "D002", {"owner": owner})
        out, ids, notes = split_partition([dec], labels, ["D001", "D002"], X, votes=_votes(X), departments=["billing", "network", "pricing"] if owner == "billing" else ["billing", "network"])
        assert ids == ["D001", "D002"] and (out == labels).all()
        assert len(notes) == 1 and (why or "all of its 5 contacts read like billing") in notes[0][1]


def test_replay_gives_the_carved_part_to_the_owner_and_names_it_for_undo():
    from rootcause.model.driver_model import DriverModel

    drivers = [Driver("D001", "a", "billing", 0.6), Driver("D001.2", "b", "billing", 0.5)]
    model = DriverModel(drivers=drivers, discovery=None, embedder_name="fake")
    dec = Decision("split", "D001", {"parts": 2, "owner": "network"}, id=1)
    out = apply_decisions(model, [dec], departments=["billing", "network"])
    part = out.driver("D001.2")
    assert (part.owner_department, part.owner_confidence, part.reviewed) == ("network", 1.0, True)
    assert out.driver("D001").owner_department == "billing"
    undone = apply_decisions(out, [dec, Decision("undo", "D001", {"decision": 1}, id=2)])
    assert undone.driver("D001.2").owner_department == "billing"  # back as fitted
    stale = apply_decisions(model, [dec], strict=False, departments=["billing"])
    assert "not a department of the catalogue" in stale.meta["decisions_skipped"][0]


@pytest.mark.parametrize(("payload", "match"), [({"owner": ""}, "names the catalogue department"), ({"parts": 3, "owner": "network"}, "carves out one part")])
def test_a_split_owner_must_be_a_department_with_two_parts(payload, match):
    with pytest.raises(BadInputError, match=match):
        Decision("split", "D001", payload)
