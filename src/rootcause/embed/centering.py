"""Per-language mean centering of multilingual embeddings.

A multilingual encoder puts a language-identity component into every vector, so
French contacts sit closer to other French contacts than to English ones about
the same problem. Subtracting each language's mean embedding removes most of
that component (Libovický et al., 2020, "On the language neutrality of
pre-trained multilingual representations"). Measured on the bundled bilingual
sample: NMI of discovered drivers 0.672 → 0.719 (see the issue notes).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rootcause.errors import BadInputError, check_is_fitted


class LanguageCentering:
    """Subtract a per-language mean from embeddings, then re-normalise.

    Parameters
    ----------
    min_count : int
        A language needs this many rows to get its own mean; rarer languages
        (and unknown ones at transform time) use the global mean.

    Attributes
    ----------
    means_ : dict[str, ndarray]
        Mean embedding per language seen at least `min_count` times.
    global_mean_ : ndarray
    """

    def __init__(self, *, min_count: int = 20) -> None:
        self.min_count = min_count

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
        return self

    def transform(self, X: np.ndarray, languages: Sequence[str]) -> np.ndarray:
        check_is_fitted(self, "global_mean_")
        X = np.asarray(X, dtype=np.float32)
        if len(languages) != len(X):
            raise BadInputError(f"Got {len(languages)} languages for {len(X)} embeddings; pass one per row.")
        means = np.stack([self.means_.get(str(lang or "und"), self.global_mean_) for lang in languages]) if len(X) else X
        Z = X - means
        norms = np.linalg.norm(Z, axis=1, keepdims=True)
        return (Z / np.maximum(norms, 1e-12)).astype(np.float32)

    def fit_transform(self, X: np.ndarray, languages: Sequence[str]) -> np.ndarray:
        return self.fit(X, languages).transform(X, languages)
