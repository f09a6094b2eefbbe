"""The Ray engine: a large run's contacts outside the sample prepared and assigned by a Ray Data job.

Imported only for ``--engine ray`` (it needs the ``ray`` extra). The driver (this process)
reads the export as the local engine does and puts each chunk's raw texts into Ray's object
store; one Ray Data job maps them through a pool of actors (`_Assign`), each of which loads
the driver model and its embedder once, then cleans, redacts, embeds and assigns whole
chunks with the functions the local engine calls (`workers.prepare_job`,
`DriverModel.assign`). Results come back in input order and are checked chunk by chunk:
every contact sent comes back once, or the run stops with an error.

Failures: an actor whose process dies is restarted (its constructor reloads the model) and
the chunks it held are run again (``max_restarts`` / ``max_task_retries``, unlimited), so a
killed worker loses nothing. Cluster: ``RAY_ADDRESS`` (an existing cluster, e.g. KubeRay or
``ray start --head``), else a local one on this machine's CPUs, shut down after the run.
The workers need rootcause installed at the same version, and the embedder's files
(`embed.registry`) where they run.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from rootcause.errors import RootcauseError
from rootcause.model.driver_model import Assignment, DriverModel
from rootcause.prepare import PreparedTexts
from rootcause.progress import StageTimes
from rootcause.sampled.engine import Assigned
from rootcause.sampled.workers import Job

CHUNK = "_chunk"  # the chunk a row came from (its position among the jobs)
_INPUT = ("text", "subject", "language")
_PREPARED = ("clean_text", "reason_text", "is_transcript", "language", "exchange_text", "noise_reason")
_ASSIGNED = (
    "labels", "confidence", "noise", "driver_ids", "driver_labels", "theme_ids", "theme_labels", "owners", "vectors", "centred",
)  # fmt: skip
# Settings that change what a worker outputs: passed to every worker, which may run elsewhere.
_FORWARDED = ("ROOTCAUSE_KEEP_NAMES", "ROOTCAUSE_MAX_TEXT_CHARS")


class _Assign:
    """One Ray actor: the driver model and its embedder, loaded once; a batch (one chunk) in,
    its prepared texts and assignment out, one row per contact."""

    def __init__(self, model_ref: Any, keep: tuple[str, ...], novelty: bool) -> None:
        import ray

        from rootcause.sampled.run import _encoder

        self.model: DriverModel = ray.get(model_ref)
        self.encoder = _encoder(self.model)
        self.keep = keep
        self.novelty = novelty

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        from rootcause.sampled.workers import prepare_job

        job = tuple([None if v is None else str(v) for v in batch[c]] for c in _INPUT)
        prepared = prepare_job(job, self.keep)  # type: ignore[arg-type]
        got = self.model.assign(prepared, novelty=self.novelty, encoder=self.encoder)
        out = {CHUNK: batch[CHUNK]}
        out.update({f"p_{c}": _column(getattr(prepared, c)) for c in _PREPARED})
        out.update({f"a_{c}": _column(getattr(got, c)) for c in _ASSIGNED})
        return out


def _column(values: Any) -> np.ndarray:
    """A batch column: arrays as they are, lists of strings as object arrays."""
    if isinstance(values, np.ndarray):
        return values
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


class RayEngine:
    """Ray Data on ``RAY_ADDRESS`` or a local cluster; `workers` actors of one CPU each
    (0: one per CPU of the cluster)."""

    name = "ray"

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers
        self._started = False

    def open(self) -> None:
        """Connect to ``RAY_ADDRESS`` or start a local cluster (stopped after `assigned`)."""
        self._started = _connect() or self._started

    def assigned(
        self,
        jobs: Iterable[tuple[Any, Job]],
        model: DriverModel,
        keep: tuple[str, ...],
        encoder: Any,
        times: StageTimes,
        *,
        novelty: bool = False,
    ) -> Iterator[Assigned]:
        """As `engine.LocalEngine.assigned`; `encoder` is not used: each actor builds its own
        (the embedding cache of the machine it runs on)."""
        import ray

        self.open()
        try:
            with times.stage("Assign: send the chunks to Ray"):
                tags, counts, refs = _send(jobs)
            batches = _run(refs, model, keep, self.workers, novelty) if refs else iter(())
            yield from _reassemble(tags, counts, batches, times)
        finally:
            if self._started:
                ray.shutdown()
                self._started = False


def _connect() -> bool:
    """Connect to ``RAY_ADDRESS``, or start a local cluster; True when this call started it."""
    import logging

    import ray

    if ray.is_initialized():
        return False
    address = os.environ.get("RAY_ADDRESS")
    try:
        if address:
            ray.init(logging_level=logging.WARNING)
        else:
            ray.init(include_dashboard=False, logging_level=logging.WARNING)
    except Exception as err:  # Ray raises plain Exception, ConnectionError, RuntimeError…
        where = f"reach the Ray cluster at RAY_ADDRESS={address}" if address else "start a local Ray cluster"
        raise RootcauseError(
            f"--engine ray: could not {where} ({err}). Fix: check the cluster (`ray status`), "
            "or set RAY_ADDRESS to a running one, or run with --engine local."
        ) from err
    return True


def _send(jobs: Iterable[tuple[Any, Job]]) -> tuple[list[Any], list[int], list[Any]]:
    """Put each chunk's raw texts into the object store: the tags and row counts of every
    chunk, and one Arrow table reference per chunk that has rows."""
    import pyarrow as pa
    import ray

    tags: list[Any] = []
    counts: list[int] = []
    refs: list[Any] = []
    for i, (tag, (texts, subjects, languages)) in enumerate(jobs):
        tags.append(tag)
        counts.append(len(texts))
        if texts:
            table = pa.table(
                {
                    CHUNK: pa.array([i] * len(texts), pa.int64()),
                    "text": pa.array(texts, pa.string()),
                    "subject": pa.array(subjects, pa.string()),
                    "language": pa.array(languages, pa.string()),
                }
            )
            refs.append(ray.put(table))
    return tags, counts, refs


def _run(
    refs: list[Any], model: DriverModel, keep: tuple[str, ...], workers: int, novelty: bool
) -> Iterator[dict[str, np.ndarray]]:
    """The Ray Data job: every chunk through the actor pool, results as they come, in order
    (a generator: the model's reference lives as long as the job, for actors restarted late)."""
    import ray
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    cpus = int(ray.cluster_resources().get("CPU", 1))
    n = max(1, min(workers or cpus, len(refs)))
    shipped = ray.put(dataclasses.replace(model, _embedder=None))  # the embedder is loaded where it runs
    env = {k: os.environ[k] for k in _FORWARDED if k in os.environ}
    env.setdefault("ROOTCAUSE_EMBED_THREADS", "1")  # one CPU per actor
    ds = ray.data.from_arrow_refs(refs).map_batches(
        _Assign,
        fn_constructor_args=(shipped, keep, novelty),
        batch_size=None,  # a whole chunk per call, as the local engine assigns it
        batch_format="numpy",
        # Ray Data's actor pools restart a dead actor (its model reloaded) and run the chunks
        # it held again: max_restarts and max_task_retries default to -1, unlimited
        compute=ray.data.ActorPoolStrategy(size=n),
        num_cpus=1,
        runtime_env={"env_vars": env},
    )
    yield from ds.iter_batches(batch_size=None, batch_format="numpy")


def _reassemble(
    tags: list[Any], counts: list[int], batches: Iterator[dict[str, np.ndarray]], times: StageTimes
) -> Iterator[Assigned]:
    """Each chunk's rows, gathered from the job's output batches (in input order), as
    ``(tag, PreparedTexts, Assignment)``; an error if a chunk's rows do not all come back."""
    held: list[dict[str, np.ndarray]] = []
    have = 0
    for i, (tag, need) in enumerate(zip(tags, counts, strict=True)):
        if not need:
            yield tag, PreparedTexts([], [], [], [], [], []), None
            continue
        while have < need:
            with times.stage("Assign on Ray: clean, redact, embed, assign"):  # waiting for the cluster
                batch = next(batches, None)
            if batch is None:
                raise RootcauseError(f"The Ray job returned {have} of the {need} contacts of chunk {i}: the run stops.")
            held.append(batch)
            have += len(batch[CHUNK])
        rows = {k: np.concatenate([b[k] for b in held]) for k in held[0]}
        if not (rows[CHUNK][:need] == i).all():
            raise RootcauseError(f"The Ray job returned chunk {i}'s contacts out of order: the run stops.")
        rest = {k: v[need:] for k, v in rows.items()}
        held, have = ([rest], len(rest[CHUNK])) if len(rest[CHUNK]) else ([], 0)
        yield tag, _prepared({k: v[:need] for k, v in rows.items()}), _assignment({k: v[:need] for k, v in rows.items()})
    if have or next(batches, None) is not None:
        raise RootcauseError("The Ray job returned more contacts than it was sent: the run stops.")


def _prepared(rows: dict[str, np.ndarray]) -> PreparedTexts:
    p = {c: rows[f"p_{c}"].tolist() for c in _PREPARED}
    p["is_transcript"] = [bool(v) for v in p["is_transcript"]]
    return PreparedTexts(**p)


def _assignment(rows: dict[str, np.ndarray]) -> Assignment:
    a: dict[str, Any] = {c: rows[f"a_{c}"] for c in _ASSIGNED}
    for c in ("driver_ids", "driver_labels", "theme_ids", "theme_labels", "owners"):
        a[c] = [str(v) for v in a[c].tolist()]
    a["labels"] = a["labels"].astype(np.int64)
    a["confidence"] = a["confidence"].astype(np.float64)
    a["noise"] = a["noise"].astype(bool)
    return Assignment(**a)
