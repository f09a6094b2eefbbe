"""Inline SVG charts drawn in Python, so the report needs no JavaScript library and no network.

Every function returns `Markup`; any text that comes from the data is escaped here.
Colours and fonts come from the report's stylesheet through class names where possible.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from rootcause.report.i18n import Formatter

PALETTE = ("#2f5d8a", "#d9822b", "#3a8f6b", "#b8433f", "#7359a6", "#a08a2e", "#2b8c9b", "#8a5a44")
OTHER_COLOUR = "#c3c9d1"
ACCENT = "#2f5d8a"
EMERGING = "#c0622c"
INK = "#4a4f57"  # marks on a chart (a fix going live)


def axis(max_value: float, max_ticks: int = 5) -> tuple[float, list[float]]:
    """A round axis top and its tick values (whole numbers for counts) covering `max_value`."""
    if not max_value or max_value <= 0 or not math.isfinite(max_value):
        return 1.0, [0.0, 1.0]
    raw = max_value / (max_ticks - 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw - 1e-9)
    step = max(step, 1.0)
    if step != int(step) and step > 1:  # 2.5 -> 3 keeps count ticks whole
        step = float(math.ceil(step))
    top = step * math.ceil(max_value / step - 1e-9)
    return top, [step * k for k in range(int(round(top / step)) + 1)]


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, limit: int, max_lines: int) -> list[str]:
    """Greedy word wrap to `limit` characters, at most `max_lines` lines (the last one shortened)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= limit or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
    return [_shorten(line, limit) for line in lines]


def _svg(width: int, height: int, body: list[str], label: str, cls: str) -> Markup:
    # No xmlns: inline SVG in HTML5 does not need it, and the report then holds no "http" at all.
    head = (
        f'<svg class="{cls}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}" preserveAspectRatio="xMinYMin meet">'
    )
    return Markup(head + "".join(body) + "</svg>")


def sparkline(
    values: Sequence[float], *, width: int = 120, height: int = 28, colour: str = ACCENT, label: str = "weekly trend"
) -> Markup:
    """A small line of weekly counts, last point marked; empty markup for no data."""
    if not values:
        return Markup("")
    top = max(max(values), 1.0)
    pad = 3.0
    n = len(values)
    step = (width - 2 * pad) / max(n - 1, 1)

    def point(i: int, v: float) -> tuple[float, float]:
        x = pad + i * step if n > 1 else width / 2
        return x, height - pad - (height - 2 * pad) * v / top

    points = [point(i, v) for i, v in enumerate(values)]
    line = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
    area = f"{_f(points[0][0])},{height - pad} {line} {_f(points[-1][0])},{height - pad}"
    lx, ly = points[-1]
    body = [
        f'<polygon points="{area}" fill="{colour}" fill-opacity="0.12"/>',
        f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="1.5" stroke-linejoin="round"/>',
        f'<circle cx="{_f(lx)}" cy="{_f(ly)}" r="2.2" fill="{colour}"/>',
    ]
    return _svg(width, height, body, label, "spark")


def _x_ticks(weeks: Sequence[date], max_ticks: int) -> list[int]:
    n = len(weeks)
    if n <= max_ticks:
        return list(range(n))
    every = math.ceil((n - 1) / (max_ticks - 1))
    ticks = list(range(0, n, every))
    if n - 1 - ticks[-1] >= every / 2:
        ticks.append(n - 1)
    else:
        ticks[-1] = n - 1
    return ticks


def trend_chart(
    weeks: Sequence[date],
    values: Sequence[float],
    fmt: Formatter,
    *,
    width: int = 1160,
    height: int = 150,
    colour: str = ACCENT,
    label: str = "",
    marks: Sequence[tuple[date, str]] = (),
) -> Markup:
    """An area chart of weekly contacts with a count axis and dated weeks; each of `marks`
    (a day and its text, e.g. a fix going live) is a dashed line at its day."""
    if not weeks or not values:
        return Markup("")
    left, right, top, bottom = 48, 28, 10, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    y_max, ticks = axis(max(values))
    n = len(values)
    step = plot_w / max(n - 1, 1)
    xs = [left + i * step if n > 1 else left + plot_w / 2 for i in range(n)]
    ys = [top + plot_h - plot_h * v / y_max for v in values]
    body: list[str] = []
    for v in ticks:
        y = top + plot_h - plot_h * v / y_max
        body.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{_f(y)}" y2="{_f(y)}"/>')
        body.append(f'<text class="tick" x="{left - 6}" y="{_f(y + 3.5)}" text-anchor="end">{fmt.int(v)}</text>')
    for i in _x_ticks(weeks, 12):
        anchor = "end" if i == n - 1 and n > 1 else ("start" if i == 0 and n > 1 else "middle")
        body.append(
            f'<text class="tick" x="{_f(xs[i])}" y="{height - 8}" text-anchor="{anchor}">'
            f"{escape(fmt.short_date(weeks[i]))}</text>"
        )
    line = " ".join(f"{_f(x)},{_f(y)}" for x, y in zip(xs, ys, strict=True))
    base = top + plot_h
    body.append(f'<polygon points="{_f(xs[0])},{_f(base)} {line} {_f(xs[-1])},{_f(base)}" fill="{colour}" fill-opacity="0.12"/>')
    body.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round"/>')
    for x, y, week, v in zip(xs, ys, weeks, values, strict=True):
        tip = escape(f"{fmt.date(week)}: {fmt.int(v)}")
        body.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="2.5" fill="{colour}"><title>{tip}</title></circle>')
    for day, text in marks:
        weeks_in = (day - weeks[0]).days / 7  # the weeks' points are their Mondays
        if n < 2 or not 0 <= weeks_in <= n - 1:
            continue  # outside the weeks drawn
        x = left + weeks_in * step
        tip = escape(f"{text}: {fmt.date(day)}")
        body.append(
            f'<g class="mark"><line x1="{_f(x)}" x2="{_f(x)}" y1="{top}" y2="{_f(base)}" stroke="{INK}" '
            f'stroke-dasharray="4 3"/><text class="tick" x="{_f(x + 4)}" y="{top + 9}">{escape(text)}</text>'
            f"<title>{tip}</title></g>"
        )
    return _svg(width, height, body, label, "chart")


def pareto_chart(
    labels: Sequence[str],
    sizes: Sequence[float],
    cumulative: Sequence[float],
    fmt: Formatter,
    *,
    width: int = 1160,
    height: int = 330,
) -> Markup:
    """Bars of driver size with the cumulative share as a line on a 0–100 % right axis."""
    if not labels:
        return Markup("")
    n = len(labels)
    right, top = 54, 14
    # Few bars: horizontal labels wrapped under each bar. Many: rotated labels, with the
    # margins widened so the first label is not clipped.
    slot_guess = (width - 54 - right) / n
    horizontal = slot_guess >= 84
    limit = max(8, int(slot_guess / 6.4)) if horizontal else 28
    wrapped = [_wrap(label, limit, 3) for label in labels] if horizontal else []
    if horizontal:
        left, bottom = 54, 18 + 13 * max(len(lines) for lines in wrapped)
    else:
        longest = max(len(_shorten(label, limit)) for label in labels)
        left = max(54, int(4.6 * longest - slot_guess / 2) + 8)
        bottom = int(3.9 * longest) + 22
    height = max(height, top + bottom + 180)
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / n
    bar_w = max(min(slot * 0.72, 48.0), 2.0)
    y_max, ticks = axis(max(sizes) if sizes else 1.0)
    base = top + plot_h
    body: list[str] = []
    for v in ticks:
        y = base - plot_h * v / y_max
        body.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{_f(y)}" y2="{_f(y)}"/>')
        body.append(f'<text class="tick" x="{left - 6}" y="{_f(y + 3.5)}" text-anchor="end">{fmt.int(v)}</text>')
    for k in range(5):
        y = base - plot_h * k / 4
        body.append(
            f'<text class="tick cum" x="{width - right + 6}" y="{_f(y + 3.5)}">{escape(fmt.pct(k / 4, 0))}</text>'
        )
    points = []
    for i, (label, size, cum) in enumerate(zip(labels, sizes, cumulative, strict=True)):
        cx = left + slot * (i + 0.5)
        h = plot_h * (size or 0) / y_max
        tip = escape(f"{i + 1}. {label}: {fmt.int(size)} ({fmt.pct(cum)})")
        body.append(
            f'<rect class="bar" x="{_f(cx - bar_w / 2)}" y="{_f(base - h)}" width="{_f(bar_w)}" '
            f'height="{_f(max(h, 0.5))}"><title>{tip}</title></rect>'
        )
        if horizontal:
            spans = "".join(
                f'<tspan x="{_f(cx)}" dy="{0 if k == 0 else 13}">{escape(line)}</tspan>'
                for k, line in enumerate(wrapped[i])
            )
            body.append(f'<text class="xlabel" x="{_f(cx)}" y="{_f(base + 16)}" text-anchor="middle">{spans}</text>')
        else:
            body.append(
                f'<text class="xlabel" transform="translate({_f(cx + 3)},{_f(base + 10)}) rotate(-40)" '
                f'text-anchor="end">{escape(_shorten(label, limit))}</text>'
            )
        points.append((cx, base - plot_h * min(max(cum or 0.0, 0.0), 1.0)))
    line = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
    body.append(f'<polyline class="cum-line" points="{line}" fill="none"/>')
    body.extend(f'<circle class="cum-dot" cx="{_f(x)}" cy="{_f(y)}" r="3"/>' for x, y in points)
    return _svg(width, height, body, "Pareto", "chart pareto")


def stacked_weekly_chart(
    weeks: Sequence[date],
    series: Sequence[tuple[str, str, Sequence[float]]],
    fmt: Formatter,
    *,
    width: int = 1160,
    height: int = 280,
) -> Markup:
    """Stacked weekly bars, one colour per series (label, colour, values aligned with `weeks`)."""
    if not weeks or not series:
        return Markup("")
    left, right, top, bottom = 54, 16, 10, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(weeks)
    totals = [sum(s[2][i] for s in series) for i in range(n)]
    y_max, ticks = axis(max(totals))
    slot = plot_w / n
    bar_w = max(min(slot * 0.78, 40.0), 1.0)
    base = top + plot_h
    body: list[str] = []
    for v in ticks:
        y = base - plot_h * v / y_max
        body.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{_f(y)}" y2="{_f(y)}"/>')
        body.append(f'<text class="tick" x="{left - 6}" y="{_f(y + 3.5)}" text-anchor="end">{fmt.int(v)}</text>')
    for i in range(n):
        x = left + slot * i + (slot - bar_w) / 2
        y = base
        for label, colour, values in series:
            v = values[i]
            if v <= 0:
                continue
            h = plot_h * v / y_max
            y -= h
            tip = escape(f"{fmt.date(weeks[i])} · {label}: {fmt.int(v)}")
            body.append(
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(bar_w)}" height="{_f(h)}" fill="{colour}">'
                f"<title>{tip}</title></rect>"
            )
    for i in _x_ticks(weeks, 10):
        cx = left + slot * (i + 0.5)
        body.append(
            f'<text class="tick" x="{_f(cx)}" y="{height - 9}" text-anchor="middle">{escape(fmt.short_date(weeks[i]))}</text>'
        )
    return _svg(width, height, body, fmt.t("weekly_trend"), "chart")
