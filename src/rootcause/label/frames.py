"""Problem frames: what went wrong, however the customer words it, in French and English.

Customers word one problem many ways ("carton percé", "porte cassée", "the screen arrived
cracked"), so the phrases that name it are each rare; the frame they share ("damaged") is
not. A frame is a general-language pattern (never a company's words), matched on folded
text (lower case, no accents), with a name template per language. With a spaCy parse, a hit
also carries its object: the noun the frame applies to ("remboursement" in "je n'ai pas reçu
mon remboursement"), with its gender and number for French agreement ("carte non reçue").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rootcause.label.stopwords import WHEN_AND_WHO, stop_words
from rootcause.transcripts.lexicon import FILLER_WORDS, fold, fold_same_length


@dataclass(frozen=True)
class Frame:
    """One way things go wrong, its cue pattern and its name per language.

    Templates hold ``{obj}`` (the object noun), ``{a_obj}`` / ``{de_obj}`` (French "à la
    carte", "du compte", "des billets"), ``{d_obj}`` ("d'attestation") and ``{agr:reçu}`` (a
    French participle or adjective agreed with the object: "reçue", "reçus"). ``bare`` names
    the frame when no object is known, where the frame alone says what is wrong ("connexion
    impossible"); None where it would not ("non reçu": what?). A frame whose ``name`` is None
    always uses ``bare``.
    """

    id: str
    pattern: re.Pattern[str]
    bare: dict[str, str] | None
    name: dict[str, str] | None = None
    object_inside: bool = False  # the object is the cue's own last noun that is no cue ("une attestation", "plus de réseau")


@dataclass(frozen=True)
class FrameHit:
    """A frame found in one text, with its object when a parse gave one."""

    frame: str
    obj: str = ""  # lemma (lower case); "" when unknown
    surface: str = ""  # the object as written
    feminine: bool = False
    plural: bool = False


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


# Negations and the words that sit between them and the participle ("pas encore été reçu").
_NEG_FR = r"\b(?:pas|jamais|rien|non|toujours pas|plus)\s+(?:(?:encore|toujours|ete|du tout|bien)\s+)*"
# French present-tense negation around the verb ("je ne reçois pas", "le code n'arrive jamais"),
# not the "n'arrive pas à …" that says the customer cannot do something.
_NEG_AROUND_FR = r"\bn(?:e\s+|')(?:me\s+|m'|nous\s+|vous\s+|l'|les?\s+|la\s+|lui\s+|leur\s+)?(?:{verbs})\w*\s+(?:pas|jamais|plus|toujours pas)\b(?!\s+a\b)"
_NEG_EN = r"(?:\bnot|\bnever|n't|\bno)\s+(?:(?:yet|even|been|ever|actually)\s+)*"
_CANT_EN = r"(?:can't|cannot|can not|couldn't|could not|unable to|not able to|won't let me|doesn't let me)\s+(?:\w+\s+)?"
_CANT_FR = r"(?:impossible de|impossible d'|n'arrive (?:pas|plus) a|ne (?:peux|peut|pouvons|parviens|parvient) (?:pas|plus)|pas pu|plus pu)\s+(?:me |m'|de |d'|vous |)"

FRAMES: tuple[Frame, ...] = (
    Frame(
        "not_refunded",
        _rx(
            _NEG_FR + r"rembours\w*",
            r"\b(?:aucun|pas de|toujours pas de|sans|jamais eu de|attends? (?:toujours|encore) (?:mon|le|un)) remboursement",
            _NEG_EN + r"refunded",
            r"\b(?:no|still no|still waiting for (?:my|the|a)|never got (?:my|the|a)) refund",
        ),
        {"en": "refund not received", "fr": "remboursement non reçu"},
    ),
    Frame(
        "not_received",
        _rx(
            _NEG_FR + r"(?:recu|arrive|parvenu|livre)\w*",
            _NEG_AROUND_FR.format(verbs="recoi|recev|arriv|parvien"),
            r"\bj'attends toujours\b|\battends? (?:encore|toujours)\b",
            _NEG_EN + r"(?:receiv|arriv|deliver|got\b|get\b|come\b|came\b|turned up|showed up)\w*",
            r"\bstill (?:waiting|no\b|nothing)",
        ),
        None,
        {"en": "{obj} not received", "fr": "{obj} non {agr:reçu}"},
    ),
    Frame(
        "pending",
        _rx(
            r"\ben attente\b|\ben cours (?:de |d')\s*(?:verification|validation|traitement|examen|etude|analyse)|\btoujours en cours\b",
            r"\bpending\b|\bunder review\b|\bbeing (?:reviewed|processed|verified|checked)\b|\bstill (?:processing|in progress|under)\b",
        ),
        None,
        {"en": "{obj} pending", "fr": "{obj} en attente"},
    ),
    Frame(
        "not_credited",
        _rx(_NEG_FR + r"(?:credite|verse|impute|deduit)\w*", _NEG_EN + r"(?:credited|paid out|deducted|posted)\b"),
        None,
        {"en": "{obj} not credited", "fr": "{obj} non {agr:crédité}"},
    ),
    Frame(
        "not_applied",
        _rx(
            _NEG_FR + r"(?:applique|pris en compte|prise en compte|active|enregistre|mis a jour|modifie|effectue|traite)\w*",
            _NEG_EN + r"(?:applied|taken into account|activated|updated|processed|registered|recorded|done|executed|handled|changed)\b",
            # what was promised and is not what the customer got
            r"\b(?:on|vous|il|elle) (?:m'a|m'avait|m'aviez|nous a|nous avait) (?:promis|annonce)\w*|\bpromis\w*",
            r"\b(?:was|were|been) promised\b|\bpromised (?:me|us)\b",
        ),
        None,
        {"en": "{obj} not processed", "fr": "{obj} non {agr:pris} en compte"},
    ),
    Frame(
        "still_charged",
        _rx(
            r"\b(?:toujours|encore)\s+(?:ete\s+)?(?:factur|prelev|debit)\w*|\bcontinu\w* (?:a|de) (?:me |nous )?(?:facturer|prelever|debiter|recevoir des factures)",
            r"\bstill (?:being |getting |been )?(?:charged|billed|debited|invoiced)\b|\bkeeps? (?:getting |being )?(?:charged|billed|debited)\b",
        ),
        {"en": "still charged", "fr": "toujours facturé"},
        {"en": "{obj} still billed", "fr": "{obj} toujours {agr:facturé}"},
    ),
    Frame(
        "charged_twice",
        _rx(
            r"(?:prelev|debit|factur|pay|charg|bill|encaiss|taken|pris)\w*\W+(?:\w+\W+){0,3}?(?:deux fois|2 fois|en double|twice|two times|2 times)",
            r"\bdoublons?\b|\bdouble (?:prelevement|debit|paiement|facturation|charge)|\bduplicate (?:charge|payment|debit|transaction)",
            r"\bdouble[- ]charged\b|\bcharged (?:me )?twice\b",
        ),
        {"en": "charged twice", "fr": "prélevé deux fois"},
        {"en": "{obj} charged twice", "fr": "{obj} {agr:prélevé} deux fois"},
    ),
    Frame(
        "wrongly",
        _rx(
            r"\ba tort\b|\bpar erreur\b|\bsans raison\b|\binjustifie\w*|\bnon autorise\w*|\binattendu\w*",
            r"\bwrongly\b|\bby mistake\b|\bin error\b|\bunauthori[sz]ed\b|\bunjustified\b|\bunexpected\b|\bfor no reason\b",
        ),
        {"en": "charged in error", "fr": "facturé à tort"},
        {"en": "{obj} in error", "fr": "{obj} à tort"},
    ),
    Frame(
        "too_high",
        _rx(
            r"\btrop (?:eleve|cher|important|haut)\w*|\bexorbitant\w*|\bastronomique\w*|\bexplose\w*|\bhausse\b|\baugment\w*",
            r"\btoo (?:high|much|expensive)\b|\bexorbitant\b|\bsky-?high\b|\bincreas\w*|\b(?:went|gone|shot) up\b|\bovercharg\w*",
        ),
        {"en": "amount too high", "fr": "montant trop élevé"},
        {"en": "{obj} too high", "fr": "{obj} trop {agr:élevé}"},
    ),
    Frame(
        "wrong",
        _rx(
            r"\bincorrecte?s?\b|\berronee?s?\b|\bmauvaise?s? (?:montant|prix|tarif|article|produit|date|adresse|calcul)\w*",
            r"\bpas (?:le|la|les) bon(?:ne)?s? (?:montant|prix|tarif|article|produit|date|adresse)\w*|\bne correspond\w* (?:pas|plus)\b|\bincoheren\w*",
            r"\bwrong\b|\bincorrect\w*|\bmiscalculat\w*|\bdoes(?:n't| not) match\b|\bdon't match\b",
        ),
        {"en": "wrong amount", "fr": "montant incorrect"},
        {"en": "wrong {obj}", "fr": "{obj} {agr:incorrect}"},
    ),
    Frame(
        "disputed",
        _rx(r"\bcontest\w*|\bpas d'accord\b|\breclamation\b", r"\bdisput\w*|\bcontest\w*|\b(?:don't|do not) agree\b"),
        None,
        {"en": "{obj} disputed", "fr": "{obj} {agr:contesté}"},
    ),
    Frame(
        "unexplained",
        _rx(
            r"\bpourquoi\b|\bexplication\w*|\b(?:in)?expliqu\w*|\b(?:comprends|comprend) (?:pas|rien)\b|\bc'est quoi\b",
            r"\bwhy\b|\b(?:un)?explain\w*|\bexplanation\b|\b(?:don't|do not) understand\b|\bwhat is this\b",
        ),
        None,
        {"en": "unexplained {obj}", "fr": "{obj} {agr:inexpliqué}"},
    ),
    Frame(
        "refused",
        _rx(r"\brefus\w*|\brejet\w*|\brejete\w*|\bdecline\w*|\breject\w*|\bbounced?\b|\bimpaye\w*"),
        None,
        {"en": "{obj} refused", "fr": "{obj} {agr:refusé}"},
    ),
    Frame(
        "blocked",
        _rx(r"\bbloque\w*|\bsuspendu\w*|\bgele\w*|\bblocked\b|\bfrozen\b|\bsuspended\b|\bstuck\b|\blocked\b"),
        None,
        {"en": "{obj} blocked", "fr": "{obj} {agr:bloqué}"},
    ),
    Frame(
        "cannot_log_in",
        _rx(
            _CANT_FR + r"(?:connect|identifi|authentifi|acceder|loguer|logger)\w*",
            r"\bconnexion (?:\w+ ){0,2}?(?:impossible|echou|refus|bloqu)\w*|\b(?:impossible|probleme|souci|echec|erreur)s? (?:de |d')connexion\b",
            _CANT_EN + r"(?:log|sign|login|access|connect)\w*",
            r"\blog(?:in|-in| in) (?:\w+ ){0,2}?(?:fail|error|problem|issue|loop)\w*|\blocked out\b",
        ),
        # no object: what customers cannot log in to is the app, the account, "l'accès", "le code"
        {"en": "cannot log in", "fr": "connexion impossible"},
    ),
    Frame(
        "crashes",
        _rx(
            r"\bplant(?:e|ent|age|ages|er)\b|\bse ferme\w*|\bferme tout\w* seul\w*|\bbug\w*|\bbeug\w*|\bfige\w*|\bpage blanche|\becran (?:blanc|noir)",
            r"\bcrash\w*|\bfreez\w*|\bcloses? (?:itself|by itself|on its own|suddenly)|\bkeeps closing|\bblank (?:page|screen)",
        ),
        None,
        {"en": "{obj} crashes", "fr": "{obj} qui plante"},
    ),
    Frame(
        "failed",
        _rx(
            r"\bechou\w*|\bechec\b",
            _CANT_FR + r"(?:payer|commander|valider|finaliser|acheter|ajouter|enregistrer|activer|effectuer|terminer)\b",
            r"\bfail\w*",
            _CANT_EN + r"(?:pay|complete|check ?out|add|activate|order|buy|finish|finalise|finalize)\b",
        ),
        None,
        {"en": "{obj} failed", "fr": "{obj} {agr:échoué}"},
    ),
    Frame(
        "faulty",
        _rx(
            r"\bne (?:\w+ )?(?:marche|fonctionne|s'allume|demarre)\w* (?:plus|pas)\b|\b(?:marche|fonctionne) (?:plus|pas)\b|\ben panne\b|\bpannes?\b|\bdefectu\w*|\bhors service\b",
            r"\b(?:stopped|stops|stop) working\b|(?:\bnot|n't) (?:work|turn on|switch on|start)\w*|\bdefect\w*|\bfaulty\b|\bmalfunction\w*|\bbroke down\b",
            r"\bfuit\w*|\bfuite\w*|\bleak\w*|\bs'eteint\w*|\bse coupe\w*|\bcuts? out\b|\bturns? (?:itself )?off\b",
        ),
        None,
        {"en": "{obj} not working", "fr": "{obj} en panne"},
    ),
    Frame(
        "outage",
        _rx(
            # the service that is out is the cue's own noun: "coupure internet", "plus de réseau", "no signal"
            r"\b(?:micro-)?coupures?(?: (?:de |d'|du )?(?:reseau|connexion|internet|signal|service|tonalite|courant|electricite|eau|chauffage|gaz|4g|5g|wifi|tele|tv)\b)?|\b(?:plus|pas|aucun|aucune) (?:de |d'|du )?(?:reseau|connexion|internet|signal|service|tonalite|courant|electricite|eau|chauffage|gaz|4g|5g|wifi|tele|tv)\b",
            r"\b(?:(?:signal|service|network|internet|connection|power|electricity|broadband|wifi|tv|4g|5g|water|heating|gas) )?outages?\b|\b(?:power|electricity) cuts?\b|\bno (?:signal|service|network|internet|connection|power|electricity|broadband|wifi|tv|4g|5g|water|heating|gas)\b|\b(?:is|are|was|were|been|went|goes|still) down\b",
        ),
        {"en": "service outage", "fr": "coupure de service"},
        {"en": "{obj} outage", "fr": "{obj} {agr:coupé}"},
        object_inside=True,
    ),
    Frame(
        "damaged",
        _rx(
            r"\b(?:abime|endommage|casse|brise|perce|fissure|ecrase|cabosse|dechire)\w*|\brayee?s?\b",
            r"\b(?:damag|broken|crack|smash|scratch|shatter|crush)\w*|\bdented\b|\btorn\b",
        ),
        {"en": "arrived damaged", "fr": "reçu abîmé"},
        {"en": "{obj} damaged", "fr": "{obj} {agr:abîmé}"},
    ),
    Frame(
        "late",
        _rx(
            r"\ben retard\b|\bretard\w*|\breportee?s?\b|\bdecal\w*|\bcensee?s? (?:etre )?(?:livr|arriv|ven)\w*|\bpas de (?:nouvelle )?date\b",
            r"\blate\b|\bdelay\w*|\boverdue\b|\bpostpon\w*|\breschedul\w*|\bsupposed to (?:come|arrive|be delivered)|\bno (?:new )?(?:delivery )?date\b",
        ),
        None,
        {"en": "{obj} late", "fr": "{obj} en retard"},
    ),
    Frame(
        "lost",
        _rx(
            # forgotten somewhere: the cue is the verb, what was forgotten its object
            r"\bperdue?s?\b|\begare\w*|\bperte\b|\boublie\w*(?= (?:\w+ ){0,3}?(?:dans|a bord|sur|au|a la|en)\b)",
            r"\blost\b|\bforg[eo]t\w*(?= (?:\w+ ){0,3}?(?:on|in|at) the\b)",
        ),
        None,
        {"en": "lost {obj}", "fr": "{obj} {agr:perdu}"},
    ),
    Frame(
        "missing",
        _rx(
            r"\bn'appara\w* (?:pas|plus)|\bne s'affiche\w* (?:pas|plus)|\bdisparu\w*|\bmanqu\w*|\bintrouvable\w*",
            r"\bmissing\b|(?:\bnot|n't) (?:show|appear|visible|display)\w*|\bdisappear\w*|\bcan(?:'t|not) find\b",
        ),
        None,
        {"en": "{obj} missing", "fr": "{obj} {agr:manquant}"},
    ),
    Frame(
        "no_answer",
        _rx(
            r"\b(?:pas|aucune|sans|jamais eu|toujours pas|pas eu|pas de|toujours pas de)\s+(?:de\s+)?(?:reponse|retour|nouvelles)\b",
            r"\bne (?:me |nous )?(?:repond|rappel)\w* (?:pas|jamais|plus)|\bpersonne ne (?:repond|rappel)\w*",
            r"\b(?:no|never got an?|without|still no)\s+(?:reply|response|answer|update|news|feedback)\b",
            r"\bnever (?:heard back|replied|answered|called back|got back)|(?:hasn't|haven't|has not|have not|didn't|did not) (?:replied|answered|responded|called back|got back|heard back)",
        ),
        None,
        {"en": "no answer about {obj}", "fr": "{obj} sans réponse"},
    ),
    Frame(
        "no_show",
        _rx(
            r"\b(?:pas|jamais|personne n'est|personne est|personne n'a) (?:\w+ )?(?:venu|passe)\w*|\bnon honore\w*|\brendez-vous (?:\w+ ){0,2}?(?:manque|rate)\w*",
            r"\bnever (?:showed|turned) up|(?:didn't|did not) (?:show|turn) up|\b(?:no one|nobody) (?:came|come|showed|turned)\b|\bno-?show\b|\bmissed (?:the |my )?appointment",
        ),
        {"en": "missed appointment", "fr": "rendez-vous manqué"},
        {"en": "{obj} did not come", "fr": "{obj} non {agr:venu}"},
    ),
    Frame(
        "cancelled",
        _rx(r"\bannulee?s?\b|\bsupprimee?s?\b", r"\bcancell?ed\b"),
        None,
        {"en": "{obj} cancelled", "fr": "{obj} {agr:annulé}"},
    ),
    Frame(
        "wants_to_cancel",
        _rx(
            r"(?:veux|voudrais|souhaite\w*|aimerais|desire|demande\w*) (?:\w+ ){0,2}?(?:annuler|resilier|cloturer|fermer|arreter|mettre fin|desabonner)",
            r"\bresili\w*|\bcloture\w*",
            r"\b(?:want|wish|would like|'d like|need|asking|request\w*) to (?:cancel|close|terminate|end|stop|unsubscribe)|\bunsubscrib\w*",
        ),
        {"en": "wants to cancel", "fr": "demande de résiliation"},
        {"en": "wants to cancel the {obj}", "fr": "résiliation {de_obj}"},
    ),
    Frame(
        "asks_document",
        _rx(
            r"\b(?:besoin|envoyer|obtenir|recevoir|demande\w*|voudrais|souhaite\w*|faut)\b[^.?!]{0,40}?\b(?:attestation|justificatif|certificat|duplicata|copie)s?\b",
            r"\b(?:need|send|get|request\w*|want|would like|asking for)\b[^.?!]{0,40}?\b(?:certificate|proof|statement|copy|receipt)s?\b",
        ),
        {"en": "asks for a document", "fr": "demande de justificatif"},
        {"en": "asks for a {obj}", "fr": "demande {d_obj}"},
        object_inside=True,
    ),
    Frame(
        "spread_payment",
        _rx(
            r"\b(?:etaler|echelonner|etalement|echelonnement)\w*|\bplan (?:de|d') (?:paiement|remboursement|apurement)|\bdelai de paiement|\ben plusieurs fois",
            r"\bpayment plan\b|\bspread (?:the |my )?(?:payment|cost|bill)|\bpay (?:it )?in (?:\w+ )?instal?ments|\bmore time to pay",
        ),
        {"en": "asks to spread a payment", "fr": "demande d'étalement de paiement"},
    ),
)
# What the customer asks for or asks about, when no problem frame names a driver: never one
# of `FRAMES` (a request is no problem, and most drivers have some), only a name for a driver
# of things whose contacts mostly ask ("demande concernant rachat solaire").
ASKS = Frame(
    "asks",
    _rx(
        r"\?|\best-ce qu|\bcomment\b|\bcombien\b|\bpuis-je\b|\bpeut-on\b|\bpossible de\b|\bquel(?:le)?s? (?:est|sont)\b",
        r"\b(?:je |j')(?:voudrais|souhaite\w*|aimerais|desire\w*|veux)\b|\bmerci de (?:me |m'|bien )?(?:indiquer|dire|confirmer|envoyer|ajouter|modifier|changer)\b",
        r"\bhow (?:do|can|to|much|long|many)\b|\b(?:can|could|may) (?:i|we|you)\b|\bis it possible\b|\bdo you\b",
        r"\b(?:i'd|i would|we'd|we would) like\b|\b(?:i|we) (?:want|need|wish) to\b|\bplease (?:add|change|send|confirm|let|tell|update|quote)\b",
    ),
    None,
    {"en": "request about {obj}", "fr": "demande concernant {obj}"},
)
BY_ID = {f.id: f for f in (*FRAMES, ASKS)}
# The frames that state a request of the customer's own accord, not a failure.
REQUEST_FRAMES = frozenset({"wants_to_cancel", "asks_document", "spread_payment"})


def asks(text: str) -> bool:
    """Whether `text` asks something (`ASKS`)."""
    return ASKS.pattern.search(fold_same_length(text)) is not None


def find_frames(text: str) -> list[tuple[str, int, int]]:
    """Every frame cue in `text`: (frame id, start, end), offsets into `text`, in frame order."""
    folded = fold_same_length(text)
    return [(f.id, m.start(), m.end()) for f in FRAMES for m in f.pattern.finditer(folded)]


def text_frames(text: str) -> list[FrameHit]:
    """The frames of `text`, each once, without objects (no parse needed)."""
    return [FrameHit(fid) for fid in dict.fromkeys(fid for fid, _, _ in find_frames(text))]


_OBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj", "nmod", "obl", "obl:arg", "pobj", "iobj", "compound"})
_MODIFIER_DEPS = frozenset({"amod", "acl", "acl:relcl", "relcl"})
_WINDOW = 4  # tokens either side of a cue searched for its object when the parse links none


def doc_frames(doc: Any, language: str) -> list[FrameHit]:
    """The frames of a parsed text, each once, with the noun each applies to when one is found."""
    stops = stop_words(language) | WHEN_AND_WHO.get(language, frozenset())
    hits: dict[str, FrameHit] = {}
    for fid, start, end in find_frames(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        noun = _inside_object(span, stops, BY_ID[fid]) if BY_ID[fid].object_inside else _object(doc, span, stops, BY_ID[fid])
        hit = FrameHit(fid) if noun is None else _hit(fid, noun)
        if fid not in hits or (hit.obj and not hits[fid].obj):
            hits[fid] = hit
    return list(hits.values())


# Units of time and count say how long or how often, people say who: never what went wrong
# ("40 minutes late", "ma mère n'a pas reçu").
_NOT_OBJECTS = frozenset(
    """fois jour jours mois an ans annee heure heures minute minutes min seconde semaine
    time times day days month months year years hour hours minute second week
    mere pere fille fils femme mari enfant enfants ami amie voisin voisine conjoint conjointe compagnon compagne
    parent parents frere soeur epoux epouse
    mother father daughter son wife husband child children kid kids friend neighbour neighbor partner
    brother sister parent parents mum mom dad""".split()
)


def _is_object(tok: Any, stops: frozenset[str]) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or not tok.is_alpha or len(tok.text) < 3 or lemma in stops or tok.lower_ in stops:
        return False
    if fold(lemma) in _NOT_OBJECTS or fold(tok.lower_) in _NOT_OBJECTS:
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    prev = tok.nbor(-1) if tok.i > 0 else None
    # "Subject:" / "Objet :" heads an e-mail; "3 mois", "deux fois" count; "d'accord" agrees
    if prev is not None and (prev.like_num or fold(prev.text + tok.text) in FILLER_WORDS):
        return False
    return not (nxt is not None and nxt.text == ":")


def is_cue(frame_id: str, word: str) -> bool:
    """True when `word` is itself a cue of the frame ("retard" for late): never its object."""
    return BY_ID[frame_id].pattern.match(fold_same_length(word)) is not None


def _inside_object(span: Any, stops: frozenset[str], frame: Frame) -> Any:
    nouns = [t for t in span if _is_object(t, stops) and not is_cue(frame.id, t.lower_)]
    return nouns[-1] if nouns else None


def _object(doc: Any, span: Any, stops: frozenset[str], frame: Frame) -> Any:
    """The noun a cue applies to: linked by the parse if possible, else the nearest in its
    sentence; never a noun that is itself a cue of the frame ("retard" for "late")."""
    inside = {t.i for t in span} | {t.i for t in doc if t.pos_ == "NOUN" and is_cue(frame.id, t.lower_)}
    anchors = list(span) + [t.head for t in span if t.head.i not in inside]
    for tok in anchors:
        if tok.i not in inside and _is_object(tok, stops) and tok.pos_ == "NOUN":
            return tok
        for child in tok.children:
            if child.i not in inside and child.dep_ in _OBJECT_DEPS and _is_object(child, stops):
                return child
        if tok.dep_ in _MODIFIER_DEPS and _is_object(tok.head, stops) and tok.head.i not in inside:
            return tok.head
    sent = span.sent if doc.has_annotation("DEP") or doc.has_annotation("SENT_START") else doc
    near = [
        t for t in sent
        if t.i not in inside and abs(t.i - span.start) <= _WINDOW + len(span) and _is_object(t, stops)
    ]
    return min(near, key=lambda t: (min(abs(t.i - span.start), abs(t.i - (span.end - 1))), t.i)) if near else None


def _hit(fid: str, tok: Any) -> FrameHit:
    plural = "Plur" in tok.morph.get("Number")
    # English compounds read whole: "password reset email", not "email"
    chain = [tok]
    j = tok.i - 1
    while j >= 0 and tok.doc[j].dep_ == "compound" and tok.doc[j].is_alpha and tok.doc[j].head in chain:
        chain.insert(0, tok.doc[j])
        j -= 1
    mods = [t.lower_ for t in chain[:-1]]
    return FrameHit(fid, tok.lemma_.lower(), " ".join([*mods, tok.lower_]), "Fem" in tok.morph.get("Gender"), plural)


# --- names ------------------------------------------------------------------


def agree(word: str, feminine: bool, plural: bool) -> str:
    """A French participle or adjective agreed with its noun: reçu → reçue, reçus, reçues."""
    out = word
    if feminine and not out.endswith("e"):
        out += "e"
    if plural and not out.endswith(("s", "x")):
        out += "s"
    return out


_VOWEL = re.compile(r"^[aeiouyhàâäéèêëîïôöùûü]", re.IGNORECASE)


def _with_article(prep: str, obj: str, feminine: bool, plural: bool = False) -> str:
    """French "à" or "de" with the definite article: "au compte", "à la carte", "de l'appli", "des billets"."""
    if plural:
        return f"{'aux' if prep == 'à' else 'des'} {obj}"
    if _VOWEL.match(obj):
        return f"{prep} l'{obj}"
    if feminine:
        return f"{prep} la {obj}"
    return f"{'au' if prep == 'à' else 'du'} {obj}"


_AGR = re.compile(r"\{agr:([^}]+)\}")


def frame_name(frame_id: str, language: str, hit: FrameHit | None = None) -> str:
    """The name of a frame in `language` ("en" unless "fr"), with `hit`'s object when it has
    one; "" when the frame needs an object and has none.

    >>> frame_name("not_received", "fr", FrameHit("not_received", "carte", "carte", feminine=True))
    'carte non reçue'
    """
    frame = BY_ID[frame_id]
    lang = "fr" if language == "fr" else "en"
    if hit is None or not hit.obj or frame.name is None:
        return frame.bare[lang] if frame.bare else ""
    obj = hit.surface or hit.obj
    text = _AGR.sub(lambda m: agree(m.group(1), hit.feminine, hit.plural), frame.name[lang])
    return text.format(
        obj=obj,
        a_obj=_with_article("à", obj, hit.feminine, hit.plural),
        de_obj=_with_article("de", obj, hit.feminine, hit.plural),
        d_obj=f"d'{obj}" if _VOWEL.match(obj) else f"de {obj}",
    )


def frames_of_texts(texts: Sequence[str]) -> list[list[FrameHit]]:
    """`text_frames` of each text."""
    return [text_frames(t) for t in texts]
