"""A decision made stale by a refit names the driver now holding most of its driver's contacts
(trial finding G: the hint named D016 by spelling; 9 of the 11 contacts of D018 were in D025)."""

from __future__ import annotations

from rootcause.model.driver_model import Driver, DriverModel
from rootcause.review import Decision, replay_decisions
from rootcause.review.apply import successors


def _model(**meta) -> DriverModel:
    drivers = [Driver(d, f"label {d}", "billing") for d in ("D016", "D025", "D030")]
    drivers[1].label = "return label never came"
    return DriverModel(drivers=drivers, discovery=None, embedder_name="fake", meta=meta)


def test_successors_are_where_most_of_a_retired_drivers_contacts_went():
    former = {f"c{i}": "D018" for i in range(11)} | {"k1": "D016", "k2": "D016", "n1": "unknown"}
    now = {f"c{i}": "D025" for i in range(9)} | {"c9": "D030", "c10": "unknown", "k1": "D030", "k2": "D016", "n1": "D025"}
    assert successors(former, now, kept={"D016", "D025", "D030"}) == {"D018": ["D025", 9, 11]}
    # a tie goes to the smaller id; contacts gone to unknown are no driver's
    assert successors({"a": "D1", "b": "D1", "c": "D1"}, {"a": "D9", "b": "D7", "c": "unknown"}, kept=set()) == {"D1": ["D7", 1, 3]}


def test_a_decision_about_a_retired_driver_names_where_its_contacts_went_not_the_nearest_spelling():
    trail = [Decision("rename", "D018", {"label": "Return label not received"}, id=1)]
    (state,) = replay_decisions(_model(successors={"D018": ["D025", 9, 11]}), trail).states
    assert state.state == "stale"
    assert "9 of its 11 contacts are now in D025 “return label never came”" in state.reason and "D016" not in state.reason
    (typo,) = replay_decisions(_model(), trail).states  # no refit record: the nearest id by spelling, as before
    assert "did you mean D016?" in typo.reason
