"""Process state of the API: the live driver model (swapped atomically) and refit jobs."""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rootcause.errors import RootcauseError
from rootcause.model.driver_model import DriverModel
from rootcause.review import Replay, known_departments, replay_decisions
from rootcause.review.departments import Departments
from rootcause.settings import Settings
from rootcause.store import Job, ModelVersion, Store
from rootcause.store.refit import prune_models

log = logging.getLogger("rootcause.api")


class ModelHolder:
    """The driver model in use, with every review decision applied.

    Requests take a reference (`current`) and keep it for the whole request, so a
    swap never disturbs a request in flight. `refresh` rebuilds the model when a
    decision or a refit happened (in this process at once; in another worker
    within `refresh_s`). A decision that no longer applies to the loaded model (stale) is
    skipped and logged once, never a reason not to serve.
    """

    def __init__(self, store: Store, default_dir: Path, *, refresh_s: float = 1.0, catalogue: Path | None = None) -> None:
        self.store = store
        self.default_dir = Path(default_dir)
        self.refresh_s = refresh_s
        self.catalogue = catalogue  # ROOTCAUSE_DEPARTMENTS: the departments a decision may name
        self.base: DriverModel | None = None  # as loaded, before the store's decisions
        self.model: DriverModel | None = None  # what classification uses
        self.replay: Replay | None = None  # the decisions' states against `base`
        self._stale_logged: set[tuple[int, int | None, str]] = set()
        self.version_id = 0
        self.path: Path | None = None
        self._state: tuple[int, int] | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def current(self) -> DriverModel | None:
        self.refresh()
        return self.model

    def fresh(self) -> bool:
        """True when `current` would not touch the database (checked less than `refresh_s` ago)."""
        return self.model is not None and time.monotonic() - self._checked < self.refresh_s

    def refresh(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._checked < self.refresh_s and self.model is not None:
            return
        # Another thread already rebuilding: keep serving the current model.
        if not self._lock.acquire(blocking=force):
            return
        try:
            self._checked = time.monotonic()
            state = self.store.state()
            if state == self._state and self.model is not None and not force:
                return
            _, mv_id = state
            base, path = self.base, self.path
            if base is None or mv_id != self.version_id:
                path, _ = served_model(self.store, self.default_dir, latest=bool(mv_id))
                base = _load(path)
                if base is not None:
                    _keep_catalogue_names(base, self.catalogue)
                    self.store.kept_names = base.kept_names()
            replay = self.history(base) if base is not None else None
            model = replay.model if replay is not None else None
            if model is not None:
                _warm(model)
            # One assignment each: readers see either the old or the new model.
            self.base, self.path, self.version_id = base, path, mv_id if base is not None else self.version_id
            self.model, self.replay = model, replay
            if replay is not None:
                self._log_stale(replay)
            self._state = state if base is not None else None
        finally:
            self._lock.release()


    def departments(self) -> Departments | None:
        """The departments a decision may name: the catalogue's, else the loaded model's."""
        return known_departments(self.base, self.catalogue)

    def history(self, base: DriverModel | None = None) -> Replay | None:
        """The store's whole trail replayed on `base` (default: the loaded model), None without a model."""
        base = base if base is not None else self.base
        if base is None:
            return None
        known = known_departments(base, self.catalogue)
        return replay_decisions(base, self.store.decisions(), departments=known.ids if known else None)

    def _log_stale(self, replay: Replay) -> None:
        for s in replay.stale:
            key = (self.version_id, s.decision.id, s.reason)
            if key not in self._stale_logged:  # once per model and decision, not once per refresh
                self._stale_logged.add(key)
                # the reason quotes drivers' names, which contacts' codes may write: the log keeps ids
                log.warning(
                    "review decision %s (%s of %s) is stale, skipped (kept in the trail; GET /v1/decisions says why)",
                    s.decision.id, s.decision.action, s.decision.driver_id,
                )


def served_model(store: Store, default_dir: Path, *, latest: bool = True) -> tuple[Path, str]:
    """The model folder the API serves, and why: the newest refit registered in the store, else
    `default_dir` (``--model`` / ROOTCAUSE_MODEL_DIR). `latest=False`: the store is known to hold none."""
    mv = store.model_version() if latest else None
    if mv is None:
        return Path(default_dir), "the --model folder (ROOTCAUSE_MODEL_DIR): no refit is stored yet"
    return Path(mv.path), (
        f"refit model version {mv.id} of {mv.created_at:%Y-%m-%d %H:%M} from the database, "
        f"served instead of --model {default_dir} (a stored refit is always newer)"
    )


_warned: set[Path] = set()


def _keep_catalogue_names(model: DriverModel, catalogue: Path | None) -> None:
    """Add the catalogue file's proper names (the company's own name first) to the names the model's
    redaction keeps (`DriverModel.kept_names`): the API masks no more than `rootcause analyze`
    with the same catalogue. A catalogue that cannot be read changes nothing (the model keeps its own)."""
    if catalogue is None or not Path(catalogue).is_file():
        return
    from rootcause.attribute import load_catalogue

    try:
        names = load_catalogue(catalogue).proper_names()
    except RootcauseError:
        return
    model.meta["kept_names"] = sorted({*(model.meta.get("kept_names") or ()), *names})


def _load(path: Path) -> DriverModel | None:
    if not (path / "model.json").is_file():
        if path not in _warned:  # once per path, not once per request
            _warned.add(path)
            log.warning("No driver model at %s: classification answers 503 until one is fitted.", path)
        return None
    return DriverModel.load(path)


def _warm(model: DriverModel) -> None:
    # Load the embedder, and the name detectors that storing a contact redacts with, before the
    # model serves requests: the first request would otherwise pay for them (an integrator trial:
    # the first ingest after /v1/ready took 4 s, the next ones 20 ms).
    try:
        model.classify(["warm-up"], names=False)
        from rootcause.clean.names import load_ner

        for language in ("fr", "en"):  # loaded once a process (cached): nothing to redo at a later rebuild
            load_ner(language)
    except Exception as err:  # warm-up is best effort; classify reports the real error
        log.warning("Model warm-up failed: %s", type(err).__name__)


RefitFn = Callable[..., ModelVersion]


def default_refit(
    *, store: Store, previous: DriverModel | None, decisions: list[Any], settings: Settings, job_id: str
) -> ModelVersion:
    """The production refit: the batch pipeline over every stored contact."""
    from rootcause.store.refit import refit_from_store

    embedder = previous.embedder_name if previous is not None else settings.embedder
    return refit_from_store(
        store,
        previous=previous,
        decisions=decisions,
        catalogue_path=settings.departments,
        out_root=settings.refit_dir,
        embedder=embedder,
        seed=settings.seed,
        job_id=job_id,
        workbench_url=settings.workbench_url,
    )


class JobRunner:
    """Runs refits one at a time in a background thread; status lives in the database."""

    def __init__(self, store: Store, holder: ModelHolder, settings: Settings, refit: RefitFn = default_refit) -> None:
        self.store = store
        self.holder = holder
        self.settings = settings
        self.refit = refit
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start_refit(self, author: str) -> tuple[Job, bool]:
        """Start a refit; returns (job, started). An active refit is returned instead of a new one."""
        with self._lock:
            active = self.store.active_job("refit")
            if active is not None:
                return active, False
            job = self.store.create_job("refit", author)
            self._thread = threading.Thread(target=self._run, args=(job.id,), name=f"refit-{job.id[:8]}", daemon=True)
            self._thread.start()
            return job, True

    def join(self, timeout: float | None = None) -> None:
        t = self._thread
        if t is not None:
            t.join(timeout)

    def _prune(self) -> None:
        """Delete the refit folders but the newest few: each holds a copy of the contacts."""
        try:
            prune_models(self.store, self.settings.refit_dir, keep=self.settings.keep_models)
        except Exception as err:  # the refit succeeded all the same; the retention job prunes again
            log.warning("pruning old refit folders failed (%s); the retention job tries again", type(err).__name__)

    def _run(self, job_id: str) -> None:
        self.store.update_job(job_id, status="running")
        try:
            self.holder.refresh(force=True)
            mv = self.refit(
                store=self.store,
                previous=self.holder.base,
                decisions=self.store.decisions(),
                settings=self.settings,
                job_id=job_id,
            )
            self.holder.refresh(force=True)
            replay = self.holder.replay
            stale = len(replay.stale) if replay is not None and self.holder.version_id == mv.id else 0
            self.store.update_job(
                job_id,
                status="succeeded",
                result={"model_version": mv.id, "n_contacts": mv.n_contacts, "n_drivers": mv.n_drivers, "decisions_stale": stale},
            )
            log.info("refit %s succeeded: model version %d", job_id, mv.id)
            self._prune()
        except RootcauseError as err:
            self.store.update_job(job_id, status="failed", error=str(err))
            log.warning("refit %s failed: %s", job_id, type(err).__name__)
        except Exception as err:  # the job must end in a state, whatever went wrong
            # Only the type: a message may quote contact text.
            self.store.update_job(job_id, status="failed", error=f"internal error ({type(err).__name__})")
            log.error("refit %s failed with %s\n%s", job_id, type(err).__name__, traceback_of(err))


def traceback_of(err: BaseException) -> str:
    """The stack of an exception without its message (messages may quote personal data)."""
    return "".join(traceback.format_tb(err.__traceback__))


def served_folders(settings: Settings, holder: ModelHolder) -> list[Path]:
    """The folders the service wrote or serves from: its data folder, and the run folder of the
    served model when `rootcause analyze` wrote it (its report is GET /v1/reports/latest)."""
    run = (holder.path or holder.default_dir).parent
    return [settings.data_dir, *([run] if (run / "contacts.parquet").is_file() or (run / "contacts.csv").is_file() else [])]


async def retention_loop(store: Store, settings: Settings, folders: Callable[[], list[Path]]) -> None:
    """Apply retention now and every `settings.retention_check_s`, on a worker thread, until cancelled:
    old refit folders pruned, and with ``ROOTCAUSE_RETENTION_DAYS`` old contacts erased everywhere."""
    import asyncio

    from fastapi.concurrency import run_in_threadpool

    from rootcause.privacy import apply_retention

    while True:
        try:
            await run_in_threadpool(
                lambda: apply_retention(
                    store,
                    days=settings.retention_days,
                    keep_models=settings.keep_models,
                    refit_dir=settings.refit_dir,
                    folders=folders(),
                    cache_dir=settings.cache_dir,
                )
            )
        except Exception as err:  # the loop must outlive a failed round; the next one retries
            log.error("retention round failed with %s\n%s", type(err).__name__, traceback_of(err))
        await asyncio.sleep(settings.retention_check_s)
