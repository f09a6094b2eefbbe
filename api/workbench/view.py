"""What the pages show, built from the store's views: presentation only, no decisions made here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from api.workbench.i18n import Text
from rootcause.measure.metrics import trends_emerging
from rootcause.model.driver_model import DriverModel
from rootcause.report.charts import EMERGING, sparkline
from rootcause.review import Decision, DecisionState
from rootcause.review.history import ACTIVE


def driver_rows(stats: Sequence[Mapping[str, Any]], departments: Mapping[str, str], fmt: Text) -> list[dict[str, Any]]:
    """The ranked list's rows, from `driver_stats`."""
    rows = []
    for s, emerging in zip(stats, trends_emerging([s["trend"] for s in stats]), strict=True):
        rows.append(
            {
                **s,
                "owner_name": departments.get(s["owner_department"] or "", s["owner_department"] or "–"),
                "emerging": emerging,
                "spark": sparkline(s["trend"], colour=EMERGING, label=fmt.t("col_trend")) if emerging
                else sparkline(s["trend"], label=fmt.t("col_trend")),
            }
        )
    return rows


def describe(d: Decision, fmt: Text, labels: Mapping[str, str]) -> str:
    """A decision in words, for the history ("merge into D003 (parcel late)")."""
    p = d.payload
    name = fmt.action(d.action)

    def driver(i: Any) -> str:
        return f"{i} ({labels[str(i)]})" if str(i) in labels else str(i)

    if d.action == "rename":
        return f"{name}: {p.get('label', '')}"
    if d.action in ("merge", "move"):
        return f"{name} → {driver(p.get('into'))}"
    if d.action == "set_owner":
        return f"{name}: {p.get('department', '')}"
    if d.action == "split":
        return f"{name}: {p.get('parts', 2)}" + (f" → {p['owner']}" if p.get("owner") else "")
    if d.action == "decline":
        return f"{name}: {p.get('question', '')}"
    if d.action == "mark":
        bits = []
        if "kind" in p:
            bits.append(fmt.t(f"kind_{p['kind'] or ''}"))
        if "avoidable" in p:
            bits.append(fmt.t({True: "avoidable_yes", False: "avoidable_no"}.get(p["avoidable"], "avoidable_unknown")))
        return f"{name}: {', '.join(bits)}"
    return name


def history(
    decisions: Sequence[Decision], fmt: Text, model: DriverModel, states: Sequence[DecisionState] = ()
) -> list[dict[str, Any]]:
    """Decisions newest first: id, when, who, the driver, what; with `states` (the trail replayed
    on the model in use, `review.history`), whether each is in force, undone or stale, and why.

    ``can_undo``: an undo of it would be taken (it is no undo itself, and neither undone nor
    stale; the API answers 409 to the first two and a stale one changes nothing)."""
    labels = {d.driver_id: d.label for d in model.drivers}
    where = {s.decision.id: s for s in states}
    by_id: dict[int | None, Decision] = {d.id: d for d in decisions}
    rows = []
    for d in reversed(list(decisions)):
        s = where.get(d.id)
        rows.append(
            {
                "id": d.id,
                "when": d.created_at.strftime("%Y-%m-%d %H:%M UTC"),
                "who": d.author,
                "driver_id": d.driver_id,
                "what": describe(d, fmt, labels),
                "action": d.action,
                "state": s.state if s else "",
                "state_text": fmt.t(f"state_{s.state}") if s else "",
                "reason": _reason(s, fmt, by_id) if s else "",
                "can_undo": d.action != "undo" and (s is None or s.state == ACTIVE),
            }
        )
    return rows


def _reason(s: DecisionState, fmt: Text, by_id: Mapping[int | None, Decision]) -> str:
    """Why a decision stands where it does, in the page's language for the two reasons every
    history shows (an undo, an undone decision); the others as `rootcause.review` words them."""
    undo = by_id.get(s.undone_by) if s.undone_by is not None else None
    if undo is not None:
        return fmt.t("reason_undone_by", decision=undo.id, author=undo.author or "unknown", day=undo.created_at.date().isoformat())
    if s.decision.action == "undo" and s.state == ACTIVE:
        return fmt.t("reason_undoes", decision=s.decision.payload["decision"])
    return s.reason


def about_driver(decisions: Sequence[Decision], model: DriverModel, driver_id: str, merged: Sequence[str]) -> list[Decision]:
    """The decisions about a driver: on it, on the ids merged into it, or naming it as a target."""
    ids = {driver_id, *merged}
    return [d for d in decisions if d.driver_id in ids or model.resolve(str(d.payload.get("into", ""))) == driver_id]


def owner_evidence(decisions: Sequence[Decision], stats: Mapping[str, Any], fmt: Text, why: str = "", *, reviewed: bool = False) -> str:
    """Why the driver has its owner: the reviewer's decision that set it, else a decision the
    model was fitted with (`reviewed`: a decisions file's ``set_owner``, which drops attribution's
    evidence), else the model's confidence and `why` (attribution's evidence, `Driver.owner_evidence`,
    as the report gives it)."""
    owners = [d for d in decisions if d.action == "set_owner" and d.driver_id == stats["driver_id"]]
    if owners:
        last = owners[-1]
        return fmt.t("evidence_review", who=last.author, when=fmt.date(last.created_at))
    if reviewed and not why:
        return fmt.t("evidence_review_fit")
    said = fmt.t("evidence_model", conf=fmt.pct(stats["owner_confidence"], 0))
    return f"{said}; {why}" if why else said


def mix(rows: Sequence[tuple[str, int]], fmt: Text, name: Any = None) -> list[str]:
    total = sum(n for _, n in rows) or 1
    return [f"{(name(v) if name else v) or '–'} {fmt.pct(n / total, 0)}" for v, n in rows]

