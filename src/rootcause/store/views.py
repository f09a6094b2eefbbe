"""Live driver statistics and department scorecards over the stored contacts.

Sizes follow merge decisions (a merged driver's contacts count for the driver
that absorbed it). When nothing is stored yet, sizes come from the model's fit.
The numbers are the database's aggregates (`rootcause.store.stats`), kept per store until
a write to the contacts bumps its change token or the merges change: a request costs
a token read and, for the drivers it shows, a bounded exemplar query each.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rootcause.store.stats import TREND_WEEKS, DriverCounts, change_token, driver_counts, exemplar_texts

if TYPE_CHECKING:
    from rootcause.model.driver_model import DriverModel
    from rootcause.review.queue import Question
    from rootcause.store.store import Store

__all__ = ["TREND_WEEKS", "department_scorecards", "driver_stats", "live_review_queue", "stored_total"]


@dataclass
class _Cached:
    """The counts of one store at one change token, for one set of merges."""

    token: int
    aliases: frozenset[tuple[str, str]]
    moves: frozenset[tuple[str, str]]
    counts: DriverCounts
    exemplars: dict[str, tuple[int, list[str]]] = field(default_factory=dict)  # driver -> (k asked, texts)


_cache: weakref.WeakKeyDictionary[Store, _Cached] = weakref.WeakKeyDictionary()
_locks: weakref.WeakKeyDictionary[Store, threading.Lock] = weakref.WeakKeyDictionary()
_locks_lock = threading.Lock()


def _counts(store: Store, aliases: dict[str, str], moves: dict[str, str]) -> _Cached:
    """The store's counts, computed once per change of the contacts (or of the merges).

    The token is read before the counts: counts cached under a token are at least as new as it,
    so a write committed meanwhile makes the next call recompute, never serves stale numbers
    for long. One thread computes; concurrent callers wait for its answer instead of running
    the same queries beside it.
    """
    key, moved = frozenset(aliases.items()), frozenset(moves.items())
    token = change_token(store)
    hit = _cache.get(store)
    if hit is not None and hit.token >= token and hit.aliases == key and hit.moves == moved:
        return hit
    with _locks_lock:
        lock = _locks.setdefault(store, threading.Lock())
    with lock:
        hit = _cache.get(store)
        if hit is not None and hit.token >= token and hit.aliases == key and hit.moves == moved:
            return hit
        entry = _Cached(token=token, aliases=key, moves=moved, counts=driver_counts(store, aliases, moves))
        _cache[store] = entry
        return entry


def _fill_exemplars(store: Store, entry: _Cached, page: list[dict[str, Any]], k: int) -> None:
    """Set the exemplars of the page's drivers, read once per change token (and per larger `k`)."""
    missing = {
        r["driver_id"]: [r["driver_id"], *r["merged_ids"]]
        for r in page
        if r["size"] and (r["driver_id"] not in entry.exemplars or entry.exemplars[r["driver_id"]][0] < k)
    }
    for d, texts in exemplar_texts(store, missing, k).items():
        entry.exemplars[d] = (k, [t[:300] for t in texts])
    for r in page:
        if r["size"]:
            r["exemplars"] = entry.exemplars[r["driver_id"]][1][:k]


def _aliases(model: DriverModel) -> dict[str, str]:
    return {src: model.resolve(src) for src in model.aliases}


def _moves(model: DriverModel) -> dict[str, str]:
    """Contacts a reviewer moved (`move` decisions): stored id -> surviving driver."""
    return {c: model.resolve(d) for c, d in (model.meta.get("moves") or {}).items()}


def stored_total(store: Store, model: DriverModel) -> int:
    """How many contacts are stored (the denominator of the shares, from the same cached counts)."""
    return _counts(store, _aliases(model), _moves(model)).counts.total


def driver_stats(
    store: Store,
    model: DriverModel,
    *,
    exemplars: int = 3,
    driver_id: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """One dict per surviving driver, largest first (`offset`, `limit`: one page of them).

    Keys: driver_id, label, theme_id, theme_label, owner_department, owner_confidence, kind, avoidable,
    reviewed (a review decision applies), review (the actions in force on it), keywords, size,
    share, trend (weekly counts, oldest first, the last `TREND_WEEKS` weeks of data), growth
    (last 4 weeks over the 4 before, None when undefined), repeat_rate, exemplars (redacted
    reason texts), merged_ids.

    The numbers come from aggregate queries (`rootcause.store.stats`), cached until the
    contacts, the merges or the moves change; exemplars are read for the drivers of the page only.
    """
    aliases = _aliases(model)
    entry = _counts(store, aliases, _moves(model))
    counts = entry.counts
    total = counts.total
    drivers = [d for d in model.drivers if d.driver_id not in model.aliases]
    if driver_id is not None:
        target = model.resolve(driver_id)
        drivers = [d for d in drivers if d.driver_id == target]
    merged: dict[str, list[str]] = {}
    for src, dst in aliases.items():
        merged.setdefault(dst, []).append(src)
    review = model.meta.get("review") or {}
    model_total = sum(d.size for d in drivers if d.driver_id not in model.aliases) or 1
    out = []
    for d in drivers:
        size = counts.sizes.get(d.driver_id, 0) if total else d.size
        share = size / total if total else d.size / model_total
        trend: list[int] = []
        growth = None
        if total and counts.end is not None:
            by_week = counts.weeks.get(d.driver_id, {})
            trend = [int(by_week.get(w, 0)) for w in range(TREND_WEEKS - 1, -1, -1)]
            last4, prev4 = sum(trend[-4:]), sum(trend[-8:-4])
            growth = round(last4 / prev4, 3) if prev4 else None
        repeat_rate = None
        with_customer = counts.customers.get(d.driver_id, 0)
        if total and with_customer:
            repeat_rate = round(float(counts.repeats.get(d.driver_id, 0) / with_customer), 4)
        out.append(
            {
                "driver_id": d.driver_id,
                "label": d.label,
                "theme_id": d.theme_id,
                "theme_label": d.theme_label,
                "owner_department": d.owner_department,
                "owner_confidence": float(d.owner_confidence),
                "kind": d.kind,
                "avoidable": d.avoidable,
                "reviewed": bool(d.reviewed or review.get(d.driver_id) or merged.get(d.driver_id)),
                "review": list(review.get(d.driver_id, [])),
                "keywords": list(d.keywords),
                "products": list(d.products),
                "size": int(size),
                "share": round(float(share), 4),
                "trend": trend,
                "growth": growth,
                "repeat_rate": repeat_rate,
                "exemplars": [],
                "merged_ids": sorted(merged.get(d.driver_id, [])),
            }
        )
    out.sort(key=lambda r: (-r["size"], r["driver_id"]))
    page = out[offset : None if limit is None else offset + limit]
    if total and exemplars > 0:
        _fill_exemplars(store, entry, page, exemplars)
    return page


def department_scorecards(
    store: Store,
    model: DriverModel,
    *,
    names: dict[str, str] | None = None,
    top: int = 5,
    stats: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One scorecard per owning department (plus catalogue departments with no driver).

    Keys: department_id, name, contacts, share, drivers, top_drivers (list of
    {driver_id, label, size}), avoidable_share, avoidable_marked, irritant_drivers, value_drivers.
    `stats`: the `driver_stats` the caller has already read (a page showing both), else read here.
    """
    stats = driver_stats(store, model, exemplars=0) if stats is None else stats
    total = sum(s["size"] for s in stats) or 0
    names = names or {}
    depts: dict[str, list[dict[str, Any]]] = {k: [] for k in names}
    for s in stats:
        depts.setdefault(s["owner_department"] or "", []).append(s)
    out = []
    for dep, rows in depts.items():
        contacts = sum(r["size"] for r in rows)
        avoidable = sum(r["size"] for r in rows if r["avoidable"])
        out.append(
            {
                "department_id": dep,
                "name": names.get(dep, dep),
                "contacts": contacts,
                "share": round(contacts / total, 4) if total else 0.0,
                "drivers": len(rows),
                "top_drivers": [{"driver_id": r["driver_id"], "label": r["label"], "size": r["size"]} for r in rows[:top]],
                "avoidable_share": round(avoidable / contacts, 4) if contacts else 0.0,
                # whether a reviewer marked any of its drivers avoidable or not (0 % of none marked says nothing)
                "avoidable_marked": any(r["avoidable"] is not None for r in rows),
                "irritant_drivers": sum(1 for r in rows if r["kind"] == "irritant"),
                "value_drivers": sum(1 for r in rows if r["kind"] == "value"),
            }
        )
    out.sort(key=lambda r: (-r["contacts"], r["department_id"]))
    return out


def live_review_queue(
    store: Store, model: DriverModel, *, skip: Sequence[str] = (), limit: int | None = None, language: str = "en"
) -> list[Question]:
    """The review queue (`rootcause.review.review_queue`) over the stored contacts: live sizes,
    and a driver is emerging by the batch rule of `rootcause.measure` over its weekly trend
    (`metrics.trends_emerging`). With nothing stored, the sizes of the fit."""
    from rootcause.measure.metrics import trends_emerging
    from rootcause.review.queue import review_queue

    stats = driver_stats(store, model, exemplars=0)
    stored = store.count_contacts() > 0
    emerging = {s["driver_id"] for s, new in zip(stats, trends_emerging([s["trend"] for s in stats]), strict=True) if new}
    sizes = {s["driver_id"]: s["size"] for s in stats} if stored else None
    return review_queue(model, sizes=sizes, emerging=emerging, skip=skip, limit=limit, language=language)
