"""Per-caller request budgets: token buckets, answered 429 with Retry-After when empty.

Two budgets, both checked in `api.deps.get_key` before a route runs:

* **per key** (`ROOTCAUSE_KEY_RATE` requests per second, bursts of `ROOTCAUSE_KEY_BURST`; off by
  default, since one CRM key may carry a whole contact centre): a leaked or runaway key cannot
  take the whole server;
* **failed sign-ins per client address** (`ROOTCAUSE_AUTH_FAIL_RATE` per second, bursts of
  `ROOTCAUSE_AUTH_FAIL_BURST`; on by default): guessing tokens is slowed to that pace. The
  workbench's sign-in form keeps the same budget per user name too (guesses spread over many
  addresses), and checks no password at all while either is spent.
"""

from __future__ import annotations

import math
import threading
import time

from fastapi import HTTPException, status

MAX_CALLERS = 10_000  # buckets kept; the least recently used go first (unknown addresses cannot grow it)


class Buckets:
    """One token bucket per caller: `rate` tokens a second, at most `burst` saved up."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self._state: dict[str, tuple[float, float]] = {}  # caller -> (tokens, when)
        self._lock = threading.Lock()

    def take(self, caller: str, now: float | None = None) -> float:
        """Spend a token of `caller`'s bucket: 0.0 when there was one, else the seconds until
        there is. A bucket with rate 0 never runs out (the budget is off)."""
        return self._look(caller, now, spend=True)

    def waiting(self, caller: str, now: float | None = None) -> float:
        """The seconds until `caller`'s bucket holds a token, spending nothing (0.0: it holds one)."""
        return self._look(caller, now, spend=False)

    def _look(self, caller: str, now: float | None, *, spend: bool) -> float:
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, when = (self._state.pop if spend else self._state.get)(caller, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) * self.rate)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate
            if spend:  # the caller moves to the end: the least recently used go first
                self._state[caller] = (tokens - 1.0 if wait == 0.0 else tokens, now)
                if len(self._state) > MAX_CALLERS:
                    del self._state[next(iter(self._state))]
            return wait


class Limits:
    """The server's two budgets, from its settings."""

    def __init__(self, key_rate: float, key_burst: int, auth_fail_rate: float, auth_fail_burst: int) -> None:
        self.per_key = Buckets(key_rate, key_burst)
        self.failed_auth = Buckets(auth_fail_rate, auth_fail_burst)


def too_many(wait: float, what: str) -> HTTPException:
    """The 429 of an empty bucket, with the whole seconds to wait."""
    seconds = max(1, math.ceil(wait))
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS,
        detail=f"Too many {what}; retry in {seconds} s.",
        headers={"Retry-After": str(seconds)},
    )
