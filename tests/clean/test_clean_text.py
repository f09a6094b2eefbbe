"""clean_text: HTML, quoted replies, signatures, web-form prefixes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rootcause.clean import clean_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>Ma box ne marche plus.</p><p>Cordialement,<br>Jean</p>", "Ma box ne marche plus."),
        ("a &amp; b &eacute;t&eacute;", "a & b été"),
        ("<div>Ligne 1<br/>Ligne 2</div>", "Ligne 1\nLigne 2"),
        ("<style>p {color: red}</style><p>Texte</p>", "Texte"),
        ("Motif: Facturation\nMessage: Ma facture est fausse", "Ma facture est fausse"),
        ("Nom : X\nMotif : Colis\nVotre message : Mon colis est perdu\nmerci", "Mon colis est perdu\nmerci"),
        ("Ma box\n\nEnvoyé de mon iPhone", "Ma box"),
        ("My card was declined.\n\nSent from my iPhone", "My card was declined."),
        ("Merci de corriger. Cordialement, Jean Dupont", "Merci de corriger."),
        ("Ma ligne coupe\n-- \nJean\n06 12 34 56 78", "Ma ligne coupe"),
        ("Problème de débit\n-----Original Message-----\nFrom: a\nSent: b", "Problème de débit"),
        ("Le remboursement\nDe : Service Client\nEnvoyé : lundi 5 janvier\nObjet : re", "Le remboursement"),
        ("Toujours rien\n> Bonjour, votre dossier est en cours\n> Cordialement", "Toujours rien"),
        ("With regards to my bill, it is wrong.\nRegards", "With regards to my bill, it is wrong."),
        ("Bien à vous\n", "Bien à vous"),  # only a sign-off: fall back rather than return ""
        ("  Trop   d'espaces\t\tici  \n\n\n et là ", "Trop d'espaces ici\net là"),
        ("Le technicien m'a écrit : rien", "Le technicien m'a écrit : rien"),  # not a reply header
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_french_reply_header_over_two_lines_is_cut():
    raw = (
        "Bonjour,\n\nJe n'ai pas reçu mon colis.\n\nCordialement,\nJean Dupont\n\n"
        "Le lun. 5 janv. 2026 à 10:00, Service Client <\nsupport@lumio.fr> a écrit :\n> Bonjour"
    )
    assert clean_text(raw) == "Bonjour,\nJe n'ai pas reçu mon colis."


def test_english_reply_header_is_cut():
    raw = "Still no refund.\n\nOn Mon, Jan 5, 2026 at 10:00 AM Support <s@x.com> wrote:\n> We are on it"
    assert clean_text(raw) == "Still no refund."


def test_json_transcript_is_left_valid():
    turns = [{"speaker": "agent", "text": "Bonjour"}, {"speaker": "customer", "text": "Cordialement"}]
    raw = "  " + json.dumps(turns, ensure_ascii=False) + "\n"
    assert json.loads(clean_text(raw)) == turns


def test_empty_input():
    assert clean_text("") == ""
    assert clean_text("   \n ") == ""


@given(st.text(min_size=1))
def test_never_empty_when_input_has_content(text):
    out = clean_text(text)
    if any(c.isalnum() for c in text) and "<" not in text and "&" not in text:
        assert out.strip()


def test_closing_formulas_cut_the_signature_names_below_them():
    # Regression: names under French closing formulas survived in clean_text.
    fr = "Ma facture de juin est fausse.\nDans l'attente de votre retour,\nSylvie Garnier"
    assert "Sylvie" not in clean_text(fr) and "facture" in clean_text(fr)
    formal = (
        "Je conteste les frais.\nVeuillez agréer, Madame, Monsieur, l'expression de mes salutations "
        "distinguées.\nGaëlle Robin"
    )
    assert "Gaëlle" not in clean_text(formal)
    assert clean_text("My refund never came.\nThanks in advance,\nTom Hardy") == "My refund never came."
    assert clean_text("Mon fauteuil se défait.\n\nBonne journée,\nAntoine Moreau") == "Mon fauteuil se défait."
    assert clean_text("My sofa is late.\nHave a nice day!\nSarah Smith") == "My sofa is late."
    assert "commande" in clean_text("Bonne journée à vous aussi, mais ma commande est en retard.")
