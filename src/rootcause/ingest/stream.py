"""Read exports chunk by chunk: memory bounded by the chunk, not by the export.

`ExportStream` yields the same canonical contacts as `read_contacts`, a chunk at a time,
with the same rejects (empty texts, duplicate ids across every file, unreadable rows) and
warnings, gathered as it goes. CSV/TSV are read in batches by polars' streaming engine,
NDJSON line by line, Parquet by row slices. A file that cannot be streamed is read whole and
then cut in chunks: a JSON list (it has to be parsed whole), a CSV that is not UTF-8 (Excel's
cp1252), or one polars refuses (a malformed row: the row-by-row reader names it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from rootcause import schema
from rootcause.errors import BadInputError
from rootcause.ingest.columns import resolve_mapping, with_constants
from rootcause.ingest.formats import (
    ROW,
    SUPPORTED,
    RowProblem,
    _flatten_frame,
    _records_frame,
    _sniff_separator,
    check_text,
    encoding_note,
    is_utf8,
    ndjson_line,
    read_raw,
)
from rootcause.ingest.mapping import bind_file_mappings
from rootcause.ingest.reader import (
    OUTPUT_SCHEMA,
    REJECT_SCHEMA,
    WARNING_SCHEMA,
    _canonical,
    _problem_reject,
    empty_ids_note,
    empty_text_error,
    _reject_rows,
    far_before_warning,
    undate_implausible,
)
from rootcause.ingest.dates import earliest_plausible

if TYPE_CHECKING:
    from rootcause.store.identifiers import Pseudonyms

DEFAULT_CHUNK_ROWS = 5_000
_EMPTY_IDS = re.compile(r"^(?P<source>.*): (?P<n>\d+) rows? had an empty id; .* given '(?P<stem>.*)-<row>'")


class ExportStream:
    """Contact exports as chunks of canonical contacts (`read_contacts`' columns).

    Iterate it for the accepted contacts, a frame of at most `chunk_rows` rows at a time
    (fewer at the end of each file); each iteration reads the files again from the start.
    After a full iteration, `rejects`, `warnings`, `n_read`, `n_accepted`, `n_chunks`,
    `mappings` and `notes` describe the whole export, as `read_contacts`' `IngestResult` does.

    Parameters
    ----------
    paths
        Export files (CSV, TSV, Parquet, JSON, NDJSON), read in order.
    mapping, file_mappings, pseudonyms, today
        As for `read_contacts`.
    chunk_rows
        Rows read at a time.
    since
        A date known to be plausible (an update's former contacts start there): the fence is
        never after it, so a re-exported older contact keeps its date.
    """

    def __init__(
        self,
        paths: Sequence[str | Path],
        *,
        mapping: Mapping[str, str] | None = None,
        file_mappings: Mapping[str, Mapping[str, str]] | None = None,
        chunk_rows: int = DEFAULT_CHUNK_ROWS,
        pseudonyms: Pseudonyms | None = None,
        today: date | None = None,
        since: datetime | None = None,
    ) -> None:
        if isinstance(paths, (str, Path)):
            paths = [paths]
        if not paths:
            raise BadInputError("No input files given. Fix: pass at least one CSV, Parquet, JSON or NDJSON file.")
        if chunk_rows < 1:
            raise BadInputError(f"chunk_rows={chunk_rows}; pass a positive number of rows.")
        self.paths = list(paths)
        self.mapping = dict(mapping or {})
        self.own = bind_file_mappings(self.paths, file_mappings)
        self.chunk_rows = chunk_rows
        self.pseudonyms = pseudonyms
        self.today = today
        # the lower fence of the export's dates (`rootcause.ingest.dates`): learnt in the first full
        # pass, which checks dates in the future only and lists the rows below it at its end
        self.fence: datetime | None = None
        self.since = since
        self._fenced = False
        self._reset()

    def _reset(self) -> None:
        self.n_read = 0
        self.n_accepted = 0
        self.n_chunks = 0  # frames yielded
        self.mappings: dict[str, dict[str, str]] = {}
        self._rejects: list[dict[str, str | None]] = []
        self._warnings: list[dict[str, str | None]] = []
        self._notes: dict[str, None] = {}
        self._empty_ids: dict[tuple[str, str], int] = {}
        self._dated: list[pl.DataFrame] = []  # first pass: each dated contact's date, file and row
        self.undated_at_end = 0  # contacts yielded dated by the first pass, then found below the fence

    def __iter__(self) -> Iterator[pl.DataFrame]:
        self._reset()
        seen_ids: dict[str, tuple[str, int, int]] = {}
        for p, own in zip(self.paths, self.own, strict=True):
            path, source = Path(p), str(p)
            wanted = {**self.mapping, **own}
            used: dict[str, str] | None = None
            columns: list[str] = []
            rows = with_text = 0  # a file whose text column is empty in every row is refused
            self._note([n for n in [encoding_note(path)] if n])
            for raw, problems in iter_raw(path, self.chunk_rows):
                self.n_read += raw.height + len(problems)
                self._rejects.extend(_problem_reject(source, pr) for pr in problems)
                if raw.height == 0:
                    continue
                raw = with_constants(raw, wanted)
                if used is None:  # the first chunk decides the file's columns, as a whole read would
                    columns = [c for c in raw.columns if c != ROW]
                    used = resolve_mapping(columns, wanted, source=source)
                    self.mappings[source] = used
                else:  # a key first seen in an earlier chunk of an NDJSON file
                    missing = [c for c in used.values() if c not in raw.columns]
                    raw = raw.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in missing])
                frame, _, notes = _canonical(raw, path, source, used if used else wanted, check_empty=False)
                if self.pseudonyms is not None:
                    frame = self.pseudonyms.frame(frame)
                rows += frame.height
                with_text += int((frame[schema.TEXT].is_not_null() | frame[schema.SUBJECT].is_not_null()).sum())
                self._note(notes)
                frame, rejects, warnings = _reject_rows(frame, raw, used, seen_ids)
                # a chunk is not the export: judged against the fence of the whole export once known
                frame, future = undate_implausible(frame, whole=False, fence=self.fence, today=self.today)
                if not self._fenced:
                    dated = frame.select(schema.CREATED_AT, schema.SOURCE_FILE, schema.SOURCE_ROW)
                    self._dated.append(dated.filter(pl.col(schema.CREATED_AT).is_not_null()))
                self._rejects.extend(rejects)
                self._warnings.extend(warnings)
                self._warnings.extend(future)
                self.n_accepted += frame.height
                if frame.height:
                    self.n_chunks += 1
                    yield frame
            if rows and not with_text and used is not None:
                raise empty_text_error(source, used[schema.TEXT], rows, columns)
        if not self._fenced:
            self._learn_fence()

    def _learn_fence(self) -> None:
        """After the first full pass: the export's lower fence, and a warning for each contact below it
        (`undated_at_end` of them, yielded dated by this pass; later passes yield them undated)."""
        dated = pl.concat(self._dated) if self._dated else pl.DataFrame(schema={schema.CREATED_AT: pl.Datetime("us")})
        self._dated = []
        self.fence, self._fenced = earliest_plausible(dated.get_column(schema.CREATED_AT)), True
        if self.fence is None:
            return
        if self.since is not None:
            self.fence = min(self.fence, self.since)
        late = dated.filter(pl.col(schema.CREATED_AT) < self.fence)
        self.undated_at_end = late.height
        self._warnings.extend(
            far_before_warning(f, r, self.fence) for f, r in zip(late[schema.SOURCE_FILE], late[schema.SOURCE_ROW], strict=True)
        )

    def _note(self, notes: list[str]) -> None:
        for note in notes:
            m = _EMPTY_IDS.match(note)
            if m:  # one note per file, not one per chunk
                key = (m["source"], m["stem"])
                self._empty_ids[key] = self._empty_ids.get(key, 0) + int(m["n"])
            else:
                self._notes.setdefault(note)

    @property
    def notes(self) -> list[str]:
        """What the user should know (generated ids…), once per file."""
        counted = [empty_ids_note(source, n, stem) for (source, stem), n in self._empty_ids.items()]
        return [*self._notes, *counted]

    @property
    def rejects(self) -> pl.DataFrame:
        """Rows that could not be used (schema.REJECT_COLUMNS), by file and row."""
        rows = sorted(self._rejects, key=lambda r: (r[schema.SOURCE_FILE] or "", int(r[schema.SOURCE_ROW] or 0)))
        return pl.DataFrame(rows, schema=REJECT_SCHEMA) if rows else pl.DataFrame(schema=REJECT_SCHEMA)

    @property
    def warnings(self) -> pl.DataFrame:
        """Contacts kept with a field that could not be used (schema.WARNING_COLUMNS)."""
        rows = sorted(self._warnings, key=lambda r: (r[schema.SOURCE_FILE] or "", int(r[schema.SOURCE_ROW] or 0)))
        return pl.DataFrame(rows, schema=WARNING_SCHEMA) if rows else pl.DataFrame(schema=WARNING_SCHEMA)

    @property
    def empty(self) -> pl.DataFrame:
        """A contacts frame with no rows (`read_contacts`' columns)."""
        return pl.DataFrame(schema=OUTPUT_SCHEMA)


def count_rows(paths: Sequence[str | Path]) -> int:
    """Data rows in the exports, read or not (what decides whether a run fits on a sample).

    Cheap for CSV, NDJSON and Parquet (no row is parsed into contacts); a file that cannot be
    streamed is read whole once.
    """
    total = 0
    for p in paths:
        path = Path(p)
        ext = path.suffix.lower()
        if ext in (".csv", ".tsv") and path.is_file() and is_utf8(path):
            try:
                total += int(_scan_csv(path).select(pl.len()).collect().item())
                continue
            except Exception:  # noqa: BLE001 - polars refuses the file: count what the reader reads
                pass
        if ext in (".ndjson", ".jsonl") and path.is_file():
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
            continue
        if ext == ".parquet" and path.is_file():
            try:
                total += int(pl.scan_parquet(path).select(pl.len()).collect().item())
                continue
            except Exception:  # noqa: BLE001 - read_raw names the problem
                pass
        raw, problems = read_raw(path)
        total += raw.height + len(problems)
    return total


def iter_raw(path: Path, chunk_rows: int) -> Iterator[tuple[pl.DataFrame, list[RowProblem]]]:
    """The raw frame of `path` (its own columns plus ``ROW``) in chunks, with the rows of
    each chunk that could not be read (`formats.read_raw`'s checks and messages)."""
    ext = path.suffix.lower()
    if ext not in SUPPORTED or not path.is_file():
        yield read_raw(path)  # raises the reader's message
        return
    if ext != ".parquet":
        with path.open("rb") as fh:
            check_text(path, fh.read(1 << 16))
    if ext in (".csv", ".tsv") and is_utf8(path):
        yield from _csv_chunks(path, chunk_rows)
    elif ext in (".ndjson", ".jsonl") and is_utf8(path):
        yield from _ndjson_chunks(path, chunk_rows)
    elif ext == ".parquet":
        yield from _parquet_chunks(path, chunk_rows)
    else:
        yield from _sliced(*read_raw(path), chunk_rows)


def _sliced(frame: pl.DataFrame, problems: list[RowProblem], chunk_rows: int) -> Iterator[tuple[pl.DataFrame, list[RowProblem]]]:
    """A frame read whole, in chunks; its unreadable rows go with the first chunk."""
    for start in range(0, max(frame.height, 1), chunk_rows):
        yield frame.slice(start, chunk_rows), problems if start == 0 else []


def _separator(path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    with path.open(encoding="utf-8", errors="replace") as fh:
        return _sniff_separator(fh.read(20_000).removeprefix("\ufeff"))


def _scan_csv(path: Path) -> pl.LazyFrame:
    return pl.scan_csv(path, separator=_separator(path), infer_schema=False, quote_char='"')


def _csv_chunks(path: Path, chunk_rows: int) -> Iterator[tuple[pl.DataFrame, list[RowProblem]]]:
    done = 0  # rows already handed out: a fallback after a bad row goes on from there
    try:
        for batch in _scan_csv(path).collect_batches(chunk_size=chunk_rows):
            if batch.height == 0:
                continue
            rows = pl.int_range(done + 1, done + 1 + batch.height, dtype=pl.Int64, eager=True).alias(ROW)
            done += batch.height
            yield batch.with_columns(rows), []
    except Exception:  # noqa: BLE001 - polars refuses a row: the row-by-row reader explains it
        frame, problems = read_raw(path)
        frame = frame.filter(pl.col(ROW) > done)
        yield from _sliced(frame, [p for p in problems if p.row > done], chunk_rows)
        return
    if done == 0:
        yield read_raw(path)  # a header alone: the reader's "no data rows" message


def _ndjson_chunks(path: Path, chunk_rows: int) -> Iterator[tuple[pl.DataFrame, list[RowProblem]]]:
    rows: list[tuple[int, dict[str, object]]] = []
    problems: list[RowProblem] = []
    any_line = False
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if n == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            any_line = True
            ndjson_line(n, line, rows, problems)
            if len(rows) >= chunk_rows:
                yield _records_frame(rows), problems
                rows, problems = [], []
    if not any_line:
        raise BadInputError(f"{path} is empty: expected a header and at least one contact. Fix: re-export it.")
    if rows or problems:
        yield _records_frame(rows), problems


def _parquet_chunks(path: Path, chunk_rows: int) -> Iterator[tuple[pl.DataFrame, list[RowProblem]]]:
    try:
        scan = pl.scan_parquet(path)
        n = int(scan.select(pl.len()).collect().item())
    except Exception:  # noqa: BLE001 - read_raw names the problem
        yield read_raw(path)
        return
    if n == 0:
        yield read_raw(path)  # the reader's "no data rows" message
        return
    for start in range(0, n, chunk_rows):
        frame = _flatten_frame(scan.slice(start, chunk_rows).collect())
        rows = pl.int_range(start + 1, start + 1 + frame.height, dtype=pl.Int64, eager=True).alias(ROW)
        yield frame.with_columns(rows), []
