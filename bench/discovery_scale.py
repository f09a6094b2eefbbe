"""Driver discovery as the export grows: the same reasons, 3,000 to 22,500 contacts.

A bigger export of the same contact reasons should give about the same drivers, better
estimated, not each reason cut into more pieces. This runs discovery on seeded random
samples of growing size from Banking77 (train + test, 77 intents) and CLINC150 (train +
validation + test, 150 intents), on cached MiniLM embeddings, and compares:

* ``rootcause`` — the product defaults (`graph.default_neighbors`, `graph.default_resolution`);
* ``rootcause (before)`` — the rule used until this bench existed: 15 neighbours at any size
  and a resolution growing as sqrt(n) / 7.25;
* ``kmeans(true k)`` — k-means told the true number of intents;
* ``bertopic+outliers`` — BERTopic defaults then ``reduce_outliers`` (with ``--bertopic``:
  slow on the biggest samples).

Prints a table and writes bench/results/discovery_scale.json::

    .venv/bin/python bench/discovery_scale.py [--sets banking77 clinc150] [--seed 0] [--bertopic]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Dataset, PeakMemory, embed, load_banking77, load_clinc150, scores, write_json  # noqa: E402
from discovery import run_bertopic, run_kmeans  # noqa: E402

from rootcause.discover import DriverDiscovery  # noqa: E402

SIZES = {"banking77": [3000, 6000, 13083], "clinc150": [4500, 11000, 22500]}
MAX_FIT = 20_000  # DriverDiscovery's default max_fit_samples: above it the fit runs on a sample


def _joined(name: str, parts: list[Dataset]) -> Dataset:
    names = [p.classes[i] for p in parts for i in p.labels]
    classes = sorted(set(names))
    index = {c: i for i, c in enumerate(classes)}
    return Dataset(name, [t for p in parts for t in p.texts], np.array([index[c] for c in names]), classes)


def load(name: str) -> Dataset:
    if name == "banking77":
        return _joined("banking77-all", [load_banking77("train"), load_banking77("test")])
    return _joined("clinc150-all", [load_clinc150(s) for s in ("train", "val", "test")])


def subset(ds: Dataset, size: int, seed: int) -> tuple[Dataset, np.ndarray]:
    rows = np.sort(np.random.default_rng(seed).choice(len(ds.texts), min(size, len(ds.texts)), replace=False))
    return Dataset(f"{ds.name}-{len(rows)}", [ds.texts[i] for i in rows], ds.labels[rows], ds.classes), rows


def run_rootcause(X: np.ndarray, ds: Dataset, seed: int, **settings: Any) -> dict[str, Any]:
    """Like discovery.py's, but ``settings`` go to the estimator (the rule before), not to fit."""
    with PeakMemory() as pm:
        model = DriverDiscovery(seed=seed, **settings).fit(X, texts=ds.texts)
    return {**scores(ds.labels, model.labels_), "seconds": pm.seconds, "peak_mib": pm.delta}


def fmt(r: dict[str, Any]) -> str:
    return (
        f"| {r['set']} | {r['n']} | {r['method']} | {r['nmi']:.3f} | {r['ari']:.3f} | {r['acc']:.3f} "
        f"| {r['n_drivers']} / {r['intents']} | {r['seconds']:.1f} |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(SIZES), choices=list(SIZES))
    ap.add_argument("--seed", type=int, default=0, help="sampling and discovery seed")
    ap.add_argument("--bertopic", action="store_true", help="also run BERTopic (minutes on the biggest samples)")
    args = ap.parse_args(argv)
    rows = []
    for name in args.sets:
        full = load(name)
        X_full = embed(full, "minilm")
        for size in SIZES[name]:
            ds, picked = subset(full, size, args.seed)
            X = X_full[picked]
            n_fit = min(len(X), MAX_FIT)
            before = {"n_neighbors": 15, "resolution": max(1.0, float(np.sqrt(n_fit)) / 7.25)}
            runs = [
                ("rootcause", run_rootcause(X, ds, args.seed)),
                ("rootcause (before)", run_rootcause(X, ds, args.seed, **before)),
                ("kmeans(true k)", run_kmeans(X, ds, args.seed)),
            ]
            if args.bertopic:
                runs += [r for r in run_bertopic(X, ds) if r[0] == "bertopic+outliers"]
            for method, res in runs:
                row = {"set": name, "n": len(X), "intents": ds.n_classes, "method": method, **res}
                rows.append(row)
                print(fmt(row), flush=True)
    print("\n| set | contacts | method | NMI | ARI | ACC | drivers / intents | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(fmt(r))
    path = write_json(
        "discovery_scale",
        {
            "command": "python bench/discovery_scale.py " + " ".join(sys.argv[1:] if argv is None else argv),
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "machine": platform.platform(),
            "seed": args.seed,
            "rows": rows,
        },
    )
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
