"""Stage-by-stage progress on stderr for long runs (silent when quiet)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Reporter:
    """Prints one line per pipeline stage with its duration.

    Parameters
    ----------
    enabled
        False for quiet runs and library use without a terminal.
    warnings
        Print warnings (rejected rows, skipped decisions…) even when not `enabled`: what
        `--quiet` keeps. Defaults to `enabled`.
    """

    def __init__(self, enabled: bool = True, *, warnings: bool | None = None) -> None:
        self.enabled = enabled
        self.warnings = enabled if warnings is None else warnings
        self._console = None
        if enabled or self.warnings:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage; show a spinner while it runs on an interactive terminal."""
        if not self.enabled or self._console is None:
            yield
            return
        t0 = time.perf_counter()
        if sys.stderr.isatty():
            with self._console.status(f"{name}…"):
                yield
        else:
            yield
        self._console.print(f"[green]✓[/green] {name} [dim]({time.perf_counter() - t0:.1f} s)[/dim]")

    def info(self, message: str) -> None:
        if self.enabled and self._console is not None:
            self._console.print(f"  {message}")

    def warn(self, message: str) -> None:
        if self.warnings and self._console is not None:
            self._console.print(f"[yellow]![/yellow] {message}")


QUIET = Reporter(enabled=False)
