"""Choosing the number of drivers: over-cluster, then pick the granularity the data supports."""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score


def spherical_kmeans(
    X: np.ndarray, k: int, *, seed: int, n_init: int = 3, init: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """k-means on unit vectors; returns (labels, L2-normalised centroids)."""
    if init is not None:
        km = KMeans(n_clusters=k, init=init, n_init=1, random_state=seed, max_iter=100)
    else:
        km = KMeans(n_clusters=k, n_init=n_init, random_state=seed, max_iter=100)
    labels = km.fit_predict(X)
    c = km.cluster_centers_.astype(np.float32)
    c /= np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-12)
    return labels.astype(np.int64), c


def k_grid(n: int, k_min: int, k_max: int) -> list[int]:
    """A geometric grid of candidate numbers of drivers (about 12 % apart)."""
    k_max = max(k_min, min(k_max, n // 3))
    ks: list[int] = []
    k = float(k_min)
    while k <= k_max:
        if not ks or int(round(k)) != ks[-1]:
            ks.append(int(round(k)))
        k *= 1.12
    return ks


def choose_k_silhouette(
    X: np.ndarray, *, seed: int, k_min: int = 2, k_max: int = 300
) -> tuple[int, np.ndarray]:
    """Number of clusters with the best cosine silhouette over a k-means grid."""
    best = (-np.inf, 0, np.zeros(len(X), dtype=np.int64))
    for k in k_grid(len(X), k_min, k_max):
        labels, _ = spherical_kmeans(X, k, seed=seed, n_init=1)
        s = silhouette_score(X, labels, metric="cosine")
        if s > best[0]:
            best = (s, k, labels)
    return best[1], best[2]
