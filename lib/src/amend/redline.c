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
#include <unicode/udat.h>
#include <unicode/ustring.h>
#include <unicode/uscript.h>

#include "amend/amend_int.h"

/* ---- an index of borrowed strings --------------------------------------------- */

int px_amend_index_init(struct amend_index *x, size_t n)
{
	size_t slots = 16;
	while (slots < n * 2 && slots < SIZE_MAX / 4)
		slots *= 2;
	x->keys = calloc(slots, sizeof *x->keys);
	x->vals = malloc(slots * sizeof *x->vals);
	x->mask = slots - 1;
	x->count = 0;
	if (!x->keys || !x->vals) {
		px_amend_index_free(x);
		return px_fail_oom();
	}
	return 0;
}

/* The slot of `key`, or the empty slot where it would go. */
static size_t index_slot(const struct amend_index *x, const char *key)
{
	size_t i = px_hash_str(key) & x->mask;
	while (x->keys[i] && strcmp(x->keys[i], key) != 0)
		i = (i + 1) & x->mask;
	return i;
}

int px_amend_index_add(struct amend_index *x, const char *key, size_t val)
{
	if ((x->count + 1) * 2 > x->mask + 1) {
		struct amend_index y;
		if (px_amend_index_init(&y, (x->mask + 1)) < 0)
			return PX_ENOMEM;
		for (size_t i = 0; i <= x->mask; i++)
			if (x->keys[i]) {
				size_t j = index_slot(&y, x->keys[i]);
				y.keys[j] = x->keys[i];
				y.vals[j] = x->vals[i];
			}
		y.count = x->count;
		px_amend_index_free(x);
		*x = y;
	}
	size_t i = index_slot(x, key);
	if (!x->keys[i]) {
		x->keys[i] = key;
		x->vals[i] = val;
		x->count++;
	}
	return 0;
}

bool px_amend_index_get(const struct amend_index *x, const char *key, size_t *val)
{
	if (!x->keys)
		return false;
	size_t i = index_slot(x, key);
	if (!x->keys[i])
		return false;
	if (val)
		*val = x->vals[i];
	return true;
}

bool px_amend_index_set(struct amend_index *x, const char *key, size_t val)
{
	if (!x->keys)
		return false;
	size_t i = index_slot(x, key);
	if (!x->keys[i])
		return false;
	x->vals[i] = val;
	return true;
}

void px_amend_index_free(struct amend_index *x)
{
	free(x->keys);
	free(x->vals);
	x->keys = NULL;
	x->vals = NULL;
	x->mask = x->count = 0;
}

/* ---- blocks ----------------------------------------------------------------- */

/* Where the strings of a block are in the string area while it grows. */
struct block_at {
	size_t eid, num, text; /* num: NO_NUM when the unit has none */
	const char *same;      /* the same text, in the blocks of the base; or NULL */
	long origin;           /* the base block the unit comes from, or -1 */
};

#define NO_NUM SIZE_MAX

struct blocks {
	struct amend_block *b;
	struct block_at *at;
	size_t n, a, aat;
	char *s;      /* the strings, NUL-terminated, one after another */
	size_t len, cap;
	/* for the blocks of a result: the blocks of the base, and their units'
	 * eIds in the result → index among them (NULL for the base itself) */
	const struct amend_block *base;
	const struct amend_index *images;
	xmlNodePtr pending_num; /* the number of a numbered paragraph, for its first p */
};

/* Room for `extra` more bytes in the strings. */
static int reserve(struct blocks *bs, size_t extra)
{
	if (bs->len + extra <= bs->cap)
		return 0;
	size_t cap = bs->cap ? bs->cap : 1 << 16;
	while (cap < bs->len + extra) {
		if (cap > SIZE_MAX / 2)
			return px_fail_oom();
		cap *= 2;
	}
	char *s = realloc(bs->s, cap);
	if (!s)
		return px_fail_oom();
	bs->s = s;
	bs->cap = cap;
	return 0;
}

/* The state of white-space collapsing across the pieces of one text. */
struct collapse {
	bool pending; /* a space is due before the next character */
	bool any;     /* a character was written */
};

/* What a byte is to white-space collapsing: part of a character that is
 * not a space (0), an ASCII space (1), or the first byte of a character that
 * may be a space: U+00A0, U+1680, U+2000…U+205F, U+3000, U+FEFF (2). */
static unsigned char byte_class(unsigned char c)
{
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	return c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF ? 2 : 0;
}

/* Append `s` to the strings with white space collapsed as px_collapse_space()
 * does (no space at the start or the end, one for every run), continuing the
 * text `st` describes. Runs of bytes that cannot be spaces are copied whole. */
static int put_collapsed(struct blocks *bs, struct collapse *st, const char *s, size_t len)
{
	if (reserve(bs, len + 1) < 0)
		return PX_ENOMEM;
	const unsigned char *u = (const unsigned char *)s;
	char *o = bs->s + bs->len;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && !byte_class(u[j]))
			j++;
		if (j > i) {
			if (st->pending)
				*o++ = ' ';
			st->pending = false;
			st->any = true;
			memcpy(o, s + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		size_t k = 1;
		bool space = true;
		if (byte_class(u[i]) == 2) {
			uint32_t cp;
			k = (size_t)px_utf8_decode(s + i, len - i, &cp);
			space = px_is_space(cp);
		}
		if (space) {
			st->pending = st->any;
		} else {
			if (st->pending)
				*o++ = ' ';
			st->pending = false;
			st->any = true;
			memcpy(o, s + i, k);
			o += k;
		}
		i += k;
	}
	bs->len = (size_t)(o - bs->s);
	return 0;
}

/* The text of `node` as px_node_text() gives it: text as written in mixed
 * content, a space after each child of a structural element. */
static int text_rec(struct blocks *bs, struct collapse *st, xmlNodePtr node)
{
	int mixed = -1; /* whether `node` has mixed content: asked at its first child element */
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			if (put_collapsed(bs, st, (const char *)c->content, strlen((const char *)c->content)) < 0)
				return PX_ENOMEM;
		} else if (c->type == XML_ELEMENT_NODE) {
			if (text_rec(bs, st, c) < 0)
				return PX_ENOMEM;
			if (mixed < 0)
				mixed = px_is_mixed(node);
			if (!mixed)
				st->pending = st->any;
		}
	}
	return 0;
}

/* Append the collapsed text of `node` (none for NULL), not terminated. */
static int node_text(struct blocks *bs, xmlNodePtr node)
{
	struct collapse st = { false, false };
	return node ? text_rec(bs, &st, node) : 0;
}

static int put_str(struct blocks *bs, const char *s, size_t *at)
{
	size_t len = strlen(s);
	if (reserve(bs, len + 1) < 0)
		return PX_ENOMEM;
	*at = bs->len;
	memcpy(bs->s + bs->len, s, len + 1);
	bs->len += len + 1;
	return 0;
}

static int terminate(struct blocks *bs)
{
	if (reserve(bs, 1) < 0)
		return PX_ENOMEM;
	bs->s[bs->len++] = '\0';
	return 0;
}

/* Start a block of `unit`: its eId and number. Its text follows in the
 * strings, from `at[n].text` on, until push_block() ends it. */
static int start_block(struct blocks *bs, xmlNodePtr unit, int kind, xmlNodePtr num)
{
	if (px_amend_grow(&bs->b, &bs->a, bs->n, sizeof *bs->b, 1024) < 0 ||
			px_amend_grow(&bs->at, &bs->aat, bs->n, sizeof *bs->at, 1024) < 0)
		return PX_ENOMEM;
	struct block_at *at = &bs->at[bs->n];
	const char *eid = px_attr(unit, "eId");
	bs->b[bs->n].kind = kind;
	at->num = NO_NUM;
	int rc = put_str(bs, eid ? eid : "", &at->eid);
	if (rc == 0 && num) {
		at->num = bs->len;
		rc = node_text(bs, num);
		if (rc == 0)
			rc = terminate(bs);
	}
	at->text = bs->len;
	return rc;
}

/* End the block started last. In a result, a block whose unit comes from a
 * base block of the same kind notes that origin, and when the wording is
 * the same it shares the base block's text instead of keeping a copy. */
static int push_block(struct blocks *bs)
{
	int rc = terminate(bs);
	if (rc < 0)
		return rc;
	struct block_at *at = &bs->at[bs->n];
	size_t oi;
	at->same = NULL;
	at->origin = -1;
	if (bs->images && px_amend_index_get(bs->images, bs->s + at->eid, &oi) &&
			bs->base[oi].kind == bs->b[bs->n].kind) {
		at->origin = (long)oi;
		if (strcmp(bs->base[oi].text, bs->s + at->text) == 0) {
			at->same = bs->base[oi].text;
			bs->len = at->text;
		}
	}
	bs->n++;
	return 0;
}

static int blocks_rec(struct blocks *bs, xmlNodePtr n, bool conclusions)
{
	for (xmlNodePtr c = px_first_el(n); c; c = px_next_el(c)) {
		/* the namespace is compared once, then only the name */
		const char *name = c->ns && strcmp((const char *)c->ns->href, PX_AKN_NS) == 0 ? (const char *)c->name : "";
		if (strcmp(name, "meta") == 0)
			continue;
		int rc = 0;
		if (strcmp(name, "section") == 0 || strcmp(name, "article") == 0 || strcmp(name, "chapter") == 0) {
			rc = start_block(bs, c, BLOCK_HEADING, px_child(c, "num"));
			if (rc == 0)
				rc = node_text(bs, px_child(c, "heading"));
			if (rc == 0)
				rc = push_block(bs);
			if (rc == 0)
				rc = blocks_rec(bs, c, conclusions);
		} else if (strcmp(name, "item") == 0) {
			rc = start_block(bs, c, BLOCK_ITEM, px_child(c, "num"));
			size_t from = bs->len;
			/* the first p and every element after it, one space apart */
			for (xmlNodePtr p = px_child(c, "p"); p && rc == 0; p = px_next_el(p)) {
				if (bs->len > from && (rc = reserve(bs, 1)) == 0)
					bs->s[bs->len++] = ' ';
				if (rc == 0)
					rc = node_text(bs, p);
			}
			if (rc == 0)
				rc = push_block(bs);
			for (xmlNodePtr l = px_child(c, "blockList"); l && rc == 0; l = NULL)
				rc = blocks_rec(bs, l, conclusions);
		} else if (strcmp(name, "p") == 0) {
			xmlNodePtr title = px_child(c, "docTitle");
			rc = start_block(bs, c, title ? BLOCK_TITLE : conclusions ? BLOCK_SIGNATURE : BLOCK_PARA, bs->pending_num);
			bs->pending_num = NULL;
			if (rc == 0)
				rc = node_text(bs, title ? title : c);
			if (rc == 0)
				rc = push_block(bs);
		} else if (strcmp(name, "paragraph") == 0 && px_child(c, "num")) {
			/* «2. Информация …»: the first p of a numbered paragraph with its number */
			bs->pending_num = px_child(c, "num");
			rc = blocks_rec(bs, c, conclusions);
			bs->pending_num = NULL;
		} else if (strcmp(name, "num") != 0 && strcmp(name, "heading") != 0) {
			rc = blocks_rec(bs, c, conclusions || strcmp(name, "conclusions") == 0);
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * The blocks of `doc` in document order, into `L->old` (base: `images`
 * NULL) or `L->new` (result: `images` maps the eIds the units of L->old have
 * in the result to their index). All their strings go into one area, grown
 * by doubling while the tree is walked once; the blocks point into it only
 * when it is complete. `origin` (result only) gets, for each block, the
 * index of the base block it faces, or -1. On failure nothing is kept.
 */
static int collect_blocks(struct amend_lang *L, const px_doc *doc, const struct amend_index *images, long **origin)
{
	struct blocks bs = { 0 };
	bs.base = L->old;
	bs.images = images;
	int rc = blocks_rec(&bs, px_doc_root(doc), false);
	if (rc == 0 && !bs.s)
		rc = terminate(&bs);
	if (rc == 0 && images && !(*origin = malloc((bs.n ? bs.n : 1) * sizeof **origin)))
		rc = px_fail_oom();
	for (size_t i = 0; i < bs.n && rc == 0; i++) {
		bs.b[i].eid = bs.s + bs.at[i].eid;
		bs.b[i].num = bs.at[i].num == NO_NUM ? NULL : bs.s + bs.at[i].num;
		bs.b[i].text = bs.at[i].same ? bs.at[i].same : bs.s + bs.at[i].text;
		if (images)
			(*origin)[i] = bs.at[i].origin;
	}
	free(bs.at);
	if (rc < 0) {
		free(bs.b);
		free(bs.s);
		return rc;
	}
	if (images) {
		L->new = bs.b;
		L->nnew = bs.n;
		L->new_strings = bs.s;
	} else {
		L->old = bs.b;
		L->nold = bs.n;
		L->old_strings = bs.s;
	}
	return 0;
}

void px_amend_blocks_free(struct amend_block *b, char *strings)
{
	free(b);
	free(strings);
}

/* ---- alignment ------------------------------------------------------------ */

static int push_row(struct amend_lang *L, size_t *a, long o, long n, bool changed)
{
	if (px_amend_grow(&L->rows, a, L->nrows, sizeof *L->rows, 256) < 0)
		return PX_ENOMEM;
	L->rows[L->nrows] = (struct amend_row){ o, n, changed, 0, 0 };
	L->nrows++;
	return 0;
}

/*
 * The blocks of one language and their rows: every new block, in order,
 * faces the old block of the unit it comes from (through the total map)
 * when that block is of the same kind, or stands alone as inserted; the old
 * blocks the map gives no image (repealed) come in their order before the
 * next pair. Linear: the images of the old blocks are indexed once, and each
 * new block is looked up once, while it is collected.
 */
static int align_lang(struct px_consolidation_report *r, struct amend_lang *L, const px_doc *base,
	const px_doc *result)
{
	struct amend_index idx = { 0 };
	long *origin = NULL;
	bool *gone = NULL;
	int rc = collect_blocks(L, base, NULL, NULL);
	/* an old block is repealed when the map gives it no image among the new blocks */
	if (rc == 0 && !(gone = calloc(L->nold ? L->nold : 1, sizeof *gone)))
		rc = px_fail_oom();
	if (rc == 0)
		rc = px_amend_index_init(&idx, L->nold);
	for (size_t i = 0; i < L->nold && rc == 0; i++) {
		const char *to = px_amend_total(r, L->old[i].eid);
		gone[i] = !to || !*to;
		if (!gone[i])
			rc = px_amend_index_add(&idx, to, i);
	}
	if (rc == 0)
		rc = collect_blocks(L, result, &idx, &origin);
	size_t a = 0, next_old = 0;
	for (size_t i = 0; i < L->nnew && rc == 0; i++) {
		if (origin[i] < 0) {
			rc = push_row(L, &a, -1, (long)i, true);
			continue;
		}
		size_t oi = (size_t)origin[i];
		for (; next_old < oi && rc == 0; next_old++)
			if (gone[next_old])
				rc = push_row(L, &a, (long)next_old, -1, true);
		if (next_old <= oi)
			next_old = oi + 1;
		if (rc == 0)
			rc = push_row(L, &a, (long)oi, (long)i,
				L->old[oi].text != L->new[i].text && strcmp(L->old[oi].text, L->new[i].text) != 0);
	}
	for (; next_old < L->nold && rc == 0; next_old++)
		if (gone[next_old])
			rc = push_row(L, &a, (long)next_old, -1, true);
	free(gone);
	free(origin);
	px_amend_index_free(&idx);
	return rc;
}

/* The position (1-based) of the passiveRef `id` among the passiveRefs, 0 if none. */
static int ref_index(xmlNodePtr refs, const char *id)
{
	int i = 0;
	for (xmlNodePtr e = px_first_el(refs); e; e = px_next_el(e))
		if (px_is(e, "passiveRef")) {
			i++;
			if (px_attr(e, "eId") && strcmp(px_attr(e, "eId"), id) == 0)
				return i;
		}
	return 0;
}

/* One pass over the passiveModifications: each change (numbered in its
 * instrument's order) cites the rows of its unit (the unit or its first p),
 * or, `inside`, the rows within a unit inserted or restated whole. */
static int cite_pass(struct amend_lang *L, xmlNodePtr pm, xmlNodePtr refs, int nref, bool inside)
{
	int *count = calloc((size_t)nref + 1, sizeof *count);
	if (!count)
		return px_fail_oom();
	for (xmlNodePtr tm = px_first_el(pm); tm; tm = px_next_el(tm)) {
		xmlNodePtr src = px_child(tm, "source"), dst = px_child(tm, "destination");
		const char *sh = src ? px_attr(src, "href") : NULL, *dh = dst ? px_attr(dst, "href") : NULL;
		int k = sh && dh && sh[0] == '#' && dh[0] == '#' ? ref_index(refs, sh + 1) : 0;
		if (!k || k > nref)
			continue;
		int num = ++count[k];
		size_t dl = strlen(dh + 1);
		for (size_t r = 0; r < L->nrows; r++) {
			struct amend_row *row = &L->rows[r];
			const struct amend_block *b = row->new_i >= 0 ? &L->new[row->new_i]
				: row->old_i >= 0 && !inside ? &L->old[row->old_i] : NULL;
			if (!b || !row->changed || row->ref || strncmp(b->eid, dh + 1, dl) != 0)
				continue;
			const char *rest = b->eid + dl;
			if (inside ? strncmp(rest, "__", 2) == 0 : (*rest == '\0' || strcmp(rest, "__p_1") == 0)) {
				row->ref = k;
				row->num = num;
			}
		}
	}
	free(count);
	return 0;
}

/* Which instrument changed each row, and which of its changes it is: from
 * the consolidated document's passiveModifications (destination, source
 * passiveRef, in the instrument's order) and its passiveRefs (title, date). */
static int cite_rows(struct amend_lang *L, const px_doc *result)
{
	xmlNodePtr meta = px_child(px_doc_root(result), "meta");
	xmlNodePtr an = meta ? px_child(meta, "analysis") : NULL, refs = meta ? px_child(meta, "references") : NULL;
	xmlNodePtr pm = an ? px_child(an, "passiveModifications") : NULL;
	if (!pm || !refs)
		return 0;
	size_t cap = 0;
	for (xmlNodePtr e = px_first_el(refs); e; e = px_next_el(e)) {
		if (!px_is(e, "passiveRef"))
			continue;
		const char *href = px_attr(e, "href"), *at = href ? strrchr(href, '@') : NULL;
		if (px_amend_grow(&L->refs, &cap, L->nrefs, sizeof *L->refs, 4) < 0)
			return PX_ENOMEM;
		struct amend_ref *x = &L->refs[L->nrefs];
		memset(x, 0, sizeof *x);
		if (!(x->title = px_strdup(px_attr(e, "showAs") ? px_attr(e, "showAs") : "")))
			return px_fail_oom();
		if (at && strlen(at + 1) >= 10)
			memcpy(x->date, at + 1, 10);
		L->nrefs++;
	}
	int rc = cite_pass(L, pm, refs, (int)L->nrefs, false);
	return rc ? rc : cite_pass(L, pm, refs, (int)L->nrefs, true);
}

int px_amend_align(struct px_consolidation_report *r, const px_doc *const base[2], const px_doc *const result[2])
{
	int rc = 0;
	for (int l = 0; l < 2 && rc == 0; l++) {
		rc = align_lang(r, &r->lang[l], base[l], result[l]);
		if (rc == 0)
			rc = cite_rows(&r->lang[l], result[l]);
	}
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

static int lang_index(px_lang lang)
{
	return lang == PX_LANG_RU ? L_RU : lang == PX_LANG_ZH ? L_ZH : -1;
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
	"div.cite{color:#555;font-size:85%%;margin-top:.3em}\np.ref{margin:.2em 0}\n" \
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

/* «1 сентября 2025 года», «2025年9月1日» (ICU); the date as given when it cannot be read. */
static void say_date(const char *iso, bool zh, char *out, size_t size)
{
	snprintf(out, size, "%s", iso);
	int y, m, d;
	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return;
	UErrorCode e = U_ZERO_ERROR;
	const UChar *pat = zh ? u"y年M月d日" : u"d MMMM y 'года'";
	UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, zh ? "zh" : "ru", u"UTC", -1, pat, -1, &e);
	UCalendar *cal = U_SUCCESS(e) ? ucal_open(u"UTC", -1, zh ? "zh" : "ru", UCAL_GREGORIAN, &e) : NULL;
	if (U_SUCCESS(e)) {
		ucal_setDateTime(cal, y, m - 1, d, 12, 0, 0, &e);
		UChar buf[64];
		int32_t n = udat_format(f, ucal_getMillis(cal, &e), buf, 64, NULL, &e);
		if (U_SUCCESS(e))
			u_strToUTF8(out, (int32_t)size, NULL, buf, n, &e);
		if (U_FAILURE(e))
			snprintf(out, size, "%s", iso);
	}
	if (cal)
		ucal_close(cal);
	if (f)
		udat_close(f);
}

/* The instruments the rows cite, one a line: «[1] ПРОТОКОЛ … от 1 сентября 2025 года». */
static int legend(px_buf *to, const struct amend_lang *L, bool zh, bool html)
{
	int rc = 0;
	for (size_t i = 0; i < L->nrefs && rc == 0; i++) {
		char when[64];
		say_date(L->refs[i].date, zh, when, sizeof when);
		px_buf t = PX_BUF_INIT;
		if (zh)
			rc = px_buf_printf(&t, "[%zu] %s（%s签署）", i + 1, L->refs[i].title, when);
		else
			rc = px_buf_printf(&t, "[%zu] %s (подписан %s)", i + 1, L->refs[i].title, when);
		if (rc == 0 && html) {
			rc = px_buf_puts(to, "<p class=\"ref\">");
			rc |= esc_html(to, t.ptr, t.size);
			rc |= px_buf_puts(to, "</p>\n");
		} else if (rc == 0) {
			rc = px_buf_printf(to, "%s\n", t.ptr);
		}
		px_buf_dispose(&t);
	}
	return rc;
}

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

/* ---- redline -------------------------------------------------------------- */

int px_redline_html(const px_consolidation_report *r, px_lang lang, px_buf *out)
{
	int l = lang_index(lang);
	if (l < 0)
		return px_fail(PX_EUSAGE, "unknown language %d (PX_LANG_RU or PX_LANG_ZH)", (int)lang);
	bool zh = l == L_ZH;
	const struct amend_lang *L = &r->lang[l];
	int rc = html_start(out, zh, zh ? "修改对照稿" : "текст с изменениями", L);
	if (rc == 0)
		rc = legend(out, L, zh, true);
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
			/* the same wording: all of it unchanged, no need to compare */
			if (rc == 0)
				rc = row->changed ? marked_diff(&m, o->text, n->text) : esc_html(out, n->text, strlen(n->text));
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
	int ref, num; /* the instrument and its change that made the row (amend_row) */
};

/* «[1], изменение 3» / «[1]第3项修改»: where a row's change comes from. */
static int cite(px_buf *to, const struct table_row *tr, bool zh)
{
	if (!tr->ref)
		return 0;
	return zh ? px_buf_printf(to, "[%d]第%d项修改", tr->ref, tr->num)
		  : px_buf_printf(to, "[%d], изменение %d", tr->ref, tr->num);
}

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
		tr->ref = row->ref;
		tr->num = row->num;
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

int px_comparison_table_html(const px_consolidation_report *r, px_lang lang, px_buf *out)
{
	int l = lang_index(lang);
	if (l < 0)
		return px_fail(PX_EUSAGE, "unknown language %d (PX_LANG_RU or PX_LANG_ZH)", (int)lang);
	bool zh = l == L_ZH;
	struct table_row *rows;
	size_t n;
	int rc = table_rows(r, l, true, &rows, &n);
	if (rc < 0)
		return rc;
	rc = html_start(out, zh, zh ? "修改对照表" : "сравнительная таблица", &r->lang[l]);
	if (rc == 0)
		rc = legend(out, &r->lang[l], zh, true);
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
			rc = px_buf_printf(out, "<tr><td>%s</td><td>%s", rows[i].left.ptr ? rows[i].left.ptr : "",
				rows[i].right.ptr ? rows[i].right.ptr : "");
		if (rc == 0 && rows[i].ref) {
			rc = px_buf_puts(out, "<div class=\"cite\">");
			rc |= cite(out, &rows[i], zh);
			rc |= px_buf_puts(out, "</div>");
		}
		if (rc == 0)
			rc = px_buf_puts(out, "</td></tr>\n");
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

int px_comparison_table_text(const px_consolidation_report *r, px_lang lang, unsigned width, px_buf *out)
{
	int l = lang_index(lang);
	if (l < 0)
		return px_fail(PX_EUSAGE, "unknown language %d (PX_LANG_RU or PX_LANG_ZH)", (int)lang);
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
	rc = legend(out, &r->lang[l], l == L_ZH, false);
	if (rc == 0 && r->lang[l].nrefs)
		rc = px_buf_put(out, "\n", 1);
	if (rc == 0)
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
		if (rc == 0 && rows[i].ref) {
			rc = px_buf_puts(&rows[i].right, l == L_ZH ? "　" : " ");
			rc |= cite(&rows[i].right, &rows[i], l == L_ZH);
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
