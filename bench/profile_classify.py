"""Where the time of `DriverModel.classify` goes, stage by stage, in process (no HTTP).

    .venv/bin/python bench/profile_classify.py --model models/default

Classifies the bundled sample's texts once (the embedder keeps each token's first layers, as in
a running server), then one at a time (the CRM's single-contact calls) and in
groups of 8 (what the API's micro-batcher makes of concurrent requests), under cProfile, and
reports the process's CPU milliseconds per contact without the profiler, and the cumulative CPU
milliseconds per contact of each stage of the classify path (the profiler's clock is the
process's CPU time, so a busy machine changes them little):
preparing the text (cleaning, reason, language, redaction, noise rules), embedding, matching
the centroids, the per-contact owner, and building the result frame. Prints a table; writes
bench/results/profile_classify.json.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, write_json  # noqa: E402
from load import sample_texts  # noqa: E402

from rootcause.model.driver_model import DriverModel  # noqa: E402

# (stage, file suffix, function name): cumulative time of that function, per contact
STAGES = (
    ("prepare text", "rootcause/prepare.py", "prepare_texts"),
    ("  of which: reason of a call", "rootcause/transcripts/reason.py", "views_of"),
    ("  of which: redaction", "rootcause/clean/redaction.py", "redact_many"),
    ("  of which: language", "rootcause/clean/language.py", "detect_languages"),
    ("  of which: focus", "rootcause/focus.py", "focus_reason"),
    ("  of which: noise rules", "rootcause/noise.py", "noise_reasons"),
    ("embed", "rootcause/embed/views.py", "contact_vectors"),
    ("  of which: tokenizer", "sentencepiece/__init__.py", "Encode"),
    ("match centroids", "rootcause/discover/estimator.py", "predict"),
    ("owner per contact", "rootcause/attribute/owner.py", "refine"),
    ("result frame", "polars/dataframe/frame.py", "__init__"),
)


def _profile(model: DriverModel, groups: list[list[str]]) -> tuple[float, dict[str, float]]:
    n = sum(len(g) for g in groups)
    # the process's CPU time as the profiler's clock: stages cost the same on a busy machine
    prof = cProfile.Profile(time.process_time)
    t0 = time.process_time()
    prof.enable()
    for g in groups:
        model.classify(g, names=False)
    prof.disable()
    total = (time.process_time() - t0) / n * 1000
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    out: dict[str, float] = {}
    for stage, suffix, func in STAGES:
        cum = sum(v[3] for (file, _, name), v in stats.items() if name == func and file.replace("\\", "/").endswith(suffix))
        out[stage] = cum / n * 1000
    return total, out


def _cpu(model: DriverModel, groups: list[list[str]]) -> float:
    """CPU milliseconds per contact of the process (every thread), no profiler."""
    n = sum(len(g) for g in groups)
    t0 = time.process_time()
    for g in groups:
        model.classify(g, names=False)
    return (time.process_time() - t0) / n * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=ROOT / "models" / "default")
    ap.add_argument("--n", type=int, default=400, help="contacts classified per mode")
    args = ap.parse_args()
    model = DriverModel.load(args.model)
    texts = sample_texts(args.n)
    # load the embedder, and let it meet these texts' tokens once, as a running server has
    model.classify(texts, names=False)
    modes = {"single": [[t] for t in texts], "groups of 8": [texts[i : i + 8] for i in range(0, len(texts), 8)]}
    results: dict[str, dict[str, float]] = {}
    for mode, groups in modes.items():
        cpu = _cpu(model, groups)
        total, stages = _profile(model, groups)
        results[mode] = {"CPU, not profiled": cpu, "total (profiled)": total, **stages}
    print("| ms per contact | " + " | ".join(modes) + " |")
    print("|---" * (len(modes) + 1) + "|")
    for row in results["single"]:
        print(f"| {row} | " + " | ".join(f"{results[m][row]:.2f}" for m in modes) + " |")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    path = write_json("profile_classify", {"model": str(args.model), "n": args.n, "ms_per_contact": results, "load_average": load})
    print(f"\nwrote {path} (cProfile adds overhead to every Python call: compare stages, not totals with load.py)")


if __name__ == "__main__":
    main()
