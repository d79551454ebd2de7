#!/usr/bin/env python3
"""The example protocols as prose (examples/amendments/protocol-*.{ru,zh}.txt)
consolidate to the same documents as the same protocols in XML: the same
text, structure, eIds, dates and metadata, but for the name the protocols'
own work gets from their text (`…/ai-amendment/…` for `…/ai-amendment-1/…`).
The example agreement amended by a protocol in prose
(examples/amendments/agreement/) consolidates and checks clean.

usage: check_prose_examples.py PARALEX SOURCE_ROOT"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

exe, root = sys.argv[1], sys.argv[2]
ex = f'{root}/examples'
tmp = tempfile.mkdtemp(prefix='pxprose-')
problems = []
try:
    for upto in (['2025'], ['2025', '2026']):
        outs = {}
        for form in ('txt', 'xml'):
            args = [exe, 'amend', f'{ex}/programme.ru.xml', f'{ex}/programme.zh.xml']
            for y in upto:
                args += [f'{ex}/amendments/protocol-{y}.ru.{form}', f'{ex}/amendments/protocol-{y}.zh.{form}']
            out = f'{tmp}/{form}-{len(upto)}'
            r = subprocess.run(args + ['-o', out], capture_output=True, text=True)
            if r.returncode != 0:
                problems.append(f'{form} {upto}: amend exit {r.returncode}: {r.stderr.strip()[:1000]}')
            outs[form] = out
        if problems:
            break
        for name in sorted(os.listdir(outs['xml'])):
            if name == 'timeline.txt' or name.startswith('.'):
                continue
            a = open(f"{outs['txt']}/{name}", encoding='utf-8').read()
            b = open(f"{outs['xml']}/{name}", encoding='utf-8').read()
            b = re.sub(r'/ai-amendment-\d+/', '/ai-amendment/', b)
            if a != b:
                la, lb = a.splitlines(), b.splitlines()
                diff = next((i for i in range(min(len(la), len(lb))) if la[i] != lb[i]), min(len(la), len(lb)))
                problems.append(f'{upto} {name}: differs at line {diff + 1}:\n  prose: '
                                f'{la[diff] if diff < len(la) else "(end)"}\n  xml:   {lb[diff] if diff < len(lb) else "(end)"}')
    # an agreement amended in prose: an article added, a numbered paragraph
    # restated, words replaced; the result must check clean
    if not problems:
        out = f'{tmp}/agreement'
        r = subprocess.run([exe, 'amend', f'{ex}/agreement/agreement.ru.xml', f'{ex}/agreement/agreement.zh.xml',
                            f'{ex}/amendments/agreement/protocol.ru.txt', f'{ex}/amendments/agreement/protocol.zh.txt',
                            '-o', out], capture_output=True, text=True)
        if r.returncode != 0:
            problems.append(f'agreement: amend exit {r.returncode}: {r.stderr.strip()[:1000]}')
        else:
            c = subprocess.run([exe, 'check', f'{out}/agreement.ru.xml', f'{out}/agreement.zh.xml'],
                               capture_output=True, text=True)
            if c.returncode != 0:
                problems.append(f'agreement: the consolidated pair does not check clean: {c.stdout.strip()[:1000]}')
            text = open(f'{out}/agreement.ru.txt', encoding='utf-8').read()
            for want in ('Статья 8.1', 'в том числе в электронной форме', 'представителей, экспертов и специалистов'):
                if want not in text:
                    problems.append(f'agreement: the consolidated text lacks {want!r}')
            table = open(f'{out}/comparison.ru.txt', encoding='utf-8').read()
            if table.count('[1], изменение') < 3:
                problems.append('agreement: the comparison table does not cite the changes')
finally:
    shutil.rmtree(tmp, ignore_errors=True)
for p in problems:
    print(p)
print('prose examples: ' + ('FAIL' if problems else 'the same consolidated documents as the XML protocols'))
sys.exit(1 if problems else 0)
