"""Exports with a planted fix: daily Poisson contacts of a driver whose rate halves on a date,
of one that does not change, and of the others (they give the export its span)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import polars as pl

from rootcause import schema as S

START = date(2026, 1, 5)  # a Monday
WEEKS = 16
FIX = START + timedelta(weeks=8)  # 2 Mar 2026


def planted_export(
    seed: int,
    *,
    weekly: float = 20.0,
    drop: float = 0.5,
    weeks: int = WEEKS,
    fix: date = FIX,
    start: date = START,
    other: float = 60.0,
    swing: float = 0.0,
    orders: list[float] | None = None,
) -> pl.DataFrame:
    """Contacts (driver_id, created_at) over `weeks` weeks from `start`.

    ``DROP``: `weekly` contacts a week, `drop` fewer from `fix` on; ``FLAT``: `weekly` a week
    throughout; ``OTHER``: `other` a week. `swing`: each week's rate of every driver is
    multiplied by a gamma draw of that coefficient of variation (real weeks vary more than
    a Poisson process). `orders`: units per week: rates then scale with them (relative to
    the first week's), as contacts do when the business grows.
    """
    rng = np.random.default_rng(seed)
    rows: list[tuple[str, datetime]] = []
    for day in range(weeks * 7):
        d = start + timedelta(days=day)
        week = day // 7
        scale = orders[week] / orders[0] if orders else 1.0
        if swing and day % 7 == 0:
            shape = 1.0 / swing**2
            factors = {k: rng.gamma(shape, 1.0 / shape) for k in ("DROP", "FLAT", "OTHER")}
        elif not swing:
            factors = {"DROP": 1.0, "FLAT": 1.0, "OTHER": 1.0}
        rates = {
            "DROP": weekly * (1.0 - drop if d >= fix else 1.0),
            "FLAT": weekly,
            "OTHER": other,
        }
        for driver, rate in rates.items():
            n = rng.poisson(rate * scale * factors[driver] / 7.0)
            rows += [(driver, datetime(d.year, d.month, d.day, 9 + i % 8, 7 * i % 60)) for i in range(n)]
    return pl.DataFrame(rows, schema={S.DRIVER_ID: pl.Utf8, S.CREATED_AT: pl.Datetime("us")}, orient="row")
