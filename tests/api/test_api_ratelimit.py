"""Issue 18: per-key request budgets, and wrong keys slowed per client address (429 + Retry-After)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.ratelimit import Buckets


def test_a_bucket_allows_its_burst_then_its_rate():
    b = Buckets(rate=2.0, burst=3)
    assert [b.take("k", now=0.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert b.take("k", now=0.0) == pytest.approx(0.5)  # empty: one token in half a second
    assert b.take("k", now=0.5) == 0.0
    assert b.take("other", now=0.5) == 0.0  # each caller has its own bucket
    assert Buckets(rate=0.0, burst=1).take("k") == 0.0  # rate 0: no budget at all


@pytest.fixture
def limited(settings, store):
    app = create_app(settings.model_copy(update={"key_rate": 0.01, "key_burst": 2, "auth_fail_rate": 0.01, "auth_fail_burst": 3}), store=store)
    with TestClient(app) as c:
        yield c


def test_a_key_past_its_budget_gets_429_and_another_key_does_not(limited, keys):
    body = {"text": "my refund never arrived"}
    codes = [limited.post("/v1/classify", json=body, headers=keys("classify")).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    r = limited.post("/v1/classify", json=body, headers=keys("classify"))
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1 and "API key" in r.json()["detail"]
    assert limited.get("/v1/ready", headers=keys("admin")).status_code == 200


def test_wrong_keys_are_slowed_per_address_and_a_right_key_still_passes(limited, keys):
    wrong = {"Authorization": "Bearer not-a-key"}
    codes = [limited.get("/v1/ready", headers=wrong).status_code for _ in range(5)]
    assert codes == [401, 401, 401, 429, 429]
    assert limited.get("/v1/ready", headers=keys("classify")).status_code == 200
