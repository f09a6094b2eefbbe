#!/usr/bin/env python3
"""Validate the Hôtels Alcyon contact set (stdlib only).

Checks contacts.jsonl against departments.yaml: required fields and types, enums,
unique ids, department ids present in the catalogue, dates inside the 12-week window
(Mon 2026-03-02 00:00 to Sun 2026-05-24 23:59 local time), one department per reason.
Prints counts per reason, department, channel and language. Exit code 1 on any error.
"""
import collections
import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = {"id": str, "created_at": str, "channel": str, "customer_id": str, "lang": str,
          "text": str, "reason": str, "department": str, "avoidable": bool}
CHANNELS = {"email", "webform", "chat", "phone"}
LANGS = {"fr", "en"}
START = dt.datetime(2026, 3, 2)
END = START + dt.timedelta(weeks=12)


def load_departments(path):
    ids, names = [], {}
    cur = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\s*-\s+id:\s*([A-Za-z0-9_]+)\s*$", line)
            if m:
                cur = m.group(1)
                ids.append(cur)
                continue
            m = re.match(r"^\s+name:\s*(.+?)\s*$", line)
            if m and cur and cur not in names:
                names[cur] = m.group(1)
    return ids, names


def main():
    errors = []
    dept_ids, dept_names = load_departments(os.path.join(HERE, "departments.yaml"))
    if len(dept_ids) != len(set(dept_ids)):
        errors.append("duplicate department ids in departments.yaml")
    if not 8 <= len(dept_ids) <= 10:
        errors.append(f"expected 8-10 departments, found {len(dept_ids)}")
    missing_names = [d for d in dept_ids if d not in dept_names]
    if missing_names:
        errors.append(f"departments without name: {missing_names}")

    rows, seen = [], set()
    with open(os.path.join(HERE, "contacts.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"line {n}: empty line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: invalid JSON ({e})")
                continue
            where = f"line {n} ({obj.get('id', '?')})"
            extra = set(obj) - set(FIELDS)
            if extra:
                errors.append(f"{where}: unexpected fields {sorted(extra)}")
            bad = False
            for k, typ in FIELDS.items():
                if k not in obj:
                    errors.append(f"{where}: missing field {k}")
                    bad = True
                elif not isinstance(obj[k], typ):
                    errors.append(f"{where}: field {k} should be {typ.__name__}")
                    bad = True
            if bad:
                continue
            if not re.fullmatch(r"HA-\d{5}", obj["id"]):
                errors.append(f"{where}: bad id format")
            if obj["id"] in seen:
                errors.append(f"{where}: duplicate id")
            seen.add(obj["id"])
            if obj["channel"] not in CHANNELS:
                errors.append(f"{where}: bad channel {obj['channel']}")
            if obj["lang"] not in LANGS:
                errors.append(f"{where}: bad lang {obj['lang']}")
            if obj["department"] not in dept_ids:
                errors.append(f"{where}: unknown department {obj['department']}")
            if not re.fullmatch(r"[a-z][a-z0-9_]*", obj["reason"]):
                errors.append(f"{where}: reason not snake_case")
            if not obj["text"].strip():
                errors.append(f"{where}: empty text")
            if obj["customer_id"] and not re.fullmatch(r"K\d{7}", obj["customer_id"]):
                errors.append(f"{where}: bad customer_id {obj['customer_id']}")
            try:
                t = dt.datetime.fromisoformat(obj["created_at"])
                if t.utcoffset() is None:
                    errors.append(f"{where}: created_at without offset")
                elif not START <= t.replace(tzinfo=None) < END:
                    errors.append(f"{where}: created_at outside the 12 weeks")
            except ValueError:
                errors.append(f"{where}: bad created_at {obj['created_at']}")
                continue
            rows.append(obj)

    if not 300 <= len(rows) <= 330:
        errors.append(f"expected 300-330 contacts, found {len(rows)}")
    r2d = collections.defaultdict(set)
    for r in rows:
        r2d[r["reason"]].add(r["department"])
    for reason, ds in r2d.items():
        if len(ds) > 1:
            errors.append(f"reason {reason} attributed to several departments {sorted(ds)}")

    total = len(rows)

    def show(title, counter):
        print(f"\n{title}:")
        for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {k:32s} {v:4d}  {100 * v / total:5.1f} %")

    print(f"contacts: {total}, reasons: {len(r2d)}, departments in catalogue: {len(dept_ids)}")
    show("per reason", collections.Counter(r["reason"] for r in rows))
    show("per department", collections.Counter(r["department"] for r in rows))
    show("per channel", collections.Counter(r["channel"] for r in rows))
    show("per language", collections.Counter(r["lang"] for r in rows))
    show("avoidable", collections.Counter(str(r["avoidable"]).lower() for r in rows))
    weeks = collections.Counter(
        1 + (dt.datetime.fromisoformat(r["created_at"]).replace(tzinfo=None) - START).days // 7 for r in rows)
    print("\nper week: " + ", ".join(f"W{w}={weeks[w]}" for w in sorted(weeks)))

    if errors:
        print(f"\nFAILED: {len(errors)} error(s)")
        for e in errors[:50]:
            print("  " + e)
        return 1
    print("\nOK: format valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
