"""The storage schema (SQLAlchemy Core), one definition for SQLite and PostgreSQL.

This is the *current* shape. Changes go through a new step in `migrations.py`;
never edit a column here without adding the step that brings old databases along.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)

# Only redacted text is ever stored: `text` is the cleaned, redacted body and
# `reason_text` the redacted customer reason (see rootcause.prepare).
contacts = sa.Table(
    "contacts",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True, autoincrement=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("reason_text", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=True),
    sa.Column("channel", sa.String(40), nullable=True),
    sa.Column("customer_id", sa.String(200), nullable=True),
    sa.Column("order_id", sa.String(200), nullable=True),
    sa.Column("language", sa.String(16), nullable=True),
    sa.Column("reason_code", sa.String(200), nullable=True),
    sa.Column("handling_team", sa.String(200), nullable=True),
    sa.Column("is_transcript", sa.Boolean, nullable=False, default=False),
    sa.Column("driver_id", sa.String(64), nullable=True),
    sa.Column("confidence", sa.Float, nullable=True),
    sa.Column("batch_id", sa.String(64), nullable=True),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
    # keyed hash of the subject and text as sent: a retry with another text is told apart (v2)
    sa.Column("content_sha256", sa.String(64), nullable=True),
    sa.Index("ix_contacts_created_at", "created_at"),
    # The driver statistics (`store.stats`, v4): the GROUP BY queries read only this index, in its
    # order (per driver, per customer), never the texts; a driver's exemplars are the first
    # entries of the next one (it replaced `ix_contacts_driver_id`, its prefix).
    sa.Index("ix_contacts_stats", "driver_id", "customer_id", "created_at", "ingested_at"),
    sa.Index("ix_contacts_exemplars", "driver_id", "confidence"),
)

# One row (id 1): `contacts` counts the writes to the contacts table (insert, upsert,
# re-assignment, deletion), bumped in each write's own transaction: a cheap "did the contacts
# change" probe for the cached driver statistics (`store.views`). An upsert keeps `ingested_at`
# and a deletion leaves no row behind, so no column of `contacts` could tell (v4).
store_changes = sa.Table(
    "store_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("contacts", sa.BigInteger, nullable=False),
)

decisions = sa.Table(
    "decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("driver_id", sa.String(64), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),  # JSON
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_decisions_driver_id", "driver_id"),
)

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("key_id", sa.String(32), primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("scopes", sa.String(200), nullable=False),  # space-separated
    sa.Column("secret_sha256", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("revoked_at", sa.DateTime, nullable=True),
)

jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # queued | running | succeeded | failed
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("started_at", sa.DateTime, nullable=True),
    sa.Column("finished_at", sa.DateTime, nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("result", sa.Text, nullable=True),  # JSON
)

model_versions = sa.Table(
    "model_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("report_path", sa.Text, nullable=True),
    sa.Column("job_id", sa.String(36), nullable=True),
    sa.Column("n_contacts", sa.Integer, nullable=False),
    sa.Column("n_drivers", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# The workbench's people (`rootcause users add`): a role, and a password stored as a salted
# scrypt hash (`rootcause.store.accounts`); never the password itself.
users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True, autoincrement=False),
    sa.Column("role", sa.String(20), nullable=False),  # viewer | reviewer | admin
    sa.Column("password_hash", sa.String(300), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("disabled_at", sa.DateTime, nullable=True),
)

# Signed-in workbench sessions, server side: the cookie holds a random token, only its SHA-256
# is stored; the role is read from the user or API key at every request, so disabling a user or
# revoking a key ends its sessions at once.
web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("token_sha256", sa.String(64), primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(10), nullable=False),  # user | key
    sa.Column("subject", sa.String(200), nullable=False),  # the user's name or the key's id
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
    sa.Index("ix_web_sessions_expires_at", "expires_at"),
)

# Fixes logged on drivers (`rootcause.review.fixes`): description and link are redacted (v6).
fixes = sa.Table(
    "fixes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("driver_id", sa.String(64), nullable=False),
    sa.Column("fix_date", sa.Date, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("department", sa.String(100), nullable=False),
    sa.Column("link", sa.Text, nullable=True),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_fixes_driver_id", "driver_id"),
)
