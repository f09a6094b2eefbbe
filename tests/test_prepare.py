import pytest

from rootcause.prepare import prepare_texts

EMAIL = "Bonjour,\nMa facture de juin est fausse, on me facture deux fois l'option TV.\nCordialement,\nMarc"


def test_written_reason_is_focused_but_clean_text_keeps_the_message():
    p = prepare_texts([EMAIL], ["Facture juin"], names=False)
    assert p.is_transcript == [False]
    assert p.reason_text[0].startswith("Facture juin")
    assert "Bonjour" not in p.reason_text[0]
    assert "Bonjour" in p.clean_text[0] and "Facture juin" in p.clean_text[0]


def test_focus_can_be_turned_off():
    p = prepare_texts([EMAIL], ["Facture juin"], names=False, focus=False)
    assert p.reason_text == p.clean_text


def test_transcripts_are_not_focused_twice():
    call = "Agent: Lumio bonjour, que puis-je faire pour vous ?\nClient: Bonjour, mon colis n'est jamais arrivé."
    p = prepare_texts([call], names=False)
    assert p.is_transcript == [True]
    assert "colis" in p.reason_text[0] and "que puis-je" not in p.reason_text[0]


def test_huge_texts_are_cut_before_analysis(caplog):
    from rootcause.prepare import prepare_texts
    from rootcause.settings import get_settings

    MAX_TEXT_CHARS = get_settings().max_text_chars
    body = "Ma box ne marche plus depuis lundi. " + "journal système ligne " * 100_000
    with caplog.at_level("WARNING"):
        out = prepare_texts([body, "Colis jamais reçu."], names=False)
    assert len(out.clean_text[0]) <= MAX_TEXT_CHARS
    assert out.clean_text[0].startswith("Ma box ne marche plus")
    assert out.clean_text[1] == "Colis jamais reçu."
    assert "1 contact(s) longer than" in caplog.text


@pytest.mark.integration
def test_keep_names_setting_protects_the_brand_but_not_people(monkeypatch):
    from rootcause.prepare import prepare_texts
    from rootcause.settings import get_settings

    text = "Bonjour, Lumio n'a pas activé mon numéro. Cordialement, Sophie Martin"
    monkeypatch.setenv("ROOTCAUSE_KEEP_NAMES", "Lumio, Freebox")
    get_settings.cache_clear()
    out = prepare_texts([text], languages=["fr"])
    assert "Lumio" in out.clean_text[0]
    assert "Sophie" not in out.clean_text[0] and "Martin" not in out.clean_text[0]
