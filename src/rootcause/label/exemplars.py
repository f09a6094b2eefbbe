"""Representative and varied example contacts per driver, by maximal marginal relevance."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def length_preference(text: str, *, min_words: int = 6, max_chars: int = 400) -> float:
    """1.0 for a text of readable length, less for a fragment or a wall of text."""
    n_words = len(text.split())
    if n_words == 0:
        return 0.0
    factor = min(1.0, n_words / min_words)
    if len(text) > max_chars:
        factor *= (max_chars / len(text)) ** 0.5
    return factor


def mmr_exemplars(
    embeddings: np.ndarray, texts: Sequence[str], k: int, *, diversity: float = 0.3
) -> list[int]:
    """Pick up to `k` rows close to the centroid yet unlike each other.

    Parameters
    ----------
    embeddings : (m, d) array
        The members' vectors (unit norm).
    texts : sequence of str
        The members' texts, to prefer readable lengths and skip exact duplicates.
    k : int
        How many to pick.
    diversity : float
        0 picks the most central texts, 1 the most varied.

    Returns
    -------
    list of int
        Positions in `texts`, best first.
    """
    m = len(texts)
    if m == 0 or k <= 0:
        return []
    x = np.asarray(embeddings, dtype=np.float64)
    centroid = x.mean(axis=0)
    norm = np.linalg.norm(centroid)
    centroid = centroid / norm if norm > 0 else centroid
    pref = np.array([length_preference(t) for t in texts])
    # A fragment may still be shown when nothing better exists, hence the floor.
    relevance = (x @ centroid) * (0.25 + 0.75 * pref)
    chosen: list[int] = []
    seen_texts: set[str] = set()
    max_sim = np.full(m, -np.inf)
    available = np.ones(m, dtype=bool)
    for i, t in enumerate(texts):
        key = " ".join(t.lower().split())
        if not key or key in seen_texts:
            available[i] = False
        seen_texts.add(key)
    if not available.any():
        available[:] = True
    while len(chosen) < k and available.any():
        penalty = np.where(np.isfinite(max_sim), max_sim, 0.0)
        score = (1 - diversity) * relevance - diversity * penalty
        score[~available] = -np.inf
        best = int(np.argmax(score))
        chosen.append(best)
        available[best] = False
        max_sim = np.maximum(max_sim, x @ x[best])
    return chosen
