"""The driver statistics as computed before issue 18: every stored contact loaded into polars.

Kept outside the package as the reference that `tests/store/test_driver_stats_sql.py` checks
the SQL path against, and as the old path that `bench/driver_stats.py` measures. Not used by
the service.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import polars as pl

from rootcause import schema as S

if TYPE_CHECKING:
    from rootcause.model.driver_model import DriverModel
    from rootcause.store.store import Store

TREND_WEEKS = 8


def _resolved_contacts(store: Store, model: DriverModel) -> pl.DataFrame:
    df = store.contacts_frame([S.ID, S.DRIVER_ID, S.CREATED_AT, "ingested_at", S.CUSTOMER_ID, S.REASON_TEXT, "confidence"])
    if df.height == 0:
        return df.with_columns(pl.lit(None, dtype=pl.Utf8).alias("driver"), pl.lit(None, dtype=pl.Datetime("us")).alias("when"))
    ids = df[S.DRIVER_ID].unique().drop_nulls().to_list()
    mapping = {d: model.resolve(d) for d in ids}
    driver = pl.col(S.DRIVER_ID).replace_strict(mapping, default=None, return_dtype=pl.Utf8)
    moves = model.meta.get("moves") or {}  # contacts a reviewer moved (`move` decisions)
    if moves:
        moved = pl.col(S.ID).replace_strict(moves, default=None, return_dtype=pl.Utf8)
        driver = pl.when(moved.is_not_null()).then(moved).otherwise(driver)
    # a contact's own date, an undated one left out, unless none has one (`store.stats.date_column`)
    when = pl.col(S.CREATED_AT) if df[S.CREATED_AT].is_not_null().any() else pl.col("ingested_at")
    return df.with_columns(driver.alias("driver"), when.alias("when"))


def frame_driver_stats(store: Store, model: DriverModel, *, exemplars: int = 3, driver_id: str | None = None) -> list[dict[str, Any]]:
    """One dict per surviving driver, largest first.

    Keys: driver_id, label, theme_id, theme_label, owner_department, owner_confidence, kind, avoidable,
    reviewed (a review decision applies), review (the actions in force on it), keywords, size,
    share, trend (weekly counts, oldest first, the last `TREND_WEEKS` weeks of data), growth
    (last 4 weeks over the 4 before, None when undefined), repeat_rate, exemplars (redacted
    reason texts), merged_ids.
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
    review = model.meta.get("review") or {}
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
                "reviewed": bool(d.reviewed or review.get(d.driver_id) or merged.get(d.driver_id)),
                "review": list(review.get(d.driver_id, [])),
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
