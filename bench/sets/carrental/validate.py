#!/usr/bin/env python3
"""Self-contained checker for the carrental contact set (stdlib + pyyaml).

Usage: python3 validate.py [folder]   (default: the folder of this script)
Exit status 0 when every check passes.
"""
import json, os, re, sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta

import yaml

HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
KEYS = {"id", "created_at", "channel", "customer_id", "lang", "text", "reason", "department", "avoidable"}
CHANNELS = {"email", "webform", "chat", "phone"}
LANGS = {"fr", "en"}
errors = []

def err(msg):
    errors.append(msg)

# departments
with open(os.path.join(HERE, "departments.yaml"), encoding="utf-8") as f:
    cat = yaml.safe_load(f)
depts = cat.get("departments") if isinstance(cat, dict) else None
if not isinstance(depts, list) or not depts:
    err("departments.yaml: missing 'departments' list")
    depts = []
dept_ids = []
for d in depts:
    for k in ("id", "name", "owns"):
        if not isinstance(d.get(k), str) or not d.get(k).strip():
            err(f"department {d.get('id')!r}: missing or empty {k!r}")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", str(d.get("id", ""))):
        err(f"department id not snake_case: {d.get('id')!r}")
    if "keywords" in d and not (isinstance(d["keywords"], list) and all(isinstance(x, str) for x in d["keywords"])):
        err(f"department {d.get('id')}: keywords must be a list of strings")
    dept_ids.append(d.get("id"))
if len(dept_ids) != len(set(dept_ids)):
    err("duplicate department ids")
dept_set = set(dept_ids)

# contacts
rows = []
with open(os.path.join(HERE, "contacts.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            err(f"line {n}: empty line")
            continue
        try:
            rows.append((n, json.loads(line)))
        except json.JSONDecodeError as e:
            err(f"line {n}: invalid JSON ({e})")

seen_ids = set()
prev_id = prev_dt = None
reason_dept = defaultdict(set)
reason_avoid = defaultdict(set)
for n, r in rows:
    keys = set(r)
    if keys != KEYS:
        err(f"line {n}: keys differ (missing {sorted(KEYS - keys)}, extra {sorted(keys - KEYS)})")
        continue
    if not re.fullmatch(r"[A-Z]{2}-\d{5}", r["id"]):
        err(f"line {n}: bad id {r['id']!r}")
    if r["id"] in seen_ids:
        err(f"line {n}: duplicate id {r['id']}")
    seen_ids.add(r["id"])
    if prev_id and r["id"] <= prev_id:
        err(f"line {n}: ids not increasing ({prev_id} -> {r['id']})")
    try:
        dt = datetime.fromisoformat(r["created_at"])
        if dt.utcoffset() not in (timedelta(hours=1), timedelta(hours=2)):
            err(f"line {n}: offset is not a Europe/Paris offset: {r['created_at']}")
        if prev_dt and dt < prev_dt:
            err(f"line {n}: created_at not chronological ({r['id']})")
        prev_dt = dt
    except (ValueError, TypeError):
        err(f"line {n}: bad created_at {r['created_at']!r}")
    prev_id = r["id"]
    if r["channel"] not in CHANNELS:
        err(f"line {n}: bad channel {r['channel']!r}")
    if r["lang"] not in LANGS:
        err(f"line {n}: bad lang {r['lang']!r}")
    if not re.fullmatch(r"\d{7}|ANON-\d{5}", str(r["customer_id"])):
        err(f"line {n}: bad customer_id {r['customer_id']!r}")
    if not isinstance(r["text"], str) or not r["text"].strip():
        err(f"line {n}: empty text")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", str(r["reason"])):
        err(f"line {n}: reason not snake_case {r['reason']!r}")
    if r["department"] not in dept_set:
        err(f"line {n}: unknown department {r['department']!r}")
    if not isinstance(r["avoidable"], bool):
        err(f"line {n}: avoidable must be a boolean")
    reason_dept[r["reason"]].add(r["department"])
    reason_avoid[r["reason"]].add(r["avoidable"])

for reason, ds in reason_dept.items():
    if len(ds) != 1:
        err(f"reason {reason} maps to several departments: {sorted(ds)}")
    if len(reason_avoid[reason]) != 1:
        err(f"reason {reason} has mixed avoidable values")

# counts
contacts = [r for _, r in rows if set(r) == KEYS]
print(f"contacts: {len(contacts)}   departments in catalogue: {len(dept_set)}   reasons: {len(reason_dept)}")
if contacts:
    print(f"period: {contacts[0]['created_at']} -> {contacts[-1]['created_at']}")
    for field in ("channel", "lang", "department", "avoidable"):
        c = Counter(r[field] for r in contacts)
        print(f"\n{field}:")
        for k, v in c.most_common():
            print(f"  {str(k):32s} {v:4d}  {100 * v / len(contacts):5.1f} %")
    print("\nreason (department, avoidable): count")
    for k, v in Counter(r["reason"] for r in contacts).most_common():
        print(f"  {k:32s} {v:4d}  {next(iter(reason_dept[k]))} / {next(iter(reason_avoid[k]))}")
    unused = dept_set - {r["department"] for r in contacts}
    if unused:
        print(f"\nnote: departments without contacts: {sorted(unused)}")
    start = datetime.fromisoformat(contacts[0]["created_at"]).date()
    start = start - timedelta(days=start.weekday())
    wk = Counter((datetime.fromisoformat(r["created_at"]).date() - start).days // 7 + 1 for r in contacts)
    print("\ncontacts per week:", " ".join(f"w{k}:{wk[k]}" for k in sorted(wk)))
    rep = Counter(r["customer_id"] for r in contacts if not r["customer_id"].startswith("ANON"))
    print("customers with several contacts:", sum(1 for v in rep.values() if v > 1))

if errors:
    print(f"\nFAILED: {len(errors)} problem(s)")
    for e in errors[:100]:
        print("  -", e)
    sys.exit(1)
print("\nOK: all checks passed")
