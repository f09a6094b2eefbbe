"""Pattern-based PII: e-mails, IBANs (mod-97), payment cards (Luhn) and phone numbers.

Order matters: IBANs and cards are replaced before phones so that a phone
pattern never eats part of an account number. Every pattern refuses to start or
end inside a longer word or number, which keeps order numbers (CMD-2026-004512),
customer ids (C-004512), dates and amounts intact.
"""

from __future__ import annotations

import re

EMAIL = "[EMAIL]"
PHONE = "[PHONE]"
IBAN = "[IBAN]"
CARD = "[CARD]"
NAME = "[NAME]"
PLACEHOLDERS = (EMAIL, PHONE, IBAN, CARD, NAME)

_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.%+-]+@(?:[\w-]+\.)+[A-Za-z]{2,24}(?![\w-])")

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

_CARD_RE = re.compile(r"(?<![\w-])\d(?:[ \-]?\d){12,18}(?![\w-])")

_CARD_GROUPING = re.compile(r"\d{13,19}|\d{4}(?:[ \-]\d{4}){2,3}(?:[ \-]\d{1,4})?|\d{4}[ \-]\d{6}[ \-]\d{4,5}")

_SEP = r"[ \t.\-]?"
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
            # UK national: 020 7946 0958, 07700 900123
            r"0\d{2,4}[ \t]\d{3,4}[ \t]?\d{3,4}",
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
    if 13 <= len(digits) <= 19 and luhn_ok(digits):
        return CARD
    return m.group(0)


def _phones(text: str) -> str:
    # A 13–19 digit run still here failed Luhn: it is a look-alike (an order or
    # account reference), not a phone, so no phone may be carved out of it.
    # Only card-like groupings count (4-4-4-4, 4-6-5, unbroken), and never a number
    # dialled from abroad: "0033 6 12 34 56 78" and "0033612345678" are phones.
    protected = [
        m.span()
        for m in _CARD_RE.finditer(text)
        if _CARD_GROUPING.fullmatch(m.group(0)) and not m.group(0).startswith("00")
    ]

    def sub(m: re.Match[str]) -> str:
        start, end = m.span()
        if any(a < end and start < b for a, b in protected):
            return m.group(0)
        n = sum(c.isdigit() for c in m.group(0))
        return PHONE if 8 <= n <= 15 else m.group(0)

    return _PHONE_RE.sub(sub, text)


def redact_patterns(text: str) -> str:
    """Replace e-mails, IBANs, Luhn-valid card numbers and phone numbers with placeholders.

    Examples
    --------
    >>> redact_patterns("Appelez-moi au 06 12 34 56 78 ou jean@x.fr (commande CMD-2026-004512)")
    'Appelez-moi au [PHONE] ou [EMAIL] (commande CMD-2026-004512)'
    """
    text = _EMAIL_RE.sub(EMAIL, text)
    text = _redact_ibans(text)
    text = _CARD_RE.sub(_card_sub, text)
    return _phones(text)
