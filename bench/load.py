"""Load benchmark of the HTTP API on loopback.

Starts `rootcause serve` on a fresh SQLite database with the given model, then measures
classify latency (p50/p99) and requests/s at several concurrencies (closed loop, one
keep-alive connection per client thread), and batch classify throughput (contacts/s).

    .venv/bin/python bench/load.py --model models/default --duration 10

The client runs in this process, pinned to the machine's last core (the server, started
before the pinning, may use every core): on a 2-core machine the client still takes CPU from
the server, so the figures are a lower bound of what the server does alone. `--overload N`
adds N clients sending batch requests at once while a probe times `/v1/health`: past the
server's queue limit the answer is 429 with Retry-After, never another error. Each row also
gives the server's CPU milliseconds per request (from /proc; with the 1-minute load average of
the machine in the JSON): on a machine shared with other work latency says how busy the
machine was, CPU per request what the server costs. Prints a table; writes
bench/results/load.json with the date and the commit.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples" / "contacts.csv"


def sample_texts(n: int = 500, seed: int = 0) -> list[str]:
    """Real-looking contact texts: the bundled samples, else a small synthetic set."""
    texts: list[str] = []
    if SAMPLES.is_file():
        with SAMPLES.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                t = " ".join(x for x in (row.get("subject"), row.get("description")) if x)
                if t.strip():
                    texts.append(t[:2000])
    if not texts:
        base = ["I was charged twice this month", "Ma carte bancaire a été refusée", "Where is my parcel?",
                "Panne internet depuis lundi", "I cannot reset my password", "Je veux résilier mon abonnement"]
        texts = [f"{b} (ref {i})" for i in range(100) for b in base]
    rng = random.Random(seed)
    return [rng.choice(texts) for _ in range(n)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`rootcause serve` in a subprocess, on its own port and database."""

    def __init__(self, model: Path, database_url: str, *, port: int | None = None, workers: int = 1,
                 env: dict[str, str] | None = None, log: Path | None = None) -> None:
        self.model = Path(model)
        self.database_url = database_url
        self.port = port or free_port()
        self.workers = workers
        self.env = {**os.environ, **(env or {})}
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 180.0, token: str | None = None) -> Server:
        cmd = [sys.executable, "-c", "from rootcause.cli_serve import app; app()", "serve",
               "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers),
               "--model", str(self.model), "--database-url", self.database_url]
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 - lives with the process
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        t0 = time.monotonic()
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log}")
            try:
                path = "/v1/ready" if token else "/v1/health"
                if httpx.get(self.url + path, headers=headers, timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"server not ready after {timeout}s")

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) used so far by the server and its worker processes (Linux
        /proc; None elsewhere): on a machine shared with other work, the server's CPU per
        request varies far less than its latency."""
        if self.proc is None:
            return None
        try:
            pids = [self.proc.pid] + [int(p) for p in Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()]
            ticks = 0
            for pid in pids:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += sum(int(f) for f in fields[11:15])  # utime, stime, and of waited-for children
            return ticks / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError):
            return None

    def kill9(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def make_key(database_url: str, scopes: list[str]) -> str:
    from rootcause.store import Store

    store = Store(database_url)
    store.migrate()
    _, token = store.create_key("bench", scopes)
    store.close()
    return token


def closed_loop(url: str, token: str, texts: list[str], concurrency: int, duration: float, server: Server | None = None) -> dict[str, Any]:
    """`concurrency` clients, each sending one single-contact classify after the other; with
    `server`, its CPU milliseconds per answered request too."""
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    refused = [0] * concurrency  # 429: the server's queue is full
    stop = time.monotonic() + duration

    def client(k: int) -> None:
        rng = random.Random(k)
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as c:
            while time.monotonic() < stop:
                body = {"id": f"l{k}", "text": rng.choice(texts)}
                t0 = time.perf_counter()
                r = c.post("/v1/classify", json=body)
                dt = time.perf_counter() - t0
                if r.status_code == 200:
                    latencies[k].append(dt)
                elif r.status_code == 429:
                    refused[k] += 1
                else:
                    errors[k] += 1

    t_start = time.monotonic()
    cpu0 = server.cpu_seconds() if server is not None else None
    threads = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t_start
    lat = np.array([x for xs in latencies for x in xs]) * 1000
    return {
        **_server_cpu(server, cpu0, lat.size),
        "concurrency": concurrency,
        "requests": int(lat.size),
        "errors": int(sum(errors)),
        "refused_429": int(sum(refused)),
        "rps": round(lat.size / elapsed, 1),
        "p50_ms": round(float(np.percentile(lat, 50)), 2) if lat.size else None,
        "p99_ms": round(float(np.percentile(lat, 99)), 2) if lat.size else None,
    }


def _server_cpu(server: Server | None, cpu0: float | None, n: int) -> dict[str, Any]:
    cpu1 = server.cpu_seconds() if server is not None else None
    if cpu0 is None or cpu1 is None or not n:
        return {}
    return {"server_cpu_ms": round((cpu1 - cpu0) / n * 1000, 2)}


def batch_throughput(url: str, token: str, texts: list[str], batch_size: int, rounds: int, server: Server | None = None) -> dict[str, Any]:
    """Sequential POST /v1/classify/batch calls; contacts classified per second (and, with
    `server`, its CPU milliseconds per contact)."""
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=300) as c:
        body = {"contacts": [{"id": str(i), "text": t} for i, t in enumerate(texts[:batch_size])]}
        assert c.post("/v1/classify/batch", json=body).status_code == 200  # warm-up
        t0 = time.perf_counter()
        cpu0 = server.cpu_seconds() if server is not None else None
        for r in range(rounds):
            off = (r * batch_size) % max(1, len(texts) - batch_size)
            body = {"contacts": [{"id": str(i), "text": t} for i, t in enumerate(texts[off : off + batch_size])]}
            resp = c.post("/v1/classify/batch", json=body)
            assert resp.status_code == 200, resp.text
        dt = time.perf_counter() - t0
        cpu = _server_cpu(server, cpu0, batch_size * rounds)
    return {**cpu, "batch_size": batch_size, "rounds": rounds, "seconds": round(dt, 2),
            "contacts_per_s": round(batch_size * rounds / dt, 1)}


def overload(url: str, token: str, texts: list[str], clients: int, batch_size: int, duration: float) -> dict[str, Any]:
    """`clients` clients sending batch requests back to back (after a 429, waiting as long as
    its Retry-After says) while a probe asks `/v1/health` every 50 ms: statuses of the
    batches, and the probe's latency."""
    statuses: dict[int, int] = {}
    health: list[float] = []
    stop = time.monotonic() + duration
    lock = threading.Lock()

    def client(k: int) -> None:
        rng = random.Random(k)
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=120) as c:
            while time.monotonic() < stop:
                body = {"contacts": [{"id": f"o{k}-{i}", "text": rng.choice(texts)} for i in range(batch_size)]}
                try:
                    r = c.post("/v1/classify/batch", json=body)
                    code = r.status_code
                except httpx.HTTPError:
                    code = 0  # no answer at all
                with lock:
                    statuses[code] = statuses.get(code, 0) + 1
                if code == 429:  # a well-behaved client: it waits as told
                    time.sleep(float(r.headers.get("Retry-After", 1)))

    def probe() -> None:
        with httpx.Client(base_url=url, timeout=120) as c:
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                c.get("/v1/health")
                health.append(time.perf_counter() - t0)
                time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)] + [threading.Thread(target=probe)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    h = np.array(health) * 1000
    return {
        "clients": clients,
        "batch_size": batch_size,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "other_errors": sum(v for k, v in statuses.items() if k not in (200, 429)),
        "health_probes": int(h.size),
        "health_p50_ms": round(float(np.percentile(h, 50)), 2) if h.size else None,
        "health_p99_ms": round(float(np.percentile(h, 99)), 2) if h.size else None,
    }


K9_PLAN = """options:
  vus: {vus}
  duration: {duration}s
flows:
  default:
    - request:
        method: POST
        url: "{url}/v1/classify"
        headers:
          Authorization: "Bearer {token}"
          Content-Type: "application/json"
        body: {body}
"""


def compiled_client(k9: Path, url: str, token: str, text: str, concurrency: int, duration: float, tmp: Path,
                    server: Server | None = None) -> dict[str, Any]:
    """Single-contact classify requests from k9 (a load generator with a Rust engine, `k9-load`
    on PyPI, installed by the `bench` extra), pinned to the last core like the Python client;
    one text for every request (k9 runs a declarative plan: no Python during the test)."""
    plan = tmp / f"k9-{concurrency}.yaml"
    body = json.dumps(json.dumps({"id": "k9-1", "text": text}, ensure_ascii=False), ensure_ascii=False)
    plan.write_text(K9_PLAN.format(vus=concurrency, duration=int(duration), url=url, token=token, body=body), encoding="utf-8")
    summary = tmp / f"k9-{concurrency}.json"
    cpu = str(max(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else "0"
    cmd = ["taskset", "-c", cpu, str(k9), "run", str(plan), "--summary-trend-stats", "med,p(99)", "--summary-export", str(summary)]
    cpu0 = server.cpu_seconds() if server is not None else None
    subprocess.run(cmd, check=True, capture_output=True)
    m = json.loads(summary.read_text(encoding="utf-8"))["metrics"]
    return {
        **_server_cpu(server, cpu0, int(m["http_reqs"]["count"])),
        "concurrency": concurrency,
        "requests": int(m["http_reqs"]["count"]),
        "errors": int(m["http_req_failed"]["passes"]),
        "rps": round(float(m["http_reqs"]["rate"]), 1),
        "p50_ms": round(float(m["http_req_duration"]["med"]), 2),
        "p99_ms": round(float(m["http_req_duration"]["p(99)"]), 2),
    }


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        dirty = subprocess.run(  # the results this bench writes do not count
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        return out.stdout.strip() + ("+changes" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def readme_table(payload: dict[str, Any]) -> str:
    """The README's table of a run's JSON (`--table` prints it from bench/results/load.json)."""
    lines = [
        f"Measured {payload.get('date', '?')} at commit {payload.get('commit', '?')}, {payload.get('cpus')} CPUs, "
        f"{payload.get('workers')} server process, client: {payload.get('client', 'python threads')}"
        + (f"; load average {payload['load_average'][0]:.1f} before, {payload['load_average'][1]:.1f} after." if payload.get("load_average") else "."),
        "",
        "| concurrency | req/s | p50 ms | p99 ms | errors | 429 | server CPU ms/request |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in payload["single"]:
        lines.append(
            f"| {r['concurrency']} | {r['rps']:.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} | {r.get('refused_429', 0)} "
            f"| {r.get('server_cpu_ms', '–')} |"
        )
    if payload.get("compiled"):
        lines += ["", "Compiled client (k9, one text for every request, pinned to one core):", "",
                  "| concurrency | req/s | p50 ms | p99 ms | errors | server CPU ms/request |", "|---|---|---|---|---|---|"]
        for r in payload["compiled"]:
            lines.append(f"| {r['concurrency']} | {r['rps']:.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} | {r.get('server_cpu_ms', '–')} |")
    b = payload["batch"]
    cpu = f", server CPU {b['server_cpu_ms']} ms per contact" if "server_cpu_ms" in b else ""
    lines += ["", f"Batch classify: {b['contacts_per_s']:.0f} contacts/s ({b['rounds']} batches of {b['batch_size']}{cpu})."]
    o = payload.get("overload")
    if o:
        lines.append(
            f"{o['clients']} clients sending batches of {o['batch_size']} at once: answers {o['statuses']} "
            f"(other errors: {o['other_errors']}); `/v1/health` p50 {o['health_p50_ms']} ms, p99 {o['health_p99_ms']} ms "
            f"over {o['health_probes']} probes."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", type=Path, default=Path(os.environ.get("ROOTCAUSE_MODEL_DIR", ROOT / "models" / "default")))
    p.add_argument("--duration", type=float, default=10.0, help="seconds per concurrency level")
    p.add_argument("--concurrency", default="1,8,32,100")
    p.add_argument("--overload", type=int, default=100, help="clients sending batch requests at once (0: skip)")
    p.add_argument("--overload-batch", type=int, default=50, help="contacts per batch request of --overload")
    p.add_argument("--batch-size", type=int, default=200)
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--url", help="an already running server (then --token is needed)")
    p.add_argument("--token")
    p.add_argument("--out", default="load")
    p.add_argument("--k9", type=Path, default=Path(sys.executable).parent / "k9",
                   help="k9 binary for the compiled-client runs (pip install -e '.[bench]'; skipped when missing)")
    p.add_argument("--table", action="store_true", help="print the README table of bench/results/<out>.json and stop")
    args = p.parse_args(argv)
    if args.table:
        payload = json.loads((ROOT / "bench" / "results" / f"{args.out}.json").read_text(encoding="utf-8"))
        print(readme_table(payload))
        return payload

    texts = sample_texts(1000)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    server = None
    tmp = Path(tempfile.mkdtemp(prefix="rootcause-load-"))
    if args.url:
        url, token = args.url, args.token
    else:
        db = f"sqlite:///{tmp / 'bench.db'}"
        token = make_key(db, ["classify"])
        server = Server(args.model, db, workers=args.workers, log=tmp / "server.log").start(token=token)
        url = server.url
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})  # the client: one core (the server started first)
    try:
        rows = [closed_loop(url, token, texts, int(c), 1.0) for c in ("1",)]  # warm-up
        rows = [closed_loop(url, token, texts, int(c), args.duration, server) for c in args.concurrency.split(",")]
        batch = batch_throughput(url, token, texts, args.batch_size, args.rounds, server)
        over = overload(url, token, texts, args.overload, args.overload_batch, args.duration) if args.overload else None
        compiled = (
            [compiled_client(args.k9, url, token, texts[0], int(c), args.duration, tmp, server) for c in args.concurrency.split(",")]
            if args.k9.is_file() and shutil.which("taskset") else []
        )
    finally:
        if server is not None:
            server.stop()
    print(f"{'concurrency':>11} {'requests':>9} {'errors':>6} {'429':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for r in rows:
        print(f"{r['concurrency']:>11} {r['requests']:>9} {r['errors']:>6} {r['refused_429']:>6} {r['rps']:>8} {r['p50_ms']:>8} {r['p99_ms']:>8}")
    print(f"batch classify: {batch['contacts_per_s']} contacts/s ({batch['rounds']} x {batch['batch_size']} contacts, "
          f"{batch['seconds']} s)")
    if over:
        print(f"overload, {over['clients']} clients x {over['batch_size']} contacts: statuses {over['statuses']}, "
              f"/v1/health p50 {over['health_p50_ms']} ms, p99 {over['health_p99_ms']} ms ({over['health_probes']} probes)")
    for r in compiled:
        print(f"k9 (compiled client), concurrency {r['concurrency']}: {r['rps']} req/s, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, {r['errors']} errors")
    payload = {"single": rows, "compiled": compiled, "batch": batch, "overload": over, "model": str(args.model), "workers": args.workers,
               "duration_s": args.duration, "cpus": os.cpu_count(), "client": "python threads, one core",
               # other work on the machine (1-minute load average before and after the run)
               "load_average": [load_before, os.getloadavg()[0] if hasattr(os, "getloadavg") else None],
               "date": time.strftime("%Y-%m-%d"),
               # a server given by --url runs whatever code it was started from
               "commit": f"{_commit()} (bench; server at --url)" if args.url else _commit()}
    sys.path.insert(0, str(ROOT / "bench"))
    from common import write_json

    print("wrote", write_json(args.out, payload))
    print()
    print(readme_table(payload))
    return payload


if __name__ == "__main__":
    main()
