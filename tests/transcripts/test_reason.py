"""Extracting the customer's stated reason from a transcript."""

from __future__ import annotations

import pytest

from rootcause.transcripts import Transcript, Turn, extract_exchange, extract_reason, parse_transcript, reason_of, views_of

FR_CALL = """Conseiller : Bonjour, service client Énergie Plus, Sophie à votre écoute, que puis-je faire pour vous ?
Client : Bonjour madame.
Conseiller : Puis-je avoir votre numéro client s'il vous plaît ?
Client : Oui, c'est le 12 45 78 90.
Conseiller : Merci, et votre date de naissance ?
Client : le 3 mars 1975
Conseiller : Très bien, je vous écoute.
Client : Alors voilà, on m'a prélevé deux fois ma mensualité ce mois-ci.
Conseiller : Je regarde ça, je vous mets en attente.
Client : d'accord
Conseiller : Effectivement, je lance le remboursement. Y a-t-il autre chose ?
Client : Non merci, bonne journée.
"""

EN_CALL = """[00:00:01] AGENT: Thank you for calling Acme Bank, this is Paul, how can I help you today?
[00:00:05] CUSTOMER: hi yes hello
[00:00:07] AGENT: Can I have your full name and date of birth please?
[00:00:10] CUSTOMER: yes it's John Smith, 12th of May 1980
[00:00:15] AGENT: and the first line of your address?
[00:00:18] CUSTOMER: 14 Baker Street
[00:00:21] AGENT: Thank you John, that's me verified. What can I do for you?
[00:00:25] CUSTOMER: yeah so I tried to pay for groceries yesterday and my card got declined, even though there's money in the account
[00:00:33] AGENT: I'm sorry to hear that, let me check.
[00:00:40] CUSTOMER: ok
[00:01:10] AGENT: Is there anything else I can help with?
[00:01:12] CUSTOMER: no that's all, thanks
"""


def test_reason_in_third_customer_turn_after_identity_check_fr():
    reason = extract_reason(parse_transcript(FR_CALL))  # type: ignore[arg-type]
    assert "prélevé deux fois" in reason
    assert "12 45" not in reason and "1975" not in reason and "Bonjour" not in reason and "merci" not in reason


def test_reason_in_fourth_customer_turn_after_identity_check_en():
    reason = extract_reason(parse_transcript(EN_CALL))  # type: ignore[arg-type]
    assert "card got declined" in reason
    assert "Smith" not in reason and "Baker" not in reason and "thanks" not in reason


def test_reason_in_second_customer_turn_with_greeting_in_the_same_turn():
    t = parse_transcript(
        "Agent: Hello, Northwind Energy, how can I help?\n"
        "Customer: Hi there, good morning.\n"
        "Agent: Good morning!\n"
        "Customer: Hi, I'm calling because I moved house and I'm still being billed at the old address.\n"
        "Agent: Let me look at that."
    )
    reason = extract_reason(t)  # type: ignore[arg-type]
    assert reason.startswith("I'm calling because I moved house")


def test_short_acknowledgements_are_skipped():
    t = Transcript(
        [
            Turn("agent", "Bonjour, que puis-je faire pour vous ?"),
            Turn("customer", "Oui bonjour."),
            Turn("customer", "Euh, d'accord, mm."),
            Turn("customer", "Mon colis est marqué livré mais je ne l'ai jamais reçu."),
        ],
        "labelled",
    )
    assert extract_reason(t) == "Mon colis est marqué livré mais je ne l'ai jamais reçu."


def test_spelled_name_and_postcode_are_identity_answers():
    t = Transcript(
        [
            Turn("agent", "Could you spell your surname for me?"),
            Turn("customer", "D-U-P-O-N-T"),
            Turn("agent", "And your postcode?"),
            Turn("customer", "SW1A 1AA"),
            Turn("agent", "Thanks. What's the problem?"),
            Turn("customer", "The engineer never turned up for my appointment on Tuesday."),
        ],
        "labelled",
    )
    assert extract_reason(t) == "The engineer never turned up for my appointment on Tuesday."


def test_short_answer_to_identity_question_is_skipped():
    t = Transcript(
        [
            Turn("agent", "Bonjour. Pouvez-vous me donner votre nom et prénom ?"),
            Turn("customer", "Martine Lefèvre"),
            Turn("agent", "Merci. Je vous écoute."),
            Turn("customer", "Je n'arrive plus à me connecter à mon espace client depuis la mise à jour."),
        ],
        "labelled",
    )
    assert extract_reason(t).startswith("Je n'arrive plus à me connecter")


def test_hold_notes_are_removed():
    t = Transcript(
        [
            Turn("agent", "How can I help?"),
            Turn("customer", "[hold music] My direct debit was taken twice this month."),
        ],
        "labelled",
    )
    assert extract_reason(t) == "My direct debit was taken twice this month."


def test_first_substantive_turns_up_to_max_turns():
    t = Transcript(
        [
            Turn("agent", "How can I help?"),
            Turn("customer", "I bought a washing machine from you last month."),
            Turn("agent", "Yes?"),
            Turn("customer", "It leaks water everywhere and doesn't work."),
            Turn("agent", "I see."),
            Turn("customer", "I tried the reset button twice."),
            Turn("customer", "Also my neighbour says hello to the whole team."),
        ],
        "labelled",
    )
    reason = extract_reason(t)
    assert "washing machine" in reason and "leaks water" in reason and "reset button" in reason
    assert "neighbour" not in reason
    assert "leaks water" not in extract_reason(t, max_turns=1)


def test_agent_paraphrase_only_when_customer_says_nothing_substantive():
    t = Transcript(
        [
            Turn("agent", "Bonjour, je vois que vous appelez au sujet de votre résiliation."),
            Turn("customer", "Oui."),
            Turn("agent", "Si je comprends bien, vous voulez résilier votre contrat mobile."),
            Turn("customer", "C'est ça, merci."),
        ],
        "labelled",
    )
    reason = extract_reason(t)
    assert "résilier votre contrat" in reason


def test_agent_paraphrase_ignored_when_customer_states_reason():
    t = Transcript(
        [
            Turn("agent", "Si je comprends bien, vous appelez pour votre facture."),
            Turn("customer", "Oui, ma facture de mai est deux fois plus élevée que d'habitude."),
        ],
        "labelled",
    )
    assert extract_reason(t) == "ma facture de mai est deux fois plus élevée que d'habitude."


def test_max_chars_cuts_at_a_word():
    t = Transcript([Turn("customer", "my internet keeps dropping " * 40)], "labelled")
    reason = extract_reason(t, max_chars=50)
    assert len(reason) <= 50 and reason.endswith("dropping") or reason.endswith(("my", "internet", "keeps"))


def test_max_chars_must_be_positive():
    with pytest.raises(ValueError, match="max_chars"):
        extract_reason(Transcript([Turn("customer", "x")], "labelled"), max_chars=0)


def test_reason_of_returns_non_transcript_unchanged():
    email = "Bonjour,\nJe n'ai toujours pas reçu mon remboursement.\nCordialement,\nMarie"
    assert reason_of(email) == (email, False)


def test_reason_of_transcript():
    reason, is_transcript = reason_of(FR_CALL)
    assert is_transcript and "prélevé deux fois" in reason


def test_unlabelled_transcript_reason():
    reason, is_transcript = reason_of(
        "bonjour service client Bouygues Telecom Julien à votre écoute que puis-je faire pour vous\n"
        "oui bonjour alors j'appelle parce que ma box ne s'allume plus depuis ce matin\n"
        "d'accord puis-je avoir votre numéro client s'il vous plaît\n"
        "oui c'est le 0 4 5 5 8 7 2\n"
        "merci je vous mets en attente un instant\n"
    )
    assert is_transcript and reason.startswith("j'appelle parce que ma box ne s'allume plus")


def test_name_given_in_the_same_turn_as_the_reason_is_dropped():
    t = Transcript(
        [
            Turn("agent", "Vous êtes bien Madame Gauthier ? Je vous écoute."),
            Turn("customer", "Sandrine Gauthier. Le technicien devait venir hier, il n'est jamais venu."),
        ],
        "labelled",
    )
    assert extract_reason(t) == "Le technicien devait venir hier, il n'est jamais venu."


DIAGNOSIS_CALL = """Agent: Good morning, Sam speaking, how can I help?
Customer: Hi, my bill is huge this month, three times the usual.
Agent: Can I have your account number please?
Customer: It's 20 45 77 10.
Agent: Thanks. I can see your readings have been estimated since September, the meter stopped sending them.
Customer: oh ok
Agent: I'll book a technician to read the meter. Anything else?
Customer: no thanks, bye
"""


def test_exchange_keeps_the_agents_diagnosis_and_drops_the_script():
    exchange = extract_exchange(parse_transcript(DIAGNOSIS_CALL))  # type: ignore[arg-type]
    assert "three times the usual" in exchange  # the customer's symptom
    assert "estimated since September" in exchange  # the agent's cause
    assert "20 45 77 10" not in exchange and "account number" not in exchange  # identity check
    assert "bye" not in exchange and "Good morning" not in exchange


def test_views_of_a_call_and_of_a_written_contact():
    reason, exchange, is_call = views_of(DIAGNOSIS_CALL)
    assert is_call and "three times" in reason and "estimated" not in reason and "estimated" in exchange
    email = "Hello, my refund never arrived. Regards, Ann"
    assert views_of(email) == (email, email, False)
