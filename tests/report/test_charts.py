"""Inline SVG charts."""

from __future__ import annotations

from datetime import date, timedelta

from rootcause.report.charts import axis, pareto_chart, sparkline, stacked_weekly_chart, trend_chart
from rootcause.report.i18n import Formatter

FMT = Formatter("en")
WEEKS = [date(2025, 1, 6) + timedelta(days=7 * k) for k in range(6)]


def test_axis_covers_the_maximum_with_round_ticks():
    for value in (1, 3, 7, 10, 57, 570, 1234, 9999):
        top, ticks = axis(value)
        assert top >= value
        assert ticks[0] == 0 and ticks[-1] == top
        assert all(t == int(t) for t in ticks)
        assert 2 <= len(ticks) <= 6


def test_axis_of_nothing_is_not_degenerate():
    assert axis(0) == (1.0, [0.0, 1.0])


def test_empty_data_gives_empty_markup():
    assert str(sparkline([])) == ""
    assert str(trend_chart([], [], FMT)) == ""
    assert str(pareto_chart([], [], [], FMT)) == ""
    assert str(stacked_weekly_chart([], [], FMT)) == ""


def test_charts_are_svg_without_namespace_url():
    svg = str(trend_chart(WEEKS, [1, 5, 2, 0, 3, 9], FMT))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "http" not in svg
    assert "6 Jan" in svg


def test_a_mark_is_drawn_at_its_day_and_only_within_the_weeks_drawn():
    import re

    inside = str(trend_chart(WEEKS, [1, 5, 2, 0, 3, 9], FMT, width=548, marks=[(WEEKS[2] + timedelta(days=3), "fix")]))
    xs = re.findall(r'<g class="mark"><line x1="([\d.]+)"', inside)
    plot_w = 548 - 48 - 28  # the chart's margins: left 48, right 28
    assert [float(x) for x in xs] == [round(48 + (2 + 3 / 7) * plot_w / 5, 1)]  # 2 weeks and 3 days into 5 weeks
    assert ">fix</text>" in inside and "fix: 11 Jan 2025" not in inside and "fix: 23 Jan 2025" in inside
    outside = [(WEEKS[0] - timedelta(days=1), "early"), (WEEKS[-1] + timedelta(days=1), "late")]
    assert 'class="mark"' not in str(trend_chart(WEEKS, [1, 5, 2, 0, 3, 9], FMT, marks=outside))


def test_pareto_labels_are_escaped_and_cumulative_line_drawn():
    svg = str(pareto_chart(["<b>x</b> & y", "z"], [30, 10], [0.6, 0.8], FMT))
    assert "<b>" not in svg
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in svg
    assert 'class="cum-line"' in svg
    assert svg.count('class="bar"') == 2


def test_pareto_with_many_drivers_rotates_labels():
    labels = [f"driver number {i}" for i in range(30)]
    svg = str(pareto_chart(labels, list(range(30, 0, -1)), [i / 30 for i in range(1, 31)], FMT))
    assert "rotate(-40)" in svg


def test_stacked_chart_has_one_rect_per_nonzero_value():
    series = [("a", "#000", [1, 0, 2, 0, 0, 1]), ("b <i>", "#111", [0, 0, 1, 1, 0, 0])]
    svg = str(stacked_weekly_chart(WEEKS, series, FMT))
    assert svg.count("<rect") == 5  # a: 3 weeks, b: 2 weeks
    assert "b &lt;i&gt;" in svg


def test_sparkline_of_a_single_week():
    svg = str(sparkline([4]))
    assert "<polyline" in svg
