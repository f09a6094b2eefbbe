"""Undo, stale decisions and the trail's history (library)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from rootcause.errors import BadInputError
from rootcause.model.driver_model import Driver, DriverModel
from rootcause.review import Decision, apply_decisions, decision_history, load_decisions, replay_decisions, undo
from rootcause.review.decisions import CONFLICT, NOT_FOUND, DecisionRefused

WHEN = datetime(2025, 5, 12, 9, 30, tzinfo=UTC)


@pytest.fixture
def model():
    drivers = [Driver(f"D{i}", f"label {i}", "billing", owner_confidence=0.4, size=10 * i) for i in range(1, 6)]
    return DriverModel(drivers=drivers, discovery=None, embedder_name="fake", meta={"departments": ["billing", "logistics"]})


def _trail(*decisions):
    """Number decisions as the store does (1, 2, …)."""
    out = []
    for i, (action, driver_id, payload) in enumerate(decisions, start=1):
        out.append(Decision(action, driver_id, payload, author="qa-lea", created_at=WHEN, id=i))
    return out


def test_undo_takes_the_decision_out_and_an_earlier_one_wins_again(model):
    trail = _trail(("rename", "D1", {"label": "A"}), ("rename", "D1", {"label": "B"}))
    trail.append(undo(trail, 2, author="qa-max"))
    out = apply_decisions(model, trail)
    assert out.driver("D1").label == "A"
    trail.append(undo(trail, 1, author="qa-max"))
    out = apply_decisions(model, trail)
    assert (out.driver("D1").label, out.driver("D1").reviewed) == ("label 1", False)


def test_undo_a_merge_gives_the_driver_back(model):
    trail = _trail(("merge", "D1", {"into": "D2"}))
    trail.append(undo(trail, 1, author="qa-max"))
    out = apply_decisions(model, trail)
    assert out.aliases == {} and out.driver("D1").driver_id == "D1"
    assert (out.driver("D2").size, out.driver("D2").reviewed) == (20, False)


def test_undo_holds_on_a_saved_model_that_carries_the_undone_decision(model, tmp_path):
    """A refit's model is saved with the trail applied; the next load gets the trail again, with an undo."""
    trail = _trail(
        ("rename", "D1", {"label": "Refund delay"}),
        ("merge", "D2", {"into": "D3"}),
        ("set_owner", "D4", {"department": "logistics"}),
        ("mark", "D5", {"kind": "irritant", "avoidable": True}),
    )
    baked = apply_decisions(model, trail)
    baked.discovery = None
    baked.save(tmp_path / "m")
    loaded = DriverModel.load(tmp_path / "m")
    assert loaded.driver("D1").label == "Refund delay" and loaded.aliases == {"D2": "D3"}
    for n in (1, 2, 3, 4):
        trail.append(undo(trail, n, author="qa-max"))
    out = apply_decisions(loaded, trail)
    assert out.driver("D1").label == "label 1" and not out.driver("D1").reviewed
    assert out.aliases == {} and out.driver("D3").size == 30
    assert (out.driver("D4").owner_department, out.driver("D4").owner_confidence) == ("billing", 0.4)
    assert (out.driver("D5").kind, out.driver("D5").avoidable) == ("", None)
    # applying the same trail twice changes nothing more
    again = apply_decisions(out, trail)
    assert [(d.label, d.owner_department, d.size, d.kind) for d in again.drivers] == [
        (d.label, d.owner_department, d.size, d.kind) for d in out.drivers
    ]


def test_undoing_the_second_merge_of_a_chain_keeps_the_first(model):
    trail = _trail(("merge", "D1", {"into": "D2"}), ("merge", "D2", {"into": "D3"}))
    baked = apply_decisions(model, trail)
    assert baked.aliases == {"D1": "D3", "D2": "D3"}
    trail.append(undo(trail, 2, author="qa-max"))
    out = apply_decisions(baked, trail)
    assert out.aliases == {"D1": "D2"}
    assert (out.driver("D2").size, out.driver("D3").size) == (30, 30)


def test_a_decision_baked_in_by_another_trail_is_kept(model):
    """A model served after `analyze --decisions` keeps that file's decisions; the store's trail adds to them."""
    baked = apply_decisions(model, [Decision("rename", "D1", {"label": "From the file"}, id=1)])
    trail = _trail(("rename", "D2", {"label": "From the API"}))
    trail.append(undo(trail, 1, author="qa-max"))
    out = apply_decisions(baked, trail)
    assert out.driver("D1").label == "From the file" and out.driver("D2").label == "label 2"


def test_stale_decisions_are_skipped_with_their_reason(model):
    trail = _trail(
        ("rename", "D9", {"label": "gone"}),
        ("merge", "D1", {"into": "D8"}),
        ("set_owner", "D2", {"department": "astrology"}),
        ("split", "D7", {"parts": 2}),
        ("rename", "D3", {"label": "kept"}),
    )
    replay = replay_decisions(model, trail, departments=model.department_ids)
    states = [(s.state, s.reason) for s in replay.states]
    assert [s for s, _ in states] == ["stale", "stale", "stale", "stale", "active"]
    assert "this model has no driver 'D9'" in states[0][1]
    assert "merge of D1: this model has no driver 'D8'" in states[1][1]
    assert "'astrology' is not a department of the catalogue (billing, logistics)" in states[2][1]
    assert "no driver 'D7'" in states[3][1]
    assert replay.model.driver("D3").label == "kept" and replay.model.aliases == {}
    assert replay.model.meta["decisions_applied"] == 1 and len(replay.model.meta["decisions_skipped"]) == 4
    with pytest.raises(BadInputError, match="D9"):
        apply_decisions(model, trail)


def test_history_says_who_undid_what_and_when(model):
    trail = _trail(("rename", "D1", {"label": "A"}), ("merge", "D9", {"into": "D1"}), ("split", "D2", {"parts": 2}))
    trail.append(Decision("undo", "D1", {"decision": 1}, author="qa-max", created_at=WHEN, id=4))
    states = decision_history(model, trail)
    assert [(s.decision.id, s.state, s.undone_by) for s in states] == [(1, "undone", 4), (2, "stale", None), (3, "active", None), (4, "active", None)]
    assert states[0].reason == "undone by decision 4 (qa-max, 2025-05-12)"
    assert states[2].reason == "applied at the next refit" and states[3].reason == "undoes decision 1"
    # without a model, nothing is stale but undone decisions are still told apart
    assert [s.state for s in decision_history(None, trail)] == ["undone", "active", "active", "active"]


def test_replay_marks_what_review_touched(model):
    trail = _trail(("rename", "D1", {"label": "A"}), ("merge", "D2", {"into": "D1"}), ("mark", "D3", {"kind": "value"}))
    replay = replay_decisions(model, trail)
    assert replay.reviewed == {"D1": ["rename", "merge"], "D3": ["mark"]}
    assert replay.model.meta["review"] == replay.reviewed


def test_undo_refuses_unknown_undo_of_undo_and_twice(model):
    trail = _trail(("rename", "D1", {"label": "A"}))
    with pytest.raises(DecisionRefused, match="No decision 7 to undo") as err:
        undo(trail, 7, author="x")
    assert err.value.kind == NOT_FOUND
    trail.append(Decision("undo", "D1", {"decision": 1}, id=2))
    with pytest.raises(DecisionRefused, match="undone already, by decision 2") as err:
        undo(trail, 1, author="x")
    assert err.value.kind == CONFLICT
    with pytest.raises(DecisionRefused, match="itself an undo") as err:
        undo(trail, 2, author="x")
    assert err.value.kind == CONFLICT


@pytest.mark.parametrize("target", [0, "3", None, True])
def test_an_undo_names_a_decision_id(target):
    with pytest.raises(BadInputError, match="payload 'decision'"):
        Decision("undo", "D1", {"decision": target})


def test_a_decisions_file_undoes_by_id(tmp_path, model):
    p = tmp_path / "decisions.yaml"
    p.write_text(
        "- {id: 1, action: rename, driver_id: D1, payload: {label: Refund delay}}\n"
        "- {action: rename, driver_id: D2, payload: {label: Kept}}\n"
        "- {action: undo, driver_id: D1, payload: {decision: 1}, author: qa-max}\n",
        encoding="utf-8",
    )
    trail = load_decisions(p)
    out = apply_decisions(model, trail)
    assert out.driver("D1").label == "label 1" and out.driver("D2").label == "Kept"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("- {action: undo, driver_id: D1, payload: {decision: 4}}\n", "entry 1 undoes decision 4, but no entry has id 4: write `id: 4`"),
        # entries are counted from 1, as a reader counts them (trial finding H: the 6th entry was called "entry 5")
        ("- {id: 1, action: rename, driver_id: D1, payload: {label: A}}\n" + "- {action: mark, driver_id: D1, payload: {kind: value}}\n" * 4
         + "- {action: undo, driver_id: D1, payload: {decision: 7}}\n", "entry 6 undoes decision 7"),
        ("- {id: 2, action: rename, driver_id: D1, payload: {label: A}}\n- {id: 2, action: mark, driver_id: D1, payload: {kind: value}}\n", "entries 1 and 2 both have id 2"),
        ("- {action: undo, driver_id: D1, payload: {decision: 2}}\n- {id: 2, action: rename, driver_id: D1, payload: {label: A}}\n", "comes after it"),
        ("- {id: 1, action: rename, driver_id: D1, payload: {label: A}}\n- {id: 2, action: undo, driver_id: D1, payload: {decision: 1}}\n"
         "- {action: undo, driver_id: D1, payload: {decision: 2}}\n", "itself an undo"),
        ("- {id: 1, action: rename, driver_id: D1, payload: {label: A}}\n- {action: undo, driver_id: D1, payload: {decision: 1}}\n"
         "- {action: undo, driver_id: D1, payload: {decision: 1}}\n", "entries 2 and 3 both undo decision 1"),
        ("- {id: zero, action: rename, driver_id: D1, payload: {label: A}}\n", "whole number"),
    ],
)
def test_a_bad_undo_in_a_file_is_a_clear_error(tmp_path, text, match):
    p = tmp_path / "decisions.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(BadInputError, match=match):
        load_decisions(p)


def test_the_apis_trail_with_states_is_a_decisions_file(tmp_path, model):
    """GET /v1/decisions adds state, reason and undone_by: read back, they are ignored (worked out again)."""
    trail = [
        {"id": 1, "action": "rename", "driver_id": "D1", "payload": {"label": "A"}, "author": "a",
         "created_at": "2025-05-12T09:30:00Z", "state": "undone", "reason": "undone by decision 2", "undone_by": 2},
        {"id": 2, "action": "undo", "driver_id": "D1", "payload": {"decision": 1}, "author": "b",
         "created_at": "2025-05-12T09:31:00Z", "state": "active", "reason": "undoes decision 1", "undone_by": None},
    ]
    p = tmp_path / "trail.json"
    p.write_text(json.dumps(trail), encoding="utf-8")
    assert [d.action for d in load_decisions(p)] == ["rename", "undo"]
    assert apply_decisions(model, load_decisions(p)).driver("D1").label == "label 1"
