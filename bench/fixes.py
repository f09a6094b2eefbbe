"""How often the closed-loop verdict is right, on simulated exports with a planted fix.

For each setting (contacts a week before the fix, weeks of data after it, weekly swings
beyond Poisson noise) it draws `--seeds` exports of 8 weeks before the fix: one driver
whose rate halves on the fix date, one that does not change. It prints, for the interval of
`rootcause.measure.fixes` (quasi-Poisson) and for a plain Poisson interval on the same
counts, how often the halved driver is found significantly down (power) and how often the
unchanged one is called significant (false alarms; 5 % is the promise of a 95 % interval).
The `MIN_WEEKS` gate is left out here, to show what it guards against. Writes
``bench/results/fixes.json``.

    .venv/bin/python bench/fixes.py [--seeds 200]
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import write_json  # noqa: E402

from rootcause import schema as S  # noqa: E402
from rootcause.measure.fixes import _Z, fix_effect  # noqa: E402

START = date(2026, 1, 5)
BEFORE_WEEKS = 8
FIX = START + timedelta(weeks=BEFORE_WEEKS)


def _export(rng: np.random.Generator, weekly: float, weeks_after: int, swing: float) -> pl.DataFrame:
    """Contacts of HALVED (half the rate from FIX on) and SAME, day by day."""
    days = (BEFORE_WEEKS + weeks_after) * 7
    frames = []
    for driver, after in (("HALVED", 0.5), ("SAME", 1.0)):
        week_factor = rng.gamma(1 / swing**2, swing**2, size=days // 7) if swing else np.ones(days // 7)
        rate = np.repeat(week_factor, 7) * weekly / 7 * np.where(np.arange(days) >= BEFORE_WEEKS * 7, after, 1.0)
        counts = rng.poisson(rate)
        day_index = np.repeat(np.arange(days), counts)
        when = np.datetime64(START) + day_index.astype("timedelta64[D]")
        frames.append(pl.DataFrame({S.DRIVER_ID: [driver] * len(when), S.CREATED_AT: when.astype("datetime64[us]")}))
    return pl.concat(frames)


def _significant(effect, plain: bool) -> str:  # type: ignore[no-untyped-def]
    """"down", "up" or "" from the effect's interval, or from a plain Poisson one (dispersion 1)."""
    if effect.change is None or effect.contacts_before == 0:
        return ""
    low, high = effect.ci_low, effect.ci_high
    if plain:
        a, b = effect.contacts_before, effect.contacts_after
        aa, bb = (a + 0.5, b + 0.5) if b == 0 else (a, b)
        centre = (math.log1p(low) + math.log1p(high)) / 2
        half = _Z * math.sqrt(1 / aa + 1 / bb)
        low, high = math.expm1(centre - half), math.expm1(centre + half)
    return "down" if high < 0 else "up" if low > 0 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=200)
    args = parser.parse_args()
    rows = []
    print(f"{'per week':>8} {'weeks after':>11} {'swing':>5} | {'power':>6} {'false alarms':>12} | plain Poisson: {'power':>6} {'false alarms':>12}")
    for weekly in (5.0, 20.0):
        for swing in (0.0, 0.35):
            for weeks_after in (1, 2, 3, 4, 6, 8):
                rng = np.random.default_rng(0)
                found = {False: [0, 0], True: [0, 0]}  # plain -> [halved down, same significant]
                for _ in range(args.seeds):
                    export = _export(rng, weekly, weeks_after, swing)
                    halved, same = (fix_effect(export, d, FIX) for d in ("HALVED", "SAME"))
                    for plain in (False, True):
                        found[plain][0] += _significant(halved, plain) == "down"
                        found[plain][1] += _significant(same, plain) != ""
                row = {
                    "per_week": weekly, "weeks_after": weeks_after, "swing": swing, "seeds": args.seeds,
                    "power": found[False][0] / args.seeds, "false_alarms": found[False][1] / args.seeds,
                    "plain_power": found[True][0] / args.seeds, "plain_false_alarms": found[True][1] / args.seeds,
                }
                rows.append(row)
                print(f"{weekly:8.0f} {weeks_after:11d} {swing:5.2f} | {row['power']:6.1%} {row['false_alarms']:12.1%} |"
                      f"                {row['plain_power']:6.1%} {row['plain_false_alarms']:12.1%}")
    path = write_json("fixes", {"before_weeks": BEFORE_WEEKS, "rows": rows})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
