"""Behaviour of DriverDiscovery on small synthetic embeddings."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from rootcause.discover import DriverDiscovery
from rootcause.errors import BadInputError, NotFittedError


def blobs(k: int = 6, per: int = 30, dim: int = 32, noise: float = 0.15, seed: int = 0):
    """``k`` well-separated groups of unit vectors around random directions."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(k, dim))
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    y = np.repeat(np.arange(k), per)
    X = centers[y] + noise * rng.normal(size=(k * per, dim)) / np.sqrt(dim) * 3
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    return X.astype(np.float32), y, centers.astype(np.float32)


def test_recovers_separated_blobs_without_k():
    X, y, _ = blobs(k=7)
    model = DriverDiscovery(seed=0).fit(X)
    assert model.n_drivers_ == 7
    assert adjusted_rand_score(y, model.labels_) > 0.95
    assert (model.labels_ == -1).mean() <= 0.05


@pytest.mark.parametrize("k", [3, 12])
def test_granularity_adapts_to_number_of_groups(k):
    X, y, _ = blobs(k=k, per=20, seed=k)
    model = DriverDiscovery(seed=0).fit(X)
    assert model.n_drivers_ == k


def test_same_seed_identical():
    X, _, _ = blobs()
    a = DriverDiscovery(seed=3).fit(X)
    b = DriverDiscovery(seed=3).fit(X)
    np.testing.assert_array_equal(a.labels_, b.labels_)
    np.testing.assert_array_equal(a.centroids_, b.centroids_)


def test_learned_attributes_shapes():
    X, _, _ = blobs(k=4)
    m = DriverDiscovery().fit(X)
    assert m.labels_.dtype.kind == "i" and m.labels_.shape == (len(X),)
    assert m.labels_.min() >= -1 and m.labels_.max() == m.n_drivers_ - 1
    assert m.centroids_.dtype == np.float32 and m.centroids_.shape == (m.n_drivers_, X.shape[1])
    np.testing.assert_allclose(np.linalg.norm(m.centroids_, axis=1), 1.0, rtol=1e-5)
    assert ((m.confidence_ >= 0) & (m.confidence_ <= 1)).all()
    assert m.known_names_ == [None] * m.n_drivers_


@settings(max_examples=5, deadline=None)
@given(st.integers(min_value=0, max_value=2**31 - 1))
def test_row_order_invariant_up_to_renumbering(perm_seed):
    X, _, _ = blobs(k=5, per=20)
    perm = np.random.default_rng(perm_seed).permutation(len(X))
    a = DriverDiscovery(seed=0).fit(X).labels_
    b = DriverDiscovery(seed=0).fit(X[perm]).labels_
    assert adjusted_rand_score(a[perm], b) == pytest.approx(1.0)


def test_far_away_points_unassigned():
    X, _, _ = blobs(k=5)
    m = DriverDiscovery(seed=0).fit(X)
    far = -m.centroids_.mean(axis=0, keepdims=True)  # opposite to every driver
    far = np.vstack([far, np.eye(X.shape[1], dtype=np.float32)[:1] * 0 + far])
    labels, conf = m.predict(far)
    assert (labels == -1).all()
    assert (conf == 0).all()


def test_predict_consistent_with_fit():
    X, _, _ = blobs(k=5)
    m = DriverDiscovery(seed=0).fit(X)
    labels, _ = m.predict(X, novelty=False)
    np.testing.assert_array_equal(labels, m.labels_)
    # the fitted rows' own labels and confidences are the nearest centroid's (as before prototypes)
    plain = pickle.loads(pickle.dumps(m))
    del plain.prototypes_, plain.prototype_drivers_
    labels, conf = plain.predict(X, novelty=False)
    np.testing.assert_array_equal(labels, m.labels_)
    np.testing.assert_allclose(conf, m.confidence_)


def test_new_contacts_far_from_every_driver_are_unknown():
    """The novelty fence is stricter than the fit's: off-topic points are unknown, members are not."""
    X, _, _ = blobs(k=5)
    m = DriverDiscovery(seed=0).fit(X)
    assert m.unknown_threshold_ > m.threshold_
    rng = np.random.default_rng(1)
    far = rng.normal(size=(50, X.shape[1])).astype(np.float32)
    far /= np.linalg.norm(far, axis=1, keepdims=True)
    labels, conf = m.predict(far)
    assert (labels == -1).mean() > 0.9
    assert np.all(conf[labels == -1] == 0)
    assert (m.predict(X)[0] == -1).mean() < 0.05


def test_predict_works_without_texts_when_fitted_with_texts():
    X, _, _ = blobs(k=4)
    texts = [f"contact {i}" for i in range(len(X))]
    m = DriverDiscovery(seed=0).fit(X, texts=texts)
    labels, _ = m.predict(X[:5])
    assert labels.shape == (5,)


def test_partial_labels_keep_their_names_and_new_drivers_found():
    X, y, _ = blobs(k=6, per=30)
    codes: list[str | None] = [None] * len(X)
    for cls in range(4):  # codes known for 4 of 6 reasons, 3 rows each
        for i in np.flatnonzero(y == cls)[:3]:
            codes[i] = f"code_{cls}"
    m = DriverDiscovery(seed=0).fit(X, partial_labels=codes)
    named = {n for n in m.known_names_ if n is not None}
    assert named == {f"code_{c}" for c in range(4)}
    for cls in range(4):
        driver = m.known_names_.index(f"code_{cls}")
        assert (m.labels_[y == cls] == driver).mean() > 0.95
    # the two uncoded reasons are still found as separate, unnamed drivers
    unnamed = [i for i, n in enumerate(m.known_names_) if n is None]
    found = {int(np.bincount(m.labels_[y == cls][m.labels_[y == cls] >= 0]).argmax()) for cls in (4, 5)}
    assert found <= set(unnamed) and len(found) == 2


def test_picklable_roundtrip():
    X, _, _ = blobs(k=4)
    m = DriverDiscovery(seed=0).fit(X)
    m2 = pickle.loads(pickle.dumps(m))
    np.testing.assert_array_equal(m2.predict(X)[0], m.predict(X)[0])


def test_predict_before_fit_raises():
    with pytest.raises(NotFittedError):
        DriverDiscovery().predict(np.zeros((2, 4), dtype=np.float32))


@pytest.mark.parametrize(
    "X",
    [np.zeros(5, dtype=np.float32), np.full((5, 3), np.nan, dtype=np.float32), np.ones((1, 3), dtype=np.float32)],
)
def test_bad_input_raises(X):
    with pytest.raises(BadInputError):
        DriverDiscovery().fit(X)


def test_predict_wrong_dim_raises():
    X, _, _ = blobs(k=3)
    m = DriverDiscovery().fit(X)
    with pytest.raises(BadInputError, match="columns"):
        m.predict(np.ones((2, 5), dtype=np.float32))


def test_large_input_fits_on_sample_and_assigns_rest():
    X, y, _ = blobs(k=5, per=200)
    m = DriverDiscovery(seed=0, max_fit_samples=300).fit(X)
    assert m.labels_.shape == (len(X),)
    assert adjusted_rand_score(y, m.labels_) > 0.9


def test_bad_assign_option_raises():
    from rootcause.errors import ConfigError

    X, _, _ = blobs(k=3)
    with pytest.raises(ConfigError, match="assign"):
        DriverDiscovery(assign="nearest").fit(X)


def test_groups_balance_a_driver_centroid_between_languages():
    from rootcause.discover.estimator import _centroids

    # One driver: 9 rows of group "fr" around one point, 3 of group "en" around another.
    rng = np.random.default_rng(0)
    fr = np.array([1.0, 0.2, 0.0]) + 0.01 * rng.standard_normal((9, 3))
    en = np.array([1.0, -0.2, 0.0]) + 0.01 * rng.standard_normal((3, 3))
    X = np.vstack([fr, en]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    labels = np.zeros(12, dtype=np.int64)
    plain = _centroids(X, labels, 1)[0]
    balanced = _centroids(X, labels, 1, ["fr"] * 9 + ["en"] * 3)[0]
    assert plain[1] > 0.09  # pulled toward the French majority
    assert abs(balanced[1]) < plain[1] / 2  # both languages weigh more evenly
    assert np.isclose(np.linalg.norm(balanced), 1.0, atol=1e-5)
    # Under MIN_GROUP_MEMBERS rows, a group does not count: the plain centroid stays.
    few = _centroids(X[:11], labels[:11], 1, ["fr"] * 9 + ["en"] * 2)[0]
    assert np.allclose(few, _centroids(X[:11], labels[:11], 1)[0])


def test_groups_do_not_change_the_discovered_drivers():
    X, _, _ = blobs(k=4, per=30, seed=3)
    groups = ["fr" if i % 3 else "en" for i in range(len(X))]
    plain = DriverDiscovery(seed=0).fit(X)
    grouped = DriverDiscovery(seed=0).fit(X, groups=groups)
    assert np.array_equal(plain.labels_, grouped.labels_)
    with pytest.raises(BadInputError, match="one group per row"):
        DriverDiscovery(seed=0).fit(X, groups=groups[:-1])


# ---------------------------------------------------------------------- prototypes


def _two_clumps_and_a_neighbour():
    """Driver 0: two clumps (around x and y); driver 1: one clump next to x.

    Seen from a point at x, driver 1's centroid (0.74) is nearer than driver 0's (0.71),
    though the point sits in driver 0's clump.
    """
    rng = np.random.default_rng(0)
    d = np.array([1.0, 0.0, 0.9]) / np.linalg.norm([1.0, 0.0, 0.9])
    parts = [np.array([1.0, 0, 0]), np.array([0, 1.0, 0]), d]
    X = np.vstack([p + 0.02 * rng.standard_normal((40, 3)) for p in parts]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    labels = np.repeat([0, 0, 1], 40)
    return X, labels


def test_prototypes_assign_a_contact_to_the_clump_it_sits_in():
    X, labels = _two_clumps_and_a_neighbour()
    m = DriverDiscovery(seed=0).fit(X).relabel(X, labels)
    m.threshold_ = m.unknown_threshold_ = -1.0  # the fence out of the way: the rule alone
    at_x = np.array([[1.0, 0.0, 0.0]], dtype=np.float32)
    assert m.predict(at_x)[0].tolist() == [0]
    assert set(m.prototype_drivers_.tolist()) == {0, 1}
    assert (m.prototype_drivers_ == 0).sum() > 2  # the centroid and the clumps' centres
    # an estimator saved before prototypes existed assigns by nearest centroid, as it did
    old = pickle.loads(pickle.dumps(m))
    del old.prototypes_, old.prototype_drivers_
    assert old.predict(at_x)[0].tolist() == [1]


def test_prototypes_keep_the_centroid_fence_and_give_a_softmax_confidence():
    X, _, _ = blobs(k=5)
    m = DriverDiscovery(seed=0).fit(X)
    old = pickle.loads(pickle.dumps(m))
    del old.prototypes_, old.prototype_drivers_
    rng = np.random.default_rng(1)
    far = rng.normal(size=(50, X.shape[1])).astype(np.float32)
    both = np.vstack([X, far])
    new_labels, new_conf = m.predict(both)
    old_labels, _ = old.predict(both)
    np.testing.assert_array_equal(new_labels < 0, old_labels < 0)  # the same contacts are unknown
    assert np.all((new_conf > 0) & (new_conf <= 1) | (new_labels < 0))


def test_prototypes_do_not_depend_on_row_order():
    from rootcause.discover.estimator import driver_prototypes

    X, labels = _two_clumps_and_a_neighbour()
    C = np.vstack([X[labels == j].mean(axis=0) for j in (0, 1)])
    perm = np.random.default_rng(0).permutation(len(X))
    a = driver_prototypes(X, labels, C, seed=0)
    b = driver_prototypes(X[perm], labels[perm], C, seed=0)
    np.testing.assert_allclose(a[0], b[0], atol=1e-6)
    np.testing.assert_array_equal(a[1], b[1])


def test_extend_appends_drivers_with_their_prototypes():
    X, y, _ = blobs(k=6, per=30)
    first = DriverDiscovery(seed=0).fit(X[y < 4])
    more = DriverDiscovery(seed=0).fit(X[y >= 4])
    k = first.n_drivers_
    first.extend(more)
    assert first.n_drivers_ == k + more.n_drivers_ == len(first.centroids_)
    assert first.prototype_drivers_.max() == first.n_drivers_ - 1
    labels, _ = first.predict(X[y >= 4], novelty=False)
    assert (labels >= k).mean() > 0.95  # the new contacts go to the appended drivers
    # an estimator without prototypes stays without them: all its drivers by centroid
    plain = DriverDiscovery(seed=0).fit(X[y < 4])
    del plain.prototypes_, plain.prototype_drivers_
    plain.extend(more)
    assert not hasattr(plain, "prototypes_") and len(plain.centroids_) == k + more.n_drivers_
