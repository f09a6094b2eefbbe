"""Load benchmark of the HTTP API on loopback.

Starts `rootcause serve` on a fresh SQLite database with the given model, then measures
classify latency (p50/p99) and requests/s at several concurrencies (closed loop, one
keep-alive connection per client thread), and batch classify throughput (contacts/s).

    .venv/bin/python bench/load.py --model models/default --duration 10

The client runs on the same machine as the server and takes CPU from it: the figures are
a lower bound of what the server does alone. Prints a table; writes bench/results/load.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
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


def closed_loop(url: str, token: str, texts: list[str], concurrency: int, duration: float) -> dict[str, Any]:
    """`concurrency` clients, each sending one single-contact classify after the other."""
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
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
                else:
                    errors[k] += 1

    t_start = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t_start
    lat = np.array([x for xs in latencies for x in xs]) * 1000
    return {
        "concurrency": concurrency,
        "requests": int(lat.size),
        "errors": int(sum(errors)),
        "rps": round(lat.size / elapsed, 1),
        "p50_ms": round(float(np.percentile(lat, 50)), 2) if lat.size else None,
        "p99_ms": round(float(np.percentile(lat, 99)), 2) if lat.size else None,
    }


def batch_throughput(url: str, token: str, texts: list[str], batch_size: int, rounds: int) -> dict[str, Any]:
    """Sequential POST /v1/classify/batch calls; contacts classified per second."""
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=300) as c:
        body = {"contacts": [{"id": str(i), "text": t} for i, t in enumerate(texts[:batch_size])]}
        assert c.post("/v1/classify/batch", json=body).status_code == 200  # warm-up
        t0 = time.perf_counter()
        for r in range(rounds):
            off = (r * batch_size) % max(1, len(texts) - batch_size)
            body = {"contacts": [{"id": str(i), "text": t} for i, t in enumerate(texts[off : off + batch_size])]}
            resp = c.post("/v1/classify/batch", json=body)
            assert resp.status_code == 200, resp.text
        dt = time.perf_counter() - t0
    return {"batch_size": batch_size, "rounds": rounds, "seconds": round(dt, 2),
            "contacts_per_s": round(batch_size * rounds / dt, 1)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", type=Path, default=Path(os.environ.get("ROOTCAUSE_MODEL_DIR", ROOT / "models" / "default")))
    p.add_argument("--duration", type=float, default=10.0, help="seconds per concurrency level")
    p.add_argument("--concurrency", default="1,8,32")
    p.add_argument("--batch-size", type=int, default=200)
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--url", help="an already running server (then --token is needed)")
    p.add_argument("--token")
    p.add_argument("--out", default="load")
    args = p.parse_args(argv)

    texts = sample_texts(1000)
    server = None
    tmp = Path(tempfile.mkdtemp(prefix="rootcause-load-"))
    if args.url:
        url, token = args.url, args.token
    else:
        db = f"sqlite:///{tmp / 'bench.db'}"
        token = make_key(db, ["classify"])
        server = Server(args.model, db, workers=args.workers, log=tmp / "server.log").start(token=token)
        url = server.url
    try:
        rows = [closed_loop(url, token, texts, int(c), 1.0) for c in ("1",)]  # warm-up
        rows = [closed_loop(url, token, texts, int(c), args.duration) for c in args.concurrency.split(",")]
        batch = batch_throughput(url, token, texts, args.batch_size, args.rounds)
    finally:
        if server is not None:
            server.stop()
    print(f"{'concurrency':>11} {'requests':>9} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for r in rows:
        print(f"{r['concurrency']:>11} {r['requests']:>9} {r['errors']:>6} {r['rps']:>8} {r['p50_ms']:>8} {r['p99_ms']:>8}")
    print(f"batch classify: {batch['contacts_per_s']} contacts/s ({batch['rounds']} x {batch['batch_size']} contacts, "
          f"{batch['seconds']} s)")
    payload = {"single": rows, "batch": batch, "model": str(args.model), "workers": args.workers,
               "duration_s": args.duration, "cpus": os.cpu_count()}
    sys.path.insert(0, str(ROOT / "bench"))
    from common import write_json

    print("wrote", write_json(args.out, payload))
    return payload


if __name__ == "__main__":
    main()
