"""Driver discovery vs BERTopic vs k-means (true k), on the same cached embeddings.

    .venv/bin/python bench/discovery.py                      # all sets, MiniLM + combo
    .venv/bin/python bench/discovery.py --sets banking77 --embedders minilm --no-bertopic

Prints one table (NMI, ARI, ACC with Hungarian matching, number of drivers, unassigned share,
clustering time, peak memory growth) and writes bench/results/discovery.json. Also reports,
for rootcause: ARI between seeds, determinism for one seed, and (Banking77) discovery guided
by partial reason codes given for 10 % of the contacts of 75 % of the intents.
BERTopic, umap-learn and hdbscan are bench-only dependencies (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import itertools
import platform
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import LOADERS, Dataset, PeakMemory, embed, normalize, scores, write_json  # noqa: E402

from rootcause.discover import DriverDiscovery  # noqa: E402

COLUMNS = ["set", "embedder", "method", "nmi", "ari", "acc", "n_drivers", "unassigned", "seconds", "peak_mib"]


def get_embeddings(ds: Dataset, embedder: str) -> np.ndarray:
    """MiniLM, USE-multilingual, or "combo": both concatenated (each unit-norm), re-normalised."""
    if embedder == "combo":
        return normalize(np.hstack([embed(ds, "minilm"), embed(ds, "use")]))
    return embed(ds, embedder)


def run_rootcause(X: np.ndarray, ds: Dataset, seed: int, **kw: Any) -> tuple[dict[str, Any], np.ndarray]:
    with PeakMemory() as pm:
        model = DriverDiscovery(seed=seed).fit(X, texts=ds.texts, **kw)
    return {**scores(ds.labels, model.labels_), "seconds": pm.seconds, "peak_mib": pm.delta}, model.labels_


def run_kmeans(X: np.ndarray, ds: Dataset, seed: int) -> dict[str, Any]:
    with PeakMemory() as pm:
        labels = KMeans(n_clusters=ds.n_classes, n_init=10, random_state=seed).fit_predict(X)
    return {**scores(ds.labels, labels), "seconds": pm.seconds, "peak_mib": pm.delta}


def run_bertopic(X: np.ndarray, ds: Dataset) -> list[tuple[str, dict[str, Any]]]:
    """BERTopic with its defaults (UMAP + HDBSCAN), then + reduce_outliers(strategy="embeddings")."""
    from bertopic import BERTopic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with PeakMemory() as pm:
            topic_model = BERTopic()
            topics, _ = topic_model.fit_transform(ds.texts, embeddings=X)
        base = {**scores(ds.labels, np.array(topics)), "seconds": pm.seconds, "peak_mib": pm.delta}
        with PeakMemory() as pm2:
            reduced = topic_model.reduce_outliers(ds.texts, topics, strategy="embeddings", embeddings=X)
        red = {
            **scores(ds.labels, np.array(reduced)),
            "seconds": pm.seconds + pm2.seconds,
            "peak_mib": max(pm.delta, pm2.delta),
        }
    return [("bertopic", base), ("bertopic+outliers", red)]


def partial_codes(ds: Dataset, seed: int, intent_share: float = 0.75, row_share: float = 0.10) -> list[str | None]:
    """Reason codes for ``row_share`` of the contacts of ``intent_share`` of the intents."""
    rng = np.random.default_rng(seed)
    known = rng.choice(ds.n_classes, int(round(intent_share * ds.n_classes)), replace=False)
    codes: list[str | None] = [None] * len(ds.texts)
    for c in sorted(known):
        rows = np.flatnonzero(ds.labels == c)
        for i in rng.choice(rows, max(1, int(round(row_share * len(rows)))), replace=False):
            codes[i] = ds.classes[c]
    return codes


def fmt(row: dict[str, Any]) -> str:
    cells = []
    for col in COLUMNS:
        v = row.get(col, "")
        if col in ("nmi", "ari", "acc"):
            cells.append(f"{v:.3f}")
        elif col == "unassigned":
            cells.append(f"{100 * v:.1f}%")
        elif col == "seconds":
            cells.append(f"{v:.2f}")
        elif col == "peak_mib":
            cells.append(f"{v:.0f}")
        else:
            cells.append(str(v))
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(LOADERS), choices=list(LOADERS))
    ap.add_argument("--embedders", nargs="+", default=["minilm", "combo"], choices=["minilm", "use", "combo"])
    ap.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    ap.add_argument("--no-bertopic", action="store_true")
    ap.add_argument("--no-kmeans", action="store_true")
    ap.add_argument("--out", default="discovery")
    args = ap.parse_args(argv)

    rows: list[dict[str, Any]] = []
    extras: list[dict[str, Any]] = []
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for set_name, emb_name in itertools.product(args.sets, args.embedders):
        try:
            ds = LOADERS[set_name]()
        except FileNotFoundError as err:
            print(f"skip {set_name}: {err}", file=sys.stderr)
            continue
        X = get_embeddings(ds, emb_name)
        base = {"set": set_name, "embedder": emb_name}

        seed_labels = []
        for s in args.seeds:
            res, lab = run_rootcause(X, ds, s)
            seed_labels.append(lab)
            if s == args.seeds[0]:
                rows.append({**base, "method": "rootcause", **res})
                print(fmt(rows[-1]), flush=True)
        _, again = run_rootcause(X, ds, args.seeds[0])
        pair_ari = [adjusted_rand_score(a, b) for a, b in itertools.combinations(seed_labels, 2)]
        extra = {
            **base,
            "seeds": args.seeds,
            "ari_between_seeds_min": min(pair_ari) if pair_ari else 1.0,
            "ari_between_seeds_mean": float(np.mean(pair_ari)) if pair_ari else 1.0,
            "same_seed_identical": bool(np.array_equal(again, seed_labels[0])),
        }
        if set_name == "banking77":
            codes = partial_codes(ds, seed=0)
            res, _ = run_rootcause(X, ds, args.seeds[0], partial_labels=codes)
            rows.append({**base, "method": "rootcause+codes", **res})
            print(fmt(rows[-1]), flush=True)
        extras.append(extra)

        if not args.no_kmeans:
            rows.append({**base, "method": "kmeans(true k)", **run_kmeans(X, ds, args.seeds[0])})
            print(fmt(rows[-1]), flush=True)
        if not args.no_bertopic:
            for method, res in run_bertopic(X, ds):
                rows.append({**base, "method": method, **res})
                print(fmt(rows[-1]), flush=True)

    print("\nstability (rootcause):")
    for e in extras:
        print(
            f"  {e['set']:<15} {e['embedder']:<7} ARI between seeds {e['seeds']}: "
            f"min {e['ari_between_seeds_min']:.3f} mean {e['ari_between_seeds_mean']:.3f}; "
            f"same seed identical: {e['same_seed_identical']}"
        )
    path = write_json(
        args.out,
        {
            "command": "python bench/discovery.py " + " ".join(argv if argv is not None else sys.argv[1:]),
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "machine": platform.platform(),
            "rows": rows,
            "stability": extras,
        },
    )
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
