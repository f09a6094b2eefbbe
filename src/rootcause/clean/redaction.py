"""`redact` and `redact_many`: PII out, placeholders in, before anything is stored or shown.

Patterns (e-mails, IBANs, cards, phones, addresses, cued dates of birth and
customer numbers) run first so that NER never sees them;
then name rules, then spaCy NER. Replacing a name changes the context NER sees,
which can reveal another name ("[NAME] Dupont"), so the name step is repeated on
texts it changed until nothing changes: that is what makes redaction idempotent.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence

from rootcause.clean.language import detect_languages
from rootcause.clean.names import apply_spans, export_brands, model_key, person_spans_many, redact_name_rules
from rootcause.clean.patterns import redact_patterns
from rootcause.errors import BadInputError

_MAX_PASSES = 4
# Language is detected without capitalised words: names (and their placeholders)
# then cannot change the pipeline chosen, so redacting twice picks the same one.
_CAPITALISED = re.compile(r"\[[A-Z]+\]|\b[A-ZÀ-ÖØ-Þ][\w'’-]*")


def _name_pass(
    texts: list[str], languages: Sequence[str], batch_size: int, keep: frozenset[str], tick: Callable[[int], None] | None
) -> tuple[list[str], frozenset[str]]:
    """Name rules, then NER on each text; also returns the brands the texts revealed
    (`names.export_brands`, judged over every language at once), which are not masked."""
    out = [redact_name_rules(t, keep) for t in texts]
    # words the name rules masked somewhere are people's names, never brands
    people: set[str] = set()
    for before, after in zip(texts, out, strict=True):
        if before != after:
            people |= set(_CAPITALISED.findall(before)) - set(_CAPITALISED.findall(after))
    groups: dict[str, list[int]] = defaultdict(list)
    for i, lang in enumerate(languages):
        groups[model_key(lang)].append(i)
    spans: list[list[tuple[int, int]]] = [[] for _ in out]
    for key, idx in groups.items():
        found = person_spans_many([out[i] for i in idx], key, batch_size=batch_size, keep=keep, tick=tick)
        for i, s in zip(idx, found, strict=True):
            spans[i] = s
    brands = export_brands(out, spans, people)
    return [apply_spans(t, s, brands) for t, s in zip(out, spans, strict=True)], brands


def redact_many(
    texts: Sequence[str],
    languages: Sequence[str | None] | None = None,
    *,
    names: bool = True,
    batch_size: int = 256,
    keep: Collection[str] = (),
    brands: set[str] | None = None,
    tick: Callable[[int], None] | None = None,
) -> list[str]:
    """Redact many texts, running spaCy NER in batches (`nlp.pipe`, NER component only).

    Parameters
    ----------
    texts : sequence of str
    languages : sequence of str or None, optional
        One ISO code per text choosing the NER pipeline ("en" → English, anything
        else → French). Missing entries are detected.
    names : bool, default True
        Also redact person names (rules + NER). False runs the patterns only
        (addresses, dates of birth and customer numbers included).
    batch_size : int, default 256
        Texts per `nlp.pipe` batch.
    keep : collection of str, optional
        Words never redacted as names, whatever NER or the name rules say: the
        company's brand and product names ("Lumio", "Freebox"), case-insensitive. Names
        that recur in the texts and NER takes for a person only now and then (a carrier,
        a brand) are found and kept without it (`names.export_brands`).
    brands : set of str, optional
        Receives the brands found so (as written), to keep them in texts redacted later.
    tick : callable, optional
        Progress: called with a number of texts as the first name pass gets through them.

    Returns
    -------
    list of str
        Redacted texts, in input order.
    """
    out = [redact_patterns(t) if t else (t or "") for t in texts]
    if not names:
        return out
    langs: list[str | None] = list(languages) if languages is not None else [None] * len(out)
    if len(langs) != len(out):
        raise BadInputError(
            f"redact_many got {len(out)} texts but {len(langs)} languages; expected one language per text "
            "(or languages=None to detect them)."
        )
    missing = [i for i, lang in enumerate(langs) if not lang]
    if missing:
        views = (_CAPITALISED.sub(" ", out[i]) for i in missing)
        for i, lang in zip(missing, detect_languages(views)):
            langs[i] = lang
    kept = frozenset(w.lower() for w in keep)
    # Identical texts (templates, a subject repeated as body…) go through NER once.
    first: dict[tuple[str, str], int] = {}
    copies: list[tuple[int, int]] = []
    for i, text in enumerate(out):
        key = (text, model_key(langs[i]))
        j = first.setdefault(key, i)
        if j != i:
            copies.append((i, j))
    todo = sorted(i for i in first.values() if out[i])
    for _ in range(_MAX_PASSES):
        if not todo:
            break
        before = [out[i] for i in todo]
        after, found = _name_pass(before, [langs[i] or "fr" for i in todo], batch_size, kept, tick)
        tick = None  # later passes see only the texts a pass changed
        kept |= {w.lower() for w in found}  # the next pass sees fewer texts: too few to tell a brand again
        if brands is not None:
            brands.update(found)
        changed = []
        for i, old, new in zip(todo, before, after):
            if new != old:
                out[i] = new
                changed.append(i)
        todo = changed
    for i, j in copies:
        out[i] = out[j]
    return out


def redact(text: str, *, language: str | None = None, names: bool = True, keep: Collection[str] = ()) -> str:
    """Replace PII in `text` with placeholders ([EMAIL], [PHONE], [IBAN], [CARD], [NAME],
    [ADDRESS], [DOB], [ID]).

    Order numbers (CMD-2026-004512), customer ids (C-004512), dates, amounts and
    digit runs that fail the Luhn check are left alone, unless a cue says they are a
    date of birth or a customer number. ``redact(redact(x)) == redact(x)``.

    Parameters
    ----------
    text : str
    language : str, optional
        "fr" or "en" picks the NER pipeline; detected when omitted.
    names : bool, default True
        Also redact person names (rules + spaCy NER).
    keep : collection of str, optional
        Brand/product words never redacted as names (see `redact_many`).

    Examples
    --------
    >>> redact("Bonjour, je suis Mme Martin, joignable au 06 12 34 56 78.", names=True)  # doctest: +SKIP
    'Bonjour, je suis Mme [NAME], joignable au [PHONE].'
    """
    return redact_many([text], [language], names=names, keep=keep)[0]
