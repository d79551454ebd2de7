/* Layout matrix: each clean example text, laid out again in memory the ways
 * real texts come (Word "save as text", text copied out of a PDF), must
 * import to the same document as the clean text, byte for byte.
 *
 * Texts: examples/programme.{ru,zh}.txt and every *.ru.txt / *.zh.txt (not
 * *.pdf.txt) under examples/{agreement,protocol,memorandum,statement}.
 * examples/programme.ru.txt is itself a PDF extraction: its clean text is
 * the rendering of its import (the clean layout of docs/import.md), and the
 * variants are made from that; the reference document is still the import
 * of the file itself.
 *
 * Variants (only the layout changes: every word stays, in order):
 *   blank-lines       a blank line between every two paragraphs (lines)
 *   no-blank-lines    one paragraph per line, no blank line at all
 *   indent            two U+3000 (Chinese) / four spaces (Russian) before
 *                     every paragraph line, or no indentation at all when
 *                     the clean text indents
 *   wraps             lines longer than 68 (Russian, broken at a space) or
 *                     34 characters (Chinese, broken between any two
 *                     characters, never before closing punctuation, after
 *                     opening punctuation or inside a number or Latin word)
 *   wraps-blank       the same with a blank line after every line (PDF)
 *   page-numbers      the wrapped text with, after every 40 lines, a page
 *                     number («- 2 -», «— 2 —») and a running header (the
 *                     first title line)
 *   split-signatures  «За …» over 2-3 lines; «……代表» as the body's name
 *                     and «代表» on the next line
 *   spaces            spaces and NBSP before and after lines, blank lines
 *                     holding spaces; in Russian NBSP after one-letter
 *                     words and «г.» and before «года», as Word writes them
 *
 * A pair (text, variant) listed in expected_failures[] must still fail (so
 * that a fix in the importer forces the table to be updated); every other
 * pair must pass. A variant that leaves a text unchanged is not run.
 * PX_LAYOUTS_DUMP=DIR writes every variant to DIR, and for a pair that
 * fails both documents; PX_LAYOUTS_SEED=N sprinkles the spaces variant
 * differently (the table holds for the default seed). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* ---- the pairs that fail today ------------------------------------------
 * file (relative to examples/), variant, why (what the importer reads
 * differently, from the first difference of the documents). */
struct xfail {
	const char *file;
	const char *variant;
	const char *reason;
};

#define SENTENCE_WRAP "a Russian line broken right after a sentence's full stop, with no blank line or indentation to say more, before a capital: read as the end of a paragraph, which splits it (the layout does not tell one from the other; docs/layout.md)"

static const struct xfail expected_failures[] = {
	{ "agreement/agreement.ru.txt", "wraps", SENTENCE_WRAP " (art. 12)" },
	{ "agreement/agreement.ru.txt", "wraps-blank", SENTENCE_WRAP " (art. 12)" },
	{ "agreement/agreement.ru.txt", "page-numbers", SENTENCE_WRAP " (art. 12)" },
	{ "protocol/protocol.ru.txt", "wraps", SENTENCE_WRAP " (the quoted art. 8.1)" },
	{ "protocol/protocol.ru.txt", "wraps-blank", SENTENCE_WRAP " (the quoted art. 8.1)" },
	{ "protocol/protocol.ru.txt", "page-numbers", SENTENCE_WRAP " (the quoted art. 8.1)" },
	{ "statement/declaration.ru.txt", "wraps", SENTENCE_WRAP " (point 2)" },
	{ "statement/declaration.ru.txt", "wraps-blank", SENTENCE_WRAP " (point 2)" },
	{ "statement/declaration.ru.txt", "page-numbers", SENTENCE_WRAP " (point 2)" },
	{ "statement/statement.ru.txt", "wraps", SENTENCE_WRAP " (paragraph 9)" },
	{ "statement/statement.ru.txt", "wraps-blank", SENTENCE_WRAP " (paragraph 9)" },
	{ "statement/statement.ru.txt", "page-numbers", SENTENCE_WRAP " (paragraph 9)" },
	{ NULL, NULL, NULL },
};

/* ---- UTF-8 ----------------------------------------------------------------- */

static uint32_t u8get(const char *s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80) {
		*n = 1;
		return u[0];
	}
	if (u[0] < 0xE0) {
		*n = 2;
		return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
	}
	if (u[0] < 0xF0) {
		*n = 3;
		return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	}
	*n = 4;
	return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 | (uint32_t)(u[2] & 0x3F) << 6 |
		(u[3] & 0x3F);
}

static int is_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || c == 0x3000;
}

static int in_set(uint32_t c, const char *set)
{
	for (const char *p = set; *p;) {
		size_t n;
		if (u8get(p, &n) == c)
			return 1;
		p += n;
	}
	return 0;
}

/* A line as code points with the byte offset of each (and of the end). */
struct cps {
	uint32_t *c;
	size_t *off;
	size_t n;
};

static void cps_of(const char *s, struct cps *out)
{
	size_t len = strlen(s);
	out->c = calloc(len + 1, sizeof *out->c);
	out->off = calloc(len + 2, sizeof *out->off);
	assert_non_null(out->c);
	assert_non_null(out->off);
	out->n = 0;
	size_t i = 0;
	while (i < len) {
		size_t k;
		out->off[out->n] = i;
		out->c[out->n++] = u8get(s + i, &k);
		i += k;
	}
	out->off[out->n] = len;
}

static void cps_free(struct cps *p)
{
	free(p->c);
	free(p->off);
}

/* ---- the clean text as lines --------------------------------------------- */

enum kind { K_BLANK, K_TITLE, K_HEAD, K_PARA, K_SIGN };

struct line {
	char *indent; /* the white space the line begins with */
	char *text;   /* the rest, without white space at its end */
	enum kind kind;
};

struct text {
	const char *file; /* relative to examples/ */
	px_lang lang;
	struct line *lines;
	size_t n;
	const char *header; /* the first title line (running header) */
	int indented;       /* some line of the clean text is indented */
};

#define CLOSERS "»”\"’)）]》」』"

/* The line ends with punctuation (through closing quotes and brackets):
 * `set` is the punctuation looked for. */
static int ends_with(const char *text, const char *set)
{
	struct cps p;
	cps_of(text, &p);
	size_t n = p.n;
	while (n > 0 && in_set(p.c[n - 1], CLOSERS))
		n--;
	int r = n > 0 && in_set(p.c[n - 1], set);
	cps_free(&p);
	return r;
}

#define PUNCT ".,;:!?…。，；：！？、"
#define STOPS ".!?。！？"

static void text_parse(struct text *t, const char *s)
{
	size_t cap = 64;
	t->lines = calloc(cap, sizeof *t->lines);
	t->n = 0;
	t->indented = 0;
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t len = eol ? (size_t)(eol - s) : strlen(s);
		const char *p = s, *end = s + len;
		while (p < end) {
			size_t k;
			if (!is_ws(u8get(p, &k)))
				break;
			p += k;
		}
		const char *q = end;
		while (q > p) { /* trim white space at the end, code point by code point */
			const char *b = q - 1;
			while (b > p && ((unsigned char)*b & 0xC0) == 0x80)
				b--;
			size_t k;
			if (!is_ws(u8get(b, &k)))
				break;
			q = b;
		}
		if (t->n == cap) {
			cap *= 2;
			t->lines = realloc(t->lines, cap * sizeof *t->lines);
		}
		struct line *l = &t->lines[t->n++];
		l->indent = strndup(s, (size_t)(p - s));
		l->text = strndup(p, (size_t)(q - p));
		l->kind = q == p ? K_BLANK : K_PARA;
		if (l->kind == K_BLANK)
			l->indent[0] = '\0';
		else if (p > s)
			t->indented = 1;
		s = eol ? eol + 1 : end;
	}
	while (t->n > 0 && t->lines[t->n - 1].kind == K_BLANK) {
		t->n--;
		free(t->lines[t->n].indent);
		free(t->lines[t->n].text);
	}
	/* title: the first lines, up to a blank line or a line ending with punctuation */
	size_t i = 0;
	while (i < t->n && t->lines[i].kind == K_BLANK)
		i++;
	t->header = i < t->n ? t->lines[i].text : "";
	for (; i < t->n && t->lines[i].kind != K_BLANK && !ends_with(t->lines[i].text, PUNCT); i++)
		t->lines[i].kind = K_TITLE;
	/* signature blocks: every line after the last one that ends a sentence */
	size_t last = 0;
	for (size_t j = 0; j < t->n; j++)
		if (t->lines[j].kind == K_PARA && ends_with(t->lines[j].text, STOPS))
			last = j;
	for (size_t j = last + 1; j < t->n; j++)
		if (t->lines[j].kind == K_PARA)
			t->lines[j].kind = K_SIGN;
	/* headings: lines without closing punctuation that are not quoted text */
	for (size_t j = 0; j <= last && j < t->n; j++) {
		struct line *l = &t->lines[j];
		if (l->kind == K_PARA && !ends_with(l->text, PUNCT) && strncmp(l->text, "«", 2) != 0 &&
			strncmp(l->text, "“", 3) != 0 && l->text[0] != '"')
			l->kind = K_HEAD;
	}
}

static void text_free(struct text *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->lines[i].indent);
		free(t->lines[i].text);
	}
	free(t->lines);
}

static void put(px_buf *o, const char *s)
{
	assert_int_equal(px_buf_puts(o, s), 0);
}

static void putn(px_buf *o, const char *s, size_t n)
{
	assert_int_equal(px_buf_put(o, s, n), 0);
}

static void put_line(px_buf *o, const char *indent, const char *text)
{
	put(o, indent);
	put(o, text);
	put(o, "\n");
}

/* ---- the variants ---------------------------------------------------------- */

static void v_blank_lines(const struct text *t, px_buf *o)
{
	int first = 1;
	for (size_t i = 0; i < t->n; i++) {
		const struct line *l = &t->lines[i];
		if (l->kind == K_BLANK)
			continue;
		if (!first)
			put(o, "\n");
		first = 0;
		put_line(o, l->indent, l->text);
	}
}

static void v_no_blank_lines(const struct text *t, px_buf *o)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->lines[i].kind != K_BLANK)
			put_line(o, t->lines[i].indent, t->lines[i].text);
}

static void v_indent(const struct text *t, px_buf *o)
{
	const char *ind = t->lang == PX_LANG_ZH ? "\u3000\u3000" : "    ";
	for (size_t i = 0; i < t->n; i++) {
		const struct line *l = &t->lines[i];
		if (l->kind == K_BLANK)
			put(o, "\n");
		else
			put_line(o, t->indented || l->kind != K_PARA ? "" : ind, l->text);
	}
}

/* Chinese line breaking: never before closing punctuation or white space
 * (a space stays at the end of its line), never after opening punctuation,
 * never inside a number or a Latin word, never inside —— or ……. */
static int zh_can_break(uint32_t a, uint32_t b)
{
	if (is_ws(b) || in_set(b, "，。、；：！？）》」』”’〉】％…,.;:!?)]%"))
		return 0;
	if (in_set(a, "（《「『“‘〈【(["))
		return 0;
	if (a < 0x80 && b < 0x80)
		return 0;
	if (a == b && (a == 0x2014 || a == 0x2026))
		return 0;
	return 1;
}

/* Break indent + text into lines of at most `width` characters (the
 * indentation counts); continuation lines are not indented. Each line is
 * followed by `sep`. */
static void wrap_line(px_lang lang, const char *indent, const char *text, const char *sep, px_buf *o)
{
	size_t width = lang == PX_LANG_ZH ? 34 : 68;
	px_buf full = PX_BUF_INIT;
	put(&full, indent);
	put(&full, text);
	struct cps p;
	cps_of(full.ptr, &p);
	size_t ni = 0; /* code points of indentation */
	for (const char *s = indent; *s; ni++) {
		size_t k;
		u8get(s, &k);
		s += k;
	}
	size_t start = 0;
	while (start < p.n) {
		size_t end; /* the line is [start, end) */
		size_t next;
		if (p.n - start <= width) {
			end = next = p.n;
		} else if (lang == PX_LANG_ZH) {
			end = start + width;
			while (end > start + 1 && (end <= ni || !zh_can_break(p.c[end - 1], p.c[end])))
				end--;
			if (end == start + 1)
				end = start + width;
			next = end;
		} else {
			end = start + width;
			while (end > start && (end <= ni || p.c[end] != ' '))
				end--;
			if (end == start) { /* a word longer than the line */
				end = start + width;
				while (end < p.n && p.c[end] != ' ')
					end++;
			}
			next = end;
			while (next < p.n && p.c[next] == ' ')
				next++;
		}
		size_t e = end; /* no white space at the end of a line */
		while (e > start && is_ws(p.c[e - 1]) && e > ni)
			e--;
		putn(o, full.ptr + p.off[start], p.off[e] - p.off[start]);
		put(o, sep);
		start = next;
	}
	cps_free(&p);
	px_buf_dispose(&full);
}

static void wrapped(const struct text *t, const char *sep, px_buf *o)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct line *l = &t->lines[i];
		if (l->kind == K_BLANK)
			put(o, "\n");
		else
			wrap_line(t->lang, l->indent, l->text, sep, o);
	}
}

static void v_wraps(const struct text *t, px_buf *o)
{
	wrapped(t, "\n", o);
}

static void v_wraps_blank(const struct text *t, px_buf *o)
{
	wrapped(t, "\n\n", o);
}

#define PAGE_LINES 40

static void page_number(px_lang lang, int page, char *buf, size_t size)
{
	snprintf(buf, size, lang == PX_LANG_ZH ? "— %d —" : "- %d -", page);
}

static void v_page_numbers(const struct text *t, px_buf *o)
{
	px_buf w = PX_BUF_INIT;
	wrapped(t, "\n", &w);
	size_t nlines = 0;
	for (size_t i = 0; i < w.size; i++)
		nlines += w.ptr[i] == '\n';
	const char *s = w.ptr;
	for (size_t i = 0; i < nlines; i++) {
		const char *eol = strchr(s, '\n');
		putn(o, s, (size_t)(eol - s) + 1);
		s = eol + 1;
		if ((i + 1) % PAGE_LINES == 0 && i + 1 < nlines) {
			char num[32];
			page_number(t->lang, (int)((i + 1) / PAGE_LINES) + 1, num, sizeof num);
			put_line(o, "", num);
			put_line(o, "", t->header);
		}
	}
	px_buf_dispose(&w);
}

/* «За Министерство образования и науки Республики Казахстан» over 2-3
 * lines: style 0 «За Министерство» / «образования и науки» / «Республики
 * Казахстан», style 1 balanced halves «За Министерство науки и» /
 * «технологий Республики Индии». */
static void split_ru_signature(const struct line *l, int style, px_buf *o)
{
	char *words[64];
	size_t n = 0;
	char *copy = strdup(l->text);
	for (char *save = NULL, *w = strtok_r(copy, " ", &save); w && n < 64; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	/* split points: k means a line ends before words[k] */
	size_t cuts[3], ncut = 0;
	if (n >= 3) {
		size_t from = 0;
		if (style == 0) {
			cuts[ncut++] = 2;
			from = 2;
		}
		if (n - from >= (style == 0 ? 3u : 2u)) {
			size_t total = 0, best = from + 1, bestd = (size_t)-1;
			for (size_t k = from; k < n; k++)
				total += strlen(words[k]) + 1;
			size_t acc = 0;
			for (size_t k = from + 1; k < n; k++) {
				acc += strlen(words[k - 1]) + 1;
				size_t d = acc * 2 > total ? acc * 2 - total : total - acc * 2;
				if (k >= 2 && d < bestd) {
					bestd = d;
					best = k;
				}
			}
			cuts[ncut++] = best;
		}
	}
	cuts[ncut] = n;
	put(o, l->indent);
	for (size_t k = 0, c = 0; k < n; k++) {
		if (k == cuts[c]) {
			put(o, "\n");
			c++;
		} else if (k > 0) {
			put(o, " ");
		}
		put(o, words[k]);
	}
	put(o, "\n");
	free(copy);
}

static void v_split_signatures(const struct text *t, px_buf *o)
{
	int block = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct line *l = &t->lines[i];
		size_t len = strlen(l->text);
		if (l->kind == K_BLANK) {
			put(o, "\n");
		} else if (l->kind == K_SIGN && t->lang == PX_LANG_RU && strncmp(l->text, "За ", 5) == 0) {
			split_ru_signature(l, block++ % 2, o);
		} else if (l->kind == K_SIGN && t->lang == PX_LANG_ZH && len > 6 &&
			strcmp(l->text + len - 6, "代表") == 0) {
			put(o, l->indent);
			putn(o, l->text, len - 6);
			put(o, "\n代表\n");
		} else {
			put_line(o, l->indent, l->text);
		}
	}
}

static uint32_t lcg_next(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7FFF;
}

#define NBSP "\u00a0"

static int ru_nbsp_after(const char *w)
{
	static const char *const short_words[] = { "в", "и", "с", "к", "о", "у", "а", "В", "И", "С", "К", "О", "У",
		"г.", NULL };
	for (size_t i = 0; short_words[i]; i++)
		if (strcmp(w, short_words[i]) == 0)
			return 1;
	return 0;
}

static void v_spaces(const struct text *t, px_buf *o)
{
	static const char *const lead[] = { "", "", "", " ", "  ", NBSP, NBSP " ", " " NBSP };
	static const char *const trail[] = { "", "", " ", "  ", NBSP, " " NBSP, "\t", NBSP NBSP };
	const char *env = getenv("PX_LAYOUTS_SEED"); /* to try other sprinklings by hand */
	uint32_t seed = env && *env ? (uint32_t)strtoul(env, NULL, 10) : 2022;
	for (const char *f = t->file; *f; f++)
		seed = seed * 31 + (unsigned char)*f;
	for (size_t i = 0; i < t->n; i++) {
		const struct line *l = &t->lines[i];
		if (l->kind == K_BLANK) {
			uint32_t r = lcg_next(&seed) % 6;
			put(o, r == 0 ? " " : r == 1 ? NBSP : r == 2 ? "  " : "");
			put(o, "\n");
			continue;
		}
		put(o, lead[lcg_next(&seed) % 8]);
		put(o, l->indent);
		if (t->lang == PX_LANG_RU) {
			char *copy = strdup(l->text);
			int first = 1;
			const char *prev = "";
			for (char *save = NULL, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
				if (!first)
					put(o, ru_nbsp_after(prev) || strncmp(w, "года", 8) == 0 ? NBSP : " ");
				first = 0;
				put(o, w);
				prev = w;
			}
			free(copy);
		} else {
			put(o, l->text);
		}
		put(o, trail[lcg_next(&seed) % 8]);
		put(o, "\n");
	}
}

struct variant {
	const char *name;
	void (*make)(const struct text *t, px_buf *o);
};

static const struct variant variants[] = {
	{ "blank-lines", v_blank_lines },
	{ "no-blank-lines", v_no_blank_lines },
	{ "indent", v_indent },
	{ "wraps", v_wraps },
	{ "wraps-blank", v_wraps_blank },
	{ "page-numbers", v_page_numbers },
	{ "split-signatures", v_split_signatures },
	{ "spaces", v_spaces },
};
#define NVARIANTS (sizeof variants / sizeof variants[0])

/* ---- checking one variant ---------------------------------------------------- */

/* The characters of a text but its white space: what a variant must keep. */
static char *letters(const char *s)
{
	px_buf b = PX_BUF_INIT;
	while (*s) {
		size_t k;
		if (!is_ws(u8get(s, &k)) && *s != '\n')
			putn(&b, s, k);
		s += k;
	}
	put(&b, "");
	return px_buf_detach(&b);
}

/* The page-numbers variant without the lines it added. */
static char *without_pages(const struct text *t, const char *s)
{
	px_buf b = PX_BUF_INIT;
	put(&b, "");
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t len = eol ? (size_t)(eol - s) : strlen(s);
		int page;
		char num[32] = "";
		if (sscanf(s, t->lang == PX_LANG_ZH ? "— %d —" : "- %d -", &page) == 1)
			page_number(t->lang, page, num, sizeof num);
		if (num[0] && strlen(num) == len && strncmp(num, s, len) == 0) {
			s = eol ? eol + 1 : s + len; /* the page number and the header after it */
			eol = strchr(s, '\n');
			len = eol ? (size_t)(eol - s) : strlen(s);
		} else {
			putn(&b, s, len);
			put(&b, "\n");
		}
		s = eol ? eol + 1 : s + len;
	}
	return px_buf_detach(&b);
}

/* Import and save; on failure a message (free()) in *err and NULL. */
static char *import_xml(const char *text, size_t len, const char *name, px_lang lang, char **err)
{
	px_doc *doc = NULL;
	*err = NULL;
	int rc = px_import_text(&doc, text, len, name, lang, NULL, NULL);
	if (rc != 0) {
		const px_error *e = px_error_last();
		const char *rule = px_error_last()->rule;
		px_buf m = PX_BUF_INIT;
		px_buf_printf(&m, "import failed: %s line %d: %s", rule ? rule : "", e->line,
			e->message ? e->message : "?");
		*err = px_buf_detach(&m);
		return NULL;
	}
	px_buf b = PX_BUF_INIT;
	assert_px_ok(px_doc_save_buf(doc, &b));
	px_doc_free(doc);
	put(&b, "");
	return px_buf_detach(&b);
}

/* A copy of at most `max` bytes of a line, cut at a character boundary. */
static char *clip(const char *s, size_t max)
{
	const char *eol = strchr(s, '\n');
	size_t len = eol ? (size_t)(eol - s) : strlen(s);
	while (len > 0 && (*s == ' '))
		s++, len--;
	if (len > max) {
		len = max;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	px_buf b = PX_BUF_INIT;
	putn(&b, s, len);
	if (len < (size_t)(eol ? eol - s : (long)strlen(s)))
		put(&b, "…");
	return px_buf_detach(&b);
}

/* The first line from `a` / `b` on where two documents differ: its number
 * (counted from `line`) and both lines, appended to `m`. */
static void difference_from(px_buf *m, const char *a, const char *b, int line)
{
	for (;;) {
		const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
		size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
		if (la != lb || memcmp(a, b, la) != 0 || !ea || !eb)
			break;
		a = ea + 1;
		b = eb + 1;
		line++;
	}
	char *ca = clip(a, 300), *cb = clip(b, 300);
	px_buf_printf(m, "XML line %d\n      clean:   %s\n      variant: %s", line, *ca ? ca : "(end)",
		*cb ? cb : "(end)");
	free(ca);
	free(cb);
}

/* The line after the one holding </meta>, and its number. */
static const char *after_meta(const char *x, int *line)
{
	const char *m = strstr(x, "</meta>");
	if (!m)
		return NULL;
	*line = 1;
	for (const char *p = x; p < m; p++)
		*line += *p == '\n';
	const char *eol = strchr(m, '\n');
	(*line)++;
	return eol ? eol + 1 : NULL;
}

/* The first line where two documents differ; when that is in the metadata
 * (FRBR names derived from the title, references), also the first
 * difference in the text after it, which says what was read differently. */
static char *first_difference(const char *want, const char *got)
{
	px_buf m = PX_BUF_INIT;
	difference_from(&m, want, got, 1);
	int la = 0, lb = 0;
	const char *ba = after_meta(want, &la), *bb = after_meta(got, &lb);
	const char *d = strstr(m.ptr, "XML line ");
	int first = d ? atoi(d + 9) : 0;
	if (ba && bb && first < la) {
		px_buf_printf(&m, "\n    then, in the text, ");
		difference_from(&m, ba, bb, la);
	}
	return px_buf_detach(&m);
}

static void dump(const char *rel, const char *what, const char *ext, const char *data)
{
	const char *dir = getenv("PX_LAYOUTS_DUMP");
	if (!dir || !*dir)
		return;
	char path[4096];
	int n = snprintf(path, sizeof path, "%s/", dir);
	for (const char *p = rel; *p && n < 4000; p++)
		path[n++] = *p == '/' ? '_' : *p;
	snprintf(path + n, sizeof path - (size_t)n, ".%s.%s", what, ext);
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	fputs(data, f);
	fclose(f);
}

/* ---- the matrix ------------------------------------------------------------------ */

enum outcome { O_NONE, O_PASS, O_XFAIL, O_FAIL, O_XPASS, O_SAME };

#define MAX_TEXTS 64

static char *texts[MAX_TEXTS]; /* relative to examples/ */
static size_t ntexts;
static enum outcome results[MAX_TEXTS][NVARIANTS];

static const struct xfail *expected(const char *file, const char *variant)
{
	for (const struct xfail *x = expected_failures; x->file; x++)
		if (strcmp(x->file, file) == 0 && strcmp(x->variant, variant) == 0)
			return x;
	return NULL;
}

/* The example texts that are copies out of a PDF rather than clean texts:
 * their clean layout is their rendering. */
static int pdf_extraction(const char *rel)
{
	return strcmp(rel, "programme.ru.txt") == 0;
}

static void layouts_of(void **state)
{
	size_t ti = (size_t)(uintptr_t)*state;
	const char *rel = texts[ti];
	char rootrel[1024];
	snprintf(rootrel, sizeof rootrel, "examples/%s", rel);
	size_t len;
	char *orig = slurp(src_path(rootrel), &len);
	px_lang lang = strstr(rel, ".zh.") ? PX_LANG_ZH : PX_LANG_RU;
	char *err;
	char *want = import_xml(orig, len, rel, lang, &err);
	if (!want)
		fail_msg("%s: %s", rel, err);
	dump(rel, "clean", "xml", want);

	struct text t = { .file = rel, .lang = lang };
	char *base = orig;
	if (pdf_extraction(rel)) { /* the clean layout of this document: its rendering */
		px_doc *doc = NULL;
		px_buf r = PX_BUF_INIT;
		assert_px_ok(px_import_text(&doc, orig, len, rel, lang, NULL, NULL));
		assert_px_ok(px_render_text(doc, &r));
		px_doc_free(doc);
		base = px_buf_detach(&r);
		char *back = import_xml(base, strlen(base), rel, lang, &err);
		if (!back)
			fail_msg("%s: its rendering does not import: %s", rel, err);
		if (strcmp(back, want) != 0)
			fail_msg("%s: its rendering imports to another document: %s", rel,
				first_difference(want, back));
		free(back);
	}
	text_parse(&t, base);
	dump(rel, "base", "txt", base);

	int errors = 0;
	for (size_t vi = 0; vi < NVARIANTS; vi++) {
		const struct variant *v = &variants[vi];
		px_buf out = PX_BUF_INIT;
		v->make(&t, &out);
		put(&out, "");
		dump(rel, v->name, "txt", out.ptr);
		/* only the layout changes */
		char *lb = letters(base);
		char *stripped = vi == 5 ? without_pages(&t, out.ptr) : NULL;
		char *lv = letters(stripped ? stripped : out.ptr);
		if (strcmp(lb, lv) != 0)
			fail_msg("%s [%s]: the variant does not keep the words of the text", rel, v->name);
		free(lb);
		free(lv);
		free(stripped);

		if (strcmp(out.ptr, base) == 0) {
			results[ti][vi] = O_SAME;
			if (expected(rel, v->name)) {
				print_message("ERROR %s [%s]: listed as an expected failure, but the variant is the clean "
					      "text\n", rel, v->name);
				errors++;
			}
			px_buf_dispose(&out);
			continue;
		}

		char *got = import_xml(out.ptr, out.size, rel, lang, &err);
		char *diff = NULL;
		if (!got)
			diff = strdup(err);
		else if (strcmp(got, want) != 0)
			diff = first_difference(want, got);
		if (got && diff)
			dump(rel, v->name, "xml", got);
		const struct xfail *x = expected(rel, v->name);
		if (!diff && !x) {
			results[ti][vi] = O_PASS;
		} else if (!diff && x) {
			results[ti][vi] = O_XPASS;
			print_message("ERROR %s [%s]: passes now: remove it from expected_failures (%s)\n", rel,
				v->name, x->reason);
			errors++;
		} else if (x) {
			results[ti][vi] = O_XFAIL;
			print_message("expected failure %s [%s]: %s\n", rel, v->name, x->reason);
		} else {
			results[ti][vi] = O_FAIL;
			print_message("FAIL %s [%s]: %s\n", rel, v->name, diff);
			errors++;
		}
		free(diff);
		free(got);
		free(err);
		err = NULL;
		px_buf_dispose(&out);
	}
	if (base != orig)
		free(base);
	text_free(&t);
	free(want);
	free(orig);
	if (errors)
		fail_msg("%s: %d variant(s) not as expected", rel, errors);
}

/* Every entry of the table names a text and a variant that was run; then
 * the matrix is printed. */
static void expected_failures_are_known(void **state)
{
	int errors = 0;
	for (const struct xfail *x = expected_failures; x->file; x++) {
		size_t ti = 0, vi = 0;
		while (ti < ntexts && strcmp(texts[ti], x->file) != 0)
			ti++;
		while (vi < NVARIANTS && strcmp(variants[vi].name, x->variant) != 0)
			vi++;
		if (ti == ntexts || vi == NVARIANTS) {
			print_message("ERROR expected failure %s [%s]: no such text or variant\n", x->file, x->variant);
			errors++;
		}
	}
	static const char *const marks[] = { "-", "ok", "xfail", "FAIL", "XPASS", "n/a" };
	print_message("%-34s", "");
	for (size_t vi = 0; vi < NVARIANTS; vi++)
		print_message(" %-16s", variants[vi].name);
	print_message("\n");
	for (size_t ti = 0; ti < ntexts; ti++) {
		print_message("%-34s", texts[ti]);
		for (size_t vi = 0; vi < NVARIANTS; vi++)
			print_message(" %-16s", marks[results[ti][vi]]);
		print_message("\n");
	}
	if (errors)
		fail_msg("%d entries of expected_failures name no text or variant", errors);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect(const char *dir)
{
	char rel[512];
	snprintf(rel, sizeof rel, "examples/%s", dir);
	DIR *d = opendir(src_path(rel));
	if (!d) {
		fprintf(stderr, "cannot open %s\n", src_path(rel));
		exit(1);
	}
	size_t first = ntexts;
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		int txt = n > 7 && (strcmp(e->d_name + n - 7, ".ru.txt") == 0 || strcmp(e->d_name + n - 7, ".zh.txt") == 0);
		if (!txt || strstr(e->d_name, ".pdf.txt"))
			continue;
		if (ntexts == MAX_TEXTS) {
			fprintf(stderr, "more than %d texts\n", MAX_TEXTS);
			exit(1);
		}
		char name[1024];
		snprintf(name, sizeof name, "%s/%s", dir, e->d_name);
		texts[ntexts++] = strdup(name);
	}
	closedir(d);
	qsort(texts + first, ntexts - first, sizeof *texts, by_name);
}

int main(void)
{
	texts[ntexts++] = strdup("programme.ru.txt");
	texts[ntexts++] = strdup("programme.zh.txt");
	collect("agreement");
	collect("protocol");
	collect("memorandum");
	collect("statement");

	struct CMUnitTest *tests = calloc(ntexts + 1, sizeof *tests);
	char **names = calloc(ntexts, sizeof *names);
	for (size_t i = 0; i < ntexts; i++) {
		names[i] = malloc(strlen(texts[i]) + 16);
		sprintf(names[i], "layouts of %s", texts[i]);
		tests[i] = (struct CMUnitTest){ names[i], layouts_of, NULL, NULL, (void *)(uintptr_t)i };
	}
	tests[ntexts] = (struct CMUnitTest){ "expected_failures_are_known", expected_failures_are_known, NULL, NULL,
		NULL };
	int rc = _cmocka_run_group_tests("layouts", tests, ntexts + 1, NULL, NULL);
	for (size_t i = 0; i < ntexts; i++) {
		free(names[i]);
		free(texts[i]);
	}
	free(names);
	free(tests);
	return rc;
}
