"""How long the classifier keeps other threads (the server's event loop) waiting, in process.

    .venv/bin/python bench/gil_pauses.py --model models/default

Two measurements for `api.server.served_app`:

- a full garbage collection once the model is loaded and warm (what a `/v1/health` request
  waits for when one starts), before and after `gc.freeze()`;
- a thread classifying batches of 50 sample contacts while the main thread sleeps 2 ms at a
  time: how late it wakes (it must get the GIL back), with Python's default switch interval
  (5 ms) and with `SHORTER` (1 ms), alternated `--rounds` times. On the busy 2-core machine
  two runs disagreed (p99 38 against 22-25 ms, then 54 against 62 ms), so the server keeps
  the default: run this on a quiet machine before changing it.

Prints the figures and the load average; writes bench/results/gil_pauses.json.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, write_json  # noqa: E402
from load import sample_texts  # noqa: E402

from rootcause.model.driver_model import DriverModel  # noqa: E402

SHORTER = 0.001  # the switch interval tried against Python's 5 ms


def _collect_ms() -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    gc.collect()
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000


def _wake_delays(model: DriverModel, texts: list[str], interval: float, n: int = 400) -> list[float]:
    stop = threading.Event()

    def work() -> None:
        i = 0
        while not stop.is_set():
            model.classify(texts[i % 350 : i % 350 + 50], names=False)
            i += 50

    old = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    worker = threading.Thread(target=work)
    worker.start()
    time.sleep(0.5)
    late = []
    for _ in range(n):
        t0 = time.perf_counter()
        time.sleep(0.002)
        late.append((time.perf_counter() - t0 - 0.002) * 1000)
    stop.set()
    worker.join()
    sys.setswitchinterval(old)
    return late


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=ROOT / "models" / "default")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    model = DriverModel.load(args.model)
    texts = sample_texts(400)
    model.classify(texts, names=False)
    out: dict[str, object] = {"objects_tracked": len(gc.get_objects())}
    out["full_collection_ms"] = dict(zip(("wall", "cpu"), _collect_ms(), strict=True))
    gc.freeze()
    out["full_collection_after_freeze_ms"] = dict(zip(("wall", "cpu"), _collect_ms(), strict=True))
    gc.unfreeze()
    delays: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for interval in (0.005, SHORTER):
            delays.setdefault(f"{interval * 1000:g} ms", []).extend(_wake_delays(model, texts, interval))
    out["wake_delay_ms"] = {
        k: {q: round(float(np.percentile(v, p)), 2) for q, p in (("p50", 50), ("p99", 99), ("max", 100))} for k, v in delays.items()
    }
    out["load_average"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    for k, v in out.items():
        print(f"{k}: {v}")
    print("wrote", write_json("gil_pauses", out))


if __name__ == "__main__":
    main()
