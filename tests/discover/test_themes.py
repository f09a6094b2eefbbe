"""Themes: process areas above the drivers (`rootcause.discover.themes`)."""

from __future__ import annotations

import numpy as np

from rootcause.discover.themes import MAX_THEMES, MIN_THEMES, group_themes, n_themes


def test_about_three_drivers_a_theme_within_bounds():
    assert n_themes(3) == 3  # never more themes than drivers
    assert n_themes(12) == MIN_THEMES
    assert n_themes(24) == 8
    assert n_themes(200) == MAX_THEMES


def test_drivers_about_the_same_process_share_a_theme():
    rng = np.random.default_rng(0)
    # 15 drivers: three content areas, each pointing to its own department
    areas = np.repeat(np.arange(5), 3)
    centres = np.eye(16)[:5] * 3
    centroids = centres[areas] + 0.3 * rng.normal(size=(15, 16))
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    scores = np.full((15, 5), 0.05)
    scores[np.arange(15), areas] = 0.8
    themes = group_themes(centroids, scores)
    assert len(set(themes.tolist())) == 5
    for a in range(5):
        assert len(set(themes[areas == a].tolist())) == 1
    assert themes.min() == 0 and themes.max() == 4


def test_theme_zero_holds_the_most_drivers_and_input_order_does_not_matter_for_grouping():
    rng = np.random.default_rng(1)
    centroids = rng.normal(size=(20, 8))
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    scores = rng.dirichlet(np.ones(4), size=20)
    themes = group_themes(centroids, scores)
    counts = np.bincount(themes)
    assert counts[0] == counts.max()
    perm = rng.permutation(20)
    again = group_themes(centroids[perm], scores[perm])
    # same partition, whatever the order (ids may differ on ties)
    same = {(int(a), int(b)) for a, b in zip(themes[perm], again, strict=True)}
    assert len(same) == len(set(themes.tolist()))


def test_no_drivers_no_themes():
    assert group_themes(np.zeros((0, 4)), np.zeros((0, 3))).shape == (0,)
