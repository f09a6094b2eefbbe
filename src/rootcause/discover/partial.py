"""Discovery guided by partial reason codes: known codes keep their names, new reasons are found."""

from __future__ import annotations

from collections import Counter

import numpy as np

from rootcause.discover import granularity


def guided_clustering(
    X: np.ndarray, codes: list[str | None], *, seed: int, k_min: int = 2, k_max: int = 300
) -> tuple[np.ndarray, list[str | None]]:
    """Seeded k-means: one seed per known code (its labelled members' mean) plus new drivers.

    Returns labels and, per driver, the code it carries (None for newly found drivers).
    """
    counts = Counter(c for c in codes if c is not None)
    known = sorted(counts)
    k_auto, _ = granularity.choose_k_silhouette(X, seed=seed, k_min=k_min, k_max=k_max)
    k = max(k_auto, len(known) + 1)
    idx = {c: i for i, c in enumerate(known)}
    lab = np.array([idx[c] if c is not None else -1 for c in codes])
    seeds = np.zeros((len(known), X.shape[1]))
    np.add.at(seeds, lab[lab >= 0], X[lab >= 0])
    seeds /= np.maximum(np.linalg.norm(seeds, axis=1, keepdims=True), 1e-12)
    # new drivers start on the unlabelled points farthest from every known seed
    rng = np.random.default_rng(seed)
    free = np.flatnonzero(lab < 0)
    extra = []
    cur = seeds.copy()
    for _ in range(k - len(known)):
        d = 1 - (X[free] @ cur.T).max(axis=1) if len(cur) else np.ones(len(free))
        p = d**2 / (d**2).sum() if d.sum() > 0 else None
        j = free[rng.choice(len(free), p=p)]
        extra.append(X[j])
        cur = np.vstack([cur, X[j][None]])
    cents = cur.astype(np.float64)
    labels = np.zeros(len(X), dtype=np.int64)
    for _ in range(50):
        new = (X @ cents.T).argmax(axis=1)
        new[lab >= 0] = lab[lab >= 0]
        if (new == labels).all():
            break
        labels = new
        c = np.zeros_like(cents)
        np.add.at(c, labels, X)
        empty = np.linalg.norm(c, axis=1) == 0
        c[empty] = cents[empty]
        cents = c / np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-12)
    names: list[str | None] = list(known) + [None] * (k - len(known))
    return labels, names
