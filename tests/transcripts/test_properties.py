"""Invariants of `reason_of` on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rootcause.transcripts import reason_of

_LINES = st.sampled_from(
    ["Agent: Hello, how can I help?", "Client : ma carte est bloquée", "[00:00:01] AGENT: hi", "WEBVTT", "1",
     "00:00:01,000 --> 00:00:02,000", "", "ok", "Bonjour,", "Cordialement", "Sophie : bonjour", '[{"role": "user"}]']
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=12))
def test_reason_of_never_raises_and_keeps_non_transcripts(lines: list[str]):
    text = "\n".join(lines)
    reason, is_transcript = reason_of(text)
    assert isinstance(reason, str)
    if not is_transcript:
        assert reason == text
    else:
        assert len(reason) <= 600
