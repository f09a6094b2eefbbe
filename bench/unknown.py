"""Does `classify` say `unknown` for contacts unlike every driver? CLINC150 out-of-scope queries.

Drivers are discovered on CLINC150's in-scope test queries (MiniLM, number of drivers not
given); then the in-scope validation queries (the same 150 intents, other wordings) and the
1,000 out-of-scope test queries ("what is the weather like", "tell me a joke") are classified
as new contacts. A good fence flags most out-of-scope queries and few in-scope ones.

    .venv/bin/python bench/unknown.py      # prints a table, writes bench/results/unknown.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, Dataset, embed, write_json  # noqa: E402

from rootcause.discover import DriverDiscovery  # noqa: E402


def _split(rows: list, name: str) -> Dataset:
    return Dataset(f"clinc150-{name}", [r[0] for r in rows], np.zeros(len(rows), dtype=np.int64), [])


def main() -> int:
    path = DATA / "clinc150" / "data_full.json"
    if not path.is_file():
        print(f"skipped: {path} not found")
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    fit, val, oos = (embed(_split(data[k], k)) for k in ("test", "val", "oos_test"))
    disc = DriverDiscovery(seed=0).fit(fit)
    own = (fit @ disc.centroids_.T)[np.arange(len(fit)), np.maximum(disc.labels_, 0)]
    q1, q3 = np.quantile(own, [0.25, 0.75])
    rows = []
    for name, fence in (
        ("far-out fence Q1 - 3 IQR (batch unassigned)", disc.threshold_),
        ("outlier fence Q1 - 1.5 IQR (classify: unknown)", disc.unknown_threshold_),
        ("Q1 - 1 IQR", q1 - 1.0 * (q3 - q1)),
    ):
        best = {k: (X @ disc.centroids_.T).max(axis=1) for k, X in (("fit", fit), ("val", val), ("oos", oos))}
        rows.append(
            {
                "fence": name,
                "threshold": round(float(fence), 4),
                "fit_below": float(np.mean(best["fit"] < fence)),
                "in_scope_unknown": float(np.mean(best["val"] < fence)),
                "out_of_scope_unknown": float(np.mean(best["oos"] < fence)),
            }
        )
    print(f"CLINC150: {disc.n_drivers_} drivers from {len(fit)} in-scope queries; {len(val)} in-scope and {len(oos)} out-of-scope new queries\n")
    print("| fence | cosine | fitted rows under it | in-scope new: unknown | out-of-scope new: unknown |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['fence']} | {r['threshold']:.3f} | {r['fit_below']:.1%} | {r['in_scope_unknown']:.1%} | {r['out_of_scope_unknown']:.1%} |")
    print("\nwrote", write_json("unknown", {"set": "clinc150", "embedder": "minilm", "rows": rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
