"""Which departments a decision may name: the catalogue's, never a made-up one.

A ``set_owner`` to a department outside the catalogue would hand the CRM an owner that no
department answers for, and take its contacts out of ``departments.csv``. The catalogue in
force is the configured one (``--departments``, ``ROOTCAUSE_DEPARTMENTS``: what refits use),
else the one the model was fitted with (`DriverModel.department_ids`), so the check holds
without any configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rootcause.errors import BadInputError
from rootcause.model.driver_model import DriverModel


@dataclass(frozen=True)
class Departments:
    """The department ids a decision may name, and where they come from (for messages)."""

    ids: tuple[str, ...]
    source: str

    def __contains__(self, department: object) -> bool:
        return department in self.ids


def known_departments(model: DriverModel | None, catalogue: str | Path | None = None) -> Departments | None:
    """The departments in force: the catalogue file's when given (and readable), else the model's.

    Returns None only when neither is known (no catalogue file, and no model or a model
    saved without its catalogue and without owners).
    """
    if catalogue is not None and Path(catalogue).is_file():
        path = Path(catalogue)
        return Departments(_catalogue_ids(str(path), os.stat(path).st_mtime_ns), f"the catalogue {path.name}")
    if model is None:
        return None
    ids = model.department_ids
    if ids:
        return Departments(tuple(ids), "the model's catalogue")
    owners = sorted({d.owner_department for d in model.drivers if d.owner_department})
    # A model saved without its catalogue (written by hand or by an old tool): its owners are
    # the only departments known to exist; the message says how to widen the list.
    return Departments(tuple(owners), "the owners of this model (it has no catalogue; set ROOTCAUSE_DEPARTMENTS)") if owners else None


class UnknownDepartment(BadInputError):
    """A department outside the catalogue; `near` is the id it most likely means (or None), for
    a user interface that words the refusal itself."""

    def __init__(self, department: str, near: str | None, known: Departments) -> None:
        super().__init__(
            f"Unknown department {department!r}{f' (did you mean {near!r}?)' if near else ''}: {known.source} has {', '.join(known.ids)}. "
            "Give one of these ids (the report and departments.csv name each department's id)."
        )
        self.department, self.near, self.ids = department, near, known.ids


def check_department(department: str, known: Departments | None) -> None:
    """Raise `UnknownDepartment` (a `BadInputError`) naming the valid ids when `department` is not in `known`."""
    if known is None or department in known:
        return
    raise UnknownDepartment(department, nearest_department(department, known.ids), known)


def nearest_department(department: str, ids: tuple[str, ...]) -> str | None:
    """The id `department` most likely means: the same letters whatever the case, accents and
    separators ("Contracts", "after sales" for "after_sales"), else the closest spelling."""
    import difflib

    from rootcause.transcripts.lexicon import fold

    def key(text: str) -> str:
        return "".join(ch for ch in fold(text) if ch.isalnum())

    keys = {key(i): i for i in ids}
    if key(department) in keys:
        return keys[key(department)]
    close = difflib.get_close_matches(key(department), list(keys), n=1, cutoff=0.6)
    return keys[close[0]] if close else None


@lru_cache(maxsize=8)
def _catalogue_ids(path: str, _mtime_ns: int) -> tuple[str, ...]:
    """The ids of a catalogue file, read once per version of the file."""
    from rootcause.attribute import load_catalogue

    return tuple(load_catalogue(path).ids)
