import numpy as np
import pytest

from rootcause.embed.centering import LanguageCentering
from rootcause.errors import NotFittedError


def test_centering_makes_same_topic_meet_across_languages():
    rng = np.random.default_rng(0)
    topic = rng.normal(size=(2, 16))
    lang_shift = {"fr": rng.normal(size=16) * 3, "en": rng.normal(size=16) * 3}
    rows, langs, topics = [], [], []
    for lang in ("fr", "en"):
        for t in range(2):
            for _ in range(15):
                rows.append(topic[t] + lang_shift[lang] + rng.normal(scale=0.1, size=16))
                langs.append(lang)
                topics.append(t)
    X = np.asarray(rows, dtype=np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    Z = LanguageCentering(min_count=10).fit_transform(X, langs)
    fr0 = Z[[i for i in range(len(Z)) if langs[i] == "fr" and topics[i] == 0]].mean(0)
    en0 = Z[[i for i in range(len(Z)) if langs[i] == "en" and topics[i] == 0]].mean(0)
    fr1 = Z[[i for i in range(len(Z)) if langs[i] == "fr" and topics[i] == 1]].mean(0)
    # After centering, same topic across languages is closer than other topic, same language.
    assert fr0 @ en0 > fr0 @ fr1
    assert np.allclose(np.linalg.norm(Z, axis=1), 1, atol=1e-5)


def test_rare_and_unknown_languages_use_the_global_mean():
    X = np.eye(4, dtype=np.float32)[[0, 1, 2, 3]]
    c = LanguageCentering(min_count=3).fit(X, ["fr", "fr", "en", "de"])
    assert c.means_ == {}
    assert np.allclose(c.transform(X[:1], ["xx"]), c.transform(X[:1], ["fr"]))


def test_not_fitted():
    with pytest.raises(NotFittedError):
        LanguageCentering().transform(np.zeros((1, 2)), ["fr"])


def _bilingual(rng, n_topics=30, per=6, dim=64):
    """Topics shifted by language along two directions, by an amount that varies per topic."""
    topic = rng.normal(size=(n_topics, dim))
    lang_dirs = rng.normal(size=(2, dim)) * 0.5
    amount = rng.uniform(-1, 1, size=(n_topics, 2))
    rows, langs, topics = [], [], []
    for sign, lang in ((1, "fr"), (-1, "en")):
        for t in range(n_topics):
            for _ in range(per):
                rows.append(topic[t] + sign * amount[t] @ lang_dirs + rng.normal(scale=0.3, size=dim))
                langs.append(lang)
                topics.append(t)
    X = np.asarray(rows, dtype=np.float32)
    return X / np.linalg.norm(X, axis=1, keepdims=True), langs, np.asarray(topics)


def _cross_language_gap(Z, langs, topics):
    """Mean similarity of same-topic contacts across languages minus within one language."""
    fr = np.asarray(langs) == "fr"
    S = Z @ Z.T
    same = topics[:, None] == topics[None, :]
    return S[np.ix_(fr, ~fr)][same[np.ix_(fr, ~fr)]].mean() - S[np.ix_(fr, fr)][same[np.ix_(fr, fr)]].mean()


def test_language_directions_bring_the_same_topic_closer_across_languages():
    X, langs, topics = _bilingual(np.random.default_rng(1))
    centred = LanguageCentering(n_directions=0).fit(X, langs)
    aligned = LanguageCentering(n_directions=2).fit(X, langs)
    assert centred.components_.shape == (0, 64)
    assert aligned.components_.shape == (2, 64)
    gap_centred = _cross_language_gap(centred.transform(X, langs), langs, topics)
    gap_aligned = _cross_language_gap(aligned.transform(X, langs), langs, topics)
    assert gap_centred < -0.1  # mean centering leaves a real language gap here
    assert gap_aligned > gap_centred + 0.1
    # New rows are transformed the same way as the fitted ones.
    assert np.allclose(aligned.transform(X[:3], langs[:3]), aligned.fit_transform(X, langs)[:3], atol=1e-5)


def test_one_language_or_too_few_pairs_project_nothing():
    X, langs, _ = _bilingual(np.random.default_rng(2))
    fr_only = [i for i, lang in enumerate(langs) if lang == "fr"]
    c = LanguageCentering().fit(X[fr_only], [langs[i] for i in fr_only])
    assert c.components_.shape[0] == 0
    few = list(range(0, len(X), 12))  # a dozen rows per language: under MIN_PAIRS mutual neighbours
    c = LanguageCentering(min_count=5).fit(X[few], [langs[i] for i in few])
    assert c.components_.shape[0] == 0


def test_model_saved_before_language_directions_still_transforms():
    X, langs, _ = _bilingual(np.random.default_rng(3))
    c = LanguageCentering().fit(X, langs)
    del c.components_
    Z = c.transform(X, langs)
    assert np.allclose(np.linalg.norm(Z, axis=1), 1, atol=1e-5)
