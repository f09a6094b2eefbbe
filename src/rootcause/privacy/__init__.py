"""Privacy at rest: erase a customer's or a contact's data everywhere it was written, and keep
nothing past the retention period."""

from rootcause.privacy.erase import Erasure, erase, purge
from rootcause.privacy.outputs import output_folders, scrub_folder
from rootcause.privacy.retention import Retention, apply_retention

__all__ = ["Erasure", "Retention", "apply_retention", "erase", "output_folders", "purge", "scrub_folder"]
