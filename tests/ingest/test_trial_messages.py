"""Trial finding E: the messages a new user met on bad input name the row, the field and the fix."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from rootcause.errors import BadInputError
from rootcause.ingest import ExportStream, read_contacts

DATA = Path(__file__).parents[1] / "data"


@pytest.mark.parametrize("stream", [False, True])
def test_an_empty_id_is_listed_in_warnings_with_its_row(stream):
    """It said "1 rows had an empty id; they were given 'bad-<row>'", no row, nothing in warnings.csv."""
    if stream:
        got = ExportStream([DATA / "trial_bad.csv"], chunk_rows=7)
        list(got)
        notes, warnings = got.notes, got.warnings
    else:
        r = read_contacts([DATA / "trial_bad.csv"])
        notes, warnings = r.notes, r.warnings
    assert any("1 row had an empty id; it was given 'trial_bad-<row>'" in n for n in notes), notes
    ids = warnings.filter(pl.col("field") == "id")
    assert ids["source_row"].to_list() == ["45"]
    assert "trial_bad-45" in ids["reason"][0] and "fill in 'ticket_id'" in ids["fix"][0]


def test_an_unknown_channel_read_as_other_is_said():
    """channel "fax" silently became "other" (the API rejects it)."""
    r = read_contacts([DATA / "trial_bad.csv"])
    assert r.contacts.filter(pl.col("id") == "BAD-7")["channel"].to_list() == ["other"]
    channel = r.warnings.filter(pl.col("field") == "channel")
    assert channel["source_row"].to_list() == ["47"]
    assert "read as 'other'" in channel["reason"][0] and "fax" not in channel.write_csv()


def test_a_binary_file_is_not_a_csv_file(tmp_path):
    """A binary file said "has no text column: found columns '\\x00\\x01…'"."""
    for reader in (lambda p: read_contacts([p]), lambda p: list(ExportStream([p]))):
        with pytest.raises(BadInputError, match=r"is not a CSV/text file: it holds binary data") as err:
            reader(DATA / "trial_garbage.csv")
        assert "\\x00" not in str(err.value) and "Fix:" in str(err.value)


def test_a_cp1252_file_is_read_with_a_note_of_its_encoding():
    r = read_contacts([DATA / "latin1.csv"])
    assert r.contacts["text"][0] == "café crème"
    assert any("is not UTF-8: it was read as Windows-1252" in n for n in r.notes), r.notes
    stream = ExportStream([DATA / "latin1.csv"])
    list(stream)
    assert any("Windows-1252" in n for n in stream.notes)
    assert not any("Windows-1252" in n for n in read_contacts([DATA / "trial_bad.csv"]).notes)  # UTF-8: no note
