"""Split a driver that mixes several problems: a review decision that changes the partition.

Rename, merge and re-own change what a driver is called or who owns it; a split changes
which contacts belong together, so it needs the contacts themselves and is applied by
`rootcause analyze` (before labelling and attribution, so each part gets its own label,
keywords, exemplars and owner), not to a saved model.

The parts of driver ``D007`` are ``D007.1``, ``D007.2``… (largest first). When the run
refits a former model (``--previous-model``) that already holds the parts, the contacts
of the driver and of its parts are re-divided by the nearest former part, so a part keeps
its id, name and owner across refits; otherwise they are divided by Ward clustering.

A split with an ``owner`` (the answer to a group question of the review queue) carves out
of ``D007`` the contacts whose own words point to that department's process (their own
vote, `ContactOwners.votes`, picks it) as ``D007.2``, owned by that department; the rest
stays ``D007``. The group is worked out again from the contacts at every refit, so the
answer holds for the contacts of later exports too, and new contacts nearest the part go to
its owner.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

MAX_PARTS = 10
WARD_MAX_CONTACTS = 5_000  # above this many contacts a split uses k-means (Ward's memory grows as n²)


def part_ids(driver_id: str, parts: int) -> list[str]:
    """The ids of a driver's parts: D007 -> D007.1, D007.2…"""
    return [f"{driver_id}.{i + 1}" for i in range(parts)]


def apply_splits(
    decisions: Sequence[Any],
    labels: np.ndarray,
    ids: list[str],
    X: np.ndarray,
    *,
    previous: Any = None,
    seed: int = 0,
) -> tuple[np.ndarray, list[str], list[str]]:
    """Apply the ``split`` decisions to a partition (see `split_partition`); notes as text."""
    labels, ids, notes = split_partition(decisions, labels, ids, X, previous=previous, seed=seed)
    return labels, ids, [note for _, note in notes]


def split_partition(
    decisions: Sequence[Any],
    labels: np.ndarray,
    ids: list[str],
    X: np.ndarray,
    *,
    previous: Any = None,
    seed: int = 0,
    votes: np.ndarray | None = None,
    departments: Sequence[str] = (),
) -> tuple[np.ndarray, list[str], list[tuple[Any, str]]]:
    """Apply the ``split`` decisions to a partition.

    Parameters
    ----------
    decisions
        Review decisions (only ``split`` ones are read), in audit-trail order.
    labels
        Driver index per row (−1 unassigned).
    ids
        Driver id of each index.
    X
        The rows' L2-normalised embeddings, in the discovery space.
    previous
        The former `DriverModel` of a refit, whose part centroids keep parts stable.
    seed
        k-means seed (a driver of over `WARD_MAX_CONTACTS` contacts).
    votes, departments
        Each row's own vote over the catalogue's `departments` (`ContactOwners.votes`): what
        a split with an ``owner`` carves out. Without them such a split is not applied.

    Returns
    -------
    labels, ids, notes
        The new partition (part 1 keeps the split driver's index, further parts are
        appended), the ids, and (decision, why) for each decision that could not be applied.
    """
    labels = np.asarray(labels, dtype=np.int64).copy()
    ids = list(ids)
    notes: list[tuple[Any, str]] = []
    for dec in decisions:
        if dec.action != "split":
            continue
        if dec.payload.get("owner"):
            note = _carve(dec, labels, ids, votes, departments)
            if note:
                notes.append((dec, note))
            continue
        target, parts = dec.driver_id, int(dec.payload.get("parts", 2))
        wanted = part_ids(target, parts)
        holders = [ids.index(i) for i in [target, *wanted] if i in ids]
        if not holders:
            notes.append((dec, f"split of {target}: no driver {target} in this run (nothing to split)"))
            continue
        rows = np.flatnonzero(np.isin(labels, holders))
        if len(rows) < 2 * parts:
            notes.append((dec, f"split of {target}: {len(rows)} contacts are too few for {parts} parts"))
            continue
        former = _former_parts(wanted, previous, X.shape[1])
        part = _divide(X[rows], parts, former, seed)
        if len(np.unique(part)) < parts:
            notes.append((dec, f"split of {target}: its contacts do not divide in {parts} parts"))
            continue
        # fresh parts are numbered by size; former parts keep their numbers
        order = np.arange(parts) if former is not None else np.argsort(-np.bincount(part, minlength=parts), kind="stable")
        slots = list(holders)
        while len(slots) < parts:
            ids.append("")
            slots.append(len(ids) - 1)
        for rank, p in enumerate(order):
            labels[rows[part == p]] = slots[rank]
            ids[slots[rank]] = wanted[rank]
        for unused in slots[parts:]:
            ids[unused] = ""  # a former part beyond `parts`: now empty, dropped below
    return _drop_empty(labels, ids) + (notes,)


def _carve(dec: Any, labels: np.ndarray, ids: list[str], votes: np.ndarray | None, departments: Sequence[str]) -> str:
    """Carve the contacts of `dec`'s driver whose own vote picks its ``owner`` out as part
    ``.2`` (in place); the rest keeps the driver's id. Returns why it could not, else ""."""
    target, owner = dec.driver_id, str(dec.payload["owner"])
    carved = f"{target}.2"
    if votes is None or owner not in departments:
        return f"split of {target} by owner: {owner!r} is not a department of the catalogue ({', '.join(departments)})"
    holders = [ids.index(i) for i in (target, carved) if i in ids]
    if not holders:
        return f"split of {target}: no driver {target} in this run (nothing to split)"
    rows = np.flatnonzero(np.isin(labels, holders))
    group = votes[rows].argmax(axis=1) == list(departments).index(owner)
    if group.all() or not group.any():
        return f"split of {target} by owner: {'all' if group.any() else 'none'} of its {len(rows)} contacts read like {owner}'s process"
    if len(holders) == 1:
        ids.append("")
        holders.append(len(ids) - 1)
    labels[rows[~group]], labels[rows[group]] = holders[0], holders[1]
    ids[holders[0]], ids[holders[1]] = target, carved
    return ""


def _former_parts(wanted: list[str], previous: Any, dim: int) -> np.ndarray | None:
    """Centroids of the parts in the former model, when it holds all of them."""
    if previous is None:
        return None
    index = {d.driver_id: i for i, d in enumerate(previous.drivers)}
    if not all(w in index for w in wanted):
        return None
    former = np.asarray(previous.discovery.centroids_, dtype=np.float32)[[index[w] for w in wanted]]
    return former if former.shape[1] == dim else None


def _divide(X: np.ndarray, parts: int, former: np.ndarray | None, seed: int) -> np.ndarray:
    """Part index per row: the nearest former part, else Ward clustering (k-means when large).

    Ward needs no seed and follows the gold problems inside mixed drivers a little better
    (`bench/split.py`: bundled sample, discovery seeds 0–3, the 54 drivers whose largest
    gold driver holds under 80 % of their contacts, split in 2: NMI 0.353 against k-means
    0.336, average linkage 0.267, spectral 0.296). It needs memory in the
    square of the driver's size, so larger drivers fall back on k-means.
    """
    if former is not None:
        return np.asarray((X @ former.T).argmax(axis=1), dtype=np.int64)
    from sklearn.cluster import AgglomerativeClustering, KMeans

    if len(X) <= WARD_MAX_CONTACTS:
        return np.asarray(AgglomerativeClustering(n_clusters=parts, linkage="ward").fit_predict(X), dtype=np.int64)
    return np.asarray(KMeans(n_clusters=parts, n_init=10, random_state=seed).fit_predict(X), dtype=np.int64)


def _drop_empty(labels: np.ndarray, ids: list[str]) -> tuple[np.ndarray, list[str]]:
    keep = [i for i, d in enumerate(ids) if d]
    remap = np.full(len(ids), -1, dtype=np.int64)
    remap[keep] = np.arange(len(keep))
    out = np.where(labels >= 0, remap[np.maximum(labels, 0)], -1)
    return out, [ids[i] for i in keep]


def own_owners(
    model: Any,
    texts: Sequence[str | None],
    *,
    subjects: Sequence[str | None] | None = None,
    languages: Sequence[str | None] | None = None,
    names: bool = True,
) -> list[str]:
    """The department each contact's own words point to: its own vote (`ContactOwners.votes`).

    A split with an ``owner`` carves out of a driver its contacts whose own department is
    that owner; this says which contacts those are before the refit that applies it (the
    contacts of a group question). Texts are prepared and embedded as `DriverModel.classify`
    does; "" for every contact when the model has no per-contact evidence.
    """
    from rootcause.prepare import prepare_texts

    if model.contact_owners is None or len(texts) == 0:
        return [""] * len(texts)
    prepared = prepare_texts(texts, subjects, languages=languages, names=names)
    got = model.assign(prepared, novelty=False)
    votes = model.contact_owners.votes(got.vectors)
    deps = model.contact_owners.department_ids
    return [str(deps[int(j)]) for j in votes.argmax(axis=1)]


PREVIEW_MAX_CONTACTS = 2_000  # a preview divides at most this many of the driver's contacts
PREVIEW_EXEMPLARS = 3


def preview_split(model: Any, rows: Sequence[dict[str, Any]], parts: int, *, seed: int = 0) -> list[dict[str, Any]]:
    """How a split would divide a driver's stored contacts, before it is decided.

    The rows' redacted texts are embedded with the model's embedder into its discovery
    space and divided as `apply_splits` divides them for a fresh split (Ward, k-means when
    large). The refit that applies the split divides all the driver's contacts in the
    space fitted then, so the parts it makes may differ a little from the preview.

    Parameters
    ----------
    model
        The `DriverModel` in use.
    rows
        The driver's stored contacts: ``id``, ``text`` (cleaned, redacted), ``reason_text``,
        ``language``.
    parts
        2 to `MAX_PARTS`.

    Returns
    -------
    list of dict
        One per part, largest first: ``part`` (1-based), ``size``, ``share``, ``exemplars``
        (the redacted reasons of the contacts nearest the part's centre).
    """
    from rootcause.embed.views import contact_vectors, without_words
    from rootcause.errors import BadInputError
    from rootcause.prepare import prepare_texts

    if isinstance(parts, bool) or not isinstance(parts, int) or not 2 <= parts <= MAX_PARTS:
        raise BadInputError(f"parts={parts!r}; a split has 2 to {MAX_PARTS} parts.")
    if len(rows) < 2 * parts:
        raise BadInputError(f"This driver has {len(rows)} stored contacts: too few for {parts} parts (at least {2 * parts}).")
    # the stored texts are redacted already: names=False spares loading spaCy, redaction is idempotent
    prepared = prepare_texts([r["text"] or r["reason_text"] or "" for r in rows], languages=[r.get("language") for r in rows], names=False)
    masked = model.meta.get("masked_words") or ()
    X = contact_vectors(
        model.embedder(), without_words(prepared.reason_text, masked), without_words(prepared.exchange_text, masked),
        reason_weight=model.reason_weight,
    )
    if model.centering is not None:
        X = model.centering.transform(X, prepared.language)
    X = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)
    part = _divide(np.asarray(X, dtype=np.float32), parts, None, seed)
    sizes = np.bincount(part, minlength=parts)
    out = []
    for p in np.argsort(-sizes, kind="stable"):
        members = np.flatnonzero(part == p)
        centre = X[members].mean(axis=0)
        nearest = members[np.argsort(-(X[members] @ centre), kind="stable")[:PREVIEW_EXEMPLARS]]
        out.append(
            {
                "size": int(sizes[p]),
                "share": round(float(sizes[p]) / len(rows), 4),
                "exemplars": [str(rows[i]["reason_text"] or "")[:300] for i in nearest],
            }
        )
    for i, o in enumerate(out):
        o["part"] = i + 1
    return out
