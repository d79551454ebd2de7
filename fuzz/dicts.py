#!/usr/bin/env python3
"""Write the libFuzzer dictionary of every target, fuzz/<target>/dict, from
the word lists below (run from anywhere: python3 fuzz/dicts.py). libFuzzer
takes printable ASCII only between the quotes, so every other byte is
written \\xNN; the line above each entry shows it as text."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

SPACE = ["\r\n", "\n\n", "\n", "\t", "\f", "\ufeff", "\u00a0", "\u3000", "\u3000\u3000", "\u2003", "\u200b",
         "\u00ad", "  ", " -", "-\n"]

RU = [
    # kinds (title words) and divisions
    "ПРОГРАММА", "ПЛАН", "СОГЛАШЕНИЕ", "КОНВЕНЦИЯ", "ХАРТИЯ", "ДОГОВОР", "ПРОТОКОЛ", "МЕМОРАНДУМ",
    "ЗАЯВЛЕНИЕ", "ДЕКЛАРАЦИЯ", "КОММЮНИКЕ", "СОВМЕСТНОЕ ЗАЯВЛЕНИЕ", "ПРОТОКОЛ о внесении изменений в ",
    "Статья ", "Статья 1", "Глава ", "Глава I", "Раздел ", "пункт ",
    # section numbers, paragraph numbers, items
    "I. ", "II. ", "III.", "IV. ", "V.", "VI. ", "IX. ", "XII. ", "XL. ", "IIII. ", "MMM.", "1. ", "2. ",
    "10. ", "1.1. ", "а) ", "б) ", "я) ", "1) ", "12) ", "- ", "– ", "— ", "− ", "-", "—",
    # formulas and final clauses
    "За ", "За Министерство науки и технологий Республики Индии", "За Российскую Федерацию",
    "За Республику Казахстан", "Совершено ", "Совершено в городе Самарканде ",
    "в двух экземплярах", "в одном подлинном экземпляре", "на русском и китайском языках",
    "причем оба текста имеют одинаковую силу.", "Настоящая Программа подписана в городе ",
    "вступает в силу с даты его подписания", "договорились о нижеследующем:", "согласились о следующем:",
    "приняли", "договорились", "руководствуясь ", "учитывая ", "стремясь ", "констатируя ", "имея в виду ",
    "рассмотрев ", "вновь ", "высоко ", "в целях ", "в соответствии с ", "исходя из ",
    "Уполномоченные органы государств-членов Шанхайской организации сотрудничества (далее - ШОС), ",
    "именуемые в дальнейшем Сторонами,", "Стороны", "ШОС", "государств-\nчленов", "государств-членов",
    "Шанхайской организации сотрудничества", "искусственного интеллекта", "Министерство ", "Республики ",
    "Республики Индии", "Исламской Республики Иран", "Китайской Народной Республики",
    "Российской Федерации", "Секретариат ШОС", "Самарканд", "Самарканде", "Ташкент", "Бишкеке",
    # dates and numbers
    "16 сентября 2022 года", "1 января 2025 года", " года", "г.", "16.09.2022", "31.12.2025",
    "января", "февраля", "марта", "сентября", "декабря", "29 февраля 2023 года", "первого", "второй",
    "трех", "десяти", "сто", "%", "1 000", "2022-2025", "с 2023 по 2025 год",
    # punctuation
    "«", "»", "„", "“", "”", "\"", "(", ")", "[", "]", ".", ";", ":", ",", "!", "?", "…", "...", "№",
    "(далее - ", "(подпись)", "…».",
]

ZH = [
    "计划", "纲要", "协定", "公约", "宪章", "条约", "议定书", "备忘录", "声明", "宣言", "公报", "联合声明",
    "关于修改《", "》的议定书", "合作纲要",
    "第", "条", "章", "第一条", "第十二条", "第一章", "第二章", "第一百条",
    "一、", "二、", "三、", "十、", "十一、", "二十、", "一百、", "〇、", "（一）", "（二）", "（十一）", "（1）",
    "（2）", "1．", "2．", "1.", "——", "－", "—", "―", "、",
    "代表", "为", "（签字）", "(签字)", "签字", "印度共和国科学技术部代表", "中华人民共和国科学技术部代表",
    "俄罗斯联邦科学和高等教育部代表", "哈萨克斯坦共和国代表", "上海合作组织", "上合组织", "成员国", "各方",
    "本纲要", "本协定", "本议定书", "秘书处",
    "2022年9月16日", "二〇二二年九月十六日", "２０２２年９月１６日", "2022年9月15日", "年", "月", "日",
    "于", "在撒马尔罕签订", "撒马尔罕", "塔什干", "比什凯克", "一式两份", "一式一份", "用中文和俄文写成",
    "两种文本同等作准", "达成协议如下：", "商定如下：", "为了", "根据", "考虑到", "人工智能",
    "。", "；", "：", "！", "？", "，", "《", "》", "「", "」", "“", "”", "（", "）", "……", "·",
]

XML = [
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\"?>", "encoding=\"UTF-16\"",
    "<!DOCTYPE akomaNtoso>", "<!DOCTYPE", "<!ENTITY", "SYSTEM", "<![CDATA[", "]]>", "<!--", "-->", "<?",
    "?>", "&amp;", "&lt;", "&gt;", "&quot;", "&#x", "&#1;", "&#xD800;", "&#x10FFFF;", "&x;",
    "xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"", "http://docs.oasis-open.org/legaldocml/ns/akn/3.0",
    "xmlns:", "xml:lang=", "xml:space=\"preserve\"", "xsi:", "/>", "</", "=\"", "\"/>", "\">",
    # elements
    "akomaNtoso", "doc", "meta", "identification", "FRBRWork", "FRBRExpression", "FRBRManifestation",
    "FRBRthis", "FRBRuri", "FRBRdate", "FRBRauthor", "FRBRcountry", "FRBRsubtype", "FRBRnumber",
    "FRBRname", "FRBRlanguage", "FRBRauthoritative", "FRBRformat", "lifecycle", "eventRef", "analysis",
    "activeModifications", "passiveModifications", "textualMod", "source", "destination", "old", "new",
    "temporalData", "temporalGroup", "timeInterval", "references", "TLCOrganization", "TLCPerson",
    "TLCRole", "TLCLocation", "TLCConcept", "TLCEvent", "TLCReference", "activeRef", "passiveRef",
    "original", "preface", "docTitle", "docNumber", "docDate", "preamble", "recitals", "recital",
    "formula", "mainBody", "section", "chapter", "article", "point", "paragraph", "num", "heading",
    "subheading", "content", "intro", "blockList", "listIntroduction", "listWrapUp", "item",
    "conclusions", "blockContainer", "signature", "role", "organization", "person", "location", "date",
    "ref", "mod", "quotedText", "quotedStructure", "p", "i", "b", "u", "sup", "term", "concept", "span",
    "noteRef", "eol", "br", "inline", "container", "hcontainer",
    "<p>", "</p>", "<num>", "</num>", "<heading>", "<content>", "<item>", "<blockList>", "<signature>",
    # attributes and values
    "eId", "wId", "GUID", "name", "contains", "href", "refersTo", "showAs", "value", "date", "language",
    "type", "pos", "period", "class", "startQuote", "endQuote", "start", "end", "by", "for",
    " eId=\"", " name=\"", " href=\"", " refersTo=\"#", " class=\"signature\"",
    "originalVersion", "singleVersion", "multipleVersions", "programme", "agreement", "protocol",
    "memorandum", "statement", "rus", "zho", "eng", "signature", "markup", "unknown", "consolidation",
    "generation", "amendment", "enactingFormula", "signingMark", "substitution", "insertion", "repeal",
    "renumbering", "before", "after", "#entryIntoForce", "entryIntoForce", "#signatory", "signatory",
    "#paralex", "paralex", "true", "false", "application/akn+xml",
    # eIds and IRIs
    "sec_", "sec_I", "sec_II", "sec_VI", "sec_1", "__", "__p_1", "__p_", "__list_1", "__item_",
    "__para_1", "__blockContainer_", "__rec_", "__recs_1", "__formula_1", "preface__p_1", "preamble__p_1",
    "preamble__recs_1__rec_1__p_1", "preamble__formula_1", "conclusions__blockContainer_1",
    "conclusions__blockContainer_1__p_1", "chp_I", "art_1", "point_1", "para_1", "mod_1", "mod_1__qstr_1",
    "mod_1__qtext_1", "amod_1", "tp_1", "evt_1", "pref_1", "orig",
    "/akn/sco/doc/programme/2022-09-16/ai", "/akn/sco/doc/programme/2022-09-16/ai/rus@2022-09-16/!main~",
    "/akn/sco/doc/programme/2022-09-16/ai/zho@2022-09-16/!main~", "@2025-09-01", "/!main", "/!main.xml",
    ".akn", "/akn/sco/doc/protocol/2025-09-01/ai-amendment-1", "/akn/ontology/organization/state/in",
    "/akn/ontology/organization/in/most", "/akn/ontology/role/signatory", "/akn/ontology/event/entryIntoForce",
    "#in", "#in-most", "#ru", "#cn-most", "#kz", "in-most", "ru-minobrnauki", "samarkand",
    "2022-09-16", "2025-09-01", "2026-07-15", "9999-12-31", "0000-00-00", "2022-02-30",
]

AMEND = [
    "\n%%%%\n",
    "sec_II__list_1__item_10", "sec_III__list_1__item_3", "sec_III__list_1__item_3__p_1", "sec_V__p_2",
    "sec_IV", "sec_IV__p_1",
    "<quotedText eId=\"mod_1__old\">", "<quotedStructure eId=\"mod_1__new\">", "</quotedStructure>",
    "</quotedText>", "<mod eId=\"mod_1\">", "<old href=\"#mod_1__old\"/>", "<new href=\"#mod_1__new\"/>",
    "<source href=\"#mod_1\"/>", " pos=\"after\"", " pos=\"before\"", " pos=\"start\"", " pos=\"end\"",
    "<textualMod eId=\"amod_2\" type=\"repeal\">", "<textualMod eId=\"amod_2\" type=\"insertion\">",
    "<textualMod eId=\"amod_2\" type=\"substitution\">", "</textualMod>",
    "<lifecycle source=\"#paralex\"><eventRef eId=\"evt_1\" date=\"2025-02-01\" source=\"#paralex\" "
    "type=\"generation\" refersTo=\"#entryIntoForce\"/></lifecycle>",
    "ответственность и безопасность", "责任和安全",
]

# the formulas of amending protocols in prose (docs/amend.md, "Protocols in prose")
PROSE = [
    "внести в ", "следующие изменения:", "следующее изменение:", "изложить в следующей редакции:",
    "изложить в новой редакции:", "дополнить абзацем следующего содержания:", "дополнить абзацами",
    "дополнить пунктом ", "дополнить статьей ", "дополнить разделом ", "дополнить словами ",
    "после абзаца ", "после слов ", "перед словами ", "абзац ", "абзаца ", "абзацем ", "абзацы ",
    "пятого", "шестой", "восьмом", "последний", "слова ", "заменить словами ", "исключить",
    "признать утратившим силу", "точку заменить точкой с запятой", "в разделе ", "в пункте ", "в статье ",
    "части ", "подпункт ", "подпункта ", "Сторон", "Стороны подписали",
    "修改如下：", "作如下修改：", "增加一段", "增加一项", "增加一条", "增加一款", "增加一部分", "之后增加",
    "第三段", "第五段", "第七项", "作为第八项", "修改为：", "改为", "替换为", "删去", "删除", "废止",
    "中的", "后增加", "第四部分", "第一条", "第一款", "“", "”", "‘", "’", "《", "》", "：", "；", "。",
]


def esc(s):
    out = []
    for b in s.encode("utf-8"):
        c = chr(b)
        if c == "\\" or c == '"':
            out.append("\\" + c)
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append("\\x%02X" % b)
    return "".join(out)


def write(target, groups, title):
    seen = set()
    lines = ["# libFuzzer dictionary of fuzz/%s: %s." % (target, title),
             "# Generated by fuzz/dicts.py; edit the lists there."]
    for gname, words in groups:
        lines.append("")
        lines.append("# " + gname)
        for w in words:
            if w in seen:
                continue
            seen.add(w)
            shown = w.encode("unicode_escape").decode("ascii") if any(ord(c) < 0x20 or c in "\ufeff\u00a0\u3000\u2003\u200b\u00ad" for c in w) else w
            if any(ord(c) > 0x7E for c in w) or any(ord(c) < 0x20 for c in w):
                lines.append("# " + shown)
            lines.append('"%s"' % esc(w))
    path = os.path.join(HERE, target, "dict")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


write("import", [("white space and line ends", SPACE), ("Russian layout", RU), ("Chinese layout", ZH)],
      "the markers, formulas and punctuation of Russian and Chinese texts")
write("validate", [("XML and Akoma Ntoso", XML), ("white space", SPACE), ("Russian", RU), ("Chinese", ZH)],
      "Akoma Ntoso markup of the profile, and the words of both languages")
write("render", [("XML and Akoma Ntoso", XML), ("white space", SPACE), ("Russian", RU), ("Chinese", ZH)],
      "Akoma Ntoso markup of the profile, and the words of both languages")
write("check", [("separator of the two documents", ["\n%%%%\n"]), ("Russian", RU), ("Chinese", ZH),
                ("white space", SPACE), ("XML and Akoma Ntoso", XML)],
      "both languages, as text and as Akoma Ntoso")
write("amend", [("amending protocols", AMEND), ("XML and Akoma Ntoso", XML), ("Russian", RU), ("Chinese", ZH)],
      "amending protocols in Akoma Ntoso, and the words of both languages")
write("prose", [("separator of the two texts", ["\n%%%%\n"]), ("amending formulas", PROSE), ("Russian", RU),
                ("Chinese", ZH), ("white space", SPACE)],
      "amending protocols in prose: the formulas and the words of both languages")
