#!/usr/bin/env python3
"""`paralex batch` and `paralex merge` on a document set built here from the
examples: pairing rules, manifests, lists on standard input, shards, the
same report whatever the number of jobs, a corrupt and a hostile file in the
middle of the set, the merge of shards (also through GNU parallel), and
every output format read by a reader that is not ours: JUnit XML by
junitparser, SARIF by the SARIF object model (sarif_om: every property a
property of its class, the required ones present), JSON Lines by json.

usage: check_batch.py PARALEX SOURCE_ROOT"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import attr
import junitparser
import sarif_om

PX, ROOT = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(*args, stdin=None, cwd=None):
    p = subprocess.run([PX, *args], input=stdin, capture_output=True, text=True, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def src(rel):
    return os.path.join(ROOT, rel)


def entries(jsonl):
    lines = [json.loads(l) for l in jsonl.splitlines() if l.strip()]
    check(lines and "summary" in lines[-1], "a JSON report ends with its summary line")
    return [l for l in lines if "entry" in l]


tmp = tempfile.mkdtemp(prefix="pxbatch-")
try:
    s = os.path.join(tmp, "set")
    os.makedirs(os.path.join(s, "2022"))
    os.makedirs(os.path.join(s, "texts", "deeper"))
    os.makedirs(os.path.join(s, ".hidden"))
    cp = lambda a, b: shutil.copy(src(a), os.path.join(s, b))
    # a pair of documents, and the same pair named .rus/.zho
    cp("examples/programme.ru.xml", "2022/programme.ru.xml")
    cp("examples/programme.zh.xml", "2022/programme.zh.xml")
    cp("examples/programme.ru.xml", "2022/copy.rus.xml")
    cp("examples/programme.zh.xml", "2022/copy.zho.xml")
    # texts: a PDF extraction against a clean text, one directory further down
    cp("examples/agreement/agreement.ru.pdf.txt", "texts/deeper/agreement.ru.txt")
    cp("examples/agreement/agreement.zh.txt", "texts/deeper/agreement.zh.txt")
    # a pair with a real difference (the check's case: the date changed)
    cp("examples/programme.ru.xml", "2022/dated.ru.xml")
    cp("tests/data/check/cases/date-changed.zh.xml", "2022/dated.zh.xml")
    # a Russian file without its Chinese one; two Russian files of one name
    cp("examples/statement/statement.ru.txt", "texts/lonely.ru.txt")
    cp("examples/memorandum/memorandum.ru.txt", "texts/memo.ru.txt")
    cp("examples/memorandum/memorandum.ru.txt", "texts/memo.ru.xml")
    cp("examples/memorandum/memorandum.zh.txt", "texts/memo.zh.txt")
    # corrupt (UTF-16) and hostile (an external entity) files in the middle
    with open(os.path.join(s, "2022/corrupt.ru.xml"), "wb") as f:
        f.write("<akomaNtoso/>".encode("utf-16"))
    cp("examples/programme.zh.xml", "2022/corrupt.zh.xml")
    cp("tests/data/hostile/xxe.xml", "2022/hostile.ru.xml")
    cp("examples/programme.zh.xml", "2022/hostile.zh.xml")
    # files that are not of the set: no language in the name, hidden
    cp("README.md", "README.txt")
    cp("examples/programme.ru.xml", ".hidden/x.ru.xml")

    # ---- pairing ---------------------------------------------------------
    rc, out, err = run("batch", "--format", "json", "-j", "1", s)
    es = entries(out)
    by = {e["entry"]: e for e in es}
    want = {"2022/programme": ("pair", "clean"), "2022/copy": ("pair", "clean"),
            "texts/deeper/agreement": ("pair", None), "2022/dated": ("pair", "findings"),
            "texts/lonely": ("unpaired", "findings"), "2022/corrupt": ("pair", "unreadable"),
            "2022/hostile": ("pair", "unreadable"), "texts/memo": ("pair", None)}
    for k, (kind, status) in want.items():
        check(k in by, "entry %s found" % k)
        if k in by:
            check(by[k]["kind"] == kind, "%s is a %s, not %s" % (k, kind, by[k]["kind"]))
            if status:
                check(by[k]["status"] == status, "%s is %s, not %s" % (k, status, by[k]["status"]))
    extra = [e for e in es if e["kind"] == "unpaired" and e["entry"].endswith("memo.ru.txt")]
    check(len(extra) == 1 and extra[0]["findings"][0]["rule"] == "PX006",
          "the second Russian file of memo is an entry of its own with PX006")
    check(by.get("texts/memo", {}).get("ru", "").endswith("memo.ru.xml"), "the XML file of a language is paired first")
    check(not any("hidden" in (e.get("ru") or "") or "README" in (e.get("file") or "") for e in es),
          "hidden directories and files without a language are not entries")
    check(len(es) == 9, "9 entries, not %d" % len(es))
    check([e["entry"] for e in es] == sorted(e["entry"] for e in es), "entries in the order of their names")
    check(by["2022/corrupt"]["findings"][0]["rule"] == "PX002", "the UTF-16 file is PX002")
    check(by["2022/hostile"]["findings"][0]["rule"] == "PX003", "the external entity is PX003")
    check(by["texts/lonely"]["findings"][0]["rule"] == "PX006", "a file without counterpart is PX006")
    check(rc == 2, "exit 2 when an entry could not be read, not %d" % rc)
    check("could not be read" in err, "the summary says why the exit is 2")
    check(not any("/etc/passwd" in json.dumps(e) and "root:" in json.dumps(e) for e in es), "no entity expanded")

    # ---- the same report with 1 and 2 jobs, in every format --------------
    for fmt in ("text", "json", "junit", "sarif"):
        one = run("batch", "--format", fmt, "-j", "1", "-q", s)
        two = run("batch", "--format", fmt, "-j", "2", "-q", s)
        body = lambda r: r[1] if fmt != "text" else "\n".join(l for l in r[1].splitlines()
                                                               if not l.startswith("paralex batch:"))
        check(body(one) == body(two) and one[0] == two[0], "--jobs 1 and --jobs 2 give the same %s report" % fmt)

    # ---- exit status and --fail-on ----------------------------------------
    clean = os.path.join(tmp, "clean")
    os.makedirs(clean)
    shutil.copy(src("examples/programme.ru.xml"), clean)
    shutil.copy(src("examples/programme.zh.xml"), clean)
    check(run("batch", clean)[0] == 0, "a clean set exits 0")
    shutil.copy(os.path.join(s, "2022/dated.zh.xml"), os.path.join(clean, "dated.zh.xml"))
    shutil.copy(src("examples/programme.ru.xml"), os.path.join(clean, "dated.ru.xml"))
    check(run("batch", clean)[0] == 1, "a set with findings and nothing unreadable exits 1")

    # ---- shards: a partition of the set, merged back ----------------------
    shards = []
    for k in (1, 2, 3):
        rc_k, out_k, _ = run("batch", "--format", "json", "--shard", "%d/3" % k, s)
        shards.append(out_k)
        with open(os.path.join(tmp, "shard%d.jsonl" % k), "w", encoding="utf-8") as f:
            f.write(out_k)
    keys = [sorted(e["entry"] + "|" + str(e.get("ru") or e.get("zh")) for e in entries(x)) for x in shards]
    allkeys = sorted(e["entry"] + "|" + str(e.get("ru") or e.get("zh")) for e in es)
    check(sorted(sum(keys, [])) == allkeys, "the union of the shards is the whole set")
    check(sum(len(k) for k in keys) == len(set(sum(keys, []))), "no entry in two shards")
    check(all(keys), "every shard of 3 has entries (9 entries)")
    reports = [os.path.join(tmp, "shard%d.jsonl" % k) for k in (1, 2, 3)]
    for fmt in ("json", "junit", "sarif", "text"):
        m = run("merge", "--format", fmt, *reports)
        whole = run("batch", "--format", fmt, "-q", s)
        if fmt == "text":
            strip = lambda t: "\n".join(l for l in t.splitlines() if not l.startswith("paralex "))
            check(strip(m[1]) == strip(whole[1]), "merged shards give the single run's text report")
        else:
            check(m[1] == whole[1], "merged shards give the single run's %s report" % fmt)
        check(m[0] == whole[0], "merge exits as the single run (%d, %d)" % (m[0], whole[0]))
    bad = os.path.join(tmp, "bad.jsonl")
    with open(bad, "w") as f:
        f.write('{"entry": "x", "findings": []}\nnot json\n')
    rc, _, err = run("merge", bad)
    check(rc == 2 and "bad.jsonl:2:" in err, "merge names the line that is not JSON")

    # ---- the output file: replaced when it is a report of ours, never an input
    rep = os.path.join(tmp, "report.jsonl")
    first = run("batch", "--format", "json", "-o", rep, s)
    again = run("batch", "--format", "json", "-o", rep, s)
    check(first[0] == again[0] == 2 and "--force" not in again[2], "a batch report of ours is replaced by the next run")
    victim = os.path.join(s, "2022/programme.ru.xml")
    before = open(victim, "rb").read()
    rc, _, err = run("batch", "--format", "json", "-o", victim, s)
    check(rc == 2 and open(victim, "rb").read() == before, "-o naming an input of the set is refused")

    # ---- killed at random moments: the report is the old one or a whole new one
    import random
    import signal
    import time
    big = os.path.join(tmp, "big")
    subprocess.run([sys.executable, src("bench/gen_corpus.py"), "150", big], check=True, capture_output=True)
    rep = os.path.join(tmp, "killed.jsonl")
    run("batch", "--format", "json", "-q", "-o", rep, big)
    old = open(rep, "rb").read()
    t0 = time.monotonic()
    run("batch", "--format", "json", "-q", "-o", rep, big)
    took = time.monotonic() - t0
    rnd = random.Random()
    for k in range(8):
        p = subprocess.Popen([PX, "batch", "--format", "json", "-q", "-o", rep, big], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0, took * 1.1))
        p.send_signal(signal.SIGKILL)
        p.wait()
        check(open(rep, "rb").read() == old, "killed batch (round %d): the report is the whole one" % k)
        left = [n for n in os.listdir(tmp) if n.startswith("killed.jsonl") and n != "killed.jsonl"]
        for n in left:  # a temporary of a killed run: it is not the report, and the next run does not trip on it
            os.unlink(os.path.join(tmp, n))
    rc, _, err = run("batch", "--format", "json", "-q", "-o", rep, big)
    check(rc in (0, 1) and open(rep, "rb").read() == old, "after the kills a run writes the same report: %s" % err[-200:])

    # ---- GNU parallel: shards as jobs, merged ------------------------------
    if shutil.which("parallel"):
        pdir = os.path.join(tmp, "parallel")
        os.makedirs(pdir)
        p = subprocess.run(["parallel", "--will-cite", "-j", "3", PX, "batch", "--format", "json", "-q",
                            "--shard", "{}/3", "-o", os.path.join(pdir, "shard-{}.jsonl"), s, ":::", "1", "2", "3"],
                           capture_output=True, text=True)
        # parallel's status is the number of jobs that did not exit 0: a shard
        # with findings exits 1, one with an unreadable entry 2
        check(p.returncode <= 3, "parallel ran the 3 shards: %d %s" % (p.returncode, p.stderr[-300:]))
        parts = sorted(os.path.join(pdir, n) for n in os.listdir(pdir))
        m = run("merge", "--format", "json", *parts)
        check(len(parts) == 3 and m[1] == run("batch", "--format", "json", s)[1],
              "shards run by GNU parallel merge to the single run's report")
    else:
        failures.append("GNU parallel is not installed (Debian package parallel)")

    # ---- what real sets hold: links, loops, upper case, special files -----
    odd = os.path.join(tmp, "odd")
    os.makedirs(os.path.join(odd, "2022"))
    shutil.copy(src("examples/programme.ru.xml"), os.path.join(odd, "2022/a.RU.XML"))
    shutil.copy(src("examples/programme.zh.xml"), os.path.join(odd, "2022/a.Zh.xml"))
    os.symlink("..", os.path.join(odd, "2022/loop"))
    os.symlink("2022", os.path.join(odd, "latest"))
    os.symlink("nowhere.zh.xml", os.path.join(odd, "2022/gone.zh.xml"))
    shutil.copy(src("examples/programme.ru.xml"), os.path.join(odd, "2022/gone.ru.xml"))
    os.mkfifo(os.path.join(odd, "2022/pipe.zh.txt"))
    shutil.copy(src("examples/programme.ru.txt"), os.path.join(odd, "2022/pipe.ru.txt"))
    rc, out, err = run("batch", "--format", "json", odd)
    got = {e["entry"]: e for e in entries(out)}
    check(sorted(got) == ["2022/a", "2022/gone", "2022/pipe"],
          "a loop and a second link to a directory are walked once; upper-case names pair: %s" % sorted(got))
    check(got.get("2022/gone", {}).get("status") == "unreadable" and got["2022/gone"]["findings"][-1]["rule"] == "PX001",
          "a link to nothing is a file that cannot be read (PX001), not a missing counterpart")
    check(got.get("2022/pipe", {}).get("status") == "unreadable", "a FIFO named as a text is refused (PX001)")
    # a FIFO given by name, or listed: refused at once, never waited on
    fifo = os.path.join(odd, "2022/pipe.zh.txt")
    for how in ("arg", "list"):
        try:
            p = subprocess.run([PX, "batch", "--format", "json"] + ([fifo] if how == "arg" else ["-"]),
                               input=None if how == "arg" else fifo + "\n", capture_output=True, text=True, timeout=20)
            # alone, it has no counterpart (PX006); it is never opened to wait on
            check(p.returncode in (1, 2) and ("PX001" in p.stdout + p.stderr or "PX006" in p.stdout),
                  "a FIFO (%s) is an entry with its finding, at once" % how)
        except subprocess.TimeoutExpired:
            check(False, "a FIFO (%s) made batch wait" % how)
    rc, out, _ = run("batch", "--format", "json", "-", stdin="\0".join([os.path.join(odd, "2022/a.RU.XML"),
                                                                      os.path.join(odd, "2022/a.Zh.xml")]) + "\0")
    check([e["kind"] for e in entries(out)] == ["pair"], "a list separated by NUL bytes (find -print0)")

    # ---- refusals: bad shards, an empty set, a report that cannot be written
    for bad_shard in ("0/3", "4/3", "1/-1", "1/99999999999999999999", "2/3x", "1/3/4", " 1/3", "1/0"):
        check(run("batch", "--shard", bad_shard, s)[0] == 2, "--shard %r is refused" % bad_shard)
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    rc, _, err = run("batch", empty)
    check(rc == 2 and "no document" in err, "a set with nothing in it exits 2")
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            p = subprocess.run([PX, "batch", "--format", "json", clean], stdout=full, capture_output=False,
                               stderr=subprocess.PIPE, text=True)
        check(p.returncode == 2 and "cannot write" in p.stderr, "a report that cannot be written exits 2")

    # ---- merge refuses what is not the whole of one split ------------------
    rc, _, err = run("merge", reports[0], reports[2])
    check(rc == 2 and "shard 2/3 is missing" in err, "merge without one shard's report exits 2")
    cut = os.path.join(tmp, "cut.jsonl")
    with open(reports[0], encoding="utf-8") as f, open(cut, "w", encoding="utf-8") as g:
        g.write("".join(f.readlines()[:-1]))
    rc, _, err = run("merge", cut, reports[1], reports[2])
    check(rc == 2 and "summary line" in err, "a report cut short (no summary line) is refused")
    changed = os.path.join(tmp, "changed.jsonl")
    whole_json = run("batch", "--format", "json", s)[1]
    with open(changed, "w", encoding="utf-8") as g:
        g.write(whole_json.replace('"errors":1', '"errors":7', 1))
    with open(os.path.join(tmp, "whole.jsonl"), "w", encoding="utf-8") as g:
        g.write(whole_json)
    rc, _, err = run("merge", changed, os.path.join(tmp, "whole.jsonl"))
    check(rc == 2 and "differs between two reports" in err, "one entry with two contents is refused")

    # ---- lists on standard input ------------------------------------------
    listed = "\n".join([os.path.join(s, "2022/programme.ru.xml"), os.path.join(s, "2022/programme.zh.xml"),
                        os.path.join(s, "texts/lonely.ru.txt"), os.path.join(s, "README.txt")]) + "\n"
    rc, out, _ = run("batch", "--format", "json", "-", stdin=listed)
    got = entries(out)
    kinds = sorted((e["kind"], e["status"]) for e in got)
    check(kinds == [("document", "findings"), ("pair", "clean"), ("unpaired", "findings")],
          "a list pairs its files, reads a file without a language alone: %s" % kinds)

    # ---- manifests ----------------------------------------------------------
    dated = by["2022/dated"]["findings"]
    fps = [f["fingerprint"] for f in dated if f["severity"] in ("error", "warning")]
    with open(os.path.join(s, "dated.accept"), "w", encoding="utf-8") as f:
        f.write("".join("%s  the date is being confirmed\n" % fp for fp in fps))
    manifest = os.path.join(s, "set.xml")
    with open(manifest, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<batch xmlns="urn:paralex:batch:1">\n'
                '  <pair ru="2022/dated.ru.xml" zh="2022/dated.zh.xml" accept="dated.accept"/>\n'
                '  <pair ru="2022/programme.ru.xml" zh="2022/programme.zh.xml"/>\n'
                '  <document path="texts/lonely.ru.txt" kind="statement"/>\n'
                '  <pair ru="2022/gone.ru.xml" zh="2022/programme.zh.xml"/>\n</batch>\n')
    rc, out, _ = run("batch", "--format", "json", manifest)
    got = {e["entry"]: e for e in entries(out)}
    check(got.get("2022/dated.ru.xml", {}).get("status") == "clean" and got["2022/dated.ru.xml"]["accepted"] == len(fps),
          "the manifest's accept file of a pair is applied")
    check(got.get("texts/lonely.ru.txt", {}).get("kind") == "document" and got["texts/lonely.ru.txt"]["type"] == "statement",
          "a document of a manifest is read alone, with its kind")
    check(got.get("2022/gone.ru.xml", {}).get("status") == "unreadable", "a missing file of a manifest is unreadable")
    check(rc == 2, "the manifest run exits 2 (a missing file)")
    with open(os.path.join(tmp, "wrong.xml"), "w") as f:
        f.write('<batch xmlns="urn:paralex:batch:1"><pair ru="a.ru.xml"/></batch>\n')
    rc, _, err = run("batch", os.path.join(tmp, "wrong.xml"))
    check(rc == 2 and "PX007" in err, "a manifest against its schema: PX007, exit 2")
    with open(os.path.join(tmp, "dtd.xml"), "w") as f:
        f.write('<!DOCTYPE batch [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                '<batch xmlns="urn:paralex:batch:1"><document path="&x;"/></batch>\n')
    rc, out, err = run("batch", os.path.join(tmp, "dtd.xml"))
    check(rc == 2 and "PX003" in err and "root:" not in out + err, "a manifest with a DTD is refused (PX003)")

    # ---- the formats, read by readers that are not ours -------------------
    rc, out, _ = run("batch", "--format", "junit", "-q", s)
    path = os.path.join(tmp, "r.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(out)
    xml = junitparser.JUnitXml.fromfile(path)
    cases = [c for suite in xml for c in suite]
    check(len(cases) == len(es), "JUnit: one test case an entry (%d, %d)" % (len(cases), len(es)))
    results = {c.classname + "/" + c.name: [type(r).__name__ for r in c.result] for c in cases}
    check(results.get("2022/dated") == ["Failure"], "JUnit: a pair with findings is a failure")
    check(results.get("2022/corrupt") == ["Error"], "JUnit: an unreadable pair is an error")
    check(results.get("2022/programme") == [], "JUnit: a clean pair passes")
    rc, out, _ = run("batch", "--format", "sarif", "-q", s)
    log = json.loads(out)
    nested = {("SarifLog", "runs"): "Run", ("Run", "tool"): "Tool", ("Tool", "driver"): "ToolComponent",
              ("ToolComponent", "rules"): "ReportingDescriptor",
              ("ReportingDescriptor", "shortDescription"): "MultiformatMessageString",
              ("ReportingDescriptor", "defaultConfiguration"): "ReportingConfiguration",
              ("Run", "results"): "Result", ("Result", "message"): "Message",
              ("Result", "locations"): "Location", ("Location", "physicalLocation"): "PhysicalLocation",
              ("PhysicalLocation", "artifactLocation"): "ArtifactLocation", ("PhysicalLocation", "region"): "Region",
              ("Result", "suppressions"): "Suppression"}

    def conforms(obj, cls, where):
        fields = {a.metadata["schema_property_name"]: a for a in attr.fields(getattr(sarif_om, cls))}
        for k, v in obj.items():
            if k == "$schema" and cls == "SarifLog":
                continue
            check(k in fields, "SARIF: %s.%s is not a property of %s" % (where, k, cls))
            sub = nested.get((cls, k))
            if sub:
                for i, x in enumerate(v if isinstance(v, list) else [v]):
                    conforms(x, sub, "%s.%s[%d]" % (where, k, i))
        for name, a in fields.items():
            if a.default is attr.NOTHING:
                check(name in obj, "SARIF: %s lacks the required %s of %s" % (where, name, cls))

    conforms(log, "SarifLog", "log")
    check(log.get("version") == "2.1.0", "SARIF version 2.1.0")
    res = log["runs"][0]["results"]
    check(all(r["level"] in ("none", "note", "warning", "error") for r in res), "SARIF levels")
    check(sum(len(e["findings"]) for e in es) == len(res), "SARIF: one result a finding")
    ids = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    check(all(r["ruleId"] in ids for r in res), "SARIF: every result's rule is among the driver's rules")
    check(all(r["locations"][0]["physicalLocation"].get("region", {}).get("startLine", 1) >= 1 for r in res),
          "SARIF: lines from 1")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print("%d problems" % len(failures))
sys.exit(1 if failures else 0)
