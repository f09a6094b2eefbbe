"""What the workbench calls for the features built beside it: undo, the review queue, fixes.

Each is a small callable with the signature below, set on ``app.state.workbench`` (an
`Extensions`). Left at None, the page says the feature is not available and shows no form
for it. Wiring a library function in is one line in `default_extensions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from rootcause.model.driver_model import DriverModel
from rootcause.review import Decision
from rootcause.store import Store


class Undo(Protocol):
    def __call__(self, store: Store, decision_id: int, *, author: str) -> Decision:
        """Record that `decision_id` is undone (an entry of the audit trail itself); raise
        `rootcause.errors.BadInputError` when it cannot be (unknown, already undone)."""
        ...


class Queue(Protocol):
    def __call__(self, store: Store, model: DriverModel) -> list[dict[str, Any]]:
        """The questions worth a reviewer's answer, most useful first: dicts with at least
        ``driver_id``, ``question`` (what to decide) and ``why`` (why it is asked)."""
        ...


class LogFix(Protocol):
    def __call__(
        self, store: Store, driver_id: str, *, day: date, description: str, department: str, link: str | None, author: str
    ) -> Any:
        """Record a fix made on a driver's cause."""
        ...


class Fixes(Protocol):
    def __call__(self, store: Store, model: DriverModel, driver_id: str) -> list[dict[str, Any]]:
        """The fixes logged on a driver, each with ``day``, ``description``, ``department``,
        ``author`` and ``verdict`` (the closed loop's sentence)."""
        ...


@dataclass
class Extensions:
    undo: Undo | None = None
    queue: Queue | None = None
    log_fix: LogFix | None = None
    fixes: Fixes | None = None


def _undo(store: Store, decision_id: int, *, author: str) -> Decision:
    from rootcause.review import undo

    return store.add_decision(undo(store.decisions(), decision_id, author=author))


def default_extensions() -> Extensions:
    """The features this build has."""
    return Extensions(undo=_undo)
