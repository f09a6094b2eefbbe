"""Stop words per language: spaCy's list plus contact-centre boilerplate.

No company-specific word is listed: words that appear in every driver (the brand,
the product) are pushed down by c-TF-IDF's class weighting instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rootcause.clean.words import spacy_stop_words

# Greetings, politeness and words every contact uses whatever its reason.
BOILERPLATE: dict[str, frozenset[str]] = {
    "fr": frozenset(
        """
        bonjour bonsoir salut coucou merci remercier remerciement cordialement salutation salutations
        madame monsieur mme mr m. svp stp plaît plait problème probleme souci client cliente demande
        demander aide aider souhaiter vouloir pouvoir devoir faire avoir être aller savoir voir dire
        bonne bon journée soirée possible urgent bien ok oui non merci. svp. question message
        rapidement attente avance vraiment déjà encore toujours aujourd'hui hier
        """.split()
    ),
    "en": frozenset(
        """
        hello hi hey dear thanks thank thx please pls regards kind best sir madam problem issue
        customer help need want would could like get got know team hope day good morning afternoon
        evening ok okay yes no still already today yesterday asap urgent really just also
        question message anyone someone something
        """.split()
    ),
}

# Dates and the identity check: when a contact came and who the caller is are never its reason
# (a driver named "jeudi justificatif" or "nom naissance" names neither the problem nor its cause).
WHEN_AND_WHO: dict[str, frozenset[str]] = {
    "fr": frozenset(
        """
        lundi mardi mercredi jeudi vendredi samedi dimanche janvier février fevrier mars avril mai juin
        juillet août aout septembre octobre novembre décembre decembre semaine matin soir veille lendemain
        nom prénom prenom naissance né née adresse postal numéro numero identifiant
        """.split()
    ),
    "en": frozenset(
        """
        monday tuesday wednesday thursday friday saturday sunday january february march april may june
        july august september october november december week weekend tonight
        name surname birth born address postcode number
        """.split()
    ),
}

# Redaction placeholders written by the clean stage: [EMAIL], <PHONE>, {{NAME}} …
PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9_]*\]|<[A-Z][A-Z0-9_]*>|\{\{?[A-Z][A-Z0-9_]*\}?\}")


@lru_cache(maxsize=16)
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words for `language` plus `BOILERPLATE` and `WHEN_AND_WHO` (lower case)."""
    words: set[str] = set(BOILERPLATE.get(language, frozenset())) | WHEN_AND_WHO.get(language, frozenset())
    words |= {w.lower() for w in spacy_stop_words(language)}
    return frozenset(words)


def strip_placeholders(text: str) -> str:
    """Replace redaction placeholders by a space so they never become keywords."""
    return PLACEHOLDER.sub(" ", text)
