"""Who is signed in to the workbench, and whether a form may change anything.

A session cookie (HttpOnly, SameSite=Strict, Secure over https, path ``/workbench``) holds a
random token; the session lives in the store (`rootcause.store.accounts`). Every POST carries
the session's CSRF token in a hidden field, compared in constant time; the sign-in form, sent
before any session exists, carries the token of a short-lived pre-sign-in cookie instead
(double submit). A POST whose Origin header names another site is refused as well.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from rootcause.store import accounts
from rootcause.store.accounts import Session

PREFIX = "/workbench"
SESSION_COOKIE = "rc_session"
LOGIN_COOKIE = "rc_login"  # the sign-in form's CSRF token, before a session exists
LANG_COOKIE = "rc_lang"
LOGIN_COOKIE_S = 3600


class SignInNeeded(Exception):
    """No live session: the page answers with a redirect to the sign-in form."""


class Refused(Exception):
    """A form that may not change anything (403): a wrong CSRF token, or a role too low."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


async def current_session(request: Request) -> Session | None:
    """The live session of the request's cookie, or None; the store is asked once per request."""
    if "wb_session" in request.state._state:
        return request.state.wb_session
    token = request.cookies.get(SESSION_COOKIE, "")
    found = await run_in_threadpool(accounts.session, request.app.state.store, token) if token else None
    request.state.wb_session = found
    if found is not None:
        # the access log's caller: the kind of session, never a person's name
        request.state.key_id = f"workbench-{found.kind}"
    return found


async def signed_in(request: Request) -> Session:
    """A page's dependency: the session, or a redirect to the sign-in form."""
    found = await current_session(request)
    if found is None:
        raise SignInNeeded()
    return found


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None  # "null": a sandboxed or privacy-preserving context; refused
    return origin == f"{request.url.scheme}://{request.headers.get('host', '')}"


def check_csrf(request: Request, form: FormData, expected: str) -> None:
    """Raise `Refused` unless the form's ``csrf`` field is `expected` and the Origin is this site."""
    sent = form.get("csrf")
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent, expected) or not _same_origin(request):
        raise Refused("csrf")


async def reviewer_form(request: Request) -> tuple[Session, FormData]:
    """An action's dependency: a live session whose form carries its CSRF token and whose role
    is reviewer or admin; else `SignInNeeded` or `Refused` (403)."""
    found = await signed_in(request)
    form = await request.form()
    check_csrf(request, form, found.csrf)
    if not found.can("reviewer"):
        raise Refused("forbidden", role=found.role)
    return found, form


def new_login_token() -> str:
    return secrets.token_urlsafe(24)


def cookie_options(request: Request) -> dict[str, Any]:
    """HttpOnly, SameSite=Strict, Secure when the page came over https, scoped to the workbench."""
    return {"httponly": True, "samesite": "strict", "secure": request.url.scheme == "https", "path": PREFIX}
