"""Record a review decision: the checks the API and the workbench share, then the audit trail.

`POST /v1/drivers/{id}/decisions` and the workbench's forms both call `record_decision`, so a
decision is checked and stored the same way whichever door it came through. The web layers
only turn the errors below into their answers (404, 409, 422).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rootcause.errors import BadInputError
from rootcause.review.decisions import Decision

if TYPE_CHECKING:
    from rootcause.model.driver_model import DriverModel
    from rootcause.store.store import Store


class UnknownDriverError(BadInputError):
    """The decision names a driver (or a target driver, or a contact) that does not exist."""


class DecisionConflictError(BadInputError):
    """The decision contradicts the model as it stands (merging a driver into itself…)."""


def departments_of(catalogue: Path | None, model: DriverModel) -> dict[str, str]:
    """The catalogue's departments, id -> name: the configured catalogue file's, else the model's.

    The model keeps the catalogue it was fitted with (``meta["departments"]`` and
    ``meta["department_names"]``), so owners can be checked without ``ROOTCAUSE_DEPARTMENTS``.
    """
    if catalogue is not None and catalogue.is_file():
        import yaml

        doc = yaml.safe_load(catalogue.read_text(encoding="utf-8")) or {}
        return {
            str(d["id"]): str(d.get("name", d["id"]))
            for d in doc.get("departments", [])
            if isinstance(d, dict) and "id" in d
        }
    names = dict(model.meta.get("department_names") or {})
    return {str(i): str(names.get(i, i)) for i in (model.meta.get("departments") or names)}


def _known(model: DriverModel, driver_id: str) -> bool:
    return driver_id in model.aliases or any(d.driver_id == driver_id for d in model.drivers)


def current_driver(store: Store, model: DriverModel, contact_id: str) -> str | None:
    """The driver a stored contact counts for now (a reviewer's move wins), or None when not stored."""
    row = store.get_contact(contact_id)
    if row is None:
        return None
    moved = (model.meta.get("moves") or {}).get(contact_id)
    return model.resolve(moved or row.get("driver_id") or "")


def record_decision(
    store: Store,
    model: DriverModel,
    *,
    action: str,
    driver_id: str,
    payload: Mapping[str, Any],
    author: str,
    departments: Mapping[str, str] | None = None,
) -> Decision:
    """Check a decision against the model in use and append it to the store's audit trail.

    Parameters
    ----------
    store, model
        The store and the driver model in use (review decisions applied).
    action, driver_id, payload
        As in `Decision`.
    author
        Who decided: an API key's name, a workbench user's name.
    departments
        The catalogue's departments (`departments_of`); a ``set_owner`` to any other is
        refused with the list of valid ids. None (or empty): not checked.

    Raises
    ------
    UnknownDriverError
        No such driver, target driver or stored contact.
    DecisionConflictError
        Merging two ids that are already one driver.
    BadInputError
        A malformed payload, or a department the catalogue does not have.
    """
    if not _known(model, driver_id):
        raise UnknownDriverError(f"No driver {driver_id!r}; GET /v1/drivers lists them.")
    p = dict(payload)
    if action in ("merge", "move") and p.get("into") and not _known(model, str(p["into"])):
        raise UnknownDriverError(f"No target driver {p['into']!r} to {action} into; GET /v1/drivers lists them.")
    if action == "merge" and p.get("into") and model.resolve(str(p["into"])) == model.resolve(driver_id):
        raise DecisionConflictError(f"{driver_id!r} and {p['into']!r} are already one driver.")
    department = str(p.get("department", "")).strip()
    if action == "set_owner" and departments and department not in departments:
        raise BadInputError(f"Unknown department {department!r}; the catalogue has {sorted(departments)}.")
    if action == "move" and p.get("contact"):
        now = current_driver(store, model, str(p["contact"]))
        if now is None:
            raise UnknownDriverError("No stored contact with this id; the driver page lists its contacts.")
        if now != model.resolve(driver_id):
            raise DecisionConflictError(f"This contact is not in driver {driver_id!r} (it is in {now!r}); move it from there.")
        if p.get("into") and model.resolve(str(p["into"])) == now:
            raise DecisionConflictError(f"This contact is already in driver {now!r}; pick another target driver.")
    decision = Decision(action=action, driver_id=driver_id, payload=p, author=author)
    return store.add_decision(decision)
