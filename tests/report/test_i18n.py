"""Report text and number formats per language."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rootcause.errors import ConfigError
from rootcause.report.i18n import STRINGS, Formatter


def test_both_languages_have_the_same_strings():
    assert set(STRINGS["en"]) == set(STRINGS["fr"])


@pytest.mark.parametrize("key", sorted(STRINGS["en"]))
def test_placeholders_match_across_languages(key):
    import string

    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    assert fields(STRINGS["en"][key]) == fields(STRINGS["fr"][key])


def test_french_numbers():
    fmt = Formatter("fr")
    assert fmt.int(1234) == "1\u202f234"
    assert fmt.int(1234567) == "1\u202f234\u202f567"
    assert fmt.pct(0.125) == "12,5\u00a0%"
    assert fmt.signed_pct(0.8) == "+80\u00a0%"
    assert fmt.target("50") == "50\u00a0%"


def test_english_numbers():
    fmt = Formatter("en")
    assert fmt.int(1234) == "1,234"
    assert fmt.pct(0.125) == "12.5%"
    assert fmt.signed_pct(-0.05) == "−5%"
    assert fmt.signed_pct(0.0) == "0%"


def test_missing_numbers_show_a_dash():
    fmt = Formatter("en")
    assert fmt.int(None) == "–"
    assert fmt.pct(float("nan")) == "–"
    assert fmt.pct(True) == "–"


def test_dates():
    assert Formatter("fr").date(date(2025, 3, 3)) == "3 mars 2025"
    assert Formatter("en").date(datetime(2025, 3, 3, 12)) == "3 Mar 2025"
    assert Formatter("en").date("2025-02-10T08:00:00") == "10 Feb 2025"
    assert Formatter("en").date(None) == "–"
    assert Formatter("en").date("not a date") == "–"


def test_unknown_language_names_the_valid_ones():
    with pytest.raises(ConfigError, match="expected one of en, fr"):
        Formatter("es")
