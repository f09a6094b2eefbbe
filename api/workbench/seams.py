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
    def __call__(self, store: Store, model: DriverModel, *, language: str = "en") -> list[dict[str, Any]]:
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
        ``author`` and ``row`` (its `rootcause.measure.fixes.fix_row`: the page words the verdict)."""
        ...


class RemoveFix(Protocol):
    def __call__(self, store: Store, model: DriverModel, driver_id: str, fix_id: int) -> Any:
        """Remove a fix logged on the driver by mistake; raise `rootcause.errors.BadInputError`
        when the driver has no such fix."""
        ...


@dataclass
class Extensions:
    undo: Undo | None = None
    queue: Queue | None = None
    log_fix: LogFix | None = None
    fixes: Fixes | None = None
    remove_fix: RemoveFix | None = None


def _undo(store: Store, decision_id: int, *, author: str) -> Decision:
    from rootcause.review import undo

    return store.add_decision(undo(store.decisions(), decision_id, author=author))


_ASK = {  # what a question asks, by kind (the reason says why)
    "en": {"owner": "Who owns it: {0}?", "merge": "Merge into {0}?", "split": "Split it in two?", "group": "Give {1} of its contacts to {0}?"},
    "fr": {
        "owner": "Quel pôle en est propriétaire : {0} ?",
        "merge": "Le fusionner avec {0} ?",
        "split": "Le scinder en deux ?",
        "group": "Confier {1} de ses contacts à {0} ?",
    },
}


def _queue(store: Store, model: DriverModel, *, language: str = "en") -> list[dict[str, Any]]:
    from rootcause.store.views import live_review_queue

    asks = _ASK.get(language, _ASK["en"])
    or_word = " ou " if language == "fr" else " or "
    out = []
    for q in live_review_queue(store, model, language=language):
        first = q.candidates[0] if q.candidates else None
        names = or_word.join(c.name or c.id for c in q.candidates) if q.kind == "owner" else (first.name or first.id if q.kind == "group" and first else first.id if first else "")
        row = {"driver_id": q.driver_id, "label": q.label, "key": q.key, "kind": q.kind, "question": asks[q.kind].format(names, q.group), "why": q.reason}
        if q.kind in ("group", "owner") and first is not None:  # answered on the queue page: the department offered first
            row["department"] = first.id
        if q.kind == "merge" and first is not None:
            row["into"] = first.id
        out.append(row)
    return out


def default_extensions(state: Any = None) -> Extensions:
    """The features this build has; `state` is the app's (its model holder and settings,
    read at each call: the catalogue in force and the volumes file)."""
    if state is None:
        return Extensions(undo=_undo, queue=_queue)

    def log_fix(store: Store, driver_id: str, *, day: date, description: str, department: str, link: str | None, author: str) -> Any:
        from rootcause.review.fixes import make_fix, redact_fix
        from rootcause.store.fixes import add_fix

        known = state.holder.departments()  # the catalogue's, else the model's: as for set_owner
        values = {"driver_id": driver_id, "date": day.isoformat(), "description": description, "department": department, "link": link, "author": author}
        return add_fix(store, redact_fix(make_fix(values, departments=set(known.ids) if known else set())))

    def fixes(store: Store, model: DriverModel, driver_id: str) -> list[dict[str, Any]]:
        from api.routes.fixes import volumes_of
        from rootcause.measure.fixes import fix_row
        from rootcause.store.fixes import driver_fixes

        return [
            {"id": fix.id, "day": fix.date, "description": fix.description, "department": fix.department, "author": fix.author, "row": fix_row(fix, effect)}
            for fix, effect in driver_fixes(store, model, driver_id, volumes=volumes_of(state.settings))
        ]

    from rootcause.store.fixes import remove_fix

    return Extensions(undo=_undo, queue=_queue, log_fix=log_fix, fixes=fixes, remove_fix=remove_fix)
