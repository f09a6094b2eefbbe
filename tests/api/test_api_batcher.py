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


def _stalled_model(release: threading.Event):
    model = make_model()
    real = model.classify

    def slow(texts, **kw):
        release.wait(10)
        return real(texts, **kw)

    model.classify = slow
    return model


def test_past_the_queue_limit_a_request_is_refused_at_once_and_the_queued_ones_are_served():
    from api.batcher import Overloaded

    release = threading.Event()
    model = _stalled_model(release)
    b = Batcher(workers=1, max_queued=3)
    kw = {"subjects": [None], "languages": [None], "names": False}
    running = b.submit(model, ["refund"], ids=["0"], **kw)  # taken by the worker, which stalls
    while b._queued:  # until the worker has taken it
        threading.Event().wait(0.01)
    queued = [b.submit(model, ["refund"], ids=[str(i)], **kw) for i in range(1, 4)]
    with pytest.raises(Overloaded) as err:
        b.submit(model, ["refund"], ids=["4"], **kw)
    assert err.value.retry_after >= 1
    release.set()
    assert [f.result(5)["driver_id"].item() for f in [running, *queued]] == ["D001"] * 4
    b.close()


def test_an_overloaded_server_answers_429_with_retry_after_and_stays_healthy(settings, store, keys):
    from fastapi.testclient import TestClient

    from api.app import create_app

    release = threading.Event()
    slow = _stalled_model(release)
    kw = {"subjects": [None], "languages": [None], "names": False}
    app = create_app(settings.model_copy(update={"classify_workers": 1, "classify_queue": 1}), store=store)
    with TestClient(app) as client:
        batcher = app.state.batcher
        try:
            running = batcher.submit(slow, ["x"], ids=["a"], **kw)
            while batcher._queued:  # until the worker has taken it and stalls
                threading.Event().wait(0.01)
            waiting = batcher.submit(slow, ["x"], ids=["b"], **kw)  # fills the queue
            r = client.post("/v1/classify", json={"text": "my refund never arrived"}, headers=keys("classify"))
            assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
            assert "busy" in r.json()["detail"]
            assert client.get("/v1/health").status_code == 200
        finally:
            release.set()
        running.result(5), waiting.result(5)
        assert client.post("/v1/classify", json={"text": "my refund never arrived"}, headers=keys("classify")).status_code == 200


def test_a_batch_arriving_when_every_slot_is_busy_is_refused_before_its_body_is_read(client, app, keys):
    body = {"contacts": [{"text": f"my refund never arrived {i}"} for i in range(20)]}
    batcher = app.state.batcher
    with batcher.big_batch():
        for _ in range(batcher.workers - 1):
            batcher._big += 1  # every slot held
        stored = {"contacts": [{"id": f"B-{i}", "text": c["text"]} for i, c in enumerate(body["contacts"])]}
        try:
            r = client.post("/v1/classify/batch", json=body, headers=keys("classify"))
            # an ingested batch classifies too (an integrator trial: six ran at once, none refused)
            ingest = client.post("/v1/contacts/batch", json=stored, headers=keys("ingest"))
        finally:
            batcher._big -= batcher.workers - 1
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert ingest.status_code == 429 and int(ingest.headers["Retry-After"]) >= 1
    assert r.headers["X-Content-Type-Options"] == "nosniff"  # still goes through the outer middlewares
    assert client.post("/v1/classify/batch", json=body, headers=keys("classify")).status_code == 200
    assert client.post("/v1/contacts/batch", json=stored, headers=keys("ingest")).status_code == 200
