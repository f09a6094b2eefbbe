"""`read_contacts`: export files in, one canonical contacts frame plus rejects out."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from rootcause import schema
from rootcause.errors import BadInputError
from rootcause.ingest import dates as _dates
from rootcause.ingest.columns import ALIASES, resolve_mapping, with_constants
from rootcause.ingest.formats import ROW, RowProblem, encoding_note, read_raw
from rootcause.ingest.mapping import bind_file_mappings
from rootcause.ingest.normalize import DATE_FORMATS_HELP, normalize_channel, normalize_language, parse_dates

if TYPE_CHECKING:
    from rootcause.store.identifiers import Pseudonyms

OUTPUT_COLUMNS = (*schema.INPUT_COLUMNS, schema.SOURCE_FILE, schema.SOURCE_ROW)
OUTPUT_SCHEMA: dict[str, pl.DataType] = {
    c: (pl.Datetime("us") if c == schema.CREATED_AT else pl.String()) for c in OUTPUT_COLUMNS
}
REJECT_SCHEMA: dict[str, pl.DataType] = {c: pl.String() for c in schema.REJECT_COLUMNS}
WARNING_SCHEMA: dict[str, pl.DataType] = {c: pl.String() for c in schema.WARNING_COLUMNS}


@dataclass
class IngestResult:
    """What `read_contacts` read.

    Attributes
    ----------
    contacts : pl.DataFrame
        Columns `OUTPUT_COLUMNS` (schema.INPUT_COLUMNS + source_file + source_row),
        all strings except ``created_at`` (naive-UTC Datetime).
    rejects : pl.DataFrame
        Columns schema.REJECT_COLUMNS: one row per rejected input row, with the
        field at fault, the reason and the fix.
    n_read : int
        Data rows read, accepted or rejected.
    mappings : dict[str, dict[str, str]]
        Per source file, the ``{canonical: source_column}`` mapping used.
    notes : list[str]
        Things the user should know (generated ids…); not logged: the caller shows them.
    warnings : pl.DataFrame
        Columns schema.WARNING_COLUMNS: one row per accepted contact with a field that
        could not be used (an unreadable date: the contact is kept, undated). Never the
        value itself.
    """

    contacts: pl.DataFrame
    rejects: pl.DataFrame
    n_read: int
    mappings: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=WARNING_SCHEMA))


def read_contacts(
    paths: Sequence[str | Path],
    *,
    mapping: Mapping[str, str] | None = None,
    file_mappings: Mapping[str, Mapping[str, str]] | None = None,
    progress: bool = False,
    today: date | None = None,
    pseudonyms: Pseudonyms | None = None,
) -> IngestResult:
    """Read contact exports (CSV/TSV, Parquet, JSON, NDJSON) into one canonical frame.

    Parameters
    ----------
    paths : sequence of str or Path
        Files to read; their rows are concatenated in order.
    mapping : mapping, optional
        ``{canonical_column: source_column}`` for every file, overriding auto-detection
        (e.g. ``{"text": "Body"}``). Canonical columns are `schema.INPUT_COLUMNS`.
    file_mappings : mapping, optional
        ``{file: {canonical_column: source_column}}`` for one file each, overriding
        `mapping` field by field; a file is named by its path as given or its file name
        (`rootcause.ingest.mapping`).
    progress : bool, default False
        Print one line per file to stderr.
    today : date, optional
        The run's day (default: today, UTC): a date after it, or far before the rest of
        the export (`rootcause.ingest.dates`), leaves its contact undated, with a warning.
    pseudonyms : Pseudonyms, optional
        Contact, customer and order ids that look like personal data (an e-mail address, a
        phone number, a name) are replaced by their keyed pseudonym (``pid_…``), as the API
        stores them (`rootcause.store.identifiers`); None keeps them as read.

    Returns
    -------
    IngestResult

    Raises
    ------
    BadInputError
        No paths; a file that is unreadable, empty, of an unknown type or has no
        text column; a mapping naming a column or a file that does not exist.

    Examples
    --------
    >>> result = read_contacts(["tickets.csv"], mapping={"text": "Body"})  # doctest: +SKIP
    >>> result.contacts.columns[:3]  # doctest: +SKIP
    ['id', 'text', 'subject']
    >>> result = read_contacts(  # doctest: +SKIP
    ...     ["export_fr.csv", "export_en.csv"], file_mappings={"export_en.csv": {"text": "Customer words"}}
    ... )
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise BadInputError("No input files given. Fix: pass at least one CSV, Parquet, JSON or NDJSON file.")
    frames: list[pl.DataFrame] = []
    rejects: list[dict[str, str | None]] = []
    warnings: list[dict[str, str | None]] = []
    mappings: dict[str, dict[str, str]] = {}
    notes: list[str] = []
    seen_ids: dict[str, tuple[str, int, int]] = {}
    n_read = 0
    own_mappings = bind_file_mappings(paths, file_mappings)
    for p, own in zip(paths, own_mappings, strict=True):
        path = Path(p)
        raw, problems = read_raw(path)
        notes.extend(n for n in [encoding_note(path)] if n)
        n_read += raw.height + len(problems)
        rejects.extend(_problem_reject(str(p), pr) for pr in problems)
        wanted = {**(mapping or {}), **own}
        raw = with_constants(raw, wanted)
        frame, used, file_notes = _canonical(raw, path, str(p), wanted)
        if pseudonyms is not None:
            frame = pseudonyms.frame(frame)
        mappings[str(p)] = used
        notes.extend(file_notes)
        frame, file_rejects, file_warnings = _reject_rows(frame, raw, used, seen_ids)
        rejects.extend(file_rejects)
        warnings.extend(file_warnings)
        frames.append(frame)
        if progress:
            print(
                f"read {p}: {raw.height + len(problems)} rows, {frame.height} kept, "
                f"{len(file_rejects) + len(problems)} rejected",
                file=sys.stderr,
            )
    contacts = pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=OUTPUT_SCHEMA)
    contacts, date_warnings = undate_implausible(contacts, today=today)
    warnings.extend(date_warnings)
    warnings.sort(key=lambda r: (r[schema.SOURCE_FILE] or "", int(r[schema.SOURCE_ROW] or 0)))
    rejects.sort(key=lambda r: (r[schema.SOURCE_FILE] or "", int(r[schema.SOURCE_ROW] or 0)))
    reject_frame = pl.DataFrame(rejects, schema=REJECT_SCHEMA) if rejects else pl.DataFrame(schema=REJECT_SCHEMA)
    warning_frame = pl.DataFrame(warnings, schema=WARNING_SCHEMA) if warnings else pl.DataFrame(schema=WARNING_SCHEMA)
    return IngestResult(
        contacts=contacts, rejects=reject_frame, n_read=n_read, mappings=mappings, notes=notes, warnings=warning_frame
    )


def undate_implausible(
    contacts: pl.DataFrame, *, today: date | None = None, whole: bool = True, fence: datetime | None = None
) -> tuple[pl.DataFrame, list[dict[str, str | None]]]:
    """Contacts whose date is implausible made undated, and one warning for each (row, field, fix).

    `whole`: `contacts` is the whole export, so a date far before the rest is judged against
    its own dates; a chunk of an export (`whole=False`) is judged against `fence`, the export's
    (`ExportStream` learns it in its first pass), or for dates in the future only when None.
    """
    day = today or _dates.run_day()
    created = contacts.get_column(schema.CREATED_AT)
    future = (created > _dates.latest_plausible(day)).fill_null(False)
    if whole:
        fence = _dates.earliest_plausible(created.filter(~future))
    far_before = (
        (created < fence).fill_null(False) & ~future if fence is not None else pl.Series([False] * contacts.height, dtype=pl.Boolean)
    )
    if not bool((future | far_before).any()):
        return contacts, []
    files = contacts.get_column(schema.SOURCE_FILE).to_list()
    rows = contacts.get_column(schema.SOURCE_ROW).to_list()
    warnings = [future_warning(files[i], rows[i], day) for i in future.arg_true().to_list()]
    warnings += [far_before_warning(files[i], rows[i], fence) for i in far_before.arg_true().to_list()]  # type: ignore[arg-type]
    undated = pl.when(future | far_before).then(None).otherwise(created).alias(schema.CREATED_AT)
    return contacts.with_columns(undated), warnings


_DATE_FIX = "correct the date in the export (or map the right date column with --map FILE:created_at=COLUMN)"


def future_warning(source: str, row: str, day: date) -> dict[str, str | None]:
    """The warning for a contact dated after the run's day (kept, undated)."""
    reason = f"date after the run's day ({day.isoformat()}); the contact is kept, undated"
    return _date_warning(source, row, reason, _DATE_FIX)


def far_before_warning(source: str, row: str, fence: datetime) -> dict[str, str | None]:
    """The warning for a contact dated far before the rest of its export (kept, undated)."""
    reason = (
        f"date far before the rest of the export (before {fence.date().isoformat()}, three inter-quartile "
        "ranges below its lower quartile); the contact is kept, undated"
    )
    return _date_warning(source, row, reason, _DATE_FIX)


def _date_warning(source: str, row: str, reason: str, fix: str) -> dict[str, str | None]:
    return {schema.SOURCE_FILE: source, schema.SOURCE_ROW: row, "field": schema.CREATED_AT, "reason": reason, "fix": fix}


def _problem_reject(source: str, problem: RowProblem) -> dict[str, str | None]:
    return {
        schema.SOURCE_FILE: source,
        schema.SOURCE_ROW: str(problem.row),
        schema.ID: None,
        "field": "row",
        "reason": problem.reason,
        "fix": problem.fix,
    }


def _as_text(frame: pl.DataFrame, col: str) -> pl.Series:
    s = frame.get_column(col)
    if s.dtype != pl.String:
        s = s.cast(pl.String)
    s = s.str.strip_chars()
    return pl.select(pl.when(s == "").then(None).otherwise(s)).to_series()


def _canonical(
    raw: pl.DataFrame, path: Path, source: str, mapping: Mapping[str, str] | None, *, check_empty: bool = True
) -> tuple[pl.DataFrame, dict[str, str], list[str]]:
    columns = [c for c in raw.columns if c != ROW]
    used = resolve_mapping(columns, mapping, source=source)
    if schema.TEXT not in used:
        expected = ", ".join(ALIASES[schema.TEXT][:8])
        raise BadInputError(
            f"{source} has no text column: found columns {', '.join(map(repr, columns))}; expected one "
            f"named like {expected}. Fix: say which column holds the message with --map text=COLUMN."
        )
    notes: list[str] = []
    n = raw.height
    rows = raw.get_column(ROW)
    out: dict[str, pl.Series] = {}
    for col in schema.INPUT_COLUMNS:
        if col not in used:
            out[col] = pl.Series(col, [None] * n, dtype=OUTPUT_SCHEMA[col])
        elif col == schema.CREATED_AT:
            out[col] = parse_dates(raw, used[col])
        elif col == schema.TEXT:
            # Keep the raw text (clean does the cleaning); only whitespace-only becomes null.
            s = raw.get_column(used[col]).cast(pl.String)
            out[col] = pl.select(pl.when(s.str.strip_chars() == "").then(None).otherwise(s)).to_series()
        else:
            out[col] = _as_text(raw, used[col])
    if schema.CHANNEL in used:
        out[schema.CHANNEL] = normalize_channel(out[schema.CHANNEL])
    if schema.LANGUAGE in used:
        out[schema.LANGUAGE] = normalize_language(out[schema.LANGUAGE])
    generated = pl.Series([f"{path.stem}-{r}" for r in rows.to_list()], dtype=pl.String)
    if schema.ID not in used:
        out[schema.ID] = generated
        notes.append(f"{source} has no id column: ids were generated as '{path.stem}-<row>'. "
                     "Fix: --map id=COLUMN if the file has one under another name.")
    else:
        missing = int(out[schema.ID].is_null().sum())
        if missing:
            out[schema.ID] = out[schema.ID].fill_null(generated)
            notes.append(empty_ids_note(source, missing, path.stem))
    out[schema.SOURCE_FILE] = pl.Series([source] * n, dtype=pl.String)
    out[schema.SOURCE_ROW] = rows.cast(pl.String)
    frame = pl.DataFrame({c: out[c].alias(c) for c in OUTPUT_COLUMNS})
    text_empty = frame.get_column(schema.TEXT).is_null() & frame.get_column(schema.SUBJECT).is_null()
    if check_empty and n and bool(text_empty.all()):
        raise empty_text_error(source, used[schema.TEXT], n, columns)
    return frame, used, notes


def empty_ids_note(source: str, n: int, stem: str) -> str:
    """The note for rows of `source` whose id was empty (each is listed in warnings.csv)."""
    return (
        f"{source}: {n} row{'s' if n != 1 else ''} had an empty id; {'they were' if n != 1 else 'it was'} given "
        f"'{stem}-<row>' (the rows are listed in warnings.csv)."
    )


def empty_text_error(source: str, column: str, n: int, columns: list[str]) -> BadInputError:
    """A file whose text column is empty in every row: the wrong column was taken."""
    return BadInputError(
        f"{source}: the text column {column!r} is empty in all {n} rows. "
        f"Found columns {', '.join(map(repr, columns))}. Fix: --map text=COLUMN with the column "
        "that holds the message."
    )


MOSTLY_BAD = 0.5  # a date column failing on more than this share of its filled rows is the wrong column


def _check_date_column(raw_dates: pl.Series, bad: pl.Series, column: str, files: pl.Series, rows: pl.Series) -> None:
    """Stop when most dates of a column do not parse: that is a wrong column or format, not
    a few bad rows, and rejecting most of the export would bias every figure."""
    filled = int(raw_dates.is_not_null().sum())
    n_bad = int(bad.sum())
    if n_bad >= 10 and n_bad > MOSTLY_BAD * filled:
        # rows, never values: a wrongly mapped column may hold anything
        examples = ", ".join(str(r) for r in rows.filter(bad).head(3).to_list())
        raise BadInputError(
            f"{files[0]}: {n_bad} of {filled} values of the date column {column!r} are not dates (e.g. rows {examples}); "
            f"expected {DATE_FORMATS_HELP}. Map the column that holds the contact's date with "
            f"--map created_at=COLUMN (--map {files[0]}:created_at=COLUMN for this file alone), or fix the column's format."
        )


def _field_warnings(
    frame: pl.DataFrame, raw: pl.DataFrame, used: dict[str, str], kept: list[int]
) -> list[dict[str, str | None]]:
    """Warnings for kept contacts with an empty id (given one from the row) or a channel that is
    none of `schema.CHANNELS` nor a usual name of one (read as "other"); row and column, never the value."""
    out: list[dict[str, str | None]] = []
    files = frame.get_column(schema.SOURCE_FILE)
    rows = frame.get_column(schema.SOURCE_ROW)
    ids = frame.get_column(schema.ID)
    checks = []
    if schema.ID in used:
        empty = _as_text(raw, used[schema.ID]).is_null()
        checks.append((empty, schema.ID, f"empty id in {used[schema.ID]!r}; the contact was given the id '{{id}}'",
                       f"fill in {used[schema.ID]!r} (an id makes reruns and erasure find the contact)"))
    if schema.CHANNEL in used:
        given = _as_text(raw, used[schema.CHANNEL])
        unknown = given.is_not_null() & (frame.get_column(schema.CHANNEL) == "other") & (
            given.str.to_lowercase() != "other"
        )
        checks.append((unknown.fill_null(False), schema.CHANNEL, f"unknown channel in {used[schema.CHANNEL]!r}; "
                       f"read as 'other' (expected one of {', '.join(schema.CHANNELS)})",
                       "use one of those channels in the export, or leave the cell empty"))
    keep = set(kept)
    for mask, col, reason, fix in checks:
        for i in mask.arg_true().to_list():
            if i in keep:
                why = reason.replace("{id}", str(ids[i]))
                out.append({schema.SOURCE_FILE: files[i], schema.SOURCE_ROW: rows[i], "field": col, "reason": why, "fix": fix})
    return out


def _reject_rows(
    frame: pl.DataFrame,
    raw: pl.DataFrame,
    used: dict[str, str],
    seen_ids: dict[str, tuple[str, int, int]],
) -> tuple[pl.DataFrame, list[dict[str, str | None]], list[dict[str, str | None]]]:
    """Reject empty texts and duplicate ids (one reason per row); an unreadable date keeps its
    contact, undated, with a warning that names the row and the column, never the value."""
    reasons: list[tuple[str, str, str] | None] = [None] * frame.height
    text = frame.get_column(schema.TEXT)
    subject = frame.get_column(schema.SUBJECT)
    for i in (text.is_null() & subject.is_null()).arg_true().to_list():
        reasons[i] = (
            schema.TEXT,
            "empty text",
            f"fill in {used[schema.TEXT]!r}, or map the column that holds the message with --map text=COLUMN",
        )
    bad_dates: list[int] = []
    values: list[str | None] = []
    if schema.CREATED_AT in used:
        raw_dates = _as_text(raw, used[schema.CREATED_AT])
        values = raw_dates.to_list()
        bad = raw_dates.is_not_null() & frame.get_column(schema.CREATED_AT).is_null()
        _check_date_column(
            raw_dates, bad, used[schema.CREATED_AT], frame.get_column(schema.SOURCE_FILE), frame.get_column(schema.SOURCE_ROW)
        )
        bad_dates = bad.arg_true().to_list()
    ids = frame.get_column(schema.ID).to_list()
    files = frame.get_column(schema.SOURCE_FILE).to_list()
    rows = frame.get_column(schema.SOURCE_ROW).to_list()
    texts, subjects = text.to_list(), subject.to_list()
    for i, contact_id in enumerate(ids):
        if reasons[i] is not None:
            continue
        first = seen_ids.get(contact_id)
        said = hash((texts[i], subjects[i]))  # in this process only: is it the same contact again?
        if first is None:
            seen_ids[contact_id] = (files[i], int(rows[i]), said)
            continue
        where = f"row {first[1]}" if first[0] == files[i] else f"row {first[1]} of {first[0]}"
        reasons[i] = (
            schema.ID,
            f"duplicate id (first seen at {where})",
            "remove the repeated row, or map a unique id column with --map id=COLUMN"
            if first[2] == said
            else "another text under the same id, so another contact: give it its own id in the export, or map a "
            "unique id column with --map id=COLUMN",
        )
    rejects = [
        {
            schema.SOURCE_FILE: files[i],
            schema.SOURCE_ROW: rows[i],
            schema.ID: ids[i],
            "field": r[0],
            "reason": r[1],
            "fix": r[2],
        }
        for i, r in enumerate(reasons)
        if r is not None
    ]
    column = used.get(schema.CREATED_AT)
    kept = [i for i, r in enumerate(reasons) if r is None]
    notes = _field_warnings(frame, raw, used, kept)
    warnings = [
        {
            schema.SOURCE_FILE: files[i],
            schema.SOURCE_ROW: rows[i],
            "field": schema.CREATED_AT,
            "reason": (
                f"unparseable date in {column!r}: written as a date, it names no day of the calendar (a day or "
                "month out of range, such as the 31st of February); the contact is kept, undated"
                if _no_such_day(values[i])
                else f"unparseable date in {column!r}; expected {DATE_FORMATS_HELP}; the contact is kept, undated"
            ),
            "fix": "correct the date in the export, or map another date column with --map FILE:created_at=COLUMN",
        }
        for i in bad_dates
        if reasons[i] is None
    ]
    warnings = sorted([*warnings, *notes], key=lambda w: int(w[schema.SOURCE_ROW] or 0))
    keep = pl.Series([r is None for r in reasons], dtype=pl.Boolean)
    return frame.filter(keep), rejects, warnings


_NUMERIC_DATE = re.compile(r"\s*(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[ T].*)?\s*")


def _no_such_day(value: str | None) -> bool:
    """Whether `value` is written as a date (31/02/2026, 2026-13-01) but names no day, whichever
    order its day and month are in."""
    m = _NUMERIC_DATE.fullmatch(value or "")
    if m is None:
        return False
    a, b, c = (int(x) for x in m.groups())
    orders = [(a, b, c)] if len(m.group(1)) == 4 else [(c, b, a), (c, a, b)]  # (year, month, day)
    for year, month, day in orders:
        try:
            date(year if year > 99 else 2000 + year, month, day)
            return False
        except ValueError:
            continue
    return True
