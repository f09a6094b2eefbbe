"""Read one export file (CSV/TSV, Parquet, JSON, NDJSON) into a raw polars frame.

The raw frame keeps the file's own column names (nested JSON flattened with
dots, e.g. ``via.channel``) plus ``ROW`` (1-based data row). Rows that cannot be
read at all (a CSV row with the wrong number of fields, an NDJSON line that is
not a JSON object) come back as `RowProblem`s instead of stopping the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from rootcause.errors import BadInputError

ROW = "__row__"
SUPPORTED = (".csv", ".tsv", ".parquet", ".json", ".ndjson", ".jsonl")
# Keys that hold the record list in common API dumps (Zendesk, Freshdesk, Genesys…).
_LIST_KEYS = (
    "tickets", "results", "records", "data", "items", "conversations", "cases",
    "contacts", "interactions", "entities", "messages", "calls", "rows",
)  # fmt: skip
_MAX_DEPTH = 3


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be read; becomes a reject."""

    row: int
    reason: str
    fix: str


def check_path(path: Path) -> None:
    """A `BadInputError` unless `path` is a file of a supported type: said before any work."""
    ext = path.suffix.lower()
    if path.is_dir():
        raise BadInputError(f"Cannot read {path}: it is a folder. Fix: give the export files in it, e.g. {path}/*.csv.")
    if ext not in SUPPORTED:
        raise BadInputError(
            f"Cannot read {path}: unknown file type {ext or '(no extension)'!r}; expected one of "
            f"{', '.join(SUPPORTED)}. Fix: export the contacts as CSV, Parquet, JSON or NDJSON"
            " (e.g. save a spreadsheet as CSV UTF-8)."
        )
    if not path.is_file():
        raise BadInputError(f"Cannot read {path}: no such file. Fix: check the path.")


def read_raw(path: Path) -> tuple[pl.DataFrame, list[RowProblem]]:
    """Read `path` by extension into a raw frame plus the rows that could not be read.

    Raises
    ------
    BadInputError
        Unknown extension, unreadable, empty or malformed file.
    """
    check_path(path)
    ext = path.suffix.lower()
    if ext == ".parquet":
        return _read_parquet(path), []
    text = _read_text(path)
    if not text.strip():
        raise BadInputError(f"{path} is empty: expected a header and at least one contact. Fix: re-export it.")
    if ext in (".csv", ".tsv"):
        frame, problems = _read_csv(path, text, "\t" if ext == ".tsv" else _sniff_separator(text))
    elif ext == ".json":
        frame, problems = _read_json(path, text)
    else:
        frame, problems = _read_ndjson(text)
    if frame.height == 0 and not problems:
        raise BadInputError(f"{path} has no data rows (only a header or an empty list). Fix: re-export it.")
    return frame, problems


_BINARY_PROBE = 1 << 16  # bytes looked at for NUL bytes


def check_text(path: Path, head: bytes) -> None:
    """Stop on a file that is no text at all (an image, a spreadsheet saved as .csv): NUL bytes
    in its first bytes, where no UTF-8 or cp1252 text has any (UTF-16, which has, starts with its BOM)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head[:_BINARY_PROBE]:
        return
    raise BadInputError(
        f"{path} is not a CSV/text file: it holds binary data (NUL bytes), as an image, an archive or a "
        "spreadsheet does. Fix: export the contacts as CSV (UTF-8), Parquet, JSON or NDJSON; save a "
        "spreadsheet as 'CSV UTF-8' first."
    )


def encoding_note(path: Path) -> str | None:
    """What the user should know about how a text file was decoded: None for UTF-8 (and UTF-16
    with its BOM), a note for a file read as cp1252 (Excel's "CSV" on Windows)."""
    if path.suffix.lower() == ".parquet" or not path.is_file() or is_utf8(path):
        return None
    with path.open("rb") as fh:
        if fh.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            return None
    return (
        f"{path} is not UTF-8: it was read as Windows-1252 (cp1252, Excel's CSV). Check its accented "
        "letters in the outputs; if they are wrong, save it as 'CSV UTF-8' and run again."
    )


def is_utf8(path: Path) -> bool:
    """Whether the whole file decodes as UTF-8 (checked in blocks: memory stays small)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        head = fh.read(2)
        if head in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: read whole, as read_raw does
            return False
        fh.seek(0)
        try:
            while block := fh.read(_BINARY_PROBE * 16):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise BadInputError(f"Cannot read {path}: {err.strerror or err}. Fix: check the path and its permissions.") from err
    check_text(path, raw[:_BINARY_PROBE])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # Excel on Windows still writes cp1252 "CSV"; reading it beats refusing it (`encoding_note` says so).
        text = raw.decode("cp1252", errors="replace")
    return text.removeprefix("\ufeff")


def _sniff_separator(text: str) -> str:
    """The most frequent of , ; TAB | in the header line, outside quotes."""
    header, in_quotes = [], False
    for ch in text[:20_000]:
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == "\n" and not in_quotes:
            break
        elif not in_quotes:
            header.append(ch)
    counts = {sep: header.count(sep) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


def _read_csv(path: Path, text: str, sep: str) -> tuple[pl.DataFrame, list[RowProblem]]:
    try:
        frame = pl.read_csv(
            io.BytesIO(text.encode("utf-8")),
            separator=sep,
            infer_schema=False,
            quote_char='"',
        )
    except Exception:  # noqa: BLE001 - polars raises several types; the slow path explains the row
        return _read_csv_slow(path, text, sep)
    return _swallowed_rows(frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64)), sep)


def _shape(value: str) -> str:
    """A value's shape: digits as 9, letters as A ("CT-00012" -> "AA-99999")."""
    return re.sub(r"[^\W\d_]", "A", re.sub(r"\d", "9", value.strip()))


def _swallowed_rows(frame: pl.DataFrame, sep: str) -> tuple[pl.DataFrame, list[RowProblem]]:
    """Rows with a field that holds whole rows of the file: a double quote opened and not closed
    joins the lines after it into one field, until the next quote. Such a row is refused, so that
    the contacts it swallowed are not lost without a word."""
    fields = len(frame.columns) - 1
    if fields < 2:
        return frame, []
    first = frame.columns[0] if frame.columns[0] != ROW else frame.columns[1]
    # a line is a row of its own when it has a row's separators and starts with a value shaped
    # like the first column's ("CT-00012": AA-99999), which prose does not
    shapes = {_shape(v) for v in frame[first].drop_nulls().to_list()}

    def is_row(line: str) -> bool:
        return line.count(sep) >= fields - 1 and _shape(line.split(sep, 1)[0]) in shapes

    bad: dict[int, str] = {}
    for col in frame.columns:
        if col == ROW or frame[col].dtype != pl.String:
            continue
        for row, cell in frame.select(ROW, col).filter(pl.col(col).str.contains("\n")).iter_rows():
            swallowed = sum(is_row(line) for line in cell.split("\n")[1:])
            if swallowed and row not in bad:
                bad[row] = f"its field {col!r} holds {swallowed} line(s) that look like rows of their own"
    if not bad:
        return frame, []
    problems = [
        RowProblem(row, f"{why}: a double quote opened in this row and not closed joins the rows after it", "close or double the quote, then re-export")
        for row, why in sorted(bad.items())
    ]
    return frame.filter(~pl.col(ROW).is_in(list(bad))), problems


def _read_csv_slow(path: Path, text: str, sep: str) -> tuple[pl.DataFrame, list[RowProblem]]:
    """Row-by-row reader used when polars refuses the file, so one bad row costs one row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows: list[list[str]] = []
    lines: list[tuple[int, int]] = []  # the file lines each record spans
    try:
        for row in reader:
            first = lines[-1][1] + 1 if lines else 1
            rows.append(row)
            lines.append((first, reader.line_num))
    except csv.Error as err:
        raise BadInputError(f"Cannot parse {path} as CSV ({err}). Fix: check its quoting and re-export it.") from err
    if not rows:
        raise BadInputError(f"{path} is empty. Fix: re-export it.")
    header = _dedupe([h.strip() for h in rows[0]])
    problems: list[RowProblem] = []
    columns: dict[str, list[str | None]] = {h: [] for h in header}
    numbers: list[int] = []
    for n, row in enumerate(rows[1:], start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            first, last = lines[n]
            spans = (
                f"; it spans file lines {first}-{last}: a double quote opened on line {first} and not closed joins the lines after it"
                if last > first and len(row) < len(header) else ""
            )
            problems.append(
                RowProblem(
                    n,
                    f"malformed row: {len(row)} fields, expected {len(header)} (separator {sep!r}){spans}",
                    "quote fields that contain the separator or a line break, double a quote inside a quoted field, then re-export",
                )
            )
            continue
        numbers.append(n)
        for h, cell in zip(header, row):
            columns[h].append(cell if cell != "" else None)
    frame = pl.DataFrame(columns, schema={h: pl.String for h in header})
    frame, swallowing = _swallowed_rows(frame.with_columns(pl.Series(ROW, numbers, dtype=pl.Int64)), sep)
    return frame, sorted(problems + swallowing, key=lambda p: p.row)


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        name = name or "column"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _read_parquet(path: Path) -> pl.DataFrame:
    try:
        frame = pl.read_parquet(path)
    except Exception as err:  # noqa: BLE001 - polars/arrow raise many types for a bad file
        raise BadInputError(f"Cannot read {path} as Parquet ({type(err).__name__}: {err}). Fix: re-export it.") from err
    if frame.height == 0:
        raise BadInputError(f"{path} has no data rows. Fix: re-export it.")
    frame = _flatten_frame(frame)
    return frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))


def _flatten_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Unnest struct columns (``via.channel``) and turn list columns into JSON strings."""
    out: list[pl.Series] = []
    for series in frame.iter_columns():
        if isinstance(series.dtype, pl.Struct):
            inner = series.struct.unnest()
            inner = inner.rename({c: f"{series.name}.{c}" for c in inner.columns})
            out.extend(_flatten_frame(inner).iter_columns())
        elif isinstance(series.dtype, (pl.List, pl.Array)):
            values = [_cell(v) for v in series.to_list()]
            out.append(pl.Series(series.name, values, dtype=pl.String))
        else:
            out.append(series)
    return pl.DataFrame(out)


def _read_json(path: Path, text: str) -> tuple[pl.DataFrame, list[RowProblem]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # one object per line in a .json file
            return _read_ndjson(text)
        raise BadInputError(
            f"Cannot parse {path} as JSON: {err.msg} at line {err.lineno}, column {err.colno}. "
            "Fix: repair the file, or save it as .ndjson if it holds one object per line."
        ) from err
    records = _find_records(data)
    if records is None:
        found = f"an object with keys {', '.join(list(data)[:10])}" if isinstance(data, dict) else type(data).__name__
        raise BadInputError(
            f"{path}: expected a list of contact objects (or an object holding one, like "
            f'{{"tickets": [...]}}), found {found}. Fix: export the contacts as a JSON list or NDJSON.'
        )
    rows, problems = [], []
    for n, rec in enumerate(records, start=1):
        if isinstance(rec, dict):
            rows.append((n, rec))
        else:
            problems.append(RowProblem(n, f"not a JSON object: {type(rec).__name__}", "make each item an object"))
    return _records_frame(rows), problems


def _find_records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    lists = {k: v for k, v in data.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)}
    for key in _LIST_KEYS:
        if key in lists:
            return lists[key]
    if lists:
        return max(lists.values(), key=len)
    return None


def ndjson_line(n: int, line: str, rows: list[tuple[int, dict[str, Any]]], problems: list[RowProblem]) -> None:
    """Line `n` of an NDJSON export: its object joins `rows`, or why it cannot joins `problems`
    (a blank line is neither)."""
    if not line.strip():
        return
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as err:
        problems.append(RowProblem(n, f"invalid JSON line: {err.msg} at column {err.colno}", "repair or remove the line"))
        return
    if not isinstance(rec, dict):
        problems.append(RowProblem(n, f"not a JSON object: {type(rec).__name__}", "make each line one object"))
        return
    rows.append((n, rec))


def _read_ndjson(text: str) -> tuple[pl.DataFrame, list[RowProblem]]:
    rows: list[tuple[int, dict[str, Any]]] = []
    problems: list[RowProblem] = []
    for n, line in enumerate(text.splitlines(), start=1):
        ndjson_line(n, line, rows, problems)
    return _records_frame(rows), problems


def _records_frame(rows: list[tuple[int, dict[str, Any]]]) -> pl.DataFrame:
    """Column-wise build, so a key first seen after row 100 is not lost to schema inference."""
    flat = [_flatten(rec) for _, rec in rows]
    keys: dict[str, None] = {}
    for rec in flat:
        keys.update(dict.fromkeys(rec))
    columns = {k: [rec.get(k) for rec in flat] for k in keys}
    frame = pl.DataFrame(columns, schema={k: pl.String for k in keys})
    return frame.with_columns(pl.Series(ROW, [n for n, _ in rows], dtype=pl.Int64))


def _flatten(obj: dict[str, Any], prefix: str = "", depth: int = 0) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for key, value in obj.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and depth < _MAX_DEPTH:
            out.update(_flatten(value, name, depth + 1))
        else:
            out[name] = _cell(value)
    return out


def _cell(value: Any) -> str | None:
    """One JSON value as a string: turn lists (a transcript's turns) stay valid JSON."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "\n".join(value)
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
