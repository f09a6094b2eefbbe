"""How well a review `split` separates the problems a mixed driver holds.

Runs `analyze` on the bundled sample for each discovery seed, takes the drivers whose
largest gold driver holds under `--max-purity` of their gold-labelled contacts, divides
each in 2 with several clustering methods on the same embeddings (the discovery space
`analyze` splits in), and prints the mean NMI between the parts and the gold drivers
(higher: the parts follow the real problems). Writes ``bench/results/split.json``.

    .venv/bin/python bench/split.py [--seeds 0 1 2 3] [--max-purity 0.8]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans, SpectralClustering
from sklearn.metrics import normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, write_json  # noqa: E402

from rootcause import schema as S  # noqa: E402
from rootcause.pipeline import analyze  # noqa: E402

SAMPLES = ROOT / "data" / "samples"


def _methods(X: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    return {
        "ward (shipped)": AgglomerativeClustering(n_clusters=2, linkage="ward").fit_predict(X),
        "k-means": KMeans(n_clusters=2, n_init=10, random_state=seed).fit_predict(X),
        "average linkage (cosine)": AgglomerativeClustering(n_clusters=2, metric="cosine", linkage="average").fit_predict(X),
        "spectral (10-NN graph)": SpectralClustering(
            n_clusters=2, affinity="nearest_neighbors", n_neighbors=min(10, len(X) - 1), random_state=seed
        ).fit_predict(X),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    ap.add_argument("--max-purity", type=float, default=0.8, help="a driver is mixed under this share of its largest gold driver")
    args = ap.parse_args()
    gold: dict[str, str] = {}
    for name in ("contacts_labels.csv", "transcripts_labels.csv"):
        with (SAMPLES / "gold" / name).open(encoding="utf-8") as fh:
            gold.update({r["id"]: r["driver"] for r in csv.DictReader(fh) if r["driver"] != "reject"})
    scores: dict[str, list[float]] = {}
    for seed in args.seeds:
        result = analyze([SAMPLES / "contacts.csv", SAMPLES / "transcripts.ndjson"], SAMPLES / "departments.yaml", seed=seed)
        model, c = result.model, result.contacts
        X = model.centering.transform(model.embedder().encode(c[S.REASON_TEXT].to_list()), c[S.LANGUAGE].to_list())
        labels = np.array(c[S.DRIVER_ID].to_list())
        truth = np.array([gold.get(i, "") for i in c[S.ID].to_list()])
        for driver in result.drivers[S.DRIVER_ID].to_list():
            rows = np.flatnonzero((labels == driver) & (truth != ""))
            values, counts = np.unique(truth[rows], return_counts=True)
            if len(rows) < 8 or len(values) < 2 or counts.max() / len(rows) >= args.max_purity:
                continue
            for name, parts in _methods(np.asarray(X[rows]), seed).items():
                scores.setdefault(name, []).append(normalized_mutual_info_score(truth[rows], parts))
        print(f"seed {seed}: done", file=sys.stderr)
    print("| method | mixed drivers | NMI of the 2 parts with the gold drivers |")
    print("|---|---|---|")
    for name, values in scores.items():
        print(f"| {name} | {len(values)} | {np.mean(values):.3f} |")
    path = write_json("split", {"seeds": args.seeds, "max_purity": args.max_purity,
                                "results": {k: {"n": len(v), "nmi": float(np.mean(v))} for k, v in scores.items()}})
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
