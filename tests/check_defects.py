#!/usr/bin/env python3
"""Recall and precision of `paralex check` on translation defects.

Each case of tests/data/check/defects/ (MANIFEST.tsv) is a correct text with
one defect put in, checked against the other language's text. A case is
found when an error or warning of the check points at the case file within
the defect's paragraph (from BEFORE lines before the defect's line, where
the paragraph of a text broken into lines may begin, to AFTER lines after
it; a finding may stand at the other text with the case file as its
counterpart), or when it stands at the other text with no counterpart in the
case file (what the case file lacks: a dropped paragraph or signature block
is reported at the text that has it), or is a count of signatories (PX058).
Every other error or warning of the run is a false alarm (the base pairs
check clean, so nothing else is there to find). Prints the table per category and
compares each case with the status recorded in EXPECTED (found / missed):
exit 1 when a case changed, so that a better check updates the table and a
worse one fails.

usage: check_defects.py PARALEX SOURCE_ROOT [--write-expected]
"""
import os
import re
import subprocess
import sys

BEFORE, AFTER = 15, 3
FIND = re.compile(r'^(?P<file>.+?):(?P<line>\d+):(?:\d+:)? (?P<sev>error|warning)\[(?P<rule>PX\d+)\]: (?P<msg>.*)$')
OTHER = re.compile(r'\((?:Russian|Chinese) text: (?P<file>.+?):(?P<line>\d+):\d+\)$')


def run(paralex, root, case):
    d = os.path.join(root, 'tests/data/check/defects')
    path = os.path.join(d, case['case'])
    other = os.path.join(root, case['checked_against'])
    args = [paralex, 'check', other, path] if case['side'] == 'zh' else [paralex, 'check', path, other]
    p = subprocess.run(args, capture_output=True, text=True, timeout=120)
    hits, alarms = [], []
    for l in p.stdout.splitlines():
        m = FIND.match(l)
        if not m:
            continue
        places = [(m['file'], int(m['line']))]
        o = OTHER.search(m['msg'])
        if o:
            places.append((o['file'], int(o['line'])))
        in_case = [n for f, n in places if os.path.exists(f) and os.path.samefile(f, path)]
        near = any(-AFTER <= int(case['line']) - n <= BEFORE for n in in_case) or not in_case or m['rule'] == 'PX058'
        (hits if near else alarms).append('%s[%s] %s:%s' % (m['sev'], m['rule'], os.path.basename(m['file']), m['line']))
    return p.returncode, hits, alarms


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    paralex, root = sys.argv[1], sys.argv[2]
    d = os.path.join(root, 'tests/data/check/defects')
    with open(os.path.join(d, 'MANIFEST.tsv'), encoding='utf-8') as f:
        rows = [dict(zip(['case', 'side', 'checked_against', 'category', 'line', 'description'], l.rstrip('\n').split('\t')))
                for l in f.read().splitlines()[1:] if l.strip()]
    expected = {}
    exp_path = os.path.join(d, 'EXPECTED')
    if os.path.exists(exp_path):
        for l in open(exp_path, encoding='utf-8'):
            if l.strip() and not l.startswith('#'):
                k, v = l.split()[:2]
                expected[k] = v
    cats = {}
    changed = []
    lines = []
    for c in rows:
        rc, hits, alarms = run(paralex, root, c)
        status = 'found' if hits else 'missed'
        s = cats.setdefault(c['category'], {'n': 0, 'found': 0, 'alarms': 0, 'hits': 0})
        s['n'] += 1
        s['found'] += bool(hits)
        s['hits'] += len(hits)
        s['alarms'] += len(alarms)
        lines.append('%s\t%s\t%s\t%s' % (c['case'], status, ' '.join(hits) or '-', ' '.join(alarms) or '-'))
        if c['case'] in expected and expected[c['case']] != status:
            changed.append('%s: %s, recorded as %s' % (c['case'], status, expected[c['case']]))
    print('case\tstatus\tfindings at the defect\tother findings')
    print('\n'.join(lines))
    print()
    print('%-18s %5s %6s %7s %9s %10s' % ('category', 'cases', 'found', 'recall', 'findings', 'precision'))
    tot = {'n': 0, 'found': 0, 'hits': 0, 'alarms': 0}
    for k in sorted(cats):
        s = cats[k]
        for t in tot:
            tot[t] += s[t]
        allf = s['hits'] + s['alarms']
        print('%-18s %5d %6d %6.0f%% %9d %9s' % (k, s['n'], s['found'], 100.0 * s['found'] / s['n'], allf,
              '%.0f%%' % (100.0 * s['hits'] / allf) if allf else '-'))
    allf = tot['hits'] + tot['alarms']
    print('%-18s %5d %6d %6.0f%% %9d %9s' % ('all', tot['n'], tot['found'], 100.0 * tot['found'] / tot['n'], allf,
          '%.0f%%' % (100.0 * tot['hits'] / allf) if allf else '-'))
    if '--write-expected' in sys.argv:
        with open(exp_path, 'w', encoding='utf-8') as f:
            f.write('# case, and whether paralex check finds its defect (tests/check_defects.py)\n')
            for l in lines:
                f.write('\t'.join(l.split('\t')[:2]) + '\n')
        return 0
    missing = [c['case'] for c in rows if c['case'] not in expected]
    if missing:
        print('not in EXPECTED: %s' % ', '.join(missing))
        return 1
    if changed:
        print('changed since EXPECTED:\n  ' + '\n  '.join(changed))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
