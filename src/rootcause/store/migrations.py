"""Schema migrations: numbered steps, applied once each, in order, under a lock.

`migrate(engine)` is safe to call from several processes at once (server
workers starting together): PostgreSQL serialises them with an advisory lock,
SQLite with ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from rootcause.store import tables as T

_LOCK_ID = 7_240_011  # arbitrary, constant: the advisory lock of rootcause migrations


@dataclass(frozen=True)
class Migration:
    """One schema step."""

    version: int
    description: str
    upgrade: Callable[[sa.Connection], None]


def _v1(conn: sa.Connection) -> None:
    T.metadata.create_all(
        conn,
        tables=[T.contacts, T.decisions, T.api_keys, T.jobs, T.model_versions],
        checkfirst=True,
    )


def _add_column(conn: sa.Connection, table: sa.Table, column: str) -> None:
    """Add `column` (as `tables` defines it) unless `_v1`, which builds the current shape, made it."""
    if column in {c["name"] for c in sa.inspect(conn).get_columns(table.name)}:
        return
    col = table.c[column]
    conn.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN {col.name} {col.type.compile(conn.dialect)}"))


def _v2(conn: sa.Connection) -> None:
    _add_column(conn, T.contacts, "content_sha256")


def _v3(conn: sa.Connection) -> None:
    # Drivers, exemplars, reports and decisions need the new `read` scope. Keys that could read
    # stored contacts already (ingest) keep reading them; classify-only keys lose it on purpose:
    # a key made to classify must see no stored text. Review and admin imply `read`.
    keys = conn.execute(sa.select(T.api_keys.c.key_id, T.api_keys.c.scopes)).all()
    for key_id, scopes in keys:
        if "ingest" in scopes.split() and "read" not in scopes.split():
            conn.execute(T.api_keys.update().where(T.api_keys.c.key_id == key_id).values(scopes=f"{scopes} read"))


def _v4(conn: sa.Connection) -> None:
    T.metadata.create_all(conn, tables=[T.users, T.web_sessions], checkfirst=True)


def _v5(conn: sa.Connection) -> None:
    T.store_changes.create(conn, checkfirst=True)
    if conn.execute(sa.select(sa.func.count()).select_from(T.store_changes)).scalar() == 0:
        conn.execute(T.store_changes.insert().values(id=1, contacts=0))
    present = {i["name"] for i in sa.inspect(conn).get_indexes(T.contacts.name)}
    for index in T.contacts.indexes:
        if index.name in ("ix_contacts_stats", "ix_contacts_exemplars") and index.name not in present:
            index.create(conn)
    if "ix_contacts_driver_id" in present:  # a prefix of both: nothing needs it any more
        conn.execute(sa.text("DROP INDEX ix_contacts_driver_id"))


def _v6(conn: sa.Connection) -> None:
    T.fixes.create(conn, checkfirst=True)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "contacts, decisions, api keys, jobs, model versions", _v1),
    Migration(2, "contacts.content_sha256: a retry with another text is a conflict", _v2),
    Migration(3, "api keys: the read scope, given to the ingest keys", _v3),
    Migration(4, "users and web sessions of the workbench", _v4),
    Migration(5, "contacts: a change counter and the indexes of the driver statistics", _v5),
    Migration(6, "fixes logged on drivers", _v6),
)
HEAD = MIGRATIONS[-1].version


def current_version(conn: sa.Connection) -> int:
    """The highest applied version, 0 for an empty database."""
    if not sa.inspect(conn).has_table(T.schema_version.name):
        return 0
    v = conn.execute(sa.select(sa.func.max(T.schema_version.c.version))).scalar()
    return int(v or 0)


def migrate(engine: sa.Engine) -> int:
    """Apply the pending migrations; return the schema version reached."""
    with engine.execution_options(rootcause_write=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_ID})
        T.schema_version.create(conn, checkfirst=True)
        version = current_version(conn)
        if version > HEAD:
            from rootcause.errors import ConfigError

            raise ConfigError(
                f"The database schema is at version {version}, this rootcause knows up to {HEAD}: "
                "upgrade rootcause, or point ROOTCAUSE_DATABASE_URL at another database."
            )
        for m in MIGRATIONS:
            if m.version <= version:
                continue
            m.upgrade(conn)
            conn.execute(
                T.schema_version.insert().values(
                    version=m.version, description=m.description, applied_at=_now()
                )
            )
            version = m.version
    return version


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
