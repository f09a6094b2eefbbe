"""A contact's vector: what it says the problem is, and the whole exchange around it.

The customer's stated reason (`reason_text`) names the symptom; the rest of the contact
(the agent's diagnosis in a call, the explanation in an e-mail: `clean_text`) often names
the cause and the process that failed. Either alone loses half: the reason alone groups
contacts by product and surface words, the whole text alone by how people write. The
mean of the two embeddings keeps both. Measured on the four development sets (discovery
NMI, mean over seeds 0–3, `bench/analyze.py`; see the README): reason alone 0.597, whole
text alone 0.506, both 0.638.
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
