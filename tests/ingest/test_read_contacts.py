"""read_contacts: formats, column detection, normalisation and rejects."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from rootcause import schema
from rootcause.errors import BadInputError
from rootcause.ingest import OUTPUT_COLUMNS, read_contacts

DATA = Path(__file__).parents[1] / "data"


def _read(name: str, **kwargs):
    return read_contacts([DATA / name], **kwargs)


def _assert_output_schema(frame: pl.DataFrame) -> None:
    assert tuple(frame.columns) == OUTPUT_COLUMNS
    for col, dtype in frame.schema.items():
        if col == schema.CREATED_AT:
            assert isinstance(dtype, pl.Datetime) and dtype.time_zone is None
        else:
            assert dtype == pl.String, col


def test_semicolon_csv_with_bom_quoted_newlines_and_unicode():
    r = _read("contacts_semicolon_bom.csv")
    c = r.contacts
    _assert_output_schema(c)
    assert c[schema.ID].to_list() == ["T-001", "T-002", "T-003"]
    assert "ma facture de janvier est fausse ; merci" in c[schema.TEXT][0]
    assert "\n" in c[schema.TEXT][0]
    assert "📦" in c[schema.TEXT][1]
    assert c[schema.CHANNEL].to_list() == ["email", "web_form", "phone"]
    assert c[schema.LANGUAGE].to_list() == ["fr", "fr", "en"]
    assert c[schema.HANDLING_TEAM][0] == "Facturation"
    assert c[schema.CREATED_AT].to_list() == [
        datetime(2026, 1, 5, 10, 3),
        datetime(2026, 1, 6, 14, 30),  # dd/mm/yyyy
        datetime(2026, 1, 6, 0, 0),  # epoch seconds
    ]
    assert c[schema.SOURCE_ROW].to_list() == ["1", "2", "3"]
    assert r.n_read == 3 and r.rejects.height == 0
    # e-mail addresses are not a canonical column: they must not leak into the frame
    assert "requester_email" not in c.columns


def test_bad_rows_are_rejected_with_reason_field_and_fix():
    r = _read("bad_rows.csv")
    assert r.n_read == 7
    assert r.contacts[schema.ID].to_list() == ["A1", "A3", "A5", "A6"]
    rej = {row["source_row"]: row for row in r.rejects.iter_rows(named=True)}
    assert tuple(r.rejects.columns) == schema.REJECT_COLUMNS
    assert set(rej) == {"2", "4", "7"}
    assert rej["2"]["reason"] == "empty text" and rej["2"]["field"] == schema.TEXT
    assert rej["4"]["reason"] == "duplicate id (first seen at row 1)" and rej["4"]["id"] == "A1"
    assert "malformed row" in rej["7"]["reason"]
    assert all(row["fix"] for row in rej.values())
    # no date value at all is kept (null), only an unparseable one is rejected
    assert r.contacts.filter(pl.col(schema.ID) == "A5")[schema.CREATED_AT][0] is None
    # subject without description is kept: the pipeline joins subject and text
    assert r.contacts.filter(pl.col(schema.ID) == "A6")[schema.SUBJECT][0] == "Seulement un sujet"


def test_nothing_is_silently_dropped():
    r = _read("bad_rows.csv")
    assert r.contacts.height + r.rejects.height == r.n_read


def test_salesforce_export_detected():
    r = _read("salesforce_cases.csv")
    assert r.mappings[str(DATA / "salesforce_cases.csv")][schema.ID] == "CaseNumber"
    c = r.contacts
    assert c[schema.ID].to_list() == ["00001026", "00001027"]  # leading zeros kept
    assert c[schema.REASON_CODE].to_list() == ["Billing", "Network"]
    assert c[schema.CUSTOMER_ID][0] == "003A000001"
    assert c[schema.CREATED_AT][0] == datetime(2026, 1, 5, 9, 0)


def test_freshdesk_tsv_with_numeric_source():
    c = _read("freshdesk_export.tsv").contacts
    assert c[schema.ID].to_list() == ["501", "502"]
    assert c[schema.CHANNEL].to_list() == ["web_form", "email"]
    assert c[schema.HANDLING_TEAM].to_list() == ["Support N1", "Facturation"]


def test_zendesk_json_object_with_list_and_nested_via():
    r = _read("zendesk_tickets.json")
    c = r.contacts
    _assert_output_schema(c)
    assert c[schema.ID].to_list() == ["35436", "35437"]
    assert c[schema.CHANNEL].to_list() == ["web_form", "email"]
    assert c[schema.CUSTOMER_ID][0] == "20978392"
    # +01:00 converted to naive UTC
    assert c[schema.CREATED_AT][1] == datetime(2026, 1, 5, 10, 0)


def test_ndjson_transcript_turns_kept_as_json_and_bad_lines_rejected():
    r = _read("transcripts.ndjson")
    c = r.contacts
    assert c[schema.ID].to_list() == ["CALL-1", "CALL-2"]
    turns = json.loads(c[schema.TEXT][0])
    assert turns[1] == {"speaker": "customer", "text": "Bonjour, ma facture est trop élevée."}
    assert c[schema.HANDLING_TEAM].to_list() == ["Billing", "Network"]
    # source_row is the line number, blank line included
    assert c[schema.SOURCE_ROW].to_list() == ["1", "3"]
    reasons = r.rejects["reason"].to_list()
    assert any("invalid JSON" in x for x in reasons) and any("not a JSON object" in x for x in reasons)


def test_genesys_jsonl_epoch_ms_and_media_type():
    c = _read("genesys_conversations.jsonl").contacts
    assert c[schema.CHANNEL].to_list() == ["phone", "chat"]
    assert c[schema.CREATED_AT][1] == datetime(2026, 1, 5, 11, 0)
    assert c[schema.REASON_CODE][0] == "Billing question"


def test_parquet_with_struct_and_datetime(tmp_path):
    path = tmp_path / "export.parquet"
    pl.DataFrame(
        {
            "id": [1, 2],
            "body": ["Ma box est en panne", "Facture"],
            "created": [datetime(2026, 1, 5, 10), datetime(2026, 1, 6, 11)],
            "via": [{"channel": "voice"}, {"channel": "mail"}],
        }
    ).write_parquet(path)
    r = read_contacts([path])
    _assert_output_schema(r.contacts)
    assert r.contacts[schema.ID].to_list() == ["1", "2"]
    assert r.contacts[schema.CHANNEL].to_list() == ["phone", "email"]
    assert r.contacts[schema.CREATED_AT][1] == datetime(2026, 1, 6, 11)


def test_explicit_mapping_overrides_detection():
    r = _read(
        "custom_columns.csv",
        mapping={"id": "ref_interne", "text": "corps_du_message", "created_at": "date_demande",
                 "handling_team": "equipe_traitante"},
    )
    assert r.contacts[schema.TEXT][1] == "Je veux résilier"
    assert r.contacts[schema.CREATED_AT][0] == datetime(2026, 1, 5)


def test_mapping_to_missing_column_lists_available_columns():
    with pytest.raises(BadInputError, match=r"no column 'corps'.*corps_du_message"):
        _read("custom_columns.csv", mapping={"text": "corps"})


def test_the_suggested_mapping_is_quoted_for_a_shell(tmp_path):
    """Trial finding: the fix "--map text=Body of message" broke when pasted into a shell."""
    (tmp_path / "e.csv").write_text("id,Body of message\n1,hello\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="--map 'text=Body of message'"):
        read_contacts([tmp_path / "e.csv"], mapping={"text": "Body of mesage"})


def test_mapping_to_unknown_canonical_column():
    with pytest.raises(BadInputError, match="Unknown target column"):
        _read("custom_columns.csv", mapping={"body": "corps_du_message"})


def test_no_text_column_names_file_columns_and_fix():
    with pytest.raises(BadInputError) as err:
        _read("no_text.csv")
    msg = str(err.value)
    assert "no_text.csv" in msg and "'priority'" in msg and "--map text=COLUMN" in msg


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("empty.csv", "is empty"),
        ("header_only.csv", "no data rows"),
        ("broken.json", "Cannot parse .*broken.json as JSON"),
        ("unknown.xlsx", "unknown file type '.xlsx'"),
        ("does_not_exist.csv", "no such file"),
    ],
)
def test_unusable_files_raise_bad_input(name, pattern):
    with pytest.raises(BadInputError, match=pattern):
        _read(name)


def test_generated_ids_when_no_id_column(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("description\nun\ndeux\n", encoding="utf-8")
    r = read_contacts([path])
    assert r.contacts[schema.ID].to_list() == ["export-1", "export-2"]
    assert any("no id column" in n for n in r.notes)


def test_cp1252_file_is_read():
    assert _read("latin1.csv").contacts[schema.TEXT][0] == "café crème"


def test_duplicate_id_across_files_names_first_file(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("id,text\n1,un\n", encoding="utf-8")
    b.write_text("id,text\n2,deux\n1,encore un\n", encoding="utf-8")
    r = read_contacts([a, b])
    assert r.contacts[schema.ID].to_list() == ["1", "2"]
    assert r.rejects["reason"][0] == f"duplicate id (first seen at row 1 of {a})"
    # another text: another contact, so not "remove the repeated row" (an analyst trial)
    assert r.rejects["fix"][0].startswith("another text under the same id")
    b.write_text("id,text\n2,deux\n1,un\n", encoding="utf-8")
    assert read_contacts([a, b]).rejects["fix"][0].startswith("remove the repeated row")


def test_all_empty_text_column_is_an_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,description,notes\n1,,a\n2,  ,b\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="empty in all 2 rows"):
        read_contacts([path])


def test_no_paths():
    with pytest.raises(BadInputError, match="No input files"):
        read_contacts([])


def test_a_date_column_that_is_mostly_not_dates_stops_the_run(tmp_path):
    """`--map created_at=subject` must not quietly reject most of the export."""
    rows = ["id,subject,text"] + [f"T{i},Problème {i},ma box ne marche plus" for i in range(30)]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    with pytest.raises(BadInputError, match=r"30 of 30 values of the date column 'subject'.*--map created_at=COLUMN") as err:
        read_contacts([path], mapping={"created_at": "subject"})
    assert "Problème" not in str(err.value)  # rows, never values


def test_a_few_bad_dates_keep_their_contacts_undated_with_a_warning(tmp_path):
    rows = ["id,created_at,text"] + [f"T{i},2026-03-{i + 1:02d},ma box ne marche plus" for i in range(28)]
    rows += ["T98,31/31/2026,box en panne", "T99,hier,box en panne"]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    r = read_contacts([path])
    assert r.contacts.height == 30 and r.rejects.height == 0
    assert r.contacts.filter(pl.col(schema.ID).is_in(["T98", "T99"]))[schema.CREATED_AT].null_count() == 2
    assert tuple(r.warnings.columns) == schema.WARNING_COLUMNS
    assert r.warnings["source_row"].to_list() == ["29", "30"]
    assert set(r.warnings["field"]) == {schema.CREATED_AT}
    assert all("kept, undated" in x for x in r.warnings["reason"]) and all(r.warnings["fix"])
    # a date written as one that names no day says so (an analyst trial: "31/02/2026" was
    # "unparseable; expected dd/mm/yyyy", the very format it was in)
    assert "names no day of the calendar" in r.warnings["reason"][0] and "names no day" not in r.warnings["reason"][1]
    written = r.warnings.write_csv()
    assert "31/31/2026" not in written and "hier" not in written and "T98" not in written


def test_a_bad_date_in_a_rejected_row_gives_no_warning(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,created_at,text\nT1,31/31/2026,\nT2,hier,box en panne\n", encoding="utf-8")
    r = read_contacts([path])
    assert r.rejects["source_row"].to_list() == ["1"]  # empty text: rejected, nothing to warn about
    assert r.warnings["source_row"].to_list() == ["2"]


def test_an_unclosed_quote_that_swallows_rows_is_refused_with_its_reason(tmp_path):
    """Trial finding (session 17): a stray double quote joined the next rows into one contact's
    text without a word; that row is now refused and says why. A quoted text whose own lines
    hold commas (prose) is still read."""
    from rootcause.ingest.formats import read_raw

    rows = ["id,created_at,text"] + [f"C-{i:03d},2026-01-{1 + i % 28:02d},contact {i} text" for i in range(1, 31)]
    rows[19] = 'C-019,2026-01-20,"my quoted text, not closed'
    rows[24] = 'C-024,2026-01-25,"a field with a "" quote" ok'
    rows[5] = 'C-005,2026-01-06,"Hello, I wrote twice,\nthen again, and again, today,\nthanks"'
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    frame, problems = read_raw(bad)
    assert [p.row for p in problems] == [19]
    assert "rows of their own" in problems[0].reason and "quote" in problems[0].fix
    assert "C-005" in frame["id"].to_list() and "C-019" not in frame["id"].to_list()
