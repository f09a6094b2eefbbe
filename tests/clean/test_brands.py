"""Issue 20, item 8: a carrier's or brand's name that the export or the catalogue mentions
often is not masked as a person, without ROOTCAUSE_KEEP_NAMES; people's names still are."""

from __future__ import annotations

from pathlib import Path

from rootcause.attribute import load_catalogue
from rootcause.clean import redact_many
from rootcause.clean.names import export_brands

CARRIER = [
    "Mon colis Colissimo n'est jamais arrivé, le suivi Colissimo est bloqué depuis lundi.",
    "Colissimo a perdu mon colis, que faites-vous ?",
    "Le livreur Colissimo est passé sans sonner.",
    "Colissimo dit que le colis est livré, c'est faux.",
    "Votre transporteur Colissimo ne répond pas.",
    "J'ai appelé Colissimo, ils disent de voir avec vous.",
    "Le colis confié à Colissimo est revenu à l'expéditeur.",
    "Encore un retard de livraison avec Colissimo cette semaine.",
]


def test_carrier_name_recurring_in_the_export_is_kept():
    out = redact_many(CARRIER, ["fr"] * len(CARRIER))
    assert all("[NAME]" not in t for t in out), out
    assert sum("Colissimo" in t for t in out) == len(CARRIER)


def test_person_name_recurring_in_the_export_is_still_masked():
    texts = [f"Bonjour, je suis Marie Lefebvre et mon colis numéro {i} n'est pas arrivé." for i in range(6)]
    texts += [f"Marie Lefebvre m'a promis un rappel jeudi, dossier {i}." for i in range(3)]
    out = redact_many(texts, ["fr"] * len(texts))
    assert not any("Lefebvre" in t for t in out), out


def test_a_word_taken_for_a_person_in_most_texts_is_no_brand():
    texts = ["et Hugo m'a aidé", "merci à Hugo", "car Hugo est super", "avec Hugo", "et Hugo a raison"]
    tagged = [[(t.index("Hugo"), t.index("Hugo") + 4)] for t in texts]
    assert export_brands(texts, tagged) == frozenset()
    assert export_brands(texts, [[], [], *tagged[2:4], []]) == {"Hugo"}
    assert export_brands(texts, [[], [], *tagged[2:4], []], people={"Hugo"}) == frozenset()  # the rules named him
    assert export_brands([t.replace("Hugo", "HUGO") for t in texts], [[]] * 5) == frozenset()  # an acronym


def test_catalogue_proper_names_keep_the_first_word_of_each_name(tmp_path: Path):
    path = tmp_path / "departments.yaml"
    path.write_text(
        "departments:\n"
        "  - id: logistics\n    name: Logistique\n"
        "    owns: Deliveries by our carriers Colissimo and Chronopost, the Ligne Claire app.\n",
        encoding="utf-8",
    )
    names = load_catalogue(path).proper_names()
    assert {"Colissimo", "Chronopost", "Ligne"} <= names
    assert "Claire" not in names  # a person called Claire must still be masked


def test_the_catalogue_names_the_company(tmp_path: Path):
    path = tmp_path / "departments.yaml"
    path.write_text("company: Acmetel\ndepartments:\n  - {id: billing, name: Billing, owns: Invoices.}\n", encoding="utf-8")
    assert "Acmetel" in load_catalogue(path).proper_names()
