"""Word + character n-gram TF-IDF reduced by truncated SVD: no torch, fitted on the corpus."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rootcause.embed.base import as_text_list, l2_normalize
from rootcause.errors import BadInputError, check_is_fitted


class TfidfEmbedder:
    """TF-IDF over words and char n-grams → TruncatedSVD (LSA) → L2 norm.

    Stateful: call `fit` on the corpus before `encode`. Picklable.

    Parameters
    ----------
    n_components : int
        Output dimension. When the corpus is too small for that many SVD components,
        the vectors are zero-padded so `dim` stays as given.
    min_df : int
        Terms seen in fewer documents are dropped.
    max_features : int
        Vocabulary size cap per analyzer (words, char n-grams).
    random_state : int
        Seed of the randomized SVD.
    """

    def __init__(
        self, n_components: int = 256, min_df: int = 2, max_features: int = 50_000, random_state: int = 0
    ) -> None:
        self.n_components = n_components
        self.min_df = min_df
        self.max_features = max_features
        self.random_state = random_state

    stateful = True

    @property
    def name(self) -> str:
        return "tfidf" if self.n_components == 256 else f"tfidf-d{self.n_components}"

    @property
    def dim(self) -> int:
        return self.n_components

    def fit(self, texts: Sequence[str]) -> TfidfEmbedder:
        """Learn the vocabulary, IDF weights and SVD projection from `texts`."""
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion

        items = as_text_list(texts)
        if not items:
            raise BadInputError("TfidfEmbedder.fit got 0 texts; expected at least 1. Pass the corpus to embed.")
        # min_df > n_docs would leave an empty vocabulary on tiny corpora.
        min_df = self.min_df if len(items) >= 4 * self.min_df else 1
        common = dict(min_df=min_df, max_features=self.max_features, sublinear_tf=True, strip_accents="unicode")
        vectorizer = FeatureUnion(
            [
                ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), **common)),
                ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common)),
            ]
        )
        try:
            x = vectorizer.fit_transform(items)
        except ValueError as err:  # empty vocabulary: only blanks / stop characters
            raise BadInputError(
                f"TfidfEmbedder.fit found no usable terms in {len(items)} texts ({err}); "
                "expected texts with words. Check that the text column is not empty."
            ) from err
        k = min(self.n_components, x.shape[1] - 1, x.shape[0] - 1)
        svd = None
        if k >= 1:
            svd = TruncatedSVD(n_components=k, algorithm="randomized", random_state=self.random_state)
            svd.fit(x)
        self.vectorizer_ = vectorizer
        self.svd_ = svd
        self.n_features_ = int(x.shape[1])
        return self

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False) -> np.ndarray:
        """Embed `texts` with the fitted projection; see `Embedder.encode`."""
        check_is_fitted(self, "vectorizer_")
        items = as_text_list(texts)
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        if not items:
            return out
        x = self.vectorizer_.transform(items)
        if self.svd_ is None:
            dense = x.toarray()[:, : self.dim]
        else:
            dense = self.svd_.transform(x)
        out[:, : dense.shape[1]] = dense
        return l2_normalize(out)

    def fit_encode(self, texts: Sequence[str]) -> np.ndarray:
        """`fit(texts)` then `encode(texts)`."""
        return self.fit(texts).encode(texts)

    def __repr__(self) -> str:
        return (
            f"TfidfEmbedder(n_components={self.n_components}, min_df={self.min_df}, "
            f"max_features={self.max_features}, random_state={self.random_state})"
        )
