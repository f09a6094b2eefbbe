"""One driver's stored contacts, read in SQL: a searchable page, channel and language mix, weeks.

The driver page of the workbench reads these instead of every stored contact. A driver's
contacts are those stored under its id or under an id merged into it, less the contacts a
reviewer moved elsewhere, plus those moved into it (`move` decisions, ``model.meta["moves"]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from rootcause.store import tables as T
from rootcause.transcripts.lexicon import fold

if TYPE_CHECKING:
    from rootcause.model.driver_model import DriverModel
    from rootcause.store.store import Store

PAGE_SIZE = 25
TEXT_CHARS = 400  # a contact's reason is cut here on a page


@dataclass(frozen=True)
class ContactPage:
    """A page of a driver's contacts, newest first."""

    rows: list[dict[str, Any]]  # id, when, channel, language, reason_text (redacted, cut)
    total: int  # contacts matching the search
    page: int  # 1-based
    pages: int


def _membership(model: DriverModel, driver_id: str) -> sa.ColumnElement[bool]:
    target = model.resolve(driver_id)
    stored_ids = sorted(model.with_merged(driver_id))
    moves: dict[str, str] = model.meta.get("moves") or {}
    c = T.contacts.c
    cond = c.driver_id.in_(stored_ids)
    if moves:
        cond = sa.and_(cond, c.id.not_in(list(moves)))
        moved_in = [cid for cid, d in moves.items() if model.resolve(d) == target]
        if moved_in:
            cond = sa.or_(cond, c.id.in_(moved_in))
    return cond


def _when() -> sa.ColumnElement[Any]:
    return sa.func.coalesce(T.contacts.c.created_at, T.contacts.c.ingested_at)


def contact_page(
    store: Store, model: DriverModel, driver_id: str, *, query: str = "", page: int = 1, size: int = PAGE_SIZE
) -> ContactPage:
    """A page of the driver's contacts whose redacted text holds `query` (whatever the case and
    the accents: "prelevement" finds "prélèvement"), newest first."""
    c = T.contacts.c
    where = _membership(model, driver_id)
    needle = fold(query.strip())
    columns = [c.id, _when().label("when"), c.channel, c.language, c.reason_text]
    with store._connect() as conn:
        if needle:
            # matched here, not in SQL: neither SQLite nor PostgreSQL folds accents without an extension
            found = [dict(r) for r in conn.execute(sa.select(*columns, c.text).where(where)).mappings()]
            found = [r for r in found if needle in fold(r["reason_text"] or "") or needle in fold(r["text"] or "")]
            found.sort(key=lambda r: r["id"])
            found.sort(key=lambda r: r["when"] or datetime.min, reverse=True)
            total = len(found)
        else:
            total = int(conn.execute(sa.select(sa.func.count()).select_from(T.contacts).where(where)).scalar() or 0)
        pages = max(1, -(-total // size))
        page = min(max(1, page), pages)
        if needle:
            rows = found[(page - 1) * size : page * size]
        else:
            q = sa.select(*columns).where(where).order_by(_when().desc(), c.id).offset((page - 1) * size).limit(size)
            rows = [dict(r) for r in conn.execute(q).mappings()]
    for r in rows:
        r.pop("text", None)
        text = r["reason_text"] or ""
        r["reason_text"] = text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1].rstrip() + "…"
    return ContactPage(rows=rows, total=total, page=page, pages=pages)


def contact_mix(store: Store, model: DriverModel, driver_id: str, column: str) -> list[tuple[str, int]]:
    """How the driver's contacts spread over `column` ("channel" or "language"), largest first."""
    if column not in ("channel", "language"):
        raise ValueError(f"column={column!r}; expected 'channel' or 'language'.")
    col = T.contacts.c[column]
    q = sa.select(col, sa.func.count()).where(_membership(model, driver_id)).group_by(col)
    with store._connect() as conn:
        rows = [(str(v or ""), int(n)) for v, n in conn.execute(q)]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def weekly_counts(store: Store, model: DriverModel, driver_id: str) -> tuple[list[date], list[int]]:
    """The driver's contacts per week (weeks starting on Monday), from its first week to its last."""
    q = sa.select(_when()).where(_membership(model, driver_id))
    counts: dict[date, int] = {}
    with store._connect() as conn:
        for (when,) in conn.execute(q):
            if isinstance(when, datetime):
                day = when.date()
                monday = day - timedelta(days=day.weekday())
                counts[monday] = counts.get(monday, 0) + 1
    if not counts:
        return [], []
    first, last = min(counts), max(counts)
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    return weeks, [counts.get(w, 0) for w in weeks]


def driver_texts(store: Store, model: DriverModel, driver_id: str, *, limit: int) -> list[dict[str, Any]]:
    """Up to `limit` of the driver's contacts with their redacted texts (id, text, reason_text,
    language), for a split's preview; the first `limit` by id, so the same each time."""
    c = T.contacts.c
    q = sa.select(c.id, c.text, c.reason_text, c.language).where(_membership(model, driver_id)).order_by(c.id).limit(limit)
    with store._connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]
