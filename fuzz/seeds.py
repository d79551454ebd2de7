#!/usr/bin/env python3
"""Write the raw seed inputs of every fuzz target from the examples and the
test data, into OUT/<target>/ (the corpora in fuzz/<target>/corpus/ are these
minimized with libFuzzer's -merge=1; see fuzz/README.md).

    python3 fuzz/seeds.py OUT        (from the source root)
"""
import glob
import os
import re
import sys

SEP = b"\n%%%%\n"  # fuzz.h: PXF_SEP
out = sys.argv[1]


def rd(p):
    with open(p, "rb") as f:
        return f.read()


def put(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, re.sub(r"[^A-Za-z0-9._-]", "_", name)), "wb") as f:
        f.write(data)


texts = sorted(glob.glob("examples/*.txt") + glob.glob("examples/*/*.txt")
               + glob.glob("tests/data/import/*.txt") + glob.glob("tests/data/import/*/*.txt"))
texts = [t for t in texts if "/expected" not in t]
xmls = sorted(glob.glob("examples/*.xml") + glob.glob("examples/amendments/*.xml")
              + glob.glob("examples/amendments/expected*/*.xml")
              + glob.glob("tests/data/validate/*.xml") + glob.glob("tests/data/hostile/*")
              + glob.glob("tests/data/amend/*.xml") + glob.glob("tests/data/check/cases/*.xml"))
xmls = [x for x in xmls if not x.endswith("README")]

# import: option byte (fuzz/import.c) + text. Each text with its language,
# lenient; every other one also strict, by script, or with a kind forced.
KINDS = ["programme", "agreement", "convention", "charter", "treaty", "protocol",
         "memorandum", "statement", "declaration", "communique"]
for i, t in enumerate(texts):
    lang = 1 if ".ru." in t or "/ru-" in t else 2 if ".zh." in t or "/zh-" in t else 0
    body = rd(t)
    base = t.replace("/", "_")
    put("import", base + ".lenient", bytes([lang]) + body)
    variant = [lang | 4, 0, 0x80 | lang | 4, (1 + i % len(KINDS)) << 3 | lang][i % 4]
    put("import", base + ".opt%02x" % variant, bytes([variant]) + body)

for x in xmls:
    put("validate", x.replace("/", "_"), rd(x))
    put("render", x.replace("/", "_"), rd(x))

# check: pairs. The Programme as XML and as text, the other instruments as
# text, text against XML, and every case of tests/data/check/CASES with its base.
def pair(name, a, b):
    put("check", name, rd(a) + SEP + rd(b))

pair("programme.xml", "examples/programme.ru.xml", "examples/programme.zh.xml")
pair("programme.txt", "examples/programme.ru.txt", "examples/programme.zh.txt")
pair("programme.txt-xml", "examples/programme.ru.txt", "examples/programme.zh.xml")
pair("programme.swapped", "examples/programme.zh.xml", "examples/programme.ru.xml")
pair("amend-base", "tests/data/amend/base.ru.xml", "tests/data/amend/base.zh.xml")
pair("validate-valid", "tests/data/validate/valid-ru.xml", "tests/data/validate/valid-zh.xml")
for ru in sorted(glob.glob("examples/*/*.ru*.txt")):
    zh = ru.replace(".ru.", ".zh.")
    if os.path.exists(zh):
        pair("text-" + os.path.basename(ru).replace(".ru", ""), ru, zh)
for line in open("tests/data/check/CASES", encoding="utf-8"):
    f = line.split()
    if not f or f[0].startswith("#"):
        continue
    name, base = f[0], "examples/programme"
    for w in f[1:]:
        if w.startswith("base="):
            base = w[5:]
    c = "tests/data/check/cases/" + name
    ru = c + ".ru.xml" if os.path.exists(c + ".ru.xml") else base + ".ru.xml"
    zh = c + ".zh.xml" if os.path.exists(c + ".zh.xml") else base + ".zh.xml"
    pair("case-" + name, ru, zh)

# amend: protocol pairs (two pairs: two instruments). Those of examples/amendments, and one small
# protocol per kind of operation (docs/amend.md) on examples/programme.
put("amend", "protocol-2025", rd("examples/amendments/protocol-2025.ru.xml") + SEP
    + rd("examples/amendments/protocol-2025.zh.xml"))
put("amend", "protocol-2025-2026", SEP.join(rd("examples/amendments/protocol-%s.%s.xml" % (y, l))
                                           for y in ("2025", "2026") for l in ("ru", "zh")))

WORK = "/akn/sco/doc/programme/2022-09-16/ai"


def protocol(lang, ops, date="2025-01-01", in_force=None):
    lg = "zho" if lang == "zh" else "rus"
    x = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="protocol" '
         'contains="originalVersion"><meta><identification source="#paralex"><FRBRWork>'
         f'<FRBRthis value="/akn/sco/doc/protocol/{date}/t/!main"/><FRBRuri value="/akn/sco/doc/protocol/{date}/t"/>'
         f'<FRBRdate date="{date}" name="signature"/><FRBRauthor href="#paralex"/><FRBRcountry value="sco"/>'
         '<FRBRsubtype value="protocol"/><FRBRnumber value="t"/></FRBRWork><FRBRExpression>'
         f'<FRBRthis value="/akn/sco/doc/protocol/{date}/t/{lg}@{date}/!main"/>'
         f'<FRBRuri value="/akn/sco/doc/protocol/{date}/t/{lg}@{date}"/>'
         f'<FRBRdate date="{date}" name="signature"/><FRBRauthor href="#paralex"/>'
         '<FRBRauthoritative value="true"/>'
         f'<FRBRlanguage language="{lg}"/></FRBRExpression><FRBRManifestation>'
         f'<FRBRthis value="/akn/sco/doc/protocol/{date}/t/{lg}@{date}/!main.xml"/>'
         f'<FRBRuri value="/akn/sco/doc/protocol/{date}/t/{lg}@{date}.akn"/>'
         f'<FRBRdate date="{date}" name="markup"/><FRBRauthor href="#paralex"/>'
         '<FRBRformat value="application/akn+xml"/></FRBRManifestation></identification>')
    if in_force:
        x += (f'<lifecycle source="#paralex"><eventRef eId="evt_1" date="{in_force}" source="#paralex" '
              'type="generation" refersTo="#entryIntoForce"/></lifecycle>')
    x += '<analysis source="#paralex"><activeModifications>'
    for i, o in enumerate(ops, 1):
        pos = f' pos="{o["pos"]}"' if o.get("pos") else ""
        x += (f'<textualMod eId="amod_{i}" type="{o["type"]}"><source href="#mod_{i}"/>'
              f'<destination href="{WORK}/{lg}@2022-09-16/!main~{o["dest"]}"{pos}/>')
        if o.get("old"):
            x += f'<old href="#mod_{i}__old"/>'
        if o.get("new"):
            x += f'<new href="#mod_{i}__new"/>'
        x += "</textualMod>"
    x += ('</activeModifications></analysis><references source="#paralex">'
          '<TLCOrganization eId="paralex" href="/akn/ontology/organization/paralex" showAs="paralex"/>')
    if in_force:
        x += '<TLCEvent eId="entryIntoForce" href="/akn/ontology/event/entryIntoForce" showAs="e"/>'
    x += ('</references></meta><preface><p eId="preface__p_1"><docTitle>%s</docTitle></p></preface>'
          '<mainBody><section eId="sec_1"><num>1.</num><heading>%s</heading><content>'
          % ("议定书" if lang == "zh" else "Протокол", "修改" if lang == "zh" else "Изменения"))
    for i, o in enumerate(ops, 1):
        x += f'<p eId="sec_1__p_{i}"><mod eId="mod_{i}">{i}) '
        if o.get("old"):
            x += f'<quotedText eId="mod_{i}__old">{o["old"][lang]}</quotedText> '
        if o.get("new"):
            tag = "quotedText" if o.get("text") else "quotedStructure"
            x += f'<{tag} eId="mod_{i}__new">{o["new"][lang]}</{tag}>'
        x += "</mod></p>"
    x += "</content></section></mainBody></doc></akomaNtoso>\n"
    return x.encode()


def both(ru, zh):
    return {"ru": ru, "zh": zh}


ITEM = both('<blockList eId="mod_1__new__list_1"><item eId="mod_1__new__list_1__item_1"><num>—</num>'
            '<p>новый пункт;</p></item></blockList>',
            '<blockList eId="mod_1__new__list_1"><item eId="mod_1__new__list_1__item_1"><num>——</num>'
            '<p>新的一项；</p></item></blockList>')
OPS = {
    "words": [dict(type="substitution", dest="sec_III__list_1__item_3__p_1",
                   old=both("ответственность и безопасность", "责任和安全"),
                   new=both("ответственность, безопасность и доверие", "责任、安全和信任"), text=True)],
    "repeal-item": [dict(type="repeal", dest="sec_III__list_1__item_2")],
    "repeal-words": [dict(type="repeal", dest="sec_III__list_1__item_6__p_1",
                          old=both("научная и ", "科学和"))],
    "insert-item": [dict(type="insertion", dest="sec_III__list_1__item_7", pos="before", new=ITEM)],
    "insert-words-end": [dict(type="insertion", dest="sec_III__list_1__item_4__p_1", pos="end",
                              new=both("и открытость", "和开放"), text=True)],
    "insert-words-before": [dict(type="insertion", dest="sec_III__list_1__item_1__p_1", pos="before",
                                 old=both("основных свобод", "基本自由"), new=both("всех", "一切"), text=True)],
    "restate-p": [dict(type="substitution", dest="sec_IV__p_1",
                       new=both("<p>Совместные проекты реализуются по соглашениям Сторон.</p>",
                                "<p>联合项目根据各方协议实施。</p>"))],
    "restate-p-text": [dict(type="substitution", dest="sec_III__p_1",
                            new=both("Стороны сотрудничают на основе принципов:", "各方根据以下原则合作："),
                            text=True)],
    "restate-heading": [dict(type="substitution", dest="sec_IV",
                             new=both("<heading>Совместные проекты</heading>", "<heading>联合项目</heading>"))],
    "insert-p": [dict(type="insertion", dest="sec_IV__p_1", pos="after",
                      new=both("<p>Стороны ежегодно обмениваются информацией.</p>", "<p>各方每年交流信息。</p>"))],
    "repeal-section": [dict(type="repeal", dest="sec_IV")],
    "insert-words-start": [dict(type="insertion", dest="sec_III__list_1__item_5__p_1", pos="start",
                                new=both("полное", "完全"), text=True)],
    "insert-words-after": [dict(type="insertion", dest="sec_III__list_1__item_1__p_1", pos="after",
                                old=both("защита прав", "保护人权"), new=both("и законных интересов", "和合法利益"),
                                text=True)],
    "restate-item": [dict(type="substitution", dest="sec_III__list_1__item_2", new=ITEM)],
    "insert-section": [dict(type="insertion", dest="sec_IV", pos="after", new=both(
        '<section eId="mod_1__new__sec_1"><num>V.</num><heading>Новый раздел</heading><content>'
        '<p eId="mod_1__new__sec_1__p_1">Стороны сотрудничают.</p></content></section>',
        '<section eId="mod_1__new__sec_1"><num>五、</num><heading>新的一节</heading><content>'
        '<p eId="mod_1__new__sec_1__p_1">各方开展合作。</p></content></section>'))],
    "several": [dict(type="repeal", dest="sec_III__list_1__item_2"),
                dict(type="substitution", dest="sec_IV__p_1", new=both("Новый текст.", "新的文本。"), text=True),
                dict(type="insertion", dest="sec_III__list_1__item_7", pos="after", new=ITEM)],
    "conflict": [dict(type="repeal", dest="sec_III__list_1__item_2"),
                 dict(type="repeal", dest="sec_III__list_1__item_2")],
    "missing-unit": [dict(type="repeal", dest="sec_IX__p_1")],
}
for name, ops in OPS.items():
    put("amend", "op-" + name, protocol("ru", ops) + SEP + protocol("zh", ops))
    put("amend", "one-" + name, protocol("ru", ops))
put("amend", "one-protocol-2025", rd("examples/amendments/protocol-2025.ru.xml"))
put("amend", "op-in-force", protocol("ru", OPS["words"], in_force="2025-02-01") + SEP
    + protocol("zh", OPS["words"], in_force="2025-02-01"))

# prose: base byte (fuzz/prose.c: bit 0 the agreement, bit 1 the language of a text alone) +
# the Russian protocol text SEP the Chinese one, or one text alone. The protocols of
# examples/amendments and every case of tests/data/protocols (programme p.., agreement a.., errors e..).
put("prose", "example-2025", b"\0" + rd("examples/amendments/protocol-2025.ru.txt") + SEP
    + rd("examples/amendments/protocol-2025.zh.txt"))
put("prose", "example-2026", b"\0" + rd("examples/amendments/protocol-2026.ru.txt") + SEP
    + rd("examples/amendments/protocol-2026.zh.txt"))
for case in sorted(glob.glob("tests/data/protocols/*/protocol.ru.txt")):
    d = os.path.dirname(case)
    name = os.path.basename(d)
    base = 1 if name.startswith("a") else 0
    ru, zh = rd(case), rd(os.path.join(d, "protocol.zh.txt"))
    put("prose", name, bytes([base]) + ru + SEP + zh)
    put("prose", name + ".zh", bytes([base | 2]) + zh)
