"""`ExportStream` reads, chunk by chunk, exactly what `read_contacts` reads whole."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from rootcause import schema as S
from rootcause.errors import BadInputError
from rootcause.ingest import ExportStream, count_rows, read_contacts

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def _same(paths: list[Path], chunk_rows: int, **kwargs: object) -> None:
    whole = read_contacts(paths, **kwargs)
    stream = ExportStream(paths, chunk_rows=chunk_rows, **kwargs)
    chunks = list(stream)
    assert all(c.height <= chunk_rows for c in chunks)
    streamed = pl.concat(chunks) if chunks else stream.empty
    assert streamed.equals(whole.contacts)
    assert stream.rejects.equals(whole.rejects)
    assert stream.warnings.equals(whole.warnings)
    assert (stream.n_read, stream.n_accepted, stream.mappings, stream.notes) == (
        whole.n_read, whole.contacts.height, whole.mappings, whole.notes,
    )  # fmt: skip
    assert count_rows(paths) == whole.n_read


@pytest.mark.parametrize(
    "name",
    [
        "bad_rows.csv",  # malformed rows: polars refuses the file, the row-by-row reader names them
        "contacts_semicolon_bom.csv",
        "custom_columns.csv",
        "freshdesk_export.tsv",
        "genesys_conversations.jsonl",
        "latin1.csv",  # not UTF-8: read whole, then cut
        "pii_cases.json",  # a JSON list: parsed whole, then cut
        "salesforce_cases.csv",
        "transcripts.ndjson",
        "zendesk_tickets.json",
    ],
)
def test_chunks_hold_what_the_whole_read_holds(name):
    _same([DATA / name], chunk_rows=2)


def test_the_bundled_sample_in_chunks_of_any_size():
    paths = [SAMPLES / "contacts.csv", SAMPLES / "transcripts.ndjson"]
    for chunk_rows in (1, 7, 100, 10_000):
        _same(paths, chunk_rows=chunk_rows)


def test_a_duplicate_id_in_a_later_chunk_is_rejected_naming_the_first(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("id,text\nA,first\nB,second\nC,third\nA,again\n", encoding="utf-8")
    stream = ExportStream([path], chunk_rows=2)
    ids = [i for chunk in stream for i in chunk[S.ID].to_list()]
    assert ids == ["A", "B", "C"]
    reject = stream.rejects.row(0, named=True)
    assert (reject[S.SOURCE_ROW], reject["field"]) == ("4", S.ID)
    assert "first seen at row 1" in reject["reason"]


def test_parquet_is_read_in_slices(tmp_path):
    frame = pl.DataFrame(
        {
            "ticket_id": [f"T{i}" for i in range(7)],
            "description": [f"parcel {i} never arrived" for i in range(7)],
            "via": [{"channel": "email"}] * 7,  # nested: flattened to via.channel
        }
    )
    frame.write_parquet(tmp_path / "export.parquet")
    _same([tmp_path / "export.parquet"], chunk_rows=3)


def test_empty_ids_are_counted_once_per_file(tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text("id,text\n,one\n,two\nX,three\n,four\n,five\n", encoding="utf-8")
    stream = ExportStream([path], chunk_rows=2)
    list(stream)
    assert stream.notes == [f"{path}: 4 rows had an empty id; they were given 'ids-<row>' (the rows are listed in warnings.csv)."]
    assert stream.warnings.filter(pl.col("field") == "id")["source_row"].to_list() == ["1", "2", "4", "5"]


def test_an_ndjson_line_that_is_not_json_is_a_reject_with_its_line(tmp_path):
    path = tmp_path / "x.ndjson"
    lines = [json.dumps({"id": str(i), "text": f"text {i}"}) for i in range(4)]
    lines.insert(2, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stream = ExportStream([path], chunk_rows=2)
    assert sum(c.height for c in stream) == 4
    assert stream.rejects[S.SOURCE_ROW].to_list() == ["3"]
    _same([path], chunk_rows=2)


def test_files_that_cannot_be_read_fail_as_the_whole_reader_does(tmp_path):
    for name in ("empty.csv", "header_only.csv", "no_text.csv", "unknown.xlsx"):
        with pytest.raises(BadInputError) as whole:
            read_contacts([DATA / name])
        with pytest.raises(BadInputError) as streamed:
            list(ExportStream([DATA / name], chunk_rows=2))
        assert str(streamed.value) == str(whole.value)
    with pytest.raises(BadInputError, match="positive number of rows"):
        ExportStream([DATA / "custom_columns.csv"], chunk_rows=0)
