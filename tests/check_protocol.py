#!/usr/bin/env python3
"""One case of tests/data/protocols/CASES: an amending protocol in prose, in
Russian and in Chinese, read against its base and applied.

usage: check_protocol.py PARALEX SOURCE_ROOT --case NAME

A case `none` passes when, in each language, `paralex import --protocol`
gives the operations of the case's expect.json (type, destination eId,
position, in order) and `paralex amend` applies the pair (exit 0: the
consolidated texts validate and check clean). A case `RULE@SIDE:LINE,…`
passes when `paralex amend` refuses the pair (exit 1, nothing written) with
each of those findings at that line of protocol.SIDE.txt. With
`known=WHY`, the case is a known failure: it passes while it still fails,
and fails (asking to remove the mark) once it works.

Two differences from expect.json are the documented convention of
docs/amend.md, not failures: a mark replaced by another («точку заменить
точкой с запятой») is no operation (the list's punctuation is set when items
are added), and a word-level operation on a unit names the paragraph of
that unit that holds the words (`art_10__p_1` for `art_10`)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = '{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}'
MARKS = {'.', ';', ',', ':', '。', '；', '，', '：'}


def read_cases(path):
    cases = {}
    for no, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        f = line.split()
        keys = {}
        for kv in f[2:]:
            k, _, v = kv.partition('=')
            if not v or k in keys or k not in ('base', 'known'):
                sys.exit(f'{path}:{no}: bad key {kv!r} (base=, known=)')
            keys[k] = v
        cases[f[0]] = (f[1], keys)
    return cases


def ops_of(xml):
    out = []
    for tm in ET.parse(xml).iter(NS + 'textualMod'):
        d = tm.find(NS + 'destination')
        out.append((tm.get('type'), d.get('href').split('~')[-1], d.get('pos')))
    return out


def wanted(exp):
    out = []
    for o in exp['ops']:
        if o.get('old') in MARKS and o.get('new') in MARKS:
            continue  # a mark for a mark: no operation (docs/amend.md)
        words = o.get('old') is not None or (o['type'] == 'insertion' and o.get('new_units') is None)
        out.append((o['type'], o['eid'], o['pos'], words))
    return out


def same(got, want):
    if len(got) != len(want):
        return False
    for (gt, ge, gp), (wt, we, wp, words) in zip(got, want):
        if gt != wt or (gp or None) != (wp or None):
            return False
        if ge != we and not (words and ge.startswith(we + '__') and ge.count('__') == we.count('__') + 1):
            return False
    return True


def run(case_dir, exe, root, exp, keys, expect):
    base = keys.get('base', 'programme')
    tmp = tempfile.mkdtemp(prefix='pxprot-')
    try:
        if base == 'programme':
            bases = [f'{root}/examples/programme.ru.xml', f'{root}/examples/programme.zh.xml']
        else:
            bases = []
            for lang in ('ru', 'zh'):
                out = f'{tmp}/{base}.{lang}.xml'
                r = subprocess.run([exe, 'import', f'{root}/examples/{base}/{base}.{lang}.txt', '-o', out],
                                   capture_output=True, text=True)
                if not os.path.exists(out):
                    return [f'cannot import the base {base}.{lang}.txt: {r.stderr.strip()}']
                bases.append(out)
        prot = [f'{case_dir}/protocol.ru.txt', f'{case_dir}/protocol.zh.txt']
        problems = []
        if expect == 'none':
            for i, lang in enumerate(('ru', 'zh')):
                out = f'{tmp}/protocol.{lang}.xml'
                r = subprocess.run([exe, 'import', '--protocol', '--base', bases[i], prot[i], '-o', out],
                                   capture_output=True, text=True)
                if r.returncode != 0 or not os.path.exists(out):
                    problems.append(f'{lang}: import --protocol exit {r.returncode}: {r.stderr.strip()[:800]}')
                    continue
                got, want = ops_of(out), wanted(exp)
                if not same(got, want):
                    problems.append(f'{lang}: operations {got}, expected {[w[:3] for w in want]}')
            r = subprocess.run([exe, 'amend', *bases, *prot, '-o', f'{tmp}/out'], capture_output=True, text=True)
            if r.returncode != 0:
                problems.append(f'amend exit {r.returncode}: {r.stderr.strip()[:1200]}')
        else:
            r = subprocess.run([exe, 'amend', *bases, *prot, '-o', f'{tmp}/out'], capture_output=True, text=True)
            if r.returncode != 1:
                problems.append(f'amend exit {r.returncode}, expected 1: {r.stderr.strip()[:800]}')
            if os.path.exists(f'{tmp}/out'):
                problems.append('amend wrote its output although it refused the protocol')
            for want in expect.split(','):
                rule, _, place = want.partition('@')
                side, _, line = place.partition(':')
                needle = f'protocol.{side}.txt:{line}:'
                if not any(needle in l and f'error[{rule}]' in l for l in r.stderr.splitlines()):
                    problems.append(f'no {rule} at {needle} in: {r.stderr.strip()[:800]}')
        return problems
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    exe, root = sys.argv[1], sys.argv[2]
    name = sys.argv[sys.argv.index('--case') + 1]
    cases = read_cases(f'{root}/tests/data/protocols/CASES')
    if name not in cases:
        sys.exit(f'{name}: not in tests/data/protocols/CASES')
    expect, keys = cases[name]
    case_dir = f'{root}/tests/data/protocols/{name}'
    exp = json.load(open(f'{case_dir}/expect.json', encoding='utf-8'))
    problems = run(case_dir, exe, root, exp, keys, expect)
    if 'known' in keys:
        if problems:
            print(f'{name}: known failure ({keys["known"]}), still failing:')
            for p in problems:
                print('  ' + p)
            return 0
        print(f'{name}: passes now: remove known={keys["known"]} from tests/data/protocols/CASES')
        return 1
    for p in problems:
        print(f'{name}: {p}')
    print(f'{name}: {"FAIL" if problems else "ok"}')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
