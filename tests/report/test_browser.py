"""The report in a real browser (headless Chromium): no script errors, tabs, sorting.

Needs Chromium and its driver (Debian: `apt-get install chromium chromium-driver`;
`.ci/chromium.sh` installs them in CI) and selenium; skipped without them.
"""

from __future__ import annotations

import os
import shutil

import pytest

from rootcause.report import render_report

CHROMIUM = os.environ.get("ROOTCAUSE_TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = os.environ.get("ROOTCAUSE_TEST_CHROMEDRIVER") or shutil.which("chromedriver")

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Chromium and chromedriver not installed (bash .ci/chromium.sh installs them)"),
]


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    yield driver
    driver.quit()


def _open(browser, result, tmp_path, language="en"):
    from selenium.webdriver.common.by import By

    path = render_report(result, tmp_path / "report.html", language=language)
    browser.get(path.resolve().as_uri())
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    return By


def _visible_panel(browser, By):
    panels = [p for p in browser.find_elements(By.CSS_SELECTOR, ".panel") if p.is_displayed()]
    assert len(panels) == 1
    return panels[0].get_attribute("id")


def test_tabs_show_one_panel_at_a_time(browser, result, tmp_path):
    By = _open(browser, result, tmp_path)
    assert _visible_panel(browser, By) == "tab-overview"
    for name in ("drivers", "departments", "data", "overview"):
        browser.find_element(By.CSS_SELECTOR, f'.tabs a[href="#{name}"]').click()
        assert _visible_panel(browser, By) == f"tab-{name}"


def test_a_driver_link_opens_its_details_on_the_drivers_tab(browser, result, tmp_path):
    By = _open(browser, result, tmp_path)
    browser.find_element(By.CSS_SELECTOR, '.tabs a[href="#drivers"]').click()
    link = browser.find_element(By.CSS_SELECTOR, "#tab-drivers table a[href^='#driver']")
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    assert browser.find_element(By.ID, target).is_displayed()
    assert _visible_panel(browser, By) == "tab-drivers"


def test_clicking_a_column_header_sorts_the_table(browser, result, tmp_path):
    By = _open(browser, result, tmp_path)
    browser.find_element(By.CSS_SELECTOR, '.tabs a[href="#drivers"]').click()
    table = browser.find_element(By.CSS_SELECTOR, "#tab-drivers table.sortable")
    header = table.find_elements(By.CSS_SELECTOR, "th")[2]  # contacts

    def sizes():
        return [float(r.find_elements(By.CSS_SELECTOR, "td")[2].get_attribute("data-v")) for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")]

    assert sizes() == sorted(sizes(), reverse=True)
    header.click()
    assert sizes() == sorted(sizes()) and header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert sizes() == sorted(sizes(), reverse=True)


def test_contact_rates_show_on_the_overview_and_departments(browser, make, tmp_path):
    result = make()
    result.meta["contact_rates"] = {"contacts": 3400, "rates": {"orders": {"denominator": 250000.0, "per_1000": 13.6}}}
    result.departments = result.departments.with_columns((result.departments["contacts"] / 250.0).alias("per_1000_orders"))
    By = _open(browser, result, tmp_path, language="fr")
    overview = browser.find_element(By.ID, "tab-overview").text
    assert "Contacts pour 1 000 commandes" in overview and "13,6" in overview
    browser.find_element(By.CSS_SELECTOR, '.tabs a[href="#departments"]').click()
    head = browser.find_element(By.CSS_SELECTOR, "#tab-departments table.sortable thead").text
    assert "Contacts pour 1 000 commandes" in head


def test_reviewed_drivers_show_their_id_badge_and_workbench_link(browser, make, tmp_path):
    from selenium.webdriver.common.by import By

    from .conftest import reviewed

    path = render_report(reviewed(make()), tmp_path / "report.html", workbench_url="http://127.0.0.1:8000")
    browser.get(path.resolve().as_uri())
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    browser.find_element(By.CSS_SELECTOR, '.tabs a[href="#drivers"]').click()
    rows = {r.find_element(By.CSS_SELECTOR, ".did").text: r for r in browser.find_elements(By.CSS_SELECTOR, "#tab-drivers table tbody tr")}
    assert set(rows) == {"d1", "d2", "d3", "d4", "d5", "d6", "d7"}
    badge = rows["d1"].find_element(By.CSS_SELECTOR, ".badge.reviewed")
    assert badge.is_displayed() and badge.text.lower() == "reviewed" and "renamed" in badge.get_attribute("title")
    assert rows["d2"].find_element(By.CSS_SELECTOR, ".badge.merged").text.lower() == "+2 merged"
    assert rows["d3"].find_elements(By.CSS_SELECTOR, ".badge.reviewed, .badge.merged") == []
    link = rows["d1"].find_element(By.CSS_SELECTOR, "a.did")
    assert link.is_displayed() and link.get_attribute("href") == "http://127.0.0.1:8000/workbench/drivers/d1"
    # the details of d2 say which drivers were merged into it
    rows["d2"].find_element(By.CSS_SELECTOR, "a[href^='#driver']").click()
    details = browser.find_element(By.ID, "driver-d2")
    assert details.is_displayed() and "Merged into it" in details.text and "d8, d9" in details.text
    assert details.find_element(By.CSS_SELECTOR, "a.workbench").text == "Open in the workbench"
