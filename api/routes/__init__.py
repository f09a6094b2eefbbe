"""One router per resource, collected here."""

from api.routes import classify, contacts, decisions, departments, drivers, fixes, models, ops, privacy, reports, review

ROUTERS = [
    ops.router, classify.router, contacts.router, drivers.router, fixes.router, decisions.router, review.router,
    departments.router, models.router, reports.router, privacy.router,
]

__all__ = ["ROUTERS"]
