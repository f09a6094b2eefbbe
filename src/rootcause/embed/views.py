"""A contact's vector: what it says the problem is, and the whole exchange around it.

The customer's stated reason (`reason_text`) names the symptom; the rest of the contact
(`exchange_text`: the explanation in an e-mail, the agent's diagnosis in a call, whose
script is left out) often names the cause and the process that failed. Either alone loses
half: the reason alone groups contacts by product and surface words, the whole text alone by
how people write. The mean of the two embeddings keeps both. Measured on the four development
sets (discovery NMI, mean over seeds 0–3; see the README): reason alone 0.597, whole text
alone 0.506, both 0.638, both with calls' greetings, identity checks and hold notes left out
0.662.

`export_words` is a second view, learnt from the export itself: its own vocabulary, each term
weighed by how much it sets contacts of this export apart (TF-IDF), where a sentence encoder
weighs every word by its general meaning. Discovery reads it beside the embedding when it
decides who resembles whom.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from rootcause.embed.base import l2_normalize
from rootcause.errors import BadInputError


# How much the reason's embedding weighs beside the whole text's (1.0: as much, the mean of
# both). Half (0.5) was measured with `bench/analyze.py --seeds 0 1 2 3` over seven labelled
# sets: mean owners +0.7 points and NMI +0.008, but the sample's cross-lingual pairs 0.801 ->
# 0.737, telecom's owners -3.7 points, and issue 17's update test (the held-back reason found
# by an update) fails: not kept (README, "Reasons and owners on exports written by others").
REASON_WEIGHT = 1.0


def contact_vectors(
    encoder: Any,
    reason_texts: Sequence[str],
    exchange_texts: Sequence[str],
    *,
    show_progress: bool = False,
    reason_weight: float | None = None,
) -> np.ndarray:
    """L2-normalised ``reason_weight * reason + whole text`` embeddings, float32 (n, d).

    `reason_weight`: by default `REASON_WEIGHT`; a saved model passes the weight it was fitted
    with (`DriverModel.reason_weight`). A contact whose reason is its whole text (a one-line
    form) gets that text's embedding.
    """
    n = len(reason_texts)
    if len(exchange_texts) != n:
        raise BadInputError(f"{n} reason texts but {len(exchange_texts)} exchange texts; pass one of each per contact.")
    # a one-line form's reason is its whole text: each distinct text is embedded once
    distinct = list(dict.fromkeys([*reason_texts, *exchange_texts]))
    row = {t: i for i, t in enumerate(distinct)}
    vectors = np.asarray(encoder.encode(distinct, show_progress=show_progress), dtype=np.float32)
    w = REASON_WEIGHT if reason_weight is None else float(reason_weight)
    return l2_normalize(w * vectors[[row[t] for t in reason_texts]] + vectors[[row[t] for t in exchange_texts]])


def without_words(texts: Sequence[str], words: Collection[str]) -> list[str]:
    """`texts` with each of `words` (whole words, as written: "Plus" the plan, not the word
    "plus") left out: the names of brands, carriers and products recede from what drivers are
    found from, so that a driver gathers a problem, not a product ("Colissimo" and
    "Chronopost" late deliveries are one driver)."""
    if not words:
        return list(texts)
    pattern = words_pattern(words)
    return [_SPACES.sub(" ", pattern.sub("", t)) for t in texts]


_SPACES = re.compile(r"[ \t]{2,}")


def words_pattern(words: Collection[str]) -> re.Pattern[str]:
    """`words` as whole words, as written, longest first, compiled once per word list."""
    return _compiled(tuple(sorted(words, key=lambda w: (-len(w), w))))


@lru_cache(maxsize=8)
def _compiled(words: tuple[str, ...]) -> re.Pattern[str]:
    # `classify` masks with the same list on every request
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


MAX_WORDS = 20_000  # the export's most frequent terms, past the document-frequency cuts


def export_words(texts: Sequence[str], languages: Sequence[str], encoder: Any) -> np.ndarray | None:
    """The export's own vocabulary as a view of each contact: the mean of its terms'
    embeddings weighed by TF-IDF fitted on this export, language-centred, L2-normalised
    (n, d) float32; None when the texts share too few words.

    Terms in one contact only, or in more than 30 % of them, are left out: the first link
    nothing, the second link everything. The terms are embedded with the contacts' own
    (multilingual) encoder, so "remboursement" and "refund" still meet: a TF-IDF space
    would pull contacts of one language together (measured: language NMI of the drivers
    0.01–0.03 without it, 0.05–0.14 with a TF-IDF/SVD view, 0.01–0.02 with this one).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    from rootcause.embed.centering import LanguageCentering

    if len(texts) < 3:
        return None
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.3, strip_accents="unicode", max_features=MAX_WORDS)
    try:
        tfidf = vectorizer.fit_transform(texts)
    except ValueError:  # no term left after the document-frequency cuts
        return None
    terms = np.asarray(encoder.encode(list(vectorizer.get_feature_names_out())), dtype=np.float32)
    words = l2_normalize(np.asarray(tfidf @ terms))
    return LanguageCentering().fit(words, list(languages)).transform(words, list(languages))


def joined(first: np.ndarray, second: np.ndarray, weight: float) -> np.ndarray:
    """Two views of the same rows side by side, the second scaled by `weight`, rows
    re-normalised (float32). Both views should be L2-normalised."""
    both = np.hstack([np.asarray(first, dtype=np.float32), weight * np.asarray(second, dtype=np.float32)])
    return l2_normalize(both)
