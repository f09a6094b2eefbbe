"""Community detection backends and the partial-code view."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from rootcause.discover import DriverDiscovery, graph, partial
from rootcause.errors import BackendUnavailableError, ConfigError


def blobs(k: int = 6, per: int = 30, dim: int = 32, seed: int = 0):
    """``k`` well-separated groups of unit vectors (as in test_estimator)."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(k, dim))
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    y = np.repeat(np.arange(k), per)
    X = centers[y] + 0.45 * rng.normal(size=(k * per, dim)) / np.sqrt(dim)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    return X.astype(np.float32), y, centers.astype(np.float32)


@pytest.mark.parametrize("backend", ["louvain", "leiden"])
def test_consensus_backends_recover_blobs(backend):
    if backend == "leiden" and not graph.has_leiden():
        pytest.skip("igraph/leidenalg not installed")
    X, y, _ = blobs(k=6, per=25)
    idx, sim = graph.knn(X, 10)
    labels = graph.consensus_communities(
        graph.fuzzy_graph(idx, sim), resolution=1.0, seed=0, n_runs=3, backend=backend
    )
    assert adjusted_rand_score(y, labels) > 0.95


def test_louvain_fallback_when_leiden_missing(monkeypatch):
    monkeypatch.setattr(graph, "has_leiden", lambda: False)
    X, y, _ = blobs(k=5)
    m = DriverDiscovery(seed=0).fit(X)  # backend="auto" must fall back, not fail
    assert adjusted_rand_score(y, m.labels_) > 0.95
    with pytest.raises(BackendUnavailableError, match="pip install"):
        DriverDiscovery(backend="leiden").fit(X)


def test_bad_backend_raises():
    X, _, _ = blobs(k=3)
    with pytest.raises(ConfigError, match="backend"):
        DriverDiscovery(backend="spectral").fit(X)


def test_code_view_separates_coded_reasons_more_than_raw_space():
    # two close reasons: the LDA view must push them further apart than the raw embedding does
    rng = np.random.default_rng(0)
    base = rng.normal(size=16)
    shift = rng.normal(size=16) * 0.15
    a = base + shift + 0.1 * rng.normal(size=(40, 16))
    b = base - shift + 0.1 * rng.normal(size=(40, 16))
    X = np.vstack([a, b]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    codes: list[str | None] = [None] * 80
    for i in list(range(5)) + list(range(40, 45)):
        codes[i] = "a" if i < 40 else "b"
    Z = partial.code_view(X, codes)
    assert Z.shape == (80, 16 + 1) and np.allclose(np.linalg.norm(Z, axis=1), 1.0, atol=1e-5)

    def between_over_within(M):
        sim = M @ M.T
        return sim[:40, :40].mean() - sim[:40, 40:].mean()

    assert between_over_within(Z) > between_over_within(X)


def test_code_view_needs_two_codes():
    X, _, _ = blobs(k=3)
    codes: list[str | None] = [None] * len(X)
    codes[0] = codes[1] = "only"
    assert partial.code_view(X, codes) is X


def test_graph_settings_stop_refining_above_the_tuned_size():
    small, tuned = graph.default_resolution(1000), graph.default_resolution(graph.TUNED_SIZE)
    assert small < tuned == graph.default_resolution(20_000)
    assert graph.default_neighbors(graph.TUNED_SIZE, 15) == 15
    assert graph.default_neighbors(4 * graph.TUNED_SIZE, 15) == 30  # grows as sqrt(n)
    assert graph.default_neighbors(4 * graph.TUNED_SIZE, 20) == 40


def test_fit_uses_more_neighbours_for_a_bigger_export(monkeypatch):
    seen = []

    class Stop(Exception):
        pass

    def spy(X, k, **kw):
        seen.append(k)
        raise Stop

    monkeypatch.setattr(graph, "knn", spy)
    for n in (1000, 4 * graph.TUNED_SIZE):
        X, _, _ = blobs(k=4, per=n // 4, dim=8)
        with pytest.raises(Stop):
            DriverDiscovery(seed=0).fit(X)
    with pytest.raises(Stop):
        DriverDiscovery(seed=0, n_neighbors=12).fit(X)
    assert seen == [15, 30, 12]
