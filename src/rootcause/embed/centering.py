"""Per-language mean centering of multilingual embeddings.

A multilingual encoder puts a language-identity component into every vector, so
French contacts sit closer to other French contacts than to English ones about
the same problem. Subtracting each language's mean embedding removes most of
that component (Libovický et al., 2020, "On the language neutrality of
pre-trained multilingual representations"). Measured on the bundled bilingual
sample: NMI of discovered drivers 0.672 → 0.719 (see the issue notes).

Centering removes the mean gap between languages, not the directions along which
they differ. Contacts of two languages that are each other's nearest neighbour
(mutual nearest neighbours, mostly the same problem worded in two languages)
differ mainly along those directions, so the top principal directions of their
differences are projected out as well (in the spirit of the unsupervised
alignment refinement of Conneau et al., 2018). On the bundled sample, mean over
discovery seeds 0–3 (`bench/analyze.py samples --seed N`): translations in the same
driver 0.818 → 0.858, pairs of different complaints 0.667 → 0.744, NMI 0.717 →
0.727, owner accuracy 0.788 → 0.800.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rootcause.errors import BadInputError, check_is_fitted

LANGUAGE_DIRECTIONS = 4  # 3–6 measured alike on the bundled sample; 8+ removes topic too
MIN_PAIRS = 20  # fewer mutual neighbours across languages: too noisy to estimate directions


class LanguageCentering:
    """Subtract a per-language mean from embeddings, then re-normalise.

    Parameters
    ----------
    min_count : int
        A language needs this many rows to get its own mean; rarer languages
        (and unknown ones at transform time) use the global mean.
    n_directions : int
        How many language directions to project out (0: mean centering only).

    Attributes
    ----------
    means_ : dict[str, ndarray]
        Mean embedding per language seen at least `min_count` times.
    global_mean_ : ndarray
    components_ : ndarray (n_directions, dim)
        Orthonormal language directions removed after centering (may have 0 rows).
    """

    def __init__(self, *, min_count: int = 20, n_directions: int = LANGUAGE_DIRECTIONS) -> None:
        self.min_count = min_count
        self.n_directions = n_directions

    def fit(self, X: np.ndarray, languages: Sequence[str]) -> LanguageCentering:
        X = np.asarray(X, dtype=np.float32)
        if len(languages) != len(X):
            raise BadInputError(f"Got {len(languages)} languages for {len(X)} embeddings; pass one per row.")
        langs = np.asarray([str(lang or "und") for lang in languages])
        self.global_mean_ = X.mean(axis=0) if len(X) else np.zeros(X.shape[1], dtype=np.float32)
        self.means_ = {
            str(lang): X[langs == lang].mean(axis=0)
            for lang in np.unique(langs)
            if (langs == lang).sum() >= self.min_count
        }
        self.components_ = np.zeros((0, X.shape[1]), dtype=np.float32)
        self.components_ = self._language_directions(self.transform(X, langs), langs)
        return self

    def _language_directions(self, Z: np.ndarray, langs: np.ndarray) -> np.ndarray:
        """Top principal directions of the differences between cross-language mutual neighbours."""
        known = [lang for lang in self.means_ if lang != "und"]
        empty = np.zeros((0, Z.shape[1]), dtype=np.float32)
        if self.n_directions < 1 or len(known) < 2:
            return empty
        ref = max(known, key=lambda lang: int((langs == lang).sum()))
        B = Z[langs == ref]
        diffs = []
        for lang in known:
            if lang != ref:
                A = Z[langs == lang]
                a, b = _mutual_nearest(A, B)
                diffs.append(A[a] - B[b])
        D = np.concatenate(diffs)
        if len(D) < max(MIN_PAIRS, 2 * self.n_directions):
            return empty
        _, _, Vt = np.linalg.svd(D - D.mean(axis=0), full_matrices=False)
        return Vt[: self.n_directions].astype(np.float32)

    def transform(self, X: np.ndarray, languages: Sequence[str]) -> np.ndarray:
        check_is_fitted(self, "global_mean_")
        X = np.asarray(X, dtype=np.float32)
        if len(languages) != len(X):
            raise BadInputError(f"Got {len(languages)} languages for {len(X)} embeddings; pass one per row.")
        means = np.stack([self.means_.get(str(lang or "und"), self.global_mean_) for lang in languages]) if len(X) else X
        Z = X - means
        C = getattr(self, "components_", None)  # models saved before it existed have none
        if C is not None and len(C):
            Z = Z - (Z @ C.T) @ C
        norms = np.linalg.norm(Z, axis=1, keepdims=True)
        return (Z / np.maximum(norms, 1e-12)).astype(np.float32)

    def fit_transform(self, X: np.ndarray, languages: Sequence[str]) -> np.ndarray:
        return self.fit(X, languages).transform(X, languages)


def _nearest(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Index in `B` of each row of `A`'s most similar row, in blocks of bounded memory."""
    block = max(1, 2**24 // max(1, len(B)))
    return np.concatenate([(A[i : i + block] @ B.T).argmax(axis=1) for i in range(0, len(A), block)])


def _mutual_nearest(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j) where row i of `A` and row j of `B` are each other's nearest neighbour."""
    if len(A) == 0 or len(B) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    ab, ba = _nearest(A, B), _nearest(B, A)
    i = np.flatnonzero(ba[ab] == np.arange(len(A)))
    return i, ab[i]
