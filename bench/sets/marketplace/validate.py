#!/usr/bin/env python3
"""Format check for the Revendo (marketplace) contact set (stdlib only). Prints OK, or the list of problems and exits 1.

Checks: every field present with the right type; unique ids of the form MK-00001; channel in email|webform|chat|phone;
lang in fr|en; created_at is ISO 8601 with a UTC offset and lies in the export period (2026-01-05 .. 2026-03-29);
ids are chronological; reasons are snake_case; every department exists in departments.yaml; each reason maps to a
single department and avoidable value; the counts per reason (and their department and avoidable) match the
reasons table in README.md.
"""
import collections
import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = {
    "id": str, "created_at": str, "channel": str, "customer_id": str, "lang": str,
    "text": str, "reason": str, "department": str, "avoidable": bool,
}
CHANNELS = {"email", "webform", "chat", "phone"}
LANGS = {"fr", "en"}
ISO_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$")
ID_RE = re.compile(r"^MK-\d{5}$")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
PERIOD = (dt.datetime(2026, 1, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))),
          dt.datetime(2026, 3, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))))

errors = []


def err(msg):
    errors.append(msg)


# ------------------------------------------------------------------ departments.yaml (no PyYAML needed)
dept_ids = []
with open(os.path.join(HERE, "departments.yaml"), encoding="utf-8") as f:
    text = f.read()
if not re.search(r"^departments:\s*$", text, re.M):
    err("departments.yaml: no top-level 'departments:' key")
for line in text.splitlines():
    m = re.match(r"^\s*-\s*id:\s*['\"]?([A-Za-z0-9_]+)['\"]?\s*$", line)
    if m:
        dept_ids.append(m.group(1))
if not dept_ids:
    err("departments.yaml: no '- id:' entries found")
if len(set(dept_ids)) != len(dept_ids):
    err("departments.yaml: duplicate department ids")
for key in ("name:", "owns:"):
    if len(re.findall(r"^\s+" + key, text, re.M)) != len(dept_ids):
        err(f"departments.yaml: every department needs a '{key[:-1]}'")
dept_set = set(dept_ids)

# ------------------------------------------------------------------ contacts.jsonl
rows = []
with open(os.path.join(HERE, "contacts.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            err(f"line {n}: empty line")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"line {n}: invalid JSON ({e})")
            continue
        if not isinstance(obj, dict):
            err(f"line {n}: not a JSON object")
            continue
        for k, typ in FIELDS.items():
            if k not in obj:
                err(f"line {n}: missing field '{k}'")
            elif not isinstance(obj[k], typ):
                err(f"line {n}: field '{k}' should be {typ.__name__}")
            elif typ is str and not obj[k].strip():
                err(f"line {n}: field '{k}' is empty")
        extra = set(obj) - set(FIELDS)
        if extra:
            err(f"line {n}: unexpected fields {sorted(extra)}")
        if any(k not in obj or not isinstance(obj[k], FIELDS[k]) for k in FIELDS):
            continue
        cid = obj["id"]
        if not ID_RE.match(cid):
            err(f"{cid}: id does not look like MK-00001")
        if obj["channel"] not in CHANNELS:
            err(f"{cid}: bad channel {obj['channel']!r}")
        if obj["lang"] not in LANGS:
            err(f"{cid}: bad lang {obj['lang']!r}")
        if not SNAKE.match(obj["reason"]):
            err(f"{cid}: reason {obj['reason']!r} is not snake_case")
        if obj["department"] not in dept_set:
            err(f"{cid}: department {obj['department']!r} not in departments.yaml")
        ts = obj["created_at"]
        if not ISO_OFFSET.match(ts):
            err(f"{cid}: created_at {ts!r} is not ISO 8601 with an offset")
            obj["_dt"] = None
        else:
            try:
                d = dt.datetime.fromisoformat(ts)
                if d.tzinfo is None:
                    raise ValueError("no offset")
                obj["_dt"] = d
                if not PERIOD[0] <= d < PERIOD[1]:
                    err(f"{cid}: created_at {ts} outside the export period")
            except ValueError as e:
                err(f"{cid}: created_at {ts!r} invalid ({e})")
                obj["_dt"] = None
        rows.append(obj)

if not rows:
    err("contacts.jsonl: no contacts")

ids = [r["id"] for r in rows]
dups = [k for k, v in collections.Counter(ids).items() if v > 1]
if dups:
    err(f"duplicate ids: {dups[:10]}")
if ids != sorted(ids):
    err("ids are not in ascending order in the file")
times = [r["_dt"] for r in rows]
if all(times):
    for a, b in zip(rows, rows[1:]):
        if b["_dt"] < a["_dt"]:
            err(f"ids not chronological: {a['id']} is later than {b['id']}")
            break

# each reason -> one department, one avoidable value
rmap = collections.defaultdict(set)
for r in rows:
    rmap[r["reason"]].add((r["department"], r["avoidable"]))
for reason, s in rmap.items():
    if len(s) > 1:
        err(f"reason {reason} maps to several (department, avoidable): {sorted(s)}")

# ------------------------------------------------------------------ README reasons table
counts = collections.Counter(r["reason"] for r in rows)
table = {}
with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
    lines = f.read().splitlines()
header = None
for i, line in enumerate(lines):
    cells = [c.strip().strip("`").lower() for c in line.strip().strip("|").split("|")]
    if line.strip().startswith("|") and "reason" in cells and "count" in cells:
        header = cells
        j = i + 2  # skip the |---| line
        while j < len(lines) and lines[j].strip().startswith("|"):
            row = [c.strip().strip("`") for c in lines[j].strip().strip("|").split("|")]
            rec = dict(zip(header, row))
            table[rec["reason"]] = rec
            j += 1
        break
if header is None:
    err("README.md: no reasons table with 'reason' and 'count' columns")
else:
    for reason, rec in table.items():
        try:
            c = int(rec["count"])
        except (KeyError, ValueError):
            err(f"README.md: bad count for {reason}")
            continue
        if counts.get(reason, 0) != c:
            err(f"README.md: {reason} count {c} but contacts.jsonl has {counts.get(reason, 0)}")
        if "department" in rec and rmap.get(reason):
            (dep, av), = list(rmap[reason])[:1]
            if rec["department"] != dep:
                err(f"README.md: {reason} department {rec['department']} but contacts say {dep}")
            if rec["department"] not in dept_set:
                err(f"README.md: {reason} department {rec['department']} not in departments.yaml")
            if "avoidable" in rec and rec["avoidable"].lower() != str(av).lower():
                err(f"README.md: {reason} avoidable {rec['avoidable']} but contacts say {av}")
    for reason in counts:
        if reason not in table:
            err(f"README.md: reason {reason} missing from the table")
    if sum(int(r["count"]) for r in table.values() if r.get("count", "").isdigit()) != len(rows):
        err("README.md: table counts do not add up to the number of contacts")

if errors:
    for e in errors[:50]:
        print("ERROR:", e)
    if len(errors) > 50:
        print(f"... and {len(errors) - 50} more")
    sys.exit(1)
print("OK")
