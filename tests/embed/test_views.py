"""A contact's vector and the export's words view (`rootcause.embed.views`)."""

from __future__ import annotations

import numpy as np
import pytest

from rootcause.embed import get_embedder
from rootcause.errors import BadInputError
from rootcause.embed.views import contact_vectors, export_words


def test_contact_vector_at_weight_one_is_the_normalised_mean_of_both_views():
    emb = get_embedder("fake")
    reason, whole = ["refund missing"], ["refund missing since the return was never scanned"]
    got = contact_vectors(emb, reason, whole, reason_weight=1.0)
    want = emb.encode(reason) + emb.encode(whole)
    assert np.allclose(got, want / np.linalg.norm(want, axis=1, keepdims=True), atol=1e-6)
    assert np.allclose(contact_vectors(emb, reason, reason), emb.encode(reason), atol=1e-6)


def test_the_reason_weighs_what_it_is_given_beside_the_whole_text(monkeypatch):
    from rootcause.embed import views

    emb = get_embedder("fake")
    reason, whole = ["refund missing"], ["refund missing since the return was never scanned"]
    r, w = emb.encode(reason), emb.encode(whole)
    want = 0.25 * r + w
    got = contact_vectors(emb, reason, whole, reason_weight=0.25)
    assert np.allclose(got, want / np.linalg.norm(want, axis=1, keepdims=True), atol=1e-6)
    assert not np.allclose(got, contact_vectors(emb, reason, whole, reason_weight=1.0), atol=1e-3)
    monkeypatch.setattr(views, "REASON_WEIGHT", 0.25)  # the default is the module's weight
    assert np.allclose(contact_vectors(emb, reason, whole), got, atol=1e-6)
    # a one-line form (its reason is its whole text) is that text's embedding at any weight
    assert np.allclose(contact_vectors(emb, reason, reason, reason_weight=0.25), r, atol=1e-6)


def test_contact_vectors_need_one_exchange_per_reason():
    with pytest.raises(BadInputError, match="one of each"):
        contact_vectors(get_embedder("fake"), ["a", "b"], ["a"])


def test_export_words_weigh_the_words_that_set_contacts_apart():
    emb = get_embedder("fake")
    texts = [f"train {w} again" for w in ["refund", "refund", "delay", "delay", "fine", "fine"]] + ["train"] * 4
    W = export_words(texts, ["en"] * len(texts), emb)
    assert W is not None and W.shape == (10, emb.encode(["x"]).shape[1])
    # two refund contacts meet; a refund and a delay contact do not ("train" is in every one)
    assert W[0] @ W[1] > W[0] @ W[2] + 0.3


def test_export_words_is_none_when_nothing_is_shared():
    assert export_words(["a b", "c d", "e f"], ["en"] * 3, get_embedder("fake")) is None
    assert export_words(["x"], ["en"], get_embedder("fake")) is None


def test_without_words_leaves_brand_names_out_of_what_drivers_are_found_from():
    from rootcause.embed.views import without_words

    texts = ["Mon colis Colissimo est perdu", "my Chronopost parcel never came", "Colissimo-Suivi bug", "ça ne marche plus"]
    assert without_words(texts, {"Colissimo", "Chronopost", "Plus"}) == [
        "Mon colis est perdu", "my parcel never came", "Colissimo-Suivi bug", "ça ne marche plus"
    ]
    assert without_words(texts, ()) == texts
