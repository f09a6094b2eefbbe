"""Apply a decision trail to a driver model, and say how each decision fared.

Decisions are applied in order on a copy of the model; the model itself is never
modified. What a decision changed is remembered in the copy's ``meta["fitted"]``
(the driver's values before any decision) and ``meta["fitted_aliases"]``, so that a
model saved with decisions applied (a refit's, an `analyze --decisions` run's) can be
given a trail again: the drivers the trail names are put back as fitted first, then the
decisions in force re-applied. That is what makes an undo take effect on a model that
already carries the undone decision.
"""

from __future__ import annotations

import copy
import difflib
import logging
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rootcause import schema as S
from rootcause.errors import BadInputError
from rootcause.model.driver_model import Driver, DriverModel
from rootcause.review.decisions import Decision, question_parts
from rootcause.review.history import ACTIVE, STALE, UNDONE, DecisionState, in_force, undone_note, undos

log = logging.getLogger(__name__)

# The driver fields a decision may change, remembered as fitted before the first change.
REVIEW_FIELDS = ("label", "owner_department", "owner_confidence", "owner_evidence", "reviewed", "kind", "avoidable", "size")


@dataclass
class Replay:
    """A model with a trail applied, and the state of each decision of the trail.

    Attributes
    ----------
    model
        The copy with the decisions in force applied.
    states
        One `DecisionState` per decision of the trail, in trail order.
    reviewed
        Surviving driver id -> the actions in force on it (``rename``, ``set_owner``,
        ``merge`` (it absorbed a driver), ``mark``, ``split``).
    """

    model: DriverModel
    states: list[DecisionState]
    reviewed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def stale(self) -> list[DecisionState]:
        return [s for s in self.states if s.state == STALE]

    @property
    def applied(self) -> int:
        """Decisions in force that changed the model (splits, applied by `analyze`, and undos left out)."""
        return sum(s.state == ACTIVE and s.decision.action not in ("split", "undo") for s in self.states)


def replay_decisions(
    model: DriverModel,
    decisions: Iterable[Decision],
    *,
    departments: Collection[str] | None = None,
    failed: Iterable[tuple[Decision, str]] = (),
) -> Replay:
    """Apply the decisions in force of a trail to a copy of `model`; stale ones are skipped.

    Parameters
    ----------
    model
        The driver model; left untouched.
    decisions
        The trail in order (a later decision wins), undos included.
    departments
        The catalogue's department ids: a ``set_owner`` to another department is stale.
        None: not checked.
    failed
        (decision, why) for decisions of the trail the caller could not apply (a split
        whose contacts do not divide: `rootcause.review.split.split_partition`): stale.
    """
    trail = list(decisions)
    out = _copy(model)
    _revert(out, named_drivers(out, trail))
    refused = {id(d): why for d, why in failed}
    by_id = {d.driver_id: d for d in out.drivers}
    gone = undos(trail)
    outcome: dict[int, tuple[str, str]] = {}  # index in trail -> (state, reason)
    reviewed: dict[str, list[str]] = {}
    forced = {id(d) for d in in_force(trail)}
    out.meta["moves"] = {}  # contact id -> driver, from the trail alone (as the drivers are reverted)
    # keys of the queue's questions answered "no": not asked again; those of the trail the model
    # was fitted with (`analyze --decisions FILE`) too, unless this trail undoes a decline of one
    undone = {str(d.payload.get("question")) for d in trail if d.action == "decline" and id(d) not in forced}
    out.meta["declined"] = [k for k in model.meta.get("declined_at_fit") or [] if k not in undone]
    out.meta["splits_pending"] = []  # drivers a split in force divides at the next refit: asked no split again
    for i, dec in enumerate(trail):
        if dec.action == "undo":
            outcome[i] = (ACTIVE, f"undoes decision {dec.payload['decision']}")
            continue
        if id(dec) not in forced:
            outcome[i] = (UNDONE, undone_note(gone[dec.id]) if dec.id in gone else "undone")
            continue
        why, touched = (refused[id(dec)], None) if id(dec) in refused else _apply(out, by_id, dec, departments)
        outcome[i] = (STALE, why) if touched is None else (ACTIVE, why)
        for driver_id in touched or ():
            acts = reviewed.setdefault(driver_id, [])
            if dec.action not in acts:
                acts.append(dec.action)
    states = [
        DecisionState(d, *outcome[i], undone_by=gone[d.id].id if d.id in gone and outcome[i][0] == UNDONE else None)
        for i, d in enumerate(trail)
    ]
    # read by the store's views over the stored contacts, kept across refits like the decisions
    # themselves (a contact's own classification is left as it was)
    out.meta["moves"] = {c: out.resolve(d) for c, d in out.meta["moves"].items()}
    replay = Replay(out, states, {out.resolve(k): v for k, v in reviewed.items()})
    out.meta["decisions_applied"] = replay.applied
    out.meta["decisions_skipped"] = [s.reason for s in replay.stale]
    out.meta["review"] = replay.reviewed
    return replay


def apply_decisions(
    model: DriverModel, decisions: Iterable[Decision], *, strict: bool = True, departments: Collection[str] | None = None
) -> DriverModel:
    """Return a copy of `model` with the review decisions in force applied in order.

    Parameters
    ----------
    model
        The fitted driver model; left untouched.
    decisions
        Decisions in audit-trail order (a later decision wins); an ``undo`` takes the
        decision it names out.
    strict
        Raise `BadInputError` at the first stale decision (its driver or merge target is
        not in the model, its department not in `departments`). With ``strict=False``
        stale decisions are skipped and listed in ``meta["decisions_skipped"]``: a refit
        may retire a driver that a past decision was about.
    departments
        The catalogue's department ids: a ``set_owner`` to any other department is refused
        instead of inventing an owner.

    Returns
    -------
    DriverModel
        A copy sharing the fitted estimator (read-only) with the input model.
    """
    replay = replay_decisions(model, decisions, departments=departments)
    if strict and replay.stale:
        raise BadInputError(replay.stale[0].reason + ".")
    for s in replay.stale:
        log.info("%s: skipped.", s.reason)  # the caller reports it (the CLI's warnings, summary.json)
    return replay.model


def decision_history(
    model: DriverModel | None, decisions: Iterable[Decision], *, departments: Collection[str] | None = None
) -> list[DecisionState]:
    """Each decision of the trail with its state (active, undone, stale) against `model`.

    Without a model nothing can be stale: undone decisions are still told apart.

    Examples
    --------
    >>> trail = [Decision("rename", "D1", {"label": "Refund delay"}, id=1), Decision("undo", "D1", {"decision": 1}, id=2)]
    >>> [s.state for s in decision_history(None, trail)]
    ['undone', 'active']
    """
    trail = list(decisions)
    if model is not None:
        return replay_decisions(model, trail, departments=departments).states
    gone = undos(trail)
    return [
        DecisionState(d, UNDONE, undone_note(gone[d.id]), gone[d.id].id)
        if d.id in gone and d.action != "undo"
        else DecisionState(d, ACTIVE, f"undoes decision {d.payload['decision']}" if d.action == "undo" else "")
        for d in trail
    ]


def summary(replay: Replay) -> dict[str, Any]:
    """The run's account of the trail (``summary.json: decisions``): how many decisions were
    given (undos left out), applied, undone, and the stale ones with their reason."""
    given = [s for s in replay.states if s.decision.action != "undo"]
    stale = [s for s in given if s.state == STALE]
    undone = sum(s.state == UNDONE for s in given)
    return {
        "given": len(given),
        "applied": len(given) - len(stale) - undone,
        "undone": undone,
        "skipped": [s.reason for s in stale],
        "stale": [
            {"id": s.decision.id, "action": s.decision.action, "driver_id": s.decision.driver_id, "reason": s.reason}
            for s in stale
        ],
    }


def _copy(model: DriverModel) -> DriverModel:
    out = copy.copy(model)
    out.drivers = [copy.deepcopy(d) for d in model.drivers]
    out.aliases = dict(model.aliases)
    out.meta = dict(model.meta)
    out.meta["fitted"] = {k: dict(v) for k, v in (model.meta.get("fitted") or {}).items()}
    out.meta["fitted_aliases"] = dict(model.meta.get("fitted_aliases") or {})
    return out


def named_drivers(model: DriverModel, trail: Iterable[Decision]) -> set[str]:
    """Every driver id the trail names, as given and as `model` resolves it.

    A refit carries a former model's review over to the drivers that persist, except to
    these: the trail, re-applied in full, decides them (so that an undo takes effect).
    """
    trail = list(trail)
    ids = {d.driver_id for d in trail} | {str(d.payload["into"]) for d in trail if d.action == "merge"}
    ids |= {f"{d.driver_id}.2" for d in trail if d.action == "split" and d.payload.get("owner")}  # a carved-out part
    return ids | {model.resolve(i) for i in ids}


def _revert(model: DriverModel, named: set[str]) -> None:
    """Put the drivers `named` and the merges into or out of them back as fitted."""
    fitted: dict[str, dict[str, Any]] = model.meta["fitted"]
    for d in model.drivers:
        if d.driver_id in named and d.driver_id in fitted:
            for k, v in fitted.pop(d.driver_id).items():
                setattr(d, k, v)
    aliases: dict[str, str | None] = model.meta["fitted_aliases"]
    for source, original in list(aliases.items()):
        if source in named or model.aliases.get(source) in named:
            if original is None:
                model.aliases.pop(source, None)
            else:
                model.aliases[source] = original
            del aliases[source]


def _remember(model: DriverModel, driver: Driver) -> Driver:
    model.meta["fitted"].setdefault(driver.driver_id, {k: getattr(driver, k) for k in REVIEW_FIELDS})
    return driver


def _set_alias(model: DriverModel, source: str, target: str) -> None:
    model.meta["fitted_aliases"].setdefault(source, model.aliases.get(source))
    model.aliases[source] = target


def _apply(model: DriverModel, by_id: dict[str, Driver], dec: Decision, departments: Collection[str] | None) -> tuple[str, list[str] | None]:
    """Apply one decision; returns (note, the driver ids it touched), or (why, None) when stale."""
    p = dec.payload
    if dec.action == "split":
        owner = str(p.get("owner") or "")
        if owner and departments is not None and owner not in departments:
            return f"split of {dec.driver_id}: {owner!r} is not a department of the catalogue ({', '.join(sorted(departments))})", None
        parts = [k for k in by_id if k.startswith(dec.driver_id + ".")]
        carved = f"{dec.driver_id}.2"
        if owner and carved in by_id:  # the carved-out part goes to the department the reviewer named
            d = _remember(model, by_id[carved])
            d.owner_department, d.owner_confidence, d.reviewed = owner, 1.0, True
            return "", [dec.driver_id, carved] if dec.driver_id in by_id else [carved]
        if parts:
            return "", parts
        if model.resolve(dec.driver_id) in by_id:
            model.meta["splits_pending"].append(model.resolve(dec.driver_id))
            return "applied at the next refit", []  # the driver is unchanged until then
        return _missing(model, dec, dec.driver_id, by_id), None
    source = model.resolve(dec.driver_id)
    if source not in by_id:
        return _missing(model, dec, dec.driver_id, by_id), None
    if dec.action == "rename":
        d = _remember(model, by_id[source])
        d.label, d.reviewed = str(p["label"]).strip(), True
    elif dec.action == "merge":
        target = model.resolve(str(p["into"]))
        if target not in by_id:
            return _missing(model, dec, str(p["into"]), by_id), None
        if target == source:
            return "", [target]  # already merged (a replayed decision)
        _set_alias(model, source, target)
        # Drivers merged earlier into `source` now follow it to `target`.
        for k, v in list(model.aliases.items()):
            if v == source:
                _set_alias(model, k, target)
        t = _remember(model, by_id[target])
        t.size += _remember(model, by_id[source]).size
        t.reviewed = True
        return "", [target]
    elif dec.action == "set_owner":
        department = str(p["department"]).strip()
        if departments is not None and department not in departments:
            return (
                f"set_owner of {dec.driver_id}: {department!r} is not a department of the catalogue "
                f"({', '.join(sorted(departments))})"
            ), None
        d = _remember(model, by_id[source])
        # attribution's evidence was for the model's owner, not the reviewer's
        d.owner_department, d.owner_confidence, d.owner_evidence, d.reviewed = department, 1.0, "", True
    elif dec.action == "decline":
        kind, _, other = question_parts(str(p["question"]))
        if kind == "merge" and model.resolve(other) not in by_id:
            return _missing(model, dec, other, by_id), None
        if kind == "group" and departments is not None and other not in departments:
            return f"decline of {p['question']}: {other!r} is not a department of the catalogue ({', '.join(sorted(departments))})", None
        model.meta["declined"].append(str(p["question"]))
        return "", []  # an answer, not a change: the driver is not reviewed by it
    elif dec.action == "move":
        target = model.resolve(str(p["into"]))
        if target not in by_id:
            return _missing(model, dec, str(p["into"]), by_id), None
        model.meta["moves"][str(p["contact"])] = target
        return "", [target]
    elif dec.action == "mark":
        d = _remember(model, by_id[source])
        if "kind" in p:
            d.kind = p["kind"] or ""
        if "avoidable" in p:
            d.avoidable = p["avoidable"]
    return "", [source]


def _missing(model: DriverModel, dec: Decision, driver_id: str, drivers: Mapping[str, Any]) -> str:
    """Why `dec` cannot be applied: the model has no driver `driver_id`.

    When a refit retired that driver, the hint names the driver now holding most of its
    contacts (``meta.successors``, `successors`): where the decision belongs by content. Else
    (a typo, a driver the refit knew nothing of) the nearest id by spelling."""
    before = f"{dec.action} of {dec.driver_id}: this model has no driver {driver_id!r}"
    heir = (model.meta.get("successors") or {}).get(driver_id)
    if heir and model.resolve(str(heir[0])) in drivers:
        new = drivers[model.resolve(str(heir[0]))]
        return (
            f"{before}: the refit retired it; {heir[1]} of its {heir[2]} contacts are now in "
            f"{new.driver_id} “{new.label}” (decide again there if it still holds)"
        )
    near = difflib.get_close_matches(driver_id, sorted(drivers), n=1, cutoff=0.6)
    return f"{before} ({'did you mean ' + near[0] + '? ' if near else ''}the drivers are listed in drivers.csv)"


def successors(former: Mapping[str, str | None], now: Mapping[str, str | None], kept: Collection[str]) -> dict[str, list[Any]]:
    """Where the contacts of each retired driver went: ``{old id: [new id, contacts, of its contacts]}``.

    `former` and `now` map contact ids to their driver before and after a refit; `kept`: the
    new model's driver ids (a former id among them is not retired). The new driver is the one
    holding most of the old driver's contacts (ties: the smallest id); contacts now unknown or
    noise count in the total but are no driver's. Saved as ``meta.successors`` by a refit, so
    that a decision made stale by it says where its contacts went (`replay_decisions`).
    """
    counts: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    for cid, old in former.items():
        if not old or old in kept or old in (S.UNKNOWN, S.NOISE):
            continue
        totals[old] += 1
        new = now.get(cid)
        if new and new not in (S.UNKNOWN, S.NOISE):
            counts.setdefault(old, Counter())[new] += 1
    out = {}
    for old, c in counts.items():
        new, n = min(c.items(), key=lambda kv: (-kv[1], kv[0]))
        out[old] = [new, n, totals[old]]
    return out
