"""Micro-batching gives every request its own rows, in order, and its own errors."""

from __future__ import annotations

import threading

import pytest
from api_fakes import make_model

from api.batcher import Batcher


def test_concurrent_requests_get_their_own_results():
    model = make_model()
    calls: list[int] = []
    real = model.classify

    def counting(texts, **kw):
        calls.append(len(texts))
        return real(texts, **kw)

    model.classify = counting
    b = Batcher(max_contacts=64)
    texts = ["refund", "card declined", "parcel", "network outage", "nothing"] * 8
    want = ["D001", "D002", "D003", "D004", "unknown"] * 8
    got: dict[int, tuple[str, str]] = {}
    start = threading.Barrier(len(texts))

    def one(i):
        start.wait()
        out = b.submit(model, [texts[i]], ids=[f"id{i}"], subjects=[None], languages=[None], names=False).result()
        got[i] = (out["id"].item(), out["driver_id"].item())

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    b.close()
    assert got == {i: (f"id{i}", want[i]) for i in range(len(texts))}
    assert sum(calls) == len(texts)


def test_errors_reach_the_caller():
    model = make_model()

    def broken(texts, **kw):
        raise ValueError("boom")

    model.classify = broken
    b = Batcher()
    with pytest.raises(ValueError, match="boom"):
        b.submit(model, ["x"], ids=["1"], subjects=[None], languages=[None], names=False).result()
    b.close()
