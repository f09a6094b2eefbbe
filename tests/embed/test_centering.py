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
