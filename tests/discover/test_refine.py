"""`refine.split_by_owner`: a driver is split only where groups of its contacts point to different departments."""

from __future__ import annotations

import numpy as np

from rootcause.discover import refine


def _blobs(sizes: list[int], seed: int = 0) -> np.ndarray:
    """Tight groups of rows around orthogonal directions, one group per size."""
    rng = np.random.default_rng(seed)
    dim = 8
    rows = [np.eye(dim)[g] + 0.05 * rng.standard_normal((n, dim)) for g, n in enumerate(sizes)]
    return np.vstack(rows).astype(np.float32)


def _scores_by_department(department: np.ndarray, n_departments: int, strength: float):
    """scores_of: each contact votes `strength` for its department, the rest shared out."""
    votes = np.full((len(department), n_departments), (1 - strength) / (n_departments - 1))
    votes[np.arange(len(department)), department] = strength
    return lambda rows: votes[rows].mean(axis=0)


def test_groups_pointing_to_different_departments_become_drivers():
    X = _blobs([12, 10])
    labels = np.zeros(22, dtype=np.int64)
    department = np.array([0] * 12 + [1] * 10)
    out = refine.split_by_owner(X, labels, _scores_by_department(department, 3, 0.8), 7, 0.05)
    assert set(out[:12].tolist()) == {0}
    assert set(out[12:].tolist()) == {1}


def test_one_department_stays_one_driver():
    X = _blobs([12, 10])
    labels = np.zeros(22, dtype=np.int64)
    out = refine.split_by_owner(X, labels, _scores_by_department(np.zeros(22, dtype=int), 3, 0.8), 7, 0.05)
    assert (out == 0).all()


def test_a_small_or_unclear_group_stays():
    X = _blobs([14, 5])
    department = np.array([0] * 14 + [1] * 5)
    small = refine.split_by_owner(X, np.zeros(19, dtype=np.int64), _scores_by_department(department, 3, 0.8), 7, 0.05)
    assert (small == 0).all()  # 5 contacts: under the smallest part
    X = _blobs([12, 10])
    department = np.array([0] * 12 + [1] * 10)
    # the second group leans to department 1 by less than the margin
    unclear = refine.split_by_owner(X, np.zeros(22, dtype=np.int64), _scores_by_department(department, 2, 0.52), 7, 0.05)
    assert (unclear == 0).all()


def test_other_drivers_and_unassigned_rows_keep_their_labels():
    X = _blobs([12, 10, 9])
    labels = np.array([0] * 22 + [1] * 9)
    labels[5] = -1
    department = np.array([0] * 12 + [1] * 10 + [2] * 9)
    out = refine.split_by_owner(X, labels, _scores_by_department(department, 3, 0.8), 7, 0.05)
    assert out[5] == -1
    assert set(out[22:].tolist()) == {1}
    assert set(out[12:22].tolist()) == {2}  # the new driver is numbered after the existing ones


def test_a_large_driver_is_cut_on_a_sample_and_every_contact_placed(monkeypatch):
    monkeypatch.setattr(refine, "SPLIT_SAMPLE", 30)
    X = _blobs([40, 30])
    department = np.array([0] * 40 + [1] * 30)
    out = refine.split_by_owner(X, np.zeros(70, dtype=np.int64), _scores_by_department(department, 3, 0.8), 7, 0.05, seed=3)
    assert set(out[:40].tolist()) == {0}
    assert set(out[40:].tolist()) == {1}
