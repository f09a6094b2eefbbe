"""The export's product nouns: what was bought, not what went wrong with it.

A retailer's reasons cut across its products: a fridge, a TV and a sofa arrive late, damaged
or broken. A sentence encoder weighs "fridge" as much as "late", so contacts about one
product resemble each other more than contacts about one problem, and drivers follow the
product. `product_nouns` finds the nouns that do this, so that they are left out of what
drivers are found from, the way brands are (`embed.views.without_words`), and shown as a
facet of each driver instead (`pipeline.driver_products`).

A noun is a product when two things hold:

1. **It is what makes its contacts alike.** Its contacts resemble each other more than the
   export's contacts do on average, and less than `PRODUCT_RATIO` of that is left once the
   noun is left out of them ("fridge": late, dented, broken, wrong model).
2. **The catalogue does not speak of it.** Departments own processes, so a noun the catalogue
   names ("carte" and "virement" at a bank) is where a reason lives. The catalogue is asked
   the way attribution asks it (`attribute.owner.ContactOwners.phrase_scores`), in whatever
   language it is written: the noun's contacts, left without it, match the catalogue's
   phrases no worse than with it. "delay" in English contacts meets the French catalogue's
   "retards" this way, where one word's embedding beside another's does not. A noun the
   catalogue spells out is never a product.

Measured with `bench/discovery_inputs.py --products` (discovery NMI, seeds 0–3; see the README).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from rootcause.attribute.catalogue import Catalogue
from rootcause.attribute.owner import ContactOwners
from rootcause.embed.views import without_words
from rootcause.transcripts.lexicon import fold

MIN_LIKENESS = 0.05  # a noun's contacts resemble each other this much above the export's mean …
PRODUCT_RATIO = 0.45  # … and keep less than this share of it once the noun is left out
MIN_CONTACTS = 3  # a noun in fewer contacts makes no driver
MAX_SHARE = 0.3  # a noun in more of the contacts is the export's subject ("train" at a rail operator)
MAX_ROWS = 200  # the contacts of a noun read to judge it, at most (evenly spread): bounds the time
_WORD = re.compile(r"[\w'-]+")


def export_nouns(texts: Sequence[Sequence[str]], languages: Sequence[str]) -> tuple[list[set[str]], dict[str, set[str]]]:
    """Per contact, the folded lemmas of the nouns in its texts (each contact's `texts` are
    parsed: its reason and its whole exchange), and each lemma's forms as written (also in
    lower case and capitalised), from spaCy's part-of-speech tags; the labels' stop words
    ("thanks", "today", "problem") are no nouns here. Languages without a pipeline are read
    with the English one."""
    from rootcause.label.terms import SPACY_PIPELINES, load_pipeline, stop_words

    nouns: list[set[str]] = [set() for _ in texts]
    forms: dict[str, set[str]] = {}
    by_language: dict[str, list[int]] = {}
    for i, language in enumerate(languages):
        by_language.setdefault(language if language in SPACY_PIPELINES else "en", []).append(i)
    for language, rows in sorted(by_language.items()):
        nlp = load_pipeline(language)
        stops = stop_words(language)  # "thanks", "today", "problem" name nothing
        disable = [p for p in ("parser",) if p in nlp.pipe_names]
        flat = [(i, t) for i in rows for t in texts[i]]
        for (i, _), doc in zip(flat, nlp.pipe((t for _, t in flat), batch_size=256, disable=disable), strict=True):
            for tok in doc:
                if tok.pos_ in ("NOUN", "PROPN") and tok.is_alpha and len(tok.text) > 2:
                    lemma = fold(tok.lemma_.lower())
                    if tok.lemma_.lower() in stops or tok.lower_ in stops:
                        continue
                    nouns[i].add(lemma)
                    forms.setdefault(lemma, set()).update({tok.text, tok.text.lower(), tok.text.capitalize()})
    return nouns, forms


def catalogue_words(catalogue: Catalogue) -> set[str]:
    """The folded words (3 letters or more) of the catalogue's names, `owns`, keywords and examples."""
    text = " ".join(" ".join([d.name, d.owns, *d.keywords, *d.examples]) for d in catalogue.departments)
    return {fold(w.lower()) for w in _WORD.findall(text) if len(w) > 2}


def _likeness(X: np.ndarray) -> float:
    """Mean cosine of the distinct pairs of rows of `X` (L2-normalised), from their sum."""
    k = len(X)
    if k < 2:
        return 0.0
    s = X.sum(axis=0)
    return float((s @ s - np.einsum("ij,ij->", X, X)) / (k * (k - 1)))


def product_nouns(
    reasons: Sequence[str],
    wholes: Sequence[str],
    languages: Sequence[str],
    raw: np.ndarray,
    vectors: Callable[[list[str], list[str]], np.ndarray],
    centre: Callable[[np.ndarray, list[str]], np.ndarray],
    catalogue: Catalogue,
    evidence: ContactOwners,
) -> set[str]:
    """The export's product nouns, every form as written (see the module's docstring).

    Parameters
    ----------
    reasons, wholes, languages
        Each contact's reason and whole exchange (brands already left out) and language.
    raw
        The contacts' vectors (`embed.views.contact_vectors` of `reasons` and `wholes`).
    vectors
        `contact_vectors` of other reasons and wholes, in the same space.
    centre
        The language centring drivers are found in (`LanguageCentering.transform`).
    catalogue, evidence
        The departments, and their phrases fitted on `raw` (`attribute.owner.fit_contact_owners`).
    """
    n = len(reasons)
    if n < 2 * MIN_CONTACTS:
        return set()
    nouns, forms = export_nouns(list(zip(reasons, wholes, strict=True)), languages)
    X = centre(raw, list(languages))
    mean = _likeness(X)
    named = catalogue_words(catalogue)
    matched = evidence.phrase_scores(raw)[0].max(axis=1)  # each contact's best catalogue phrase
    counts: dict[str, list[int]] = {}
    for i, found in enumerate(nouns):
        for lemma in found:
            counts.setdefault(lemma, []).append(i)
    products: set[str] = set()
    for lemma, members in sorted(counts.items()):
        if len(members) < MIN_CONTACTS or len(members) > MAX_SHARE * n:
            continue
        rows = np.asarray(members)
        if len(rows) > MAX_ROWS:
            rows = rows[np.linspace(0, len(rows) - 1, MAX_ROWS).astype(int)]
        before = _likeness(X[rows]) - mean
        written = forms[lemma]
        if before <= MIN_LIKENESS or ({fold(w.lower()) for w in written} | {lemma}) & named:
            continue
        masked = vectors(without_words([reasons[i] for i in rows], written), without_words([wholes[i] for i in rows], written))
        if _likeness(centre(masked, [languages[i] for i in rows])) - mean >= PRODUCT_RATIO * before:
            continue  # its contacts share more than the noun
        if float(np.mean(matched[rows] - evidence.phrase_scores(masked)[0].max(axis=1))) > 0:
            continue  # the catalogue speaks of it: without it, its contacts match the catalogue less
        products |= written
    return products
