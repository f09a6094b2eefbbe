import pytest

from rootcause.focus import clean_subject, focus_reason, reason_sentences


def test_greetings_closings_and_signoff_are_dropped():
    text = (
        "Bonjour,\nJe me permets de vous écrire car ma box ne s'allume plus depuis hier.\n"
        "Merci d'avance pour votre aide.\nDans l'attente de votre retour,\nJean Dupont\n[PHONE]"
    )
    out = focus_reason(text)
    assert "box ne s'allume plus" in out
    for noise in ("Bonjour", "Merci d'avance", "attente", "Jean Dupont", "[PHONE]", "permets"):
        assert noise not in out


def test_hi_there_is_a_greeting_and_there_alone_is_not():
    """An analyst trial: "Hi there," left "there" in the middle of the reason."""
    assert focus_reason("Where is my refund.\nHi there,\nStill waiting for 3 weeks.") == "Where is my refund. Still waiting for 3 weeks."
    assert focus_reason("Hello everyone, the app crashes") == "the app crashes"
    assert focus_reason("There is no signal since Monday") == "There is no signal since Monday"


def test_customer_history_and_apologies_are_not_the_reason():
    text = (
        "Dear Sir or Madam,\nI'm writing to make a formal complaint, and I apologise in advance for the length.\n"
        "I have been a customer since 2019.\nThe refund you promised in June has never arrived.\nKind regards,\nAnn"
    )
    out = focus_reason(text)
    assert "refund you promised" in out
    assert "customer since" not in out and "apologise" not in out and "Dear" not in out


def test_follow_up_keeps_what_it_follows_up_on():
    out = focus_reason("Hi, following up my email re the loyalty discount the agent promised me. Any news?")
    assert "loyalty discount" in out


def test_cue_sentences_come_first_and_are_capped():
    text = "We moved house in May. The weather was lovely. My invoice is wrong. Why was I charged twice? It is not fair."
    out = focus_reason(text, max_sentences=2)
    assert "invoice is wrong" in out and "charged twice" in out
    assert "weather" not in out


def test_informative_subject_is_kept_without_reply_prefix():
    out = focus_reason("Any update? Nothing yet.", "RE: Re: Remboursement non reçu")
    assert out.startswith("Remboursement non reçu")
    assert "RE:" not in out


@pytest.mark.parametrize("subject", ["Chat", "Conversation with Visitor 97224", "Question", "Re: demande", None, ""])
def test_generic_subjects_say_nothing(subject):
    assert clean_subject(subject) == ""


def test_never_empty_for_text_with_content():
    assert focus_reason("Merci !") == "Merci !"
    assert focus_reason("[NAME]") == "[NAME]"
    assert focus_reason("", "Facture fausse") == "Facture fausse"


def test_short_messages_pass_through():
    text = "No signal at all at home since last week, phone says SOS only."
    assert focus_reason(text) == text


def test_long_text_is_cut_at_a_word():
    out = focus_reason("Pourquoi " + "ma facture est fausse " * 60, max_chars=100)
    assert len(out) <= 100 and not out.endswith(" ")


def test_reason_sentences_flags_cues():
    sents = reason_sentences("Nous avons déménagé.\nJe n'ai toujours pas reçu mon colis.")
    assert sents == [("Nous avons déménagé.", False), ("Je n'ai toujours pas reçu mon colis.", True)]


def test_bad_limits_are_refused():
    with pytest.raises(ValueError, match="max_sentences"):
        focus_reason("x", max_sentences=0)


def test_a_call_transcribed_as_one_unpunctuated_block_keeps_the_customers_opening():
    from rootcause.focus import spoken_opening

    call = (
        "bonjour madame je vous appelle parce que j'ai une facture de neuf cents euros et ça fait des mois "
        "que je paye pareil d'accord je regarde vous avez votre numéro client oui [ID] merci madame"
    )
    assert focus_reason(call).endswith("je paye pareil d'accord je regarde")
    assert "numéro client" not in focus_reason(call)
    written = "Bonjour. Pouvez-vous me donner votre numéro client ? Je ne le trouve pas sur ma facture, merci."
    assert spoken_opening(written) is None  # punctuated prose is left to the sentence rules


def test_an_unpunctuated_call_that_opens_with_the_agents_greeting_keeps_what_follows_it():
    from rootcause.focus import spoken_opening

    call = (
        "banque nova bonjour julie à l'appareil que puis-je faire pour vous oui bonjour madame euh c'est pour ma "
        "carte bancaire que j'ai toujours pas reçue d'accord je vais avoir besoin de votre numéro client s'il vous plaît"
    )
    opening = spoken_opening(call)
    assert opening is not None and opening.startswith("oui bonjour madame") and opening.endswith("reçue d'accord")
    no_check = "banque nova bonjour kevin à votre écoute bonjour monsieur j'arrive plus à me connecter à l'application depuis hier"
    assert spoken_opening(no_check) == "bonjour monsieur j'arrive plus à me connecter à l'application depuis hier"


def test_a_question_opening_with_where_keeps_its_first_word():
    assert focus_reason("Où est mon colis ? Commande passée il y a 10 jours.").startswith("Où est mon colis ?")
    assert focus_reason("Madame ou Monsieur, ma facture est fausse.") == "ma facture est fausse."
