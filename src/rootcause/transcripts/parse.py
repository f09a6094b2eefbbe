"""Detect and parse call transcripts: labelled lines, timestamps, WebVTT, SRT, JSON, unlabelled ASR."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from rootcause.transcripts.lexicon import AGENT_STRONG, EMAIL_MARKERS, NOT_SPEAKERS, fold, role_of_label
from rootcause.transcripts.model import Speaker, Transcript, Turn
from rootcause.transcripts.speakers import agent_score, alternate, resolve_roles

_TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TS_ANY = rf"(?:[\[(]\s*{_TS}(?:\s*(?:-|–|-->)\s*{_TS})?\s*[\])]|{_TS})"
_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’.]*(?:-[\w'’.]+)*"
_TITLE = r"(?:M\.|Mme\.?|Mlle\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Me)"
_LABEL = rf"(?:{_TITLE}\s+)?{_WORD}(?:[ \t]+{_WORD}){{0,2}}(?:\s*[(\[](?!\s*\d{{1,2}}:)[^)\]\n]{{1,30}}[)\]])?(?:[ \t_-]*\d{{1,2}})?"
_LINE = re.compile(
    rf"^[ \t]*(?:(?P<ts>{_TS_ANY})[ \t]*(?:[-–—|][ \t]*)?)?(?P<label>{_LABEL})[ \t]*"
    rf"(?:(?P<ts2>{_TS_ANY})[ \t]*)?(?P<sep>:|[ \t][-–—][ \t]|>)[ \t]*(?P<text>.*)$"
)
_TS_LINE = re.compile(rf"^[ \t]*(?P<ts>{_TS_ANY})[ \t]*(?:[-–—|:][ \t]*)?(?P<text>.*)$")
_CUE_TIMING = re.compile(rf"^\s*(?P<start>{_TS})\s*-->\s*{_TS}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>\s][^>]*>")
_TITLE_RX = re.compile(rf"^{_TITLE}\s+")

_JSON_SPEAKER_KEYS = ("speaker", "role", "participant", "from", "speaker_role", "participant_role", "speakerRole",
                      "participantRole", "author", "sender", "who", "party", "speaker_label", "speakerLabel", "channel")
_JSON_TEXT_KEYS = ("text", "content", "utterance", "transcript", "message", "body", "value", "sentence", "msg")
_JSON_START_KEYS = ("start", "start_time", "timestamp", "startTime", "start_s", "begin", "offset", "time", "ts",
                    "start_sec", "startOffset")
_JSON_LIST_KEYS = ("turns", "transcript", "messages", "utterances", "segments", "conversation", "dialog", "dialogue",
                   "entries", "results", "items", "phrases")


def parse_transcript(text: str) -> Transcript | None:
    """Parse `text` as a call transcript, detecting its format.

    Parameters
    ----------
    text : str
        A contact body: a transcript in any supported format, or anything else.

    Returns
    -------
    Transcript or None
        The turns with speakers mapped to "agent"/"customer"/"unknown", or None when `text`
        is not a transcript (an e-mail that quotes "Client : …" once is not one).

    Examples
    --------
    >>> t = parse_transcript("Conseiller : Bonjour, que puis-je faire pour vous ?\\nClient : Ma box ne marche plus.")
    >>> [(turn.speaker, turn.text) for turn in t.turns]
    [('agent', 'Bonjour, que puis-je faire pour vous ?'), ('customer', 'Ma box ne marche plus.')]
    """
    if not text or not text.strip():
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u202f", " ").lstrip("\ufeff")
    stripped = text.strip()
    if not stripped:  # a byte-order mark alone
        return None
    if stripped[0] in "[{":
        parsed = _parse_json(stripped)
        if parsed is not None:
            return parsed
    if stripped.upper().startswith("WEBVTT") or _looks_like_subtitles(stripped):
        parsed = _parse_cues(stripped, "webvtt" if stripped.upper().startswith("WEBVTT") else "srt")
        if parsed is not None:
            return parsed
    parsed = _parse_labelled(stripped)
    if parsed is not None:
        return parsed
    inline = _split_inline_turns(stripped)
    if inline is not None:
        parsed = _parse_labelled(inline)
        if parsed is not None:
            return parsed
    return _parse_unlabelled(stripped)


# --- labelled lines -------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    line: int
    key: str
    role: Speaker | None
    text: str
    start: float | None


def _is_name(label: str) -> bool:
    """A person's name or initials ("Sophie", "M. Martin", "Jean-Pierre D."), not a form field."""
    words = _TITLE_RX.sub("", label).split()
    if not words or len(words) > 3:
        return False
    if fold(label) in NOT_SPEAKERS or fold(words[0]).strip(".") in NOT_SPEAKERS:
        return False
    return all(w[0].isupper() for w in words if not w[0].isdigit() and not w.startswith(("(", "[")))


def _match_line(line: str) -> _Candidate | None:
    m = _LINE.match(line)
    if m is None:
        return None
    label = m.group("label").strip()
    role = role_of_label(label)
    has_ts = bool(m.group("ts") or m.group("ts2"))
    if m.group("sep") != ":" and role is None and not has_ts:
        return None  # "Sophie - bonjour" without a timestamp is too easily a sentence
    if role is None and not _is_name(label):
        return None
    ts = m.group("ts") or m.group("ts2")
    key = fold(label) if role is None or role == "unknown" else role
    return _Candidate(-1, key, role, m.group("text").strip(), _seconds(ts) if ts else None)


def _parse_labelled(text: str) -> Transcript | None:
    lines = text.split("\n")
    candidates: list[_Candidate] = []
    for i, line in enumerate(lines):
        cand = _match_line(line)
        if cand is not None:
            cand.line = i
            candidates.append(cand)
    counts: dict[str, int] = {}
    for c in candidates:
        counts[c.key] = counts.get(c.key, 0) + 1
    # A name must speak at least twice to count as a speaker: this rejects "Nom : Dupont".
    accepted = [c for c in candidates if c.role in ("agent", "customer") or counts[c.key] >= 2]
    keys = {c.key for c in accepted}
    if len(accepted) < 2 or len(keys) < 2:
        return None
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    before = sum(1 for i in nonempty if i < accepted[0].line)
    if before > 3 or before > 0.3 * len(nonempty):
        return None
    turn_lines = {c.line for c in accepted}
    if len(accepted) < 4 and any(EMAIL_MARKERS.search(fold(lines[i]).strip()) for i in nonempty if i not in turn_lines):
        return None
    # continuation lines belong to the turn above them
    starts = {c.line: c for c in accepted}
    texts: list[list[str]] = []
    ordered: list[_Candidate] = []
    for i, line in enumerate(lines):
        if i in starts:
            ordered.append(starts[i])
            texts.append([starts[i].text] if starts[i].text else [])
        elif ordered and line.strip():
            texts[-1].append(line.strip())
    joined = [" ".join(parts) for parts in texts]
    known = {c.key: c.role for c in ordered}
    roles = resolve_roles([c.key for c in ordered], joined, known)
    turns = [Turn(roles.get(c.key, "unknown"), t, c.start) for c, t in zip(ordered, joined) if _speech(t)]
    if len(turns) < 2:
        return None
    timed = sum(1 for t in turns if t.start is not None)
    return Transcript(turns, "timestamped" if timed >= 0.5 * len(turns) else "labelled")


_INLINE_LABEL = re.compile(r"(?:^|(?<=\s))(?P<label>[A-Za-zÀ-ÖØ-öø-ÿ]+(?:[ _-]?\d)?)[ \t]*:[ \t]")


def _split_inline_turns(text: str) -> str | None:
    """A call written on one line ("Conseiller : Bonjour… Client : ma box…"): the same text
    with each turn on its own line, or None when it is not one.

    Only role words (agent, conseiller, client, customer…) count as inline labels, never
    names, and both sides must speak: a sentence that says "client : 12345" once is no call.
    """
    found = [m for m in _INLINE_LABEL.finditer(text) if role_of_label(m.group("label")) in ("agent", "customer")]
    roles = {role_of_label(m.group("label")) for m in found}
    if len(found) < 2 or roles != {"agent", "customer"} or all(text[: m.start()].endswith("\n") or m.start() == 0 for m in found):
        return None
    pieces = [text[: found[0].start()]] + [
        text[m.start() : nxt.start() if nxt is not None else len(text)].strip()
        for m, nxt in zip(found, [*found[1:], None], strict=True)
    ]
    return "\n".join(p for p in pieces if p.strip())


# --- WebVTT and SRT -------------------------------------------------------------


def _looks_like_subtitles(text: str) -> bool:
    head = text.split("\n", 3)
    return len(head) >= 2 and head[0].strip().isdigit() and bool(_CUE_TIMING.match(head[1]))


def _parse_cues(text: str, fmt: str) -> Transcript | None:
    blocks = re.split(r"\n[ \t]*\n", text)
    keys: list[str | None] = []
    roles: dict[str, Speaker | None] = {}
    texts: list[str] = []
    starts: list[float | None] = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        timing = next((i for i, line in enumerate(lines) if _CUE_TIMING.match(line)), None)
        if timing is None:
            continue
        start = _seconds(_CUE_TIMING.match(lines[timing]).group("start"))  # type: ignore[union-attr]
        body = " ".join(line.strip() for line in lines[timing + 1 :])
        voice = _VOICE.search(body)
        label: str | None = voice.group(1).strip() if voice else None
        body = _TAG.sub("", body).strip()
        if label is None:
            cand = _match_line(body)
            if cand is not None:
                label, body = cand.key, cand.text
        key = None
        if label is not None:
            role = role_of_label(label)
            key = fold(label) if role in (None, "unknown") else role
            roles[key] = role
        if not _speech(body):
            continue
        if keys and key == keys[-1] or (key is None and keys):
            texts[-1] = f"{texts[-1]} {body}"  # a cue is a subtitle line, not a turn
            continue
        keys.append(key)
        texts.append(body)
        starts.append(start)
    if not texts:
        return None
    if all(k is None for k in keys):
        speakers = alternate(texts) if len(texts) > 1 else ["unknown"]
        return Transcript([Turn(s, t, st) for s, t, st in zip(speakers, texts, starts)], fmt)
    str_keys = [k or "?" for k in keys]
    resolved = resolve_roles(str_keys, texts, {k: roles.get(k) for k in str_keys})
    return Transcript([Turn(resolved.get(k, "unknown"), t, st) for k, t, st in zip(str_keys, texts, starts)], fmt)


# --- JSON -------------------------------------------------------------------------


def _parse_json(text: str) -> Transcript | None:
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, dict):
        data = next((data[k] for k in _JSON_LIST_KEYS if isinstance(data.get(k), list)), None)
    if not isinstance(data, list) or not data:
        return None
    keys: list[str] = []
    known: dict[str, Speaker | None] = {}
    texts: list[str] = []
    starts: list[float | None] = []
    for item in data:
        if isinstance(item, dict):
            who = next((item[k] for k in _JSON_SPEAKER_KEYS if isinstance(item.get(k), (str, int))), None)
            said = next((item[k] for k in _JSON_TEXT_KEYS if isinstance(item.get(k), str)), None)
            when = next((item[k] for k in _JSON_START_KEYS if item.get(k) is not None), None)
        elif isinstance(item, list) and len(item) >= 2 and all(isinstance(x, str) for x in item[:2]):
            who, said, when = item[0], item[1], None
        else:
            return None
        if said is None:
            return None
        said = said.strip()
        if not _speech(said):
            continue
        label = str(who) if who is not None else "?"
        role = role_of_label(label)
        key = fold(label) if role in (None, "unknown") else role
        known[key] = role
        keys.append(key)
        texts.append(said)
        starts.append(_json_seconds(when))
    if not texts:
        return None
    if set(keys) == {"?"}:
        speakers = alternate(texts)
        return Transcript([Turn(s, t, st) for s, t, st in zip(speakers, texts, starts)], "json")
    roles = resolve_roles(keys, texts, known)
    return Transcript([Turn(roles.get(k, "unknown"), t, st) for k, t, st in zip(keys, texts, starts)], "json")


def _json_seconds(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        m = re.search(_TS, value)
        if m and not re.match(r"^\d{4}-\d{2}-\d{2}", value):
            return _seconds(m.group(0))
        try:
            return float(value)
        except ValueError:
            return None
    return None


# --- unlabelled ASR lines -----------------------------------------------------------


def _parse_unlabelled(text: str) -> Transcript | None:
    lines: list[str] = []
    starts: list[float | None] = []
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        m = _TS_LINE.match(raw)
        if m and m.group("text").strip():
            lines.append(m.group("text").strip())
            starts.append(_seconds(m.group("ts")))
        else:
            lines.append(raw.strip())
            starts.append(None)
    if len(lines) < 3 or sum(len(line) > 400 for line in lines) > 1:
        return None
    folded = [fold(line) for line in lines]
    if any(EMAIL_MARKERS.search(f) for f in folded):
        return None
    strong = sum(1 for f in folded if AGENT_STRONG.search(f))
    timed = sum(1 for s in starts if s is not None) >= 0.8 * len(lines)
    # An agent script must show itself at least twice (once if every line is timestamped).
    if strong < (1 if timed else 2) or max(agent_score(line) for line in lines) < 2:
        return None
    speakers = alternate(lines)
    turns = [Turn(s, t, st) for s, t, st in zip(speakers, lines, starts) if _speech(t)]
    return Transcript(turns, "unlabelled")


# --- helpers -----------------------------------------------------------------------


def _speech(text: str) -> bool:
    """Whether a turn has any words once stripped of punctuation ("…", "-" are empty turns)."""
    return any(c.isalnum() for c in text)


def _seconds(stamp: str) -> float | None:
    digits = re.search(_TS, stamp)
    if digits is None:
        return None
    parts = digits.group(0).replace(",", ".").split(":")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        return None
    total = 0.0
    for v in values:
        total = total * 60 + v
    return total
