#!/usr/bin/env python3
"""Stdlib-only format check for the Pharmacie Lumen contact set. Usage: python3 validate.py [folder]"""
import json, re, sys, os, collections, datetime as dt

folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
FIELDS = ['id', 'created_at', 'channel', 'customer_id', 'lang', 'text', 'reason', 'department', 'avoidable']
START, END = dt.date(2026, 1, 12), dt.date(2026, 4, 5)
DST = dt.datetime(2026, 3, 29, 2, 0)   # Europe/Paris: +01:00 before, +02:00 after
errors = []

def err(msg):
    errors.append(msg)

# departments.yaml: minimal parse of "- id: xxx" lines (no PyYAML needed)
ytext = open(os.path.join(folder, 'departments.yaml'), encoding='utf-8').read()
dept_ids = re.findall(r'^\s*-\s*id:\s*([a-z_]+)\s*$', ytext, re.M)
for needed in ('name:', 'owns:'):
    if ytext.count(needed) < len(dept_ids):
        err('departments.yaml: a department lacks %s' % needed)
if not 8 <= len(dept_ids) <= 10:
    err('departments.yaml: %d departments (expected 8-10)' % len(dept_ids))

def luhn_ok(num):
    t = 0
    for i, ch in enumerate(reversed(num)):
        x = int(ch)
        if i % 2:
            x *= 2
            x -= 9 if x > 9 else 0
        t += x
    return t % 10 == 0

def iban_ok(s):
    s = s.replace(' ', '')
    r = s[4:] + s[:4]
    return int(''.join(str(int(ch, 36)) for ch in r)) % 97 == 1

rows = []
with open(os.path.join(folder, 'contacts.jsonl'), encoding='utf-8') as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            err('line %d: empty line' % n); continue
        try:
            o = json.loads(line)
        except ValueError as e:
            err('line %d: invalid JSON (%s)' % (n, e)); continue
        if list(o.keys()) != FIELDS:
            err('line %d: fields %s' % (n, list(o.keys())))
        rows.append(o)

prev = None
reason_map = {}
ids = set()
for o in rows:
    i = o.get('id', '?')
    if not re.fullmatch(r'PL-\d{5}', str(i)): err('%s: bad id' % i)
    if i in ids: err('%s: duplicate id' % i)
    ids.add(i)
    try:
        t = dt.datetime.fromisoformat(o['created_at'])
    except Exception:
        err('%s: bad created_at' % i); continue
    naive = t.replace(tzinfo=None)
    want = '+02:00' if naive >= DST else '+01:00'
    if not o['created_at'].endswith(want): err('%s: offset should be %s' % (i, want))
    if not START <= naive.date() <= END: err('%s: date out of range' % i)
    if prev and t < prev: err('%s: ids not chronological' % i)
    prev = t
    if o['channel'] not in ('email', 'webform', 'chat', 'phone'): err('%s: channel' % i)
    if o['channel'] in ('phone', 'chat'):
        if naive.weekday() == 6 or not (8 <= naive.hour < 20): err('%s: phone/chat outside Mon-Sat 08-20' % i)
    if o['lang'] not in ('fr', 'en'): err('%s: lang' % i)
    if not isinstance(o['text'], str) or not o['text'].strip(): err('%s: empty text' % i)
    if o['department'] not in dept_ids: err('%s: unknown department %s' % (i, o['department']))
    if not isinstance(o['avoidable'], bool): err('%s: avoidable not bool' % i)
    key = (o['department'], o['avoidable'])
    if reason_map.setdefault(o['reason'], key) != key: err('%s: reason %s mapped inconsistently' % (i, o['reason']))
    for m in re.findall(r'\b(?:\d{4} ){3}\d{4}\b', o['text']):
        if not luhn_ok(m.replace(' ', '')): err('%s: card number fails Luhn: %s' % (i, m))
    for m in re.findall(r'\b(?:FR|BE)\d{2}(?: ?[0-9A-Z]{4}){2,6}(?: ?[0-9A-Z]{1,3})?\b', o['text']):
        if not iban_ok(m): err('%s: IBAN fails checksum: %s' % (i, m))

def show(title, counter):
    print('\n' + title)
    for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        print('  %-34s %4d' % (k, v))

print('contacts: %d' % len(rows))
print('reasons: %d   departments used: %d / %d' % (len(reason_map), len({o["department"] for o in rows}), len(dept_ids)))
rc = collections.Counter(o['reason'] for o in rows)
print('\nreason                               count  department             avoidable')
for r, n in rc.most_common():
    d, a = reason_map[r]
    print('  %-34s %4d  %-22s %s' % (r, n, d, a))
show('departments', collections.Counter(o['department'] for o in rows))
show('channels', collections.Counter(o['channel'] for o in rows))
show('languages', collections.Counter(o['lang'] for o in rows))
show('avoidable', collections.Counter(str(o['avoidable']) for o in rows))
wk = collections.Counter((dt.date.fromisoformat(o['created_at'][:10]) - START).days // 7 + 1 for o in rows)
print('\nweeks: ' + ' '.join('W%d=%d' % (w, wk[w]) for w in range(1, 13)))
reps = {c: n for c, n in collections.Counter(o['customer_id'] for o in rows).items() if n > 1}
print('repeat customer_ids: %d (%d contacts)' % (len(reps), sum(reps.values())))
if errors:
    print('\nERRORS (%d):' % len(errors))
    for e in errors: print('  ' + e)
    sys.exit(1)
print('\nOK: no format errors')
