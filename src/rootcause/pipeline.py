"""Batch analysis: from a CRM export to drivers, owners, figures, report and model.

`analyze` reads files; `analyze_frame` starts from an ingested frame (the API's
refit uses it on stored contacts); `write_outputs` writes the output contract.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from rootcause import __version__
from rootcause import schema as S
from rootcause.attribute import Catalogue, attribute_owners, fit_contact_owners, load_catalogue
from rootcause.attribute.owner import catalogue_matches, group_scores, handling_votes, semantic_votes
from rootcause.discover.themes import group_themes
from rootcause.errors import BadInputError
from rootcause.measure import (
    department_scorecards,
    driver_stats,
    flag_repeats,
    pareto,
    pareto_targets,
    weekly_counts,
)
from rootcause.model.driver_model import Driver, DriverModel
from rootcause.progress import QUIET, Reporter, StageTimes
from rootcause.result import AnalysisResult
from rootcause.settings import MAX_SEED, get_settings

log = logging.getLogger(__name__)

DEFAULT_EMBEDDER = "auto"
ENGLISH_ONLY_SHARE = 0.95  # "auto" picks the English-only MiniLM above this share of English
MIN_CONTACTS = 20
# Weight, beside the export's words, of each contact's catalogue matches in the discovery
# graph. Measured on the four development sets (means of seeds 0–3; NMI / driver owners):
# 0: 0.682 / 0.722, 0.3: 0.684 / 0.727, 0.6: 0.692 / 0.744, 0.9: 0.703 / 0.761, 1.2: 0.702 / 0.758.
CATALOGUE_VIEW_WEIGHT = 0.9
# A driver's group of contacts becomes a driver of its own (`refine.split_by_owner`) from this
# many contacts (or twice the smallest driver, when that is more), when its score for its own
# department leads its score for the whole driver's department by this margin.
OWNER_SPLIT_MIN = 7
OWNER_SPLIT_MARGIN = 0.05
_ROW = "_row"  # input order, kept while noise contacts are set aside
ID_MATCH_MIN_COSINE = 0.80  # a refitted driver keeps an old id when its centroid is this close


def analyze(
    inputs: Sequence[str | Path],
    departments: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    file_mappings: Mapping[str, Mapping[str, str]] | None = None,
    embedder: str | None = None,
    seed: int | None = None,
    report_language: str | None = None,
    decisions: str | Path | None = None,
    previous_model: str | Path | None = None,
    volumes: str | Path | None = None,
    fixes: str | Path | None = None,
    reporter: Reporter = QUIET,
    out_dir: str | Path | None = None,
    fit_sample: int | None = None,
    chunk_rows: int | None = None,
    engine: str | None = None,
    resume: bool = False,
) -> AnalysisResult:
    """Run the whole batch pipeline on export files.

    When `out_dir` is given, rejects and warnings (and the accepted, redacted contacts)
    are written there as soon as they are known, so a later crash loses nothing.
    `mapping` maps columns in every file, `file_mappings` in one file each
    (`rootcause.ingest.read_contacts`). `volumes`: a file of business volumes (orders,
    customers…) for contact rates (`rootcause.measure.rates`); read first, so a bad file
    stops the run at once. `fixes`: a file of fixes logged on drivers (`rootcause.review.fixes`),
    read and checked against the catalogue first too; each driver's latest fix and its verdict
    go into ``drivers`` (`rootcause.measure.fixes`).

    Exports of up to `fit_sample` rows (default: the `ROOTCAUSE_FIT_SAMPLE` setting, 20,000)
    are analysed whole, in memory. Larger ones are read `chunk_rows` at a time (default
    `ROOTCAUSE_CHUNK_ROWS`): drivers are found on a sample of `fit_sample` contacts stratified
    by week, channel and language, and every other contact is assigned by the fitted model,
    chunk by chunk (`rootcause.sampled`), on this machine or a Ray cluster (`engine`: "local" or
    "ray", default the ``ROOTCAUSE_ENGINE`` setting; `rootcause.sampled.engine`).

    `resume`: a large run killed before it finished goes on from its last finished chunk in
    `out_dir` (`rootcause.sampled.checkpoint`); a whole run starts from the start (its
    embeddings come from the embedding cache).
    """
    from rootcause.ingest import count_rows, read_contacts
    from rootcause.ingest.formats import check_path
    from rootcause.sampled.engine import get_engine

    settings = get_settings()
    check_seed(seed)  # before any work: a bad seed would otherwise stop the run at discovery
    limit = settings.fit_sample if fit_sample is None else fit_sample
    if limit < MIN_CONTACTS:
        raise BadInputError(
            f"fit_sample={limit}: a sample must hold at least {MIN_CONTACTS} contacts to find drivers in. "
            "Fix: a larger --fit-sample (or ROOTCAUSE_FIT_SAMPLE); the default is 20,000."
        )
    assigner = get_engine(engine)  # an unknown engine, or ray without its extra, stops the run first
    catalogue = load_catalogue(departments)
    volume_table, fix_list = load_measures(volumes, fixes, catalogue)
    times = StageTimes()
    paths = [Path(p) for p in inputs]
    for path in paths:  # a missing or unreadable input stops the run before the id key is made
        check_path(path)
    pseudonyms = cli_pseudonyms(settings)
    with reporter.stage("Read exports", times):
        try:
            n_rows = count_rows(paths)
        except BadInputError:
            n_rows = 0  # read_contacts says what is wrong, as it always has
        if n_rows <= limit:
            ingested = read_contacts(
                paths, mapping=mapping, file_mappings=file_mappings, progress=reporter.enabled, pseudonyms=pseudonyms
            )
    if n_rows > limit:
        prev, review = _prior(previous_model, decisions, catalogue, reporter)
        from rootcause.ingest import ExportStream
        from rootcause.sampled import analyze_sampled
        from rootcause.sampled.checkpoint import run_fingerprint

        chunk_rows = chunk_rows or settings.chunk_rows
        stream = ExportStream(paths, mapping=mapping, file_mappings=file_mappings, chunk_rows=chunk_rows, pseudonyms=pseudonyms)
        fingerprint = run_fingerprint(
            paths, departments=departments, decisions=decisions, previous_model=previous_model, mapping=mapping,
            file_mappings=file_mappings, embedder=embedder or settings.embedder or DEFAULT_EMBEDDER,
            seed=settings.seed if seed is None else seed, fit_sample=limit, chunk_rows=chunk_rows, report_language=report_language,
        )  # fmt: skip
        result = analyze_sampled(
            stream,
            catalogue,
            sample_size=limit,
            embedder=embedder,
            seed=seed,
            report_language=report_language,
            previous_model=prev,
            decisions=review,
            volumes=volume_table,
            reporter=reporter,
            times=times,
            out_dir=out_dir,
            n_rows=n_rows,
            engine=assigner,
            resume=resume,
            fingerprint=fingerprint,
            on_read=lambda n_dated: report_ingest(
                reporter, out_dir, stream.notes, stream.mappings, stream.rejects, stream.warnings, stream.n_accepted, n_dated
            ),
        )
        apply_fix_log(result, fix_list, volume_table, reporter)
        return result
    if assigner.name != "local":
        reporter.info(
            f"--engine {assigner.name}: an export of up to --fit-sample ({limit:,}) rows is analysed whole, on this "
            "machine; the engine takes the contacts outside the sample of larger ones."
        )
    if resume:
        reporter.info(
            f"--resume: exports of up to {limit:,} rows are analysed whole, in memory: this run starts from the start "
            "(the texts an interrupted run embedded come from the embedding cache)"
        )
    n_dated = int(ingested.contacts[S.CREATED_AT].is_not_null().sum())
    report_ingest(
        reporter, out_dir, ingested.notes, ingested.mappings, ingested.rejects, ingested.warnings,
        ingested.contacts.height, n_dated,
    )  # fmt: skip
    prev, review = _prior(previous_model, decisions, catalogue, reporter)
    result = analyze_frame(
        ingested.contacts,
        catalogue,
        embedder=embedder,
        seed=seed,
        report_language=report_language,
        previous_model=prev,
        decisions=review,
        volumes=volume_table,
        reporter=reporter,
        checkpoint_dir=out_dir,
        times=times,
    )
    result.rejects = ingested.rejects
    result.warnings = ingested.warnings
    result.meta["n_read"] = ingested.n_read
    result.meta["n_rejected"] = ingested.rejects.height
    result.meta["n_undated"] = ingested.contacts.height - n_dated
    result.meta["n_warnings"] = ingested.warnings.height
    result.meta["fit"] = {"mode": "whole", "contacts": ingested.contacts.height, "fit_sample": limit}
    apply_fix_log(result, fix_list, volume_table, reporter)
    return result


def cli_pseudonyms(settings: Any) -> Any:
    """The pseudonyms the CLI writes identifiers with: the API's (``ROOTCAUSE_ID_SECRET``, else
    ``id_secret`` in the data folder, made on first use), so a customer id that is personal data
    (an e-mail address, a phone number, a name) reaches no output as written, gets the same
    ``pid_…`` in the CLI's outputs as in the API's store, and `rootcause erase` finds it in both."""
    from rootcause.store.identifiers import Pseudonyms

    return Pseudonyms.from_settings(settings)


def load_measures(volumes: str | Path | None, fixes: str | Path | None, catalogue: Catalogue) -> tuple[Any, Any]:
    """The business volumes (`rootcause.measure.rates`) and the fix log (`rootcause.review.fixes`)
    a run is given, read before any work so that a bad file stops it at once; None for each not given."""
    from rootcause.measure.rates import load_volumes

    volume_table = load_volumes(volumes) if volumes else None
    fix_list = None
    if fixes:
        from rootcause.review.fixes import load_fixes

        fix_list = load_fixes(fixes, departments=catalogue.ids)
    return volume_table, fix_list


def apply_fix_log(result: AnalysisResult, fix_list: Any, volume_table: Any, reporter: Reporter) -> None:
    """Each driver's latest fix and its verdict, into ``drivers`` (`rootcause.measure.fixes`)."""
    if fix_list is None:
        return
    from rootcause.measure.fixes import apply_fixes

    for note in apply_fixes(result, fix_list, volumes=volume_table):
        reporter.warn(f"Fix skipped: {note}")


NO_PREVIOUS_MODEL = (
    "{decisions} names drivers by id, and a run keeps the ids of a former run only with "
    "--previous-model: without it, an id may now name another driver than the one the decisions were "
    "written for. Fix: add --previous-model with the model/ folder of the run the decisions were made on."
)


def _prior(
    previous_model: str | Path | None, decisions: str | Path | None, catalogue: Catalogue, reporter: Reporter = QUIET
) -> tuple[DriverModel | None, list[Any]]:
    """The former model and the review decisions a run starts from, their free text (a rename's
    label) redacted as the API stores it (`prepare.redact_decision`)."""
    prev = DriverModel.load(previous_model) if previous_model else None
    review: list[Any] = []
    if decisions and prev is None:
        # a trial applied a month-old file to another export's drivers: same ids, other problems
        _warn(reporter, NO_PREVIOUS_MODEL.format(decisions=decisions))
    if decisions:
        from rootcause.prepare import redact_decision
        from rootcause.review import load_decisions

        keep = prev.kept_names(catalogue.proper_names()) if prev is not None else tuple(catalogue.proper_names())
        review = [_department_ids(redact_decision(d, keep=keep), catalogue) for d in load_decisions(decisions)]
    return prev, review


def _department_ids(decision: Any, catalogue: Catalogue) -> Any:
    """A decision of a decisions file with the departments it names as ids: a reviewer writes
    the name the report shows ("Contrats & Résiliation") as readily as the id."""
    from dataclasses import replace

    payload = dict(decision.payload)
    for key in ("department", "owner"):
        if isinstance(payload.get(key), str):
            payload[key] = catalogue.id_of(payload[key])
    return replace(decision, payload=payload) if payload != decision.payload else decision


# Columns that decide what drivers are found: a warning when detected (a handling team, a weak
# hint for owners, is only listed among the columns read).
_JUDGING_COLUMNS = {
    S.REASON_CODE: "the agents' reason codes: contacts with the same code are kept in one driver, named by its code",
}


def report_ingest(
    reporter: Reporter,
    out_dir: str | Path | None,
    notes: Sequence[str],
    mappings: Mapping[str, Mapping[str, str]],
    rejects: pl.DataFrame,
    warnings: pl.DataFrame,
    n_accepted: int,
    n_dated: int,
) -> None:
    """Say what reading the exports found; write rejects.csv and warnings.csv at once."""
    reporter.info(f"{n_accepted} contacts accepted, {rejects.height} rejected")
    for note in notes:
        _warn(reporter, note)
    for source, used in mappings.items():
        name = Path(source).name
        reporter.info(f"{name}: columns read: " + ", ".join(f"{field} <- {column!r}" for field, column in used.items()))
        for field, what in _JUDGING_COLUMNS.items():
            if field in used:
                _warn(
                    reporter,
                    f"{name}: column {used[field]!r} is read as {what} (field {field}). If it is not, "
                    f"run again with --map {field}=- (or map {field} to the right column).",
                )
        if S.CREATED_AT not in used:
            _warn(reporter, _no_date_column(source))
    if out_dir is not None and rejects.height:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        rejects.write_csv(Path(out_dir) / "rejects.csv")
        n_rejected = rejects.height
        reporter.warn(f"{n_rejected} row{'s' if n_rejected != 1 else ''} rejected: see {Path(out_dir) / 'rejects.csv'}")
    n_warnings = warnings.height
    if n_warnings:
        where = "warnings.csv"
        if out_dir is not None:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            warnings.write_csv(Path(out_dir) / "warnings.csv")
            where = str(Path(out_dir) / "warnings.csv")
        dates = warnings.filter(pl.col("field") == S.CREATED_AT)
        n_unread = int(dates["reason"].str.starts_with("unparseable").sum())
        n_odd = dates.height - n_unread
        for n, what in ((n_unread, "could not be read"), (n_odd, "implausible (in the future, or far before the rest of the export)")):
            if n:
                verb = "" if what.startswith("could") else ("are " if n != 1 else "is ")
                _warn(
                    reporter,
                    f"{n} date{'s' if n != 1 else ''} {verb}{what}: "
                    f"{'those contacts are' if n != 1 else 'that contact is'} kept, undated (see {where}).",
                )
        n_channels = int((warnings["field"] == S.CHANNEL).sum())
        if n_channels:
            _warn(
                reporter,
                f"{n_channels} contact{'s' if n_channels != 1 else ''} had a channel that is none of "
                f"{', '.join(S.CHANNELS)}: read as 'other' (see {where}).",
            )
    if n_accepted and not n_dated:
        _warn(
            reporter,
            "No contact has a date: the report has no weekly trends, growth or emerging drivers. "
            "Fix: --map created_at=COLUMN (or --map FILE:created_at=COLUMN) with the column that holds each contact's date.",
        )


def discovery_words(
    seen_texts: Sequence[str],
    seen_whole: Sequence[str],
    whole: Sequence[str],
    languages: Sequence[str],
    encoder: Any,
    catalogue: Catalogue,
) -> tuple[np.ndarray, np.ndarray]:
    """The second view discovery reads beside the embedding, and each contact's catalogue
    matches (contacts × departments; attribution reads them too).

    The view joins the export's own vocabulary (`embed.views.export_words`, over the texts
    with brands left out) and which departments' words each contact uses: contacts that
    point to the same process lean together, so drivers split along the catalogue's processes.
    """
    from rootcause.embed import l2_normalize
    from rootcause.embed.views import export_words, joined

    words = export_words([f"{r} {w}" for r, w in zip(seen_texts, seen_whole, strict=True)], languages, encoder)
    matches = catalogue_matches(catalogue, whole)
    by_process = l2_normalize(matches)
    return (by_process if words is None else joined(words, by_process, CATALOGUE_VIEW_WEIGHT)), matches


def _no_date_column(source: str) -> str:
    from rootcause.ingest import ALIASES

    names = ", ".join(ALIASES[S.CREATED_AT][:5])
    return (
        f"{source} has no date column (none named like {names}, Date de création…): its contacts are undated, "
        f"so they count in no weekly trend, growth or emerging driver. Fix: --map {source}:created_at=COLUMN "
        "with the column that holds each contact's date."
    )


def _warn(reporter: Reporter, message: str) -> None:
    """On the reporter when it shows warnings (the CLI), else in the log (library use)."""
    if reporter.warnings:
        reporter.warn(message)
    else:
        log.warning(message)


def analyze_frame(
    contacts: pl.DataFrame,
    catalogue: Catalogue,
    *,
    embedder: str | None = None,
    seed: int | None = None,
    report_language: str | None = None,
    previous_model: DriverModel | None = None,
    decisions: Sequence[Any] = (),
    volumes: Any = None,
    reporter: Reporter = QUIET,
    checkpoint_dir: str | Path | None = None,
    progress: bool = False,
    times: StageTimes | None = None,
) -> AnalysisResult:
    """Discover drivers in ingested contacts, attribute owners, measure.

    Parameters
    ----------
    contacts
        Frame with the ingest schema (`rootcause.schema.INPUT_COLUMNS`).
    catalogue
        Department catalogue.
    embedder
        Registered embedder name, or "auto" (the default, from settings): MiniLM for
        English-only contacts, multilingual USE otherwise.
    seed
        Seed for discovery; the same seed gives the same drivers.
    report_language
        Language of the driver labels ("en", "fr"); None: the previous model's
        (`DriverModel.report_language`), else each driver's own dominant language.
    previous_model
        A former model: drivers that persist keep their ids.
    decisions
        Review decisions re-applied to the new model (`rootcause.review`).
    volumes
        Business volumes (`rootcause.measure.rates.Volumes`) for contact rates, or None.
    times
        Where each stage's wall time and peak memory are recorded (a new one when None);
        the result keeps it (`AnalysisResult.times`).
    """
    from rootcause.discover import DriverDiscovery
    from rootcause.discover.estimator import default_min_driver_size
    from rootcause.discover.refine import split_by_owner
    from rootcause.embed import CachedEmbedder, get_embedder, views
    from rootcause.embed.centering import LanguageCentering
    from rootcause.embed.products import product_nouns
    from rootcause.embed.views import contact_vectors, joined, without_words
    from rootcause.label import label_drivers
    from rootcause.noise import LIKE_NOISE, junk_drivers, like_noise
    from rootcause.prepare import prepare_frame

    settings = get_settings()
    times = times if times is not None else StageTimes()
    if report_language is None and previous_model is not None:
        report_language = previous_model.report_language  # a refit keeps its labels' language
    requested = embedder or settings.embedder or DEFAULT_EMBEDDER
    seed = settings.seed if seed is None else check_seed(seed)
    if progress and not reporter.enabled:
        reporter = Reporter(True)
    if contacts.height < MIN_CONTACTS:
        raise BadInputError(
            f"Only {contacts.height} usable contacts; driver discovery needs at least {MIN_CONTACTS}. "
            "Add more contacts (rows refused, if any, are listed in rejects.csv with the reason and the fix)."
        )
    for col in S.INPUT_COLUMNS:
        if col not in contacts.columns:
            contacts = contacts.with_columns(pl.lit(None, dtype=pl.Utf8).alias(col))

    with reporter.stage("Clean, extract reasons, redact personal data", times):
        prepared, brands = prepare_frame(contacts, show_progress=reporter.enabled, keep=sorted(catalogue.proper_names()))
        brands |= set(catalogue.company)  # the company's name is in every other contact: it tells no reason
    if checkpoint_dir is not None:
        Path(checkpoint_dir).mkdir(parents=True, exist_ok=True)
        prepared.drop(S.TEXT, S.SUBJECT).write_parquet(Path(checkpoint_dir) / "contacts.parquet")
    # Tests, spam, thanks, automatic replies and other languages state no reason: they form
    # the visible `noise` group and take no part in discovery or attribution.
    prepared = prepared.with_row_index(_ROW)
    noise = prepared.filter(pl.col(S.NOISE_REASON) != "")
    prepared = prepared.filter(pl.col(S.NOISE_REASON) == "")
    if prepared.height < MIN_CONTACTS:
        raise BadInputError(
            f"Only {prepared.height} contacts state a reason ({noise.height} are noise: tests, spam, thanks, "
            f"automatic replies, other languages); driver discovery needs at least {MIN_CONTACTS}. Add more contacts."
        )
    if noise.height:
        reporter.info(f"{noise.height} contacts state no reason (noise: tests, spam, thanks, automatic replies, job seekers, the press, other languages)")
    texts = prepared[S.REASON_TEXT].to_list()
    whole = prepared[S.EXCHANGE_TEXT].to_list()
    languages = prepared[S.LANGUAGE].to_list()
    if requested == "auto" and previous_model is not None:
        requested = previous_model.embedder_name  # same space, so driver ids can carry over
    embedder_name = resolve_embedder(requested, languages)

    with reporter.stage(f"Embed ({embedder_name})", times):
        backend = get_embedder(embedder_name)
        state = None
        if hasattr(backend, "fit"):
            backend.fit(texts + whole)
            state = backend
            enc = backend
        else:
            enc = CachedEmbedder(backend, settings.cache_dir / "embeddings")
        # brands and products recede from what drivers are found from (still shown and labelled)
        seen_texts, seen_whole = without_words(texts, brands), without_words(whole, brands)
        X = contact_vectors(enc, seen_texts, seen_whole, show_progress=reporter.enabled)
        Xn = np.zeros((0, X.shape[1]), dtype=X.dtype)
        if noise.height:  # spam, thanks and tests in other words than the rules know: like the noise caught
            Xn = contact_vectors(
                enc, without_words(noise[S.REASON_TEXT].to_list(), brands), without_words(noise[S.EXCHANGE_TEXT].to_list(), brands)
            )
        # Drivers are found in a language-neutral space; owners are matched in the raw
        # space, where the catalogue's phrases live.
        centering = LanguageCentering().fit(X, languages)
        Xd = centering.transform(X, languages)

    def to_noise(mask: np.ndarray, why: str) -> None:
        """Move the contacts of `mask` to the noise group (`why`: what the reporter says)."""
        nonlocal noise, prepared, X, Xd, Xn, texts, whole, languages, seen_texts, seen_whole
        noise = pl.concat([noise, prepared.filter(pl.Series(mask)).with_columns(pl.lit(LIKE_NOISE).alias(S.NOISE_REASON))])
        Xn = np.vstack([Xn, X[mask]])
        keep = ~mask
        prepared, X, Xd = prepared.filter(pl.Series(keep)), X[keep], Xd[keep]
        texts, whole, languages, seen_texts, seen_whole = (
            [v for v, k in zip(values, keep, strict=True) if k] for values in (texts, whole, languages, seen_texts, seen_whole)
        )
        reporter.info(f"{int(mask.sum())} more contacts are noise: {why}")

    with times.stage("Noise by the company it keeps"):
        like = like_noise(X, Xn)
    if like.any():
        to_noise(like, "most of their nearest contacts are")
    with reporter.stage("Find product nouns to leave out of discovery", times):
        # the nouns that make contacts alike while the catalogue does not speak of them (a
        # fridge late, dented or broken) are left out like brands: drivers follow the problem.
        # Anything the catalogue says counts, the junk a department closes too ("e-mails mal adressés")
        products = product_nouns(
            seen_texts, seen_whole, languages, X, lambda r, w: contact_vectors(enc, r, w), centering.transform,
            catalogue, fit_contact_owners(catalogue, X, enc.encode, junk=True),
        )
        if products:
            reporter.info(f"{len({p.lower() for p in products})} product nouns left out of discovery: {', '.join(sorted({p.lower() for p in products})[:12])}")
            brands |= products
            seen_texts, seen_whole = without_words(texts, brands), without_words(whole, brands)
            X = contact_vectors(enc, seen_texts, seen_whole, show_progress=reporter.enabled)
            if noise.height:
                Xn = contact_vectors(
                    enc, without_words(noise[S.REASON_TEXT].to_list(), brands), without_words(noise[S.EXCHANGE_TEXT].to_list(), brands)
                )
            centering = LanguageCentering().fit(X, languages)
            Xd = centering.transform(X, languages)
    with reporter.stage("Discover drivers", times):
        while True:
            codes = [reason_code(c) for c in prepared[S.REASON_CODE].to_list()]
            partial = codes if any(codes) else None
            with times.stage("Discover drivers: the export's words"):
                words, matches = discovery_words(seen_texts, seen_whole, whole, languages, enc, catalogue)
            with times.stage("Discover drivers: neighbour graph and communities"):
                discovery = DriverDiscovery(seed=seed).fit(Xd, texts=texts, partial_labels=partial, groups=languages, words=words)
            # a driver made of junk the rules missed sits next to the noise caught: its contacts
            # join the noise, and drivers are found again without them
            with times.stage("Discover drivers: junk drivers"):
                junk = junk_drivers(np.asarray(discovery.labels_), X, Xn)
            if not junk.any() or prepared.height - int(junk.sum()) < MIN_CONTACTS:
                break
            to_noise(junk, "their driver lies next to the noise")
    labels = np.asarray(discovery.labels_)
    with times.stage("Attribute owner departments"):  # shown once, below; the times add up
        # the catalogue's evidence does not depend on the drivers: a split by owner needs it first
        evidence = fit_contact_owners(catalogue, X, enc.encode, whole)
        votes = evidence.votes(X)
    with times.stage("Split drivers whose contacts point to different departments"):
        # a driver is one department's reason: groups of its contacts that clearly point to
        # different departments (`split_by_owner`) become drivers of their own
        sem, teams = semantic_votes(evidence.phrase_scores(X)[0]), handling_votes(catalogue, prepared[S.HANDLING_TEAM].to_list(), len(X))
        min_part = max(OWNER_SPLIT_MIN, 2 * default_min_driver_size(len(labels)))
        # the parts are cut from what discovery's graph reads: the contact beside the export's
        # words and the catalogue's processes
        view = joined(Xd, words, discovery.words_weight)
        split = split_by_owner(view, labels, lambda rows: group_scores(sem, matches, rows, teams), min_part, OWNER_SPLIT_MARGIN, seed=seed)
        if (split != labels).any():
            more = int(split.max()) - int(labels.max())
            reporter.info(f"{more} more driver{'s' if more > 1 else ''}: groups of contacts that point to another department than the rest of their driver's")
            labels = split
            discovery.relabel(Xd, labels, groups=languages)
    ids = _stable_ids(discovery.centroids_, labels, previous_model, embedder_name)
    split_notes: list[tuple[Any, str]] = []
    if any(getattr(d, "action", "") == "split" for d in decisions):
        from rootcause.review import in_force
        from rootcause.review.split import split_partition

        labels, ids, split_notes = split_partition(
            in_force(decisions), labels, ids, Xd, previous=previous_model, seed=seed, votes=votes, departments=catalogue.ids
        )
        discovery.relabel(Xd, labels, groups=languages)
    k = int(discovery.n_drivers_)
    reporter.info(f"{k} drivers, {float(np.mean(labels < 0)):.1%} of contacts unassigned")

    with reporter.stage("Label drivers", times):
        names = label_drivers(
            texts, languages, labels, Xd, report_language=report_language, ids=prepared[S.ID].to_list(),
            embed=lambda phrases, lang: centering.transform(np.asarray(enc.encode(phrases), dtype=np.float32), [lang] * len(phrases)),
        )
    by_cluster = {n.cluster: n for n in names}

    with reporter.stage("Attribute owner departments", times):
        owners = attribute_owners(
            catalogue,
            X,
            labels,
            whole,
            enc.encode,
            handling_teams=prepared[S.HANDLING_TEAM].to_list(),
            evidence=evidence,
            matches=matches,
            language=report_language or "en",
            reasons=texts,
        )

    known = list(getattr(discovery, "known_names_", [None] * k))
    from rootcause.review.queue import member_owners, purity_signals

    purity = purity_signals(Xd, labels, k, seed=seed)  # what a split question would divide
    groups = member_owners(votes, labels, k, catalogue.ids)  # what a group question would carve out
    drivers = []
    for c in range(k):
        n = by_cluster.get(c)
        label = readable_code(known[c]) if known[c] else (n.label if n else f"driver {c}")
        o = owners[c]
        drivers.append(
            Driver(
                driver_id=ids[c],
                label=label,
                owner_department=o.owner_department,
                owner_confidence=o.owner_confidence,
                keywords=list(n.keywords) if n else [],
                size=int((labels == c).sum()),
                known_name=known[c],
                owner_scores=dict(o.scores),
                split_share=purity[c][0],
                split_separation=purity[c][1],
                member_owners=groups[c],
                owner_evidence=o.evidence,
            )
        )
    owner_scores = np.array([[o.scores.get(d, 0.0) for d in catalogue.ids] for o in owners], dtype=np.float64)
    owner_scores = owner_scores.reshape(k, len(catalogue.ids))
    _name_themes(drivers, group_themes(discovery.centroids_, owner_scores), catalogue)
    model = DriverModel(
        drivers=drivers,
        discovery=discovery,
        embedder_name=embedder_name,
        embedder_state=state,
        centering=centering,
        contact_owners=evidence,
        meta={
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "rootcause_version": __version__,
            "n_contacts": prepared.height + noise.height,
            "seed": seed,
            # the language its labels were asked in (None: each driver's own); a refit keeps it
            "report_language": report_language,
            "departments": catalogue.ids,
            "department_names": {d.id: d.name for d in catalogue.departments},
            # who closes the contacts that state no reason, when the catalogue says so
            "noise_owner": catalogue.noise_owner(),
            # the export's brands and product nouns, left out of the vectors here and in `classify`
            "masked_words": sorted(brands),
            # the reason's weight beside the whole text in a contact's vector, for `classify`
            "reason_weight": views.REASON_WEIGHT,
            # the catalogue's proper names, which redaction keeps (`DriverModel.kept_names`)
            "kept_names": sorted(catalogue.proper_names()),
        },
    )
    replay = None
    if previous_model is not None:
        from rootcause.review.apply import named_drivers

        _carry_review(previous_model, model, named_drivers(previous_model, decisions))
    if decisions:
        from rootcause.review import replay_decisions

        # A decision about a driver this run does not have (a past run's, a typo) is stale:
        # skipped and reported, never a reason to lose the run.
        replay = replay_decisions(model, decisions, departments=catalogue.ids, failed=split_notes)
        model = replay.model
        # the questions declined in this fit's decisions stay declined when `serve` replays its
        # own trail on the model (a decisions file's trail is not the store's)
        model.meta["declined_at_fit"] = list(model.meta["declined"])

    with reporter.stage("Measure", times):
        result = _measure(prepared, labels, discovery.confidence_, model, owners, by_cluster, catalogue, X, noise)
        if volumes is not None:
            add_rates(result, volumes, catalogue, reporter)
    result.meta.update(
        {
            "n_read": prepared.height + noise.height,
            "n_accepted": prepared.height + noise.height,
            "n_rejected": 0,
            "embedder": embedder_name,
            "seed": seed,
            "version": __version__,
            "created_at": model.meta["created_at"],
        }
    )
    result.times = times
    if replay is not None:
        from rootcause.review.apply import summary

        result.meta["decisions"] = summary(replay)
        warn_stale(reporter, replay.stale)
    return result


def check_seed(seed: int | None) -> int | None:
    """`seed` when it is None or a whole number from 0 to `settings.MAX_SEED`; else a
    `BadInputError` that names the option."""
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED):
        raise BadInputError(f"seed={seed!r}: use a whole number from 0 to {MAX_SEED} (--seed, or ROOTCAUSE_SEED).")
    return seed


def warn_stale(reporter: Reporter, stale: Sequence[Any]) -> None:
    """One warning per stale decision (`rootcause.review.DecisionState`): which, and why."""
    for s in stale:
        which = f"Decision {s.decision.id}" if s.decision.id is not None else "A decision"
        reporter.warn(f"{which} is stale, skipped (kept in the trail): {s.reason}")


def _name_themes(drivers: list[Driver], theme_of: np.ndarray, catalogue: Catalogue) -> None:
    """Give each driver its theme's id (T01 holds the most drivers) and name.

    A theme is named after the departments that own its drivers, the one owning most of its
    contacts first (at most two, then "…"), so that no driver sits under another department's
    name alone; two themes of the same name add their biggest driver's ("Billing: refund not
    received").
    """
    members = {int(t): [d for d, th in zip(drivers, theme_of, strict=True) if th == t] for t in set(theme_of.tolist())}
    owners_of: dict[int, str] = {}
    for t, ds in members.items():
        sizes: Counter[str] = Counter()
        for d in ds:
            sizes[d.owner_department] += max(d.size, 1)
        ranked = [catalogue.name_of(o) for o in sorted(sizes, key=lambda o: (-sizes[o], o)) if o]
        owners_of[t] = " / ".join(ranked[:2]) + (" / …" if len(ranked) > 2 else "")
    themes_per_name = Counter(owners_of.values())
    for t, ds in members.items():
        name = owners_of[t] or ds[0].label
        if themes_per_name[owners_of[t]] > 1:
            name = f"{name}: {max(ds, key=lambda d: d.size).label}"
        for d in ds:
            d.theme_id, d.theme_label = f"T{t + 1:02d}", name


# Codes a CRM gives when the agent chose no reason: they pin nothing (a junk driver named "other"
# would otherwise be found and owned).
_NO_REASON_CODES = frozenset(
    "other others autre autres divers misc miscellaneous unknown inconnu none aucun na n/a nc n/c - ? tbd"
    " sans_motif no_reason not_set non_renseigne".split()
)


def reason_code(value: object) -> str | None:
    """An agent's reason code as discovery reads it: None when empty or a code that says no
    reason ("other", "autre", "n/a")."""
    from rootcause.clean.text import one_line

    code = one_line(value) if isinstance(value, str) else ""
    if not code:
        return None
    key = "".join(ch for ch in unicodedata.normalize("NFKD", code.casefold()) if not unicodedata.combining(ch))
    return None if key.replace(" ", "_") in _NO_REASON_CODES else code


def readable_code(code: str) -> str:
    """An agent's reason code as a driver's name: an identifier ("retard_suppression_train")
    as words ("retard suppression train"); a code already in words as it is."""
    code = code.strip()
    return code if " " in code else code.replace("_", " ")


def resolve_embedder(name: str, languages: Sequence[str]) -> str:
    """Turn "auto" into a concrete embedder for these contacts.

    MiniLM is sharper on English-only data (5–8 NMI points on the English benchmark
    sets), but French and English contacts about the same problem only meet in the
    multilingual USE space, so any real share of another language selects USE.
    """
    if name != "auto":
        return name
    known = [lang for lang in languages if lang not in ("", "und", None)]
    english = sum(lang == "en" for lang in known) / max(len(known), 1)
    return "minilm-l6-v2" if known and english >= ENGLISH_ONLY_SHARE else "use-multilingual-v3"


def _stable_ids(
    centroids: np.ndarray, labels: np.ndarray, previous: DriverModel | None, embedder_name: str
) -> list[str]:
    """Driver ids: reuse a former driver's id when its centroid matches, else a new one.

    New ids are numbered by size (D001 is the biggest new driver).
    """
    from scipy.optimize import linear_sum_assignment

    k = centroids.shape[0]
    ids: list[str | None] = [None] * k
    used: set[str] = set()
    next_num = 1
    if previous is not None and previous.embedder_name == embedder_name:
        old = np.asarray(previous.discovery.centroids_, dtype=np.float32)
        if old.shape[1] == centroids.shape[1] and len(old):
            sim = centroids @ old.T
            rows, cols = linear_sum_assignment(-sim)
            for r, c in zip(rows, cols, strict=True):
                if sim[r, c] >= ID_MATCH_MIN_COSINE:
                    ids[r] = previous.drivers[c].driver_id
                    used.add(ids[r])
        # a split driver's parts (D007.1) keep its number from being given to a new driver
        bases = [d.driver_id[1:].split(".")[0] for d in previous.drivers]
        nums = [int(b) for b in bases if b.isdigit()]
        next_num = max(nums, default=0) + 1
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    for c in sorted(range(k), key=lambda c: (-sizes[c], c)):
        if ids[c] is None:
            while f"D{next_num:03d}" in used:
                next_num += 1
            ids[c] = f"D{next_num:03d}"
            used.add(ids[c])
            next_num += 1
    return [i for i in ids if i is not None]


def _carry_review(previous: DriverModel, model: DriverModel, decided: set[str]) -> None:
    """Keep reviewers' names, owners and flags on drivers that persist across a refit, but on
    those the run's decisions name (`decided`): re-applied from the trail, so an undo holds."""
    old = {d.driver_id: d for d in previous.drivers}
    for d in model.drivers:
        o = old.get(d.driver_id)
        if o is None or d.driver_id in decided:
            continue
        if o.reviewed:
            d.label, d.owner_department, d.owner_confidence, d.reviewed = o.label, o.owner_department, 1.0, True
        d.kind, d.avoidable = o.kind, o.avoidable
    model.aliases.update({k: v for k, v in previous.aliases.items() if k not in decided})


def _measure(
    prepared: pl.DataFrame,
    labels: np.ndarray,
    confidence: np.ndarray,
    model: DriverModel,
    owners: list[Any],
    names: dict[int, Any],
    catalogue: Catalogue,
    embeddings: np.ndarray,
    noise: pl.DataFrame,
) -> AnalysisResult:
    ids = [model.resolve(d.driver_id) for d in model.drivers]
    info = {d.driver_id: d for d in model.drivers}
    driver_col = [ids[c] if c >= 0 else S.UNASSIGNED for c in labels]
    contacts = prepared.with_columns(
        pl.Series(S.DRIVER_ID, driver_col, dtype=pl.Utf8),
        pl.Series(S.DRIVER_CONFIDENCE, np.round(np.asarray(confidence, dtype=np.float64), 4)),
    )
    contacts = contacts.with_columns(
        pl.col(S.DRIVER_ID).replace_strict({i: info[i].label for i in info}, default="").alias(S.DRIVER_LABEL),
        pl.col(S.DRIVER_ID).replace_strict({i: info[i].theme_id for i in info}, default="").alias(S.THEME_ID),
        pl.col(S.DRIVER_ID).replace_strict({i: info[i].theme_label for i in info}, default="").alias(S.THEME_LABEL),
    )
    driver_owners = [info[d].owner_department if d in info else "" for d in driver_col]
    locked = [d in info and info[d].reviewed for d in driver_col]
    contacts = contacts.with_columns(
        pl.Series(
            S.OWNER_DEPARTMENT,
            model.contact_owners.refine(embeddings, driver_owners, locked, prepared[S.EXCHANGE_TEXT].to_list()),
            dtype=pl.Utf8,
        )
    )
    noise_rows = noise.with_columns(
        pl.lit(S.NOISE).alias(S.DRIVER_ID),
        pl.lit(0.0).alias(S.DRIVER_CONFIDENCE),
        pl.lit(S.NOISE).alias(S.DRIVER_LABEL),
        pl.lit("").alias(S.THEME_ID),
        pl.lit("").alias(S.THEME_LABEL),
        pl.lit(model.meta.get("noise_owner", "")).alias(S.OWNER_DEPARTMENT),
    )
    refined = contacts[S.OWNER_DEPARTMENT].to_list()
    contacts = pl.concat([contacts, noise_rows.select(contacts.columns)]).sort(_ROW).drop(_ROW)

    id_list = prepared[S.ID].to_list()
    reason = prepared[S.REASON_TEXT].to_list()
    products = driver_products(prepared[S.CLEAN_TEXT].to_list(), driver_col, model.meta.get("masked_words") or (), catalogue.company)
    for d in model.drivers:
        d.products = products.get(d.driver_id, [])
    kept: dict[str, list[bool]] = {}
    for d, driver_owner, owner in zip(driver_col, driver_owners, refined, strict=True):
        kept.setdefault(d, []).append(owner == driver_owner)
    rows = []
    review = model.meta.get("review") or {}
    merged: dict[str, list[str]] = {}
    for alias in sorted(model.aliases):
        merged.setdefault(model.resolve(alias), []).append(alias)
    for c, d in enumerate(model.drivers):
        if model.resolve(d.driver_id) != d.driver_id:
            continue  # merged away: its contacts count under the surviving driver
        n = names.get(c)
        o = owners[c]
        ex = list(n.exemplar_idx) if n else []
        rows.append(
            driver_row(
                d, o, catalogue,
                owner_share=float(np.mean(kept[d.driver_id])) if kept.get(d.driver_id) else 1.0,
                exemplar_ids=[id_list[i] for i in ex],
                exemplars=[reason[i] for i in ex],
                review=review.get(d.driver_id, []),
                merged_ids=merged.get(d.driver_id, []),
            )
        )
    noise_kinds = dict(noise[S.NOISE_REASON].value_counts(sort=True).iter_rows()) if noise.height else {}
    return measure_tables(contacts, rows, catalogue, model, n_owned_elsewhere=sum(not k for v in kept.values() for k in v), noise=noise_kinds)


def driver_row(
    d: Driver,
    o: Any,
    catalogue: Catalogue,
    *,
    owner_share: float,
    exemplar_ids: list[str],
    exemplars: list[str],
    review: Sequence[str] = (),
    merged_ids: Sequence[str] = (),
) -> dict[str, Any]:
    """One row of the drivers table (`DRIVER_SCHEMA`): driver `d`, its owner attribution `o`,
    what review decided about it (rename, set_owner, merge, mark, split) and the ids merged into it."""
    return {
        S.DRIVER_ID: d.driver_id,
        "label": d.label,
        S.THEME_ID: d.theme_id,
        S.THEME_LABEL: d.theme_label,
        "owner_department": d.owner_department,
        "owner_name": catalogue.name_of(d.owner_department),
        "owner_confidence": d.owner_confidence,
        "owner_share": owner_share,
        "owner_evidence": "review decision" if d.reviewed else o.evidence,
        "contested": False if d.reviewed else o.contested,
        "runner_up": o.runner_up,
        "keywords": d.keywords,
        "products": d.products,
        "exemplar_ids": exemplar_ids,
        "exemplars": exemplars,
        "kind": d.kind,
        "avoidable": d.avoidable,
        "reviewed": bool(d.reviewed or review or merged_ids),
        "review": list(review),
        "merged_ids": list(merged_ids),
    }


DRIVER_SCHEMA: dict[str, Any] = {
    S.DRIVER_ID: pl.Utf8,
    "label": pl.Utf8,
    S.THEME_ID: pl.Utf8,
    S.THEME_LABEL: pl.Utf8,
    "owner_department": pl.Utf8,
    "owner_name": pl.Utf8,
    "owner_confidence": pl.Float64,
    "owner_share": pl.Float64,
    "owner_evidence": pl.Utf8,
    "contested": pl.Boolean,
    "runner_up": pl.Utf8,
    "keywords": pl.List(pl.Utf8),
    "products": pl.List(pl.Utf8),
    "exemplar_ids": pl.List(pl.Utf8),
    "exemplars": pl.List(pl.Utf8),
    "kind": pl.Utf8,
    "avoidable": pl.Boolean,
    "reviewed": pl.Boolean,
    "review": pl.List(pl.Utf8),
    "merged_ids": pl.List(pl.Utf8),
}
"""What a driver row says beside its measures (`driver_stats`): `measure_tables`' `rows`."""


def measure_tables(
    contacts: pl.DataFrame,
    rows: list[dict[str, Any]],
    catalogue: Catalogue,
    model: DriverModel,
    *,
    n_owned_elsewhere: int,
    noise: dict[str, int],
) -> AnalysisResult:
    """Repeats, weekly counts, driver measures, Pareto and scorecards of every contact.

    `contacts`: one row per contact in input order, with driver, owner, date, channel,
    language and customer; `rows`: per driver, the `DRIVER_SCHEMA` fields.
    """
    contacts = contacts.with_columns(flag_repeats(contacts))
    weekly = weekly_counts(contacts)
    stats = driver_stats(contacts, weekly)
    total = contacts.height
    meta_frame = pl.DataFrame(rows, schema=DRIVER_SCHEMA)
    drivers = (
        meta_frame.join(stats, on=S.DRIVER_ID, how="left")
        .with_columns(pl.col("size").fill_null(0), pl.col("share").fill_null(0.0))
        .sort("size", S.DRIVER_ID, descending=[True, False])
    )
    par = pareto(drivers, total)
    departments = department_scorecards(contacts, drivers, [(d.id, d.name) for d in catalogue.departments])
    dated = contacts[S.CREATED_AT].drop_nulls()
    meta = {
        "n_unassigned": int((contacts[S.DRIVER_ID] == S.UNASSIGNED).sum()),
        "n_noise": sum(noise.values()),
        "noise": noise,
        "n_owned_elsewhere": n_owned_elsewhere,
        "n_drivers": drivers.height,
        "date_min": str(dated.min()) if len(dated) else None,
        "date_max": str(dated.max()) if len(dated) else None,
        "languages": dict(contacts[S.LANGUAGE].value_counts(sort=True).iter_rows()),
        "pareto_targets": pareto_targets(par),
    }
    return AnalysisResult(
        contacts=contacts,
        drivers=drivers,
        departments=departments,
        pareto=par,
        weekly=weekly,
        rejects=pl.DataFrame(schema={c: pl.Utf8 for c in S.REJECT_COLUMNS}),
        model=model,
        meta=meta,
    )


def add_rates(result: AnalysisResult, volumes: Any, catalogue: Catalogue, reporter: Reporter) -> None:
    """Contacts per 1,000 orders (or other volumes) on drivers, departments and the summary."""
    from rootcause.measure.rates import contact_rates, rate_column

    owner_of = dict(result.drivers.select(S.DRIVER_ID, S.OWNER_DEPARTMENT).iter_rows())
    rates = contact_rates(result.contacts, volumes, owner_of, catalogue.ids)
    if rates.meta["contacts"] == 0:
        span = f"{result.meta.get('date_min')} to {result.meta.get('date_max')}" if result.meta.get("date_min") else "no dates"
        reporter.warn(
            f"No contact falls in the periods of {volumes.source} (the contacts have {span}): no contact "
            "rates. Fix: give volumes for the export's weeks or months, or one row of totals without a date column."
        )
        return
    filled = [pl.col(rate_column(n)).fill_null(0.0) for n in volumes.names]
    result.drivers = result.drivers.join(rates.drivers, on=S.DRIVER_ID, how="left").with_columns(filled)
    result.departments = result.departments.join(rates.departments, on="department_id", how="left").with_columns(filled)
    result.meta["contact_rates"] = rates.meta
    if "rate_emerging" in result.drivers.columns:
        _emerging_on_rates(result, rate_column(volumes.names[0]), reporter)
    left_out = rates.meta["uncovered_contacts"]
    if left_out:
        reporter.warn(
            f"{left_out} contact{'s fall' if left_out != 1 else ' falls'} outside the periods of {volumes.source} "
            f"(or {'have' if left_out != 1 else 'has'} no date): {'they count' if left_out != 1 else 'it counts'} "
            "everywhere but in the contact rates."
        )


def _emerging_on_rates(result: AnalysisResult, rate: str, reporter: Reporter) -> None:
    """With weekly volumes, `emerging` is judged on the rate, not the count: contacts that
    doubled with sales are not a new problem; contacts per order that doubled are."""
    drivers = result.drivers
    by_count = set(drivers.filter(pl.col("emerging"))[S.DRIVER_ID])
    drivers = drivers.with_columns(pl.col("rate_emerging").fill_null(False).alias("emerging")).drop("rate_emerging")
    by_rate = set(drivers.filter(pl.col("emerging"))[S.DRIVER_ID])
    result.drivers = drivers
    result.meta["contact_rates"]["emerging_on"] = rate
    result.meta["contact_rates"]["emerging_by_count_only"] = sorted(by_count - by_rate)
    result.meta["contact_rates"]["emerging_by_rate_only"] = sorted(by_rate - by_count)
    if by_count != by_rate:
        reporter.info(
            f"Emerging drivers judged on {rate} (volumes given): "
            f"{len(by_count - by_rate)} grew only with the volumes, {len(by_rate - by_count)} grew per unit of volume "
            "without doubling in count."
        )


CONTACT_OUTPUT_COLUMNS = (
    S.ID,
    S.DRIVER_ID,
    S.DRIVER_LABEL,
    S.OWNER_DEPARTMENT,
    S.DRIVER_CONFIDENCE,
    S.LANGUAGE,
    S.CHANNEL,
    S.CREATED_AT,
    S.CUSTOMER_ID,
    S.IS_REPEAT,
    S.IS_TRANSCRIPT,
    S.REASON_TEXT,
    S.CLEAN_TEXT,
    S.NOISE_REASON,
    S.THEME_ID,
    S.THEME_LABEL,
)


PRODUCTS_PER_DRIVER = 3
PRODUCT_MIN_CONTACTS = 2  # a name one contact of the driver mentions is no facet of it


def driver_products(texts: list[str], driver_col: list[str], names: Sequence[str], company: Sequence[str] = ()) -> dict[str, list[str]]:
    """Each driver's products: the brand, product, carrier and place names of the export
    (`PreparedTexts.brands`) and its product nouns (`embed.products.product_nouns`), all left
    out of discovery, that its contacts mention most, at most `PRODUCTS_PER_DRIVER`, each in
    `PRODUCT_MIN_CONTACTS` contacts or more, whatever its case, and more often in its contacts
    than in the export's (a name every driver's contacts mention, the company's or "SMS", tells
    no driver apart). Dates are not products (`label.stopwords.WHEN_AND_WHO`), nor the words of
    the company's own names (`company`, the catalogue's)."""
    from rootcause.embed.views import words_pattern
    from rootcause.label.stopwords import WHEN_AND_WHO

    left_out = set().union(*WHEN_AND_WHO.values()) | {w.lower() for name in company for w in name.split()}
    wanted = [n for n in names if not set(n.lower().split()) <= left_out]  # "Maison Vélin" as a whole too
    if not wanted:
        return {}
    pattern = words_pattern(wanted)
    counts: dict[str, Counter[str]] = {}
    written: dict[str, Counter[str]] = {}  # a name in any case ("TV", "tv") counts once, shown as most often written
    sizes: Counter[str] = Counter()
    for text, driver in zip(texts, driver_col, strict=True):
        if driver != S.UNASSIGNED:
            sizes[driver] += 1
            found = pattern.findall(text or "")
            for name in found:
                written.setdefault(name.lower(), Counter())[name] += 1
            counts.setdefault(driver, Counter()).update({name.lower() for name in found})
    shown = {key: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for key, c in written.items()}
    overall: Counter[str] = sum(counts.values(), Counter())
    n = sum(sizes.values())
    return {
        d: [
            shown[name]
            for name, k in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
            if k >= PRODUCT_MIN_CONTACTS and k * n > overall[name] * sizes[d]  # k / size > overall / n
        ][:PRODUCTS_PER_DRIVER]
        for d, c in counts.items()
    }


# List columns of free text, whose items may hold "; " themselves: a JSON array in CSV.
_JSON_LISTS = ("exemplars",)


def csv_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """CSV cannot hold lists: ids and keywords are joined with '; ', free texts are a JSON array."""
    lists = [c for c, t in frame.schema.items() if isinstance(t, pl.List)]
    return frame.with_columns(
        [
            pl.col(c).map_elements(lambda v: json.dumps(list(v), ensure_ascii=False), return_dtype=pl.Utf8)
            if c in _JSON_LISTS
            else pl.col(c).list.join("; ")
            for c in lists
        ]
    )


def write_outputs(
    result: AnalysisResult, out_dir: str | Path, *, report_language: str = "en", workbench_url: str | None = None
) -> dict[str, Path]:
    """Write the output contract into `out_dir` and return the written paths.

    `workbench_url`: the address of a `rootcause serve` whose workbench the report's drivers link to.
    """
    from rootcause.report import render_report

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    times = result.times if result.times is not None else StageTimes()
    paths: dict[str, Path] = {}
    with times.stage("Write outputs and report"):
        _write_tables(result, out, paths, report_language)
        paths["report"] = render_report(result, out / "report.html", language=report_language, workbench_url=workbench_url)
    summary = {**result.meta, **times.summary()}
    (out / "summary.json").write_text(json.dumps(summary, indent=2, default=str, ensure_ascii=False), encoding="utf-8")
    return paths


def _write_tables(result: AnalysisResult, out: Path, paths: dict[str, Path], report_language: str) -> None:
    if result.contact_parts is not None:  # a run fitted on a sample: texts joined chunk by chunk
        result.contact_parts.write(result.contacts, CONTACT_OUTPUT_COLUMNS, out / "contacts.csv", out / "contacts.parquet")
    else:
        contacts = result.contacts.select([c for c in CONTACT_OUTPUT_COLUMNS if c in result.contacts.columns])
        contacts.write_parquet(out / "contacts.parquet")
        csv_frame(contacts).write_csv(out / "contacts.csv")
    paths["contacts"] = out / "contacts.csv"
    result.drivers.write_parquet(out / "drivers.parquet")
    csv_frame(result.drivers).write_csv(out / "drivers.csv")
    paths["drivers"] = out / "drivers.csv"
    csv_frame(result.departments).write_csv(out / "departments.csv")
    paths["departments"] = out / "departments.csv"
    result.pareto.write_csv(out / "pareto.csv")
    result.weekly.write_csv(out / "weekly.csv")
    if result.rejects.height:
        result.rejects.write_csv(out / "rejects.csv")
        paths["rejects"] = out / "rejects.csv"
    elif (out / "rejects.csv").exists():
        (out / "rejects.csv").unlink()
    if result.warnings is not None and result.warnings.height:
        result.warnings.write_csv(out / "warnings.csv")
        paths["warnings"] = out / "warnings.csv"
    elif (out / "warnings.csv").exists():
        (out / "warnings.csv").unlink()
    paths["model"] = result.model.save(out / "model")
    from rootcause.review.queue import queue_for_result, queue_frame

    queue_frame(queue_for_result(result, language=report_language)).write_csv(out / "review_queue.csv")
    paths["review_queue"] = out / "review_queue.csv"
