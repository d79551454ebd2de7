/*
 * Import, what a line begins: the characters of a line, the openings of a
 * Russian and of a Chinese line, the markers of numbered paragraphs and list
 * items, the headings of chapters and articles (both languages).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "import/import_int.h"

/* ---- characters ---------------------------------------------------------- */

uint32_t imp_first_cp(const char *s, size_t len)
{
	uint32_t cp = 0;
	if (len)
		px_utf8_decode(s, len, &cp);
	return cp;
}

/* The code point that ends s[0..len) and its start. */
static uint32_t cp_before(const char *s, size_t len, size_t *start)
{
	if (!len) {
		*start = 0;
		return 0;
	}
	size_t b = len - 1;
	while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
		b--;
	uint32_t cp;
	px_utf8_decode(s + b, len - b, &cp);
	*start = b;
	return cp;
}

/* The last punctuation of a text, looking through closing quotes and brackets. */
uint32_t imp_final_punct(const char *s, size_t len)
{
	size_t at = len;
	for (int guard = 0; guard < 4 && at; guard++) {
		size_t b;
		uint32_t cp = cp_before(s, at, &b);
		if (cp == 0x00BB || cp == ')' || cp == '"' || cp == 0x201D || cp == 0xFF09 || cp == 0x300B) {
			at = b;
			continue;
		}
		return cp;
	}
	return 0;
}

bool imp_ends_unit_ru(uint32_t p)
{
	return p == '.' || p == ';' || p == ':' || p == '!' || p == '?';
}

bool imp_ends_unit_zh(uint32_t p)
{
	return p == 0x3002 || p == 0xFF1B || p == 0xFF1A || p == 0xFF01 || p == 0xFF1F || p == '.' || p == ';' ||
		p == ':';
}

bool imp_is_dash(uint32_t cp)
{
	return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2212;
}

bool imp_starts_upper(const char *s, size_t len)
{
	uint32_t cp = imp_first_cp(s, len);
	if (cp == 0x00AB || cp == '"' || cp == 0x201C) { /* an opening quote */
		int k = px_utf8_decode(s, len, &cp);
		cp = imp_first_cp(s + k, len - (size_t)k);
	}
	return u_isupper((UChar32)cp) || u_isdigit((UChar32)cp);
}

bool imp_starts_lower(const char *s, size_t len)
{
	return u_islower((UChar32)imp_first_cp(s, len));
}

/* Does s begin with the word w (followed by a space or the end)? */
bool imp_starts_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	return len >= n && memcmp(s, w, n) == 0 && (len == n || s[n] == ' ');
}

bool imp_ends_with(const char *s, size_t len, const char *tail)
{
	size_t n = strlen(tail);
	return len >= n && memcmp(s + len - n, tail, n) == 0;
}

/* The first word (letters and hyphens) of a line. */
size_t imp_first_word(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, len - i, &cp);
		if (!u_isalpha((UChar32)cp) && cp != '-')
			break;
		i += (size_t)k;
	}
	return i;
}

/* Bytes of the first `max` characters of s[0..len), for quoting a line in a message. */
int imp_clip(const char *s, size_t len, size_t max)
{
	size_t i = 0;
	for (size_t n = 0; i < len && n < max; n++) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(s + i, len - i, &cp);
	}
	return (int)i;
}

/* ---- Russian: what a line begins ---------------------------------------- */

/* A Russian adverbial participle (деепричастие), the usual opening of a recital:
 * руководствуясь, констатируя, учитывая, стремясь, имея, исходя, будучи,
 * рассмотрев, согласившись. Judged by its ending. */
static bool ru_gerund(const char *w, size_t n)
{
	static const char *const tails[] = { "ясь", "вшись", "уя", "юя", "ая", "яя", "ея", "дя", "учи", "ючи" };
	static const char *const perfect[] = { "ав", "ив", "ыв", "ев", "яв" };
	static const char *const not_gerunds[] = { "хотя", "каждая", "другая", "новая", "такая", "иная", "данная" };
	for (size_t i = 0; i < sizeof not_gerunds / sizeof not_gerunds[0]; i++)
		if (n == strlen(not_gerunds[i]) && memcmp(w, not_gerunds[i], n) == 0)
			return false;
	size_t chars = px_utf8_count(w, n);
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++)
		if (chars >= 4 && imp_ends_with(w, n, tails[i]))
			return true;
	for (size_t i = 0; i < sizeof perfect / sizeof perfect[0]; i++)
		if (chars >= 6 && imp_ends_with(w, n, perfect[i]))
			return true;
	return false;
}

/* Does this line open a recital (after a paragraph that ended with a comma)? */
bool imp_ru_recital_start(const char *s, size_t len)
{
	static const char *const phrases[] = { "в целях ", "в соответствии ", "в интересах ", "в связи ", "с целью ",
		"с учетом ", "с учётом ", "на основе ", "исходя из " };
	static const char *const adverbs[] = { "вновь", "высоко", "глубоко", "твердо", "твёрдо", "полностью", "особо" };
	if (!imp_starts_lower(s, len))
		return false;
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
		if (len >= strlen(phrases[i]) && memcmp(s, phrases[i], strlen(phrases[i])) == 0)
			return true;
	size_t w = imp_first_word(s, len);
	for (size_t i = 0; i < sizeof adverbs / sizeof adverbs[0]; i++)
		if (imp_starts_word(s, len, adverbs[i]) && w + 1 < len) {
			s += w + 1;
			len -= w + 1;
			w = imp_first_word(s, len);
			break;
		}
	return ru_gerund(s, w);
}

/* Does this line open the enacting formula: приняли, договорились, согласились? */
bool imp_ru_formula_start(const char *s, size_t len)
{
	static const char *const verbs[] = { "приняли", "согласились", "договорились", "условились", "решили",
		"постановили", "подписали", "заключили", "утвердили", "одобрили", "учредили", "заявляют", "заявили" };
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (imp_starts_word(s, len, verbs[i]) || (len > strlen(verbs[i]) && memcmp(s, verbs[i], strlen(verbs[i])) == 0 &&
				s[strlen(verbs[i])] == ':'))
			return true;
	return false;
}

/*
 * The value of the section numeral s[0..len), Roman or Chinese; 0 when it is
 * not one. px_roman_parse() and px_hanzi_parse() are strict but slow (a
 * rule-based parse, tens of microseconds), so the numeral is first compared
 * with the written form of `expect`, the number the next section should
 * have: over 1..3999 formatting and strict parsing are inverse, so a match
 * gives the value the parse would.
 */
static int section_value(bool zh, const char *s, size_t len, int expect)
{
	char w[64];
	if (expect > 0 && expect <= 3999 &&
		(zh ? px_hanzi_format(expect, w, sizeof w) : px_roman_format(expect, w, sizeof w)) == 0 &&
		strlen(w) == len && memcmp(w, s, len) == 0)
		return expect;
	return zh ? px_hanzi_parse(s, len) : px_roman_parse(s, len);
}

/* "IV. Heading": the section number, and where the heading begins; 0 when not one.
 * `bad` is set when it looks like a heading but the numeral is not a Roman one.
 * `expect` is the number the next section should have (see section_value()). */
int imp_ru_heading(const char *s, size_t len, int expect, size_t *head, bool *bad)
{
	size_t i = 0;
	while (i < len && strchr("IVXLCDM", s[i]) && s[i])
		i++;
	*bad = false;
	if (i == 0 || i + 2 > len || s[i] != '.' || s[i + 1] != ' ')
		return 0;
	if (!imp_starts_upper(s + i + 2, len - i - 2))
		return 0;
	int n = section_value(false, s, i, expect);
	if (n <= 0) {
		*bad = true;
		return 0;
	}
	*head = i + 2;
	return n;
}

/* A bullet: a dash and a space; returns the length of both, or 0. */
size_t imp_ru_bullet(const char *s, size_t len)
{
	uint32_t cp;
	if (!len)
		return 0;
	int k = px_utf8_decode(s, len, &cp);
	if (!imp_is_dash(cp))
		return 0;
	if ((size_t)k < len && s[k] == ' ')
		return (size_t)k + 1;
	return 0;
}

/* ---- Chinese: what a line begins ---------------------------------------- */

/* Does a Chinese line open a recital or the formula of a preamble (遵循……，
 * 为落实……，注意到……，考虑到……，通过……)? */
bool imp_zh_recital_start(const char *s, size_t len)
{
	static const char *const words[] = { "遵循", "根据", "依据", "为落实", "为了", "为进一步", "注意到", "考虑到",
		"认识到", "意识到", "致力于", "强调", "重申", "确认", "鉴于", "基于", "本着", "忆及", "回顾", "希望", "愿意",
		"决心", "认为", "深信", "坚信", "高度评价", "欢迎", "满意地", "指出", "通过", "达成", "商定", "议定",
		"同意", "协议如下", "兹", "承认", "关切", "铭记", "着眼于", "遵照", "按照", "愿", "期望", "表示", "确信",
		"相信", "注意", "决定", "为此" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (len >= strlen(words[i]) && memcmp(s, words[i], strlen(words[i])) == 0)
			return true;
	return false;
}

/* A character of a Chinese numeral: 一 … 十, 百, 零, 〇, 两. */
bool imp_is_hanzi_digit(uint32_t cp)
{
	return cp == 0x4E00 || cp == 0x4E8C || cp == 0x4E09 || cp == 0x56DB || cp == 0x4E94 || cp == 0x516D ||
		cp == 0x4E03 || cp == 0x516B || cp == 0x4E5D || cp == 0x5341 || cp == 0x767E || cp == 0x96F6 ||
		cp == 0x3007 || cp == 0x4E24;
}

/* "四、标题": as imp_ru_heading(). */
int imp_zh_heading(const char *s, size_t len, int expect, size_t *head, bool *bad)
{
	const char *comma = NULL;
	*bad = false;
	/* 、 within the first few characters */
	for (size_t i = 0; i + 3 <= len && i < 30; i++)
		if (memcmp(s + i, "、", 3) == 0) {
			comma = s + i;
			break;
		}
	if (!comma || comma == s || (size_t)(comma - s) + 3 >= len)
		return 0;
	for (const char *p = s; p < comma;) {
		uint32_t cp;
		p += px_utf8_decode(p, (size_t)(comma - p), &cp);
		if (!imp_is_hanzi_digit(cp))
			return 0;
	}
	int n = section_value(true, s, (size_t)(comma - s), expect);
	if (n <= 0) {
		*bad = true;
		return 0;
	}
	*head = (size_t)(comma - s) + 3;
	return n;
}

/* A Chinese bullet: ——, －, or —; returns its length. */
size_t imp_zh_bullet(const char *s, size_t len)
{
	if (len >= 6 && memcmp(s, "——", 6) == 0)
		return 6;
	if (len >= 3 && (memcmp(s, "－", 3) == 0 || memcmp(s, "—", 3) == 0))
		return 3;
	return 0;
}

/* ---- numbered paragraphs and list items (both languages) ---------------- */


/* Bytes of the run of ASCII digits (at most three) at s. */
size_t imp_digits(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && i < 4 && s[i] >= '0' && s[i] <= '9')
		i++;
	return i < 4 ? i : 0;
}

/* Does s[at..len) begin with the UTF-8 string `lit`? */
bool imp_has_at(const char *s, size_t len, size_t at, const char *lit)
{
	size_t n = strlen(lit);
	return at + n <= len && memcmp(s + at, lit, n) == 0;
}

/*
 * The marker of a list item at the start of a line: a bullet (M_DASH, num
 * not kept), `а) ` or `1) ` in Russian, `（1）` or `1.` in Chinese. Returns
 * the bytes to skip to the item's text (0: not an item), sets *cls and
 * *mlen, the bytes of the marker as the item's num (0 for a bullet). The
 * text must not be empty after the marker.
 */
size_t imp_item_marker(bool zh, const char *s, size_t len, enum mclass *cls, size_t *mlen)
{
	size_t b = zh ? imp_zh_bullet(s, len) : imp_ru_bullet(s, len), m = 0, d = imp_digits(s, len);
	*cls = M_NONE;
	*mlen = 0;
	if (b) {
		*cls = M_DASH;
		return b < len ? b : 0;
	}
	if (!zh) {
		uint32_t cp;
		size_t k = len ? (size_t)px_utf8_decode(s, len, &cp) : 0;
		if (k == 2 && ((cp >= 0x0430 && cp <= 0x044F) || cp == 0x0451) && imp_has_at(s, len, k, ") ")) {
			*cls = M_LETTER;
			m = k + 1;
		} else if (d && imp_has_at(s, len, d, ") ")) {
			*cls = M_DIGIT_PAREN;
			m = d + 1;
		}
		if (!m || m + 2 > len)
			return *cls = M_NONE, 0;
		*mlen = m;
		return m + 1;
	}
	size_t open = imp_has_at(s, len, 0, "（") ? 3 : 0, dd = open ? imp_digits(s + open, len - open) : 0;
	if (dd && imp_has_at(s, len, open + dd, "）")) {
		*cls = M_ZH_PAREN;
		m = open + dd + 3;
	} else if (d && (imp_has_at(s, len, d, ".") || imp_has_at(s, len, d, "．")) &&
		imp_digits(s + d + (s[d] == '.' ? 1 : 3), len - d - (s[d] == '.' ? 1 : 3)) == 0) {
		*cls = M_ZH_DOT;
		m = d + (s[d] == '.' ? 1 : 3);
	}
	if (!m || m >= len)
		return *cls = M_NONE, 0;
	*mlen = m;
	return m + (s[m] == ' ');
}

/* The number of a numbered paragraph at the start of a line: `1. Текст`
 * (digits, a dot, a space, a capital letter) or `（一）文本`. Returns the
 * bytes to skip to the text (0: not one) and sets *mlen as imp_item_marker(). */
size_t imp_para_marker(bool zh, const char *s, size_t len, size_t *mlen)
{
	size_t m = 0;
	if (!zh) {
		size_t d = imp_digits(s, len);
		if (d && imp_has_at(s, len, d, ". ") && imp_starts_upper(s + d + 2, len - d - 2))
			m = d + 1;
	} else if (!imp_has_at(s, len, 0, "（")) {
		/* 一、: a numbered paragraph of an article, or a point */
		size_t i = 0;
		uint32_t cp = 0;
		while (i < len && i < 3 * 6) {
			int k = px_utf8_decode(s + i, len - i, &cp);
			if (!imp_is_hanzi_digit(cp))
				break;
			i += (size_t)k;
		}
		if (i > 0 && imp_has_at(s, len, i, "、") && px_hanzi_parse(s, i) > 0)
			m = i + 3;
	} else if (imp_has_at(s, len, 0, "（")) {
		size_t i = 3;
		uint32_t cp = 0;
		while (i < len && i < 3 + 3 * 6) {
			int k = px_utf8_decode(s + i, len - i, &cp);
			if (!imp_is_hanzi_digit(cp))
				break;
			i += (size_t)k;
		}
		if (i > 3 && imp_has_at(s, len, i, "）"))
			m = i + 3;
	}
	if (!m || m + 1 >= len)
		return 0;
	*mlen = m;
	return m + (s[m] == ' ');
}

/* ---- divisions: chapters and articles (both languages) ------------------ */


/* The run of numeral characters (digits, full-width digits, Roman letters,
 * Chinese numerals) at s; its bytes. */
static size_t numeral_run(const char *s, size_t len, bool allow_dot)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, len - i, &cp);
		bool ok = (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) || (cp < 0x80 && strchr("IVXLCDM", (int)cp) && cp) ||
			imp_is_hanzi_digit(cp) || cp == 0x5343 /* 千 */ ||
			(allow_dot && cp == '.' && i > 0 && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9');
		if (!ok)
			break;
		i += (size_t)k;
	}
	return i;
}

/* The words that make «Статья 3 Соглашения …» a reference to another
 * instrument's article at the start of a line, not a heading. */
static bool ru_reference_word(const char *s, size_t len)
{
	static const char *const words[] = { "Соглашения", "Договора", "Конвенции", "Устава", "Хартии", "Протокола",
		"Меморандума", "настоящего", "настоящей", "указанного", "указанной", "и", "или" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (imp_starts_word(s, len, words[i]))
			return true;
	return false;
}

/* «Глава I», «ГЛАВА 2. Общие положения», «Статья 5», «Статья 8.1 Расходы». */
static bool ru_division(const char *s, size_t len, struct dhead *h)
{
	static const struct { const char *w; px_div d; } words[] = { { "Глава", PX_DIV_CHAPTER }, { "ГЛАВА", PX_DIV_CHAPTER },
		{ "Статья", PX_DIV_ARTICLE }, { "СТАТЬЯ", PX_DIV_ARTICLE } };
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		size_t wl = strlen(words[k].w);
		if (len < wl + 2 || memcmp(s, words[k].w, wl) != 0 || s[wl] != ' ')
			continue;
		size_t at = wl + 1, n = numeral_run(s + at, len - at, words[k].d == PX_DIV_ARTICLE);
		if (!n)
			return false;
		size_t end = at + n;
		if (end < len && s[end] == '.')
			end++;
		if (end < len && s[end] != ' ')
			return false;
		int sub = 0, v = px_div_num_value(words[k].d, s, end, &sub);
		if (v <= 0)
			return false;
		size_t head = end < len ? end + 1 : len;
		if (head < len) {
			/* the rest is a heading: not a sentence, not a reference to another instrument */
			const char *r = s + head;
			size_t rl = len - head;
			uint32_t p = imp_final_punct(r, rl);
			/* «Статья 1. Настоящий Протокол …»: the article's text on the line of
			 * its number, told from a reference («Статья 5 Соглашения …») by the
			 * stop after the number (blocks.c keeps it only in sequence) */
			bool labelled = words[k].d == PX_DIV_ARTICLE && s[at + n] == '.' && imp_starts_upper(r, rl) &&
				imp_sentence_like(false, r, rl);
			if (!labelled && (!imp_starts_upper(r, rl) || ru_reference_word(r, rl) || p == '.' || p == ';' || p == ':' ||
				p == ','))
				return false;
		}
		*h = (struct dhead){ words[k].d, v, sub, end, head, false };
		return true;
	}
	return false;
}

/* «第一章 总则», «第五条», «第八条之一　费用», «第一条 本协定……。» (the article's text
 * on its line: then the heading is empty and `head` points at the text). */
static bool zh_division(const char *s, size_t len, struct dhead *h)
{
	if (!imp_has_at(s, len, 0, "第"))
		return false;
	size_t n = numeral_run(s + 3, len - 3, false);
	if (!n)
		return false;
	size_t at = 3 + n;
	px_div d;
	if (imp_has_at(s, len, at, "章"))
		d = PX_DIV_CHAPTER;
	else if (imp_has_at(s, len, at, "条"))
		d = PX_DIV_ARTICLE;
	else
		return false;
	at += 3;
	if (d == PX_DIV_ARTICLE && imp_has_at(s, len, at, "之")) {
		size_t m = numeral_run(s + at + 3, len - at - 3, false);
		if (!m)
			return false;
		at += 3 + m;
	}
	int sub = 0, v = px_div_num_value(d, s, at, &sub);
	if (v <= 0)
		return false;
	size_t head = at;
	while (head < len && (s[head] == ' ' || imp_has_at(s, len, head, "、") || imp_has_at(s, len, head, "：")))
		head += s[head] == ' ' ? 1 : 3;
	if (head < len && head == at && d == PX_DIV_CHAPTER)
		return false; /* 第一章节… is a word, not a heading */
	*h = (struct dhead){ d, v, sub, at, head, false };
	return true;
}

/* Is a heading text a sentence rather than a heading (an article's text
 * written on the line of its number)? */
bool imp_sentence_like(bool zh, const char *s, size_t len)
{
	uint32_t p = imp_final_punct(s, len);
	if (zh)
		return imp_ends_unit_zh(p) || p == 0xFF0C || px_utf8_count(s, len) > 40;
	return imp_ends_unit_ru(p) || p == ',' || px_utf8_count(s, len) > 160;
}

/* Does the line open a division: a section («IV. Принципы», «四、原则»), a
 * chapter or an article? `expect` is the next section number. */
bool imp_division_head(bool zh, const char *s, size_t len, int expect, struct dhead *h)
{
	size_t head = 0;
	bool bad = false;
	int num = zh ? imp_zh_heading(s, len, expect, &head, &bad) : imp_ru_heading(s, len, expect, &head, &bad);
	if (num > 0 && zh && imp_sentence_like(true, s + head, len - head))
		num = 0; /* 一、双方……。 is a numbered paragraph or point, not a section */
	if (num > 0 || bad) {
		*h = (struct dhead){ num > 0 ? PX_DIV_SECTION : PX_DIV_NONE, num, 0, head ? head - (zh ? 0 : 1) : 0, head, bad };
		if (num > 0 && zh)
			h->mlen = head;
		return num > 0 || bad;
	}
	return zh ? zh_division(s, len, h) : ru_division(s, len, h);
}
