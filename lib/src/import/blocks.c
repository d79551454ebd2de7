/*
 * Import, step 2: the lines joined into blocks (the title, paragraphs,
 * numbered paragraphs, list items with their nesting, division headings).
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

/* ---- step 2: blocks ------------------------------------------------------ */

const char *imp_section_word(struct imp *im, int n, char *buf, size_t size);

int imp_new_block(struct imp *im, enum kind kind, const struct line *l, size_t skip, int num)
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
	b->col = l->col + (kind == K_ITEM ? (int)px_utf8_count(l->s, skip) : 0);
	if (px_buf_put(&b->text, l->s + skip, l->len - skip) < 0)
		return px_fail_oom();
	return 0;
}

/* Join a line to the block: Russian with one space, except after a hyphen
 * that ends a word (a compound broken at its hyphen: государств-/членов);
 * Chinese with nothing. */
int imp_join(struct imp *im, struct block *b, const struct line *l)
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

bool imp_begins_with_name(struct imp *im, const struct line *l)
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
	int rc = imp_new_block(im, kind, l, skip, 0);
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
bool imp_text_mark_line(const struct line *l);
bool imp_date_line(bool zh, const struct line *l);

bool imp_contains(const char *s, size_t len, const char *lit)
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
		if (imp_contains(title->text.ptr, title->text.size, stops[i]) || (l->len >= 3 && imp_contains(l->s, l->len, stops[i])))
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
		uint32_t p = imp_final_punct(h->text.ptr, h->text.size);
		if (!(zh ? imp_ends_unit_zh(p) || p == 0xFF0C : imp_ends_unit_ru(p) || p == ','))
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

/* Does a Russian title end with a word that cannot end it (и, о, по, между …)?
 * Or is it so far only the word of its kind in capitals («ЗАЯВЛЕНИЕ»), which
 * no instrument's title is: whose statement follows on the next line, in
 * capitals when it names a body («Совета глав государств …»). */
static bool title_wants_more(struct imp *im, const struct block *t)
{
	static const char *const words[] = { "и", "о", "об", "по", "в", "во", "на", "с", "со", "между", "для", "к",
		"от", "при", "за", "из", "—" };
	if (t->text.size && !memchr(t->text.ptr, ' ', t->text.size) && px_kind_from_title(im->lang, t->text.ptr,
			t->text.size) && !imp_starts_lower(t->text.ptr, t->text.size) && t->last_line == t->line)
		return true;
	size_t n = t->text.size, b = n;
	while (b > 0 && t->text.ptr[b - 1] != ' ')
		b--;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (n - b == strlen(words[i]) && memcmp(t->text.ptr + b, words[i], n - b) == 0)
			return true;
	return false;
}

int imp_build_blocks(struct imp *im)
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
			int rc = imp_new_block(im, K_TITLE, l, 0, 0);
			if (rc < 0)
				return rc;
			continue;
		}
		uint32_t p = imp_final_punct(cur->text.ptr, cur->text.size);
		bool closed = zh ? imp_ends_unit_zh(p) : imp_ends_unit_ru(p);
		struct dhead hd = { 0 };
		bool is_head = imp_division_head(zh, l->s, l->len, last_num + 1, &hd);
		if (is_head && zh && hd.div == PX_DIV_SECTION) {
			/* 一、 opens a section only outside articles, with a short heading
			 * (in a text broken into lines, much shorter than a line) */
			size_t chars = px_utf8_count(l->s + hd.head, l->len - hd.head);
			if (seen_article || chars > (im->pdf_like ? 16u : 30u) || imp_contains(l->s, l->len, "，"))
				is_head = false;
		}
		if (is_head && (hd.div == PX_DIV_ARTICLE || hd.div == PX_DIV_CHAPTER))
			seen_article = true;
		enum mclass cls;
		size_t mlen = 0, pmlen = 0;
		size_t bullet = imp_item_marker(zh, l->s, l->len, &cls, &mlen);
		size_t pskip = imp_para_marker(zh, l->s, l->len, &pmlen);
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
		if (cur->kind == K_TITLE && i <= 6 && imp_text_mark_line(l)) {
			rc = imp_new_block(im, K_MARK, l, 0, 0);
		} else if (is_head && (hd.div == PX_DIV_CHAPTER || hd.div == PX_DIV_ARTICLE ||
				(after_unit && cur->kind != K_TITLE && cur->kind != K_MARK))) {
			if (hd.bad) {
				char prev[32];
				if (last_num)
					imp_section_word(im, last_num, prev, sizeof prev);
				if (im->strict)
					return imp_fail_rule(im, "PX032", l->no, "expected a section heading after %s%s, found '%.*s'",
						last_num ? "section " : "the preamble", last_num ? prev : "", imp_clip(l->s, l->len, 40), l->s);
				rc = imp_new_block(im, K_PARA, l, 0, 0);
				if (rc == 0 && im->diags) {
					px_loc loc = { im->name, l->no, 0, NULL };
					rc = px_diags_addf(im->diags, "PX040", &loc, NULL,
						"'%.*s' looks like a heading but its number is not a numeral; kept as a paragraph",
						imp_clip(l->s, l->len, 40), l->s) < 0 ? px_fail_oom() : 0;
				}
			} else if (hd.div == PX_DIV_ARTICLE && hd.head < l->len && imp_sentence_like(zh, l->s + hd.head, l->len - hd.head) &&
				hd.num != last_article + 1 && !(hd.sub && hd.num == last_article) && !(hd.num == 1 && !last_article)) {
				/* «第五条另有规定的除外。» at the start of a line, out of sequence: text */
				is_head = false;
				rc = after_unit || l->hard ? imp_new_block(im, K_PARA, l, 0, 0) : imp_join(im, cur, l);
			} else {
				bool text_on_line = hd.head < l->len && imp_sentence_like(zh, l->s + hd.head, l->len - hd.head);
				rc = imp_new_block(im, K_HEADING, l, text_on_line ? l->len : hd.head, hd.num);
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
						rc = imp_new_block(im, K_PARA, l, hd.head, 0);
				}
				if (hd.div == PX_DIV_SECTION)
					last_num = hd.num;
				if (hd.div == PX_DIV_ARTICLE)
					last_article = hd.num;
				hanzi_paras = false;
				in_sections = in_body = true;
			}
		} else if (cur->kind == K_HEADING && cur->open && !cur->text.size && !bullet && !pskip && !is_head &&
			!imp_sentence_like(zh, l->s, l->len) && (zh ? px_utf8_count(l->s, l->len) <= 30
				: imp_starts_upper(l->s, l->len) && px_utf8_count(l->s, l->len) <= 120)) {
			/* the heading of the article or chapter, on the line after its number */
			rc = px_buf_put(&cur->text, l->s, l->len) < 0 ? px_fail_oom() : 0;
			cur->last_line = l->no;
			cur->open = !zh; /* a Russian heading broken over lines goes on in lower case */
		} else if (cur->kind == K_HEADING && cur->open && cur->text.size && !zh && imp_starts_lower(l->s, l->len) &&
			!l->hard && !bullet) {
			rc = imp_join(im, cur, l);
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
				: (imp_starts_upper(l->s, l->len) && !begins_with_name_of(im, l, false));
			/* a Russian title goes on in lower case, whatever stands between, and
			 * after a word that needs one more («… Секретариатом ШОС и» /
			 * «Международной ассоциацией …»); a paragraph naming the parties
			 * («… (далее — …)», «именуемые …») is not the title */
			if (!zh && starts_para && title_wants_more(im, cur))
				starts_para = false;
			if (!zh && !starts_para && (imp_contains(l->s, l->len, "(далее") || imp_contains(l->s, l->len, "именуем")))
				starts_para = true;
			if ((l->hard || starts_para) && (zh || !imp_starts_lower(l->s, l->len)))
				rc = imp_new_block(im, K_PARA, l, 0, 0);
			else
				rc = imp_join(im, cur, l);
		} else if (cur->kind == K_HEADING || cur->kind == K_MARK) {
			if (!zh && cur->kind == K_HEADING && cur->div == PX_DIV_SECTION && imp_starts_lower(l->s, l->len) && !closed &&
				!l->hard)
				rc = imp_join(im, cur, l);
			else
				rc = imp_new_block(im, K_PARA, l, 0, 0);
		} else {
			bool starts;
			/* blank lines that also fall inside sentences say nothing before
			 * a line in lower case */
			bool hard = l->hard && !(!zh && im->blank_mid && imp_starts_lower(l->s, l->len));
			if (hard || im->line_paras)
				starts = true;
			else if (im->para_indent)
				starts = (l->depth >= im->para_depth && (closed || (!in_sections && (zh ? p == 0xFF0C
					: p == ',' && (imp_ru_recital_start(l->s, l->len) || imp_ru_formula_start(l->s, l->len)))))) ||
					/* a recital after a recital, however indented (认识到……，/ 愿……，) */
					(zh && !in_sections && p == 0xFF0C && imp_zh_recital_start(l->s, l->len));
			else if (zh && im->uses_indent)
				starts = l->depth >= 3; /* two U+3000; a stray space or two is not an indentation */
			else if (zh)
				starts = (closed && (p == 0x3002 || !im->pdf_like || short_before(im, i))) ||
					(!in_sections && p == 0xFF0C && (!im->pdf_like || short_before(im, i) ||
					imp_zh_recital_start(l->s, l->len))) || (im->pdf_like && short_before(im, i) && p != 0xFF0C);
			else if (!in_sections)
				starts = (p == ',' && (imp_ru_recital_start(l->s, l->len) || imp_ru_formula_start(l->s, l->len))) ||
					(closed && imp_starts_upper(l->s, l->len));
			else if (in_list)
				starts = p == '.' && imp_starts_upper(l->s, l->len);
			else
				starts = (closed && (imp_starts_upper(l->s, l->len) || ((p == ';' || p == ':') && (!im->pdf_like ||
					l->indent || short_before(im, i) || imp_has_at(l->s, l->len, 0, "«"))))) ||
					(im->pdf_like && !closed && p != ',' && short_before(im, i) && imp_starts_upper(l->s, l->len));
			/* a full stop at the end of a full line, before a capital: the
			 * layout does not say whether the paragraph ends there (it
			 * ends there, and the check knows it was not sure) */
			bool soft = starts && !zh && in_sections && (!l->hard || im->blank_mid) && !im->line_paras &&
				!im->para_indent && p == '.' && !l->indent && word_did_not_fit(im, i);
			/* «г. Бишкек, 18 октября 2025 года» after the last sentence: the place and date */
			if (!starts && closed && imp_date_line(zh, l) && px_utf8_count(l->s, l->len) <= 60 &&
				!imp_ends_unit_ru(imp_final_punct(l->s, l->len)) && !imp_ends_unit_zh(imp_final_punct(l->s, l->len)))
				starts = true;
			rc = starts ? imp_new_block(im, K_PARA, l, 0, 0) : imp_join(im, cur, l);
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
void imp_unbreak_blank_lines(struct imp *im)
{
	bool zh = im->lang == PX_LANG_ZH;
	size_t first_div = im->nlines;
	for (size_t k = 0; k < im->nlines && first_div == im->nlines; k++) {
		struct dhead hd;
		if (imp_division_head(zh, im->lines[k].s, im->lines[k].len, 0, &hd) && hd.div != PX_DIV_NONE)
			first_div = k;
	}
	/* the title's lines end with no punctuation: a blank line among them or
	 * after them stands */
	size_t first_punct = 0;
	while (first_punct < im->nlines) {
		uint32_t fp = imp_final_punct(im->lines[first_punct].s, im->lines[first_punct].len);
		if (imp_ends_unit_ru(fp) || imp_ends_unit_zh(fp) || fp == ',' || fp == 0xFF0C)
			break;
		first_punct++;
	}
	for (size_t k = first_punct + 1; im->pdf_like && k < im->nlines; k++) {
		struct line *l = &im->lines[k];
		const struct line *prev = &im->lines[k - 1];
		if (!l->hard)
			continue;
		uint32_t pp = imp_final_punct(prev->s, prev->len);
		bool open = !(imp_ends_unit_ru(pp) || imp_ends_unit_zh(pp) || pp == ',' || pp == 0xFF0C);
		bool long_prev = k > 2 && px_utf8_count(prev->s, prev->len) * 10 >= im->wrap_width * 8;
		if (imp_han_text(l) ? open && px_utf8_count(prev->s, prev->len) * 10 >= im->wrap_width * 8
				: (open && (imp_starts_lower(l->s, l->len) || long_prev)) ||
				(pp == ',' && imp_starts_lower(l->s, l->len) && (k > first_div || (!imp_ru_recital_start(l->s, l->len) &&
				!imp_ru_formula_start(l->s, l->len)))))
			l->hard = false;
	}
	/* first-line indentation: in a text broken into lines, the least depth
	 * of indentation that most lines after a sentence's end have and few
	 * lines inside a sentence have (stray spaces are shallower) */
	for (int t = 2; im->pdf_like && t <= 8 && !im->para_indent; t++) {
		size_t ind = 0, flat = 0, cont_ind = 0, cont = 0;
		for (size_t k = 1; k < im->nlines; k++) {
			const struct line *l = &im->lines[k], *prev = &im->lines[k - 1];
			uint32_t pp = imp_final_punct(prev->s, prev->len);
			enum mclass cls;
			size_t ml;
			struct dhead hd;
			if (imp_item_marker(zh, l->s, l->len, &cls, &ml) || imp_division_head(zh, l->s, l->len, 0, &hd))
				continue; /* told by its marker, whatever its indentation */
			if (imp_ends_unit_ru(pp) || imp_ends_unit_zh(pp)) {
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
