"""Opportunistic micro-batching of small classify requests.

Concurrent single-contact requests are classified together: one embedder call
for many contacts costs far less than one call each. A request never waits for
a batch to fill: a worker takes whatever is queued when it is free, so an idle
server answers as fast as without batching.

Workers (`ROOTCAUSE_CLASSIFY_WORKERS`, default one): numpy releases the GIL in the embedder's
matrix products, so two model calls overlap, but the rest of a call holds it; measured, a
second worker raised batch throughput and the p99 of single contacts alike. Past `max_queued`
waiting contacts a request is refused at once (`Overloaded`, answered 429 with Retry-After)
rather than queued behind work it would wait seconds for.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from rootcause.embed.base import n_cpus
from rootcause.model.driver_model import DriverModel


@dataclass
class _Job:
    model: DriverModel
    names: bool
    texts: list[str]
    ids: list[str]
    subjects: list[str | None]
    languages: list[str | None]
    future: Future[pl.DataFrame] = field(default_factory=Future)


class Overloaded(Exception):
    """More work is waiting than the server will queue: come back in `retry_after` seconds."""

    def __init__(self, retry_after: int = 1) -> None:
        super().__init__(f"The server is busy classifying; retry in {retry_after} s.")
        self.retry_after = retry_after


class Batcher:
    """Classify small requests on worker threads, several requests per model call.

    Parameters
    ----------
    max_contacts
        Most contacts per model call.
    workers
        Worker threads (model calls at once); 0: one per CPU.
    max_queued
        Contacts allowed to wait for a worker; past it `submit` raises `Overloaded`.
    """

    def __init__(self, max_contacts: int = 64, *, workers: int = 1, max_queued: int = 256) -> None:
        self.max_contacts = max_contacts
        self.workers = workers or n_cpus()
        self.max_queued = max_queued
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._queued = 0  # contacts submitted and not yet taken by a worker
        self._big = 0  # big batches running (`big_batch`), at most `workers`

    def submit(
        self,
        model: DriverModel,
        texts: Sequence[str],
        *,
        ids: Sequence[str],
        subjects: Sequence[str | None],
        languages: Sequence[str | None],
        names: bool,
    ) -> Future[pl.DataFrame]:
        """Queue a ``model.classify(...)`` call; its future holds the same result, computed
        with other requests' contacts (await it with ``asyncio.wrap_future``)."""
        self._ensure_workers()
        job = _Job(model, names, list(texts), list(ids), list(subjects), list(languages))
        with self._lock:
            if self._queued and self._queued + len(job.texts) > self.max_queued:
                raise Overloaded()
            self._queued += len(job.texts)
        self._queue.put(job)
        return job.future

    @contextmanager
    def big_batch(self) -> Iterator[None]:
        """Hold a slot for a big batch classified on the caller's thread; `Overloaded` when as
        many big batches as workers are running already."""
        with self._lock:
            if self._big >= self.workers:
                raise Overloaded()
            self._big += 1
        try:
            yield
        finally:
            with self._lock:
                self._big -= 1

    def busy(self) -> bool:
        """Whether a big batch arriving now would be refused (`BusyMiddleware` answers it 429
        before reading its body)."""
        return self._big >= self.workers

    def close(self) -> None:
        with self._lock:
            threads, self._threads = self._threads, []
        for _ in threads:
            self._queue.put(None)
        for t in threads:
            t.join(timeout=5)

    def _ensure_workers(self) -> None:
        if not self._threads:
            with self._lock:
                if not self._threads:
                    self._threads = [
                        threading.Thread(target=self._work, name=f"classify-batcher-{i}", daemon=True)
                        for i in range(self.workers)
                    ]
                    for t in self._threads:
                        t.start()

    def _take(self, job: _Job | None) -> _Job | None:
        if job is not None:
            with self._lock:
                self._queued -= len(job.texts)
        return job

    def _work(self) -> None:
        pending: _Job | None = None
        while True:
            first = pending if pending is not None else self._take(self._queue.get())
            pending = None
            if first is None:
                return
            group = [first]
            n = len(first.texts)
            # Take what is already waiting, same model and options only.
            while n < self.max_contacts:
                try:
                    nxt = self._take(self._queue.get_nowait())
                except queue.Empty:
                    break
                if nxt is None or nxt.model is not first.model or nxt.names != first.names:
                    pending = nxt
                    if nxt is None:
                        self._run(group)
                        return
                    break
                group.append(nxt)
                n += len(nxt.texts)
            self._run(group)

    @staticmethod
    def _run(group: list[_Job]) -> None:
        first = group[0]
        try:
            frame = first.model.classify(
                [t for j in group for t in j.texts],
                ids=[i for j in group for i in j.ids],
                subjects=[s for j in group for s in j.subjects],
                languages=[la for j in group for la in j.languages],
                names=first.names,
            )
        except BaseException as err:  # every waiting request gets the error
            for j in group:
                j.future.set_exception(err)
            return
        offset = 0
        for j in group:
            j.future.set_result(frame.slice(offset, len(j.texts)))
            offset += len(j.texts)


class BusyMiddleware:
    """Answer a batch (classified, or ingested: both classify on a worker) 429 before reading its
    body when no slot is free: parsing a hundred refused bodies a second would keep the event
    loop, and `/v1/health`, waiting."""

    def __init__(self, app: Any, batcher: Batcher, paths: tuple[str, ...] = ("/v1/classify/batch", "/v1/contacts/batch")) -> None:
        self.app = app
        self.batcher = batcher
        self.paths = paths

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] in self.paths and self.batcher.busy():
            err = Overloaded()
            body = json.dumps({"detail": str(err)}).encode()
            headers = [(b"content-type", b"application/json"), (b"retry-after", str(err.retry_after).encode())]
            await send({"type": "http.response.start", "status": 429, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)
