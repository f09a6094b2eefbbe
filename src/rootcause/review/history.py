"""The decision trail's history: which decisions are in force, undone or stale, and undo.

The trail is append-only. Undoing decision 7 appends ``undo`` (payload ``decision: 7``)
with who and when; applying the trail leaves out the undos and the decisions they undid.
A decision that no longer applies to the model at hand (its driver or merge target is
gone after a refit, its department left the catalogue) is *stale*: kept in the trail,
skipped, and reported with the reason (`rootcause.review.apply.replay_decisions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rootcause.review.decisions import CONFLICT, NOT_FOUND, Decision, DecisionRefused

ACTIVE, UNDONE, STALE = "active", "undone", "stale"
STATES = (ACTIVE, UNDONE, STALE)


@dataclass(frozen=True)
class DecisionState:
    """Where one decision of the trail stands against a model.

    Attributes
    ----------
    decision
        The decision as recorded.
    state
        ``active`` (applied, or for a split: applied by the next refit), ``undone`` or
        ``stale`` (does not apply to this model: skipped).
    reason
        Why it is stale, who undid it, or a note ("applied at the next refit").
    undone_by
        The id of the undo that undid it, else None.
    """

    decision: Decision
    state: str
    reason: str = ""
    undone_by: int | None = None


def undos(decisions: Iterable[Decision]) -> dict[int, Decision]:
    """The id of each undone decision -> the (first) undo that undid it."""
    out: dict[int, Decision] = {}
    for d in decisions:
        if d.action == "undo":
            out.setdefault(int(d.payload["decision"]), d)
    return out


def in_force(decisions: Sequence[Decision]) -> list[Decision]:
    """The decisions to apply, in order: undos, and the decisions they undid, left out."""
    gone = undos(decisions)
    return [d for d in decisions if d.action != "undo" and (d.id is None or d.id not in gone)]


def undo(trail: Sequence[Decision], decision_id: int, *, author: str) -> Decision:
    """The record that undoes decision `decision_id` of `trail` (append it to the trail).

    Raises `DecisionRefused` (a `BadInputError`) when the trail has no such decision
    (kind ``not_found``), when it is an undo itself (to apply a decision again, record it
    again) or when it was undone already (kind ``conflict``).

    Examples
    --------
    >>> trail = [Decision("rename", "D007", {"label": "Refund delay"}, id=1)]
    >>> undo(trail, 1, author="qa-lea").payload
    {'decision': 1}
    """
    by_id = {d.id: d for d in trail if d.id is not None}
    target = by_id.get(decision_id)
    if target is None:
        known = ", ".join(str(i) for i in sorted(by_id)[-10:]) or "none"
        raise DecisionRefused(f"No decision {decision_id} to undo; the trail's latest ids are: {known}.", NOT_FOUND, "no_decision", decision=decision_id)
    if target.action == "undo":
        raise DecisionRefused(
            f"Decision {decision_id} is itself an undo (of decision {target.payload['decision']}); "
            "to apply that decision again, record it again.",
            CONFLICT,
        )
    done = undos(trail).get(decision_id)
    if done is not None:
        raise DecisionRefused(
            f"Decision {decision_id} was undone already, by decision {done.id} ({done.author or 'unknown'}).",
            CONFLICT,
            "undone_already",
            decision=decision_id,
            by=done.id,
            author=done.author or "?",
        )
    return Decision("undo", target.driver_id, {"decision": decision_id}, author=author)


def undone_note(by: Decision) -> str:
    """The reason shown for an undone decision: who undid it, and when."""
    who = by.author or "unknown"
    return f"undone by decision {by.id} ({who}, {by.created_at.date().isoformat()})"
