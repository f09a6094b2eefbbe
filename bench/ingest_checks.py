"""Ingest checks on every labelled set: implausible dates and pseudonymised identifiers.

For each set: its contacts, how many are dated, how many dates `read_contacts` finds implausible
(after the run's day, or below the export's far-out fence: `rootcause.ingest.dates`), how many
contact and customer ids the CLI writes pseudonymised (`rootcause.store.identifiers`: they should
be none on sets whose ids are ordinary), and the CPU seconds that pseudonymising took. The same
for the trial export of 2026-12-06 (`tests/data/trial_bad.csv`), where both are expected. Prints a
table and writes ``bench/results/ingest_checks.json``::

    PYTHONPATH=src:. .venv/bin/python bench/ingest_checks.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from common import write_json  # noqa: E402

from rootcause.ingest import read_contacts  # noqa: E402
from rootcause.store.identifiers import Pseudonyms  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "contact_sets"
SETS = {
    "energy": [SHARED / "energy" / "contacts.jsonl"],
    "bank": [SHARED / "bank" / "contacts.jsonl"],
    "rail": [SHARED / "rail" / "contacts.jsonl"],
    "sample": [ROOT / "data" / "samples" / "contacts.csv", ROOT / "data" / "samples" / "transcripts.ndjson"],
    "retail": [ROOT / "bench" / "sets" / "retail" / "contacts.jsonl"],
    "telecom": [ROOT / "bench" / "sets" / "telecom" / "contacts.jsonl"],
    "trial bad.csv": [ROOT / "tests" / "data" / "trial_bad.csv"],
}


def main() -> None:
    pseudonyms = Pseudonyms(secret=b"bench-key-" * 4)
    rows = []
    for name, paths in SETS.items():
        plain = read_contacts(paths)
        t = time.process_time()
        hashed = read_contacts(paths, pseudonyms=pseudonyms)
        cpu = time.process_time() - t
        w = plain.warnings
        dates = w.filter(pl.col("field") == "created_at")
        changed = {
            c: int((plain.contacts[c].fill_null("") != hashed.contacts[c].fill_null("")).sum()) for c in ("id", "customer_id")
        }
        rows.append({
            "set": name, "contacts": plain.contacts.height, "dated": int(plain.contacts["created_at"].is_not_null().sum()),
            "implausible_dates": int((~dates["reason"].str.starts_with("unparseable")).sum()),
            "ids_pseudonymised": changed["id"], "customer_ids_pseudonymised": changed["customer_id"],
            "read_with_pseudonyms_cpu_s": round(cpu, 3),
        })  # fmt: skip
    print("| set | contacts | dated | implausible dates | ids pseudonymised | customer ids pseudonymised | read CPU s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['set']} | {r['contacts']} | {r['dated']} | {r['implausible_dates']} | {r['ids_pseudonymised']} | "
              f"{r['customer_ids_pseudonymised']} | {r['read_with_pseudonyms_cpu_s']} |")  # fmt: skip
    write_json("ingest_checks", {"sets": rows})


if __name__ == "__main__":
    main()
