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
* ``--reason-weight W``: the contact vector as ``W * reason + whole`` (the product:
  `embed.views.REASON_WEIGHT`, 1.0).
* ``--resolution-factor F``: the graph's resolution times F.
* ``--products``: the nouns `rootcause.embed.products.product_nouns` takes for products left
  out (what the pipeline does since issue 15; "plain" is then the pipeline before it).

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


def discovery_inputs(name: str, *, mask: set[str] = frozenset(), reason_weight: float | None = None) -> dict[str, Any]:
    """What `analyze_frame` hands `DriverDiscovery.fit` for set `name`, with the contact ids,
    the ids set apart as noise and the gold reasons. `mask`: more words left out beside the
    brands; `reason_weight`: weight of the reason's embedding beside the whole text's (by
    default the product's, `embed.views.REASON_WEIGHT`)."""
    from rootcause.attribute import load_catalogue
    from rootcause.embed import l2_normalize
    from rootcause.embed.centering import LanguageCentering
    from rootcause.embed.views import REASON_WEIGHT, without_words
    from rootcause.noise import like_noise
    from rootcause.pipeline import discovery_words, resolve_embedder

    frame, brands, catalogue, gold = _prepared(name)
    noise = frame.filter(pl.col(S.NOISE_REASON) != "")
    kept = frame.filter(pl.col(S.NOISE_REASON) == "")
    languages = kept[S.LANGUAGE].to_list()
    enc = encoder(resolve_embedder("auto", languages))
    hidden = brands | set(mask)

    def vectors(reasons: list[str], wholes: list[str]) -> np.ndarray:
        # `embed.views.contact_vectors`, the reason weighed `reason_weight` (by default the product's)
        r, w = (np.asarray(enc.encode(without_words(t, hidden)), dtype=np.float32) for t in (reasons, wholes))
        weight = REASON_WEIGHT if reason_weight is None else reason_weight
        return l2_normalize(weight * l2_normalize(r) + l2_normalize(w))

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
        "encode": enc.encode,
        "catalogue": catalogue,
        "languages": languages,
        "ids": kept_ids,
        "noise_ids": noise[S.ID].to_list() + [i for i, k in zip(ids, keep, strict=True) if not k],
        "gold": gold,
    }


def product_nouns(name: str, inputs: dict[str, Any]) -> set[str]:
    """The nouns `rootcause.embed.products.product_nouns` takes for products in set `name`
    (every form as written), found as the pipeline finds them; cached per set."""
    from rootcause.attribute import load_catalogue
    from rootcause.attribute.owner import fit_contact_owners
    from rootcause.embed.products import product_nouns as find
    from rootcause.embed.views import without_words

    path = HERE / f"{name}.products3.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    hidden = inputs["hidden"]
    raw = inputs["vectors"](inputs["texts"], inputs["whole"])
    catalogue = load_catalogue(inputs["catalogue"])
    products = find(
        without_words(inputs["texts"], hidden), without_words(inputs["whole"], hidden), inputs["languages"], raw,
        inputs["vectors"], inputs["centering"].transform, catalogue, fit_contact_owners(catalogue, raw, inputs["encode"], junk=True),
    )
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
