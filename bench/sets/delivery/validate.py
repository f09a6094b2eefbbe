#!/usr/bin/env python3
"""Validate the Croqo contact set: contacts.jsonl, departments.yaml, README.md counts.

Checks fields and types, ids, ISO dates with offset inside the 12 weeks (5 Jan - 29 Mar 2026),
channels, languages, departments present in the catalogue, one department per catalogue entry
used, the emerging reason confined to weeks 10-12, and README per-reason counts and total.
Prints counts per reason, language, channel and week.
"""
import json, re, sys, datetime
from collections import Counter, defaultdict
from pathlib import Path
import yaml

HERE = Path(__file__).resolve().parent
FIELDS = ['id', 'created_at', 'channel', 'customer_id', 'lang', 'text', 'reason', 'department', 'avoidable']
CHANNELS = {'email', 'webform', 'chat', 'phone'}
LANGS = {'fr', 'en'}
ISO = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$')
START = datetime.date(2026, 1, 5)
END = datetime.date(2026, 3, 29)
EMERGING = 'payment_declined_new_psp'
errors = []

def err(msg):
    errors.append(msg)

deps = yaml.safe_load((HERE / 'departments.yaml').read_text(encoding='utf-8'))
dep_list = deps['departments'] if isinstance(deps, dict) else deps
dep_ids = set()
for d in dep_list:
    for k in ('id', 'name', 'owns'):
        if not isinstance(d.get(k), str) or not d[k].strip():
            err(f'department {d.get("id")!r}: missing or empty {k}')
    if d.get('id') in dep_ids:
        err(f'duplicate department id {d.get("id")}')
    dep_ids.add(d.get('id'))

ids, reasons, langs, chans, weeks = set(), Counter(), Counter(), Counter(), Counter()
dept_used, emerging_weeks = Counter(), Counter()
reason_depts, reason_avoid = defaultdict(set), defaultdict(set)
cust = Counter()
for n, line in enumerate((HERE / 'contacts.jsonl').read_text(encoding='utf-8').splitlines(), 1):
    if not line.strip():
        err(f'line {n}: empty line'); continue
    try:
        o = json.loads(line)
    except json.JSONDecodeError as e:
        err(f'line {n}: bad JSON ({e})'); continue
    for f in FIELDS:
        if f not in o:
            err(f'line {n}: missing field {f}')
    if set(o) - set(FIELDS):
        err(f'line {n}: unexpected fields {set(o) - set(FIELDS)}')
    if o.get('id') in ids:
        err(f'line {n}: duplicate id {o.get("id")}')
    ids.add(o.get('id'))
    if not re.fullmatch(r'CRQ-\d{4}', str(o.get('id'))):
        err(f'line {n}: id format {o.get("id")!r}')
    ca = o.get('created_at', '')
    week = None
    if not isinstance(ca, str) or not ISO.match(ca):
        err(f'line {n}: created_at not ISO 8601 with offset: {ca!r}')
    else:
        try:
            t = datetime.datetime.fromisoformat(ca.replace('Z', '+00:00'))
            if t.utcoffset() is None:
                err(f'line {n}: created_at without offset')
            if not (START <= t.date() <= END):
                err(f'line {n}: created_at outside 5 Jan - 29 Mar 2026: {ca}')
            week = (t.date() - START).days // 7 + 1
            weeks[week] += 1
        except ValueError:
            err(f'line {n}: created_at unparsable: {ca!r}')
    if o.get('channel') not in CHANNELS:
        err(f'line {n}: bad channel {o.get("channel")!r}')
    if o.get('lang') not in LANGS:
        err(f'line {n}: bad lang {o.get("lang")!r}')
    for f in ('id', 'customer_id', 'text', 'reason'):
        if not isinstance(o.get(f), str) or not o[f].strip():
            err(f'line {n}: {f} must be a non-empty string')
    if isinstance(o.get('reason'), str) and not re.fullmatch(r'[a-z][a-z0-9_]*', o['reason']):
        err(f'line {n}: reason not snake_case: {o["reason"]!r}')
    if o.get('department') not in dep_ids:
        err(f'line {n}: department {o.get("department")!r} not in departments.yaml')
    if not isinstance(o.get('avoidable'), bool):
        err(f'line {n}: avoidable must be true/false')
    r = o.get('reason')
    reasons[r] += 1; langs[o.get('lang')] += 1; chans[o.get('channel')] += 1
    dept_used[o.get('department')] += 1; cust[o.get('customer_id')] += 1
    reason_depts[r].add(o.get('department')); reason_avoid[r].add(o.get('avoidable'))
    if r == EMERGING:
        emerging_weeks[week] += 1

for r, a in reason_avoid.items():
    if len(a) > 1:
        err(f'reason {r}: mixed avoidable values')
for d in dep_ids:
    if not dept_used[d]:
        err(f'department {d} never used')
if not emerging_weeks:
    err(f'emerging reason {EMERGING} absent')
elif min(w for w in emerging_weeks if w) < 10:
    err(f'emerging reason {EMERGING} appears before week 10: {dict(emerging_weeks)}')
if not (18 <= len(reasons) <= 22):
    err(f'{len(reasons)} reasons, expected 18-22')

readme = (HERE / 'README.md').read_text(encoding='utf-8')
documented = {}
for m in re.finditer(r'^\|\s*`([a-z0-9_]+)`\s*\|\s*(\d+)\s*\|', readme, re.M):
    if m.group(1) in documented:
        err(f'README: reason {m.group(1)} listed twice')
    documented[m.group(1)] = int(m.group(2))
for r, k in reasons.items():
    if r not in documented:
        err(f'README: reason {r} ({k} contacts) not documented')
    elif documented[r] != k:
        err(f'README: reason {r} says {documented[r]}, file has {k}')
for r in documented:
    if r not in reasons:
        err(f'README: reason {r} documented but absent from contacts.jsonl')
m = re.search(r'(\d+)\s+contacts', readme)
if m and int(m.group(1)) != sum(reasons.values()):
    err(f'README: total says {m.group(1)}, file has {sum(reasons.values())}')
for c, k in cust.items():
    if k > 1 and c not in readme:
        err(f'README: repeat customer {c} ({k} contacts) not listed')

total = sum(reasons.values())
print('reasons:')
for r, k in reasons.most_common():
    print(f'  {r:36s} {k:3d}  {",".join(sorted(reason_depts[r]))}')
print('languages:', dict(langs), ' fr share %.0f %%' % (100 * langs['fr'] / max(total, 1)))
print('channels:', dict(chans), ' phone share %.0f %%' % (100 * chans['phone'] / max(total, 1)))
print('weeks:', dict(sorted(weeks.items())))
print('departments:', dict(dept_used))
print('emerging weeks:', dict(sorted(emerging_weeks.items())))
if errors:
    print(f'FAIL: {len(errors)} problem(s)')
    for e in errors[:50]:
        print(' -', e)
    sys.exit(1)
print(f'OK: {total} contacts, {len(reasons)} reasons, {len(dep_ids)} departments; README counts match.')
