#!/usr/bin/env python3
"""Format check for the Vélocité contact set (stdlib only). Prints counts; exits 1 on error."""
import json, os, re, sys, collections, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = HERE if os.path.exists(os.path.join(HERE, "contacts.jsonl")) else os.path.dirname(HERE)
errors, warnings = [], []

def load_departments(path):
    """Tiny parser for the departments.yaml layout (id / keywords lines)."""
    ids, kws = [], {}
    cur = None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*- id:\s*(\S+)", line)
        if m:
            cur = m.group(1); ids.append(cur); kws[cur] = []
            continue
        m = re.match(r"\s*keywords:\s*\[(.*)\]", line)
        if m and cur:
            kws[cur] = [k.strip() for k in m.group(1).split(",") if k.strip()]
    return ids, kws

dep_ids, dep_kws = load_departments(os.path.join(ROOT, "departments.yaml"))
if not 8 <= len(dep_ids) <= 10:
    errors.append(f"{len(dep_ids)} departments (expected 8-10)")

FIELDS = ["id", "created_at", "channel", "customer_id", "lang", "text", "reason", "department", "avoidable"]
rows = []
for n, line in enumerate(open(os.path.join(ROOT, "contacts.jsonl"), encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errors.append(f"line {n}: bad JSON ({e})"); continue
    if list(o.keys()) != FIELDS:
        errors.append(f"line {n}: fields {list(o.keys())}")
    rows.append(o)

reason_map = {}
prev_id, prev_t = None, None
start = dt.datetime(2026, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=1)))
week_counts = collections.Counter()
for o in rows:
    i = o["id"]
    if not re.fullmatch(r"VC-\d{5}", i): errors.append(f"{i}: bad id")
    if prev_id and i <= prev_id: errors.append(f"{i}: ids not increasing")
    try:
        t = dt.datetime.fromisoformat(o["created_at"])
    except ValueError:
        errors.append(f"{i}: bad created_at"); continue
    off = t.utcoffset()
    local_date = t.date()
    exp = dt.timedelta(hours=2) if (local_date > dt.date(2026, 3, 29) or (local_date == dt.date(2026, 3, 29) and t.hour >= 3)) else dt.timedelta(hours=1)
    if off != exp: errors.append(f"{i}: offset {off} expected {exp}")
    if prev_t and t < prev_t: errors.append(f"{i}: not chronological")
    prev_id, prev_t = i, t
    wk = (t - start).days // 7 + 1
    if not 1 <= wk <= 12: errors.append(f"{i}: outside the 12 weeks")
    week_counts[wk] += 1
    if o["channel"] not in ("email", "webform", "chat", "phone"): errors.append(f"{i}: channel")
    if o["channel"] in ("phone", "chat") and (t.weekday() == 6 or not 8 <= t.hour < 20):
        warnings.append(f"{i}: {o['channel']} outside Mon-Sat 08-20 ({o['created_at']})")
    if o["lang"] not in ("fr", "en"): errors.append(f"{i}: lang")
    if not re.fullmatch(r"U-\d{6}", o["customer_id"]): errors.append(f"{i}: customer_id")
    if o["department"] not in dep_ids: errors.append(f"{i}: unknown department {o['department']}")
    if not isinstance(o["avoidable"], bool): errors.append(f"{i}: avoidable not bool")
    if not o["text"].strip(): errors.append(f"{i}: empty text")
    key = (o["department"], o["avoidable"])
    if reason_map.setdefault(o["reason"], key) != key:
        errors.append(f"{i}: reason {o['reason']} mapped to two department/avoidable pairs")
    low = o["text"].lower()
    for d, ks in dep_kws.items():
        for k in ks:
            if re.search(r"(?<!\w)" + re.escape(k.lower()) + r"(?!\w)", low):
                errors.append(f"{i}: text contains internal keyword '{k}' ({d})")
    if o["department"] == "service_client" and o["avoidable"]:
        errors.append(f"{i}: service_client reasons must be non-avoidable")

# personal data checks: IBAN mod 97 and Luhn on card numbers found in texts
def iban_ok(s):
    s = s.replace(" ", "")
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1
def luhn_ok(s):
    d = [int(c) for c in s if c.isdigit()][::-1]
    return sum(x if k % 2 == 0 else (x * 2 - 9 if x * 2 > 9 else x * 2) for k, x in enumerate(d)) % 10 == 0
ibans = cards = 0
for o in rows:
    for m in re.finditer(r"\b(?:FR|BE)\d{2}(?: ?[0-9A-Z]{4}){2,6}(?: ?[0-9A-Z]{1,3})?\b", o["text"]):
        ibans += 1
        if not iban_ok(m.group(0)): errors.append(f"{o['id']}: invalid IBAN {m.group(0)}")
    no_iban = re.sub(r"\b(?:FR|BE)\d{2}(?: ?[0-9A-Z]{4}){2,6}(?: ?[0-9A-Z]{1,3})?\b", " ", o["text"])
    for m in re.finditer(r"\b\d{4} \d{4} \d{4} \d{4}\b", no_iban):
        cards += 1
        if not luhn_ok(m.group(0)): errors.append(f"{o['id']}: card number fails Luhn {m.group(0)}")

ids = [o["id"] for o in rows]
if len(set(ids)) != len(ids): errors.append("duplicate ids")

print(f"contacts: {len(rows)}")
print("channels:", dict(collections.Counter(o["channel"] for o in rows)))
print("languages:", dict(collections.Counter(o["lang"] for o in rows)))
print("weeks:", dict(sorted(week_counts.items())))
print(f"IBANs checked: {ibans}, card numbers checked: {cards}")
print("departments:", dict(collections.Counter(o["department"] for o in rows).most_common()))
print(f"reasons ({len(reason_map)}):")
for r, c in collections.Counter(o["reason"] for o in rows).most_common():
    d, a = reason_map[r]
    print(f"  {c:4d}  {r:36s} {d:24s} avoidable={a}")
emerg = [o for o in rows if o["reason"] == "photo_fin_trajet_app7"]
ew = collections.Counter((dt.datetime.fromisoformat(o["created_at"]) - start).days // 7 + 1 for o in emerg)
print("emerging photo_fin_trajet_app7 by week:", dict(sorted(ew.items())))
if any(w < 10 for w in ew): errors.append("emerging reason before week 10")
rep = collections.Counter(o["customer_id"] for o in rows)
print("repeat customers:", sum(1 for c in rep.values() if c > 1), "customers,", sum(c for c in rep.values() if c > 1), "contacts")
for w in warnings: print("WARNING", w)
for e in errors: print("ERROR", e)
print("OK" if not errors else f"{len(errors)} errors")
sys.exit(1 if errors else 0)
