"""The HTTP protocol `rootcause serve` runs: uvicorn's, plus limits on a request's headers.

uvicorn times out an idle keep-alive connection (``timeout_keep_alive``) but not one that
connects and sends nothing, sends half a request line, or dribbles its headers a byte at a
time: each holds a connection (and its memory) for as long as the client likes. With httptools
(the parser uvicorn picks when installed) the headers' size is not bounded either. Here a
request's headers must be complete within ``ROOTCAUSE_HEADER_TIMEOUT`` seconds of the
connection opening (or of the previous response on a kept-alive connection), else the
connection is closed (with a 408 when part of a request came); and headers larger than
``ROOTCAUSE_MAX_HEADER_BYTES`` are answered 431 and the connection closed. The body's own
deadline is `api.middleware.BodyLimitMiddleware`'s (``ROOTCAUSE_BODY_TIMEOUT``).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.auto import AutoHTTPProtocol

from rootcause.settings import get_settings

log = logging.getLogger("rootcause.api")


def _raw_response(status: int, reason: str, detail: str) -> bytes:
    body = ('{"detail": "%s"}' % detail).encode("ascii")
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class HeaderLimits:
    """A deadline and a size limit on each request's headers (settings ``header_timeout`` and
    ``max_header_bytes``), mixed into one of uvicorn's HTTP protocols (httptools or h11)."""

    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        settings = get_settings()
        self._header_timeout = settings.header_timeout
        self._max_header_bytes = settings.max_header_bytes
        self._header_timer: asyncio.TimerHandle | None = None
        self._head_bytes = 0
        self._cycle: Any = None
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]

    # Both uvicorn protocols assign `cycle` when a request's headers are complete: that is
    # when the headers' deadline stops counting.
    @property
    def cycle(self) -> Any:
        return self._cycle

    @cycle.setter
    def cycle(self, value: Any) -> None:
        self._cycle = value
        if value is not None:
            self._disarm()

    def _waiting_for_head(self) -> bool:
        return self._cycle is None or bool(self._cycle.response_complete)

    def _arm(self) -> None:
        self._disarm()
        self._head_bytes = 0
        self._header_timer = self.loop.call_later(self._header_timeout, self._header_timed_out)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _close_with(self, response: bytes | None) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        if response is not None:
            self.transport.write(response)
        self.transport.close()

    def _header_timed_out(self) -> None:
        self._header_timer = None
        if not self._waiting_for_head():
            return
        detail = f"Request headers not received within {self._header_timeout:g} s (ROOTCAUSE_HEADER_TIMEOUT)."
        # a client that sent nothing is closed quietly, as uvicorn closes an idle kept-alive one
        self._close_with(_raw_response(408, "Request Timeout", detail) if self._head_bytes else None)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[misc]
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        if self.transport is not None and not self.transport.is_closing() and self._waiting_for_head():
            self._arm()

    def data_received(self, data: bytes) -> None:
        waiting = self._waiting_for_head()
        super().data_received(data)  # type: ignore[misc]
        # counted after parsing: a chunk that completes the headers may carry a large body
        if waiting and self._waiting_for_head():
            self._head_bytes += len(data)
            if self._head_bytes > self._max_header_bytes:
                self._disarm()
                detail = f"Request headers larger than {self._max_header_bytes} bytes (ROOTCAUSE_MAX_HEADER_BYTES)."
                self._close_with(_raw_response(431, "Request Header Fields Too Large", detail))


class HeaderLimitsProtocol(HeaderLimits, AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP protocol (httptools, or h11 when httptools is missing) with `HeaderLimits`."""


def uvicorn_options(settings: Any) -> dict[str, Any]:
    """The connection limits `rootcause serve` hands to uvicorn, from the settings."""
    return {
        "http": "api.server:HeaderLimitsProtocol",
        "timeout_keep_alive": settings.keep_alive_timeout,
        "h11_max_incomplete_event_size": settings.max_header_bytes,  # h11's own bound, when h11 parses
        "limit_concurrency": settings.max_connections,
    }


def served_app() -> Any:
    """`create_app()` as `rootcause serve` runs it (uvicorn's factory), tuned for serving.

    Once the model is loaded and warmed, the objects alive then (the model's, the libraries')
    are left out of the garbage collector's scans (`gc.freeze`): a full collection of the
    150,000-220,000 objects of a loaded server held the GIL for 90-116 ms of CPU
    (`bench/gil_pauses.py`), during which nothing else, `/v1/health` included, was answered.
    Process-wide, hence here and not in `create_app`, which the tests build many times in one
    process.
    """
    import gc
    from contextlib import asynccontextmanager

    from api.app import create_app

    app = create_app()
    startup = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> Any:
        async with startup(a) as state:
            gc.collect()  # what is garbage already is not frozen
            gc.freeze()
            yield state

    app.router.lifespan_context = lifespan
    return app
