"""Review decisions: what the quality team decided about drivers, and decision files.

A decision names a driver by its stable id, so it survives a refit that keeps the
id (the refit maps new drivers to old ids). The trail is append-only: an ``undo`` is
itself a decision (who, when, which decision it undoes), never a deletion.
`rootcause.review.apply` applies a trail to a model; `rootcause.review.history` says
which decisions are active, undone or stale.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rootcause.errors import BadInputError, yaml_place
from rootcause.review.split import MAX_PARTS

ACTIONS = ("rename", "merge", "set_owner", "mark", "split", "undo", "move", "decline")
DECLINABLE = ("merge", "split", "group")  # the review queue's questions a reviewer may answer "no"
KINDS = ("", "irritant", "value")

# The payload keys each action needs (and accepts).
PAYLOAD_KEYS: dict[str, tuple[str, ...]] = {
    "rename": ("label",),
    "merge": ("into",),
    "set_owner": ("department",),
    "mark": ("kind", "avoidable"),
    "split": ("parts", "owner"),
    "undo": ("decision",),
    "move": ("contact", "into"),
    "decline": ("question",),
}
# Why a new decision is refused (`DecisionRefused.kind`): the API answers 404, 409 and 422.
NOT_FOUND, CONFLICT, INVALID = "not_found", "conflict", "invalid"


class DecisionRefused(BadInputError):
    """A new decision (or undo) that cannot be recorded; `kind` says why (see above).

    `key` and `values` name the message for a user interface that words it in its own
    language (the workbench's ``refused_<key>`` strings); the message itself is English."""

    def __init__(self, message: str, kind: str = INVALID, key: str = "", **values: object) -> None:
        super().__init__(message)
        self.kind = kind
        self.key = key
        self.values = values


# What `GET /v1/decisions` adds to each decision (its state in the model in use): read back
# from a saved trail, they are ignored, since the state is worked out again on every run.
DERIVED_FIELDS = ("state", "reason", "undone_by")


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
        by `rootcause analyze`, which has the contacts: see `rootcause.review.split`; with
        ``owner``, a catalogue department id, the contacts whose own words point to that
        department's process are carved out as part ``.2``, owned by it: the answer to a
        group question of the review queue),
        ``undo`` (payload ``decision``: the id of the decision it undoes; see
        `rootcause.review.history.undo`) or
        ``move`` (payload ``contact``: a stored contact's id, ``into``: the driver it belongs
        to; `driver_id` is the driver it leaves) or
        ``decline`` (payload ``question``: the key of a merge, split or group question of the
        review queue about this driver, answered "no": the queue does not ask it again).
    driver_id
        The driver the decision is about (for an undo, the undone decision's driver).
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
        unknown = set(d) - {"action", "driver_id", "payload", "author", "created_at", "id", *DERIVED_FIELDS}
        if unknown:
            raise BadInputError(
                f"Unknown decision field(s) {sorted(unknown)}; expected action, driver_id, payload, "
                "author, created_at, id."
            )
        ident = d.get("id")
        if ident is not None and (isinstance(ident, bool) or not isinstance(ident, int) or ident < 1):
            raise BadInputError(f"A decision's id must be a whole number from 1; got {ident!r}.")
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
            id=ident,
        )


def question_parts(key: str) -> tuple[str, str, str]:
    """A review queue question's key as (kind, driver, other): "merge:D009>D003" →
    ("merge", "D009", "D003"), "group:D004>billing" → ("group", "D004", "billing"),
    "split:D002" → ("split", "D002", "") (`Question.key`)."""
    kind, _, rest = key.partition(":")
    driver, _, other = rest.partition(">")
    return kind, driver, other


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
        if "owner" in p:
            if not isinstance(p["owner"], str) or not p["owner"].strip():
                raise BadInputError(f"A split's 'owner' names the catalogue department its carved-out part goes to; got {p['owner']!r}.")
            if parts != 2:
                raise BadInputError(f"A split with an 'owner' carves out one part (parts: 2); got parts {parts!r}.")
    if decision.action == "move":
        if not str(p.get("contact") or "").strip():
            raise BadInputError("A move needs payload 'contact': the stored id of the contact to move.")
        into = str(p.get("into") or "")
        if not into:
            raise BadInputError("A move needs payload 'into': the id of the driver the contact belongs to.")
        if into == decision.driver_id:
            raise BadInputError(f"The contact is already in driver {into!r}; pick another target driver.")
    if decision.action == "decline":
        key = str(p.get("question") or "")
        kind, driver, _ = question_parts(key)
        if kind not in DECLINABLE or driver != decision.driver_id:
            raise BadInputError(
                f"A decline needs payload 'question': the key of a {', '.join(DECLINABLE)} question about driver "
                f"{decision.driver_id!r}, as the review queue's `key` column gives it (e.g. 'merge:{decision.driver_id}>{'D002' if decision.driver_id == 'D001' else 'D001'}', "
                f"'split:{decision.driver_id}'); got {key!r}."
            )
    if decision.action == "mark":
        if "kind" not in p and "avoidable" not in p:
            raise BadInputError("A mark needs payload 'kind' (irritant | value | \"\") and/or 'avoidable' (bool).")
        if "kind" in p and p["kind"] not in KINDS:
            raise BadInputError(f"Unknown mark kind {p['kind']!r}; expected irritant, value or \"\" (none).")
        if "avoidable" in p and p["avoidable"] is not None and not isinstance(p["avoidable"], bool):
            raise BadInputError(f"'avoidable' must be true, false or null; got {p['avoidable']!r}.")
    if decision.action == "undo":
        target = p.get("decision")
        if isinstance(target, bool) or not isinstance(target, int) or target < 1:
            raise BadInputError(
                f"An undo needs payload 'decision': the id of the decision it undoes (a whole number); got {target!r}."
            )


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
        raise BadInputError(f"{path} is not valid YAML{yaml_place(err)}: {getattr(err, 'problem', None) or err}; fix that line.") from err
    except UnicodeDecodeError as err:
        raise BadInputError(f"{path} is not UTF-8 text ({err.reason}); save it as UTF-8.") from err
    if isinstance(doc, dict):
        doc = doc.get("decisions", [])
    if not isinstance(doc, list):
        raise BadInputError(f"{path} holds a {type(doc).__name__}; expected a list of decisions.")
    out = []
    for i, item in enumerate(doc, start=1):  # entries are counted as a reader counts them: from 1
        if not isinstance(item, dict):
            raise BadInputError(f"{path}: entry {i} is a {type(item).__name__}; expected a mapping.")
        try:
            out.append(Decision.from_dict(item))
        except BadInputError as err:
            raise BadInputError(f"{path}: entry {i}: {err}") from err
    _check_ids(path, out)
    return out


def _check_ids(path: Path, decisions: list[Decision]) -> None:
    """Ids in a file are unique, and an undo names a decision the file holds (by its ``id:``)."""
    where: dict[int, int] = {}  # id -> entry number, from 1 as `load_decisions` counts
    for i, d in enumerate(decisions, start=1):
        if d.id is not None:
            if d.id in where:
                raise BadInputError(f"{path}: entries {where[d.id]} and {i} both have id {d.id}; give each decision its own id.")
            where[d.id] = i
    undone: dict[int, int] = {}
    for i, d in enumerate(decisions, start=1):
        if d.action != "undo":
            continue
        target = d.payload["decision"]
        if target not in where:
            raise BadInputError(
                f"{path}: entry {i} undoes decision {target}, but no entry has id {target}: "
                f"write `id: {target}` on the decision to undo."
            )
        if where[target] > i:
            raise BadInputError(f"{path}: entry {i} undoes decision {target}, which comes after it; put the undo after it.")
        if decisions[where[target] - 1].action == "undo":
            raise BadInputError(
                f"{path}: entry {i} undoes decision {target}, itself an undo; to apply a decision again, "
                "delete its undo or write the decision again."
            )
        if target in undone:
            raise BadInputError(f"{path}: entries {undone[target]} and {i} both undo decision {target}; keep one.")
        undone[target] = i


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
