"""Relabel the drivers of the last `bench/analyze.py` runs and judge their names (label_acc).

The clusters are those in ``out/bench-set-<name>/contacts.csv`` (run ``bench/analyze.py``
with ``--set`` first), so names can be compared on the same drivers without clustering
again; label_acc is scored as ``bench/analyze.py`` does (the name, embedded with
USE-multilingual, nearest its majority gold driver's name among all gold names). Prints
every driver's name, its size and majority gold driver, and each set's figure.

    .venv/bin/python bench/names.py ../shared/data/contact_sets/energy bench/sets/retail
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]


def _unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


def main(folders: list[Path]) -> None:
    from rootcause.embed import CachedEmbedder, get_embedder
    from rootcause.label import label_drivers
    from rootcause.settings import get_settings

    enc = CachedEmbedder(get_embedder("use-multilingual-v3"), get_settings().cache_dir / "embeddings")
    accs = []
    for folder in folders:
        gold = {}
        for line in (folder / "contacts.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                gold[r["id"]] = r["reason"]
        c = pl.read_csv(ROOT / "out" / f"bench-set-{folder.name}" / "contacts.csv", infer_schema_length=0)
        c = c.filter(~pl.col("driver_id").is_in(["unassigned", "noise"]) & pl.col("id").is_in(list(gold)))
        ids = c["driver_id"].to_list()
        codes = {d: i for i, d in enumerate(sorted(set(ids)))}
        labels = np.array([codes[d] for d in ids])
        texts = [t or "" for t in c["reason_text"].to_list()]
        names = label_drivers(
            texts, c["language"].to_list(), labels, _unit(enc.encode(texts)), embed=lambda p, _lang: _unit(enc.encode(p))
        )
        g = [gold[i] for i in c["id"].to_list()]
        gnames = sorted({x for x in g if x not in ("other", "reject", "")})
        G = _unit(enc.encode([n.replace("_", " ") for n in gnames]))
        hits = []
        for n in names:
            rows = np.flatnonzero(labels == n.cluster)
            majority = pl.Series([g[i] for i in rows]).mode().sort()[0]
            if majority == "other":
                continue
            hits.append(gnames[int(np.argmax(_unit(enc.encode([n.label])) @ G.T))] == majority)
            print(f"  {folder.name:8s} {len(rows):3d} {'OK' if hits[-1] else '--'} {n.label!r:45s} gold={majority}")
        accs.append(float(np.mean(hits)))
        print(f"{folder.name} label_acc {accs[-1]:.3f}")
    print(f"mean label_acc {np.mean(accs):.3f}")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]])
