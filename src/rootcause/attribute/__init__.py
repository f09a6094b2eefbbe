"""Attribute drivers to the department whose process causes them."""

from rootcause.attribute.catalogue import Catalogue, Department, load_catalogue
from rootcause.attribute.owner import ContactOwners, Ownership, attribute_owners, fit_contact_owners

__all__ = ["Catalogue", "ContactOwners", "Department", "Ownership", "attribute_owners", "fit_contact_owners", "load_catalogue"]
