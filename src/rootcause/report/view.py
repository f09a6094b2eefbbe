"""Turn an `AnalysisResult` into the plain values the report template shows.

Everything here tolerates empty frames and missing columns: a run with no drivers, no dates
or no rejects still gets a report. Only redacted text from the frames is used.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

import polars as pl

from rootcause import schema
from rootcause.measure.rates import RATE_PREFIX
from rootcause.report import charts
from rootcause.report.fixes import fix_marks, fix_view
from rootcause.report.i18n import Formatter, to_date
from rootcause.result import AnalysisResult

PARETO_TARGETS = ("10", "20", "50")
MAX_PARETO_BARS = 30
MAX_STACKED_SERIES = 8
MAX_EXEMPLARS = 8
DEPARTMENT_VERBATIMS = 3
DEPARTMENT_DETAILED_DRIVERS = 10
SHORT_VERBATIM = 420
_NO_OWNER = {"", schema.UNASSIGNED, schema.UNKNOWN}


def _rows(frame: pl.DataFrame | None) -> list[dict[str, Any]]:
    if frame is None or frame.height == 0:
        return []
    return frame.to_dicts()


def _num(value: Any, default: float = 0.0) -> float:
    if isinstance(value, bool) or value is None:
        return default
    try:
        out = float(value)
    except (TypeError, ValueError):
        return default
    return out if out == out else default  # NaN -> default


def _texts(value: Any) -> list[str]:
    """A list of non-empty strings from a list, a string (one per line) or nothing."""
    if value is None:
        return []
    if isinstance(value, str):
        # attribute joins its evidence parts with "; "
        return [part.strip() for line in value.splitlines() for part in line.split("; ") if part.strip()]
    if isinstance(value, Iterable):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value)]


_MIX_ITEM = re.compile(r"^(?P<name>.*?)\s+(?P<pct>\d+(?:[.,]\d+)?)\s*%$")


def _mix(value: Any, fmt: Formatter, name: Callable[[str], str] = str) -> list[str]:
    """measure's "email 40% · chat 30%" as items, names through `name`, percentages per language."""
    items = []
    for part in re.split(r"\s*[·,;]\s+", str(value or "").strip()):
        match = _MIX_ITEM.match(part)
        if match:
            part = f"{name(match['name'])} {fmt.pct(float(match['pct'].replace(',', '.')) / 100.0, 0)}"
        if part:
            items.append(part)
    return items


def _growth_text(growth: Any, fmt: Formatter) -> str | None:
    """measure's growth is recent weekly rate / earlier rate: 1.0 is flat, inf a new driver."""
    if growth is None or isinstance(growth, bool):
        return None
    value = _num(growth, float("nan"))
    if value != value:
        return None
    if value == float("inf"):
        return fmt.t("growth_new")
    return fmt.signed_pct(value - 1.0)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip() + " …"


def _anchor(prefix: str, key: Any, index: int, used: set[str]) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", str(key)).strip("-")[:40] or str(index)
    anchor = f"{prefix}-{slug}"
    while anchor in used:
        anchor = f"{prefix}-{slug}-{index}"
        index += 1
    used.add(anchor)
    return anchor


def _weekly_series(weekly: pl.DataFrame | None) -> tuple[list[date], dict[str, list[float]]]:
    """Sorted weeks (gaps filled) and, per driver id, its contacts aligned with them."""
    counts: dict[str, dict[date, float]] = {}
    seen: set[date] = set()
    for row in _rows(weekly):
        week = to_date(row.get("week"))
        if week is None:
            continue
        seen.add(week)
        per_driver = counts.setdefault(str(row.get(schema.DRIVER_ID)), {})
        per_driver[week] = per_driver.get(week, 0.0) + _num(row.get("contacts"))
    if not seen:
        return [], {}
    first, last = min(seen), max(seen)
    filled = {first + timedelta(days=7 * k) for k in range((last - first).days // 7 + 1)}
    weeks = sorted(seen | filled)
    return weeks, {d: [c.get(w, 0.0) for w in weeks] for d, c in counts.items()}


def _language_mix(languages: Any, fmt: Formatter) -> list[str]:
    if not isinstance(languages, dict) or not languages:
        return []
    values = {str(k) if k is not None else "?": _num(v) for k, v in languages.items()}
    total = sum(values.values())
    # meta may hold counts or shares; counts are turned into shares.
    as_share = total > 1.0 + 1e-6
    items = sorted(values.items(), key=lambda kv: -kv[1])
    shares = [(code, v / total if as_share else v) for code, v in items]
    # a language of one contact in hundreds is there, not "0 %"
    return [f"{code} {fmt.pct(v, 0) if v >= 0.005 else '<' + fmt.pct(0.01, 0)}" for code, v in shares]


def _facts(result: AnalysisResult, fmt: Formatter, weeks: list[date]) -> dict[str, Any]:
    meta = result.meta or {}
    contacts = result.contacts if result.contacts is not None else pl.DataFrame()
    rejects = result.rejects if result.rejects is not None else pl.DataFrame()
    n_accepted = _num(meta.get("n_accepted"), float(contacts.height))
    n_rejected = _num(meta.get("n_rejected"), float(rejects.height))
    if "n_unassigned" in meta:
        n_unassigned = _num(meta.get("n_unassigned"))
    elif schema.DRIVER_ID in contacts.columns:
        n_unassigned = float(contacts.filter(pl.col(schema.DRIVER_ID) == schema.UNASSIGNED).height)
    else:
        n_unassigned = 0.0
    n_noise = _num(meta.get("n_noise"), 0.0)
    n_read = _num(meta.get("n_read"), n_accepted + n_rejected)
    date_min, date_max = to_date(meta.get("date_min")), to_date(meta.get("date_max"))
    if date_min is None and weeks:
        date_min, date_max = weeks[0], weeks[-1] + timedelta(days=6)
    run_at = meta.get("created_at")
    return {
        "n_accepted": fmt.int(n_accepted),
        "n_read": fmt.int(n_read),
        "n_rejected": fmt.int(n_rejected),
        "rejected_share": fmt.pct(n_rejected / n_read) if n_read else fmt.pct(0.0),
        "n_unassigned": fmt.int(n_unassigned),
        "unassigned_share": fmt.pct(n_unassigned / n_accepted) if n_accepted else fmt.pct(0.0),
        "n_noise": fmt.int(n_noise),
        "noise_share": fmt.pct(n_noise / n_accepted) if n_accepted else fmt.pct(0.0),
        "noise_kinds": ", ".join(f"{fmt.noise_kind(kind)} {fmt.int(_num(v))}" for kind, v in (meta.get("noise") or {}).items()),
        "period": (f"{fmt.date(date_min)} – {fmt.date(date_max)}" if date_min and date_max else None),
        "n_weeks": len(weeks),
        "languages": _language_mix(meta.get("languages"), fmt),
        "embedder": str(meta.get("embedder") or "–"),
        "version": str(meta.get("version") or "–"),
        "seed": str(meta.get("seed")) if meta.get("seed") is not None else "–",
        "run_at": fmt.date(run_at) if to_date(run_at) else (str(run_at) if run_at else "–"),
        # what else the run said about its input (the CLI prints it; the report keeps it)
        "n_undated": fmt.int(_num(meta.get("n_undated"), 0.0)) if meta.get("n_undated") else None,
        "n_warnings": fmt.int(_num(meta.get("n_warnings"), 0.0)) if meta.get("n_warnings") else None,
        "n_uncovered": fmt.int(_num(uncovered)) if (uncovered := (meta.get("contact_rates") or {}).get("uncovered_contacts")) else None,
    }


def _rates(result: AnalysisResult, fmt: Formatter) -> list[dict[str, str]]:
    """Contacts per 1,000 units of each business volume given (`--volumes`), if any."""
    info = (result.meta or {}).get("contact_rates") or {}
    period = info.get("period") if info.get("period") in ("week", "month") else "total"
    periods = fmt.t(f"periods_{period}", k=fmt.int(info.get("periods")))
    out = []
    for name, r in (info.get("rates") or {}).items():
        what = fmt.volume(name)
        out.append(
            {
                "column": RATE_PREFIX + name,
                "name": what,
                "title": fmt.t("rate_title", name=what),
                "value": _rate_num(r.get("per_1000"), fmt),
                "hint": fmt.t("rate_hint", n=fmt.int(info.get("contacts")), d=fmt.int(r.get("denominator")), name=what, periods=periods),
            }
        )
    return out


def _rate_num(value: Any, fmt: Formatter) -> str:
    """A rate with three significant digits (10.1, 0.678, 0.0275)."""
    v = _num(value, float("nan"))
    if v != v:
        return "–"
    digits = 0 if v >= 100 else 1 if v >= 10 else 2 if v >= 1 else min(4, 2 - math.floor(math.log10(v))) if v > 0 else 0
    return fmt.num(v, digits)


def _rate_texts(row: dict[str, Any], rates: list[dict[str, str]], fmt: Formatter) -> list[str]:
    """A driver's or department's own rates: "0.678 per 1,000 orders"."""
    return [
        fmt.t("rate_value", value=_rate_num(row.get(r["column"]), fmt), name=r["name"])
        for r in rates
        if row.get(r["column"]) is not None
    ]


def _elsewhere(owner_share: Any, fmt: Formatter) -> str | None:
    """Share of a driver's contacts owned by another department than the driver's, if any."""
    if owner_share is None or _num(owner_share, 1.0) >= 1.0:
        return None
    return fmt.pct(1.0 - _num(owner_share), 0)


def _department_names(result: AnalysisResult) -> dict[str, str]:
    names = {}
    for row in _rows(result.departments):
        dep_id = row.get("department_id")
        if dep_id is not None:
            names[str(dep_id)] = str(row.get("name") or dep_id)
    return names


REVIEW_ACTIONS = ("rename", "set_owner", "merge", "mark", "split")


def _review(row: dict[str, Any], fmt: Formatter) -> dict[str, Any]:
    """What review decided about a driver (drivers frame: reviewed, review, merged_ids)."""
    actions = [a for a in REVIEW_ACTIONS if a in _texts(row.get("review"))]
    merged = _texts(row.get("merged_ids"))
    reviewed = bool(row.get("reviewed")) or bool(actions) or bool(merged)
    what = [fmt.t(f"review_{a}") for a in actions] or ([fmt.t("review_reviewed")] if reviewed else [])
    return {
        "reviewed": reviewed,
        "review_text": " · ".join(what),
        "reviewed_hint": fmt.t("reviewed_hint", what=", ".join(what)) if reviewed else "",
        "merged_ids": merged,
        "merged_hint": fmt.t("merged_hint", ids=", ".join(merged)) if merged else "",
    }


def workbench_link(base: str | None, driver_id: str) -> str | None:
    """The workbench page of a driver (``<base>/workbench/drivers/<id>``), None without a workbench."""
    if not base:
        return None
    from urllib.parse import quote

    return f"{base.rstrip('/')}/workbench/drivers/{quote(driver_id, safe='')}"


def _drivers(
    result: AnalysisResult,
    fmt: Formatter,
    weeks: list[date],
    series: dict[str, list[float]],
    rates: list[dict[str, str]],
    workbench: str | None = None,
) -> list[dict[str, Any]]:
    rows = [r for r in _rows(result.drivers) if str(r.get("driver_id")) != schema.UNASSIGNED]
    rows.sort(key=lambda r: -_num(r.get("size")))  # stable: keeps the given order on ties
    cumulative = {str(r.get("driver_id")): _num(r.get("cumulative_share"), float("nan")) for r in _rows(result.pareto)}
    names = _department_names(result)
    on_rate = ((result.meta or {}).get("contact_rates") or {}).get("emerging_on")
    emerging_hint = fmt.t("emerging_hint_rate", name=fmt.volume(on_rate.removeprefix(RATE_PREFIX))) if on_rate else fmt.t("emerging_hint")
    used: set[str] = set()
    running = 0.0
    out = []
    for index, row in enumerate(rows):
        driver_id = str(row.get("driver_id"))
        share = _num(row.get("share"))
        running += share
        cum = cumulative.get(driver_id, float("nan"))
        owner_id = row.get("owner_department")
        owner_id = None if owner_id is None or str(owner_id) in _NO_OWNER else str(owner_id)
        owner_name = names.get(owner_id or "", "") or str(row.get("owner_name") or owner_id or "")
        confidence = row.get("owner_confidence")
        values = series.get(driver_id, [0.0] * len(weeks))
        emerging = bool(row.get("emerging"))
        colour = charts.EMERGING if emerging else charts.ACCENT
        label = str(row.get("label") or driver_id)
        out.append(
            {
                "id": driver_id,
                "anchor": _anchor("driver", driver_id, index, used),
                "rank": index + 1,
                "label": label,
                "theme": str(row.get("theme_label") or ""),
                "size": _num(row.get("size")),
                "size_text": fmt.int(_num(row.get("size"))),
                "share": share,
                "share_text": fmt.pct(share),
                "cumulative": cum if cum == cum else running,
                "owner_id": owner_id,
                "owner_name": owner_name,
                "confidence_text": fmt.pct(_num(confidence), 0) if confidence is not None else None,
                "contested": bool(row.get("contested")),
                "elsewhere_text": _elsewhere(row.get("owner_share"), fmt),
                "evidence": _texts(row.get("owner_evidence")),
                "keywords": _texts(row.get("keywords")),
                "products": _texts(row.get("products")),
                "exemplars": _texts(row.get("exemplars"))[:MAX_EXEMPLARS],
                "short_exemplars": [_clip(e, SHORT_VERBATIM) for e in _texts(row.get("exemplars"))[:DEPARTMENT_VERBATIMS]],
                "emerging": emerging,
                "emerging_hint": emerging_hint,
                "growth_text": _growth_text(row.get("growth"), fmt),
                "rate_texts": _rate_texts(row, rates, fmt),
                "rate_growth_text": _growth_text(row.get("rate_growth"), fmt),
                "fix": fix_view(row, fmt, names),
                "runner_up": names.get(str(row.get("runner_up") or ""), str(row.get("runner_up") or "")),
                "kind": str(row.get("kind") or ""),
                "avoidable": row.get("avoidable") is True,
                "repeat": _num(row.get("repeat_rate"), -1.0),
                "repeat_text": fmt.pct(row.get("repeat_rate"), 0) if row.get("repeat_rate") is not None else "–",
                "channel_mix": _mix(row.get("channel_mix"), fmt, fmt.channel),
                "language_mix": _mix(row.get("language_mix"), fmt),
                "values": values,
                "total_weekly": sum(values),
                "spark": charts.sparkline(values, colour=colour, label=fmt.t("weekly_trend")) if weeks else None,
                "trend": charts.trend_chart(weeks, values, fmt, colour=colour, label=label, marks=fix_marks(row, fmt)) if weeks else None,
                "workbench": workbench_link(workbench, driver_id),
                **_review(row, fmt),
            }
        )
    for d in out:
        d["cumulative_text"] = fmt.pct(d["cumulative"])
    return out


def _headline(result: AnalysisResult, fmt: Formatter, drivers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not drivers:
        return []
    targets = (result.meta or {}).get("pareto_targets") or {}
    total_cum = drivers[-1]["cumulative"]
    out = []
    for key in PARETO_TARGETS:
        goal = float(key) / 100.0
        if key in targets:
            n = targets.get(key)
            n = int(n) if n is not None and _num(n) > 0 else None
        else:
            n = next((d["rank"] for d in drivers if d["cumulative"] >= goal - 1e-9), None)
        reachable = n is not None and n <= len(drivers)
        if n is not None and reachable:
            pct = fmt.pct(drivers[n - 1]["cumulative"])
            key_text = "headline_one" if n == 1 else "headline_many"
            sentence = fmt.t(key_text, n=fmt.int(n), pct=pct)
            chosen = drivers[:n]
        else:
            sentence = fmt.t("headline_unreachable", pct=fmt.pct(total_cum), target=fmt.target(key))
            pct, chosen = fmt.pct(total_cum), []
        out.append(
            {"target": fmt.t("target", target=fmt.target(key)), "n": n, "n_text": fmt.int(n) if n else "–",
             "pct": pct, "sentence": sentence, "drivers": chosen, "reachable": reachable}
        )
    return out


def _stacked(
    weeks: list[date], series: dict[str, list[float]], drivers: list[dict[str, Any]], fmt: Formatter
) -> tuple[Any, list[dict[str, str]]]:
    if not weeks or not series:
        return None, []
    top = drivers[:MAX_STACKED_SERIES]
    chosen = []
    for i, d in enumerate(top):
        chosen.append((d["label"], charts.PALETTE[i % len(charts.PALETTE)], series.get(d["id"], [0.0] * len(weeks))))
    top_ids = {d["id"] for d in top}
    other = [sum(v[i] for k, v in series.items() if k not in top_ids) for i in range(len(weeks))]
    if any(other):
        chosen.append((fmt.t("other_drivers"), charts.OTHER_COLOUR, other))
    legend = [{"label": label, "colour": colour} for label, colour, _ in chosen]
    return charts.stacked_weekly_chart(weeks, chosen, fmt), legend


def _departments(
    result: AnalysisResult,
    fmt: Formatter,
    drivers: list[dict[str, Any]],
    weeks: list[date],
    n_accepted: float,
    rates: list[dict[str, str]],
) -> list[dict[str, Any]]:
    rows = _rows(result.departments)
    if not rows:  # no catalogue frame: fall back on the owners the drivers name
        sizes: Counter[str] = Counter()
        for d in drivers:
            if d["owner_id"]:
                sizes[d["owner_id"]] += int(d["size"])
        rows = [{"department_id": k, "name": next(d["owner_name"] for d in drivers if d["owner_id"] == k),
                 "contacts": v, "share": v / n_accepted if n_accepted else None} for k, v in sizes.items()]
    rows.sort(key=lambda r: -_num(r.get("contacts")))
    lost, gained = _owned_elsewhere(result, drivers)
    used: set[str] = set()
    out = []
    for index, row in enumerate(rows):
        dep_id = str(row.get("department_id"))
        owned = [d for d in drivers if d["owner_id"] == dep_id]
        contacts = _num(row.get("contacts"), sum(d["size"] for d in owned))
        share = row.get("share")
        if share is None and n_accepted:
            share = contacts / n_accepted
        values = [sum(d["values"][i] for d in owned) for i in range(len(weeks))]
        out.append(
            {
                "id": dep_id,
                "anchor": _anchor("dept", dep_id, index, used),
                "name": str(row.get("name") or dep_id),
                "contacts": contacts,
                "contacts_text": fmt.int(contacts),
                "share_text": fmt.pct(share),
                "n_drivers": fmt.int(_num(row.get("drivers"), float(len(owned)))),
                "rate": _num(row.get(rates[0]["column"])) if rates else None,
                "rate_text": _rate_num(row.get(rates[0]["column"]), fmt) if rates else None,
                "rate_values": [_rate_num(row.get(r["column"]), fmt) for r in rates],
                "attributed_text": fmt.int(_num(row["contacts_attributed"]))
                if row.get("contacts_attributed") is not None and _num(row["contacts_attributed"]) != contacts
                else None,
                "attributed_hint": fmt.t(
                    "dept_attributed_hint",
                    attributed=fmt.int(_num(row.get("contacts_attributed"))),
                    lost=fmt.int(lost[dep_id]),
                    gained=fmt.int(gained[dep_id]),
                ),
                "drivers": owned,
                "trend": charts.trend_chart(weeks, values, fmt, label=str(row.get("name") or dep_id))
                if weeks and owned else None,
            }
        )
    return out


def _owned_elsewhere(result: AnalysisResult, drivers: list[dict[str, Any]]) -> tuple[Counter[str], Counter[str]]:
    """Per department, the contacts of its drivers whose own owner is another department
    (lost), and the contacts of other drivers, or of none, whose own owner it is (gained)."""
    lost: Counter[str] = Counter()
    gained: Counter[str] = Counter()
    frame = result.contacts
    if frame is None or schema.OWNER_DEPARTMENT not in frame.columns:
        return lost, gained
    owner_of = {d["id"]: d["owner_id"] for d in drivers}
    for driver_id, own in frame.select(schema.DRIVER_ID, schema.OWNER_DEPARTMENT).iter_rows():
        by_driver = owner_of.get(str(driver_id))
        own = str(own) if own and str(own) not in _NO_OWNER else None
        if own != by_driver:
            if by_driver:
                lost[by_driver] += 1
            if own:
                gained[own] += 1
    return lost, gained


def _rejects(result: AnalysisResult, fmt: Formatter) -> list[dict[str, str]]:
    frame = result.rejects
    if frame is None or frame.height == 0:
        return []
    keys = [c for c in ("field", "reason", "fix") if c in frame.columns]
    if not keys:
        return [{"field": "", "reason": "", "fix": "", "count": fmt.int(frame.height)}]
    rows: Counter[tuple[str, str, str]] = Counter()
    for r in frame.select(keys).to_dicts():
        reason, fix = fmt.reject(str(r.get("reason") or ""), str(r.get("fix") or ""))
        rows[(str(r.get("field") or ""), reason, fix)] += 1
    top = sorted(rows.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    return [{"field": f, "reason": reason, "fix": fix, "count": fmt.int(n)} for (f, reason, fix), n in top]


def build_view(result: AnalysisResult, fmt: Formatter, *, workbench: str | None = None) -> dict[str, Any]:
    """Everything the template shows, as plain values and ready-made SVG `Markup`.

    `workbench`: the base URL of a `rootcause serve` whose workbench the drivers link to.
    """
    weeks, series = _weekly_series(result.weekly)
    facts = _facts(result, fmt, weeks)
    rates = _rates(result, fmt)
    drivers = _drivers(result, fmt, weeks, series, rates, workbench)
    shown = drivers[:MAX_PARETO_BARS]
    pareto = charts.pareto_chart(
        [d["label"] for d in shown], [d["size"] for d in shown], [d["cumulative"] for d in shown], fmt
    )
    stacked, legend = _stacked(weeks, series, drivers, fmt)
    meta = result.meta or {}
    n_accepted = _num(meta.get("n_accepted"), float(result.contacts.height if result.contacts is not None else 0))
    departments = _departments(result, fmt, drivers, weeks, n_accepted, rates)
    return {
        "facts": facts,
        "rates": rates,
        "drivers": drivers,
        "headline": _headline(result, fmt, drivers),
        "pareto": pareto,
        "pareto_more": fmt.t("pareto_more", n=len(shown), total=len(drivers)) if len(drivers) > len(shown) else "",
        "stacked": stacked,
        "legend": legend,
        "departments": departments,
        "unowned": [d for d in drivers if not d["owner_id"]],
        "emerging": [d for d in drivers if d["emerging"]],
        # judged on a rate: its growth is the rate's, as the heading says
        "emerging_on_rate": bool(((result.meta or {}).get("contact_rates") or {}).get("emerging_on")),
        "rejects": _rejects(result, fmt),
        "detailed_drivers": DEPARTMENT_DETAILED_DRIVERS,
    }
