"""Contact rates: contacts per 1,000 orders (or customers, or any business volume).

A driver whose contacts double because sales doubled is not getting worse; one whose
contacts per order double is. The volumes file gives the denominators:

* with a ``week``, ``date`` or ``day`` column, one row per day or week (rows of the same
  ISO week are summed; a week may be written ``2026-W23``), and any number of numeric
  columns (``orders``, ``customers``…);
* with a ``month`` column, one row per calendar month (``2026-06`` or any of its days);
* with no date column, a single row: the totals for the whole period of the export.

Rates are counted over the periods the file covers only: a contact dated outside them
(or not dated, when the file has dates) is left out of the rates and counted in
``uncovered_contacts``, never silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from rootcause import schema as S
from rootcause.errors import BadInputError
# `rate_growth` and `rate_emerging` use the same recent window and rule as `growth` and `emerging`
from rootcause.measure.metrics import RECENT_WEEKS, is_emerging

PER = 1000  # rates are per 1,000 units of the denominator
RATE_PREFIX = "per_1000_"
_PERIOD_COLUMNS = {"week": "week", "date": "week", "day": "week", "month": "month"}
_TRUNCATE = {"week": "1w", "month": "1mo"}  # polars' `dt.truncate` interval per period


@dataclass(frozen=True)
class Volumes:
    """Denominators per period (``period`` is None: one row of totals)."""

    frame: pl.DataFrame  # columns: period (Date: Monday or 1st of month) when dated, then the denominators
    names: list[str]  # denominator columns, in file order
    period: str | None  # "week", "month" or None (totals)
    source: str


def rate_column(name: str) -> str:
    """Output column of a denominator: ``orders`` -> ``per_1000_orders``."""
    return RATE_PREFIX + name


def load_volumes(path: str | Path) -> Volumes:
    """Read a volumes file (CSV, TSV, Parquet, JSON, NDJSON); a bad cell stops with its row."""
    from rootcause.ingest.formats import ROW, read_raw
    from rootcause.ingest.normalize import parse_dates

    path = Path(path)
    if not path.is_file():
        raise BadInputError(f"Volumes file {path}: no such file. Fix: check the path given to --volumes.")
    raw, problems = read_raw(path)
    if problems:
        p = problems[0]
        raise BadInputError(f"{path}, row {p.row}: {p.reason}. Fix: {p.fix}")
    columns = [c for c in raw.columns if c != ROW]
    lower = {c.strip().lower(): c for c in columns}
    period_col = next((lower[k] for k in _PERIOD_COLUMNS if k in lower), None)
    period = _PERIOD_COLUMNS[period_col.strip().lower()] if period_col else None
    names = [c for c in columns if c != period_col]
    if not names:
        raise BadInputError(
            f"{path} has no denominator column: expected numeric columns such as 'orders' or "
            "'customers' beside an optional 'week', 'date' or 'month' column."
        )
    bad = [c for c in names if not re.fullmatch(r"[A-Za-z0-9_]+", c.strip())]
    if bad:
        raise BadInputError(
            f"{path}: column name {bad[0]!r} cannot name an output column; use letters, digits and "
            "underscores (e.g. 'orders', 'active_customers')."
        )
    rows = raw[ROW].to_list() if ROW in raw.columns else list(range(1, raw.height + 1))
    values: dict[str, list[float]] = {}
    for name in names:
        cells = raw[name].cast(pl.String).to_list()
        out = []
        for row, cell in zip(rows, cells, strict=True):
            text = (cell or "").strip().replace("\u00a0", "").replace(" ", "")
            try:
                number = float(text)
            except ValueError:
                if period_col is None and parse_dates(pl.DataFrame({"d": [cell]}, schema={"d": pl.String}), "d")[0] is not None:
                    raise BadInputError(  # a date column named otherwise ("semaine", "Woche")
                        f"{path}, column {name!r} holds dates ({cell!r}, row {row}) but is not named as the date "
                        "column. Fix: rename it 'week', 'date' or 'day' (or 'month' for monthly volumes)."
                    ) from None
                raise BadInputError(
                    f"{path}, row {row}, column {name!r}: {cell!r} is not a number. Fix: write a plain "
                    "number (e.g. 12500, no thousands separator)."
                ) from None
            if not number > 0:
                raise BadInputError(
                    f"{path}, row {row}, column {name!r}: {cell!r} must be above zero (a rate per zero "
                    "orders means nothing). Fix: remove the row or give the real volume."
                )
            out.append(number)
        values[name.strip()] = out
    names = [n.strip() for n in names]
    frame = pl.DataFrame(values)
    if period is None:
        if frame.height != 1:
            raise BadInputError(
                f"{path} has {frame.height} rows but no 'week', 'date' or 'month' column: give one row "
                "of totals for the whole export, or add a date column to give one row per period."
            )
        return Volumes(frame, names, None, str(path))
    dates = parse_dates(_iso_periods(raw, period_col), period_col)  # type: ignore[arg-type]
    missing = [row for row, d in zip(rows, dates.to_list(), strict=True) if d is None]
    if missing:
        raise BadInputError(
            f"{path}, row {missing[0]}, column {period_col!r}: not a date. Fix: write dates as "
            "YYYY-MM-DD (a week may be given by any of its days, or as 2026-W23; a month as 2026-06)."
        )
    frame = (
        frame.with_columns(dates.dt.truncate(_TRUNCATE[period]).dt.date().alias("period"))
        .group_by("period")
        .agg([pl.col(n).sum() for n in names])
        .sort("period")
        .select("period", *names)
    )
    return Volumes(frame, names, period, str(path))


def _iso_periods(raw: pl.DataFrame, col: str) -> pl.DataFrame:
    """ISO weeks (``2026-W23``, ``2026W23``) and months (``2026-06``) as their first day."""
    text = pl.col(col).cast(pl.String).str.strip_chars()
    week = text.str.extract_groups(r"^(\d{4})-?W(\d{2})$")
    return raw.with_columns(
        pl.when(text.str.contains(r"^\d{4}-?W\d{2}$"))
        .then(
            pl.concat_str(week.struct.field("1"), pl.lit("-W"), week.struct.field("2"), pl.lit("-1"))
            .str.to_date("%G-W%V-%u", strict=False)
            .cast(pl.String)
        )
        .when(text.str.contains(r"^\d{4}-\d{2}$"))
        .then(text + "-01")
        .otherwise(text)
        .alias(col)
    )


@dataclass
class Rates:
    """Rates per driver and department, and the run-level facts for summary.json."""

    drivers: pl.DataFrame  # driver_id, per_1000_<name>…, rate_growth and rate_emerging (weekly volumes only)
    departments: pl.DataFrame  # department_id, per_1000_<name>…
    meta: dict


def contact_rates(contacts: pl.DataFrame, volumes: Volumes, owner_of: dict[str, str], departments: list[str]) -> Rates:
    """Contacts per 1,000 units of each denominator, per driver and per department.

    A department's rate counts the contacts of the drivers it owns (`owner_of`: driver id
    to department id), like its `contacts` in the scorecards.
    `rate_growth` (weekly volumes): the driver's rate over the last 4 covered weeks
    divided by its rate before (``inf`` for a driver with no contacts before);
    `rate_emerging`: a rate growth of 2 or more and more recent contacts than a steady rate
    per unit gives (`metrics.is_emerging`, the recent weeks holding their share of the volumes).
    """
    covered, used, uncovered = _covered(contacts, volumes)
    totals = {n: float(used[n].sum()) for n in volumes.names}
    rates = [
        (pl.col("_n") * PER / totals[n] if totals[n] else pl.lit(None, dtype=pl.Float64)).alias(rate_column(n))
        for n in volumes.names
    ]
    by_driver = covered.group_by(S.DRIVER_ID).agg(pl.len().alias("_n")).with_columns(rates).drop("_n")
    if volumes.period == "week":
        by_driver = by_driver.join(_rate_growth(covered, used, volumes.names[0]), on=S.DRIVER_ID, how="left")
    dep_counts = (
        covered.select(pl.col(S.DRIVER_ID).replace_strict(owner_of, default="").alias("department_id"))
        .group_by("department_id")
        .agg(pl.len().alias("_n"))
    )
    dep = pl.DataFrame({"department_id": departments}, schema={"department_id": pl.Utf8})
    dep = dep.join(dep_counts, on="department_id", how="left")
    dep = dep.with_columns(pl.col("_n").fill_null(0)).with_columns(rates).drop("_n")
    meta = {
        "volumes": volumes.source,
        "period": volumes.period or "total",
        "periods": used.height,
        "contacts": covered.height,
        "uncovered_contacts": uncovered,
        "rates": {
            n: {"denominator": totals[n], "per_1000": covered.height * PER / totals[n] if totals[n] else None}
            for n in volumes.names
        },
    }
    if volumes.period is not None and used.height:
        meta["from"] = str(used["period"].min())
        meta["to"] = str(used["period"].max())
    return Rates(by_driver, dep, meta)


def _covered(contacts: pl.DataFrame, volumes: Volumes) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """The contacts inside the periods the volumes cover, those periods (the file's periods
    within the span of the contacts' dates), and how many contacts are left out."""
    if volumes.period is None:
        return contacts.with_columns(pl.lit(None, dtype=pl.Date).alias("_period")), volumes.frame, 0
    dated = contacts.with_columns(pl.col(S.CREATED_AT).dt.truncate(_TRUNCATE[volumes.period]).dt.date().alias("_period"))
    span = dated["_period"].drop_nulls()
    used = volumes.frame.clear()
    if len(span):
        used = volumes.frame.filter(pl.col("period").is_between(span.min(), span.max()))
    inside = dated.filter(pl.col("_period").is_in(used["period"].implode()))
    return inside, used, contacts.height - inside.height


def _rate_growth(covered: pl.DataFrame, weeks: pl.DataFrame, name: str) -> pl.DataFrame:
    """Per driver, its rate over the last `RECENT_WEEKS` covered weeks / its rate before."""
    schema = {S.DRIVER_ID: pl.Utf8, "rate_growth": pl.Float64, "rate_emerging": pl.Boolean}
    weeks = weeks.sort("period")
    if weeks.height <= RECENT_WEEKS:
        return pl.DataFrame(schema=schema)
    cutoff = weeks["period"][-RECENT_WEEKS]
    recent_den = float(weeks.filter(pl.col("period") >= cutoff)[name].sum())
    before_den = float(weeks.filter(pl.col("period") < cutoff)[name].sum())
    g = covered.group_by(S.DRIVER_ID).agg(
        (pl.col("_period") >= cutoff).sum().alias("_r"),
        (pl.col("_period") < cutoff).sum().alias("_b"),
    )
    g = g.with_columns(
        pl.when(pl.col("_b") > 0)
        .then((pl.col("_r") / recent_den) / (pl.col("_b") / before_den))
        .otherwise(float("inf"))
        .alias("rate_growth")
    )
    # a steady rate per unit of volume gives the recent period its share of the volumes
    flags = is_emerging(g["_r"].to_numpy(), g["_b"].to_numpy(), g["rate_growth"].to_numpy(), recent_den / (recent_den + before_den))
    return g.with_columns(pl.Series("rate_emerging", flags, dtype=pl.Boolean)).select(S.DRIVER_ID, "rate_growth", "rate_emerging")
