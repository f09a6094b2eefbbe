"""Stage-by-stage progress on stderr for long runs (silent when quiet), and what each stage cost.

`Reporter` prints; `StageTimes` measures (wall time and peak resident memory per stage, for
``summary.json``), whether or not anything is printed; `Reporter.track` shows how far a long
stage has got and when it should end.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def _peak_rss_mib() -> float:
    """Peak resident memory of this process (MiB) since start, or since the last reset."""
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss is KiB on Linux, bytes on macOS
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _reset_peak() -> bool:
    """Restart the kernel's peak-RSS counter (Linux: write 5 to /proc/self/clear_refs)."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


class StageTimes:
    """Wall time and peak resident memory of each stage of one run.

    Each stage's peak is its own where the kernel lets the peak counter be reset (Linux),
    else the process's peak so far (``peak_scope`` says which). ``peak_mib`` over the run
    also counts what ran between stages.

    Examples
    --------
    >>> times = StageTimes()
    >>> with times.stage("Embed"):
    ...     pass
    >>> [row["stage"] for row in times.table()]
    ['Embed']
    """

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.peak_scope = "stage"
        self.prefix = ""  # put before every stage name ("Fit on the sample: ")
        self._open: list[float] = []  # running peaks of the stages under way, outermost first
        self._max = 0.0  # the run's peak, stages or not
        self._t0 = time.perf_counter()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Measure the block as the stage `name` (a repeated name adds up). Stages may nest:
        an outer stage's peak includes its inner stages'."""
        name = self.prefix + name
        peak = _peak_rss_mib()  # since the last reset: what ran between stages counts too
        self._fold(peak)
        self._max = max(self._max, peak)
        if not _reset_peak():
            self.peak_scope = "process"
        self._open.append(0.0)
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self._fold(_peak_rss_mib())
            self.add(name, time.perf_counter() - t0, self._open.pop())

    def _fold(self, peak: float) -> None:
        """The peak since the last reset counts in every stage under way."""
        self._open = [max(p, peak) for p in self._open]

    def add(self, name: str, seconds: float, peak_mib: float) -> None:
        """Record a stage measured elsewhere (adds up with an earlier one of the same name)."""
        for row in self.rows:
            if row["stage"] == name:
                row["seconds"] = round(row["seconds"] + seconds, 2)
                row["peak_mib"] = round(max(row["peak_mib"], peak_mib), 1)
                return
        self.rows.append({"stage": name, "seconds": round(seconds, 2), "peak_mib": round(peak_mib, 1)})

    def table(self) -> list[dict[str, Any]]:
        """One row per stage, in the order they first ran: stage, seconds, peak_mib."""
        return [dict(r) for r in self.rows]

    def summary(self) -> dict[str, Any]:
        """What ``summary.json`` keeps: the table, the total, the peak and how it was taken."""
        return {
            "stages": self.table(),
            "run_seconds": round(time.perf_counter() - self._t0, 2),
            "peak_mib": round(max([self._max, _peak_rss_mib(), *(r["peak_mib"] for r in self.rows)]), 1),
            "peak_scope": self.peak_scope,
        }


class Tracker:
    """Progress of one long stage: done / total, rate and time left.

    A line every `every_s` seconds (on a terminal, under the stage's spinner) and one at the
    end, so a long run never goes silent; rich allows one live display at a time, and the
    stage's spinner is it.
    """

    def __init__(self, reporter: Reporter, name: str, total: int, *, every_s: float | None = None) -> None:
        self.reporter = reporter
        self.name = name
        self.total = max(int(total), 0)
        self.done = 0
        self.every_s = every_s if every_s is not None else (10.0 if sys.stderr.isatty() else 30.0)
        self._t0 = time.perf_counter()
        self._last = self._t0

    def __enter__(self) -> Tracker:
        return self

    def advance(self, n: int) -> None:
        """`n` more items done."""
        self.done += n
        now = time.perf_counter()
        if now - self._last >= self.every_s:
            self._last = now
            self.reporter.info(self.line())

    def eta_seconds(self) -> float | None:
        """Seconds left at the rate so far; None before anything is done."""
        elapsed = time.perf_counter() - self._t0
        if self.done <= 0 or elapsed <= 0:
            return None
        return max(self.total - self.done, 0) * elapsed / self.done

    def line(self) -> str:
        """``name: 12,000 / 80,000 (15%), 210/s, about 5 min 24 s left``."""
        elapsed = max(time.perf_counter() - self._t0, 1e-9)
        share = self.done / self.total if self.total else 1.0
        eta = self.eta_seconds()
        left = f", about {_duration(eta)} left" if eta is not None and self.done < self.total else ""
        return f"{self.name}: {self.done:,} / {self.total:,} ({share:.0%}), {self.done / elapsed:,.0f}/s{left}"

    def __exit__(self, *exc: object) -> None:
        if self.done and exc[0] is None:
            self.reporter.info(self.line())


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


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
    def stage(self, name: str, times: StageTimes | None = None) -> Iterator[None]:
        """Time a stage; show a spinner while it runs on an interactive terminal. With
        `times`, its wall time and peak memory are recorded there, printed or not."""
        if times is not None:
            with times.stage(name), self._shown(name):
                yield
            return
        with self._shown(name):
            yield

    @contextmanager
    def _shown(self, name: str) -> Iterator[None]:
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

    def track(self, name: str, total: int) -> Tracker:
        """A progress counter with an ETA for a long stage (`Tracker`); silent when quiet."""
        return Tracker(self, name, total)

    def info(self, message: str) -> None:
        if self.enabled and self._console is not None:
            self._console.print(f"  {message}")

    def warn(self, message: str) -> None:
        if self.warnings and self._console is not None:
            self._console.print(f"[yellow]![/yellow] {message}")


QUIET = Reporter(enabled=False)
