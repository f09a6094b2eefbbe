"""Check this contact set (Alvéo Télécom) against the contact-set format and its README.

Usage: python3 bench/sets/telecom/validate.py   -> prints OK, or the list of problems and exits 1.
"""
import collections
import datetime
import json
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("validate.py needs PyYAML (pip install pyyaml)")
try:
    from zoneinfo import ZoneInfo
    TZ = ZoneInfo("Europe/Paris")
except Exception:  # no tz database: fall back to the EU rule for 2026
    TZ = None

D = os.path.dirname(os.path.abspath(__file__))
FIELDS = ["id", "created_at", "channel", "customer_id", "lang", "text", "reason", "department", "avoidable"]
CHANNELS = {"email", "webform", "chat", "phone"}
EASTER_MONDAY = datetime.date(2026, 4, 6)
errors = []
err = errors.append


def expected_offset(local_naive):
    if TZ is not None:
        return local_naive.replace(tzinfo=TZ).utcoffset()
    dst_start = datetime.datetime(2026, 3, 29, 2, 0)
    dst_end = datetime.datetime(2026, 10, 25, 3, 0)
    return datetime.timedelta(hours=2 if dst_start <= local_naive < dst_end else 1)


# ---- departments.yaml ----
deps = yaml.safe_load(open(os.path.join(D, "departments.yaml"), encoding="utf-8"))["departments"]
dep_ids = [d.get("id") for d in deps]
for d in deps:
    for k in ("id", "name", "owns"):
        if not d.get(k):
            err(f"department missing {k}: {d.get('id')}")
    if "keywords" in d and not isinstance(d["keywords"], list):
        err(f"department {d['id']}: keywords must be a list")
if len(set(dep_ids)) != len(dep_ids):
    err("duplicate department ids")
if not 8 <= len(dep_ids) <= 10:
    err(f"{len(dep_ids)} departments (expected 8-10)")

# ---- contacts.jsonl ----
rows = []
with open(os.path.join(D, "contacts.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            o = json.loads(line)
        except Exception as e:
            err(f"line {n}: not JSON ({e})")
            continue
        if list(o) != FIELDS and sorted(o) != sorted(FIELDS):
            err(f"line {n}: fields {list(o)} != {FIELDS}")
            continue
        rows.append(o)

ids = [o["id"] for o in rows]
if len(set(ids)) != len(ids):
    err("duplicate ids")
prev = None
reason_map = {}
for i, o in enumerate(rows, 1):
    cid = o["id"]
    if cid != f"TL-{i:04d}":
        err(f"{cid}: expected TL-{i:04d} (ids are TL-0001.. in file order)")
    try:
        t = datetime.datetime.fromisoformat(o["created_at"])
    except (TypeError, ValueError):
        err(f"{cid}: created_at does not parse: {o['created_at']!r}")
        continue
    if t.utcoffset() is None:
        err(f"{cid}: created_at has no offset")
        continue
    if t.utcoffset() != expected_offset(t.replace(tzinfo=None)):
        err(f"{cid}: offset {o['created_at'][-6:]} is wrong for Europe/Paris on {t.date()}")
    if prev and t < prev:
        err(f"{cid}: not chronological")
    prev = t
    if o["channel"] not in CHANNELS:
        err(f"{cid}: channel {o['channel']!r}")
    if o["channel"] in ("phone", "chat"):
        if t.weekday() == 6 or t.date() == EASTER_MONDAY or not 8 <= t.hour < 20:
            err(f"{cid}: {o['channel']} outside opening hours (Mon-Sat 08-20, closed 6 April)")
    if o["lang"] not in ("fr", "en"):
        err(f"{cid}: lang {o['lang']!r}")
    if not re.fullmatch(r"\d{8}|ANON-\d{5}", str(o["customer_id"])):
        err(f"{cid}: customer_id {o['customer_id']!r}")
    if not isinstance(o["avoidable"], bool):
        err(f"{cid}: avoidable is not a boolean")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", o["reason"]):
        err(f"{cid}: reason not snake_case")
    if not isinstance(o["text"], str) or not o["text"].strip():
        err(f"{cid}: empty text")
    if o["department"] not in dep_ids:
        err(f"{cid}: unknown department {o['department']!r}")
    key = (o["department"], o["avoidable"])
    if reason_map.setdefault(o["reason"], key) != key:
        err(f"{cid}: reason {o['reason']} maps to {key}, elsewhere to {reason_map[o['reason']]}")

first = datetime.datetime.fromisoformat(rows[0]["created_at"]).date() if rows else None
last = datetime.datetime.fromisoformat(rows[-1]["created_at"]).date() if rows else None
if first and (last - first).days > 7 * 12:
    err(f"period {first}..{last} longer than 12 weeks")

# ---- README.md: reason table must match the file ----
readme = open(os.path.join(D, "README.md"), encoding="utf-8").read()
table = {}
for m in re.finditer(r"^\| `([a-z0-9_]+)` \| `([a-z0-9_]+)` \| (true|false) \| (\d+) \|", readme, re.M):
    table[m.group(1)] = (m.group(2), m.group(3) == "true", int(m.group(4)))
counts = collections.Counter(o["reason"] for o in rows)
if set(table) != set(counts):
    err(f"README reasons {sorted(set(table) ^ set(counts))} differ from contacts.jsonl")
for r, (dep, av, n) in table.items():
    if counts.get(r) != n:
        err(f"README count for {r} is {n}, file has {counts.get(r)}")
    if r in reason_map and reason_map[r] != (dep, av):
        err(f"README row for {r} says {dep}/{av}, file has {reason_map[r]}")
m = re.search(r"(\d+) contacts, one JSON object per line", readme)
if not m or int(m.group(1)) != len(rows):
    err("README total number of contacts differs from the file")
# every id cited in the README exists
for cited in set(re.findall(r"\bTL-\d{4}\b", readme)):
    if cited not in ids:
        err(f"README cites {cited}, which is not in contacts.jsonl")
# emerging reason: only in the last 3 weeks
em = re.search(r"^`([a-z0-9_]+)` \(department `[a-z_]+`, \d+ contacts\) does not exist before week 10", readme, re.M)
if not em:
    err("README: emerging reason sentence not found")
elif last:
    cutoff = last - datetime.timedelta(days=20)
    for o in rows:
        if o["reason"] == em.group(1) and datetime.datetime.fromisoformat(o["created_at"]).date() < cutoff:
            err(f"{o['id']}: emerging reason before the last 3 weeks")

if errors:
    print("\n".join(errors))
    sys.exit(1)
print(f"OK - {len(rows)} contacts, {len(counts)} reasons, {len(dep_ids)} departments, {first} .. {last}")
