"""API test fixtures: a store on SQLite (and PostgreSQL when configured), a tiny model, keys."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))

from api_fakes import save_model  # noqa: E402

from api import create_app  # noqa: E402
from rootcause import prepare as _prepare  # noqa: E402
from rootcause.settings import Settings  # noqa: E402
from rootcause.store import Store  # noqa: E402
from rootcause.store import tables as T  # noqa: E402

PG_URL = os.environ.get("ROOTCAUSE_TEST_POSTGRES_URL")
DEPARTMENTS = Path(__file__).resolve().parents[2] / "data" / "samples" / "departments.yaml"


def fresh_store(kind: str, tmp_path: Path) -> Store:
    if kind == "postgres":
        if not PG_URL:
            pytest.skip("ROOTCAUSE_TEST_POSTGRES_URL is not set (eval \"$(.ci/postgres.sh)\" starts a server)")
        store = Store(PG_URL)
        with store.engine.begin() as conn:
            T.metadata.drop_all(conn)
        return store
    return Store(f"sqlite:///{tmp_path / 'rootcause.db'}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path) -> Iterator[Store]:
    s = fresh_store(request.param, tmp_path)
    s.migrate()
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _fast_prepare(monkeypatch):
    """Real cleaning and redaction, minus spaCy NER (seconds to load): unit tests stay fast."""
    real, real_fields = _prepare.prepare_texts, _prepare.redact_fields

    def no_names(texts, subjects=None, **options):
        return real(texts, subjects, **{**options, "names": False})

    monkeypatch.setattr(_prepare, "prepare_texts", no_names)
    monkeypatch.setattr(_prepare, "redact_fields", lambda values, **options: real_fields(values, **{**options, "names": False}))


@pytest.fixture
def model_dir(tmp_path) -> Path:
    return save_model(tmp_path / "model")


@pytest.fixture
def settings(tmp_path, model_dir) -> Settings:
    return Settings(
        database_url="sqlite:///unused.db",
        model_dir=model_dir,
        data_dir=tmp_path / "data",
        departments=DEPARTMENTS if DEPARTMENTS.is_file() else None,
        state_refresh_s=0.0,
        max_request_bytes=200_000,
        max_batch_items=50,
        max_text_chars=5_000,
    )


class Keys:
    """Bearer headers for each scope."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.ids: dict[str, str] = {}
        self.tokens: dict[str, str] = {}
        for scope in ("classify", "ingest", "read", "review", "admin"):
            key, token = store.create_key(f"test-{scope}", [scope])
            self.ids[scope] = key.key_id
            self.tokens[scope] = token

    def __call__(self, scope: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[scope]}"}


@pytest.fixture
def keys(store) -> Keys:
    return Keys(store)


@pytest.fixture
def app(settings, store):
    return create_app(settings, store=store)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c
