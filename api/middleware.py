"""ASGI middleware: request size and time limits, metrics and access log (no personal data), security headers."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Sequence
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

log = logging.getLogger("rootcause.api")
access_log = logging.getLogger("rootcause.access")  # one line per request; `rootcause serve` gives it a handler

Scope = dict[str, Any]


class Metrics:
    """The Prometheus metrics of one app (own registry: several apps can live in one process)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "rootcause_http_requests_total", "HTTP requests", ["method", "route", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "rootcause_http_request_seconds",
            "HTTP request latency",
            ["method", "route"],
            buckets=(0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=self.registry,
        )
        self.classified = Counter(
            "rootcause_contacts_classified_total", "Contacts classified", ["unknown"], registry=self.registry
        )
        self.ingested = Counter(
            "rootcause_contacts_ingested_total", "Ingested batch items", ["status"], registry=self.registry
        )
        self.decisions = Counter("rootcause_review_decisions_total", "Review decisions", ["action"], registry=self.registry)
        self.model_version = Gauge("rootcause_model_version", "Driver model version in use", registry=self.registry)
        self.drivers = Gauge("rootcause_model_drivers", "Drivers in the model in use", registry=self.registry)


async def _send_json(send: Any, status: int, detail: str, *, close: bool = False, extra: Sequence[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra]
    if close:  # the rest of the request may still come: the connection cannot carry another one
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


MISSING_KEY = "Missing API key: send `Authorization: Bearer <key>` (create one with `rootcause keys create`)."


class KeyFirstMiddleware:
    """Answer 401 at once to a request that sends a body to the API (``/v1/``) without an
    `Authorization` header: every such route needs a key, and without this its body would be
    read and judged first (a 422 or 400 about a body nobody was allowed to send)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in ("POST", "PUT", "PATCH", "DELETE")
            and scope["path"].startswith("/v1/")
            and not any(n == b"authorization" for n, _ in scope.get("headers", []))
        ):
            # the body is left unread: the connection cannot carry another request
            await _send_json(send, 401, MISSING_KEY, close=True, extra=[(b"www-authenticate", b"Bearer")])
            return
        await self.app(scope, receive, send)


class JsonBodyMiddleware:
    """Answer 415 to a request to the API (``/v1/``) that sends a body as anything but JSON (a
    form, plain text, XML): FastAPI would answer 422 "input should be a valid dictionary", which
    says nothing of the cause; and one that sends a body without a Content-Type (a request
    without a body passes: an action without parameters)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in ("POST", "PUT", "PATCH") and scope["path"].startswith("/v1/"):
            headers = dict(scope.get("headers", []))
            kind = headers.get(b"content-type")
            media = kind.decode("latin-1").split(";")[0].strip().lower() if kind is not None else None
            if media and media != "application/json" and not media.endswith("+json"):
                await _send_json(send, 415, f"The body is sent as {media}; send it as JSON with Content-Type: application/json.")
                return
            has_body = headers.get(b"content-length", b"0").strip() not in (b"0", b"") or b"transfer-encoding" in headers
            if media is None and has_body:
                await _send_json(send, 415, "The body is sent without a Content-Type; send it as JSON with Content-Type: application/json.")
                return
        await self.app(scope, receive, send)


class BodyLimitMiddleware:
    """Answer 413 to a request whose body is larger than `max_bytes` (declared or streamed), and
    408 (closing the connection) to one whose body has not all come `timeout` s after its headers:
    a client that stalls or dribbles its body holds no worker and no connection past it."""

    def __init__(self, app: Any, max_bytes: int, timeout: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        too_big = f"Request body larger than {self.max_bytes} bytes; send smaller batches (ROOTCAUSE_MAX_REQUEST_BYTES)."
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(send, 400, "Content-Length is not a number.")
                    return
                if declared > self.max_bytes:
                    await _send_json(send, 413, too_big)
                    return
        # Read the body up front (bounded in size and time), then replay it to the app.
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.timeout):
                while True:
                    msg = await receive()
                    if msg["type"] == "http.disconnect":
                        return
                    chunk = msg.get("body", b"")
                    size += len(chunk)
                    if size > self.max_bytes:
                        await _send_json(send, 413, too_big)
                        return
                    chunks.append(chunk)
                    if not msg.get("more_body", False):
                        break
        except TimeoutError:
            late = f"Request body not received within {self.timeout:g} s of its headers (ROOTCAUSE_BODY_TIMEOUT)."
            await _send_json(send, 408, late, close=True)
            return
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class MetricsMiddleware:
    """Count and time requests by route template; the access log: one line per request with the
    API key's id (set by `api.deps.get_key`; "-" when no valid key came), method, route template,
    status and duration, never the token, path, query or body."""

    def __init__(self, app: Any, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        status = 500

        async def send_wrapper(msg: dict[str, Any]) -> None:
            nonlocal status
            if msg["type"] == "http.response.start":
                status = msg["status"]
            await send(msg)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            # The template (/v1/drivers/{driver_id}), never the raw path: bounded labels, no ids in logs.
            name = route_template(scope)
            dt = time.perf_counter() - t0
            self.metrics.requests.labels(scope["method"], name, str(status)).inc()
            self.metrics.latency.labels(scope["method"], name).observe(dt)
            key_id = (scope.get("state") or {}).get("key_id", "-")
            access_log.info("key=%s method=%s route=%s status=%d ms=%.1f", key_id, scope["method"], name, status, dt * 1000)


def route_template(scope: Scope) -> str:
    """The matched route's full path template, or "unmatched"; a parameter's converter is left
    out ("/v1/contacts/{contact_id}", whose ids may hold a slash)."""
    # FastAPI >= 0.16x resolves included routers lazily: the full template (with the
    # /v1 prefix) lives in its effective route context; `route.path` lacks the prefix.
    ctx = (scope.get("fastapi") or {}).get("effective_route_context")
    path = getattr(ctx, "path", None) or getattr(scope.get("route"), "path", None)
    return re.sub(r":\w+}", "}", str(path)) if path else "unmatched"


# JSON needs nothing from a browser: a response that sets no policy of its own allows nothing.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),  # a JSON body is never run as a script or page
    (b"cache-control", b"no-store"),  # answers hold contacts' texts: no proxy or browser keeps them
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", API_CSP.encode()),
)


class SecurityHeadersMiddleware:
    """Add `SECURITY_HEADERS` to every response, unless the response sets one itself (a page's CSP)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_wrapper(msg: dict[str, Any]) -> None:
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, send_wrapper)
