"""`clean_text`: HTML, quoted replies, signatures and form boilerplate out; the message stays.

Newlines are kept (collapsed to one) because the transcript stage reads speaker
turns line by line.
"""

from __future__ import annotations

import html
import json
import re

_WS = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")

# --- HTML -------------------------------------------------------------------
_HTML_HINT = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_HTML_DROP = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.I | re.S)
_HTML_QUOTE = re.compile(
    r"<blockquote\b.*?</blockquote\s*>|<div[^>]*class=\"[^\"]*(?:gmail_quote|moz-cite|OutlookMessageHeader)[^\"]*\".*",
    re.I | re.S,
)
_HTML_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h\d|p|div|li|tr)\b[^>]*>", re.I)
_HTML_TAG = re.compile(r"<!--.*?-->|<[^>]+>", re.S)

# --- quoted replies: cut from the first match to the end ------------------------
_QUOTE_HEADERS = re.compile(
    r"""
    ^[ \t]*(?:le|on)\b[^\n]{0,250}?\d[^\n]{0,250}?(?:\n[^\n]{0,250}?){0,2}?(?:a\ écrit|a\ ecrit|wrote)\s*:  # Le … a écrit :
    | ^[ \t]*-{2,}\s*(?:original\ message|message\ d'origine|message\ original|messaggio\ originale)\s*-{2,}
    | ^[ \t]*_{10,}[ \t]*$                                                                 # Outlook rule before From:
    | ^[ \t]*\**(?:de|from)\**[ \t]*:[^\n]*\n(?:[^\n]*\n){0,2}?[ \t]*\**(?:envoyé|envoye|sent|date)\**[ \t]*:
    """,
    re.I | re.M | re.X,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>.*$\n?", re.M)

# --- signatures: cut from the marker to the end --------------------------------
# A marker on its own line, optionally followed by a comma and a short sign-off.
_SIGNATURE_LINE = re.compile(
    r"""
    ^[ \t]*(?:                                                  # strong: may carry the name on the line
        (?:bien\ |très\ |tres\ )?cordialement | bien\ à\ vous | bien\ a\ vous | sincères\ salutations
        | (?:best|kind|warm|warmest|many)\ regards | yours\ (?:sincerely|faithfully|truly)
    )\b(?:[ \t]*[,.!]?[ \t]*[^\n]{0,50})?$
    | ^[ \t]*(?:regards|salutations(?:\ distinguées)?|best\ wishes|sincerely|cheers|amicalement
        | bonne\ (?:fin\ de\ )?(?:journée|journee|soirée|soiree|semaine|continuation) | à\ bientôt
        | have\ a\ (?:nice|good|great)\ (?:day|evening|weekend))[ \t,.!]*$
    | ^[ \t]*(?:                                                  # closing formulas, names follow
        dans\ l[’']attente\ d[e’']\ ?(?:votre|vos|une)\ (?:retour|réponse|reponse|nouvelles)
        | (?:je\ vous\ prie\ d[’']|veuillez\ |recevez\ )(?:agréer|agreer|recevoir)?[^\n]{0,40}salutations
        | (?:thanks|thank\ you)\ in\ advance | merci\ d[’']avance | looking\ forward\ to\ (?:your|hearing)
    )[^\n]{0,120}$
    | ^[ \t]*--[ \t]*$                                                      # the "-- " delimiter
    | ^[ \t]*(?:sent\ from\ my|envoyé\ de\ mon|envoye\ de\ mon|envoyé\ depuis|get\ outlook\ for|obtenir\ outlook\ pour)\b
    """,
    re.I | re.M | re.X,
)
# The same markers inside the last line ("… merci. Cordialement, Jean Dupont").
_SIGNATURE_INLINE = re.compile(
    r"""
    (?<=[.!?])[ \t]+(?:(?:bien\ )?cordialement|bien\ à\ vous|(?:best|kind|warm)?\ ?regards|sent\ from\ my|envoyé\ de\ mon)
    \b[^\n]{0,60}$
    """,
    re.I | re.X,
)

# --- web-form boilerplate -------------------------------------------------------
_FORM_FIELD = re.compile(r"^[ \t]*[\w'’ éèêàç-]{1,30}[ \t]*:[ \t]*.*$")
_FORM_MESSAGE = re.compile(
    r"^[ \t]*(?:message|votre\ message|your\ message|description|demande|votre\ demande|comments?|commentaires?"
    r"|question|details|détails|précisions)[ \t]*:[ \t]*",
    re.I | re.M | re.X,
)


def _strip_html(text: str) -> str:
    if not _HTML_HINT.search(text):
        return text
    text = _HTML_DROP.sub(" ", text)
    text = _HTML_QUOTE.sub("\n", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    return html.unescape(text)


def one_line(text: str) -> str:
    """A short field (an agent's reason code, a team's name) as plain text on one line: markup,
    invisible characters, line breaks and runs of white space out. Such a field may name a
    driver, and a name is shown on pages and written in logs."""
    return " ".join(_INVISIBLE.sub("", _strip_html(text)).split())


def _normalise_space(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _WS.sub(" ", text)
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _cut_quotes(text: str) -> str:
    m = _QUOTE_HEADERS.search(text)
    if m:
        text = text[: m.start()]
    return _QUOTED_LINE.sub("", text)


def _cut_signature(text: str) -> str:
    m = _SIGNATURE_LINE.search(text)
    if m:
        text = text[: m.start()]
    m = _SIGNATURE_INLINE.search(text)
    if m:
        text = text[: m.start()]
    return text


def _form_message(text: str) -> str:
    """Keep what follows "Message:" when the text opens with form fields ("Motif: X")."""
    m = _FORM_MESSAGE.search(text)
    if not m:
        return text
    before = [line for line in text[: m.start()].split("\n") if line.strip()]
    if not before or not all(_FORM_FIELD.match(line) for line in before):
        return text
    return text[m.end() :]


def _is_json(text: str) -> bool:
    if not text.startswith(("[", "{")):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def clean_text(text: str) -> str:
    """Strip HTML, quoted replies, signatures and form boilerplate; collapse whitespace.

    Never returns an empty string for an input with content: when cutting would
    leave nothing (a message that is only a signature), the lightly cleaned text
    (HTML and whitespace only) is returned. JSON transcripts (a list of turns)
    are returned unchanged apart from surrounding whitespace.

    Examples
    --------
    >>> clean_text("<p>Ma box ne marche plus.</p><p>Cordialement,<br>Jean</p>")
    'Ma box ne marche plus.'
    >>> clean_text("Motif: Facturation\\nMessage: Ma facture est fausse")
    'Ma facture est fausse'
    """
    if not text:
        return ""
    stripped = text.strip()
    if _is_json(stripped):
        return stripped
    light = _normalise_space(_strip_html(text))
    if not light:
        return _normalise_space(text)
    body = _cut_quotes(light)
    body = _cut_signature(body)
    body = _normalise_space(_form_message(_normalise_space(body)))
    return body or light
