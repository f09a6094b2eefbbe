"""A fresh store per test: SQLite in a temp folder, and PostgreSQL when ROOTCAUSE_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from rootcause.store import Store
from rootcause.store import tables as T

PG_URL = os.environ.get("ROOTCAUSE_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path) -> Iterator[Store]:
    if request.param == "postgres":
        if not PG_URL:
            pytest.skip("ROOTCAUSE_TEST_POSTGRES_URL is not set (eval \"$(.ci/postgres.sh)\" starts a server)")
        s = Store(PG_URL)
        with s.engine.begin() as conn:
            T.metadata.drop_all(conn)
    else:
        s = Store(f"sqlite:///{tmp_path / 'rootcause.db'}")
    s.migrate()
    yield s
    s.close()
