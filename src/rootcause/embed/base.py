"""The embedder interface: a list of texts in, an L2-normalised float32 matrix out."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """A sentence embedder.

    Attributes
    ----------
    name : str
        Versioned identifier of the model and its settings (e.g. ``"use-multilingual-v3"``);
        two embedders with the same name give the same vectors, so it keys caches and models.
    dim : int
        Number of columns of `encode`'s output.
    """

    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False) -> np.ndarray:
        """Embed `texts` into a float32 array of shape ``(len(texts), dim)`` with unit-norm rows."""
        ...


@runtime_checkable
class StatefulEmbedder(Embedder, Protocol):
    """An embedder that learns from the corpus (e.g. TF-IDF) and must be fitted first."""

    def fit(self, texts: Sequence[str]) -> StatefulEmbedder:
        """Learn the vocabulary / projection from `texts`; return self."""
        ...


def is_stateful(embedder: object) -> bool:
    """True when `embedder` must be fitted on the corpus before `encode`.

    An embedder says so with a boolean `stateful` attribute; otherwise having a
    `fit` method means it is stateful.
    """
    flag = getattr(embedder, "stateful", None)
    if isinstance(flag, bool):
        return flag
    return callable(getattr(embedder, "fit", None))


def l2_normalize(x: np.ndarray) -> np.ndarray:
    """Return `x` as float32 with unit-norm rows; rows of (near) zero norm become zero."""
    x = np.asarray(x, dtype=np.float64)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    # A norm this small is numerical noise (e.g. an SVD projection of a text with no known
    # term); scaling it up to 1 would make noise look like meaning.
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 1e-8)
    return (x * scale).astype(np.float32)


def as_text_list(texts: Sequence[str]) -> list[str]:
    """Validate `texts` and return them as a list of str (None becomes "")."""
    if isinstance(texts, str):
        from rootcause.errors import BadInputError

        raise BadInputError(
            "encode() got a single string; expected a sequence of strings. Wrap it in a list: encode([text])."
        )
    return ["" if t is None else str(t) for t in texts]


def n_cpus() -> int:
    """CPUs this process may run on (honours affinity / container limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def limit_torch_threads() -> None:
    """Cap torch's intra-op threads at the CPU count (its default can oversubscribe)."""
    import torch

    n = n_cpus()
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)
