"""Refit the driver model from the stored contacts (the API's background job).

Calls the batch pipeline (`rootcause.pipeline.analyze_frame` / `write_outputs`)
with the previous model, so driver ids stay stable where drivers persist, and
with the review decisions, so they carry over. Each refit writes a folder of outputs
(a copy of the contacts among them); `prune_models` keeps only the newest few.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from rootcause import schema as S
from rootcause.errors import BadInputError, ConfigError

if TYPE_CHECKING:
    from rootcause.model.driver_model import DriverModel
    from rootcause.review import Decision
    from rootcause.store.store import ModelVersion, Store

MIN_CONTACTS = 20


def stored_contacts_frame(store: Store) -> pl.DataFrame:
    """The stored (redacted) contacts in the ingest schema (`schema.INPUT_COLUMNS`)."""
    df = store.contacts_frame(
        [S.ID, "text", S.CREATED_AT, S.CHANNEL, S.CUSTOMER_ID, S.ORDER_ID, S.LANGUAGE, S.REASON_CODE, S.HANDLING_TEAM]
    )
    df = df.with_columns(pl.lit(None, dtype=pl.Utf8).alias(S.SUBJECT))
    return df.select(list(S.INPUT_COLUMNS))


def refit_from_store(
    store: Store,
    *,
    previous: DriverModel | None,
    decisions: Sequence[Decision],
    catalogue_path: str | Path | None,
    out_root: str | Path,
    embedder: str,
    seed: int = 0,
    job_id: str | None = None,
    workbench_url: str | None = None,
    report_language: str | None = None,
) -> ModelVersion:
    """Fit a new driver model on every stored contact and register it as the latest version.

    Writes the batch outputs (report.html, drivers, model/) under
    ``out_root/<timestamp>/`` and updates the stored contacts' driver ids. A decision that no
    longer applies (its driver or merge target is gone, its department left the catalogue)
    is stale: skipped, never a reason for the refit to fail. `workbench_url`: the report's
    drivers link to their page there. `report_language`: the labels' and the report's language;
    default the previous model's (`DriverModel.report_language`), so a refit never switches the
    labels' language. A model that records none (saved before models recorded it) is refitted as
    refits always were: each driver labelled in its contacts' own language, the report in English.
    """
    from rootcause.attribute import load_catalogue
    from rootcause.pipeline import analyze_frame, write_outputs
    from rootcause.review.apply import successors

    frame = stored_contacts_frame(store)
    former = dict(store.contacts_frame([S.ID, S.DRIVER_ID]).iter_rows())  # each contact's driver before this refit
    if frame.height < MIN_CONTACTS:
        raise BadInputError(
            f"Only {frame.height} contacts are stored; a refit needs at least {MIN_CONTACTS}. "
            "Ingest more contacts first (POST /v1/contacts/batch)."
        )
    if catalogue_path is None:
        raise BadInputError("No department catalogue: set ROOTCAUSE_DEPARTMENTS to the departments YAML file.")
    catalogue = load_catalogue(catalogue_path)
    language = report_language or (previous.report_language if previous is not None else None)
    result = analyze_frame(
        frame, catalogue, embedder=embedder, seed=seed, report_language=language, previous_model=previous,
        decisions=list(decisions),
    )  # fmt: skip
    contacts = result.contacts
    # where each retired driver's contacts went: a decision about it, stale now, says so
    result.model.meta["successors"] = successors(
        former, dict(zip(contacts[S.ID].to_list(), contacts[S.DRIVER_ID].to_list(), strict=True)),
        {d.driver_id for d in result.model.drivers} | set(result.model.aliases),
    )  # fmt: skip
    out_dir = Path(out_root) / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    paths: dict[str, Any] = write_outputs(result, out_dir, report_language=language or "en", workbench_url=workbench_url)
    model_dir = Path(paths.get("model", out_dir / "model"))
    report = paths.get("report", out_dir / "report.html")
    conf_col = S.DRIVER_CONFIDENCE if S.DRIVER_CONFIDENCE in contacts.columns else None
    assignments = {
        cid: (did, float(c) if c is not None else None)
        for cid, did, c in zip(
            contacts[S.ID].to_list(),
            contacts[S.DRIVER_ID].to_list(),
            contacts[conf_col].to_list() if conf_col else [None] * contacts.height,
            strict=True,
        )
    }
    store.assign_drivers(assignments)
    _drop_erased(store, frame[S.ID].to_list(), out_dir)
    return store.add_model_version(
        str(model_dir.resolve()),
        n_contacts=frame.height,
        n_drivers=len(result.model.drivers),
        job_id=job_id,
        report_path=str(Path(report).resolve()) if Path(report).exists() else None,
    )


def _drop_erased(store: Store, ids: list[str], out_dir: Path) -> None:
    """An erasure that ran while the refit worked could not reach this run: take what it erased out."""
    from rootcause.embed.cache import clear_cache
    from rootcause.privacy import scrub_folder
    from rootcause.settings import get_settings

    vanished = set(ids) - store.existing_ids(ids)
    if vanished:
        scrub_folder(out_dir, ids=vanished)
        clear_cache(get_settings().cache_dir)


def prune_models(store: Store, root: str | Path, *, keep: int) -> int:
    """Delete the refit folders under `root` but those of the `keep` newest model versions.

    Older versions are forgotten, and so are folders no version registered (a refit that
    failed after writing); a folder newer than the newest version (a refit still running) is
    left alone. Returns how many folders were deleted.
    """
    if keep < 1:
        raise ConfigError(f"keep={keep}: at least the model in use must be kept; give 1 or more (ROOTCAUSE_KEEP_MODELS).")
    root = Path(root)
    versions = store.model_versions()
    kept = {Path(v.path).parent.resolve() for v in versions[:keep]}
    if not kept or not root.is_dir():
        return 0
    newest = max(folder.name for folder in kept)
    removed = 0
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and folder.resolve() not in kept and folder.name < newest:
            shutil.rmtree(folder)
            removed += 1
    store.delete_model_versions([v.id for v in versions[keep:]])
    return removed
