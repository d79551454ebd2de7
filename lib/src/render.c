/*
 * A document written back as plain text in the official layout of its
 * language (docs/layout.md, clean layout): one paragraph or item per line,
 * blank lines after the title, around headings and between signature blocks.
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

/* One paragraph line: Chinese paragraphs are indented with two U+3000. */
static void para(struct rctx *c, xmlNodePtr p, const char *bullet)
{
	px_buf t = PX_BUF_INIT;
	if (px_node_text(p, &t) < 0)
		c->rc = PX_ENOMEM;
	if (c->zh)
		put(c, "\xE3\x80\x80\xE3\x80\x80");
	if (bullet)
		put(c, bullet);
	put(c, t.ptr ? t.ptr : "");
	put(c, "\n");
	px_buf_dispose(&t);
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
		if (px_is(k, "num") || px_is(k, "heading"))
			continue;
		/* content, or paragraph+ with content inside */
		for (xmlNodePtr b = px_first_el(px_is(k, "paragraph") ? px_child(k, "content") : k); b; b = px_next_el(b)) {
			if (px_is(b, "p")) {
				para(c, b, NULL);
			} else if (px_is(b, "blockList")) {
				for (xmlNodePtr it = px_first_el(b); it; it = px_next_el(it))
					if (px_is(it, "item"))
						for (xmlNodePtr p = px_child(it, "p"); p; p = px_next_el(p))
							if (px_is(p, "p"))
								para(c, p, c->zh ? "——" : "- ");
			}
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
