"""Review decisions applied to a model copy; decision files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rootcause.errors import BadInputError
from rootcause.model.driver_model import Driver, DriverModel
from rootcause.review import Decision, apply_decisions, load_decisions, save_decisions


@pytest.fixture
def model():
    drivers = [Driver(f"D{i}", f"label {i}", "billing", owner_confidence=0.4, size=10 * i) for i in range(1, 5)]
    return DriverModel(drivers=drivers, discovery=None, embedder_name="fake")


def test_rename_sets_label_and_reviewed_on_a_copy(model):
    out = apply_decisions(model, [Decision("rename", "D1", {"label": "Refund delay"})])
    assert out.driver("D1").label == "Refund delay" and out.driver("D1").reviewed
    assert model.driver("D1").label == "label 1" and not model.driver("D1").reviewed


def test_merge_adds_an_alias_and_follows_chains(model):
    out = apply_decisions(
        model, [Decision("merge", "D1", {"into": "D2"}), Decision("merge", "D2", {"into": "D3"})]
    )
    assert out.aliases == {"D1": "D3", "D2": "D3"}
    assert out.resolve("D1") == "D3"
    assert out.driver("D3").size == 10 + 20 + 30
    assert model.aliases == {}


def test_replayed_merge_is_harmless(model):
    d = Decision("merge", "D1", {"into": "D2"})
    out = apply_decisions(model, [d, d])
    assert out.aliases == {"D1": "D2"}
    assert out.driver("D2").size == 30


def test_set_owner_and_mark(model):
    out = apply_decisions(
        model,
        [Decision("set_owner", "D2", {"department": "logistics"}), Decision("mark", "D2", {"kind": "irritant", "avoidable": True})],
    )
    d = out.driver("D2")
    assert (d.owner_department, d.owner_confidence, d.reviewed, d.kind, d.avoidable) == ("logistics", 1.0, True, "irritant", True)


def test_a_reviewer_s_owner_drops_the_evidence_attribution_gave_for_the_model_s(model):
    """An analyst trial: after a set_owner, the driver page quoted the other department's text as
    the owner's evidence. Undone, the model's owner and its evidence come back."""
    model.drivers[1].owner_evidence = "its contacts read most like the catalogue's “emballage”"
    out = apply_decisions(model, [Decision("set_owner", "D2", {"department": "logistics"}, id=1)])
    assert out.driver("D2").owner_evidence == ""
    back = apply_decisions(out, [Decision("set_owner", "D2", {"department": "logistics"}, id=1), Decision("undo", "D2", {"decision": 1}, id=2)])
    assert (back.driver("D2").owner_department, back.driver("D2").owner_evidence) == ("billing", model.drivers[1].owner_evidence)


def test_decision_on_a_merged_id_applies_to_the_survivor(model):
    out = apply_decisions(model, [Decision("merge", "D1", {"into": "D2"}), Decision("rename", "D1", {"label": "X"})])
    assert out.driver("D2").label == "X"


def test_unknown_driver_strict_and_lenient(model):
    dec = [Decision("rename", "D9", {"label": "X"}), Decision("rename", "D1", {"label": "Y"})]
    with pytest.raises(BadInputError, match="D9"):
        apply_decisions(model, dec)
    out = apply_decisions(model, dec, strict=False)
    assert out.driver("D1").label == "Y"
    assert out.meta["decisions_applied"] == 1


@pytest.mark.parametrize(
    ("action", "payload", "match"),
    [
        ("explode", {}, "Unknown review action"),
        ("rename", {"label": " "}, "non-empty"),
        ("rename", {"name": "x"}, "accepts"),
        ("merge", {"into": "D1"}, "itself"),
        ("merge", {}, "into"),
        ("set_owner", {}, "department"),
        ("mark", {}, "kind"),
        ("mark", {"kind": "nice"}, "Unknown mark kind"),
        ("mark", {"avoidable": "yes"}, "avoidable"),
    ],
)
def test_malformed_decisions_are_refused(action, payload, match):
    with pytest.raises(BadInputError, match=match):
        Decision(action, "D1", payload)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_save_and_load_round_trip(tmp_path, suffix):
    when = datetime(2024, 3, 5, 10, 0, tzinfo=UTC)
    decisions = [
        Decision("rename", "D1", {"label": "Délai de remboursement"}, "alice", when, id=1),
        Decision("mark", "D2", {"kind": "value", "avoidable": None}, "bob", when, id=2),
    ]
    path = save_decisions(tmp_path / f"decisions{suffix}", decisions)
    assert load_decisions(path) == decisions


def test_hand_written_yaml_list(tmp_path):
    p = tmp_path / "d.yml"
    p.write_text("- {action: merge, driver_id: D3, payload: {into: D1}}\n", encoding="utf-8")
    (d,) = load_decisions(p)
    assert (d.action, d.driver_id, d.payload) == ("merge", "D3", {"into": "D1"})


def test_bad_decision_file_names_the_entry(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text("decisions:\n  - {action: rename, driver_id: D1, payload: {}}\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="entry 1:"):
        load_decisions(p)
    with pytest.raises(BadInputError, match="No decisions file"):
        load_decisions(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [("bad.json", '[{"action": "rename",\n "driver_id": }]', "line 2"), ("bad.yaml", "- action: rename\n  label: [unclosed\n", "line")],
)
def test_malformed_decisions_file_is_a_clear_error(tmp_path, name, text, where):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(BadInputError, match=where) as err:
        load_decisions(p)
    assert str(p) in str(err.value)
