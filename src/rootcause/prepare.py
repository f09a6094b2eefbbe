"""Turn raw contact texts into what is stored, shown, embedded and labelled.

One function shared by batch analysis and real-time classification, so that a
contact is prepared exactly the same way in both.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from rootcause import schema as S

log = logging.getLogger("rootcause.prepare")


@dataclass
class PreparedTexts:
    """Per-contact derived texts, aligned with the input order."""

    clean_text: list[str]  # cleaned + redacted full text (safe to store and show)
    reason_text: list[str]  # redacted customer reason: what is embedded and labelled
    is_transcript: list[bool]
    language: list[str]
    # redacted: the whole written contact, or a call with its script taken out (both
    # speakers' substance); embedded beside the reason (`rootcause.embed.views`)
    exchange_text: list[str]
    noise_reason: list[str]  # why the contact states no reason ("" when it does; `rootcause.noise`)
    # names of things the export keeps, as written (its brands, carriers, ROOTCAUSE_KEEP_NAMES):
    # shown as written, but left out of what drivers are found from (`embed.views.without_words`)
    brands: frozenset[str] = frozenset()


def _join_subject(subject: str | None, text: str | None) -> str:
    subject = (subject or "").strip()
    text = (text or "").strip()
    if subject and subject.lower() not in text.lower():
        return f"{subject}\n{text}" if text else subject
    return text or subject


def prepare_texts(
    texts: Sequence[str | None],
    subjects: Sequence[str | None] | None = None,
    *,
    languages: Sequence[str | None] | None = None,
    names: bool = True,
    focus: bool = True,
    show_progress: bool = False,
    keep: Sequence[str] = (),
) -> PreparedTexts:
    """Clean, extract the customer's reason, detect language, redact personal data.

    Parameters
    ----------
    texts
        Raw bodies (e-mails, chats, web forms, transcripts in any supported format).
    subjects
        Optional subjects, joined in front of non-transcript bodies.
    languages
        Optional language hints; detected where missing.
    names
        Redact person names with spaCy NER (slower; on by default).
    focus
        Embed only the sentences that state the problem (`rootcause.focus.focus_reason`),
        of a written contact and of a call's customer turns alike; off, the whole cleaned
        body (a call: its customer turns) is the reason.
    show_progress
        A progress bar on stderr while bodies are redacted (the slow step).
    keep
        Words never redacted as names, beside ``ROOTCAUSE_KEEP_NAMES``: the proper names
        of the department catalogue (`Catalogue.proper_names`). Brands and carriers the
        export itself shows to be no person are kept too (`clean.names.export_brands`).
    """
    from rootcause.clean import clean_text, detect_languages, redact_many
    from rootcause.focus import focus_reason
    from rootcause.noise import noise_reasons
    from rootcause.settings import get_settings
    from rootcause.transcripts import views_of
    from rootcause.transcripts.reason import truncate_at_word

    settings = get_settings()
    # Longer bodies are cut before anything else: a pasted log file or a whole mailbox in one
    # ticket (1.1 M characters seen) would otherwise take gigabytes in name detection, and
    # its reason is in its first pages anyway.
    limit = settings.max_text_chars
    brands = {w.lower() for w in (*settings.kept_names, *keep)}
    named = set(settings.kept_names)  # as written; grows with the brands the bodies reveal
    n = len(texts)
    long = sum(len(t) > limit for t in texts if t)
    if long:
        log.warning("%d contact(s) longer than %d characters were cut to that length for analysis and output.", long, limit)
    subjects = list(subjects) if subjects is not None else [None] * n
    bodies: list[str] = []  # cleaned body, or the whole transcript
    reasons: list[str] = []  # transcripts only: the customer's reason, from the raw turns
    exchanges: list[str] = []  # transcripts only: both speakers' substance, from the raw turns
    flags: list[bool] = []
    for raw in texts:
        raw = truncate_at_word(raw or "", limit)
        reason, exchange, is_transcript = views_of(raw)
        flags.append(is_transcript)
        # Speaker labels are names ("Sophie:"), so turns are parsed before redaction.
        bodies.append(raw.strip() if is_transcript else clean_text(raw))
        reasons.append(reason if is_transcript else "")
        exchanges.append(exchange if is_transcript else "")
    detected = detect_languages([r if t else b for r, b, t in zip(reasons, bodies, flags, strict=True)])
    if languages is not None:
        hints = [(h or "").strip().lower()[:2] for h in languages]
        # A hint is only trusted when detection has nothing better to say.
        detected = [d if d not in ("", "und") else (h or "und") for d, h in zip(detected, hints, strict=True)]
    # Named-entity redaction is the slow step: each text goes through it once, and the
    # reason of a written contact is cut from its already-redacted body.
    # `brands` grows with those found in the bodies: the reason and exchange cut from the
    # same call keep them too.
    found: set[str] = set()
    red_bodies = _redact_with_progress(bodies, detected, names=names, keep=brands, found=found, show=show_progress)
    brands |= found
    named |= found
    red_subjects = redact_many([s or "" for s in subjects], detected, names=names, keep=brands)
    red_reasons = redact_many(reasons, detected, names=names, keep=brands)
    red_exchanges = redact_many(exchanges, detected, names=names, keep=brands)
    clean_out: list[str] = []
    reason_out: list[str] = []
    exchange_out: list[str] = []
    for body, subject, reason, exchange, is_transcript in zip(
        red_bodies, red_subjects, red_reasons, red_exchanges, flags, strict=True
    ):
        if is_transcript:
            clean_out.append(body)
            # A caller tells a story over several turns; the same sentence focus as a written
            # contact's keeps the sentences that state the problem, so calls and e-mails about
            # one problem read alike (owner accuracy of calls, mean of the four development
            # sets over seeds 0-3: 0.727 -> 0.751; see the README's figures).
            reason_out.append(focus_reason(reason) if focus else reason)
            exchange_out.append(exchange)
            continue
        clean_out.append(clean_text(_join_subject(subject, body)))
        # The subject goes in separately: focus keeps it only when it names the problem.
        reason_out.append(focus_reason(body, subject) if focus else clean_out[-1])
        exchange_out.append(clean_out[-1])
    noise = noise_reasons(reason_out, clean_out, detected, flags)
    return PreparedTexts(clean_out, reason_out, flags, detected, exchange_out, noise, frozenset(named))


def prepare_frame(
    contacts: pl.DataFrame, *, names: bool = True, show_progress: bool = False, keep: Sequence[str] = ()
) -> tuple[pl.DataFrame, frozenset[str]]:
    """Add clean_text, reason_text, is_transcript and language to an ingested frame; also
    return the names of things the export keeps (`PreparedTexts.brands`)."""
    p = prepare_texts(
        contacts[S.TEXT].to_list(),
        contacts[S.SUBJECT].to_list() if S.SUBJECT in contacts.columns else None,
        languages=contacts[S.LANGUAGE].to_list() if S.LANGUAGE in contacts.columns else None,
        names=names,
        show_progress=show_progress,
        keep=keep,
    )
    frame = contacts.with_columns(
        pl.Series(S.CLEAN_TEXT, p.clean_text, dtype=pl.Utf8),
        pl.Series(S.REASON_TEXT, p.reason_text, dtype=pl.Utf8),
        pl.Series(S.IS_TRANSCRIPT, p.is_transcript, dtype=pl.Boolean),
        pl.Series(S.LANGUAGE, p.language, dtype=pl.Utf8),
        pl.Series(S.EXCHANGE_TEXT, p.exchange_text, dtype=pl.Utf8),
        pl.Series(S.NOISE_REASON, p.noise_reason, dtype=pl.Utf8),
    )
    return frame, p.brands


def redact_fields(values: Sequence[str | None], *, names: bool = True, keep: Sequence[str] = ()) -> list[str | None]:
    """Short free-text fields stored beside a contact (an agent's reason code, a team's name),
    redacted as its text is: an agent may type a customer's name or number into them. `keep`:
    names never masked, beside ``ROOTCAUSE_KEEP_NAMES`` (`DriverModel.kept_names`)."""
    from rootcause.clean import redact_many
    from rootcause.settings import get_settings

    present = [i for i, v in enumerate(values) if v]
    out = list(values)
    kept = {w.lower() for w in (*get_settings().kept_names, *keep)}
    redacted = redact_many([values[i] or "" for i in present], names=names, keep=kept)
    for i, text in zip(present, redacted, strict=True):
        out[i] = text
    return out


FREE_TEXT_PAYLOAD = ("label",)  # what a review decision carries in a reviewer's own words


def redact_decision(decision: Any, *, keep: Sequence[str] = ()) -> Any:
    """A review decision (`rootcause.review.Decision`) with its free text (a rename's ``label``)
    redacted as a fix's description is, before it is stored or shown: a reviewer may paste a
    customer's address or name into it. Ids, departments and numbers are left as they are."""
    from dataclasses import replace

    texts = {k: v for k, v in decision.payload.items() if k in FREE_TEXT_PAYLOAD and isinstance(v, str) and v}
    if not texts:
        return decision
    redacted = redact_fields(list(texts.values()), keep=keep)
    return replace(decision, payload={**decision.payload, **dict(zip(texts, redacted, strict=True))})


def _redact_with_progress(
    texts: list[str], languages: list[str], *, names: bool, keep: set[str], found: set[str], show: bool
) -> list[str]:
    """`redact_many` over every body at once (brands are judged on the whole export, and
    added to `found`), with a progress bar when asked and worth it."""
    from rootcause.clean import redact_many

    if not show or len(texts) <= _PROGRESS_MIN:
        return redact_many(texts, languages, names=names, keep=keep, brands=found)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Redacting personal data", total=len(texts))
        return redact_many(texts, languages, names=names, keep=keep, brands=found, tick=lambda n: bar.advance(task, n))


_PROGRESS_MIN = 256  # fewer bodies than this take seconds: no bar
