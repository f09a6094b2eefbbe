"""The review queue: which questions come first, what each offers, and the decision an answer makes."""

from __future__ import annotations

import numpy as np
import pytest

from rootcause.errors import BadInputError
from rootcause.model.driver_model import Driver, DriverModel
from rootcause.review import Decision, apply_decisions, review_queue
from rootcause.review.queue import QUEUE_COLUMNS, purity_signals, queue_frame


class Centroids:
    """Stands in for a fitted discovery: only its centroids are read."""

    def __init__(self, centroids: np.ndarray) -> None:
        self.centroids_ = centroids


def _driver(i: str, size: int, scores: dict[str, float], **kw) -> Driver:
    owner = max(scores, key=scores.__getitem__)
    return Driver(i, f"label {i}", owner, owner_confidence=scores[owner], size=size, owner_scores=scores, **kw)


@pytest.fixture
def model() -> DriverModel:
    drivers = [
        _driver("D001", 100, {"billing": 0.8, "network": 0.1, "logistics": 0.1}),  # large, sure
        _driver("D002", 30, {"billing": 0.36, "network": 0.34, "logistics": 0.30}),  # contested
        _driver("D003", 20, {"logistics": 0.5, "network": 0.3, "billing": 0.2}),
        _driver("D004", 10, {"network": 0.6, "billing": 0.3, "logistics": 0.1}, split_share=0.4, split_separation=0.9),
    ]
    # D003 and D004 are each other's nearest; D001's nearest is D002, whose nearest is D003
    C = np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.0, 0.8, 0.6], [0.0, 0.6, 0.8]])
    names = {"billing": "Billing", "network": "Network", "logistics": "Logistics"}
    return DriverModel(drivers=drivers, discovery=Centroids(C), embedder_name="fake", meta={"department_names": names})


def _by_key(questions):
    return {q.key: q for q in questions}


def test_owner_uncertainty_is_the_runner_up_over_the_owner_and_ranks_by_contacts_fixed(model):
    qs = review_queue(model)
    owner = [q for q in qs if q.kind == "owner"]
    d2 = _by_key(qs)["owner:D002"]
    assert d2.uncertainty == pytest.approx(0.34 / 0.36, abs=1e-3)
    assert d2.expected_fixed == pytest.approx(30 * 0.34 / 0.36, abs=0.01)
    # the contested 30-contact driver comes before the sure 100-contact one
    assert [q.driver_id for q in owner] == ["D002", "D001", "D003", "D004"]
    assert d2.contested and not _by_key(qs)["owner:D001"].contested
    assert [(c.id, c.score, c.name) for c in d2.candidates] == [("billing", 0.36, "Billing"), ("network", 0.34, "Network")]
    assert "contested owner: Billing 0.36 against Network 0.34" in d2.reason
    fixed = [q.expected_fixed for q in qs]
    assert fixed == sorted(fixed, reverse=True)


def test_an_emerging_driver_counts_its_contacts_twice(model):
    plain = _by_key(review_queue(model))["owner:D003"]
    grown = _by_key(review_queue(model, emerging={"D003"}))["owner:D003"]
    assert grown.expected_fixed == pytest.approx(2 * plain.expected_fixed)
    assert grown.emerging and grown.reason.startswith("emerging driver")
    # "about 24 right" of 20 contacts says why (an analyst trial)
    assert grown.expected_fixed > grown.contacts and "counting those still to come" in grown.reason
    assert "still to come" not in plain.reason


def test_merge_is_asked_only_for_mutual_nearest_drivers_into_the_larger(model):
    merges = [q for q in review_queue(model) if q.kind == "merge"]
    assert [q.key for q in merges] == ["merge:D004>D003"]
    q = merges[0]
    assert q.contacts == 10 and q.uncertainty == pytest.approx(0.96, abs=1e-3)  # cosine of the two centroids
    dec = q.decision(accept=True, author="qa")
    assert (dec.action, dec.driver_id, dec.payload, dec.author) == ("merge", "D004", {"into": "D003"}, "qa")
    assert q.decision(accept=False) is None


def test_split_question_moves_the_smaller_part(model):
    q = _by_key(review_queue(model))["split:D004"]
    assert q.expected_fixed == pytest.approx(10 * 0.4 * 0.9)
    assert [c.id for c in q.candidates] == ["D004.1", "D004.2"]
    assert q.decision().action == "split" and q.decision().payload == {"parts": 2}


def test_answered_questions_leave_the_queue(model):
    decisions = [Decision("set_owner", "D002", {"department": "network"}), Decision("merge", "D004", {"into": "D003"})]
    reviewed = apply_decisions(model, [*decisions, Decision("rename", "D001", {"label": "Refund never paid"})])
    keys = {q.key for q in review_queue(reviewed)}
    assert "owner:D002" not in keys  # its owner answered
    assert not any("D004" in k for k in keys)  # merged away
    # trial finding: a rename (or a merge) answered no owner question, yet took it off the queue
    assert {"owner:D003", "owner:D001"} <= keys
    assert "split:D004" not in {q.key for q in review_queue(model, skip=["split:D004"])}


def test_owner_answer_names_the_department(model):
    q = _by_key(review_queue(model))["owner:D002"]
    assert q.decision().payload == {"department": "billing"}  # confirm
    assert q.decision(department="network").payload == {"department": "network"}  # correct


def test_live_sizes_limit_and_language(model):
    qs = review_queue(model, sizes={"D001": 0, "D002": 5, "D003": 50, "D004": 1}, limit=2, language="fr")
    assert len(qs) == 2 and qs[0].key == "owner:D003"
    assert "responsable" in qs[0].reason and "D001" not in {q.driver_id for q in qs}
    with pytest.raises(BadInputError, match="en, fr"):
        review_queue(model, language="de")


def test_queue_frame_has_one_row_per_question(model):
    qs = review_queue(model)
    frame = queue_frame(qs)
    assert tuple(frame.columns) == QUEUE_COLUMNS and frame.height == len(qs)
    assert frame["rank"].to_list() == list(range(1, len(qs) + 1))
    assert frame.filter(frame["key"] == "owner:D002")["candidates"].item() == "billing (0.36); network (0.34)"


def test_purity_signals_see_two_problems_in_one_driver():
    rng = np.random.default_rng(0)
    a = rng.normal([1, 0, 0], 0.05, (20, 3))
    b = rng.normal([0, 1, 0], 0.05, (10, 3))
    one = rng.normal([0, 0, 1], 0.05, (30, 3))
    X = np.vstack([a, b, one])
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    labels = np.array([0] * 30 + [1] * 30)
    (share0, sep0), (share1, sep1) = purity_signals(X, labels, 2)
    assert share0 == pytest.approx(1 / 3, abs=1e-3) and sep0 > 0.9
    assert sep1 < 0.2 < sep0
    assert purity_signals(X, np.array([0] * 3 + [-1] * 57), 1) == [(0.0, 0.0)]


def test_owner_question_offers_the_owner_and_the_best_other_department_when_the_owner_is_not_the_top_score(model):
    model.drivers[2].owner_department = "network"  # an owner not from the scores (e.g. carried over)
    q = {x.key: x for x in review_queue(model)}["owner:D003"]
    assert [c.id for c in q.candidates] == ["network", "logistics"]
    assert q.uncertainty == 1.0  # the other department scores higher than the owner


def _grouped(groups: dict[str, list[float]], owner_scores=None, size=20, **kw) -> DriverModel:
    d = _driver("D005", size, owner_scores or {"billing": 0.6, "network": 0.3, "logistics": 0.1}, member_owners=groups, **kw)
    return DriverModel(drivers=[d], discovery=Centroids(np.eye(3)[:1]), embedder_name="fake", meta={"department_names": {"network": "Network", "billing": "Billing"}})


def test_group_question_asks_for_the_largest_group_that_reads_like_another_department():
    m = _grouped({"billing": [12, 0.8], "network": [6, 0.5], "logistics": [2, 0.9]})
    q = _by_key(review_queue(m))["group:D005>network"]
    assert (q.kind, q.group, q.contacts) == ("group", 6, 20)
    assert q.uncertainty == pytest.approx(0.5) and q.expected_fixed == pytest.approx(6 * 0.5)
    assert [(c.id, c.score) for c in q.candidates] == [("network", 0.5), ("billing", 0.6)]
    assert "6 of its contacts read like Network's process (their vote 0.50), not Billing's" in q.reason
    fr = _by_key(review_queue(m, language="fr"))["group:D005>network"]
    assert "6 de ses contacts relèvent plutôt de Network" in fr.reason


def test_group_answer_is_a_split_with_that_owner_and_declining_or_naming_the_owner_makes_none():
    q = _by_key(review_queue(_grouped({"billing": [14, 0.8], "network": [6, 0.5]})))["group:D005>network"]
    dec = q.decision(author="qa")
    assert (dec.action, dec.driver_id, dec.payload, dec.author) == ("split", "D005", {"parts": 2, "owner": "network"}, "qa")
    assert q.decision(department="logistics").payload == {"parts": 2, "owner": "logistics"}
    assert q.decision(accept=False) is None and q.decision(department="billing") is None


def test_no_group_question_for_a_group_of_one_or_half_the_driver_or_a_driver_split_or_carved_already():
    kinds = lambda m: {q.kind for q in review_queue(m)}  # noqa: E731
    assert "group" not in kinds(_grouped({"billing": [19, 0.8], "network": [1, 0.9]}))
    # 10 of 20 read like network: the owner question's business, not a group's
    assert "group" not in kinds(_grouped({"billing": [10, 0.8], "network": [10, 0.9]}))
    m = _grouped({"billing": [14, 0.8], "network": [6, 0.5]})
    pending = apply_decisions(m, [Decision("split", "D005", {"parts": 2, "owner": "network"})])
    assert "group" not in kinds(pending) and "split" not in kinds(pending)
    carved = _grouped({"billing": [14, 0.8], "network": [6, 0.5]})
    carved.drivers.append(_driver("D005.2", 6, {"network": 0.9, "billing": 0.1}))
    assert "group" not in kinds(carved)


def test_group_counts_follow_the_live_size_of_the_driver():
    q = _by_key(review_queue(_grouped({"billing": [14, 0.8], "network": [6, 0.5]}), sizes={"D005": 40}))["group:D005>network"]
    assert q.group == 12 and q.contacts == 40


def test_queue_frame_has_the_group_column():
    frame = queue_frame(review_queue(_grouped({"billing": [14, 0.8], "network": [6, 0.5]})))
    assert frame.filter(frame["kind"] == "group")["group"].to_list() == [6]


def test_member_owners_groups_each_drivers_contacts_by_their_own_vote():
    from rootcause.review.queue import member_owners

    votes = np.array([[0.9, 0.1], [0.2, 0.8], [0.7, 0.3], [0.4, 0.6], [0.5, 0.5]])
    out = member_owners(votes, np.array([0, 0, 0, 1, -1]), 2, ["billing", "network"])
    assert out == [{"billing": [2, 0.8], "network": [1, 0.8]}, {"network": [1, 0.6]}]


def test_a_declined_question_is_not_asked_again_until_its_decline_is_undone(model):
    q = _by_key(review_queue(model))["merge:D004>D003"]
    no = q.decline(author="qa")
    assert (no.action, no.driver_id, no.payload) == ("decline", "D004", {"question": "merge:D004>D003"})
    declined = apply_decisions(model, [Decision("decline", "D004", {"question": "merge:D004>D003"}, id=1)])
    keys = set(_by_key(review_queue(declined)))
    assert "merge:D004>D003" not in keys and "split:D004" in keys  # only that question
    assert not declined.driver("D004").reviewed and declined.meta["review"] == {}  # an answer, not a change
    undone = apply_decisions(model, [Decision("decline", "D004", {"question": "merge:D004>D003"}, id=1), Decision("undo", "D004", {"decision": 1}, id=2)])
    assert "merge:D004>D003" in _by_key(review_queue(undone))


def test_a_question_declined_in_the_fit_s_decisions_file_stays_declined_when_serve_replays_its_trail(model):
    """An analyst trial: `serve --model` of a model fitted with `analyze --decisions FILE` asked
    again the question the file declined (the store's trail replaced the model's declines)."""
    fitted = apply_decisions(model, [Decision("decline", "D004", {"question": "merge:D004>D003"}, id=1)])
    fitted.meta["declined_at_fit"] = list(fitted.meta["declined"])  # as `analyze --decisions` saves it
    served = apply_decisions(fitted, [Decision("rename", "D001", {"label": "Refunds"}, id=1)])  # the store's trail
    assert "merge:D004>D003" not in _by_key(review_queue(served))
    trail = [Decision("decline", "D004", {"question": "merge:D004>D003"}, id=1), Decision("undo", "D004", {"decision": 1}, id=2)]
    assert "merge:D004>D003" in _by_key(review_queue(apply_decisions(fitted, trail)))  # undone in the workbench: asked again


def test_a_decline_of_a_question_this_model_cannot_ask_is_stale(model):
    """Trial: 'merge:D003>D00' (a typo) was counted as applied, and the real question kept coming."""
    from rootcause.review.apply import replay_decisions

    replay = replay_decisions(model, [Decision("decline", "D004", {"question": "merge:D004>D00"}, id=1)], departments=["billing", "network"])
    assert [s.decision.id for s in replay.stale] == [1] and "no driver 'D00'" in replay.stale[0].reason
    assert replay.model.meta["declined"] == []
    replay = replay_decisions(model, [Decision("decline", "D004", {"question": "group:D004>biling"}, id=2)], departments=["billing", "network"])
    assert [s.decision.id for s in replay.stale] == [2] and "'biling' is not a department" in replay.stale[0].reason


@pytest.mark.parametrize("key", ["owner:D004", "merge:D003>D004", "split", "group:D001>billing"])
def test_a_decline_names_a_merge_split_or_group_question_about_its_driver(key):
    with pytest.raises(BadInputError, match="key of a merge, split, group question about driver 'D004'"):
        Decision("decline", "D004", {"question": key})


def test_no_merge_question_for_drivers_that_do_not_read_alike_at_all():
    """Trial finding H: a merge was asked at "similarity 0.00" (mutual nearest, yet orthogonal):
    a merge, split or group question whose "yes" may not put one contact right is not asked."""
    drivers = [
        _driver("D001", 40, {"billing": 0.9, "network": 0.1}),
        _driver("D002", 9, {"billing": 0.9, "network": 0.1}),
        _driver("D003", 30, {"network": 0.9, "billing": 0.1}),
        _driver("D004", 20, {"network": 0.9, "billing": 0.1}),
    ]
    # D001 and D002 are each other's nearest at cosine 0; D003 and D004 at cosine 0.6
    C = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.6, 0.8]])
    qs = review_queue(DriverModel(drivers=drivers, discovery=Centroids(C), embedder_name="fake"))
    assert [q.key for q in qs if q.kind == "merge"] == ["merge:D004>D003"]
    assert all(q.expected_fixed >= 1 for q in qs if q.kind != "owner")
    assert {q.driver_id for q in qs if q.kind == "owner"} == {"D001", "D002", "D003", "D004"}  # every owner is asked
