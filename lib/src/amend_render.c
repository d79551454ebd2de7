/*
 * Renderings of a consolidation: the plain text of a document, the redline
 * (HTML with <ins>/<del>) and the comparison tables (HTML and text).
 *
 * Everything is drawn from "blocks": the lines of the official layout (the
 * title, a preamble paragraph, a section heading with its number, a list
 * item with its dash, a paragraph, a signature block), each known by the eId
 * of its unit. The blocks of the base and of the result are aligned through
 * the total eId map of the report: a result block whose unit comes from a
 * base unit faces that unit's block; a block with no origin was inserted; a
 * base block with no image was repealed. Inside a pair, the wording is
 * compared word by word (Russian) or character by character (Chinese) with
 * a longest-common-subsequence diff.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "amend_int.h"

/* ---- blocks ----------------------------------------------------------------- */

struct blocks {
	struct amend_block *b;
	size_t n, a;
};

static int push_block(struct blocks *bs, xmlNodePtr unit, int kind, xmlNodePtr num, px_buf *text)
{
	if (px_amend_grow(&bs->b, &bs->a, bs->n, sizeof *bs->b, 64) < 0)
		return PX_ENOMEM;
	struct amend_block *b = &bs->b[bs->n];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->eid = px_strdup(px_attr(unit, "eId") ? px_attr(unit, "eId") : "");
	b->text = px_strdup(text->ptr ? text->ptr : "");
	if (num) {
		px_buf t = PX_BUF_INIT;
		if (px_node_text(num, &t) == 0)
			b->num = px_strdup(t.ptr ? t.ptr : "");
		px_buf_dispose(&t);
	}
	bs->n++;
	if (!b->eid || !b->text || (num && !b->num))
		return px_fail_oom();
	return 0;
}

static int blocks_rec(struct blocks *bs, xmlNodePtr n, bool conclusions)
{
	for (xmlNodePtr c = px_first_el(n); c; c = px_next_el(c)) {
		if (px_is(c, "meta"))
			continue;
		px_buf t = PX_BUF_INIT;
		int rc = 0;
		if (px_is(c, "section")) {
			rc = px_node_text(px_child(c, "heading"), &t);
			if (rc == 0)
				rc = push_block(bs, c, BLOCK_HEADING, px_child(c, "num"), &t);
			if (rc == 0)
				rc = blocks_rec(bs, c, conclusions);
		} else if (px_is(c, "item")) {
			for (xmlNodePtr p = px_child(c, "p"); p && rc == 0; p = px_next_el(p)) {
				if (t.size)
					rc = px_buf_put(&t, " ", 1);
				if (rc == 0)
					rc = px_node_text(p, &t);
			}
			if (rc == 0)
				rc = push_block(bs, c, BLOCK_ITEM, px_child(c, "num"), &t);
			for (xmlNodePtr l = px_child(c, "blockList"); l && rc == 0; l = NULL)
				rc = blocks_rec(bs, l, conclusions);
		} else if (px_is(c, "p")) {
			xmlNodePtr title = px_child(c, "docTitle");
			rc = px_node_text(title ? title : c, &t);
			if (rc == 0)
				rc = push_block(bs, c, title ? BLOCK_TITLE : conclusions ? BLOCK_SIGNATURE : BLOCK_PARA, NULL, &t);
		} else if (!px_is(c, "num") && !px_is(c, "heading")) {
			rc = blocks_rec(bs, c, conclusions || px_is(c, "conclusions"));
		}
		px_buf_dispose(&t);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int px_amend_blocks(const px_doc *doc, struct amend_block **out, size_t *n)
{
	struct blocks bs = { 0 };
	int rc = blocks_rec(&bs, px_doc_root(doc), false);
	if (rc < 0) {
		px_amend_blocks_free(bs.b, bs.n);
		bs.b = NULL;
		bs.n = 0;
	}
	*out = bs.b;
	*n = bs.n;
	return rc;
}

void px_amend_blocks_free(struct amend_block *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(b[i].eid);
		free(b[i].num);
		free(b[i].text);
	}
	free(b);
}

/* ---- alignment ------------------------------------------------------------ */

struct inverse {
	xmlHashTablePtr inv;
	int rc;
};

static void invert(void *payload, void *data, const xmlChar *name)
{
	struct inverse *x = data;
	const char *to = payload;
	if (*to && xmlHashAddEntry(x->inv, (const xmlChar *)to, (void *)name) < 0 &&
			!xmlHashLookup(x->inv, (const xmlChar *)to))
		x->rc = PX_ENOMEM;
}

static int push_row(struct amend_lang *L, size_t *a, long o, long n, bool changed)
{
	if (px_amend_grow(&L->rows, a, L->nrows, sizeof *L->rows, 64) < 0)
		return PX_ENOMEM;
	L->rows[L->nrows].old_i = o;
	L->rows[L->nrows].new_i = n;
	L->rows[L->nrows++].changed = changed;
	return 0;
}

static int align_lang(struct px_consolidation_report *r, struct amend_lang *L, xmlHashTablePtr inv)
{
	xmlHashTablePtr idx = xmlHashCreate(L->nold + 16);
	if (!idx)
		return px_fail_oom();
	for (size_t i = 0; i < L->nold; i++)
		xmlHashAddEntry(idx, (const xmlChar *)L->old[i].eid, &L->old[i]);
	size_t a = 0, next_old = 0;
	int rc = 0;
	/* an old block is repealed when the map gives it no image among the new blocks */
	bool *gone = calloc(L->nold ? L->nold : 1, sizeof *gone);
	if (!gone)
		rc = px_fail_oom();
	for (size_t i = 0; i < L->nold && rc == 0; i++) {
		const char *to = xmlHashLookup(r->total, (const xmlChar *)L->old[i].eid);
		gone[i] = !to || !*to;
	}
	for (size_t i = 0; i < L->nnew && rc == 0; i++) {
		const char *origin = xmlHashLookup(inv, (const xmlChar *)L->new[i].eid);
		struct amend_block *ob = origin ? xmlHashLookup(idx, (const xmlChar *)origin) : NULL;
		if (!ob || ob->kind != L->new[i].kind) {
			rc = push_row(L, &a, -1, (long)i, true);
			continue;
		}
		size_t oi = (size_t)(ob - L->old);
		for (; next_old < oi && rc == 0; next_old++)
			if (gone[next_old])
				rc = push_row(L, &a, (long)next_old, -1, true);
		if (next_old <= oi)
			next_old = oi + 1;
		if (rc == 0)
			rc = push_row(L, &a, (long)oi, (long)i, strcmp(ob->text, L->new[i].text) != 0);
	}
	for (; next_old < L->nold && rc == 0; next_old++)
		if (gone[next_old])
			rc = push_row(L, &a, (long)next_old, -1, true);
	free(gone);
	xmlHashFree(idx, NULL);
	return rc;
}

int px_amend_align(struct px_consolidation_report *r)
{
	struct inverse x = { xmlHashCreate(xmlHashSize(r->total) + 16), 0 };
	if (!x.inv)
		return px_fail_oom();
	xmlHashScan(r->total, invert, &x);
	int rc = x.rc;
	for (int l = 0; l < 2 && rc == 0; l++)
		rc = align_lang(r, &r->lang[l], x.inv);
	xmlHashFree(x.inv, NULL);
	r->changes = 0;
	for (size_t i = 0; rc == 0 && i < r->lang[L_RU].nrows; i++)
		if (r->lang[L_RU].rows[i].changed)
			r->changes++;
	return rc;
}

/* ---- word diff ------------------------------------------------------------- */

struct tok {
	const char *s;
	size_t len;
};

/* Words, runs of spaces, and single other characters; each Han character
 * is a token of its own. */
static size_t tokenize(const char *s, struct tok **out)
{
	size_t len = strlen(s), n = 0;
	struct tok *t = malloc((len + 1) * sizeof *t);
	if (!t)
		return (size_t)-1;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t j = i + (size_t)px_utf8_decode(s + i, len - i, &cp);
		UErrorCode e = U_ZERO_ERROR;
		bool han = uscript_getScript((UChar32)cp, &e) == USCRIPT_HAN;
		if (!han && (u_isalnum((UChar32)cp) || cp == ' ')) {
			bool space = cp == ' ';
			while (j < len) {
				uint32_t c2;
				int k = px_utf8_decode(s + j, len - j, &c2);
				UErrorCode e2 = U_ZERO_ERROR;
				bool han2 = uscript_getScript((UChar32)c2, &e2) == USCRIPT_HAN;
				if (space ? c2 != ' ' : (han2 || !(u_isalnum((UChar32)c2) || c2 == '-')))
					break;
				j += (size_t)k;
			}
		}
		t[n].s = s + i;
		t[n++].len = j - i;
		i = j;
	}
	*out = t;
	return n;
}

/* Longer common words weigh more, so that the diff keeps whole words in
 * place rather than a scatter of short ones and spaces. */
static size_t weight(const struct tok *t)
{
	return t->s[0] == ' ' ? 1 : t->len;
}

static bool tok_eq(const struct tok *a, const struct tok *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

enum { SEG_SAME, SEG_DEL, SEG_INS };

typedef int (*seg_fn)(void *ctx, int kind, const char *s, size_t len);

/* Call `fn` with the runs of a diff of `a` → `b`, in order: a longest common
 * subsequence of tokens, weighted by their length. */
static int diff_words(const char *a, const char *b, seg_fn fn, void *ctx)
{
	struct tok *ta = NULL, *tb = NULL;
	size_t na = tokenize(a, &ta), nb = tokenize(b, &tb);
	int rc = 0;
	unsigned *lcs = NULL;
	if (na == (size_t)-1 || nb == (size_t)-1) {
		rc = px_fail_oom();
		goto out;
	}
	if ((na + 1) * (nb + 1) > ((size_t)1 << 24)) {
		/* too long to compare: all of it deleted and inserted */
		rc = fn(ctx, SEG_DEL, a, strlen(a));
		if (rc == 0)
			rc = fn(ctx, SEG_INS, b, strlen(b));
		goto out;
	}
	lcs = calloc((na + 1) * (nb + 1), sizeof *lcs);
	if (!lcs) {
		rc = px_fail_oom();
		goto out;
	}
#define L(i, j) lcs[(i) * (nb + 1) + (j)]
	for (size_t i = na; i-- > 0;)
		for (size_t j = nb; j-- > 0;)
			L(i, j) = tok_eq(&ta[i], &tb[j]) ? L(i + 1, j + 1) + (unsigned)weight(&ta[i])
				: L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1);
	size_t i = 0, j = 0;
	while ((i < na || j < nb) && rc == 0) {
		int kind;
		const char *s;
		size_t len;
		if (i < na && j < nb && tok_eq(&ta[i], &tb[j]) && L(i, j) == L(i + 1, j + 1) + weight(&ta[i])) {
			kind = SEG_SAME;
			s = ta[i].s;
			len = ta[i].len;
			i++;
			j++;
		} else if (i < na && (j == nb || L(i + 1, j) >= L(i, j + 1))) {
			kind = SEG_DEL;
			s = ta[i].s;
			len = ta[i].len;
			i++;
		} else {
			kind = SEG_INS;
			s = tb[j].s;
			len = tb[j].len;
			j++;
		}
		rc = fn(ctx, kind, s, len);
	}
#undef L
out:
	free(lcs);
	free(ta);
	free(tb);
	return rc;
}

/* Collects runs into a buffer, merging neighbours of one kind and wrapping
 * them in the markers of the output format. */
struct marked {
	px_buf *out;
	int show;           /* SEG_* kinds to show: bit (1 << kind) */
	const char *open[3];
	const char *close[3];
	bool html;
	int cur;            /* kind of the open run, or -1 */
};

static int esc_html(px_buf *o, const char *s, size_t len)
{
	const char *run = s, *end = s + len;
	int rc = 0;
	for (; s < end && rc == 0; s++) {
		const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '"' ? "&quot;" : NULL;
		if (rep) {
			rc = px_buf_put(o, run, (size_t)(s - run));
			if (rc == 0)
				rc = px_buf_puts(o, rep);
			run = s + 1;
		}
	}
	return rc ? rc : px_buf_put(o, run, (size_t)(end - run));
}

static int marked_seg(void *ctx, int kind, const char *s, size_t len)
{
	struct marked *m = ctx;
	if (!(m->show & (1 << kind)))
		return 0;
	int rc = 0;
	if (kind != m->cur) {
		if (m->cur >= 0)
			rc = px_buf_puts(m->out, m->close[m->cur]);
		if (rc == 0)
			rc = px_buf_puts(m->out, m->open[kind]);
		m->cur = kind;
	}
	if (rc == 0)
		rc = m->html ? esc_html(m->out, s, len) : px_buf_put(m->out, s, len);
	return rc;
}

static int marked_diff(struct marked *m, const char *a, const char *b)
{
	m->cur = -1;
	int rc = diff_words(a, b, marked_seg, m);
	if (rc == 0 && m->cur >= 0)
		rc = px_buf_puts(m->out, m->close[m->cur]);
	return rc;
}

/* ---- shared by the renderings ------------------------------------------------ */

static int lang_index(const char *lang)
{
	if (lang && strcmp(lang, "rus") == 0)
		return L_RU;
	if (lang && strcmp(lang, "zho") == 0)
		return L_ZH;
	return -1;
}

/* "II. Heading", "— item", "二、标题", "——条目" */
static int block_line(const struct amend_block *b, bool zh, px_buf *out)
{
	int rc = 0;
	if (b->num && *b->num) {
		rc = px_buf_puts(out, b->num);
		if (rc == 0 && !zh)
			rc = px_buf_put(out, " ", 1);
	}
	return rc ? rc : px_buf_puts(out, b->text);
}

#define HTML_HEAD \
	"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n" \
	"body{font-family:serif;max-width:60em;margin:2em auto;line-height:1.5}\n" \
	"ins{background:#e6ffe6;text-decoration:underline}\n" \
	"del{background:#ffe6e6;text-decoration:line-through}\n" \
	"h1{font-size:1.3em;text-align:center}h2{font-size:1.1em;text-align:center}\n" \
	"p.item{margin-left:2em}p.sig{margin-top:1.5em}\n" \
	"table{border-collapse:collapse;width:100%%}td,th{border:1px solid #888;padding:.4em;vertical-align:top;width:50%%}\n" \
	"td.group{background:#f0f0f0;font-weight:bold;text-align:center}\n" \
	"</style>\n</head>\n<body>\n"

static int html_start(px_buf *out, bool zh, const char *what, const struct amend_lang *L)
{
	px_buf title = PX_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < L->nnew && rc == 0; i++)
		if (L->new[i].kind == BLOCK_TITLE) {
			rc = esc_html(&title, L->new[i].text, strlen(L->new[i].text));
			break;
		}
	if (rc == 0)
		rc = px_buf_printf(&title, "%s%s", zh ? "——" : " — ", what);
	if (rc == 0)
		rc = px_buf_printf(out, HTML_HEAD, zh ? "zh" : "ru", title.ptr);
	px_buf_dispose(&title);
	return rc;
}

/* ---- redline -------------------------------------------------------------- */

int px_redline_html(const px_consolidation_report *r, const char *lang, px_buf *out)
{
	int l = lang_index(lang);
	if (l < 0)
		return px_fail(PX_EUSAGE, "unknown language '%s' (rus or zho)", lang ? lang : "");
	bool zh = l == L_ZH;
	const struct amend_lang *L = &r->lang[l];
	int rc = html_start(out, zh, zh ? "修改对照稿" : "текст с изменениями", L);
	if (rc == 0)
		rc = px_buf_puts(out, zh ? "<p><ins>新增文字</ins>　<del>删除文字</del></p>\n"
			: "<p><ins>Включаемый текст</ins> <del>Исключаемый текст</del></p>\n");
	struct marked m = { out, 7, { "", "<del>", "<ins>" }, { "", "</del>", "</ins>" }, true, -1 };
	for (size_t i = 0; i < L->nrows && rc == 0; i++) {
		const struct amend_row *row = &L->rows[i];
		const struct amend_block *o = row->old_i >= 0 ? &L->old[row->old_i] : NULL;
		const struct amend_block *n = row->new_i >= 0 ? &L->new[row->new_i] : NULL;
		const struct amend_block *b = n ? n : o;
		const char *tag = b->kind == BLOCK_TITLE ? "h1" : b->kind == BLOCK_HEADING ? "h2" : "p";
		const char *cls = b->kind == BLOCK_ITEM ? " class=\"item\"" : b->kind == BLOCK_SIGNATURE ? " class=\"sig\"" : "";
		rc = px_buf_printf(out, "<%s%s id=\"%s\">", tag, cls, b->eid);
		if (rc == 0 && o && n) {
			if ((o->num || n->num) && strcmp(o->num ? o->num : "", n->num ? n->num : "") != 0)
				rc = marked_diff(&m, o->num ? o->num : "", n->num ? n->num : "");
			else if (n->num)
				rc = esc_html(out, n->num, strlen(n->num));
			if (rc == 0 && n->num && !zh)
				rc = px_buf_put(out, " ", 1);
			if (rc == 0)
				rc = marked_diff(&m, o->text, n->text);
		} else if (rc == 0) {
			px_buf line = PX_BUF_INIT;
			rc = block_line(b, zh, &line);
			if (rc == 0)
				rc = px_buf_puts(out, n ? "<ins>" : "<del>");
			if (rc == 0)
				rc = esc_html(out, line.ptr ? line.ptr : "", line.size);
			if (rc == 0)
				rc = px_buf_puts(out, n ? "</ins>" : "</del>");
			px_buf_dispose(&line);
		}
		if (rc == 0)
			rc = px_buf_printf(out, "</%s>\n", tag);
	}
	return rc ? rc : px_buf_puts(out, "</body>\n</html>\n");
}

/* ---- comparison tables ------------------------------------------------------ */

struct table_row {
	char *group;  /* the section the row is in; NULL when the same as the row before */
	px_buf left, right;
};

static const char *const headers[2][2] = {
	{ "Действующая редакция", "Новая редакция" },
	{ "现行文本", "修改后文本" },
};
static const char *const absent[2][2] = {
	{ "(отсутствует)", "(исключено)" },
	{ "（无）", "（删除）" },
};
static const char *const groups[2][2] = {
	{ "Преамбула", "Подписи" },
	{ "序言", "签署" },
};

static void free_table(struct table_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].group);
		px_buf_dispose(&rows[i].left);
		px_buf_dispose(&rows[i].right);
	}
	free(rows);
}

/* One side of a row: the whole line, marked as inserted or deleted. */
static int whole_line(px_buf *to, const struct amend_block *b, bool zh, bool html, bool ins)
{
	px_buf line = PX_BUF_INIT;
	int rc = block_line(b, zh, &line);
	if (rc == 0)
		rc = px_buf_puts(to, html ? (ins ? "<ins>" : "<del>") : (ins ? "{+" : "[-"));
	if (rc == 0)
		rc = html ? esc_html(to, line.ptr ? line.ptr : "", line.size) : px_buf_put(to, line.ptr, line.size);
	if (rc == 0)
		rc = px_buf_puts(to, html ? (ins ? "</ins>" : "</del>") : (ins ? "+}" : "-]"));
	px_buf_dispose(&line);
	return rc;
}

/* Both sides of a changed pair: deletions marked on the left, insertions on
 * the right. */
static int both_sides(struct table_row *tr, const struct amend_block *o, const struct amend_block *n, bool zh,
	bool html)
{
	struct marked ml = { &tr->left, 3, { "", html ? "<del>" : "[-", "" }, { "", html ? "</del>" : "-]", "" }, html, -1 };
	struct marked mr = { &tr->right, 5, { "", "", html ? "<ins>" : "{+" }, { "", "", html ? "</ins>" : "+}" }, html,
		-1 };
	px_buf lo = PX_BUF_INIT, ln = PX_BUF_INIT;
	int rc = block_line(o, zh, &lo);
	if (rc == 0)
		rc = block_line(n, zh, &ln);
	if (rc == 0)
		rc = marked_diff(&ml, lo.ptr ? lo.ptr : "", ln.ptr ? ln.ptr : "");
	if (rc == 0)
		rc = marked_diff(&mr, lo.ptr ? lo.ptr : "", ln.ptr ? ln.ptr : "");
	px_buf_dispose(&lo);
	px_buf_dispose(&ln);
	return rc;
}

/* The changed rows, each with the section it is in. */
static int table_rows(const px_consolidation_report *r, int l, bool html, struct table_row **out, size_t *n)
{
	const struct amend_lang *L = &r->lang[l];
	bool zh = l == L_ZH;
	struct table_row *rows = calloc(L->nrows ? L->nrows : 1, sizeof *rows);
	if (!rows)
		return px_fail_oom();
	size_t k = 0;
	int rc = 0;
	px_buf group = PX_BUF_INIT, last = PX_BUF_INIT;
	rc = px_buf_puts(&group, groups[l][0]);
	for (size_t i = 0; i < L->nrows && rc == 0; i++) {
		const struct amend_row *row = &L->rows[i];
		const struct amend_block *o = row->old_i >= 0 ? &L->old[row->old_i] : NULL;
		const struct amend_block *nb = row->new_i >= 0 ? &L->new[row->new_i] : NULL;
		const struct amend_block *b = nb ? nb : o;
		if (b->kind == BLOCK_HEADING) {
			px_buf_clear(&group);
			rc = block_line(b, zh, &group);
		} else if (b->kind == BLOCK_SIGNATURE) {
			px_buf_clear(&group);
			rc = px_buf_puts(&group, groups[l][1]);
		}
		if (rc < 0 || !row->changed)
			continue;
		struct table_row *tr = &rows[k++];
		if (!last.ptr || strcmp(last.ptr, group.ptr ? group.ptr : "") != 0) {
			px_buf_clear(&last);
			rc = px_buf_puts(&last, group.ptr ? group.ptr : "");
			if (rc == 0 && !(tr->group = px_strdup(last.ptr ? last.ptr : "")))
				rc = px_fail_oom();
		}
		if (rc == 0 && o && nb)
			rc = both_sides(tr, o, nb, zh, html);
		else if (rc == 0) {
			rc = whole_line(nb ? &tr->right : &tr->left, b, zh, html, nb != NULL);
			if (rc == 0)
				rc = px_buf_puts(nb ? &tr->left : &tr->right, absent[l][nb ? 0 : 1]);
		}
	}
	px_buf_dispose(&group);
	px_buf_dispose(&last);
	if (rc < 0) {
		free_table(rows, k);
		return rc;
	}
	*out = rows;
	*n = k;
	return 0;
}

int px_comparison_table_html(const px_consolidation_report *r, const char *lang, px_buf *out)
{
	int l = lang_index(lang);
	if (l < 0)
		return px_fail(PX_EUSAGE, "unknown language '%s' (rus or zho)", lang ? lang : "");
	bool zh = l == L_ZH;
	struct table_row *rows;
	size_t n;
	int rc = table_rows(r, l, true, &rows, &n);
	if (rc < 0)
		return rc;
	rc = html_start(out, zh, zh ? "修改对照表" : "сравнительная таблица", &r->lang[l]);
	if (rc == 0)
		rc = px_buf_printf(out, "<table>\n<thead><tr><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n", headers[l][0],
			headers[l][1]);
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (rows[i].group) {
			rc = px_buf_puts(out, "<tr><td class=\"group\" colspan=\"2\">");
			rc |= esc_html(out, rows[i].group, strlen(rows[i].group));
			rc |= px_buf_puts(out, "</td></tr>\n");
		}
		if (rc == 0)
			rc = px_buf_printf(out, "<tr><td>%s</td><td>%s</td></tr>\n", rows[i].left.ptr ? rows[i].left.ptr : "",
				rows[i].right.ptr ? rows[i].right.ptr : "");
	}
	if (rc == 0)
		rc = px_buf_puts(out, "</tbody>\n</table>\n</body>\n</html>\n");
	free_table(rows, n);
	return rc;
}

/* Terminal cells of a code point: two for wide and full-width characters. */
static int cells(uint32_t cp)
{
	int w = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
	return w == U_EA_WIDE || w == U_EA_FULLWIDTH ? 2 : 1;
}

static bool no_line_start(uint32_t cp)
{
	static const uint32_t marks[] = { 0xFF0C, 0x3002, 0xFF1B, 0xFF1A, 0x3001, 0xFF09, 0x300B, 0x201D, ',', '.', ';',
		':', ')', 0 };
	for (size_t i = 0; marks[i]; i++)
		if (cp == marks[i])
			return true;
	return false;
}

struct line {
	size_t start, end; /* bytes of the text */
	int width;
};

/* Break `s` into lines of at most `width` cells: at spaces where there are
 * any, else between characters, never before a closing punctuation mark. */
static size_t wrap(const char *s, int width, struct line **out)
{
	size_t len = strlen(s), n = 0, a = 8;
	struct line *ls = malloc(a * sizeof *ls);
	if (!ls)
		return (size_t)-1;
	size_t i = 0;
	while (i < len || n == 0) {
		size_t start = i, brk = 0, j = i;
		int w = 0, wbrk = 0;
		while (j < len) {
			uint32_t cp;
			int k = px_utf8_decode(s + j, len - j, &cp);
			int c = cells(cp);
			if (w + c > width && j > start && !no_line_start(cp))
				break;
			if (cp == ' ') {
				brk = j;
				wbrk = w;
			}
			w += c;
			j += (size_t)k;
			uint32_t next = 0;
			if (j < len)
				px_utf8_decode(s + j, len - j, &next);
			UErrorCode e = U_ZERO_ERROR;
			if (uscript_getScript((UChar32)cp, &e) == USCRIPT_HAN || cells(cp) == 2) {
				if (!no_line_start(next)) {
					brk = j;
					wbrk = w;
				}
			}
		}
		size_t end = j;
		if (j < len && brk > start) {
			end = brk;
			w = wbrk;
		}
		if (px_amend_grow(&ls, &a, n, sizeof *ls, 8) < 0) {
			free(ls);
			return (size_t)-1;
		}
		size_t e2 = end;
		while (e2 > start && s[e2 - 1] == ' ')
			e2--;
		ls[n].start = start;
		ls[n].end = e2;
		ls[n++].width = w - (int)(end - e2);
		i = end;
		while (i < len && s[i] == ' ')
			i++;
		if (len == 0)
			break;
	}
	*out = ls;
	return n;
}

static int pad(px_buf *out, int k)
{
	for (int i = 0; i < k; i++)
		if (px_buf_put(out, " ", 1) < 0)
			return PX_ENOMEM;
	return 0;
}

static int text_width(const char *s)
{
	int w = 0;
	for (size_t i = 0, len = strlen(s); i < len;) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(s + i, len - i, &cp);
		w += cells(cp);
	}
	return w;
}

static int two_columns(px_buf *out, const char *left, const char *right, int col)
{
	struct line *a = NULL, *b = NULL;
	size_t na = wrap(left, col, &a), nb = wrap(right, col, &b);
	int rc = 0;
	if (na == (size_t)-1 || nb == (size_t)-1)
		rc = px_fail_oom();
	for (size_t i = 0; rc == 0 && (i < na || i < nb); i++) {
		int w = 0;
		if (i < na) {
			rc = px_buf_put(out, left + a[i].start, a[i].end - a[i].start);
			w = a[i].width;
		}
		if (rc == 0 && i < nb) {
			rc = pad(out, col - w);
			if (rc == 0)
				rc = px_buf_puts(out, " | ");
			if (rc == 0)
				rc = px_buf_put(out, right + b[i].start, b[i].end - b[i].start);
		} else if (rc == 0) {
			rc = pad(out, col - w);
			if (rc == 0)
				rc = px_buf_puts(out, " |");
		}
		if (rc == 0)
			rc = px_buf_put(out, "\n", 1);
	}
	if (na != (size_t)-1)
		free(a);
	if (nb != (size_t)-1)
		free(b);
	return rc;
}

static int rule(px_buf *out, int col, const char *ch)
{
	int rc = 0;
	for (int i = 0; i < col * 2 + 3 && rc == 0; i++)
		rc = px_buf_puts(out, i == col + 1 ? "+" : ch);
	return rc ? rc : px_buf_put(out, "\n", 1);
}

int px_comparison_table_text(const px_consolidation_report *r, const char *lang, unsigned width, px_buf *out)
{
	int l = lang_index(lang);
	if (l < 0)
		return px_fail(PX_EUSAGE, "unknown language '%s' (rus or zho)", lang ? lang : "");
	if (width == 0)
		width = 100;
	if (width < 40 || width > 1000)
		return px_fail(PX_EUSAGE, "a table %u cells wide is too narrow or too wide (40 to 1000)", width);
	int col = (int)(width - 3) / 2;
	struct table_row *rows;
	size_t n;
	int rc = table_rows(r, l, false, &rows, &n);
	if (rc < 0)
		return rc;
	rc = two_columns(out, headers[l][0], headers[l][1], col);
	if (rc == 0)
		rc = rule(out, col, "=");
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (rows[i].group) {
			int w = text_width(rows[i].group);
			rc = pad(out, w < (int)width ? ((int)width - w) / 2 : 0);
			rc |= px_buf_puts(out, rows[i].group);
			rc |= px_buf_put(out, "\n", 1);
			if (rc == 0)
				rc = rule(out, col, "-");
		}
		if (rc == 0)
			rc = two_columns(out, rows[i].left.ptr ? rows[i].left.ptr : "", rows[i].right.ptr ? rows[i].right.ptr : "",
				col);
		if (rc == 0)
			rc = rule(out, col, "-");
	}
	if (rc == 0 && n == 0)
		rc = px_buf_puts(out, l == L_ZH ? "（无修改）\n" : "(изменений нет)\n");
	free_table(rows, n);
	return rc;
}
