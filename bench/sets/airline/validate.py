#!/usr/bin/env python3
"""Self-contained checker for the Lysair contact set: python3 validate.py"""
import json, os, re, sys, collections, datetime as dt
HERE = os.path.dirname(os.path.abspath(__file__))
errors = []
def err(m): errors.append(m)

# departments.yaml (minimal parser for the id lines, no PyYAML needed)
deps = []
with open(os.path.join(HERE, "departments.yaml"), encoding="utf-8") as f:
    y = f.read()
for m in re.finditer(r"^\s*-\s*id:\s*([a-z_]+)\s*$", y, re.M):
    deps.append(m.group(1))
for field in ("name:", "owns:"):
    if y.count(field) < len(deps): err(f"departments.yaml: some department lacks {field}")
if len(deps) != 9 or len(set(deps)) != 9: err(f"departments.yaml: expected 9 unique ids, got {deps}")

FIELDS = ["id", "created_at", "channel", "customer_id", "lang", "text", "reason", "department", "avoidable"]
START, END = dt.date(2026, 1, 5), dt.date(2026, 3, 29)
EMERGING, EMERGING_FROM = "bagage_cabine_facture_porte_malgre_option", dt.date(2026, 3, 9)
rows = []
with open(os.path.join(HERE, "contacts.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except Exception as e:
            err(f"line {n}: invalid JSON ({e})"); continue
        if list(r.keys()) != FIELDS: err(f"line {n}: fields {list(r.keys())}")
        rows.append(r)
ids = [r.get("id") for r in rows]
if len(set(ids)) != len(ids): err("duplicate ids")
reason_map = collections.defaultdict(set)
prev = None
for r in rows:
    i = r.get("id")
    if not re.fullmatch(r"LY-\d{5}", str(i)): err(f"{i}: bad id")
    try:
        t = dt.datetime.fromisoformat(r["created_at"])
        off = t.utcoffset()
        if off not in (dt.timedelta(hours=1), dt.timedelta(hours=2)): err(f"{i}: offset {off}")
        exp = dt.timedelta(hours=2) if t.replace(tzinfo=None) >= dt.datetime(2026, 3, 29, 3) else dt.timedelta(hours=1)
        if off != exp: err(f"{i}: wrong DST offset")
        if not (START <= t.date() <= END): err(f"{i}: date out of period")
        if prev and t < prev: err(f"{i}: ids not chronological")
        prev = t
        if r["channel"] in ("phone", "chat") and (t.weekday() == 6 or not 8 <= t.hour < 20):
            err(f"{i}: live channel outside opening hours")
        if r["reason"] == EMERGING and t.date() < EMERGING_FROM: err(f"{i}: emerging reason before week 10")
    except Exception as e:
        err(f"{i}: created_at {e}")
    if r.get("channel") not in ("email", "webform", "chat", "phone"): err(f"{i}: channel")
    if r.get("lang") not in ("fr", "en"): err(f"{i}: lang")
    if not isinstance(r.get("text"), str) or not r["text"].strip(): err(f"{i}: empty text")
    if not isinstance(r.get("avoidable"), bool): err(f"{i}: avoidable not bool")
    if r.get("department") not in deps: err(f"{i}: department {r.get('department')} not in catalogue")
    if not isinstance(r.get("customer_id"), str) or not r["customer_id"]: err(f"{i}: customer_id")
    reason_map[r.get("reason")].add((r.get("department"), r.get("avoidable")))
for k, v in reason_map.items():
    if len(v) != 1: err(f"reason {k} maps to several (department, avoidable): {v}")
n = len(rows)
if not 220 <= n <= 320: err(f"{n} contacts, expected 220-320")
if not 18 <= len(reason_map) <= 24: err(f"{len(reason_map)} reasons")
em = sum(r["reason"] == EMERGING for r in rows)
if not 15 <= em <= 22: err(f"emerging reason count {em}")
ch = collections.Counter(r["channel"] for r in rows)
la = collections.Counter(r["lang"] for r in rows)
# README counts must match
with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
    readme = f.read()
cnt = collections.Counter(r["reason"] for r in rows)
for reason, c in cnt.items():
    m = re.search(r"\|\s*`" + re.escape(reason) + r"`\s*\|[^\n]*?\|\s*(\d+)\s*\|", readme)
    if not m: err(f"README: reason {reason} missing from table")
    elif int(m.group(1)) != c: err(f"README: count for {reason} is {m.group(1)}, data has {c}")
print(f"contacts: {n}  reasons: {len(reason_map)}  departments: {len(deps)}  emerging ({EMERGING}): {em}")
print("channels:", dict(ch), " langs:", dict(la), " avoidable:", sum(r['avoidable'] for r in rows))
print("repeat customers:", sum(1 for c, k in collections.Counter(r['customer_id'] for r in rows).items() if k > 1 and not c.startswith('ANON')))
if errors:
    print(f"FAILED: {len(errors)} error(s)"); [print(" -", e) for e in errors[:50]]; sys.exit(1)
print("OK")
