"""The workbench in a real headless Chromium that can reach nothing but the server.

The packaged model (`models/default`) serves a store holding the bundled sample
(`data/samples/contacts.csv`, ingested and classified as `POST /v1/contacts/batch` does).
A reviewer merges, previews and applies a split, sets an owner, moves a contact, undoes the
owner, logs a fix and declines a question of the review queue; the server is then stopped and a
new one started on the same SQLite file, and the decisions and the fix are there. A viewer sees no form and a forged POST is refused; a form sent without its CSRF token
changes nothing.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import polars as pl
import pytest

from api import create_app
from rootcause import prepare as _prepare
from rootcause.model.driver_model import DriverModel
from rootcause.settings import Settings
from rootcause.store import Store, accounts
from rootcause.store.ingest import ingest_contacts

from test_api_docs import CHROMIUM, DRIVER

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Chromium and chromedriver not installed (bash .ci/chromium.sh installs them)"),
]


def sample_records() -> list[dict]:
    df = pl.read_csv(ROOT / "data/samples/contacts.csv", infer_schema_length=0)
    out = []
    for r in df.iter_rows(named=True):
        rec = {"id": r["ticket_id"], "text": r["description"] or "", "subject": r["subject"], "created_at": r["created_at"],
               "channel": r["channel"], "customer_id": r["customer_id"], "language": r["language_hint"]}  # fmt: skip
        out.append({k: v for k, v in rec.items() if v not in (None, "")})
    return [r for r in out if r.get("text") and r.get("id")]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A SQLite file holding the sample, classified by the packaged model; a reviewer and a viewer."""
    tmp = tmp_path_factory.mktemp("workbench")
    url = f"sqlite:///{tmp / 'rootcause.db'}"
    settings = Settings(
        database_url=url,
        model_dir=ROOT / "models/default",
        departments=ROOT / "data/samples/departments.yaml",
        data_dir=tmp / "data",
        state_refresh_s=0.0,
        id_secret="test-secret-of-the-workbench",
    )
    store = Store(url)
    store.migrate()
    with pytest.MonkeyPatch.context() as mp:  # the texts are redacted all the same, minus spaCy's names (slow to load)
        real = _prepare.prepare_texts
        mp.setattr(_prepare, "prepare_texts", lambda texts, subjects=None, **o: real(texts, subjects, **{**o, "names": False}))
        results = ingest_contacts(store, sample_records(), model=DriverModel.load(settings.model_dir))
    assert sum(r.status == "accepted" for r in results) > 300  # the rows a CRM would send whole
    accounts.add_user(store, "lea", "reviewer", PASSWORD)
    accounts.add_user(store, "vic", "viewer", PASSWORD)
    store.close()
    return settings


class Server:
    """`create_app` on the store's file, served by uvicorn in a thread; `restart` builds a new app and store."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.start()

    def start(self) -> None:
        import uvicorn

        self.store = Store(self.settings.database_url)
        self.app = app = create_app(self.settings, store=self.store)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        t0 = time.monotonic()
        while not self.server.started and time.monotonic() - t0 < 60:
            time.sleep(0.05)
        assert self.server.started

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.store.close()

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="module")
def server(world):
    srv = Server(world)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def By():  # noqa: N802 - selenium's own name
    from selenium.webdriver.common.by import By as _By

    return _By


def sign_in(b, server: Server, user: str) -> None:
    b.delete_all_cookies()
    b.get(f"{server.url}/workbench/login")
    b.find_element(By().NAME, "user").send_keys(user)
    b.find_element(By().NAME, "password").send_keys(PASSWORD)
    b.find_element(By().CSS_SELECTOR, "#login-form button").click()
    wait_for(lambda: b.current_url.endswith("/workbench/drivers"), what=lambda: b.current_url + b.page_source[-1500:])


def wait_for(check, timeout: float = 60, what=lambda: "") -> None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"the page never got there: {what()}")


def choose(b, css: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(b.find_element(By().CSS_SELECTOR, css)).select_by_value(value)


def decisions(server: Server) -> list:
    return server.store.decisions()


def test_a_reviewer_merges_splits_sets_an_owner_moves_undoes_logs_a_fix_and_it_survives_a_restart(browser, server):
    b = browser
    sign_in(b, server, "lea")
    ids = [r.get_attribute("data-driver") for r in b.find_elements(By().CSS_SELECTOR, "tr[data-driver]")]
    assert len(ids) >= 10
    largest, second, small_a, small_b = ids[0], ids[1], ids[-1], ids[-2]

    # merge: the smallest driver into the next smallest
    b.get(f"{server.url}/workbench/drivers/{small_a}")
    choose(b, "#merge-form select[name=into]", small_b)
    b.find_element(By().CSS_SELECTOR, "#merge-form button").click()
    wait_for(lambda: f"/workbench/drivers/{small_b}?done=" in b.current_url)
    assert small_a in b.find_element(By().ID, "merged").text

    # split, previewed first
    b.get(f"{server.url}/workbench/drivers/{largest}")
    b.find_element(By().CSS_SELECTOR, "#split-form button").click()
    parts = b.find_elements(By().CSS_SELECTOR, "#split-preview .part")
    assert len(parts) == 2 and all(p.find_elements(By().CSS_SELECTOR, ".verbatims li") for p in parts)
    b.find_element(By().CSS_SELECTOR, "#split-apply button").click()
    wait_for(lambda: f"/workbench/drivers/{largest}?done=" in b.current_url)

    # owner, chosen among the catalogue's departments
    b.get(f"{server.url}/workbench/drivers/{second}")
    options = [o.get_attribute("value") for o in b.find_elements(By().CSS_SELECTOR, "#owner-form option")]
    current = b.find_element(By().CSS_SELECTOR, "#owner-form option[selected]").get_attribute("value")
    new_owner = next(o for o in options if o != current)
    choose(b, "#owner-form select", new_owner)
    b.find_element(By().CSS_SELECTOR, "#owner-form button").click()
    wait_for(lambda: "?done=" in b.current_url)
    assert new_owner in b.find_element(By().ID, "owner").text and "lea" in b.find_element(By().ID, "evidence").text

    # move one of its contacts to the largest driver
    row = b.find_element(By().CSS_SELECTOR, "#contacts-table tbody tr")
    contact = row.get_attribute("data-contact")
    choose(b, "#contacts-table tbody tr .move-form select", largest)
    before = b.current_url  # already ends in ?done=… from the owner step: wait for the move's own answer
    row.find_element(By().CSS_SELECTOR, ".move-form button").click()
    wait_for(lambda: b.current_url != before and f"/workbench/drivers/{second}?done=" in b.current_url, what=lambda: b.current_url)
    assert not b.find_elements(By().CSS_SELECTOR, f'tr[data-contact="{contact}"]')

    # undo the owner, from the driver's own history
    owner_decision = next(d.id for d in decisions(server) if d.action == "set_owner")
    b.find_element(By().CSS_SELECTOR, f'tr[data-decision="{owner_decision}"] form button.undo').click()
    wait_for(lambda: any(d.action == "undo" for d in decisions(server)))
    b.get(f"{server.url}/workbench/drivers/{second}")
    assert current in b.find_element(By().ID, "owner").text

    # log a fix on the largest driver
    b.get(f"{server.url}/workbench/drivers/{largest}")
    b.execute_script("arguments[0].value = '2026-05-12'", b.find_element(By().CSS_SELECTOR, "#fix-form input[name=day]"))
    b.find_element(By().CSS_SELECTOR, "#fix-form input[name=description]").send_keys("New refund form")
    b.find_element(By().CSS_SELECTOR, "#fix-form button").click()
    wait_for(lambda: b.find_elements(By().CSS_SELECTOR, "ul.fixes li") and "New refund form" in b.find_element(By().CSS_SELECTOR, "ul.fixes").text)

    # decline a question of the review queue: it is not asked again
    b.get(f"{server.url}/workbench/queue")
    asked = lambda: [f.get_attribute("value") for f in b.find_elements(By().CSS_SELECTOR, ".decline-form input[name=question]")]  # noqa: E731
    declined = asked()[0]
    b.find_element(By().CSS_SELECTOR, ".decline-form button").click()
    wait_for(lambda: "/workbench/queue?done=" in b.current_url)
    assert declined not in asked()

    # nothing refused by the CSP, nothing fetched from elsewhere
    assert [e for e in b.get_log("browser") if e["level"] == "SEVERE"] == []
    resources = b.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources and all(r.startswith(server.url) for r in resources)

    declined_driver = declined.split(":")[1].split(">")[0]
    expected = [("merge", small_a), ("split", largest), ("set_owner", second), ("move", second), ("undo", second), ("decline", declined_driver)]
    assert [(d.action, d.driver_id) for d in decisions(server)] == expected
    assert all(d.author == "lea" for d in decisions(server))

    server.restart()  # a new process's app and store on the same file
    b.get(f"{server.url}/workbench/decisions")
    if "/login" in b.current_url:
        sign_in(b, server, "lea")
        b.get(f"{server.url}/workbench/decisions")
    rows = b.find_elements(By().CSS_SELECTOR, "tr[data-decision]")
    assert sorted(r.get_attribute("data-action") for r in rows) == sorted(a for a, _ in expected)
    b.get(f"{server.url}/workbench/drivers/{small_a}")
    assert f"/workbench/drivers/{small_b}" in b.current_url  # still merged
    b.get(f"{server.url}/workbench/drivers/{second}")
    assert current in b.find_element(By().ID, "owner").text  # still undone
    b.get(f"{server.url}/workbench/drivers/{largest}")
    assert "New refund form" in b.find_element(By().CSS_SELECTOR, "ul.fixes").text
    b.get(f"{server.url}/workbench/queue")
    assert declined not in asked()  # still declined
    from rootcause.review.record import current_driver

    assert current_driver(server.store, server.app.state.holder.current(), contact) == largest  # still moved
    assert [d.action for d in decisions(server)] == [a for a, _ in expected]

    # a refit over the stored contacts (the batch pipeline, as POST /v1/models/refit runs it): the
    # trail is replayed on the new model, and the history says where each decision stands
    before_refit = server.app.state.holder.current()
    job, _ = server.app.state.jobs.start_refit("lea")
    server.app.state.jobs.join(timeout=900)
    done = server.store.get_job(job.id)
    assert done is not None and done.status == "succeeded", done
    refitted = server.app.state.holder.current()
    assert refitted is not before_refit
    b.get(f"{server.url}/workbench/decisions")
    rows = b.find_elements(By().CSS_SELECTOR, "tr[data-decision]")
    states = {r.get_attribute("data-action"): r.get_attribute("data-state") for r in rows}
    for r in rows:  # a stale decision says why (here the smallest drivers are gone after the refit)
        assert r.get_attribute("data-state") != "stale" or r.find_element(By().CSS_SELECTOR, ".state-stale small").text
    assert sorted(states) == sorted({a for a, _ in expected})  # every decision kept
    ids = {d.driver_id for d in refitted.drivers}
    assert states["set_owner"] == "undone" and states["undo"] == "active"
    assert states["decline"] == ("active" if declined_driver in ids else "stale")  # a question about a driver the refit no longer has
    assert set(states.values()) <= {"active", "undone", "stale"}
    if states["split"] == "active":  # applied by the refit: the largest driver is now its parts
        assert {f"{largest}.1", f"{largest}.2"} <= ids and largest not in ids
    if states["merge"] == "active":
        b.get(f"{server.url}/workbench/drivers/{small_a}")
        assert f"/workbench/drivers/{refitted.resolve(small_b)}" in b.current_url
    b.get(f"{server.url}/workbench/queue")
    assert declined not in asked()
    assert [d.action for d in decisions(server)] == [a for a, _ in expected]  # the trail itself is untouched


def test_a_form_sent_without_its_csrf_token_changes_nothing(browser, server):
    b = browser
    sign_in(b, server, "lea")
    before = len(decisions(server))
    first = b.find_element(By().CSS_SELECTOR, "tr[data-driver]").get_attribute("data-driver")
    b.get(f"{server.url}/workbench/drivers/{first}")
    b.execute_script("document.querySelector('#rename-form input[name=csrf]').remove()")
    field = b.find_element(By().CSS_SELECTOR, "#rename-form input[name=label]")
    field.clear()
    field.send_keys("Forged name")
    b.find_element(By().CSS_SELECTOR, "#rename-form button").click()
    wait_for(lambda: "reload the page" in b.page_source)
    assert len(decisions(server)) == before


def test_a_viewer_sees_no_form_and_a_forged_post_is_403(browser, server):
    b = browser
    sign_in(b, server, "vic")
    first = b.find_element(By().CSS_SELECTOR, "tr[data-driver]").get_attribute("data-driver")
    b.get(f"{server.url}/workbench/drivers/{first}")
    posts = [f.get_attribute("action") for f in b.find_elements(By().CSS_SELECTOR, "form[method=post]")]
    assert posts == [f"{server.url}/workbench/logout"]
    assert not b.find_elements(By().CSS_SELECTOR, "#merge-form, #owner-form, #split-form, .move-form")
    csrf = b.find_element(By().CSS_SELECTOR, "form[action$='/logout'] input[name=csrf]").get_attribute("value")
    cookie = b.get_cookie("rc_session")["value"]
    before = len(decisions(server))
    r = httpx.post(
        f"{server.url}/workbench/drivers/{first}/rename",
        data={"csrf": csrf, "label": "Forged by a viewer"},
        cookies={"rc_session": cookie},
    )
    assert r.status_code == 403
    assert len(decisions(server)) == before
