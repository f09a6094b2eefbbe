"""Review decisions: what the quality team decided about drivers, applied to a model.

A decision names a driver by its stable id, so it survives a refit that keeps the
id (the refit maps new drivers to old ids). Decisions are applied in order on a
copy of the model; the model itself is never modified.
"""

from __future__ import annotations

import copy
import difflib
import json
import logging
from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rootcause.errors import BadInputError
from rootcause.model.driver_model import DriverModel
from rootcause.review.split import MAX_PARTS

log = logging.getLogger(__name__)

ACTIONS = ("rename", "merge", "set_owner", "mark", "split", "move")
KINDS = ("", "irritant", "value")

# The payload keys each action needs (and accepts).
PAYLOAD_KEYS: dict[str, tuple[str, ...]] = {
    "rename": ("label",),
    "merge": ("into",),
    "set_owner": ("department",),
    "mark": ("kind", "avoidable"),
    "split": ("parts",),
    "move": ("contact", "into"),
}


@dataclass
class Decision:
    """One review decision about one driver.

    Parameters
    ----------
    action
        ``rename`` (payload ``label``), ``merge`` (payload ``into``: the surviving
        driver id), ``set_owner`` (payload ``department``: a catalogue department id)
        ``mark`` (payload ``kind``: "", "irritant" or "value", and optionally
        ``avoidable``: bool), ``split`` (payload ``parts``: 2 to 10, default 2; applied
        by `rootcause analyze`, which has the contacts: see `rootcause.review.split`) or
        ``move`` (payload ``contact``: a stored contact's id, ``into``: the driver it belongs
        to; `driver_id` is the driver it leaves).
    driver_id
        The driver the decision is about.
    payload
        The action's arguments (see above).
    author
        Who decided (an API key name, a user name).
    created_at
        When (UTC); defaults to now.
    id
        Position in the audit trail when stored, else None.
    """

    action: str
    driver_id: str
    payload: dict[str, Any] = field(default_factory=dict)
    author: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    id: int | None = None

    def __post_init__(self) -> None:
        validate_decision(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (created_at as ISO 8601)."""
        d = asdict(self)
        d["created_at"] = self.created_at.isoformat()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Decision:
        """Build a decision from `to_dict` output (or a hand-written YAML entry)."""
        unknown = set(d) - {"action", "driver_id", "payload", "author", "created_at", "id"}
        if unknown:
            raise BadInputError(
                f"Unknown decision field(s) {sorted(unknown)}; expected action, driver_id, payload, "
                "author, created_at, id."
            )
        created = d.get("created_at")
        if isinstance(created, str):
            created = datetime.fromisoformat(created)
        if created is None:
            created = datetime.now(UTC)
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        return cls(
            action=str(d.get("action", "")),
            driver_id=str(d.get("driver_id", "")),
            payload=dict(d.get("payload") or {}),
            author=str(d.get("author") or ""),
            created_at=created,
            id=d.get("id"),
        )


def validate_decision(decision: Decision) -> None:
    """Raise `BadInputError` when the action or its payload is malformed."""
    if decision.action not in ACTIONS:
        raise BadInputError(f"Unknown review action {decision.action!r}; expected one of {', '.join(ACTIONS)}.")
    if not decision.driver_id:
        raise BadInputError("A review decision needs a driver_id; got an empty one.")
    allowed = PAYLOAD_KEYS[decision.action]
    extra = set(decision.payload) - set(allowed)
    if extra:
        raise BadInputError(
            f"Action {decision.action!r} got payload key(s) {sorted(extra)}; it accepts {list(allowed)}."
        )
    p = decision.payload
    if decision.action == "rename" and not str(p.get("label") or "").strip():
        raise BadInputError("A rename needs a non-empty payload 'label'.")
    if decision.action == "merge":
        into = str(p.get("into") or "")
        if not into:
            raise BadInputError("A merge needs payload 'into': the id of the driver that absorbs this one.")
        if into == decision.driver_id:
            raise BadInputError(f"Cannot merge driver {into!r} into itself; pick another target driver.")
    if decision.action == "set_owner" and not str(p.get("department") or "").strip():
        raise BadInputError("A set_owner needs a non-empty payload 'department' (a catalogue department id).")
    if decision.action == "split":
        parts = p.get("parts", 2)
        if isinstance(parts, bool) or not isinstance(parts, int) or not 2 <= parts <= MAX_PARTS:
            raise BadInputError(f"A split needs payload 'parts': a whole number from 2 to {MAX_PARTS}; got {parts!r}.")
    if decision.action == "move":
        if not str(p.get("contact") or "").strip():
            raise BadInputError("A move needs payload 'contact': the stored id of the contact to move.")
        into = str(p.get("into") or "")
        if not into:
            raise BadInputError("A move needs payload 'into': the id of the driver the contact belongs to.")
        if into == decision.driver_id:
            raise BadInputError(f"The contact is already in driver {into!r}; pick another target driver.")
    if decision.action == "mark":
        if "kind" not in p and "avoidable" not in p:
            raise BadInputError("A mark needs payload 'kind' (irritant | value | \"\") and/or 'avoidable' (bool).")
        if "kind" in p and p["kind"] not in KINDS:
            raise BadInputError(f"Unknown kind {p['kind']!r}; expected one of {KINDS}.")
        if "avoidable" in p and p["avoidable"] is not None and not isinstance(p["avoidable"], bool):
            raise BadInputError(f"'avoidable' must be true, false or null; got {p['avoidable']!r}.")


def apply_decisions(
    model: DriverModel, decisions: Iterable[Decision], *, strict: bool = True, departments: Collection[str] | None = None
) -> DriverModel:
    """Return a copy of `model` with the review decisions applied in order.

    Parameters
    ----------
    model
        The fitted driver model; left untouched.
    decisions
        Decisions in audit-trail order (a later decision wins).
    strict
        Raise `BadInputError` when a decision names a driver the model does not
        have. With ``strict=False`` such decisions are skipped (logged): a refit
        may retire a driver that a past decision was about.
    departments
        The catalogue's department ids: a ``set_owner`` to any other department is refused
        (raised when `strict`, else skipped and reported) instead of inventing an owner.

    Returns
    -------
    DriverModel
        A copy sharing the fitted estimator (read-only) with the input model.
    """
    out = copy.copy(model)
    out.drivers = [copy.deepcopy(d) for d in model.drivers]
    out.aliases = dict(model.aliases)
    out.meta = dict(model.meta)
    by_id = {d.driver_id: d for d in out.drivers}
    moves: dict[str, str] = dict(model.meta.get("moves") or {})
    applied = 0
    skipped: list[str] = []
    for dec in decisions:
        if dec.action == "split":
            continue  # changes which contacts belong together: applied by `analyze` (review.split)
        source = out.resolve(dec.driver_id)
        if source not in by_id:
            skipped.append(_missing(dec, dec.driver_id, strict, by_id))
            continue
        p = dec.payload
        if dec.action == "rename":
            by_id[source].label = str(p["label"]).strip()
            by_id[source].reviewed = True
        elif dec.action == "merge":
            target = out.resolve(str(p["into"]))
            if target not in by_id:
                skipped.append(_missing(dec, str(p["into"]), strict, by_id))
                continue
            if target == source:
                continue  # already merged (a replayed decision)
            out.aliases[source] = target
            # Drivers merged earlier into `source` now follow it to `target`.
            for k, v in list(out.aliases.items()):
                if v == source:
                    out.aliases[k] = target
            by_id[target].size += by_id[source].size
            by_id[target].reviewed = True
        elif dec.action == "set_owner":
            department = str(p["department"]).strip()
            if departments is not None and department not in departments:
                msg = f"set_owner of {dec.driver_id}: {department!r} is not a department of the catalogue ({', '.join(sorted(departments))})"
                if strict:
                    raise BadInputError(msg + ".")
                skipped.append(msg)
                continue
            by_id[source].owner_department = department
            by_id[source].owner_confidence = 1.0
            by_id[source].reviewed = True
        elif dec.action == "move":
            target = out.resolve(str(p["into"]))
            if target not in by_id:
                skipped.append(_missing(dec, str(p["into"]), strict, by_id))
                continue
            moves[str(p["contact"])] = target
        elif dec.action == "mark":
            if "kind" in p:
                by_id[source].kind = p["kind"] or ""
            if "avoidable" in p:
                by_id[source].avoidable = p["avoidable"]
        applied += 1
    # contact id -> driver: read by the store's views over the stored contacts, kept across refits
    # like the decisions themselves (a contact's own classification is left as it was)
    out.meta["moves"] = {c: out.resolve(d) for c, d in moves.items()}
    out.meta["decisions_applied"] = applied
    out.meta["decisions_skipped"] = skipped
    return out


def _missing(dec: Decision, driver_id: str, strict: bool, drivers: Collection[str]) -> str:
    """Why `dec` cannot be applied; raised as `BadInputError` when `strict`."""
    near = difflib.get_close_matches(driver_id, sorted(drivers), n=1, cutoff=0.6)
    msg = (
        f"{dec.action} of {dec.driver_id}: this model has no driver {driver_id!r} "
        f"({'did you mean ' + near[0] + '? ' if near else ''}the drivers are listed in drivers.csv)"
    )
    if strict:
        raise BadInputError(msg + ".")
    log.info("%s: skipped.", msg)  # the caller reports it (the CLI's warnings, summary.json)
    return msg


def load_decisions(path: str | Path) -> list[Decision]:
    """Read decisions from a YAML or JSON file (a list, or ``{"decisions": [...]}``)."""
    path = Path(path)
    if not path.is_file():
        raise BadInputError(f"No decisions file at {path}; expected a YAML or JSON file.")
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            doc = json.loads(text) if text.strip() else []
        else:
            doc = yaml.safe_load(text) or []
    except json.JSONDecodeError as err:
        raise BadInputError(
            f"{path} is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}); fix that line, "
            "or write the decisions as YAML."
        ) from err
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        at = f" (line {where.line + 1}, column {where.column + 1})" if where is not None else ""
        raise BadInputError(f"{path} is not valid YAML{at}: {getattr(err, 'problem', None) or err}; fix that line.") from err
    except UnicodeDecodeError as err:
        raise BadInputError(f"{path} is not UTF-8 text ({err.reason}); save it as UTF-8.") from err
    if isinstance(doc, dict):
        doc = doc.get("decisions", [])
    if not isinstance(doc, list):
        raise BadInputError(f"{path} holds a {type(doc).__name__}; expected a list of decisions.")
    out = []
    for i, item in enumerate(doc):
        if not isinstance(item, dict):
            raise BadInputError(f"{path}: entry {i} is a {type(item).__name__}; expected a mapping.")
        try:
            out.append(Decision.from_dict(item))
        except BadInputError as err:
            raise BadInputError(f"{path}: entry {i}: {err}") from err
    return out


def save_decisions(path: str | Path, decisions: Sequence[Decision]) -> Path:
    """Write decisions as YAML (``.yaml``/``.yml``) or JSON (anything else)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"decisions": [d.to_dict() for d in decisions]}
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    else:
        text = json.dumps(doc, ensure_ascii=False, indent=2)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
