#!/usr/bin/env python3
"""Stdlib-only format check for the Parkéo contact set.
Usage: python3 validate.py [folder]   (default: the folder of this script)"""
import json, os, re, sys
from collections import Counter, defaultdict
from datetime import datetime

HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
KEYS = ['id', 'created_at', 'channel', 'customer_id', 'lang', 'text', 'reason', 'department', 'avoidable']
CHANNELS = {'email', 'webform', 'chat', 'phone'}
LANGS = {'fr', 'en'}
errors = []

def err(msg):
    errors.append(msg)

def parse_departments(path):
    """Minimal parser: reads `- id: x` items and their `name:` / `keywords:` fields."""
    deps, cur = {}, None
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^\s*-\s+id:\s*([A-Za-z0-9_]+)\s*$', line)
        if m:
            cur = m.group(1)
            if cur in deps:
                err('departments.yaml: duplicate id %s' % cur)
            deps[cur] = {}
            continue
        m = re.match(r'^\s+(name|owns|keywords):\s*(.*)$', line)
        if m and cur:
            deps[cur][m.group(1)] = m.group(2)
    for d, f in deps.items():
        for k in ('name', 'owns', 'keywords'):
            if k not in f:
                err('departments.yaml: %s lacks %s' % (d, k))
        if not re.match(r'^[a-z][a-z0-9_]*$', d):
            err('departments.yaml: id not snake_case: %s' % d)
    return deps

deps = parse_departments(os.path.join(HERE, 'departments.yaml'))
if not 8 <= len(deps) <= 10:
    err('expected 8-10 departments, got %d' % len(deps))

rows = []
with open(os.path.join(HERE, 'contacts.jsonl'), encoding='utf-8') as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            err('line %d: empty line' % n); continue
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            err('line %d: bad JSON (%s)' % (n, e)); continue
        if list(o.keys()) != KEYS:
            err('line %d: keys %s' % (n, list(o.keys())))
        for k in ('id', 'created_at', 'channel', 'customer_id', 'lang', 'text', 'reason', 'department'):
            if not isinstance(o.get(k), str):
                err('line %d: %s is not a string' % (n, k))
        if not isinstance(o.get('avoidable'), bool):
            err('line %d: avoidable is not a boolean' % n)
        if o.get('channel') not in CHANNELS:
            err('line %d: channel %r' % (n, o.get('channel')))
        if o.get('lang') not in LANGS:
            err('line %d: lang %r' % (n, o.get('lang')))
        if not str(o.get('text', '')).strip():
            err('line %d: empty text' % n)
        if not re.match(r'^PK-\d{5}$', str(o.get('id'))):
            err('line %d: id format %r' % (n, o.get('id')))
        try:
            dt = datetime.fromisoformat(o['created_at'])
            if dt.utcoffset() is None:
                err('line %d: created_at without offset' % n)
            elif dt.utcoffset().total_seconds() not in (3600, 7200):
                err('line %d: offset is not Europe/Paris' % n)
            o['_dt'] = dt
        except Exception:
            err('line %d: created_at %r' % (n, o.get('created_at')))
        if o.get('department') not in deps:
            err('line %d: unknown department %r' % (n, o.get('department')))
        rows.append(o)

ids = [r['id'] for r in rows]
if len(set(ids)) != len(ids):
    err('duplicate ids')
if ids != sorted(ids):
    err('ids not in order')
dts = [r.get('_dt') for r in rows]
if all(dts):
    for a, b in zip(rows, rows[1:]):
        if b['_dt'] < a['_dt']:
            err('not chronological: %s after %s' % (b['id'], a['id']))

rmap = defaultdict(set)
for r in rows:
    rmap[r['reason']].add((r['department'], r['avoidable']))
for reason, s in sorted(rmap.items()):
    if len(s) != 1:
        err('reason %s maps to several (department, avoidable): %s' % (reason, sorted(s)))
if 'other' not in rmap:
    err('no `other` reason')

def show(title, counter, extra=None):
    print('\n%s' % title)
    for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
        print('  %-28s %4d%s' % (k, v, extra(k) if extra else ''))

print('contacts: %d   departments: %d   reasons: %d (incl. other)' % (len(rows), len(deps), len(rmap)))
if all(dts):
    print('period: %s .. %s' % (min(dts).date(), max(dts).date()))
show('per reason', Counter(r['reason'] for r in rows),
     lambda k: '   -> %s, avoidable=%s' % next(iter(rmap[k])))
show('per department', Counter(r['department'] for r in rows))
show('per channel', Counter(r['channel'] for r in rows))
lc = Counter(r['lang'] for r in rows)
show('per language', lc, lambda k: '  (%.1f %%)' % (100.0 * lc[k] / len(rows)))
print('\navoidable: %d true / %d false' % (sum(r['avoidable'] for r in rows), sum(not r['avoidable'] for r in rows)))
unused = set(deps) - {r['department'] for r in rows}
if unused:
    print('note: departments without contacts: %s' % sorted(unused))

if errors:
    print('\nFAILED: %d error(s)' % len(errors))
    for e in errors[:50]:
        print('  - ' + e)
    sys.exit(1)
print('\nOK: format valid')
