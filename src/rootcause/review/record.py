"""Check a new decision against the model in use, then record it in the audit trail.

`POST /v1/drivers/{id}/decisions` and the workbench's forms both call `record_decision`, so a
decision is checked and stored the same way whichever door it came through: a decision about a
driver the model does not have, a merge of one driver into itself or into a driver it already
belongs to, a move of a contact that is not in the driver, a ``set_owner`` (or a split's
``owner``) to a department outside the catalogue, and a decision the trail already holds in
force for the driver (a form sent twice, two reviewers answering the same question) are refused (`DecisionRefused`, whose kind the web layers turn into 404,
409 or 422) with what to do instead. Decisions already in the trail are never refused
afterwards: a later refit may make one stale (`rootcause.review.apply`), which skips it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rootcause.review.decisions import CONFLICT, INVALID, NOT_FOUND, Decision, DecisionRefused
from rootcause.review.departments import Departments, UnknownDepartment, check_department
from rootcause.review.history import in_force

if TYPE_CHECKING:
    from rootcause.model.driver_model import DriverModel
    from rootcause.store.store import Store

# One server process records decisions one at a time (`rootcause serve` runs one process).
_RECORDING = threading.Lock()


def departments_of(catalogue: Path | None, model: DriverModel) -> dict[str, str]:
    """The catalogue's departments, id -> name: the configured catalogue file's, else the model's.

    The model keeps the catalogue it was fitted with (``meta["departments"]`` and
    ``meta["department_names"]``), so owners can be checked without ``ROOTCAUSE_DEPARTMENTS``.
    """
    if catalogue is not None and catalogue.is_file():
        from rootcause.attribute import load_catalogue

        loaded = load_catalogue(catalogue)
        return {i: loaded.name_of(i) for i in loaded.ids}
    names = dict(model.meta.get("department_names") or {})
    return {str(i): str(names.get(i, i)) for i in (model.meta.get("departments") or names)}


def _known(model: DriverModel, driver_id: str) -> bool:
    return driver_id in model.aliases or any(d.driver_id == driver_id for d in model.drivers)


def check_decision(
    model: DriverModel, action: str, driver_id: str, payload: Mapping[str, Any], departments: Departments | None
) -> None:
    """Raise `DecisionRefused` when a new decision cannot apply to `model` (the model in use).

    Checked before the `Decision` is built, so that a merge into the driver it already
    belongs to is a conflict, not a malformed decision.

    Parameters
    ----------
    model
        The model in use, with the trail applied (merges included).
    action, driver_id, payload
        The new decision (`Decision` checks the payload's form).
    departments
        The departments a ``set_owner`` or a split's ``owner`` may name (`known_departments`); None: any.
    """
    if action == "undo":
        return  # checked against the trail: `rootcause.review.history.undo`
    if not _known(model, driver_id):
        raise DecisionRefused(f"No driver {driver_id!r}; GET /v1/drivers lists them.", NOT_FOUND, "no_driver", driver=driver_id)
    if action in ("merge", "move") and payload.get("into"):
        into = str(payload["into"])
        if not _known(model, into):
            raise DecisionRefused(f"No target driver {into!r} to {action} into; GET /v1/drivers lists them.", NOT_FOUND)
        if action == "merge" and model.resolve(into) == model.resolve(driver_id):
            raise DecisionRefused(f"{driver_id!r} and {into!r} are already one driver.", CONFLICT)
    owner = payload.get("department") if action == "set_owner" else payload.get("owner") if action == "split" else None
    if isinstance(owner, str) and owner.strip():
        try:
            check_department(owner.strip(), departments)
        except UnknownDepartment as err:
            raise DecisionRefused(str(err), INVALID, "unknown_department", department=err.department, near=err.near or "", ids=", ".join(err.ids)) from err


def current_driver(store: Store, model: DriverModel, contact_id: str) -> str | None:
    """The driver a stored contact counts for now (a reviewer's move wins), or None when not stored."""
    row = store.get_contact(contact_id)
    if row is None:
        return None
    return model.driver_of(contact_id, row.get("driver_id")) or ""


def record_decision(
    store: Store,
    model: DriverModel,
    *,
    action: str,
    driver_id: str,
    payload: Mapping[str, Any],
    author: str,
    departments: Departments | None = None,
) -> Decision:
    """Check a decision against the model in use (`check_decision`) and append it to the store's trail.

    Parameters
    ----------
    store, model
        The store and the driver model in use (review decisions applied).
    action, driver_id, payload
        As in `Decision`.
    author
        Who decided: an API key's name, a workbench user's name.
    departments
        The departments a ``set_owner`` or a split's ``owner`` may name (`known_departments`); None: any.

    Raises
    ------
    DecisionRefused
        No such driver, target driver or stored contact (kind ``not_found``); a merge of two
        ids that are already one driver, a move of a contact from a driver it is not in
        (``conflict``); a department outside the catalogue (``invalid``).
    BadInputError
        A malformed payload.
    """
    p = dict(payload)
    check_decision(model, action, driver_id, p, departments)
    if action == "move" and p.get("contact"):
        now = current_driver(store, model, str(p["contact"]))
        if now is None:
            raise DecisionRefused("No stored contact with this id; the driver page lists its contacts.", NOT_FOUND)
        if now != model.resolve(driver_id):
            raise DecisionRefused(f"This contact is not in driver {driver_id!r} (it is in {now!r}); move it from there.", CONFLICT)
        if p.get("into") and model.resolve(str(p["into"])) == now:
            raise DecisionRefused(f"This contact is already in driver {now!r}; pick another target driver.", CONFLICT)
    decision = Decision(action=action, driver_id=driver_id, payload=p, author=author)
    with _RECORDING:  # the check and the write at once: two copies of a form sent together are one decision
        return _add_unless_in_force(store, decision)


def _add_unless_in_force(store: Store, decision: Decision) -> Decision:
    action, driver_id = decision.action, decision.driver_id
    if action not in ("move", "undo"):  # a move and an undo refuse their repeats above and in `history.undo`
        same = [d for d in in_force(store.decisions()) if d.action == action and d.driver_id == driver_id]
        if same and same[-1].payload == decision.payload:
            by = f" by {same[-1].author}" if same[-1].author else ""
            raise DecisionRefused(
                f"The same {action} of {driver_id} is already in force (decision {same[-1].id}{by}); nothing was recorded. "
                f"To change it, decide something else or undo decision {same[-1].id}.",
                CONFLICT,
                "in_force",
                driver=driver_id,
                decision=same[-1].id,
            )
    return store.add_decision(decision)
