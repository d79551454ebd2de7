#!/usr/bin/env python3
"""Write a large document pair of the Programme's shape: every list of
examples/programme.{ru,zh}.xml with its items (all but the last) repeated
COPIES times and renumbered, the rest as it is. Both languages get the same
copies, so the pair checks as the Programme does, and a protocol to the
Programme applies to it (its destinations are the first items of each list).

    bench/gen_pair.py COPIES OUT.ru.xml OUT.zh.xml
    bench/gen_pair.py 10MB OUT.ru.xml OUT.zh.xml      (the copies for about 10 MB, Russian side)

COPIES = 1 gives the Programme itself."""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LIST = re.compile(r'(<blockList eId="([^"]+)">\n)(.*?)(\n\s*</blockList>)', re.S)
ITEM = re.compile(r'\s*<item eId="[^"]+">.*?</item>', re.S)


def grow(src, copies):
    out, pos = [], 0
    for m in LIST.finditer(src):
        out.append(src[pos:m.start(3)])
        items = ITEM.findall(m.group(3))
        lid = re.escape(m.group(2))
        body = []
        for n, it in enumerate(items[:-1] * copies + items[-1:], 1):
            body.append(re.sub(lid + r'__item_\d+', '%s__item_%d' % (m.group(2), n), it))
        out.append("".join(body).lstrip("\n"))
        pos = m.end(3)
    out.append(src[pos:])
    return "".join(out)


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    src = [open(os.path.join(ROOT, "examples", "programme.%s.xml" % l), encoding="utf-8").read()
           for l in ("ru", "zh")]
    copies = int(argv[0]) if not argv[0].endswith("MB") else None
    if copies is None:
        mb = float(argv[0][:-2])
        one = len(grow(src[0], 1).encode()), len(grow(src[0], 2).encode())
        copies = max(1, int((mb * 1e6 - one[0]) / (one[1] - one[0])) + 1)
    for text, path in zip(src, argv[1:3]):
        with open(path, "w", encoding="utf-8") as f:
            f.write(grow(text, copies))
    print(copies)


main(sys.argv[1:])
