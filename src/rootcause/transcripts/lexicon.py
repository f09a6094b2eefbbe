"""French and English word lists that tell agents, customers and filler apart.

Patterns are matched against `fold(text)`: lower case, accents removed, curly
apostrophes straightened, so one list covers "Téléconseiller" and "teleconseiller".
"""

from __future__ import annotations

import re
import unicodedata

from rootcause.transcripts.model import Speaker


def fold(text: str) -> str:
    """Lower-case `text`, strip accents and normalise apostrophes and spaces."""
    # character by character through a table filled on first sight: the same as decomposing
    # the whole text (NFKD) and dropping its combining marks, since only marks reorder
    return text.lower() if text.isascii() else text.translate(_FOLDED).lower()


def fold_same_length(text: str) -> str:
    """`fold` character by character, one character each, so offsets still point into `text`."""
    if text.isascii():
        return text.lower()
    return "".join((fold(c) or c)[:1] for c in text)


class _FoldTable(dict[int, str]):
    """Code point -> its folded form (see `fold`), computed once per character."""

    _SAME = {"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u202f": " "}

    def __missing__(self, code: int) -> str:
        c = self._SAME.get(chr(code), chr(code))
        folded = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
        self[code] = folded
        return folded


_FOLDED = _FoldTable()


# --- speaker labels ---------------------------------------------------------
AGENT_LABELS = frozenset(
    """agent agente conseiller conseillere teleconseiller teleconseillere operateur operatrice
    advisor adviser rep representative csr support assistant bot ivr
    hotline staff employee associate specialist technicien technicienne svi robot chatbot
    system systeme standard standardiste""".split()
) | frozenset(
    {"serveur vocal", "service client", "service clients", "customer service", "customer support", "agent support"}
)
CUSTOMER_LABELS = frozenset(
    """customer caller client cliente appelant appelante user utilisateur utilisatrice usager
    consumer member abonne abonnee beneficiaire souscripteur assure assuree human humain
    end_user enduser external visitor visiteur contact prospect patient""".split()
)
UNKNOWN_LABELS = frozenset(
    """speaker locuteur locutrice intervenant intervenante participant voice voix spk spkr
    interlocuteur interlocutrice inconnu unknown""".split()
)
# Key-value lines of forms and e-mail headers look like "Word: value"; never speakers.
NOT_SPEAKERS = frozenset(
    """from to cc bcc subject objet date sent envoye de a re fw fwd tr ref reference order commande
    note nb ps important attention motif message description email e-mail mail tel telephone phone
    mobile nom name prenom adresse address numero number id account compte dossier ticket statut
    status priorite priority categorie category type produit product montant amount total
    question reponse answer resume summary transcript transcription call appel duree duration
    langue language channel canal canal source url lien link piece jointe attachment p.s
    merci thanks bonjour hello hi madame monsieur cordialement regards exemple example
    erreur error code ville city pays country sujet topic remarque remarques commentaire comment
    heure time lieu place info infos information informations details detail objet""".split()
)


def role_of_label(label: str) -> Speaker | None:
    """Map a speaker label to a role; None when the label is a name to decide from content."""
    key = fold(label).strip(" .-_")
    key = re.sub(r"\s*[(\[].*?[)\]]\s*$", "", key)  # "Agent (Sophie)"
    key = re.sub(r"[\s_-]+(?:\d+|[a-z])$", "", key).strip()  # "Speaker 1", "spk_0", "Agent B"
    key = re.sub(r"(?<=[a-z])\d+$", "", key)  # "agent1"
    if key in AGENT_LABELS:
        return "agent"
    if key in CUSTOMER_LABELS:
        return "customer"
    if key in UNKNOWN_LABELS:
        return "unknown"
    first = key.split(" ")[0] if key else key
    if first in AGENT_LABELS and first not in {"service", "customer"}:
        return "agent"
    if first in CUSTOMER_LABELS and first not in {"contact"}:
        return "customer"
    return None


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


# --- what the agent's script sounds like -------------------------------------
# Strong markers: almost only ever said by the agent.
AGENT_STRONG = _rx(
    r"\b(?:how|what) (?:can|may|could) i (?:help|assist|do for) you",
    r"\bhow may i (?:help|assist)",
    r"\bwhat can i do for you",
    r"\b(?:thank you|thanks) for (?:calling|contacting|holding|your patience|waiting)",
    r"\bwelcome to\b",
    r"\byou(?:'re| are) (?:through|speaking) to\b",
    r"\bmy name is \w+,? (?:how|and|i'm|i am|speaking)",
    r"\b(?:this is|it's) \w+ (?:from|at|speaking)\b",
    r"\b(?:can|could|may) i (?:have|get|take|confirm|ask for) (?:your|the) (?:full )?(?:name|account|customer|policy|order|"
    r"reference|date of birth|postcode|post code|zip|phone|card|membership|member|email|address|contract)",
    r"\b(?:can|could) you (?:confirm|give me|tell me|spell|provide) (?:your|the) (?:full )?(?:name|account|customer|date|"
    r"postcode|post code|zip|phone|address|email|reference|order|last|first|surname|policy|contract)",
    r"\bfor security (?:purposes|reasons)\b",
    r"\b(?:i'll|let me|i will|i'm going to|i am going to) (?:put you on hold|place you on hold|transfer you|check|"
    r"pull up|look (?:into|at) (?:that|this|your))",
    r"\bis there anything else (?:i can|that i can)",
    r"\banything else i can help",
    r"\bhave a (?:good|great|nice|lovely) (?:day|evening|afternoon|one|weekend)\b.*$",
    r"\b(?:que|comment) (?:puis-je|je peux|est-ce que je peux|pourrais-je) (?:faire pour vous|vous aider|vous etre utile)",
    r"\bqu'est-ce que je peux faire pour vous",
    r"\b\w+ a l'appareil\b|\b\w+ speaking\b",
    r"\b(?:vous avez|avez-vous|auriez-vous|vous auriez) (?:votre|vos|le|la) (?:numero|nom|date|code|adresse|identifiant|"
    r"reference|contrat|dossier)",
    r"\b(?:et )?(?:le|votre) code postal\b|\b(?:and )?(?:your|the) (?:postcode|post code|zip code)\b",
    r"\b(?:your|votre) (?:customer (?:id|number)|account number|date of birth|numero client|date de naissance)\b",
    r"\bje peux vous aider\b",
    r"\ben quoi (?:puis-je|je peux|est-ce que je peux) vous",
    r"\b(?:service client|service clients|serviceclient)\b.*\b(?:bonjour|je m'appelle|j'ecoute)",
    r"\b(?:bienvenue|bienvenu) (?:chez|a|au|sur)\b",
    r"\b(?:\w+ )?(?:a|au|du) votre ecoute\b",
    r"\bje vous ecoute\b",
    r"\bvous etes (?:en ligne|en communication) avec\b|\b(?:\w+ )?a votre service\b|\bje vais vous aider\b",
    r"^\W*(?:\w+[ ,]+){0,3}(?:bonjour|bonsoir)[ ,]+(?:c'est|ici) \w+\W*$",
    r"\bje m'appelle \w+,? (?:que|comment|en quoi|je)",
    r"\b(?:puis-je|pourriez-vous|pouvez-vous|est-ce que vous pouvez|vous pouvez) (?:avoir |me (?:donner|rappeler|confirmer|"
    r"communiquer|epeler|indiquer) )?(?:votre|vos) (?:nom|numero|date|code|adresse|identifiant|reference|contrat|"
    r"prenom|email|e-mail|mail|dossier|commande)",
    r"\b(?:votre|vos) (?:numero (?:de )?(?:client|contrat|dossier|commande|adherent|telephone|ligne)|date de naissance|"
    r"code postal|nom de famille|identifiant)(?:,? s'il vous plait)?\s*\?",
    r"\bje vous (?:mets|met|place) en attente\b",
    r"\bje (?:vous )?(?:transfere|transfert|passe) (?:a|au|vers)\b",
    r"\b(?:merci de|merci pour) (?:votre|vos) (?:appel|patience|attente)",
    r"\bpatientez\b",
    r"\bje (?:regarde|verifie|consulte) (?:ca|cela|votre|vos|le|la|tout de suite)",
    r"\by a-t-il autre chose\b",
    r"\bautre chose pour (?:votre|vous)\b",
    r"\bpuis-je faire autre chose\b",
    r"\bbonne (?:fin de )?(?:journee|soiree|apres-midi)\b",
    r"\bpour des raisons de securite\b",
)
# Where the agent begins a call's identity check ("je vais vous identifier", "I'm sending you
# a verification request"): the reason is stated before it.
IDENTITY_CHECK = _rx(
    r"\bje vais (?:vous identifier|(?:d'abord )?vous demander (?:votre|vos)|avoir besoin de (?:votre|vos))\b",
    r"\bje vous envoie une (?:demande|notification) (?:d'identification|de validation|sur)\b",
    r"\bi(?:'ll| will|'m going to) (?:need (?:to take )?your|(?:need to )?verify you|ask (?:for )?your)\b",
    r"\bi(?:'m| am) sending you a (?:verification|security|notification)\b",
)
# Weak markers: often the agent, but customers say them too.
AGENT_WEAK = _rx(
    r"\bi (?:understand|see)\b",
    r"\bje comprends\b",
    r"\bje vois\b",
    r"\bmoment\b",
    r"\bun instant\b",
    r"\bvotre (?:dossier|compte|contrat|commande|ligne)\b",
    r"\byour (?:account|order|policy|contract|file|card)\b",
    r"\bje vais (?:voir|regarder|verifier|vous)",
    r"\bi(?:'ll| will) (?:check|see|raise|escalate|send|arrange)",
    r"\bsorry to hear\b",
    r"\bdesole(?:e)? (?:pour|de) (?:ce|cet|la|le|l')",
    r"\bnous allons\b",
    r"\bwe (?:will|can|'ll)\b",
    r"\bmadame\b|\bmonsieur\b",
    r"\bsir\b|\bma'am\b",
    r"\b(?:d'accord|ok|tres bien|parfait),? (?:alors|donc|je)",
)
# What the caller says about themselves.
CUSTOMER_MARKERS = _rx(
    r"\bj'appelle\b",
    r"\bje vous appelle\b",
    r"\bi(?:'m| am) calling\b",
    r"\bi(?:'m| am) ringing\b",
    r"\bi called\b",
    r"\bj'ai appele\b",
    r"\bcalling (?:about|because|regarding)\b",
    r"\bmy (?:card|account|order|parcel|package|bill|invoice|refund|internet|phone|broadband|contract|payment|box|"
    r"delivery|subscription|policy|claim|car|booking)\b",
    r"\b(?:ma|mon|mes) (?:carte|compte|commande|colis|facture|remboursement|box|ligne|contrat|abonnement|livraison|"
    r"prelevement|paiement|dossier|mot de passe|reservation|sinistre|voiture|forfait)\b",
    r"\bje n'arrive (?:pas|plus)\b",
    r"\bi can(?:'t|not)\b",
    r"\bje voudrais\b|\bje souhaite\b|\bje veux\b",
    r"\bi (?:want|would like|need|wanted)\b|\bi'd like\b",
    r"\bpas (?:encore )?recu\b|\bhaven't (?:yet )?received\b|\bhasn't arrived\b|\bnever (?:arrived|received|got)\b",
    r"\bc'est (?:bien )?moi\b|\bthat's me\b",
)

# --- what the customer says that is not the reason -------------------------
# A sentence made only of these words is filler.
FILLER_WORDS = frozenset(
    """ok okay okey d'accord dac oui ouais yes yeah yep yup no non nope mm mmm mhm hmm hm uh um euh heu ben bah bon
    alors voila right sure fine great good perfect parfait tres bien super merci thanks thank you cheers
    bonjour bonsoir salut hello hi hey allo allô morning afternoon evening good madame monsieur sir
    ma'am mademoiselle oh ah ha aha well so donc eh bien voila tout a fait exactement exactly absolutely
    correct c'est ca cest ca that's that it is right oui-oui of course bien sur entendu compris
    noted je vois i see understood cool nickel impeccable top genial entendu ca marche sounds lovely
    please s'il vous plait svp plait vous yes-yes yeah-yeah uh-huh mm-hmm ok-ok hein quoi
    et puis the a an and just um-hum aujourd'hui today pardon sorry excuse me""".split()
)
# Spelled-out digits in identity answers read by ASR: "c zero zero sept trois".
NUMBER_WORDS = frozenset(
    """zero zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt
    trente quarante cinquante soixante cent mille one two three four five six seven eight nine ten eleven twelve
    thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand oh double triple dash tiret slash point dot at arobase comme as in for""".split()
)
# Sentences that carry no reason: thanks, goodbyes, small talk, hold notes, identity.
NOT_REASON = _rx(
    r"^(?:(?:oui|yes|yeah|non|no|ok|okay|alors|so|euh|um|ah|oh|bah|bon|well|hi|hello|bonjour)[\s,.!]+)*"
    r"(?:merci|thanks?|thank you|cheers)(?: (?:beaucoup|bien|a vous|a toi|so much|very much|a lot|for (?:your|that|the|all)"
    r"|pour (?:votre|tout|ca|cela|l'info)|de votre|madame|monsieur|infiniment)\b.*)?[.!]*$",
    r"^(?:au revoir|bye|goodbye|bonne (?:journee|soiree|fin de journee|apres-midi)|have a (?:good|nice|great) (?:day|one)|"
    r"you too|vous aussi|a vous aussi|egalement|take care|a bientot|see you)\b",
    r"^(?:(?:oui|yes|hi|hello|bonjour)[\s,]+)*(?:ca va|comment allez-vous|how are you|i'm (?:fine|good|ok|well)|"
    r"je vais bien|tres bien et vous|fine thanks|good thanks|not bad)\b[^.?!]{0,30}[.?!]*$",
    r"^(?:c'est tout|that's (?:all|it|everything)|rien d'autre|nothing else|no that's (?:all|it)|non c'est tout|"
    r"ce sera tout|that will be all)\b",
    r"^(?:je patiente|i'll hold|i can hold|i'll wait|j'attends|pas de (?:souci|probleme)|no (?:problem|worries)|"
    r"sans probleme|allez-y|go ahead|je vous en prie|you're welcome|avec plaisir)\b[^.?!]{0,30}[.?!]*$",
    r"^(?:vous m'entendez|can you hear me|you there|allo|hello\?)\b",
)
# Answers to identity checks.
IDENTITY = _rx(
    r"^(?:(?:oui|yes|yeah|yep|ok|euh|um|alors|so|it's|c'est|it is|sure|bien sur|of course)[\s,.:]+)*"
    r"(?:(?:my|mon|ma) (?:name|nom|account number|customer number|numero(?: de)?(?: client| contrat| dossier| compte)?|"
    r"date of birth|date de naissance|postcode|post code|zip(?: code)?|code postal|email|e-mail|adresse|address|"
    r"reference|policy number|order number|membership number|username|identifiant)"
    r"(?: (?:is|c'est|est|it's))?|je m'appelle|i'm|i am|this is|c'est)\s*"
    r"[^.?!]{0,40}[.!]?$",
    r"^(?:(?:oui|yes|yeah|yep|ok|euh|um|alors|so)[\s,.]+)*(?:c'est (?:bien )?(?:moi|ca|cela|exact|correct)|"
    r"that's (?:me|right|correct)|yes (?:it is|that's right|that's correct)|correct|exact|exactement|tout a fait|"
    r"that is correct|speaking|lui-meme|elle-meme|moi-meme)\b[^.?!]{0,25}[.!]*$",
    r"^[a-z](?:[\s.-]+[a-z]){2,}[.!]?$",  # spelled letters: "d u p o n t", "D-U-P-O-N-T"
    r"\b[a-z] comme [a-z]\w*\b",  # "D comme Denis"
    r"^\W*(?:\w+\W+){0,4}\d[\d\s./-]{3,}\d\W*(?:\w+\W*){0,3}$",  # ids, dates, phone numbers
    r"^\W*(?:\w+\W+){0,3}(?:ne|nee|born)(?: (?:le|on|in))?\s+\d",
    r"^\W*(?:\w+\W+){0,3}\d{1,2}(?:er)? (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    r"novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?: \d{2,4})?\W*$",
    r"^\W*[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}\W*$",  # UK postcode
    r"^\W*\S+@\S+\W*$",
    r"^\W*(?:\[\w+\]|<\w+>|\*{3,}|x{4,})\W*$",  # redacted placeholders
)
# Agent questions after which a short customer answer is an identity answer.
AGENT_ASKS_IDENTITY = _rx(
    r"\b(?:name|nom|prenom|surname|account number|customer number|numero|date of birth|date de naissance|postcode|"
    r"post code|zip|code postal|address|adresse|e-?mail|reference|policy number|order number|identifiant|username|"
    r"spell|epeler|epelez|security|securite|confirm|confirmer|verify|verifier|last (?:four|4) digits|"
    r"quatre derniers|4 derniers|telephone|phone number|first line|premiere ligne|memorable)\b",
)
# Cues that a customer sentence states a reason.
REASON_CUES = _rx(
    r"\bj'appelle\b|\bje vous appelle\b|\bje (?:vous )?contacte\b|\bi(?:'m| am) (?:calling|ringing|phoning)\b",
    r"\bcalling (?:about|because|regarding|to)\b|\bc'est (?:pour|au sujet|concernant|a propos)\b",
    r"\bparce que\b|\bbecause\b|\bcar\b|\bpuisque\b",
    r"\bprobleme\b|\bproblem\b|\bissue\b|\bsouci\b|\berreur\b|\berror\b|\bwrong\b|\bbug\b|\bpanne\b",
    r"\bje voudrais\b|\bje souhaite\b|\bje veux\b|\bj'aimerais\b|\bi (?:want|would like|need|wanted)\b|\bi'd like\b",
    r"\bje n'arrive (?:pas|plus)\b|\bi can(?:'t|not)\b|\bne (?:marche|fonctionne|s'affiche)\b|\bdoesn't work\b|"
    r"\bnot working\b|\bisn't working\b|\bstopped working\b",
    r"\bpas (?:encore )?recu\b|\bhaven't (?:yet )?received\b|\bhasn't arrived\b|\bnever (?:arrived|received|got)\b|"
    r"\bstill (?:haven't|not|waiting)\b|\btoujours pas\b|\btoujours rien\b",
    r"\bwhy\b|\bpourquoi\b|\bhow (?:do|can|come)\b|\bcomment (?:je|on|faire)\b|\bwhen will\b|\bquand\b",
    r"\b(?:charged|debite|preleve|facture|billed|refund|rembourse)\w*\b",
)
# An agent sentence that restates the customer's reason.
AGENT_PARAPHRASE = _rx(
    r"\bif i understand (?:correctly|you)\b|\bso (?:you're|you are) (?:calling|saying|telling)\b|"
    r"\byou(?:'re| are) calling (?:about|because|regarding)\b|\bi see (?:that )?you\b|\bi can see (?:that )?(?:your|you)\b",
    r"\bsi je comprends bien\b|\bvous (?:m')?appelez (?:pour|au sujet|concernant|car|parce)\b|"
    r"\bje vois que (?:votre|vous)\b|\bdonc (?:votre|vous)\b|\bvous me dites que\b",
)
# Transcribed non-speech: "[hold music]", "(silence)", "<inaudible>".
NON_SPEECH = re.compile(
    r"[\[(<{](?:[^\])>}]{0,40})?(?:hold|attente|musique|music|silence|inaudible|crosstalk|laugh|rire|rires|pause|"
    r"bruit|noise|unintelligible|incomprehensible|beep|bip|typing|frappe|sonnerie|ringing|transfer|transfert)"
    r"[^\])>}]{0,40}[\])>}]",
    re.IGNORECASE,
)
# Words that give an e-mail away.
EMAIL_MARKERS = _rx(
    r"^(?:dear|cher|chere|to whom it may concern|hello team)\b",
    r"^(?:bonjour |hello |hi )?(?:madame|monsieur|madame, monsieur|sir|sir or madam)\s*,\s*$",
    r"\b(?:cordialement|bien a vous|sincerement|sincerely|best regards|kind regards|warm regards|"
    r"je vous prie d'agreer|veuillez agreer|sent from my|envoye de mon|envoye depuis)\b",
    r"^(?:regards|salutations|merci d'avance|thanks in advance)\s*,?\s*$",
    r"^(?:from|de|to|a|subject|objet|sent|envoye)\s*:",
)
