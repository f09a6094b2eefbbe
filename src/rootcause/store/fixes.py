"""Fixes logged on drivers, in the store (table ``fixes``, schema migration 4).

Kept apart from `Store`'s own methods: a fix changes no model, so it does not move
`Store.state` and no worker reloads anything when one is logged.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import UTC
from typing import TYPE_CHECKING

import polars as pl
import sqlalchemy as sa

from rootcause import schema as S
from rootcause.errors import BadInputError
from rootcause.measure.fixes import FixEffect, fix_effects
from rootcause.review.fixes import Fix
from rootcause.store import tables as T
from rootcause.store.stats import date_column
from rootcause.store.store import Store

if TYPE_CHECKING:
    from rootcause.measure.rates import Volumes
    from rootcause.model.driver_model import DriverModel


def add_fix(store: Store, fix: Fix) -> Fix:
    """Store `fix` (already redacted: see `rootcause.review.fixes.redact_fix`); returns it with its id.

    The same fix logged twice on a driver (its date, department and description: a form sent
    twice) is refused with `BadInputError`: it would count twice in the driver's fixes."""
    for old in stored_fixes(store, [fix.driver_id]):
        if (old.date, old.department, old.description) == (fix.date, fix.department, fix.description):
            raise BadInputError(f"This fix is already logged on {fix.driver_id} (fix {old.id}, {old.date.isoformat()}); nothing was added.")
    created = fix.created_at.astimezone(UTC).replace(tzinfo=None)
    with store._begin() as conn:
        res = conn.execute(
            T.fixes.insert().values(
                driver_id=fix.driver_id,
                fix_date=fix.date,
                description=fix.description,
                department=fix.department,
                link=fix.link,
                author=fix.author,
                created_at=created,
            )
        )
        new_id = int(res.inserted_primary_key[0])
    return replace(fix, id=new_id)


def remove_fix(store: Store, model: DriverModel, driver_id: str, fix_id: int) -> Fix:
    """Remove fix `fix_id`, logged on the driver `driver_id` now is (or on a driver merged into
    it), and return it: a fix logged by mistake (the wrong driver, the wrong day) would otherwise
    be measured, and be the driver's latest fix, for ever. `BadInputError` when the driver has
    no such fix."""
    driver_ids = model.with_merged(driver_id)
    found = [f for f in stored_fixes(store, driver_ids) if f.id == fix_id]
    if not found:
        raise BadInputError(f"No fix {fix_id} on {', '.join(sorted(driver_ids))}; GET /v1/drivers/{{id}}/fixes lists a driver's fixes.")
    with store._begin() as conn:
        conn.execute(T.fixes.delete().where(T.fixes.c.id == fix_id))
    return found[0]


def stored_fixes(store: Store, driver_ids: Collection[str] | None = None) -> list[Fix]:
    """The fixes logged on `driver_ids` (every fix when None), by date then by logging order."""
    q = sa.select(T.fixes).order_by(T.fixes.c.fix_date, T.fixes.c.id)
    if driver_ids is not None:
        q = q.where(T.fixes.c.driver_id.in_(sorted(driver_ids)))
    with store._connect() as conn:
        rows = conn.execute(q).mappings().all()
    return [
        Fix(
            driver_id=r["driver_id"],
            date=r["fix_date"],
            description=r["description"],
            department=r["department"],
            link=r["link"],
            author=r["author"],
            created_at=r["created_at"].replace(tzinfo=UTC),
            id=int(r["id"]),
        )
        for r in rows
    ]


def driver_fixes(
    store: Store, model: DriverModel, driver_id: str, *, volumes: Volumes | None = None
) -> list[tuple[Fix, FixEffect]]:
    """The fixes of the driver `driver_id` now is (logged on it or on a driver merged into
    it), each with its effect measured on the stored contacts, by date."""
    target = model.resolve(driver_id)
    ids = model.with_merged(driver_id)
    fixes = stored_fixes(store, ids)
    if not fixes:  # most drivers: nothing to measure (the driver page asks on every view)
        return []
    return fix_effects(_driver_days(store, target, ids), fixes, resolve=model.resolve, volumes=volumes)


def _driver_days(store: Store, target: str, ids: Collection[str]) -> pl.DataFrame:
    """What `measure.fixes.fix_effects` needs of the store for one driver: its contacts' dates
    (stored under any of `ids`, the driver and those merged into it) and two rows with no driver
    at the first and the last date of every stored contact (the span a fix is measured over),
    read without loading every contact: a driver page with a fix answers as fast on 100,000
    contacts as on 1,000.

    The date is the contact's own, an undated one left out, unless no stored contact has one
    (`stats.date_column`): mixing the two would stretch the weeks after a fix to the day an
    undated contact arrived, not the last day the contacts cover (trial finding L)."""
    c = T.contacts.c
    with store._connect() as conn:
        col = date_column(conn)
        first, last = conn.execute(sa.select(sa.func.min(col), sa.func.max(col))).one()
        days = [r[0] for r in conn.execute(sa.select(col).where(c.driver_id.in_(sorted(ids))))]
    span = [(None, d) for d in (first, last) if d is not None]
    rows = [(target, d) for d in days] + span
    return pl.DataFrame(rows, schema={S.DRIVER_ID: pl.Utf8, S.CREATED_AT: pl.Datetime("us")}, orient="row")
