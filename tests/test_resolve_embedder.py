from rootcause.pipeline import resolve_embedder


def test_auto_picks_minilm_for_english_only_data():
    assert resolve_embedder("auto", ["en"] * 99 + ["und"]) == "minilm-l6-v2"


def test_auto_picks_multilingual_when_languages_mix():
    assert resolve_embedder("auto", ["en"] * 90 + ["fr"] * 10) == "use-multilingual-v3"
    assert resolve_embedder("auto", ["und"] * 5) == "use-multilingual-v3"


def test_explicit_name_wins():
    assert resolve_embedder("tfidf", ["en"] * 10) == "tfidf"
