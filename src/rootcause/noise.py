"""Contacts that state no reason at all: tests, spam, thanks, automatic replies, job seekers,
the press, other languages.

They are not a driver: no department's process caused them, and grouping them with real
reasons blurs both. They go to a visible `noise` group (driver id ``noise``, no driver owner),
counted and shown in the report, never silently dropped; the department that the catalogue says
closes such messages, if one does, is their contacts' owner (`noise_owner`).

Each check is French and English phrasing or a property of the text, never a company's
vocabulary, so it carries over to any export. The checks are deliberately narrow: a
contact that might be a reason stays one (a missed test message costs one contact in a
driver; a real complaint sent to noise is a lost reason).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from rootcause.transcripts.lexicon import FILLER_WORDS, fold

SUPPORTED_LANGUAGES = frozenset({"fr", "en"})
NO_CONTENT = "no content"  # nothing but greetings and filler, or a test message
AUTOMATIC_REPLY = "automatic reply"
THANKS_ONLY = "thanks only"
ADVERTISING = "advertising"
NOT_A_CUSTOMER = "not a customer request"  # a job application, the press, a student's survey
OTHER_LANGUAGE = "other language"
LIKE_NOISE = "like other noise"  # most of its nearest contacts are noise (`like_noise`)
NOISE_NEIGHBOURS = 5  # a contact whose nearest contacts …
NOISE_NEIGHBOURS_MIN = 3  # … are noise this many times out of NOISE_NEIGHBOURS is noise too
JUNK_DRIVER_SHARE = 0.5  # a driver where this share of contacts have noise among their nearest is junk

_WORDS = re.compile(r"[a-z][a-z'-]+")

# How a department catalogue names the contacts that state no reason, when one department
# says it owns them ("tests, spam, remerciements, réponses automatiques").
NOISE_TERMS = re.compile(
    r"\b(?:spams?|tests?|junk|(?:messages? )?(?:sans objet|hors perimetre|mal adresses?)|remerciements?|thank[- ]you notes?"
    r"|thanks|reponses? automatiques?|automatic repl(?:y|ies)|auto-?repl(?:y|ies)|out[- ]of[- ]office"
    r"|publicites?|advertising|phishing)\b"
)
NOISE_OWNER_MIN_TERMS = 3  # distinct terms: a department that names one ("meter test") does not own noise
# A test message: the word itself, alone ("test", "essai 2", "this is a test").
_TEST = re.compile(
    r"^\W*(?:(?:this is |ceci est )?(?:a |an |un )?(?:(?:message|mail|e-mail|email|courriel) (?:de )?)?(?:test|testing|essai)"
    r"(?: (?:message|mail|e-mail|email))?\W*\d*\W*)+"
    r"(?:(?:please )?ignore(?: this)?|merci (?:de ne pas en tenir compte|d'ignorer)|ne pas (?:en )?tenir compte)?\W*$"
    r"|^\W*(?:(?:please )?ignore (?:this|me)|ignorez(?: ce message)?)\W+(?:just )?(?:a )?(?:test|testing)\b[^?]{0,60}$"
    r"|^\W*(?:test\W+){1,3}\d*\W*(?:ne pas (?:traiter|tenir compte|repondre)|do not (?:process|reply))\W*$"
)

# An automatic reply says so in its subject or first words, or in the first person ("I am
# out of the office"); a customer who mentions "your automatic reply" is not one.
_AUTOMATIC = re.compile(
    r"^\W*(?:(?:subject|objet|betreff)\s*:\s*)?(?:(?:re|tr|fw|aw)\s*:\s*)?"
    r"(?:automatic reply|auto-?reply|autoreply|reponse automatique|message automatique|out of (?:the )?office)"
    r"|\b(?:je suis (?:actuellement )?absente? (?:du|jusqu|a partir)|i am (?:currently )?(?:out of|away from) (?:the )?office"
    r"|i am away (?:until|from)|i will be out of (?:the )?office"
    r"|^\W*ceci est un (?:message|mail|e-mail|courriel) automatique|^\W*this is an automated (?:message|e-?mail|reply))"
)
_THANKS = re.compile(
    r"\b(?:(?:just|only) (?:wanted|want|writing|a (?:quick |short )?note) to (?:say )?thank|just (?:wanted to )?say thank"
    r"|no question this time|nothing else (?:needed|required)|(?:juste|simplement|seulement) (?:un (?:petit )?mot )?"
    r"pour (?:vous )?(?:dire merci|remercier)|(?:c'etait|c'est) juste pour (?:vous )?(?:dire merci|remercier)"
    r"|je (?:tenais|voulais) (?:juste |simplement |seulement )?(?:a )?(?:vous )?(?:remercier|dire merci)"
    r"|i (?:just|only) wanted to thank)"
)
# Praise, or thanks for a problem already solved ("thanks, all sorted now!"), with nothing
# still wrong in it.
_PRAISE = re.compile(
    r"^\W*(?:@\w+\W*)*(?:(?:many|a big|big) )?(?:thanks|thank you|merci)\b[^?]{0,80}\b(?:sorted|solved|resolved|fixed"
    r"|works (?:again|now|fine)|regle|resolu|repare|fonctionne (?:a nouveau|de nouveau|maintenant))\b[^?]*$"
    r"|\b(?:je voulais (?:juste |simplement |seulement )?(?:vous )?dire|i (?:just |only )?wanted to (?:say|tell you)"
    r"|just a (?:quick |short )?note to say)\b[^?]{0,120}\b(?:super|genial|parfait|bravo|excellent|great|brilliant"
    r"|amazing|fantastic|merci|thanks?)\b[^?]*$"
    r"|^\W*(?:un )?(?:grand |petit )?(?:merci|thanks|thank you) (?:a|au|aux|to) .{0,50}\b(?:pour|for) (?:sa|son|leur|votre|his|her|their|your) "
    r"(?:gentillesse|aide|professionnalisme|patience|accueil|efficacite|reactivite|kindness|help|professionalism)\b[^?]*$"
)
# A note that only thanks, nothing more ("Thank you so much for your help yesterday!").
_THANKS_NOTE = re.compile(
    r"^\W*(?:@\w+\W*)*(?:(?:many )?thanks|thank you)(?: (?:so|very) much| a lot)?(?: for (?:your|the|all (?:your|the)) "
    r"(?:kind |quick |fast )?(?:help|assistance|support|reply|response|answer|call)(?: (?:yesterday|today|earlier|this morning))?)?"
    r"(?:\W+(?:again|cheers|best regards|regards|kind regards))?\W*$"
    r"|^\W*(?:@\w+\W*)*merci(?: beaucoup| bien| mille fois)?(?: (?:pour|de) (?:votre|ton|l'|la) ?(?:aide|reponse|retour"
    r"|reactivite|appel|rappel)(?: (?:d'hier|hier|aujourd'hui|de ce matin))?)?(?:\W+(?:encore|cordialement|bonne journee))?\W*$"
)
_STILL_WRONG = re.compile(r"\b(?:but|however|still|not|no longer|yet|never|mais|toujours|pas|jamais|encore|n'|ne)\b|n't\b")
_ADVERTISING = re.compile(
    r"\b(?:seo (?:agency|audit|experts?|services?)|(?:audit|agence|experts?) seo|search engine optimi[sz]ation"
    r"|(?:first|1st) page of google|page 1 of google|premiere page (?:de|sur) google|backlinks"
    r"|earn \S+ (?:per|a) (?:day|week|month)|gagne[rz] \S+ (?:par|en une) (?:jour|semaine|mois)"
    r"|trading (?:robot|bot)|pret entre particuliers|casino en ligne|online casino|viagra"
    r"|(?:you have|you've) (?:been selected|won)\b.{0,120}\b(?:lottery|prize|draw|million|gift ?card|voucher|iphone|reward)"
    r"|vous avez (?:ete selectionne|gagne)\b.{0,120}\b(?:loterie|tirage|lot|million|gagner|cadeau|bon d'achat|iphone)"
    r"|(?:click here|cliquez ici) (?:to claim|pour (?:reclamer|recuperer|obtenir) (?:votre|vos|ton|tes))"
    r"|(?:you have|you've) been selected\b.{0,80}\b(?:win|gift)"
    r"|\b(?:payez|reglez|pay|settle) (?:maintenant|now|immediately|immediatement)\b.{0,40}https?://"
    r"|(?:click here|cliquez ici)\b.{0,200}\b(?:win|buy|cheap|free|offer|gagne[rz]?|achetez|gratuit|promo)"
    r"|(?:win|buy|cheap|free|offer|gagne[rz]?|achetez|gratuit)\b.{0,200}\b(?:click here|cliquez ici)"
    r"|(?:cheap|replica|discount) (?:rolex|watches|replicas|pills|meds)|rolex replicas?"
    r"|(?:repondez|reply|answer|text|envoyez) stop\b|offre de partenariat|proposition de partenariat"
    r"|partnership (?:offer|opportunity|proposal)"
    r"|(?:verify|confirm|update) your (?:bank |banking |account |card |personal |login )?(?:details|information|data|identity)"
    r"\b.{0,200}\b(?:click|link|within 24 hours|suspended|suspension|https?://)"
    r"|(?:suspended|closed|blocked|locked)\b.{0,120}\b(?:verify|confirm|update) your (?:bank |banking |account |card |personal )?"
    r"(?:details|information|data|identity)"
    r"|(?:verifie[rz]|confirme[rz]|mett(?:ez|re) a jour) vos (?:coordonnees|informations|donnees)(?: bancaires| personnelles)?"
    r"\b.{0,200}\b(?:cliqu|lien|sous 24 ?h|dans les 24 ?h|suspen|bloque|https?://)"
    r"|(?:suspendu|bloque|ferme)\b.{0,120}\b(?:verifie[rz]|confirme[rz]|mett(?:ez|re) a jour) vos (?:coordonnees|informations|donnees))"
)
# Someone who writes as anything but a customer: a job seeker, the press, a student.
_NOT_A_CUSTOMER = re.compile(
    r"\b(?:candidature spontanee|spontaneous application|job application|(?:je )?(?:recherche|cherche) (?:un|une|mon) "
    r"(?:stage|alternance|emploi|premier emploi)|looking for an? (?:internship|job|work placement)"
    r"|je suis journaliste|(?:i am|i'm) a journalist|demande de presse|press (?:request|enquiry|inquiry)"
    r"|dear hiring (?:team|manager)|(?:apply|applying|application) (?:for|to) (?:the |a |an |your )?(?:\w+ )?"
    r"(?:position|job|role|vacancy|opening|post)\b|lettre de motivation|(?:ci-joint|attached|enclosed|please find) "
    r"(?:mon |my )?(?:cv|resume|curriculum)"
    r"|(?:je suis|i am|i'm) (?:un |une |a )?(?:etudiante?|student)\b.{0,120}\b(?:enquete|survey|questionnaire"
    r"|memoire|thesis|dissertation|stage|internship))"
)


# A reply's or forward's prefix left alone ("Re:", an empty body under it) says nothing.
_PREFIXES = frozenset("re tr fw fwd aw".split())
# What a thank-you note or praise is made of beside the filler ("Super, merci à l'équipe",
# "Great service, thanks team!"): a message of these words only, with a thanks or praise cue,
# states no reason.
_PRAISE_WORDS = frozenset(
    """team equipe l'equipe staff service services toute toutes tous all everyone whole your votre vos to for pour
    au aux the de du des la le les excellent bravo awesome amazing fantastic brilliant wonderful love adore j'adore
    formidable remarquable rapide quick fast efficace efficient helpful aimable sympa kind friendly job travail boulot
    work beaucoup much lot very so really vraiment tres et and as always comme toujours""".split()
)
_PRAISE_CUE = re.compile(r"\b(?:merci|thanks?|bravo|great|super|excellent|awesome|amazing|fantastic|brilliant|wonderful|top|nickel)\b")


def _content_words(text: str) -> int:
    return sum(1 for w in _WORDS.findall(fold(text)) if w not in FILLER_WORDS and w not in _PREFIXES)


def _praise_only(folded: str) -> bool:
    """Only thanks or praise: every word filler or `_PRAISE_WORDS`, a cue among them, no question."""
    words = [w for w in _WORDS.findall(folded) if w not in FILLER_WORDS]
    return "?" not in folded and all(w in _PRAISE_WORDS for w in words) and bool(_PRAISE_CUE.search(folded))


def noise_reasons(
    reason_texts: Sequence[str], clean_texts: Sequence[str], languages: Sequence[str], is_transcript: Sequence[bool]
) -> list[str]:
    """Why each contact is noise (`NO_CONTENT`, `AUTOMATIC_REPLY`, `THANKS_ONLY`,
    `ADVERTISING`, `NOT_A_CUSTOMER`, `OTHER_LANGUAGE`), or "" when it may state a reason.

    The texts are the prepared ones (`rootcause.prepare`); `languages` the detected language
    per contact ("und" when unknown, never noise). A call or chat has no content when the
    customer says nothing of substance, whatever the agent says.
    """
    out: list[str] = []
    for reason, whole, language, call in zip(reason_texts, clean_texts, languages, is_transcript, strict=True):
        folded = fold(whole or "")
        said = _content_words(reason or "") if call else max(_content_words(reason or ""), _content_words(whole or ""))
        if said == 0 or _TEST.match(folded):
            out.append(NO_CONTENT)
        elif language and language not in ("und", "") and language not in SUPPORTED_LANGUAGES:
            out.append(OTHER_LANGUAGE)
        elif _AUTOMATIC.search(folded):
            out.append(AUTOMATIC_REPLY)
        elif _ADVERTISING.search(folded):
            out.append(ADVERTISING)
        elif _NOT_A_CUSTOMER.search(folded):
            out.append(NOT_A_CUSTOMER)
        elif (
            _THANKS.search(folded) or _THANKS_NOTE.match(folded) or _praise_only(folded)
            or (_PRAISE.search(folded) and not _STILL_WRONG.search(folded))
        ):
            out.append(THANKS_ONLY)
        else:
            out.append("")
    return out


def noise_owner(departments: Sequence[tuple[str, str]]) -> str:
    """The department whose catalogue text says it handles the contacts that state no
    reason (tests, spam, thanks, automatic replies), or "" when none clearly does.

    `departments` holds ``(department id, its text: owns, keywords, examples)``. The noise
    group is never a driver; this only names who closes its contacts, as the catalogue says.
    """
    counts = {dep: len(set(NOISE_TERMS.findall(fold(text)))) for dep, text in departments}
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < NOISE_OWNER_MIN_TERMS or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return ""
    return ranked[0][0]


_BLOCK = 1024  # rows of similarities at a time: memory grows with n, not n² (20,000 contacts: 7 GB before)


def _nearest(reasons: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """Each reason contact's `NOISE_NEIGHBOURS` nearest contacts (cosine) among both sets,
    itself left out: indices ≥ len(reasons) are noise contacts.

    Computed `_BLOCK` rows at a time; each row is partitioned on its own, so the result is
    the same as over the whole matrix."""
    n = len(reasons)
    both = np.vstack([reasons, noise])
    k = min(NOISE_NEIGHBOURS, both.shape[0] - 1)
    out = np.empty((n, k), dtype=np.int64)
    for start in range(0, n, _BLOCK):
        sims = reasons[start : start + _BLOCK] @ both.T
        rows = np.arange(len(sims))
        sims[rows, start + rows] = -np.inf  # not its own neighbour
        out[start : start + len(sims)] = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    return out


def like_noise(reasons: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """Which contacts are noise by the company they keep: at least `NOISE_NEIGHBOURS_MIN` of
    their `NOISE_NEIGHBOURS` nearest contacts (cosine, over both sets) are noise.

    The phrasing rules above catch the usual forms; spam, scams, praise and test messages come
    in endless wordings, but they resemble the ones caught far more than any real reason does.
    `reasons` and `noise` are L2-normalised vectors (rows) of the contacts that state a reason
    and of the noise group; returns a boolean mask over `reasons`.
    """
    n = len(reasons)
    found = np.zeros(n, dtype=bool)
    if n == 0 or len(noise) < NOISE_NEIGHBOURS_MIN:
        return found
    nearest = _nearest(reasons, noise)
    # A bunch of junk may lie closer to itself than to the noise caught: what joins the noise
    # counts as noise for its neighbours in the next round, until nothing more joins.
    is_noise = np.concatenate([found, np.ones(len(noise), dtype=bool)])
    while True:
        more = (is_noise[nearest].sum(axis=1) >= NOISE_NEIGHBOURS_MIN) & ~found
        if not more.any():
            return found
        found |= more
        is_noise[:n] = found


def junk_drivers(labels: np.ndarray, reasons: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """The contacts of drivers made of junk: drivers in which at least `JUNK_DRIVER_SHARE` of
    the contacts have a noise contact among their `NOISE_NEIGHBOURS` nearest contacts.

    Junk the rules miss (a promotion, a fake parcel notice, an automatic reply in new words)
    gathers in a driver of its own, each member close to some noise caught; a real driver
    sits among real contacts (measured on the five development sets: at most 9 % of a real
    driver's contacts have a noise neighbour, 71 % in a junk driver a helper's export made).
    `labels` gives each row of `reasons` its driver (−1: none); returns a mask over `reasons`.
    """
    n = len(reasons)
    out = np.zeros(n, dtype=bool)
    if n < 2 or len(noise) == 0:
        return out
    near_noise = (_nearest(reasons, noise) >= n).any(axis=1)
    for driver in np.unique(labels[labels >= 0]):
        members = labels == driver
        if near_noise[members].mean() >= JUNK_DRIVER_SHARE:
            out |= members
    return out
