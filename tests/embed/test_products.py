"""product_nouns: the nouns that name what was bought, not what went wrong with it."""

import pytest

from rootcause.attribute import load_catalogue
from rootcause.attribute.owner import fit_contact_owners
from rootcause.embed import get_embedder
from rootcause.embed.centering import LanguageCentering
from rootcause.embed.products import catalogue_words, export_nouns, product_nouns
from rootcause.embed.views import contact_vectors

from handmade import EN, FR, PRODUCT_CATALOGUE as CATALOGUE, product_export as _export

def _find(texts, languages, catalogue_yaml, tmp_path, embedder="use-multilingual-v3"):
    path = tmp_path / "departments.yaml"
    path.write_text(catalogue_yaml, encoding="utf-8")
    catalogue = load_catalogue(path)
    enc = get_embedder(embedder)
    vectors = lambda r, w: contact_vectors(enc, r, w)  # noqa: E731
    X = vectors(texts, texts)
    centering = LanguageCentering().fit(X, languages)
    return product_nouns(texts, texts, languages, X, vectors, centering.transform, catalogue, fit_contact_owners(catalogue, X, enc.encode))


def test_export_nouns_lemmas_and_forms():
    nouns, forms = export_nouns([["The fridges arrived late", "Thanks"], ["Le canapé est abîmé"]], ["en", "fr"])
    assert "fridge" in nouns[0] and "canape" in nouns[1]
    assert {"fridges", "Fridges"} <= forms["fridge"] and "canapé" in forms["canape"]


def test_catalogue_words_are_folded():
    from rootcause.attribute.catalogue import Catalogue, Department

    words = catalogue_words(Catalogue([Department("sav", "Après-vente", "Réparations sous garantie", ("SAV",))]))
    assert {"apres-vente", "reparations", "garantie", "sav"} <= words and "sous" in words


@pytest.mark.integration
@pytest.mark.parametrize("catalogue", [EN, FR], ids=["en catalogue", "fr catalogue"])
def test_a_noun_over_every_problem_is_a_product_the_problems_are_not(catalogue, tmp_path):
    texts, languages = _export(["fridge", "sofa", "kettle"], ["réfrigérateur", "canapé", "aspirateur"])
    found = {w.lower() for w in _find(texts, languages, CATALOGUE.format(**catalogue), tmp_path)}
    assert {"fridge", "sofa", "kettle"} <= found and {"réfrigérateur", "canapé", "aspirateur"} <= found
    # what went wrong stays, whichever language the catalogue is written in
    assert not found & {"delivery", "livraison", "repair", "réparation", "warranty", "garantie", "password", "passe", "invoice", "facture"}


@pytest.mark.integration
def test_a_product_the_catalogue_names_is_where_reasons_live(tmp_path):
    """A noun the catalogue spells out (a bank's "card") is where a reason lives, not a product."""
    texts, languages = _export(["fridge", "sofa", "kettle"], ["réfrigérateur", "canapé", "aspirateur"])
    named = dict(EN, after_sales_owns="Repairs of fridges under warranty, faulty goods and the repair centres.")
    found = {w.lower() for w in _find(texts, languages, CATALOGUE.format(**named), tmp_path)}
    assert "fridge" not in found and "sofa" in found


def test_a_small_export_has_no_products(tmp_path):
    texts = ["My fridge arrived late", "The fridge is broken", "Fridge damaged"]
    assert _find(texts, ["en"] * 3, CATALOGUE.format(**EN), tmp_path, embedder="fake") == set()

