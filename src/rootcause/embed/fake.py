"""A deterministic hashing embedder for fast tests of the other stages (no model, no fit)."""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np

from rootcause.embed.base import as_text_list, l2_normalize

_WORD = re.compile(r"\w+", re.UNICODE)


def _normalise(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _WORD.findall(text)


class HashingEmbedder:
    """Bag of normalised words and char trigrams, hashed into `dim` signed buckets.

    Texts sharing words are close; unrelated texts are near-orthogonal. The same text
    gives the same vector in every process (crc32, not Python's salted `hash`).

    Parameters
    ----------
    dim : int
        Output dimension.
    trigram_weight : float
        Weight of a char trigram relative to a whole word.
    """

    def __init__(self, dim: int = 256, trigram_weight: float = 0.3) -> None:
        self.dim = dim
        self.trigram_weight = trigram_weight

    @property
    def name(self) -> str:
        return "fake" if (self.dim, self.trigram_weight) == (256, 0.3) else f"fake-d{self.dim}-t{self.trigram_weight}"

    def _add(self, row: np.ndarray, token: str, weight: float) -> None:
        h = zlib.crc32(token.encode("utf-8"))
        row[h % self.dim] += weight if (h >> 31) & 1 else -weight

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False) -> np.ndarray:
        """Embed `texts`; see `Embedder.encode`."""
        items = as_text_list(texts)
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        for i, text in enumerate(items):
            for word in _normalise(text):
                self._add(out[i], "w:" + word, 1.0)
                padded = f"<{word}>"
                for j in range(len(padded) - 2):
                    self._add(out[i], "c:" + padded[j : j + 3], self.trigram_weight)
        return l2_normalize(out)

    def __repr__(self) -> str:
        return f"HashingEmbedder(dim={self.dim}, trigram_weight={self.trigram_weight})"
