"""Driver discovery alone, on the inputs `rootcause analyze` gives it, in seconds per variant.

`bench/analyze.py --seeds 0 1 2 3` runs the whole pipeline (redaction, labels, owners, report)
once per set and seed: right for a final figure, slow for trying ideas on the representation
or the graph. This script prepares each set once as `analyze_frame` does up to discovery
(cleaning and redaction, the noise group, brands left out, the contact vectors, language
centring, the nearest-noise step, the export's words and catalogue view), caches that under
``bench/.cache/discovery_inputs/``, and scores `DriverDiscovery` on it: NMI against the gold
reasons with the noise group as one cluster, exactly as `bench/analyze.py` computes it (same
figures on main at 9fbcf67: sample 0.769, energy 0.688, bank 0.737, rail 0.707, retail
0.591, telecom 0.704, means of seeds 0–3). Owners, names and calls are not scored here: confirm
a variant with `bench/analyze.py`.

Variants (each alone, beside the plain run):

* ``--mask WORD,WORD``: those words (as written) left out of what drivers are found from, the
  way brands are (`embed.views.without_words`): what if the pipeline knew them to be noise?
* ``--reason-weight W``: the contact vector as ``W * reason + whole`` (the product: W = 1).
* ``--resolution-factor F``: the graph's resolution times F.
* ``--products``: the nouns `product_nouns` takes for products left out (an experiment on
  issue 15: retail 0.591 -> 0.708, rail 0.707 -> 0.686; see the README).

    .venv/bin/python bench/discovery_inputs.py [--set NAME ...] [--seeds 0 1 2 3] [variants]

NAME: samples, energy, bank, rail (``../shared/data/contact_sets``), retail, telecom
(``bench/sets``); default all six.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analyze import SAMPLE_INPUTS, SAMPLES, sample_gold, set_inputs  # noqa: E402
from common import CACHE, DATA, ROOT  # noqa: E402

from rootcause import schema as S  # noqa: E402

HERE = CACHE / "discovery_inputs"
SETS: dict[str, Path | None] = {
    "samples": None,
    "energy": DATA / "contact_sets" / "energy",
    "bank": DATA / "contact_sets" / "bank",
    "rail": DATA / "contact_sets" / "rail",
    "retail": ROOT / "bench" / "sets" / "retail",
    "telecom": ROOT / "bench" / "sets" / "telecom",
}


def _prepared(name: str) -> tuple[pl.DataFrame, set[str], str, dict[str, str]]:
    """The set's contacts after `prepare_frame` (noise included), the words left out of the
    vectors (brands and the catalogue's company), the catalogue's path and the gold reason by
    contact id; cached (redaction is the slow step)."""
    from rootcause.attribute import load_catalogue
    from rootcause.ingest import read_contacts
    from rootcause.prepare import prepare_frame

    path = HERE / f"{name}.prepared.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    if name == "samples":
        inputs, catalogue = SAMPLE_INPUTS, SAMPLES / "departments.yaml"
        gold = {i: r["driver"] for i, r in sample_gold().items()}
    else:
        folder = SETS[name]
        assert folder is not None
        given, rows = set_inputs(folder, HERE / f"input-{name}")
        inputs, catalogue = [given], folder / "departments.yaml"
        gold = {r["id"]: r["reason"] for r in rows}
    cat = load_catalogue(catalogue)
    contacts = read_contacts(inputs).contacts
    for col in S.INPUT_COLUMNS:
        if col not in contacts.columns:
            contacts = contacts.with_columns(pl.lit(None, dtype=pl.Utf8).alias(col))
    frame, brands = prepare_frame(contacts, keep=sorted(cat.proper_names()))
    out = (frame, set(brands) | set(cat.company), str(catalogue), gold)
    HERE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


def encoder(name: str = "use-multilingual-v3") -> Any:
    from rootcause.embed import CachedEmbedder, get_embedder
    from rootcause.settings import get_settings

    return CachedEmbedder(get_embedder(name), get_settings().cache_dir / "embeddings")


def discovery_inputs(name: str, *, mask: set[str] = frozenset(), reason_weight: float = 1.0) -> dict[str, Any]:
    """What `analyze_frame` hands `DriverDiscovery.fit` for set `name`, with the contact ids,
    the ids set apart as noise and the gold reasons. `mask`: more words left out beside the
    brands; `reason_weight`: weight of the reason's embedding beside the whole text's."""
    from rootcause.attribute import load_catalogue
    from rootcause.embed import l2_normalize
    from rootcause.embed.centering import LanguageCentering
    from rootcause.embed.views import without_words
    from rootcause.noise import like_noise
    from rootcause.pipeline import discovery_words, resolve_embedder

    frame, brands, catalogue, gold = _prepared(name)
    noise = frame.filter(pl.col(S.NOISE_REASON) != "")
    kept = frame.filter(pl.col(S.NOISE_REASON) == "")
    languages = kept[S.LANGUAGE].to_list()
    enc = encoder(resolve_embedder("auto", languages))
    hidden = brands | set(mask)

    def vectors(reasons: list[str], wholes: list[str]) -> np.ndarray:
        # `embed.views.contact_vectors` with the reason weighed (1.0: the same vectors)
        r, w = (np.asarray(enc.encode(without_words(t, hidden)), dtype=np.float32) for t in (reasons, wholes))
        return l2_normalize(reason_weight * l2_normalize(r) + l2_normalize(w))

    texts, whole = kept[S.REASON_TEXT].to_list(), kept[S.EXCHANGE_TEXT].to_list()
    X = vectors(texts, whole)
    Xn = vectors(noise[S.REASON_TEXT].to_list(), noise[S.EXCHANGE_TEXT].to_list()) if noise.height else X[:0]
    keep = ~like_noise(X, Xn) if noise.height else np.ones(len(X), dtype=bool)
    ids = kept[S.ID].to_list()
    pick = lambda values: [v for v, k in zip(values, keep, strict=True) if k]  # noqa: E731
    texts, whole, languages, kept_ids = pick(texts), pick(whole), pick(languages), pick(ids)
    X = X[keep]
    words, _ = discovery_words(without_words(texts, hidden), without_words(whole, hidden), whole, languages, enc, load_catalogue(catalogue))
    centering = LanguageCentering().fit(X, languages)
    return {
        "Xd": centering.transform(X, languages),
        "words": words,
        "texts": texts,
        "whole": whole,
        "hidden": hidden,
        "centering": centering,
        "vectors": vectors,
        "catalogue": catalogue,
        "languages": languages,
        "ids": kept_ids,
        "noise_ids": noise[S.ID].to_list() + [i for i, k in zip(ids, keep, strict=True) if not k],
        "gold": gold,
    }


# `--products`: nouns that name what was bought, not what went wrong (an experiment, not shipped)
MIN_LIKENESS = 0.05  # a noun's contacts resemble each other this much above the export's mean …
PRODUCT_RATIO = 0.45  # … and keep less than this share of it once the noun is left out


def product_nouns(name: str, inputs: dict[str, Any]) -> set[str]:
    """Nouns of the export (every form as written) that two tests call products.

    1. Without the noun, the contacts that use it no longer resemble each other: what they
       share is the thing, not what went wrong with it ("fridge": late, dented, broken,
       wrong model; "refund": still a refund not received once the word is gone).
    2. The catalogue never names it, nor a translation of it: departments own processes, so
       a noun the catalogue names ("carte", "virement" at a bank) is where a reason lives.

    Nouns in 3 contacts or more and at most 30 % of them (spaCy parse of the texts discovery
    reads); cached per set.
    """
    import re

    from rootcause.attribute import load_catalogue
    from rootcause.attribute.owner import fit_contact_owners
    from rootcause.embed.views import without_words
    from rootcause.label.terms import load_pipeline
    from rootcause.transcripts.lexicon import fold

    path = HERE / f"{name}.products2.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    hidden = inputs["hidden"]
    seen_texts, seen_whole = without_words(inputs["texts"], hidden), without_words(inputs["whole"], hidden)
    nouns: list[set[str]] = []
    forms: dict[str, set[str]] = {}
    for reason, whole, language in zip(seen_texts, seen_whole, inputs["languages"], strict=True):
        nlp = load_pipeline(language if language in ("fr", "en") else "en")
        found = set()
        for tok in [*nlp(reason), *nlp(whole)]:
            if tok.pos_ in ("NOUN", "PROPN") and tok.is_alpha and len(tok.text) > 2:
                lemma = fold(tok.lemma_.lower())
                found.add(lemma)
                forms.setdefault(lemma, set()).update({tok.text, tok.text.lower(), tok.text.capitalize()})
        nouns.append(found)
    X = inputs["Xd"]
    n = len(X)
    sims = X @ X.T
    mean = (sims.sum() - n) / (n * (n - 1))

    def likeness(block: np.ndarray) -> float:
        k = len(block)
        return float((block.sum() - k) / (k * (k - 1)) - mean)

    catalogue = load_catalogue(inputs["catalogue"])
    text = " ".join(" ".join([d.name, d.owns, *d.keywords, *d.examples]) for d in catalogue.departments)
    named = sorted({fold(w.lower()) for w in re.findall(r"[\w'-]+", text) if len(w) > 2})
    raw = inputs["vectors"](inputs["texts"], inputs["whole"])
    evidence = fit_contact_owners(catalogue, raw, encoder().encode)
    matched = evidence.phrase_scores(raw)[0].max(axis=1)  # each contact's best catalogue phrase
    counts: dict[str, int] = {}
    for found in nouns:
        for lemma in found:
            counts[lemma] = counts.get(lemma, 0) + 1
    products: set[str] = set()
    for lemma, df in sorted(counts.items()):
        if df < 3 or df > 0.3 * n:
            continue
        rows = np.array([i for i, found in enumerate(nouns) if lemma in found])
        before = likeness(sims[np.ix_(rows, rows)])
        if before <= MIN_LIKENESS:
            continue
        written = forms[lemma]
        if ({fold(w.lower()) for w in written} | {lemma}) & set(named):
            continue
        masked = inputs["vectors"](
            without_words([inputs["texts"][i] for i in rows], written), without_words([inputs["whole"][i] for i in rows], written)
        )
        Xm = inputs["centering"].transform(masked, [inputs["languages"][i] for i in rows])
        if likeness(Xm @ Xm.T) >= PRODUCT_RATIO * before:
            continue
        # the catalogue speaks of it, in whatever language: without it, its contacts match the
        # catalogue's phrases less well ("delay" at a rail operator whose catalogue says "retards")
        if float(np.mean(matched[rows] - evidence.phrase_scores(masked)[0].max(axis=1))) > 0:
            continue
        products |= written
    path.write_bytes(pickle.dumps(products))
    return products


def nmi(inputs: dict[str, Any], labels: np.ndarray) -> float:
    """NMI against the gold reasons, the noise group as one cluster (as `bench/analyze.py`)."""
    from sklearn.metrics import normalized_mutual_info_score

    pred = {i: str(lab) for i, lab in zip(inputs["ids"], labels, strict=True)}
    pred.update({i: "noise" for i in inputs["noise_ids"]})
    ids = [i for i in inputs["gold"] if i in pred]
    return float(normalized_mutual_info_score([inputs["gold"][i] for i in ids], [pred[i] for i in ids]))


def score(inputs: dict[str, Any], seeds: list[int], resolution_factor: float = 1.0) -> float:
    """Mean NMI of `DriverDiscovery` over `seeds`, default settings but the resolution."""
    from rootcause.discover import DriverDiscovery
    from rootcause.discover.graph import default_resolution

    resolution = None if resolution_factor == 1.0 else resolution_factor * default_resolution(len(inputs["Xd"]))
    runs = []
    for seed in seeds:
        fitted = DriverDiscovery(seed=seed, resolution=resolution).fit(
            inputs["Xd"], texts=inputs["texts"], groups=inputs["languages"], words=inputs["words"]
        )
        runs.append(nmi(inputs, np.asarray(fitted.labels_)))
    return float(np.mean(runs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", dest="sets", action="append", choices=list(SETS), help="a set (repeatable; default all)")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    ap.add_argument("--mask", default="", help="comma-separated words (as written) left out of the vectors")
    ap.add_argument("--reason-weight", type=float, default=None, help="weight of the reason beside the whole text")
    ap.add_argument("--products", action="store_true", help="leave out the nouns `product_nouns` finds")
    ap.add_argument("--resolution-factor", type=float, default=None, help="the graph's resolution times this")
    args = ap.parse_args()
    names = args.sets or list(SETS)
    variants: dict[str, tuple[dict[str, Any], float]] = {"plain": ({}, 1.0)}
    if args.mask:
        variants["mask"] = ({"mask": {w.strip() for w in args.mask.split(",") if w.strip()}}, 1.0)
    if args.reason_weight is not None:
        variants[f"reason weight {args.reason_weight}"] = ({"reason_weight": args.reason_weight}, 1.0)
    if args.resolution_factor is not None:
        variants[f"resolution x{args.resolution_factor}"] = ({}, args.resolution_factor)
    if args.products:
        variants["products"] = ({"products": True}, 1.0)
    print("| variant | " + " | ".join(names) + " | mean | worst |")
    print("|---" * (len(names) + 3) + "|")
    for label, (kwargs, factor) in variants.items():
        row = []
        for n in names:
            if kwargs.get("products"):
                found = product_nouns(n, discovery_inputs(n))
                print(f"{n}: products {sorted({w.lower() for w in found})}", file=sys.stderr)
                row.append(score(discovery_inputs(n, mask=found), args.seeds, factor))
            else:
                row.append(score(discovery_inputs(n, **kwargs), args.seeds, factor))
        cells = " | ".join(f"{v:.3f}" for v in row)
        print(f"| {label} | {cells} | {np.mean(row):.3f} | {min(row):.3f} |", flush=True)


if __name__ == "__main__":
    main()
