"""`GET /v1/drivers` on a large store: the polars path (every contact loaded per call) against
the SQL path (aggregates cached per change token), on a real server on loopback.

For each store size, a SQLite file of synthetic contacts (kept under bench/.cache/) over a model
of `--drivers` drivers (the packaged models/default, its drivers copied to that many), then, for
each path, a fresh server process (uvicorn, one process) and:

- `--calls` sequential calls: p50 / p95 ms. For the SQL path twice: `warm` (nothing changed
  between calls: the cached counts answer) and `cold` (one contact upserted before each call:
  the counts are recomputed by the database every time, the cost after every write);
- 10 concurrent calls (after a write, so none is answered from the cache): the server's resident
  memory before them and its peak while they run (sampled every 10 ms from /proc).

Prints a table and writes bench/results/driver_stats.json with the date and the commit:

    .venv/bin/python bench/driver_stats.py                      # 100,000 and 200,000 contacts
    .venv/bin/python bench/driver_stats.py --sizes 200000 --postgres postgresql://…   # PostgreSQL too
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
RESULTS = ROOT / "bench" / "results"
CACHE = ROOT / "bench" / ".cache" / "driver_stats"

from load import _commit, free_port, make_key  # noqa: E402

WORDS = ("refund", "invoice", "parcel", "password", "contract", "router", "delivery", "card", "charged", "twice",
         "late", "missing", "broken", "cancel", "address", "login", "remboursement", "colis", "facture", "résiliation")


def make_model(out: Path, n_drivers: int) -> Path:
    """The packaged model with its drivers copied to `n_drivers` (ids D001…): what the statistics read."""
    from dataclasses import replace

    from rootcause.model.driver_model import DriverModel

    if (out / "model.json").is_file():
        return out
    base = DriverModel.load(ROOT / "models" / "default")
    base.drivers = [replace(base.drivers[i % len(base.drivers)], driver_id=f"D{i + 1:03d}") for i in range(n_drivers)]
    return base.save(out)


def make_store(url: str, n: int, n_drivers: int, seed: int = 0) -> None:
    """`n` contacts over 26 weeks: skewed driver sizes, 10 % undated, a third of customers repeating."""
    from rootcause.store import Store

    store = Store(url)
    store.migrate()
    have = store.count_contacts()
    if have >= n:
        store.close()
        return
    rng = random.Random(seed)
    weights = [1 / (i + 1) ** 0.8 for i in range(n_drivers)]  # a few large drivers, a long tail
    ids = [f"D{i + 1:03d}" for i in range(n_drivers)]
    end = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for i in range(have, n):
        rows.append(
            {
                "id": f"T-{i:08d}",
                "text": " ".join(rng.choices(WORDS, k=40)),
                "reason_text": " ".join(rng.choices(WORDS, k=rng.randrange(5, 30))),
                "created_at": None if rng.random() < 0.1 else end - timedelta(seconds=rng.randrange(26 * 7 * 86400)),
                "channel": rng.choice(("email", "chat", "phone", "web")),
                "customer_id": f"K{rng.randrange(n // 2)}" if rng.random() < 0.9 else None,
                "driver_id": rng.choices(ids, weights)[0] if rng.random() < 0.97 else None,
                "confidence": round(rng.random(), 4),
            }
        )
        if len(rows) == 5000:
            store.add_contacts(rows)
            rows = []
    store.add_contacts(rows)
    store.close()


def serve(path: str, port: int) -> None:
    """Run the API in this process; with `path` "polars", on the pre-issue-18 statistics."""
    import uvicorn

    import api.routes.drivers as routes

    if path == "polars":
        from frame_driver_stats import frame_driver_stats

        def old(store: Any, model: Any, *, offset: int = 0, limit: int | None = None, **kw: Any) -> list[dict[str, Any]]:
            return frame_driver_stats(store, model, **kw)[offset : None if limit is None else offset + limit]

        routes.driver_stats = old
        routes.stored_total = lambda store, model: store.count_contacts()
    uvicorn.run("api.app:create_app", factory=True, host="127.0.0.1", port=port, log_level="warning", access_log=False)


class Server:
    def __init__(self, path: str, url: str, model: Path, tmp: Path) -> None:
        self.port = free_port()
        env = {**os.environ, "ROOTCAUSE_DATABASE_URL": url, "ROOTCAUSE_MODEL_DIR": str(model),
               "ROOTCAUSE_DATA_DIR": str(tmp / "data"), "ROOTCAUSE_ACCESS_LOG": "off",
               "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT), str(ROOT / "bench")])}
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve", path, "--port", str(self.port)], env=env, cwd=ROOT)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(1200):
            assert self.proc.poll() is None, "server exited"
            try:
                if httpx.get(self.url + "/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise TimeoutError("server not ready")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def cpu_s(self) -> float:
        """CPU seconds the server has used (user + system): a figure the machine's other work skews less."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def touch(url: str, k: int) -> None:
    """Upsert one stored contact (its driver changes): the contacts' change token moves."""
    from rootcause.store import Store

    store = Store(url)
    row = store.get_contact(f"T-{k:08d}")
    if row is not None:
        row["driver_id"] = "D001" if row["driver_id"] != "D001" else "D002"
        store.add_contacts([row], replace=True)
    store.close()


def timed_calls(server: Server, headers: dict[str, str], calls: int, before: Any = None) -> dict[str, float]:
    times = []
    with httpx.Client(base_url=server.url, headers=headers, timeout=600) as client:
        client.get("/v1/drivers").raise_for_status()  # the first call pays for loading the model's state
        cpu0 = server.cpu_s()
        for i in range(calls):
            if before is not None:
                before(i)
            t0 = time.perf_counter()
            r = client.get("/v1/drivers")
            times.append((time.perf_counter() - t0) * 1000)
            r.raise_for_status()
        cpu = server.cpu_s() - cpu0
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 1),
            "server_cpu_ms_per_call": round(cpu * 1000 / calls, 1), "calls": calls}


def concurrent_rss(server: Server, headers: dict[str, str], n: int = 10) -> dict[str, float]:
    before = server.rss_mb()
    peak = before
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, server.rss_mb())
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    t0 = time.perf_counter()
    errors = []

    def call() -> None:
        try:
            httpx.get(server.url + "/v1/drivers", headers=headers, timeout=600).raise_for_status()
        except httpx.HTTPError as err:
            errors.append(type(err).__name__)

    threads = [threading.Thread(target=call) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    return {"rss_before_mb": round(before, 1), "rss_peak_mb": round(peak, 1), "concurrent_wall_s": round(wall, 2),
            "concurrent_errors": len(errors)}


def run_one(backend: str, url: str, n: int, model: Path, calls: int, tmp: Path) -> list[dict[str, Any]]:
    make_store(url, n, args_drivers)
    token = make_key(url, ["read"])
    headers = {"Authorization": f"Bearer {token}"}
    rows = []
    for path in ("polars", "sql"):
        server = Server(path, url, model, tmp)
        try:
            row: dict[str, Any] = {"backend": backend, "contacts": n, "drivers": args_drivers, "path": path}
            bump = (lambda i: touch(url, i)) if path == "sql" else None
            row["cold"] = timed_calls(server, headers, calls, bump)
            if path == "sql":
                row["warm"] = timed_calls(server, headers, calls)
            touch(url, calls + 1)
            row.update(concurrent_rss(server, headers))
            rows.append(row)
            print(json.dumps(row), flush=True)
        finally:
            server.stop()
    return rows


args_drivers = 200


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| backend | contacts | path | p50 ms | p95 ms | server CPU ms/call | cached: p50 ms | p95 ms | CPU ms/call "
             "| RSS before MB | RSS peak, 10 concurrent MB | 10 concurrent s |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        warm = r.get("warm") or {}
        cold = r["cold"]
        lines.append(f"| {r['backend']} | {r['contacts']:,} | {r['path']} | {cold['p50_ms']} | {cold['p95_ms']} | "
                     f"{cold['server_cpu_ms_per_call']} | {warm.get('p50_ms', '–')} | {warm.get('p95_ms', '–')} | "
                     f"{warm.get('server_cpu_ms_per_call', '–')} | {r['rss_before_mb']} | {r['rss_peak_mb']} | "
                     f"{r['concurrent_wall_s']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    global args_drivers
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000])
    p.add_argument("--drivers", type=int, default=200)
    p.add_argument("--calls", type=int, default=20)
    p.add_argument("--postgres", help="a PostgreSQL URL to run on too (its contacts table is filled to the largest size)")
    p.add_argument("--table", action="store_true", help="print the table of bench/results/driver_stats.json and stop")
    p.add_argument("--serve", help=argparse.SUPPRESS)
    p.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port)
        return {}
    if args.table:
        payload = json.loads((RESULTS / "driver_stats.json").read_text(encoding="utf-8"))
        print(f"Measured {payload['date']} at commit {payload['commit']}, {payload['cpus']} CPUs, load average "
              f"{payload['load_average_1m_at_end']} at the end, {payload['calls']} calls per row.\n")
        print(table(payload["rows"]))
        return payload
    args_drivers = args.drivers
    import tempfile

    CACHE.mkdir(parents=True, exist_ok=True)
    model = make_model(CACHE / f"model-{args.drivers}", args.drivers)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(args.sizes):
            url = f"sqlite:///{CACHE / f'store-{n}-{args.drivers}.db'}"
            rows += run_one("sqlite", url, n, model, args.calls, Path(tmp))
        if args.postgres:
            rows += run_one("postgresql", args.postgres, max(args.sizes), model, args.calls, Path(tmp))
    ratios = {}
    for r in rows:
        if r["path"] == "sql":
            old = next(o for o in rows if o["path"] == "polars" and o["backend"] == r["backend"] and o["contacts"] == r["contacts"])
            ratios[f"{r['backend']}-{r['contacts']}"] = {
                "p95_cold": round(old["cold"]["p95_ms"] / r["cold"]["p95_ms"], 1),
                "p95_cached": round(old["cold"]["p95_ms"] / r["warm"]["p95_ms"], 1),
                "rss_growth": round((old["rss_peak_mb"] - old["rss_before_mb"]) / max(1.0, r["rss_peak_mb"] - r["rss_before_mb"]), 1),
            }
    payload = {"date": datetime.now(UTC).strftime("%Y-%m-%d"), "commit": _commit(), "cpus": os.cpu_count(),
               "load_average_1m_at_end": round(os.getloadavg()[0], 1),  # other work on the machine skews timings
               "calls": args.calls, "rows": rows, "ratios_old_over_new": ratios}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "driver_stats.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    print("old / new:", json.dumps(ratios))
    return payload


if __name__ == "__main__":
    main()
