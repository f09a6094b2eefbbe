"""Write what `models/default` answers for every bundled sample contact (driver, owner,
confidence), the reference that `tests/test_classify_reference.py` holds classification to:
speed work on the classify path must not change a single answer.

    .venv/bin/python bench/classify_reference.py   # rewrites tests/data/classify_reference.csv

Run it only when the answers are meant to change (a refitted model, a new reading of the
text), and say why in the commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from classify_reference import REFERENCE, classify_samples  # noqa: E402

if __name__ == "__main__":
    frame = classify_samples()
    frame.write_csv(REFERENCE)
    print(f"wrote {REFERENCE} ({frame.height} contacts)")
