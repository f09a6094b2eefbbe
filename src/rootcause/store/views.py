"""Live driver statistics and department scorecards over the stored contacts.

Sizes follow merge decisions (a merged driver's contacts count for the driver
that absorbed it). When nothing is stored yet, sizes come from the model's fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import polars as pl

from rootcause import schema as S

if TYPE_CHECKING:
    from rootcause.model.driver_model import DriverModel
    from rootcause.review.queue import Question
    from rootcause.store.store import Store

TREND_WEEKS = 8


def _resolved_contacts(store: Store, model: DriverModel) -> pl.DataFrame:
    df = store.contacts_frame([S.ID, S.DRIVER_ID, S.CREATED_AT, "ingested_at", S.CUSTOMER_ID, S.REASON_TEXT, "confidence"])
    if df.height == 0:
        return df.with_columns(pl.lit(None, dtype=pl.Utf8).alias("driver"), pl.lit(None, dtype=pl.Datetime("us")).alias("when"))
    ids = df[S.DRIVER_ID].unique().drop_nulls().to_list()
    mapping = {d: model.resolve(d) for d in ids}
    return df.with_columns(
        pl.col(S.DRIVER_ID).replace_strict(mapping, default=None, return_dtype=pl.Utf8).alias("driver"),
        pl.coalesce(S.CREATED_AT, "ingested_at").alias("when"),
    )


def driver_stats(store: Store, model: DriverModel, *, exemplars: int = 3, driver_id: str | None = None) -> list[dict[str, Any]]:
    """One dict per surviving driver, largest first.

    Keys: driver_id, label, theme_id, theme_label, owner_department, owner_confidence, kind, avoidable,
    reviewed, keywords, size, share, trend (weekly counts, oldest first, the last
    `TREND_WEEKS` weeks of data), growth (last 4 weeks over the 4 before, None
    when undefined), repeat_rate, exemplars (redacted reason texts), merged_ids.
    """
    df = _resolved_contacts(store, model)
    total = df.height
    drivers = [d for d in model.drivers if d.driver_id not in model.aliases]
    if driver_id is not None:
        target = model.resolve(driver_id)
        drivers = [d for d in drivers if d.driver_id == target]
    end = df["when"].max() if total else None
    start = end - timedelta(weeks=TREND_WEEKS) if end is not None else None
    merged: dict[str, list[str]] = {}
    for src in model.aliases:
        merged.setdefault(model.resolve(src), []).append(src)
    model_total = sum(d.size for d in drivers if d.driver_id not in model.aliases) or 1
    out = []
    for d in drivers:
        sub = df.filter(pl.col("driver") == d.driver_id) if total else df
        size = sub.height if total else d.size
        share = size / total if total else d.size / model_total
        trend: list[int] = []
        growth = None
        if total and end is not None:
            recent = sub.filter(pl.col("when") > start)
            weeks = ((pl.lit(end) - pl.col("when")).dt.total_days() // 7).cast(pl.Int64)
            counts = recent.group_by(weeks.alias("w")).len()
            by_week = dict(zip(counts["w"].to_list(), counts["len"].to_list(), strict=True))
            trend = [int(by_week.get(w, 0)) for w in range(TREND_WEEKS - 1, -1, -1)]
            last4, prev4 = sum(trend[-4:]), sum(trend[-8:-4])
            growth = round(last4 / prev4, 3) if prev4 else None
        repeat_rate = None
        with_cust = sub.filter(pl.col(S.CUSTOMER_ID).is_not_null()) if total else sub
        if total and with_cust.height:
            per = with_cust.group_by(S.CUSTOMER_ID).len()
            repeat_rate = round(float(per.filter(pl.col("len") > 1)["len"].sum() / with_cust.height), 4)
        ex = []
        if total and sub.height:
            top = sub.sort("confidence", descending=True, nulls_last=True).head(exemplars)
            ex = [t[:300] for t in top[S.REASON_TEXT].to_list()]
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
                "reviewed": d.reviewed,
                "keywords": list(d.keywords),
                "products": list(d.products),
                "size": int(size),
                "share": round(float(share), 4),
                "trend": trend,
                "growth": growth,
                "repeat_rate": repeat_rate,
                "exemplars": ex,
                "merged_ids": sorted(merged.get(d.driver_id, [])),
            }
        )
    out.sort(key=lambda r: (-r["size"], r["driver_id"]))
    return out


def department_scorecards(
    store: Store, model: DriverModel, *, names: dict[str, str] | None = None, top: int = 5
) -> list[dict[str, Any]]:
    """One scorecard per owning department (plus catalogue departments with no driver).

    Keys: department_id, name, contacts, share, drivers, top_drivers (list of
    {driver_id, label, size}), avoidable_share, irritant_drivers, value_drivers.
    """
    stats = driver_stats(store, model, exemplars=0)
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
    and a driver is emerging when its last 4 weeks hold at least `EMERGING_MIN_CONTACTS`
    contacts and at least `EMERGING_GROWTH` times the 4 weeks before (or it had none then),
    the batch rule of `rootcause.measure`. With nothing stored, the sizes of the fit."""
    from rootcause.measure.metrics import EMERGING_GROWTH, EMERGING_MIN_CONTACTS
    from rootcause.review.queue import review_queue

    stats = driver_stats(store, model, exemplars=0)
    stored = store.count_contacts() > 0
    emerging = set()
    for s in stats:
        last4, prev4 = sum(s["trend"][-4:]), sum(s["trend"][-8:-4])
        if last4 >= EMERGING_MIN_CONTACTS and (prev4 == 0 or last4 >= EMERGING_GROWTH * prev4):
            emerging.add(s["driver_id"])
    sizes = {s["driver_id"]: s["size"] for s in stats} if stored else None
    return review_queue(model, sizes=sizes, emerging=emerging, skip=skip, limit=limit, language=language)
