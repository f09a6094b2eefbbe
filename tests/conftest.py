"""Shared fixtures: isolate settings and the embedding cache from the user's machine."""

from __future__ import annotations

import pytest

from rootcause.settings import get_settings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    cache = tmp_path_factory.getbasetemp() / "rootcause-cache"
    monkeypatch.setenv("ROOTCAUSE_CACHE_DIR", str(cache))
    # the CLI's pseudonym key (id_secret) is made in the data folder: never in the working tree
    monkeypatch.setenv("ROOTCAUSE_DATA_DIR", str(tmp_path_factory.getbasetemp() / "rootcause-data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
