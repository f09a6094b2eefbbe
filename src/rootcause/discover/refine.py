"""Cleaning a partition: dissolve tiny drivers; split drivers whose contacts point to different departments."""

from __future__ import annotations

from collections.abc import Callable

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


SPLIT_SAMPLE = 1000  # at most this many contacts of a driver go into its Ward tree (its cost grows as n²)


def split_by_owner(
    X: np.ndarray,
    labels: np.ndarray,
    scores_of: Callable[[np.ndarray], np.ndarray],
    min_part: int,
    margin: float,
    *,
    max_parts: int = 4,
    seed: int = 0,
) -> np.ndarray:
    """Split each driver whose contacts fall into groups that point to different departments.

    A driver's contacts are cut into up to `max_parts` parts by Ward clustering of ``X``
    (parts of `min_part` contacts on average at least); `scores_of` (rows -> department
    scores) gives each part its department, and parts of one department join again. A group
    becomes a driver of its own when it holds `min_part` contacts or more and its score for
    its department leads its score for the whole driver's department by `margin`; the rest
    stays with the whole driver's department's group, or joins the nearest group when that
    one does not stand. New drivers are numbered after the existing ones; unassigned rows
    (-1) stay as they are. A driver of more than `SPLIT_SAMPLE` contacts is cut on a sample
    drawn with `seed`, and its other contacts go to the nearest part.
    """
    rng = np.random.default_rng(seed)
    labels = np.asarray(labels).copy()
    k = int(labels.max()) + 1 if (labels >= 0).any() else 0
    for c in range(k):
        rows = np.flatnonzero(labels == c)
        n_parts = min(max_parts, len(rows) // min_part)
        if n_parts < 2:
            continue
        part = _ward_parts(X[rows], n_parts, rng)
        whole = int(scores_of(rows).argmax())
        by_owner: dict[int, list[int]] = {}
        for p in range(n_parts):
            by_owner.setdefault(int(scores_of(rows[part == p]).argmax()), []).append(p)
        kept, whole_kept = [], False
        for owner, parts in sorted(by_owner.items(), key=lambda item: item[0] != whole):  # the whole's first
            members = np.flatnonzero(np.isin(part, parts))
            scores = scores_of(rows[members])
            if len(members) >= min_part and (owner == whole or scores[owner] - scores[whole] >= margin):
                kept.append(members)
                whole_kept |= owner == whole
        if len(kept) < 2:
            continue
        new = np.full(len(rows), -1)
        for i, members in enumerate(kept):
            new[members] = i
        rest = np.flatnonzero(new < 0)
        if len(rest):
            if whole_kept:
                new[rest] = 0
            else:
                centres = np.stack([X[rows[m]].mean(axis=0) for m in kept])
                new[rest] = (X[rows[rest]] @ centres.T).argmax(axis=1)
        for i in range(1, len(kept)):
            labels[rows[new == i]] = int(labels.max()) + 1
    return labels


def _ward_parts(X: np.ndarray, n_parts: int, rng: np.random.Generator) -> np.ndarray:
    """Ward clustering of the rows of ``X`` into `n_parts`, on at most `SPLIT_SAMPLE` of them
    (the others go to the nearest part's mean)."""
    from sklearn.cluster import AgglomerativeClustering

    ward = AgglomerativeClustering(n_clusters=n_parts, linkage="ward")
    if len(X) <= SPLIT_SAMPLE:
        return ward.fit_predict(X)
    sample = np.sort(rng.choice(len(X), SPLIT_SAMPLE, replace=False))
    fitted = ward.fit_predict(X[sample])
    centres = np.stack([X[sample][fitted == p].mean(axis=0) for p in range(n_parts)])
    return (X @ centres.T - 0.5 * (centres**2).sum(axis=1)).argmax(axis=1)  # the nearest mean
