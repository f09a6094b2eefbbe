"""A contact's vector: what it says the problem is, and the whole exchange around it.

The customer's stated reason (`reason_text`) names the symptom; the rest of the contact
(the agent's diagnosis in a call, the explanation in an e-mail: `clean_text`) often names
the cause and the process that failed. Either alone loses half: the reason alone groups
contacts by product and surface words, the whole text alone by how people write. The
mean of the two embeddings keeps both. Measured on the four development sets (discovery
NMI, mean over seeds 0–3, `bench/analyze.py`; see the README): reason alone 0.597, whole
text alone 0.506, both 0.638.

`export_words` is a second view, learnt from the export itself: its own vocabulary (TF-IDF
reduced by SVD), which no general-purpose encoder knows ("régularisation", "lumens", a
plan's name). Discovery reads it beside the embedding when it decides who resembles whom.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from rootcause.embed.base import l2_normalize


def contact_vectors(
    encoder: Any, reason_texts: Sequence[str], exchange_texts: Sequence[str], *, show_progress: bool = False
) -> np.ndarray:
    """L2-normalised mean of the reason's and the whole text's embeddings, float32 (n, d).

    A contact whose reason is its whole text (a one-line form) gets that text's embedding.
    """
    n = len(reason_texts)
    if len(exchange_texts) != n:
        raise ValueError(f"{n} reason texts but {len(exchange_texts)} exchange texts; pass one of each per contact.")
    both = np.asarray(encoder.encode([*reason_texts, *exchange_texts], show_progress=show_progress), dtype=np.float32)
    return l2_normalize(both[:n] + both[n:])


WORD_COMPONENTS = 100  # SVD dimensions of the export's TF-IDF (50–200 measured alike)


def export_words(texts: Sequence[str], *, seed: int = 0) -> np.ndarray | None:
    """The export's own vocabulary: TF-IDF of `texts` fitted on them, reduced by SVD,
    L2-normalised (n, ≤ WORD_COMPONENTS) float32; None when the texts share too few words.

    Terms in one contact only, or in more than 30 % of them, are left out: the first link
    nothing, the second link everything.
    """
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(texts) < 3:
        return None
    try:
        tfidf = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.3, strip_accents="unicode").fit_transform(texts)
    except ValueError:  # no term left after the document-frequency cuts
        return None
    k = min(WORD_COMPONENTS, tfidf.shape[1] - 1, len(texts) - 1)
    if k < 2:
        return None
    return l2_normalize(TruncatedSVD(k, random_state=seed).fit_transform(tfidf))
