"""`Store`: contacts, review decisions, API keys, jobs and model versions in one database.

SQLite (a file, nothing to install) by default; PostgreSQL when the URL says so.
Every write is one transaction: a batch is stored whole or not at all.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from rootcause.errors import BadInputError, ConfigError, StoreError
from rootcause.review import Decision
from rootcause.store import tables as T
from rootcause.store.migrations import migrate

log = logging.getLogger("rootcause.store")

SCOPES = ("classify", "ingest", "read", "review", "admin")
# A reviewer reads what it reviews; admin carries every scope (see `ApiKey.allows`).
IMPLIED = {"review": ("read",), "admin": SCOPES}
TOKEN_PREFIX = "rc"

CONTACT_COLUMNS = tuple(c.name for c in T.contacts.columns)


@dataclass(frozen=True)
class ApiKey:
    """An API key as stored (the secret itself is never stored, only its SHA-256)."""

    key_id: str
    name: str
    scopes: tuple[str, ...]
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        """True when the key carries `scope`, itself or through another (`IMPLIED`)."""
        return any(scope == s or scope in IMPLIED.get(s, ()) for s in self.scopes)


@dataclass(frozen=True)
class Job:
    """A background job (a refit) and where it stands."""

    id: str
    kind: str
    status: str
    author: str
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    error: str | None = None
    result: dict[str, Any] | None = None


@dataclass(frozen=True)
class ModelVersion:
    """A driver model fitted by a refit job and saved on disk."""

    id: int
    path: str
    report_path: str | None
    job_id: str | None
    n_contacts: int
    n_drivers: int
    created_at: datetime


def normalize_url(url: str) -> str:
    """Pick the installed PostgreSQL driver (psycopg 3) for plain ``postgresql://`` URLs."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str) -> sa.Engine:
    """An engine tuned for the dialect: WAL + full sync + busy timeout for SQLite."""
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as err:
        raise ConfigError(
            f"Cannot parse database URL {url!r}; expected e.g. sqlite:///rootcause.db or "
            "postgresql://user:password@host/db (ROOTCAUSE_DATABASE_URL)."
        ) from err
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database or ""
        if db and db != ":memory:" and not db.startswith("file:"):
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: an error's message never carries a statement's values (contact data)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, hide_parameters=True)
        _tune_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, hide_parameters=True)
    raise ConfigError(
        f"Unsupported database {parsed.get_backend_name()!r} in ROOTCAUSE_DATABASE_URL; "
        "expected sqlite or postgresql."
    )


def _tune_sqlite(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module so that BEGIN is ours.
        dbapi_con.isolation_level = None
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk before it is acknowledged (survives power loss too).
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros, not just unlinked: an erased contact's
        # text is gone from the file, not waiting in a free page (see `Store.compact`).
        cur.execute("PRAGMA secure_delete=ON")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Writers take the write lock up front: a deferred transaction that reads
        # first and writes later fails with SQLITE_BUSY instead of waiting.
        if conn.get_execution_options().get("rootcause_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def describe_db_error(err: sa.exc.DBAPIError) -> str:
    """What failed, without the statement, its values or the driver's message.

    PostgreSQL's message has a DETAIL ("Failing row contains (…)", "Key (id)=(…)") that
    quotes the row; only the error class, SQLSTATE and the names of the constraint, table
    and column are kept (names of the schema, not data).
    """
    orig = err.orig
    diag = getattr(orig, "diag", None)
    parts = [type(orig).__name__ if orig is not None else type(err).__name__]
    code = getattr(orig, "sqlstate", None) or getattr(orig, "sqlite_errorname", None)
    if code:
        parts.append(f"SQLSTATE {code}" if getattr(orig, "sqlstate", None) else str(code))
    for what in ("constraint", "table", "column"):
        name = getattr(diag, f"{what}_name", None)
        if name:
            parts.append(f"{what} {name}")
    return (
        f"The database failed ({', '.join(parts)}); the statement and its values are left "
        "out of this message. Nothing of the failed transaction was written. Retry; if it persists, the "
        "database's own log names the cause."
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


AUTH_CACHE_S = 2.0  # how long an answer of `authenticate` is reused by `cached_key`
AUTH_CACHE_SIZE = 4096  # tokens remembered at most (unknown tokens included)


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Store:
    """The database behind the API and the CLI's key commands.

    Parameters
    ----------
    url
        SQLAlchemy URL: ``sqlite:///path.db`` or ``postgresql://user:pw@host/db``.
    """

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.engine = make_engine(self.url)
        self._write = self.engine.execution_options(rootcause_write=True)
        # token hash -> (checked at, key or None); see `cached_key`
        self._auth_cache: dict[str, tuple[float, ApiKey | None]] = {}
        # names the redaction of a decision's free text keeps (the company's, the catalogue's)
        self.kept_names: tuple[str, ...] = ()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def _connect(self, **options: Any) -> Iterator[sa.Connection]:
        """A connection whose database errors are re-raised as `StoreError`, without the
        statement, its values or the driver's message (see `describe_db_error`)."""
        try:
            with self.engine.connect() as conn:
                yield conn.execution_options(**options) if options else conn
        except sa.exc.DBAPIError as err:
            # `from None`: the driver's error, whose message quotes the row, is not printed with it
            raise StoreError(describe_db_error(err)) from None

    @contextmanager
    def _begin(self) -> Iterator[sa.Connection]:
        """A write transaction (committed at the end, rolled back on error), errors as in `_connect`."""
        try:
            with self._write.begin() as conn:
                yield conn
        except sa.exc.DBAPIError as err:
            raise StoreError(describe_db_error(err)) from None

    def migrate(self) -> int:
        """Create or upgrade the schema; returns the schema version."""
        return migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> bool:
        """True when the database answers and the schema is in place."""
        try:
            with self._connect() as conn:
                conn.execute(sa.select(sa.func.count()).select_from(T.schema_version))
            return True
        except (StoreError, sa.exc.SQLAlchemyError):
            return False

    # ------------------------------------------------------------------ contacts
    def _insert(self) -> Any:
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(T.contacts)

    def add_contacts(
        self, rows: Sequence[Mapping[str, Any]], *, batch_id: str | None = None, replace: bool = False
    ) -> set[str]:
        """Insert contacts in one transaction; return the ids written.

        Rows whose id is already stored are left as they are (a retried batch
        creates no duplicates), or with `replace` overwritten (all but when first
        stored). Rows must hold *redacted* text only.
        """
        if not rows:
            return set()
        now = _now()
        values = []
        for r in rows:
            v = {k: r.get(k) for k in CONTACT_COLUMNS if k not in ("ingested_at", "batch_id")}
            v["is_transcript"] = bool(v.get("is_transcript") or False)
            v["ingested_at"] = now
            v["batch_id"] = batch_id
            values.append(v)
        insert = self._insert()
        if replace:
            kept = ("id", "ingested_at")
            insert = insert.on_conflict_do_update(
                index_elements=["id"], set_={c: insert.excluded[c] for c in CONTACT_COLUMNS if c not in kept}
            )
        else:
            insert = insert.on_conflict_do_nothing(index_elements=["id"])
        stmt = insert.returning(T.contacts.c.id)
        inserted: set[str] = set()
        with self._begin() as conn:
            # Chunks keep each statement under the drivers' parameter limits; one
            # transaction keeps the batch atomic.
            for i in range(0, len(values), 500):
                res = conn.execute(stmt, values[i : i + 500])
                inserted.update(row[0] for row in res)
            if inserted:
                _bump_changes(conn)
        return inserted

    def fingerprints(self, ids: Iterable[str]) -> dict[str, str | None]:
        """The stored text fingerprint (``content_sha256``) of each of `ids` that is stored."""
        ids = list(ids)
        out: dict[str, str | None] = {}
        c = T.contacts.c
        with self._connect() as conn:
            for i in range(0, len(ids), 500):
                out.update(tuple(r) for r in conn.execute(sa.select(c.id, c.content_sha256).where(c.id.in_(ids[i : i + 500]))))
        return out

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` are stored."""
        ids = list(ids)
        out: set[str] = set()
        with self._connect() as conn:
            for i in range(0, len(ids), 500):
                q = sa.select(T.contacts.c.id).where(T.contacts.c.id.in_(ids[i : i + 500]))
                out.update(r[0] for r in conn.execute(q))
        return out

    def get_contact(self, contact_id: str) -> dict[str, Any] | None:
        """The stored (redacted) contact with this id, or None."""
        with self._connect() as conn:
            row = conn.execute(sa.select(T.contacts).where(T.contacts.c.id == contact_id)).mappings().first()
        return dict(row) if row is not None else None

    def contacts_of(self, *, ids: Collection[str] = (), customers: Collection[str] = ()) -> list[dict[str, Any]]:
        """The stored contacts whose id is one of `ids` or whose customer is one of `customers`."""
        ids, customers = list(ids), list(customers)
        c = T.contacts.c
        out: dict[str, dict[str, Any]] = {}
        with self._connect() as conn:
            for column, values in ((c.id, ids), (c.customer_id, customers)):
                for i in range(0, len(values), 500):
                    rows = conn.execute(sa.select(T.contacts).where(column.in_(values[i : i + 500]))).mappings()
                    out.update((r["id"], dict(r)) for r in rows)
        return list(out.values())

    def contact_ids_before(self, cutoff: datetime) -> list[str]:
        """Ids of the contacts dated before `cutoff` (naive UTC); an undated one counts from when it was stored."""
        c = T.contacts.c
        q = sa.select(c.id).where(sa.func.coalesce(c.created_at, c.ingested_at) < cutoff).order_by(c.id)
        with self._connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def delete_contacts(self, ids: Collection[str]) -> int:
        """Delete the contacts with these ids in one transaction; returns how many were stored."""
        ids = list(ids)
        deleted = 0
        with self._begin() as conn:
            for i in range(0, len(ids), 500):
                res = conn.execute(T.contacts.delete().where(T.contacts.c.id.in_(ids[i : i + 500])))
                deleted += int(res.rowcount or 0)
            if deleted:
                _bump_changes(conn)
        return deleted

    def compact(self) -> None:
        """Give the space of deleted rows back, so that none of their bytes stay on disk.

        SQLite: ``VACUUM`` rewrites the file, then the WAL is checkpointed and truncated
        (it still holds the pages the rows were first written to). PostgreSQL: ``VACUUM
        FULL`` rewrites the tables that hold personal data (it locks them while it runs).
        """
        if self.dialect == "sqlite":
            raw = self.engine.raw_connection()
            try:
                cur = raw.cursor()
                cur.execute("VACUUM")
                busy = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                cur.close()
            finally:
                raw.close()
            if busy and busy[0]:
                log.warning("The WAL could not be truncated (a reader held it); the next compaction retries.")
            return
        with self._connect(isolation_level="AUTOCOMMIT") as conn:
            for table in (T.contacts, T.decisions):
                conn.exec_driver_sql(f"VACUUM FULL {table.name}")

    def count_contacts(self) -> int:
        with self._connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(T.contacts)).scalar() or 0)

    def contacts_frame(self, columns: Sequence[str] | None = None) -> pl.DataFrame:
        """All stored contacts as a polars frame (ids in insertion-independent id order)."""
        cols = list(columns or CONTACT_COLUMNS)
        bad = set(cols) - set(CONTACT_COLUMNS)
        if bad:
            raise BadInputError(f"Unknown contact column(s) {sorted(bad)}; stored columns are {CONTACT_COLUMNS}.")
        q = sa.select(*[T.contacts.c[c] for c in cols]).order_by(T.contacts.c.id)
        with self._connect() as conn:
            rows = conn.execute(q).all()
        schema = {c: _polars_type(c) for c in cols}
        return pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")

    def assign_drivers(self, assignments: Mapping[str, tuple[str | None, float | None]]) -> int:
        """Set driver_id/confidence of stored contacts (after a refit), in one transaction."""
        if not assignments:
            return 0
        params = [{"cid": k, "d": v[0], "c": v[1]} for k, v in assignments.items()]
        stmt = (
            T.contacts.update()
            .where(T.contacts.c.id == sa.bindparam("cid"))
            .values(driver_id=sa.bindparam("d"), confidence=sa.bindparam("c"))
        )
        with self._begin() as conn:
            for i in range(0, len(params), 1000):
                conn.execute(stmt, params[i : i + 1000])
            _bump_changes(conn)
        return len(params)

    # ------------------------------------------------------------------ decisions
    def add_decision(self, decision: Decision) -> Decision:
        """Append a decision to the audit trail; returns it, as stored, with its id.

        Its free text (a rename's label) is redacted first (`prepare.redact_decision`), keeping
        `kept_names` (set by the API to the served model's `DriverModel.kept_names`).
        """
        from rootcause.prepare import redact_decision

        decision = redact_decision(decision, keep=self.kept_names)
        created = decision.created_at.astimezone(UTC).replace(tzinfo=None)
        with self._begin() as conn:
            res = conn.execute(
                T.decisions.insert().values(
                    action=decision.action,
                    driver_id=decision.driver_id,
                    payload=json.dumps(decision.payload, ensure_ascii=False, sort_keys=True),
                    author=decision.author,
                    created_at=created,
                )
            )
            new_id = int(res.inserted_primary_key[0])
        return Decision(
            action=decision.action,
            driver_id=decision.driver_id,
            payload=dict(decision.payload),
            author=decision.author,
            created_at=decision.created_at,
            id=new_id,
        )

    def set_decision_payload(self, decision_id: int, payload: Mapping[str, Any]) -> None:
        """Rewrite one decision's payload (erasure takes identifiers out of it; nothing else edits the trail)."""
        with self._begin() as conn:
            conn.execute(
                T.decisions.update()
                .where(T.decisions.c.id == decision_id)
                .values(payload=json.dumps(dict(payload), ensure_ascii=False, sort_keys=True))
            )

    def decisions(self, driver_id: str | None = None) -> list[Decision]:
        """The audit trail, oldest first (optionally for one driver)."""
        q = sa.select(T.decisions).order_by(T.decisions.c.id)
        if driver_id is not None:
            q = q.where(T.decisions.c.driver_id == driver_id)
        with self._connect() as conn:
            rows = conn.execute(q).mappings().all()
        return [
            Decision(
                action=r["action"],
                driver_id=r["driver_id"],
                payload=json.loads(r["payload"]),
                author=r["author"],
                created_at=r["created_at"].replace(tzinfo=UTC),
                id=int(r["id"]),
            )
            for r in rows
        ]

    def state(self) -> tuple[int, int]:
        """(last decision id, last model version id): a cheap "has anything changed" probe."""
        q = sa.select(
            sa.select(sa.func.coalesce(sa.func.max(T.decisions.c.id), 0)).scalar_subquery(),
            sa.select(sa.func.coalesce(sa.func.max(T.model_versions.c.id), 0)).scalar_subquery(),
        )
        with self._connect() as conn:
            d, m = conn.execute(q).one()
        return int(d), int(m)

    # ------------------------------------------------------------------ API keys
    def create_key(self, name: str, scopes: Sequence[str]) -> tuple[ApiKey, str]:
        """Create a key; returns it and the token to hand out (shown once, never stored)."""
        scopes = tuple(dict.fromkeys(s.strip() for s in scopes if s.strip()))
        bad = [s for s in scopes if s not in SCOPES]
        if bad or not scopes:
            raise BadInputError(f"Unknown or missing scope(s) {bad or '[]'}; expected some of {', '.join(SCOPES)}.")
        if not name.strip():
            raise BadInputError("A key needs a name (who or what uses it, e.g. 'crm-prod').")
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        key = ApiKey(key_id=key_id, name=name.strip(), scopes=scopes, created_at=_now())
        with self._begin() as conn:
            conn.execute(
                T.api_keys.insert().values(
                    key_id=key_id,
                    name=key.name,
                    scopes=" ".join(scopes),
                    secret_sha256=_hash_secret(secret),
                    created_at=key.created_at,
                )
            )
        return key, f"{TOKEN_PREFIX}_{key_id}_{secret}"

    def revoke_key(self, key_id: str) -> bool:
        """Revoke a key; False when no active key has this id."""
        with self._begin() as conn:
            res = conn.execute(
                T.api_keys.update()
                .where(T.api_keys.c.key_id == key_id, T.api_keys.c.revoked_at.is_(None))
                .values(revoked_at=_now())
            )
        self._auth_cache.clear()
        return bool(res.rowcount)

    def keys(self) -> list[ApiKey]:
        with self._connect() as conn:
            rows = conn.execute(sa.select(T.api_keys).order_by(T.api_keys.c.created_at)).mappings().all()
        return [_key(r) for r in rows]

    def authenticate(self, token: str) -> ApiKey | None:
        """The key behind a bearer token, or None (unknown, malformed or revoked)."""
        key = self._lookup(token)
        if len(self._auth_cache) >= AUTH_CACHE_SIZE:
            self._auth_cache.clear()
        self._auth_cache[_hash_secret(token)] = (time.monotonic(), key)
        return key

    def cached_key(self, token: str) -> tuple[bool, ApiKey | None]:
        """(True, what `authenticate` said of `token`) if it said so less than `AUTH_CACHE_S` ago.

        The API checks every request's key; this spares the database a query per request.
        A key revoked in this process is refused at once (the cache is cleared); one
        revoked by another process (the CLI, another worker) within `AUTH_CACHE_S`.
        """
        hit = self._auth_cache.get(_hash_secret(token))
        if hit is None or time.monotonic() - hit[0] > AUTH_CACHE_S:
            return False, None
        return True, hit[1]

    def _lookup(self, token: str) -> ApiKey | None:
        parts = token.split("_", 2)
        if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
            return None
        with self._connect() as conn:
            r = conn.execute(sa.select(T.api_keys).where(T.api_keys.c.key_id == parts[1])).mappings().first()
        if r is None or r["revoked_at"] is not None:
            return None
        if not hmac.compare_digest(r["secret_sha256"], _hash_secret(parts[2])):
            return None
        return _key(r)

    # ------------------------------------------------------------------ jobs
    def create_job(self, kind: str, author: str) -> Job:
        job = Job(id=str(uuid.uuid4()), kind=kind, status="queued", author=author, created_at=_now())
        with self._begin() as conn:
            conn.execute(
                T.jobs.insert().values(
                    id=job.id, kind=kind, status=job.status, author=author, created_at=job.created_at
                )
            )
        return job

    def update_job(self, job_id: str, *, status: str, error: str | None = None, result: dict | None = None) -> None:
        values: dict[str, Any] = {"status": status}
        if status == "running":
            values["started_at"] = _now()
        if status in ("succeeded", "failed"):
            values["finished_at"] = _now()
        if error is not None:
            values["error"] = error
        if result is not None:
            values["result"] = json.dumps(result, default=str)
        with self._begin() as conn:
            conn.execute(T.jobs.update().where(T.jobs.c.id == job_id).values(**values))

    def get_job(self, job_id: str) -> Job | None:
        with self._connect() as conn:
            r = conn.execute(sa.select(T.jobs).where(T.jobs.c.id == job_id)).mappings().first()
        return None if r is None else _job(r)

    def active_job(self, kind: str) -> Job | None:
        """A queued or running job of this kind, if any."""
        q = sa.select(T.jobs).where(T.jobs.c.kind == kind, T.jobs.c.status.in_(("queued", "running")))
        with self._connect() as conn:
            r = conn.execute(q.order_by(T.jobs.c.created_at.desc())).mappings().first()
        return None if r is None else _job(r)

    def fail_interrupted_jobs(self) -> int:
        """Mark jobs left queued/running by a process that died as failed."""
        with self._begin() as conn:
            res = conn.execute(
                T.jobs.update()
                .where(T.jobs.c.status.in_(("queued", "running")))
                .values(status="failed", finished_at=_now(), error="interrupted: the server stopped during the job")
            )
        return int(res.rowcount or 0)

    # ------------------------------------------------------------------ model versions
    def add_model_version(
        self, path: str, *, n_contacts: int, n_drivers: int, job_id: str | None = None, report_path: str | None = None
    ) -> ModelVersion:
        with self._begin() as conn:
            res = conn.execute(
                T.model_versions.insert().values(
                    path=path,
                    report_path=report_path,
                    job_id=job_id,
                    n_contacts=n_contacts,
                    n_drivers=n_drivers,
                    created_at=_now(),
                )
            )
            vid = int(res.inserted_primary_key[0])
        mv = self.model_version(vid)
        assert mv is not None  # just inserted in a committed transaction
        return mv

    def model_version(self, version_id: int | None = None) -> ModelVersion | None:
        """One model version, or the latest when `version_id` is None."""
        q = sa.select(T.model_versions)
        q = q.where(T.model_versions.c.id == version_id) if version_id else q.order_by(T.model_versions.c.id.desc())
        with self._connect() as conn:
            r = conn.execute(q.limit(1)).mappings().first()
        return None if r is None else ModelVersion(**dict(r))

    def model_versions(self) -> list[ModelVersion]:
        """Every registered model version, newest first."""
        with self._connect() as conn:
            rows = conn.execute(sa.select(T.model_versions).order_by(T.model_versions.c.id.desc())).mappings().all()
        return [ModelVersion(**dict(r)) for r in rows]

    def delete_model_versions(self, ids: Collection[int]) -> None:
        """Forget these model versions (their folders are deleted by `store.refit.prune_models`)."""
        with self._begin() as conn:
            conn.execute(T.model_versions.delete().where(T.model_versions.c.id.in_(list(ids))))


def _bump_changes(conn: sa.Connection) -> None:
    """Count a write to the contacts, in the writer's transaction (see `tables.store_changes`).

    Last in the transaction: on PostgreSQL the row stays locked until the commit, so
    concurrent writers wait on it only for the commit itself.
    """
    conn.execute(T.store_changes.update().where(T.store_changes.c.id == 1).values(contacts=T.store_changes.c.contacts + 1))


def _polars_type(col: str) -> Any:
    t = T.contacts.c[col].type
    if isinstance(t, sa.Boolean):
        return pl.Boolean
    if isinstance(t, sa.Float):
        return pl.Float64
    if isinstance(t, sa.DateTime):
        return pl.Datetime("us")
    return pl.Utf8


def _key(r: Mapping[str, Any]) -> ApiKey:
    return ApiKey(
        key_id=r["key_id"],
        name=r["name"],
        scopes=tuple(r["scopes"].split()),
        created_at=r["created_at"],
        revoked_at=r["revoked_at"],
    )


def _job(r: Mapping[str, Any]) -> Job:
    return Job(
        id=r["id"],
        kind=r["kind"],
        status=r["status"],
        author=r["author"],
        created_at=r["created_at"],
        started_at=r["started_at"],
        finished_at=r["finished_at"],
        error=r["error"],
        result=json.loads(r["result"]) if r["result"] else None,
    )
