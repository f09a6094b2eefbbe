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

Memory holds a chunk, the sample and a few short columns per contact (id, driver, owner,
date, channel, language, customer: about 200 bytes each), never every text or vector.
Contacts outside the sample are judged noise by the phrasing rules alone (as `classify`
does): "like the noise" needs every contact's neighbours.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from rootcause import schema as S
from rootcause.attribute import Catalogue
from rootcause.ingest import ExportStream
from rootcause.model.driver_model import DriverModel
from rootcause.progress import QUIET, Reporter, StageTimes
from rootcause.result import AnalysisResult
from rootcause.sampled.leftovers import Leftovers, NewDrivers, discover_leftovers
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
) -> AnalysisResult:
    """Analyse the export of `stream`, fitted on a stratified sample of `sample_size` contacts.

    Same outputs as `pipeline.analyze_frame` (an `AnalysisResult` whose texts are in
    `contact_parts`). `on_read(n_dated)` is called once the export has been read through
    (rejects and warnings known); `n_rows`, the rows to read (`ingest.count_rows`), gives
    the survey its time left. Texts wait under ``out_dir/.rootcause-parts`` (a temporary
    folder without `out_dir`) until `write_outputs` has written them.
    """
    from rootcause.errors import BadInputError
    from rootcause.pipeline import MIN_CONTACTS, analyze_frame
    from rootcause.settings import get_settings

    seed = get_settings().seed if seed is None else seed
    with reporter.stage("Survey the export (week, channel, language)", times):
        keys, n_dated = survey(stream, reporter, n_rows)
    if on_read is not None:
        on_read(n_dated)
    n = len(keys)
    if n < MIN_CONTACTS:
        raise BadInputError(
            f"Only {n} usable contacts; driver discovery needs at least {MIN_CONTACTS}. "
            "Check rejects.csv for rows that were refused, or add more contacts."
        )
    in_sample = np.zeros(n, dtype=bool)
    in_sample[stratified_sample(keys, sample_size, seed=seed)] = True
    n_strata = len(set(keys))
    del keys
    with reporter.stage("Read the sample", times):
        sample = _read_rows(stream, in_sample)
    reporter.info(
        f"Fitting on {sample.height:,} of {n:,} contacts, drawn from {n_strata:,} strata (week × channel × language)"
    )
    times.prefix = "Fit on the sample: "
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
    times.prefix = ""
    model = fitted.model
    fitted_rows = fitted.contacts.with_columns(pl.Series(AT, sample[AT]))
    folder = Path(out_dir) / ".rootcause-parts" if out_dir is not None else Path(tempfile.mkdtemp(prefix="rootcause-parts-"))
    shutil.rmtree(folder, ignore_errors=True)
    parts = ContactParts(folder)
    encoder = _encoder(model)
    with reporter.stage("Assign the other contacts", times):
        light, unknown = _assign_rest(
            stream, in_sample, fitted_rows, model, encoder, catalogue, parts, folder / "unknown", reporter, times
        )
    with reporter.stage("Discover drivers among contacts no driver fits", times):
        new, light, left = _second_pass(
            light, unknown, model, catalogue, encoder, seed=seed, limit=sample_size, min_contacts=MIN_CONTACTS,
            report_language=report_language, previous_model=previous_model,
        )  # fmt: skip
    if new is not None:
        reporter.info(f"{new.k} more drivers found among {len(left.reasons):,} contacts that fit no driver of the sample")
    with reporter.stage("Measure every contact", times):
        result = _measure_all(light, fitted, model, catalogue, new, left)
        if volumes is not None:
            from rootcause.pipeline import _add_rates

            _add_rates(result, volumes, catalogue, reporter)
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
    return result


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
    return keys, n_dated


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


class _Unknown:
    """Contacts no driver fits, spilled chunk by chunk: vectors in .npy, texts in Parquet."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: list[tuple[Path, int]] = []  # (stem, rows)
        self.count = 0

    def add(self, at: np.ndarray, centred: np.ndarray, vectors: np.ndarray, texts: pl.DataFrame) -> None:
        if len(at) == 0:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = self.folder / f"{len(self.files):06d}"
        np.save(stem.with_suffix(".centred.npy"), centred.astype(np.float32))
        np.save(stem.with_suffix(".vectors.npy"), vectors.astype(np.float32))
        texts.with_columns(pl.Series(AT, at, dtype=pl.Int64)).write_parquet(stem.with_suffix(".parquet"))
        self.files.append((stem, len(at)))
        self.count += len(at)

    def load(self, stem: Path, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, pl.DataFrame]:
        centred = np.load(stem.with_suffix(".centred.npy"), mmap_mode="r")
        vectors = np.load(stem.with_suffix(".vectors.npy"), mmap_mode="r")
        texts = pl.read_parquet(stem.with_suffix(".parquet"))
        if rows is not None:
            picked = texts.with_row_index("_i").filter(pl.col("_i").is_in(rows.tolist())).drop("_i")
            return np.asarray(centred[rows]), np.asarray(vectors[rows]), picked
        return np.asarray(centred), np.asarray(vectors), texts


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
) -> tuple[pl.DataFrame, _Unknown]:
    """Assign each chunk's contacts outside the sample; spill texts and unknown vectors.

    Returns the short columns of every contact, in input order, and the spilled unknowns.
    """
    from rootcause.embed.base import n_cpus
    from rootcause.sampled.workers import prepared_in_order
    from rootcause.settings import get_settings

    keep = tuple(sorted({*catalogue.proper_names(), *(model.meta.get("masked_words") or ())}))
    sample_light = fitted_rows.select(AT, *LIGHT).cast(_LIGHT_SCHEMA)  # type: ignore[arg-type]
    sample_texts = fitted_rows.select(AT, S.REASON_TEXT, S.CLEAN_TEXT)
    unknown = _Unknown(unknown_folder)
    lights: list[pl.DataFrame] = []
    workers = get_settings().prepare_workers or n_cpus()

    def jobs() -> Iterator[tuple[tuple[np.ndarray, np.ndarray, pl.DataFrame], Any]]:
        start = 0
        for chunk in stream:
            mask = in_sample[start : start + chunk.height]
            at = np.arange(start, start + chunk.height)
            start += chunk.height
            rest = chunk.filter(pl.Series(~mask))
            yield (at, mask, rest), (rest[S.TEXT].to_list(), rest[S.SUBJECT].to_list(), rest[S.LANGUAGE].to_list())

    prepared_chunks = prepared_in_order(jobs(), keep, workers=workers)
    with reporter.track("Assign", int((~in_sample).sum())) as track:
        while True:
            with times.stage("Assign: clean, extract reasons, redact"):  # with workers: waiting for them
                item = next(prepared_chunks, None)
            if item is None:
                break
            (at, mask, rest), prepared = item
            own_light = sample_light.filter(pl.col(AT).is_between(at[0], at[-1]))
            own_texts = sample_texts.filter(pl.col(AT).is_between(at[0], at[-1]))
            if rest.height:
                rest_at = at[~mask]
                with times.stage("Assign: embed and assign"):
                    got = model.assign(prepared, novelty=False, encoder=encoder)
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
                lost = np.flatnonzero((got.labels < 0) & ~got.noise)
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
    return pl.concat(lights), unknown


# ------------------------------------------------------------------ second pass


def _second_pass(
    light: pl.DataFrame,
    unknown: _Unknown,
    model: DriverModel,
    catalogue: Catalogue,
    encoder: Any,
    *,
    seed: int,
    limit: int,
    min_contacts: int,
    report_language: str | None,
    previous_model: DriverModel | None,
) -> tuple[NewDrivers | None, pl.DataFrame, Leftovers | None]:
    """Find drivers among (a seeded sample of at most `limit` of) the contacts no driver
    fits, then assign every such contact to them when one fits."""
    if unknown.count < min_contacts:
        return None, light, None
    rng = np.random.default_rng(seed)
    pooled = np.sort(rng.choice(unknown.count, min(limit, unknown.count), replace=False))
    pieces: list[tuple[np.ndarray, np.ndarray, pl.DataFrame]] = []
    offset = 0
    for stem, rows in unknown.files:
        mine = pooled[(pooled >= offset) & (pooled < offset + rows)] - offset
        offset += rows
        if len(mine):
            pieces.append(unknown.load(stem, mine))
    texts = pl.concat([p[2] for p in pieces])
    left = Leftovers(
        centred=np.vstack([p[0] for p in pieces]),
        vectors=np.vstack([p[1] for p in pieces]),
        reasons=texts[S.REASON_TEXT].to_list(),
        wholes=texts[S.EXCHANGE_TEXT].to_list(),
        languages=texts[S.LANGUAGE].to_list(),
        ids=texts[S.ID].to_list(),
        handling_teams=texts[S.HANDLING_TEAM].to_list(),
        clean_texts=texts[S.CLEAN_TEXT].to_list(),
    )
    new = discover_leftovers(
        left, model, catalogue, encoder, seed=seed, min_contacts=min_contacts,
        report_language=report_language, previous_model=previous_model,
    )  # fmt: skip
    if new is None:
        return None, light, left
    pooled_at = texts[AT].to_numpy()
    pooled_label = dict(zip(pooled_at.tolist(), new.labels.tolist(), strict=True))
    updates: list[pl.DataFrame] = []
    for stem, _ in unknown.files:
        centred, vectors, spilled = unknown.load(stem)
        labels, confidence = new.discovery.predict(centred, novelty=False)
        at = spilled[AT].to_numpy()
        # the pooled contacts keep the community the graph gave them
        labels = np.array([pooled_label.get(a, lab) for a, lab in zip(at.tolist(), labels.tolist(), strict=True)])
        hit = labels >= 0
        if not hit.any():
            continue
        drivers = [model.drivers[new.first + int(c)] for c in labels[hit]]
        owners = [d.owner_department for d in drivers]
        if model.contact_owners is not None:
            owners = model.contact_owners.refine(vectors[hit], owners, [False] * len(owners))
        sims = centred[hit] @ new.discovery.centroids_.T
        conf = _softmax_share(sims, labels[hit])
        updates.append(
            pl.DataFrame(
                {
                    AT: at[hit],
                    "_driver": [d.driver_id for d in drivers],
                    "_confidence": np.round(conf, 4),
                    "_owner": owners,
                },
                schema={AT: pl.Int64, "_driver": pl.Utf8, "_confidence": pl.Float64, "_owner": pl.Utf8},
            )
        )
    if updates:
        upd = pl.concat(updates)
        light = light.join(upd, on=AT, how="left", maintain_order="left").with_columns(
            pl.coalesce("_driver", S.DRIVER_ID).alias(S.DRIVER_ID),
            pl.coalesce("_confidence", S.DRIVER_CONFIDENCE).alias(S.DRIVER_CONFIDENCE),
            pl.coalesce("_owner", S.OWNER_DEPARTMENT).alias(S.OWNER_DEPARTMENT),
        ).drop("_driver", "_confidence", "_owner")
    return new, light, left


def _softmax_share(sims: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The discovery estimator's confidence (softmax share of the driver), over new drivers."""
    from rootcause.discover.estimator import _confidence

    return np.asarray(_confidence(sims, labels), dtype=np.float64)


# ------------------------------------------------------------------ measure


def _measure_all(
    light: pl.DataFrame,
    fitted: AnalysisResult,
    model: DriverModel,
    catalogue: Catalogue,
    new: NewDrivers | None,
    left: Leftovers | None,
) -> AnalysisResult:
    """Driver tables over every contact: the sample's drivers as fitted (names, owners,
    exemplars), measured on all contacts, and the second pass's drivers."""
    from rootcause.pipeline import DRIVER_SCHEMA, _products, measure_tables

    info = {d.driver_id: d for d in model.drivers}
    contacts = light.with_columns(
        pl.col(S.DRIVER_ID).replace_strict({i: info[i].label for i in info}, default="").alias(S.DRIVER_LABEL),
        pl.col(S.DRIVER_ID).replace_strict({i: info[i].theme_id for i in info}, default="").alias(S.THEME_ID),
        pl.col(S.DRIVER_ID).replace_strict({i: info[i].theme_label for i in info}, default="").alias(S.THEME_LABEL),
    )
    noise_owner = str(model.meta.get("noise_owner", ""))
    contacts = contacts.with_columns(
        pl.when(pl.col(S.DRIVER_ID) == S.NOISE).then(pl.lit(S.NOISE)).otherwise(pl.col(S.DRIVER_LABEL)).alias(S.DRIVER_LABEL),
        pl.when(pl.col(S.DRIVER_ID) == S.NOISE).then(pl.lit(noise_owner)).otherwise(pl.col(S.OWNER_DEPARTMENT)).alias(S.OWNER_DEPARTMENT),
    )
    # a contact's own owner against its driver's: owner_share and n_owned_elsewhere
    driver_owner = pl.col(S.DRIVER_ID).replace_strict({i: info[i].owner_department for i in info}, default="")
    scored = contacts.filter(pl.col(S.DRIVER_ID) != S.NOISE).with_columns(
        (pl.col(S.OWNER_DEPARTMENT).fill_null("") == driver_owner).alias("_kept")
    )
    share = dict(scored.group_by(S.DRIVER_ID).agg(pl.col("_kept").mean()).iter_rows())
    elsewhere = int((~scored["_kept"]).sum())
    rows = [
        {**r, "owner_share": float(share.get(r[S.DRIVER_ID], 1.0))}
        for r in fitted.drivers.select(list(DRIVER_SCHEMA)).to_dicts()
    ]
    if new is not None and left is not None:
        left_drivers = [model.drivers[new.first + int(c)].driver_id if c >= 0 else S.UNASSIGNED for c in new.labels]
        products = _products(left.clean_texts, left_drivers, model.meta.get("masked_words") or ())
        for c in range(new.k):
            d = model.drivers[new.first + c]
            d.products = products.get(d.driver_id, [])
            n = new.names.get(c)
            o = new.owners[c]
            ex = list(n.exemplar_idx) if n else []
            rows.append(
                {
                    S.DRIVER_ID: d.driver_id,
                    "label": d.label,
                    S.THEME_ID: d.theme_id,
                    S.THEME_LABEL: d.theme_label,
                    "owner_department": d.owner_department,
                    "owner_name": catalogue.name_of(d.owner_department),
                    "owner_confidence": d.owner_confidence,
                    "owner_share": float(share.get(d.driver_id, 1.0)),
                    "owner_evidence": o.evidence,
                    "contested": o.contested,
                    "runner_up": o.runner_up,
                    "keywords": d.keywords,
                    "products": d.products,
                    "exemplar_ids": [left.ids[i] for i in ex],
                    "exemplars": [left.reasons[i] for i in ex],
                    "kind": d.kind,
                    "avoidable": d.avoidable,
                }
            )
    sizes = dict(contacts.group_by(S.DRIVER_ID).len().iter_rows())
    for d in model.drivers:
        d.size = int(sizes.get(d.driver_id, 0))
    noise = contacts.filter(pl.col(S.DRIVER_ID) == S.NOISE)[S.NOISE_REASON]
    kinds = dict(noise.value_counts(sort=True).iter_rows()) if len(noise) else {}
    return measure_tables(contacts, rows, catalogue, model, n_owned_elsewhere=elsewhere, noise=kinds)
