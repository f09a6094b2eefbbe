"""Themes: process areas above the drivers, each driver in exactly one.

A quality team reads 20–60 drivers more easily as a handful of process areas ("billing and
payments", "moves and contracts", "the app"). Drivers are grouped by what their contacts
are about (their centroids) and by which departments' processes they point to (their owner
scores), so a theme stays within one part of the company's processes.
"""

from __future__ import annotations

import numpy as np

MIN_THEMES = 5
MAX_THEMES = 12
DRIVERS_PER_THEME = 3  # about three drivers a theme, within MIN_THEMES..MAX_THEMES


def n_themes(n_drivers: int) -> int:
    """How many themes for `n_drivers` drivers: about one per three, 5 to 12, never more
    than the drivers."""
    return min(n_drivers, max(MIN_THEMES, min(MAX_THEMES, round(n_drivers / DRIVERS_PER_THEME))))


def group_themes(centroids: np.ndarray, owner_scores: np.ndarray) -> np.ndarray:
    """Theme index per driver, 0..t-1, theme 0 the one with the most drivers.

    Parameters
    ----------
    centroids : (k, d) L2-normalised driver centroids.
    owner_scores : (k, n_departments) each driver's owner confidence per department (rows
        sum to 1): drivers that point to the same process lean together.

    Average-linkage clustering on the cosine distance of ``[centroid, owner_scores]``
    (both halves unit-normalised, so content and process weigh alike).
    """
    from sklearn.cluster import AgglomerativeClustering

    k = len(centroids)
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    t = n_themes(k)
    if t <= 1 or k < 2:
        return np.zeros(k, dtype=np.int64)
    scores = np.asarray(owner_scores, dtype=np.float64)
    scores = scores / np.maximum(np.linalg.norm(scores, axis=1, keepdims=True), 1e-12)
    both = np.hstack([np.asarray(centroids, dtype=np.float64), scores])
    raw = AgglomerativeClustering(n_clusters=t, metric="cosine", linkage="average").fit_predict(both)
    # number themes by how many drivers they hold (ties: first driver), so ids are stable for a given fit
    order = sorted(range(t), key=lambda j: (-int((raw == j).sum()), int(np.flatnonzero(raw == j)[0])))
    remap = np.empty(t, dtype=np.int64)
    remap[order] = np.arange(t)
    return remap[raw]
