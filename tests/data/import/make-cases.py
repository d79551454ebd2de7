#!/usr/bin/env python3
"""Write the robustness and error cases of tests/test_import.c from the two
example texts. Run from the source root: python3 tests/data/import/make-cases.py"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
RU = open(os.path.join(ROOT, "examples", "programme.ru.txt"), encoding="utf-8").read()
ZH = open(os.path.join(ROOT, "examples", "programme.zh.txt"), encoding="utf-8").read()


def put(name, text, binary_prefix=b""):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(binary_prefix + text.encode("utf-8"))


def lines_of(text):
    return [l for l in text.split("\n") if l.strip()]


# ---- Russian: the seed, varied; each must import to examples/programme.ru.xml
put("ru-crlf.txt", RU.replace("\n", "\r\n"))
put("ru-bom.txt", RU, b"\xef\xbb\xbf")
put("ru-nbsp.txt", re.sub(r"(\S) (\S)", lambda m: m.group(1) + "\u00a0" + m.group(2), RU, count=200))
put("ru-u3000.txt", "\n".join(("\u3000\u3000" + l if l.strip() else l) for l in RU.split("\n")))
put("ru-tabs.txt", "\n".join(("\t" + l.replace(" ", "\t", 2) if l.strip() else l) for l in RU.split("\n")))
for name, dash in (("endash", "\u2013"), ("emdash", "\u2014"), ("minus", "\u2212")):
    put("ru-dash-%s.txt" % name, re.sub(r"(?m)^(\s*)- ", lambda m: m.group(1) + dash + " ", RU))
put("ru-noblank.txt", "\n".join(lines_of(RU)) + "\n")
extra = []
for i, l in enumerate(RU.split("\n")):
    extra.append(l)
    if i % 3 == 0:
        extra.extend(["", "   ", ""])
put("ru-extrablank.txt", "\n".join(extra))

# ---- Chinese: the example, varied; each must import to examples/programme.zh.xml
put("zh-crlf.txt", ZH.replace("\n", "\r\n"))
put("zh-bom.txt", ZH, b"\xef\xbb\xbf")
put("zh-tabs.txt", ZH.replace("\u3000\u3000", "\t"))
put("zh-nbsp.txt", ZH.replace("\u3000\u3000", "\u00a0\u00a0"))
put("zh-dash-fullwidth.txt", ZH.replace("\u3000\u3000\u2014\u2014", "\u3000\u3000\uff0d"))
put("zh-dash-single.txt", ZH.replace("\u3000\u3000\u2014\u2014", "\u3000\u3000\u2014"))
put("zh-noblank.txt", "\n".join(lines_of(ZH)) + "\n")
put("zh-extrablank.txt", ZH.replace("\n", "\n\n\n"))


def wrap_zh(line, width):
    """Break a Chinese paragraph every `width` characters; only its first line is indented."""
    body = line.lstrip("\u3000")
    ind = line[: len(line) - len(body)]
    parts, cur = [], ind
    for ch in body:
        cur += ch
        if len(cur) >= width:
            parts.append(cur)
            cur = ""
    if cur:
        parts.append(cur)
    return parts


out = []
for l in ZH.split("\n"):
    if l.startswith("\u3000\u3000") and len(l) > 16:
        out.extend(wrap_zh(l, 16))
    else:
        out.append(l)
put("zh-narrow.txt", "\n".join(out))

# ---- section numbers on a line of their own, the heading on the next (as a
# PDF with the numbers in a column of their own gives them)
put("ru-numbers-apart.txt", re.sub(r"(?m)^(\s*)([IVX]+\.) (\S.*)$", lambda m: m.group(1) + m.group(2) + "\n" + m.group(1) + m.group(3), RU))
put("zh-numbers-apart.txt", re.sub(r"(?m)^(\s*)([一二三四五六七八九十]+、)(\S.*)$", lambda m: m.group(1) + m.group(2) + "\n" + m.group(1) + m.group(3), ZH))


# ---- Russian, rewrapped: ru-clean.txt is `paralex render` of the example (one
# paragraph per line); wrapped at 28 columns at spaces, as a PDF would, with
# and without a blank line after every line.
CLEAN = open(os.path.join(HERE, "ru-clean.txt"), encoding="utf-8").read()


def wrap(line, width):
    words, out, cur = line.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = cur + " " + w if cur else w
    out.append(cur)
    return out


narrow = []
for l in CLEAN.split("\n"):
    narrow.extend(wrap(l, 28) if l else [""])
put("ru-narrow.txt", "\n".join(narrow))
put("ru-narrow-pdf.txt", "\n\n".join(l + " " for l in narrow if l) + "\n")


# ---- generic documents of the family: any number of sections, items, signatories
import xml.etree.ElementTree as ET

NS = {"r": "urn:paralex:registry:1"}
REG = ET.parse(os.path.join(ROOT, "data", "registry.xml")).getroot()
STATES = {s.get("code"): s for s in REG.find("r:states", NS)}
BODIES = list(REG.find("r:bodies", NS))


def ru_sig(b):
    st = STATES[b.get("state")]
    return "За %s %s" % (b.find("r:ru/r:name", NS).get("acc"), st.find("r:ru/r:full", NS).get("gen"))


def zh_sig(b):
    st = STATES[b.get("state")]
    return "%s%s代表" % (st.find("r:zh/r:full", NS).text, b.find("r:zh/r:name", NS).text)


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
HANZI = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


LANGS = {
    "ru": {
        "head": ["ПРОГРАММА", "сотрудничества уполномоченных органов в области испытаний", "",
                 "Уполномоченные органы государств-членов ШОС, именуемые в дальнейшем Сторонами,",
                 "учитывая взаимный интерес к сотрудничеству,", "приняли настоящую Программу.", ""],
        "heading": lambda s: "%s. Раздел номер %d" % (ROMAN[s], s + 1),
        "signed": "Настоящая Программа подписана в городе Самарканде 16 сентября 2022 года.",
        "intro": "Стороны сотрудничают в следующих направлениях:",
        "item": lambda i, last: "- направление номер %d%s" % (i + 1, "." if last else ";"),
        "para": lambda s: "Текст раздела %d состоит из одного предложения." % (s + 1),
        "sig": ru_sig,
    },
    "zh": {
        "head": ["上海合作组织成员国主管部门试验合作纲要", "",
                 "\u3000\u3000上海合作组织成员国主管部门（以下简称“各方”），",
                 "\u3000\u3000考虑到合作的共同利益，", "\u3000\u3000通过本纲要如下：", ""],
        "heading": lambda s: "%s、第%d部分" % (HANZI[s], s + 1),
        "signed": "\u3000\u3000本纲要于2022年9月16日在撒马尔罕市签署。",
        "intro": "\u3000\u3000各方在以下方向开展合作：",
        "item": lambda i, last: "\u3000\u3000——第%d方向%s" % (i + 1, "。" if last else "；"),
        "para": lambda s: "\u3000\u3000第%d部分的文本。" % (s + 1),
        "sig": zh_sig,
    },
}


def gen(lang, nsec, nitems, nsig):
    L = LANGS[lang]
    t = list(L["head"])
    for s in range(nsec):
        t += [L["heading"](s), ""]
        if s == nsec - 1:
            t.append(L["signed"])
        elif s == 0:
            t.append(L["intro"])
            t += [L["item"](i, i == nitems - 1) for i in range(nitems)]
        else:
            t.append(L["para"](s))
        t.append("")
    for b in BODIES[:nsig]:
        t += [L["sig"](b), ""]
    return "\n".join(t)


def gen_ru(nsec, nitems, nsig):
    return gen("ru", nsec, nitems, nsig)


def gen_zh(nsec, nitems, nsig):
    return gen("zh", nsec, nitems, nsig)


for nsec, nitems, nsig in ((2, 3, 3), (12, 30, 10)):
    put("gen-ru-%ds-%di-%dsig.txt" % (nsec, nitems, nsig), gen_ru(nsec, nitems, nsig))
    put("gen-zh-%ds-%di-%dsig.txt" % (nsec, nitems, nsig), gen_zh(nsec, nitems, nsig))
put("gen-ru-unknown-body.txt", gen_ru(2, 3, 2) + "За Министерство чудес Республики Нарнии\n")
put("gen-zh-unknown-body.txt", gen_zh(2, 3, 2) + "纳尼亚共和国奇迹部代表\n")


# ---- errors: each case with the rule and line expected (errors/CASES)
expected = []


def err(name, text, needle, rule, occurrence=1):
    """`needle` is text on the line the error must name (None: line 1)."""
    put(os.path.join("errors", name), text)
    lines = text.split("\n")
    hits = [i + 1 for i, l in enumerate(lines) if needle is not None and needle in l] or [1]
    expected.append("%-31s %s@%d" % (name[:-len(".txt")], rule, hits[occurrence - 1]))


RUL = RU.split("\n")
err("ru-section-jump.txt", RU.replace("IV. Осуществление", "VI. Осуществление"), "VI. Осуществление", "PX033")
err("ru-section-repeat.txt", RU.replace("IV. Осуществление", "III. Осуществление"), "III. Осуществление", "PX033")
err("ru-empty-section.txt", re.sub(r"IV\. Осуществление совместных проектов \n(.|\n)*?V\. Механизмы",
    "IV. Осуществление совместных проектов \n\nV. Механизмы", RU), "IV. Осуществление", "PX034")
err("ru-item-in-preamble.txt", RU.replace("констатируя широкое", "- констатируя широкое"), "- констатируя", "PX035")
err("ru-text-after-signatures.txt", RU + "\nНастоящий текст добавлен после подписей.\n", "после подписей", "PX036")
err("ru-heading-after-signatures.txt", RU + "\nVII. Дополнительный раздел\n", "VII. Дополнительный", "PX036")
err("ru-no-signatures.txt", RU[: RU.index("За Министерство науки и")], "копию.", "PX037")
err("ru-no-date.txt", RU.replace("16 сентября", "в сентябре").replace("\n\n2022 года в одном", "\n\nв одном"),
    "VI. Заключительная", "PX038")
err("ru-no-title.txt", RU[RU.index(" I. Цель"):], "I. Цель", "PX030")
err("ru-empty.txt", "\n \n\t\n", None, "PX030")
err("ru-bad-numeral.txt", RU.replace("III. Принципы", "IIII. Принципы"), "IIII. Принципы", "PX032")
err("ru-no-sections.txt", re.sub(r" I\. Цель(.|\n)*?(За Министерство науки и)", r"\2", RU),
    "За Министерство науки и", "PX032")
err("ru-short-preamble.txt", "ПРОГРАММА\nсотрудничества\n\nСтороны договорились:\n\nI. Цель\n\nТекст.\n\n"
    "За Министерство образования и науки Республики Казахстан\n", "I. Цель", "PX031")
err("latin.txt", "Programme\n\nThe parties,\nhave agreed.\n\nI. Aim\n\nText.\n", "Programme", "PX039")
err("zh-section-jump.txt", ZH.replace("四、联合项目的实施", "五、联合项目的实施"), "五、联合项目的实施", "PX033")
err("zh-item-in-preamble.txt", ZH.replace("\u3000\u3000注意到", "\u3000\u3000——注意到"), "——注意到", "PX035")
err("zh-no-signatures.txt", ZH[: ZH.index("印度共和国科学技术部代表")], "副本", "PX037")
CASES_HEADER = """\
# Import error cases: tests/test_import.c runs each line as the test
# import/errors/NAME. The format is that of every CASES file: tests/data/CASES.md.
#
# A case is the text NAME.txt (../make-cases.py writes them and this file).
#   EXPECT RULE@LINE  passes when the strict import (--strict) refuses the
#                     text (PX_EINPUT, no document) with this error, the first
#                     it reports: RULE at LINE, also the last finding it gives.
#
# NAME                          EXPECT
"""
with open(os.path.join(HERE, "errors", "CASES"), "w", encoding="utf-8") as f:
    f.write(CASES_HEADER)
    f.write("\n".join(expected) + "\n")
