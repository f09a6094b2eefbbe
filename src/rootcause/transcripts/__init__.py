"""Call transcripts: parse speaker turns and keep the customer's stated reason.

A transcript is mostly greetings, identity checks and the agent's script; the reason for
the call is a sentence or two of the customer. Embedding the whole call clusters calls by
how they sound, so the pipeline embeds `reason_of(text)` instead, beside the exchange with the
script taken out (`views_of`): the agent's diagnosis often names the cause.
"""

from rootcause.transcripts.model import Speaker, Transcript, Turn
from rootcause.transcripts.parse import parse_transcript
from rootcause.transcripts.reason import extract_exchange, extract_reason, reason_of, views_of

__all__ = [
    "Speaker",
    "Transcript",
    "Turn",
    "extract_exchange",
    "extract_reason",
    "parse_transcript",
    "reason_of",
    "views_of",
]
