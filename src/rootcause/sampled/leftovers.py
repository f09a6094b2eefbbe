"""The second, smaller discovery pass: drivers that only the contacts outside the sample hold.

A sample drawn in proportion misses a reason too rare to show in it, or one that appears
after most of the export was written. Its contacts fit no driver of the sample's model
(`unknown`); pooled, they are searched for drivers of their own with the same estimator,
labels and owner attribution as the first pass, and the drivers found are appended to the
model with new ids. The model then assigns them like any other driver.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from rootcause.attribute import Catalogue, attribute_owners
from rootcause.model.driver_model import Driver, DriverModel

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
    report_language: str | None = None,
    previous_model: DriverModel | None = None,
) -> NewDrivers | None:
    """Find drivers among `left` and append them to `model` (new ids, after every id of
    `model` and `previous_model`); None when there are too few contacts or no driver.

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
        found = DriverDiscovery(seed=seed).fit(left.centred, texts=left.reasons, groups=left.languages, words=words)
    except BadInputError:
        return None
    labels = np.asarray(found.labels_)
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
    )
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
            )
        )
    disc = model.discovery
    disc.centroids_ = np.vstack([old, np.asarray(found.centroids_, dtype=np.float32)])
    disc.n_drivers_ = len(model.drivers)
    disc.known_names_ = list(getattr(disc, "known_names_", [None] * first)) + [None] * k
    model.meta["second_pass"] = {"contacts": len(left.reasons), "drivers": [d.driver_id for d in model.drivers[first:]]}
    return NewDrivers(first=first, k=k, discovery=found, labels=labels, names=names, owners=list(owners))
