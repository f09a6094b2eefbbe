"""Prepare chunks of contacts in worker processes while the main process embeds and assigns.

Cleaning and redaction (spaCy NER) run on one core, and on long contacts they are the slowest
step; the embedder uses every core but only while it embeds. Preparing the next chunks in
worker processes while the current one is embedded keeps both cores busy. A worker prepares
exactly as `prepare_texts` does in the main process (same function, same arguments), so the
outputs do not depend on the number of workers. A worker whose main process is gone (killed:
`analyze --resume` goes on later) exits by itself instead of lingering.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from rootcause.prepare import PreparedTexts, prepare_texts

Job = tuple[list[str | None], list[str | None], list[str | None]]  # texts, subjects, language hints


_PARENT_POLL_S = 1.0


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: exit as soon as the main process `parent` is gone (a SIGKILL
    leaves its workers blocked on a queue nobody writes to any more)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_S)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def prepare_job(job: Job, keep: tuple[str, ...]) -> PreparedTexts:
    """One chunk's texts prepared as `prepare_texts` prepares them (the engines' shared step)."""
    texts, subjects, languages = job
    if not texts:  # a chunk the sample took whole
        return PreparedTexts([], [], [], [], [], [])
    return prepare_texts(texts, subjects, languages=languages, keep=keep)


def prepared_in_order(
    jobs: Iterable[tuple[Any, Job]], keep: tuple[str, ...], *, workers: int
) -> Iterator[tuple[Any, PreparedTexts]]:
    """``(tag, PreparedTexts)`` for each ``(tag, job)`` of `jobs`, in order.

    With ``workers > 1``, up to `workers` chunks are prepared ahead in a process pool
    ("spawn": a fork of a process holding torch's threads can hang); with 1, in this process.
    """
    if workers <= 1:
        for tag, job in jobs:
            yield tag, prepare_job(job, keep)
        return
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=mp.get_context("spawn"), initializer=_exit_with_parent, initargs=(os.getpid(),)
    ) as pool:
        pending: deque[tuple[Any, Future[PreparedTexts]]] = deque()
        for tag, job in jobs:
            pending.append((tag, pool.submit(prepare_job, job, keep)))
            if len(pending) > workers:
                done_tag, future = pending.popleft()
                yield done_tag, future.result()
        while pending:
            done_tag, future = pending.popleft()
            yield done_tag, future.result()
