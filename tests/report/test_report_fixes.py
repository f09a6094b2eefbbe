"""A driver's logged fix and its verdict on the report's driver card, in English and French."""

from __future__ import annotations

from datetime import date

import polars as pl

from rootcause.measure.fixes import FIX_COLUMNS
from rootcause.report import render_html

from .conftest import make_result

NBSP = "\u00a0"


def _with_fixes(rows: dict[str, dict]):
    result = make_result()
    frame = pl.DataFrame(
        [{"driver_id": d, **{c: r.get(c) for c in FIX_COLUMNS}} for d, r in rows.items()],
        schema={"driver_id": pl.Utf8, **FIX_COLUMNS},
    )
    result.drivers = result.drivers.join(frame, on="driver_id", how="left")
    return result


DOWN = {
    "fix_date": date(2026, 5, 12), "fix_department": "billing", "fix_description": "Refunds paid at scan <b>now</b>",
    "fix_link": "https://tracker.example.com/BILL-42", "fix_unit": "per_1000_orders", "fix_contacts_before": 412,
    "fix_contacts_after": 97, "fix_rate_before": 1.71, "fix_rate_after": 0.65, "fix_change": -0.62,
    "fix_ci_low": -0.70, "fix_ci_high": -0.52, "fix_weeks_after": 6.0, "fix_verdict": "down",
}
EARLY = {
    "fix_date": date(2026, 6, 1), "fix_department": "network", "fix_description": "New firmware",
    "fix_link": "javascript:alert(1)", "fix_unit": "week", "fix_contacts_before": 80, "fix_contacts_after": 5,
    "fix_rate_before": 10.0, "fix_rate_after": 5.0, "fix_change": -0.5, "fix_ci_low": -0.8, "fix_ci_high": 0.2,
    "fix_weeks_after": 1.0, "fix_verdict": "too_early",
}


def _card(html: str, driver_id: str) -> str:
    start = html.index(f'id="driver-{driver_id}"')
    return html[start : html.index("</article>", start)]


def test_the_english_card_says_the_verdict_with_its_interval_rates_and_link():
    html = render_html(_with_fixes({"d1": DOWN, "d2": EARLY}), language="en")
    card = _card(html, "d1")
    assert "−62% contacts per 1,000 orders since 12 May 2026, significant" in card
    assert "95% interval: −70% to −52%" in card
    assert "1.71 per 1,000 orders before (412 contacts), 0.65 after (97)" in card
    assert "Facturation &amp; Recouvrement" in card  # the department's name, escaped
    assert "Refunds paid at scan &lt;b&gt;now&lt;/b&gt;" in card
    assert 'href="https://tracker.example.com/BILL-42"' in card
    early = _card(html, "d2")
    assert "Not enough data after the fix yet: 1 of the 4 weeks needed since 1 Jun 2026" in early
    assert "interval" not in early and "−50%" not in early  # no figure before the minimum weeks
    assert "javascript:" not in early
    assert "<h4>Fix</h4>" not in _card(html, "d3")  # no fix, no block


def test_the_french_card_says_it_in_french():
    html = render_html(_with_fixes({"d1": DOWN, "d2": {**EARLY, "fix_verdict": "no_change", "fix_weeks_after": 8.0}}), language="fr")
    card = _card(html, "d1")
    assert f"−62{NBSP}% de contacts pour 1{NBSP}000 commandes depuis le 12 mai 2026, significatif" in card
    assert f"intervalle à 95 % : de −70{NBSP}% à −52{NBSP}%" in card
    assert f"−50{NBSP}% de contacts par semaine depuis le 1 juin 2026 : pas de changement pour l’instant" in _card(html, "d2")


def test_a_report_without_fixes_has_no_fix_block():
    assert "<h4>Fix</h4>" not in render_html(make_result(), language="en")
