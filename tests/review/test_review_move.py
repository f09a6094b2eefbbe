"""The `move` decision: a stored contact to another driver, kept across merges, never in a model file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from api_fakes import make_model  # noqa: E402

from rootcause.errors import BadInputError  # noqa: E402
from rootcause.review import Decision, apply_decisions  # noqa: E402


def test_a_move_needs_a_contact_and_another_driver():
    with pytest.raises(BadInputError, match="'contact'"):
        Decision(action="move", driver_id="D001", payload={"into": "D002"})
    with pytest.raises(BadInputError, match="already in driver"):
        Decision(action="move", driver_id="D001", payload={"contact": "T1", "into": "D001"})
    with pytest.raises(BadInputError, match="accepts"):
        Decision(action="move", driver_id="D001", payload={"contact": "T1", "into": "D002", "why": "x"})


def test_moves_follow_a_later_merge_of_their_target():
    model = apply_decisions(
        make_model(),
        [
            Decision(action="move", driver_id="D001", payload={"contact": "T1", "into": "D003"}),
            Decision(action="merge", driver_id="D003", payload={"into": "D004"}),
        ],
    )
    assert model.meta["moves"] == {"T1": "D004"}


def test_a_move_to_an_unknown_driver_is_skipped_when_not_strict():
    decisions = [Decision(action="move", driver_id="D001", payload={"contact": "T1", "into": "D999"})]
    with pytest.raises(BadInputError, match="D999"):
        apply_decisions(make_model(), decisions)
    model = apply_decisions(make_model(), decisions, strict=False)
    assert model.meta["moves"] == {} and model.meta["decisions_skipped"]


def test_moved_contact_ids_are_never_written_to_the_model_file(tmp_path):
    model = apply_decisions(make_model(), [Decision(action="move", driver_id="D001", payload={"contact": "T1", "into": "D003"})])
    model.save(tmp_path / "m")
    assert "moves" not in json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))["meta"]
