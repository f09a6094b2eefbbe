"""Where a large run's per-contact work happens: on this machine, or on a Ray cluster.

The contacts outside the sample are cleaned, redacted, embedded and assigned chunk by chunk
(`run.analyze_sampled`, step 3). An engine takes those chunks and gives back, in their order,
each chunk's `PreparedTexts` and `Assignment`:

- ``local`` (the default): worker processes of this machine clean and redact the next chunks
  (`workers.prepared_in_order`) while this process embeds and assigns the current one;
- ``ray``: a Ray Data job does all four on a Ray cluster (`engine_ray`), ``RAY_ADDRESS`` or
  a local one; Ray is an optional extra (``pip install 'rootcause[ray]'``).

Both run the same functions (`prepare.prepare_texts`, `DriverModel.assign`) on the same
chunks, so the outputs do not depend on the engine. Chosen by ``analyze --engine`` or
``ROOTCAUSE_ENGINE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from rootcause.errors import BadInputError, RootcauseError
from rootcause.model.driver_model import Assignment, DriverModel
from rootcause.prepare import PreparedTexts
from rootcause.progress import StageTimes
from rootcause.sampled.workers import Job

ENGINES = ("local", "ray")
# One chunk's result: its tag, its prepared texts and their assignment (None for an empty chunk).
Assigned = tuple[Any, PreparedTexts, Assignment | None]


class Engine(Protocol):
    """Prepares and assigns chunks of contacts, in order."""

    name: str

    def open(self) -> None:
        """Get ready (Ray: reach or start the cluster), before the hours of a fit: a failure stops the run first."""
        ...

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
        """``(tag, prepared, assignment)`` for each ``(tag, job)`` of `jobs`, in order;
        ``novelty`` as in `DriverModel.assign`."""
        ...


PREPARE_STAGE = "Assign: clean, extract reasons, redact"
ASSIGN_STAGE = "Assign: embed and assign"


class LocalEngine:
    """This machine: `workers` processes prepare ahead (0: one per CPU; 1: none), this one
    embeds and assigns, through the embedding cache (`encoder`)."""

    name = "local"

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers

    def open(self) -> None:
        """Nothing to get ready."""

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
        from rootcause.embed.base import n_cpus
        from rootcause.sampled.workers import prepared_in_order

        chunks = prepared_in_order(jobs, keep, workers=self.workers or n_cpus())
        for stage in (PREPARE_STAGE, ASSIGN_STAGE):  # listed by every run, even one resumed with no chunk left
            times.add(times.prefix + stage, 0.0, 0.0)
        while True:
            with times.stage(PREPARE_STAGE):  # with workers: waiting for them
                item = next(chunks, None)
            if item is None:
                return
            tag, prepared = item
            got = None
            if prepared.reason_text:
                with times.stage(ASSIGN_STAGE):
                    got = model.assign(prepared, novelty=novelty, encoder=encoder)
            yield tag, prepared, got


def get_engine(name: str | None = None) -> Engine:
    """The engine called `name` (default: the ``ROOTCAUSE_ENGINE`` setting, ``local``).

    ``ray`` needs the ``ray`` extra: without it, a `RootcauseError` says how to install it.
    """
    from rootcause.settings import get_settings

    settings = get_settings()
    name = (name or settings.engine).strip().lower()
    if name == "local":
        return LocalEngine(settings.prepare_workers)
    if name == "ray":
        try:
            import ray.data  # noqa: F401
        except ImportError as err:
            raise RootcauseError(
                f"--engine ray needs Ray Data, which is not installed ({err}). "
                "Install the extra: pip install 'rootcause[ray]' (from a checkout: pip install -e '.[ray]'), "
                "or run with --engine local."
            ) from err
        from rootcause.sampled.engine_ray import RayEngine

        return RayEngine(workers=settings.ray_workers)
    raise BadInputError(f"--engine {name!r}: choose one of {', '.join(ENGINES)} (ROOTCAUSE_ENGINE).")
