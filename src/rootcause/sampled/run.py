"""`analyze_sampled`: a large export, fitted on a stratified sample, the rest assigned in chunks.

1. **Survey**: read the export chunk by chunk, keeping only each contact's stratum (week,
   channel, language); rejects and warnings are known, and written, at the end of it.
2. **Fit**: read the sample's rows (`strata.stratified_sample`) and run the whole pipeline on
   them (`pipeline.analyze_frame`): cleaning, noise, embedding, discovery, labels, owners.
3. **Assign**: read the export again; each chunk's other contacts are prepared (cleaned,
   redacted), embedded through the embedding cache and assigned by the fitted model, as the
   API classifies (`DriverModel.assign`). Texts go to disk (`parts.ContactParts`); the short
   columns that measuring needs stay in memory; the vectors of contacts no driver fits go to
   disk too.
4. **Second pass**: the contacts no driver fits are searched for drivers of their own
   (`leftovers.discover_leftovers`); the drivers found get new ids and their contacts.
5. **Measure** every contact (`pipeline.measure_tables`); `write_outputs` joins the texts
   back, a chunk at a time.

The fit and each assigned chunk are checkpointed (`checkpoint`): with `resume`, a run
killed at any point goes on from its last finished chunk, to the same outputs.

Memory holds a chunk, the sample and a few short columns per contact (id, driver, owner,
date, channel, language, customer: about 200 bytes each), never every text or vector.
Contacts outside the sample are judged noise by the phrasing rules alone (as `classify`
does): "like the noise" needs every contact's neighbours.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from rootcause import schema as S
from rootcause.attribute import Catalogue
from rootcause.discover.estimator import default_min_driver_size
from rootcause.ingest import ExportStream
from rootcause.model.driver_model import DriverModel
from rootcause.progress import QUIET, Reporter, StageTimes
from rootcause.result import AnalysisResult
from rootcause.sampled.engine import Engine, get_engine
from rootcause.sampled.checkpoint import Checkpoint, open_checkpoint
from rootcause.sampled.leftovers import Unknown, second_pass
from rootcause.sampled.measure import measure_all
from rootcause.sampled.parts import AT, ContactParts
from rootcause.sampled.strata import stratified_sample, strata_keys

# The short per-contact columns kept in memory for measuring, besides AT.
LIGHT = (
    S.ID, S.DRIVER_ID, S.DRIVER_CONFIDENCE, S.OWNER_DEPARTMENT, S.LANGUAGE, S.CHANNEL, S.CREATED_AT,
    S.CUSTOMER_ID, S.IS_TRANSCRIPT, S.NOISE_REASON,
)  # fmt: skip
_LIGHT_SCHEMA = {
    AT: pl.Int64, S.ID: pl.Utf8, S.DRIVER_ID: pl.Utf8, S.DRIVER_CONFIDENCE: pl.Float64, S.OWNER_DEPARTMENT: pl.Utf8,
    S.LANGUAGE: pl.Utf8, S.CHANNEL: pl.Utf8, S.CREATED_AT: pl.Datetime("us"), S.CUSTOMER_ID: pl.Utf8,
    S.IS_TRANSCRIPT: pl.Boolean, S.NOISE_REASON: pl.Utf8,
}  # fmt: skip
_LANG_PREFIX = 300  # characters of a raw text enough to tell its language in the survey


def analyze_sampled(
    stream: ExportStream,
    catalogue: Catalogue,
    *,
    sample_size: int,
    embedder: str | None,
    seed: int | None,
    report_language: str | None,
    previous_model: DriverModel | None,
    decisions: Sequence[Any],
    volumes: Any,
    reporter: Reporter,
    times: StageTimes,
    out_dir: str | Path | None = None,
    on_read: Callable[[int], None] | None = None,
    n_rows: int = 0,
    engine: Engine | None = None,
    resume: bool = False,
    fingerprint: Mapping[str, Any] | None = None,
) -> AnalysisResult:
    """Analyse the export of `stream`, fitted on a stratified sample of `sample_size` contacts.

    Same outputs as `pipeline.analyze_frame` (an `AnalysisResult` whose texts are in
    `contact_parts`). `on_read(n_dated)` is called once the export has been read through
    (rejects and warnings known); `n_rows`, the rows to read (`ingest.count_rows`), gives
    the survey its time left. Texts wait under ``out_dir/.rootcause-parts`` (a temporary
    folder without `out_dir`) until `write_outputs` has written them. `engine`: where the
    other contacts are prepared and assigned (default: `engine.get_engine`, the
    ``ROOTCAUSE_ENGINE`` setting).

    `resume`: go on from the checkpoint a killed run left in `out_dir` (`checkpoint`), if its
    `fingerprint` (`checkpoint.run_fingerprint`: inputs and settings) is this run's.
    """
    from rootcause.errors import BadInputError
    from rootcause.pipeline import MIN_CONTACTS, analyze_frame
    from rootcause.settings import get_settings

    seed = get_settings().seed if seed is None else seed
    engine = engine or get_engine()
    engine.open()  # a cluster that cannot be reached stops the run before the fit
    folder = Path(out_dir) / ".rootcause-parts" if out_dir is not None else Path(tempfile.mkdtemp(prefix="rootcause-parts-"))
    ckpt = open_checkpoint(folder, fingerprint or {}, resume=resume and out_dir is not None, reporter=reporter)
    with reporter.stage("Survey the export (week, channel, language)", times):
        keys, n_dated = survey(stream, reporter, n_rows)
    if on_read is not None:
        on_read(n_dated)
    n = len(keys)
    if n < MIN_CONTACTS:
        raise BadInputError(
            f"Only {n} usable contacts; driver discovery needs at least {MIN_CONTACTS}. "
            "Add more contacts (rows refused, if any, are listed in rejects.csv with the reason and the fix)."
        )
    in_sample = np.zeros(n, dtype=bool)
    in_sample[stratified_sample(keys, sample_size, seed=seed)] = True
    n_strata = len(set(keys))
    del keys
    ckpt.check_sample(in_sample, stream.n_chunks)
    resumed = ckpt.fit_saved
    if resumed:
        _say_resumed(reporter, ckpt, stream.n_chunks)
    else:
        first_stage = len(times.rows)
        with reporter.stage("Read the sample", times):
            sample = _read_rows(stream, in_sample)
        reporter.info(
            f"Fitting on {sample.height:,} of {n:,} contacts, drawn from {n_strata:,} strata (week × channel × language)"
        )
        times.prefix = "Fit on the sample: "
        try:
            fitted = analyze_frame(
                sample.drop(AT),
                catalogue,
                embedder=embedder,
                seed=seed,
                report_language=report_language,
                previous_model=previous_model,
                decisions=decisions,
                volumes=None,  # rates are measured over every contact, below
                reporter=reporter,
                times=times,
            )
        finally:
            times.prefix = ""
        ckpt.save_fit(fitted, sample[AT], in_sample, stream.n_chunks, times.rows[first_stage:])
        del sample, fitted
    # every run goes on from the saved fit, as a resumed one does: the same objects, to the byte
    fitted, sample_at = ckpt.load_fit(times if resumed else None)
    model = fitted.model
    fitted_rows = fitted.contacts.with_columns(pl.Series(AT, sample_at))
    parts = ContactParts(folder)
    encoder = _encoder(model)
    with reporter.stage("Assign the other contacts", times):
        light, unknown = _assign_rest(
            stream, in_sample, fitted_rows, model, encoder, catalogue, parts, folder / "unknown", reporter, times, engine,
            ckpt=ckpt,
        )
    with reporter.stage("Discover drivers among contacts no driver fits", times):
        new, light, left = second_pass(
            light, unknown, model, catalogue, encoder, seed=seed, limit=sample_size, min_contacts=MIN_CONTACTS,
            min_share=default_min_driver_size(int(in_sample.sum())) / int(in_sample.sum()),
            report_language=report_language, previous_model=previous_model,
        )  # fmt: skip
    if new is not None:
        reporter.info(f"{new.k} more drivers found among {len(left.reasons):,} contacts that fit no driver of the sample")
    with reporter.stage("Measure every contact", times):
        result = measure_all(light, fitted, model, catalogue, new, left)
        if volumes is not None:
            from rootcause.pipeline import add_rates

            add_rates(result, volumes, catalogue, reporter)
    result.contact_parts = parts
    result.times = times
    result.rejects = stream.rejects
    result.warnings = stream.warnings
    model.meta["n_contacts"] = n
    result.meta.update(
        {
            "n_read": stream.n_read,
            "n_accepted": n,
            "n_rejected": stream.rejects.height,
            "n_undated": n - n_dated,
            "n_warnings": stream.warnings.height,
            "embedder": fitted.meta.get("embedder"),
            "seed": seed,
            "version": fitted.meta.get("version"),
            "created_at": fitted.meta.get("created_at"),
            "fit": {
                "mode": "sample",
                "contacts": n,
                "fit_sample": sample_size,
                "sample": int(in_sample.sum()),
                "strata": n_strata,
                "chunk_rows": stream.chunk_rows,
                "sample_drivers": len(model.drivers) - (new.k if new else 0),
                "unknown_after_sample": unknown.count,
                "second_pass_contacts": len(left.reasons) if left else 0,
                "second_pass_drivers": new.k if new else 0,
            },
        }
    )
    if "decisions" in fitted.meta:
        result.meta["decisions"] = fitted.meta["decisions"]
    if ckpt.resumed_from is not None:
        result.meta["resumed"] = {"from_chunk": ckpt.resumed_from + 1, "chunks": stream.n_chunks}
    return result


def _say_resumed(reporter: Reporter, ckpt: Checkpoint, n_chunks: int) -> None:
    done = ckpt.chunks_done
    if done < n_chunks:
        reporter.info(
            f"Resuming from chunk {done + 1} of {n_chunks}: the fit on the sample and {done} assigned "
            f"chunk{'s' if done != 1 else ''} ({ckpt.rows_done:,} contacts) are reused"
        )
    else:
        reporter.info(f"Resuming after the last chunk ({n_chunks} of {n_chunks}): the fit and every assigned chunk are reused")


# ------------------------------------------------------------------ survey and sample


def survey(stream: ExportStream, reporter: Reporter = QUIET, n_rows: int = 0) -> tuple[list[str], int]:
    """Every accepted contact's stratum (`strata.strata_keys`), in input order, and how many
    contacts are dated. Languages not given in the export are detected on the first
    characters of the raw text."""
    from rootcause.clean import detect_languages

    keys: list[str] = []
    n_dated = 0
    with reporter.track("Survey", n_rows) as track:
        for chunk in stream:
            hints = chunk[S.LANGUAGE].to_list()
            texts = [f"{s or ''} {t or ''}"[:_LANG_PREFIX] for s, t in zip(chunk[S.SUBJECT].to_list(), chunk[S.TEXT].to_list(), strict=True)]
            todo = [i for i, h in enumerate(hints) if not h]
            for i, lang in zip(todo, detect_languages([texts[i] for i in todo]), strict=True):
                hints[i] = lang
            keys.extend(strata_keys(chunk, hints))
            n_dated += int(chunk[S.CREATED_AT].is_not_null().sum())
            track.advance(chunk.height)
    # dates far before the rest of the export are known at the end of this first pass only
    return keys, n_dated - stream.undated_at_end


def _read_rows(stream: ExportStream, rows: np.ndarray) -> pl.DataFrame:
    """The accepted contacts where `rows` is True, with their position (``AT``)."""
    frames: list[pl.DataFrame] = []
    start = 0
    for chunk in stream:
        mask = rows[start : start + chunk.height]
        if mask.any():
            at = pl.Series(AT, np.flatnonzero(mask) + start, dtype=pl.Int64)
            frames.append(chunk.filter(pl.Series(mask)).with_columns(at))
        start += chunk.height
    return pl.concat(frames)


def _encoder(model: DriverModel) -> Any:
    """The model's embedder, through the embedding cache unless it is fitted on the export."""
    if model.embedder_state is not None:
        return model.embedder()
    from rootcause.embed import CachedEmbedder
    from rootcause.settings import get_settings

    return CachedEmbedder(model.embedder(), get_settings().cache_dir / "embeddings")


# ------------------------------------------------------------------ assign the rest


def _assign_rest(
    stream: ExportStream,
    in_sample: np.ndarray,
    fitted_rows: pl.DataFrame,
    model: DriverModel,
    encoder: Any,
    catalogue: Catalogue,
    parts: ContactParts,
    unknown_folder: Path,
    reporter: Reporter,
    times: StageTimes,
    engine: Engine,
    *,
    ckpt: Checkpoint | None = None,
    novelty: bool = False,
    spill_all: bool = False,
) -> tuple[pl.DataFrame, Unknown]:
    """Assign each chunk's contacts outside the sample (by `engine`); spill texts and unknown vectors.

    Returns the short columns of every contact, in input order, and the spilled unknowns.
    ``novelty``: the contacts are new to the model (`DriverModel.assign`); ``spill_all``:
    spill every contact that states a reason, not only the unknown ones (`rootcause update`).
    The chunks `ckpt` holds are read back, not assigned again; each one assigned is
    checkpointed.
    """
    keep = model.kept_names(catalogue.proper_names())
    sample_light = fitted_rows.select(AT, *LIGHT).cast(_LIGHT_SCHEMA)  # type: ignore[arg-type]
    sample_texts = fitted_rows.select(AT, S.REASON_TEXT, S.CLEAN_TEXT)
    unknown = Unknown(unknown_folder)
    lights = ckpt.restore(parts, unknown) if ckpt is not None else []
    done = len(lights)
    rows_done = ckpt.rows_done if ckpt is not None else 0

    def jobs() -> Iterator[tuple[tuple[int, np.ndarray, np.ndarray, pl.DataFrame], Any]]:
        start = 0
        for index, chunk in enumerate(stream):
            if index < done:  # assigned before the run was interrupted
                start += chunk.height
                continue
            if ckpt is not None:
                ckpt.check_position(index, start)
            mask = in_sample[start : start + chunk.height]
            at = np.arange(start, start + chunk.height)
            start += chunk.height
            rest = chunk.filter(pl.Series(~mask))
            job = (rest[S.TEXT].to_list(), rest[S.SUBJECT].to_list(), rest[S.LANGUAGE].to_list())
            yield (index, at, mask, rest.drop(S.TEXT, S.SUBJECT)), job  # the engine may hold every tag: no texts

    with reporter.track("Assign", int((~in_sample[rows_done:]).sum())) as track:
        for (index, at, mask, rest), prepared, got in engine.assigned(jobs(), model, keep, encoder, times, novelty=novelty):
            own_light = sample_light.filter(pl.col(AT).is_between(at[0], at[-1]))
            own_texts = sample_texts.filter(pl.col(AT).is_between(at[0], at[-1]))
            if rest.height:
                assert got is not None  # an engine assigns every chunk that has contacts
                rest_at = at[~mask]
                driver = [S.UNASSIGNED if d == S.UNKNOWN else d for d in got.driver_ids]
                rest_light = pl.DataFrame(
                    {
                        AT: rest_at,
                        S.ID: rest[S.ID],
                        S.DRIVER_ID: driver,
                        S.DRIVER_CONFIDENCE: np.round(got.confidence, 4),
                        S.OWNER_DEPARTMENT: got.owners,
                        S.LANGUAGE: prepared.language,
                        S.CHANNEL: rest[S.CHANNEL],
                        S.CREATED_AT: rest[S.CREATED_AT],
                        S.CUSTOMER_ID: rest[S.CUSTOMER_ID],
                        S.IS_TRANSCRIPT: prepared.is_transcript,
                        S.NOISE_REASON: prepared.noise_reason,
                    },
                    schema=_LIGHT_SCHEMA,
                )
                rest_texts = pl.DataFrame(
                    {AT: rest_at, S.REASON_TEXT: prepared.reason_text, S.CLEAN_TEXT: prepared.clean_text},
                    schema={AT: pl.Int64, S.REASON_TEXT: pl.Utf8, S.CLEAN_TEXT: pl.Utf8},
                )
                lost = np.flatnonzero(~got.noise if spill_all else (got.labels < 0) & ~got.noise)
                unknown.add(
                    rest_at[lost],
                    got.centred[lost],
                    got.vectors[lost],
                    pl.DataFrame(
                        {
                            S.ID: [rest[S.ID][int(i)] for i in lost],
                            S.REASON_TEXT: [prepared.reason_text[i] for i in lost],
                            S.EXCHANGE_TEXT: [prepared.exchange_text[i] for i in lost],
                            S.LANGUAGE: [prepared.language[i] for i in lost],
                            S.HANDLING_TEAM: [rest[S.HANDLING_TEAM][int(i)] for i in lost],
                            S.CLEAN_TEXT: [prepared.clean_text[i] for i in lost],
                        },
                        schema={c: pl.Utf8 for c in (S.ID, S.REASON_TEXT, S.EXCHANGE_TEXT, S.LANGUAGE, S.HANDLING_TEAM, S.CLEAN_TEXT)},
                    ),
                )
                own_light = pl.concat([own_light, rest_light]).sort(AT)
                own_texts = pl.concat([own_texts, rest_texts]).sort(AT)
                track.advance(rest.height)
            lights.append(own_light)
            parts.add(own_texts)
            if ckpt is not None:
                ckpt.chunk_done(index, own_light, int(at[-1]) + 1, parts.files, unknown.files)
    return pl.concat(lights), unknown
