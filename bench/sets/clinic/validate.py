#!/usr/bin/env python3
"""Format checker for the Medilis contact set (stdlib only).

Checks contacts.jsonl against departments.yaml and the reasons table of README.md.
Prints OK, or one line per problem (exit status 1).
"""
import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PERIOD = (datetime.date(2026, 1, 5), datetime.date(2026, 3, 29))
CHANNELS = {"email", "webform", "chat", "phone"}
LANGS = {"fr", "en"}
FIELDS = {
    "id": str, "created_at": str, "channel": str, "customer_id": str, "lang": str,
    "text": str, "reason": str, "department": str, "avoidable": bool,
}
problems = []


def problem(msg):
    problems.append(msg)


def read_departments(path):
    """Minimal reader for the catalogue: collects each `- id:` and checks name/owns exist."""
    ids, current, keywords = [], None, []
    fields = collections.defaultdict(set)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"^\s*-\s+id:\s*([A-Za-z0-9_]+)\s*$", line)
            if m:
                current = m.group(1)
                ids.append(current)
                continue
            m = re.match(r"^\s+(name|owns|keywords):", line)
            if m and current:
                fields[current].add(m.group(1))
            m = re.match(r"^\s+keywords:\s*\[(.*)\]\s*$", line)
            if m:
                keywords += [k.strip() for k in m.group(1).split(",") if k.strip()]
    for d in ids:
        for f in ("name", "owns"):
            if f not in fields[d]:
                problem(f"departments.yaml: department {d} has no {f}")
    if len(ids) != len(set(ids)):
        problem("departments.yaml: duplicate department ids")
    return set(ids), keywords


def read_readme(path):
    table, emerging = {}, None
    in_reasons = False
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("## "):
                in_reasons = line.strip().lower() == "## reasons"
            m = re.search(r"Emerging reason:\*\*\s*`([a-z0-9_]+)`", line)
            if m:
                emerging = m.group(1)
            if in_reasons and line.startswith("| `"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if len(cells) != 5:
                    problem(f"README.md: reasons row has {len(cells)} cells: {line.strip()[:60]}")
                    continue
                reason, definition, dep, avoid, count = cells
                reason, dep, avoid = reason.strip("`"), dep.strip("`"), avoid.strip("`")
                if reason in table:
                    problem(f"README.md: reason {reason} listed twice")
                if avoid not in ("true", "false"):
                    problem(f"README.md: avoidable for {reason} is {avoid!r}")
                if not count.isdigit():
                    problem(f"README.md: count for {reason} is {count!r}")
                    continue
                if not definition:
                    problem(f"README.md: no definition for {reason}")
                table[reason] = (dep, avoid == "true", int(count))
    if not table:
        problem("README.md: no reasons table found under '## Reasons'")
    return table, emerging


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        v = int(ch)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return total % 10 == 0


def iban_ok(iban):
    s = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def main():
    deps, keywords = read_departments(os.path.join(HERE, "departments.yaml"))
    table, emerging = read_readme(os.path.join(HERE, "README.md"))
    rows = []
    with open(os.path.join(HERE, "contacts.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                problem(f"contacts.jsonl line {n}: empty line")
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                problem(f"contacts.jsonl line {n}: invalid JSON ({e})")

    seen_ids, prev_dt = set(), None
    reason_dep = collections.defaultdict(set)
    reason_av = collections.defaultdict(set)
    counts = collections.Counter()
    for n, r in enumerate(rows, 1):
        rid = r.get("id", f"line {n}")
        for f, typ in FIELDS.items():
            if f not in r:
                problem(f"{rid}: missing field {f}")
            elif not isinstance(r[f], typ):
                problem(f"{rid}: field {f} should be {typ.__name__}, got {type(r[f]).__name__}")
        extra = set(r) - set(FIELDS)
        if extra:
            problem(f"{rid}: unexpected fields {sorted(extra)}")
        if any(f not in r or not isinstance(r[f], t) for f, t in FIELDS.items()):
            continue
        if not re.fullmatch(r"MD-\d{5}", rid):
            problem(f"{rid}: id does not match MD-NNNNN")
        elif int(rid[3:]) != n:
            problem(f"{rid}: expected id MD-{n:05d} at line {n}")
        if rid in seen_ids:
            problem(f"{rid}: duplicate id")
        seen_ids.add(rid)
        try:
            dt = datetime.datetime.fromisoformat(r["created_at"])
        except ValueError:
            problem(f"{rid}: created_at not ISO 8601: {r['created_at']}")
            continue
        if dt.tzinfo is None:
            problem(f"{rid}: created_at has no UTC offset")
            continue
        if not (PERIOD[0] <= dt.date() <= PERIOD[1]):
            problem(f"{rid}: created_at {r['created_at']} outside {PERIOD[0]}..{PERIOD[1]}")
        if prev_dt is not None and dt < prev_dt:
            problem(f"{rid}: not chronological (earlier than the previous contact)")
        prev_dt = dt
        if r["channel"] not in CHANNELS:
            problem(f"{rid}: channel {r['channel']!r} not in {sorted(CHANNELS)}")
        if r["lang"] not in LANGS:
            problem(f"{rid}: lang {r['lang']!r} not in {sorted(LANGS)}")
        if not r["customer_id"].strip():
            problem(f"{rid}: empty customer_id")
        if not r["text"].strip():
            problem(f"{rid}: empty text")
        if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", r["reason"]):
            problem(f"{rid}: reason {r['reason']!r} is not snake_case")
        if r["department"] not in deps:
            problem(f"{rid}: department {r['department']!r} not in departments.yaml")
        reason_dep[r["reason"]].add(r["department"])
        reason_av[r["reason"]].add(r["avoidable"])
        counts[r["reason"]] += 1
        if emerging and r["reason"] == emerging:
            week = (dt.date() - PERIOD[0]).days // 7 + 1
            if week < 10:
                problem(f"{rid}: emerging reason {emerging} in week {week} (expected weeks 10-12)")
        text = r["text"]
        iban_spans = []
        for m in re.finditer(r"\b(?:FR|CH)\d{2}(?: ?[0-9A-Z]{1,4}){4,7}\b", text):
            iban_spans.append(m.span())
            if not iban_ok(m.group().replace(" ", "")):
                problem(f"{rid}: IBAN {m.group()} fails the mod-97 check")
        for m in re.finditer(r"\b\d{4} \d{4} \d{4} \d{4}\b", text):
            if any(a <= m.start() < b for a, b in iban_spans):
                continue
            if not luhn_ok(m.group().replace(" ", "")):
                problem(f"{rid}: card-like number {m.group()} fails the Luhn check")
        low = text.lower()
        for k in keywords:
            if re.search(r"(?<!\w)" + re.escape(k.lower()) + r"(?!\w)", low):
                problem(f"{rid}: text contains internal catalogue keyword {k!r}")

    for reason in sorted(reason_dep):
        if len(reason_dep[reason]) > 1:
            problem(f"reason {reason} maps to several departments: {sorted(reason_dep[reason])}")
        if len(reason_av[reason]) > 1:
            problem(f"reason {reason} has both avoidable values")
    for reason in sorted(set(counts) | set(table)):
        if reason not in table:
            problem(f"README.md: reason {reason} ({counts[reason]} contacts) missing from the table")
            continue
        dep, av, cnt = table[reason]
        if reason not in counts:
            problem(f"README.md: reason {reason} listed but absent from contacts.jsonl")
            continue
        if dep not in deps:
            problem(f"README.md: department {dep} of {reason} not in departments.yaml")
        if reason_dep[reason] != {dep}:
            problem(f"README.md: {reason} department {dep} vs contacts {sorted(reason_dep[reason])}")
        if reason_av[reason] != {av}:
            problem(f"README.md: {reason} avoidable {av} vs contacts {sorted(reason_av[reason])}")
        if cnt != counts[reason]:
            problem(f"README.md: {reason} count {cnt} vs {counts[reason]} in contacts.jsonl")
    if emerging is None:
        problem("README.md: no '**Emerging reason:** `...`' line")
    elif emerging not in counts:
        problem(f"README.md: emerging reason {emerging} absent from contacts.jsonl")

    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s) in {len(rows)} contacts")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
