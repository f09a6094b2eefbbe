"""Cleaning and redacting contact text, and identifying its language.

`clean_text` removes HTML, quoted replies, signatures and form boilerplate;
`redact`/`redact_many` replace e-mails, phones, IBANs, cards, person names,
postal addresses, dates of birth and customer numbers with placeholders;
`detect_language(s)` returns ISO 639-1 codes.
"""

from rootcause.clean.language import UNDETERMINED, detect_language, detect_languages
from rootcause.clean.patterns import (
    ADDRESS, CARD, DOB, EMAIL, IBAN, ID, NAME, PHONE, PLACEHOLDERS, iban_ok, luhn_ok, redact_patterns,
)  # fmt: skip
from rootcause.clean.redaction import redact, redact_many
from rootcause.clean.text import clean_text

__all__ = [
    "ADDRESS", "CARD", "DOB", "EMAIL", "IBAN", "ID", "NAME", "PHONE", "PLACEHOLDERS", "UNDETERMINED",
    "clean_text", "detect_language", "detect_languages", "iban_ok", "luhn_ok",
    "redact", "redact_many", "redact_patterns",
]  # fmt: skip
