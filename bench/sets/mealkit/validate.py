#!/usr/bin/env python3
"""Format check for the Panier Frais / FreshBasket contact set (stdlib only).

Usage: python3 validate.py [folder]   (default: the folder of this script)
Exit code 0 when every check passes, 1 otherwise.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict
from datetime import datetime, timezone, timedelta

FIELDS = {"id": str, "created_at": str, "channel": str, "customer_id": str, "lang": str,
          "text": str, "reason": str, "department": str, "avoidable": bool}
CHANNELS = {"email", "webform", "chat", "phone"}
LANGS = {"fr", "en"}
PERIOD_START = datetime(2026, 3, 2, 0, 0, tzinfo=timezone(timedelta(hours=1)))
PERIOD_END = datetime(2026, 5, 25, 0, 0, tzinfo=timezone(timedelta(hours=2)))  # exclusive (end of week 12)
EMERGING = "kit_isotherme_v3_fuite"
EMERGING_FROM = datetime(2026, 5, 4, 0, 0, tzinfo=timezone(timedelta(hours=2)))  # week 10
ID_RE = re.compile(r"^PF-\d{5}$")
SNAKE_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
CUST_RE = re.compile(r"^(C-\d{6}|ANON-\d{5})$")


def read_departments(path):
    """Minimal reader for departments.yaml: collects `- id:` entries and checks name/owns exist."""
    depts, errors, current = {}, [], None
    seen_root = False
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if line.lstrip().startswith("#") or not line.strip():
                continue
            if line.rstrip() == "departments:":
                seen_root = True
                continue
            m = re.match(r"^\s*-\s+id:\s*([A-Za-z0-9_]+)\s*$", line)
            if m:
                current = m.group(1)
                if current in depts:
                    errors.append(f"departments.yaml:{no}: duplicate id {current}")
                depts[current] = set()
                continue
            m = re.match(r"^\s+(name|owns|keywords):", line)
            if m and current:
                depts[current].add(m.group(1))
    if not seen_root:
        errors.append("departments.yaml: missing top-level 'departments:' key")
    for d, keys in depts.items():
        for k in ("name", "owns"):
            if k not in keys:
                errors.append(f"departments.yaml: department {d} has no '{k}'")
    return depts, errors


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    errors = []
    depts, derr = read_departments(os.path.join(folder, "departments.yaml"))
    errors += derr
    if not 8 <= len(depts) <= 10:
        errors.append(f"departments.yaml: {len(depts)} departments (expected 8-10)")

    rows, ids = [], set()
    with open(os.path.join(folder, "contacts.jsonl"), encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"line {no}: empty line")
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {no}: invalid JSON ({exc})")
                continue
            where = f"line {no} ({r.get('id', '?')})"
            if set(r) != set(FIELDS):
                errors.append(f"{where}: fields {sorted(r)} != {sorted(FIELDS)}")
            for k, t in FIELDS.items():
                if k in r and not isinstance(r[k], t):
                    errors.append(f"{where}: field {k} is {type(r[k]).__name__}, expected {t.__name__}")
            if not isinstance(r.get("id"), str) or not ID_RE.match(r["id"]):
                errors.append(f"{where}: bad id")
            elif r["id"] in ids:
                errors.append(f"{where}: duplicate id")
            else:
                ids.add(r["id"])
            if r.get("channel") not in CHANNELS:
                errors.append(f"{where}: bad channel {r.get('channel')!r}")
            if r.get("lang") not in LANGS:
                errors.append(f"{where}: bad lang {r.get('lang')!r}")
            if r.get("department") not in depts:
                errors.append(f"{where}: department {r.get('department')!r} not in departments.yaml")
            if not isinstance(r.get("reason"), str) or not SNAKE_RE.match(r["reason"]):
                errors.append(f"{where}: reason {r.get('reason')!r} is not snake_case")
            if not isinstance(r.get("customer_id"), str) or not CUST_RE.match(r["customer_id"]):
                errors.append(f"{where}: bad customer_id {r.get('customer_id')!r}")
            if not isinstance(r.get("text"), str) or not r["text"].strip():
                errors.append(f"{where}: empty text")
            try:
                ts = datetime.fromisoformat(r.get("created_at", ""))
                if ts.tzinfo is None:
                    errors.append(f"{where}: created_at has no UTC offset")
                elif not PERIOD_START <= ts < PERIOD_END:
                    errors.append(f"{where}: created_at {r['created_at']} outside 2026-03-02..2026-05-24")
                else:
                    r["_ts"] = ts
                    if r.get("reason") == EMERGING and ts < EMERGING_FROM:
                        errors.append(f"{where}: emerging reason before week 10")
            except (TypeError, ValueError):
                errors.append(f"{where}: created_at {r.get('created_at')!r} is not ISO 8601")
            rows.append(r)

    if not 300 <= len(rows) <= 330:
        errors.append(f"{len(rows)} contacts (expected 300-330)")
    # one department and one avoidable value per reason
    rmap = defaultdict(set)
    for r in rows:
        rmap[r.get("reason")].add((r.get("department"), r.get("avoidable")))
    for reason, vals in rmap.items():
        if len(vals) > 1:
            errors.append(f"reason {reason} maps to several (department, avoidable): {sorted(vals, key=str)}")
    # chronological ids
    dated = [r for r in rows if "_ts" in r]
    if [r["id"] for r in dated] != [r["id"] for r in sorted(dated, key=lambda r: (r["_ts"], r["id"]))]:
        errors.append("ids are not in chronological order")

    n = len(rows)
    def show(title, counter):
        print(f"\n{title}:")
        for k, v in counter.most_common():
            print(f"  {k:<34} {v:>4}  {100 * v / n:5.1f} %")
    print(f"contacts: {n}   departments in catalogue: {len(depts)}   reasons: {len(rmap)}")
    show("reason", Counter(r.get("reason") for r in rows))
    show("department", Counter(r.get("department") for r in rows))
    show("channel", Counter(r.get("channel") for r in rows))
    show("lang", Counter(r.get("lang") for r in rows))
    print(f"\navoidable: true {sum(1 for r in rows if r.get('avoidable') is True)}, "
          f"false {sum(1 for r in rows if r.get('avoidable') is False)}")
    start_week = PERIOD_START.date()
    em = Counter((r["_ts"].date() - start_week).days // 7 + 1 for r in dated if r.get("reason") == EMERGING)
    print("emerging reason per week (" + EMERGING + "): " + ", ".join(f"w{w}={em.get(w, 0)}" for w in range(1, 13)))

    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors[:50]:
            print("  - " + e)
        return 1
    print("\nOK: all format checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
