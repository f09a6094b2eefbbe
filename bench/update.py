"""`rootcause update` against gold labels: is a reason that only the new weeks hold found?

The bundled sample (`data/samples/contacts.csv`, gold reasons in `data/samples/gold/`) is
spread over 12 weeks; one gold reason, the ``--rank``-th largest (0: the largest), is held
back to weeks 9–12 (``--rank -1``: none, a control where nothing new happens). `analyze`
fits weeks 1–8, `update` adds weeks 9–12. For each scenario the script reports whether every
driver of the fit kept its id and name, the new drivers, and for the held-back reason: the
new drivers made mostly of it (precision ≥ 0.5), how many of its contacts they hold
(recall), whether they are flagged emerging; and the new drivers made mostly of other reasons
(false new drivers). The gold labels never reach the tool. Prints a table and writes
``bench/results/update.json``::

    .venv/bin/python bench/update.py                       # ranks 0-4 and the control, seeds 0
    .venv/bin/python bench/update.py --ranks 0 --seeds 0 1
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
RESULT = ROOT / "bench" / "results" / "update.json"
START = datetime(2026, 1, 5)  # a Monday


def held_out_weeks(folder: Path, rank: int = 0, seed: int = 0) -> tuple[str | None, dict[str, str]]:
    """Write ``weeks01-08.csv`` and ``weeks09-12.csv`` under `folder`: the bundled sample over
    12 weeks, its `rank`-th largest gold reason (None when `rank` < 0) dated in the last 4.

    Every other contact gets a date drawn over the 12 weeks. Returns the held-back reason and
    the gold reason of every contact id.
    """
    gold = dict(pl.read_csv(SAMPLES / "gold" / "contacts_labels.csv", infer_schema=False).select("id", "driver").iter_rows())
    counts: dict[str, int] = {}
    for reason in gold.values():
        counts[reason] = counts.get(reason, 0) + 1
    ranked = sorted((r for r in counts if r != "reject"), key=lambda r: (-counts[r], r))
    held = ranked[rank] if rank >= 0 else None
    with (SAMPLES / "contacts.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rng = random.Random(seed)
    old: list[dict[str, str]] = []
    new: list[dict[str, str]] = []
    for row in rows:
        day = rng.randrange(56, 84) if held is not None and gold.get(row["ticket_id"]) == held else rng.randrange(84)
        row = {**row, "created_at": (START + timedelta(days=day, minutes=rng.randrange(1440))).isoformat()}
        (new if day >= 56 else old).append(row)
    for name, part in (("weeks01-08.csv", old), ("weeks09-12.csv", new)):
        with (folder / name).open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(part)
    return held, gold


def scenario(rank: int, seed: int) -> dict[str, Any]:
    """Fit weeks 1–8, update with weeks 9–12; what the update found."""
    from rootcause.pipeline import analyze, write_outputs
    from rootcause.sampled.update import update

    with tempfile.TemporaryDirectory(prefix="rootcause-update-bench-") as tmp:
        d = Path(tmp)
        held, gold = held_out_weeks(d, rank, seed)
        first = analyze([d / "weeks01-08.csv"], SAMPLES / "departments.yaml", seed=0, out_dir=d / "run1")
        write_outputs(first, d / "run1")
        result = update(d / "run1" / "model", [d / "weeks09-12.csv"], SAMPLES / "departments.yaml", d / "run2")
        write_outputs(result, d / "run2")
        result.contact_parts.remove()
        contacts = pl.read_parquet(d / "run2" / "contacts.parquet").with_columns(
            pl.col("id").replace_strict(gold, default="").alias("gold")
        )
    before = dict(first.drivers.select("driver_id", "label").iter_rows())
    after = dict(result.drivers.select("driver_id", "label").iter_rows())
    flags = dict(result.drivers.select("driver_id", "emerging").iter_rows())
    new_ids = result.meta["update"]["new_drivers"]
    rows = []
    for driver_id in new_ids:
        members = contacts.filter(pl.col("driver_id") == driver_id)["gold"]
        top, n = members.value_counts(sort=True).row(0) if len(members) else ("", 0)
        rows.append({"driver_id": driver_id, "label": after.get(driver_id), "size": len(members), "top_gold": top,
                     "top_share": round(n / max(len(members), 1), 3), "emerging": bool(flags.get(driver_id))})  # fmt: skip
    held_n = int((contacts["gold"] == held).sum()) if held else 0
    theirs = [r for r in rows if held and r["top_gold"] == held and r["top_share"] >= 0.5]
    return {
        "rank": rank,
        "seed": seed,
        "held_back": held,
        "held_back_contacts": held_n,
        "fit_drivers": len(before),
        "ids_and_names_kept": all(after.get(i) == label for i, label in before.items()),
        "new_drivers": rows,
        "found": bool(theirs),
        "found_emerging": bool(theirs) and all(r["emerging"] for r in theirs),
        "precision": round(sum(r["size"] * r["top_share"] for r in theirs) / max(sum(r["size"] for r in theirs), 1), 3),
        "recall": round(sum(r["size"] * r["top_share"] for r in theirs) / max(held_n, 1), 3),
        "false_new_drivers": len(rows) - len(theirs),
        "new_contacts": result.meta["update"]["new_contacts"],
        "former_contacts": result.meta["update"]["former_contacts"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ranks", type=int, nargs="+", default=[0, 1, 2, 3, 4, -1])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    args = ap.parse_args()
    runs = [scenario(rank, seed) for seed in args.seeds for rank in args.ranks]
    print("| held back (contacts) | seed | fit drivers | ids+names kept | found, emerging | precision | recall | false new drivers |")
    print("|---|---|---|---|---|---|---|---|")
    for r in runs:
        held = f"{r['held_back']} ({r['held_back_contacts']})" if r["held_back"] else "none (control)"
        found = "—" if not r["held_back"] else f"{'yes' if r['found'] else 'no'}, {'yes' if r['found_emerging'] else 'no'}"
        print(f"| {held} | {r['seed']} | {r['fit_drivers']} | {'yes' if r['ids_and_names_kept'] else 'NO'} | {found} | "
              f"{r['precision'] if r['found'] else '—'} | {r['recall'] if r['found'] else '—'} | {r['false_new_drivers']} |")  # fmt: skip
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps({"date": datetime.now().isoformat(timespec="seconds"), "runs": runs}, indent=2) + "\n", encoding="utf-8")
    print(f"→ {RESULT}", file=sys.stderr)


if __name__ == "__main__":
    main()
