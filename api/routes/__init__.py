"""One router per resource, collected here."""

from api.routes import classify, contacts, departments, drivers, models, ops, privacy, reports, review

ROUTERS = [ops.router, classify.router, contacts.router, drivers.router, review.router, departments.router, models.router, reports.router, privacy.router]

__all__ = ["ROUTERS"]
