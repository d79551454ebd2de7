/*
 * Import of a plain text (Russian or Chinese) into a document of the profile.
 *
 * The steps, each over the whole text:
 *
 *  1. lines: BOM dropped, NFC, CR LF → LF; each line trimmed, white space
 *     (NBSP, U+3000, tabs) collapsed to single spaces; we remember how deep
 *     a line was indented and whether a blank line came before it. The
 *     layout is measured: a blank line after (nearly) every line (PDF),
 *     lines broken before their end (hard wraps: pdf_like, with the printed
 *     width), one paragraph per line (line_paras), paragraphs told by
 *     U+3000 indentation or by an indented first line deeper than stray
 *     spaces. Page numbers and running headers are dropped; blank lines
 *     inside wrapped sentences stop counting (docs/layout.md);
 *  2. signature blocks: found from the end of the text (find_signatures());
 *     what follows them is kept as text of the conclusions;
 *  3. blocks: the other lines joined into the title, paragraphs (numbered
 *     or not), list items with their nesting, division headings (sections,
 *     chapters, articles) by the rules of docs/layout.md;
 *  4. structure: the kind (profile.h), the preamble, the body (divisions,
 *     points or paragraphs), the final clauses, the signing date and place;
 *     what does not fit is kept and reported as a warning (PX040–PX044),
 *     or, with `strict`, refused with the line and rule of the first problem;
 *  5. XML: the document is written, parsed back through the safe parser and
 *     validated against the profile; in strict mode only a valid document
 *     is returned, else an invalid one comes with one PX045 finding.
 */
#include <pthread.h>
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
#include "model/model.h"

/* ---- errors ------------------------------------------------------------- */

static _Thread_local const char *last_rule;

const char *px_import_last_rule(void)
{
	return last_rule;
}

struct line {
	const char *s; /* cleaned: trimmed, single spaces */
	size_t len;
	int no;        /* 1-based line number in the input */
	bool indent;   /* began with white space */
	int depth;     /* width of that white space: U+3000 counts 2, any other space 1 */
	bool hard;     /* a meaningful blank line came before it */
};

/* K_ITEMP is a further paragraph of the list item before it; K_MARK a
 * line under the title that says which text this is («(Перевод)», «（中文本）»). */
enum kind { K_TITLE, K_PARA, K_ITEM, K_ITEMP, K_HEADING, K_MARK };

/* Longest marker of a numbered paragraph or list item kept (`（三十九）`). */
#define MARK_MAX 32

struct block {
	enum kind kind;
	int line;       /* first line */
	int last_line;  /* last line */
	px_buf text;    /* joined text; for a heading: the heading without its number;
	                   for a numbered paragraph or an item: the text after its marker */
	int num;        /* heading: the division's number */
	int sub;        /* heading: N of an article "8.N", else 0 */
	px_div div;     /* heading: the division it opens */
	char numtext[MARK_MAX]; /* heading: its number as written ("Статья 5", "第五条", "I.") */
	bool open;      /* heading: its text may go on on the next line */
	char mark[MARK_MAX]; /* numbered paragraph ("1.", "（一）") or item ("а)", "（1）"); "" for a
	                        bullet item or a paragraph without number */
	int level;      /* item, K_ITEMP: depth of its list, 0 for a list directly in a section */
	int depth;      /* item, K_ITEMP: indentation of the item's first line */
	bool soft;      /* a paragraph begun where the line layout left it open */
};

struct imp {
	const char *name;
	px_lang lang;
	px_diags *diags;
	const px_import_options *opts;
	const px_registry *reg;
	const px_termbase *tb;   /* for the subject of the title */
	px_validator *val;       /* the context's, or NULL: build one */
	struct line *lines;
	size_t nlines;
	bool uses_indent; /* zh: paragraphs begin indented */
	bool title_by_blank; /* blank lines carry meaning and one ends the title block */
	bool pdf_blanks;  /* a blank line after (nearly) every line: blank lines and indentation mean nothing */
	size_t blank_mid; /* blank lines inside a sentence (before a lower-case line): blank lines not sure */
	bool pdf_like;    /* lines broken before their end (hard wraps): a line end means nothing */
	size_t wrap_width; /* the mean length of the long lines, in characters */
	bool line_paras;   /* one paragraph per line (Word's "save as text"): a line end ends a paragraph */
	bool para_indent;  /* broken into lines, but a paragraph's first line is indented … */
	int para_depth;    /* … this deep at least */
	struct block *b;
	size_t nb, capb;
	char *clean;      /* storage of the cleaned lines */
	char **soft;      /* the eIds of the soft paragraphs (struct block), as written */
	size_t nsoft, capsoft;
	size_t body_lines; /* lines before the signature blocks */
	size_t trail_from; /* lines after the signature blocks that are not a part of them (nlines: none) */
	size_t trail_block; /* the blocks made of those lines: [trail_block, nb) */
	struct sigblk *sg; /* the signature blocks */
	size_t nsg;
	bool strict;      /* refuse what lenient import keeps with a warning */
};

/* A signature block: the signing body (and role), the signer, the mark of
 * signing («（签字）»), each as written, joined over its lines. */
struct sigblk {
	px_buf body, person, mark;
	int line, person_line, mark_line;
};

static int fail_rule(struct imp *im, const char *rule, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static int fail_rule(struct imp *im, const char *rule, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	last_rule = rule;
	if (im->diags) {
		px_loc loc = { im->name, line, 0, NULL };
		if (px_diags_addf(im->diags, rule, &loc, NULL, "%s", msg) < 0)
			return px_fail_oom();
	}
	return px_set_rule(px_fail_at(PX_EINPUT, im->name, line, 0, "%s", msg), rule);
}

static int warn_at(struct imp *im, const char *rule, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* ---- characters ---------------------------------------------------------- */

static uint32_t first_cp(const char *s, size_t len)
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
static uint32_t final_punct(const char *s, size_t len)
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

static bool ends_unit_ru(uint32_t p)
{
	return p == '.' || p == ';' || p == ':' || p == '!' || p == '?';
}

static bool ends_unit_zh(uint32_t p)
{
	return p == 0x3002 || p == 0xFF1B || p == 0xFF1A || p == 0xFF01 || p == 0xFF1F || p == '.' || p == ';' ||
		p == ':';
}

static bool is_dash(uint32_t cp)
{
	return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2212;
}

static bool starts_upper(const char *s, size_t len)
{
	uint32_t cp = first_cp(s, len);
	if (cp == 0x00AB || cp == '"' || cp == 0x201C) { /* an opening quote */
		int k = px_utf8_decode(s, len, &cp);
		cp = first_cp(s + k, len - (size_t)k);
	}
	return u_isupper((UChar32)cp) || u_isdigit((UChar32)cp);
}

static bool starts_lower(const char *s, size_t len)
{
	return u_islower((UChar32)first_cp(s, len));
}

/* Does s begin with the word w (followed by a space or the end)? */
static bool starts_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	return len >= n && memcmp(s, w, n) == 0 && (len == n || s[n] == ' ');
}

static bool ends_with(const char *s, size_t len, const char *tail)
{
	size_t n = strlen(tail);
	return len >= n && memcmp(s + len - n, tail, n) == 0;
}

/* The first word (letters and hyphens) of a line. */
static size_t first_word(const char *s, size_t len)
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
static int clip(const char *s, size_t len, size_t max)
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
		if (chars >= 4 && ends_with(w, n, tails[i]))
			return true;
	for (size_t i = 0; i < sizeof perfect / sizeof perfect[0]; i++)
		if (chars >= 6 && ends_with(w, n, perfect[i]))
			return true;
	return false;
}

/* Does this line open a recital (after a paragraph that ended with a comma)? */
static bool ru_recital_start(const char *s, size_t len)
{
	static const char *const phrases[] = { "в целях ", "в соответствии ", "в интересах ", "в связи ", "с целью ",
		"с учетом ", "с учётом ", "на основе ", "исходя из " };
	static const char *const adverbs[] = { "вновь", "высоко", "глубоко", "твердо", "твёрдо", "полностью", "особо" };
	if (!starts_lower(s, len))
		return false;
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
		if (len >= strlen(phrases[i]) && memcmp(s, phrases[i], strlen(phrases[i])) == 0)
			return true;
	size_t w = first_word(s, len);
	for (size_t i = 0; i < sizeof adverbs / sizeof adverbs[0]; i++)
		if (starts_word(s, len, adverbs[i]) && w + 1 < len) {
			s += w + 1;
			len -= w + 1;
			w = first_word(s, len);
			break;
		}
	return ru_gerund(s, w);
}

/* Does this line open the enacting formula: приняли, договорились, согласились? */
static bool ru_formula_start(const char *s, size_t len)
{
	static const char *const verbs[] = { "приняли", "согласились", "договорились", "условились", "решили",
		"постановили", "подписали", "заключили", "утвердили", "одобрили", "учредили", "заявляют", "заявили" };
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (starts_word(s, len, verbs[i]) || (len > strlen(verbs[i]) && memcmp(s, verbs[i], strlen(verbs[i])) == 0 &&
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
static int ru_heading(const char *s, size_t len, int expect, size_t *head, bool *bad)
{
	size_t i = 0;
	while (i < len && strchr("IVXLCDM", s[i]) && s[i])
		i++;
	*bad = false;
	if (i == 0 || i + 2 > len || s[i] != '.' || s[i + 1] != ' ')
		return 0;
	if (!starts_upper(s + i + 2, len - i - 2))
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
static size_t ru_bullet(const char *s, size_t len)
{
	uint32_t cp;
	if (!len)
		return 0;
	int k = px_utf8_decode(s, len, &cp);
	if (!is_dash(cp))
		return 0;
	if ((size_t)k < len && s[k] == ' ')
		return (size_t)k + 1;
	return 0;
}

/* ---- Chinese: what a line begins ---------------------------------------- */

/* Does a Chinese line open a recital or the formula of a preamble (遵循……，
 * 为落实……，注意到……，考虑到……，通过……)? */
static bool zh_recital_start(const char *s, size_t len)
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
static bool is_hanzi_digit(uint32_t cp)
{
	return cp == 0x4E00 || cp == 0x4E8C || cp == 0x4E09 || cp == 0x56DB || cp == 0x4E94 || cp == 0x516D ||
		cp == 0x4E03 || cp == 0x516B || cp == 0x4E5D || cp == 0x5341 || cp == 0x767E || cp == 0x96F6 ||
		cp == 0x3007 || cp == 0x4E24;
}

/* "四、标题": as ru_heading(). */
static int zh_heading(const char *s, size_t len, int expect, size_t *head, bool *bad)
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
		if (!is_hanzi_digit(cp))
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
static size_t zh_bullet(const char *s, size_t len)
{
	if (len >= 6 && memcmp(s, "——", 6) == 0)
		return 6;
	if (len >= 3 && (memcmp(s, "－", 3) == 0 || memcmp(s, "—", 3) == 0))
		return 3;
	return 0;
}

/* ---- numbered paragraphs and list items (both languages) ---------------- */

/* The sort of marker that numbers a list's items: a list keeps one sort, a
 * list nested in an item uses another (docs/layout.md). */
enum mclass { M_NONE, M_DASH, M_LETTER, M_DIGIT_PAREN, M_ZH_PAREN, M_ZH_DOT };

/* Bytes of the run of ASCII digits (at most three) at s. */
static size_t digits(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && i < 4 && s[i] >= '0' && s[i] <= '9')
		i++;
	return i < 4 ? i : 0;
}

/* Does s[at..len) begin with the UTF-8 string `lit`? */
static bool has_at(const char *s, size_t len, size_t at, const char *lit)
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
static size_t item_marker(bool zh, const char *s, size_t len, enum mclass *cls, size_t *mlen)
{
	size_t b = zh ? zh_bullet(s, len) : ru_bullet(s, len), m = 0, d = digits(s, len);
	*cls = M_NONE;
	*mlen = 0;
	if (b) {
		*cls = M_DASH;
		return b < len ? b : 0;
	}
	if (!zh) {
		uint32_t cp;
		size_t k = len ? (size_t)px_utf8_decode(s, len, &cp) : 0;
		if (k == 2 && ((cp >= 0x0430 && cp <= 0x044F) || cp == 0x0451) && has_at(s, len, k, ") ")) {
			*cls = M_LETTER;
			m = k + 1;
		} else if (d && has_at(s, len, d, ") ")) {
			*cls = M_DIGIT_PAREN;
			m = d + 1;
		}
		if (!m || m + 2 > len)
			return *cls = M_NONE, 0;
		*mlen = m;
		return m + 1;
	}
	size_t open = has_at(s, len, 0, "（") ? 3 : 0, dd = open ? digits(s + open, len - open) : 0;
	if (dd && has_at(s, len, open + dd, "）")) {
		*cls = M_ZH_PAREN;
		m = open + dd + 3;
	} else if (d && (has_at(s, len, d, ".") || has_at(s, len, d, "．")) &&
		digits(s + d + (s[d] == '.' ? 1 : 3), len - d - (s[d] == '.' ? 1 : 3)) == 0) {
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
 * bytes to skip to the text (0: not one) and sets *mlen as item_marker(). */
static size_t para_marker(bool zh, const char *s, size_t len, size_t *mlen)
{
	size_t m = 0;
	if (!zh) {
		size_t d = digits(s, len);
		if (d && has_at(s, len, d, ". ") && starts_upper(s + d + 2, len - d - 2))
			m = d + 1;
	} else if (!has_at(s, len, 0, "（")) {
		/* 一、: a numbered paragraph of an article, or a point */
		size_t i = 0;
		uint32_t cp = 0;
		while (i < len && i < 3 * 6) {
			int k = px_utf8_decode(s + i, len - i, &cp);
			if (!is_hanzi_digit(cp))
				break;
			i += (size_t)k;
		}
		if (i > 0 && has_at(s, len, i, "、") && px_hanzi_parse(s, i) > 0)
			m = i + 3;
	} else if (has_at(s, len, 0, "（")) {
		size_t i = 3;
		uint32_t cp = 0;
		while (i < len && i < 3 + 3 * 6) {
			int k = px_utf8_decode(s + i, len - i, &cp);
			if (!is_hanzi_digit(cp))
				break;
			i += (size_t)k;
		}
		if (i > 3 && has_at(s, len, i, "）"))
			m = i + 3;
	}
	if (!m || m + 1 >= len)
		return 0;
	*mlen = m;
	return m + (s[m] == ' ');
}

/* ---- divisions: chapters and articles (both languages) ------------------ */

/* A heading that opens a division: what it opens, its number, the bytes of
 * its number as written (`mlen`), and where its heading text begins on the
 * line (`head` == the line's length: on the next line, or none). */
struct dhead {
	px_div div;
	int num, sub;
	size_t mlen, head;
	bool bad; /* looks like a section heading but the numeral is not one */
};

/* The run of numeral characters (digits, full-width digits, Roman letters,
 * Chinese numerals) at s; its bytes. */
static size_t numeral_run(const char *s, size_t len, bool allow_dot)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, len - i, &cp);
		bool ok = (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) || (cp < 0x80 && strchr("IVXLCDM", (int)cp) && cp) ||
			is_hanzi_digit(cp) || cp == 0x5343 /* 千 */ ||
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
		if (starts_word(s, len, words[i]))
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
			uint32_t p = final_punct(r, rl);
			if (!starts_upper(r, rl) || ru_reference_word(r, rl) || p == '.' || p == ';' || p == ':' || p == ',')
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
	if (!has_at(s, len, 0, "第"))
		return false;
	size_t n = numeral_run(s + 3, len - 3, false);
	if (!n)
		return false;
	size_t at = 3 + n;
	px_div d;
	if (has_at(s, len, at, "章"))
		d = PX_DIV_CHAPTER;
	else if (has_at(s, len, at, "条"))
		d = PX_DIV_ARTICLE;
	else
		return false;
	at += 3;
	if (d == PX_DIV_ARTICLE && has_at(s, len, at, "之")) {
		size_t m = numeral_run(s + at + 3, len - at - 3, false);
		if (!m)
			return false;
		at += 3 + m;
	}
	int sub = 0, v = px_div_num_value(d, s, at, &sub);
	if (v <= 0)
		return false;
	size_t head = at;
	while (head < len && (s[head] == ' ' || has_at(s, len, head, "、") || has_at(s, len, head, "：")))
		head += s[head] == ' ' ? 1 : 3;
	if (head < len && head == at && d == PX_DIV_CHAPTER)
		return false; /* 第一章节… is a word, not a heading */
	*h = (struct dhead){ d, v, sub, at, head, false };
	return true;
}

/* Is a heading text a sentence rather than a heading (an article's text
 * written on the line of its number)? */
static bool sentence_like(bool zh, const char *s, size_t len)
{
	uint32_t p = final_punct(s, len);
	if (zh)
		return ends_unit_zh(p) || p == 0xFF0C || px_utf8_count(s, len) > 40;
	return ends_unit_ru(p) || p == ',' || px_utf8_count(s, len) > 160;
}

/* Does the line open a division: a section («IV. Принципы», «四、原则»), a
 * chapter or an article? `expect` is the next section number. */
static bool division_head(bool zh, const char *s, size_t len, int expect, struct dhead *h)
{
	size_t head = 0;
	bool bad = false;
	int num = zh ? zh_heading(s, len, expect, &head, &bad) : ru_heading(s, len, expect, &head, &bad);
	if (num > 0 && zh && sentence_like(true, s + head, len - head))
		num = 0; /* 一、双方……。 is a numbered paragraph or point, not a section */
	if (num > 0 || bad) {
		*h = (struct dhead){ num > 0 ? PX_DIV_SECTION : PX_DIV_NONE, num, 0, head ? head - (zh ? 0 : 1) : 0, head, bad };
		if (num > 0 && zh)
			h->mlen = head;
		return num > 0 || bad;
	}
	return zh ? zh_division(s, len, h) : ru_division(s, len, h);
}

/* ---- step 1: lines ------------------------------------------------------- */

/* NFC of the whole text (line ends are not touched by normalization): the
 * normalized bytes in *out, or *out NULL when the text is already in NFC
 * (the usual case, told by a quick check without normalizing). */
static int nfc(const char *text, size_t len, char **out, size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFCInstance(&e);
	if (U_FAILURE(e))
		return px_fail(PX_ERROR, "NFC normalizer unavailable: %s", u_errorName(e));
	if (len > (size_t)INT32_MAX / 2)
		return px_fail(PX_EINPUT, "text too large to import");
	int32_t ulen = 0;
	u_strFromUTF8(NULL, 0, &ulen, text, (int32_t)len, &e);
	e = U_ZERO_ERROR;
	UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
	UChar *v = NULL;
	char *o = NULL;
	int rc = 0;
	if (!u) {
		rc = px_fail_oom();
		goto done;
	}
	u_strFromUTF8(u, ulen + 1, NULL, text, (int32_t)len, &e);
	if (!U_FAILURE(e)) {
		UErrorCode qe = U_ZERO_ERROR;
		if (unorm2_spanQuickCheckYes(n2, u, ulen, &qe) == ulen && !U_FAILURE(qe))
			goto done; /* valid UTF-8 converts back to the same bytes */
	}
	v = malloc(((size_t)ulen * 3 + 16) * sizeof *v);
	if (!v) {
		rc = px_fail_oom();
		goto done;
	}
	int32_t vlen = unorm2_normalize(n2, u, ulen, v, ulen * 3 + 16, &e);
	int32_t olen = 0;
	if (!U_FAILURE(e))
		u_strToUTF8(NULL, 0, &olen, v, vlen, &e);
	if (e == U_BUFFER_OVERFLOW_ERROR)
		e = U_ZERO_ERROR;
	if (U_FAILURE(e)) {
		rc = px_fail(PX_EINPUT, "text cannot be normalized: %s", u_errorName(e));
		goto done;
	}
	o = malloc((size_t)olen + 1);
	if (!o) {
		rc = px_fail_oom();
		goto done;
	}
	u_strToUTF8(o, olen + 1, NULL, v, vlen, &e);
	*out = o;
	*out_len = (size_t)olen;
done:
	free(u);
	free(v);
	return rc;
}

/* A line that is a section numeral alone ("II." / "二、"). */
static bool numeral_only(bool zh, const struct line *l)
{
	size_t i = 0;
	if (!zh) {
		while (i < l->len && l->s[i] && strchr("IVXLCDM", l->s[i]))
			i++;
		return i > 0 && i + 1 == l->len && l->s[i] == '.';
	}
	while (i < l->len) {
		uint32_t cp;
		int k = px_utf8_decode(l->s + i, l->len - i, &cp);
		if (!is_hanzi_digit(cp))
			break;
		i += (size_t)k;
	}
	return i > 0 && i + 3 == l->len && memcmp(l->s + i, "、", 3) == 0;
}

/* A PDF may set a section's number apart from its heading ("II." on a line
 * of its own, the heading on the next): join them into one line. */
static void join_numerals(struct imp *im)
{
	bool zh = im->lang == PX_LANG_ZH;
	size_t k = 0;
	for (size_t i = 0; i < im->nlines; i++) {
		struct line l = im->lines[i];
		if (i + 1 < im->nlines && numeral_only(zh, &l) && (zh || starts_upper(im->lines[i + 1].s,
				im->lines[i + 1].len))) {
			const struct line *next = &im->lines[i + 1];
			/* the byte after each line, where the next one begins */
			char *sep = im->clean + (l.s - im->clean) + l.len;
			if (zh) {
				memmove(sep, next->s, next->len); /* Chinese joins without a space */
				l.len += next->len;
			} else {
				*sep = ' ';
				l.len += 1 + next->len;
			}
			i++;
		}
		im->lines[k++] = l;
	}
	im->nlines = k;
}

/* Is the line's first letter a Han character? */
static bool han_text(const struct line *l)
{
	return first_cp(l->s, l->len) >= 0x2E80;
}

static int split_lines(struct imp *im, const char *t, size_t len)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += t[i] == '\n';
	im->lines = calloc(n, sizeof *im->lines);
	im->clean = malloc(len + n + 1); /* the lines, each followed by one byte */
	if (!im->lines || !im->clean)
		return px_fail_oom();
	char *w = im->clean;
	int no = 0;
	size_t blanks_after = 0, nonblank = 0;
	bool prev_blank = false, prev_nonblank = false;
	for (size_t i = 0; i <= len;) {
		size_t e = i;
		while (e < len && t[e] != '\n')
			e++;
		no++;
		/* clean the line: white space runs to one space, trimmed */
		char *start = w;
		bool pending = false, indent = false, any = false;
		int depth = 0;
		for (size_t j = i; j < e;) {
			uint32_t cp;
			int k = px_utf8_decode(t + j, e - j, &cp);
			if (px_is_space(cp)) {
				if (!any && cp != 0xFEFF) {
					indent = true;
					depth += cp == 0x3000 ? 2 : 1;
				}
				pending = any;
			} else {
				if (pending)
					*w++ = ' ';
				pending = false;
				any = true;
				memcpy(w, t + j, (size_t)k);
				w += k;
			}
			j += (size_t)k;
		}
		if (any) {
			struct line *l = &im->lines[im->nlines++];
			l->s = start;
			l->len = (size_t)(w - start);
			*w++ = '\n'; /* room to join the next line to this one */
			l->no = no;
			l->indent = indent;
			l->depth = depth;
			l->hard = prev_blank && prev_nonblank;
			nonblank++;
			prev_blank = false;
			prev_nonblank = true;
		} else {
			if (prev_nonblank && !prev_blank)
				blanks_after++;
			prev_blank = true;
		}
		i = e + 1;
	}
	/* the PDF artefact: (nearly) every line followed by a blank line */
	if (nonblank >= 4 && blanks_after * 10 >= (nonblank - 1) * 9) {
		im->pdf_blanks = true;
		for (size_t k = 0; k < im->nlines; k++)
			im->lines[k].hard = false;
	}
	for (size_t k = 1; k < im->nlines; k++) {
		const struct line *l = &im->lines[k], *prev = &im->lines[k - 1];
		uint32_t p = final_punct(prev->s, prev->len);
		uint32_t c0 = 0;
		px_utf8_decode(l->s, l->len, &c0);
		im->blank_mid += l->hard && !(ends_unit_ru(p) || p == ',' || p == ':' || p == ';') && u_islower((UChar32)c0);
	}
	/* clean layout: a blank line among the first lines ends the title block */
	for (size_t k = 1; k < im->nlines && k < 8; k++)
		if (im->lines[k].hard) {
			im->title_by_blank = true;
			break;
		}
	size_t indented = 0, open_ends = 0, longish = 0, width = 0;
	for (size_t k = 0; k < im->nlines; k++) {
		const struct line *l = &im->lines[k];
		indented += han_text(l) ? l->depth >= 3 : l->indent;
		/* a line as long as a printed line (a heading or a signature is shorter;
		 * a signature block, a title or a heading has no punctuation anyway) */
		if (px_utf8_count(l->s, l->len) >= (han_text(l) ? 25u : 50u) && k > 2 && !starts_word(l->s, l->len, "За") &&
			!ends_with(l->s, l->len, "代表")) {
			longish++;
			width += px_utf8_count(l->s, l->len);
			uint32_t p = final_punct(l->s, l->len);
			open_ends += !(ends_unit_ru(p) || ends_unit_zh(p) || p == ',' || p == 0xFF0C);
		}
	}
	im->pdf_like = longish >= 8 && open_ends * 10 >= longish * 3;
	/* evidence of the other way: long lines that (nearly) all end a sentence */
	im->line_paras = longish >= 8 && open_ends * 20 <= longish;
	im->wrap_width = longish ? width / longish : 0;

	im->uses_indent = indented >= 2 && indented * 5 >= im->nlines && !im->pdf_like;
	return 0;
}

static px_lang detect_lang(const char *t, size_t len)
{
	size_t cyr = 0, han = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = px_utf8_decode(t + i, len - i, &cp);
		if (cp >= 0x80) {
			UErrorCode e = U_ZERO_ERROR;
			UScriptCode sc = uscript_getScript((UChar32)cp, &e);
			cyr += sc == USCRIPT_CYRILLIC;
			han += sc == USCRIPT_HAN;
		}
		i += (size_t)k;
	}
	if (cyr == 0 && han == 0)
		return PX_LANG_AUTO;
	return cyr >= han ? PX_LANG_RU : PX_LANG_ZH;
}

/* ---- step 2: blocks ------------------------------------------------------ */

static const char *section_word(struct imp *im, int n, char *buf, size_t size);

static int new_block(struct imp *im, enum kind kind, const struct line *l, size_t skip, int num)
{
	if (im->nb == im->capb) {
		size_t cap = im->capb ? im->capb * 2 : 64;
		struct block *v = realloc(im->b, cap * sizeof *v);
		if (!v)
			return px_fail_oom();
		im->b = v;
		im->capb = cap;
	}
	struct block *b = &im->b[im->nb++];
	b->kind = kind;
	b->line = b->last_line = l->no;
	b->text = (px_buf)PX_BUF_INIT;
	b->num = num;
	b->mark[0] = '\0';
	b->level = 0;
	b->depth = l->depth;
	b->soft = false;
	if (px_buf_put(&b->text, l->s + skip, l->len - skip) < 0)
		return px_fail_oom();
	return 0;
}

/* Join a line to the block: Russian with one space, except after a hyphen
 * that ends a word (a compound broken at its hyphen: государств-/членов);
 * Chinese with nothing. */
static int join(struct imp *im, struct block *b, const struct line *l)
{
	b->last_line = l->no;
	bool glue = im->lang == PX_LANG_ZH;
	if (!glue && b->text.size >= 2 && b->text.ptr[b->text.size - 1] == '-' && b->text.ptr[b->text.size - 2] != ' ')
		glue = true;
	if (!glue && px_buf_put(&b->text, " ", 1) < 0)
		return px_fail_oom();
	return px_buf_put(&b->text, l->s, l->len) < 0 ? px_fail_oom() : 0;
}

/* A line in the title that begins with a registered name (Шанхайской …)
 * continues the title rather than beginning the parties paragraph. */
static bool begins_with_name_of(struct imp *im, const struct line *l, bool bodies)
{
	px_mention *m = NULL;
	size_t n = 0;
	bool r = false;
	if (px_registry_find_mentions(im->reg, l->s, l->len, im->lang, &m, &n) == 0 && n && m[0].start == 0 &&
		(bodies || m[0].kind != PX_ENTRY_BODY))
		r = true;
	free(m);
	return r;
}

static bool begins_with_name(struct imp *im, const struct line *l)
{
	return begins_with_name_of(im, l, true);
}

/* Deepest nesting of lists kept apart; deeper items stay at this depth. */
#define LIST_DEPTH 8

/* Start a list item or a numbered paragraph: the block of line `l` with its
 * marker, the first `mlen` bytes of the line, as its num; its text begins
 * after `skip` bytes. */
static int new_marked(struct imp *im, enum kind kind, const struct line *l, size_t skip, size_t mlen, int level)
{
	int rc = new_block(im, kind, l, skip, 0);
	if (rc < 0)
		return rc;
	struct block *b = &im->b[im->nb - 1];
	if (mlen >= MARK_MAX)
		mlen = 0; /* not a marker this importer writes; cannot happen with the markers it reads */
	memcpy(b->mark, l->s, mlen);
	b->mark[mlen] = '\0';
	b->level = level;
	return 0;
}

/*
 * Step 2: the lines joined into blocks (struct block), by the rules of
 * docs/import.md. Besides the kind of each block this decides the nesting
 * of list items: a list keeps the sort of marker (enum mclass) and the
 * indentation of its first item; right after an item ending with a colon,
 * an item of another sort, or of the same sort indented deeper, opens a
 * list inside that item, and an item of the sort of an outer list, indented
 * no deeper than it, closes the inner ones (indentation counts only when
 * blank lines do, see struct imp). Fails on a malformed heading (PX032) and on
 * text after the signature blocks (PX036).
 */
/* Chinese: does line `l` go on with the title (no punctuation of a sentence
 * in either, a short line, at most four lines)? A title in the layout with
 * indentation or blank lines is told by those instead. */
static bool text_mark_line(const struct line *l);
static bool date_line(bool zh, const struct line *l);

static bool contains(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, lit, n) == 0)
			return true;
	return false;
}

static bool zh_title_more(const struct block *title, const struct line *l)
{
	static const char *const stops[] = { "，", "。", "；", "：", "（以下" };
	for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
		if (contains(title->text.ptr, title->text.size, stops[i]) || (l->len >= 3 && contains(l->s, l->len, stops[i])))
			return false;
	return px_utf8_count(l->s, l->len) <= 40 && title->last_line - title->line < 4;
}

/* In a text broken into lines: does the line before line i end short of
 * the printed width (so that the paragraph ended there)? */
static bool short_before(const struct imp *im, size_t i)
{
	if (i == 0 || !im->wrap_width)
		return false;
	const struct line *l = &im->lines[i - 1];
	return px_utf8_count(l->s, l->len) * 10 < im->wrap_width * 8;
}

/* In a text broken into lines: did line i-1 end because line i's first
 * word would not have fit on it (the line before is nearly as long as the
 * printed width, and one more word would pass it)? */
static bool word_did_not_fit(const struct imp *im, size_t i)
{
	if (i == 0 || !im->wrap_width)
		return false;
	const struct line *prev = &im->lines[i - 1], *l = &im->lines[i];
	size_t w = 0;
	while (w < l->len && l->s[w] != ' ')
		w++;
	size_t before = px_utf8_count(prev->s, prev->len), word = px_utf8_count(l->s, w);
	return before * 10 >= im->wrap_width * 8 && before + 1 + word > im->wrap_width;
}

/* A heading taken from the line after «Статья 5» that turned out to be a
 * sentence (its lines went on and ended with «.» or «:»): the article has
 * no heading, and this is its first paragraph. */
static int heading_sentences(struct imp *im)
{
	bool zh = im->lang == PX_LANG_ZH;
	for (size_t i = 0; i < im->nb; i++) {
		struct block *h = &im->b[i];
		if (h->kind != K_HEADING || h->div == PX_DIV_SECTION || !h->text.size)
			continue;
		uint32_t p = final_punct(h->text.ptr, h->text.size);
		if (!(zh ? ends_unit_zh(p) || p == 0xFF0C : ends_unit_ru(p) || p == ','))
			continue;
		if (im->nb == im->capb) {
			struct block *v = realloc(im->b, (im->capb * 2 + 1) * sizeof *v);
			if (!v)
				return px_fail_oom();
			im->b = v;
			im->capb = im->capb * 2 + 1;
			h = &im->b[i];
		}
		memmove(&im->b[i + 2], &im->b[i + 1], (im->nb - i - 1) * sizeof *im->b);
		im->nb++;
		struct block *para = &im->b[i + 1];
		*para = (struct block){ 0 };
		para->kind = K_PARA;
		para->text = h->text;
		para->line = h->line + 1;
		para->last_line = h->last_line;
		h->text = (px_buf)PX_BUF_INIT;
		h->last_line = h->line;
		i++;
	}
	return 0;
}

/* Does a Russian title end with a word that cannot end it (и, о, по, между …)? */
static bool title_wants_more(const struct block *t)
{
	static const char *const words[] = { "и", "о", "об", "по", "в", "во", "на", "с", "со", "между", "для", "к",
		"от", "при", "за", "из", "—" };
	size_t n = t->text.size, b = n;
	while (b > 0 && t->text.ptr[b - 1] != ' ')
		b--;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (n - b == strlen(words[i]) && memcmp(t->text.ptr + b, words[i], n - b) == 0)
			return true;
	return false;
}

static int build_blocks(struct imp *im)
{
	bool zh = im->lang == PX_LANG_ZH;
	bool in_sections = false; /* after the first division heading */
	bool in_body = false;     /* after a division heading or the first numbered paragraph after a formula */
	bool seen_article = false;
	bool hanzi_paras = false; /* zh: paragraphs numbered 一、 or （一） in this article (or body) */
	int last_article = 0;
	int last_num = 0;
	enum mclass lists[LIST_DEPTH] = { M_NONE }; /* the marker of each open list, outermost first */
	int indents[LIST_DEPTH] = { 0 };            /* and the indentation of its items */
	for (size_t i = 0; i < im->body_lines; i++) {
		const struct line *l = &im->lines[i];
		struct block *cur = im->nb ? &im->b[im->nb - 1] : NULL;
		if (!cur) {
			int rc = new_block(im, K_TITLE, l, 0, 0);
			if (rc < 0)
				return rc;
			continue;
		}
		uint32_t p = final_punct(cur->text.ptr, cur->text.size);
		bool closed = zh ? ends_unit_zh(p) : ends_unit_ru(p);
		struct dhead hd = { 0 };
		bool is_head = division_head(zh, l->s, l->len, last_num + 1, &hd);
		if (is_head && zh && hd.div == PX_DIV_SECTION) {
			/* 一、 opens a section only outside articles, with a short heading
			 * (in a text broken into lines, much shorter than a line) */
			size_t chars = px_utf8_count(l->s + hd.head, l->len - hd.head);
			if (seen_article || chars > (im->pdf_like ? 16u : 30u) || contains(l->s, l->len, "，"))
				is_head = false;
		}
		if (is_head && (hd.div == PX_DIV_ARTICLE || hd.div == PX_DIV_CHAPTER))
			seen_article = true;
		enum mclass cls;
		size_t mlen = 0, pmlen = 0;
		size_t bullet = item_marker(zh, l->s, l->len, &cls, &mlen);
		size_t pskip = para_marker(zh, l->s, l->len, &pmlen);
		bool in_list = cur->kind == K_ITEM || cur->kind == K_ITEMP;
		/* zh: «1.» numbers the paragraphs of an article or the points of a
		 * text that does not number them 一、 (as the Russian «1.» does);
		 * after a paragraph that ends with a colon, or in a list of them,
		 * it numbers items */
		if (zh && cls == M_ZH_DOT && bullet && !hanzi_paras && p != 0xFF1A && p != ':' &&
				!(in_list && lists[cur->level] == M_ZH_DOT)) {
			pskip = bullet;
			pmlen = mlen;
			bullet = 0;
		} else if (zh && pskip && (in_body || seen_article)) {
			hanzi_paras = true;
		}
		if (!in_body && cls != M_DASH)
			bullet = 0; /* numbered lines in the preamble are text */
		if (pskip && !in_body && !(p == ':' || p == 0xFF1A) && cur->kind != K_HEADING && cur->kind != K_TITLE &&
			cur->kind != K_MARK)
			pskip = 0; /* … unless the preamble ended with its formula («…о нижеследующем:») */
		bool after_unit = closed || cur->kind == K_HEADING || cur->kind == K_TITLE || l->hard;
		int rc = 0;
		if (cur->kind == K_TITLE && i <= 6 && text_mark_line(l)) {
			rc = new_block(im, K_MARK, l, 0, 0);
		} else if (is_head && (hd.div == PX_DIV_CHAPTER || hd.div == PX_DIV_ARTICLE ||
				(after_unit && cur->kind != K_TITLE && cur->kind != K_MARK))) {
			if (hd.bad) {
				char prev[32];
				if (last_num)
					section_word(im, last_num, prev, sizeof prev);
				if (im->strict)
					return fail_rule(im, "PX032", l->no, "expected a section heading after %s%s, found '%.*s'",
						last_num ? "section " : "the preamble", last_num ? prev : "", clip(l->s, l->len, 40), l->s);
				rc = new_block(im, K_PARA, l, 0, 0);
				if (rc == 0 && im->diags) {
					px_loc loc = { im->name, l->no, 0, NULL };
					rc = px_diags_addf(im->diags, "PX040", &loc, NULL,
						"'%.*s' looks like a heading but its number is not a numeral; kept as a paragraph",
						clip(l->s, l->len, 40), l->s) < 0 ? px_fail_oom() : 0;
				}
			} else if (hd.div == PX_DIV_ARTICLE && hd.head < l->len && sentence_like(zh, l->s + hd.head, l->len - hd.head) &&
				hd.num != last_article + 1 && !(hd.sub && hd.num == last_article) && !(hd.num == 1 && !last_article)) {
				/* «第五条另有规定的除外。» at the start of a line, out of sequence: text */
				is_head = false;
				rc = after_unit || l->hard ? new_block(im, K_PARA, l, 0, 0) : join(im, cur, l);
			} else {
				bool text_on_line = hd.head < l->len && sentence_like(zh, l->s + hd.head, l->len - hd.head);
				rc = new_block(im, K_HEADING, l, text_on_line ? l->len : hd.head, hd.num);
				if (rc == 0) {
					struct block *b = &im->b[im->nb - 1];
					b->div = hd.div;
					b->sub = hd.sub;
					size_t ml = hd.mlen < MARK_MAX ? hd.mlen : MARK_MAX - 1;
					memcpy(b->numtext, l->s, ml);
					b->numtext[ml] = '\0';
					/* a chapter's or article's heading may stand on the next line */
					b->open = hd.div != PX_DIV_SECTION && hd.head >= l->len;
					if (text_on_line) /* «第一条 本协定……。»: the article's text on its line */
						rc = new_block(im, K_PARA, l, hd.head, 0);
				}
				if (hd.div == PX_DIV_SECTION)
					last_num = hd.num;
				if (hd.div == PX_DIV_ARTICLE)
					last_article = hd.num;
				hanzi_paras = false;
				in_sections = in_body = true;
			}
		} else if (cur->kind == K_HEADING && cur->open && !cur->text.size && !bullet && !pskip && !is_head &&
			!sentence_like(zh, l->s, l->len) && (zh ? px_utf8_count(l->s, l->len) <= 30
				: starts_upper(l->s, l->len) && px_utf8_count(l->s, l->len) <= 120)) {
			/* the heading of the article or chapter, on the line after its number */
			rc = px_buf_put(&cur->text, l->s, l->len) < 0 ? px_fail_oom() : 0;
			cur->last_line = l->no;
			cur->open = !zh; /* a Russian heading broken over lines goes on in lower case */
		} else if (cur->kind == K_HEADING && cur->open && cur->text.size && !zh && starts_lower(l->s, l->len) &&
			!l->hard && !bullet) {
			rc = join(im, cur, l);
		} else if (bullet && (after_unit || (zh ? p == 0xFF0C : p == ','))) {
			int level = 0, k = -1;
			bool flat = im->pdf_blanks; /* indentation means nothing */
			for (int j = in_list ? cur->level : -1; j >= 0; j--)
				if (lists[j] == cls) {
					k = j; /* the outermost list of this sort, unless one is indented no deeper */
					if (flat || indents[j] <= l->depth)
						break;
				}
			if (in_list && cur->kind == K_ITEM && (zh ? p == 0xFF1A : p == ':') && cur->level + 1 < LIST_DEPTH &&
				(k < 0 || (k == cur->level && !flat && l->depth > cur->depth))) {
				level = cur->level + 1; /* a list inside the item before */
			} else if (in_list) {
				level = k >= 0 ? k : cur->level; /* this list or an outer one goes on */
			}
			if (!in_list || level > cur->level) {
				lists[level] = cls;
				indents[level] = l->depth;
			}
			rc = new_marked(im, K_ITEM, l, bullet, mlen, level);
		} else if (pskip && (after_unit || (cur->kind == K_PARA && cur->mark[0] && !in_sections))) {
			rc = new_marked(im, K_PARA, l, pskip, pmlen, 0);
			in_body = true;
		} else if (in_list && !im->pdf_blanks && !im->pdf_like && !l->hard && closed && l->depth > cur->depth) {
			/* indented deeper than its item: a further paragraph of the item
			 * (cur may move when the blocks grow: its depth read first) */
			int depth = cur->depth;
			rc = new_marked(im, K_ITEMP, l, 0, 0, cur->level);
			if (rc == 0)
				im->b[im->nb - 1].depth = depth;
		} else if (cur->kind == K_TITLE) {
			bool starts_para = im->title_by_blank ? false
				: zh ? (im->uses_indent && !im->line_paras ? l->depth >= 3 : !zh_title_more(cur, l))
				: (starts_upper(l->s, l->len) && !begins_with_name_of(im, l, false));
			/* a Russian title goes on in lower case, whatever stands between, and
			 * after a word that needs one more («… Секретариатом ШОС и» /
			 * «Международной ассоциацией …»); a paragraph naming the parties
			 * («… (далее — …)», «именуемые …») is not the title */
			if (!zh && starts_para && title_wants_more(cur))
				starts_para = false;
			if (!zh && !starts_para && (contains(l->s, l->len, "(далее") || contains(l->s, l->len, "именуем")))
				starts_para = true;
			if ((l->hard || starts_para) && (zh || !starts_lower(l->s, l->len)))
				rc = new_block(im, K_PARA, l, 0, 0);
			else
				rc = join(im, cur, l);
		} else if (cur->kind == K_HEADING || cur->kind == K_MARK) {
			if (!zh && cur->kind == K_HEADING && cur->div == PX_DIV_SECTION && starts_lower(l->s, l->len) && !closed &&
				!l->hard)
				rc = join(im, cur, l);
			else
				rc = new_block(im, K_PARA, l, 0, 0);
		} else {
			bool starts;
			/* blank lines that also fall inside sentences say nothing before
			 * a line in lower case */
			bool hard = l->hard && !(!zh && im->blank_mid && starts_lower(l->s, l->len));
			if (hard || im->line_paras)
				starts = true;
			else if (im->para_indent)
				starts = (l->depth >= im->para_depth && (closed || (!in_sections && (zh ? p == 0xFF0C
					: p == ',' && (ru_recital_start(l->s, l->len) || ru_formula_start(l->s, l->len)))))) ||
					/* a recital after a recital, however indented (认识到……，/ 愿……，) */
					(zh && !in_sections && p == 0xFF0C && zh_recital_start(l->s, l->len));
			else if (zh && im->uses_indent)
				starts = l->depth >= 3; /* two U+3000; a stray space or two is not an indentation */
			else if (zh)
				starts = (closed && (p == 0x3002 || !im->pdf_like || short_before(im, i))) ||
					(!in_sections && p == 0xFF0C && (!im->pdf_like || short_before(im, i) ||
					zh_recital_start(l->s, l->len))) || (im->pdf_like && short_before(im, i) && p != 0xFF0C);
			else if (!in_sections)
				starts = (p == ',' && (ru_recital_start(l->s, l->len) || ru_formula_start(l->s, l->len))) ||
					(closed && starts_upper(l->s, l->len));
			else if (in_list)
				starts = p == '.' && starts_upper(l->s, l->len);
			else
				starts = (closed && (starts_upper(l->s, l->len) || ((p == ';' || p == ':') && (!im->pdf_like ||
					l->indent || short_before(im, i) || has_at(l->s, l->len, 0, "«"))))) ||
					(im->pdf_like && !closed && p != ',' && short_before(im, i) && starts_upper(l->s, l->len));
			/* a full stop at the end of a full line, before a capital: the
			 * layout does not say whether the paragraph ends there (it
			 * ends there, and the check knows it was not sure) */
			bool soft = starts && !zh && in_sections && (!l->hard || im->blank_mid) && !im->line_paras &&
				!im->para_indent && p == '.' && !l->indent && word_did_not_fit(im, i);
			/* «г. Бишкек, 18 октября 2025 года» after the last sentence: the place and date */
			if (!starts && closed && date_line(zh, l) && px_utf8_count(l->s, l->len) <= 60 &&
				!ends_unit_ru(final_punct(l->s, l->len)) && !ends_unit_zh(final_punct(l->s, l->len)))
				starts = true;
			rc = starts ? new_block(im, K_PARA, l, 0, 0) : join(im, cur, l);
			if (rc == 0 && starts && soft)
				im->b[im->nb - 1].soft = true;
		}
		if (rc < 0)
			return rc;
	}
	return heading_sentences(im);
}

/* Hard wraps: a blank line inside a sentence (the line before it ends with
 * no punctuation and the next goes on in lower case or the line before it is
 * a full printed line; in Chinese, the line before it is a full printed
 * line), or after a comma inside the body, ends nothing. */
static void unbreak_blank_lines(struct imp *im)
{
	bool zh = im->lang == PX_LANG_ZH;
	size_t first_div = im->nlines;
	for (size_t k = 0; k < im->nlines && first_div == im->nlines; k++) {
		struct dhead hd;
		if (division_head(zh, im->lines[k].s, im->lines[k].len, 0, &hd) && hd.div != PX_DIV_NONE)
			first_div = k;
	}
	/* the title's lines end with no punctuation: a blank line among them or
	 * after them stands */
	size_t first_punct = 0;
	while (first_punct < im->nlines) {
		uint32_t fp = final_punct(im->lines[first_punct].s, im->lines[first_punct].len);
		if (ends_unit_ru(fp) || ends_unit_zh(fp) || fp == ',' || fp == 0xFF0C)
			break;
		first_punct++;
	}
	for (size_t k = first_punct + 1; im->pdf_like && k < im->nlines; k++) {
		struct line *l = &im->lines[k];
		const struct line *prev = &im->lines[k - 1];
		if (!l->hard)
			continue;
		uint32_t pp = final_punct(prev->s, prev->len);
		bool open = !(ends_unit_ru(pp) || ends_unit_zh(pp) || pp == ',' || pp == 0xFF0C);
		bool long_prev = k > 2 && px_utf8_count(prev->s, prev->len) * 10 >= im->wrap_width * 8;
		if (han_text(l) ? open && px_utf8_count(prev->s, prev->len) * 10 >= im->wrap_width * 8
				: (open && (starts_lower(l->s, l->len) || long_prev)) ||
				(pp == ',' && starts_lower(l->s, l->len) && (k > first_div || (!ru_recital_start(l->s, l->len) &&
				!ru_formula_start(l->s, l->len)))))
			l->hard = false;
	}
	/* first-line indentation: in a text broken into lines, the least depth
	 * of indentation that most lines after a sentence's end have and few
	 * lines inside a sentence have (stray spaces are shallower) */
	for (int t = 2; im->pdf_like && t <= 8 && !im->para_indent; t++) {
		size_t ind = 0, flat = 0, cont_ind = 0, cont = 0;
		for (size_t k = 1; k < im->nlines; k++) {
			const struct line *l = &im->lines[k], *prev = &im->lines[k - 1];
			uint32_t pp = final_punct(prev->s, prev->len);
			enum mclass cls;
			size_t ml;
			struct dhead hd;
			if (item_marker(zh, l->s, l->len, &cls, &ml) || division_head(zh, l->s, l->len, 0, &hd))
				continue; /* told by its marker, whatever its indentation */
			if (ends_unit_ru(pp) || ends_unit_zh(pp)) {
				ind += l->depth >= t;
				flat += l->depth < t;
			} else {
				cont_ind += l->depth >= t;
				cont++;
			}
		}
		if (ind >= 4 && ind * 10 >= (ind + flat) * 6 && cont_ind * 10 <= cont * 2) {
			im->para_indent = true;
			im->para_depth = t;
		}
	}
}

/* ---- PDF artefacts ------------------------------------------------------- */

/* A page number on a line of its own: «2», «- 2 -», «— 3 —», «-3-», «стр. 4»,
 * «第5页», «5/12». */
static bool page_number_line(const struct line *l)
{
	const char *s = l->s;
	size_t len = l->len, i = 0, digits_seen = 0;
	if (has_at(s, len, 0, "стр.") || has_at(s, len, 0, "Стр.") || has_at(s, len, 0, "第"))
		i = has_at(s, len, 0, "第") ? 3 : strlen("стр.");
	for (; i < len;) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, len - i, &cp);
		if (cp >= '0' && cp <= '9')
			digits_seen++;
		else if (!(is_dash(cp) || cp == ' ' || cp == '/' || cp == 0xFF0D || cp == 0x9875 /* 页 */))
			return false;
		i += (size_t)k;
	}
	return digits_seen > 0 && digits_seen <= 4;
}

static bool same_line(const struct line *a, const struct line *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* FNV-1a of a line's bytes. */
static size_t line_hash(const struct line *l)
{
	size_t h = (size_t)1469598103934665603ULL;
	for (size_t i = 0; i < l->len; i++)
		h = (h ^ (unsigned char)l->s[i]) * (size_t)1099511628211ULL;
	return h;
}

/*
 * Drop what a PDF adds to a text: page numbers on lines of their own and the
 * running header or footer next to them (a line that stands next to two or
 * more page numbers). They are not part of the instrument; everything else is
 * kept. Linear: the lines next to page numbers are counted in a hash table.
 */
static void drop_page_artefacts(struct imp *im)
{
	size_t n = im->nlines, pages = 0;
	bool *drop = calloc(n ? n : 1, sizeof *drop);
	if (!drop)
		return; /* nothing dropped: the artefacts stay as text */
	for (size_t i = 1; i < n; i++)
		if (page_number_line(&im->lines[i])) {
			drop[i] = true;
			pages++;
		}
	/* the neighbours of page numbers: slot → index of a line, and how often */
	size_t cap = 16;
	while (cap < pages * 4)
		cap *= 2;
	size_t *slot = pages ? malloc(cap * sizeof *slot) : NULL, *count = pages ? calloc(cap, sizeof *count) : NULL;
	if (pages && (!slot || !count))
		pages = 0;
	for (size_t i = 0; pages && i < cap; i++)
		slot[i] = (size_t)-1;
	for (int pass = 0; pages && pass < 2; pass++)
		for (size_t i = 1; i < n; i++) {
			if (!drop[i] || !page_number_line(&im->lines[i]))
				continue;
			for (int side = -1; side <= 1; side += 2) {
				size_t c = i + (size_t)side;
				if ((side < 0 && i == 0) || c >= n || c == 0 || page_number_line(&im->lines[c]) ||
					im->lines[c].len > 120)
					continue;
				size_t h = line_hash(&im->lines[c]) & (cap - 1);
				while (slot[h] != (size_t)-1 && !same_line(&im->lines[slot[h]], &im->lines[c]))
					h = (h + 1) & (cap - 1);
				if (pass == 0) {
					slot[h] = c;
					count[h]++;
				} else if (count[h] >= 2 || same_line(&im->lines[c], &im->lines[0])) {
					/* a running header or footer: it recurs, or it repeats the text's first line */
					drop[c] = true;
				}
			}
		}
	/* the first line is a header above the title, not the title's first line,
	 * when it recurs next to page numbers and it and the line after it each
	 * name a kind of instrument («Соглашение о …» over «СОГЛАШЕНИЕ»,
	 * 上合组织数字经济合作协定 over the full title) */
	bool zh0 = n > 1 && han_text(&im->lines[0]);
	for (size_t h = 0; pages && n > 1 && !drop[0] && h < cap; h++)
		if (slot[h] != (size_t)-1 && same_line(&im->lines[slot[h]], &im->lines[0]) &&
			px_kind_from_title(zh0 ? PX_LANG_ZH : PX_LANG_RU, im->lines[0].s, im->lines[0].len) &&
			(px_kind_from_title(zh0 ? PX_LANG_ZH : PX_LANG_RU, im->lines[1].s, im->lines[1].len) ||
			(zh0 && n > 2 && px_kind_from_title(PX_LANG_ZH, im->lines[2].s, im->lines[2].len))) &&
			(zh0 || starts_upper(im->lines[1].s, im->lines[1].len))) {
			drop[0] = true;
			im->lines[1].hard = false;
		}
	free(slot);
	free(count);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!drop[i])
			im->lines[k++] = im->lines[i];
		else if (i + 1 < n && im->lines[i].hard)
			im->lines[i + 1].hard = im->lines[i + 1].hard || !im->pdf_blanks;
	im->nlines = k;
	free(drop);
}

/* A mark under the title saying which text this is: «(Перевод)», «（中文本）». */
static bool text_mark_line(const struct line *l)
{
	const char *s = l->s;
	size_t len = l->len;
	bool open = has_at(s, len, 0, "(") || has_at(s, len, 0, "（");
	bool close = (len && s[len - 1] == ')') || ends_with(s, len, "）");
	return open && close && px_utf8_count(s, len) <= 30 && !memchr(s, ',', len);
}

/* ---- signature blocks ---------------------------------------------------- */

/* The words that open a Russian signature block: «За …», or the title of a
 * signer who signs in his own name («Президент Республики Казахстан»). */
static bool ru_sig_start(const char *s, size_t len)
{
	static const char *const titles[] = { "Президент", "Председатель", "Премьер-министр", "Премьер-Министр",
		"Генеральный секретарь", "Вице-президент", "Эмир", "Король" };
	size_t w = first_word(s, len);
	if (starts_word(s, len, "За") && w + 1 < len && starts_upper(s + w + 1, len - w - 1))
		return true;
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (starts_word(s, len, titles[i]) && final_punct(s, len) != '.' && px_utf8_count(s, len) <= 120)
			return true;
	return false;
}

/* A signer's name: «А. Б. Серикбаев», «А.Серикбаев», «Серикбаев А.Б.»,
 * «Абдулла Арипов» after a complete block; Chinese names are told by
 * their place (see find_signatures()). */
static bool ru_person(const char *s, size_t len)
{
	if (len > 80 || !starts_upper(s, len))
		return false;
	size_t caps_dot = 0, words = 1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ')
			words++;
		if (s[i] == '.' && i >= 2)
			caps_dot++;
	}
	uint32_t p = final_punct(s, len);
	return caps_dot >= 1 && words <= 4 && p != ';' && p != ':' && p != ',';
}

/* The post of a signer under the body's name: «Генеральный секретарь»,
 * «Исполнительный директор», «Министр иностранных дел». */
static bool ru_post(const char *s, size_t len)
{
	static const char *const words[] = { "Генеральный", "Исполнительный", "Председатель", "Директор", "Министр",
		"Заместитель", "Посол", "Руководитель", "Президент", "Секретарь", "Начальник", "Глава", "Первый",
		"Чрезвычайный", "Постоянный", "Премьер-министр", "Вице-премьер", "Вице-президент", "Статс-секретарь" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (starts_word(s, len, words[i]))
			return true;
	return false;
}

/* Does a Russian signature block's text name a registered body in full? */
static bool ru_body_complete(struct imp *im, const px_buf *b)
{
	px_signatory m;
	return px_registry_match_signature_ru(im->reg, b->ptr, b->size, &m) == 0;
}

static bool zh_sig_mark(const char *s, size_t len)
{
	return (contains(s, len, "签字") || contains(s, len, "签名")) && len <= 3 * 8 && (s[0] == '(' || has_at(s, len, 0, "（"));
}

static bool ru_sig_mark(const char *s, size_t len)
{
	return len <= 24 && (has_at(s, len, 0, "(подпись)") || has_at(s, len, 0, "(Подпись)") || has_at(s, len, 0, "подпись"));
}

/* Chinese: the end of a signing body's name: «…代表», a title that signs
 * («…总统», «…主席», «…总理»). */
static bool zh_body_end(const char *s, size_t len)
{
	static const char *const ends[] = { "代表", "总统", "主席", "总理", "首相", "秘书长", "国王", "埃米尔" };
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
		if (ends_with(s, len, ends[i]))
			return true;
	return false;
}

/* The bytes of «为» or «代表» ("on behalf of") before a signing body's name
 * at s («为哈萨克斯坦共和国政府», «代表印度共和国政府»), or 0. */
static size_t zh_wei_len(const char *s, size_t len)
{
	size_t n = has_at(s, len, 0, "为") ? strlen("为") : has_at(s, len, 0, "代表") ? strlen("代表") : 0;
	return n && len > n ? n : 0;
}

/* Does a Chinese line begin a signing body (a state or organization of the
 * registry, after «为» or «代表»)? */
static bool zh_wei(struct imp *im, const struct line *l)
{
	size_t n = zh_wei_len(l->s, l->len);
	if (!n)
		return false;
	struct line rest = *l;
	rest.s += n;
	rest.len -= n;
	return begins_with_name(im, &rest);
}

static bool zh_body_start(struct imp *im, const struct line *l)
{
	return zh_wei(im, l) || begins_with_name(im, l);
}

static bool line_closes(bool zh, const struct line *l)
{
	uint32_t p = final_punct(l->s, l->len);
	return zh ? (p == 0x3002 || p == 0xFF1B || p == 0xFF1A || p == 0xFF0C || p == ';' || p == ':')
		: (p == ';' || p == ':' || p == ',' || (p == '.' && !ru_person(l->s, l->len)));
}

static int sig_new(struct imp *im, const struct line *l)
{
	struct sigblk *v = realloc(im->sg, (im->nsg + 1) * sizeof *v);
	if (!v)
		return px_fail_oom();
	im->sg = v;
	struct sigblk *g = &im->sg[im->nsg++];
	*g = (struct sigblk){ PX_BUF_INIT, PX_BUF_INIT, PX_BUF_INIT, l->no, 0, 0 };
	return px_buf_put(&g->body, l->s, l->len) < 0 ? px_fail_oom() : 0;
}

static int sig_add(struct imp *im, px_buf *b, int *line, const struct line *l)
{
	if (!b->size)
		*line = l->no;
	else if (im->lang == PX_LANG_RU && px_buf_put(b, " ", 1) < 0)
		return px_fail_oom();
	return px_buf_put(b, l->s, l->len) < 0 ? px_fail_oom() : 0;
}

/*
 * The signature blocks at the end of the text. They are the run of lines
 * after the last line that ends a sentence (the final clause ends with «.» /
 * «。»; signature lines end with none), from the first line in that run that
 * opens a block: «За …» or a signer's title in Russian; a state or
 * organization of the registry, «为……», or a line ending «代表» in Chinese.
 * Inside a block, in Russian a line that begins in lower case or with a
 * state's name goes on with the body's name; a name with initials, or any
 * other line once the body's name is complete, is the signer. In Chinese the
 * body's name runs to the line that ends with «代表» (or a title); the lines
 * after it up to «（签字）» or the next body are the signer. Sets
 * im->body_lines to the first line of the blocks (im->nlines: none).
 */
/* A line of place and date («Душанбе, 5 июля 2025 года», «2025年7月5日于杜尚别»). */
static bool date_line(bool zh, const struct line *l)
{
	bool digit = false;
	for (size_t i = 0; i < l->len; i++)
		digit |= l->s[i] >= '0' && l->s[i] <= '9';
	if (zh)
		return (digit || contains(l->s, l->len, "〇")) && contains(l->s, l->len, "年") && contains(l->s, l->len, "日");
	return digit && (contains(l->s, l->len, " года") || contains(l->s, l->len, " г."));
}

/* Could line i open the signature blocks? Russian: «За …» or a signer's
 * title; Chinese: a line without the punctuation of a sentence that names a
 * body (registry, «为……») or ends with «代表» within three lines. */
static bool sig_candidate(struct imp *im, size_t i)
{
	const struct line *l = &im->lines[i];
	struct dhead hd;
	if (division_head(im->lang == PX_LANG_ZH, l->s, l->len, 0, &hd))
		return false;
	if (im->lang == PX_LANG_RU)
		return ru_sig_start(l->s, l->len) && !line_closes(false, l);
	static const char *const stops[] = { "，", "。", "；", "：" };
	for (size_t j = 0; j < sizeof stops / sizeof stops[0]; j++)
		if (contains(l->s, l->len, stops[j]))
			return false;
	/* a body's name broken over lines, or an unregistered body: «…代表» on
	 * this line, or «代表» alone on the next */
	if (ends_with(l->s, l->len, "代表") ||
		(i + 1 < im->nlines && im->lines[i + 1].len == strlen("代表") && has_at(im->lines[i + 1].s, im->lines[i + 1].len, 0, "代表")))
		return true;
	if (!zh_body_start(im, l))
		return false; /* «部长们对……担任上合组织主席» wrapped: not a block */
	for (size_t k = i; k < im->nlines && k < i + 3; k++) {
		const struct line *m = &im->lines[k];
		for (size_t j = 0; j < sizeof stops / sizeof stops[0]; j++)
			if (contains(m->s, m->len, stops[j]))
				return false;
		if (zh_body_end(m->s, m->len) || (k == i && zh_wei(im, m)))
			return k == i || !zh_sig_mark(m->s, m->len);
	}
	return false;
}

/*
 * The signature blocks at the end of the text: from the first line that can
 * open one (sig_candidate()) right after a line that ends a sentence (the
 * final clause ends with «.» / «。»; signature lines end with none). Inside
 * a block, in Russian a line that begins in lower case or with a state's
 * name, or any line while the body's name is not a registered one, goes on
 * with the body's name; a name with initials or a post («Генеральный
 * секретарь») is the signer. In Chinese the body's name runs to the line
 * that ends with «代表» (or a title); the lines after it up to «（签字）» or
 * the next body are the signer. A line that ends a sentence, or a heading,
 * after the blocks is text after the signatures (im->trail_from). Sets
 * im->body_lines to the first line of the blocks (im->nlines: none).
 */
static int find_signatures(struct imp *im)
{
	bool zh = im->lang == PX_LANG_ZH;
	size_t n = im->nlines, start = n;
	im->trail_from = n;
	for (size_t i = 2; i < n && start == n; i++)
		if ((line_closes(zh, &im->lines[i - 1]) || im->lines[i].hard) && sig_candidate(im, i))
			start = i;
	im->body_lines = start;
	if (start == n)
		return 0;
	struct sigblk *g = NULL;
	bool body_done = false;
	for (size_t i = start; i < n; i++) {
		const struct line *l = &im->lines[i];
		struct dhead hd;
		if ((line_closes(zh, l) && !(zh ? zh_sig_mark(l->s, l->len) : ru_sig_mark(l->s, l->len))) ||
			division_head(zh, l->s, l->len, 0, &hd) || date_line(zh, l)) {
			im->trail_from = i;
			break;
		}
		int rc = 0;
		if (!zh) {
			bool za = starts_word(l->s, l->len, "За") && ru_sig_start(l->s, l->len);
			bool title = !za && ru_sig_start(l->s, l->len);
			if (!g || za || (title && !starts_word(g->body.ptr, g->body.size, "За"))) {
				rc = sig_new(im, l);
				g = &im->sg[im->nsg - 1];
				body_done = false;
			} else if (ru_sig_mark(l->s, l->len)) {
				rc = sig_add(im, &g->mark, &g->mark_line, l);
			} else if (!body_done && !g->person.size && !ru_person(l->s, l->len) && !ru_post(l->s, l->len) &&
				(starts_lower(l->s, l->len) || begins_with_name(im, l) || !ru_body_complete(im, &g->body))) {
				rc = sig_add(im, &g->body, &g->line, l);
			} else {
				body_done = true;
				rc = sig_add(im, &g->person, &g->person_line, l);
			}
		} else {
			bool mark = zh_sig_mark(l->s, l->len);
			bool rep = ends_with(l->s, l->len, "代表") || (i + 1 < n && im->lines[i + 1].len == strlen("代表") &&
				has_at(im->lines[i + 1].s, im->lines[i + 1].len, 0, "代表") && !(g && !body_done));
			bool head_title = zh_body_end(l->s, l->len) && !rep && g && !ends_with(g->body.ptr, g->body.size, "代表");
			/* an unregistered body's name broken before the line that ends
			 * «代表» («国际数字发展 / 协会代表»), after the signer's name: not a
			 * name itself (no «·», longer than a Chinese name) */
			bool rep_next = g && body_done && g->person.size && i + 1 < n && !mark &&
				ends_with(im->lines[i + 1].s, im->lines[i + 1].len, "代表") &&
				!zh_body_start(im, &im->lines[i + 1]) && !contains(l->s, l->len, "·") &&
				px_utf8_count(l->s, l->len) > 4;
			if (!g || (body_done && !mark && (zh_body_start(im, l) || rep || rep_next || head_title || g->mark.size))) {
				rc = sig_new(im, l);
				g = &im->sg[im->nsg - 1];
				body_done = zh_body_end(l->s, l->len) || zh_wei(im, l);
			} else if (mark) {
				rc = sig_add(im, &g->mark, &g->mark_line, l);
				body_done = true;
			} else if (!body_done) {
				rc = px_buf_put(&g->body, l->s, l->len) < 0 ? px_fail_oom() : 0;
				body_done = zh_body_end(g->body.ptr, g->body.size);
			} else {
				rc = sig_add(im, &g->person, &g->person_line, l);
			}
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The text after the signature blocks, kept as paragraphs (a run of lines
 * up to one that ends a sentence is one paragraph), with a warning. */
static int trailing_blocks(struct imp *im)
{
	im->trail_block = im->nb;
	bool zh = im->lang == PX_LANG_ZH, open = false;
	for (size_t i = im->trail_from; i < im->nlines; i++) {
		const struct line *l = &im->lines[i];
		int rc = open ? join(im, &im->b[im->nb - 1], l) : new_block(im, K_PARA, l, 0, 0);
		if (rc == 0 && !open && !date_line(zh, l))
			rc = warn_at(im, "PX040", l->no, "text after the signature blocks; kept as a paragraph of the conclusions");
		if (rc < 0)
			return rc;
		open = !line_closes(zh, l) && !date_line(zh, l) && !l->hard;
	}
	return 0;
}

/* ---- the signing date ---------------------------------------------------- */

/*
 * A Chinese date written in numerals or full-width digits in the digits ICU
 * reads: 二〇二二年九月十六日 → 2022年9月16日, ２０２２年 → 2022年. Other text is
 * copied as it is.
 */
static int zh_date_digits(const char *s, size_t len, px_buf *out)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0xFF10 && cp <= 0xFF19) {
			char c = (char)('0' + (cp - 0xFF10));
			if (px_buf_put(out, &c, 1) < 0)
				return px_fail_oom();
			i += (size_t)k;
			continue;
		}
		/* a run of numeral characters right before 年, 月 or 日 */
		size_t j = i;
		bool ten = false;
		while (j < len) {
			uint32_t c2;
			int k2 = px_utf8_decode(s + j, len - j, &c2);
			if (!is_hanzi_digit(c2) || c2 == 0x767E)
				break;
			ten |= c2 == 0x5341;
			j += (size_t)k2;
		}
		if (j > i && (has_at(s, len, j, "年") || has_at(s, len, j, "月") || has_at(s, len, j, "日"))) {
			char num[16];
			if (has_at(s, len, j, "年") && !ten) {
				size_t n = 0;
				for (size_t x = i; x < j && n + 1 < sizeof num;) {
					uint32_t c3;
					x += (size_t)px_utf8_decode(s + x, j - x, &c3);
					static const uint32_t digit_cp[] = { 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
						0x516B, 0x4E5D };
					int d = -1;
					for (int q = 0; q < 10; q++)
						if (digit_cp[q] == c3)
							d = q;
					if (c3 == 0x96F6)
						d = 0;
					if (d < 0)
						break;
					num[n++] = (char)('0' + d);
				}
				num[n] = '\0';
			} else {
				int v = px_hanzi_parse(s + i, j - i);
				if (v <= 0)
					num[0] = '\0';
				else
					snprintf(num, sizeof num, "%d", v);
			}
			if (num[0]) {
				if (px_buf_puts(out, num) < 0)
					return px_fail_oom();
				i = j;
				continue;
			}
		}
		if (px_buf_put(out, s + i, (size_t)k) < 0)
			return px_fail_oom();
		i += (size_t)k;
	}
	return 0;
}

static int find_date(struct imp *im, size_t from, char out[11], size_t *at)
{
	UErrorCode e = U_ZERO_ERROR;
	/* the written forms of a signing date, parsed strictly */
	static const char *const ru_pats[] = { "d MMMM y 'года'", "d MMMM y 'г'.", "dd.MM.y", NULL };
	static const char *const zh_pats[] = { "y年M月d日", NULL };
	const char *const *pats = im->lang == PX_LANG_ZH ? zh_pats : ru_pats;
	UDateFormat *f[3] = { NULL, NULL, NULL };
	UChar pat[64], iso_pat[16], tz[4];
	u_uastrcpy(iso_pat, "yyyy-MM-dd");
	u_uastrcpy(tz, "UTC");
	for (int k = 0; pats[k]; k++) {
		u_strFromUTF8(pat, 64, NULL, pats[k], -1, &e);
		f[k] = udat_open(UDAT_PATTERN, UDAT_PATTERN, im->lang == PX_LANG_ZH ? "zh_CN" : "ru_RU", tz, -1, pat, -1, &e);
		if (!U_FAILURE(e))
			udat_setLenient(f[k], 0);
	}
	UDateFormat *iso = udat_open(UDAT_PATTERN, UDAT_PATTERN, "en_US_POSIX", tz, -1, iso_pat, -1, &e);
	if (U_FAILURE(e)) {
		for (int k = 0; k < 3; k++)
			if (f[k])
				udat_close(f[k]);
		udat_close(iso);
		return px_fail(PX_ERROR, "date formats unavailable: %s", u_errorName(e));
	}
	int found = 0;
	for (size_t bi = from; bi < im->nb && !found; bi++) {
		const px_buf *t = &im->b[bi].text;
		if (im->b[bi].kind != K_PARA || !t->size)
			continue;
		px_buf conv = PX_BUF_INIT;
		if (im->lang == PX_LANG_ZH) {
			if ((found = zh_date_digits(t->ptr, t->size, &conv)) < 0)
				break;
			t = &conv;
		}
		int32_t ulen = 0;
		e = U_ZERO_ERROR;
		u_strFromUTF8(NULL, 0, &ulen, t->ptr, (int32_t)t->size, &e);
		e = U_ZERO_ERROR;
		UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
		if (!u) {
			px_buf_dispose(&conv);
			found = px_fail_oom();
			break;
		}
		u_strFromUTF8(u, ulen + 1, NULL, t->ptr, (int32_t)t->size, &e);
		for (int32_t i = 0; i < ulen && !found; i++) {
			if (!u_isdigit(u[i]) || (i > 0 && u_isdigit(u[i - 1])))
				continue;
			UDate d = 0;
			bool ok = false;
			for (int k = 0; k < 3 && f[k] && !ok; k++) {
				int32_t pos = i;
				e = U_ZERO_ERROR;
				d = udat_parse(f[k], u, ulen, &pos, &e);
				ok = !U_FAILURE(e) && pos > i;
			}
			if (!ok)
				continue;
			UChar iso_out[16];
			e = U_ZERO_ERROR;
			int32_t n = udat_format(iso, d, iso_out, 16, NULL, &e);
			if (!U_FAILURE(e) && n == 10) {
				u_austrncpy(out, iso_out, 10);
				out[10] = '\0';
				found = 1;
				*at = bi;
			}
		}
		free(u);
		px_buf_dispose(&conv);
	}
	for (int k = 0; k < 3; k++)
		if (f[k])
			udat_close(f[k]);
	udat_close(iso);
	return found;
}

static bool valid_date(const char *d)
{
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return false;
	int m = atoi(d + 5), day = atoi(d + 8);
	return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

static bool valid_slug(const char *s)
{
	if (!s || !*s || strlen(s) > 64)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

/* ---- step 3 and 4: structure and XML ------------------------------------- */

/*
 * The XML is written in the canonical layout of px_doc_save_buf():
 * structural elements one per line, indented by two spaces a level; mixed
 * elements (p, num, heading) and everything inside them on the line of their
 * start tag; an element without content as an empty-element tag. Parsing
 * that text once gives the document a reader of the saved file gets, line
 * numbers included. With `canon` false everything after the XML declaration
 * is on one line instead: the form that is parsed, saved and parsed again
 * when the canonical text does not parse, so that the error reported is the
 * same either way.
 */
struct xw {
	px_buf *o;
	bool canon;
	int level; /* indentation of the next structural line */
};

/* Append s[0..len) escaped: & < > always, the double quote when `quot`;
 * with `ws`, tabs and line ends as the spaces a parser makes of them in an
 * attribute value (CR LF as one space). */
static int esc_with(px_buf *o, const char *s, size_t len, bool quot, bool ws)
{
	const char *run = s, *end = s + len;
	for (const char *p = s; p < end; p++) {
		const char *rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;"
			: quot && *p == '"' ? "&quot;" : ws && (*p == '\t' || *p == '\n' || *p == '\r') ? " " : NULL;
		if (rep) {
			if (px_buf_put(o, run, (size_t)(p - run)) < 0 || px_buf_puts(o, rep) < 0)
				return PX_ENOMEM;
			if (ws && *p == '\r' && p + 1 < end && p[1] == '\n')
				p++;
			run = p + 1;
		}
	}
	return px_buf_put(o, run, (size_t)(end - run));
}

/* Text content. The canonical layout, like px_doc_save_buf(), leaves the
 * double quote as it is. */
static int esc(struct xw *w, const char *s, size_t len)
{
	return esc_with(w->o, s, len, !w->canon, false);
}

/* An attribute value written from a string (a name of the registry). */
static int esc_attr(struct xw *w, const char *s)
{
	if (!s)
		s = "";
	return esc_with(w->o, s, strlen(s), true, w->canon);
}

/* Indentation that begins a structural line, and the end of the line. */
static int xw_indent(struct xw *w)
{
	for (int i = 0; w->canon && i < w->level; i++)
		if (px_buf_put(w->o, "  ", 2) < 0)
			return PX_ENOMEM;
	return 0;
}

static int xw_eol(struct xw *w)
{
	return w->canon ? px_buf_put(w->o, "\n", 1) : 0;
}

static int xw_line(struct xw *w, int depth, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* A structural line made of the formatted tags: `depth` +1 for a start tag
 * (the lines after it are indented one level more), -1 for an end tag, 0 for
 * a complete element. */
static int xw_line(struct xw *w, int depth, const char *fmt, ...)
{
	if (depth < 0)
		w->level--;
	int rc = xw_indent(w);
	if (!strchr(fmt, '%')) {
		rc |= px_buf_puts(w->o, fmt); /* nothing to format */
	} else {
		char small[512], *line = small;
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(small, sizeof small, fmt, ap);
		va_end(ap);
		if (n >= (int)sizeof small && (line = malloc((size_t)n + 1)) != NULL) {
			va_start(ap, fmt);
			vsnprintf(line, (size_t)n + 1, fmt, ap);
			va_end(ap);
		}
		rc |= n < 0 || !line ? PX_ENOMEM : px_buf_put(w->o, line, (size_t)n);
		if (line != small)
			free(line);
	}
	if (depth > 0)
		w->level++;
	rc |= xw_eol(w);
	return rc ? PX_ENOMEM : 0;
}

/* A mixed element with plain text on a line of its own: `<tag>text</tag>`,
 * with an eId when `eid` is not NULL. */
static int write_mixed(struct xw *w, const char *tag, const char *eid, const char *s, size_t len)
{
	int rc = xw_indent(w);
	rc |= px_buf_put(w->o, "<", 1);
	rc |= px_buf_puts(w->o, tag);
	if (eid) {
		rc |= px_buf_puts(w->o, " eId=\"");
		rc |= px_buf_puts(w->o, eid);
		rc |= px_buf_put(w->o, "\"", 1);
	}
	if (!len && w->canon) {
		rc |= px_buf_puts(w->o, "/>");
	} else {
		rc |= px_buf_put(w->o, ">", 1);
		rc |= esc(w, s, len);
		rc |= px_buf_puts(w->o, "</");
		rc |= px_buf_puts(w->o, tag);
		rc |= px_buf_put(w->o, ">", 1);
	}
	rc |= xw_eol(w);
	return rc ? PX_ENOMEM : 0;
}

static int write_p(struct xw *w, const char *eid, const px_buf *t)
{
	return write_mixed(w, "p", eid, t->ptr, t->size);
}

struct sig {
	px_signatory m;
	bool linked;
};

/* How the body of the text is divided. */
enum body_mode {
	BODY_DIVISIONS, /* headings: sections, chapters, articles */
	BODY_POINTS,    /* numbered points, no headings (memoranda) */
	BODY_PARAS,     /* unnumbered paragraphs (statements) */
};

/* What step 3 found out about the blocks, for writing the XML. */
struct plan {
	const struct px_kind_info *kind;
	enum body_mode mode;
	size_t pre_from, pre_to; /* the preamble: blocks [pre_from, pre_to) */
	bool formula;            /* its last block is the enacting formula */
	size_t body_from;        /* the body: blocks [body_from, concl) */
	size_t concl;            /* the final clauses after the body: [concl, nb) */
	char date[11];           /* signing date; "" when unknown */
	const char *type;        /* FRBRsubtype: the kind's name */
	const char *number;
	char *subject;           /* owned; the number when none was given */
	struct sig *sigs;        /* owned; one per signature block */
	size_t nsig;
	const char *place;       /* registry id of the place of signing (borrowed), or NULL */
};

/* The place of signing: the first place of the registry named in the
 * paragraph that gives the signing date («в городе Самарканде», 在撒马尔罕). */
static int find_place(struct imp *im, const struct block *b, struct plan *p)
{
	px_mention *m = NULL;
	size_t n = 0;
	if (px_registry_find_mentions(im->reg, b->text.ptr, b->text.size, im->lang, &m, &n) < 0)
		return px_error_last()->code == PX_ENOMEM ? PX_ENOMEM : 0;
	for (size_t i = 0; i < n && !p->place; i++)
		if (m[i].kind == PX_ENTRY_PLACE)
			p->place = m[i].id;
	free(m);
	return 0;
}

/* TLC href of a body: /akn/ontology/organization/in/most for "in-most". */
static int body_href(px_buf *o, const char *state, const char *id)
{
	size_t sl = strlen(state);
	const char *rest = strncmp(id, state, sl) == 0 && id[sl] == '-' ? id + sl + 1 : id;
	return px_buf_printf(o, "/akn/ontology/organization/%s/%s", state, rest);
}

/* The first p of a signature block: the role and the signing body, linked
 * to the registry when it is known there. */
static int write_signature(struct imp *im, struct xw *w, const px_buf *t, const struct sig *s)
{
	int rc = 0;
	px_buf *o = w->o;
	const char *x = t->ptr;
	if (!s->linked) {
		/* kept as written; only the role is marked */
		if (im->lang == PX_LANG_RU && starts_word(x, t->size, "За")) {
			rc |= px_buf_puts(o, "<role refersTo=\"#signatory\">За</role>");
			rc |= esc(w, x + strlen("За"), t->size - strlen("За"));
		} else if (im->lang == PX_LANG_ZH && ends_with(x, t->size, "代表")) {
			rc |= esc(w, x, t->size - strlen("代表"));
			rc |= px_buf_puts(o, "<role refersTo=\"#signatory\">代表</role>");
		} else {
			rc |= esc(w, x, t->size);
		}
		return rc ? PX_ENOMEM : 0;
	}
	const px_signatory *m = &s->m;
	size_t za = strlen("За");
	if (im->lang == PX_LANG_RU && starts_word(x, t->size, "За") && m->org_start >= za) {
		rc |= px_buf_puts(o, "<role refersTo=\"#signatory\">");
		rc |= esc(w, x, za);
		rc |= px_buf_puts(o, "</role>");
		rc |= esc(w, x + za, m->org_start - za);
	} else if (im->lang == PX_LANG_ZH && zh_wei_len(x, t->size) && m->org_start >= zh_wei_len(x, t->size)) {
		size_t wl = zh_wei_len(x, t->size);
		rc |= px_buf_puts(o, "<role refersTo=\"#signatory\">");
		rc |= esc(w, x, wl);
		rc |= px_buf_puts(o, "</role>");
		rc |= esc(w, x + wl, m->org_start - wl);
	} else {
		/* «Президент Республики Казахстан»: the signer's title is the body */
		rc |= esc(w, x, m->org_start);
	}
	if (strcmp(m->body, m->state) == 0) {
		/* a state signing as a party: one organization */
		rc |= px_buf_printf(o, "<organization refersTo=\"#%s\">", m->state);
		rc |= esc(w, x + m->org_start, m->org_end - m->org_start);
		rc |= px_buf_puts(o, "</organization>");
	} else {
		rc |= px_buf_printf(o, "<organization refersTo=\"#%s\">", m->body);
		rc |= esc(w, x + m->org_start, m->state_start - m->org_start);
		rc |= px_buf_printf(o, "<organization refersTo=\"#%s\">", m->state);
		rc |= esc(w, x + m->state_start, m->state_end - m->state_start);
		rc |= px_buf_puts(o, "</organization>");
		rc |= esc(w, x + m->state_end, m->org_end - m->state_end);
		rc |= px_buf_puts(o, "</organization>");
	}
	if (im->lang == PX_LANG_ZH && m->org_end < t->size) {
		size_t role = m->org_end;
		while (role < t->size && x[role] == ' ')
			role++;
		rc |= esc(w, x + m->org_end, role - m->org_end);
		if (role < t->size) { /* 代表; none after a head of state or government */
			rc |= px_buf_puts(o, "<role refersTo=\"#signatory\">");
			rc |= esc(w, x + role, t->size - role);
			rc |= px_buf_puts(o, "</role>");
		}
	} else {
		rc |= esc(w, x + m->org_end, t->size - m->org_end);
	}
	return rc ? PX_ENOMEM : 0;
}

static int write_refs(struct imp *im, struct xw *w, const struct sig *sigs, size_t nsig, const char *place)
{
	bool zh = im->lang == PX_LANG_ZH;
	px_buf *o = w->o;
	int rc = xw_line(w, 1, "<references source=\"#paralex\">");
	rc |= xw_line(w, 0, "<TLCOrganization eId=\"paralex\" href=\"/akn/ontology/organization/paralex\" "
		"showAs=\"paralex\"/>");
	for (size_t i = 0; i < nsig; i++) {
		if (!sigs[i].linked)
			continue;
		bool seen_state = false, seen_body = false;
		for (size_t k = 0; k < i; k++) {
			seen_state |= sigs[k].linked && strcmp(sigs[k].m.state, sigs[i].m.state) == 0;
			seen_body |= sigs[k].linked && strcmp(sigs[k].m.body, sigs[i].m.body) == 0;
		}
		const char *st = sigs[i].m.state, *body = sigs[i].m.body;
		/* an organ of an organization: its "state" is the organization */
		bool organ = !px_registry_has_state(im->reg, st);
		if (!seen_state) {
			rc |= xw_indent(w);
			rc |= px_buf_printf(o, "<TLCOrganization eId=\"%s\" href=\"/akn/ontology/organization/%s%s\" showAs=\"",
				st, organ ? "" : "state/", st);
			if (organ)
				rc |= esc_attr(w, zh ? px_registry_organization_name_zh(im->reg, st, PX_NAME_FULL)
					: px_registry_organization_name_ru(im->reg, st, PX_NAME_FULL, PX_CASE_NOM));
			else
				rc |= esc_attr(w, zh ? px_registry_state_name_zh(im->reg, st, PX_NAME_FULL)
					: px_registry_state_name_ru(im->reg, st, PX_NAME_FULL, PX_CASE_NOM));
			rc |= px_buf_puts(o, "\"/>");
			rc |= xw_eol(w);
		}
		if (!seen_body && strcmp(body, st) != 0) {
			rc |= xw_indent(w);
			rc |= px_buf_printf(o, "<TLCOrganization eId=\"%s\" href=\"", body);
			rc |= body_href(o, st, body);
			rc |= px_buf_puts(o, "\" showAs=\"");
			if (organ) {
				rc |= esc_attr(w, zh ? px_registry_organization_name_zh(im->reg, body, PX_NAME_FULL)
					: px_registry_organization_name_ru(im->reg, body, PX_NAME_FULL, PX_CASE_NOM));
			} else if (zh) {
				rc |= esc_attr(w, px_registry_state_name_zh(im->reg, st, PX_NAME_FULL));
				rc |= esc_attr(w, px_registry_body_name_zh(im->reg, body));
			} else {
				rc |= esc_attr(w, px_registry_body_name_ru(im->reg, body, PX_CASE_NOM));
				rc |= px_buf_puts(o, " ");
				rc |= esc_attr(w, px_registry_state_name_ru(im->reg, st, PX_NAME_FULL, PX_CASE_GEN));
			}
			rc |= px_buf_puts(o, "\"/>");
			rc |= xw_eol(w);
		}
	}
	/* the place of signing */
	if (place) {
		const char *name = zh ? px_registry_place_name_zh(im->reg, place)
			: px_registry_place_name_ru(im->reg, place, PX_CASE_NOM);
		rc |= xw_indent(w);
		rc |= px_buf_printf(o, "<TLCLocation eId=\"%s\" href=\"/akn/ontology/location/%s\" showAs=\"", place, place);
		rc |= esc_attr(w, name);
		rc |= px_buf_puts(o, "\"/>");
		rc |= xw_eol(w);
	}
	/* the persons who signed, as the text names them */
	for (size_t i = 0; i < im->nsg; i++) {
		if (!im->sg[i].person.size)
			continue;
		rc |= xw_indent(w);
		rc |= px_buf_printf(o, "<TLCPerson eId=\"signer_%zu\" href=\"/akn/ontology/person/signer-%zu\" showAs=\"", i + 1,
			i + 1);
		rc |= esc_attr(w, im->sg[i].person.ptr);
		rc |= px_buf_puts(o, "\"/>");
		rc |= xw_eol(w);
	}
	rc |= xw_line(w, 0, "<TLCRole eId=\"signatory\" href=\"/akn/ontology/role/signatory\" showAs=\"%s\"/>",
		zh ? "签署人" : "Подписант");
	rc |= xw_line(w, -1, "</references>");
	return rc ? PX_ENOMEM : 0;
}

static int write_authors(struct xw *w, const struct sig *sigs, size_t nsig)
{
	int rc = 0, any = 0;
	for (size_t i = 0; i < nsig; i++) {
		if (!sigs[i].linked)
			continue;
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen |= sigs[k].linked && strcmp(sigs[k].m.body, sigs[i].m.body) == 0;
		if (!seen) {
			rc |= xw_line(w, 0, "<FRBRauthor href=\"#%s\"/>", sigs[i].m.body);
			any = 1;
		}
	}
	if (!any)
		rc |= xw_line(w, 0, "<FRBRauthor href=\"#paralex\"/>");
	return rc ? PX_ENOMEM : 0;
}

static int write_meta(struct imp *im, struct xw *w, const struct plan *p)
{
	const char *lang = im->lang == PX_LANG_ZH ? "zho" : "rus";
	const char *type = p->type;
	/* a text that states no date and was given none: the date is unknown */
	const char *date = p->date[0] ? p->date : "0001-01-01", *dname = p->date[0] ? "signature" : "unknown";
	const char *iri_date = p->date[0] ? p->date : "nodate";
	char work[256];
	snprintf(work, sizeof work, "/akn/sco/doc/%s/%s/%s", type, iri_date, p->number);
	int rc = xw_line(w, 1, "<meta>");
	rc |= xw_line(w, 1, "<identification source=\"#paralex\">");
	rc |= xw_line(w, 1, "<FRBRWork>");
	rc |= xw_line(w, 0, "<FRBRthis value=\"%s/!main\"/>", work);
	rc |= xw_line(w, 0, "<FRBRuri value=\"%s\"/>", work);
	rc |= xw_line(w, 0, "<FRBRdate date=\"%s\" name=\"%s\"/>", date, dname);
	rc |= write_authors(w, p->sigs, p->nsig);
	rc |= xw_line(w, 0, "<FRBRcountry value=\"sco\"/>");
	rc |= xw_line(w, 0, "<FRBRsubtype value=\"%s\"/>", type);
	rc |= xw_line(w, 0, "<FRBRnumber value=\"%s\"/>", p->number);
	rc |= xw_line(w, -1, "</FRBRWork>");
	rc |= xw_line(w, 1, "<FRBRExpression>");
	rc |= xw_line(w, 0, "<FRBRthis value=\"%s/%s@%s/!main\"/>", work, lang, iri_date);
	rc |= xw_line(w, 0, "<FRBRuri value=\"%s/%s@%s\"/>", work, lang, iri_date);
	rc |= xw_line(w, 0, "<FRBRdate date=\"%s\" name=\"%s\"/>", date, dname);
	rc |= write_authors(w, p->sigs, p->nsig);
	rc |= xw_line(w, 0, "<FRBRauthoritative value=\"true\"/>");
	rc |= xw_line(w, 0, "<FRBRlanguage language=\"%s\"/>", lang);
	rc |= xw_line(w, -1, "</FRBRExpression>");
	rc |= xw_line(w, 1, "<FRBRManifestation>");
	rc |= xw_line(w, 0, "<FRBRthis value=\"%s/%s@%s/!main.xml\"/>", work, lang, iri_date);
	rc |= xw_line(w, 0, "<FRBRuri value=\"%s/%s@%s.akn\"/>", work, lang, iri_date);
	rc |= xw_line(w, 0, "<FRBRdate date=\"%s\" name=\"markup\"/>", date);
	rc |= xw_line(w, 0, "<FRBRauthor href=\"#paralex\"/>");
	rc |= xw_line(w, 0, "<FRBRformat value=\"application/akn+xml\"/>");
	rc |= xw_line(w, -1, "</FRBRManifestation>");
	rc |= xw_line(w, -1, "</identification>");
	rc |= write_refs(im, w, p->sigs, p->nsig, p->place);
	rc |= xw_line(w, -1, "</meta>");
	return rc ? PX_ENOMEM : 0;
}

static const char *section_word(struct imp *im, int n, char *buf, size_t size)
{
	if (im->lang == PX_LANG_ZH) {
		if (px_hanzi_format(n, buf, size) < 0)
			snprintf(buf, size, "%d", n);
	} else if (px_roman_format(n, buf, size) < 0) {
		snprintf(buf, size, "%d", n);
	}
	return buf;
}

/* The num of a list item: its marker as written, or the bullet of the language. */
static const char *item_num(const struct imp *im, const struct block *b)
{
	return b->mark[0] ? b->mark : im->lang == PX_LANG_ZH ? "——" : "—";
}

/* out = parent__what_n (an eId below `parent`). */
static void eid_below(char out[PX_EID_MAX], const char *parent, const char *what, int n)
{
	snprintf(out, PX_EID_MAX, "%.*s__%s_%d", PX_EID_MAX - 40, parent, what, n);
}

/* Keep the eId of a soft paragraph for the document (px_doc_soft_start()). */
static int note_soft(struct imp *im, const char *eid)
{
	if (im->nsoft == im->capsoft) {
		size_t cap = im->capsoft ? im->capsoft * 2 : 8;
		char **v = realloc(im->soft, cap * sizeof *v);
		if (!v)
			return px_fail_oom();
		im->soft = v;
		im->capsoft = cap;
	}
	if (!(im->soft[im->nsoft] = px_strdup(eid)))
		return px_fail_oom();
	im->nsoft++;
	return 0;
}

/*
 * A blockList with eId `eid`: the items of nesting `level` from block *k
 * on (before `to`), with their further paragraphs (K_ITEMP) and the lists
 * nested in them; *k ends after the last. An item followed by items of the
 * next level holds them as a blockList whose listIntroduction is the item's
 * own text (`intro` here, NULL for a list directly in a content). Returns
 * PX_ENOMEM or 0.
 */
static int write_list(struct imp *im, struct xw *w, const char *eid, size_t *k, size_t to, int level,
	const px_buf *intro)
{
	int rc = xw_line(w, 1, "<blockList eId=\"%s\">", eid);
	if (intro)
		rc |= write_mixed(w, "listIntroduction", NULL, intro->ptr, intro->size);
	for (int ni = 1; *k < to && im->b[*k].kind == K_ITEM && im->b[*k].level == level; ni++) {
		const struct block *it = &im->b[(*k)++];
		char ieid[PX_EID_MAX], sub[PX_EID_MAX];
		eid_below(ieid, eid, "item", ni);
		rc |= xw_line(w, 1, "<item eId=\"%s\">", ieid);
		rc |= write_mixed(w, "num", NULL, item_num(im, it), strlen(item_num(im, it)));
		if (*k < to && im->b[*k].kind == K_ITEM && im->b[*k].level > level) {
			eid_below(sub, ieid, "list", 1);
			rc |= write_list(im, w, sub, k, to, level + 1, &it->text);
		} else {
			eid_below(sub, ieid, "p", 1);
			rc |= write_p(w, sub, &it->text);
			for (int np = 2; *k < to && im->b[*k].kind == K_ITEMP && im->b[*k].level == level; np++) {
				eid_below(sub, ieid, "p", np);
				rc |= write_p(w, sub, &im->b[(*k)++].text);
			}
		}
		rc |= xw_line(w, -1, "</item>");
	}
	rc |= xw_line(w, -1, "</blockList>");
	return rc ? PX_ENOMEM : 0;
}

/*
 * A content element with eIds under `parent`: the paragraphs and lists from
 * block *k to the next heading, and with `paragraphs` to the next numbered
 * paragraph after the first block (that block's number is the paragraph's
 * num, written by the caller). With `one`, only the first paragraph and the
 * lists after it. Where numbered paragraphs are not the division's parts, a
 * numbered line keeps its number as text. *k ends after the last block
 * written. Returns PX_ENOMEM or 0.
 */
static int write_content_as(struct imp *im, struct xw *w, const char *el, const char *parent, size_t *k, size_t to,
	bool paragraphs, bool one)
{
	int rc = xw_line(w, 1, "<%s>", el);
	char eid[PX_EID_MAX];
	for (int np = 0, nl = 0; *k < to && im->b[*k].kind != K_HEADING;) {
		const struct block *b = &im->b[*k];
		if (b->kind == K_ITEM) {
			eid_below(eid, parent, "list", ++nl);
			rc |= write_list(im, w, eid, k, to, b->level, NULL);
			continue;
		}
		if ((paragraphs && b->mark[0] && np > 0) || (one && np > 0))
			break;
		eid_below(eid, parent, "p", ++np);
		if (b->soft && note_soft(im, eid) < 0)
			rc = 1;
		if (b->mark[0] && !paragraphs) {
			px_buf t = PX_BUF_INIT;
			rc |= px_buf_printf(&t, "%s%s%s", b->mark, im->lang == PX_LANG_ZH ? "" : " ", b->text.ptr) < 0;
			rc |= write_p(w, eid, &t);
			px_buf_dispose(&t);
		} else {
			rc |= write_p(w, eid, &b->text);
		}
		(*k)++;
	}
	rc |= xw_line(w, -1, "</%s>", el);
	return rc ? PX_ENOMEM : 0;
}

static int write_content(struct imp *im, struct xw *w, const char *parent, size_t *k, size_t to, bool paragraphs,
	bool one)
{
	return write_content_as(im, w, "content", parent, k, to, paragraphs, one);
}

/* Does a numbered paragraph follow block k before the next heading? */
static bool numbered_follow(const struct imp *im, size_t k, size_t to)
{
	for (; k < to && im->b[k].kind != K_HEADING; k++)
		if (im->b[k].kind == K_PARA && im->b[k].mark[0])
			return true;
	return false;
}

/* Numbered paragraphs from block *k (which has a number) to the next heading:
 * each `paragraph` holds its number and its content up to the next number. */
static int write_paragraphs(struct imp *im, struct xw *w, const char *parent, size_t *k, size_t to, px_div as)
{
	int rc = 0;
	const struct px_div_info *di = px_div_info(as);
	for (int n = 1; *k < to && im->b[*k].kind != K_HEADING; n++) {
		char eid[PX_EID_MAX];
		if (parent)
			eid_below(eid, parent, di->abbr, n);
		else
			snprintf(eid, sizeof eid, "%s_%d", di->abbr, n);
		rc |= xw_line(w, 1, "<%s eId=\"%s\">", di->element, eid);
		if (im->b[*k].mark[0])
			rc |= write_mixed(w, "num", NULL, im->b[*k].mark, strlen(im->b[*k].mark));
		rc |= write_content(im, w, eid, k, to, true, false);
		rc |= xw_line(w, -1, "</%s>", di->element);
	}
	return rc;
}

/* The eId of a division heading's block. */
static void division_eid(const struct block *h, char out[PX_EID_MAX])
{
	if (px_eid_part(h->div, h->num, h->sub, out, PX_EID_MAX) < 0)
		snprintf(out, PX_EID_MAX, "%s_%d", px_div_info(h->div)->abbr, h->num);
}

/* One division from its heading at block *k: num, heading, then its parts:
 * the articles of a chapter, the numbered paragraphs of an article or
 * section, or its content. */
static int write_division(struct imp *im, struct xw *w, size_t *k, size_t to)
{
	const struct block *h = &im->b[(*k)++];
	const struct px_div_info *di = px_div_info(h->div);
	char eid[PX_EID_MAX];
	division_eid(h, eid);
	int rc = xw_line(w, 1, "<%s eId=\"%s\">", di->element, eid);
	rc |= write_mixed(w, "num", NULL, h->numtext, strlen(h->numtext)); /* as written */
	if (h->text.size || h->div == PX_DIV_SECTION)
		rc |= write_mixed(w, "heading", NULL, h->text.ptr, h->text.size);
	if (h->div == PX_DIV_CHAPTER) {
		while (*k < to && im->b[*k].kind == K_HEADING && im->b[*k].div == PX_DIV_ARTICLE)
			rc |= write_division(im, w, k, to);
	} else if (*k < to && im->b[*k].kind == K_PARA && im->b[*k].mark[0]) {
		rc |= write_paragraphs(im, w, eid, k, to, PX_DIV_PARA);
	} else if (h->div == PX_DIV_ARTICLE && numbered_follow(im, *k, to)) {
		/* «Внести в Соглашение следующие изменения:» before numbered paragraphs */
		rc |= write_content_as(im, w, "intro", eid, k, to, true, false);
		rc |= write_paragraphs(im, w, eid, k, to, PX_DIV_PARA);
	} else {
		rc |= write_content(im, w, eid, k, to, false, false);
	}
	rc |= xw_line(w, -1, "</%s>", di->element);
	return rc ? PX_ENOMEM : 0;
}

/* mainBody: the divisions, the points or the paragraphs of blocks [from, to). */
static int write_body(struct imp *im, struct xw *w, const struct plan *p)
{
	size_t k = p->body_from, to = p->concl;
	int rc = xw_line(w, 1, "<mainBody>");
	if (p->mode == BODY_DIVISIONS) {
		while (k < to)
			rc |= write_division(im, w, &k, to);
	} else if (p->mode == BODY_POINTS) {
		rc |= write_paragraphs(im, w, NULL, &k, to, PX_DIV_POINT);
	} else {
		/* unnumbered paragraphs: each with the lists that follow it */
		for (int n = 1; k < to; n++) {
			char eid[PX_EID_MAX];
			snprintf(eid, sizeof eid, "para_%d", n);
			rc |= xw_line(w, 1, "<paragraph eId=\"%s\">", eid);
			rc |= write_content(im, w, eid, &k, to, false, true);
			rc |= xw_line(w, -1, "</paragraph>");
		}
	}
	rc |= xw_line(w, -1, "</mainBody>");
	return rc ? px_fail_oom() : 0;
}

/* ---- step 3: the structure ----------------------------------------------- */

static int warn_at(struct imp *im, const char *rule, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static int warn_at(struct imp *im, const char *rule, int line, const char *fmt, ...)
{
	if (!im->diags)
		return 0;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	px_loc loc = { im->name, line, 0, NULL };
	return px_diags_addf(im->diags, rule, &loc, NULL, "%s", msg) < 0 ? px_fail_oom() : 0;
}

/* A final clause: «Совершено в городе …», «Подписано …», «本协定于……签订»,
 * or a line of place and date («г. Бишкек, 18 октября 2025 года»,
 * «2025年10月18日于比什凯克»). */
static bool final_clause(struct imp *im, const struct block *b)
{
	const char *s = b->text.ptr;
	size_t len = b->text.size;
	if (b->kind != K_PARA || b->mark[0] || !len)
		return false;
	if (im->lang == PX_LANG_RU) {
		static const char *const words[] = { "Совершено", "Подписано", "Составлено", "Учинено", "Принято" };
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
			if (starts_word(s, len, words[i]) && (contains(s, len, " года") || contains(s, len, " г.")))
				return true;
		/* place and date: short, no sentence */
		return px_utf8_count(s, len) <= 60 && final_punct(s, len) != '.' &&
			(contains(s, len, " года") || contains(s, len, " г.")) && (starts_word(s, len, "г.") ||
			starts_upper(s, len)) && !contains(s, len, ":");
	}
	static const char *const verbs[] = { "签订", "签署", "订立", "签字", "缔结", "通过", "发表", "签于", "订于" };
	bool date = contains(s, len, "年") && contains(s, len, "日");
	if (!date)
		return false;
	if (has_at(s, len, 0, "本") || has_at(s, len, 0, "二") || (len && s[0] >= '0' && s[0] <= '9'))
		for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
			if (contains(s, len, verbs[i]))
				return true;
	return px_utf8_count(s, len) <= 30 && contains(s, len, "于") && !ends_unit_zh(final_punct(s, len));
}

/* Is block `b` an enacting formula («…согласились о нижеследующем:», «……达成协议如下：»)? */
static bool formula_block(struct imp *im, const struct block *b)
{
	uint32_t p = final_punct(b->text.ptr, b->text.size);
	if (im->lang == PX_LANG_ZH)
		return p == 0xFF1A && (contains(b->text.ptr, b->text.size, "如下") || contains(b->text.ptr, b->text.size, "以下"));
	return p == ':' && (contains(b->text.ptr, b->text.size, "нижеследующ") ||
		contains(b->text.ptr, b->text.size, "следующем") || contains(b->text.ptr, b->text.size, "приняли") ||
		contains(b->text.ptr, b->text.size, "договорились") || contains(b->text.ptr, b->text.size, "согласились"));
}

/* Lines of a list that a translator numbered like paragraphs, or did not
 * mark at all («（一）……；», «"термин" — …;» after a paragraph ending with a
 * colon, each ending with «;», the last with «.»): items of a list. */
static void semicolon_lists(struct imp *im)
{
	bool zh = im->lang == PX_LANG_ZH;
	for (size_t i = 1; i + 1 < im->nb; i++) {
		const struct block *intro = &im->b[i - 1];
		uint32_t ip = final_punct(intro->text.ptr, intro->text.size);
		if (intro->kind == K_TITLE || intro->kind == K_ITEM || !(zh ? ip == 0xFF1A : ip == ':'))
			continue;
		size_t j = i, semis = 0;
		bool marked = im->b[i].mark[0] != '\0';
		while (j < im->nb && im->b[j].kind == K_PARA && (im->b[j].mark[0] != '\0') == marked) {
			uint32_t p = final_punct(im->b[j].text.ptr, im->b[j].text.size);
			if (p == ';' || p == 0xFF1B) {
				semis++;
				j++;
				continue;
			}
			if (p == '.' || p == 0x3002)
				j++;
			break;
		}
		if (semis < 1 || j - i < 2)
			continue;
		uint32_t last = final_punct(im->b[j - 1].text.ptr, im->b[j - 1].text.size);
		if (!(last == '.' || last == 0x3002))
			continue;
		for (size_t k = i; k < j; k++) {
			im->b[k].kind = K_ITEM;
			im->b[k].level = intro->kind == K_ITEM ? intro->level + 1 : 0;
		}
		i = j;
	}
}

/*
 * Step 3: the shape of the text. The kind comes from the title (or the
 * options); the preamble is what comes before the first division (or before
 * the numbered points after the formula, or up to the formula); the final
 * clauses after the body go to the conclusions, except in kinds whose final
 * clauses are a part of their last division (the programme). The signing
 * date is read from the final clauses (else from the last division, else
 * the option). The signatories are linked through the registry (an unknown
 * body is kept as text with a warning, PX046). What `p` owns is freed with
 * plan_dispose(), also after a failure. In strict mode the old refusals
 * stand: no preamble, no sections, no signature blocks, no date.
 */
static int build_plan(struct imp *im, struct plan *p)
{
	bool zh = im->lang == PX_LANG_ZH;
	int rc = 0;
	size_t nb = im->trail_block; /* the blocks before the signatures */
	semicolon_lists(im);
	size_t first = 1;
	while (first < nb && im->b[first].kind == K_MARK)
		first++;
	/* the kind */
	p->kind = im->opts->kind ? px_kind_find(im->opts->kind) : NULL;
	if (!p->kind)
		p->kind = px_kind_from_title(im->lang, im->b[0].text.ptr, im->b[0].text.size);
	size_t h = first;
	while (h < nb && im->b[h].kind != K_HEADING)
		h++;
	size_t m = first;
	while (m < nb && !(im->b[m].kind == K_PARA && im->b[m].mark[0]))
		m++;
	if (h < nb) {
		p->mode = BODY_DIVISIONS;
		p->pre_to = p->body_from = h;
	} else if (m < nb && (m == first || im->b[m - 1].kind == K_MARK || formula_block(im, &im->b[m - 1]) ||
			final_punct(im->b[m - 1].text.ptr, im->b[m - 1].text.size) == (zh ? 0xFF1A : ':'))) {
		p->mode = BODY_POINTS;
		p->pre_to = p->body_from = m;
	} else {
		p->mode = BODY_PARAS;
		size_t f = first;
		while (f < nb && !(formula_block(im, &im->b[f]) && (f + 1 >= nb || im->b[f + 1].kind != K_ITEM)))
			f++;
		p->pre_to = p->body_from = f < nb ? f + 1 : first;
	}
	p->pre_from = first;
	/* the enacting formula: the last paragraph of a preamble before the body
	 * (приняли …, договорились о нижеследующем:), unless it is a recital */
	if (p->pre_to > p->pre_from) {
		const struct block *last = &im->b[p->pre_to - 1];
		uint32_t lp = final_punct(last->text.ptr, last->text.size);
		p->formula = formula_block(im, last) || (p->mode != BODY_PARAS && p->pre_to - p->pre_from >= 2 &&
			lp != ',' && lp != 0xFF0C && lp != ';' && lp != 0xFF1B);
	}
	if (!p->kind)
		p->kind = px_kind_find(p->mode == BODY_POINTS ? "memorandum" : p->mode == BODY_PARAS ? "statement"
			: "programme");
	p->type = p->kind->name;
	if (im->strict) {
		if (p->mode != BODY_DIVISIONS && im->nsg)
			return fail_rule(im, "PX032", im->sg[0].line,
				"expected a section heading after the preamble, found a signature block");
		if (p->mode != BODY_DIVISIONS)
			return fail_rule(im, "PX032", im->b[nb - 1].last_line,
				"expected a section heading after the preamble, found the end of the text");
		if (p->pre_to - p->pre_from < 2)
			return fail_rule(im, "PX031", im->b[h].line,
				"the preamble needs a parties paragraph and an enacting formula before the first section");
	}
	for (size_t i = p->pre_from; i < p->pre_to; i++)
		if (im->b[i].kind == K_ITEM) {
			if (im->strict)
				return fail_rule(im, "PX035", im->b[i].line, "list item outside a section (in the preamble)");
			im->b[i].kind = K_PARA; /* a bullet in the preamble: kept as the paragraph it is */
			rc = warn_at(im, "PX040", im->b[i].line, "a list item in the preamble; kept as a paragraph");
			if (rc < 0)
				return rc;
		}
	/* the final clauses */
	p->concl = nb;
	if (!p->kind->final_in_body) {
		size_t last_head = p->body_from;
		for (size_t i = p->body_from; i < nb; i++)
			if (im->b[i].kind == K_HEADING)
				last_head = i + 1;
		for (size_t i = last_head; i < nb; i++)
			if (final_clause(im, &im->b[i]) && i > p->body_from) {
				p->concl = i;
				break;
			}
	}
	/* the numbering of the divisions: 1, 2, 3 … (articles across chapters) */
	int expect[PX_DIV_COUNT] = { 0 };
	for (size_t i = p->body_from; i < p->concl; i++) {
		const struct block *b = &im->b[i];
		if (b->kind != K_HEADING)
			continue;
		int want = expect[b->div] + 1;
		char w1[32];
		if (b->num != want && !(b->sub && b->num == want - 1)) {
			char w2[32], w3[32];
			if (im->strict && b->div == PX_DIV_SECTION) {
				if (want == 1)
					return fail_rule(im, "PX033", b->line, "expected section %s first, found %s",
						section_word(im, 1, w1, sizeof w1), section_word(im, b->num, w2, sizeof w2));
				return fail_rule(im, "PX033", b->line, "expected section %s after section %s, found %s",
					section_word(im, want, w1, sizeof w1), section_word(im, want - 1, w3, sizeof w3),
					section_word(im, b->num, w2, sizeof w2));
			}
			if (im->strict)
				return fail_rule(im, "PX033", b->line, "expected %s %d, found %d", px_div_info(b->div)->en_name, want,
					b->num);
			rc = warn_at(im, "PX042", b->line, "%s '%s' where number %d was expected; kept as written",
				px_div_info(b->div)->en_name, b->numtext, want);
			if (rc < 0)
				return rc;
		}
		expect[b->div] = b->num;
		bool empty = i + 1 >= p->concl || (im->b[i + 1].kind == K_HEADING &&
			!(b->div == PX_DIV_CHAPTER && im->b[i + 1].div == PX_DIV_ARTICLE));
		if (empty) {
			if (im->strict)
				return fail_rule(im, "PX034", b->line, "section %s has no text",
					section_word(im, b->num, w1, sizeof w1));
			rc = warn_at(im, "PX043", b->line, "%s '%s' has no text", px_div_info(b->div)->en_name, b->numtext);
			if (rc < 0)
				return rc;
		}
		if (!(p->kind->divisions & (1u << b->div)) && (rc = warn_at(im, "PX044", b->line,
				"a %s in a %s; kept", px_div_info(b->div)->en_name, p->kind->name)) < 0)
			return rc;
	}
	if (im->strict && !im->nsg)
		return fail_rule(im, "PX037", im->b[nb - 1].last_line,
			"no signature blocks after the last section (a block begins with '%s')", zh ? "…代表" : "За");
	/* the signing date: in the final clauses, else in the last division */
	size_t from = p->concl;
	if (p->concl >= nb) {
		from = nb;
		while (from > p->body_from && im->b[from - 1].kind != K_HEADING)
			from--;
	}
	size_t date_block = nb;
	int found = find_date(im, from, p->date, &date_block);
	if (found < 0)
		return found;
	if (found && (rc = find_place(im, &im->b[date_block], p)) < 0)
		return rc;
	if (!found) {
		if (im->opts->date) {
			memcpy(p->date, im->opts->date, 11);
		} else if (im->strict) {
			return fail_rule(im, "PX038", im->b[from > 0 ? from - 1 : 0].line,
				"no signing date in the final clauses; give one with --date YYYY-MM-DD");
		} else {
			p->date[0] = '\0';
			if ((rc = warn_at(im, "PX041", im->b[nb - 1].last_line,
					"no signing date in the final clauses; the document's date is unknown (give one with --date)")) < 0)
				return rc;
		}
	}
	p->nsig = im->nsg;
	p->sigs = calloc(p->nsig ? p->nsig : 1, sizeof *p->sigs);
	if (!p->sigs)
		return px_fail_oom();
	for (size_t i = 0; i < p->nsig; i++) {
		const px_buf *t = &im->sg[i].body;
		struct sig *g = &p->sigs[i];
		int r;
		size_t wl = zh ? zh_wei_len(t->ptr, t->size) : 0;
		if (wl && !ends_with(t->ptr, t->size, "代表")) {
			/* «为哈萨克斯坦共和国政府», «代表印度共和国政府»: read as
			 * «哈萨克斯坦共和国政府代表», the spans moved back */
			px_buf v = PX_BUF_INIT;
			r = px_buf_put(&v, t->ptr + wl, t->size - wl) < 0 || px_buf_puts(&v, "代表") < 0 ? px_fail_oom()
				: px_registry_match_signature_zh(im->reg, v.ptr, v.size, &g->m);
			px_buf_dispose(&v);
			if (r == PX_ENOMEM)
				return r;
			if (r == 0) {
				g->m.org_start += wl;
				g->m.org_end += wl;
				g->m.state_start += wl;
				g->m.state_end += wl;
				if (g->m.org_end > t->size)
					r = PX_ENOTFOUND;
			}
		} else {
			r = zh ? px_registry_match_signature_zh(im->reg, t->ptr, t->size, &g->m)
				: px_registry_match_signature_ru(im->reg, t->ptr, t->size, &g->m);
		}
		g->linked = r == 0;
		if (!g->linked && (rc = warn_at(im, "PX046", im->sg[i].line,
				"signing body '%s' is not in the registry; kept as text", t->ptr)) < 0)
			return rc;
	}
	if (!im->opts->number && (rc = px_import_subject(im->reg, im->tb, im->lang, im->b[0].text.ptr, p->type, &p->subject)) < 0)
		return rc;
	p->number = im->opts->number ? im->opts->number : p->subject ? p->subject : "nonumber";
	return 0;
}

static void plan_dispose(struct plan *p)
{
	free(p->sigs);
	free(p->subject);
}

/* A signature block: the body, then the signer and the mark of signing. */
static int write_sigblock(struct imp *im, struct xw *w, size_t i, const struct sig *g)
{
	const struct sigblk *s = &im->sg[i];
	px_buf *o = w->o;
	int rc = xw_line(w, 1, "<blockContainer eId=\"conclusions__blockContainer_%zu\" class=\"signature\">", i + 1);
	rc |= xw_indent(w);
	rc |= px_buf_printf(o, "<p eId=\"conclusions__blockContainer_%zu__p_1\"><signature>", i + 1);
	rc |= write_signature(im, w, &s->body, g);
	rc |= px_buf_puts(o, "</signature></p>");
	rc |= xw_eol(w);
	int np = 1;
	if (s->person.size) {
		rc |= xw_indent(w);
		rc |= px_buf_printf(o, "<p eId=\"conclusions__blockContainer_%zu__p_%d\"><signature>"
			"<person refersTo=\"#signer_%zu\" as=\"#signatory\">", i + 1, ++np, i + 1);
		rc |= esc(w, s->person.ptr, s->person.size);
		rc |= px_buf_puts(o, "</person></signature></p>");
		rc |= xw_eol(w);
	}
	if (s->mark.size) {
		/* «（签字）»: the mark of signing in a published copy, not text of the instrument */
		rc |= xw_indent(w);
		rc |= px_buf_printf(o, "<p eId=\"conclusions__blockContainer_%zu__p_%d\" class=\"signingMark\">", i + 1, ++np);
		rc |= esc(w, s->mark.ptr, s->mark.size);
		rc |= px_buf_puts(o, "</p>");
		rc |= xw_eol(w);
	}
	rc |= xw_line(w, -1, "</blockContainer>");
	return rc ? PX_ENOMEM : 0;
}

/* The XML of the document (see struct xw). */
static int write_xml(struct imp *im, const struct plan *p, struct xw *w)
{
	px_buf *o = w->o;
	for (size_t i = 0; i < im->nsoft; i++)
		free(im->soft[i]);
	im->nsoft = 0;
	int rc = px_buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	rc |= xw_line(w, 1, "<akomaNtoso xmlns=\"" PX_AKN_NS "\">");
	rc |= xw_line(w, 1, "<doc name=\"%s\" contains=\"originalVersion\">", p->type);
	rc |= write_meta(im, w, p);
	rc |= xw_line(w, 1, "<preface>");
	rc |= xw_indent(w);
	rc |= px_buf_puts(o, "<p eId=\"preface__p_1\"><docTitle>");
	rc |= esc(w, im->b[0].text.ptr, im->b[0].text.size);
	rc |= px_buf_puts(o, "</docTitle></p>");
	rc |= xw_eol(w);
	for (size_t i = 1; i < p->pre_from; i++) {
		char eid[32];
		snprintf(eid, sizeof eid, "preface__p_%zu", i + 1);
		rc |= write_p(w, eid, &im->b[i].text);
	}
	rc |= xw_line(w, -1, "</preface>");
	size_t pf = p->pre_from, pt = p->pre_to;
	if (pt > pf) {
		rc |= xw_line(w, 1, "<preamble>");
		size_t rec_from = pf, rec_to = p->formula ? pt - 1 : pt;
		/* the parties paragraph, unless the preamble is only recitals or a formula */
		if (rec_to > pf && (rec_to - pf >= 2 || !p->formula)) {
			rc |= write_p(w, "preamble__p_1", &im->b[pf].text);
			rec_from = pf + 1;
		}
		if (rec_to > rec_from) {
			rc |= xw_line(w, 1, "<recitals eId=\"preamble__recs_1\">");
			for (size_t i = rec_from; i < rec_to; i++) {
				char eid[64];
				rc |= xw_line(w, 1, "<recital eId=\"preamble__recs_1__rec_%zu\">", i - rec_from + 1);
				snprintf(eid, sizeof eid, "preamble__recs_1__rec_%zu__p_1", i - rec_from + 1);
				rc |= write_p(w, eid, &im->b[i].text);
				rc |= xw_line(w, -1, "</recital>");
			}
			rc |= xw_line(w, -1, "</recitals>");
		}
		if (p->formula) {
			rc |= xw_line(w, 1, "<formula eId=\"preamble__formula_1\" name=\"enactingFormula\">");
			rc |= write_p(w, "preamble__formula_1__p_1", &im->b[pt - 1].text);
			rc |= xw_line(w, -1, "</formula>");
		}
		rc |= xw_line(w, -1, "</preamble>");
	}
	if (rc)
		return px_fail_oom();
	if (p->body_from >= p->concl) {
		/* nothing but a title and a preamble: the body is the preamble's last paragraph */
		return fail_rule(im, "PX032", im->b[im->nb - 1].last_line, "the text has no body after its title");
	}
	if ((rc = write_body(im, w, p)) < 0)
		return rc;
	if (p->concl < im->nb || p->nsig) {
		rc = xw_line(w, 1, "<conclusions>");
		size_t np = 0;
		for (size_t i = p->concl; i < im->nb; i++) {
			char eid[48];
			if (i == im->trail_block) /* the signature blocks, then the text after them */
				for (size_t k = 0; k < p->nsig; k++)
					rc |= write_sigblock(im, w, k, &p->sigs[k]);
			snprintf(eid, sizeof eid, "conclusions__p_%zu", ++np);
			if (im->b[i].kind == K_ITEM || im->b[i].kind == K_ITEMP || im->b[i].kind == K_HEADING) {
				/* cannot stand here: kept as a paragraph */
				px_buf t = PX_BUF_INIT;
				rc |= px_buf_printf(&t, "%s%s%s", im->b[i].kind == K_HEADING ? im->b[i].numtext : im->b[i].mark,
					im->b[i].kind == K_HEADING || im->b[i].mark[0] ? " " : "", im->b[i].text.ptr ? im->b[i].text.ptr : "") < 0;
				rc |= write_p(w, eid, &t);
				px_buf_dispose(&t);
			} else {
				rc |= write_p(w, eid, &im->b[i].text);
			}
		}
		if (im->trail_block >= im->nb)
			for (size_t k = 0; k < p->nsig; k++)
				rc |= write_sigblock(im, w, k, &p->sigs[k]);
		rc |= xw_line(w, -1, "</conclusions>");
	}
	rc |= xw_line(w, -1, "</doc>");
	rc |= xw_line(w, -1, "</akomaNtoso>");
	if (!w->canon)
		rc |= px_buf_put(o, "\n", 1);
	return rc ? px_fail_oom() : 0;
}

/* ---- entry points -------------------------------------------------------- */

int px_import_options_init(px_import_options *opts, unsigned version)
{
	if (version != PX_IMPORT_OPTIONS_VERSION)
		return px_fail(PX_EUSAGE, "unknown version %u of px_import_options", version);
	*opts = (px_import_options)PX_IMPORT_OPTIONS_INIT;
	return 0;
}

static void imp_dispose(struct imp *im)
{
	for (size_t i = 0; i < im->nsg; i++) {
		px_buf_dispose(&im->sg[i].body);
		px_buf_dispose(&im->sg[i].person);
		px_buf_dispose(&im->sg[i].mark);
	}
	free(im->sg);
	for (size_t i = 0; i < im->nb; i++)
		px_buf_dispose(&im->b[i].text);
	free(im->b);
	free(im->lines);
	free(im->clean);
	for (size_t i = 0; i < im->nsoft; i++)
		free(im->soft[i]);
	free(im->soft);
}

/* The document from the one-line form of the XML: parsed, saved in the
 * canonical layout and parsed again. */
static int load_one_line(struct imp *im, const struct plan *p, px_doc **out)
{
	px_buf xml = PX_BUF_INIT, canon = PX_BUF_INIT;
	px_doc *doc = NULL;
	int rc = write_xml(im, p, &(struct xw){ &xml, false, 0 });
	if (rc == 0)
		rc = px_doc_load_memory(&doc, xml.ptr, xml.size, im->name);
	px_buf_dispose(&xml);
	if (rc < 0)
		return rc;
	rc = px_doc_save_buf(doc, &canon);
	px_doc_free(doc);
	if (rc == 0)
		rc = px_doc_load_memory(out, canon.ptr, canon.size, im->name);
	px_buf_dispose(&canon);
	return rc;
}

/*
 * Step 4: the document, parsed from the canonical text of the XML, so that
 * it is what a reader of the saved file gets (line numbers included), and
 * validated with the profile; only a valid document is returned (PX045
 * otherwise). A text that does not parse (a character XML does not allow)
 * is reported as its one-line form reports it.
 */
static int finish(struct imp *im, const struct plan *p, px_doc **out)
{
	px_buf xml = PX_BUF_INIT;
	px_doc *doc = NULL;
	int rc = write_xml(im, p, &(struct xw){ &xml, true, 0 });
	if (rc == 0 && (rc = px_doc_load_memory(&doc, xml.ptr, xml.size, im->name)) < 0 && rc != PX_ENOMEM)
		rc = load_one_line(im, p, &doc);
	px_buf_dispose(&xml);
	if (rc < 0)
		return rc;
	px_validator *own = NULL;
	px_diags *found = NULL;
	if ((!im->val && (rc = px_validator_new(&own, PX_VALIDATE_DEFAULT, NULL)) < 0) ||
		(rc = px_diags_new(&found)) < 0) {
		px_validator_free(own);
		px_doc_free(doc);
		return rc;
	}
	rc = px_validate_doc(own ? own : im->val, doc, found);
	px_validator_free(own);
	if (rc == PX_EINVALID && !im->strict) {
		/* lenient: the document as the text has it, and what is wrong with it
		 * (the finding of the document's own place is in the XML, not in the
		 * text: said in the message, with the text's name only) */
		const px_diag *d = px_diags_get(found, 0);
		rc = 0;
		if (im->diags) {
			px_loc loc = { im->name, 0, 0, NULL };
			if (px_diags_addf(im->diags, "PX045", &loc, NULL, "the document made from this text does not validate: [%s] %s%s (lines of the XML document)",
					d ? d->rule : "?", d ? d->message : "", px_diags_count(found) > 1 ? " (and more)" : "") < 0)
				rc = PX_ENOMEM;
		}
	}
	if (rc == PX_EINVALID) {
		const px_diag *d = px_diags_get(found, 0);
		rc = fail_rule(im, "PX045", 0, "the imported document does not validate: %s[%s] %s",
			d ? px_severity_name(d->severity) : "error", d ? d->rule : "?", d ? d->message : "");
	}
	px_diags_free(found);
	if (rc < 0) {
		px_doc_free(doc);
		return rc;
	}
	doc->soft = im->soft;
	doc->nsoft = im->nsoft;
	im->soft = NULL;
	im->nsoft = im->capsoft = 0;
	*out = doc;
	return 0;
}

/* How many of the code units of the first n bytes, read as UTF-16 (little-
 * or big-endian), are what our texts are made of: Cyrillic, Han or Latin
 * letters, digits, spaces, punctuation? In tenths (0–10). */
static int utf16_text(const char *s, size_t n, bool le)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t units = 0, good = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		UChar c = le ? (UChar)(u[i] | u[i + 1] << 8) : (UChar)(u[i] << 8 | u[i + 1]);
		UErrorCode e = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(c, &e);
		units++;
		good += c && (u_isspace(c) || u_ispunct(c) || u_isdigit(c) ||
			(u_isalpha(c) && (sc == USCRIPT_CYRILLIC || sc == USCRIPT_HAN || sc == USCRIPT_LATIN)));
	}
	return units ? (int)(good * 10 / units) : 0;
}

int px_import_text(px_doc **out, const char *text, size_t len, const char *name, px_lang lang,
	const px_import_options *opts, px_diags *diags)
{
	*out = NULL;
	last_rule = NULL;
	px_import_options defaults = PX_IMPORT_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (opts->version != PX_IMPORT_OPTIONS_VERSION)
		return px_fail(PX_EUSAGE, "unknown version %u of px_import_options", opts->version);
	if (opts->date && !valid_date(opts->date))
		return px_fail(PX_EUSAGE, "date '%s' is not YYYY-MM-DD", opts->date);
	if (opts->number && !valid_slug(opts->number))
		return px_fail(PX_EUSAGE, "number '%s' is not a slug of a-z, 0-9 and '-'", opts->number);
	if (opts->kind && !px_kind_find(opts->kind))
		return px_fail(PX_EUSAGE, "unknown document kind '%s'", opts->kind);
	struct imp im = { 0 };
	im.name = name ? name : "<text>";
	im.diags = diags;
	im.opts = opts;
	im.strict = opts->strict != 0;
	int line, col;
	const char *why = NULL;
	/* control characters (NUL and the others but tab and line ends) are
	 * valid UTF-8, but no text has many: UTF-16 without a byte order mark
	 * has one in every other byte (0x00 before ASCII, 0x04 before Cyrillic),
	 * a binary file has them anywhere */
	size_t even = 0, odd = 0, n = len < 4096 ? len : 4096;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
			if (i % 2)
				odd++;
			else
				even++;
		}
	}
	const char *nul = len ? memchr(text, '\0', len) : NULL;
	bool utf8 = px_utf8_valid(text, len, &line, &col);
	if (!utf8 || odd * 4 > n || even * 4 > n || nul || (odd + even) * 20 > n) {
		/* read as UTF-16, is it text? (a file of NULs is not); the byte
		 * order whose reading gives more of our scripts */
		int sl = n >= 16 ? utf16_text(text, n, true) : 0, sb = n >= 16 ? utf16_text(text, n, false) : 0;
		bool le = sl >= 9 && sl >= sb, be = sb >= 9 && sb > sl;
		bool u16 = le || be;
		if (!u16 && !utf8)
			why = "text is not UTF-8";
		else
			why = u16 && le ? "text is UTF-16 (little-endian, without a byte order mark); only UTF-8 is accepted" :
			u16 ? "text is UTF-16 (big-endian, without a byte order mark); only UTF-8 is accepted" :
			nul ? "text contains a NUL byte: not a text file" : "text is mostly control characters: not a text file";
		if (u16 || utf8) {
			line = 1;
			col = 0;
			for (const char *p = text, *e = nul && !u16 ? nul : text; p < e; p++)
				line += *p == '\n';
		}
	}
	if (why) {
		last_rule = "PX002";
		if (diags) {
			px_loc loc = { im.name, line, col, NULL };
			px_diags_addf(diags, "PX002", &loc, NULL, "%s", why);
		}
		return px_set_rule(px_fail_at(PX_EINPUT, im.name, line, col, "%s", why), "PX002");
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	px_registry *own = NULL;
	px_termbase *own_tb = NULL;
	const px_context *ctx = opts->context ? opts->context : px_context_default();
	im.reg = opts->registry ? opts->registry : px_context_registry(ctx);
	im.tb = px_context_termbase(ctx);
	im.val = px_context_validator(ctx);
	int rc = 0;
	char *norm = NULL;
	size_t nlen = 0;
	struct plan plan = { 0 };
	if (!im.reg) {
		if ((rc = px_registry_load_default(&own)) < 0)
			goto done;
		im.reg = own;
	}
	if (!im.tb) {
		if ((rc = px_termbase_new(&own_tb)) < 0)
			goto done;
		im.tb = own_tb;
	}
	if ((rc = nfc(text, len, &norm, &nlen)) < 0)
		goto done;
	if (norm) {
		text = norm;
		len = nlen;
	}
	if ((rc = split_lines(&im, text, len)) < 0)
		goto done;
	if (im.nlines == 0) {
		rc = fail_rule(&im, "PX030", 1, "the text is empty: expected a title");
		goto done;
	}
	im.lang = lang == PX_LANG_AUTO ? detect_lang(text, len) : lang;
	if (im.lang == PX_LANG_AUTO) {
		rc = fail_rule(&im, "PX039", 1, "cannot tell the language: the text has neither Cyrillic nor Han letters");
		goto done;
	}
	join_numerals(&im);
	{
		bool bad;
		size_t head;
		const struct line *l0 = &im.lines[0];
		bool zh = im.lang == PX_LANG_ZH;
		if ((zh ? zh_heading(l0->s, l0->len, 1, &head, &bad) : ru_heading(l0->s, l0->len, 1, &head, &bad)) ||
			(zh ? zh_bullet(l0->s, l0->len) : ru_bullet(l0->s, l0->len))) {
			rc = fail_rule(&im, "PX030", l0->no, "expected a title before '%.*s'", clip(l0->s, l0->len, 40),
				l0->s);
			goto done;
		}
	}
	drop_page_artefacts(&im);
	unbreak_blank_lines(&im);
	if ((rc = find_signatures(&im)) < 0)
		goto done;
	if (im.body_lines == 0) {
		rc = fail_rule(&im, "PX030", im.lines[0].no, "expected a title before the signature blocks");
		goto done;
	}
	if (im.trail_from < im.nlines && im.strict) {
		rc = fail_rule(&im, "PX036", im.lines[im.trail_from].no, "text after the signature blocks");
		goto done;
	}
	if ((rc = build_blocks(&im)) < 0 || (rc = trailing_blocks(&im)) < 0 || (rc = build_plan(&im, &plan)) < 0)
		goto done;
	rc = finish(&im, &plan, out);
done:
	plan_dispose(&plan);
	free(norm);
	imp_dispose(&im);
	px_registry_free(own);
	px_termbase_free(own_tb);
	return rc;
}

int px_import_file(px_doc **out, const char *path, px_lang lang, const px_import_options *opts, px_diags *diags)
{
	*out = NULL;
	px_buf b = PX_BUF_INIT;
	int rc = px_buf_read_file(&b, path, PX_DOC_MAX_SIZE);
	if (rc < 0) {
		px_buf_dispose(&b);
		return rc;
	}
	rc = px_import_text(out, b.ptr ? b.ptr : "", b.size, path, lang, opts, diags);
	px_buf_dispose(&b);
	return rc;
}
