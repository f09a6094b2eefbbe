"""Fixes files (YAML, JSON, CSV): checked field by field, departments against the catalogue, redacted."""

from __future__ import annotations

import json
from datetime import date

import pytest

from rootcause import prepare as _prepare
from rootcause.errors import BadInputError
from rootcause.review.fixes import load_fixes, make_fix

DEPARTMENTS = {"billing", "logistics", "network"}
GOOD = {"driver_id": "D003", "date": "2026-05-12", "description": "Refunds paid at scan", "department": "billing"}


@pytest.fixture(autouse=True)
def _no_ner(monkeypatch):
    """Real redaction of e-mails, phones and numbers, without loading spaCy (seconds)."""
    real = _prepare.redact_fields
    monkeypatch.setattr(_prepare, "redact_fields", lambda values, **o: real(values, **{**o, "names": False}))


def test_yaml_json_and_csv_files_give_the_same_fixes(tmp_path):
    (tmp_path / "f.yaml").write_text(
        "fixes:\n  - {driver_id: D003, date: 2026-05-12, description: Refunds paid at scan, department: billing,"
        " link: 'https://t.example.com/B-1', author: qa-lea}\n",
        encoding="utf-8",
    )
    (tmp_path / "f.json").write_text(json.dumps([{**GOOD, "link": "https://t.example.com/B-1", "author": "qa-lea"}]), encoding="utf-8")
    (tmp_path / "f.csv").write_text(
        "driver_id;date;description;department;link;author\nD003;2026-05-12;Refunds paid at scan;billing;https://t.example.com/B-1;qa-lea\n",
        encoding="utf-8-sig",
    )
    got = [load_fixes(tmp_path / n, departments=DEPARTMENTS) for n in ("f.yaml", "f.json", "f.csv")]
    for fixes in got:
        (fix,) = fixes
        assert (fix.driver_id, fix.date, fix.department, fix.link, fix.author) == (
            "D003", date(2026, 5, 12), "billing", "https://t.example.com/B-1", "qa-lea")


def test_an_unknown_department_is_refused_with_the_valid_list_and_the_entry(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("- {driver_id: D003, date: 2026-05-12, description: x, department: biling}\n", encoding="utf-8")
    with pytest.raises(BadInputError) as err:
        load_fixes(path, departments=DEPARTMENTS)
    msg = str(err.value)
    assert "entry 1" in msg and "'department'" in msg and "did you mean 'billing'" in msg
    assert "billing, logistics, network" in msg


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"date": "12/05/2026"}, "'date'.*YYYY-MM-DD"),
        ({"date": None}, "'date'"),
        ({"description": " "}, "'description'"),
        ({"driver_id": ""}, "'driver_id'"),
        ({"department": ""}, "'department'"),
        ({"link": "javascript:alert(1)"}, "'link'.*https://"),
        ({"colour": "red"}, r"Unknown fix field\(s\) \['colour'\]"),
        ({"description": "x" * 2001}, "2001 characters"),
    ],
)
def test_a_bad_field_is_named_with_its_fix(change, expected):
    with pytest.raises(BadInputError, match=expected):
        make_fix({**GOOD, **change}, departments=DEPARTMENTS)


def test_a_bad_csv_row_is_named_by_its_line(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("driver_id,date,description,department\nD1,2026-05-12,ok,billing\nD2,soon,ok,billing\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"f\.csv, row 3: .*'date'"):
        load_fixes(path, departments=DEPARTMENTS)


def test_free_text_is_redacted_when_read(tmp_path):
    path = tmp_path / "f.json"
    planted = {**GOOD, "description": "Called back jean.dupont@example.com on 06 12 34 56 78",
               "link": "https://t.example.com/search?email=jean.dupont@example.com"}
    path.write_text(json.dumps({"fixes": [planted]}), encoding="utf-8")
    (fix,) = load_fixes(path, departments=DEPARTMENTS)
    assert "jean.dupont@example.com" not in fix.description + fix.link
    assert "06 12 34 56 78" not in fix.description


def test_an_api_answer_saved_as_json_is_a_fixes_file(tmp_path):
    answer = [{**GOOD, "id": 4, "link": None, "author": "review-key", "created_at": "2026-05-12T10:00:00Z",
               "effect": {"verdict": "down", "summary": "…"}}]
    (tmp_path / "f.json").write_text(json.dumps(answer), encoding="utf-8")
    (fix,) = load_fixes(tmp_path / "f.json", departments=DEPARTMENTS)
    assert fix.id == 4 and fix.created_at.year == 2026


def test_a_missing_or_malformed_file_says_what_to_do(tmp_path):
    with pytest.raises(BadInputError, match="No fixes file"):
        load_fixes(tmp_path / "none.yaml")
    (tmp_path / "bad.yaml").write_text("- {driver_id: D1\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="not valid YAML.*line"):
        load_fixes(tmp_path / "bad.yaml")
    (tmp_path / "map.yaml").write_text("driver_id: D1\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="expected a list of fixes"):
        load_fixes(tmp_path / "map.yaml")
