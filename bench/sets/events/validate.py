#!/usr/bin/env python3
"""Stdlib-only format check for the Placéo events contact set."""
import json, re, sys, os
from collections import Counter, defaultdict
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = {"id", "created_at", "channel", "customer_id", "lang", "text", "reason", "department", "avoidable"}
CHANNELS = {"email", "webform", "chat", "phone"}
LANGS = {"fr", "en"}
errors = []

def parse_departments(path):
    ids, cur = [], None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^\s*-\s*id:\s*([A-Za-z0-9_]+)\s*$", line)
        if m:
            ids.append(m.group(1))
    return ids

deps = parse_departments(os.path.join(HERE, "departments.yaml"))
if len(deps) != len(set(deps)):
    errors.append("duplicate department ids")
if not 8 <= len(deps) <= 10:
    errors.append(f"{len(deps)} departments (expected 8-10)")

rows = []
with open(os.path.join(HERE, "contacts.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except Exception as e:
            errors.append(f"line {n}: bad JSON ({e})"); continue
        if set(r) != KEYS:
            errors.append(f"line {n}: keys {sorted(set(r) ^ KEYS)}")
            continue
        for k in KEYS - {"avoidable"}:
            if not isinstance(r[k], str) or not r[k].strip():
                errors.append(f"line {n}: {k} must be a non-empty string")
        if not isinstance(r["avoidable"], bool):
            errors.append(f"line {n}: avoidable must be bool")
        if r["channel"] not in CHANNELS:
            errors.append(f"line {n}: channel {r['channel']}")
        if r["lang"] not in LANGS:
            errors.append(f"line {n}: lang {r['lang']}")
        if not re.fullmatch(r"BT-\d{5}", r["id"]):
            errors.append(f"line {n}: id {r['id']}")
        try:
            t = datetime.fromisoformat(r["created_at"])
            if t.utcoffset() is None:
                errors.append(f"line {n}: created_at without offset")
            r["_t"] = t
        except Exception:
            errors.append(f"line {n}: created_at {r['created_at']}"); r["_t"] = None
        if r["department"] not in deps:
            errors.append(f"line {n}: unknown department {r['department']}")
        rows.append(r)

ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)):
    errors.append("duplicate ids")
if ids != sorted(ids):
    errors.append("ids not in order")
ts = [r["_t"] for r in rows if r["_t"]]
if any(b < a for a, b in zip(ts, ts[1:])):
    errors.append("ids not chronological")

rmap = defaultdict(set)
for r in rows:
    rmap[r["reason"]].add((r["department"], r["avoidable"]))
for reason, s in rmap.items():
    if len(s) != 1:
        errors.append(f"reason {reason} maps to {sorted(s)}")
if "other" not in rmap:
    errors.append("no 'other' reason")

def show(title, c):
    print(f"\n{title}")
    for k, v in sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        print(f"  {v:4d}  {k}")

print(f"contacts: {len(rows)}   reasons: {len(rmap)} (incl. other)   departments: {len(deps)}")
if ts:
    print(f"period: {min(ts).isoformat()} -> {max(ts).isoformat()}")
show("per reason (department, avoidable):", Counter(f"{r['reason']}  [{r['department']}, {r['avoidable']}]" for r in rows))
show("per department:", Counter(r["department"] for r in rows))
unused = [d for d in deps if d not in {r['department'] for r in rows}]
if unused:
    errors.append(f"departments without contacts: {unused}")
show("per channel:", Counter(r["channel"] for r in rows))
lc = Counter(r["lang"] for r in rows)
show("per language:", lc)
print(f"  French share: {lc['fr'] / max(1, len(rows)):.1%}")
cust = Counter(r["customer_id"] for r in rows)
print(f"\nrepeat customers: {sum(1 for v in cust.values() if v > 1)}")

if errors:
    print("\nERRORS:")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("\nOK: all checks passed")
