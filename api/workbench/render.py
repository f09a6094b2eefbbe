"""Server-rendered pages: Jinja2 with autoescape, and a CSP that allows this site's files only."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from api.workbench.auth import LANG_COOKIE, PREFIX, current_session
from api.workbench.i18n import Text, pick_language

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

# One stylesheet and one script, both files of the app: nothing inline, nothing from elsewhere.
# Charts are inline SVG drawn with attributes (no style attributes), which `style-src 'self'` allows.
WORKBENCH_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

# `same-origin`, not the API's `no-referrer`: under `no-referrer` a browser sends `Origin: null`
# with the page's own forms, and the Origin check (`auth.check_csrf`) could not tell them from a
# forged post; a page's address (a search may be in it) still never leaves for another site.
PAGE_HEADERS = {"Content-Security-Policy": WORKBENCH_CSP, "Referrer-Policy": "same-origin"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    # autoescape everything: labels, keywords and verbatims come from customers and reviewers
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)


def text_for(request: Request) -> Text:
    return Text(pick_language(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")))


async def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render `template` for the signed-in person (or nobody) in their language."""
    fmt = text_for(request)
    session = await current_session(request)
    html = environment().get_template(template).render(
        t=fmt.t,
        fmt=fmt,
        lang=fmt.language,
        session=session,
        csrf=session.csrf if session else "",
        can_review=bool(session and session.can("reviewer")),
        base=PREFIX,
        here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **context,
    )
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)


def is_page(request: Request) -> bool:
    """True for a request to the workbench's pages and forms (answered in HTML, not JSON)."""
    return request.url.path == PREFIX or request.url.path.startswith(f"{PREFIX}/")

