#!/usr/bin/env python3
"""Check the API reference: run doxygen over the public headers and fail
listing every undocumented public symbol (function, type, enum value, struct
member, macro; and a header without @file, whose symbols doxygen leaves out
of the HTML), each as file:line: name (kind), then every other doxygen
warning (unknown command, @copydoc target not found, unresolved reference...)
under its own heading.

Usage (from docs/doxygen/meson.build, test 'api-doc'):
  undocumented.py --doxygen PATH --doxyfile build/docs/doxygen/Doxyfile
                  --headers lib/include/paralex --source-root .
  undocumented.py --log doxygen-warnings.log ...   (parse an existing log)

Exit status: 0 all documented and no warning; 1 problems listed; 77 (meson's
"skipped") when doxygen is not installed.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SKIP = 77

# "$file:$line: $text" (WARN_FORMAT of Doxyfile.in); a warning may go on over
# following lines that do not start that way.
HEAD = re.compile(r'^(?P<file>.+?):(?P<line>\d+): (?P<level>warning|error|note): (?P<text>.*)$')
BARE = re.compile(r'^(?P<level>warning|error): (?P<text>.*)$')

# Undocumented-symbol warnings of doxygen 1.9.x.
MEMBER = re.compile(r'^Member (?P<name>.+?) \((?P<kind>[^()]+)\) of (?P<scope_kind>file|struct|union|enum|class|group|namespace) (?P<scope>\S+) is not documented\.$')
COMPOUND = re.compile(r'^Compound (?P<name>\S+) is not documented\.$')
KINDS = {
    'function': 'function',
    'typedef': 'typedef',
    'enumeration': 'enum',
    'enumvalue': 'enum value',
    'variable': 'variable',
    'macro definition': 'macro',
    'define': 'macro',
}


def rel(path, root):
    path = os.path.normpath(path)
    try:
        r = os.path.relpath(path, root)
    except ValueError:
        return path
    return path if r.startswith('..') else r


def parse(text, root):
    """Return ([(file, line, name, kind)], [(file, line, message)])."""
    entries = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        m = HEAD.match(line)
        if m:
            entries.append([m['file'], int(m['line']), m['level'], m['text']])
            continue
        m = BARE.match(line)
        if m:
            entries.append(['', 0, m['level'], m['text']])
            continue
        if entries:
            entries[-1][3] += '\n' + line
        else:
            entries.append(['', 0, 'warning', line])

    undocumented, others = [], []
    for file, lineno, level, text in entries:
        file = rel(file, root) if file else '<doxygen>'
        m = MEMBER.match(text)
        if m:
            name = re.sub(r'\(.*$', '', m['name']).strip()  # px_f(void) -> px_f
            kind = KINDS.get(m['kind'], m['kind'])
            if m['scope_kind'] in ('struct', 'union') and m['kind'] == 'variable':
                name, kind = m['scope'] + '.' + name, m['scope_kind'] + ' member'
            if kind == 'macro' and re.fullmatch(r'PARALEX_\w+_H', name):
                continue  # an include guard (doxygen misses the one of version.h.in)
            undocumented.append((file, lineno, name, kind))
            continue
        m = COMPOUND.match(text)
        if m:
            undocumented.append((file, lineno, m['name'], compound_kind(file, lineno, root)))
            continue
        others.append((file, lineno, level + ': ' + text))
    return undocumented, others


def compound_kind(file, lineno, root):
    try:
        with open(os.path.join(root, file), encoding='utf-8') as f:
            src = f.read().splitlines()[lineno - 1]
    except (OSError, IndexError):
        return 'type'
    for k in ('struct', 'union', 'enum'):
        if re.search(r'\b' + k + r'\b', src):
            return k
    return 'type'


def undocumented_enum_values(xmldir, headers, root):
    """Enum values without documentation. Doxygen 1.9.4 (Debian 12) does not
    warn about them, so they are read from its XML output; the line is that of
    the value's name inside the enum's body."""
    out = []
    if not xmldir or not os.path.isdir(xmldir):
        return out
    for name in sorted(os.listdir(xmldir)):
        if not name.endswith('.xml') or name == 'index.xml':
            continue
        try:
            tree = ET.parse(os.path.join(xmldir, name))
        except ET.ParseError:
            continue
        for enum in tree.iter('memberdef'):
            if enum.get('kind') != 'enum':
                continue
            loc = enum.find('location')
            if loc is None:
                continue
            path = header_path(loc.get('bodyfile') or loc.get('file'), headers)
            start = int(loc.get('bodystart') or loc.get('line') or 1)
            end = int(loc.get('bodyend') or start)
            if end < start:
                end = start
            try:
                with open(path, encoding='utf-8') as f:
                    lines = f.read().splitlines()
            except OSError:
                lines = []
            for value in enum.findall('enumvalue'):
                if ''.join(value.find('briefdescription').itertext()).strip() or \
                        ''.join(value.find('detaileddescription').itertext()).strip():
                    continue
                vname = value.findtext('name')
                line = start
                for i in range(start, min(end, len(lines)) + 1):
                    if re.search(r'\b%s\b' % re.escape(vname), lines[i - 1]):
                        line = i
                        break
                out.append((rel(path, root), line, vname, 'enum value'))
    return out


def header_path(name, headers):
    """The file of an XML <location>: absolute, or stripped by STRIP_FROM_PATH
    to paralex/x.h."""
    if os.path.isabs(name):
        return name
    for cand in (os.path.join(os.path.dirname(os.path.abspath(headers)), name),
                 os.path.join(headers, os.path.basename(name))):
        if os.path.exists(cand):
            return cand
    return name


def files_without_at_file(headers, root):
    """Headers that lack @file: doxygen leaves their global symbols out of the
    HTML without a word, so they are undocumented too."""
    out = []
    for name in sorted(os.listdir(headers)):
        if not (name.endswith('.h') or name.endswith('.h.in')):
            continue
        path = os.path.join(headers, name)
        with open(path, encoding='utf-8') as f:
            text = f.read()
        if not re.search(r'[@\\]file\b', text):
            out.append((rel(path, root), 1, name, 'header without @file'))
    return out


def run_doxygen(doxygen, doxyfile, headers, root):
    """Run doxygen on the configured Doxyfile, its output and warnings in a
    directory of their own (so that `ninja doc` may run alongside), with XML
    as well for the enum values; return its exit status, the warning log,
    what it printed and the undocumented enum values."""
    with tempfile.TemporaryDirectory(prefix='api-doc-') as tmp:
        log = os.path.join(tmp, 'warnings.log')
        cfg = os.path.join(tmp, 'Doxyfile')
        with open(cfg, 'w', encoding='utf-8') as f:
            f.write('@INCLUDE = "%s"\n' % os.path.abspath(doxyfile))
            f.write('OUTPUT_DIRECTORY = "%s"\n' % tmp)
            f.write('WARN_LOGFILE = "%s"\n' % log)
            f.write('WARN_FORMAT = "$file:$line: $text"\n')
            f.write('QUIET = YES\nWARN_IF_UNDOCUMENTED = YES\nEXTRACT_ALL = NO\n')
            f.write('GENERATE_XML = YES\nXML_OUTPUT = xml\nXML_PROGRAMLISTING = NO\n')
        p = subprocess.run([doxygen, cfg], cwd=tmp, capture_output=True, text=True)
        text = ''
        if os.path.exists(log):
            with open(log, encoding='utf-8', errors='replace') as f:
                text = f.read()
        enums = undocumented_enum_values(os.path.join(tmp, 'xml'), headers, root)
        return p.returncode, text, (p.stdout + p.stderr).strip(), enums


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--doxygen', default='', help='doxygen program; empty: not installed')
    ap.add_argument('--doxyfile', help='the configured Doxyfile')
    ap.add_argument('--log', help='parse this warning log instead of running doxygen')
    ap.add_argument('--headers', required=True, help='the public headers directory')
    ap.add_argument('--source-root', default='.', help='file names are shown relative to it')
    a = ap.parse_args()
    root = os.path.abspath(a.source_root)

    status, output, enums = 0, '', []
    if a.log:
        with open(a.log, encoding='utf-8', errors='replace') as f:
            text = f.read()
    else:
        if not a.doxygen:
            print('SKIP: doxygen not found; install the Debian package "doxygen" '
                  '(apt-get install doxygen) and reconfigure (meson setup --reconfigure build)')
            return SKIP
        status, text, output, enums = run_doxygen(a.doxygen, a.doxyfile, a.headers, root)

    undocumented, others = parse(text, root)
    undocumented += enums + files_without_at_file(a.headers, root)
    undocumented = sorted(set(undocumented), key=lambda u: (u[0], u[1], u[2]))
    others = list(dict.fromkeys(others))  # doxygen repeats some warnings
    if output:
        others.append(('<doxygen>', 0, 'doxygen printed:\n' + output))
    if status != 0:
        others.append(('<doxygen>', 0, 'doxygen exited with status %d' % status))

    if undocumented:
        print('Undocumented public symbols (%d):' % len(undocumented))
        for file, line, name, kind in undocumented:
            print('%s:%d: %s (%s)' % (file, line, name, kind))
    if others:
        if undocumented:
            print()
        print('Other documentation problems (%d):' % len(others))
        for file, line, msg in others:
            where = '%s:%d' % (file, line) if line else file
            print('%s: %s' % (where, msg.replace('\n', '\n    ')))
    if undocumented or others:
        return 1
    print('api-doc: every public symbol is documented; no doxygen warning.')
    return 0


if __name__ == '__main__':
    sys.exit(main())
