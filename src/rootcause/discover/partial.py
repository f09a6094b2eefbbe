"""Discovery guided by partial reason codes: known codes keep their names, sharpen the
embedding space, and new reasons are still found."""

from __future__ import annotations

from collections import Counter

import numpy as np
import scipy.sparse as sp


def constrain_graph(graph: sp.csr_matrix, codes: list[str | None]) -> sp.csr_matrix:
    """Cut edges between contacts with different codes; link contacts that share a code.

    Each coded contact is linked to every other contact with the same code (weight 1, the
    strongest a neighbour edge can be), so a code pulls its uncoded neighbours together.
    """
    n = graph.shape[0]
    lab = code_index(codes)
    coo = graph.tocoo()
    clash = (lab[coo.row] >= 0) & (lab[coo.col] >= 0) & (lab[coo.row] != lab[coo.col])
    rows, cols, data = [coo.row[~clash]], [coo.col[~clash]], [coo.data[~clash]]
    for c in range(int(lab.max(initial=-1)) + 1):
        members = np.flatnonzero(lab == c)
        if len(members) > 1:
            r, q = np.meshgrid(members, members)
            off = r != q
            rows.append(r[off])
            cols.append(q[off])
            data.append(np.ones(off.sum()))
    out = sp.coo_matrix((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    out.sum_duplicates()
    out.data = np.minimum(out.data, 1.0)
    return out.tocsr()


def code_index(codes: list[str | None]) -> np.ndarray:
    """Per contact, the index of its code among the sorted distinct codes; -1 when uncoded."""
    ids = {c: i for i, c in enumerate(sorted({c for c in codes if c is not None}))}
    return np.array([ids[c] if c is not None else -1 for c in codes], dtype=np.int64)


def name_drivers(labels: np.ndarray, codes: list[str | None]) -> tuple[np.ndarray, list[str | None]]:
    """Give each known code to the driver holding most of its coded contacts; coded contacts
    then join their code's driver. Drivers with no code stay unnamed (new reasons)."""
    labels = labels.copy()
    k = int(labels.max()) + 1
    votes: dict[str, Counter[int]] = {}
    for lab, c in zip(labels, codes):
        if c is not None and lab >= 0:
            votes.setdefault(c, Counter())[int(lab)] += 1
    names: list[str | None] = [None] * k
    # most-supported claims first, so a driver goes to the code that owns it most clearly
    claims = sorted(((cnt, code, d) for code, v in votes.items() for d, cnt in v.items()), key=lambda t: (-t[0], t[1]))
    for _, code, d in claims:
        if names[d] is None and code not in names:
            names[d] = code
    for code in sorted(votes):
        if code not in names:  # its contacts all sit in drivers claimed by other codes
            names.append(code)
    index = {nm: i for i, nm in enumerate(names) if nm is not None}
    for i, c in enumerate(codes):
        if c is not None:
            labels[i] = index[c]
    return labels, names


def code_view(X: np.ndarray, codes: list[str | None], *, weight: float = 1.0) -> np.ndarray:
    """``X`` joined with a discriminant projection learned from the coded rows, re-normalised.

    A shrinkage LDA fitted on the coded contacts stretches the directions that separate the
    known reasons; appending it (unit norm, times ``weight``) to the embedding sharpens the
    neighbour graph around known codes while the original dimensions still let new reasons
    form their own drivers. Returns ``X`` unchanged when fewer than two codes have two rows.

    ``weight`` 1: the projection and the embedding count alike. The LDA only knows the known
    codes, so it maps a new reason onto the nearest known one; a heavier projection pulls new
    reasons into known drivers (Banking77, codes for 10 % of 75 % of the intents, pinned coded
    contacts, mean NMI of three code draws: 0.8735 with 1, 0.8709 with 1.25, 0.8696 with 2,
    0.8661 with 3; 0.8668 with 0.5, where the known reasons blur).
    """
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

    coded = np.flatnonzero([c is not None for c in codes])
    counts = Counter(codes[i] for i in coded)
    usable = [i for i in coded if counts[codes[i]] >= 2]
    if len({codes[i] for i in usable}) < 2:
        return X
    lda = LinearDiscriminantAnalysis(solver="eigen", shrinkage="auto")
    lda.fit(X[usable], [codes[i] for i in usable])
    proj = lda.transform(X)
    proj /= np.maximum(np.linalg.norm(proj, axis=1, keepdims=True), 1e-12)
    out = np.hstack([X, weight * proj]).astype(np.float32)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
