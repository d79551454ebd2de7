#!/usr/bin/env python3
"""Write a document set for `paralex batch` benchmarks: N pairs of the
Programme's size in a tree of directories (100 pairs a directory), most of
them clean, one in five with a defect of the check's test cases
(tests/data/check/cases: a date changed, an item dropped, a signatory
missing …), one in ten as plain texts (the examples' texts) instead of XML.
The files are hard links to a few originals where the file system allows
(the bytes are the same; what is measured is reading, validating and
checking them), else copies.

    bench/gen_corpus.py N OUTDIR        (from anywhere)"""
import glob
import os
import random
import shutil
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def put(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    n, out = int(argv[0]), argv[1]
    ex = lambda rel: os.path.join(ROOT, "examples", rel)
    cases = sorted(glob.glob(os.path.join(ROOT, "tests/data/check/cases/*.zh.xml")))
    ru_cases = sorted(glob.glob(os.path.join(ROOT, "tests/data/check/cases/*.ru.xml")))
    rnd = random.Random(20221116)  # the same set on every machine
    for i in range(n):
        d = os.path.join(out, "%03d" % (i // 100))
        os.makedirs(d, exist_ok=True)
        base = os.path.join(d, "programme-%05d" % i)
        r = rnd.random()
        if r < 0.1:
            put(ex("programme.ru.txt"), base + ".ru.txt")
            put(ex("programme.zh.txt"), base + ".zh.txt")
        elif r < 0.25:
            put(ex("programme.ru.xml"), base + ".ru.xml")
            put(rnd.choice(cases), base + ".zh.xml")
        elif r < 0.3 and ru_cases:
            put(rnd.choice(ru_cases), base + ".ru.xml")
            put(ex("programme.zh.xml"), base + ".zh.xml")
        else:
            put(ex("programme.ru.xml"), base + ".ru.xml")
            put(ex("programme.zh.xml"), base + ".zh.xml")
    print(n)


main(sys.argv[1:])
