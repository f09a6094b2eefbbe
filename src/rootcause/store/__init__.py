"""Storage: contacts, review decisions, API keys, jobs and model versions (SQLite or PostgreSQL)."""

from rootcause.store.store import SCOPES, ApiKey, Job, ModelVersion, Store, make_engine, normalize_url

__all__ = ["SCOPES", "ApiKey", "Job", "ModelVersion", "Store", "make_engine", "normalize_url"]
