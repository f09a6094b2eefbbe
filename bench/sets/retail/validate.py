"""Validate this folder (a contact set) against the contact-set format and its README."""
import json, re, sys, datetime, collections, os
import yaml

D = os.path.dirname(os.path.abspath(__file__))
FIELDS = ["id", "created_at", "channel", "customer_id", "lang", "text", "reason", "department", "avoidable"]
errors = []
def err(m): errors.append(m)

deps = yaml.safe_load(open(os.path.join(D, "departments.yaml"), encoding="utf-8"))["departments"]
dep_ids = [d["id"] for d in deps]
for d in deps:
    for k in ("id", "name", "owns"):
        if not d.get(k): err(f"department missing {k}: {d}")
if len(set(dep_ids)) != len(dep_ids): err("duplicate department ids")

rows = []
with open(os.path.join(D, "contacts.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            o = json.loads(line)
        except Exception as e:
            err(f"line {n}: not JSON ({e})"); continue
        miss = [k for k in FIELDS if k not in o]
        if miss:
            err(f"line {n}: missing {miss}"); continue
        extra = [k for k in o if k not in FIELDS]
        if extra: err(f"line {n}: extra fields {extra}")
        rows.append(o)

ids = [o["id"] for o in rows]
if len(set(ids)) != len(ids): err("duplicate ids")
prev = None
for i, o in enumerate(rows, 1):
    if o["id"] != f"ML-{i:04d}": err(f"{o['id']}: expected ML-{i:04d} (ids must be ML-0001.. in file order)")
    try:
        t = datetime.datetime.fromisoformat(o["created_at"])
        if t.utcoffset() is None or o["created_at"][-6:] not in ("+01:00", "+02:00"):
            err(f"{o['id']}: bad offset")
    except ValueError:
        err(f"{o['id']}: bad created_at"); continue
    if prev and t < prev: err(f"{o['id']}: not chronological")
    prev = t
    if o["channel"] not in ("email", "webform", "chat", "phone"): err(f"{o['id']}: channel")
    if o["lang"] not in ("fr", "en"): err(f"{o['id']}: lang")
    if not re.fullmatch(r"C-\d{6}|ANON-\d{5}", o["customer_id"]): err(f"{o['id']}: customer_id")
    if not isinstance(o["avoidable"], bool): err(f"{o['id']}: avoidable not bool")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", o["reason"]): err(f"{o['id']}: reason not snake_case")
    if not o["text"].strip(): err(f"{o['id']}: empty text")
    if o["department"] not in dep_ids: err(f"{o['id']}: unknown department {o['department']}")

r2d = collections.defaultdict(set); r2a = collections.defaultdict(set)
for o in rows:
    r2d[o["reason"]].add(o["department"]); r2a[o["reason"]].add(o["avoidable"])
for r, ds in r2d.items():
    if len(ds) != 1: err(f"reason {r} maps to several departments {ds}")
    if len(r2a[r]) != 1: err(f"reason {r} has mixed avoidable {r2a[r]}")
if "other" in r2d and (r2d["other"] != {"relation_client"} or r2a["other"] != {False}):
    err("other must be relation_client / not avoidable")

# README reasons table
readme = open(os.path.join(D, "README.md"), encoding="utf-8").read()
table = {}
for m in re.finditer(r"^\| `([a-z_]+)` \| ([a-z_]+) \| (true|false) \| (\d+) \|", readme, re.M):
    table[m.group(1)] = (m.group(2), m.group(3) == "true", int(m.group(4)))
cnt = collections.Counter(o["reason"] for o in rows)
if set(table) != set(cnt): err(f"README reasons differ: {set(table) ^ set(cnt)}")
for r, (dep, av, c) in table.items():
    if cnt.get(r) != c: err(f"README count {r}: {c} vs data {cnt.get(r)}")
    if r in r2d and r2d[r] != {dep}: err(f"README department {r}: {dep} vs {r2d[r]}")
    if r in r2a and r2a[r] != {av}: err(f"README avoidable {r}")
for ref in set(re.findall(r"ML-\d{4}", readme)):
    if ref not in ids: err(f"README cites unknown id {ref}")

# emerging reason only in the last 3 weeks
start = datetime.datetime.fromisoformat(rows[0]["created_at"]).date()
end = datetime.datetime.fromisoformat(rows[-1]["created_at"]).date()
em = re.search(r"^`([a-z_]+)` appears only in the last three weeks", readme, re.M)
cutoff = datetime.date(2026, 4, 20)
if em:
    for o in rows:
        if o["reason"] == em.group(1) and datetime.datetime.fromisoformat(o["created_at"]).date() < cutoff:
            err(f"{o['id']}: emerging reason before {cutoff}")
else:
    err("emerging reason not stated in README")

print(f"contacts: {len(rows)}  reasons: {len(cnt)}  departments: {len(dep_ids)}  (used: {len({o['department'] for o in rows})})")
print(f"period: {start} .. {end}  ({(end - start).days + 1} days)")
print("lang:", dict(collections.Counter(o["lang"] for o in rows)))
print("channel:", dict(collections.Counter(o["channel"] for o in rows)))
print("per reason:")
for r, c in cnt.most_common():
    print(f"  {r:28s} {c:3d}  {next(iter(r2d[r]))}  avoidable={next(iter(r2a[r]))}")
if em:
    e = [o for o in rows if o["reason"] == em.group(1)]
    print(f"emerging: {em.group(1)}  {len(e)} contacts, {e[0]['created_at'][:10]} .. {e[-1]['created_at'][:10]}")
print("README table matches data:", not any("README" in x for x in errors))
if errors:
    print(f"FAILED: {len(errors)} error(s)"); [print("  -", x) for x in errors]; sys.exit(1)
print("OK: all checks passed")
