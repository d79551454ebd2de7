#!/usr/bin/env python3
"""Derive the parity-check test pairs from the shipped examples.

Each case changes one side (or both) of examples/programme.{ru,zh}.xml, or of
an amending protocol (examples/amendments/protocol-*.{ru,zh}.xml, the case's
base=… in CASES), with one injected defect, or with a legitimate variation (a
control). Only the changed side is written: cases/NAME.ru.xml and/or
cases/NAME.zh.xml; the test uses the shipped file for the other side. The
expectations are in CASES. Run from the repository root after changing the
examples:
    python3 tests/data/check/make_cases.py
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(ROOT, '..', '..', '..', 'examples')


def read(name):
    return open(os.path.join(SRC, name), encoding='utf-8').read()


RU, ZH = read('programme.ru.xml'), read('programme.zh.xml')
P25_RU, P25_ZH = read('amendments/protocol-2025.ru.xml'), read('amendments/protocol-2025.zh.xml')


def sub1(text, old, new):
    """Replace exactly one occurrence (fail loudly otherwise)."""
    n = text.count(old)
    if n != 1:
        sys.exit(f'expected one {old!r}, found {n}')
    return text.replace(old, new)


def p_text(text, eid):
    m = re.search(r'<p eId="%s">(.*?)</p>' % re.escape(eid), text)
    if not m:
        sys.exit(f'no p {eid}')
    return m.group(1)


def set_p(text, eid, new):
    old = '<p eId="%s">%s</p>' % (eid, p_text(text, eid))
    return sub1(text, old, '<p eId="%s">%s</p>' % (eid, new))


def drop_item(text, list_eid, n):
    """Remove item n of a list and renumber the items after it."""
    m = re.search(r'\n *<item eId="%s__item_%d">.*?</item>' % (re.escape(list_eid), n), text, re.S)
    text = text[:m.start()] + text[m.end():]
    def ren(mm):
        k = int(mm.group(1))
        return '%s__item_%d' % (list_eid, k - 1 if k > n else k)
    return re.sub(r'%s__item_(\d+)' % re.escape(list_eid), ren, text)


def drop_recital(text, n):
    m = re.search(r'\n *<recital eId="preamble__recs_1__rec_%d">.*?</recital>' % n, text, re.S)
    text = text[:m.start()] + text[m.end():]
    def ren(mm):
        k = int(mm.group(1))
        return 'preamble__recs_1__rec_%d' % (k - 1 if k > n else k)
    return re.sub(r'preamble__recs_1__rec_(\d+)', ren, text)


def swap_p(text, e1, e2):
    t1, t2 = p_text(text, e1), p_text(text, e2)
    text = set_p(text, e1, '\x00SWAP\x00')
    text = set_p(text, e2, t1)
    return set_p(text, e1, t2)


cases = {}   # name -> (ru or None, zh or None)

# --- dates
cases['date-changed'] = (None, sub1(ZH, '本纲要于2022年9月16日', '本纲要于2022年9月17日'))
cases['date-missing'] = (None, sub1(ZH, '本纲要于2022年9月16日在', '本纲要在'))
cases['date-han-control'] = (None, sub1(ZH, '本纲要于2022年9月16日', '本纲要于二〇二二年九月十六日'))
cases['date-fullwidth-control'] = (None, sub1(ZH, '本纲要于2022年9月16日', '本纲要于２０２２年９月１６日'))
cases['date-russian-g-control'] = (sub1(RU, 'Самарканде 16 сентября 2022 года', 'Самарканде 16 сентября 2022 г.'), None)
cases['instrument-date-swapped'] = (None, sub1(sub1(sub1(ZH, '遵循2002年6月7日《', '遵循\x01《'),
    '和2007年8月16日《', '和2002年6月7日《'), '遵循\x01《', '遵循2007年8月16日《'))
# --- numbers
cases['range-changed'] = (None, sub1(ZH, '〉2021—2025年落实', '〉2021—2024年落实'))
cases['range-dash-control'] = (None, sub1(ZH, '〉2021—2025年落实', '〉2021–2025年落实'))
cases['ordinal-changed'] = (None, sub1(ZH, '第十九次', '第二十次'))
cases['year-missing'] = (None, sub1(ZH, '2019年和2020年上合组织', '2019年上合组织'))
# cardinals in words: copies, days, months; digits against words
cases['copies-count-changed'] = (None, sub1(ZH, '正本一份', '正本两份'))
cases['copies-count-changed-ru'] = (sub1(RU, 'в одном подлинном экземпляре', 'в двух подлинных экземплярах'), None)
DAYS_RU = 'они будут решаться путем взаимных консультаций в течение %s дней.'
DAYS_ZH = '将在%s天内通过相互协商解决。'
def days(ru, zh):
    return (sub1(RU, 'они будут решаться путем взаимных консультаций.', DAYS_RU % ru),
            sub1(ZH, '将通过相互协商解决。', DAYS_ZH % zh))
cases['days-in-words-control'] = days('тридцати', '三十')
cases['days-in-words-changed'] = days('тридцати', '六十')
cases['days-digits-words-control'] = days('30', '三十')
cases['days-digits-words-changed'] = days('30', '六十')
cases['days-words-digits-changed'] = days('тридцати', '60')
cases['days-hundreds-control'] = days('двухсот двадцати', '二百二十')
cases['days-hundreds-changed'] = days('двухсот двадцати', '二百三十')
cases['months-in-words-control'] = (
    sub1(RU, 'могут вноситься изменения и дополнения.', 'могут вноситься изменения и дополнения, вступающие в силу через шесть месяцев.'),
    sub1(ZH, '可对本纲要进行修改和补充。', '可对本纲要进行修改和补充，修改和补充自六个月后生效。'))
cases['both-parties-control'] = (sub1(RU, 'по взаимному согласию Сторон', 'по взаимному согласию обеих Сторон'), None)
cases['two-texts-control'] = (None, sub1(ZH, '两种文本同等作准', '各文本同等作准'))
# dates and numbers written otherwise: spaces in a Chinese date, a numeric
# Russian date, ranges in words and with 至, percentages in words
cases['date-zh-spaces-control'] = (None, sub1(ZH, '本纲要于2022年9月16日', '本纲要于2022 年 9 月 16 日'))
cases['date-zh-spaces-changed'] = (None, sub1(ZH, '本纲要于2022年9月16日', '本纲要于2022 年 9 月 17 日'))
cases['date-ru-numeric-control'] = (sub1(RU, 'Самарканде 16 сентября 2022 года', 'Самарканде 16.09.2022'), None)
cases['date-ru-numeric-changed'] = (sub1(RU, 'Самарканде 16 сентября 2022 года', 'Самарканде 17.09.2022'), None)
cases['range-zhi-control'] = (None, sub1(ZH, '2021—2025年', '2021年至2025年'))
def consult(ru, zh):
    return (sub1(RU, 'они будут решаться путем взаимных консультаций.', 'они будут решаться путем взаимных консультаций ' + ru + '.'),
            sub1(ZH, '将通过相互协商解决。', zh))
cases['range-s-po-control'] = consult('с 2023 года по 2025 год', '将于2023年至2025年通过相互协商解决。')
cases['range-ot-do-control'] = consult('в срок от 2 до 5 месяцев', '将在2至5个月内通过相互协商解决。')
cases['range-ot-do-changed'] = consult('в срок от 2 до 5 месяцев', '将在2至6个月内通过相互协商解决。')
cases['percent-words-control'] = consult('не менее чем на 50%', '将通过相互协商解决，不少于百分之五十。')
cases['percent-words-changed'] = consult('не менее чем на 50%', '将通过相互协商解决，不少于百分之六十。')
cases['thousands-control'] = consult('с участием двух тысяч специалистов', '将在两千名专家参与下通过相互协商解决。')
cases['thousands-changed'] = consult('с участием двух тысяч специалистов', '将在三千名专家参与下通过相互协商解决。')
cases['ten-thousand-control'] = consult('с участием десяти тысяч специалистов', '将在一万名专家参与下通过相互协商解决。')
cases['group-comma-zh-control'] = consult('с участием 1 500 специалистов', '将在1,500名专家参与下通过相互协商解决。')
cases['group-fullwidth-zh-control'] = consult('с участием 1 500 специалистов', '将在１，５００名专家参与下通过相互协商解决。')
cases['decimal-control'] = consult('в объеме 1,5 процента', '将按1.5%的比例通过相互协商解决。')
cases['decimal-changed'] = consult('в объеме 1,5 процента', '将按2.5%的比例通过相互协商解决。')
# --- places and organizations
cases['place-changed'] = (None, sub1(ZH, '撒马尔罕市', '塔什干市'))
cases['org-short-name-control'] = (None, sub1(ZH, '本纲要的目标是发展上合组织成员国', '本纲要的目标是发展上海合作组织成员国'))
cases['org-missing'] = (None, sub1(ZH, '本纲要正本由上合组织秘书处保存，秘书处将', '本纲要正本由保存方保存，保存方将'))
# --- references
cases['title-quotes-missing'] = (None, sub1(ZH, '落实本纲要的“路线图”', '落实本纲要的路线图'))
# --- untranslated
cases['cyrillic-in-chinese'] = (None, sub1(ZH, '——相互尊重国家利益；', '——相互尊重национальных интересов；') if '——相互尊重国家利益；' in ZH
    else set_p(ZH, 'sec_III__list_1__item_2__p_1', '相互尊重национальных интересов；'))
cases['han-in-russian'] = (set_p(RU, 'sec_III__list_1__item_2__p_1', 'взаимное уважение 国家利益;'), None)
# --- omissions and additions
t = p_text(ZH, 'sec_I__p_1')
cases['truncated'] = (None, set_p(ZH, 'sec_I__p_1', t[:len(t) // 2] + '。'))
two_ru = p_text(RU, 'sec_VI__p_1') + ' ' + p_text(RU, 'sec_VI__p_3')
two_zh = p_text(ZH, 'sec_VI__p_1') + p_text(ZH, 'sec_VI__p_3')
cases['two-sentences-control'] = (set_p(RU, 'sec_VI__p_1', two_ru), set_p(ZH, 'sec_VI__p_1', two_zh))
cases['sentence-missing'] = (set_p(RU, 'sec_VI__p_1', two_ru), None)
cases['sentence-added'] = (None, set_p(ZH, 'sec_VI__p_4', p_text(ZH, 'sec_VI__p_4') + p_text(ZH, 'sec_VI__p_3')))
# --- structure
cases['item-missing'] = (None, drop_item(ZH, 'sec_II__list_1', 3))
cases['recital-missing'] = (None, drop_recital(ZH, 4))
m_zh = p_text(ZH, 'sec_VI__p_3') + p_text(ZH, 'sec_VI__p_4')
z = set_p(ZH, 'sec_VI__p_3', m_zh)
z = sub1(z, '\n          <p eId="sec_VI__p_4">%s</p>' % p_text(z, 'sec_VI__p_4'), '')
z = sub1(z, 'eId="sec_VI__p_5"', 'eId="sec_VI__p_4"')
cases['merged'] = (None, z)
cases['items-swapped'] = (None, swap_p(ZH, 'sec_II__list_1__item_2__p_1', 'sec_II__list_1__item_3__p_1'))
# swaps that are not neighbours: in one list, and across sections
cases['items-swapped-far'] = (None, swap_p(ZH, 'sec_II__list_1__item_2__p_1', 'sec_II__list_1__item_6__p_1'))
cases['items-swapped-across-sections'] = (None, swap_p(ZH, 'sec_II__list_1__item_3__p_1', 'sec_III__list_1__item_3__p_1'))
# three units rotated (each takes the text of the next): in one list, across sections
def rotate(text, eids):
    texts = [p_text(text, e) for e in eids]
    for k, e in enumerate(eids):
        text = set_p(text, e, '\x02%d\x02' % k)
    for k in range(len(eids)):
        text = text.replace('\x02%d\x02' % k, texts[(k + 1) % len(eids)])
    return text
cases['items-rotated'] = (None, rotate(ZH, ['sec_II__list_1__item_2__p_1', 'sec_II__list_1__item_5__p_1',
    'sec_II__list_1__item_8__p_1']))
cases['units-rotated-across-sections'] = (None, rotate(ZH, ['sec_II__list_1__item_2__p_1',
    'sec_III__list_1__item_5__p_1', 'sec_V__p_1']))
# item 3 of section II moved into the list of section III (both renumbered)
m = re.search(r'\n *<item eId="sec_II__list_1__item_3">.*?</item>', ZH, re.S)
item = m.group(0)
z = ZH[:m.start()] + ZH[m.end():]
for k in range(4, 12):
    z = z.replace('sec_II__list_1__item_%d"' % k, 'sec_II__list_1__item_%d"' % (k - 1))
    z = z.replace('sec_II__list_1__item_%d__' % k, 'sec_II__list_1__item_%d__' % (k - 1))
item = item.replace('sec_II__list_1__item_3', 'sec_III__list_1__item_7').replace('。', '；')
z = z.replace('sec_III__list_1__item_7', 'sec_III__list_1__item_8')
m = re.search(r'\n *<item eId="sec_III__list_1__item_6">.*?</item>', z, re.S)
cases['item-moved-across-sections'] = (None, z[:m.end()] + item + z[m.end():])
# item 2 moved to the end of the list (before the last one)
z = ZH
items = [p_text(ZH, 'sec_II__list_1__item_%d__p_1' % k) for k in range(1, 12)]
moved = items[:1] + items[2:10] + items[1:2] + items[10:]
for k in range(11):
    z = set_p(z, 'sec_II__list_1__item_%d__p_1' % (k + 1), '\x02%d\x02' % k)
for k in range(11):
    z = z.replace('\x02%d\x02' % k, moved[k])
cases['item-moved'] = (None, z)
m = re.search(r'\n *<section eId="sec_VI">.*?</section>', ZH, re.S)
cases['section-missing'] = (None, ZH[:m.start()] + ZH[m.end():])
# section III dropped, the sections after it renumbered (eIds and numbers)
m = re.search(r'\n *<section eId="sec_III">.*?</section>', ZH, re.S)
z = ZH[:m.start()] + ZH[m.end():]
for old, new, num_old, num_new in (('sec_IV', 'sec_III', '四、', '三、'), ('sec_V', 'sec_IV', '五、', '四、'),
                                   ('sec_VI', 'sec_V', '六、', '五、')):
    z = z.replace('"%s"' % old, '"%s"' % new).replace('"%s__' % old, '"%s__' % new)
    z = sub1(z, '<num>%s</num>' % num_old, '<num>%s</num>' % num_new)
cases['section-missing-middle'] = (None, z)
cases['section-number'] = (None, sub1(ZH, '<num>三、</num>', '<num>四、</num>'))
m = re.search(r'(<section eId="sec_IV">\s*<num>四、</num>)\s*<heading>[^<]*</heading>', ZH)
cases['heading-missing'] = (None, ZH[:m.start()] + m.group(1) + ZH[m.end():])
# --- signatories
m = re.search(r'\n *<blockContainer eId="conclusions__blockContainer_8".*?</blockContainer>', ZH, re.S)
cases['signatory-missing'] = (None, ZH[:m.start()] + ZH[m.end():])
cases['signatories-swapped'] = (None, swap_p(ZH, 'conclusions__blockContainer_2__p_1', 'conclusions__blockContainer_3__p_1'))
cases['signatory-changed'] = (None, sub1(ZH, '<organization refersTo="#kg-mes"><organization refersTo="#kg">吉尔吉斯共和国</organization>教育和科学部</organization>',
    '<organization refersTo="#by-minedu"><organization refersTo="#by">白俄罗斯共和国</organization>教育部</organization>'))
cases['signature-text-mismatch'] = (None, sub1(ZH, '<organization refersTo="#kg">吉尔吉斯共和国</organization>', '<organization refersTo="#kg">塔吉克斯坦共和国</organization>'))
# --- punctuation and typography
cases['item-end-punctuation'] = (None, sub1(ZH, '相互尊重国家利益；', '相互尊重国家利益。'))
cases['unbalanced-bracket'] = (None, sub1(ZH, '（总理）', '（总理'))
cases['ascii-comma'] = (None, sub1(ZH, '本纲要自签署之日起根据上述', '本纲要自签署之日起,根据上述'))
cases['double-space'] = (sub1(RU, 'Стороны осуществляют сотрудничество', 'Стороны  осуществляют сотрудничество'), None)
# --- legitimate variation
cases['nbsp-control'] = (sub1(RU, 'Самарканде 16 сентября 2022 года', 'Самарканде 16\u00a0сентября\u00a02022\u00a0года'), None)
cases['ideographic-space-control'] = (None, sub1(ZH, '本纲要自签署之日起', '本纲要\u3000自签署之日起'))
cases['line-wrap-control'] = (sub1(RU, 'Настоящая Программа подписана в городе Самарканде', 'Настоящая Программа подписана\n            в городе Самарканде'), None)
cases['thousands-group-control'] = (
    sub1(RU, 'в каждом случае отдельно.', 'в каждом случае отдельно, с участием не менее 1\u00a0500 исследователей.'),
    sub1(ZH, '逐案单独商定的双边和多边协议实施。', '逐案单独商定的双边和多边协议实施，参与研究人员不少于1500名。'))
cases['bullet-dash-control'] = (RU.replace('<num>—</num>', '<num>–</num>'), ZH.replace('<num>——</num>', '<num>—</num>'))
# enumeration inside a paragraph, after a colon and semicolons, is structure too
inline_ru = sub1(RU, 'осуществляется на основе двусторонних и многосторонних договоренностей между заинтересованными Сторонами',
    'осуществляется: 1) на основе двусторонних договоренностей; 2) на основе многосторонних договоренностей между заинтересованными Сторонами')
inline_zh = sub1(ZH, '本纲要框架内的联合项目根据有关各方之间逐案单独商定的双边和多边协议实施。',
    '本纲要框架内的联合项目：（一）根据双边协议实施；（二）根据有关各方之间逐案单独商定的多边协议实施。')
cases['inline-enumeration-control'] = (inline_ru, inline_zh)
cases['inline-marker-changed'] = (inline_ru, sub1(inline_zh, '；（二）', '；（三）'))

# --- amending protocols (base=examples/amendments/protocol-2025 in CASES)
# enumeration markers are structure: 3) ↔ （二）
cases['protocol-marker-changed'] = (sub1(P25_RU, '2) в абзаце четвертом раздела III', '3) в абзаце четвертом раздела III'), None)
# a reference to a section: раздел II ↔ 第三部分
cases['protocol-section-ref'] = (None, sub1(P25_ZH, '（一）在第二部分第十一段之后', '（一）在第三部分第十一段之后'))
# an ordinal in words: абзац второй ↔ 第三段
cases['protocol-ordinal'] = (None, sub1(P25_ZH, '（三）将第五部分第二段修改为', '（三）将第五部分第三段修改为'))
# letters as markers (а) … д) ↔ （一）…（五）) and ё in an ordinal are legitimate
r = P25_RU
for k, letter in enumerate('абвгд'):
    r = sub1(r, '<mod eId="mod_%d">%d) ' % (k + 1, k + 1), '<mod eId="mod_%d">%s) ' % (k + 1, letter))
cases['protocol-letter-marker-control'] = (sub1(r, 'в абзаце четвертом', 'в абзаце четвёртом'), None)

os.makedirs(os.path.join(ROOT, 'cases'), exist_ok=True)
for name, (ru, zh) in sorted(cases.items()):
    for lang, text in (('ru', ru), ('zh', zh)):
        path = os.path.join(ROOT, 'cases', '%s.%s.xml' % (name, lang))
        if text is None:
            if os.path.exists(path):
                os.remove(path)
            continue
        if '\x00' in text or '\x01' in text or '\x02' in text:
            sys.exit(f'{name}: placeholder left')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
print(len(cases), 'cases')
