/*
 * Prose: an amending protocol written as plain text, read into the
 * structured instrument px_instrument_new() applies (steps in prose_int.h).
 * This file holds the entry point, the stream and its clauses (step 2) and
 * the markup written back (step 6).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/ucol.h>

#include "prose/prose_int.h"

/* ---- the stream and its clauses (step 2) ------------------------------------ */

static int piece(struct pr_stream *st, xmlNodePtr node, xmlNodePtr div, bool marker)
{
	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 64;
		struct pr_piece *v = realloc(st->p, cap * sizeof *v);
		if (!v)
			return px_fail_oom();
		st->p = v;
		st->cap = cap;
	}
	if (st->text.size && px_buf_put(&st->text, "\n", 1) < 0)
		return px_fail_oom();
	struct pr_piece *p = &st->p[st->n++];
	p->node = node;
	p->div = div;
	p->marker = marker;
	p->line = px_node_line(marker ? node->parent : node);
	p->a = st->text.size;
	if (px_node_text(node, &st->text) < 0)
		return px_fail_oom();
	p->b = st->text.size;
	return 0;
}

/* The pieces of the operative part: the text of every p, and the number of
 * every numbered unit that is not a top-level division (its heading is no
 * formula). */
static int walk(struct pr_stream *st, xmlNodePtr e, xmlNodePtr div)
{
	for (xmlNodePtr c = px_first_el(e); c; c = px_next_el(c)) {
		int rc = 0;
		if (px_is(c, "p"))
			rc = piece(st, c, div, false);
		else if (px_is(c, "num"))
			rc = e != div ? piece(st, c, div, true) : 0;
		else if (px_is(c, "heading"))
			continue;
		else
			rc = walk(st, c, div);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Is a quotation opened in s[a, b) and not closed there? */
/* Is a quotation of s[*from, b) left open at b? From *from on: the place
 * to go on from when b grows (the first quotation left open, or b), so
 * that a span read piece by piece is read once. */
static bool quote_open_from(const char *s, size_t *from, size_t b)
{
	static const char *const opens[] = { "«", "“", "„", "\"", "「", NULL };
	for (size_t i = *from; i < b;) {
		size_t olen, ca, cb, end;
		if (pr_quote_at(s, b, i, &olen, &ca, &cb, &end)) {
			i = end;
			continue;
		}
		for (size_t k = 0; opens[k]; k++)
			if (strncmp(s + i, opens[k], strlen(opens[k])) == 0) {
				*from = i;
				return true;
			}
		i++;
	}
	*from = b;
	return false;
}

static bool quote_open(const char *s, size_t a, size_t b)
{
	return quote_open_from(s, &a, b);
}

/* The last character of s[a, b) that is not white space, or 0. */
static uint32_t last_char(const char *s, size_t a, size_t b)
{
	uint32_t last = 0;
	for (size_t i = a; i < b;) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(s + i, b - i, &cp);
		if (!px_is_space(cp) && cp != '\n')
			last = cp;
	}
	return last;
}

static bool opens_quote(const char *s, size_t a, size_t b)
{
	static const char *const opens[] = { "«", "“", "„", "\"", "「", NULL };
	for (size_t k = 0; opens[k]; k++)
		if (b - a >= strlen(opens[k]) && strncmp(s + a, opens[k], strlen(opens[k])) == 0)
			return true;
	return false;
}

struct pr_clauses {
	struct pr_clause *v;
	size_t n, cap;
};

static int clauses(const struct pr_stream *st, struct pr_clauses *out)
{
	const char *s = st->text.ptr;
	for (size_t i = 0; i < st->n;) {
		struct pr_clause c = { 0 };
		c.from = i;
		c.div = st->p[i].div;
		c.line = st->p[i].line;
		c.context = -1;
		size_t j = i;
		if (st->p[j].marker)
			j++; /* the marker and its text */
		if (j < st->n && !st->p[j].marker && st->p[j].div == c.div)
			j++;
		/* the quotation the text opens, over the pieces it takes; a
		 * quotation on the lines after «…следующего содержания:» (the
		 * span read once as it grows) */
		size_t from = st->p[i].a;
		for (; j < st->n && st->p[j].div == c.div; j++) {
			bool open = quote_open_from(s, &from, st->p[j - 1].b);
			uint32_t last = open ? 0 : last_char(s, st->p[j - 1].a, st->p[j - 1].b);
			if (!open && !last)
				last = last_char(s, st->p[i].a, st->p[j - 1].b);
			if (!(open || !st->p[j].marker))
				break;
			if (!(open || ((last == ':' || last == 0xFF1A) && opens_quote(s, st->p[j].a, st->p[j].b))))
				break;
		}
		c.to = j;
		c.span.a = st->p[i].a;
		c.span.b = st->p[j - 1].b;
		if (c.line <= 0 && j > i)
			c.line = st->p[j - 1].line;
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 32;
			struct pr_clause *v = realloc(out->v, cap * sizeof *v);
			if (!v)
				return px_fail_oom();
			out->v = v;
			out->cap = cap;
		}
		out->v[out->n++] = c;
		i = j;
	}
	/* a clause that ends in a colon, before numbered or lettered points, is
	 * their context («В разделе II:», «对第二部分作如下修改：») */
	for (size_t k = 0; k < out->n; k++) {
		struct pr_clause *c = &out->v[k];
		uint32_t last = last_char(s, c->span.a, c->span.b);
		if ((last == ':' || last == 0xFF1A) && k + 1 < out->n && st->p[out->v[k + 1].from].marker &&
			out->v[k + 1].div == c->div && !quote_open(s, c->span.a, c->span.b)) {
			c->is_context = true;
			for (size_t m = k + 1; m < out->n && out->v[m].div == c->div && st->p[out->v[m].from].marker; m++)
				out->v[m].context = (int)k;
		}
	}
	return 0;
}

int pr_ops_push(struct pr_ops *ops, const struct pr_op *op)
{
	if (ops->n == ops->cap) {
		size_t cap = ops->cap ? ops->cap * 2 : 16;
		struct pr_op *v = realloc(ops->v, cap * sizeof *v);
		if (!v)
			return px_fail_oom();
		ops->v = v;
		ops->cap = cap;
	}
	ops->v[ops->n++] = *op;
	return 0;
}

void pr_op_set_new(const struct pr_stream *st, struct pr_op *op, size_t a, size_t qa, size_t qb, size_t b)
{
	op->new_q.a = qa;
	op->new_q.b = qb;
	size_t o = qa - a, c = b - qb;
	if (o < sizeof op->q_open && c < sizeof op->q_close) {
		memcpy(op->q_open, st->text.ptr + a, o);
		op->q_open[o] = '\0';
		memcpy(op->q_close, st->text.ptr + qb, c);
		op->q_close[c] = '\0';
	}
}

int pr_emit(struct pr_ops *ops, struct pr_op *op, struct pr_path *where, struct pr_path *anchor,
	const struct pr_path *context, const struct pr_ref *many, int nmany)
{
	pr_path_merge(where, context);
	if (anchor->n)
		pr_path_merge(anchor, where);
	op->where = *where;
	op->anchor = *anchor;
	if (op->act == A_INSERT && op->pos == P_NONE)
		op->pos = op->as_n ? P_NONE : P_END;
	if (nmany <= 1)
		return pr_ops_push(ops, op) < 0 ? PX_ENOMEM : 1;
	for (int k = 0; k < nmany; k++) {
		struct pr_op o = *op;
		for (int i = 0; i < o.where.n; i++)
			if (o.where.r[i].noun == many[k].noun)
				o.where.r[i] = many[k];
		if (pr_ops_push(ops, &o) < 0)
			return PX_ENOMEM;
	}
	return nmany;
}

/* ---- the markup (step 6) ------------------------------------------------------- */

struct mk {
	px_doc *doc;           /* the imported protocol, changed in place */
	const px_doc *base;
	px_lang lang;
	const struct pr_stream *st;
	const struct pr_clauses *cl;
	const struct pr_ops *ops;
	xmlNodePtr *dest;      /* per operation: its destination in the base */
	const char **dest_eid;
	int nmod;
	int nqt;               /* quotations written in the current mod */
	struct px_text_places places; /* of what is written */
	char base_uri[512];
	const char *raw;       /* the protocol's text, for the lines of a quotation */
	size_t raw_len;
	const px_registry *reg;
	size_t *op_first, *op_end; /* per clause: its operations, ops->v[op_first, op_end) */
};

/* The collapsed text of line `line` of the protocol's text, without an
 * opening quotation mark, if the stream at `pos` begins with it followed by
 * a space (the import joined the next line to it): its bytes, else 0. */
static size_t raw_line_prefix(const struct mk *m, int line, size_t pos, size_t end)
{
	const char *r = m->raw, *rend = m->raw + m->raw_len;
	for (int l = 1; l < line && r < rend; l++) {
		const char *nl = memchr(r, '\n', (size_t)(rend - r));
		r = nl ? nl + 1 : rend;
	}
	const char *nl = r < rend ? memchr(r, '\n', (size_t)(rend - r)) : NULL;
	px_buf t = PX_BUF_INIT;
	px_collapse_space(r, (size_t)((nl ? nl : rend) - r), &t);
	const char *s = t.ptr ? t.ptr : "";
	static const char *const opens[] = { "«", "“", "„", "\"", NULL };
	for (size_t k = 0; opens[k]; k++)
		if (strncmp(s, opens[k], strlen(opens[k])) == 0) {
			s += strlen(opens[k]);
			break;
		}
	size_t sl = strlen(s), got = 0;
	const char *st = m->st->text.ptr;
	/* Chinese lines are joined without a space */
	if (sl && pos + sl < end && strncmp(st + pos, s, sl) == 0 &&
		(st[pos + sl] == ' ' || st[pos + sl] == '\n' || ((unsigned char)s[sl - 1] >= 0x80 && (unsigned char)st[pos + sl] >= 0x80)))
		got = sl;
	px_buf_dispose(&t);
	return got;
}

/* raw_line_prefix() of the first of the lines from that of the piece that
 * holds `pos` on (a piece joins several lines; a quotation may begin on
 * one of its later lines) that the stream at `pos` begins with; *line its
 * number. */
static int line_of(const struct mk *m, size_t pos);
static size_t raw_prefix_near(const struct mk *m, size_t pos, size_t end, int *line)
{
	int first = line_of(m, pos);
	for (int l = first; first > 0 && l < first + 8; l++) {
		size_t got = raw_line_prefix(m, l, pos, end);
		if (got) {
			*line = l;
			return got;
		}
	}
	*line = 0;
	return 0;
}

/* The line of the stream piece that holds `pos`, 0 when none. */
static int line_of(const struct mk *m, size_t pos)
{
	for (size_t i = 0; i < m->st->n; i++)
		if (pos >= m->st->p[i].a && pos <= m->st->p[i].b)
			return m->st->p[i].line;
	return 0;
}

/* How much of a quoted paragraph its first line in the text holds, when
 * the import joined the next line to it (a quoted heading «V.1. Мониторинг
 * и оценка» over its first paragraph); else the whole paragraph. */
static size_t first_line_len(const struct mk *m, struct pr_span para)
{
	int line = line_of(m, para.a);
	size_t got = line > 0 ? raw_line_prefix(m, line, para.a, para.b) : 0;
	return got && got < para.b - para.a ? got : para.b - para.a;
}

static int note(struct mk *m, const char *eid, int line)
{
	return px_text_places_add(&m->places, eid, line, 0);
}

static xmlNodePtr el(struct mk *m, const char *name)
{
	xmlNsPtr ns = px_doc_root(m->doc)->ns;
	return xmlNewDocNode(m->doc->xml, ns, (const xmlChar *)name, NULL);
}

static void text_to(xmlNodePtr parent, const char *s, size_t len)
{
	if (!len)
		return;
	if (!memchr(s, '\n', len)) {
		xmlAddChild(parent, xmlNewDocTextLen(parent->doc, (const xmlChar *)s, (int)len));
		return;
	}
	/* a paragraph over several lines: Russian joined with a space, Chinese
	 * (a Han character on either side) without */
	px_buf t = PX_BUF_INIT;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\n') {
			px_buf_put(&t, s + i, 1);
			continue;
		}
		uint32_t before = 0, after = 0;
		if (t.size >= 3)
			px_utf8_decode(t.ptr + t.size - 3, 3, &before);
		if (i + 1 < len)
			px_utf8_decode(s + i + 1, len - i - 1, &after);
		bool han = (before >= 0x3000 && before < 0xA000) || (after >= 0x3000 && after < 0xA000) ||
			(before >= 0xFF00 && before < 0xFFF0);
		if (!han && t.size && t.ptr[t.size - 1] != ' ')
			px_buf_put(&t, " ", 1);
	}
	if (t.size)
		xmlAddChild(parent, xmlNewDocTextLen(parent->doc, (const xmlChar *)t.ptr, (int)t.size));
	px_buf_dispose(&t);
}

/* Text of s[a, b) with the line breaks between pieces as single spaces. */
static void flat_to(xmlNodePtr parent, const char *s, size_t a, size_t b)
{
	px_buf t = PX_BUF_INIT;
	px_collapse_space(s + a, b - a, &t);
	if (t.size)
		text_to(parent, t.ptr, t.size);
	px_buf_dispose(&t);
}

/* A leading dash or bullet of a list item: its bytes (and a space after). */
static size_t bullet_len(const char *s, size_t len)
{
	static const char *const bullets[] = { "——", "—", "–", "-", "•", NULL };
	for (size_t k = 0; bullets[k]; k++) {
		size_t n = strlen(bullets[k]);
		if (len > n && strncmp(s, bullets[k], n) == 0) {
			while (n < len && s[n] == ' ')
				n++;
			return n;
		}
	}
	return 0;
}

/* The TLCOrganization of a registry entry in the protocol's references,
 * unless it is there. */
static void tlc(struct mk *m, const char *state, const char *id)
{
	xmlNodePtr meta = px_child(px_doc_root(m->doc), "meta");
	xmlNodePtr refs = meta ? px_child(meta, "references") : NULL;
	if (!refs)
		return;
	for (xmlNodePtr e = px_first_el(refs); e; e = px_next_el(e)) {
		const char *eid = px_attr(e, "eId");
		if (px_is(e, "TLCOrganization") && eid && strcmp(eid, id) == 0)
			return;
	}
	px_buf href = PX_BUF_INIT, show = PX_BUF_INIT;
	if (reg_tlc_org(m->reg, m->lang, state, id, &href, &show) == 0 && href.ptr) {
		xmlNodePtr t = el(m, "TLCOrganization");
		xmlSetProp(t, (const xmlChar *)"eId", (const xmlChar *)id);
		xmlSetProp(t, (const xmlChar *)"href", (const xmlChar *)href.ptr);
		xmlSetProp(t, (const xmlChar *)"showAs", (const xmlChar *)(show.ptr ? show.ptr : ""));
		/* after the last TLCOrganization, before roles and places */
		xmlNodePtr last = NULL;
		for (xmlNodePtr e = px_first_el(refs); e; e = px_next_el(e))
			if (px_is(e, "TLCOrganization") || px_is(e, "activeRef") || px_is(e, "original") || px_is(e, "passiveRef"))
				last = e;
		if (last)
			xmlAddNextSibling(last, t);
		else if (px_first_el(refs))
			xmlAddPrevSibling(px_first_el(refs), t);
		else
			xmlAddChild(refs, t);
	}
	px_buf_dispose(&href);
	px_buf_dispose(&show);
}

/* A quoted signature block, its signing body linked to the registry as the
 * import links the protocol's own (role, organization and its state). */
static void signature_markup(struct mk *m, xmlNodePtr sg, const char *s, size_t len)
{
	px_signatory g;
	if (!m->reg || px_registry_match_signature(m->reg, s, len, m->lang, &g) != 0 || g.org_end > len) {
		text_to(sg, s, len);
		return;
	}
	size_t pre = 0;
	while (pre < g.org_start && s[pre] == ' ')
		pre++;
	if (g.org_start > pre) {
		/* «За» */
		size_t rl = g.org_start;
		while (rl > pre && s[rl - 1] == ' ')
			rl--;
		xmlNodePtr role = el(m, "role");
		xmlSetProp(role, (const xmlChar *)"refersTo", (const xmlChar *)"#signatory");
		text_to(role, s + pre, rl - pre);
		xmlAddChild(sg, role);
		text_to(sg, " ", 1);
	}
	char ref[256];
	xmlNodePtr org = el(m, "organization");
	snprintf(ref, sizeof ref, "#%s", g.body);
	xmlSetProp(org, (const xmlChar *)"refersTo", (const xmlChar *)ref);
	xmlAddChild(sg, org);
	if (strcmp(g.body, g.state) != 0 && g.state_start >= g.org_start && g.state_end <= g.org_end) {
		text_to(org, s + g.org_start, g.state_start - g.org_start);
		xmlNodePtr st = el(m, "organization");
		snprintf(ref, sizeof ref, "#%s", g.state);
		xmlSetProp(st, (const xmlChar *)"refersTo", (const xmlChar *)ref);
		text_to(st, s + g.state_start, g.state_end - g.state_start);
		xmlAddChild(org, st);
		text_to(org, s + g.state_end, g.org_end - g.state_end);
		tlc(m, g.state, g.state);
	} else {
		text_to(org, s + g.org_start, g.org_end - g.org_start);
	}
	tlc(m, g.state, g.body);
	size_t post = g.org_end;
	while (post < len && s[post] == ' ')
		post++;
	size_t end = len;
	while (end > post && s[end - 1] == ' ')
		end--;
	if (end > post) {
		/* 代表 */
		xmlNodePtr role = el(m, "role");
		xmlSetProp(role, (const xmlChar *)"refersTo", (const xmlChar *)"#signatory");
		text_to(role, s + post, end - post);
		xmlAddChild(sg, role);
	}
}

/* Does s[a, b) hold the end of a sentence (a full stop of either language
 * followed by more text, or at its end)? */
static bool has_stop(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b;) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(s + i, b - i, &cp);
		if (cp == 0x3002 || cp == '!' || cp == '?' || cp == 0xFF01 || cp == 0xFF1F ||
			(cp == '.' && (i >= b || s[i] == ' ' || s[i] == '\n')))
			return true;
	}
	return false;
}

/* The paragraphs of a quotation's content: its pieces, split at '\n'. */
static size_t paragraphs(const char *s, struct pr_span q, struct pr_span *out, size_t max, bool keep_first)
{
	size_t n = 0, a = q.a;
	for (size_t i = q.a; i <= q.b && n < max; i++) {
		/* list items a hard-wrapped text joined into one line: «…; - …» */
		bool joined = i < q.b && i > q.a && (s[i - 1] == ';' || strncmp(s + i - strlen("；"), "；", strlen("；")) == 0) &&
			((s[i] == ' ' && bullet_len(s + i + 1, q.b - i - 1)) || strncmp(s + i, "——", strlen("——")) == 0);
		/* a line break inside a sentence (a page break of a PDF): the same
		 * paragraph; but for the line of a heading (keep_first: a first
		 * piece that holds no sentence yet) */
		bool heading_line = keep_first && n == 0 && !has_stop(s, a, i);
		if (i < q.b && s[i] == '\n' && !joined && !heading_line) {
			uint32_t last = last_char(s, a, i);
			if (last && !(last == '.' || last == ';' || last == ':' || last == '!' || last == '?' || last == 0x3002 ||
				    last == 0xFF1B || last == 0xFF1A || last == 0xFF01 || last == 0xFF1F || last == 0xBB || last == 0x201D))
				continue;
		}
		/* a number the import took for a point of the protocol («2.»): its text follows */
		if (i < q.b && s[i] == '\n' && !joined && i - a <= 12 && i > a &&
			(s[i - 1] == '.' || s[i - 1] == ')' || strncmp(s + i - 3, "、", 3) == 0 || strncmp(s + i - 3, "）", 3) == 0)) {
			bool num = true;
			for (size_t x = a; x < i && num; x++)
				num = (s[x] >= '0' && s[x] <= '9') || s[x] == '.' || s[x] == ')' || s[x] == ' ' ||
					((unsigned char)s[x] >= 0x80 && i - a <= 12);
			if (num)
				continue;
		}
		if (i == q.b || s[i] == '\n' || joined) {
			size_t x = a, y = i;
			while (x < y && (s[x] == ' ' || s[x] == '\n'))
				x++;
			/* “… over several paragraphs: each opens again */
			if (x > q.a && y - x >= strlen("“") && strncmp(s + x, "“", strlen("“")) == 0)
				x += strlen("“");
			while (y > x && (s[y - 1] == ' ' || s[y - 1] == '\n'))
				y--;
			if (y > x)
				out[n++] = (struct pr_span){ x, y };
			a = joined && s[i] != ' ' ? i : i + 1;
		}
	}
	return n;
}

/* The kind of unit the new text becomes at the destination. */
enum newkind { NK_P, NK_ITEM, NK_SECTION, NK_RECITAL, NK_SIGNATURE, NK_PARAGRAPH, NK_ARTICLE };

static enum newkind new_kind(const struct pr_op *op, xmlNodePtr dest, const char *first, size_t flen)
{
	if (op->act == A_ADD_SIGNATURE)
		return NK_SIGNATURE;
	if (op->new_noun == N_ARTICLE || (op->act == A_RESTATE && px_is(dest, "article")))
		return NK_ARTICLE;
	if ((op->new_noun == N_POINT || op->new_noun == N_NONE) && px_is(dest, "article") && px_child(dest, "paragraph"))
		return NK_PARAGRAPH;
	if (op->new_noun == N_ITEM)
		return NK_ITEM;
	if (op->new_noun == N_SECTION || px_is(dest, "section") ? (op->act == A_RESTATE || op->new_noun == N_SECTION) : false)
		return NK_SECTION;
	if (px_is(dest, "paragraph") && !bullet_len(first, flen))
		return NK_PARAGRAPH;
	if (px_is(dest, "item") || px_is(dest, "blockList") || bullet_len(first, flen))
		return NK_ITEM;
	if (px_is(dest, "recital") || px_is(dest, "recitals"))
		return NK_RECITAL;
	if (px_is(dest, "paragraph"))
		return NK_PARAGRAPH;
	return NK_P;
}

/* The number a paragraph of an article begins with («3. », «三、»): its
 * bytes with the space after it, 0 when none; the number in num[]. */
static size_t para_number(const char *s, size_t len, bool zh, char *num, size_t size)
{
	size_t i = 0;
	if (zh) {
		while (i < len && (strncmp(s + i, "一", 3) == 0 || strncmp(s + i, "二", 3) == 0 || strncmp(s + i, "三", 3) == 0 ||
			strncmp(s + i, "四", 3) == 0 || strncmp(s + i, "五", 3) == 0 || strncmp(s + i, "六", 3) == 0 ||
			strncmp(s + i, "七", 3) == 0 || strncmp(s + i, "八", 3) == 0 || strncmp(s + i, "九", 3) == 0 ||
			strncmp(s + i, "十", 3) == 0))
			i += 3;
		if (i == 0 || i + 3 > len || strncmp(s + i, "、", 3) != 0)
			return 0;
		i += 3;
	} else {
		while (i < len && s[i] >= '0' && s[i] <= '9' && i < 3)
			i++;
		if (i == 0 || i + 1 >= len || s[i] != '.' || (s[i + 1] != ' ' && s[i + 1] != '\n'))
			return 0;
		i++;
	}
	snprintf(num, size, "%.*s", (int)i, s);
	while (i < len && (s[i] == ' ' || s[i] == '\n'))
		i++;
	return i;
}

/* A dash line as an item of the list `*list` (made in `content` the first
 * time, with eId `list_id`), with the dash of the language. */
static void dash_item(struct mk *m, xmlNodePtr *list, xmlNodePtr content, const char *list_id, const char *s,
	struct pr_span sp)
{
	bool zh = m->lang == PX_LANG_ZH;
	size_t bl = bullet_len(s + sp.a, sp.b - sp.a);
	if (!*list) {
		*list = el(m, "blockList");
		xmlSetProp(*list, (const xmlChar *)"eId", (const xmlChar *)list_id);
		xmlAddChild(content, *list);
	}
	xmlNodePtr it = el(m, "item"), nu = el(m, "num"), p = el(m, "p");
	text_to(nu, zh ? "——" : "—", strlen(zh ? "——" : "—"));
	text_to(p, s + sp.a + bl, sp.b - sp.a - bl);
	xmlAddChild(it, nu);
	xmlAddChild(it, p);
	xmlAddChild(*list, it);
}

/* A numbered paragraph of an article: <paragraph><num/><content><p/>…</content>,
 * the dash lines after it as its list. */
static xmlNodePtr paragraph_el(struct mk *m, const char *s, const struct pr_span *ps, size_t *i, size_t n,
	const char *num, size_t skip, const char *id)
{
	xmlNodePtr para = el(m, "paragraph"), nu = el(m, "num"), content = el(m, "content"), p = el(m, "p");
	xmlSetProp(para, (const xmlChar *)"eId", (const xmlChar *)id);
	text_to(nu, num, strlen(num));
	text_to(p, s + ps[*i].a + skip, ps[*i].b - ps[*i].a - skip);
	xmlAddChild(para, nu);
	xmlAddChild(para, content);
	xmlAddChild(content, p);
	xmlNodePtr list = NULL;
	char lid[PX_EID_MAX];
	snprintf(lid, sizeof lid, "%.*s__list_1", PX_EID_MAX - 20, id);
	while (*i + 1 < n && bullet_len(s + ps[*i + 1].a, ps[*i + 1].b - ps[*i + 1].a)) {
		(*i)++;
		dash_item(m, &list, content, lid, s, ps[*i]);
	}
	return para;
}

/* The label «Статья 7.1», «第七条之一» a quoted article opens with: its
 * bytes, 0 when the text does not begin so. */
static size_t article_label(const char *s, size_t len, bool zh)
{
	size_t i = 0;
	if (zh) {
		if (len < 6 || strncmp(s, "第", 3) != 0)
			return 0;
		const char *t = s + 3, *end = s + len;
		while (t < end && strncmp(t, "条", 3) != 0 && t - s < 30)
			t++;
		if (t >= end || strncmp(t, "条", 3) != 0)
			return 0;
		i = (size_t)(t - s) + 3;
		if (i + 3 <= len && strncmp(s + i, "之", 3) == 0) {
			i += 3;
			while (i + 3 <= len && (unsigned char)s[i] >= 0xE4 && strncmp(s + i, "　", 3) != 0 && i < 40)
				i += 3;
		}
		return i;
	}
	if (strncmp(s, "Статья ", strlen("Статья ")) != 0)
		return 0;
	i = strlen("Статья ");
	while (i < len && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9')))
		i++;
	return i > strlen("Статья ") ? i : 0;
}

/* The quotedStructure of an operation: the new units in the base's shape. */
static int structure(struct mk *m, const struct pr_op *op, xmlNodePtr dest, xmlNodePtr q, const char *qid)
{
	const char *s = m->st->text.ptr;
	struct pr_span ps[64];
	size_t n = paragraphs(s, op->new_q, ps, 64, false);
	if (n == 0)
		return 0;
	enum newkind k = new_kind(op, dest, s + ps[0].a, ps[0].b - ps[0].a);
	if (k == NK_SECTION || k == NK_ARTICLE)
		n = paragraphs(s, op->new_q, ps, 64, true); /* a heading line ends without a stop */
	bool zh = m->lang == PX_LANG_ZH;
	char id[PX_EID_MAX];
	if (k == NK_ARTICLE) {
		/* «Статья 7.1» (heading on its line or the next), then numbered paragraphs or text */
		size_t ll = article_label(s + ps[0].a, ps[0].b - ps[0].a, zh);
		int sub = 0, v = ll ? px_div_num_value(PX_DIV_ARTICLE, s + ps[0].a, ll, &sub) : 0;
		if (v <= 0)
			return 0; /* not an article: nothing to build, the check says so */
		/* the label's and the heading's lines, when the import joined them to the text */
		if (n < 64) {
			int line = 0;
			size_t l1 = raw_prefix_near(m, ps[0].a, ps[0].b, &line);
			if (l1 && l1 < ps[0].b - ps[0].a) {
				memmove(ps + 2, ps + 1, (n - 1) * sizeof *ps);
				ps[1] = (struct pr_span){ ps[0].a + l1 + (s[ps[0].a + l1] == ' ' || s[ps[0].a + l1] == '\n'), ps[0].b };
				ps[0].b = ps[0].a + l1;
				n++;
				/* the heading on its own line after the label's: only when the
				 * label's line holds nothing else */
				size_t lab = article_label(s + ps[0].a, ps[0].b - ps[0].a, zh), rest = lab;
				while (rest < ps[0].b - ps[0].a && (s[ps[0].a + rest] == ' ' || s[ps[0].a + rest] == '.' ||
					strncmp(s + ps[0].a + rest, "　", 3) == 0))
					rest += s[ps[0].a + rest] == ' ' || s[ps[0].a + rest] == '.' ? 1 : 3;
				bool label_alone = rest >= ps[0].b - ps[0].a;
				size_t l2 = n < 64 && label_alone ? raw_line_prefix(m, line + 1, ps[1].a, ps[1].b) : 0;
				for (int skip = 2; label_alone && !l2 && skip < 4 && n < 64; skip++) /* blank or page lines between */
					l2 = raw_line_prefix(m, line + skip, ps[1].a, ps[1].b);
				uint32_t last = l2 ? last_char(s, ps[1].a, ps[1].a + l2) : 0;
				if (l2 && l2 < ps[1].b - ps[1].a && last != '.' && last != 0x3002) {
					memmove(ps + 3, ps + 2, (n - 2) * sizeof *ps);
					ps[2] = (struct pr_span){ ps[1].a + l2 + (s[ps[1].a + l2] == ' ' || s[ps[1].a + l2] == '\n'), ps[1].b };
					ps[1].b = ps[1].a + l2;
					n++;
				}
			}
		}
		xmlNodePtr art = el(m, "article"), num = el(m, "num");
		char part[PX_EID_MAX];
		if (px_eid_part(PX_DIV_ARTICLE, v, sub, part, sizeof part) < 0)
			snprintf(part, sizeof part, "art_%d", v);
		xmlSetProp(art, (const xmlChar *)"eId", (const xmlChar *)part);
		xmlAddChild(q, art);
		text_to(num, s + ps[0].a, ll);
		xmlAddChild(art, num);
		size_t hs = ll;
		while (hs < ps[0].b - ps[0].a && (s[ps[0].a + hs] == ' ' || s[ps[0].a + hs] == '.' ||
			strncmp(s + ps[0].a + hs, "　", 3) == 0))
			hs += s[ps[0].a + hs] == ' ' || s[ps[0].a + hs] == '.' ? 1 : 3;
		size_t from = 1;
		if (hs >= ps[0].b - ps[0].a && n >= 2 && n < 64) {
			/* the heading on the line after the label, joined to the text after it */
			int line = 0;
			size_t l2 = raw_prefix_near(m, ps[1].a, ps[1].b, &line);
			uint32_t last = l2 ? last_char(s, ps[1].a, ps[1].a + l2) : 0;
			if (l2 && l2 < ps[1].b - ps[1].a && last != '.' && last != 0x3002 && last != ',' && last != 0xFF0C) {
				memmove(ps + 3, ps + 2, (n - 2) * sizeof *ps);
				ps[2] = (struct pr_span){ ps[1].a + l2 + (s[ps[1].a + l2] == ' ' || s[ps[1].a + l2] == '\n'), ps[1].b };
				ps[1].b = ps[1].a + l2;
				n++;
			}
		}
		if (hs < ps[0].b - ps[0].a) {
			xmlNodePtr h = el(m, "heading");
			text_to(h, s + ps[0].a + hs, ps[0].b - ps[0].a - hs);
			xmlAddChild(art, h);
		} else if (n > 2) {
			uint32_t last = last_char(s, ps[1].a, ps[1].b);
			char nb[16];
			if (!para_number(s + ps[1].a, ps[1].b - ps[1].a, zh, nb, sizeof nb) && last != '.' && last != 0x3002 &&
				ps[1].b - ps[1].a < 240) {
				xmlNodePtr h = el(m, "heading");
				text_to(h, s + ps[1].a, ps[1].b - ps[1].a);
				xmlAddChild(art, h);
				from = 2;
			}
		}
		char nb[16];
		bool numbered = from < n && para_number(s + ps[from].a, ps[from].b - ps[from].a, zh, nb, sizeof nb);
		xmlNodePtr content = NULL;
		for (size_t i = from, np = 0; i < n; i++) {
			size_t skip = para_number(s + ps[i].a, ps[i].b - ps[i].a, zh, nb, sizeof nb);
			if (numbered) {
				snprintf(id, sizeof id, "%.*s__para_%zu", PX_EID_MAX - 40, part, ++np);
				xmlAddChild(art, paragraph_el(m, s, ps, &i, n, skip ? nb : "", skip, id));
				continue;
			}
			if (!content) {
				content = el(m, "content");
				xmlAddChild(art, content);
			}
			xmlNodePtr p = el(m, "p");
			text_to(p, s + ps[i].a, ps[i].b - ps[i].a);
			xmlAddChild(content, p);
		}
		return 0;
	}
	if (k == NK_PARAGRAPH) {
		for (size_t i = 0; i < n; i++) {
			char nb[16] = "";
			size_t skip = para_number(s + ps[i].a, ps[i].b - ps[i].a, zh, nb, sizeof nb);
			if (!skip) {
				/* restated without its number: it keeps the one it has */
				xmlNodePtr dn = px_is(dest, "paragraph") ? px_child(dest, "num") : NULL;
				px_buf t = PX_BUF_INIT;
				if (dn && px_node_text(dn, &t) == 0 && t.ptr)
					snprintf(nb, sizeof nb, "%s", t.ptr);
				else if (op->as_n >= 100)
					snprintf(nb, sizeof nb, "%d.", op->as_n / 100);
				px_buf_dispose(&t);
			}
			snprintf(id, sizeof id, "%s__para_%zu", qid, i + 1);
			xmlAddChild(q, paragraph_el(m, s, ps, &i, n, nb, skip, id));
		}
		return 0;
	}
	if (k == NK_SECTION) {
		/* «V.1. Heading» or «V. Heading» then its paragraphs and items */
		xmlNodePtr sec = el(m, "section");
		snprintf(id, sizeof id, "%s__sec_1", qid);
		xmlSetProp(sec, (const xmlChar *)"eId", (const xmlChar *)id);
		xmlAddChild(q, sec);
		const char *h = s + ps[0].a;
		size_t hl = first_line_len(m, ps[0]), numl = 0;
		if (hl < ps[0].b - ps[0].a && n < 64) {
			/* the heading's line and the paragraph joined to it */
			memmove(ps + 2, ps + 1, (n - 1) * sizeof *ps);
			ps[1] = (struct pr_span){ ps[0].a + hl + 1, ps[0].b };
			n++;
		}
		while (numl < hl && h[numl] != ' ' && strncmp(h + numl, "、", strlen("、")) != 0)
			numl++;
		if (numl < hl && strncmp(h + numl, "、", strlen("、")) == 0)
			numl += strlen("、");
		xmlNodePtr num = el(m, "num"), head = el(m, "heading"), content = el(m, "content");
		text_to(num, h, numl);
		while (numl < hl && h[numl] == ' ')
			numl++;
		text_to(head, h + numl, hl - numl);
		xmlAddChild(sec, num);
		xmlAddChild(sec, head);
		xmlAddChild(sec, content);
		xmlNodePtr list = NULL;
		snprintf(id, sizeof id, "%.*s__sec_1__list_1", PX_EID_MAX - 30, qid);
		for (size_t i = 1; i < n; i++) {
			if (bullet_len(s + ps[i].a, ps[i].b - ps[i].a)) {
				dash_item(m, &list, content, id, s, ps[i]);
			} else {
				list = NULL;
				xmlNodePtr p = el(m, "p");
				text_to(p, s + ps[i].a, ps[i].b - ps[i].a);
				xmlAddChild(content, p);
			}
		}
		return 0;
	}
	if (k == NK_ITEM) {
		xmlNodePtr list = el(m, "blockList");
		snprintf(id, sizeof id, "%s__list_1", qid);
		xmlSetProp(list, (const xmlChar *)"eId", (const xmlChar *)id);
		xmlAddChild(q, list);
		/* the marker of the items around it: the base's own */
		char mark[32];
		snprintf(mark, sizeof mark, "%s", zh ? "——" : "—");
		xmlNodePtr sib = px_is(dest, "item") ? dest : px_is(dest, "blockList") ? px_child(dest, "item") : NULL;
		if (sib && px_child(sib, "num")) {
			px_buf t = PX_BUF_INIT;
			if (px_node_text(px_child(sib, "num"), &t) == 0 && t.size && t.size < sizeof mark &&
				(strstr(t.ptr, "—") || strchr(t.ptr, '-')))
				snprintf(mark, sizeof mark, "%s", t.ptr);
			px_buf_dispose(&t);
		}
		for (size_t i = 0; i < n; i++) {
			size_t bl = bullet_len(s + ps[i].a, ps[i].b - ps[i].a);
			char own[32] = "";
			if (!bl) {
				/* «г) …», «（四）…»: a lettered or numbered item keeps its marker */
				const char *t = s + ps[i].a;
				size_t tl = ps[i].b - ps[i].a, mk = 0;
				if (tl > 6 && strncmp(t, "（", 3) == 0) {
					const char *close = strstr(t, "）");
					if (close && close - t <= 15 && (size_t)(close - t) + 3 < tl)
						mk = (size_t)(close - t) + 3;
				} else {
					while (mk < tl && mk < 4 && t[mk] != ')' && t[mk] != ' ')
						mk++;
					mk = mk < tl && t[mk] == ')' && mk > 0 ? mk + 1 : 0;
				}
				if (mk && mk < sizeof own) {
					memcpy(own, t, mk);
					own[mk] = '\0';
					bl = mk;
					while (bl < tl && t[bl] == ' ')
						bl++;
				}
			}
			xmlNodePtr it = el(m, "item"), nu = el(m, "num"), p = el(m, "p");
			snprintf(id, sizeof id, "%s__list_1__item_%zu", qid, i + 1);
			xmlSetProp(it, (const xmlChar *)"eId", (const xmlChar *)id);
			text_to(nu, own[0] ? own : mark, strlen(own[0] ? own : mark));
			text_to(p, s + ps[i].a + bl, ps[i].b - ps[i].a - bl);
			xmlAddChild(it, nu);
			xmlAddChild(it, p);
			xmlAddChild(list, it);
		}
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr p = el(m, "p");
		if (k == NK_SIGNATURE) {
			xmlNodePtr sg = el(m, "signature");
			signature_markup(m, sg, s + ps[i].a, ps[i].b - ps[i].a);
			xmlAddChild(p, sg);
		} else {
			text_to(p, s + ps[i].a, ps[i].b - ps[i].a);
		}
		if (k == NK_RECITAL) {
			xmlNodePtr r = el(m, "recital");
			snprintf(id, sizeof id, "%s__rec_%zu", qid, i + 1);
			xmlSetProp(r, (const xmlChar *)"eId", (const xmlChar *)id);
			xmlAddChild(r, p);
			xmlAddChild(q, r);
		} else {
			xmlAddChild(q, p);
		}
	}
	return 0;
}

/* A quotation inside the quoted text is written with the marks of the
 * second level (Chinese ‘…’, Russian „…“); in the document it stands at
 * the first level again (“…”, «…»). */
static void unnest(xmlNodePtr n, px_lang lang)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			unnest(c, lang);
			continue;
		}
		if (c->type != XML_TEXT_NODE || !c->content)
			continue;
		const char *s = (const char *)c->content;
		px_buf o = PX_BUF_INIT;
		bool low = false, changed = false;
		for (size_t i = 0; s[i];) {
			const char *rep = NULL;
			size_t k = 0;
			if (lang == PX_LANG_ZH && strncmp(s + i, "‘", strlen("‘")) == 0) {
				rep = "“";
				k = strlen("‘");
			} else if (lang == PX_LANG_ZH && strncmp(s + i, "’", strlen("’")) == 0) {
				rep = "”";
				k = strlen("’");
			} else if (lang == PX_LANG_RU && strncmp(s + i, "„", strlen("„")) == 0) {
				rep = "«";
				k = strlen("„");
				low = true;
			} else if (lang == PX_LANG_RU && low && strncmp(s + i, "“", strlen("“")) == 0) {
				rep = "»";
				k = strlen("“");
				low = false;
			}
			if (rep) {
				px_buf_puts(&o, rep);
				i += k;
				changed = true;
			} else {
				px_buf_put(&o, s + i, 1);
				i++;
			}
		}
		if (changed && o.ptr)
			xmlNodeSetContent(c, (const xmlChar *)o.ptr);
		px_buf_dispose(&o);
	}
}

static xmlNodePtr quoted(struct mk *m, const char *tag, const struct pr_span *q, const char *open, const char *close,
	char *id, size_t idsize, const char *kind)
{
	xmlNodePtr e = el(m, tag);
	snprintf(id, idsize, "mod_%d__%s_%d", m->nmod, kind, ++m->nqt);
	xmlSetProp(e, (const xmlChar *)"eId", (const xmlChar *)id);
	xmlSetProp(e, (const xmlChar *)"startQuote", (const xmlChar *)open);
	xmlSetProp(e, (const xmlChar *)"endQuote", (const xmlChar *)close);
	if (q && !strcmp(tag, "quotedText")) {
		flat_to(e, m->st->text.ptr, q->a, q->b);
		unnest(e, m->lang);
	}
	return e;
}

/* The marks of a quotation whose content is s[a, b). */
static void marks_of(const char *s, size_t a, size_t b, size_t limit, char *open, char *close)
{
	static const char *const o[] = { "«", "“", "„", "\"", "‘", "「", NULL }, *const c[] = { "»", "”", "“", "\"", "’", "」", NULL };
	strcpy(open, "«");
	strcpy(close, "»");
	for (size_t k = 0; o[k]; k++)
		if (a >= strlen(o[k]) && strncmp(s + a - strlen(o[k]), o[k], strlen(o[k])) == 0) {
			strcpy(open, o[k]);
			break;
		}
	for (size_t k = 0; c[k]; k++)
		if (b + strlen(c[k]) <= limit && strncmp(s + b, c[k], strlen(c[k])) == 0) {
			strcpy(close, c[k]);
			break;
		}
}

struct qmark {
	struct pr_span content;
	size_t a, b; /* with the marks */
	xmlNodePtr node;
	char id[PX_EID_MAX];
};

/* One clause as a p, with a mod around it when it has operations. */
static int write_clause(struct mk *m, xmlNodePtr content, size_t ci, const char *peid, xmlNodePtr *textual,
	int *namod)
{
	const struct pr_clause *c = &m->cl->v[ci];
	const char *s = m->st->text.ptr;
	xmlNodePtr p = el(m, "p");
	xmlSetProp(p, (const xmlChar *)"eId", (const xmlChar *)peid);
	xmlAddChild(content, p);
	if (note(m, peid, c->line) < 0)
		return PX_ENOMEM;
	/* the operations of this clause (they are read clause by clause) */
	size_t first = m->op_first[ci], last = m->op_end[ci];
	if (first >= last) {
		first = m->ops->n;
		last = 0;
	}
	xmlNodePtr holder = p;
	char modid[32];
	if (first < m->ops->n) {
		xmlNodePtr mod = el(m, "mod");
		snprintf(modid, sizeof modid, "mod_%d", ++m->nmod);
		xmlSetProp(mod, (const xmlChar *)"eId", (const xmlChar *)modid);
		xmlAddChild(p, mod);
		holder = mod;
		m->nqt = 0;
		if (note(m, modid, c->line) < 0)
			return PX_ENOMEM;
	}
	/* the quotations the operations use, in text order */
	struct qmark q[16];
	size_t nq = 0;
	for (size_t i = first; i < last && nq + 2 <= 16; i++) {
		const struct pr_op *op = &m->ops->v[i];
		const struct pr_span *sp[2] = { &op->old_q, &op->new_q };
		for (int k = 0; k < 2; k++) {
			if (sp[k]->a >= sp[k]->b || sp[k]->a == (size_t)-1)
				continue;
			bool have = false;
			for (size_t j = 0; j < nq; j++)
				have |= q[j].content.a == sp[k]->a;
			if (have)
				continue;
			char o[8], cl[8];
			marks_of(s, sp[k]->a, sp[k]->b, c->span.b, o, cl);
			q[nq].content = *sp[k];
			q[nq].a = sp[k]->a - strlen(o);
			q[nq].b = sp[k]->b + strlen(cl);
			/* a quotedStructure for new units, else quotedText */
			bool structured = k == 1 && (op->act == A_RESTATE || op->act == A_INSERT || op->act == A_ADD_SIGNATURE) &&
				!(op->act == A_RESTATE && op->where.n && op->where.r[op->where.n - 1].noun == N_HEADING);
			if (structured) {
				q[nq].node = quoted(m, "quotedStructure", NULL, o, cl, q[nq].id, sizeof q[nq].id, "qstr");
				if (structure(m, op, m->dest[i], q[nq].node, q[nq].id) < 0)
					return PX_ENOMEM;
				unnest(q[nq].node, m->lang);
			} else {
				q[nq].node = quoted(m, "quotedText", &q[nq].content, o, cl, q[nq].id, sizeof q[nq].id, "qtext");
			}
			nq++;
		}
	}
	/* sort by position */
	for (size_t i = 1; i < nq; i++)
		for (size_t j = i; j > 0 && q[j].a < q[j - 1].a; j--) {
			struct qmark t = q[j];
			q[j] = q[j - 1];
			q[j - 1] = t;
		}
	/* the text: markers, words, quotations */
	size_t at = c->span.a;
	for (size_t pi = c->from; pi < c->to && m->st->p[pi].marker; pi++) {
		/* the point's own markers (not those inside its quotations) */
		flat_to(holder, s, m->st->p[pi].a, m->st->p[pi].b);
		text_to(holder, " ", 1);
		at = m->st->p[pi].b;
	}
	for (size_t i = 0; i < nq; i++) {
		if (q[i].a > at)
			flat_to(holder, s, at, q[i].a);
		if (holder->last && holder->last->type == XML_TEXT_NODE && q[i].a > at && s[q[i].a - 1] == ' ')
			text_to(holder, " ", 1);
		xmlAddChild(holder, q[i].node);
		at = q[i].b;
	}
	if (at < c->span.b)
		flat_to(holder, s, at, c->span.b);
	/* the textualMods */
	for (size_t i = first; i < last; i++) {
		const struct pr_op *op = &m->ops->v[i];
		xmlNodePtr tm = el(m, "textualMod");
		char id[32];
		snprintf(id, sizeof id, "amod_%d", ++*namod);
		xmlSetProp(tm, (const xmlChar *)"eId", (const xmlChar *)id);
		if (note(m, id, c->line) < 0)
			return PX_ENOMEM;
		const char *type = op->act == A_RESTATE || op->act == A_REPLACE_WORDS ? "substitution"
			: op->act == A_REPEAL || op->act == A_DELETE_WORDS ? "repeal" : "insertion";
		xmlSetProp(tm, (const xmlChar *)"type", (const xmlChar *)type);
		xmlNodePtr src = el(m, "source"), dst = el(m, "destination");
		char href[PX_EID_MAX + 600];
		snprintf(href, sizeof href, "#%s", modid);
		xmlSetProp(src, (const xmlChar *)"href", (const xmlChar *)href);
		snprintf(href, sizeof href, "%s/!main~%s", m->base_uri, m->dest_eid[i]);
		xmlSetProp(dst, (const xmlChar *)"href", (const xmlChar *)href);
		static const char *const posname[] = { NULL, "before", "after", "start", "end" };
		enum pr_pos pos = op->pos;
		if (op->act == A_APPEND_WORDS)
			pos = P_END;
		if ((op->act == A_INSERT || op->act == A_ADD_SIGNATURE || op->act == A_INSERT_WORDS || op->act == A_APPEND_WORDS) &&
			posname[pos])
			xmlSetProp(dst, (const xmlChar *)"pos", (const xmlChar *)posname[pos]);
		xmlAddChild(tm, src);
		xmlAddChild(tm, dst);
		for (size_t j = 0; j < nq; j++) {
			if (q[j].content.a == op->old_q.a && op->old_q.a < op->old_q.b) {
				xmlNodePtr o = el(m, "old");
				snprintf(href, sizeof href, "#%s", q[j].id);
				xmlSetProp(o, (const xmlChar *)"href", (const xmlChar *)href);
				xmlAddChild(tm, o);
			}
		}
		for (size_t j = 0; j < nq; j++) {
			if (q[j].content.a == op->new_q.a && op->new_q.a < op->new_q.b) {
				xmlNodePtr o = el(m, "new");
				snprintf(href, sizeof href, "#%s", q[j].id);
				xmlSetProp(o, (const xmlChar *)"href", (const xmlChar *)href);
				xmlAddChild(tm, o);
			}
		}
		xmlAddChild(*textual, tm);
	}
	return 0;
}

/* ---- entry into force ------------------------------------------------------------ */

/* The number of days after signing a final clause puts the entry into
 * force at: «вступает в силу по истечении 30 дней (через 30 дней, на
 * тридцатый день) с даты его подписания», «自签署之日起第30日（三十日后）生效»;
 * 0 when the clause says none (on signature, or on notifications). */
static int days_after_signing(const char *s, size_t len, px_lang lang)
{
	if (lang == PX_LANG_RU) {
		const char *v = strstr(s, "в силу");
		if (!v)
			return 0;
		for (const char *p = v; p < s + len; p++) {
			size_t used;
			int sub = 0;
			if (*p >= '0' && *p <= '9' && (p == s || p[-1] == ' ')) {
				int n = pr_number(p, (size_t)(s + len - p), &sub, &used);
				if (n > 0 && !sub && strncmp(p + used, " дн", strlen(" дн")) == 0)
					return n;
			}
			if ((p == s || p[-1] == ' ') && (unsigned char)*p >= 0xD0) {
				int n = pr_ru_ordinal(p, (size_t)(s + len - p), &used);
				if (n > 0 && strncmp(p + used, " день", strlen(" день")) == 0)
					return n;
			}
		}
		return 0;
	}
	const char *v = strstr(s, "生效");
	if (!v)
		return 0;
	/* the numeral before 日 (第N日, N日后) in the clause before 生效 */
	for (const char *p = s; p < v; p++) {
		const char *ri = strstr(p, "日");
		if (!ri || ri >= v)
			break;
		/* back from 日 over digits and Han numerals */
		const char *b = ri;
		while (b > s) {
			const char *q = b - 1;
			while (q > s && ((unsigned char)*q & 0xC0) == 0x80)
				q--;
			uint32_t cp;
			px_utf8_decode(q, (size_t)(b - q), &cp);
			bool num = (cp >= '0' && cp <= '9') || cp == 0x3007 || cp == 0x4E00 || cp == 0x4E8C || cp == 0x4E09 ||
				cp == 0x56DB || cp == 0x4E94 || cp == 0x516D || cp == 0x4E03 || cp == 0x516B || cp == 0x4E5D ||
				cp == 0x5341 || cp == 0x767E;
			if (!num)
				break;
			b = q;
		}
		if (b < ri) {
			int n = (*b >= '0' && *b <= '9') ? atoi(b) : px_hanzi_parse(b, (size_t)(ri - b));
			bool ordinal = b >= s + strlen("第") && strncmp(b - strlen("第"), "第", strlen("第")) == 0;
			bool after = strncmp(ri + strlen("日"), "后", strlen("后")) == 0 ||
				strncmp(ri + strlen("日"), "之后", strlen("之后")) == 0;
			if (n > 0 && (ordinal || after))
				return n;
		}
		p = ri;
	}
	return 0;
}

/* `date` + `days` as YYYY-MM-DD (ICU's Gregorian calendar). */
static bool add_days(const char *date, int days, char out[11])
{
	int y, m, d;
	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return false;
	UErrorCode e = U_ZERO_ERROR;
	UCalendar *cal = ucal_open(u"UTC", -1, "en_US", UCAL_GREGORIAN, &e);
	if (U_FAILURE(e))
		return false;
	ucal_setDate(cal, y, m - 1, d, &e);
	ucal_add(cal, UCAL_DATE, days, &e);
	int ny = ucal_get(cal, UCAL_YEAR, &e), nm = ucal_get(cal, UCAL_MONTH, &e) + 1, nd = ucal_get(cal, UCAL_DATE, &e);
	ucal_close(cal);
	if (U_FAILURE(e))
		return false;
	if (ny < 1 || ny > 9999 || nm < 1 || nm > 12 || nd < 1 || nd > 31)
		return false;
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", ny, nm, nd);
	memcpy(out, buf, 11);
	return true;
}

/* The entry into force the final clauses state, as a lifecycle event of
 * the protocol (docs/amend.md, "Dates"), when it is not the signing. */
static void entry_into_force(struct mk *m)
{
	xmlNodePtr root = px_doc_root(m->doc), meta = px_child(root, "meta");
	xmlNodePtr id = meta ? px_child(meta, "identification") : NULL;
	xmlNodePtr work = id ? px_child(id, "FRBRWork") : NULL;
	xmlNodePtr fd = work ? px_child(work, "FRBRdate") : NULL;
	const char *signed_on = fd ? px_attr(fd, "date") : NULL;
	if (!signed_on || px_child(meta, "lifecycle"))
		return;
	int days = 0;
	px_buf t = PX_BUF_INIT;
	const char *parts[] = { "mainBody", "conclusions" };
	for (int k = 0; k < 2 && !days; k++) {
		xmlNodePtr part = px_child(root, parts[k]);
		for (xmlNodePtr e = part; e && !days;) {
			if (px_is(e, "p") && !px_child(e, "mod")) {
				px_buf_clear(&t);
				px_node_text(e, &t);
				/* counted from the signing (not from notifications) */
				if (t.ptr && (m->lang == PX_LANG_ZH ? strstr(t.ptr, "签署") || strstr(t.ptr, "签字") : strstr(t.ptr, "подписани") != NULL))
					days = days_after_signing(t.ptr, t.size, m->lang);
			}
			e = px_next_in_order(e, part, !px_is(e, "p"));
		}
	}
	px_buf_dispose(&t);
	char when[11];
	if (days <= 0 || !add_days(signed_on, days, when))
		return;
	xmlNodePtr life = el(m, "lifecycle");
	xmlSetProp(life, (const xmlChar *)"source", (const xmlChar *)"#paralex");
	xmlNodePtr e1 = el(m, "eventRef"), e2 = el(m, "eventRef");
	xmlSetProp(e1, (const xmlChar *)"eId", (const xmlChar *)"evt_1");
	xmlSetProp(e1, (const xmlChar *)"date", (const xmlChar *)signed_on);
	xmlSetProp(e1, (const xmlChar *)"source", (const xmlChar *)"#paralex");
	xmlSetProp(e1, (const xmlChar *)"type", (const xmlChar *)"generation");
	xmlSetProp(e2, (const xmlChar *)"eId", (const xmlChar *)"evt_2");
	xmlSetProp(e2, (const xmlChar *)"date", (const xmlChar *)when);
	xmlSetProp(e2, (const xmlChar *)"source", (const xmlChar *)"#paralex");
	xmlSetProp(e2, (const xmlChar *)"type", (const xmlChar *)"generation");
	xmlSetProp(e2, (const xmlChar *)"refersTo", (const xmlChar *)"#entryIntoForce");
	xmlAddChild(life, e1);
	xmlAddChild(life, e2);
	xmlAddNextSibling(id, life);
	xmlNodePtr refs = px_child(meta, "references");
	if (refs) {
		xmlNodePtr ev = el(m, "TLCEvent");
		xmlSetProp(ev, (const xmlChar *)"eId", (const xmlChar *)"entryIntoForce");
		xmlSetProp(ev, (const xmlChar *)"href", (const xmlChar *)"/akn/ontology/event/entryIntoForce");
		xmlSetProp(ev, (const xmlChar *)"showAs", (const xmlChar *)(m->lang == PX_LANG_ZH ? "生效" : "вступление в силу"));
		xmlAddChild(refs, ev);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- the entry point ---------------------------------------------------------- */

static int diag(px_diags *diags, const char *rule, const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

static int diag(px_diags *diags, const char *rule, const char *file, int line, const char *fmt, ...)
{
	px_loc loc = { file, line, 0, NULL };
	va_list ap;
	va_start(ap, fmt);
	int rc = px_diags_vaddf(diags, rule, &loc, NULL, fmt, ap);
	va_end(ap);
	return rc < 0 ? PX_ENOMEM : 0;
}

/* The expression IRI of a document (FRBRExpression/FRBRuri). */
static const char *expression_uri(const px_doc *doc)
{
	xmlNodePtr meta = px_child(px_doc_root(doc), "meta");
	xmlNodePtr id = meta ? px_child(meta, "identification") : NULL;
	xmlNodePtr ex = id ? px_child(id, "FRBRExpression") : NULL;
	xmlNodePtr uri = ex ? px_child(ex, "FRBRuri") : NULL;
	return uri ? px_attr(uri, "value") : NULL;
}

/* The unit an operation acts on in the base, and the exact place. */
/* The state a signature block's text names (its Russian sort name), or NULL. */
static const char *signing_state(const px_registry *reg, const char *s, size_t len, px_lang lang)
{
	px_signatory sg;
	if (!reg || px_registry_match_signature(reg, s, len, lang, &sg) != 0 || !sg.state)
		return NULL;
	return px_registry_state_sort_name(reg, sg.state);
}

/* Where a signature block goes when the protocol names no place: before
 * the first block whose state comes after its state in the Russian
 * alphabetical order (ICU's Russian collation), else after the last. */
static xmlNodePtr signature_place(const px_doc *base, const px_registry *reg, px_lang lang, const char *text,
	const struct pr_op *op, enum pr_pos *pos)
{
	xmlNodePtr concl = px_child(px_doc_root(base), "conclusions"), last = NULL, before = NULL;
	const char *mine = NULL;
	if (op->new_q.a < op->new_q.b) {
		px_buf t = PX_BUF_INIT;
		px_collapse_space(text + op->new_q.a, op->new_q.b - op->new_q.a, &t);
		mine = t.ptr ? signing_state(reg, t.ptr, t.size, lang) : NULL;
		px_buf_dispose(&t);
	}
	UErrorCode e = U_ZERO_ERROR;
	UCollator *coll = mine ? ucol_open("ru", &e) : NULL;
	px_buf bt = PX_BUF_INIT;
	for (xmlNodePtr b = concl ? px_first_el(concl) : NULL; b; b = px_next_el(b)) {
		if (!px_is(b, "blockContainer"))
			continue;
		last = b;
		if (!coll || U_FAILURE(e) || before)
			continue;
		px_buf_clear(&bt);
		px_node_text(b, &bt);
		const char *theirs = bt.ptr ? signing_state(reg, bt.ptr, bt.size, lang) : NULL;
		if (theirs && ucol_strcollUTF8(coll, mine, -1, theirs, -1, &e) == UCOL_LESS)
			before = b;
	}
	px_buf_dispose(&bt);
	if (coll)
		ucol_close(coll);
	*pos = before ? P_BEFORE : P_AFTER;
	return before ? before : last;
}

static xmlNodePtr destination(struct pr_base *rb, const px_registry *reg, const char *text, struct pr_op *op, char *why,
	size_t size)
{
	const px_doc *base = rb->doc;
	px_lang lang = rb->lang;
	if (op->act == A_ADD_SIGNATURE) {
		if (op->sign_anchor[0])
			return pr_resolve_signature(base, op->sign_anchor, why, size);
		xmlNodePtr at = signature_place(base, reg, lang, text, op, &op->pos);
		if (!at)
			snprintf(why, size, "the base document has no signature blocks");
		return at;
	}
	if (op->act == A_INSERT && op->anchor.n)
		return pr_resolve(rb, &op->anchor, why, size);
	xmlNodePtr d = pr_resolve(rb, &op->where, why, size);
	if (d && (op->act == A_REPLACE_WORDS || op->act == A_DELETE_WORDS || op->act == A_INSERT_WORDS ||
		op->act == A_APPEND_WORDS))
		return pr_resolve_text_unit(d, op->old_q.a < op->old_q.b ? text + op->old_q.a : NULL,
			op->old_q.a < op->old_q.b ? op->old_q.b - op->old_q.a : 0);
	if (!d || op->act != A_INSERT)
		return d;
	/* «дополнить пунктом 3», 作为第三款: after the unit numbered one less;
	 * «статьей 7.1», 作为第七条之一: after article 7 */
	if (op->as_n > 100) {
		struct pr_path p = op->where;
		enum pr_noun nn = op->new_noun == N_NONE ? N_POINT : op->new_noun;
		if (nn == N_ARTICLE || nn == N_SECTION || nn == N_CHAPTER)
			p.n = 0; /* a division: numbered in the whole body */
		if (p.n < PR_PATH_MAX) {
			p.r[p.n++] = (struct pr_ref){ nn, op->as_n % 100 ? op->as_n / 100 : op->as_n / 100 - 1, 0, "" };
			char w2[256];
			xmlNodePtr prev = pr_resolve(rb, &p, w2, sizeof w2);
			if (prev) {
				op->pos = P_AFTER;
				return prev;
			}
		}
	}
	if (op->pos == P_NONE)
		op->pos = P_END;
	/* at the end of a section whose last unit is a list: the list, for a new item */
	return d;
}

/* The unit an operation acts on, the place made one however the text says
 * it: a new list item at the end of a section that ends with a list goes
 * to the list's end; after the last unit of a list or a section is at its
 * end. */
static xmlNodePtr place(struct pr_base *rb, const px_registry *reg, const struct pr_stream *st, struct pr_op *op,
	char *why, size_t size)
{
	xmlNodePtr d = destination(rb, reg, st->text.ptr, op, why, size);
	if (d && op->act == A_INSERT && op->pos == P_END && op->new_noun == N_ITEM &&
		(px_is(d, "paragraph") || px_is(d, "article") || px_is(d, "point"))) {
		/* «пункт 2 дополнить подпунктом «г»», 第二款增加一项: the end of its list */
		xmlNodePtr content = px_child(d, "content"), lastel = NULL;
		for (xmlNodePtr e = content ? px_first_el(content) : NULL; e; e = px_next_el(e))
			lastel = e;
		if (lastel && px_is(lastel, "blockList"))
			return lastel;
	}
	if (d && op->act == A_INSERT && op->pos == P_END &&
		(px_is(d, "section") || px_is(d, "article") || px_is(d, "paragraph") || px_is(d, "point"))) {
		/* a new абзац at the end of a unit that ends with a list: an item of
		 * the list when it is written as one (a dash), or when it has the
		 * shape of the list's items where those are definitions that open
		 * with a quotation mark («…» — …, as in an article of terms) */
		const char *s = st->text.ptr;
		struct pr_span ps[1];
		xmlNodePtr content = px_child(d, "content"), lastel = NULL;
		for (xmlNodePtr e = content ? px_first_el(content) : NULL; e; e = px_next_el(e))
			lastel = e;
		if (lastel && px_is(lastel, "blockList") && paragraphs(s, op->new_q, ps, 1, false)) {
			bool item = bullet_len(s + ps[0].a, ps[0].b - ps[0].a) > 0;
			if (!item && opens_quote(s, ps[0].a, ps[0].b)) {
				xmlNodePtr last = NULL;
				for (xmlNodePtr e = px_first_el(lastel); e; e = px_next_el(e))
					if (px_is(e, "item"))
						last = e;
				px_buf t = PX_BUF_INIT;
				if (last && px_node_text(px_child(last, "p") ? px_child(last, "p") : last, &t) == 0 && t.size)
					item = opens_quote(t.ptr, 0, t.size);
				px_buf_dispose(&t);
			}
			if (item)
				d = lastel;
		}
	}
	if (d && op->act == A_INSERT && op->pos == P_AFTER && !px_next_el(d) && d->parent &&
		(px_is(d->parent, "blockList") || px_is(d->parent, "article") ||
			(px_is(d->parent, "content") && px_is(d->parent->parent, "section")))) {
		d = px_is(d->parent, "blockList") || px_is(d->parent, "article") ? d->parent : d->parent->parent;
		op->pos = P_END;
	}
	return d;
}

static const char *op_type(const struct pr_op *op)
{
	return op->act == A_RESTATE || op->act == A_REPLACE_WORDS ? "substitution"
		: op->act == A_REPEAL || op->act == A_DELETE_WORDS ? "repeal" : "insertion";
}

int px_protocol_verify(const px_doc *protocol, const px_doc *base, const px_protocol_options *opts, px_diags *diags)
{
	static const px_protocol_options defaults = PX_PROTOCOL_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (px_options_version("px_protocol_options", opts->version, 1, PX_PROTOCOL_OPTIONS_VERSION) < 0)
		return PX_EUSAGE;
	px_lang lang = px_doc_lang(protocol);
	if (lang == PX_LANG_AUTO || lang != px_doc_lang(base))
		return px_fail(PX_EUSAGE, "px_protocol_verify: the protocol and its base are not in one language");
	const px_context *ctx = opts->context ? opts->context : px_context_default();
	const px_registry *reg = ctx ? px_context_registry(ctx) : NULL;
	xmlNodePtr meta = px_child(px_doc_root(protocol), "meta");
	xmlNodePtr an = meta ? px_child(meta, "analysis") : NULL;
	xmlNodePtr am = an ? px_child(an, "activeModifications") : NULL;
	xmlNodePtr body = px_child(px_doc_root(protocol), "mainBody");
	int rc = 0, bad = 0;
	struct pr_base rb = { base, lang, NULL, 0, false, NULL, NULL, 0 };
	px_buf ctx_text = PX_BUF_INIT;
	for (xmlNodePtr e = body ? px_first_el(body) : NULL; e && rc == 0;) {
		if (px_is(e, "p") && !px_child(e, "mod")) {
			/* a point that ends with a colon gives its references to the mods after it */
			px_buf_clear(&ctx_text);
			px_node_text(e, &ctx_text);
		}
		xmlNodePtr mod = px_is(e, "mod") ? e : NULL;
		if (mod) {
			struct pr_stream st = { 0 };
			struct pr_ops ops = { 0 };
			struct pr_clause c = { 0 };
			bool noop = false;
			rc = piece(&st, mod, mod, false);
			struct pr_path cp = { .n = 0 };
			if (rc == 0 && ctx_text.size && ctx_text.ptr[ctx_text.size - 1] == ':') {
				struct pr_stream cs = { 0 };
				struct pr_clause cc = { 0 };
				if (px_buf_puts(&cs.text, ctx_text.ptr) == 0 && (cs.p = calloc(1, sizeof *cs.p)) != NULL) {
					cs.n = 1;
					cs.p[0].b = cs.text.size;
					cc.to = 1;
					cc.span.b = cs.text.size;
					if (lang == PX_LANG_ZH)
						pr_context_zh(&cs, &cc, &cp);
					else
						pr_context_ru(&cs, &cc, &cp);
				}
				free(cs.p);
				px_buf_dispose(&cs.text);
			}
			c.to = st.n;
			c.span.b = st.text.size;
			c.line = px_node_line(mod);
			if (rc == 0)
				rc = lang == PX_LANG_ZH ? pr_read_zh(&st, &c, &cp, 0, &ops, &noop) : pr_read_ru(&st, &c, &cp, 0, &ops, &noop);
			/* the textualMods of this mod, in order */
			const char *mid = px_attr(mod, "eId");
			size_t k = 0;
			for (xmlNodePtr tm = am ? px_first_el(am) : NULL; tm && rc >= 0 && mid; tm = px_next_el(tm)) {
				xmlNodePtr src = px_child(tm, "source"), dst = px_child(tm, "destination");
				const char *sh = src ? px_attr(src, "href") : NULL, *dh = dst ? px_attr(dst, "href") : NULL;
				if (!sh || sh[0] != '#' || strcmp(sh + 1, mid) != 0 || !dh)
					continue;
				const char *deid = strrchr(dh, '~');
				deid = deid ? deid + 1 : dh;
				if (k >= ops.n) {
					k++;
					continue;
				}
				char why[512] = "";
				struct pr_op *op = &ops.v[k++];
				xmlNodePtr d = place(&rb, reg, &st, op, why, sizeof why);
				const char *want = d ? px_attr(d, "eId") : NULL;
				const char *type = px_attr(tm, "type");
				if (!want || strcmp(want, deid) != 0 || !type || strcmp(type, op_type(op)) != 0) {
					char said[256];
					pr_path_say(op->anchor.n ? &op->anchor : &op->where, lang, said, sizeof said);
					px_loc loc = px_node_loc(protocol, mod);
					if (px_diags_addf(diags, "PX113", &loc, px_attr(tm, "eId"),
							"the text of %s says %s %s (%s), its textualMod '%s' says %s '%s'", mid, op_type(op),
							want ? want : "(no unit)", said, px_attr(tm, "eId") ? px_attr(tm, "eId") : "?",
							type ? type : "?", deid) < 0)
						rc = PX_ENOMEM;
					bad++;
				}
			}
			if (rc >= 0 && ops.n && k != ops.n) {
				px_loc loc = px_node_loc(protocol, mod);
				if (px_diags_addf(diags, "PX113", &loc, mid, "the text of %s says %zu operation%s, its textualMods %zu",
						mid, ops.n, ops.n == 1 ? "" : "s", k) < 0)
					rc = PX_ENOMEM;
				bad++;
			}
			if (rc > 0)
				rc = 0;
			free(ops.v);
			free(st.p);
			px_buf_dispose(&st.text);
		}
		e = px_next_in_order(e, body, !mod); /* not into a mod */
	}
	px_buf_dispose(&ctx_text);
	pr_base_dispose(&rb);
	if (rc < 0)
		return rc;
	return bad ? PX_EINVALID : 0;
}

int px_protocol_import(px_doc **out, const char *text, size_t len, const char *name, const px_doc *base,
	const px_protocol_options *opts, px_diags *diags)
{
	static const px_protocol_options defaults = PX_PROTOCOL_OPTIONS_INIT;
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (px_options_version("px_protocol_options", opts->version, 1, PX_PROTOCOL_OPTIONS_VERSION) < 0)
		return PX_EUSAGE;
	if (!base || !diags)
		return px_fail(PX_EUSAGE, "px_protocol_import: a base document and findings are needed");
	px_lang lang = px_doc_lang(base);
	if (lang == PX_LANG_AUTO)
		return px_fail_at(PX_EUSAGE, px_doc_name(base), 0, 0, "the base document is in no language of the profile");
	px_import_options io = PX_IMPORT_OPTIONS_INIT;
	io.kind = "protocol";
	io.context = opts->context;
	/* one work in both languages: named after the work it amends */
	char number[128] = "";
	xmlNodePtr bmeta = px_child(px_doc_root(base), "meta");
	xmlNodePtr bid = bmeta ? px_child(bmeta, "identification") : NULL;
	xmlNodePtr bwork = bid ? px_child(bid, "FRBRWork") : NULL;
	xmlNodePtr bnum = bwork ? px_child(bwork, "FRBRnumber") : NULL;
	const char *bn = bnum ? px_attr(bnum, "value") : NULL;
	if (bn && strlen(bn) < 100) {
		snprintf(number, sizeof number, "%s-amendment", bn);
		io.number = number;
	}
	px_doc *doc = NULL;
	int rc = px_import_text(&doc, text, len, name, lang, &io, diags);
	if (rc < 0)
		return rc;
	name = px_doc_name(doc);
	struct pr_stream st = { 0 };
	struct pr_clauses cl = { 0 };
	struct pr_ops ops = { 0 };
	struct mk m = { 0 };
	xmlNodePtr body = px_child(px_doc_root(doc), "mainBody");
	for (xmlNodePtr d = body ? px_first_el(body) : NULL; d && rc == 0; d = px_next_el(d))
		rc = walk(&st, d, d);
	if (rc == 0)
		rc = clauses(&st, &cl);
	/* read every clause */
	size_t bad = px_diags_count(diags);
	for (size_t i = 0; i < cl.n && rc >= 0; i++) {
		if (cl.v[i].is_context)
			continue;
		struct pr_path ctx = { .n = 0 };
		if (cl.v[i].context >= 0) {
			if (lang == PX_LANG_ZH)
				pr_context_zh(&st, &cl.v[cl.v[i].context], &ctx);
			else
				pr_context_ru(&st, &cl.v[cl.v[i].context], &ctx);
		}
		bool noop = false;
		rc = lang == PX_LANG_ZH ? pr_read_zh(&st, &cl.v[i], &ctx, i, &ops, &noop)
					: pr_read_ru(&st, &cl.v[i], &ctx, i, &ops, &noop);
		cl.v[i].noop = noop;
	}
	/* resolve every operation in the base */
	const px_context *ctx = opts->context ? opts->context : px_context_default();
	const px_registry *reg = ctx ? px_context_registry(ctx) : NULL;
	struct pr_base rb = { base, lang, NULL, 0, false, NULL, NULL, 0 };
	if (rc >= 0) {
		rc = 0;
		m.dest = calloc(ops.n + 1, sizeof *m.dest);
		m.dest_eid = calloc(ops.n + 1, sizeof *m.dest_eid);
		if (!m.dest || !m.dest_eid)
			rc = px_fail_oom();
	}
	for (size_t i = 0; i < ops.n && rc == 0; i++) {
		char why[512];
		why[0] = '\0';
		struct pr_op *op = &ops.v[i];
		xmlNodePtr d = place(&rb, reg, &st, op, why, sizeof why);
		const char *eid = d ? px_attr(d, "eId") : NULL;
		if (!d || !eid) {
			rc = diag(diags, "PX110", name, op->line, "%s", why[0] ? why : "the unit this operation names has no eId");
			continue;
		}
		if ((op->act == A_RESTATE || op->act == A_INSERT || op->act == A_APPEND_WORDS || op->act == A_ADD_SIGNATURE ||
			op->act == A_REPLACE_WORDS || op->act == A_INSERT_WORDS) && op->new_q.a >= op->new_q.b) {
			rc = diag(diags, "PX111", name, op->line, "the new text of this operation is not quoted");
			continue;
		}
		if ((op->act == A_DELETE_WORDS || op->act == A_REPLACE_WORDS || op->act == A_INSERT_WORDS) &&
			op->old_q.a >= op->old_q.b) {
			rc = diag(diags, "PX111", name, op->line, "the words this operation changes are not quoted");
			continue;
		}
		m.dest[i] = d;
		m.dest_eid[i] = eid;
	}
	/* an operative clause no operation came from (the clauses that gave
	 * one, and the range of their operations, in one pass over the
	 * operations) */
	bool *gave = cl.n ? calloc(cl.n, sizeof *gave) : NULL;
	m.op_first = cl.n ? calloc(cl.n, sizeof *m.op_first) : NULL;
	m.op_end = cl.n ? calloc(cl.n, sizeof *m.op_end) : NULL;
	if (cl.n && (!gave || !m.op_first || !m.op_end) && rc >= 0)
		rc = px_fail_oom();
	for (size_t k = 0; gave && m.op_first && m.op_end && k < ops.n; k++) {
		size_t c = (size_t)ops.v[k].clause;
		if (c >= cl.n)
			continue;
		if (!gave[c])
			m.op_first[c] = k;
		gave[c] = true;
		m.op_end[c] = k + 1;
	}
	for (size_t i = 0; i < cl.n && rc == 0; i++) {
		if (cl.v[i].is_context || cl.v[i].noop)
			continue;
		if (gave[i])
			continue;
		/* a clause with a quotation, or a point of a list of changes, that says no operation */
		const char *s = st.text.ptr;
		bool quotes = false;
		for (size_t k = cl.v[i].span.a; k < cl.v[i].span.b && !quotes; k++)
			quotes = opens_quote(s, k, cl.v[i].span.b) && k + 1 < cl.v[i].span.b;
		if (cl.v[i].context >= 0 || (quotes && st.p[cl.v[i].from].marker))
			rc = diag(diags, "PX112", name, cl.v[i].line,
				"this point of the protocol reads as no operation of amending practice (insert, restate, replace, "
				"delete or repeal)");
	}
	if (rc == 0 && px_diags_count(diags) > bad) {
		for (size_t i = bad; i < px_diags_count(diags); i++)
			if (px_diags_get(diags, i)->severity == PX_SEV_ERROR)
				rc = PX_EINVALID;
	}
	if (rc == 0 && ops.n == 0)
		rc = diag(diags, "PX112", name, 0, "the protocol's text has no operation of amending practice") ? PX_ENOMEM
			: PX_EINVALID;
	/* the markup */
	if (rc == 0) {
		m.doc = doc;
		m.base = base;
		m.lang = lang;
		m.st = &st;
		m.cl = &cl;
		m.ops = &ops;
		m.raw = text;
		m.raw_len = len;
		m.reg = reg;
		const char *uri = expression_uri(base);
		snprintf(m.base_uri, sizeof m.base_uri, "%s", uri ? uri : "");
		xmlNodePtr meta = px_child(px_doc_root(doc), "meta");
		xmlNodePtr analysis = el(&m, "analysis"), am = el(&m, "activeModifications");
		xmlSetProp(analysis, (const xmlChar *)"source", (const xmlChar *)"#paralex");
		xmlAddChild(analysis, am);
		xmlNodePtr refs = px_child(meta, "references");
		if (refs)
			xmlAddPrevSibling(refs, analysis);
		else
			xmlAddChild(meta, analysis);
		int namod = 0;
		for (xmlNodePtr d = body ? px_first_el(body) : NULL; d && rc == 0; d = px_next_el(d)) {
			bool has = false;
			for (size_t i = 0; i < cl.n && !has; i++)
				has = gave[i] && cl.v[i].div == d;
			if (!has)
				continue;
			/* the division keeps its number and heading; its content is the clauses */
			for (xmlNodePtr c = px_first_el(d), nx; c; c = nx) {
				nx = px_next_el(c);
				if (!px_is(c, "num") && !px_is(c, "heading")) {
					xmlUnlinkNode(c);
					xmlFreeNode(c);
				}
			}
			xmlNodePtr content = el(&m, "content");
			xmlAddChild(d, content);
			int np = 0;
			for (size_t i = 0; i < cl.n && rc == 0; i++) {
				if (cl.v[i].div != d)
					continue;
				char peid[PX_EID_MAX];
				snprintf(peid, sizeof peid, "%s__p_%d", px_attr(d, "eId"), ++np);
				rc = write_clause(&m, content, i, peid, &am, &namod);
			}
		}
	}
	if (rc == 0)
		entry_into_force(&m);
	/* the divisions rewritten: the eId index of the imported document anew */
	if (rc == 0)
		rc = px_doc_reindex(doc);
	if (rc == 0) {
		/* every unit at its line in the protocol's text: those written here
		 * where their point is, the others where the import found them
		 * (the eIds written so far, sorted, to tell them) */
		size_t nwritten = m.places.n;
		char **written = nwritten ? malloc(nwritten * sizeof *written) : NULL;
		if (nwritten && !written)
			rc = px_fail_oom();
		else if (nwritten) {
			memcpy(written, m.places.eid, nwritten * sizeof *written);
			qsort(written, nwritten, sizeof *written, cmp_str);
		}
		for (xmlNodePtr e = px_doc_root(doc); e && rc == 0;) {
			const char *id = px_attr(e, "eId");
			bool known = id && nwritten && bsearch(&id, written, nwritten, sizeof *written, cmp_str);
			if (id && !known && px_node_line(e) > 0)
				rc = note(&m, id, px_node_line(e));
			e = px_next_in_order(e, NULL, true);
		}
		free(written);
		if (rc == 0)
			rc = px_doc_set_text_positions(doc, &m.places);
	}
	px_text_places_dispose(&m.places);
	free(m.dest);
	free(m.dest_eid);
	pr_base_dispose(&rb);
	free(gave);
	free(m.op_first);
	free(m.op_end);
	free(ops.v);
	free(cl.v);
	free(st.p);
	px_buf_dispose(&st.text);
	if (rc < 0) {
		px_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}
