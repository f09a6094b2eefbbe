"""Latency of the workbench's driver list and driver page on loopback.

Starts `rootcause serve`'s app (uvicorn, one process) on a store, signs in with an API key of
the read scope, and times sequential requests of `/workbench/drivers` and of driver pages
(`/workbench/drivers/{id}`, the drivers taken in turn, first page of contacts); prints p50 and
p95 of each and writes bench/results/workbench.json with the date and the commit.

    .venv/bin/python bench/workbench.py --synthetic 20000 --drivers 200      # a synthetic store
    .venv/bin/python bench/workbench.py --database-url sqlite:///rootcause.db --model models/default

With `--synthetic N`, a fresh SQLite store gets N contacts spread over `--drivers` drivers of
a synthetic model (sizes following a Zipf law, 26 weeks of dates, two channels and languages):
the pages only read statistics, so no embedding is needed. The issue's target is 300 ms at
p95 with 200 drivers and 100,000 contacts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

WORDS = "refund invoice parcel delivery card declined outage network password reset contract box router fee".split()


def synthetic_store(url: str, model_dir: Path, n_contacts: int, n_drivers: int, seed: int = 0) -> None:
    from rootcause.model.driver_model import Driver, DriverModel
    from rootcause.store import Store

    rng = random.Random(seed)
    ids = [f"D{i + 1:03d}" for i in range(n_drivers)]
    departments = ["billing", "logistics", "network", "digital", "contracts"]
    drivers = [Driver(driver_id=d, label=f"{rng.choice(WORDS)} {rng.choice(WORDS)}", owner_department=rng.choice(departments),
                      owner_confidence=round(rng.random(), 3), keywords=rng.sample(WORDS, 4), size=0) for d in ids]  # fmt: skip
    DriverModel(drivers=drivers, discovery=None, embedder_name="fake",
                meta={"departments": departments, "department_names": {d: d.title() for d in departments}}).save(model_dir)  # fmt: skip
    weights = np.array([1.0 / (i + 1) for i in range(n_drivers)])
    assigned = np.random.default_rng(seed).choice(n_drivers, size=n_contacts, p=weights / weights.sum())
    end = datetime(2026, 9, 30, tzinfo=UTC).replace(tzinfo=None)
    store = Store(url)
    store.migrate()
    rows = []
    for i, d in enumerate(assigned):
        text = " ".join(rng.choice(WORDS) for _ in range(25))
        rows.append({"id": f"C{i:07d}", "text": text, "reason_text": text[:120], "created_at": end - timedelta(minutes=rng.randrange(26 * 7 * 1440)),
                     "channel": rng.choice(["email", "phone"]), "language": rng.choice(["fr", "en"]), "customer_id": f"K{rng.randrange(n_contacts // 2)}",
                     "driver_id": ids[d], "confidence": round(rng.random(), 3), "is_transcript": False})  # fmt: skip
        if len(rows) == 5000:
            store.add_contacts(rows)
            rows = []
    store.add_contacts(rows)
    store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--database-url", help="An existing store (else --synthetic makes one).")
    ap.add_argument("--model", type=Path, help="The model folder served with --database-url.")
    ap.add_argument("--synthetic", type=int, default=20_000, help="Contacts of the synthetic store (default 20,000).")
    ap.add_argument("--drivers", type=int, default=200, help="Drivers of the synthetic model (default 200).")
    ap.add_argument("--requests", type=int, default=40, help="Requests per page kind (default 40).")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-workbench-"))
    if args.database_url:
        url, model_dir = args.database_url, args.model or ROOT / "models/default"
    else:
        url, model_dir = f"sqlite:///{tmp / 'bench.db'}", tmp / "model"
        t0 = time.perf_counter()
        synthetic_store(url, model_dir, args.synthetic, args.drivers)
        print(f"synthetic store: {args.synthetic:,} contacts, {args.drivers} drivers ({time.perf_counter() - t0:.0f} s)")
    from rootcause.store import Store

    store = Store(url)
    store.migrate()
    _, token = store.create_key("bench-workbench", ["read"])
    n_contacts = store.count_contacts()
    store.close()

    port = free_port()
    env = {**os.environ, "ROOTCAUSE_DATABASE_URL": url, "ROOTCAUSE_MODEL_DIR": str(model_dir), "ROOTCAUSE_DATA_DIR": str(tmp / "data"),
           "ROOTCAUSE_ACCESS_LOG": "off", "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--port", str(port), "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as c:
            for _ in range(600):
                try:
                    if c.get("/v1/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            login = c.get("/workbench/login")
            csrf = login.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
            assert c.post("/workbench/login", data={"csrf": csrf, "api_key": token}).status_code in (200, 303)
            listing = c.get("/workbench/drivers")
            ids = [part.split('"', 1)[0] for part in listing.text.split('data-driver="')[1:]]
            times: dict[str, list[float]] = {"driver list": [], "driver page": []}
            for i in range(args.requests + 3):  # the first 3 of each warm up
                for kind, path in (("driver list", "/workbench/drivers"), ("driver page", f"/workbench/drivers/{ids[i % len(ids)]}")):
                    t0 = time.perf_counter()
                    r = c.get(path)
                    dt = (time.perf_counter() - t0) * 1000
                    assert r.status_code == 200, (path, r.status_code)
                    if i >= 3:
                        times[kind].append(dt)
    finally:
        server.terminate()
        server.wait(timeout=30)

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    rows = [{"page": k, "p50_ms": percentile(v, 50), "p95_ms": percentile(v, 95), "requests": len(v)} for k, v in times.items()]
    print(f"\n{n_contacts:,} stored contacts, {len(ids)} drivers, {args.requests} requests each, commit {commit}\n")
    print("| page | p50 ms | p95 ms |\n|---|---|---|")
    for r in rows:
        print(f"| {r['page']} | {r['p50_ms']} | {r['p95_ms']} |")
    out = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "commit": commit, "contacts": n_contacts,
           "drivers": len(ids), "cpus": os.cpu_count(), "results": rows}  # fmt: skip
    path = ROOT / "bench" / "results" / "workbench.json"
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
