#!/usr/bin/env python3
"""Format checker for the Tablio contact set (stdlib only).

Checks contacts.jsonl against departments.yaml and the reasons table of README.md.
Prints OK, or one line per problem (exit status 1).
Usage: python3 validate.py [folder]   (default: the folder of this script)
"""
import datetime
import json
import os
import re
import sys

FIELDS = {
    "id": str, "created_at": str, "channel": str, "customer_id": str, "lang": str,
    "text": str, "reason": str, "department": str, "avoidable": bool,
}
CHANNELS = {"email", "webform", "chat", "phone"}
LANGS = {"fr", "en"}
PERIOD_START = datetime.date(2026, 1, 5)
PERIOD_END = datetime.date(2026, 3, 29)
ID_RE = re.compile(r"^TB-\d{5}$")


def load_department_ids(path, problems):
    ids = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^\s*-\s*id:\s*['\"]?([A-Za-z0-9_]+)['\"]?\s*$", line)
                if m:
                    ids.append(m.group(1))
    except OSError as e:
        problems.append(f"departments.yaml: cannot read ({e})")
        return set()
    if not ids:
        problems.append("departments.yaml: no '- id:' entries found")
    dup = {d for d in ids if ids.count(d) > 1}
    if dup:
        problems.append(f"departments.yaml: duplicate ids {sorted(dup)}")
    return set(ids)


def load_readme_table(path, problems):
    """Return {reason: (department, avoidable, count)} from the table whose header has reason/department/avoidable/count."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        problems.append(f"README.md: cannot read ({e})")
        return {}
    def cells(line):
        return [c.strip() for c in line.strip().strip("|").split("|")]
    table = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("|"):
            head = [c.lower() for c in cells(line)]
            if {"reason", "department", "avoidable", "count"} <= set(head):
                col = {name: head.index(name) for name in ("reason", "department", "avoidable", "count")}
                i += 2  # skip the separator row
                while i < len(lines) and lines[i].strip().startswith("|"):
                    c = cells(lines[i])
                    try:
                        reason = c[col["reason"]].strip("`* ")
                        dept = c[col["department"]].strip("`* ")
                        avo = c[col["avoidable"]].strip("`* ").lower()
                        count = int(c[col["count"]].strip("`* "))
                    except (IndexError, ValueError):
                        problems.append(f"README.md: unreadable reasons-table row: {lines[i]!r}")
                        i += 1
                        continue
                    if avo not in ("true", "false"):
                        problems.append(f"README.md: avoidable must be true/false for {reason!r}")
                    if reason in table:
                        problems.append(f"README.md: reason {reason!r} listed twice")
                    table[reason] = (dept, avo == "true", count)
                    i += 1
                break
        i += 1
    if not table:
        problems.append("README.md: reasons table (reason | ... | department | avoidable | count) not found")
    return table


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    problems = []
    dept_ids = load_department_ids(os.path.join(folder, "departments.yaml"), problems)
    table = load_readme_table(os.path.join(folder, "README.md"), problems)

    rows = []
    try:
        with open(os.path.join(folder, "contacts.jsonl"), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    problems.append(f"contacts.jsonl line {n}: empty line")
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    problems.append(f"contacts.jsonl line {n}: invalid JSON ({e})")
                    continue
                if not isinstance(obj, dict):
                    problems.append(f"contacts.jsonl line {n}: not a JSON object")
                    continue
                rows.append((n, obj))
    except OSError as e:
        problems.append(f"contacts.jsonl: cannot read ({e})")

    seen_ids = set()
    prev_ts = None
    reason_dept = {}
    reason_avo = {}
    counts = {}
    for idx, (n, r) in enumerate(rows, 1):
        where = f"line {n}"
        ok = True
        for field, typ in FIELDS.items():
            if field not in r:
                problems.append(f"{where}: missing field {field!r}")
                ok = False
            elif type(r[field]) is not typ:
                problems.append(f"{where}: field {field!r} should be {typ.__name__}, got {type(r[field]).__name__}")
                ok = False
        extra = set(r) - set(FIELDS)
        if extra:
            problems.append(f"{where}: unexpected fields {sorted(extra)}")
        if not ok:
            continue
        rid = r["id"]
        where = f"line {n} ({rid})"
        if not ID_RE.match(rid):
            problems.append(f"{where}: id does not match TB-#####")
        elif int(rid[3:]) != idx:
            problems.append(f"{where}: ids must be sequential, expected TB-{idx:05d}")
        if rid in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(rid)
        try:
            ts = datetime.datetime.fromisoformat(r["created_at"])
        except ValueError:
            problems.append(f"{where}: created_at is not ISO 8601: {r['created_at']!r}")
            ts = None
        if ts is not None:
            if ts.tzinfo is None:
                problems.append(f"{where}: created_at has no UTC offset")
            else:
                if not (PERIOD_START <= ts.date() <= PERIOD_END):
                    problems.append(f"{where}: created_at {r['created_at']} outside {PERIOD_START}..{PERIOD_END}")
                if prev_ts is not None and ts < prev_ts:
                    problems.append(f"{where}: not chronological (earlier than the previous contact)")
                prev_ts = ts
        if r["channel"] not in CHANNELS:
            problems.append(f"{where}: channel {r['channel']!r} not in {sorted(CHANNELS)}")
        if r["lang"] not in LANGS:
            problems.append(f"{where}: lang {r['lang']!r} not in {sorted(LANGS)}")
        if not r["text"].strip():
            problems.append(f"{where}: empty text")
        if not re.match(r"^[a-z][a-z0-9_]*$", r["reason"]):
            problems.append(f"{where}: reason {r['reason']!r} is not snake_case")
        if dept_ids and r["department"] not in dept_ids:
            problems.append(f"{where}: department {r['department']!r} not in departments.yaml")
        reason_dept.setdefault(r["reason"], set()).add(r["department"])
        reason_avo.setdefault(r["reason"], set()).add(r["avoidable"])
        counts[r["reason"]] = counts.get(r["reason"], 0) + 1

    for reason in sorted(reason_dept):
        if len(reason_dept[reason]) > 1:
            problems.append(f"reason {reason!r} maps to several departments: {sorted(reason_dept[reason])}")
        if len(reason_avo[reason]) > 1:
            problems.append(f"reason {reason!r} has both avoidable values")

    if table:
        for reason in sorted(set(counts) - set(table)):
            problems.append(f"README.md: reason {reason!r} ({counts[reason]} contacts) missing from the table")
        for reason in sorted(set(table) - set(counts)):
            problems.append(f"README.md: reason {reason!r} in the table but not in contacts.jsonl")
        for reason in sorted(set(table) & set(counts)):
            dept, avo, count = table[reason]
            if count != counts[reason]:
                problems.append(f"README.md: count for {reason!r} is {count}, contacts.jsonl has {counts[reason]}")
            if reason_dept[reason] != {dept}:
                problems.append(f"README.md: department for {reason!r} is {dept!r}, contacts.jsonl has {sorted(reason_dept[reason])}")
            if reason_avo[reason] != {avo}:
                problems.append(f"README.md: avoidable for {reason!r} is {avo}, contacts.jsonl has {sorted(reason_avo[reason])}")
            if dept_ids and dept not in dept_ids:
                problems.append(f"README.md: department {dept!r} of {reason!r} not in departments.yaml")

    if not rows:
        problems.append("contacts.jsonl: no contacts")

    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
