"""Keep what the customer says about why they called; drop greetings, identity checks and script."""

from __future__ import annotations

import re

from rootcause.transcripts.lexicon import (
    AGENT_ASKS_IDENTITY,
    AGENT_STRONG,
    AGENT_PARAPHRASE,
    FILLER_WORDS,
    IDENTITY,
    NUMBER_WORDS,
    NON_SPEECH,
    NOT_REASON,
    REASON_CUES,
    fold,
)
from rootcause.transcripts.model import Transcript
from rootcause.transcripts.parse import parse_transcript

_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\s*[\n;]\s*")
_WORDS = re.compile(r"[\w'-]+")
_LEADING_FILLER = re.compile(
    r"^(?:(?:bonjour|bonsoir|hello|hi|hey|allo|oui|yes|yeah|yep|ok|okay|d'accord|alors|euh|heu|um|uh|ah|oh|bah|ben|"
    r"bon|well|so|right|voila|good (?:morning|afternoon|evening)|madame|monsieur|sir|ma'am|mademoiselle|"
    r"merci|thanks|thank you)\b[\s,.!:-]*)+",
)
_MIN_CONTENT_WORDS = 3  # fewer content words than this and a turn says nothing about the reason
_SHORT_ANSWER_WORDS = 8  # a reply this short right after an identity question is the answer


def _content_words(folded: str) -> int:
    return sum(1 for w in _WORDS.findall(folded) if w not in FILLER_WORDS)


def _is_identity(folded: str) -> bool:
    """An answer to an identity check: a number, a date, a spelled name, "c'est bien moi"."""
    if IDENTITY.search(folded):
        return True
    words = _WORDS.findall(folded)
    spelled = sum(
        1 for w in words if (len(w) == 1 and w not in "aeiouy") or any(c.isdigit() for c in w) or w in NUMBER_WORDS
    )
    return 2 <= len(words) <= 15 and spelled >= 0.6 * len(words)


def _is_name(sentence: str) -> bool:
    """A bare name given for identification: "Sandrine Gauthier.", "M. Dupont"."""
    words = sentence.rstrip(".!").split()
    return 1 <= len(words) <= 3 and all(w[0].isupper() for w in words)


def _strip_filler(sentence: str) -> str:
    """Drop leading "bonjour, oui alors" so the reason starts the sentence."""
    folded = fold(sentence)
    m = _LEADING_FILLER.match(folded)
    if m is None or m.end() >= len(folded):
        return sentence
    # fold keeps length for Latin text except for decomposed accents; realign by words
    dropped = len(_WORDS.findall(folded[: m.end()]))
    words = sentence.split()
    return " ".join(words[dropped:]) if dropped < len(words) else sentence


def _substance(text: str, *, after_identity_question: bool) -> str:
    """The sentences of a customer turn that may state a reason ("" when none does)."""
    text = NON_SPEECH.sub(" ", text)
    kept: list[str] = []
    cue = False
    for sentence in _SENTENCE.split(text):
        sentence = sentence.strip(" \t-–—,")
        if not sentence:
            continue
        core = _strip_filler(sentence)
        folded = fold(core).strip()
        if _content_words(folded) == 0 or NOT_REASON.search(folded) or _is_identity(folded) or _is_name(core):
            continue
        has_cue = bool(REASON_CUES.search(folded))
        if after_identity_question and not has_cue and len(_WORDS.findall(folded)) <= _SHORT_ANSWER_WORDS:
            continue
        kept.append(core)
        cue = cue or has_cue
    joined = " ".join(kept)
    if _content_words(fold(joined)) < _MIN_CONTENT_WORDS and not cue:
        return ""
    return joined


def truncate_at_word(text: str, max_chars: int) -> str:
    """Cut `text` to at most `max_chars`, at a word boundary when one is near."""
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    space = cut.rfind(" ")
    return (cut[:space] if space > max_chars // 2 else cut).rstrip(" ,;:")


def extract_reason(transcript: Transcript, *, max_chars: int = 600, max_turns: int = 3) -> str:
    """The customer's stated reason for the call.

    Parameters
    ----------
    transcript : Transcript
        A parsed transcript (see `parse_transcript`).
    max_chars : int, default 600
        Longest reason returned, cut at a word boundary.
    max_turns : int, default 3
        How many substantive customer turns to keep. Callers often open with a generic
        "I have a problem with my bill" and give the specifics after the identity check,
        so the first turn alone is rarely enough.

    Returns
    -------
    str
        The first substantive customer turns, with greetings, identity answers, hold notes,
        thanks and acknowledgements removed. When the customer says nothing substantive, the
        agent's paraphrase ("si je comprends bien…"); failing that, whatever the customer
        said, then the whole call.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars={max_chars} should be >= 1.")
    if max_turns < 1:
        raise ValueError(f"max_turns={max_turns} should be >= 1.")
    turns = transcript.turns
    customer_role = "customer" if any(t.speaker == "customer" for t in turns) else "unknown"
    pieces: list[str] = []
    last_agent = ""
    for turn in turns:
        if turn.speaker != customer_role:
            last_agent = turn.text
            continue
        text = _substance(turn.text, after_identity_question=_asks_identity(last_agent))
        last_agent = ""
        if text:
            pieces.append(text)
            if len(pieces) >= max_turns or sum(len(p) + 1 for p in pieces) > max_chars:
                break
    if pieces:
        return truncate_at_word(" ".join(pieces), max_chars)
    paraphrase = [
        s for t in turns if t.speaker == "agent" for s in _SENTENCE.split(t.text) if AGENT_PARAPHRASE.search(fold(s))
    ]
    if paraphrase:
        return truncate_at_word(" ".join(paraphrase[:2]), max_chars)
    said = " ".join(NON_SPEECH.sub(" ", t.text).strip() for t in turns if t.speaker == customer_role).strip()
    if said:
        return truncate_at_word(said, max_chars)
    return truncate_at_word(" ".join(t.text for t in turns), max_chars)


def extract_exchange(transcript: Transcript, *, max_chars: int = 2000) -> str:
    """What both sides say about the problem: the substance of every turn, in call order.

    The customer states the symptom; the agent often states the cause ("your readings have
    been estimated since September"). Greetings, identity checks and their answers, hold
    notes, thanks and acknowledgements are dropped from both sides, so the call reads like
    a written contact rather than like the agent's script.
    """
    pieces: list[str] = []
    last_agent = ""
    for turn in transcript.turns:
        if turn.speaker == "agent":
            asks = _asks_identity(turn.text)
            last_agent = turn.text
            if asks:
                continue
            # the script ("Ligne X bonjour, Sophie à votre écoute", "let me check") says nothing
            # of the problem and would put the company's name in every call
            said = " ".join(s for s in _SENTENCE.split(turn.text) if not AGENT_STRONG.search(fold(s)))
            text = _substance(said, after_identity_question=False)
        else:
            text = _substance(turn.text, after_identity_question=_asks_identity(last_agent))
            last_agent = ""
        if text:
            pieces.append(text)
    return truncate_at_word(" ".join(pieces), max_chars) if pieces else extract_reason(transcript)


def _asks_identity(agent_text: str) -> bool:
    """Whether the agent's last question asks for a name, number, date or address."""
    folded = fold(agent_text)
    if "?" in folded:
        questions = [q for q in folded.split("?")[:-1] if q.strip()]
        last = questions[-1] if questions else ""
    else:  # ASR text has no punctuation: the last sentence is the question
        sentences = [s for s in _SENTENCE.split(folded) if s.strip()]
        last = sentences[-1] if sentences else ""
    return bool(AGENT_ASKS_IDENTITY.search(last))


def views_of(text: str, *, max_chars: int = 600) -> tuple[str, str, bool]:
    """The customer's reason, the whole exchange (`extract_exchange`) and whether `text` is a
    call transcript; a text that is not one is returned unchanged as both views."""
    transcript = parse_transcript(text)
    if transcript is None:
        return text, text, False
    return extract_reason(transcript, max_chars=max_chars), extract_exchange(transcript), True


def reason_of(text: str, *, max_chars: int = 600) -> tuple[str, bool]:
    """The text to embed for one contact, and whether it was a transcript.

    Returns ``(extract_reason(transcript), True)`` when `text` parses as a call transcript,
    else ``(text, False)`` with `text` unchanged.
    """
    transcript = parse_transcript(text)
    if transcript is None:
        return text, False
    return extract_reason(transcript, max_chars=max_chars), True
