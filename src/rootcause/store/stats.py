"""Driver statistics computed by the database: a few aggregate queries, whatever is stored.

`driver_counts` answers what `rootcause.store.views` needs (size, weekly counts, repeat
contacts per surviving driver) with ``GROUP BY`` queries over the ``ix_contacts_stats``
index, never loading the contacts; `exemplar_texts` reads a driver's top contacts with a
bounded query. Merged drivers are folded into their survivor inside SQL (a ``CASE`` over
the model's aliases), so the numbers are those of the survivor. The same SQL runs on
SQLite and PostgreSQL.

`change_token` is the counter every write to the contacts bumps in its own transaction
(insert, upsert, re-assignment, deletion): statistics read after it are at least as new as it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from rootcause.store import tables as T

if TYPE_CHECKING:
    from rootcause.store.store import Store

TREND_WEEKS = 8


@dataclass
class DriverCounts:
    """What the stored contacts say of each surviving driver id (None: contacts without one).

    `weeks[d][w]` counts contacts `w` whole weeks before `end` (0: the last 7 days), for
    `w < TREND_WEEKS`; `customers[d]` the contacts that have a customer id, `repeats[d]` those
    whose customer has more than one contact for the driver.
    """

    total: int = 0
    end: datetime | None = None
    sizes: dict[str | None, int] = field(default_factory=dict)
    weeks: dict[str | None, dict[int, int]] = field(default_factory=dict)
    customers: dict[str | None, int] = field(default_factory=dict)
    repeats: dict[str | None, int] = field(default_factory=dict)


def _resolved(aliases: Mapping[str, str]) -> Any:
    """The surviving driver id of a contact: its own, or the one its driver was merged into."""
    c = T.contacts.c
    folded = {src: dst for src, dst in aliases.items() if src != dst}
    if not folded:
        return c.driver_id
    return sa.case(folded, value=c.driver_id, else_=c.driver_id)


def _when() -> Any:
    # an undated contact counts from when it was stored (as retention and the report do)
    return sa.func.coalesce(T.contacts.c.created_at, T.contacts.c.ingested_at)


def driver_counts(store: Store, aliases: Mapping[str, str]) -> DriverCounts:
    """Sizes, weekly counts of the last `TREND_WEEKS` weeks and repeat contacts per surviving driver.

    Parameters
    ----------
    aliases
        Merged driver id -> surviving driver id (already followed to the end, see
        `DriverModel.resolve`).
    """
    c = T.contacts.c
    driver = _resolved(aliases).label("d")
    when = _when()
    out = DriverCounts()
    with store._connect() as conn:
        for d, n, last in conn.execute(sa.select(driver, sa.func.count(), sa.func.max(when)).group_by(driver)):
            out.sizes[d] = int(n)
            out.total += int(n)
            if last is not None and (out.end is None or last > out.end):
                out.end = last
        if out.end is not None:
            # week w holds end - 7(w+1) days < when <= end - 7w days: compared as timestamps,
            # exactly, on both databases (no day arithmetic in SQL)
            bounds = [out.end - timedelta(weeks=w + 1) for w in range(TREND_WEEKS)]
            week = sa.case(*[(when > b, w) for w, b in enumerate(bounds)]).label("w")
            q = sa.select(driver, week, sa.func.count()).where(when > bounds[-1]).group_by(driver, week)
            for d, w, n in conn.execute(q):
                out.weeks.setdefault(d, {})[int(w)] = int(n)
        per = (
            sa.select(driver, c.customer_id, sa.func.count().label("n"))
            .where(c.customer_id.is_not(None))
            .group_by(driver, c.customer_id)
            .subquery()
        )
        repeated = sa.func.sum(sa.case((per.c.n > 1, per.c.n), else_=0))
        for d, n, r in conn.execute(sa.select(per.c.d, sa.func.sum(per.c.n), repeated).group_by(per.c.d)):
            out.customers[d] = int(n or 0)
            out.repeats[d] = int(r or 0)
    return out


def exemplar_texts(store: Store, groups: Mapping[str, Sequence[str]], k: int) -> dict[str, list[str]]:
    """For each surviving driver, the reason texts of the `k` most confident contacts of its raw
    driver ids (`groups`: survivor -> its id and the ids merged into it); ties by contact id.

    One bounded query per driver (``LIMIT k`` over the index), all on one connection.
    """
    if k <= 0 or not groups:
        return {d: [] for d in groups}
    c = T.contacts.c
    ids = sa.bindparam("ids", expanding=True)
    q = sa.select(c.reason_text).where(c.driver_id.in_(ids)).order_by(c.confidence.desc().nulls_last(), c.id).limit(k)
    with store._connect() as conn:
        return {d: [r[0] for r in conn.execute(q, {"ids": list(raw)})] for d, raw in groups.items()}


def change_token(store: Store) -> int:
    """The contacts' change counter (bumped by every write to them, in the same transaction)."""
    with store._connect() as conn:
        return int(conn.execute(sa.select(T.store_changes.c.contacts).where(T.store_changes.c.id == 1)).scalar() or 0)
