"""The quality team's workbench: server-rendered pages under `/workbench/`, in the API's process.

Signed in with a user and password (`rootcause users add`) or an API key, a reviewer renames,
merges, splits, re-owns, marks drivers and moves contacts; each form records a review decision
in the store exactly as `POST /v1/drivers/{id}/decisions` does. See the README's "Workbench".
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from api.workbench import actions, pages
from api.workbench.auth import PREFIX, Refused, SignInNeeded
from api.workbench.seams import Extensions, default_extensions


def add_workbench(app: FastAPI, extensions: Extensions | None = None) -> None:
    """Serve the workbench's pages and forms (outside the API's OpenAPI description)."""
    app.state.workbench = extensions or default_extensions(app.state)
    app.include_router(pages.router)
    app.include_router(actions.router)

    @app.exception_handler(SignInNeeded)
    async def _sign_in(request: Request, _: SignInNeeded) -> Response:
        return RedirectResponse(f"{PREFIX}/login", status_code=303)

    @app.exception_handler(Refused)
    async def _refused(request: Request, err: Refused) -> Response:
        return await actions.refused_page(request, err)


__all__ = ["Extensions", "add_workbench"]
