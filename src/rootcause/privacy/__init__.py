"""Privacy at rest: erase a customer's or a contact's data everywhere it was written."""

from rootcause.privacy.erase import Erasure, erase
from rootcause.privacy.outputs import output_folders, scrub_folder

__all__ = ["Erasure", "erase", "output_folders", "scrub_folder"]
