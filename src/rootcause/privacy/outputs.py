"""Take contacts out of the output folders of earlier runs (`rootcause analyze`, API refits).

An output folder is what `pipeline.write_outputs` wrote. A contact's traces there are its
row in ``contacts.*``, its text among its driver's exemplars in ``drivers.*`` (and so in
``report.html``), and its row in ``rejects.csv``. Counts (sizes, shares, weekly series)
stay as they were: they tell nothing about one person.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from rootcause import schema as S

log = logging.getLogger("rootcause.privacy")

_CONTACTS, _DRIVERS, _REJECTS = "contacts", "drivers", "rejects"
_EXEMPLARS = ("exemplar_ids", "exemplars")  # aligned lists: the id and the text of each exemplar


@dataclass
class Scrubbed:
    """What `scrub_folder` changed in one output folder."""

    folder: Path
    contacts: set[str] = field(default_factory=set)  # ids of the contacts taken out
    files: list[str] = field(default_factory=list)  # names of the files rewritten or removed


def output_folders(root: Path) -> list[Path]:
    """`root` and every folder under it that holds a run's ``contacts.parquet`` or ``contacts.csv``."""
    root = Path(root)
    if not root.is_dir():
        return []
    found = {p.parent for name in (f"{_CONTACTS}.parquet", f"{_CONTACTS}.csv") for p in root.rglob(name)}
    return sorted(found)


def scrub_folder(folder: Path, *, ids: Collection[str] = (), customers: Collection[str] = ()) -> Scrubbed:
    """Take the contacts with one of `ids`, or of one of `customers`, out of one output folder.

    The report is rendered again from the scrubbed tables; when it cannot be (a table is
    missing), it is deleted rather than left holding an erased contact's words.
    """
    folder = Path(folder)
    done = Scrubbed(folder)
    contacts = _load(folder, _CONTACTS)
    gone = {str(i) for i in ids}
    if contacts is not None and contacts.height:
        mask = pl.col(S.ID).cast(pl.Utf8).is_in(sorted(gone))
        if customers and S.CUSTOMER_ID in contacts.columns:
            mask = mask | pl.col(S.CUSTOMER_ID).cast(pl.Utf8).is_in(sorted(customers))
        mask = mask.fill_null(False)  # a contact without a customer id is no customer's: kept, not dropped by ~null
        erased = contacts.filter(mask)
        if erased.height:
            done.contacts = {str(v) for v in erased[S.ID].to_list()}
            gone |= done.contacts
            done.files += _save(folder, _CONTACTS, contacts.filter(~mask))
    if not gone:
        return done
    drivers = _load(folder, _DRIVERS)
    if drivers is not None and all(c in drivers.columns for c in _EXEMPLARS):
        kept = _without_exemplars(drivers, gone)
        if not kept.equals(_lists(drivers)):
            done.files += _save(folder, _DRIVERS, kept)
    rejects = _load(folder, _REJECTS)
    if rejects is not None and S.ID in rejects.columns:
        mask = pl.col(S.ID).cast(pl.Utf8).is_in(sorted(gone)).fill_null(False)
        if rejects.filter(mask).height:
            done.files += _save(folder, _REJECTS, rejects.filter(~mask))
    if done.files and (folder / "report.html").is_file():
        done.files.append(_render_again(folder))
    return done


def _load(folder: Path, name: str) -> pl.DataFrame | None:
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet.is_file():
        return pl.read_parquet(parquet)
    if csv.is_file():
        return pl.read_csv(csv, infer_schema=False)  # as written: strings in, the same strings out
    return None


def _save(folder: Path, name: str, frame: pl.DataFrame) -> list[str]:
    """Rewrite the formats of table `name` that the folder holds; returns the file names."""
    from rootcause.pipeline import csv_frame

    written = []
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet.is_file():
        frame.write_parquet(parquet)
        written.append(parquet.name)
    if csv.is_file():
        csv_frame(frame).write_csv(csv)
        written.append(csv.name)
    return written


def _lists(drivers: pl.DataFrame) -> pl.DataFrame:
    """Exemplar columns as lists, also when read from the CSV (ids joined by '; ', texts a JSON array)."""
    ids, texts = _EXEMPLARS
    if drivers.schema[ids] == pl.Utf8:
        drivers = drivers.with_columns(
            pl.col(ids).map_elements(lambda v: v.split("; ") if v else [], return_dtype=pl.List(pl.Utf8)),
            pl.col(texts).map_elements(lambda v: json.loads(v) if v else [], return_dtype=pl.List(pl.Utf8)),
        )
    return drivers


def _without_exemplars(drivers: pl.DataFrame, gone: set[str]) -> pl.DataFrame:
    drivers = _lists(drivers)
    ids, texts = _EXEMPLARS
    kept_ids, kept_texts = [], []
    for row_ids, row_texts in zip(drivers[ids].to_list(), drivers[texts].to_list(), strict=True):
        pairs = [(i, t) for i, t in zip(row_ids or [], row_texts or [], strict=False) if str(i) not in gone]
        kept_ids.append([i for i, _ in pairs])
        kept_texts.append([t for _, t in pairs])
    return drivers.with_columns(
        pl.Series(ids, kept_ids, dtype=pl.List(pl.Utf8)), pl.Series(texts, kept_texts, dtype=pl.List(pl.Utf8))
    )


_LANG = re.compile(r'<html[^>]*\blang="([a-z]{2})"')


def _render_again(folder: Path) -> str:
    """Render report.html again from the folder's tables; delete it when they are not all there."""
    from rootcause.report import render_report
    from rootcause.result import AnalysisResult

    report = folder / "report.html"
    match = _LANG.search(report.read_text(encoding="utf-8", errors="replace")[:2000])
    tables = {name: _load(folder, name) for name in (_CONTACTS, _DRIVERS)}
    # the report's own tables, with their numbers and weeks read back as such
    tables |= {
        name: pl.read_csv(folder / f"{name}.csv", try_parse_dates=True) if (folder / f"{name}.csv").is_file() else None
        for name in ("departments", "pareto", "weekly")
    }
    summary = folder / "summary.json"
    if any(t is None for t in tables.values()) or not summary.is_file():
        report.unlink()
        log.warning("A report could not be rendered again after an erasure (its tables are missing): it was deleted.")
        return report.name
    rejects = _load(folder, _REJECTS)
    result = AnalysisResult(
        contacts=tables[_CONTACTS],  # type: ignore[arg-type]
        drivers=_lists(tables[_DRIVERS]),  # type: ignore[arg-type]
        departments=tables["departments"],  # type: ignore[arg-type]
        pareto=tables["pareto"],  # type: ignore[arg-type]
        weekly=tables["weekly"],  # type: ignore[arg-type]
        rejects=rejects if rejects is not None else pl.DataFrame(),
        model=None,  # type: ignore[arg-type]  # the report does not read the model
        meta=json.loads(summary.read_text(encoding="utf-8")),
    )
    render_report(result, report, language=match.group(1) if match else "en")
    return report.name
