"""The outermost error handler: whatever a request raises becomes a 500 with an error id.

The error is logged with that id, the route's template and the stack (file, line and
function of each frame, of the exception and of its causes), never with an exception's
message, the request's path, query or body: a message may quote a contact's text or an
identifier (PostgreSQL's "Failing row contains (…)", a ``KeyError('jean@…')``). The client
gets the id to quote, the operator finds the stack under it.

Starlette's own last-resort handler answers and then re-raises, so the server logs the
exception with its message; `CatchAllMiddleware` sits outside it and never re-raises.
"""

from __future__ import annotations

import logging
import traceback
import uuid
from typing import Any

from fastapi.responses import JSONResponse

from api.middleware import SECURITY_HEADERS, route_template

log = logging.getLogger("rootcause.api")

Scope = dict[str, Any]


def stack_without_messages(err: BaseException) -> str:
    """The class and frames of `err` and of the exceptions it was raised from, no message."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = f"{type(current).__module__}.{type(current).__qualname__}"
        parts.append(f"{name}\n{''.join(traceback.format_tb(current.__traceback__))}")
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "\n(while handling or caused by)\n".join(reversed(parts))


def log_failure(err: BaseException, method: str, route: str) -> str:
    """Log `err` under a new error id (see the module's docstring) and return the id."""
    error_id = uuid.uuid4().hex
    log.error("error %s: %s on %s %s\n%s", error_id, type(err).__name__, method, route, stack_without_messages(err))
    return error_id


def error_response(error_id: str) -> JSONResponse:
    """The 500 a client gets: the id to quote, nothing about the failure itself."""
    return JSONResponse(
        {"detail": f"Internal error; the server's log has it under error id {error_id}.", "error_id": error_id},
        status_code=500,
        headers={name.decode(): value.decode() for name, value in SECURITY_HEADERS},
    )


class CatchAllMiddleware:
    """Outermost ASGI layer: an exception from any layer inside becomes `error_response`.

    When the response had already started, the id is logged and the connection closed;
    the exception is never passed on to the server (which would log its message).
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_wrapper(msg: dict[str, Any]) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as err:  # the last resort: every failure ends here, logged without data
            error_id = log_failure(err, scope.get("method", ""), route_template(scope))
            if not started:
                await error_response(error_id)(scope, receive, send)
