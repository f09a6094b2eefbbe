"""Format detection and parsing of call transcripts."""

from __future__ import annotations

import json

import pytest

from rootcause.transcripts import Transcript, parse_transcript


def speakers(t: Transcript | None) -> list[str]:
    assert t is not None
    return [turn.speaker for turn in t.turns]


def test_english_labels():
    t = parse_transcript(
        "Agent: Thank you for calling Acme, how can I help you?\n"
        "Customer: Hi, my parcel never arrived.\n"
        "Agent: I'm sorry to hear that."
    )
    assert speakers(t) == ["agent", "customer", "agent"]
    assert t is not None and t.format == "labelled"
    assert t.turns[1].text == "Hi, my parcel never arrived."


@pytest.mark.parametrize(
    ("agent", "customer"),
    [("Conseiller", "Client"), ("Téléconseiller", "Cliente"), ("Opérateur", "Client"), ("Advisor", "Caller"),
     ("Rep", "Customer"), ("AGENT", "CLIENT")],
)
def test_role_labels_in_both_languages(agent: str, customer: str):
    t = parse_transcript(f"{agent}: Bonjour, que puis-je faire pour vous ?\n{customer}: Ma carte est bloquée.")
    assert speakers(t) == ["agent", "customer"]


def test_french_spacing_before_colon_and_nbsp():
    t = parse_transcript("Conseiller : Bonjour.\nClient\u00a0: Je n'ai pas reçu mon colis.\nConseiller :  Je regarde.")
    assert speakers(t) == ["agent", "customer", "agent"]
    assert t is not None and t.turns[1].text == "Je n'ai pas reçu mon colis."


def test_named_speakers_agent_decided_from_content():
    t = parse_transcript(
        "M. Martin : Bonjour, j'appelle pour ma facture.\n"
        "Sophie : Bonjour monsieur, service client Free, que puis-je faire pour vous ?\n"
        "M. Martin : Elle est deux fois plus chère que d'habitude.\n"
        "Sophie : Puis-je avoir votre numéro client ?\n"
    )
    assert speakers(t) == ["customer", "agent", "customer", "agent"]


def test_speaker_numbers_decided_from_content():
    t = parse_transcript(
        "Speaker 1: yes hello I'm calling about my bill\n"
        "Speaker 2: thanks for calling Acme, can I have your account number please\n"
        "Speaker 1: it's 4432 1190\n"
        "Speaker 2: thank you, let me check\n"
    )
    assert speakers(t) == ["customer", "agent", "customer", "agent"]


@pytest.mark.parametrize(
    "text",
    [
        "[00:01:12] AGENT: Hello, how can I help?\n[00:01:15] CUSTOMER: My card was declined.",
        "00:00:05 Agent : Bonjour.\n00:00:09 Client : Ma carte a été refusée.",
        "(12:03:44) Agent - Hello, how can I help?\n(12:03:50) Customer - My card was declined.",
        "Agent [00:05]: Hello, how can I help?\nCustomer [00:09]: My card was declined.",
    ],
)
def test_timestamped_lines(text: str):
    t = parse_transcript(text)
    assert speakers(t) == ["agent", "customer"]
    assert t is not None and t.format == "timestamped"
    assert all(turn.start is not None for turn in t.turns)
    assert t.turns[0].start < t.turns[1].start  # type: ignore[operator]


def test_timestamp_is_seconds():
    t = parse_transcript("[00:01:12] AGENT: Hello\n[00:01:15] CUSTOMER: hi, my card was declined")
    assert t is not None and t.turns[0].start == 72.0


def test_webvtt_voice_tags_and_merged_cues():
    t = parse_transcript(
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:03.000\n<v Agent>Hello, how can I help you?</v>\n\n"
        "00:00:03.500 --> 00:00:06.000\n<v Customer>My internet has been down</v>\n\n"
        "00:00:06.000 --> 00:00:08.000\n<v Customer>since Monday.</v>\n"
    )
    assert t is not None and t.format == "webvtt"
    assert speakers(t) == ["agent", "customer"]
    assert t.turns[1].text == "My internet has been down since Monday."
    assert t.turns[1].start == pytest.approx(3.5)


def test_srt_with_speaker_prefix():
    t = parse_transcript(
        "1\n00:00:01,000 --> 00:00:03,000\nConseiller : Bonjour, que puis-je faire pour vous ?\n\n"
        "2\n00:00:03,500 --> 00:00:06,000\nClient : Mon compteur affiche une erreur.\n"
    )
    assert t is not None and t.format == "srt"
    assert speakers(t) == ["agent", "customer"]
    assert t.turns[1].text == "Mon compteur affiche une erreur."


@pytest.mark.parametrize(
    ("speaker_key", "text_key", "start_key", "agent", "customer"),
    [
        ("speaker", "text", "start", "agent", "customer"),
        ("role", "content", "start_time", "assistant", "user"),
        ("participant", "utterance", "timestamp", "bot", "caller"),
        ("from", "transcript", "start", "conseiller", "client"),
        ("role", "text", "start", "ivr", "customer"),
    ],
)
def test_json_turn_lists(speaker_key: str, text_key: str, start_key: str, agent: str, customer: str):
    data = [
        {speaker_key: agent, text_key: "Hello, how can I help?", start_key: 0.5},
        {speaker_key: customer, text_key: "I was charged twice.", start_key: "00:00:04"},
        {speaker_key: customer, text_key: "   ", start_key: 6},
    ]
    t = parse_transcript(json.dumps(data))
    assert t is not None and t.format == "json"
    assert speakers(t) == ["agent", "customer"]
    assert [turn.start for turn in t.turns] == [0.5, 4.0]


def test_json_object_with_turns_key():
    t = parse_transcript(json.dumps({"id": "c1", "turns": [{"speaker": "Agent", "text": "Hi"},
                                                           {"speaker": "Customer", "text": "Card declined"}]}))
    assert speakers(t) == ["agent", "customer"]


def test_json_that_is_not_a_transcript():
    assert parse_transcript('[{"name": "x", "price": 3}]') is None
    assert parse_transcript('{"order": 12}') is None


def test_multiline_turns_are_joined():
    t = parse_transcript(
        "Agent: Hello, how can I help?\nCustomer: My order arrived broken.\nThe box was crushed\nand the screen cracked.\n"
        "Agent: Sorry about that."
    )
    assert t is not None and t.turns[1].text == "My order arrived broken. The box was crushed and the screen cracked."
    assert len(t.turns) == 3


def test_empty_turns_are_dropped():
    t = parse_transcript("Agent: Hello, how can I help?\nCustomer:\nCustomer: ...\nCustomer: I lost my card.\nAgent: OK.")
    assert speakers(t) == ["agent", "customer", "agent"]


def test_label_inside_a_sentence_is_not_a_turn():
    t = parse_transcript(
        "Conseiller : Bonjour, que puis-je faire pour vous ?\n"
        "Client : j'ai déjà appelé hier et j'ai dit au conseiller : ça ne marche pas.\n"
        "et le technicien : rien à faire\n"
        "Conseiller : Je comprends."
    )
    assert speakers(t) == ["agent", "customer", "agent"]
    assert t is not None and "ça ne marche pas" in t.turns[1].text and "rien à faire" in t.turns[1].text


def test_email_quoting_a_label_is_not_a_transcript():
    email = (
        "Bonjour,\n\nJ'ai appelé votre service hier.\nClient : 458812\n"
        "Le conseiller m'a dit que le remboursement arriverait sous 10 jours, toujours rien.\n\nCordialement,\nMarie"
    )
    assert parse_transcript(email) is None


def test_web_form_key_values_are_not_a_transcript():
    form = "Nom : Dupont\nClient : 458812\nObjet : Remboursement\nMessage : je n'ai pas été remboursé"
    assert parse_transcript(form) is None


def test_plain_email_with_sign_off_is_not_a_transcript():
    email = (
        "Hello,\nI ordered a jacket two weeks ago and it still hasn't arrived.\nCan you tell me where it is?\n"
        "Have a good day,\nTom"
    )
    assert parse_transcript(email) is None


@pytest.mark.parametrize("text", ["", "   ", "ok", "Client : merci"])
def test_short_or_empty_is_not_a_transcript(text: str):
    assert parse_transcript(text) is None


def test_unlabelled_asr_lines_alternate_from_the_script():
    t = parse_transcript(
        "bonjour service client Bouygues Telecom Julien à votre écoute que puis-je faire pour vous\n"
        "oui bonjour alors j'appelle parce que ma box ne s'allume plus depuis ce matin\n"
        "d'accord je vais regarder puis-je avoir votre numéro client s'il vous plaît\n"
        "oui c'est le 0 4 5 5 8 7 2\n"
        "merci je vous mets en attente un instant\n"
        "d'accord\n"
    )
    assert t is not None and t.format == "unlabelled"
    assert speakers(t) == ["agent", "customer", "agent", "customer", "agent", "customer"]


def test_unlabelled_anchor_is_not_always_the_first_line():
    t = parse_transcript(
        "hello yes hi\n"
        "thank you for calling Northwind Energy, my name is Dan, how can I help you today\n"
        "I got a bill for four hundred pounds and it's usually sixty\n"
        "I'm sorry to hear that, can I have your account number please\n"
        "yes it's 2231 8890\n"
    )
    assert speakers(t) == ["customer", "agent", "customer", "agent", "customer"]


def test_chat_message_is_not_an_unlabelled_transcript():
    assert parse_transcript("hi\nmy card doesn't work\ncan you help me?\nthanks") is None


def test_json_speaker_text_pairs():
    t = parse_transcript('[["agent", "How can I help you?"], ["customer", "I need to return an item."]]')
    assert speakers(t) == ["agent", "customer"]


def test_label_with_name_in_brackets():
    t = parse_transcript("Agent (Sophie): Bonjour, que puis-je faire pour vous ?\nClient (M. Martin): Ma box clignote.")
    assert speakers(t) == ["agent", "customer"]


def test_one_line_transcript_is_recognised():
    """Issue 20, item 7: "Conseiller : … Client : …" on a single line is a call, and the
    agent's greeting does not end up in the reason."""
    from rootcause.transcripts import reason_of

    text = (
        "Conseiller : Bonjour et bienvenue chez Lumio, je m'appelle Paul, que puis-je faire pour vous ? "
        "Client : Bonjour, ma box ne capte plus internet depuis la coupure d'hier. "
        "Conseiller : Je vérifie votre ligne. Client : D'accord merci."
    )
    t = parse_transcript(text)
    assert t is not None
    assert [turn.speaker for turn in t.turns] == ["agent", "customer", "agent", "customer"]
    reason, is_call = reason_of(text)
    assert is_call and "box ne capte plus" in reason and "bienvenue" not in reason


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, mon numéro client : 12345, ma box ne marche plus. Merci",
        "Customer: 4411 — my order never arrived, please help.",
    ],
)
def test_a_one_line_message_naming_one_role_is_no_call(text):
    assert parse_transcript(text) is None
