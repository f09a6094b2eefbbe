"""Review decisions (rename, merge, set owner, mark) applied to a driver model."""

from rootcause.review.decisions import (
    ACTIONS,
    KINDS,
    Decision,
    apply_decisions,
    load_decisions,
    save_decisions,
    validate_decision,
)

__all__ = ["ACTIONS", "KINDS", "Decision", "apply_decisions", "load_decisions", "save_decisions", "validate_decision"]
