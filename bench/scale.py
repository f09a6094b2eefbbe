"""`rootcause analyze` on a large labelled export: time and peak memory per stage, and NMI.

Builds an export of ``--rows`` contacts from ``../shared/data``: short contacts from the
public intent sets (Banking77 train + test, CLINC150 in-scope), long ones from the three
contact sets (e-mails, chats, calls; French and English), with light noise: typos, greetings,
signatures, quoted replies, fresh ids, customers who write more than once, dates spread over
12 months. Row ``i`` depends only on the seed and ``i``, so the first 20,000 rows of a
100,000-row export are the 20,000-row export: the bigger run's NMI on them compares with the
smaller one's, analysed in memory (exports up to ``ROOTCAUSE_FIT_SAMPLE`` rows are).

Then runs ``rootcause analyze`` on it in a subprocess (the catalogue of
``banking77/departments.yaml``; a fresh embedding cache unless ``--warm-cache``), polling the
process's resident memory, and reads the stage table from its ``summary.json``. The gold
labels never reach the tool. Prints a table and merges the run into
``bench/results/scale.json`` (one entry per row count, with date and commit)::

    .venv/bin/python bench/scale.py --rows 20000
    .venv/bin/python bench/scale.py --rows 100000
    .venv/bin/python bench/scale.py --table        # the table of every run in scale.json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, ROOT, RESULTS, scores  # noqa: E402

WORK = ROOT / "bench" / ".cache" / "scale"
START = datetime(2025, 1, 6)  # a Monday; dates run over 52 weeks from it
SETS = ("energy", "bank", "rail")
GREETINGS = ["Hello,\n\n", "Hi,\n", "Bonjour,\n\n", "Dear support team,\n\n", ""]
SIGNATURES = [
    "\n\nBest regards,\nJordan Miller\nSent from my iPhone",
    "\n\nCordialement,\nCamille Durand\n06 12 34 56 78",
    "\n\nThanks\n--\nAlex P.\nalex.p@example.com",
    "\n\nEnvoyé de mon iPhone",
]
QUOTES = [
    "\n\nOn Tue, 4 Mar 2025 at 10:12, Support <support@example.com> wrote:\n> Thank you for contacting us.\n> "
    "Your request has been received and will be handled shortly.\n> Kind regards, the customer service team",
    "\n\nLe lun. 3 mars 2025 à 09:41, Service client <service@example.fr> a écrit :\n> Bonjour, nous avons bien "
    "reçu votre demande.\n> Un conseiller vous répondra sous 48 heures.\n> Cordialement",
]
CHANNELS_SHORT = ["webform", "chat", "email"]


# --------------------------------------------------------------------------- the export


def _sources() -> tuple[list[tuple[str, str]], list[dict[str, str]]]:
    """Short (text, gold) pairs from the intent sets; long contacts from the contact sets."""
    short: list[tuple[str, str]] = []
    for split in ("train", "test"):
        with (DATA / "banking77" / f"{split}.csv").open(newline="", encoding="utf-8") as fh:
            short += [(r["text"], f"banking77:{r['category']}") for r in csv.DictReader(fh)]
    clinc = json.loads((DATA / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    for split in ("train", "val", "test"):
        short += [(text, f"clinc150:{intent}") for text, intent in clinc[split]]
    long: list[dict[str, str]] = []
    for name in SETS:
        for line in (DATA / "contact_sets" / name / "contacts.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                long.append({"text": rec["text"], "gold": f"{name}:{rec['reason']}", "channel": rec["channel"], "lang": rec.get("lang", "")})
    return short, long


def _typos(text: str, rng: np.random.Generator) -> str:
    """Swap two neighbouring letters in about one word in 25 (at least one change)."""
    words = text.split(" ")
    n = max(1, len(words) // 25)
    for i in rng.choice(len(words), size=min(n, len(words)), replace=False):
        w = words[i]
        if len(w) > 3:
            j = int(rng.integers(1, len(w) - 2))
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def build_export(rows: int, seed: int, long_share: float, path: Path, gold_path: Path) -> dict[str, Any]:
    """Write the export (CSV, no gold) and the gold labels (id, gold, kind) of `rows` contacts."""
    short, long = _sources()
    path.parent.mkdir(parents=True, exist_ok=True)
    customers = max(rows // 3, 1)  # about three contacts per customer: some are repeats
    kinds = {"short": 0, "long": 0}
    with path.open("w", newline="", encoding="utf-8") as fh, gold_path.open("w", newline="", encoding="utf-8") as gh:
        out = csv.writer(fh)
        gold = csv.writer(gh)
        out.writerow(["id", "created_at", "channel", "customer_id", "text"])
        gold.writerow(["id", "gold", "kind"])
        for i in range(rows):
            rng = np.random.default_rng([seed, i])  # row i depends on (seed, i) alone
            when = START + timedelta(seconds=int(rng.integers(0, 364 * 24 * 3600)))
            if rng.random() < long_share:
                src = long[int(rng.integers(len(long)))]
                text, label, channel, kind = src["text"], src["gold"], src["channel"], "long"
                if channel == "email":
                    if rng.random() < 0.5:
                        text += SIGNATURES[int(rng.integers(len(SIGNATURES)))]
                    if rng.random() < 0.3:
                        text += QUOTES[int(rng.integers(len(QUOTES)))]
            else:
                text, label = short[int(rng.integers(len(short)))]
                channel, kind = CHANNELS_SHORT[int(rng.integers(len(CHANNELS_SHORT)))], "short"
                if channel == "email":
                    text = GREETINGS[int(rng.integers(len(GREETINGS)))] + text
                    if rng.random() < 0.5:
                        text += SIGNATURES[int(rng.integers(len(SIGNATURES)))]
                    if rng.random() < 0.2:
                        text += QUOTES[int(rng.integers(len(QUOTES)))]
            if rng.random() < 0.5:
                text = _typos(text, rng)
            cid = f"C{int(rng.integers(customers)):07d}"
            out.writerow([f"S{seed:02d}-{i:07d}", when.isoformat(timespec="seconds"), channel, cid, text])
            gold.writerow([f"S{seed:02d}-{i:07d}", label, kind])
            kinds[kind] += 1
    return kinds


# --------------------------------------------------------------------------- the run


def _tree_rss_mib(pid: int) -> float:
    """Resident memory of `pid` and its descendants (MiB), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def run_analyze(export: Path, out: Path, seed: int, cache: Path | None, fit_sample: int | None, log: Path) -> dict[str, Any]:
    """`rootcause analyze` in a subprocess: wall seconds and peak RSS (polled every 0.5 s)."""
    cmd = [
        sys.executable, "-m", "rootcause.cli", "analyze", str(export),
        "--departments", str(DATA / "banking77" / "departments.yaml"), "--out", str(out), "--seed", str(seed),
    ]  # fmt: skip
    if fit_sample:
        cmd += ["--fit-sample", str(fit_sample)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    if cache is not None:
        env["ROOTCAUSE_CACHE_DIR"] = str(cache)
    peak = 0.0
    t0 = time.perf_counter()
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        stop = threading.Event()

        def poll() -> None:
            nonlocal peak
            while not stop.wait(0.5):
                peak = max(peak, _tree_rss_mib(proc.pid))

        thread = threading.Thread(target=poll, daemon=True)
        thread.start()
        rc = proc.wait()
        stop.set()
        thread.join()
    seconds = time.perf_counter() - t0
    if rc != 0:
        raise SystemExit(f"rootcause analyze failed (exit {rc}); see {log}")
    return {"command": " ".join(cmd), "seconds": round(seconds, 1), "peak_mib": round(peak, 1)}


def quality(out: Path, gold_path: Path, first: int | None = None) -> dict[str, Any]:
    """NMI / ARI / ACC of the drivers against the gold labels (noise and unassigned count as
    clusters of their own for NMI and ARI, as errors for ACC); `first`: the first rows only."""
    import polars as pl

    pred = pl.read_csv(out / "contacts.csv", columns=["id", "driver_id"], schema_overrides={"id": pl.Utf8, "driver_id": pl.Utf8})
    gold = pl.read_csv(gold_path, schema_overrides={"id": pl.Utf8})
    if first is not None:
        gold = gold.head(first)
    both = gold.join(pred, on="id", how="left")
    missing = int(both["driver_id"].null_count())
    both = both.drop_nulls("driver_id")
    y_true = np.unique(both["gold"].to_numpy(), return_inverse=True)[1]
    drivers = both["driver_id"].to_list()
    codes = {d: i for i, d in enumerate(sorted(set(drivers)))}
    y_pred = np.array([-1 if d == "unassigned" else codes[d] for d in drivers])
    res = scores(y_true, y_pred)
    res.update({"n": both.height, "missing": missing})
    for kind in ("short", "long"):
        sub = both.filter(pl.col("kind") == kind)
        if sub.height:
            t = np.unique(sub["gold"].to_numpy(), return_inverse=True)[1]
            p = np.array([codes[d] for d in sub["driver_id"].to_list()])
            res[f"nmi_{kind}"] = scores(t, p)["nmi"]
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in res.items()}


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        return out.stdout.strip() + ("+changes" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def table(runs: dict[str, Any]) -> str:
    """Markdown: one row per run (totals, NMI) and each run's stage table."""
    lines = [
        "| contacts | fit | wall | peak RSS | NMI | NMI on the first 20,000 | NMI short / long | drivers | unassigned | commit |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key in sorted(runs, key=int):
        r = runs[key]
        q = r["quality"]
        first = r.get("quality_first_20000", {}).get("nmi")
        fit = r["fit"]
        fitted = f"{fit.get('mode')} ({fit.get('sample', fit.get('contacts', 0)):,})"
        lines.append(
            f"| {int(key):,} | {fitted} | {r['run']['seconds'] / 60:.1f} min | {r['run']['peak_mib'] / 1024:.2f} GB "
            f"| {q['nmi']:.3f} | {'–' if first is None else f'{first:.3f}'} "
            f"| {q.get('nmi_short', float('nan')):.3f} / {q.get('nmi_long', float('nan')):.3f} "
            f"| {q['n_drivers']} | {q['unassigned']:.1%} | {r['commit']} |"
        )
    for key in sorted(runs, key=int):
        lines += ["", f"{int(key):,} contacts, per stage (`summary.json`):", "", "| stage | seconds | peak MiB |", "|---|---|---|"]
        lines += [f"| {s['stage']} | {s['seconds']:.1f} | {s['peak_mib']:.0f} |" for s in runs[key]["stages"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, help="contacts in the export")
    ap.add_argument("--seed", type=int, default=0, help="export and discovery seed")
    ap.add_argument("--long-share", type=float, default=0.1, help="share of long contacts (from the contact sets)")
    ap.add_argument("--fit-sample", type=int, default=None, help="passed to analyze (default: the setting's)")
    ap.add_argument("--warm-cache", action="store_true", help="reuse the embedding cache of earlier runs")
    ap.add_argument("--table", action="store_true", help="print the table of bench/results/scale.json and exit")
    args = ap.parse_args(argv)
    result_path = RESULTS / "scale.json"
    saved = json.loads(result_path.read_text(encoding="utf-8")) if result_path.exists() else {"runs": {}}
    if args.table:
        print(table(saved["runs"]))
        return 0
    if not args.rows:
        ap.error("--rows N is required (or --table)")
    if not (DATA / "banking77").is_dir():
        print(f"skipped: {DATA} is missing")
        return 0
    export = WORK / f"export-{args.rows}-{args.seed}.csv"
    gold_path = WORK / f"gold-{args.rows}-{args.seed}.csv"
    t0 = time.perf_counter()
    kinds = build_export(args.rows, args.seed, args.long_share, export, gold_path)
    print(f"export: {export} ({kinds['short']:,} short, {kinds['long']:,} long; built in {time.perf_counter() - t0:.0f} s)", flush=True)
    out = WORK / f"out-{args.rows}-{args.seed}"
    cache = None if args.warm_cache else WORK / f"cache-{args.rows}-{args.seed}"
    if cache is not None and cache.exists():
        import shutil

        shutil.rmtree(cache)
    load_at_start = os.getloadavg()
    run = run_analyze(export, out, args.seed, cache, args.fit_sample, WORK / f"log-{args.rows}-{args.seed}.txt")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    entry = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "commit": _commit(),
        "bench_command": "python bench/scale.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": platform.platform(),
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average_at_start": load_at_start,  # a shared machine: other work slows every stage
        "load_average_at_end": os.getloadavg(),
        "export": {"rows": args.rows, "seed": args.seed, "long_share": args.long_share, **kinds},
        "embedding_cache": "warm" if args.warm_cache else "cold",
        "run": run,
        "fit": summary.get("fit", {}),
        "embedder": summary.get("embedder"),
        "stages": summary.get("stages", []),
        "peak_mib_in_summary": summary.get("peak_mib"),
        "quality": quality(out, gold_path),
    }
    if args.rows > 20_000:
        entry["quality_first_20000"] = quality(out, gold_path, first=20_000)
    saved["runs"][str(args.rows)] = entry
    RESULTS.mkdir(parents=True, exist_ok=True)
    result_path.write_text(json.dumps(saved, indent=2, sort_keys=True), encoding="utf-8")
    print(table(saved["runs"]))
    print(f"\nwrote {result_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
