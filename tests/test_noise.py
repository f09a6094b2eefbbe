"""Which contacts state no reason at all (`rootcause.noise`)."""

from __future__ import annotations

import pytest

from rootcause.noise import (
    ADVERTISING,
    AUTOMATIC_REPLY,
    NO_CONTENT,
    NOT_A_CUSTOMER,
    OTHER_LANGUAGE,
    THANKS_ONLY,
    noise_reasons,
)


def _why(text: str, language: str = "en", *, call: bool = False, reason: str | None = None) -> str:
    return noise_reasons([text if reason is None else reason], [text], [language], [call])[0]


@pytest.mark.parametrize(
    ("text", "language", "why"),
    [
        ("test", "fr", NO_CONTENT),
        ("Test 2", "en", NO_CONTENT),
        ("test test 123 please ignore", "en", NO_CONTENT),
        ("bonjour", "fr", NO_CONTENT),
        ("Objet : Réponse automatique : votre newsletter\nJe suis absente du 3 au 10 mai.", "fr", AUTOMATIC_REPLY),
        ("Thanks for your message. I am out of the office until Monday.", "en", AUTOMATIC_REPLY),
        ("We are an SEO agency: get your site on the first page of Google.", "en", ADVERTISING),
        ("Just wanted to say thank you to the technician, nothing else needed!", "en", THANKS_ONLY),
        ("C'était juste pour dire merci à la conseillère d'hier.", "fr", THANKS_ONLY),
        ("Sehr geehrte Damen und Herren, anbei der Zählerstand.", "de", OTHER_LANGUAGE),
        ("Congratulations! Your e-mail has been selected: you have won our annual lottery, 1,500,000 USD.", "en", ADVERTISING),
        ("thanks, all sorted now!", "en", THANKS_ONLY),
        ("@Acme_Care merci pour votre réactivité, problème réglé en 10 minutes", "fr", THANKS_ONLY),
        ("Je voulais juste dire que la nouvelle appli est super, bien plus claire.", "fr", THANKS_ONLY),
        ("Candidature spontanée pour un poste de conseiller.", "fr", NOT_A_CUSTOMER),
        ("Je suis journaliste et je prépare un article sur vos délais.", "fr", NOT_A_CUSTOMER),
        ("I'm a student and I am running a survey on customer service jobs.", "en", NOT_A_CUSTOMER),
        ("Dear hiring team, I would like to apply for the advisor position. Please find attached my CV.", "en", NOT_A_CUSTOMER),
        ("GAGNEZ 1000€ MAINTENANT !!! Cliquez ici pour recevoir votre cadeau", "fr", ADVERTISING),
        ("Buy cheap watches now, click here!!!", "en", ADVERTISING),
        ("Thank you so much for your help yesterday!", "en", THANKS_ONLY),
        ("Merci beaucoup pour votre aide", "fr", THANKS_ONLY),
        ("Ceci est un message de test, merci de ne pas en tenir compte.", "fr", NO_CONTENT),
        ("Offre de partenariat : boostez vos ventes. Répondez STOP pour ne plus recevoir nos messages.", "fr", ADVERTISING),
        ("Dear customer, your account will be suspended. Verify your bank details within 24 hours: click here.", "en", ADVERTISING),
        ("Merci à [NAME] pour sa gentillesse au téléphone hier.", "fr", THANKS_ONLY),
        # an analyst trial (session 25): a reply's empty body, praise of the team, a prize scam
        ("Re:", "en", NO_CONTENT),
        ("Super, merci à l'équipe.", "fr", THANKS_ONLY),
        ("Great service, thanks team!", "en", THANKS_ONLY),
        ("Congratulations you have won a $1000 gift card, click here to claim", "en", ADVERTISING),
        ("Félicitations, vous avez gagné un bon d'achat de 500€", "fr", ADVERTISING),
    ],
)
def test_contacts_without_a_reason(text, language, why):
    assert _why(text, language) == why


@pytest.mark.parametrize(
    "text",
    [
        "refund",  # one word, but a reason
        "The test of my meter last week showed it is faulty, please check.",
        "I got an automatic reply from you and still no answer about my refund.",
        "Votre réponse automatique me demandait d'attendre 5 jours, c'est fait, toujours rien.",
        "Thank you for your reply, but my parcel still has not arrived.",
        "My card was declined at the casino hotel in Lyon",
        "Je voudrais me désinscrire de la newsletter.",
        "Thanks, the line is fixed now but I was charged twice for the visit.",
        "Merci, ça fonctionne maintenant mais je n'ai toujours pas été remboursé",
        "I just wanted to say my bill is wrong.",
        "Je voulais juste dire que l'appli n'est pas super, elle plante.",
        "Je suis étudiant, ai-je droit au tarif étudiant ?",
        "You have won nothing: the contest page crashed when I entered.",
        "Thanks for your help, the parcel arrived damaged.",
        "Thank you, but my refund hasn't arrived.",
        "Thanks for the reply. When will my parcel arrive?",
        "Click here to reset your password: the link does not work.",
        "My application for a new card was refused.",
        "My account was blocked and I cannot verify my identity in the app, the code never comes.",
        "Merci à votre conseiller pour sa patience, mais ma facture est toujours fausse.",
        "I got a text asking me to verify your bank details, is it really from you?",
        "Re: refund",
        "Merci, service toujours en panne",
        "Super service?",
        "thanks team, but still no refund",
        "I won a voucher in your contest but the code is refused.",
    ],
)
def test_real_reasons_are_not_noise(text):
    assert _why(text) == ""


def test_unknown_language_is_never_noise_by_itself():
    assert _why("zzkq vbrt mmxl", "und") == ""


def test_a_call_where_the_customer_says_nothing_is_noise_whatever_the_agent_says():
    call = "Agent: Hello, how can I help you today?\nCustomer: hello\nAgent: Are you still there? I will close the chat."
    assert _why(call, call=True, reason="hello") == NO_CONTENT


def test_the_catalogue_names_who_closes_noise():
    from rootcause.noise import noise_owner

    front = ("front", "First-level answers. It also closes messages without a request: tests, spam, automatic replies and thank-you notes.")
    meters = ("metering", "Meter readings, meter tests and their reports.")
    assert noise_owner([meters, front]) == "front"
    assert noise_owner([meters, ("billing", "Invoices and refunds.")]) == ""  # one term is not enough
    assert noise_owner([front, ("front2", front[1])]) == ""  # a tie names nobody


@pytest.mark.parametrize(
    "text",
    [
        "ignore this, just testing the contact form",
        "test test 123 ne pas traiter",
        "Ceci est un message automatique, merci de ne pas y répondre.",
        "Félicitations ! Vous avez été sélectionné pour gagner un iPhone 15, réclamez votre cadeau.",
        "Cher client, votre compte a été suspendu. Veuillez confirmer vos informations bancaires en cliquant ici : http://x.example",
        "Vous avez un colis en attente. Frais de douane impayés : 2,99 EUR. Payez maintenant : http://x.example",
    ],
)
def test_junk_written_by_someone_who_never_saw_the_rules(text):
    """Forms from the third fresh-eyes trial of issue 20 (item 6)."""
    assert _why(text, "fr") != ""


def test_a_contact_whose_nearest_contacts_are_noise_is_noise():
    import numpy as np

    from rootcause.noise import like_noise

    rng = np.random.default_rng(0)
    junk = rng.normal(size=16)
    noise = np.array([junk + rng.normal(scale=0.1, size=16) for _ in range(6)])
    centres = rng.normal(size=(4, 16))  # four reasons, five contacts each
    real = np.vstack([c + rng.normal(scale=0.3, size=(5, 16)) for c in centres])
    reasons = np.vstack([real, junk + rng.normal(scale=0.1, size=16)])
    unit = lambda m: m / np.linalg.norm(m, axis=1, keepdims=True)  # noqa: E731
    mask = like_noise(unit(reasons), unit(noise))
    assert mask.tolist() == [False] * 20 + [True]
    assert not like_noise(unit(reasons), unit(noise[:2])).any()  # too little noise to judge by


def test_a_driver_made_of_junk_next_to_the_noise_is_noise():
    import numpy as np

    from rootcause.noise import junk_drivers

    rng = np.random.default_rng(1)
    unit = lambda m: m / np.linalg.norm(m, axis=1, keepdims=True)  # noqa: E731
    junk_dir, real_dirs = rng.normal(size=16), rng.normal(size=(3, 16))
    real = np.vstack([c + rng.normal(scale=0.3, size=(6, 16)) for c in real_dirs])
    junk = junk_dir + rng.normal(scale=0.6, size=(5, 16))  # loose: closer to the noise than to each other at times
    noise = junk_dir + rng.normal(scale=0.6, size=(8, 16))
    labels = np.array([0] * 6 + [1] * 6 + [2] * 6 + [3] * 5)
    mask = junk_drivers(labels, unit(np.vstack([real, junk])), unit(noise))
    assert mask.tolist() == [False] * 18 + [True] * 5
