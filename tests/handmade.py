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
