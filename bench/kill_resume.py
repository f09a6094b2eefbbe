"""Crash test: `rootcause analyze` killed (SIGKILL) at a random point, then `--resume`d.

1. build the export of `bench/scale.py` (``--rows`` contacts, same builder and seed);
2. run `rootcause analyze` on it, uninterrupted, and time it (T seconds);
3. run it again into another folder and SIGKILL it after a random delay, drawn uniformly in
   ``[--from, --to]`` × T;
4. run that one again with ``--resume`` until it finishes;
5. compare every output file (`rootcause.sampled.checkpoint.different_outputs`: byte for
   byte, less the times measured and the run's ``created_at``).

Each run starts with an empty embedding cache of its own (the killed and the resumed run
share one, as a user's runs do): the uninterrupted run embeds every text itself.

    .venv/bin/python bench/kill_resume.py --rows 100000
    .venv/bin/python bench/kill_resume.py --rows 6000 --fit-sample 2000   # minutes, not hours

Exit code 0 when the outputs are equal. Merges the run into bench/results/kill_resume.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import DATA, RESULTS, ROOT, WORK, _commit, build_export  # noqa: E402


def _command(export: Path, out: Path, seed: int, fit_sample: int | None, *more: str) -> list[str]:
    cmd = [sys.executable, "-m", "rootcause.cli", "analyze", str(export), "--departments",
           str(DATA / "banking77" / "departments.yaml"), "--out", str(out), "--seed", str(seed), *more]  # fmt: skip
    return cmd + (["--fit-sample", str(fit_sample)] if fit_sample else [])


def _env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    env["ROOTCAUSE_CACHE_DIR"] = str(cache)
    return env


def _run(cmd: list[str], cache: Path, log: Path, kill_after: float | None = None) -> tuple[int, float]:
    """Run `cmd` (SIGKILLed after `kill_after` seconds if still running): exit code, seconds."""
    t0 = time.perf_counter()
    with log.open("a") as fh:
        fh.write(f"\n$ {' '.join(cmd)}\n")
        fh.flush()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=_env(cache), cwd=ROOT)
        try:
            rc = proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            rc = proc.wait()
    return rc, time.perf_counter() - t0


def _manifest(out: Path) -> dict[str, Any] | None:
    path = out / ".rootcause-parts" / "checkpoint.json"
    if not path.is_file():
        return None
    state = json.loads(path.read_text(encoding="utf-8"))
    return {k: state[k] for k in ("n_chunks", "chunks_done", "rows_done")} | {"fit_saved": state["fit"] is not None}


def main(argv: list[str] | None = None) -> int:
    from rootcause.sampled.checkpoint import different_outputs

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, required=True, help="contacts in the export")
    ap.add_argument("--seed", type=int, default=0, help="export and discovery seed")
    ap.add_argument("--long-share", type=float, default=0.1, help="share of long contacts")
    ap.add_argument("--fit-sample", type=int, default=None, help="passed to analyze (default: the setting's)")
    ap.add_argument("--from", dest="lo", type=float, default=0.05, help="earliest kill, as a share of the uninterrupted run's time")
    ap.add_argument("--to", dest="hi", type=float, default=0.95, help="latest kill, as a share of the uninterrupted run's time")
    ap.add_argument("--kill-seed", type=int, default=None, help="seed of the kill time (default: random)")
    ap.add_argument("--whole-seconds", type=float, default=None,
                    help="reuse the uninterrupted run an earlier call left (same rows and seed), which took this long")  # fmt: skip
    args = ap.parse_args(argv)
    if not (DATA / "banking77").is_dir():
        print(f"skipped: {DATA} is missing")
        return 0
    tag = f"{args.rows}-{args.seed}"
    export, gold = WORK / f"export-{tag}.csv", WORK / f"gold-{tag}.csv"
    build_export(args.rows, args.seed, args.long_share, export, gold)
    killed_out, whole_out = WORK / f"resume-killed-{tag}", WORK / f"resume-whole-{tag}"
    caches = [WORK / f"resume-cache-{tag}-{i}" for i in range(2)]
    reuse = args.whole_seconds is not None and (whole_out / "summary.json").is_file()
    for path in (killed_out, caches[1]) if reuse else (killed_out, whole_out, *caches):
        shutil.rmtree(path, ignore_errors=True)
    log = WORK / f"resume-log-{tag}.txt"
    if not reuse:
        log.write_text("", encoding="utf-8")
    kill_seed = args.kill_seed if args.kill_seed is not None else random.SystemRandom().randrange(1 << 30)
    load_at_start = os.getloadavg()

    if reuse:
        whole = args.whole_seconds
    else:
        rc_whole, whole = _run(_command(export, whole_out, args.seed, args.fit_sample), caches[0], log)
        if rc_whole != 0:
            raise SystemExit(f"the uninterrupted run failed (exit {rc_whole}); see {log}")
    print(f"uninterrupted run in {whole:.0f} s{' (an earlier one)' if reuse else ''}", flush=True)
    delay = random.Random(kill_seed).uniform(args.lo, args.hi) * whole
    cmd = _command(export, killed_out, args.seed, args.fit_sample)
    rc, first = _run(cmd, caches[1], log, kill_after=delay)
    at_kill = _manifest(killed_out)
    print(f"killed after {first:.0f} s (exit {rc}); checkpoint: {at_kill}", flush=True)
    rc_resume, resumed = _run([*cmd, "--resume"], caches[1], log)
    if rc_resume != 0:
        raise SystemExit(f"the resumed run failed (exit {rc_resume}); see {log}")
    print(f"resumed in {resumed:.0f} s", flush=True)
    differ = different_outputs(whole_out, killed_out)
    entry = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "commit": _commit(),
        "bench_command": "python bench/kill_resume.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "load_average_at_start": load_at_start,
        "load_average_at_end": os.getloadavg(),
        "rows": args.rows,
        "embedding_caches": "empty at the start: one for the uninterrupted run, one for the killed and resumed runs",
        "kill": {"seed": kill_seed, "after_s": round(delay, 1), "exit_code": rc, "checkpoint": at_kill},
        "seconds": {"killed": round(first, 1), "resumed": round(resumed, 1), "uninterrupted": round(whole, 1)},
        "uninterrupted_from_an_earlier_call": reuse,
        "files_compared": sorted(str(p.relative_to(whole_out)) for p in whole_out.rglob("*") if p.is_file()),
        "different": differ,
        "equal": not differ,
    }
    path = RESULTS / "kill_resume.json"
    saved = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"runs": []}
    saved["runs"].append(entry)
    path.write_text(json.dumps(saved, indent=2), encoding="utf-8")
    print(json.dumps({k: entry[k] for k in ("kill", "seconds", "different", "equal")}, indent=1))
    return 0 if not differ else 1


if __name__ == "__main__":
    raise SystemExit(main())
