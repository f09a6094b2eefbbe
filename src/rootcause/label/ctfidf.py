"""Class-based TF-IDF (as in BERTopic): which terms are specific to which cluster."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def c_tf_idf(counts: sp.spmatrix | np.ndarray) -> sp.csr_matrix:
    """Score terms per class: ``tf(t, c) * log(1 + A / f(t))``.

    Parameters
    ----------
    counts : (n_classes, n_terms) matrix
        How often each term occurs in each class.

    Returns
    -------
    scipy.sparse.csr_matrix
        Same shape; `tf` is the term's share of its class's term occurrences, `A` the
        mean number of term occurrences per class and `f(t)` the term's occurrences in
        all classes, so a term spread over every cluster ("bonjour", the brand name)
        scores low even where it is frequent.
    """
    x = sp.csr_matrix(counts, dtype=np.float64)
    if x.shape[0] == 0 or x.nnz == 0:
        return x
    class_totals = np.asarray(x.sum(axis=1)).ravel()
    term_totals = np.asarray(x.sum(axis=0)).ravel()
    avg_per_class = class_totals.mean()
    idf = np.log1p(avg_per_class / np.maximum(term_totals, 1e-12))
    tf = sp.diags(1.0 / np.maximum(class_totals, 1e-12)) @ x
    return sp.csr_matrix(tf @ sp.diags(idf))
