import sqlite3
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from rootcause.embed import CachedEmbedder, get_embedder
from rootcause.embed.cache import cache_file
from rootcause.embed.tfidf import TfidfEmbedder


class CountingEmbedder:
    """Wraps the fake embedder and records every text it is asked to embed."""

    def __init__(self, name: str = "fake") -> None:
        self.inner = get_embedder("fake")
        self.name = name
        self.dim = self.inner.dim
        self.seen: list[str] = []

    def encode(self, texts, *, batch_size=64, show_progress=False):
        self.seen.extend(texts)
        return self.inner.encode(texts)


TEXTS = ["card declined", "parcel late", "card declined", "remboursement non reçu", ""]


def test_second_call_does_not_call_backend(tmp_path):
    backend = CountingEmbedder()
    cached = CachedEmbedder(backend, tmp_path)
    first = cached.encode(TEXTS)
    assert sorted(backend.seen) == sorted(set(TEXTS))  # duplicates embedded once
    backend.seen.clear()
    second = cached.encode(TEXTS)
    assert backend.seen == []
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(first, get_embedder("fake").encode(TEXTS), atol=1e-6)
    assert cached.name == "fake" and cached.dim == 256
    assert (cached.hits, cached.misses) == (len(TEXTS) + 1, len(set(TEXTS)))


def test_only_new_texts_are_embedded_and_order_kept(tmp_path):
    backend = CountingEmbedder()
    cached = CachedEmbedder(backend, tmp_path)
    cached.encode(["a b", "c d"])
    backend.seen.clear()
    out = cached.encode(["e f", "c d", "a b"])
    assert backend.seen == ["e f"]
    np.testing.assert_allclose(out, get_embedder("fake").encode(["e f", "c d", "a b"]), atol=1e-6)


def test_cache_is_keyed_by_embedder_name(tmp_path):
    a, b = CountingEmbedder("model-a"), CountingEmbedder("model-b")
    CachedEmbedder(a, tmp_path).encode(["x"])
    CachedEmbedder(b, tmp_path).encode(["x"])
    assert a.seen == ["x"] and b.seen == ["x"]
    assert cache_file(tmp_path, "model-a") != cache_file(tmp_path, "model-b")


def test_cache_survives_process_restart(tmp_path):
    code = textwrap.dedent(
        f"""
        from rootcause.embed import CachedEmbedder, get_embedder
        CachedEmbedder(get_embedder("fake"), {str(tmp_path)!r}).encode(["written by another process"])
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    backend = CountingEmbedder()
    out = CachedEmbedder(backend, tmp_path).encode(["written by another process"])
    assert backend.seen == []
    np.testing.assert_allclose(out, get_embedder("fake").encode(["written by another process"]), atol=1e-6)


def test_killed_mid_write_keeps_previous_rows(tmp_path):
    code = textwrap.dedent(
        f"""
        import os
        from rootcause.embed import CachedEmbedder, get_embedder
        c = CachedEmbedder(get_embedder("fake"), {str(tmp_path)!r})
        c.encode(["committed one", "committed two"])
        conn = c._connect()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO emb VALUES (?, ?)", [(bytes([i]) * 32, b"half") for i in range(100)])
        os._exit(9)  # killed before COMMIT
        """
    )
    proc = subprocess.run([sys.executable, "-c", code])
    assert proc.returncode == 9
    backend = CountingEmbedder()
    cached = CachedEmbedder(backend, tmp_path)
    cached.encode(["committed one", "committed two", "new"])
    assert backend.seen == ["new"]
    with sqlite3.connect(cached.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM emb").fetchone()[0] == 3


def test_corrupted_file_is_ignored_and_rebuilt(tmp_path, caplog):
    backend = CountingEmbedder()
    cached = CachedEmbedder(backend, tmp_path)
    cached.encode(["card declined"])
    cached.close()
    cached.path.write_bytes(b"this is not a database" * 100)
    backend.seen.clear()
    again = CachedEmbedder(backend, tmp_path)
    out = again.encode(["card declined"])
    assert backend.seen == ["card declined"]
    np.testing.assert_allclose(out, get_embedder("fake").encode(["card declined"]), atol=1e-6)
    assert "unreadable" in caplog.text
    assert list(cached.path.parent.glob("*.corrupt-*"))
    backend.seen.clear()
    CachedEmbedder(backend, tmp_path).encode(["card declined"])
    assert backend.seen == []  # rebuilt cache works


def test_truncated_vector_is_a_miss(tmp_path):
    backend = CountingEmbedder()
    cached = CachedEmbedder(backend, tmp_path)
    cached.encode(["card declined"])
    cached.close()
    with sqlite3.connect(cached.path) as conn:
        conn.execute("UPDATE emb SET v = x'00'")
    backend.seen.clear()
    out = CachedEmbedder(backend, tmp_path).encode(["card declined"])
    assert backend.seen == ["card declined"]
    assert np.linalg.norm(out[0]) == pytest.approx(1, abs=1e-5)


def test_dimension_mismatch_rebuilds(tmp_path):
    backend = CountingEmbedder("same-name")
    CachedEmbedder(backend, tmp_path).encode(["x"])
    other = CountingEmbedder("same-name")
    other.inner = get_embedder("fake", dim=32)
    other.dim = 32
    out = CachedEmbedder(other, tmp_path).encode(["x"])
    assert other.seen == ["x"] and out.shape == (1, 32)


def test_stateful_embedder_passes_through(tmp_path):
    tfidf = TfidfEmbedder(n_components=8, min_df=1)
    cached = CachedEmbedder(tfidf, tmp_path).fit(["card declined", "card refused", "parcel late"])
    out = cached.encode(["card declined"])
    np.testing.assert_allclose(out, tfidf.encode(["card declined"]))
    assert not (tmp_path / "embeddings").exists()


def test_pickle_round_trip(tmp_path):
    import pickle

    cached = CachedEmbedder(get_embedder("fake"), tmp_path)
    cached.encode(["a"])
    again = pickle.loads(pickle.dumps(cached))
    np.testing.assert_array_equal(again.encode(["a"]), cached.encode(["a"]))


def test_empty_input(tmp_path):
    assert CachedEmbedder(get_embedder("fake"), tmp_path).encode([]).shape == (0, 256)


def test_many_texts_round_trip(tmp_path):
    texts = [f"contact number {i} about topic {i % 17}" for i in range(3000)]
    backend = CountingEmbedder()
    first = CachedEmbedder(backend, tmp_path).encode(texts)
    backend.seen.clear()
    second = CachedEmbedder(backend, tmp_path).encode(texts)
    assert backend.seen == []
    np.testing.assert_array_equal(first, second)
