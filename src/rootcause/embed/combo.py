"""Several embedders side by side: weighted concatenation, re-normalised."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rootcause.embed.base import Embedder, as_text_list, is_stateful, l2_normalize
from rootcause.errors import ConfigError


class ComboEmbedder:
    """Concatenate the unit vectors of several embedders, part *i* scaled by ``sqrt(weights[i])``.

    The square root makes the weights act on similarity: the cosine of two combined
    vectors is ``sum(w_i * cos_i) / sum(w_i)``.

    Parameters
    ----------
    parts : sequence of Embedder
        The embedders to combine (already built; see `get_embedder("combo", parts=[...])`).
    weights : sequence of float, optional
        One positive weight per part; all 1.0 by default.
    """

    def __init__(self, parts: Sequence[Embedder], weights: Sequence[float] | None = None) -> None:
        self.parts = list(parts)
        self.weights = [1.0] * len(self.parts) if weights is None else [float(w) for w in weights]
        if not self.parts:
            raise ConfigError("ComboEmbedder got no parts; expected at least one embedder. Pass parts=[...].")
        if len(self.weights) != len(self.parts):
            raise ConfigError(
                f"ComboEmbedder got {len(self.weights)} weights for {len(self.parts)} parts; "
                "expected one weight per part."
            )
        if any(not np.isfinite(w) or w <= 0 for w in self.weights):
            raise ConfigError(f"ComboEmbedder got weights={self.weights}; expected positive numbers.")

    @property
    def name(self) -> str:
        return "combo(" + "+".join(f"{p.name}*{w!r}" for p, w in zip(self.parts, self.weights)) + ")"

    @property
    def stateful(self) -> bool:
        return any(is_stateful(p) for p in self.parts)

    @property
    def dim(self) -> int:
        return sum(p.dim for p in self.parts)

    def fit(self, texts: Sequence[str]) -> ComboEmbedder:
        """Fit the stateful parts (e.g. TF-IDF) on `texts`; stateless parts are left alone."""
        for part in self.parts:
            if is_stateful(part):
                part.fit(texts)  # type: ignore[attr-defined]
        return self

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False) -> np.ndarray:
        """Embed `texts` with every part; see `Embedder.encode`."""
        items = as_text_list(texts)
        blocks = [
            l2_normalize(p.encode(items, batch_size=batch_size, show_progress=show_progress)) * np.float32(np.sqrt(w))
            for p, w in zip(self.parts, self.weights)
        ]
        return l2_normalize(np.hstack(blocks))

    def __repr__(self) -> str:
        return f"ComboEmbedder(parts={self.parts!r}, weights={self.weights!r})"
