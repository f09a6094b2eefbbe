"""Review decisions (rename, merge, set owner, mark, split) applied to a driver model."""

from rootcause.review.decisions import (
    ACTIONS,
    KINDS,
    Decision,
    apply_decisions,
    load_decisions,
    save_decisions,
    validate_decision,
)
from rootcause.review.split import apply_splits

__all__ = ["ACTIONS", "KINDS", "Decision", "apply_decisions", "apply_splits", "load_decisions", "save_decisions", "validate_decision"]
