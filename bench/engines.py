"""`rootcause analyze --engine local` against `--engine ray` (1 and 2 workers) on one large export.

Builds the export of `bench/scale.py` (``--rows`` contacts; the same rows for the same seed),
then runs ``rootcause analyze`` on it once per engine (``ROOTCAUSE_ENGINE``, and
``ROOTCAUSE_RAY_WORKERS`` for Ray's actors; a local Ray cluster started by the run on this
machine's CPUs), each with a cold embedding cache and the same ``--fit-sample``, so that most
contacts go through the engine. Reports, per run: wall time, the "Assign the other contacts"
stage (for Ray: starting the cluster, sending the chunks, the job) and its contacts/s, peak
memory of the process tree, NMI against the gold labels; and the ARI of each Ray run's
drivers against the local engine's (every contact, noise and unassigned as groups of their
own). Merges into ``bench/results/engines.json``::

    .venv/bin/python bench/engines.py --rows 20000 --fit-sample 2000
    .venv/bin/python bench/engines.py --rows 20000 --fit-sample 2000 --runs ray:2 --cache-from-local
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS  # noqa: E402
from scale import WORK, _commit, build_export, quality, run_analyze  # noqa: E402

ASSIGN = "Assign the other contacts"


def _drivers(out: Path) -> tuple[list[str], list[str]]:
    import polars as pl

    rows = pl.read_csv(out / "contacts.csv", columns=["id", "driver_id"], infer_schema=False)
    return rows["id"].to_list(), rows["driver_id"].to_list()


def ari(a: Path, b: Path) -> float:
    """Adjusted Rand index of two runs' drivers over the same contacts."""
    from sklearn.metrics import adjusted_rand_score

    ids_a, da = _drivers(a)
    ids_b, db = _drivers(b)
    if ids_a != ids_b:
        raise SystemExit(f"{a} and {b} do not hold the same contacts in the same order")
    return float(adjusted_rand_score(np.unique(da, return_inverse=True)[1], np.unique(db, return_inverse=True)[1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=20_000, help="contacts in the export")
    ap.add_argument("--seed", type=int, default=0, help="export and discovery seed")
    ap.add_argument("--long-share", type=float, default=0.1, help="share of long contacts")
    ap.add_argument("--fit-sample", type=int, default=2_000, help="the sample fitted on (the rest goes through the engine)")
    ap.add_argument("--runs", default="local,ray:1,ray:2", help="engine[:workers] runs, comma-separated")
    ap.add_argument(
        "--cache-from-local", action="store_true",
        help="start each Ray run with a copy of the local run's embedding cache (the vectors are the local run's; "
        "what is compared is then cleaning, redaction and assignment on Ray)",
    )  # fmt: skip
    args = ap.parse_args(argv)
    export = WORK / f"export-{args.rows}-{args.seed}.csv"
    gold = WORK / f"gold-{args.rows}-{args.seed}.csv"
    if not export.exists() or not gold.exists():
        build_export(args.rows, args.seed, args.long_share, export, gold)
    result_path = RESULTS / "engines.json"
    saved = json.loads(result_path.read_text(encoding="utf-8")) if result_path.exists() else {"runs": {}}
    for spec in args.runs.split(","):
        engine, _, workers = spec.partition(":")
        name = f"{args.rows}-{spec}"
        out = WORK / f"engines-out-{name}"
        cache = WORK / f"engines-cache-{name}"
        import shutil

        if cache.exists():
            shutil.rmtree(cache)
        warm = args.cache_from_local and engine != "local"
        if warm:
            shutil.copytree(WORK / f"engines-cache-{args.rows}-local", cache)
        os.environ["ROOTCAUSE_ENGINE"] = engine
        os.environ["ROOTCAUSE_RAY_WORKERS"] = workers or "0"
        load_start = os.getloadavg()
        run = run_analyze(export, out, args.seed, cache, args.fit_sample, WORK / f"engines-log-{name}.txt")
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        stages = {row["stage"]: row["seconds"] for row in summary.get("stages", [])}
        assigned = summary["fit"]["contacts"] - summary["fit"]["sample"]
        entry: dict[str, Any] = {
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "commit": _commit(),
            "bench_command": "python bench/engines.py " + " ".join(sys.argv[1:] if argv is None else argv),
            "engine": engine,
            "ray_workers": int(workers) if workers else None,
            "cpus": len(os.sched_getaffinity(0)),
            "load_average_at_start": load_start,
            "load_average_at_end": os.getloadavg(),
            "run": run,
            "fit": summary["fit"],
            "embedder": summary.get("embedder"),
            "embedding_cache": "a copy of the local run's" if warm else "cold",
            "assigned": assigned,
            "assign_seconds": stages.get(ASSIGN),
            "assign_per_s": round(assigned / stages[ASSIGN], 1) if stages.get(ASSIGN) else None,
            "stages": summary.get("stages", []),
            "quality": quality(out, gold),
        }
        local = WORK / f"engines-out-{args.rows}-local"
        if engine != "local" and (local / "contacts.csv").exists():
            entry["ari_vs_local"] = round(ari(local, out), 4)
        saved["runs"][name] = entry
        RESULTS.mkdir(parents=True, exist_ok=True)
        result_path.write_text(json.dumps(saved, indent=2, sort_keys=True), encoding="utf-8")
        print(
            f"{name}: wall {run['seconds']:.0f} s, assign {entry['assign_seconds']} s ({entry['assign_per_s']} contacts/s), "
            f"peak {run['peak_mib']:.0f} MiB, NMI {entry['quality']['nmi']}, ARI vs local {entry.get('ari_vs_local')}, "
            f"load {load_start[0]:.1f} → {entry['load_average_at_end'][0]:.1f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
