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
    sa.Index("ix_contacts_driver_id", "driver_id"),
    sa.Index("ix_contacts_created_at", "created_at"),
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

# Fixes logged on drivers (`rootcause.review.fixes`): description and link are redacted (v4).
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
