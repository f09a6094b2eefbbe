"""Opportunistic micro-batching of small classify requests.

Concurrent single-contact requests are classified together: one embedder call
for many contacts costs far less than one call each. A request never waits for
a batch to fill: the worker takes whatever is queued when it is free, so an idle
server answers as fast as without batching.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

import polars as pl

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


class Batcher:
    """Classify small requests on one worker thread, several requests per model call.

    Parameters
    ----------
    max_contacts
        Most contacts per model call.
    """

    def __init__(self, max_contacts: int = 64) -> None:
        self.max_contacts = max_contacts
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

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
        self._ensure_worker()
        job = _Job(model, names, list(texts), list(ids), list(subjects), list(languages))
        self._queue.put(job)
        return job.future

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=5)
            self._thread = None

    def _ensure_worker(self) -> None:
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    t = threading.Thread(target=self._work, name="classify-batcher", daemon=True)
                    t.start()
                    self._thread = t

    def _work(self) -> None:
        pending: _Job | None = None
        while True:
            first = pending if pending is not None else self._queue.get()
            pending = None
            if first is None:
                return
            group = [first]
            n = len(first.texts)
            # Take what is already waiting, same model and options only.
            while n < self.max_contacts:
                try:
                    nxt = self._queue.get_nowait()
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
