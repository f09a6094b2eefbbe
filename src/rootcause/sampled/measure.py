"""Measure every contact of a run fitted on a sample: the sample's drivers as fitted (names,
owners, exemplars), counted over all contacts, and the second pass's drivers."""

from __future__ import annotations

from typing import Any

import polars as pl

from rootcause import schema as S
from rootcause.attribute import Catalogue
from rootcause.model.driver_model import DriverModel
from rootcause.result import AnalysisResult
from rootcause.sampled.leftovers import Leftovers, NewDrivers
from rootcause.sampled.parts import AT


def measure_all(
    light: pl.DataFrame,
    fitted: AnalysisResult,
    model: DriverModel,
    catalogue: Catalogue,
    new: NewDrivers | None,
    left: Leftovers | None,
) -> AnalysisResult:
    """Driver tables over every contact (`light`: the short columns, in input order, with
    ``AT``); `fitted` is the sample's own result."""
    from rootcause.pipeline import DRIVER_SCHEMA

    return measure_rows(light, fitted.drivers.select(list(DRIVER_SCHEMA)).to_dicts(), model, catalogue, new, left)


def measure_rows(
    light: pl.DataFrame,
    fitted_rows: list[dict[str, Any]],
    model: DriverModel,
    catalogue: Catalogue,
    new: NewDrivers | None,
    left: Leftovers | None,
) -> AnalysisResult:
    """`measure_all`, given the drivers table's rows (`pipeline.DRIVER_SCHEMA`) of the drivers
    fitted before the second pass (an update's: the former run's)."""
    from rootcause.pipeline import driver_products, driver_row, measure_tables

    info = {d.driver_id: d for d in model.drivers}
    contacts = light.with_columns(
        pl.col(S.DRIVER_ID).replace_strict({i: info[i].label for i in info}, default="").alias(S.DRIVER_LABEL),
        pl.col(S.DRIVER_ID).replace_strict({i: info[i].theme_id for i in info}, default="").alias(S.THEME_ID),
        pl.col(S.DRIVER_ID).replace_strict({i: info[i].theme_label for i in info}, default="").alias(S.THEME_LABEL),
    )
    noise_owner = str(model.meta.get("noise_owner", ""))
    contacts = contacts.with_columns(
        pl.when(pl.col(S.DRIVER_ID) == S.NOISE).then(pl.lit(S.NOISE)).otherwise(pl.col(S.DRIVER_LABEL)).alias(S.DRIVER_LABEL),
        pl.when(pl.col(S.DRIVER_ID) == S.NOISE).then(pl.lit(noise_owner)).otherwise(pl.col(S.OWNER_DEPARTMENT)).alias(S.OWNER_DEPARTMENT),
    )
    # a contact's own owner against its driver's: owner_share and n_owned_elsewhere
    driver_owner = pl.col(S.DRIVER_ID).replace_strict({i: info[i].owner_department for i in info}, default="")
    scored = contacts.filter(pl.col(S.DRIVER_ID) != S.NOISE).with_columns(
        (pl.col(S.OWNER_DEPARTMENT).fill_null("") == driver_owner).alias("_kept")
    )
    share = dict(scored.group_by(S.DRIVER_ID).agg(pl.col("_kept").mean()).iter_rows())
    elsewhere = int((~scored["_kept"]).sum())
    rows = [{**r, "owner_share": float(share.get(r[S.DRIVER_ID], 1.0))} for r in fitted_rows]
    if new is not None and left is not None:
        left_drivers = [model.drivers[new.first + int(c)].driver_id if c >= 0 else S.UNASSIGNED for c in new.labels]
        products = driver_products(left.clean_texts, left_drivers, model.meta.get("masked_words") or (), catalogue.company)
        for c in range(new.k):
            d = model.drivers[new.first + c]
            d.products = products.get(d.driver_id, [])
            n = new.names.get(c)
            o = new.owners[c]
            ex = list(n.exemplar_idx) if n else []
            rows.append(  # found by this run: no decision names it yet
                driver_row(
                    d, o, catalogue,
                    owner_share=float(share.get(d.driver_id, 1.0)),
                    exemplar_ids=[left.ids[i] for i in ex],
                    exemplars=[left.reasons[i] for i in ex],
                )
            )
    sizes = dict(contacts.group_by(S.DRIVER_ID).len().iter_rows())
    for d in model.drivers:
        d.size = int(sizes.get(d.driver_id, 0))
    noise = contacts.filter(pl.col(S.DRIVER_ID) == S.NOISE)[S.NOISE_REASON]
    kinds = dict(noise.value_counts(sort=True).iter_rows()) if len(noise) else {}
    return measure_tables(contacts, rows, catalogue, model, n_owned_elsewhere=elsewhere, noise=kinds)
