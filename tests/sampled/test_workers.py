"""The worker processes that prepare chunks exit when their main process is killed."""

from __future__ import annotations

import os
import subprocess
import sys
import time

SCRIPT = """
import multiprocessing as mp, os, signal, sys
from concurrent.futures import ProcessPoolExecutor
from rootcause.sampled.workers import _exit_with_parent

if __name__ == "__main__":
    pool = ProcessPoolExecutor(max_workers=2, mp_context=mp.get_context("spawn"), initializer=_exit_with_parent,
                               initargs=(os.getpid(),))
    pids = {pool.submit(os.getpid).result() for _ in range(4)}
    print(" ".join(map(str, sorted(pids))), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_exit_when_the_main_process_is_killed():
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == -9, r.stderr
    pids = [int(p) for p in r.stdout.split()]
    assert pids and os.getpid() not in pids
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(p) for p in pids), f"workers {pids} outlived their killed main process"
