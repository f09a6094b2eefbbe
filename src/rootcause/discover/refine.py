"""Cleaning a partition: dissolve tiny drivers, re-assign by a classifier trained on confident members."""

from __future__ import annotations

import numpy as np


def drop_small(
    X: np.ndarray, labels: np.ndarray, names: list[str | None], min_size: int
) -> tuple[np.ndarray, list[str | None]]:
    """Dissolve drivers with fewer than ``min_size`` members (named ones are kept) into their
    nearest remaining driver."""
    k = len(names)
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    keep = np.array([(sizes[i] >= min_size) or (names[i] is not None and sizes[i] > 0) for i in range(k)])
    if keep.all() or not keep.any():
        return labels, names
    c = np.zeros((k, X.shape[1]))
    np.add.at(c, labels[labels >= 0], X[labels >= 0])
    c /= np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-12)
    kept = np.flatnonzero(keep)
    moved = ~keep[np.maximum(labels, 0)] & (labels >= 0)
    if moved.any():
        labels = labels.copy()
        labels[moved] = kept[(X[moved] @ c[kept].T).argmax(axis=1)]
    remap = np.full(k, -1)
    remap[kept] = np.arange(len(kept))
    return np.where(labels >= 0, remap[np.maximum(labels, 0)], -1), [names[i] for i in kept]
