"""The second, smaller discovery pass: drivers that only the contacts outside the sample hold.

A sample drawn in proportion misses a reason too rare to show in it, or one that appears
after most of the export was written. Its contacts fit no driver of the sample's model
(`unknown`); pooled, they are searched for drivers of their own with the same estimator,
labels and owner attribution as the first pass, and the drivers found are appended to the
model with new ids. The model then assigns them like any other driver.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from rootcause import schema as S

from rootcause.attribute import Catalogue, attribute_owners
from rootcause.model.driver_model import Driver, DriverModel
from rootcause.sampled.parts import AT

_ID = re.compile(r"^D(\d+)")


@dataclass
class Leftovers:
    """Contacts that no driver of the sample fits, as the second pass needs them."""

    centred: np.ndarray  # (n, d) as discovery sees them (language-centred)
    vectors: np.ndarray  # (n, d) as embedded: owners are matched there
    reasons: list[str]
    wholes: list[str]  # the exchange text (redacted)
    languages: list[str]
    ids: list[str]
    handling_teams: list[str | None]
    clean_texts: list[str]  # the whole contact, cleaned and redacted: products are counted there


@dataclass
class NewDrivers:
    """What the second pass added: drivers ``first .. first + k - 1`` of the model."""

    first: int
    k: int
    discovery: Any  # the DriverDiscovery fitted on the leftovers
    labels: np.ndarray  # per leftover contact: its new driver (0..k-1), or -1
    names: dict[int, Any]  # per new driver (0..k-1): its `rootcause.label.DriverLabel`
    owners: list[Any]  # per new driver: its `rootcause.attribute.Ownership`


def next_number(*models: DriverModel | None) -> int:
    """The first driver number no driver of `models` has used (D007.1 uses 7)."""
    nums = [int(m.group(1)) for model in models if model is not None for d in model.drivers if (m := _ID.match(d.driver_id))]
    return max(nums, default=0) + 1


def discover_leftovers(
    left: Leftovers,
    model: DriverModel,
    catalogue: Catalogue,
    encoder: Any,
    *,
    seed: int,
    min_contacts: int,
    min_driver_size: int | None = None,
    report_language: str | None = None,
    previous_model: DriverModel | None = None,
    keep: Callable[[np.ndarray, Any], np.ndarray] | None = None,
) -> NewDrivers | None:
    """Find drivers among `left` and append them to `model` (new ids, after every id of
    `model` and `previous_model`); None when there are too few contacts or no driver.
    `min_driver_size`: the smallest driver kept among `left` (`DriverDiscovery`'s default
    when None). `keep(labels, discovery)`: which of the drivers found to add (a boolean per
    driver; `rootcause.sampled.update` keeps those that no driver of the model already is);
    the others' contacts are left as they were.

    Each new driver is labelled (`rootcause.label`) and owned (`rootcause.attribute`) as
    first-pass drivers are; it joins the theme of the nearest first-pass driver.
    """
    from rootcause.discover import DriverDiscovery
    from rootcause.embed.views import without_words
    from rootcause.errors import BadInputError
    from rootcause.label import label_drivers
    from rootcause.pipeline import discovery_words

    if len(left.reasons) < min_contacts:
        return None
    masked = model.meta.get("masked_words") or ()
    seen_texts, seen_whole = without_words(left.reasons, masked), without_words(left.wholes, masked)
    words, matches = discovery_words(seen_texts, seen_whole, left.wholes, left.languages, encoder, catalogue)
    try:
        found = DriverDiscovery(seed=seed, min_driver_size=min_driver_size).fit(left.centred, texts=left.reasons, groups=left.languages, words=words)
    except BadInputError:
        return None
    labels = np.asarray(found.labels_)
    k = int(found.n_drivers_)
    if k and keep is not None:
        wanted = np.asarray(keep(labels, found), dtype=bool)
        number = np.full(k, -1, dtype=np.int64)
        number[wanted] = np.arange(int(wanted.sum()))
        labels = np.where(labels >= 0, number[np.maximum(labels, 0)], -1)
        if not wanted.any():
            return None
        found.relabel(left.centred, labels, groups=left.languages)
        k = int(found.n_drivers_)
    if k == 0 or not (labels >= 0).any():
        return None
    centering = model.centering

    def embed(phrases: list[str], lang: str) -> np.ndarray:
        raw = np.asarray(encoder.encode(phrases), dtype=np.float32)
        return centering.transform(raw, [lang] * len(phrases)) if centering is not None else raw

    names = {n.cluster: n for n in label_drivers(
        left.reasons, left.languages, labels, left.centred, report_language=report_language, ids=left.ids, embed=embed
    )}  # fmt: skip
    owners = attribute_owners(
        catalogue,
        left.vectors,
        labels,
        left.wholes,
        encoder.encode,
        handling_teams=left.handling_teams,
        evidence=model.contact_owners,
        matches=matches,
        language=report_language or "en",
        reasons=left.reasons,
    )
    from rootcause.review.queue import purity_signals

    purity = purity_signals(left.centred, labels, k, seed=seed)  # what a split question would divide
    old = np.asarray(model.discovery.centroids_, dtype=np.float32)
    nearest = (found.centroids_ @ old.T).argmax(axis=1) if len(old) else np.zeros(k, dtype=np.int64)
    number = next_number(model, previous_model)
    first = len(model.drivers)
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    for c in range(k):  # DriverDiscovery numbers drivers by size: D0xx follow that order
        n = names.get(c)
        theme = model.drivers[int(nearest[c])] if len(old) else None
        model.drivers.append(
            Driver(
                driver_id=f"D{number + c:03d}",
                label=n.label if n else f"driver {first + c}",
                owner_department=owners[c].owner_department,
                owner_confidence=owners[c].owner_confidence,
                keywords=list(n.keywords) if n else [],
                size=int(sizes[c]),
                theme_id=theme.theme_id if theme else "",
                theme_label=theme.theme_label if theme else "",
                owner_scores=dict(owners[c].scores),
                split_share=purity[c][0],
                split_separation=purity[c][1],
            )
        )
    model.discovery.extend(found)  # its centroids and prototypes join the model's
    model.meta["second_pass"] = {"contacts": len(left.reasons), "drivers": [d.driver_id for d in model.drivers[first:]]}
    return NewDrivers(first=first, k=k, discovery=found, labels=labels, names=names, owners=list(owners))


class Unknown:
    """Contacts no driver fits, spilled chunk by chunk: vectors in .npy, texts in Parquet."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: list[tuple[Path, int]] = []  # (stem, rows)
        self.count = 0

    def add(self, at: np.ndarray, centred: np.ndarray, vectors: np.ndarray, texts: pl.DataFrame) -> None:
        if len(at) == 0:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = self.folder / f"{len(self.files):06d}"
        np.save(stem.with_suffix(".centred.npy"), centred.astype(np.float32))
        np.save(stem.with_suffix(".vectors.npy"), vectors.astype(np.float32))
        texts.with_columns(pl.Series(AT, at, dtype=pl.Int64)).write_parquet(stem.with_suffix(".parquet"))
        self.files.append((stem, len(at)))
        self.count += len(at)

    def load(self, stem: Path, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, pl.DataFrame]:
        centred = np.load(stem.with_suffix(".centred.npy"), mmap_mode="r")
        vectors = np.load(stem.with_suffix(".vectors.npy"), mmap_mode="r")
        texts = pl.read_parquet(stem.with_suffix(".parquet"))
        if rows is not None:
            picked = texts.with_row_index("_i").filter(pl.col("_i").is_in(rows.tolist())).drop("_i")
            return np.asarray(centred[rows]), np.asarray(vectors[rows]), picked
        return np.asarray(centred), np.asarray(vectors), texts


def pool_sample(unknown: Unknown, limit: int, *, seed: int) -> tuple[Leftovers, np.ndarray]:
    """A seeded sample of at most `limit` of the spilled contacts, and their ``AT``."""
    rng = np.random.default_rng(seed)
    pooled = np.sort(rng.choice(unknown.count, min(limit, unknown.count), replace=False))
    pieces: list[tuple[np.ndarray, np.ndarray, pl.DataFrame]] = []
    offset = 0
    for stem, rows in unknown.files:
        mine = pooled[(pooled >= offset) & (pooled < offset + rows)] - offset
        offset += rows
        if len(mine):
            pieces.append(unknown.load(stem, mine))
    texts = pl.concat([p[2] for p in pieces])
    left = Leftovers(
        centred=np.vstack([p[0] for p in pieces]),
        vectors=np.vstack([p[1] for p in pieces]),
        reasons=texts[S.REASON_TEXT].to_list(),
        wholes=texts[S.EXCHANGE_TEXT].to_list(),
        languages=texts[S.LANGUAGE].to_list(),
        ids=texts[S.ID].to_list(),
        handling_teams=texts[S.HANDLING_TEAM].to_list(),
        clean_texts=texts[S.CLEAN_TEXT].to_list(),
    )
    return left, texts[AT].to_numpy()


def second_pass(
    light: pl.DataFrame,
    unknown: Unknown,
    model: DriverModel,
    catalogue: Catalogue,
    encoder: Any,
    *,
    seed: int,
    limit: int,
    min_contacts: int,
    min_share: float,
    report_language: str | None,
    previous_model: DriverModel | None,
) -> tuple[NewDrivers | None, pl.DataFrame, Leftovers | None]:
    """Find drivers among (a seeded sample of at most `limit` of) the contacts no driver
    fits, then assign every such contact to them when one fits.

    A new driver must stand for at least `min_share` of the export, the share the smallest
    driver of the sample could stand for: a reason the sample was too small to show, not a
    handful of stray contacts out of a million.
    """
    if unknown.count < min_contacts:
        return None, light, None
    left, pooled_at = pool_sample(unknown, limit, seed=seed)
    # the pool is a sample of the unknowns: a driver of m pooled contacts stands for about
    # m * count / pooled contacts of the export
    floor = min_share * light.height * len(pooled_at) / unknown.count
    new = discover_leftovers(
        left, model, catalogue, encoder, seed=seed, min_contacts=min_contacts, min_driver_size=max(3, math.ceil(floor)),
        report_language=report_language, previous_model=previous_model,
    )  # fmt: skip
    if new is None:
        return None, light, left
    pooled_label = dict(zip(pooled_at.tolist(), new.labels.tolist(), strict=True))
    updates: list[pl.DataFrame] = []
    for stem, _ in unknown.files:
        centred, vectors, spilled = unknown.load(stem)
        labels, confidence = new.discovery.predict(centred, novelty=False)
        at = spilled[AT].to_numpy()
        # the pooled contacts keep the community the graph gave them
        labels = np.array([pooled_label.get(a, lab) for a, lab in zip(at.tolist(), labels.tolist(), strict=True)])
        hit = labels >= 0
        if not hit.any():
            continue
        drivers = [model.drivers[new.first + int(c)] for c in labels[hit]]
        owners = contact_owners(model, drivers, vectors, spilled, hit)
        sims = centred[hit] @ new.discovery.centroids_.T
        conf = _softmax_share(sims, labels[hit])
        updates.append(moves(at[hit], [d.driver_id for d in drivers], conf, owners))
    return new, moved(light, updates), left


def contact_owners(model: DriverModel, drivers: list[Driver], vectors: np.ndarray, spilled: pl.DataFrame, hit: np.ndarray) -> list[str]:
    """The owner of each `hit` contact given `drivers` (one per hit): its driver's, unless its
    own vote and whole text name another department (`ContactOwners.refine`)."""
    owners = [d.owner_department for d in drivers]
    if model.contact_owners is None:
        return owners
    wholes = [t for t, h in zip(spilled[S.EXCHANGE_TEXT].to_list(), hit.tolist(), strict=True) if h]
    return model.contact_owners.refine(vectors[hit], owners, [False] * len(owners), wholes)


def moves(at: np.ndarray, drivers: list[str], confidence: np.ndarray, owners: list[str]) -> pl.DataFrame:
    """Contacts (by ``AT``) given a new driver, confidence and owner: `moved`'s input."""
    return pl.DataFrame(
        {AT: at, "_driver": drivers, "_confidence": np.round(confidence, 4), "_owner": owners},
        schema={AT: pl.Int64, "_driver": pl.Utf8, "_confidence": pl.Float64, "_owner": pl.Utf8},
    )


def moved(light: pl.DataFrame, updates: list[pl.DataFrame]) -> pl.DataFrame:
    """`light` with the contacts of `updates` (`moves`) given their new driver."""
    if not updates:
        return light
    upd = pl.concat(updates)
    return light.join(upd, on=AT, how="left", maintain_order="left").with_columns(
        pl.coalesce("_driver", S.DRIVER_ID).alias(S.DRIVER_ID),
        pl.coalesce("_confidence", S.DRIVER_CONFIDENCE).alias(S.DRIVER_CONFIDENCE),
        pl.coalesce("_owner", S.OWNER_DEPARTMENT).alias(S.OWNER_DEPARTMENT),
    ).drop("_driver", "_confidence", "_owner")


def _softmax_share(sims: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The discovery estimator's confidence (softmax share of the driver), over new drivers."""
    from rootcause.discover.estimator import _confidence

    return np.asarray(_confidence(sims, labels), dtype=np.float64)
