"""API keys (hashed, scoped, revocable), decisions audit trail, jobs, model versions."""

from __future__ import annotations

import pytest

from rootcause.errors import BadInputError
from rootcause.review import Decision
from rootcause.store import tables as T


def test_create_authenticate_revoke(store):
    key, token = store.create_key("crm", ["classify", "ingest"])
    assert token.startswith(f"rc_{key.key_id}_")
    got = store.authenticate(token)
    assert got is not None and got.scopes == ("classify", "ingest")
    assert got.allows("ingest") and not got.allows("review")
    assert store.authenticate(token + "x") is None
    assert store.authenticate("rc_" + key.key_id) is None
    assert store.revoke_key(key.key_id)
    assert not store.revoke_key(key.key_id)  # already revoked
    assert store.authenticate(token) is None
    assert store.keys()[0].revoked_at is not None


def test_admin_allows_everything(store):
    key, _ = store.create_key("ops", ["admin"])
    assert all(key.allows(s) for s in ("classify", "ingest", "review", "admin"))


@pytest.mark.parametrize(("name", "scopes"), [("x", ["root"]), ("x", []), ("", ["classify"])])
def test_bad_keys_are_refused(store, name, scopes):
    with pytest.raises(BadInputError):
        store.create_key(name, scopes)


def test_decisions_round_trip_in_order(store):
    store.add_decision(Decision("rename", "D1", {"label": "A"}, "alice"))
    saved = store.add_decision(Decision("mark", "D2", {"kind": "value", "avoidable": False}, "bob"))
    assert saved.id == 2
    trail = store.decisions()
    assert [(d.id, d.action, d.driver_id, d.payload, d.author) for d in trail] == [
        (1, "rename", "D1", {"label": "A"}, "alice"),
        (2, "mark", "D2", {"kind": "value", "avoidable": False}, "bob"),
    ]
    assert [d.id for d in store.decisions("D2")] == [2]
    assert trail[0].created_at.tzinfo is not None
    assert store.state() == (2, 0)


def test_jobs_and_interrupted_jobs(store):
    job = store.create_job("refit", "ops")
    assert store.active_job("refit").id == job.id
    store.update_job(job.id, status="running")
    assert store.fail_interrupted_jobs() == 1
    got = store.get_job(job.id)
    assert got.status == "failed" and got.finished_at is not None
    assert store.active_job("refit") is None
    done = store.create_job("refit", "ops")
    store.update_job(done.id, status="succeeded", result={"model_version": 3})
    assert store.get_job(done.id).result == {"model_version": 3}
    assert store.get_job("nope") is None


def test_model_versions(store):
    assert store.model_version() is None
    store.add_model_version("/m/1", n_contacts=10, n_drivers=2)
    mv = store.add_model_version("/m/2", n_contacts=20, n_drivers=3, report_path="/m/2/report.html")
    assert store.model_version().id == mv.id == 2
    assert store.model_version(1).path == "/m/1"
    assert store.state() == (0, 2)


def test_migration_3_gives_read_to_the_keys_that_read_stored_contacts_already(store):
    made = {scopes: store.create_key(scopes, scopes.split())[0].key_id for scopes in ("ingest", "classify", "classify ingest", "review")}
    with store.engine.begin() as conn:  # as a version-2 database has them
        conn.execute(T.schema_version.delete().where(T.schema_version.c.version > 2))
    store.migrate()
    scopes = {k.key_id: k for k in store.keys()}
    assert scopes[made["ingest"]].scopes == ("ingest", "read")
    assert scopes[made["classify ingest"]].scopes == ("classify", "ingest", "read")
    assert scopes[made["classify"]].scopes == ("classify",)  # a classify-only key must see no stored text
    assert not scopes[made["classify"]].allows("read")
    assert scopes[made["review"]].allows("read") and scopes[made["review"]].scopes == ("review",)
