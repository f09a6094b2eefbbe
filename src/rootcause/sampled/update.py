"""`update`: a former run brought up to date with a new export, without refitting.

`rootcause update --model DIR/model NEW_EXPORT... --out DIR2` does, from an existing model
and the run folder it was written into, what a run fitted on a sample does after the fit
(`rootcause.sampled.run`):

1. **Assign** the new export chunk by chunk: each contact is cleaned, redacted, embedded
   (through the embedding cache) and assigned by the saved model, as `classify` does: a
   contact is new, so it is held to the model's `unknown_threshold_`.
2. **New drivers**: drivers are searched among the new contacts (`discover_new`); one that
   the model does not have (most of its contacts fit no driver, or it is what makes a driver
   of the model emerge) is labelled and owned as any driver, and joins the model with a
   fresh id, after every id the model has used.
3. **Measure** the former contacts and the new ones together: weekly trends, growth and
   emerging flags, repeats, the Pareto and the scorecards span both exports.

Every driver of the former model keeps its id, name, owner and review decisions (a
`--decisions` trail given to the update is replayed on the model as `analyze` does). The
former contacts are read back from the run folder (``contacts.parquet``: redacted texts,
drivers, owners, dates) and keep the driver they had: they are neither cleaned nor
embedded again. A contact id found in both is a re-exported row: the new export's row
replaces the former one, and the contact is counted once.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from rootcause import __version__
from rootcause import schema as S
from rootcause.attribute import Catalogue, load_catalogue
from rootcause.errors import BadInputError
from rootcause.ingest import ExportStream, count_rows
from rootcause.model.driver_model import DriverModel
from rootcause.pipeline import DRIVER_SCHEMA, MIN_CONTACTS, add_rates, apply_fix_log, cli_pseudonyms, load_measures, report_ingest
from rootcause.progress import QUIET, Reporter, StageTimes
from rootcause.result import AnalysisResult
from rootcause.sampled.leftovers import (
    Leftovers,
    NewDrivers,
    Unknown,
    _softmax_share,
    contact_owners,
    discover_leftovers,
    moved,
    moves,
    pool_sample,
)
from rootcause.sampled.engine import get_engine
from rootcause.sampled.measure import measure_rows
from rootcause.sampled.parts import AT, TEXT_COLUMNS, ContactParts
from rootcause.sampled.run import _LIGHT_SCHEMA, LIGHT, _assign_rest, _encoder

# what a former run must have written for an update to start from it
RUN_FILES = ("contacts.parquet", "drivers.parquet")


def update(
    model_dir: str | Path,
    inputs: Sequence[str | Path],
    departments: str | Path,
    out_dir: str | Path,
    *,
    previous_run: str | Path | None = None,
    mapping: Mapping[str, str] | None = None,
    file_mappings: Mapping[str, Mapping[str, str]] | None = None,
    decisions: str | Path | None = None,
    seed: int | None = None,
    report_language: str | None = None,
    volumes: str | Path | None = None,
    fixes: str | Path | None = None,
    reporter: Reporter = QUIET,
    chunk_rows: int | None = None,
) -> AnalysisResult:
    """Bring the run that wrote `model_dir` up to date with the export files `inputs`.

    Parameters
    ----------
    model_dir
        The ``model/`` folder of a former `analyze` (or `update`) run.
    inputs
        The new export files (CSV, TSV, Parquet, JSON, NDJSON).
    departments
        The department catalogue the model was fitted with.
    out_dir
        Where the updated run is written (`pipeline.write_outputs`); not the former run's folder.
    previous_run
        The former run's folder (default: the folder holding `model_dir`).
    decisions
        A review-decision trail to replay on the model (`rootcause.review`).
    seed
        Seed of the second pass (default: the model's).
    volumes, fixes
        Business volumes for contact rates and a log of fixes on drivers, as `pipeline.analyze`
        takes them; rates and verdicts cover former and new contacts.

    Returns
    -------
    AnalysisResult
        Every contact, former and new (texts in `contact_parts`), the drivers (former ones
        with their ids, names and decisions, then the new ones), figures and the model.
    """
    from rootcause.settings import get_settings

    settings = get_settings()
    model_dir = Path(model_dir)
    if not (model_dir / "model.json").is_file() and (model_dir / "model" / "model.json").is_file():
        model_dir = model_dir / "model"  # the folder `analyze --out` wrote
    run_dir = Path(previous_run) if previous_run is not None else model_dir.parent
    out = Path(out_dir)
    _check_run(run_dir, out)
    catalogue = load_catalogue(departments)
    volume_table, fix_list = load_measures(volumes, fixes, catalogue)
    model = DriverModel.load(model_dir)
    _check_catalogue(model, catalogue, departments)
    seed = int(model.meta.get("seed", settings.seed)) if seed is None else seed
    times = StageTimes()
    replay = None
    if decisions:
        replay = _replay(model, decisions, catalogue)
        model = replay.model
    former_ids = [d.driver_id for d in model.drivers]

    paths = [Path(p) for p in inputs]
    with reporter.stage("Read the new export", times):
        n_rows = count_rows(paths)
    stream = ExportStream(
        paths, mapping=mapping, file_mappings=file_mappings, chunk_rows=chunk_rows or settings.chunk_rows,
        pseudonyms=cli_pseudonyms(settings), since=_former_start(run_dir),
    )
    folder = out / ".rootcause-parts"
    shutil.rmtree(folder, ignore_errors=True)
    parts = ContactParts(folder)
    encoder = _encoder(model)
    fitted_none = pl.DataFrame(schema={AT: pl.Int64, **{c: _LIGHT_SCHEMA[c] for c in LIGHT}, S.REASON_TEXT: pl.Utf8, S.CLEAN_TEXT: pl.Utf8})
    with reporter.stage("Assign the new contacts", times):
        new_light, pool = _assign_rest(
            stream, np.zeros(n_rows, dtype=bool), fitted_none, model, encoder, catalogue, parts, folder / "pool",
            reporter, times, get_engine("local"), novelty=True, spill_all=True,
        )  # fmt: skip
    if stream.fence is not None:  # learnt in this, the only pass: its contacts far before the rest become undated
        early = pl.col(S.CREATED_AT) < stream.fence
        new_light = new_light.with_columns(pl.when(early).then(None).otherwise(pl.col(S.CREATED_AT)).alias(S.CREATED_AT))
    n_new = new_light.height
    n_dated = int(new_light[S.CREATED_AT].is_not_null().sum())
    report_ingest(reporter, out, stream.notes, stream.mappings, stream.rejects, stream.warnings, n_new, n_dated)
    if n_new == 0:
        raise BadInputError(
            f"The new export ({', '.join(map(str, paths))}) holds no usable contact: see {out / 'rejects.csv'} "
            "for the rows that were refused, or pass the export of the new period."
        )
    unknown = int((new_light[S.DRIVER_ID] == S.UNASSIGNED).sum())
    former = ContactParts(folder / "former")
    with reporter.stage("Read the former contacts", times):
        old_light, replaced = _former_contacts(run_dir, new_light, former, stream.chunk_rows)
    parts.files = former.files + parts.files  # the former contacts first, as in `light`
    if replaced:
        reporter.info(f"{replaced:,} contacts of the new export were in the former run: the new rows replace them")
    with reporter.stage("Discover new drivers among the new contacts", times):
        saved_pass = model.meta.get("second_pass")
        new, new_light, left = discover_new(
            old_light, new_light, pool, model, catalogue, encoder, seed=seed, limit=settings.fit_sample,
            report_language=report_language,
        )  # fmt: skip
        found = model.meta.pop("second_pass", None)
        if saved_pass is not None:
            model.meta["second_pass"] = saved_pass  # the fit's own second pass
    if new is not None:
        reporter.info(f"{new.k} new drivers found among {len(left.reasons):,} new contacts")
    merged = {alias: model.resolve(alias) for alias in model.aliases}  # a replayed trail may merge drivers
    light = pl.concat([old_light, new_light]).with_columns(pl.col(S.DRIVER_ID).replace(merged))
    with reporter.stage("Measure every contact", times):
        rows = former_rows(run_dir, model, catalogue)
        result = measure_rows(light, rows, model, catalogue, new, left)
        if volume_table is not None:
            add_rates(result, volume_table, catalogue, reporter)
    record = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "previous_run": str(run_dir),
        "former_contacts": old_light.height,
        "new_contacts": n_new,
        "replaced_contacts": replaced,
        "unknown_new_contacts": unknown,  # that no driver of the former model fits
        "unassigned_new_contacts": int((new_light[S.DRIVER_ID] == S.UNASSIGNED).sum()),  # nor a new one
        "pooled_contacts": len(left.reasons) if left else 0,
        "new_drivers": (found or {}).get("drivers", []),
    }
    model.meta["updates"] = [*model.meta.get("updates", []), record]
    model.meta["n_contacts"] = light.height
    result.contact_parts = parts
    result.times = times
    result.rejects = stream.rejects
    result.warnings = stream.warnings
    result.meta.update(
        {
            "n_read": stream.n_read,
            "n_accepted": n_new,
            "n_rejected": stream.rejects.height,
            "n_undated": n_new - n_dated,
            "n_warnings": stream.warnings.height,
            "embedder": model.embedder_name,
            "seed": seed,
            "version": __version__,
            "created_at": model.meta.get("created_at"),
            "fit": {"mode": "update", "contacts": light.height, "former_drivers": len(former_ids)},
            "update": record,
        }
    )
    if replay is not None:
        from rootcause.pipeline import warn_stale
        from rootcause.review.apply import summary

        result.meta["decisions"] = summary(replay)
        warn_stale(reporter, replay.stale)
    apply_fix_log(result, fix_list, volume_table, reporter)
    return result


# ------------------------------------------------------------------ the former run


def _check_run(run_dir: Path, out: Path) -> None:
    """The former run must hold what an update reads, and must not be overwritten by it."""
    missing = [name for name in RUN_FILES if not (run_dir / name).is_file()]
    if missing:
        raise BadInputError(
            f"{run_dir} is not the folder of a former run: {', '.join(missing)} missing. "
            "Fix: --model DIR/model where DIR is the --out folder of `rootcause analyze` (or of an update), "
            "or --previous-run DIR."
        )
    if out.exists() and out.resolve() == run_dir.resolve():
        raise BadInputError(
            f"--out {out} is the former run's folder, which the update reads: give a new folder (it is created)."
        )
    if out.exists() and not out.is_dir():
        raise BadInputError(f"--out {out} is a file; the outputs go into a folder: give a folder path (it is created).")


def _check_catalogue(model: DriverModel, catalogue: Catalogue, departments: str | Path) -> None:
    """The catalogue must be the one the model was fitted with: its owners are its departments."""
    fitted = model.department_ids
    if fitted is not None and set(fitted) != set(catalogue.ids):
        gone = sorted(set(fitted) - set(catalogue.ids))
        added = sorted(set(catalogue.ids) - set(fitted))
        raise BadInputError(
            f"{departments} is not the catalogue the model was fitted with "
            f"(missing: {', '.join(gone) or 'none'}; not in the model: {', '.join(added) or 'none'}). "
            "Fix: pass the catalogue of the former run, or run `rootcause analyze` to refit with the new one."
        )


def _replay(model: DriverModel, decisions: str | Path, catalogue: Catalogue) -> Any:
    """Replay a decision trail on `model`; a split that is not applied yet waits for a refit."""
    from rootcause.review import load_decisions, replay_decisions

    from rootcause.prepare import redact_decision

    keep = model.kept_names(catalogue.proper_names())
    trail = [redact_decision(d, keep=keep) for d in load_decisions(decisions)]
    ids = {d.driver_id for d in model.drivers}
    waiting = [
        (d, f"split of {d.driver_id}: a split divides the contacts again, which an update does not; run `rootcause analyze` to apply it")
        for d in trail
        if d.action == "split" and not any(i.startswith(d.driver_id + ".") for i in ids)
    ]
    return replay_decisions(model, trail, departments=catalogue.ids, failed=waiting)


def _former_start(run_dir: Path) -> datetime | None:
    """The former run's first contact date: a new contact dated since then is no outlier (a
    ticket exported again with a follow-up keeps its date); None without dated contacts."""
    path = run_dir / "contacts.parquet"
    if not path.is_file() or S.CREATED_AT not in pl.scan_parquet(path).collect_schema().names():
        return None
    first = pl.scan_parquet(path).select(pl.col(S.CREATED_AT).min()).collect().item()
    return first.replace(tzinfo=None) if isinstance(first, datetime) else None


def _former_contacts(run_dir: Path, new_light: pl.DataFrame, parts: ContactParts, chunk_rows: int) -> tuple[pl.DataFrame, int]:
    """The former run's contacts that the new export does not hold again: their short columns
    (numbered after the new contacts, ``AT``), their texts spilled to `parts` chunk by chunk.
    Returns them and how many former contacts the new export replaces."""
    path = run_dir / "contacts.parquet"
    have = pl.scan_parquet(path).collect_schema().names()
    lacking = [c for c in (*LIGHT, *TEXT_COLUMNS) if c not in have]
    if lacking:
        raise BadInputError(
            f"{path} lacks the columns {', '.join(lacking)}: it was not written by `rootcause analyze`. "
            "Fix: point --model at the model/ folder of an analyze run."
        )
    again = new_light.select(S.ID)
    n_old = pl.scan_parquet(path).select(pl.len()).collect().item()
    lights: list[pl.DataFrame] = []
    start = new_light.height
    for offset in range(0, n_old, chunk_rows):  # a chunk of texts in memory at a time
        chunk = pl.scan_parquet(path).slice(offset, chunk_rows).select(*LIGHT, *TEXT_COLUMNS).collect()
        chunk = chunk.join(again, on=S.ID, how="anti", maintain_order="left")
        chunk = chunk.with_columns(pl.Series(AT, np.arange(start, start + chunk.height), dtype=pl.Int64))
        start += chunk.height
        lights.append(chunk.select(AT, *LIGHT).cast(_LIGHT_SCHEMA))  # type: ignore[arg-type]
        parts.add(chunk.select(AT, *TEXT_COLUMNS))
    light = pl.concat(lights) if lights else pl.DataFrame(schema={AT: pl.Int64, **{c: _LIGHT_SCHEMA[c] for c in LIGHT}})
    return light, n_old - light.height


def former_rows(run_dir: Path, model: DriverModel, catalogue: Catalogue) -> list[dict[str, Any]]:
    """The drivers table's rows (`DRIVER_SCHEMA`) of the former run, for the drivers `model`
    still has: exemplars and owner evidence as the fit found them; name, owner, marks and
    review as the model says now (a replayed trail may have changed them)."""
    frame = pl.read_parquet(run_dir / "drivers.parquet")
    review = model.meta.get("review") or {}
    merged: dict[str, list[str]] = {}
    for alias in sorted(model.aliases):
        merged.setdefault(model.resolve(alias), []).append(alias)
    rows = []
    for row in frame.select([c for c in DRIVER_SCHEMA if c in frame.columns]).to_dicts():
        driver_id = row[S.DRIVER_ID]
        if model.resolve(driver_id) != driver_id or driver_id not in {d.driver_id for d in model.drivers}:
            continue  # merged away since: counted under the driver that absorbed it
        d = model.driver(driver_id)
        row.update(
            {
                "label": d.label,
                "owner_department": d.owner_department,
                "owner_name": catalogue.name_of(d.owner_department),
                "owner_confidence": d.owner_confidence,
                "kind": d.kind,
                "avoidable": d.avoidable,
                "reviewed": bool(d.reviewed or review.get(driver_id) or merged.get(driver_id)),
                "review": list(review.get(driver_id, row.get("review") or [])),
                "merged_ids": merged.get(driver_id, []),
            }
        )
        if d.reviewed:
            row["owner_evidence"], row["contested"] = "review decision", False
        rows.append({c: row.get(c) for c in DRIVER_SCHEMA})
    return rows


# ------------------------------------------------------------------ new drivers


def discover_new(
    old_light: pl.DataFrame,
    new_light: pl.DataFrame,
    pool: Unknown,
    model: DriverModel,
    catalogue: Catalogue,
    encoder: Any,
    *,
    seed: int,
    limit: int,
    report_language: str | None,
) -> tuple[NewDrivers | None, pl.DataFrame, Leftovers | None]:
    """Find the drivers that the new contacts hold and the model does not have.

    Drivers are searched among (a seeded sample of at most `limit` of) the new contacts
    that state a reason (`pool`), with the estimator, labels and owners of a fit
    (`leftovers.discover_leftovers`). A driver found is new when:

    * most of its contacts fit no driver of the model (they were `unknown`); or
    * it is what makes a driver of the model emerge: the model put most of its contacts
      in driver X, X is emerging (`rootcause.measure.metrics.is_emerging`, over the former
      and the new contacts) with them, and the found driver is emerging on its own. Such
      drivers are taken out of X, the biggest first, while X is still emerging: a reason
      that came up in the new weeks is told apart from X's usual contacts, which keep
      their driver.

    The others are drivers the model already has: their contacts keep the driver the model
    gave them. Every new contact nearer to a new driver's centroid than to any other then
    joins it (those found in the pool keep the driver the graph gave them).
    Returns the drivers added (None if none), `new_light` updated, and the pool searched.
    """
    if pool.count < MIN_CONTACTS:
        return None, new_light, None
    left, pooled_at = pool_sample(pool, limit, seed=seed)
    given = dict(zip(new_light[AT].to_list(), new_light[S.DRIVER_ID].to_list(), strict=True))
    assigned = np.array([given[int(a)] for a in pooled_at], dtype=object)
    everyone = pl.concat([old_light, new_light]).select(AT, S.DRIVER_ID, S.CREATED_AT, S.CHANNEL, S.LANGUAGE)

    def keep(labels: np.ndarray, found: Any) -> np.ndarray:
        k = int(found.n_drivers_)
        wanted = np.zeros(k, dtype=bool)
        hosts: dict[str, list[int]] = {}
        for c in range(k):
            members = assigned[labels == c]
            known = [m for m in members if m != S.UNASSIGNED]
            if 2 * len(known) < len(members):
                wanted[c] = True  # most of its contacts fit no driver
            else:
                host = max(sorted(set(known)), key=known.count)
                hosts.setdefault(host, []).append(c)
        carved = everyone
        for host, found_in in sorted(hosts.items()):
            for c in sorted(found_in, key=lambda c: (-int((labels == c).sum()), c)):  # the biggest first
                if not _emerging(carved, host):
                    break
                trial = carved.with_columns(
                    pl.when(pl.col(AT).is_in(pooled_at[labels == c].tolist()))
                    .then(pl.lit(f"_found{c}"))
                    .otherwise(pl.col(S.DRIVER_ID))
                    .alias(S.DRIVER_ID)
                )
                if _emerging(trial, f"_found{c}"):
                    wanted[c], carved = True, trial
        return wanted

    new = discover_leftovers(
        left, model, catalogue, encoder, seed=seed, min_contacts=MIN_CONTACTS, report_language=report_language, keep=keep
    )
    if new is None:
        return None, new_light, left
    first = new.first
    community = dict(zip(pooled_at.tolist(), new.labels.tolist(), strict=True))
    updates: list[pl.DataFrame] = []
    for stem, _ in pool.files:
        centred, vectors, spilled = pool.load(stem)
        at = spilled[AT].to_numpy()
        sims = centred @ np.asarray(model.discovery.centroids_, dtype=np.float32).T
        nearest = sims.argmax(axis=1) - first  # a new driver's number, or < 0
        target = np.array([community.get(a, n if n >= 0 else -1) for a, n in zip(at.tolist(), nearest.tolist(), strict=True)])
        hit = target >= 0
        if not hit.any():
            continue
        drivers = [model.drivers[first + int(c)] for c in target[hit]]
        owners = contact_owners(model, drivers, vectors, spilled, hit)
        conf = _softmax_share(sims[hit], first + target[hit])
        updates.append(moves(at[hit], [d.driver_id for d in drivers], conf, owners))
    return new, moved(new_light, updates), left


def _emerging(contacts: pl.DataFrame, driver_id: str) -> bool:
    """Whether `driver_id` is emerging among `contacts` (the report's rule, `measure.driver_stats`)."""
    from rootcause.measure import driver_stats

    stats = driver_stats(contacts.with_columns(pl.lit(False).alias(S.IS_REPEAT)))
    row = stats.filter(pl.col(S.DRIVER_ID) == driver_id)
    return bool(row.height and row["emerging"][0])
