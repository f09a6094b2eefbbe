"""Security headers on every answer; /docs served from the app's own assets, so it renders in a
real headless Chromium that can reach nothing but the server."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

CHROMIUM = os.environ.get("ROOTCAUSE_TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = os.environ.get("ROOTCAUSE_TEST_CHROMEDRIVER") or shutil.which("chromedriver")


def test_every_answer_carries_the_security_headers(client, keys):
    answers = [
        client.get("/v1/health"),
        client.get("/v1/drivers"),  # 401
        client.get("/v1/drivers", headers=keys("admin")),
        client.post("/v1/contacts/batch", content=b"x" * 300_000, headers={**keys("ingest"), "content-type": "application/json"}),  # 413
        client.get("/openapi.json"),
    ]
    for r in answers:
        assert r.headers["x-content-type-options"] == "nosniff", r.url
        assert r.headers["cache-control"] == "no-store"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert [r.status_code for r in answers] == [200, 401, 200, 413, 200]


def test_the_docs_page_uses_no_cdn_and_allows_scripts_from_the_app_only(client):
    r = client.get("/docs")
    assert r.status_code == 200 and "http" not in r.text  # every asset is the app's own
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src" not in csp  # scripts: 'self' only, nothing inline
    assert "<script>" not in r.text
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs/swagger-init.js").status_code == 200
    assert client.get("/redoc").status_code == 404  # ReDoc's bundle fetches a logo from a CDN: not served


@pytest.fixture
def server(app, store):
    if store.dialect != "sqlite":
        pytest.skip("the page does not depend on the database")
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    t0 = time.monotonic()
    while not srv.started and time.monotonic() - t0 < 20:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def offline_browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # every host name fails to resolve: the page gets nothing but what the server on 127.0.0.1 sends
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    yield driver
    driver.quit()


def _rendered(browser, css: str, text: str, timeout: float = 30) -> None:
    from selenium.webdriver.common.by import By

    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if any(text in e.text for e in browser.find_elements(By.CSS_SELECTOR, css)):
            return
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared in {css}")


@pytest.mark.integration
@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Chromium and chromedriver not installed (bash .ci/chromium.sh installs them)")
def test_docs_render_in_chromium_with_no_network(offline_browser, server):
    from selenium.webdriver.common.by import By

    b = offline_browser
    b.get(f"{server}/docs")
    _rendered(b, ".swagger-ui .info .title", "rootcause")
    assert len(b.find_elements(By.CSS_SELECTOR, ".opblock")) >= 20  # every route is listed
    _rendered(b, ".opblock-summary-description", "Classify one contact")
    resources = b.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources and all(r.startswith(server) for r in resources)
    errors = [e for e in b.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []  # a script or style the CSP refused would be logged here


def test_the_report_may_run_its_own_inline_code_and_load_nothing(client, keys, model_dir):
    (model_dir.parent / "report.html").write_text("<html><body>report</body></html>", encoding="utf-8")
    r = client.get("/v1/reports/latest", headers=keys("admin"))
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert csp.startswith("default-src 'none'") and "script-src 'unsafe-inline'" in csp
    assert r.headers["cache-control"] == "no-store"
