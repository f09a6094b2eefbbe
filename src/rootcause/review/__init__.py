"""Review decisions (rename, merge, set owner, mark, split) applied to a driver model, and the
review queue that asks the questions whose answers change most."""

from rootcause.review.decisions import (
    ACTIONS,
    KINDS,
    Decision,
    apply_decisions,
    load_decisions,
    save_decisions,
    validate_decision,
)
from rootcause.review.queue import Candidate, Question, queue_for_result, queue_for_run, review_queue
from rootcause.review.split import apply_splits

__all__ = ["ACTIONS", "KINDS", "Candidate", "Decision", "Question", "queue_for_result", "queue_for_run", "review_queue", "apply_decisions", "apply_splits", "load_decisions", "save_decisions", "validate_decision"]
