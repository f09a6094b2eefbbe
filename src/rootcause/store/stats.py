"""Driver statistics computed by the database: a few aggregate queries, whatever is stored.

`driver_counts` answers what `rootcause.store.views` needs (size, weekly counts, repeat
contacts per surviving driver) with ``GROUP BY`` queries over the ``ix_contacts_stats``
index, never loading the contacts; `exemplar_texts` reads a driver's top contacts with a
bounded query over ``ix_contacts_exemplars``. Merged drivers' numbers count for the driver
that absorbed them. The same SQL runs on SQLite and PostgreSQL.

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


def date_column(conn: Any) -> Any:
    """The column that dates the stored contacts in weekly counts, trends and fix verdicts: their
    own date (``created_at``), an undated one left out as `rootcause analyze` leaves it out;
    only when no stored contact has a date of its own (a feed that sends none) the ingest time.
    Mixing the two would count a backfill sent without dates in the week it was stored, a
    false surge (an integrator trial: 20,000 undated contacts made a driver "emerging")."""
    c = T.contacts.c
    dated = conn.execute(sa.select(c.id).where(c.created_at.is_not(None)).limit(1)).first() is not None
    return c.created_at if dated else c.ingested_at


def _repeats(per_customer: Any) -> Any:
    """(contacts with a customer, those whose customer has more than one) over a
    (…, customer_id, n) subquery."""
    n = per_customer.c.n
    return sa.func.sum(n), sa.func.sum(sa.case((n > 1, n), else_=0))


def driver_counts(store: Store, aliases: Mapping[str, str], moves: Mapping[str, str] | None = None) -> DriverCounts:
    """Sizes, weekly counts of the last `TREND_WEEKS` weeks and repeat contacts per surviving driver.

    Parameters
    ----------
    aliases
        Merged driver id -> surviving driver id (already followed to the end, see
        `DriverModel.resolve`).
    moves
        Stored contact id -> the surviving driver a reviewer moved it to (``move``
        decisions): its size and weekly count go there. Repeat contacts stay with the driver
        it was stored under (a few moved contacts barely change a rate).

    Every query groups by the stored driver id, in the index's order; sizes and weekly
    counts of merged ids are added to their survivor here. Repeat contacts do not add up (a
    customer may have one contact under each of two merged ids): a survivor that absorbed
    others has its own query, over its ids' contacts only.
    """
    c = T.contacts.c
    survivor = {src: dst for src, dst in aliases.items() if src != dst}
    groups: dict[str, list[str]] = {}
    for src, dst in survivor.items():
        groups.setdefault(dst, [dst]).append(src)
    out = DriverCounts()
    with store._connect() as conn:
        when = date_column(conn)
        for d, n, last in conn.execute(sa.select(c.driver_id, sa.func.count(), sa.func.max(when)).group_by(c.driver_id)):
            key = survivor.get(d, d)
            out.sizes[key] = out.sizes.get(key, 0) + int(n)
            out.total += int(n)
            if last is not None and (out.end is None or last > out.end):
                out.end = last
        if out.end is not None:
            # week w holds end - 7(w+1) days < when <= end - 7w days: compared as timestamps,
            # exactly, on both databases (no day arithmetic in SQL)
            bounds = [out.end - timedelta(weeks=w + 1) for w in range(TREND_WEEKS)]
            week = sa.case(*[(when > b, w) for w, b in enumerate(bounds)]).label("w")
            q = sa.select(c.driver_id, week, sa.func.count()).where(when > bounds[-1]).group_by(c.driver_id, week)
            for d, w, n in conn.execute(q):
                weeks = out.weeks.setdefault(survivor.get(d, d), {})
                weeks[int(w)] = weeks.get(int(w), 0) + int(n)
        with_customer = c.customer_id.is_not(None)
        per = (
            sa.select(c.driver_id, c.customer_id, sa.func.count().label("n"))
            .where(with_customer)
            .group_by(c.driver_id, c.customer_id)
            .subquery()
        )
        for d, n, r in conn.execute(sa.select(per.c.driver_id, *_repeats(per)).group_by(per.c.driver_id)):
            if d not in survivor and d not in groups:
                out.customers[d], out.repeats[d] = int(n or 0), int(r or 0)
        for d, ids in groups.items():
            per = (
                sa.select(c.customer_id, sa.func.count().label("n"))
                .where(with_customer, c.driver_id.in_(ids))
                .group_by(c.customer_id)
                .subquery()
            )
            n, r = conn.execute(sa.select(*_repeats(per))).one()
            out.customers[d], out.repeats[d] = int(n or 0), int(r or 0)
        if moves:
            _move(out, conn.execute(sa.select(c.id, c.driver_id, when).where(c.id.in_(list(moves)))), moves, survivor)
    return out


def _move(out: DriverCounts, rows: Any, moves: Mapping[str, str], survivor: Mapping[str, str]) -> None:
    """Count each moved contact of `rows` (id, stored driver, when) for the driver it was moved to."""
    bounds = [out.end - timedelta(weeks=w + 1) for w in range(TREND_WEEKS)] if out.end is not None else []
    for contact, d, when in rows:
        src, dst = survivor.get(d, d), moves[contact]
        if src == dst:
            continue
        out.sizes[src] = out.sizes.get(src, 0) - 1
        out.sizes[dst] = out.sizes.get(dst, 0) + 1
        w = next((w for w, b in enumerate(bounds) if when is not None and when > b), None)
        if w is not None:
            out.weeks.setdefault(src, {})[w] = out.weeks.get(src, {}).get(w, 0) - 1
            out.weeks.setdefault(dst, {})[w] = out.weeks.get(dst, {}).get(w, 0) + 1


def exemplar_texts(store: Store, groups: Mapping[str, Sequence[str]], k: int) -> dict[str, list[str]]:
    """For each surviving driver, the reason texts of the `k` most confident contacts of its raw
    driver ids (`groups`: survivor -> its id and the ids merged into it); ties by contact id.

    One bounded query per driver (``LIMIT k`` over the index), all on one connection.
    """
    if k <= 0 or not groups:
        return {d: [] for d in groups}
    c = T.contacts.c

    def top(where: Any) -> Any:
        return sa.select(c.reason_text).where(where).order_by(c.confidence.desc().nulls_last(), c.id).limit(k)

    # most drivers absorbed none: an equality, whose compiled statement is reused
    one, many = top(c.driver_id == sa.bindparam("id")), top(c.driver_id.in_(sa.bindparam("ids", expanding=True)))
    out = {}
    with store._connect() as conn:
        for d, raw in groups.items():
            rows = conn.execute(one, {"id": raw[0]}) if len(raw) == 1 else conn.execute(many, {"ids": list(raw)})
            out[d] = [r[0] for r in rows]
    return out


def change_token(store: Store) -> int:
    """The contacts' change counter (bumped by every write to them, in the same transaction)."""
    with store._connect() as conn:
        return int(conn.execute(sa.select(T.store_changes.c.contacts).where(T.store_changes.c.id == 1)).scalar() or 0)
