import numpy as np

from rootcause.label.ctfidf import c_tf_idf


def test_term_spread_over_all_classes_scores_lower():
    # terms: 0 = "bonjour" (everywhere), 1 = "carte" (class 0), 2 = "colis" (class 1)
    counts = np.array([[10, 5, 0], [10, 0, 5]])
    s = c_tf_idf(counts).toarray()
    assert s[0, 1] > s[0, 0]
    assert s[1, 2] > s[1, 0]
    assert s[0, 2] == 0


def test_formula_matches_bertopic():
    counts = np.array([[3.0, 1.0], [0.0, 4.0]])
    tf = counts / counts.sum(axis=1, keepdims=True)
    idf = np.log(1 + counts.sum(axis=1).mean() / counts.sum(axis=0))
    np.testing.assert_allclose(c_tf_idf(counts).toarray(), tf * idf)


def test_empty():
    assert c_tf_idf(np.zeros((0, 0))).shape == (0, 0)
