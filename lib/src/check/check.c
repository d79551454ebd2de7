/*
 * The parity check: the checker, the collection of text units, findings and
 * fingerprints, the suppression file and the JSON output. The phases are
 * described at the top of check_int.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "check/check_int.h"
#include "model/model.h"

/* ---- arena --------------------------------------------------------------- */

struct ck_block {
	ck_block *next;
	size_t used, size;
	max_align_t data[];
};

void *ck_alloc(ck_arena *a, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	if (!a->head || a->head->size - a->head->used < n) {
		size_t size = n > 60000 ? n : 60000;
		ck_block *b = malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->next = a->head;
		b->used = 0;
		b->size = size;
		a->head = b;
	}
	void *p = (char *)a->head->data + a->head->used;
	a->head->used += n;
	memset(p, 0, n);
	return p;
}

char *ck_strndup(ck_arena *a, const char *s, size_t n)
{
	char *p = ck_alloc(a, n + 1);
	if (p)
		memcpy(p, s, n);
	return p;
}

void ck_arena_free(ck_arena *a)
{
	while (a->head) {
		ck_block *n = a->head->next;
		free(a->head);
		a->head = n;
	}
}

/* ---- the checker ------------------------------------------------------------ */

static UDateFormat *open_date(const char *locale, const UChar *pattern, int han)
{
	UErrorCode e = U_ZERO_ERROR;
	UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, u"UTC", -1, pattern, -1, &e);
	if (U_FAILURE(e))
		return NULL;
	udat_setLenient(f, 0);
	if (han) {
		UNumberFormat *nf = unum_open(UNUM_SPELLOUT, NULL, 0, "zh", NULL, &e);
		if (U_FAILURE(e)) {
			udat_close(f);
			return NULL;
		}
		udat_adoptNumberFormat(f, nf);
	}
	return f;
}

int px_checker_new(px_checker **out, const px_check_options *opts)
{
	static const px_check_options defaults = PX_CHECK_OPTIONS_INIT;
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (px_options_version("px_check_options", opts->version, 1, PX_CHECK_OPTIONS_VERSION) < 0)
		return PX_EUSAGE;
	px_checker *c = calloc(1, sizeof *c);
	if (!c)
		return px_fail_oom();
	pthread_mutex_init(&c->date_lock, NULL);
	c->flags = opts->flags;
	int rc = 0;
	if (opts->accept_path && !(c->accept_path = px_strdup(opts->accept_path))) {
		rc = px_fail_oom();
		goto fail;
	}
	if (opts->context) {
		/* the context's registry and termbase, shared */
		if (opts->registry_path || opts->ntbx || (opts->flags & PX_CHECK_NO_BUILTIN_TERMS)) {
			rc = px_fail(PX_EUSAGE, "a checker with a context takes its registry and termbase from the context");
			goto fail;
		}
		c->reg = px_context_registry(opts->context);
		c->tb = (c->flags & PX_CHECK_NO_TERMS) ? NULL : px_context_termbase(opts->context);
	} else {
		rc = opts->registry_path ? px_registry_load_file(&c->own_reg, opts->registry_path)
					 : px_registry_load_default(&c->own_reg);
		if (rc < 0)
			goto fail;
		c->reg = c->own_reg;
		if (!(c->flags & PX_CHECK_NO_TERMS)) {
			rc = (c->flags & PX_CHECK_NO_BUILTIN_TERMS) ? px_termbase_new_empty(&c->own_tb)
				: px_termbase_new(&c->own_tb);
			for (size_t i = 0; rc == 0 && i < opts->ntbx; i++)
				rc = px_termbase_add_file(c->own_tb, opts->tbx[i]);
			if (rc < 0)
				goto fail;
			c->tb = c->own_tb;
		}
	}
	c->date_ru[0] = open_date("ru_RU", u"d MMMM y 'года'", 0);
	c->date_ru[1] = open_date("ru_RU", u"d MMMM y 'г'.", 0);
	c->date_ru_num = open_date("ru_RU", u"d.M.y", 0);
	c->date_zh = open_date("zh", u"y年M月d日", 0);
	c->date_zh_han = open_date("zh", u"y年M月d日", 1);
	UErrorCode e = U_ZERO_ERROR;
	c->brk[CK_RU] = ubrk_open(UBRK_SENTENCE, "ru", NULL, 0, &e);
	UErrorCode e2 = U_ZERO_ERROR;
	c->brk[CK_ZH] = ubrk_open(UBRK_SENTENCE, "zh", NULL, 0, &e2);
	UErrorCode e3 = U_ZERO_ERROR;
	c->coll_ru = ucol_open("ru", &e3);
	if (!c->date_ru[0] || !c->date_ru[1] || !c->date_ru_num || !c->date_zh || !c->date_zh_han || U_FAILURE(e) ||
		U_FAILURE(e2) || U_FAILURE(e3)) {
		rc = px_fail(PX_ERROR, "ICU lacks the Russian or Chinese date, break or collation data");
		goto fail;
	}
	if ((rc = ck_ordinals_init(c)) < 0)
		goto fail;
	*out = c;
	return 0;
fail:
	px_checker_free(c);
	return rc;
}

void px_checker_free(px_checker *c)
{
	if (!c)
		return;
	free(c->accept_path);
	px_registry_free(c->own_reg);
	px_termbase_free(c->own_tb);
	for (int i = 0; i < 2; i++) {
		if (c->date_ru[i])
			udat_close(c->date_ru[i]);
		if (c->brk[i])
			ubrk_close(c->brk[i]);
	}
	if (c->date_ru_num)
		udat_close(c->date_ru_num);
	if (c->date_zh)
		udat_close(c->date_zh);
	if (c->date_zh_han)
		udat_close(c->date_zh_han);
	if (c->coll_ru)
		ucol_close(c->coll_ru);
	for (size_t i = 0; i < c->nords; i++)
		free(c->ords[i].words);
	free(c->ords);
	for (size_t i = 0; i < c->nord_first; i++)
		free(c->ord_first[i]);
	free(c->ord_first);
	for (int zh = 0; zh < 2; zh++) {
		for (size_t i = 0; c->numerals[zh] && i < CK_MAX_NUMERAL; i++)
			free(c->numerals[zh][i].words);
		free(c->numerals[zh]);
	}
	pthread_mutex_destroy(&c->date_lock);
	free(c);
}

/* ---- findings ------------------------------------------------------------------- */

void px_check_fingerprint(char *out, const char *rule, const char *eid, const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *parts[3] = { rule, eid, key };
	for (int i = 0; i < 3; i++) {
		for (const unsigned char *p = (const unsigned char *)(parts[i] ? parts[i] : ""); *p; p++) {
			h ^= *p;
			h *= 0x100000001b3ULL;
		}
		h ^= 0x1f; /* a separator no part contains */
		h *= 0x100000001b3ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

const char *ck_lang_name(int side)
{
	return side == CK_RU ? "Russian" : "Chinese";
}

void ck_excerpt(px_buf *b, const char *s, size_t len, size_t max)
{
	size_t i = 0, k = 0;
	while (i < len && k < max) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(s + i, len - i, &cp);
		k++;
	}
	px_buf_put(b, s, i);
	if (i < len)
		px_buf_puts(b, "…");
}

static void set_loc(const ck_ctx *x, px_loc *l, const ck_unit *u)
{
	l->file = x->s[u->side].file;
	l->line = u->line;
	l->col = u->col;
	l->text = u->text;
}

static int vemit(ck_ctx *x, const char *rule, int sev, const ck_unit *at, const ck_unit *other, const char *key,
	const char *fmt, va_list ap)
{
	const px_rule *r = px_rule_find(rule);
	if (!r)
		return px_fail(PX_EUSAGE, "unknown rule id '%s'", rule);
	px_buf msg = PX_BUF_INIT;
	char tmp[1024], where[256];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	/* where, as a reader says it: "section II, item 9: …" */
	const ck_unit *u = at ? at : other;
	px_eid_reader(u ? u->eid : NULL, where, sizeof where);
	if (where[0])
		px_buf_printf(&msg, "%s: ", where);
	px_buf_puts(&msg, tmp);
	if (at && other && other->line > 0)
		px_buf_printf(&msg, " (%s text: %s:%d:%d)", ck_lang_name(other->side), x->s[other->side].file,
			other->line, other->col);
	px_diag d = { 0 };
	d.rule = r->id;
	d.severity = sev >= 0 ? (px_severity)sev : r->severity;
	d.category = r->category;
	if (at)
		set_loc(x, &d.loc, at);
	else if (other)
		set_loc(x, &d.loc, other);
	if (at && other)
		set_loc(x, &d.other, other);
	d.eid = at ? at->eid : other ? other->eid : NULL;
	d.message = msg.ptr ? msg.ptr : "";
	char fp[PX_FINGERPRINT_SIZE];
	px_check_fingerprint(fp, r->id, d.eid, key);
	d.fingerprint = fp;
	int rc = px_diags_add(x->out, &d);
	px_buf_dispose(&msg);
	return rc;
}

int ck_emit(ck_ctx *x, const char *rule, const ck_unit *at, const ck_unit *other, const char *key,
	const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vemit(x, rule, -1, at, other, key, fmt, ap);
	va_end(ap);
	return rc;
}

int ck_emit_sev(ck_ctx *x, const char *rule, px_severity sev, const ck_unit *at, const ck_unit *other,
	const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vemit(x, rule, (int)sev, at, other, key, fmt, ap);
	va_end(ap);
	return rc;
}

/* ---- collecting the units ----------------------------------------------------------- */

static int region_of(ck_ctx *x, const char *key, int side, xmlNodePtr sec)
{
	if (!x->region_index && !(x->region_index = xmlHashCreate(64)))
		return px_fail_oom();
	size_t found = (size_t)(uintptr_t)xmlHashLookup(x->region_index, (const xmlChar *)key);
	if (found) {
		if (sec)
			x->regions[found - 1].sec[side] = sec;
		return (int)(found - 1);
	}
	int ok;
	CK_PUSH(&x->arena, x->regions, x->nregions, x->capregions, ok);
	if (!ok)
		return px_fail_oom();
	ck_region *r = &x->regions[x->nregions];
	memset(r, 0, sizeof *r);
	r->key = ck_strndup(&x->arena, key, strlen(key));
	if (!r->key)
		return px_fail_oom();
	r->sec[side] = sec;
	x->nregions++;
	if (xmlHashAddEntry(x->region_index, (const xmlChar *)r->key, (void *)(uintptr_t)x->nregions) < 0)
		return px_fail_oom();
	return (int)(x->nregions - 1);
}

/* The range of units of each region on each side (units of a region are
 * contiguous in document order; a range covers them in any case). */
void ck_region_ranges(ck_ctx *x)
{
	for (int s = 0; s < 2; s++) {
		for (size_t r = 0; r < x->nregions; r++)
			x->regions[r].begin[s] = x->regions[r].end[s] = 0;
		for (size_t i = 0; i < x->s[s].n; i++) {
			ck_region *g = &x->regions[x->s[s].u[i].region];
			if (g->end[s] == 0)
				g->begin[s] = i;
			g->end[s] = i + 1;
		}
	}
}

/* Does the raw text have two or more spaces in a row between words? */
static int has_double_space(xmlNodePtr node)
{
	xmlChar *raw = xmlNodeGetContent(node);
	int found = 0;
	for (const char *p = (const char *)raw; p && *p && !found; p++)
		if (p[0] == ' ' && p[1] == ' ') {
			const char *q = p;
			while (*q == ' ')
				q++;
			/* indentation and line wrapping are not typography */
			if (*q && *q != '\n' && *q != '\r' && *q != '\t' && p > (const char *)raw &&
				p[-1] != '\n' && p[-1] != '\t')
				found = 1;
			p = q - 1;
		}
	xmlFree(raw);
	return found;
}

static int add_unit(ck_ctx *x, int side, xmlNodePtr node, const char *eid, ck_kind kind, int region)
{
	ck_side *s = &x->s[side];
	int ok;
	CK_GROW(s->u, s->n, s->cap, ok);
	if (!ok)
		return px_fail_oom();
	ck_unit *u = &s->u[s->n];
	memset(u, 0, sizeof *u);
	u->node = node;
	u->eid = eid;
	u->side = side;
	u->kind = kind;
	u->region = region;
	px_buf_clear(&x->tmp);
	if (px_node_text(node, &x->tmp) < 0)
		return px_fail_oom();
	u->text = ck_strndup(&x->arena, x->tmp.ptr ? x->tmp.ptr : "", x->tmp.size);
	if (!u->text)
		return px_fail_oom();
	u->len = x->tmp.size;
	u->line = px_node_line(node);
	u->col = px_node_col(s->doc, node);
	u->dblspace = has_double_space(node);
	s->n++;
	/* invisible and look-alike characters: reported, then read away */
	return ck_hidden(x, u);
}

/* The units of one document, read through the profile's typed blocks: a
 * division opens a region (its heading a unit); the preface, preamble and
 * conclusions are regions of their own; a signing mark is not compared. */
struct collecting {
	ck_ctx *x;
	int side;
	int part_region[4];
};

/* The region of a block: its innermost division with an eId, else its part
 * (a paragraph of a body without divisions: region 0). */
static int block_region(struct collecting *k, const px_block *b)
{
	for (xmlNodePtr d = b->division; d && d->type == XML_ELEMENT_NODE; d = d->parent) {
		const char *eid = px_is_division(d) ? px_attr(d, "eId") : NULL;
		if (eid)
			return region_of(k->x, eid, k->side, d);
	}
	return k->part_region[b->part];
}

static int collect_block(void *payload, const px_block *b)
{
	struct collecting *k = payload;
	ck_ctx *x = k->x;
	if (!b->eid || b->kind == PX_BLOCK_MARK)
		return 0; /* «（签字）» in a published copy: nothing to compare */
	int r = block_region(k, b);
	if (r < 0)
		return r;
	switch (b->kind) {
	case PX_BLOCK_DIVISION:
		return b->heading ? add_unit(x, k->side, b->heading, b->eid, CK_HEADING, r) : 0;
	case PX_BLOCK_ITEM: {
		int rc = add_unit(x, k->side, b->node, b->eid, CK_ITEM, r);
		if (rc == 0)
			x->s[k->side].u[x->s[k->side].n - 1].last_item = b->last_item;
		return rc;
	}
	case PX_BLOCK_SIGNATORY:
	case PX_BLOCK_SIGNER: {
		int rc = add_unit(x, k->side, b->node, b->eid, CK_SIGNATURE, r);
		if (rc == 0)
			x->s[k->side].u[x->s[k->side].n - 1].signatory = b->kind == PX_BLOCK_SIGNATORY;
		return rc;
	}
	default:
		return add_unit(x, k->side, b->node, b->eid, CK_P, r);
	}
}

static int collect_doc(ck_ctx *x, int side)
{
	xmlNodePtr root = px_doc_root(x->s[side].doc);
	if (!root)
		return px_fail(PX_EINPUT, "'%s' has no document element", x->s[side].file);
	struct collecting k = { x, side, { 0 } };
	static const char *parts[] = { "preface", "preamble", "mainBody", "conclusions" };
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (i == PX_PART_BODY || !px_child(root, parts[i]))
			continue;
		if ((k.part_region[i] = region_of(x, parts[i], side, NULL)) < 0)
			return k.part_region[i];
	}
	return px_blocks_each(root, collect_block, &k);
}

/* ---- terms -------------------------------------------------------------------------- */

void ck_term_locs(const ck_ctx *x, px_term_unit *tu, const ck_unit *a, const ck_unit *b)
{
	set_loc(x, &tu->ru, a);
	set_loc(x, &tu->zh, b);
	tu->ru.text = tu->zh.text = NULL;
}

/* The text of `u` the term check reads: without a sentence reported as
 * without counterpart (PX070), whose terms have none either (then a copy,
 * in *own, to be freed). NULL when out of memory. */
static const char *term_text(const ck_unit *u, char **own)
{
	*own = NULL;
	if (!u->cut_end)
		return u->text;
	if (!(*own = px_strndup(u->text, u->len)))
		return NULL;
	memset(*own + u->cut_start, ' ', u->cut_end - u->cut_start);
	return *own;
}

/* Term findings of every aligned pair (some already computed while
 * aligning), with fingerprints from their content. */
static int check_terms(ck_ctx *x)
{
	if (!x->c->tb)
		return 0;
	int rc = 0;
	for (size_t i = 0; i < x->npairs && rc >= 0; i++) {
		const ck_unit *a = x->pairs[i].a, *b = x->pairs[i].b;
		if (a->kind == CK_SIGNATURE)
			continue;
		size_t before = px_diags_count(x->out);
		if (x->pairs[i].terms && !a->nreported && !a->cut_end && !b->cut_end && !a->shortened && !b->shortened) {
			for (size_t k = 0; k < px_diags_count(x->pairs[i].terms) && rc >= 0; k++)
				rc = px_diags_add(x->out, px_diags_get(x->pairs[i].terms, k));
		} else {
			px_term_unit tu = { 0 };
			tu.eid = b->eid;
			char *ru = NULL, *zh = NULL;
			tu.ru_text = term_text(a, &ru);
			tu.zh_text = term_text(b, &zh);
			if (!tu.ru_text || !tu.zh_text) {
				free(ru);
				free(zh);
				return px_fail_oom();
			}
			ck_term_locs(x, &tu, a, b);
			tu.ru.text = a->text; /* the findings show the whole units */
			tu.zh.text = b->text;
			/* a place or organization reported by the comparison is not
			 * reported again as a term */
			unsigned quiet = (b->shortened ? PX_TERMS_NO_MISSING : 0) | (a->shortened ? PX_TERMS_NO_EXTRA : 0);
			struct px_terms_opts o = { a->reported, a->nreported, quiet, x->parties };
			rc = px_termbase_check_unit_opts(x->c->tb, &tu, &o, x->out);
			if (rc == PX_EINVALID)
				rc = 0;
			free(ru);
			free(zh);
		}
		for (size_t k = before; k < px_diags_count(x->out) && rc >= 0; k++) {
			const px_diag *d = px_diags_get(x->out, k);
			if (d->fingerprint)
				continue;
			char fp[PX_FINGERPRINT_SIZE];
			px_check_fingerprint(fp, d->rule, d->eid, d->message);
			rc = px_diags_set_fingerprint(x->out, k, fp);
		}
	}
	return rc;
}

static int compare_pairs(ck_ctx *x)
{
	int rc = 0;
	for (size_t i = 0; i < x->npairs && rc == 0; i++)
		rc = ck_compare_pair(x, x->pairs[i].a, x->pairs[i].b);
	return rc;
}

static int check_units(ck_ctx *x)
{
	int rc = 0;
	for (int side = 0; side < 2 && rc == 0; side++) {
		for (size_t i = 0; i < x->s[side].n && rc == 0; i++)
			rc = ck_check_unit(x, &x->s[side].u[i]);
		if (rc == 0)
			rc = ck_check_side_end(x);
	}
	return rc;
}

/* ---- the check ------------------------------------------------------------------------ */

/* ---- the alignment ---------------------------------------------------------------------- */

struct px_alignment {
	char **ru, **zh; /* per row: eIds (NULL: no counterpart) */
	size_t n, cap;
};

size_t px_alignment_count(const px_alignment *al)
{
	return al ? al->n : 0;
}

int px_alignment_get(const px_alignment *al, size_t i, const char **ru_eid, const char **zh_eid)
{
	if (!al || i >= al->n)
		return PX_ENOTFOUND;
	if (ru_eid)
		*ru_eid = al->ru[i];
	if (zh_eid)
		*zh_eid = al->zh[i];
	return 0;
}

void px_alignment_free(px_alignment *al)
{
	if (!al)
		return;
	for (size_t i = 0; i < al->n; i++) {
		free(al->ru[i]);
		free(al->zh[i]);
	}
	free(al->ru);
	free(al->zh);
	free(al);
}

static int al_push(px_alignment *al, const ck_unit *a, const ck_unit *b)
{
	if (al->n == al->cap) {
		size_t nc = al->cap ? al->cap * 2 : 64;
		char **r = realloc(al->ru, nc * sizeof *r);
		if (!r)
			return px_fail_oom();
		al->ru = r;
		char **z = realloc(al->zh, nc * sizeof *z);
		if (!z)
			return px_fail_oom();
		al->zh = z;
		al->cap = nc;
	}
	al->ru[al->n] = a && a->eid ? px_strdup(a->eid) : NULL;
	al->zh[al->n] = b && b->eid ? px_strdup(b->eid) : NULL;
	al->n++;
	return (a && a->eid && !al->ru[al->n - 1]) || (b && b->eid && !al->zh[al->n - 1]) ? px_fail_oom() : 0;
}

/* Index of unit u in its side's array, or -1 (a synthetic unit). */
static ptrdiff_t unit_index(const ck_ctx *x, const ck_unit *u)
{
	const ck_side *s = &x->s[u->side];
	return u >= s->u && u < s->u + s->n ? u - s->u : -1;
}

/* The rows of the alignment (px_alignment): the aligned pairs, a joined
 * unit as its parts, in the order of the Russian units; Chinese units
 * without counterpart after the row of the Chinese unit before them. */
static int make_alignment(const ck_ctx *x, px_alignment **out)
{
	size_t nr = x->s[CK_RU].n, nz = x->s[CK_ZH].n;
	px_alignment *al = calloc(1, sizeof *al);
	/* per Russian unit, its first partner and its second (a 1-2 join);
	 * per Chinese unit, whether it is someone's partner */
	const ck_unit **p1 = calloc(nr + 1, sizeof *p1), **p2 = calloc(nr + 1, sizeof *p2);
	ptrdiff_t *zrow = malloc((nz + 1) * sizeof *zrow);
	size_t *after = calloc(nz + 1, sizeof *after); /* Chinese lone units: the row after which they go (+1) */
	int rc = 0;
	if (!al || !p1 || !p2 || !zrow || !after) {
		rc = px_fail_oom();
		goto done;
	}
	for (size_t k = 0; k < nz; k++)
		zrow[k] = -1;
	for (size_t i = 0; i < x->npairs; i++) {
		const ck_unit *a = x->pairs[i].a, *b = x->pairs[i].b;
		const ck_unit *const *ra = a->nparts ? (const ck_unit *const *)a->parts : &a;
		const ck_unit *const *zb = b->nparts ? (const ck_unit *const *)b->parts : &b;
		size_t na = a->nparts ? a->nparts : 1, nb = b->nparts ? b->nparts : 1;
		for (size_t k = 0; k < na; k++) {
			ptrdiff_t ia = unit_index(x, ra[k]);
			if (ia < 0)
				continue;
			for (size_t m = 0; m < nb; m++) {
				if (na > 1 && m != 0 && nb > 1)
					break;
				if (!p1[ia])
					p1[ia] = zb[m];
				else if (!p2[ia] && p1[ia] != zb[m])
					p2[ia] = zb[m];
			}
		}
	}
	/* the signature blocks paired by the signatory check: the p that names
	 * the signatory, and the ones after it in its block (the signer) */
	for (size_t i = 0; i < nr; i++) {
		const ck_unit *a = &x->s[CK_RU].u[i];
		if (a->kind != CK_SIGNATURE || !a->signatory || !a->peer || p1[i])
			continue;
		ptrdiff_t ib = unit_index(x, a->peer);
		if (ib < 0)
			continue;
		p1[i] = a->peer;
		for (size_t k = 1; i + k < nr && (size_t)ib + k < nz; k++) {
			const ck_unit *ak = &x->s[CK_RU].u[i + k], *bk = &x->s[CK_ZH].u[(size_t)ib + k];
			if (ak->kind != CK_SIGNATURE || ak->signatory || bk->kind != CK_SIGNATURE || bk->signatory ||
				ak->node->parent != a->node->parent || bk->node->parent != a->peer->node->parent)
				break;
			if (!p1[i + k])
				p1[i + k] = bk;
		}
	}
	/* the rows in Russian order; the row of each Chinese unit */
	size_t row = 0;
	for (size_t i = 0; i < nr; i++) {
		const ck_unit *ps[2] = { p1[i], p2[i] };
		for (int k = 0; k < 2; k++) {
			if (k && !ps[k])
				break;
			ptrdiff_t iz = ps[k] ? unit_index(x, ps[k]) : -1;
			if (iz >= 0 && zrow[iz] < 0)
				zrow[iz] = (ptrdiff_t)row;
			row++;
		}
	}
	/* where the Chinese units without counterpart go */
	ptrdiff_t last = -1;
	for (size_t k = 0; k < nz; k++) {
		if (zrow[k] >= 0)
			last = zrow[k];
		else
			after[k] = (size_t)(last + 1); /* 0: before every row */
	}
	size_t zk = 0;
	row = 0;
	for (size_t i = 0; i <= nr && rc == 0; i++) {
		/* the lone Chinese units that go before this row */
		for (; zk < nz && rc == 0; zk++) {
			if (zrow[zk] >= 0)
				continue;
			if (after[zk] > row)
				break;
			rc = al_push(al, NULL, &x->s[CK_ZH].u[zk]);
		}
		if (i == nr || rc)
			break;
		rc = al_push(al, &x->s[CK_RU].u[i], p1[i]);
		row++;
		if (rc == 0 && p2[i]) {
			rc = al_push(al, &x->s[CK_RU].u[i], p2[i]);
			row++;
		}
	}
	for (; zk < nz && rc == 0; zk++)
		if (zrow[zk] < 0)
			rc = al_push(al, NULL, &x->s[CK_ZH].u[zk]);
done:
	free(p1);
	free(p2);
	free(zrow);
	free(after);
	if (rc < 0) {
		px_alignment_free(al);
		return rc;
	}
	*out = al;
	return 0;
}

int px_check_pair(const px_checker *c, const px_doc *ru, const px_doc *zh, px_diags *out)
{
	return px_check_pair_aligned(c, ru, zh, out, NULL);
}

int px_check_pair_aligned(const px_checker *c, const px_doc *ru, const px_doc *zh, px_diags *out,
	px_alignment **alignment)
{
	if (alignment)
		*alignment = NULL;
	if (px_doc_lang(ru) != PX_LANG_RU)
		return px_fail(PX_EUSAGE, "'%s' is not a Russian expression (FRBRlanguage rus)", px_doc_name(ru));
	if (px_doc_lang(zh) != PX_LANG_ZH)
		return px_fail(PX_EUSAGE, "'%s' is not a Chinese expression (FRBRlanguage zho)", px_doc_name(zh));
	ck_ctx x;
	memset(&x, 0, sizeof x);
	x.c = c;
	x.out = out;
	x.s[CK_RU].doc = ru;
	x.s[CK_ZH].doc = zh;
	x.s[CK_RU].file = px_doc_name(ru);
	x.s[CK_ZH].file = px_doc_name(zh);
	int rc = 0;
	size_t before = px_diags_count_at_least(out, PX_SEV_WARNING);
	for (int i = 0; i < 2; i++) {
		UErrorCode e = U_ZERO_ERROR;
		x.brk[i] = ubrk_clone(c->brk[i], &e);
		if (U_FAILURE(e)) {
			rc = px_fail(PX_ERROR, "cannot clone a break iterator: %s", u_errorName(e));
			goto done;
		}
	}
	/* phases 1 and 2: units and their features */
	for (int side = 0; side < 2 && rc == 0; side++)
		rc = collect_doc(&x, side);
	for (int side = 0; side < 2 && rc == 0; side++)
		for (size_t i = 0; i < x.s[side].n && rc == 0; i++)
			rc = ck_extract(&x, &x.s[side].u[i]);
	if (rc == 0)
		ck_region_ranges(&x);
	/* the instrument's parties: its signature blocks (the Russian text's) */
	for (size_t i = 0; i < x.s[0].n; i++)
		x.parties += x.s[0].u[i].kind == CK_SIGNATURE && x.s[0].u[i].signatory;
	/* phases 3 to 5: the model before alignment uses the eIds, after it the pairs */
	static int (*const phases[])(ck_ctx *) = { ck_structure, ck_length_model, ck_align, ck_length_model,
		compare_pairs, check_units, ck_lists, ck_omissions, ck_signatories, check_terms };
	for (size_t k = 0; k < sizeof phases / sizeof phases[0] && rc == 0; k++)
		rc = phases[k](&x);
	/* phase 6 */
	if (rc == 0)
		px_diags_sort(out);
	if (rc == 0 && c->accept_path)
		rc = px_check_apply_accept(out, c->accept_path);
	if (rc == 0 && alignment)
		rc = make_alignment(&x, alignment);
	if (rc == 0 && px_diags_count_at_least(out, PX_SEV_WARNING) > before)
		rc = PX_EINVALID;
done:
	for (size_t i = 0; i < x.npairs; i++)
		px_diags_free(x.pairs[i].terms);
	free(x.u16);
	free(x.map);
	free(x.cover);
	for (int i = 0; i < 2; i++)
		if (x.brk[i])
			ubrk_close(x.brk[i]);
	px_buf_dispose(&x.tmp);
	if (x.region_index)
		xmlHashFree(x.region_index, NULL);
	ck_arena_free(&x.arena);
	free(x.s[0].u);
	free(x.s[1].u);
	free(x.pairs);
	return rc;
}

/* ---- suppression file ------------------------------------------------------------------- */

static int is_fp_char(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

int px_check_apply_accept(px_diags *d, const char *accept_path)
{
	char *data = NULL;
	size_t len = 0;
	int rc = px_read_file(&data, &len, accept_path, (size_t)64 << 20);
	if (rc < 0)
		return rc;
	if (!px_utf8_valid(data, len, NULL, NULL)) {
		free(data);
		return px_fail_at(PX_EINPUT, accept_path, 0, 0, "not UTF-8");
	}
	size_t nd = px_diags_count(d);
	int line = 0;
	for (char *p = data; rc >= 0 && p < data + len;) {
		char *eol = memchr(p, '\n', (size_t)(data + len - p));
		char *end = eol ? eol : data + len;
		line++;
		char *s = p;
		p = eol ? eol + 1 : data + len;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		char *e = end;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (s == e || *s == '#')
			continue;
		char *f = s;
		while (f < e && is_fp_char(*f))
			f++;
		if (f - s != 16 || (f < e && *f != ' ' && *f != '\t')) {
			rc = px_fail_at(PX_EINPUT, accept_path, line, 1,
				"expected a fingerprint of 16 hex digits, white space and a reason");
			break;
		}
		char fp[PX_FINGERPRINT_SIZE];
		for (int i = 0; i < 16; i++)
			fp[i] = (char)((s[i] >= 'A' && s[i] <= 'F') ? s[i] - 'A' + 'a' : s[i]);
		fp[16] = 0;
		while (f < e && (*f == ' ' || *f == '\t'))
			f++;
		char *reason = px_strndup(f, (size_t)(e - f));
		if (!reason) {
			rc = px_fail_oom();
			break;
		}
		int matched = 0;
		for (size_t i = 0; i < nd && rc >= 0; i++) {
			const px_diag *x = px_diags_get(d, i);
			if (x->fingerprint && strcmp(x->fingerprint, fp) == 0) {
				rc = px_diags_accept(d, i, reason);
				matched = 1;
			}
		}
		free(reason);
		if (!matched && rc >= 0) {
			px_loc l = { accept_path, line, 1, NULL };
			rc = px_diags_addf(d, "PX075", &l, NULL,
				"suppression '%s' matches no finding (stale or mistyped)", fp);
		}
	}
	free(data);
	return rc < 0 ? rc : 0;
}

/* ---- JSON ------------------------------------------------------------------------------------- */

