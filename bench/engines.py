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

``--assign-only CHUNK_ROWS`` times the engines alone, without a fit: the local run's model
(``--runs local`` first) assigns every contact of the export, in chunks of that many rows, by
each engine of ``--runs`` in turn, each with a cold embedding cache and a local Ray cluster
of the machine's CPUs started before it (``ray.init``: its start-up is not timed)::

    .venv/bin/python bench/engines.py --rows 1500 --assign-only 150 --runs local,ray:1,ray:2
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


def assign_only(args: argparse.Namespace) -> int:
    """Contacts/s of each engine assigning the whole export with the local run's model."""
    import ray

    from rootcause import schema as S
    from rootcause.ingest import ExportStream
    from rootcause.model import load_model
    from rootcause.progress import StageTimes
    from rootcause.sampled.engine import LocalEngine
    from rootcause.sampled.engine_ray import RayEngine
    from rootcause.sampled.run import _encoder
    from rootcause.settings import get_settings

    export = WORK / f"export-{args.rows}-{args.seed}.csv"
    model = load_model(WORK / f"engines-out-{args.rows}-local" / "model")
    stream = ExportStream([export], chunk_rows=args.assign_only)
    jobs = [(i, (c[S.TEXT].to_list(), c[S.SUBJECT].to_list(), c[S.LANGUAGE].to_list())) for i, c in enumerate(stream)]
    n = sum(len(j[0]) for _, j in jobs)
    rows = []
    for spec in args.runs.split(","):
        engine_name, _, workers = spec.partition(":")
        cache = WORK / f"engines-assign-cache-{args.rows}-{spec}"
        import shutil

        shutil.rmtree(cache, ignore_errors=True)
        os.environ["ROOTCAUSE_CACHE_DIR"] = str(cache)  # read by this process, and by the cluster's workers:
        get_settings.cache_clear()
        ray.init(include_dashboard=False)  # …a cluster per run, started after it is set (not timed)
        model._embedder = None
        engine = LocalEngine() if engine_name == "local" else RayEngine(workers=int(workers or 0))
        load = os.getloadavg()
        cpu0 = os.times()
        t0 = time.perf_counter()
        got = sum(len(p.reason_text) for _, p, _ in engine.assigned(jobs, model, (), _encoder(model), StageTimes()))
        seconds = time.perf_counter() - t0
        assert got == n, (got, n)
        row = {
            "run": spec, "contacts": n, "chunk_rows": args.assign_only, "chunks": len(jobs), "seconds": round(seconds, 1),
            "per_s": round(n / seconds, 2), "load_average_at_start": load, "load_average_at_end": os.getloadavg(),
            "driver_cpu_s": round(sum(os.times()[:2]) - sum(cpu0[:2]), 1),
        }  # fmt: skip
        rows.append(row)
        ray.shutdown()
        print(f"{spec}: {n} contacts in {seconds:.0f} s, {n / seconds:.2f}/s, load {load[0]:.1f} → {os.getloadavg()[0]:.1f}", flush=True)
    result_path = RESULTS / "engines.json"
    saved = json.loads(result_path.read_text(encoding="utf-8")) if result_path.exists() else {"runs": {}}
    saved.setdefault("assign_only", {})[f"{args.rows}-chunks-{args.assign_only}"] = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"), "commit": _commit(), "cpus": len(os.sched_getaffinity(0)),
        "embedder": model.embedder_name, "rows": rows,
        "bench_command": "python bench/engines.py " + " ".join(sys.argv[1:]),
    }  # fmt: skip
    result_path.write_text(json.dumps(saved, indent=2, sort_keys=True), encoding="utf-8")
    return 0


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
    ap.add_argument("--assign-only", type=int, metavar="CHUNK_ROWS", help="time the engines alone (see above)")
    args = ap.parse_args(argv)
    if args.assign_only:
        return assign_only(args)
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
