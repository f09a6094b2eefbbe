"""Property tests: redaction is idempotent, planted PII never survives, look-alikes do."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rootcause.clean import redact, redact_many, redact_patterns
from rootcause.clean.patterns import IBAN_LENGTHS

# Filler that cannot merge with planted PII: letters (accents included), spaces, punctuation.
_FILLER_ALPHABET = "abcdefghijklmnopqrstuvwxyzéèàçôABCDEFGHIJKLMNOPQRSTUVWXYZÉ ,.;:!?()'\n"
filler = st.text(alphabet=_FILLER_ALPHABET, max_size=60)
digit = st.sampled_from("0123456789")


def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


@st.composite
def emails(draw):
    local = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._+-", min_size=1, max_size=20))
    local = local.strip(".") or "x"
    labels = draw(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10),
                           min_size=1, max_size=3))
    tld = draw(st.sampled_from(["fr", "com", "org", "co.uk", "io"]))
    return f"{local}@{'.'.join(labels)}.{tld}"


@st.composite
def french_phones(draw):
    digits = draw(st.sampled_from("1234567")) + "".join(draw(st.lists(digit, min_size=8, max_size=8)))
    sep = draw(st.sampled_from(["", " ", ".", "-"]))
    groups = [digits[i : i + 2] for i in range(1, 9, 2)]
    prefix = draw(st.sampled_from(["0", "+33 ", "+33", "0033 "]))
    return prefix + digits[0] + sep + sep.join(groups)


@st.composite
def ibans(draw):
    country = draw(st.sampled_from(["FR", "DE", "GB", "BE", "ES", "IT", "NL"]))
    n = IBAN_LENGTHS[country] - 4
    if country == "GB":
        bban = draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=4)) + "".join(
            draw(st.lists(digit, min_size=n - 4, max_size=n - 4))
        )
    else:
        bban = "".join(draw(st.lists(digit, min_size=n, max_size=n)))
    numeric = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    iban = f"{country}{98 - numeric % 97:02d}{bban}"
    if draw(st.booleans()):
        iban = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    return iban


@st.composite
def cards(draw):
    n = draw(st.sampled_from([13, 15, 16, 16, 19]))
    body = draw(st.sampled_from("3456")) + "".join(draw(st.lists(digit, min_size=n - 2, max_size=n - 2)))
    number = body + _luhn_digit(body)
    sep = draw(st.sampled_from(["", " ", "-"]))
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


pii = st.one_of(emails(), french_phones(), ibans(), cards())


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


@given(before=filler, planted=pii, after=filler)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_planted_pii_never_survives(before, planted, after):
    out = redact_patterns(f"{before} {planted} {after}")
    assert planted not in out
    if "@" not in planted:
        # not even the digits, whatever the grouping
        assert _digits(planted) not in _digits(out)


@given(st.text(max_size=200))
@settings(max_examples=300)
def test_pattern_redaction_is_idempotent_on_any_text(text):
    once = redact_patterns(text)
    assert redact_patterns(once) == once


@given(before=filler, planted=pii, after=filler)
@settings(max_examples=200)
def test_pattern_redaction_is_idempotent_with_pii(before, planted, after):
    once = redact_patterns(f"{before} {planted} {after}")
    assert redact_patterns(once) == once


@st.composite
def look_alikes(draw):
    n6 = "".join(draw(st.lists(digit, min_size=6, max_size=6)))
    day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
    euros, cents = draw(st.integers(0, 9999)), draw(st.integers(0, 99))
    body = "".join(draw(st.lists(digit, min_size=15, max_size=15)))
    bad_luhn = body + str((int(_luhn_digit(body)) + draw(st.integers(1, 9))) % 10)
    return draw(
        st.sampled_from(
            [
                f"CMD-2026-{n6}",
                f"C-{n6}",
                f"{day:02d}/{month:02d}/2026",
                f"2026-{month:02d}-{day:02d}",
                f"{euros},{cents:02d} €",
                " ".join(bad_luhn[i : i + 4] for i in range(0, 16, 4)),
                bad_luhn,
            ]
        )
    )


@given(before=filler, kept=look_alikes(), after=filler)
@settings(max_examples=300)
def test_look_alikes_survive(before, kept, after):
    assert kept in redact_patterns(f"{before} {kept} {after}")


# --- with names (spaCy NER): fewer examples, realistic sentences -------------------

_SENTENCES = [
    "Bonjour {name}, ma facture de janvier est fausse.",
    "J'ai eu M. {name} au téléphone, il m'a promis un remboursement.",
    "Hello, my name is {name} and my parcel never arrived.",
    "{name} from your team told me the outage was fixed.",
    "Merci de corriger.\nCordialement,\n{name}",
    "Ma box redémarre sans arrêt, appelez-moi au {phone}.",
    "Please refund card {card}, contact {email}.",
]
_NAMES = ["Sophie Martin", "Jean-Pierre Durand", "John Smith", "Émilie Lefèvre", "Mark Johnson", "Claire"]


@pytest.mark.integration
@given(
    parts=st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=3),
    name=st.sampled_from(_NAMES),
    phone=french_phones(),
    card=cards(),
    email=emails(),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_full_redaction_idempotent_and_no_planted_pii(parts, name, phone, card, email):
    text = " ".join(parts).format(name=name, phone=phone, card=card, email=email)
    once = redact(text)
    assert redact(once) == once
    for value in (phone, card, email):
        if value in text:
            assert value not in once


@pytest.mark.integration
@given(st.lists(st.text(alphabet=_FILLER_ALPHABET, max_size=80), max_size=8))
@settings(max_examples=25, deadline=None)
def test_redact_many_idempotent_on_random_capitalised_text(texts):
    once = redact_many(texts)
    assert redact_many(once) == once
