#!/usr/bin/env python3
"""Check the Dépanno contact set: format of contacts.jsonl and departments.yaml, and every count,
table and id stated in README.md. Standard library only. Exit code 0 when everything passes."""
import collections, datetime as dt, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ERR = []
def err(msg): ERR.append(msg)

KEYS = ["id", "created_at", "channel", "customer_id", "lang", "text", "reason", "department", "avoidable"]
CHANNELS = {"email", "webform", "chat", "phone"}
LANGS = {"fr", "en"}
START, END = dt.date(2026, 2, 2), dt.date(2026, 4, 26)
DST = dt.date(2026, 3, 29)
HOLIDAYS = {dt.date(2026, 4, 6)}
EMERGING = "pro_envoye_ancienne_adresse"
EMERGING_FROM = dt.date(2026, 3, 31)

def week(d): return (d - START).days // 7 + 1

# ---------- departments.yaml (minimal parser for this file's layout)
ytxt = open(os.path.join(HERE, "departments.yaml"), encoding="utf-8").read()
blocks = re.split(r"\n  - id: ", "\n" + ytxt.split("departments:", 1)[1])[1:]
depts = {}
for b in blocks:
    did = b.split("\n", 1)[0].strip()
    if did in depts: err("departments.yaml: duplicate id %s" % did)
    name = re.search(r"\n\s+name: (.+)", b)
    owns = re.search(r"\n\s+owns: >-\n((?:\s{6}.+\n?)+)", b)
    kw = re.search(r"\n\s+keywords: \[(.+)\]", b)
    if not re.fullmatch(r"[a-z_]+", did): err("departments.yaml: bad id %r" % did)
    if not name: err("departments.yaml: %s has no name" % did)
    if not owns or len(" ".join(owns.group(1).split())) < 200: err("departments.yaml: %s owns text missing or too short" % did)
    if not kw or len([k for k in kw.group(1).split(",") if k.strip()]) < 3: err("departments.yaml: %s keywords missing" % did)
    depts[did] = name.group(1).strip() if name else ""

# ---------- contacts.jsonl
rows = []
with open(os.path.join(HERE, "contacts.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except ValueError as e:
            err("line %d: invalid JSON (%s)" % (n, e)); continue
        if not isinstance(r, dict) or list(r.keys()) != KEYS:
            err("line %d: keys must be exactly %s" % (n, KEYS)); continue
        rows.append(r)
prev = None
for i, r in enumerate(rows, 1):
    rid = r["id"]
    if rid != "DP-%05d" % i: err("%s: ids must be DP-00001.. in file order (expected DP-%05d)" % (rid, i))
    try:
        t = dt.datetime.fromisoformat(r["created_at"])
    except (TypeError, ValueError):
        err("%s: bad created_at %r" % (rid, r["created_at"])); continue
    if t.tzinfo is None: err("%s: created_at without offset" % rid); continue
    d = t.date()
    want = "+02:00" if d >= DST else "+01:00"
    if not r["created_at"].endswith(want): err("%s: offset should be %s on %s" % (rid, want, d))
    if not START <= d <= END: err("%s: date %s outside the period" % (rid, d))
    if prev and t < prev: err("%s: not chronological" % rid)
    prev = t
    if r["channel"] not in CHANNELS: err("%s: bad channel %r" % (rid, r["channel"]))
    if r["lang"] not in LANGS: err("%s: bad lang %r" % (rid, r["lang"]))
    if not re.fullmatch(r"\d{7}|ANON-\d{5}", str(r["customer_id"])): err("%s: bad customer_id %r" % (rid, r["customer_id"]))
    if not isinstance(r["text"], str) or not r["text"].strip(): err("%s: empty text" % rid)
    if not isinstance(r["avoidable"], bool): err("%s: avoidable must be a boolean" % rid)
    if r["department"] not in depts: err("%s: department %r not in departments.yaml" % (rid, r["department"]))
    if r["channel"] in ("phone", "chat"):
        if d.weekday() == 6 or d in HOLIDAYS or not (8 <= t.hour < 20):
            err("%s: %s outside opening hours (%s)" % (rid, r["channel"], r["created_at"]))
    if r["reason"] == EMERGING and d < EMERGING_FROM: err("%s: emerging reason before %s" % (rid, EMERGING_FROM))
byid = {r["id"]: r for r in rows}
N = len(rows)

# each reason -> one department, one avoidable
rmap = {}
for r in rows:
    k = (r["department"], r["avoidable"])
    if rmap.setdefault(r["reason"], k) != k: err("%s: reason %s maps to two departments/avoidable values" % (r["id"], r["reason"]))
cc = collections.Counter(r["customer_id"] for r in rows)
for k, v in cc.items():
    if k.startswith("ANON-") and v > 1: err("ANON id %s used %d times" % (k, v))

# ---------- README
md = open(os.path.join(HERE, "README.md"), encoding="utf-8").read()
def section(title):
    m = re.search(r"^#{2,3} %s\n(.*?)(?=^#{2,3} |\Z)" % re.escape(title), md, re.S | re.M)
    if not m: err("README: section %r missing" % title); return ""
    return m.group(1)
def table(text):
    out = []
    for line in text.splitlines():
        if line.startswith("|") and not re.match(r"\|[-:| ]+\|$", line):
            out.append([c.strip() for c in line.strip().strip("|").split("|")])
    return out[1:]  # drop header
def bt(s): return s.strip().strip("`")

ch = collections.Counter(r["channel"] for r in rows); lg = collections.Counter(r["lang"] for r in rows)
av = collections.Counter(r["avoidable"] for r in rows); rc = collections.Counter(r["reason"] for r in rows)
dc = collections.Counter(r["department"] for r in rows)
rep = {k for k, v in cc.items() if v > 1}
expect = {"contacts": N, "reasons": len(rc), "departments": len(depts),
          "avoidable true": av[True], "avoidable false": av[False],
          "repeat customers": len(rep), "repeat contacts": sum(cc[k] for k in rep),
          "first contact": rows[0]["created_at"][:10], "last contact": rows[-1]["created_at"][:10]}
for k in CHANNELS: expect["channel " + k] = ch[k]
for k in LANGS: expect["lang " + k] = lg[k]
got = {row[0]: row[1] for row in table(section("Period and volumes"))}
for k, v in expect.items():
    if str(got.get(k)) != str(v): err("README volumes: %s is %r, data says %r" % (k, got.get(k), v))
m = re.search(r"(\d+) contacts, one JSON object", md)
if not m or int(m.group(1)) != N: err("README files table: contact count")
m = re.search(r"\| (\d+) departments \(", md)
if not m or int(m.group(1)) != len(depts): err("README files table: department count")

# reasons table
sec = section("Reasons")
rt = table(sec)
seen = set()
for row in rt:
    reason, dep, avs, cnt = bt(row[0]), bt(row[1]), row[2], row[3]
    seen.add(reason)
    if reason not in rc: err("README reasons: %s has no contact" % reason); continue
    if rc[reason] != int(cnt): err("README reasons: %s count %s, data %d" % (reason, cnt, rc[reason]))
    if rmap[reason] != (dep, avs == "true"): err("README reasons: %s department/avoidable differ from data" % reason)
    if dep not in depts: err("README reasons: %s department %s not in catalogue" % (reason, dep))
if seen != set(rc): err("README reasons table misses %s" % sorted(set(rc) - seen))
m = re.search(r"(\d+) reasons; .*?The top 4 hold (\d+) contacts \((\d+) %\)", sec)
top4 = sum(v for _, v in rc.most_common(4))
if not m or int(m.group(1)) != len(rc) or int(m.group(2)) != top4 or int(m.group(3)) != round(100 * top4 / N):
    err("README reasons: summary sentence (reason count / top 4) is wrong")
if not 20 <= len(rc) <= 23: err("reason count %d outside 20-23" % len(rc))
if not 9 <= len(depts) <= 10: err("department count %d outside 9-10" % len(depts))

# departments table
dt_rows = table(section("Departments"))
if {bt(r[0]) for r in dt_rows} != set(depts): err("README departments table ids differ from departments.yaml")
for r in dt_rows:
    if dc[bt(r[0])] != int(r[2]): err("README departments: %s count %s, data %d" % (r[0], r[2], dc[bt(r[0])]))
    if depts.get(bt(r[0])) != r[1]: err("README departments: name of %s differs from departments.yaml" % r[0])

# emerging weekly table
wk = collections.Counter(week(dt.date.fromisoformat(r["created_at"][:10])) for r in rows if r["reason"] == EMERGING)
et = table(section("Emerging reason"))
if len(et) != 12: err("README emerging table must have 12 weeks")
for r in et:
    if wk[int(r[0])] != int(r[2]): err("README emerging: week %s says %s, data %d" % (r[0], r[2], wk[int(r[0])]))
if any(wk[w] for w in range(1, 9)): err("emerging reason present before week 9")

# repeat customers
rt2 = table(section("Repeat customers"))
listed = set()
for r in rt2:
    cid = r[0]; listed.add(cid)
    mine = [x for x in rows if x["customer_id"] == cid]
    if not mine: err("README repeat: unknown customer %s" % cid); continue
    if {x["reason"] for x in mine} != {bt(r[1])}: err("README repeat: %s reason differs" % cid)
    items = [s.split() for s in r[3].split(";")]
    if [(i, c, d) for i, c, d in items] != [(x["id"], x["channel"], x["created_at"][:10]) for x in mine]:
        err("README repeat: %s contacts differ from data" % cid)
    days = [dt.date.fromisoformat(x["created_at"][:10]) for x in mine]
    if (max(days) - min(days)).days > 17: err("README repeat: %s contacts too far apart" % cid)
if listed != rep: err("README repeat table differs from customers with several contacts: %s" % sorted(listed ^ rep))

# traps: every row starting with an id
traps = section("Planted traps") + md.split("## Planted traps", 1)[-1].split("## Personal data", 1)[0]
ntraps = 0
for line in traps.splitlines():
    m = re.match(r"\| (DP-\d{5}) \| `(\w+)` \| `(\w+)` \|", line)
    if m:
        ntraps += 1
        i, reason, dep = m.groups()
        if i not in byid: err("README trap: unknown id %s" % i); continue
        if byid[i]["reason"] != reason or byid[i]["department"] != dep: err("README trap: %s gold label differs" % i)
if ntraps < 40: err("README lists only %d trap rows" % ntraps)
for line in traps.splitlines():
    m = re.match(r"- `(\w+)`: (.+)", line)
    if m:
        for i in re.findall(r"DP-\d{5}", m.group(2)):
            if byid.get(i, {}).get("reason") != m.group(1): err("README paraphrase: %s is not %s" % (i, m.group(1)))
for line in section("One trade, many reasons; one reason, many trades (grouping by trade or product must fail)").splitlines():
    m = re.match(r"\| [^|]+ \| (\d+) \| (\d+) \| (.+) \|$", line)
    if m:
        parts = re.findall(r"`(\w+)` (\d+)", m.group(3))
        if len(parts) != int(m.group(2)) or sum(int(n) for _, n in parts) != int(m.group(1)):
            err("README trade table: inconsistent row %s" % line[:60])

# personal data
def iban_ok(s):
    s = s.replace(" ", ""); t = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in t)) % 97 == 1
def luhn_ok(s):
    d = [int(x) for x in s.replace(" ", "")][::-1]
    return sum(x if k % 2 == 0 else (x * 2 - 9 if x * 2 > 9 else x * 2) for k, x in enumerate(d)) % 10 == 0
IB = re.compile(r"\b(?:FR|BE)\d{2}(?: ?[0-9A-Z]{4}){2,6}(?: ?[0-9A-Z]{1,3})?\b")
CARD = re.compile(r"\b(?:\d{4} ){3}\d{4}\b")
for r in table(section("Personal data (all fictional)")):
    ids = re.findall(r"DP-\d{5}", r[2])
    if len(ids) != int(r[1]): err("README personal data: %s count %s but %d ids" % (r[0], r[1], len(ids)))
    for i in ids:
        if i not in byid: err("README personal data: unknown id %s" % i); continue
        t = byid[i]["text"]
        if r[0].startswith("IBAN"):
            ms = IB.findall(t)
            if not ms or not all(iban_ok(x) for x in ms): err("%s: IBAN missing or checksum invalid" % i)
        if r[0].startswith("card"):
            ms = [x for x in CARD.findall(t)]
            if not ms or not all(luhn_ok(x) for x in ms): err("%s: card number missing or not Luhn-valid" % i)
        if r[0].startswith("e-mail") and "@" not in t: err("%s: no e-mail address" % i)
for r in rows:
    for x in IB.findall(r["text"]):
        if not iban_ok(x): err("%s: IBAN with a bad checksum %s" % (r["id"], x))

# junk
m = re.search(r"Junk \(`other`[^:]*\): ([^.]+)\.", md)
if not m or set(re.findall(r"DP-\d{5}", m.group(1))) != {r["id"] for r in rows if r["reason"] == "other"}:
    err("README notes: junk id list differs from reason 'other'")

# language / channel balance (requirements of the set)
if not 0.55 <= lg["fr"] / N <= 0.65: err("fr share %.2f outside 55-65 %%" % (lg["fr"] / N))
if min(ch.values()) < 0.15 * N: err("a channel is under 15 %")

if ERR:
    print("FAILED (%d problems)" % len(ERR))
    for e in ERR[:200]: print(" -", e)
    sys.exit(1)
print("OK: %d contacts, %d reasons, %d departments, %d trap rows, %d repeat customers; all README counts match."
      % (N, len(rc), len(depts), ntraps, len(rep)))
