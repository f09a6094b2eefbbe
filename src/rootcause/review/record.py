"""Check a new decision against the model in use before it joins the trail.

The API's review routes (and the workbench after them) call `check_decision`: a decision
about a driver the model does not have, a merge of one driver into itself or into a driver
it already belongs to, and a ``set_owner`` to a department outside the catalogue are refused
with what to do instead. Decisions already in the trail are never refused afterwards: a later
refit may make one stale (`rootcause.review.apply`), which skips it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rootcause.errors import BadInputError
from rootcause.model.driver_model import DriverModel
from rootcause.review.decisions import CONFLICT, INVALID, NOT_FOUND, DecisionRefused
from rootcause.review.departments import Departments, check_department


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
        The departments a ``set_owner`` may name (`known_departments`); None: any.
    """
    if action == "undo":
        return  # checked against the trail: `rootcause.review.history.undo`
    if not _known(model, driver_id):
        raise DecisionRefused(f"No driver {driver_id!r}; GET /v1/drivers lists them.", NOT_FOUND)
    if action == "merge" and payload.get("into"):
        into = str(payload["into"])
        if not _known(model, into):
            raise DecisionRefused(f"No target driver {into!r} to merge into; GET /v1/drivers lists them.", NOT_FOUND)
        if model.resolve(into) == model.resolve(driver_id):
            raise DecisionRefused(f"{driver_id!r} and {into!r} are already one driver.", CONFLICT)
    if action == "set_owner" and str(payload.get("department") or "").strip():
        try:
            check_department(str(payload["department"]).strip(), departments)
        except BadInputError as err:
            raise DecisionRefused(str(err), INVALID) from err
