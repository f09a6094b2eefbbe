import numpy as np

from rootcause.label.exemplars import length_preference, mmr_exemplars


def test_length_preference():
    assert length_preference("ok") < length_preference("my card was declined at the shop today")
    assert length_preference("word " * 800) < 0.5
    assert length_preference("") == 0


def test_mmr_prefers_varied_central_texts():
    rng = np.random.default_rng(0)
    base = rng.normal(size=8)
    a = base + 0.1 * rng.normal(size=8)
    b = base + 0.6 * rng.normal(size=8)
    x = np.vstack([a, a + 1e-3, b])
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    texts = ["my card was declined at the shop", "my card was declined at the shop!!", "card refused while paying online at the shop"]
    picked = mmr_exemplars(x, texts, 2, diversity=0.5)
    assert picked[0] in (0, 1)
    assert 2 in picked  # the near-duplicate is passed over for the different one


def test_mmr_skips_exact_duplicates_and_short_texts():
    x = np.tile(np.eye(4)[0], (4, 1))
    texts = ["ok", "the parcel has not arrived yet", "The parcel has not  arrived yet", "where is my parcel please tell me"]
    picked = mmr_exemplars(x, texts, 3)
    assert 2 not in picked  # same text as row 1 after case/space folding
    assert picked[-1] == 0  # the fragment comes last


def test_mmr_edge_cases():
    assert mmr_exemplars(np.zeros((0, 3)), [], 5) == []
    assert mmr_exemplars(np.eye(2), ["a b c d e f", "g h i j k l"], 5) in ([0, 1], [1, 0])
