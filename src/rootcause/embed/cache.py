"""An on-disk embedding cache keyed by sha256(text) and the embedder's name.

Storage is one SQLite file per embedder name: each write is one transaction, so a
process killed mid-write leaves the previous state intact (SQLite's journal does
what "write to a temp file, then rename" would), concurrent processes are safe, and
a lookup reads only the rows it needs. A file that turns out corrupted is moved
aside and rebuilt, never a crash.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rootcause.embed.base import Embedder, as_text_list, is_stateful, l2_normalize

logger = logging.getLogger(__name__)

# 2: USE vectors no longer depend on the texts embedded with them (`embed.use_tokens`); a cache
# of format 1 holds vectors ~1e-7 away, and mixing the two made runs depend on the cache.
_FORMAT = "2"
_CHUNK = 500  # keys per SELECT … IN (…); well under SQLite's variable limit


def text_key(text: str) -> bytes:
    """The cache key of `text`: its raw sha256 digest (32 bytes)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def cache_file(cache_dir: Path, embedder_name: str) -> Path:
    """Where the cache of `embedder_name` lives under `cache_dir`."""
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", embedder_name).strip("-")[:60]
    digest = hashlib.sha256(embedder_name.encode("utf-8")).hexdigest()[:10]
    return Path(cache_dir) / "embeddings" / f"{slug}-{digest}.sqlite"


def clear_cache(cache_dir: Path) -> int:
    """Delete every embedding-cache file under `cache_dir`; returns how many were removed.

    Erasure and retention use it: a vector is keyed by the hash of a text that only the
    run which embedded it knew (its brand words left out), so one contact's entries cannot
    be told apart from the rest. The next run embeds its texts again.
    """
    removed = 0
    for path in sorted(Path(cache_dir).rglob("embeddings/*.sqlite*")):
        if path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


class CachedEmbedder:
    """Wrap an embedder with an on-disk cache so a re-run never embeds a text twice.

    Stateful embedders (TF-IDF: their vectors depend on the corpus they were fitted
    on) pass straight through, uncached.

    Parameters
    ----------
    embedder : Embedder
        The backend whose vectors are cached; its `name` keys the cache.
    cache_dir : Path
        Folder of the cache (e.g. ``get_settings().cache_dir``); created on first write.

    Attributes
    ----------
    hits, misses : int
        Texts served from the cache / sent to the backend since construction.
    """

    def __init__(self, embedder: Embedder, cache_dir: Path) -> None:
        self.embedder = embedder
        self.cache_dir = Path(cache_dir)
        self.hits = 0
        self.misses = 0
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    # --- Embedder protocol -------------------------------------------------
    @property
    def name(self) -> str:
        return self.embedder.name

    @property
    def dim(self) -> int:
        return self.embedder.dim

    @property
    def stateful(self) -> bool:
        return is_stateful(self.embedder)

    @property
    def path(self) -> Path:
        """The SQLite file holding this embedder's vectors."""
        return cache_file(self.cache_dir, self.embedder.name)

    def fit(self, texts: Sequence[str]) -> CachedEmbedder:
        """Fit the wrapped embedder when it is stateful; return self."""
        if self.stateful:
            self.embedder.fit(texts)  # type: ignore[attr-defined]
        return self

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False) -> np.ndarray:
        """Embed `texts`, reading known vectors from disk and embedding only the rest."""
        items = as_text_list(texts)
        if self.stateful:
            return self.embedder.encode(items, batch_size=batch_size, show_progress=show_progress)
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        if not items:
            return out
        keys = [text_key(t) for t in items]
        first_row: dict[bytes, int] = {}
        for i, k in enumerate(keys):
            first_row.setdefault(k, i)
        found = self._read(list(first_row))
        missing = [k for k in first_row if k not in found]
        if missing:
            new = l2_normalize(
                self.embedder.encode(
                    [items[first_row[k]] for k in missing], batch_size=batch_size, show_progress=show_progress
                )
            )
            found.update(zip(missing, new))
            self._write(missing, new)
        self.misses += len(missing)
        self.hits += len(items) - len(missing)
        for i, k in enumerate(keys):
            out[i] = found[k]
        return out

    # --- storage -------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = self._open(path)
        except sqlite3.DatabaseError as err:
            self._quarantine(path, err)
            conn = self._open(path)
        self._conn = conn
        return conn

    def _open(self, path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, timeout=60, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.execute("CREATE TABLE IF NOT EXISTS emb (k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID")
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            expected = {"format": _FORMAT, "name": self.embedder.name, "dim": str(self.dim)}
            if meta and meta != expected:
                raise sqlite3.DatabaseError(f"cache metadata {meta} does not match {expected}")
            if not meta:
                conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", expected.items())
        except BaseException:
            conn.close()
            raise
        return conn

    def _quarantine(self, path: Path, err: Exception) -> None:
        """Move an unreadable cache file aside (kept for inspection) so a fresh one is built."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        logger.warning("Embedding cache %s is unreadable (%s); moved to %s and rebuilding.", path, err, aside)
        for suffix in ("-journal", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        try:
            path.replace(aside)
        except OSError:
            path.unlink(missing_ok=True)

    def _read(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        with self._lock:
            try:
                return self._select(keys)
            except sqlite3.DatabaseError as err:
                self._quarantine(self.path, err)
                return {}

    def _select(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        conn = self._connect()
        size = self.dim * 4
        found: dict[bytes, np.ndarray] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for k, v in conn.execute(f"SELECT k, v FROM emb WHERE k IN ({marks})", chunk):
                if len(v) == size:  # a truncated blob counts as a miss and is overwritten
                    found[bytes(k)] = np.frombuffer(v, dtype=np.float32)
        return found

    def _write(self, keys: list[bytes], vectors: np.ndarray) -> None:
        rows = [(k, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for k, v in zip(keys, vectors)]
        with self._lock:
            for attempt in range(2):
                try:
                    conn = self._connect()
                    with _transaction(conn):
                        conn.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)", rows)
                    return
                except sqlite3.OperationalError as err:
                    # Read-only folder, full disk, a lock held too long: the vectors are
                    # still returned, the next run simply embeds them again.
                    logger.warning("Could not write to the embedding cache %s: %s", self.path, err)
                    return
                except sqlite3.DatabaseError as err:
                    if attempt:
                        logger.warning("Could not write to the embedding cache %s: %s", self.path, err)
                        return
                    self._quarantine(self.path, err)

    def close(self) -> None:
        """Close the cache file (it reopens on the next call)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_conn"] = None
        state["_lock"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"CachedEmbedder({self.embedder!r}, cache_dir={str(self.cache_dir)!r})"


class _transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on error (the connection is in autocommit mode)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
