"""The hand-made export the end-to-end tests share: its department catalogue and the
phrases of each contact reason (every test writes its own rows from them)."""

from __future__ import annotations

_DEPARTMENTS = {
    "billing": ("Billing", "Invoices and their amounts, refunds of overpayments.", "invoice, refund"),
    "network": ("Network", "Internet outages, slow internet speed and mobile coverage.", "internet, outage"),
    "logistics": ("Logistics", "Parcel delivery, lost parcels and equipment returns.", "parcel, delivery"),
    "apps": ("Mobile apps", "The customer app, its updates, crashes and login.", "app, update, crash"),
}

TOPICS = {
    "refund": ["refund not received", "still waiting for my refund", "where is my refund money", "refund promised never paid"],
    "outage": ["internet outage at home", "no internet since monday outage", "internet down again outage", "total internet outage"],
    "parcel": ["parcel never delivered", "my parcel delivery is lost", "parcel tracking stuck delivery", "where is my parcel delivery"],
}
NEW = ["app crashes after the update", "the app update crashes on start", "crash of the app since update", "app update keeps crashing"]


def catalogue(*ids: str) -> str:
    """The catalogue (YAML) of the departments `ids`, in that order; every one by default."""
    lines = ["departments:"]
    for dep in ids or tuple(_DEPARTMENTS):
        name, owns, keywords = _DEPARTMENTS[dep]
        lines += [f"  - id: {dep}", f"    name: {name}", f"    owns: {owns}", f"    keywords: [{keywords}]"]
    return "\n".join(lines) + "\n"


# A retailer's export and catalogue (`embed.products`), in English and French
PROBLEMS_EN = [
    "My {p} was delivered two weeks late, the delivery date was not kept",
    "The {p} arrived damaged, the box was crushed by the carrier",
    "The {p} stopped working after a month, it is under warranty",
    "My {p} has been at the repair centre for six weeks, still no repair",
    "Still waiting for the {p} I ordered, the delivery is late again",
    "The {p} was delivered with a big dent, broken in transport",
    "The {p} is faulty and I want it fixed under the warranty",
    "The repair of my {p} is taking forever, nobody calls me back",
]
PROBLEMS_FR = [
    "Mon {p} a été livré avec deux semaines de retard, la date de livraison n'a pas été tenue",
    "Le {p} est arrivé abîmé, le carton était écrasé par le transporteur",
    "Le {p} ne marche plus après un mois, il est sous garantie",
    "Mon {p} est au centre de réparation depuis six semaines, toujours pas réparé",
    "J'attends toujours le {p} commandé, la livraison est encore en retard",
    "Le {p} a été livré avec un gros choc, cassé pendant le transport",
    "Le {p} est défectueux et je veux qu'il soit réparé sous garantie",
    "La réparation de mon {p} n'en finit pas, personne ne me rappelle",
]
OTHER_EN = [
    "I forgot my password and the reset link never arrives",
    "The invoice charges me twice for the same order",
    "Please change the address on my account",
    "The password reset e-mail does not come",
]
OTHER_FR = [
    "J'ai oublié mon mot de passe et le lien de réinitialisation n'arrive pas",
    "La facture me compte deux fois la même commande",
    "Merci de changer l'adresse de mon compte",
    "Le mail de réinitialisation du mot de passe n'arrive jamais",
]
PRODUCT_CATALOGUE = """departments:
  - id: logistics
    name: {logistics}
    owns: {logistics_owns}
  - id: after_sales
    name: {after_sales}
    owns: {after_sales_owns}
  - id: accounts
    name: {accounts}
    owns: {accounts_owns}
"""
EN = {
    "logistics": "Logistics", "logistics_owns": "Delivery of orders on the promised date, parcels damaged in transit, carriers.",
    "after_sales": "After-sales", "after_sales_owns": "Repairs under warranty, faulty goods and the repair centres.",
    "accounts": "Customer accounts", "accounts_owns": "Passwords, account details and invoices.",
}
FR = {
    "logistics": "Logistique", "logistics_owns": "Livraison des commandes à la date promise, colis abîmés en transit, transporteurs.",
    "after_sales": "Service après-vente", "after_sales_owns": "Réparations sous garantie, produits défectueux et centres de réparation.",
    "accounts": "Comptes clients", "accounts_owns": "Mots de passe, coordonnées du compte et factures.",
}


def product_export(products_en: list[str], products_fr: list[str]) -> tuple[list[str], list[str]]:
    """A retailer's export whose reasons cut across its products: every problem of every
    product, then other reasons (twice), in English then French; the texts and their languages."""
    texts = [t.format(p=p) for p in products_en for t in PROBLEMS_EN] + OTHER_EN * 2
    texts += [t.format(p=p) for p in products_fr for t in PROBLEMS_FR] + OTHER_FR * 2
    n_en = len(PROBLEMS_EN) * len(products_en) + 2 * len(OTHER_EN)
    return texts, ["en"] * n_en + ["fr"] * (len(texts) - n_en)
