/*
 * A document written back as plain text in the official layout of its
 * language (docs/layout.md, clean layout): one paragraph or item per line,
 * blank lines after the title, around headings and between signature blocks;
 * numbered paragraphs and points begin with their number, nested items and
 * further paragraphs of an item are indented one step deeper than their item.
 * Every kind of the profile (docs/profile.md): sections (programmes),
 * chapters and articles (agreements, protocols), points (memoranda,
 * declarations), unnumbered paragraphs (statements), final clauses and
 * signature blocks with their signers and signing marks in the conclusions.
 * px_import_text() reads this layout back into the same document.
 *
 * An element the document lacks (a section without num, an article without
 * heading) is left out of its line: what is there is written.
 */
#include <string.h>

#include "model/model.h"

#define U3000 "\xE3\x80\x80" /* IDEOGRAPHIC SPACE */

struct rctx {
	px_buf *o;
	bool zh;
	int rc;
};

static void put(struct rctx *c, const char *s)
{
	if (px_buf_puts(c->o, s) < 0)
		c->rc = PX_ENOMEM;
}

/* The text of `n` (white space collapsed) appended to `t`; nothing for NULL. */
static void text_of(struct rctx *c, xmlNodePtr n, px_buf *t)
{
	if (n && px_node_text(n, t) < 0)
		c->rc = PX_ENOMEM;
}

/* Does `s` end with punctuation that ends a paragraph for the importer
 * (`.` `;` `:` `!` `?` and their full-width forms, `。`)? A paragraph that
 * does not is followed by a blank line, so that the next line is not read
 * as its continuation. */
static bool closes(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	while (n > 0) {
		size_t st = n - 1;
		while (st > 0 && ((unsigned char)s[st] & 0xC0) == 0x80)
			st--;
		uint32_t cp;
		px_utf8_decode(s + st, n - st, &cp);
		/* closing quotes and brackets after the punctuation */
		if (cp == 0x00BB || cp == 0x201D || cp == '"' || cp == ')' || cp == 0xFF09 || cp == 0x300B ||
			cp == 0x2019) {
			n = st;
			continue;
		}
		return cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF1B ||
			cp == 0xFF1A || cp == 0xFF01 || cp == 0xFF1F;
	}
	return false;
}

/* One paragraph line, `marker` (may be NULL) before the text of `p` (may
 * be NULL: the marker alone). Chinese paragraphs are indented with two
 * U+3000; `steps` more steps of two spaces in Russian and two U+3000 in
 * Chinese indent the items of nested lists and further paragraphs of items.
 * Returns whether the line ends with closing punctuation. */
static bool line(struct rctx *c, int steps, const char *marker, xmlNodePtr p)
{
	px_buf t = PX_BUF_INIT;
	text_of(c, p, &t);
	if (c->zh)
		put(c, U3000 U3000);
	for (int i = 0; i < steps; i++)
		put(c, c->zh ? U3000 U3000 : "  ");
	if (marker)
		put(c, marker);
	put(c, t.ptr ? t.ptr : "");
	put(c, "\n");
	bool closed = closes(t.ptr);
	px_buf_dispose(&t);
	return closed;
}

/* A paragraph line; one that does not close is set apart by a blank line. */
static void para(struct rctx *c, xmlNodePtr p, const char *bullet)
{
	if (!line(c, 0, bullet, p) && p && px_next_el(p))
		put(c, "\n");
}

static void paras_below(struct rctx *c, xmlNodePtr n)
{
	for (xmlNodePtr k = px_first_el(n); k; k = px_next_el(k)) {
		if (px_is(k, "p"))
			line(c, 0, NULL, k);
		else
			paras_below(c, k);
	}
}

static bool ru_upper(uint32_t cp)
{
	return (cp >= 0x0410 && cp <= 0x042F) || cp == 0x0401;
}

static bool ru_lower(uint32_t cp)
{
	return (cp >= 0x0430 && cp <= 0x044F) || cp == 0x0451;
}

/* The title block: the title, then the further paragraphs of the preface
 * (a mark such as «(Перевод)») each on its own line, then a blank line.
 * A Russian title whose first words are in capitals (ПРОГРАММА, МЕМОРАНДУМ О
 * ВЗАИМОПОНИМАНИИ) has them on a line of their own when the rest begins in
 * lower case, so that it reads back as the title. */
static void title(struct rctx *c, xmlNodePtr preface)
{
	xmlNodePtr first = px_child(preface, "p");
	px_buf t = PX_BUF_INIT;
	text_of(c, first ? first : preface, &t);
	const char *s = t.ptr ? t.ptr : "";
	const char *cut = NULL; /* the space after the last word in capitals */
	for (const char *w = s; !c->zh && *w;) {
		const char *e = strchr(w, ' ');
		if (!e)
			break;
		bool caps = true;
		for (const char *p = w; caps && p < e;) {
			uint32_t cp;
			p += px_utf8_decode(p, (size_t)(e - p), &cp);
			caps = ru_upper(cp);
		}
		if (!caps)
			break;
		uint32_t next;
		px_utf8_decode(e + 1, strlen(e + 1), &next);
		if (ru_lower(next)) {
			cut = e;
			break;
		}
		w = e + 1;
	}
	if (cut) {
		if (px_buf_put(c->o, s, (size_t)(cut - s)) < 0)
			c->rc = PX_ENOMEM;
		put(c, "\n");
		s = cut + 1;
	}
	put(c, s);
	put(c, "\n");
	px_buf_dispose(&t);
	if (first)
		for (xmlNodePtr p = px_next_el(first); p; p = px_next_el(p))
			if (px_is(p, "p")) {
				px_buf m = PX_BUF_INIT;
				text_of(c, p, &m);
				put(c, m.ptr ? m.ptr : "");
				put(c, "\n");
				px_buf_dispose(&m);
			}
	put(c, "\n");
}

/* The marker that begins the line of a numbered paragraph or a list item
 * with num `num`: the bullet of the language for a dash (`—`, `——`, `-` …),
 * else the num as written, followed by a space in Russian. */
static void marker(struct rctx *c, xmlNodePtr num, px_buf *out)
{
	px_buf t = PX_BUF_INIT;
	text_of(c, num, &t);
	bool dash = t.size > 0;
	for (size_t i = 0; i < t.size;) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(t.ptr + i, t.size - i, &cp);
		if (cp != '-' && cp != 0x2013 && cp != 0x2014 && cp != 0x2212 && cp != 0xFF0D)
			dash = false;
	}
	if (px_buf_puts(out, dash ? (c->zh ? "——" : "- ") : t.ptr ? t.ptr : "") < 0 ||
		(!dash && !c->zh && t.size && px_buf_puts(out, " ") < 0))
		c->rc = PX_ENOMEM;
	px_buf_dispose(&t);
}

/* A list item of a list nested `level` deep (0: in a content): its marker
 * and first paragraph on one line indented `level` steps, its further
 * paragraphs one step more; an item holding a list has its marker and the
 * list's introduction on the line, then the inner items. */
static void item(struct rctx *c, xmlNodePtr it, int level)
{
	px_buf m = PX_BUF_INIT;
	marker(c, px_child(it, "num"), &m);
	xmlNodePtr inner = px_child(it, "blockList");
	if (inner) {
		line(c, level, m.ptr, px_child(inner, "listIntroduction"));
		for (xmlNodePtr k = px_first_el(inner); k; k = px_next_el(k))
			if (px_is(k, "item"))
				item(c, k, level + 1);
	} else {
		bool first = true;
		for (xmlNodePtr p = px_first_el(it); p; p = px_next_el(p))
			if (px_is(p, "p")) {
				line(c, first ? level : level + 1, first ? m.ptr : NULL, p);
				first = false;
			}
		if (first) /* an item without text: its marker */
			line(c, level, m.ptr, NULL);
	}
	px_buf_dispose(&m);
}

/* The paragraphs and lists of a content (or intro) element, one line each;
 * the first line begins with `lead` (the num of a numbered paragraph or
 * point) when not NULL. A list's introduction is written as a paragraph. */
static void content(struct rctx *c, xmlNodePtr ct, const char *lead)
{
	for (xmlNodePtr b = px_first_el(ct); b; b = px_next_el(b)) {
		if (px_is(b, "p")) {
			para(c, b, lead);
		} else if (px_is(b, "blockList")) {
			if (lead)
				line(c, 0, lead, NULL);
			for (xmlNodePtr it = px_first_el(b); it; it = px_next_el(it)) {
				if (px_is(it, "listIntroduction"))
					line(c, 0, NULL, it);
				else if (px_is(it, "item"))
					item(c, it, 0);
			}
		} else {
			continue;
		}
		lead = NULL;
	}
	if (lead) /* nothing to write the number before */
		line(c, 0, lead, NULL);
}

/* A numbered paragraph or a point: its num before the first line of its
 * content; a heading (points may have one) on a line after the num. */
static void numbered(struct rctx *c, xmlNodePtr k)
{
	px_buf m = PX_BUF_INIT;
	xmlNodePtr pnum = px_child(k, "num"), head = px_child(k, "heading");
	if (pnum)
		marker(c, pnum, &m);
	const char *lead = pnum ? (m.ptr ? m.ptr : "") : NULL;
	if (head) {
		line(c, 0, lead, head);
		lead = NULL;
	}
	content(c, px_child(k, "content"), lead);
	px_buf_dispose(&m);
}

/* The heading line(s) of a division and the blank line after them: a
 * section «I. Цель» / «一、目标» on one line; a chapter or an article
 * «Статья 1» with its heading on the next line in Russian, «第一条　宗旨» on
 * one line in Chinese (U+3000 between). A missing num or heading is left out. */
static void division_head(struct rctx *c, xmlNodePtr div, bool section)
{
	px_buf num = PX_BUF_INIT, head = PX_BUF_INIT;
	text_of(c, px_child(div, "num"), &num);
	text_of(c, px_child(div, "heading"), &head);
	put(c, num.ptr ? num.ptr : "");
	if (num.size && head.size)
		put(c, c->zh ? (section ? "" : U3000) : section ? " " : "\n");
	put(c, head.ptr ? head.ptr : "");
	put(c, "\n\n");
	px_buf_dispose(&num);
	px_buf_dispose(&head);
}

/* The parts of a section or an article after its heading: content, an intro,
 * numbered paragraphs; then a blank line. */
static void division_body(struct rctx *c, xmlNodePtr div)
{
	for (xmlNodePtr k = px_first_el(div); k; k = px_next_el(k)) {
		if (px_is(k, "content") || px_is(k, "intro"))
			content(c, k, NULL);
		else if (px_is(k, "paragraph"))
			numbered(c, k);
	}
	put(c, "\n");
}

static void chapter(struct rctx *c, xmlNodePtr ch)
{
	division_head(c, ch, false);
	for (xmlNodePtr k = px_first_el(ch); k; k = px_next_el(k))
		if (px_is(k, "article")) {
			division_head(c, k, false);
			division_body(c, k);
		}
}

/* The conclusions: final clauses and signature blocks, a blank line between
 * any two. A block is its signing body, then its signer and its signing mark
 * on lines of their own. Chinese final clauses before the blocks are
 * indented as paragraphs; the place and date after them are not. */
static void conclusions(struct rctx *c, xmlNodePtr concl)
{
	bool first = true, after_blocks = false;
	for (xmlNodePtr b = px_first_el(concl); b; b = px_next_el(b)) {
		if (!first)
			put(c, "\n");
		first = false;
		if (px_is(b, "blockContainer")) {
			after_blocks = true;
			bool any = false;
			for (xmlNodePtr p = px_first_el(b); p; p = px_next_el(p)) {
				if (!px_is(p, "p"))
					continue;
				px_buf t = PX_BUF_INIT;
				text_of(c, p, &t);
				put(c, t.ptr ? t.ptr : "");
				put(c, "\n");
				px_buf_dispose(&t);
				any = true;
			}
			if (!any) { /* a block without paragraphs: its text */
				px_buf t = PX_BUF_INIT;
				text_of(c, b, &t);
				put(c, t.ptr ? t.ptr : "");
				put(c, "\n");
				px_buf_dispose(&t);
			}
		} else {
			px_buf t = PX_BUF_INIT;
			text_of(c, b, &t);
			if (c->zh && !after_blocks)
				put(c, U3000 U3000);
			put(c, t.ptr ? t.ptr : "");
			put(c, "\n");
			px_buf_dispose(&t);
		}
	}
}

int px_render_text(const px_doc *doc, px_buf *out)
{
	xmlNodePtr root = px_doc_root(doc);
	const char *lang = px_lang_code(px_doc_lang(doc));
	if (!root || !lang)
		return px_fail_at(PX_EINPUT, px_doc_name(doc), 0, 0, "not a document of the profile in rus or zho");
	xmlNodePtr body = px_child(root, "mainBody");
	if (!body)
		return px_fail_at(PX_EINPUT, px_doc_name(doc), 0, 0, "document has no mainBody");
	struct rctx c = { out, strcmp(lang, "zho") == 0, 0 };
	title(&c, px_child(root, "preface"));
	xmlNodePtr pre = px_child(root, "preamble");
	if (pre) {
		paras_below(&c, pre);
		put(&c, "\n");
	}
	bool loose = false; /* points or paragraphs written: a blank line ends them */
	for (xmlNodePtr s = px_first_el(body); s; s = px_next_el(s)) {
		if (px_is(s, "section") || px_is(s, "article")) {
			if (loose)
				put(&c, "\n");
			loose = false;
			division_head(&c, s, px_is(s, "section"));
			division_body(&c, s);
		} else if (px_is(s, "chapter")) {
			if (loose)
				put(&c, "\n");
			loose = false;
			chapter(&c, s);
		} else if (px_is(s, "point") || px_is(s, "paragraph")) {
			numbered(&c, s);
			loose = true;
		}
	}
	xmlNodePtr concl = px_child(root, "conclusions");
	if (loose && concl)
		put(&c, "\n");
	conclusions(&c, concl);
	return c.rc ? px_fail_oom() : 0;
}
