#!/usr/bin/env python3
"""The ABI of libparalex: the symbols the shared library exports are exactly
those of lib/paralex.symbols, each under the version node PARALEX_1.0, and
exactly those the public headers declare with PX_EXTERN.

usage: abi.py LIBPARALEX.so SOURCE_ROOT [--update]

--update rewrites lib/paralex.symbols from the library: for a deliberate
change of the API only (docs/api.md, "ABI")."""
import re
import subprocess
import sys
from pathlib import Path

lib, root = sys.argv[1], Path(sys.argv[2])
update = '--update' in sys.argv[3:]
out = subprocess.run(['nm', '-D', '--defined-only', lib], check=True, capture_output=True, text=True).stdout
exported, unversioned = set(), []
for line in out.splitlines():
    parts = line.split()
    if len(parts) != 3 or parts[1] == 'A':
        continue
    name, _, version = parts[2].partition('@@')
    exported.add(name)
    if version != 'PARALEX_1.0':
        unversioned.append(parts[2])

symbols_file = root / 'lib' / 'paralex.symbols'
if update:
    head = [l for l in symbols_file.read_text().splitlines() if l.startswith('#')]
    symbols_file.write_text('\n'.join(head + sorted(exported)) + '\n')
listed = {l.strip() for l in symbols_file.read_text().splitlines()
          if l.strip() and not l.startswith('#')}
declared = set()
for h in sorted((root / 'lib' / 'include' / 'paralex').glob('*.h')):
    text = re.sub(r'/\*.*?\*/', '', h.read_text(), flags=re.S)
    for m in re.finditer(r'PX_EXTERN\s[^;{]*?\b(px_\w+)\s*\(', text):
        declared.add(m.group(1))

problems = []
for name in sorted(exported - listed):
    problems.append(f'{lib}: exports {name}, which lib/paralex.symbols does not list (an accidental export, or a new '
                    'symbol: then add it to the list and to docs/api.md)')
for name in sorted(listed - exported):
    problems.append(f'{lib}: does not export {name}, listed in lib/paralex.symbols (a symbol removed: an ABI break)')
for name in sorted(declared - exported):
    problems.append(f'lib/include/paralex: {name} is declared PX_EXTERN but not exported (declared, never defined?)')
for name in sorted(exported - declared):
    problems.append(f'{lib}: exports {name}, which no public header declares')
for s in unversioned:
    problems.append(f'{lib}: {s} is not under the version node PARALEX_1.0 (lib/paralex.map)')
for p in problems:
    print(p)
print(f'abi: {len(exported)} symbols exported, {len(listed)} listed, {len(declared)} declared; '
      f'{len(problems)} problem(s)')
sys.exit(1 if problems else 0)
