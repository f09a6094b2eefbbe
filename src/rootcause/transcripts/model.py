"""The parsed form of a call transcript: speaker turns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Speaker = Literal["agent", "customer", "unknown"]
SPEAKERS: tuple[Speaker, ...] = ("agent", "customer", "unknown")


@dataclass(slots=True)
class Turn:
    """One speaker turn.

    Parameters
    ----------
    speaker : {"agent", "customer", "unknown"}
        Who speaks, after mapping labels ("Conseiller", "Caller", a name…) to a role.
    text : str
        What was said, continuation lines joined with a space.
    start : float or None
        Start time in seconds from the beginning of the call, when the source gives one.
    """

    speaker: Speaker
    text: str
    start: float | None = None


@dataclass(slots=True)
class Transcript:
    """A call transcript as a list of turns.

    Parameters
    ----------
    turns : list of Turn
        Non-empty turns in call order.
    format : str
        The detected source format: "labelled", "timestamped", "webvtt", "srt", "json"
        or "unlabelled".
    """

    turns: list[Turn] = field(default_factory=list)
    format: str = "labelled"

    def of(self, speaker: Speaker) -> list[Turn]:
        """The turns of one speaker, in order."""
        return [t for t in self.turns if t.speaker == speaker]
