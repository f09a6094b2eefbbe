"""Volume, share, weekly trend, emerging flags, repeat contacts and the Pareto.

All functions take the per-contact frame (schema columns, with driver_id) and
return small frames; none mutates its input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import timedelta

import numpy as np
import polars as pl
from numpy.typing import ArrayLike

from rootcause import schema as S

REPEAT_WINDOW = timedelta(days=7)
RECENT_WEEKS = 4  # the "recent" window for emerging drivers
EMERGING_GROWTH = 2.0  # recent weekly rate ≥ 2× the earlier rate
# ... and more recent contacts than chance gives a driver whose rate never changed: under that
# hypothesis its recent count is binomial (its contacts, the recent period's share of the weeks or
# of the volumes), and the chance of as many or more must be under EMERGING_ALPHA. It replaces a
# floor of 5 recent contacts: on the last runs of twenty-one labelled exports (`bench/analyze.py`,
# seed 3), drivers doubling on a handful of contacts by chance were most alerts. Of 23 reasons
# with 80 % of their contacts in the last 4 weeks, the floor found 21 with 61 alerts (38 on drivers
# of no such reason); 0.01 finds 20 with 25 alerts (4 false). README, "emerging".
EMERGING_ALPHA = 0.01
SPARSE_WEEK = 0.25  # a trailing week at or under this share of the median weekly volume ends no trend


def flag_repeats(contacts: pl.DataFrame, *, window: timedelta = REPEAT_WINDOW) -> pl.Series:
    """True where the same customer contacted about the same driver within `window` before.

    Contacts with no customer id or no date are never repeats.
    """
    n = contacts.height
    if n == 0:
        return pl.Series(S.IS_REPEAT, [], dtype=pl.Boolean)
    df = contacts.select(S.CUSTOMER_ID, S.DRIVER_ID, S.CREATED_AT).with_row_index("_i")
    ok = df.filter(
        pl.col(S.CUSTOMER_ID).is_not_null()
        & (pl.col(S.CUSTOMER_ID).str.strip_chars() != "")
        & pl.col(S.CREATED_AT).is_not_null()
        & ~pl.col(S.DRIVER_ID).is_in([S.UNASSIGNED, S.NOISE])
    ).sort(S.CUSTOMER_ID, S.DRIVER_ID, S.CREATED_AT)
    ok = ok.with_columns(
        (pl.col(S.CREATED_AT) - pl.col(S.CREATED_AT).shift(1).over(S.CUSTOMER_ID, S.DRIVER_ID)).alias("_gap")
    ).with_columns((pl.col("_gap").is_not_null() & (pl.col("_gap") <= window)).alias(S.IS_REPEAT))
    flags = [False] * n
    for i, rep in ok.select("_i", S.IS_REPEAT).iter_rows():
        flags[i] = bool(rep)
    return pl.Series(S.IS_REPEAT, flags, dtype=pl.Boolean)


def weekly_counts(contacts: pl.DataFrame) -> pl.DataFrame:
    """Contacts per driver per ISO week (Monday), zero-filled over the data's span."""
    dated = contacts.filter(pl.col(S.CREATED_AT).is_not_null())
    schema = {"week": pl.Date, S.DRIVER_ID: pl.Utf8, "contacts": pl.UInt32}
    if dated.height == 0:
        return pl.DataFrame(schema=schema)
    dated = dated.with_columns(pl.col(S.CREATED_AT).dt.truncate("1w").dt.date().alias("week"))
    counts = dated.group_by("week", S.DRIVER_ID).agg(pl.len().cast(pl.UInt32).alias("contacts"))
    weeks = pl.date_range(dated["week"].min(), dated["week"].max(), interval="1w", eager=True).alias("week")
    drivers = counts.select(S.DRIVER_ID).unique()
    grid = pl.DataFrame(weeks).join(drivers, how="cross")
    return (
        grid.join(counts, on=["week", S.DRIVER_ID], how="left")
        .with_columns(pl.col("contacts").fill_null(0).cast(pl.UInt32))
        .sort("week", S.DRIVER_ID)
    )


def driver_stats(contacts: pl.DataFrame, weekly: pl.DataFrame | None = None) -> pl.DataFrame:
    """Per driver: size, share, repeat_rate, channel/language mix, growth, emerging.

    `growth` is the weekly rate over the last 4 weeks divided by the rate before
    (``inf`` for a driver that did not exist before). A driver is *emerging* when
    it grew at least 2× (or is new) by more than chance gives (`is_emerging`).
    """
    total = max(contacts.height, 1)
    stats = (
        contacts.group_by(S.DRIVER_ID)
        .agg(
            pl.len().alias("size"),
            pl.col(S.IS_REPEAT).mean().fill_null(0).alias("repeat_rate"),
            pl.col(S.CHANNEL).fill_null("?").value_counts(sort=True, normalize=True).alias("_ch"),
            pl.col(S.LANGUAGE).fill_null("?").value_counts(sort=True, normalize=True).alias("_lang"),
        )
        .with_columns((pl.col("size") / total).alias("share"))
    )
    stats = stats.with_columns(
        pl.col("_ch").map_elements(lambda s: _fmt_mix(s, S.CHANNEL), return_dtype=pl.Utf8).alias("channel_mix"),
        pl.col("_lang").map_elements(lambda s: _fmt_mix(s, S.LANGUAGE), return_dtype=pl.Utf8).alias("language_mix"),
    ).drop("_ch", "_lang")
    growth = _growth(weekly if weekly is not None else weekly_counts(contacts))
    return (
        stats.join(growth, on=S.DRIVER_ID, how="left")
        .with_columns(pl.col("growth").fill_null(1.0), pl.col("emerging").fill_null(False))
        .sort("size", S.DRIVER_ID, descending=[True, False])
    )


def _fmt_mix(values: pl.Series | list[dict], col: str) -> str:
    rows = values.to_list() if isinstance(values, pl.Series) else values
    return " · ".join(f"{r[col]} {r['proportion']:.0%}" for r in rows[:4])


def _growth(weekly: pl.DataFrame) -> pl.DataFrame:
    schema = {S.DRIVER_ID: pl.Utf8, "growth": pl.Float64, "emerging": pl.Boolean}
    if weekly.height == 0:
        return pl.DataFrame(schema=schema)
    weeks = _trend_weeks(weekly)
    weekly = weekly.filter(pl.col("week") <= weeks[-1]) if len(weeks) else weekly
    if len(weeks) <= RECENT_WEEKS:
        return pl.DataFrame(schema=schema)
    cutoff = weeks[-RECENT_WEEKS]
    n_before = len(weeks) - RECENT_WEEKS
    g = weekly.group_by(S.DRIVER_ID).agg(
        pl.col("contacts").filter(pl.col("week") >= cutoff).sum().alias("recent"),
        pl.col("contacts").filter(pl.col("week") < cutoff).sum().alias("before"),
    )
    g = g.with_columns(
        (pl.col("recent") / RECENT_WEEKS).alias("_r"),
        (pl.col("before") / n_before).alias("_b"),
    ).with_columns(
        pl.when(pl.col("_b") > 0).then(pl.col("_r") / pl.col("_b")).otherwise(float("inf")).alias("growth")
    )
    flags = is_emerging(g["recent"].to_numpy(), g["before"].to_numpy(), g["growth"].to_numpy(), RECENT_WEEKS / len(weeks))
    return g.with_columns(pl.Series("emerging", flags, dtype=pl.Boolean)).select(S.DRIVER_ID, "growth", "emerging")


def is_emerging(recent: ArrayLike, before: ArrayLike, growth: ArrayLike, recent_share: float) -> np.ndarray:
    """The emerging rule, per driver: a growth (of the count or of the rate, ``inf`` when new)
    of at least `EMERGING_GROWTH`, and `recent` contacts out of ``recent + before`` that a steady
    rate gives with a chance under `EMERGING_ALPHA`, the recent period holding `recent_share` of
    the weeks (or of the volumes) compared."""
    from scipy.stats import binom

    recent, before = np.asarray(recent, dtype=np.int64), np.asarray(before, dtype=np.int64)
    chance = binom.sf(recent - 1, recent + before, min(max(recent_share, 0.0), 1.0))
    return (np.asarray(growth, dtype=np.float64) >= EMERGING_GROWTH) & (chance < EMERGING_ALPHA)


def trends_emerging(trends: Sequence[Sequence[int]]) -> list[bool]:
    """`is_emerging` over drivers' weekly counts (oldest first), in one call: each driver's last
    `RECENT_WEEKS` weeks against the weeks before them (the API's and the workbench's live
    rule, for every driver of a page at once)."""
    out = [False] * len(trends)
    for length in {len(t) for t in trends if len(t) > RECENT_WEEKS}:
        at = [i for i, t in enumerate(trends) if len(t) == length]
        counts = np.asarray([trends[i] for i in at], dtype=np.int64)
        recent, before = counts[:, -RECENT_WEEKS:].sum(axis=1), counts[:, :-RECENT_WEEKS].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            growth = np.where(before > 0, (recent / RECENT_WEEKS) / (before / (length - RECENT_WEEKS)), np.inf)
        for i, flag in zip(at, is_emerging(recent, before, growth, RECENT_WEEKS / length), strict=True):
            out[i] = bool(flag)
    return out


def _trend_weeks(weekly: pl.DataFrame) -> pl.Series:
    """The calendar weeks trends are computed over, without trailing near-empty weeks.

    A stray date months after the export (a typo, a future date) would otherwise make the
    "last 4 weeks" empty and every driver look like it vanished; a last week cut short by
    the export date would make every driver look like it shrank.
    """
    totals = weekly.group_by("week").agg(pl.col("contacts").sum()).sort("week")
    busy = totals.filter(pl.col("contacts") > 0)["contacts"]
    floor = SPARSE_WEEK * float(busy.median() or 0)
    end = totals.height
    while end > 0 and totals["contacts"][end - 1] <= floor:
        end -= 1
    return totals["week"][:end]


def pareto(drivers: pl.DataFrame, total: int) -> pl.DataFrame:
    """Drivers ranked by size with the cumulative share of all contacts they cover."""
    ranked = drivers.filter(~pl.col(S.DRIVER_ID).is_in([S.UNASSIGNED, S.NOISE])).sort("size", S.DRIVER_ID, descending=[True, False])
    total = max(total, 1)
    return ranked.select(
        pl.int_range(1, ranked.height + 1, dtype=pl.UInt32).alias("rank"),
        S.DRIVER_ID,
        "label",
        "size",
        (pl.col("size") / total).alias("share"),
        (pl.col("size").cum_sum() / total).alias("cumulative_share"),
    )


def pareto_targets(pareto_frame: pl.DataFrame, targets: tuple[float, ...] = (0.10, 0.20, 0.50)) -> dict[str, int | None]:
    """How many top drivers, fixed, remove each target share of contacts (None: unreachable)."""
    cum = pareto_frame["cumulative_share"].to_list()
    out: dict[str, int | None] = {}
    for t in targets:
        n = next((i + 1 for i, c in enumerate(cum) if c >= t - 1e-9), None)
        out[str(round(t * 100))] = n
    return out


def department_scorecards(contacts: pl.DataFrame, drivers: pl.DataFrame, departments: list[tuple[str, str]]) -> pl.DataFrame:
    """Per catalogue department: contacts caused (those of the drivers it owns), share, number
    of drivers, top drivers, and `contacts_attributed`: contacts whose own owner is the
    department (a contact can name another process than its driver's owner)."""
    total = max(contacts.height, 1)
    attributed = Counter(contacts[S.OWNER_DEPARTMENT].to_list()) if S.OWNER_DEPARTMENT in contacts.columns else Counter()
    rows = []
    for dep_id, name in departments:
        own = drivers.filter(pl.col(S.OWNER_DEPARTMENT) == dep_id).sort("size", descending=True)
        n = int(own["size"].sum()) if own.height else 0
        rows.append(
            {
                "department_id": dep_id,
                "name": name,
                "contacts": n,
                "share": n / total,
                "contacts_attributed": attributed[dep_id],
                "drivers": own.height,
                "top_drivers": own["label"].head(5).to_list(),
                "repeat_rate": float((own["repeat_rate"] * own["size"]).sum() / n) if n else 0.0,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "department_id": pl.Utf8,
            "name": pl.Utf8,
            "contacts": pl.Int64,
            "share": pl.Float64,
            "contacts_attributed": pl.Int64,
            "drivers": pl.Int64,
            "top_drivers": pl.List(pl.Utf8),
            "repeat_rate": pl.Float64,
        },
    ).sort("contacts", descending=True)
