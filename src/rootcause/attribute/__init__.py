"""Attribute drivers to the department whose process causes them."""

from rootcause.attribute.catalogue import Catalogue, Department, load_catalogue
from rootcause.attribute.owner import Ownership, attribute_owners

__all__ = ["Catalogue", "Department", "Ownership", "attribute_owners", "load_catalogue"]
