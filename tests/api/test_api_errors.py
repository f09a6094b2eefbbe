"""Issue 18, no data in logs or errors: any failure is a 500 with an error id, logged without the
request's data; a failing batch leaves no contact value in the Python logs or PostgreSQL's."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.middleware import SECURITY_HEADERS

# Values no redaction masks (not personal data by their form): if they reach a log, it is
# because a statement, a row or a message was logged.
PLANTED = {
    "id": "PLANTED-ID-4417",
    "text": "my parcel zorglubplanted never arrived, tracking quuxplanted stuck",
    "customer_id": "PLANTED-CUSTOMER-5521",
    "order_id": "PLANTED-ORDER-7781",
    "reason_code": "plantedmotif",
    "handling_team": "plantedteam",
}
VALUES = ("PLANTED-ID-4417", "zorglubplanted", "quuxplanted", "PLANTED-CUSTOMER-5521", "PLANTED-ORDER-7781", "plantedmotif", "plantedteam")


def _refuse_inserts(store) -> None:
    """The database refuses every new contact, as a constraint added by a DBA would."""
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":
            # a CHECK violation's DETAIL is "Failing row contains (<every column>)"
            conn.exec_driver_sql("ALTER TABLE contacts ADD CONSTRAINT probe_refuse CHECK (length(text) < 5)")
        else:
            conn.exec_driver_sql("CREATE TRIGGER probe_refuse BEFORE INSERT ON contacts BEGIN SELECT RAISE(ABORT, 'refused'); END")


def _leaks(text: str) -> list[str]:
    return [v for v in VALUES if v in text]


def _server_log(caplog) -> str:
    """What the server logged: every record but the test client's own (httpx logs each URL it asks)."""
    return "\n".join(
        f"{r.name} {r.getMessage()}" for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))
    )


def test_a_failing_batch_is_a_500_with_an_error_id_and_no_contact_value_in_the_logs(client, store, keys, caplog):
    _refuse_inserts(store)
    # DEBUG everywhere: SQLAlchemy then logs every statement (its parameters must stay hidden)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")
    r = client.post("/v1/contacts/batch", headers=keys("ingest"), json={"contacts": [PLANTED]})
    assert r.status_code == 500, r.text
    error_id = r.json()["error_id"]
    assert error_id in r.json()["detail"] and not _leaks(r.text)
    failure = [rec for rec in caplog.records if error_id in rec.getMessage()]
    assert len(failure) == 1 and failure[0].levelno == logging.ERROR
    logged = failure[0].getMessage()
    assert "StoreError on POST /v1/contacts/batch" in logged and "store.py" in logged  # the stack is there
    logs = _server_log(caplog)
    assert "INSERT INTO contacts" in logs  # SQLAlchemy did log the statement…
    assert not _leaks(logs), _leaks(logs)  # …and no value of it


def test_a_failing_postgresql_batch_leaves_no_contact_value_in_the_server_log(client, store, keys):
    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL's own log")
    path = Path(os.environ.get("ROOTCAUSE_TEST_POSTGRES_LOG", ""))
    if not path.name or not os.access(path, os.R_OK):
        pytest.skip("ROOTCAUSE_TEST_POSTGRES_LOG is not set or not readable (.ci/postgres.sh sets it; run as root)")
    with store.engine.connect() as conn:
        verbosity = conn.exec_driver_sql("SHOW log_error_verbosity").scalar()
        statement = conn.exec_driver_sql("SHOW log_min_error_statement").scalar()
    assert (verbosity, statement) == ("terse", "panic"), (
        "the server logs the failing row (DETAIL) or statement: run .ci/postgres.sh again, it sets "
        "log_error_verbosity = terse and log_min_error_statement = panic (see the README's Privacy section)"
    )
    _refuse_inserts(store)
    start = path.stat().st_size
    r = client.post("/v1/contacts/batch", headers=keys("ingest"), json={"contacts": [PLANTED]})
    assert r.status_code == 500
    new = ""
    for _ in range(50):  # the server writes its log on its own schedule
        new = path.read_bytes()[start:].decode("utf-8", "replace")
        if "probe_refuse" in new:
            break
        time.sleep(0.1)
    assert "probe_refuse" in new  # the failure is logged…
    assert not _leaks(new), new  # …without the row


def test_any_exception_is_a_500_with_an_error_id_logged_without_request_data(client, keys, store, monkeypatch, caplog):
    """A message, a path and a query may all quote personal data: the log has the route's
    template, the exception's class and the stack, never these."""

    def boom(contact_id: str):
        raise KeyError(contact_id)  # the message holds the e-mail the path was asked with

    monkeypatch.setattr(store, "get_contact", boom)
    caplog.set_level(logging.INFO)
    # TestClient re-raises what reaches the server: a 500 here means the app answered it itself
    r = client.get("/v1/contacts/jean.dupont@example.com?note=PLANTED-QUERY-991", headers=keys("ingest"))
    assert r.status_code == 500
    body = r.json()
    assert set(body) == {"detail", "error_id"} and "jean" not in r.text
    for name, value in SECURITY_HEADERS:
        assert r.headers[name.decode()] == value.decode()
    logged = next(rec.getMessage() for rec in caplog.records if body["error_id"] in rec.getMessage())
    assert "KeyError on GET /v1/contacts/{contact_id}" in logged and "boom" in logged
    logs = _server_log(caplog)
    assert "jean" not in logs and "PLANTED-QUERY" not in logs


def test_an_exception_in_a_middleware_is_a_500_too(settings, store, monkeypatch, caplog):
    from api import create_app, middleware

    async def broken(self, scope, receive, send):
        if scope["type"] != "http":  # start-up and shutdown go through as usual
            return await self.app(scope, receive, send)
        raise RuntimeError(scope["query_string"])

    monkeypatch.setattr(middleware.SecurityHeadersMiddleware, "__call__", broken)
    caplog.set_level(logging.INFO)
    with TestClient(create_app(settings, store=store)) as client:
        r = client.get("/v1/health?who=PLANTED-QUERY-991")
    assert r.status_code == 500 and r.json()["error_id"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "RuntimeError on GET" in caplog.text and "PLANTED-QUERY" not in _server_log(caplog)


def test_an_exception_after_the_answer_started_is_logged_and_goes_no_further(settings, store, monkeypatch, caplog):
    from api import create_app, middleware

    def broken(scope):
        raise RuntimeError(scope["query_string"])

    monkeypatch.setattr(middleware, "route_template", broken)  # MetricsMiddleware calls it once the answer is sent
    caplog.set_level(logging.INFO)
    with TestClient(create_app(settings, store=store)) as client:
        r = client.get("/v1/health?who=PLANTED-QUERY-991")
    assert r.status_code == 200
    assert "RuntimeError on GET" in caplog.text and "PLANTED-QUERY" not in _server_log(caplog)


def test_store_error_chain_keeps_no_driver_message(store):
    """The StoreError is raised `from None`: printing it does not print the driver's error."""
    import traceback

    from rootcause.errors import StoreError

    _refuse_inserts(store)
    row = {k: v for k, v in PLANTED.items() if k in ("id", "customer_id")} | {"text": PLANTED["text"], "reason_text": PLANTED["text"]}
    with pytest.raises(StoreError) as caught:
        store.add_contacts([row])
    assert caught.value.__suppress_context__
    assert not _leaks("".join(traceback.format_exception(caught.value)))
    assert isinstance(store.engine.dialect, sa.engine.Dialect) and store.engine.hide_parameters
