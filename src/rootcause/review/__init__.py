"""Review decisions (rename, merge, set owner, mark, split, move, undo) applied to a driver model, and
the review queue that asks the questions whose answers change most."""

from rootcause.review.apply import Replay, apply_decisions, decision_history, replay_decisions
from rootcause.review.decisions import (
    ACTIONS,
    KINDS,
    Decision,
    load_decisions,
    save_decisions,
    validate_decision,
)
from rootcause.review.departments import check_department, known_departments
from rootcause.review.history import STATES, DecisionState, in_force, undo
from rootcause.review.queue import Candidate, Question, queue_for_result, queue_for_run, review_queue
from rootcause.review.split import apply_splits

__all__ = [
    "ACTIONS",
    "KINDS",
    "Candidate",
    "Question",
    "queue_for_result",
    "queue_for_run",
    "review_queue",
    "STATES",
    "Decision",
    "DecisionState",
    "Replay",
    "apply_decisions",
    "apply_splits",
    "check_department",
    "decision_history",
    "in_force",
    "known_departments",
    "load_decisions",
    "replay_decisions",
    "save_decisions",
    "undo",
    "validate_decision",
]
