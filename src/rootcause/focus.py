"""Keep the sentences of a written contact that state the customer's problem.

E-mails, chats and web forms wrap a one-line problem in greetings, apologies for
writing, account details, life stories, closing formulas and sign-offs. Embedding all
of it clusters contacts by how people write, not by why they write. `focus_reason`
drops what never states a reason and keeps the first sentences that do, the way
`rootcause.transcripts.extract_reason` does for calls.

Everything here is French and English phrasing, never a company's vocabulary, so it
carries over to any export.
"""

from __future__ import annotations

import re

from rootcause.transcripts.lexicon import AGENT_STRONG, FILLER_WORDS, IDENTITY, IDENTITY_CHECK, NOT_REASON, REASON_CUES, fold
from rootcause.transcripts.reason import truncate_at_word

_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\s*\n\s*")
_WORDS = re.compile(r"[\w'-]+")
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|tr|fw|fwd|aw|wg|rép|rep)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
_LEADING_FILLER = re.compile(
    r"^(?:(?:(?:bonjour|bonsoir|salut|slt|bjr|(?:hello|hi|hey)(?: there| everyone| all| folks)?|dear|cher|chere|good (?:morning|afternoon|evening)|"
    r"madame|monsieur|mme|mr|mrs|ms|sir|(?:or|ou)(?= (?:monsieur|madame|madam|sir|mr|mrs|ms|mme)\b)|madam|all|team|"
    r"equipe|a tous|l'equipe|service client|"
    r"customer service)\b|\[\w+\]|@\w+)[\s,.!:;/-]*)+",
)
# Clauses about the message itself: cut out, the rest of the sentence may hold the reason
# ("following up my email re the discount I was promised").
_ABOUT_WRITING = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            r"\bje (?:me permets de vous (?:ecrire|contacter|solliciter)|vous ecris|vous contacte|reprends ce (?:fil|message|mail))"
            r"(?: (?:car|parce que|pour|au sujet de|concernant|a propos de))?",
            r"\bi(?:'m| am) (?:writing|contacting you|reaching out|emailing)(?: (?:to|about|regarding|because|as))?",
            r"\bi write (?:to|about|regarding)\b",
            r"\b(?:to )?(?:make|file|lodge) a (?:formal )?complaint\b|\b(?:faire|deposer) une reclamation (?:officielle )?",
            r"\b(?:just )?(?:checking|following up)(?: on)?(?: that you got)? (?:my|the|our) (?:previous |last )?"
            r"(?:email|e-mail|mail|message|request|ticket)(?: (?:re|about|regarding|on))?",
            r"\b(?:i )?(?:apologi[sz]e|excuse me|sorry) (?:in advance )?for (?:the length|this long|the long)[^,.]*",
            r"\b(?:desole|pardon) (?:pour|de) (?:la longueur|ce long)[^,.]*",
            r"\bje vous rappelle (?:la situation|le contexte)",
            r"\bje vais essayer de tout reprendre[^,.]*",
        )
    )
)
# Sentences about the writer's relationship with the company or closing the message.
_NOT_REASON_WRITTEN = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            r"\bthe history matters\b",
            r"\b(?:client|cliente|abonne|abonnee) (?:chez vous |fidele )?depuis\b",
            r"\b(?:i have been|i've been|been) (?:a )?(?:\w+ )?(?:customer|client|subscriber|member) (?:for|since)\b",
            r"\bjusqu'(?:ici|a present) j'etais (?:plutot )?satisfait|\boverall (?:the )?service has been\b",
            r"^(?:merci|thanks|thank you|many thanks)\b[^.?!]{0,25}(?:d'avance|in advance|votre (?:aide|retour|reponse|"
            r"comprehension)|your (?:help|reply|answer|understanding)|beaucoup|so much)\W*$",
            r"\bdans l'attente de (?:votre|vos|une)\b|\b(?:looking forward|i look forward) to\b",
            r"\b(?:veuillez|je vous prie d') ?agreer\b|\bsalutations distinguees\b|\bmes sinceres salutations\b",
            r"\bje reste a votre disposition\b|\bdon't hesitate to\b|\bn'hesitez pas a\b",
            r"\bvous trouverez ci-joint\b|\bplease find attached\b|\bci-joint\b|\battached (?:is|are|you will find)\b",
            r"^(?:best|kind|warm)? ?regards\b|^(?:bien a vous|cordialement|sincerely|yours)\b",
        )
    )
)
_PLACEHOLDER_LINE = re.compile(r"^\W*(?:\[[A-Z_]+\]\W*)+$")
_NAME_LINE = re.compile(r"^(?:[A-Z][\w'.-]*\.?)(?:\s+[A-Z][\w'.-]*){0,3}\.?$")
# Subjects that say only "a message came": channel names, "question", "request", "complaint".
_GENERIC_SUBJECT_WORDS = frozenset(
    """chat conversation visiteur visitor avec with un une a an new nouveau nouvelle nouveau message messages mail email
    e-mail demande request question query requete contact contacter help aide urgent urgente important reclamation
    complaint plainte probleme problem issue souci info information informations ma mon mes my our notre votre your
    situation explication explanation de d' du des of the le la les re tr fw fwd about regarding concernant sujet
    objet subject suite follow-up followup relance reminder svp please merci thanks hello bonjour hi formulaire form
    web site client customer ticket dossier case no n° numero number""".split()
)
_MAX_SENTENCES = 3  # cue sentences kept; the problem is stated in the first few
_MAX_CHARS = 500
_MIN_CONTENT_WORDS = 2


def _content_words(folded: str) -> list[str]:
    return [w for w in _WORDS.findall(folded) if w not in FILLER_WORDS and not w.isdigit()]


def _strip_leading_filler(sentence: str) -> str:
    """Drop a leading "Bonjour Madame," so the sentence starts with what is said."""
    folded = fold(sentence)
    m = _LEADING_FILLER.match(folded)
    if m is None or m.end() == 0:
        return sentence
    if m.end() >= len(folded.rstrip()):
        return ""
    # fold keeps one character per character for Latin text once accents are combined away
    return sentence[m.end() :] if len(folded) == len(sentence) else " ".join(
        sentence.split()[len(folded[: m.end()].split()) :]
    )


def clean_subject(subject: str | None) -> str:
    """The subject without reply prefixes, or "" when it says nothing about the problem.

    Examples
    --------
    >>> clean_subject("RE: Re: Remboursement non reçu")
    'Remboursement non reçu'
    >>> clean_subject("Conversation avec un visiteur")
    ''
    """
    subject = _REPLY_PREFIX.sub("", (subject or "").strip()).strip(" -:")
    words = [w.strip("'") for w in _WORDS.findall(fold(subject))]
    if not any(w and w not in _GENERIC_SUBJECT_WORDS and not w.isdigit() for w in words):
        return ""
    return subject


def _is_noise(sentence: str, folded: str, *, last: bool) -> bool:
    if _PLACEHOLDER_LINE.match(sentence):
        return True
    if len(_content_words(folded)) == 0 or NOT_REASON.search(folded) or _NOT_REASON_WRITTEN.search(folded):
        return True
    if IDENTITY.search(folded):
        return True
    if len(folded.split()) <= _SCRIPT_MAX_WORDS and AGENT_STRONG.search(folded):  # the cheap test first
        return True  # an agent's script line in a call without speakers ("Ligne X bonjour, c'est Léa.")
    # a bare "Jean Dupont" or "P. Renaud" line is a sign-off
    return last and bool(_NAME_LINE.match(sentence.strip(" ,.")))


def reason_sentences(text: str) -> list[tuple[str, bool]]:
    """The sentences of `text` that may state a reason, each with whether it has a reason cue."""
    pieces = [s.strip(" \t-–—,;") for s in _SENTENCE.split(text or "")]
    pieces = [s for s in pieces if s]
    out: list[tuple[str, bool]] = []
    for i, sentence in enumerate(pieces):
        core = _strip_leading_filler(sentence).strip(" \t-–—,;")
        if not core:
            continue
        folded = fold(core)
        spans = [m.span() for m in _ABOUT_WRITING.finditer(folded)]
        if spans and len(folded) == len(core):
            for start, end in reversed(spans):
                core = core[:start] + core[end:]
            core = re.sub(r"^(?:\W|and\b|et\b)+|[\s,;:]+(?=[.!?]?$)", "", core.strip())
            folded = fold(core)
            if len(_content_words(folded)) < 3:
                continue
        if _is_noise(core, folded, last=i >= len(pieces) - 2):
            continue
        out.append((core, bool(REASON_CUES.search(folded))))
    return out


_SCRIPT_MAX_WORDS = 12  # a sentence of the agent's script is short; a complaint quoting one is longer
_OPENING_MIN_WORDS = 8  # a spoken opening shorter than this is a greeting, not the reason
_WORDS_PER_STOP = 40  # speech-to-text without punctuation: fewer full stops than one per this many words


def spoken_opening(text: str) -> str | None:
    """The customer's opening words of a call transcribed as one unpunctuated block: after
    the agent's greeting when the block starts with it ("banque X bonjour, Julie à votre
    écoute"), up to the agent's next script line or the identity check ("can I have your
    customer number", "je vous donne mon nom"); None for anything else.

    Speech-to-text without speaker labels or punctuation has no turns and no sentences to
    choose from, but the customer states the reason between the greeting and the identity
    check.
    """
    if "\n" in text.strip():
        return None
    words = text.split()
    if len(re.findall(r"[.!?…]", text)) * _WORDS_PER_STOP > len(words):
        return None
    folded = fold(text)
    start = 0  # first word after the agent's greeting
    for m in _OPENING_ENDS.finditer(folded):
        before = len(folded[: m.start()].split())
        if before - start >= _OPENING_MIN_WORDS:
            return " ".join(words[start:before])
        start = len(folded[: m.end()].split())  # too soon: the greeting itself
    return " ".join(words[start:]) if 0 < start and len(words) - start >= _OPENING_MIN_WORDS else None


_OPENING_ENDS = re.compile(f"{AGENT_STRONG.pattern}|{IDENTITY_CHECK.pattern}")


def focus_reason(
    text: str,
    subject: str | None = None,
    *,
    max_sentences: int = _MAX_SENTENCES,
    max_chars: int = _MAX_CHARS,
) -> str:
    """The customer's problem in a written contact: informative subject + reason sentences.

    Parameters
    ----------
    text : str
        Cleaned body (HTML, quotes, signatures and form fields already removed).
    subject : str, optional
        The subject line; kept (without "Re:") unless it is generic ("Chat", "Question").
    max_sentences : int, default 3
        How many sentences to keep. Sentences with a reason cue (a complaint, a request,
        "not received", "why") come first, in their original order; when there are fewer
        than `max_sentences`, the first other substantive sentences fill in.
    max_chars : int, default 500
        Longest result, cut at a word boundary.

    Returns
    -------
    str
        Never empty for a text with content: when every sentence looks like noise the
        text itself is returned, so a contact is never embedded as "".
    """
    if max_sentences < 1 or max_chars < 1:
        raise ValueError(f"max_sentences={max_sentences} and max_chars={max_chars} should be >= 1.")
    text = (text or "").strip()
    text = spoken_opening(text) or text
    head = clean_subject(subject)
    sentences = reason_sentences(text)
    cued = [i for i, (_, cue) in enumerate(sentences) if cue]
    chosen = set(cued[:max_sentences])
    for i in range(len(sentences)):
        if len(chosen) >= max_sentences:
            break
        chosen.add(i)
    body = " ".join(sentences[i][0] for i in sorted(chosen))
    if len(_content_words(fold(body))) < _MIN_CONTENT_WORDS and not head:
        body = text
    if head and fold(head) not in fold(body):
        body = f"{head}{'' if head[-1] in '.!?…' else '.'} {body}" if body else head
    body = body or text or (subject or "").strip()
    return truncate_at_word(body, max_chars)

