"""The report shows driver ids, marks reviewed and merged drivers, and links to the workbench."""

from __future__ import annotations

import re

import polars as pl
import pytest

from rootcause.errors import ConfigError
from rootcause.report import render_report
from rootcause.report.render import render_html


from .conftest import reviewed


def _row(html: str, driver_id: str) -> str:
    """The drivers-table row of one driver."""
    table = html.split('<section id="tab-drivers"', 1)[1].split("</table>", 1)[0]
    rows = [r for r in table.split("<tr>") if f'<code class="did" translate="no">{driver_id}</code>' in r
            or f'translate="no">{driver_id}</a>' in r]
    assert len(rows) == 1, driver_id
    return rows[0]


def test_every_driver_shows_its_id(result):
    html = render_html(reviewed(result))
    for driver_id in result.drivers["driver_id"]:
        assert f'<code class="did" translate="no">{driver_id}</code>' in _row(html, driver_id)
        assert f'<dt>Driver id</dt><dd><code translate="no">{driver_id}</code>' in html


def test_reviewed_and_merged_drivers_are_marked(result):
    html = render_html(reviewed(result))
    assert 'title="a review decision applies to it: renamed, owner set by a reviewer">reviewed</span>' in _row(html, "d1")
    assert 'title="drivers merged into it: d8, d9">+2 merged</span>' in _row(html, "d2")
    assert 'class="badge reviewed"' in _row(html, "d4")
    for untouched in ("d3", "d5", "d6", "d7"):
        assert "badge reviewed" not in _row(html, untouched) and "badge merged" not in _row(html, untouched)
    assert '<dt>Merged into it</dt><dd translate="no">d8, d9</dd>' in html
    assert '<dd class="review">renamed · owner set by a reviewer</dd>' in html


def test_french_marks(result):
    html = render_html(reviewed(result), language="fr")
    assert ">revu</span>" in _row(html, "d1") and ">+2 fusionnés</span>" in _row(html, "d2")
    assert "une décision de revue s&#39;y applique\u00a0: renommé, responsable fixé par un relecteur" in html


def test_a_result_without_review_columns_renders_unmarked(result):
    html = render_html(result)
    assert "badge reviewed" not in html and "badge merged" not in html
    assert '<code class="did" translate="no">d1</code>' in html


def test_no_workbench_no_links(result):
    html = render_html(reviewed(result))
    assert "/workbench/" not in html and "Open in the workbench" not in html


def test_workbench_links_per_driver(result, tmp_path):
    result = reviewed(result)
    result.drivers = result.drivers.with_columns(pl.col("driver_id").replace({"d7": "D007.1 & <x>"}))
    path = render_report(result, tmp_path / "r.html", workbench_url="https://rc.example.com/base/")
    html = path.read_text(encoding="utf-8")
    assert '<a class="did" href="https://rc.example.com/base/workbench/drivers/d1" title="Open in the workbench" translate="no">d1</a>' in html
    assert 'href="https://rc.example.com/base/workbench/drivers/D007.1%20%26%20%3Cx%3E"' in html
    links = re.findall(r'href="(https://[^"]+)"', html)
    assert len(links) == 3 * result.drivers.height  # the table's id, the details' id and link, nothing else


@pytest.mark.parametrize("url", ["rc.example.com", "ftp://rc.example.com", "https://", "https://rc.example.com/?x=1", "javascript:alert(1)"])
def test_a_bad_workbench_url_is_refused_with_an_example(result, url):
    with pytest.raises(ConfigError, match="not the address of a workbench.*https://rootcause.example.com"):
        render_html(result, workbench_url=url)
