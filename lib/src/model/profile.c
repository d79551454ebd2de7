/*
 * The profile of document kinds (see model/model.h): the tables, eIds and the
 * numbering of divisions in both languages.
 */
#include <stdio.h>
#include <string.h>

#include "model/model.h"

#define BIT(d) (1u << (d))

static const struct px_div_info divs[PX_DIV_COUNT] = {
	[PX_DIV_NONE] = { PX_DIV_NONE, NULL, NULL, false, false, false, false, NULL, NULL, NULL },
	[PX_DIV_SECTION] = { PX_DIV_SECTION, "section", "sec", true, true, false, true, "раздел", "部分", "section" },
	[PX_DIV_CHAPTER] = { PX_DIV_CHAPTER, "chapter", "chp", true, false, false, true, "глава", "章", "chapter" },
	[PX_DIV_ARTICLE] = { PX_DIV_ARTICLE, "article", "art", true, false, true, true, "статья", "条", "article" },
	[PX_DIV_POINT] = { PX_DIV_POINT, "point", "point", true, false, false, false, "пункт", "点", "point" },
	[PX_DIV_PARA] = { PX_DIV_PARA, "paragraph", "para", false, false, false, false, "абзац", "段", "paragraph" },
};

const struct px_div_info *px_div_info(px_div d)
{
	return d > PX_DIV_NONE && d < PX_DIV_COUNT ? &divs[d] : &divs[PX_DIV_NONE];
}

px_div px_div_of_element(const char *name)
{
	for (int d = 1; name && d < PX_DIV_COUNT; d++)
		if (strcmp(divs[d].element, name) == 0)
			return (px_div)d;
	return PX_DIV_NONE;
}

/*
 * The kinds. To add one: a line here (its name, the words of a title that
 * name it, the divisions its mainBody may hold), the name in the docName
 * enumeration of schemas/paralex.xsd, and a line in docs/profile.md.
 */
static const struct px_kind_info kinds[] = {
	{ "programme", { "ПРОГРАММА", "ПЛАН", "КОНЦЕПЦИЯ" }, { "计划", "纲要", "规划", "构想" },
		BIT(PX_DIV_SECTION), true },
	{ "agreement", { "СОГЛАШЕНИЕ" }, { "协定" },
		BIT(PX_DIV_CHAPTER) | BIT(PX_DIV_ARTICLE) | BIT(PX_DIV_SECTION), false },
	{ "convention", { "КОНВЕНЦИЯ" }, { "公约" },
		BIT(PX_DIV_CHAPTER) | BIT(PX_DIV_ARTICLE), false },
	{ "charter", { "ХАРТИЯ", "УСТАВ" }, { "宪章", "章程" },
		BIT(PX_DIV_CHAPTER) | BIT(PX_DIV_ARTICLE), false },
	{ "treaty", { "ДОГОВОР" }, { "条约" },
		BIT(PX_DIV_CHAPTER) | BIT(PX_DIV_ARTICLE), false },
	{ "protocol", { "ПРОТОКОЛ" }, { "议定书" },
		BIT(PX_DIV_ARTICLE) | BIT(PX_DIV_POINT) | BIT(PX_DIV_SECTION), false },
	{ "memorandum", { "МЕМОРАНДУМ" }, { "备忘录" },
		BIT(PX_DIV_POINT) | BIT(PX_DIV_ARTICLE) | BIT(PX_DIV_SECTION), false },
	{ "statement", { "СОВМЕСТНОЕ", "ЗАЯВЛЕНИЕ" }, { "声明" },
		BIT(PX_DIV_PARA) | BIT(PX_DIV_POINT), false },
	{ "declaration", { "ДЕКЛАРАЦИЯ" }, { "宣言" },
		BIT(PX_DIV_PARA) | BIT(PX_DIV_POINT), false },
	{ "communique", { "КОММЮНИКЕ", "ИНФОРМАЦИОННОЕ" }, { "公报" },
		BIT(PX_DIV_PARA) | BIT(PX_DIV_POINT), false },
#ifdef PX_PROFILE_TEST_KIND
#include "test_kind.inc" /* tests/test_kind_added.c: a kind added as docs/profile.md says */
#endif
};

size_t px_kind_count(void)
{
	return sizeof kinds / sizeof kinds[0];
}

const struct px_kind_info *px_kind_at(size_t i)
{
	return i < px_kind_count() ? &kinds[i] : NULL;
}

const struct px_kind_info *px_kind_find(const char *name)
{
	for (size_t i = 0; name && i < px_kind_count(); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

/* Where `w` stands in s[0..len) as a word of its own, or (size_t)-1. */
static size_t word_at(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	for (size_t i = 0; i + n <= len; i++) {
		if (memcmp(s + i, w, n) != 0)
			continue;
		bool start = i == 0 || s[i - 1] == ' ' || s[i - 1] == '"' || (unsigned char)s[i - 1] == 0xAB;
		bool end = i + n == len || s[i + n] == ' ' || s[i + n] == ',' || s[i + n] == '.';
		if (start && end)
			return i;
	}
	return (size_t)-1;
}

const struct px_kind_info *px_kind_from_title(px_lang lang, const char *title, size_t len)
{
	bool zh = lang == PX_LANG_ZH;
	/* Russian: the first word of the title names the kind (ПРОТОКОЛ о внесении
	 * изменений в Соглашение … is a protocol); upper case or not */
	const struct px_kind_info *best = NULL;
	size_t best_at = (size_t)-1;
	for (size_t k = 0; k < px_kind_count(); k++) {
		const char *const *words = zh ? kinds[k].zh_words : kinds[k].ru_words;
		for (int j = 0; j < 4 && words[j]; j++) {
			if (zh) {
				/* Chinese: the last kind word of the title (……协定的议定书 is a protocol) */
				size_t n = strlen(words[j]);
				for (size_t i = 0; i + n <= len; i++)
					if (memcmp(title + i, words[j], n) == 0 && (best_at == (size_t)-1 || i > best_at)) {
						best = &kinds[k];
						best_at = i;
					}
				continue;
			}
			size_t at = word_at(title, len, words[j]);
			if (at != (size_t)-1 && (best_at == (size_t)-1 || at < best_at)) {
				best = &kinds[k];
				best_at = at;
			}
		}
	}
	if (best || zh)
		return best;
	/* a title in mixed case: Соглашение между … */
	static const char *const lower[][2] = { { "Программа", "programme" }, { "Соглашение", "agreement" },
		{ "Конвенция", "convention" }, { "Хартия", "charter" }, { "Договор", "treaty" }, { "Протокол", "protocol" },
		{ "Меморандум", "memorandum" }, { "Совместное заявление", "statement" }, { "Заявление", "statement" },
		{ "Декларация", "declaration" }, { "Коммюнике", "communique" }, { "План", "programme" } };
	for (size_t i = 0; i < sizeof lower / sizeof lower[0]; i++)
		if (len >= strlen(lower[i][0]) && memcmp(title, lower[i][0], strlen(lower[i][0])) == 0)
			return px_kind_find(lower[i][1]);
	return NULL;
}

/* ---- eIds ---------------------------------------------------------------- */

const char *px_eid_abbr(const char *element)
{
	static const char *const map[][2] = {
		{ "p", "p" }, { "recitals", "recs" }, { "recital", "rec" }, { "formula", "formula" },
		{ "blockList", "list" }, { "item", "item" }, { "blockContainer", "blockContainer" },
		{ "paragraph", "para" }, { "section", "sec" }, { "chapter", "chp" }, { "article", "art" },
		{ "point", "point" },
	};
	for (size_t i = 0; element && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(element, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

int px_eid_part(px_div d, int value, int sub, char *out, size_t size)
{
	const struct px_div_info *di = px_div_info(d);
	if (!di->abbr || value <= 0)
		return -1;
	char num[32];
	if (di->roman && px_roman_format(value, num, sizeof num) == 0)
		;
	else
		snprintf(num, sizeof num, "%d", value);
	int n = sub > 0 ? snprintf(out, size, "%s_%s-%d", di->abbr, num, sub) : snprintf(out, size, "%s_%s", di->abbr, num);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* ---- numbering ----------------------------------------------------------- */

/* Is s[0..len) made of characters of Chinese numerals only? */
static bool hanzi_numeral(const char *s, size_t len)
{
	static const char *const chars[] = { "零", "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
		"百", "千", "两" };
	if (!len)
		return false;
	for (size_t i = 0; i < len;) {
		bool ok = false;
		for (size_t k = 0; k < sizeof chars / sizeof chars[0] && !ok; k++)
			if (i + 3 <= len && memcmp(s + i, chars[k], 3) == 0)
				ok = true;
		if (!ok)
			return false;
		i += 3;
	}
	return true;
}

int px_numeral_value(const char *s, size_t len, bool *arabic)
{
	bool ar = false;
	if (arabic)
		*arabic = false;
	if (!len || len > 48)
		return 0;
	/* digits, ASCII or full width (０ = EF BC 90 … ９ = EF BC 99) */
	long v = 0;
	size_t i = 0;
	while (i < len) {
		if (s[i] >= '0' && s[i] <= '9') {
			v = v * 10 + (s[i] - '0');
			i++;
		} else if (i + 3 <= len && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
			(unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
			v = v * 10 + ((unsigned char)s[i + 2] - 0x90);
			i += 3;
		} else {
			break;
		}
		ar = true;
		if (v > 99999)
			return 0;
	}
	if (ar) {
		if (i != len || v <= 0)
			return 0;
		if (arabic)
			*arabic = true;
		return (int)v;
	}
	size_t r = 0;
	while (r < len && s[r] && strchr("IVXLCDM", s[r]))
		r++;
	if (r == len)
		return px_roman_parse(s, len);
	if (hanzi_numeral(s, len))
		return px_hanzi_parse(s, len);
	return 0;
}

/* Strip `lit` from the start of *s (advancing it) when it is there. */
static bool eat(const char **s, size_t *len, const char *lit)
{
	size_t n = strlen(lit);
	if (*len >= n && memcmp(*s, lit, n) == 0) {
		*s += n;
		*len -= n;
		return true;
	}
	return false;
}

static bool eat_tail(const char *s, size_t *len, const char *lit)
{
	size_t n = strlen(lit);
	if (*len >= n && memcmp(s + *len - n, lit, n) == 0) {
		*len -= n;
		return true;
	}
	return false;
}

static void trim(const char **s, size_t *len)
{
	while (*len && **s == ' ') {
		(*s)++;
		(*len)--;
	}
	while (*len && (*s)[*len - 1] == ' ')
		(*len)--;
}

int px_div_num_value(px_div d, const char *s, size_t len, int *sub)
{
	*sub = 0;
	trim(&s, &len);
	switch (d) {
	case PX_DIV_CHAPTER:
		if (eat(&s, &len, "Глава") || eat(&s, &len, "ГЛАВА") || eat(&s, &len, "глава")) {
			trim(&s, &len);
			eat_tail(s, &len, ".");
			return px_numeral_value(s, len, NULL);
		}
		if (eat(&s, &len, "第") && eat_tail(s, &len, "章"))
			return px_numeral_value(s, len, NULL);
		break;
	case PX_DIV_ARTICLE:
		if (eat(&s, &len, "Статья") || eat(&s, &len, "СТАТЬЯ") || eat(&s, &len, "статья")) {
			trim(&s, &len);
			eat_tail(s, &len, ".");
			/* 8.1: an article inserted after article 8 */
			const char *dot = memchr(s, '.', len);
			if (dot) {
				int a = px_numeral_value(s, (size_t)(dot - s), NULL);
				int b = px_numeral_value(dot + 1, len - (size_t)(dot - s) - 1, NULL);
				if (a > 0 && b > 0) {
					*sub = b;
					return a;
				}
				return 0;
			}
			return px_numeral_value(s, len, NULL);
		}
		if (eat(&s, &len, "第")) {
			/* 第八条之一 */
			const char *zhi = NULL;
			for (size_t i = 0; i + 6 <= len; i++)
				if (memcmp(s + i, "条之", 6) == 0)
					zhi = s + i;
			if (zhi) {
				int a = px_numeral_value(s, (size_t)(zhi - s), NULL);
				int b = px_numeral_value(zhi + 6, len - (size_t)(zhi - s) - 6, NULL);
				if (a > 0 && b > 0) {
					*sub = b;
					return a;
				}
				return 0;
			}
			if (eat_tail(s, &len, "条"))
				return px_numeral_value(s, len, NULL);
		}
		break;
	case PX_DIV_SECTION:
	case PX_DIV_POINT:
	case PX_DIV_PARA:
		if (eat(&s, &len, "（") || eat(&s, &len, "(")) {
			if (eat_tail(s, &len, "）") || eat_tail(s, &len, ")"))
				return px_numeral_value(s, len, NULL);
			return 0;
		}
		if (eat_tail(s, &len, "、") || eat_tail(s, &len, ".") || eat_tail(s, &len, "．") || eat_tail(s, &len, ")"))
			return px_numeral_value(s, len, NULL);
		break;
	default:
		break;
	}
	return 0;
}

int px_div_num_write(px_div d, px_lang lang, int value, char *out, size_t size)
{
	bool zh = lang == PX_LANG_ZH;
	char n[64];
	if (value <= 0)
		return -1;
	if (zh && px_hanzi_format(value, n, sizeof n) < 0)
		return -1;
	int r;
	switch (d) {
	case PX_DIV_SECTION:
		if (!zh && px_roman_format(value, n, sizeof n) < 0)
			return -1;
		r = snprintf(out, size, zh ? "%s、" : "%s.", n);
		break;
	case PX_DIV_CHAPTER:
		if (!zh && px_roman_format(value, n, sizeof n) < 0)
			return -1;
		r = snprintf(out, size, zh ? "第%s章" : "Глава %s", n);
		break;
	case PX_DIV_ARTICLE:
		r = zh ? snprintf(out, size, "第%s条", n) : snprintf(out, size, "Статья %d", value);
		break;
	case PX_DIV_POINT:
	case PX_DIV_PARA:
		r = zh ? snprintf(out, size, "%s、", n) : snprintf(out, size, "%d.", value);
		break;
	default:
		return -1;
	}
	return r < 0 || (size_t)r >= size ? -1 : 0;
}

/* ---- the typed blocks of a document --------------------------------------- */

bool px_is_division(xmlNodePtr n)
{
	if (!n || n->type != XML_ELEMENT_NODE || !n->ns || !xmlStrEqual(n->ns->href, (const xmlChar *)PX_AKN_NS))
		return false;
	px_div d = px_div_of_element((const char *)n->name);
	return d != PX_DIV_NONE && (d != PX_DIV_PARA || px_is(n->parent, "mainBody"));
}

static bool has_child(xmlNodePtr p, const char *name)
{
	for (xmlNodePtr c = p->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && px_is(c, name))
			return true;
	return false;
}

/* Is the p (with a signature) the one of its block that names who signs?
 * The first p of a blockContainer is; a later one holds the signer's name
 * (or a mark), and so does a p whose signature names only a person. */
static bool names_signatory(xmlNodePtr p)
{
	xmlNodePtr parent = p->parent;
	if (parent && px_is(parent, "blockContainer")) {
		xmlNodePtr first = px_first_el(parent);
		while (first && !px_is(first, "p"))
			first = px_next_el(first);
		if (first != p)
			return false;
	}
	bool person = false, other = false;
	for (xmlNodePtr sig = px_first_el(p); sig; sig = px_next_el(sig)) {
		if (!px_is(sig, "signature"))
			continue;
		for (xmlNodePtr c = px_first_el(sig); c; c = px_next_el(c)) {
			if (px_is(c, "person"))
				person = true;
			else
				other = true;
		}
	}
	return !person || other;
}

struct walk {
	px_block_fn fn;
	void *payload;
	px_part part;
	xmlNodePtr division;
	int level; /* lists open around the node */
};

static int walk_blocks(struct walk *w, xmlNodePtr node)
{
	int rc = 0;
	for (xmlNodePtr c = px_first_el(node); c && rc == 0; c = px_next_el(c)) {
		px_block b = { 0 };
		b.node = c;
		b.eid = px_attr(c, "eId");
		b.part = w->part;
		b.division = w->division;
		b.div = w->division ? px_div_of_element((const char *)w->division->name) : PX_DIV_NONE;
		if (px_is_division(c)) {
			b.kind = PX_BLOCK_DIVISION;
			b.heading = px_child(c, "heading");
			b.division = c;
			b.div = px_div_of_element((const char *)c->name);
			if ((rc = w->fn(w->payload, &b)) != 0)
				return rc;
			xmlNodePtr outer = w->division;
			w->division = c;
			rc = walk_blocks(w, c);
			w->division = outer;
		} else if (px_is(c, "p")) {
			const char *cls = px_attr(c, "class");
			if (cls && strcmp(cls, "signingMark") == 0) {
				b.kind = PX_BLOCK_MARK;
			} else if (has_child(c, "signature")) {
				b.kind = names_signatory(c) ? PX_BLOCK_SIGNATORY : PX_BLOCK_SIGNER;
			} else if (px_is(node, "item")) {
				b.kind = PX_BLOCK_ITEM;
				b.level = w->level - 1;
				xmlNodePtr n = px_next_el(node);
				while (n && !px_is(n, "item"))
					n = px_next_el(n);
				b.last_item = n == NULL;
			} else {
				b.kind = w->part == PX_PART_PREFACE && has_child(c, "docTitle") ? PX_BLOCK_TITLE : PX_BLOCK_P;
			}
			rc = w->fn(w->payload, &b);
		} else if (px_is(c, "num") || px_is(c, "heading")) {
			continue;
		} else {
			bool list = px_is(c, "blockList");
			w->level += list;
			rc = walk_blocks(w, c);
			w->level -= list;
		}
	}
	return rc;
}

int px_blocks_each(xmlNodePtr root, px_block_fn fn, void *payload)
{
	static const char *const parts[] = { "preface", "preamble", "mainBody", "conclusions" };
	struct walk w = { fn, payload, PX_PART_PREFACE, NULL, 0 };
	for (size_t i = 0; root && i < sizeof parts / sizeof parts[0]; i++) {
		xmlNodePtr part = px_child(root, parts[i]);
		if (!part)
			continue;
		w.part = (px_part)i;
		int rc = walk_blocks(&w, part);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* ---- an eId as a reader says it ------------------------------------------ */

void px_eid_reader(const char *eid, char *out, size_t size)
{
	if (!size)
		return;
	out[0] = '\0';
	if (!eid || !*eid)
		return;
	size_t n = 0;
	bool in_list = false, in_block = false;
	char part[PX_EID_MAX];
	for (const char *p = eid; *p;) {
		/* parts are ABBR_NUM, joined by "__"; a number may hold "-" (art_8-1) */
		const char *sep = strstr(p, "__");
		size_t pl = sep ? (size_t)(sep - p) : strlen(p);
		if (pl >= sizeof part)
			return;
		memcpy(part, p, pl);
		part[pl] = '\0';
		p += pl + (sep ? 2 : 0);
		char *num = strrchr(part, '_');
		const char *abbr = part, *v = NULL;
		if (num) {
			*num = '\0';
			v = num + 1;
		}
		const char *say = NULL;
		char buf[96];
		buf[0] = '\0';
		if (strcmp(abbr, "preface") == 0)
			say = "title";
		else if (strcmp(abbr, "preamble") == 0)
			say = "preamble";
		else if (strcmp(abbr, "conclusions") == 0 && strncmp(p, "blockContainer_", 15) == 0)
			continue; /* a signature block says it */
		else if (strcmp(abbr, "conclusions") == 0)
			say = "final clauses";
		else if (strcmp(abbr, "recs") == 0 || strcmp(abbr, "formula") == 0 || strcmp(abbr, "list") == 0)
			continue; /* the recital, the item say it */
		else if (strcmp(abbr, "rec") == 0 && v)
			snprintf(buf, sizeof buf, "recital %s", v);
		else if (strcmp(abbr, "item") == 0 && v) {
			snprintf(buf, sizeof buf, "%s %s", in_list ? "sub-item" : "item", v);
			in_list = true;
		} else if (strcmp(abbr, "blockContainer") == 0 && v) {
			snprintf(buf, sizeof buf, "signature block %s", v);
			in_block = true;
		} else if (strcmp(abbr, "p") == 0 && v) {
			/* the first paragraph of a unit is the unit itself */
			if (strcmp(v, "1") == 0 && (n || in_block || in_list))
				continue;
			snprintf(buf, sizeof buf, "%s %s", in_block ? "line" : "paragraph", v);
		} else {
			px_div d = PX_DIV_NONE;
			for (int k = 1; k < PX_DIV_COUNT; k++)
				if (divs[k].abbr && strcmp(divs[k].abbr, abbr) == 0)
					d = (px_div)k;
			if (d == PX_DIV_NONE || !v) {
				out[0] = '\0';
				return;
			}
			char val[32];
			snprintf(val, sizeof val, "%s", v);
			for (char *q = val; *q; q++)
				if (*q == '-')
					*q = '.';
			snprintf(buf, sizeof buf, "%s %s", divs[d].en_name, val);
		}
		const char *w = say ? say : buf;
		int k = snprintf(out + n, size - n, "%s%s", n ? ", " : "", w);
		if (k < 0 || (size_t)k >= size - n) {
			out[0] = '\0';
			return;
		}
		n += (size_t)k;
	}
}
