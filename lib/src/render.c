/*
 * A document written back as plain text in the official layout of its
 * language (docs/layout.md, clean layout): one paragraph or item per line,
 * blank lines after the title, around headings and between signature blocks;
 * numbered paragraphs begin with their number, nested items and further
 * paragraphs of an item are indented one step deeper than their item.
 * px_import_text() reads this layout back into the same document.
 */
#include <string.h>

#include "px.h"

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

/* One paragraph line, `marker` (may be NULL) before the text of `p` (may
 * be NULL: the marker alone). Chinese paragraphs are indented with two
 * U+3000; `steps` more steps of two spaces in Russian and two U+3000 in
 * Chinese indent the items of nested lists and further paragraphs of items. */
static void line(struct rctx *c, int steps, const char *marker, xmlNodePtr p)
{
	px_buf t = PX_BUF_INIT;
	if (p && px_node_text(p, &t) < 0)
		c->rc = PX_ENOMEM;
	if (c->zh)
		put(c, "\xE3\x80\x80\xE3\x80\x80");
	for (int i = 0; i < steps; i++)
		put(c, c->zh ? "\xE3\x80\x80\xE3\x80\x80" : "  ");
	if (marker)
		put(c, marker);
	put(c, t.ptr ? t.ptr : "");
	put(c, "\n");
	px_buf_dispose(&t);
}

static void para(struct rctx *c, xmlNodePtr p, const char *bullet)
{
	line(c, 0, bullet, p);
}

static void paras_below(struct rctx *c, xmlNodePtr n)
{
	for (xmlNodePtr k = px_first_el(n); k; k = px_next_el(k)) {
		if (px_is(k, "p"))
			para(c, k, NULL);
		else
			paras_below(c, k);
	}
}

/* Russian title: a first word in capitals stands on its own line (ПРОГРАММА). */
static void title(struct rctx *c, xmlNodePtr preface)
{
	px_buf t = PX_BUF_INIT;
	if (preface && px_node_text(preface, &t) < 0)
		c->rc = PX_ENOMEM;
	const char *s = t.ptr ? t.ptr : "";
	const char *sp = strchr(s, ' ');
	bool caps = !c->zh && sp;
	for (const char *p = s; caps && p < sp;) {
		uint32_t cp;
		p += px_utf8_decode(p, (size_t)(sp - p), &cp);
		if (!(cp >= 0x0410 && cp <= 0x042F) && cp != 0x0401)
			caps = false;
	}
	/* … and only when the rest begins in lower case, so that it reads back as the title */
	if (caps) {
		uint32_t next;
		px_utf8_decode(sp + 1, strlen(sp + 1), &next);
		caps = next >= 0x0430 && next <= 0x044F;
	}
	if (caps) {
		if (px_buf_put(c->o, s, (size_t)(sp - s)) < 0)
			c->rc = PX_ENOMEM;
		put(c, "\n");
		s = sp + 1;
	}
	put(c, s);
	put(c, "\n\n");
	px_buf_dispose(&t);
}

/* The marker that begins the line of a numbered paragraph or a list item
 * with num `num`: the bullet of the language for a dash (`—`, `——`, `-` …),
 * else the num as written, followed by a space in Russian. */
static void marker(struct rctx *c, xmlNodePtr num, px_buf *out)
{
	px_buf t = PX_BUF_INIT;
	if (num && px_node_text(num, &t) < 0)
		c->rc = PX_ENOMEM;
	bool dash = t.size > 0;
	for (size_t i = 0; i < t.size;) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(t.ptr + i, t.size - i, &cp);
		if (cp != '-' && cp != 0x2013 && cp != 0x2014 && cp != 0x2212 && cp != 0xFF0D)
			dash = false;
	}
	if (px_buf_puts(out, dash ? (c->zh ? "——" : "- ") : t.ptr ? t.ptr : "") < 0 ||
		(!dash && !c->zh && px_buf_puts(out, " ") < 0))
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
	}
	px_buf_dispose(&m);
}

/* The paragraphs and lists of a content element, one line each; the first
 * line begins with `lead` (the num of a numbered paragraph) when not NULL.
 * A list's introduction is written as a paragraph. */
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
					para(c, it, NULL);
				else if (px_is(it, "item"))
					item(c, it, 0);
			}
		}
		lead = NULL;
	}
}

static void section(struct rctx *c, xmlNodePtr sec)
{
	px_buf num = PX_BUF_INIT, head = PX_BUF_INIT;
	px_node_text(px_child(sec, "num"), &num);
	px_node_text(px_child(sec, "heading"), &head);
	put(c, num.ptr ? num.ptr : "");
	if (!c->zh)
		put(c, " ");
	put(c, head.ptr ? head.ptr : "");
	put(c, "\n\n");
	px_buf_dispose(&num);
	px_buf_dispose(&head);
	for (xmlNodePtr k = px_first_el(sec); k; k = px_next_el(k)) {
		if (px_is(k, "content")) {
			content(c, k, NULL);
		} else if (px_is(k, "paragraph")) {
			px_buf m = PX_BUF_INIT;
			xmlNodePtr pnum = px_child(k, "num");
			if (pnum)
				marker(c, pnum, &m);
			content(c, px_child(k, "content"), pnum ? (m.ptr ? m.ptr : "") : NULL);
			px_buf_dispose(&m);
		}
	}
	put(c, "\n");
}

int px_render_text(const px_doc *doc, px_buf *out)
{
	xmlNodePtr root = px_doc_root(doc);
	const char *lang = px_doc_lang(doc);
	if (!root || !lang || (strcmp(lang, "rus") != 0 && strcmp(lang, "zho") != 0))
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
	for (xmlNodePtr s = px_first_el(body); s; s = px_next_el(s))
		if (px_is(s, "section"))
			section(&c, s);
	xmlNodePtr concl = px_child(root, "conclusions");
	bool first = true;
	for (xmlNodePtr b = concl ? px_first_el(concl) : NULL; b; b = px_next_el(b)) {
		px_buf t = PX_BUF_INIT;
		if (px_node_text(b, &t) < 0)
			c.rc = PX_ENOMEM;
		if (!first)
			put(&c, "\n");
		put(&c, t.ptr ? t.ptr : "");
		put(&c, "\n");
		first = false;
		px_buf_dispose(&t);
	}
	return c.rc ? px_fail_oom() : 0;
}
