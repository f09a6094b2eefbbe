"""The real packaged models (offline). Slower: marked integration."""

import numpy as np
import pytest

from rootcause.embed import get_embedder

pytestmark = pytest.mark.integration

FR = "Ma carte bancaire a été refusée"
EN = "My card was declined"
OTHER = "Where is my parcel?"


@pytest.fixture(scope="module")
def use():
    return get_embedder("use-multilingual-v3")


def test_use_is_cross_lingual(use):
    x = use.encode([FR, EN, OTHER])
    assert x.shape == (3, 512) and x.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(x, axis=1), 1, atol=1e-5)
    assert x[0] @ x[1] > 0.6
    assert x[0] @ x[2] < x[0] @ x[1] - 0.3


def test_use_is_deterministic_and_batch_independent(use):
    texts = [FR, EN, OTHER, "", "x" * 5000]
    whole = use.encode(texts)
    parts = np.vstack([use.encode([t]) for t in texts])
    np.testing.assert_allclose(whole, parts, atol=1e-5)


def test_use_sentence_transformers_path_matches_direct(use):
    st = get_embedder("use-multilingual-v3", via="sentence-transformers")
    texts = [FR, EN, OTHER, "remboursement non reçu"]
    np.testing.assert_allclose(st.encode(texts, batch_size=2), use.encode(texts), atol=1e-5)


def test_minilm_loads_offline():
    emb = get_embedder("minilm-l6-v2")
    x = emb.encode(["My card was declined", "card payment refused", "Where is my parcel?"])
    assert x.shape == (3, 384) and x.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(x, axis=1), 1, atol=1e-5)
    assert x[0] @ x[1] > x[0] @ x[2] + 0.2


def test_regression_nested_model_load_does_not_deadlock():
    # The sentence-transformers wrapper loads the USE model from inside its own loader;
    # a non-reentrant lock hung forever when nothing was loaded yet.
    import subprocess
    import sys

    code = (
        "from rootcause.embed import get_embedder;"
        "print(get_embedder('use-multilingual-v3', via='sentence-transformers').encode(['a b']).shape)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=240)
    assert out.returncode == 0 and "(1, 512)" in out.stdout
