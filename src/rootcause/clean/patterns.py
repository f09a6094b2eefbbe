"""Pattern-based PII: e-mails, IBANs (mod-97), payment cards (Luhn), phone numbers,
postal addresses, and dates of birth and customer numbers given after a cue.

Order matters: IBANs and cards are replaced before phones so that a phone
pattern never eats part of an account number. Every pattern refuses to start or
end inside a longer word or number, which keeps order numbers (CMD-2026-004512),
customer ids (C-004512), dates and amounts intact, unless a cue says what they
are ("date de naissance : 12/03/1985", "numéro client C-004512").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from rootcause.clean.words import is_function_word

EMAIL = "[EMAIL]"
PHONE = "[PHONE]"
IBAN = "[IBAN]"
CARD = "[CARD]"
NAME = "[NAME]"
ADDRESS = "[ADDRESS]"
DOB = "[DOB]"
ID = "[ID]"
SECRET = "[SECRET]"
PLACEHOLDERS = (EMAIL, PHONE, IBAN, CARD, NAME, ADDRESS, DOB, ID, SECRET)

# a space either side of "@" is still an address ("jean.dupont @ example.com")
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.%+-]+(?:@|[ \t]@[ \t]?|@[ \t])(?:[\w-]+\.)+[A-Za-z]{2,24}(?![\w-])")
# An address cut short when read out or copied ("o.garnier@…", "jean.dupont@..."): its local part
# still names the person.
_CUT_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.%+-]+@(?:…|\.{2,}|\*{2,})")
# An address spelled out so that filters miss it: "jean at example dot com",
# "jean [at] example [dot] fr", "jean arobase orange point fr".
_AT = r"(?:\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*|\s+(?:at|arobase)\s+)"
_DOT = r"(?:\s*[\[(]\s*(?:dot|point)\s*[\])]\s*|\s+(?:dot|point)\s+)"
_SPELLED_EMAIL_RE = re.compile(
    rf"(?<![\w.+-])[\w.%+-]+(?:{_DOT}[\w%+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?:com|fr|net|org|eu|be|ch|uk|co|de|io|info|biz)\b",
    re.IGNORECASE,
)

# Full-width characters ("０６ １２…", "ｊｅａｎ＠ｘ．ｆｒ") and other scripts' digits read as ASCII,
# so that no pattern below can be dodged by them.
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


# a decimal digit of another script (`\d` is `str.isdecimal`: Unicode category Nd)
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _ascii_forms(text: str) -> str:
    text = text.translate(_FULLWIDTH)
    if text.isascii():
        return text
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group())), text)

# Registered IBAN lengths (ISO 13616), for the countries a European contact centre sees.
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21,
    "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28,
    "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SA": 24, "SE": 24,
    "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26,
}  # fmt: skip
# Country code, check digits, then 10–30 alphanumerics in optional groups.
_IBAN_RE = re.compile(r"(?<![\w-])([A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]){10,30})(?![\w])")

_IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}(?:(?:[ \-]?[A-Z0-9]{4})+(?:[ \-]?[A-Z0-9]{1,3})?|[A-Z0-9]{11,30})(?![A-Za-z0-9])")

# Digits may be grouped by spaces, hyphens, dots or slashes ("4012.8888.8888.1881").
_CARD_RE = re.compile(r"(?<![\w-])\d(?:[ .\-/]?\d){12,18}(?![\w-]|[.,/]\d)")

_CARD_GROUPING = re.compile(r"\d{13,19}|\d{4}(?:[ .\-/]\d{4}){2,3}(?:[ .\-/]\d{1,4})?|\d{4}[ .\-/]\d{6}[ .\-/]\d{4,5}")
_GROUPED = re.compile(r"\d{4}(?:[ .\-/]\d{4}){3}|\d{4}[ .\-/]\d{6}[ .\-/]\d{4,5}")
# Issuer prefixes of the card networks (Visa, Mastercard, Amex, Discover, JCB, CB): a number
# grouped as a card and starting so is a card even when a typo breaks its checksum.
_CARD_PREFIX = re.compile(r"4|5[1-5]|2[2-7]|3[47]|35|6(?:011|5)")

_SEP = r"[ \t./\-]?"
_PHONE_RE = re.compile(
    r"(?<![\w+\-])(?:"
    + "|".join(
        (
            # French: 0X XX XX XX XX, +33 X XX XX XX XX, 0033…, +33 (0)X…
            rf"(?:(?:\+|00)33{_SEP}(?:\(0\){_SEP})?[1-9]|0[1-9])(?:{_SEP}\d{{2}}){{4}}",
            # International with +: +44 20 7946 0958, +1 (555) 123-4567
            rf"\+[1-9]\d{{0,2}}{_SEP}(?:\(\d{{1,4}}\){_SEP})?\d{{1,4}}(?:{_SEP}\d{{2,5}}){{1,5}}",
            # International with 00, separators required so 004512345678 (an order) is left alone
            r"00[1-9]\d{0,2}[ .\-](?:\(\d{1,4}\)[ .\-]?)?\d{1,4}(?:[ .\-]\d{2,5}){1,5}",
            # North American without country code: (555) 123-4567
            r"\(\d{3}\)[ \t]?\d{3}[ \t.\-]\d{4}",
            # UK national: 020 7946 0958, 07700 900123; a UK mobile unbroken: 07700900123
            r"0\d{2,4}[ \t]\d{3,4}[ \t]?\d{3,4}",
            r"07\d{9}",
            # North American with dashes or dots: 555-123-4567
            r"\d{3}[.\-]\d{3}[.\-]\d{4}",
        )
    )
    + r")(?![\w-])"
)


def luhn_ok(digits: str) -> bool:
    """True when the digit string passes the Luhn checksum."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    """True when the compact IBAN passes the ISO 7064 mod-97 check."""
    s = iban.upper()
    if len(s) < 15 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    moved = s[4:] + s[:4]
    try:
        number = int("".join(str(int(c, 36)) for c in moved))
    except ValueError:
        return False
    return number % 97 == 1


def _iban_end(raw: str) -> int:
    """Length of the IBAN at the start of `raw`, or 0 when there is none."""
    country = raw[:2].upper()
    # The greedy match may have swallowed following words ("… 189 merci"): take the
    # longest prefix ending on a group boundary that is a valid IBAN.
    cut_points = [i for i in range(len(raw), 0, -1) if i == len(raw) or raw[i] in " -"]
    for end in cut_points:
        candidate = re.sub(r"[ \-]", "", raw[:end]).upper()
        if iban_ok(candidate) and (country not in IBAN_LENGTHS or len(candidate) == IBAN_LENGTHS[country]):
            return end
    # Unvalidated but IBAN-shaped (a typo is still someone's account): upper case, a
    # known country code, about its registered length, mostly digits.
    expected = IBAN_LENGTHS.get(country)
    shaped = _IBAN_SHAPE.match(raw)
    if expected is not None and shaped is not None:
        candidate = re.sub(r"[ \-]", "", shaped.group(0))
        if len(candidate) >= expected - 2 and sum(c.isdigit() for c in candidate) >= 0.7 * len(candidate):
            return shaped.end()
    return 0


def _redact_ibans(text: str) -> str:
    out, pos = [], 0
    while (m := _IBAN_RE.search(text, pos)) is not None:
        end = _iban_end(m.group(1))
        if end:
            out += [text[pos : m.start(1)], IBAN]
            pos = m.start(1) + end
        else:
            out.append(text[pos : m.start(1) + 1])
            pos = m.start(1) + 1
    out.append(text[pos:])
    return "".join(out)


def _card_sub(m: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", m.group(0))
    if 13 <= len(digits) <= 19 and (luhn_ok(digits) or (_GROUPED.fullmatch(m.group(0)) and _CARD_PREFIX.match(digits))):
        return CARD
    return m.group(0)


_DIALLED_ABROAD = re.compile(r"00[1-9]")


def _phones(text: str) -> str:
    # A 13–19 digit run still here failed Luhn: it is a look-alike (an order or
    # account reference), not a phone, so no phone may be carved out of it.
    # Only card-like groupings count (4-4-4-4, 4-6-5, unbroken), and never a number
    # dialled from abroad: "0033 6 12 34 56 78" and "0033612345678" are phones
    # ("0000 0000 0000 0001" is not: no country code starts with 0).
    protected = [
        m.span()
        for m in _CARD_RE.finditer(text)
        if _CARD_GROUPING.fullmatch(m.group(0)) and _DIALLED_ABROAD.match(m.group(0)) is None
    ]

    def sub(m: re.Match[str]) -> str:
        start, end = m.span()
        if any(a < end and start < b for a, b in protected):
            return m.group(0)
        n = sum(c.isdigit() for c in m.group(0))
        return PHONE if 8 <= n <= 15 else m.group(0)

    return _PHONE_RE.sub(sub, text)

# --- postal addresses ----------------------------------------------------------------
# The core is a house number, a street type and a street name: "12 rue des Lilas",
# "3 bis avenue Jean Jaurès", "221B Baker Street". A French postcode and town, or a
# UK postcode, that follow belong to the address. Without a number ("rue des
# Lilas") nothing is replaced: a street alone rarely identifies anyone.
_MONTHS_FR = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
)
_MONTHS_EN = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_HOUSE_NUMBER = r"(?<![\w,.\-/+€$£])\d{1,4}(?:[-/]\d{1,4})?(?:[ \t]?(?:bis|ter|quater)\b|[A-Za-z](?!\w))?"
# French types that are always streets, and those that are also ordinary words
# ("2 place de concert", "3 cours de tennis", "15 route"): the latter need a
# capitalised name ("3 place de la Concorde") or a cue before the number ("j'habite au…").
_FR_STREET = (
    r"rue|avenue|av|boulevard|bd|bld|bvd|allée|allee|impasse|imp|quai|chemin|faubourg|fbg|lotissement"
    r"|résidence|residence|hameau|lieu-dit|ruelle|venelle|rond-point"
)
_FR_STREET_AMBIGUOUS = (
    r"place|pl|route|rte|cours|voie|passage|square|cité|cite|villa|parc|promenade|esplanade|montée|montee|sentier"
    r"|traverse|parvis|domaine"
)
_FR_ADDRESS_RE = re.compile(
    rf"({_HOUSE_NUMBER})(?:[ \t]*,)?[ \t]+(?i:({_FR_STREET})|({_FR_STREET_AMBIGUOUS}))\.?(?=[ \t])"
)
# English types after the name: "42 Elm Road". "Drive", "Way", "Court"… are also
# ordinary words ("2 Google Drive accounts"): they need a cue or a postcode.
_EN_STREET = r"street|st|road|rd|avenue|ave|lane|ln|boulevard|blvd|crescent|cres|terrace|mews|parkway|pkwy|highway|hwy"
_EN_STREET_AMBIGUOUS = (
    r"drive|dr|way|place|pl|court|ct|close|square|sq|hill|walk|row|gardens|grove|park|green|circle|loop|trail|parade"
)
_EN_TYPE_RE = re.compile(rf"(?i:({_EN_STREET})|({_EN_STREET_AMBIGUOUS}))")
_EN_NUMBER_RE = re.compile(rf"{_HOUSE_NUMBER}(?=[ \t]+[^\W\d_])")
_EN_WORD_RE = re.compile(r"[ \t]+([^\W\d_][\w'’\-]*)(?:\.(?=[ \t]*,))?")  # "St., London" but not a full stop
# A placeholder between cue and number ends the cue: names redacted later must not bring it closer.
_ADDRESS_CUE_BEFORE = re.compile(
    r"(?i:(?<!\[)\b(?:adresse|address|habite\w*|domicil\w*|lives?|living|moved|déménag\w*|emménag\w*)\b"
    r"[^.!?\n\d\[]{0,25}"
    r"|\b(?:au|at)[ \t]+)\Z"
)
# UK postcodes (the letters the Royal Mail uses), upper case: "SW1A 1AA", "M1 1AE".
# "S10 8GB" and "PS5 2TB" are phones and consoles with their storage, not postcodes.
_UK_POSTCODE = r"[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPS-UW\d]?[ \t]?\d(?!GB|TB)[ABD-HJLNP-UW-Z]{2}(?![\w-])"
_UK_POSTCODE_RE = re.compile(rf"(?<![\w-]){_UK_POSTCODE}")
_UK_POSTCODE_AFTER = re.compile(rf"(?:[ \t]*,)?[ \t]+{_UK_POSTCODE}")
# After a "postcode" cue, a lower-case one too (speech-to-text): "post code is sw1a 1aa".
_CUED_POSTCODE_RE = re.compile(
    rf"(?i:\b(?:post[ \t]?code|postal[ \t]code)[ \t]*(?:is|was|:)?[ \t]*)((?i:{_UK_POSTCODE}))"
)
# The postcode may open the next line ("12 rue des Lilas\n75011 Paris"). A four-digit one
# (Belgium, Switzerland, Luxembourg: "5000 Namur", "L-1611 Luxembourg") needs a capitalised
# town after it: "41 rue X 2000 euros" is no postcode.
_FR_POSTCODE_TOWN = re.compile(
    r"(?:[ \t]*,)?[ \t]*(?:\n[ \t]*)?(?<![\w-])(?:(\d{5}|\d{2}[ ]\d{3})|(?:[A-Z]{1,2}-)?\d{4})(?![\w\-/]|[.,]\d)"
)
# The house number after the street, as in Belgium and Switzerland: "Rue de la Station 41".
# Not a date: "Rue Neuve 26 janvier" is where and when, not a house.
_NUMBER_AFTER_STREET = re.compile(
    r"[ \t]+(\d{1,4}(?:[ \t]?(?:bis|ter)\b|[A-Za-z](?!\w)|/\d{1,3})?)(?![\w\-/]|[.,]\d)"
    rf"(?![ \t]+(?i:{_MONTHS_FR}|{_MONTHS_EN})(?![^\W\d_]))"
)
_STREET_FIRST_RE = re.compile(rf"(?<![\w-])(?i:({_FR_STREET})|({_FR_STREET_AMBIGUOUS}))\.?(?=[ \t])")
_TOWN_AFTER_COMMA = re.compile(r"[ \t]*,(?=[ \t]*[A-ZÀ-ÖØ-Þ])")
_US_STATE_ZIP = re.compile(r"(?:[ \t]*,)?[ \t]+[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?(?![\w-])")
_UNIT = (
    r"(?i:apt|appt|apartment|appartement|flat|unit|suite|bâtiment|batiment|bât|bat)\.?[ \t]*(?:n°|no\.?|#)?[ \t]*"
)
_UNIT_BEFORE = re.compile(rf"\b{_UNIT}[A-Za-z]?\d{{1,4}}[A-Za-z]?[ \t]*,?[ \t]*\Z")
_UNIT_AFTER = re.compile(rf"(?:[ \t]*,)?[ \t]*{_UNIT}[A-Za-z]?\d{{1,4}}[A-Za-z]?(?!\w)")
# A word of a street or town name, or a date in one ("rue du 8 Mai 1945").
_NAME_TOKEN = re.compile(
    rf"[ \t]+(\d{{1,2}}(?:er)?[ \t]+(?i:{_MONTHS_FR})(?:[ \t]+\d{{4}})?(?!\w)"
    r"|[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w'’\-\[]))"
)
# Particles inside street and town names ("rue de la Paix", "Villeneuve d'Ascq").
_PARTICLES = frozenset("de du des la le les aux au saint sainte st ste of the".split())
_ELIDED = re.compile(r"^[dl]['’]", re.IGNORECASE)


def _proper_name_end(text: str, pos: int, most: int) -> tuple[int, bool, bool] | None:
    """End of the street or town name that follows `pos`, whether it is capitalised,
    and whether it opens with a particle ("des lilas", "de la paix").

    Reads up to `most` content words (2 when lower case) and the particles between
    them; stops at a function word, punctuation, a number, or a lower-case word
    after a capitalised one ("rue Voltaire livraison"). None when there is no name.
    """
    end, content, capitalised, particle = -1, 0, False, False
    while (m := _NAME_TOKEN.match(text, pos)) is not None:
        word = m.group(1)
        if word.lower() in _PARTICLES:
            particle = particle or not content
            pos = m.end()
            continue
        core = _ELIDED.sub("", word)
        upper = any(part[:1].isupper() for part in core.split())
        if is_function_word(core) or (content and capitalised and not upper):
            break
        if not content:
            capitalised = upper
            particle = particle or core != word
        content += 1
        end = pos = m.end()
        if content >= (most if capitalised else 2):
            break
    return (end, capitalised, particle) if content else None


def _town_closing_sentence(text: str, end: int) -> int:
    """End of ", Talloires" when a capitalised town after a comma ends the sentence, else `end`."""
    if (m := _TOWN_AFTER_COMMA.match(text, end)) is None:
        return end
    town = _proper_name_end(text, m.end(), 3)
    if town and town[1] and (town[0] == len(text) or text[town[0]] in ".,;!?\n"):
        return town[0]
    return end


def _address_tail(text: str, end: int, *, french: bool) -> tuple[int, bool]:
    """Extend an address ending at `end` over what belongs to it: a French postcode and
    town, or a town and UK postcode / US state and ZIP, then a unit ("Apt 4").
    Also says whether a postcode was found."""
    postcode = None
    if french:
        if (m := _FR_POSTCODE_TOWN.match(text, end)) is not None:
            town = _proper_name_end(text, m.end(), 3)
            if m.group(1) is not None or (town is not None and town[1]):
                postcode = town[0] if town else m.end()
    else:
        town_end = end
        if (m := _TOWN_AFTER_COMMA.match(text, end)) is not None and (town := _proper_name_end(text, m.end(), 3)):
            town_end = town[0] if town[1] else end
        m = _UK_POSTCODE_AFTER.match(text, town_end) or _US_STATE_ZIP.match(text, town_end)
        if m is not None:
            postcode = m.end()
    end = postcode if postcode is not None else _town_closing_sentence(text, end)
    if (m := _UNIT_AFTER.match(text, end)) is not None:
        end = m.end()
    return end, postcode is not None


def _address_start(text: str, start: int) -> int:
    """Move `start` back over a unit written first ("Flat 2, 42 Elm Road")."""
    m = _UNIT_BEFORE.search(text, max(0, start - 30), start)
    return m.start() if m is not None else start


def _has_address_cue(text: str, start: int) -> bool:
    return _ADDRESS_CUE_BEFORE.search(text, max(0, start - 40), start) is not None


def _english_street(text: str, number: re.Match[str]) -> tuple[int, int] | None:
    """Span of "42 Elm Road[, town, postcode]" after a house number, or None.

    Reads up to four words; each street type after at least one name word ends a
    candidate ("1 Church Hill" and "1 Church Hill Street"); the longest one that
    passes wins. An ambiguous type ("Drive", "Hill") needs a cue or a postcode.
    """
    candidates: list[tuple[int, bool]] = []
    pos, words = number.end(), 0
    while words < 4 and (w := _EN_WORD_RE.match(text, pos)) is not None:
        pos = w.end()
        street = _EN_TYPE_RE.fullmatch(w.group(1))
        if street is not None and words:
            candidates.append((pos, street.group(2) is not None))
        if is_function_word(w.group(1)):
            break
        words += 1
    for end, ambiguous in reversed(candidates):
        end, postcode = _address_tail(text, end, french=False)
        if not ambiguous or postcode or _has_address_cue(text, number.start()):
            return _address_start(text, number.start()), end
    return None


def address_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of postal addresses in `text`, sorted and not overlapping."""
    spans = []
    for m in _FR_ADDRESS_RE.finditer(text):
        name = _proper_name_end(text, m.end(), 4)
        if name is None:
            continue
        # A lower-case name must open with a particle ("12 rue des lilas"; "2 rue fermées"
        # is not an address), and after an ambiguous type it needs a cue as well.
        end, capitalised, particle = name
        sure = capitalised or (particle and m.group(3) is None)
        if not sure and not _has_address_cue(text, m.start()):
            continue
        spans.append((_address_start(text, m.start()), _address_tail(text, end, french=True)[0]))
    for m in _STREET_FIRST_RE.finditer(text):
        # "Rue de la Station 41": a capitalised name (or, after a type that is always a
        # street, one opening with a particle), then the house number; in running text
        # ("payé rue X 2000 euros") the type is capitalised as a signature writes it, or a
        # cue comes before ("j'habite rue…")
        name = _proper_name_end(text, m.end(), 4)
        if name is None or not (name[1] or (name[2] and m.group(2) is None)):
            continue
        if not m.group(0)[0].isupper() and not _has_address_cue(text, m.start()):
            continue
        if (number := _NUMBER_AFTER_STREET.match(text, name[0])) is not None:
            spans.append((_address_start(text, m.start()), _address_tail(text, number.end(), french=True)[0]))
    for m in _EN_NUMBER_RE.finditer(text):
        span = _english_street(text, m)
        if span is not None:
            spans.append(span)
    cued = [m.span(1) for m in _CUED_POSTCODE_RE.finditer(text)]
    spans += cued + [m.span() for m in _UK_POSTCODE_RE.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def redact_addresses(text: str) -> str:
    """Replace postal addresses (house number, street, postcode and town) and UK postcodes with [ADDRESS].

    Examples
    --------
    >>> redact_addresses("Livré au 3 bis avenue Jean Jaurès 75011 Paris, pas au 221B Baker Street.")
    'Livré au [ADDRESS], pas au [ADDRESS].'
    >>> redact_addresses("J'ai pris 2 place de concert et payé 3 fois.")
    "J'ai pris 2 place de concert et payé 3 fois."
    """
    for start, end in reversed(address_spans(text)):
        text = text[:start] + ADDRESS + text[end:]
    return text


# --- dates of birth and customer numbers, only after a cue -----------------------------
# A date or a number alone is an invoice date or an order amount; after "né le",
# "date of birth", "numéro client"… it identifies the caller. In a call the cue is
# often the agent's question and the value the answer ("Votre date de naissance ?\n
# Client : 8 août 1975"), so a value may sit in the cue's own turn or the next one,
# never further.
_ORDINAL_DAY = (
    r"(?:(?:twenty|thirty)[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh"
    r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|premier"
)
_DAY = rf"(?:\d{{1,2}}(?:er|st|nd|rd|th)?|{_ORDINAL_DAY})"
_MONTH = rf"(?:{_MONTHS_FR}|{_MONTHS_EN})\.?(?![^\W\d_])"
_YEAR = r"(?:\d{4}|'?\d{2})(?!\d)"
_DATE = (
    r"(?<![\w/.\-:])(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}[/\-]\d{1,2}[/\-]\d{1,2}"
    r"|\d{1,2}[ \t]\d{1,2}[ \t]\d{4}"
    rf"|{_DAY}(?:[ \t]+of)?[ \t]+{_MONTH}(?:[ \t]*,?[ \t]*{_YEAR})?"
    rf"|{_MONTH}[ \t]+(?:the[ \t]+)?{_DAY}(?:[ \t]*,?[ \t]*{_YEAR})?)(?![\w/\-]|[.,]\d)"
)
_PLACEHOLDER = r"\[[A-Z]+\]"
_DATE_RE = re.compile(rf"(?i:{_DATE})")
_DATE_OR_PLACEHOLDER_RE = re.compile(rf"{_PLACEHOLDER}|(?i:{_DATE})")
# "né le 12/03/1985", "born on the 3rd of March 1990": the date follows at once.
_BORN_RE = re.compile(
    rf"(?i:(?<![\w'’])(?:né|née|né\(e\)|nés|nées|born)[ \t]+(?:le|on|the|on[ \t]+the)?[ \t]*({_DATE}))"
)
# Cues never match inside a placeholder ("[DOB]", "[ADDRESS]"): a second pass must see what the first saw.
_DOB_CUE_RE = re.compile(
    r"(?i:(?<![\w'’\[])(?:date[ \t]+de[ \t]+naissance|date[ \t]+of[ \t]+birth|birth[ \t]?date|d\.o\.b\.?|dob)"
    r"(?![\w'’\]]))"
)
_ID_CUE_RE = re.compile(
    r"(?i:(?<![\w'’])(?:(?:num[ée]ro|n°|no\.|num\.?)[ \t]*(?:de[ \t]+|d['’])?"
    r"(?:client|cliente|abonn[ée]e?|adh[ée]rent|contrat|compte)"
    r"|(?:client|cliente|contrat|compte|abonn[ée]e?)[ \t]*(?:n°|no\.|num[ée]ro)"
    r"|r[ée]f[ée]rence[ \t]+(?:client|contrat)|r[ée]f\.?[ \t]+client|identifiant[ \t]+client|code[ \t]+client"
    r"|(?:customer|client|account|contract|membership|policy|subscriber)[ \t]+(?:number|no\.?|n°|id|ref(?:erence)?)"
    r"|(?:customer|account)[ \t]*\#)(?![\w'’]))"
)
# A customer number: an optional letter prefix ("C-", "AB-", "AB") and at least four
# digits, in groups. A decimal, a JSON value ("start": 1234) or a time is not one.
_ID_VALUE_OR_PLACEHOLDER_RE = re.compile(
    rf"{_PLACEHOLDER}|(?<![\w:,.\-/+#])(?<!\":)(?<!\": )(?:[A-Za-z]{{1,4}}-|[A-Z]{{1,4}})?\d+(?:[ \-/]\d{{2,}})*"
    r"(?![\w\-/]|[.,:]\d)"
)
_CURRENCY_AFTER = re.compile(r"[ \t]*(?:€|\$|£|%|(?i:eur|euros?|dollars?|pounds?|mbps|go|gb|mo|mb)(?![^\W\d_]))")
_WINDOW = 100  # characters from the cue to its value
_LETTER = re.compile(r"[^\W\d_]")


def _answers_cue(text: str, cue_end: int, start: int) -> bool:
    """True when a value starting at `start` is close enough to the cue ending at `cue_end`:
    within `_WINDOW` characters and no further than the next turn (no whole line
    with words in between, at most one JSON turn boundary)."""
    if start - cue_end > _WINDOW:
        return False
    gap = text[cue_end:start]
    lines = gap.split("\n")
    return gap.count("{") <= 1 and not any(_LETTER.search(line) for line in lines[1:-1])


def _cued_spans(
    text: str,
    cues: re.Pattern[str],
    values: re.Pattern[str],
    accept: Callable[[str, re.Match[str], re.Match[str]], bool] = lambda text, cue, m: True,
) -> list[tuple[int, int]]:
    """Spans of the first accepted value after each cue (`_answers_cue`). A placeholder
    found first ends the search: the value is already gone (redacting twice changes nothing)."""
    spans = []
    for cue in cues.finditer(text):
        pos = cue.end()
        while (m := values.search(text, pos)) is not None and _answers_cue(text, cue.end(), m.start()):
            if m.group(0).startswith("["):
                break
            if accept(text, cue, m):
                spans.append(m.span())
                break
            pos = m.end()
    return spans


def _is_customer_number(text: str, cue: re.Match[str], m: re.Match[str]) -> bool:
    """At least four digits, not a date; an amount ("45 €", "100 Go") is not one, unless
    it follows the cue at once ("numéro client 004512 MB": the cue says what it is)."""
    value = m.group(0)
    right_after_cue = text[cue.end() : m.start()].strip(" \t:#=-") == ""
    return (
        sum(c.isdigit() for c in value) >= 4
        and _DATE_RE.fullmatch(value) is None
        and (right_after_cue or _CURRENCY_AFTER.match(text, m.end()) is None)
    )


def redact_cued_ids(text: str) -> str:
    """Replace dates of birth ([DOB]) and customer, account and contract numbers ([ID])
    that follow a cue; the same dates and numbers without a cue are kept.

    Examples
    --------
    >>> redact_cued_ids("Votre date de naissance ?\\nClient : 8 août 1975. Facture du 02/06/2026.")
    'Votre date de naissance ?\\nClient : [DOB]. Facture du 02/06/2026.'
    >>> redact_cued_ids("customer number 12345678, order CMD-2026-004512 of 49,99 €")
    'customer number [ID], order CMD-2026-004512 of 49,99 €'
    """
    spans = [(m.start(1), m.end(1), DOB) for m in _BORN_RE.finditer(text)]
    spans += [(a, b, DOB) for a, b in _cued_spans(text, _DOB_CUE_RE, _DATE_OR_PLACEHOLDER_RE)]
    taken = [(a, b) for a, b, _ in spans]
    for a, b in _cued_spans(text, _ID_CUE_RE, _ID_VALUE_OR_PLACEHOLDER_RE, _is_customer_number):
        # a number run into the date of birth after it ("client C-004512 12/03/1985") ends where
        # the date begins, as a second pass, which sees [DOB] there, reads it
        b = min([b, *(x for x, y in taken if x < b and a < y and a < x)])
        b = a + len(text[a:b].rstrip(" -/"))
        if sum(c.isdigit() for c in text[a:b]) >= 4 and not any(x < b and a < y for x, y in taken):
            spans.append((a, b, ID))
    out, pos = [], 0
    for start, end, placeholder in sorted(spans):
        if start >= pos:  # the same date after "né le" and "date de naissance"
            out += [text[pos:start], placeholder]
            pos = end
    out.append(text[pos:])
    return "".join(out)


# --- numbers spelled out (speech-to-text of a call) ------------------------------------
# "un neuf sept six quatre quatre zéro", "two nine nine one eight five four", "zéro six douze
# trente-quatre…": five number words in a row are a customer number, a phone or a card read
# aloud, never prose. Hundreds and thousands are left out: "deux mille deux cent soixante
# euros" is an amount.
_UNITS_FR = "zero|zéro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf"
_TEENS_FR = "dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante"
_NUMBER_FR = rf"(?:(?:{_TEENS_FR}|quatre-vingts?)(?:-et-un|-et-une|-(?:{_UNITS_FR}|{_TEENS_FR}))*|{_UNITS_FR})"
_NUMBER_EN = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|double|triple)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
)
_NUMBER_WORD = rf"(?:{_NUMBER_FR}|{_NUMBER_EN}|\d)"
SPOKEN_NUMBER_MIN_WORDS = 5
_SPOKEN_NUMBER_RE = re.compile(
    rf"(?<![\w-]){_NUMBER_WORD}(?:[ ,]+{_NUMBER_WORD}){{{SPOKEN_NUMBER_MIN_WORDS - 1},}}(?![\w-])", re.IGNORECASE
)

# Letters read aloud one by one, numbers among them: a name or a reference spelled for the
# agent ("g o s s e l i n", "l c neuf deux k c w m"). Three single letters in a run of four
# such words are never prose ("il y a deux trois semaines" has two).
_SPELLED_RUN_RE = re.compile(rf"(?<![\w'-])(?:[a-z]|{_NUMBER_WORD})(?:[ ,.-]+(?:[a-z]|{_NUMBER_WORD}))+(?![\w'-])", re.IGNORECASE)
_SPELLED_MIN_LETTERS = 3


def _spelled_sub(m: re.Match[str]) -> str:
    tokens = re.split(r"[ ,.-]+", m.group())
    letters = sum(len(t) == 1 and t.isalpha() for t in tokens)
    return ID if letters >= _SPELLED_MIN_LETTERS and len(tokens) >= 4 else m.group()


# A card's number that is no payment card (too short, or no card's prefix or checksum): three or
# more groups of four digits shortly after "carte" / "card" ("Carte LUM 5509 2271 6630", a
# loyalty, subscriber or transport card). Without the cue such a number is a reference and stays.
_CARD_NUMBER_CUED_RE = re.compile(r"(?i:\b(?:carte|card)\b)[^\n\d]{0,30}?(?<![\w.,/-])(\d{4}(?: \d{4}){2,})(?![\w-]|[.,/]\d)")


def _cued_card_sub(m: re.Match[str]) -> str:
    return m.group(0)[: m.start(1) - m.start(0)] + ID


# Secrets and national numbers, which no contact needs: a card's security code after its cue,
# a password, PIN or login after its cue when it holds a digit or follows ":" / "="
# ("mot de passe est trop court", 'mot de passe oublié"' stay), a French social security number in its groups
# (1 75 03 75 123 456 78), a US social security number (078-05-1120), an IPv4 address.
_CVV_RE = re.compile(r"(?i:\b(?:cvv2?|cvc2?|cryptogramme(?:[ \t]+visuel)?|code[ \t]+de[ \t]+s[ée]curit[ée]|security[ \t]+code)\b)([ \t]*(?::|=|est|is)?[ \t]*)(\d{3,4})\b")
_CREDENTIAL_RE = re.compile(
    r"(?i:\b(?:mot[ \t]+de[ \t]+passe|mdp|password|passwd|pwd|passcode|code[ \t]+pin|pin|identifiant|login|username|user[ \t]*name|nom[ \t]+d['’]utilisateur)\b)"
    r"([ \t]*(?:(?::|=)|(?:est|is|c['’]est)\b)?[ \t]*)([^\s,;]+)"
)
_NIR_RE = re.compile(r"(?<![\w.])[12][ .]\d{2}[ .]\d{2}[ .]\d{2}[ .]\d{3}[ .]\d{3}(?:[ .]\d{2})?(?![\w.]|[.,]\d)")
_SSN_RE = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4_RE = re.compile(rf"(?<![\w.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\w.]|\.\d)")


def _credential_sub(m: re.Match[str]) -> str:
    value = m.group(2).rstrip(".!?)\"'»”")
    explicit = m.group(1).strip() in (":", "=")
    if not value or value.startswith("[") or not (re.search(r"\d", value) or (explicit and re.fullmatch(r"\w[\w!@#$%&*?.\-]*", value))):
        return m.group(0)
    return m.group(0)[: m.start(2) - m.start(0)] + SECRET + m.group(2)[len(value):]


def redact_secrets(text: str) -> str:
    """Replace card security codes, passwords, PINs and logins after their cue, French and US
    social security numbers and IPv4 addresses."""
    text = _CVV_RE.sub(lambda m: m.group(0)[: m.start(2) - m.start(0)] + CARD, text)
    text = _CREDENTIAL_RE.sub(_credential_sub, text)
    text = _NIR_RE.sub(ID, text)
    text = _SSN_RE.sub(ID, text)
    return _IPV4_RE.sub(ID, text)


def redact_patterns(text: str) -> str:
    """Replace e-mails, IBANs, card numbers, phone numbers, postal addresses, cued dates of
    birth and customer numbers, and numbers and letters spelled out one by one with placeholders.

    Examples
    --------
    >>> redact_patterns("Appelez-moi au 06 12 34 56 78 ou jean@x.fr (commande CMD-2026-004512)")
    'Appelez-moi au [PHONE] ou [EMAIL] (commande CMD-2026-004512)'
    >>> redact_patterns("J'habite 12 rue des Lilas 69003 Lyon, né le 3 mars 1990, client n° 4815162342.")
    "J'habite [ADDRESS], né le [DOB], client n° [ID]."
    """
    text = _ascii_forms(text)
    text = _EMAIL_RE.sub(EMAIL, text)
    text = _CUT_EMAIL_RE.sub(EMAIL, text)
    text = _SPELLED_EMAIL_RE.sub(EMAIL, text)
    text = _redact_ibans(text)
    text = _CARD_RE.sub(_card_sub, text)
    text = _CARD_NUMBER_CUED_RE.sub(_cued_card_sub, text)
    text = redact_secrets(text)
    text = _phones(text)
    text = redact_addresses(text)
    text = redact_cued_ids(text)
    text = _SPOKEN_NUMBER_RE.sub(ID, text)
    return _SPELLED_RUN_RE.sub(_spelled_sub, text)
