"""Words that are never a name or a street name: the guard of the lower-case cue rules.

Speech-to-text writes "bonjour thomas" and "12 rue des lilas" in lower case, so
capitalisation cannot tell a name from an ordinary word there. The cue rules
(`names`, `patterns`) instead refuse a word that is a French or English function
word (spaCy's stop-word lists) or one of the ordinary words that commonly follow
a cue ("bonjour oui", "merci beaucoup", "hello internet", "madame bonne journée").
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import lru_cache
from pathlib import Path

# Words that follow greetings, honorifics and introductions in contacts and calls,
# and that spaCy's stop-word lists do not hold. Lower case, accents as written.
COMMON_AFTER_CUES = frozenset(
    """
    oui ouais non ok okay d'accord euh heu hum hein ben bah bon bonne bonnes bien très trop parfait parfaitement
    entendu exactement effectivement justement voilà voila alors allô allo excusez excuse pardon désolé désolée
    attendez écoutez écoute regardez dites notez patientez patience vraiment infiniment bcp mille encore
    beaucoup journée soirée week-end weekend revoir bientôt tous toutes tout monde madame monsieur mademoiselle
    mesdames messieurs ma'am madam sir mister miss messieurs-dames
    bonjour bonsoir salut coucou hello hi hey merci thanks thank thx cheers bye goodbye
    yes yeah yep yup nope no um uh erm er ah oh hmm right sure fine great good lovely perfect brilliant cool
    again everyone everybody folks guys mate team there all you so much lot lots very world
    service support client clients cliente conseiller conseillère agent equipe équipe
    problème probleme problèmes souci soucis panne question questions demande réclamation reclamation urgent urgence
    facture factures commande colis livraison remboursement paiement prélèvement abonnement forfait offre contrat
    compte ligne internet wifi fibre box réseau reseau téléphone telephone portable mobile télé tele tv décodeur
    aucun aucune ici là-bas maintenant demain hier rien jamais
    connexion carte mot passe aujourd'hui pareil pareille différent différente mal faux fausse écrit
    problem problems issue issues help query complaint order parcel delivery refund payment bill invoice account
    line broadband router phone network signal contract plan package card password speed outage
    today tomorrow yesterday now sorry actually
    wrong spelled spelt misspelled misspelt incorrect correct missing written listed
    """.split()
)

_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)'")
_CONTRACTION = re.compile(r"'(?:s|t|m|d|re|ve|ll)$")  # it's, don't, i'm, we're…


def spacy_stop_words(language: str) -> set[str]:
    """spaCy's stop-word list for `language` (empty when spaCy has none).

    Importing `spacy.lang.fr` costs seconds (its tokenizer exceptions); redaction
    without names and the regex analyzer must stay fast, so the list (a plain set
    literal) is read as a file unless spaCy is already imported.
    """
    if not re.fullmatch(r"[a-z]{2,3}", language):
        return set()
    if "spacy" in sys.modules:
        try:
            import spacy.util

            return set(spacy.util.get_lang_class(language).Defaults.stop_words)
        except Exception:  # no such language in spaCy
            return set()
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return set()
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / language / "stop_words.py"
    if not path.is_file():
        return set()
    namespace: dict[str, object] = {}
    try:
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # a plain set literal
    except Exception:
        return set()
    found = namespace.get("STOP_WORDS")
    return set(found) if isinstance(found, set | frozenset) else set()


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """French and English stop words plus `COMMON_AFTER_CUES`, lower case."""
    words = spacy_stop_words("fr") | spacy_stop_words("en") | set(COMMON_AFTER_CUES)
    # spaCy lists "j'", "l'"… and "’" spellings; both apostrophes are looked up.
    return frozenset(w.lower().replace("’", "'") for w in words)


def is_function_word(word: str) -> bool:
    """True for a stop word, a common word after a cue, an elided or contracted form
    ("d'avance", "j'ai", "i'm") or a compound with a function word ("est-ce", "peut-être").

    Examples
    --------
    >>> [is_function_word(w) for w in ("merci", "d'avance", "i'm", "thomas", "jean-pierre", "o'connell")]
    [True, True, True, False, False, False]
    """
    w = word.lower().replace("’", "'")
    words = function_words()
    if w in words or _ELISION.match(w) or _CONTRACTION.search(w):
        return True
    # One-letter parts are initials or "o'" (O'Connell), not function words.
    return any(len(part) > 1 and part in words for part in re.split(r"['-]", w))
