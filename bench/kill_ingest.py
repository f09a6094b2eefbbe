"""Crash test: kill -9 the server in the middle of an ingest loop, restart, retry, check.

1. start `rootcause serve` on a fresh database and send batches of contacts in a loop;
2. SIGKILL the server while batches are in flight;
3. check that every batch is stored whole or not at all (nothing half-written);
4. restart the server and re-send every batch (acknowledged or not);
5. check that every contact is stored exactly once and every acknowledged one is there.

    .venv/bin/python bench/kill_ingest.py --model models/default
    .venv/bin/python bench/kill_ingest.py --database-url postgresql://…   # same on PostgreSQL

Exit code 0 when every check holds. Writes bench/results/kill_ingest.json.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import ROOT, Server, make_key, sample_texts  # noqa: E402


def make_batches(n_batches: int, batch_size: int, seed: int = 0) -> list[list[dict[str, str]]]:
    texts = sample_texts(n_batches * batch_size, seed=seed)
    return [
        [{"id": f"K{b:04d}-{i:03d}", "text": texts[b * batch_size + i], "customer_id": f"C{i % 17}"} for i in range(batch_size)]
        for b in range(n_batches)
    ]


def stored_ids(database_url: str) -> list[str]:
    from rootcause.store import Store
    from rootcause.store import tables as T

    store = Store(database_url)
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(sa.select(T.contacts.c.id))]
    store.close()
    return ids


def ingest_loop(url: str, token: str, batches: list[list[dict[str, str]]], acked: list[int], stop: threading.Event) -> None:
    """Send batches one after the other until the server dies or all are sent."""
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as c:
        for b, batch in enumerate(batches):
            if stop.is_set():
                return
            try:
                r = c.post("/v1/contacts/batch", json={"contacts": batch})
            except httpx.HTTPError:
                return  # the server is gone: the batch was not acknowledged
            if r.status_code == 200 and r.json()["accepted"] == len(batch):
                acked.append(b)


def run(
    model: Path,
    database_url: str,
    *,
    n_batches: int = 40,
    batch_size: int = 50,
    kill_after_acks: int = 3,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """The whole scenario; returns the figures and whether each check held."""
    token = make_key(database_url, ["ingest"])
    batches = make_batches(n_batches, batch_size, seed)
    server = Server(model, database_url, env=env, log=log).start(token=token)
    acked: list[int] = []
    stop = threading.Event()
    loop = threading.Thread(target=ingest_loop, args=(server.url, token, batches, acked, stop))
    loop.start()
    # Kill at a random moment after a few acknowledged batches: most likely mid-request.
    while len(acked) < kill_after_acks and loop.is_alive():
        time.sleep(0.01)
    time.sleep(random.Random(seed).uniform(0.0, 0.3))
    server.kill9()
    stop.set()
    loop.join()
    killed_after = len(acked)

    before = stored_ids(database_url)
    stored_set = set(before)
    partial = []
    for b, batch in enumerate(batches):
        n = sum(1 for c in batch if c["id"] in stored_set)
        if n not in (0, len(batch)):
            partial.append((b, n))
    lost_before = [b for b in acked if not all(c["id"] in stored_set for c in batches[b])]

    server = Server(model, database_url, port=server.port, env=env, log=log).start(token=token)
    retry_created = 0
    try:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=120) as c:
            for batch in batches:
                r = c.post("/v1/contacts/batch", json={"contacts": batch})
                r.raise_for_status()
                retry_created += r.json()["created"]
    finally:
        server.stop()

    after = stored_ids(database_url)
    expected = {c["id"] for batch in batches for c in batch}
    acked_ids = {c["id"] for b in acked for c in batches[b]}
    result = {
        "database": database_url.split(":", 1)[0],
        "batches": n_batches,
        "batch_size": batch_size,
        "acknowledged_batches_before_kill": killed_after,
        "stored_before_restart": len(before),
        "half_written_batches": partial,
        "acknowledged_but_missing_after_kill": lost_before,
        "created_by_retry": retry_created,
        "stored_after_retry": len(after),
        "expected": len(expected),
        "duplicates": len(after) - len(set(after)),
    }
    result["ok"] = bool(
        not partial
        and not lost_before
        and len(after) == len(set(after)) == len(expected)
        and set(after) == expected
        and acked_ids <= set(after)
        and retry_created == len(expected) - len(before)
    )
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", type=Path, default=Path(os.environ.get("ROOTCAUSE_MODEL_DIR", ROOT / "models" / "default")))
    p.add_argument("--database-url", help="default: a fresh SQLite file in a temp folder")
    p.add_argument("--batches", type=int, default=40)
    p.add_argument("--batch-size", type=int, default=50)
    p.add_argument("--kill-after", type=int, default=3, help="acknowledged batches before the kill")
    args = p.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="rootcause-kill-"))
    db = args.database_url or f"sqlite:///{tmp / 'kill.db'}"
    if args.database_url:
        from rootcause.store import Store
        from rootcause.store import tables as T

        s = Store(db)
        with s.engine.begin() as conn:
            T.metadata.drop_all(conn)
        s.close()
    result = run(args.model, db, n_batches=args.batches, batch_size=args.batch_size, kill_after_acks=args.kill_after,
                 log=tmp / "server.log")
    for k, v in result.items():
        print(f"{k:>36}: {v}")
    sys.path.insert(0, str(ROOT / "bench"))
    from common import write_json

    print("wrote", write_json(f"kill_ingest_{result['database'].split('+')[0]}", result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
