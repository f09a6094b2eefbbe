"""The fix block of a driver card in headless Chromium: shown with the driver's details, no script error."""

from __future__ import annotations

from .test_browser import _open, browser, pytestmark  # noqa: F401  (the module's browser and its skip marks)
from .test_report_fixes import DOWN, _with_fixes


def test_a_drivers_fix_verdict_shows_with_its_details(browser, tmp_path):  # noqa: F811
    By = _open(browser, _with_fixes({"d1": DOWN}), tmp_path)
    browser.find_element(By.CSS_SELECTOR, '.tabs a[href="#drivers"]').click()
    browser.find_element(By.CSS_SELECTOR, "#tab-drivers table a[href='#driver-d1']").click()
    verdict = browser.find_element(By.CSS_SELECTOR, "#driver-d1 .fix-down .fix-verdict")
    assert verdict.is_displayed()
    assert "−62% contacts per 1,000 orders since 12 May 2026, significant" in verdict.text
    link = browser.find_element(By.CSS_SELECTOR, "#driver-d1 .fix a")
    assert link.get_attribute("href") == "https://tracker.example.com/BILL-42" and link.get_attribute("rel") == "noopener noreferrer"
    assert browser.find_elements(By.CSS_SELECTOR, "#driver-d2 .fix") == []
