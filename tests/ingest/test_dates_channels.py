"""Date parsing and channel / language normalisation."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest

from rootcause.ingest.normalize import normalize_channel, normalize_language, parse_dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-05T10:03:00Z", datetime(2026, 1, 5, 10, 3)),
        ("2026-01-05T10:03:00+01:00", datetime(2026, 1, 5, 9, 3)),
        ("2026-01-05T10:03:00.123+0100", datetime(2026, 1, 5, 9, 3, 0, 123000)),
        ("2026-01-05T10:03:00+01", datetime(2026, 1, 5, 9, 3)),
        ("2026-01-05 10:03:00", datetime(2026, 1, 5, 10, 3)),
        ("2026-01-05 10:03", datetime(2026, 1, 5, 10, 3)),
        ("2026-01-05", datetime(2026, 1, 5)),
        ("05/01/2026 10:03", datetime(2026, 1, 5, 10, 3)),
        ("5/1/2026 9:03", datetime(2026, 1, 5, 9, 3)),
        ("05/01/2026", datetime(2026, 1, 5)),
        ("25/05/2026 12h58", datetime(2026, 5, 25, 12, 58)),
        ("05.01.2026 10:03", datetime(2026, 1, 5, 10, 3)),
        ("1767225600", datetime(2026, 1, 1)),
        ("1767225600000", datetime(2026, 1, 1)),
        ("Mon, 05 Jan 2026 10:00:00 +0100", datetime(2026, 1, 5, 9, 0)),
        ("not a date", None),
        ("31/31/2026", None),
        (None, None),
    ],
)
def test_parse_dates(value, expected):
    got = parse_dates(pl.DataFrame({"d": [value]}, schema={"d": pl.String}), "d")
    assert got.dtype == pl.Datetime("us")
    assert got[0] == expected


def test_month_first_column_detected_when_it_parses_more():
    got = parse_dates(pl.DataFrame({"d": ["01/13/2026 10:00 AM", "01/05/2026 01:00 PM"]}), "d")
    assert got.to_list() == [datetime(2026, 1, 13, 10), datetime(2026, 1, 5, 13)]


def test_day_first_is_the_default_for_ambiguous_columns():
    got = parse_dates(pl.DataFrame({"d": ["05/01/2026", "06/01/2026"]}), "d")
    assert got.to_list() == [datetime(2026, 1, 5), datetime(2026, 1, 6)]


def test_channel_normalisation():
    raw = ["Email", "mail", "Web", "webform", "form", "voice", "call", "telephone", "chat", "messaging",
           "whatsapp", "Twitter", "courrier", "fax", "", None, "Facebook Messenger"]
    expected = ["email", "email", "web_form", "web_form", "web_form", "phone", "phone", "phone", "chat", "chat",
                "chat", "social", "letter", "other", None, None, "social"]
    assert normalize_channel(pl.Series("c", raw)).to_list() == expected


def test_language_normalisation():
    got = normalize_language(pl.Series("l", ["FR", "fr-FR", "en_GB", "French", "anglais", "", None]))
    assert got.to_list() == ["fr", "fr", "en", "fr", "en", None, None]
