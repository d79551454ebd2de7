/*
 * Structure of a pair: the sections (count and numbering: «I.» ↔ «一、»,
 * both parsed strictly), the regions present on one side only, and the
 * section headings.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"
#include "model/model.h"

/* A unit standing for an element that is not a text unit (a section), for
 * locating findings. */
static ck_unit *element_unit(ck_ctx *x, int side, xmlNodePtr node, const char *eid)
{
	ck_unit *u = ck_alloc(&x->arena, sizeof *u);
	if (!u)
		return NULL;
	u->node = node;
	u->eid = eid;
	u->side = side;
	u->line = px_node_line(node);
	u->col = px_node_col(x->s[side].doc, node);
	px_buf_clear(&x->tmp);
	xmlNodePtr h = px_child(node, "heading");
	if (h)
		px_node_text(h, &x->tmp);
	u->text = ck_strndup(&x->arena, x->tmp.ptr ? x->tmp.ptr : "", x->tmp.size);
	u->len = x->tmp.size;
	return u->text ? u : NULL;
}

/* The number of a division as written in its num: «II.» (ru), «二、» (zh)
 * for a section, read strictly; «Статья 5» / «第五条», «Глава II» / «第二章»,
 * «3.» / «三、» for the others (model/model.h); 0 if none. */
static int section_number(const px_checker *c, xmlNodePtr sec, int side, px_buf *tmp)
{
	xmlNodePtr num = px_child(sec, "num");
	if (!num)
		return 0;
	px_buf_clear(tmp);
	px_node_text(num, tmp);
	if (!tmp->ptr)
		return 0;
	size_t len = tmp->size;
	const char *s = tmp->ptr;
	if (!px_is(sec, "section")) {
		int sub = 0, v = px_div_num_value(px_div_of_element((const char *)sec->name), s, len, &sub);
		return sub ? v * 1000 + sub : v;
	}
	if (side == CK_RU) {
		if (len && s[len - 1] == '.')
			len--;
		return ck_numeral(c, 0, s, len);
	}
	if (len >= 3 && memcmp(s + len - 3, "、", 3) == 0)
		len -= 3;
	return ck_numeral(c, 1, s, len);
}

/* What the regions are called in messages: "sections", "articles" … or
 * "divisions" when they are of several kinds. */
static const char *division_words(const ck_ctx *x, bool plural)
{
	const char *name = NULL;
	for (size_t r = 0; r < x->nregions; r++)
		for (int s = 0; s < 2; s++) {
			xmlNodePtr n = x->regions[r].sec[s];
			if (!n)
				continue;
			if (name && strcmp(name, (const char *)n->name) != 0)
				return plural ? "divisions" : "division";
			name = (const char *)n->name;
		}
	if (!name || strcmp(name, "section") == 0)
		return plural ? "sections" : "section";
	if (strcmp(name, "article") == 0)
		return plural ? "articles" : "article";
	if (strcmp(name, "point") == 0)
		return plural ? "points" : "point";
	if (strcmp(name, "chapter") == 0)
		return plural ? "chapters" : "chapter";
	return plural ? "paragraphs" : "paragraph";
}

/* The divisions below `n` in document order, as the regions hold them. */
static void zh_divisions(ck_ctx *x, xmlNodePtr n, int *rb, xmlNodePtr *nb, int *n2, int max)
{
	for (xmlNodePtr c = n ? px_first_el(n) : NULL; c && *n2 < max; c = px_next_el(c)) {
		if (!px_is_division(c)) {
			continue;
		}
		if (px_attr(c, "eId"))
			for (size_t r = 0; r < x->nregions; r++)
				if (x->regions[r].sec[1] == c) {
					rb[*n2] = (int)r;
					nb[(*n2)++] = c;
					break;
				}
		zh_divisions(x, c, rb, nb, n2, max);
	}
}

static ck_unit *find_heading(ck_ctx *x, int side, int region)
{
	const ck_region *g = &x->regions[region];
	for (size_t i = g->begin[side]; i < g->end[side]; i++) {
		ck_unit *u = &x->s[side].u[i];
		if (u->region == region && u->kind == CK_HEADING)
			return u;
	}
	return NULL;
}

/* ---- sections when their numbers differ ---------------------------------------- */

#define SEC_SKIP 8.0

/* The text of a section on one side as one synthetic unit, or NULL (no text). */
static ck_unit *section_text(ck_ctx *x, int side, int region, const char *eid)
{
	const ck_region *g = &x->regions[region];
	size_t n = g->end[side] - g->begin[side];
	if (n == 0)
		return NULL;
	ck_unit **v = malloc(n * sizeof *v);
	if (!v)
		return NULL;
	size_t k = 0;
	for (size_t i = g->begin[side]; i < g->end[side]; i++)
		if (x->s[side].u[i].region == region)
			v[k++] = &x->s[side].u[i];
	ck_unit *j = k ? ck_join(x, v, k, eid) : NULL;
	free(v);
	return j;
}

/*
 * When the texts have different numbers of sections, pair the sections by
 * their content (a dynamic programme over 1-1, 1-0 and 0-1, the cost of a
 * pair being that of the two sections' whole texts) instead of by eId, so
 * that a section missing in the middle of one text does not shift every
 * section after it. The Chinese units are moved into the regions of the
 * Russian sections they pair with; a Chinese section without counterpart
 * gets a region of its own.
 */
static int pair_sections(ck_ctx *x)
{
	int rc = 0;
	int nr[2] = { 0, 0 };
	for (size_t r = 0; r < x->nregions; r++)
		for (int s = 0; s < 2; s++)
			nr[s] += x->regions[r].sec[s] != NULL;
	/* the sections in document order: Russian by region order (collected first), Chinese from the tree */
	int *ra = malloc(((size_t)nr[0] + 1) * sizeof *ra), *rb = malloc(((size_t)nr[1] + 1) * sizeof *rb);
	xmlNodePtr *nb = malloc(((size_t)nr[1] + 1) * sizeof *nb);
	ck_unit **ta = calloc((size_t)nr[0] + 1, sizeof *ta), **tb = calloc((size_t)nr[1] + 1, sizeof *tb);
	size_t w = (size_t)nr[1] + 1;
	double *D = malloc(((size_t)nr[0] + 1) * w * sizeof *D);
	unsigned char *M = malloc(((size_t)nr[0] + 1) * w);
	int *newreg = malloc((x->nregions + 1) * sizeof *newreg);
	if (!ra || !rb || !nb || !ta || !tb || !D || !M || !newreg) {
		rc = px_fail_oom();
		goto done;
	}
	int na = 0, n2 = 0;
	for (size_t r = 0; r < x->nregions; r++)
		if (x->regions[r].sec[0])
			ra[na++] = (int)r;
	zh_divisions(x, px_child(px_doc_root(x->s[CK_ZH].doc), "mainBody"), rb, nb, &n2, nr[1]);
	for (int i = 0; i < na; i++)
		ta[i] = section_text(x, CK_RU, ra[i], x->regions[ra[i]].key);
	for (int j = 0; j < n2; j++)
		tb[j] = section_text(x, CK_ZH, rb[j], px_attr(nb[j], "eId"));
	for (int i = 0; i <= na; i++)
		for (int j = 0; j <= n2; j++) {
			double best = i == 0 && j == 0 ? 0 : 1e300;
			unsigned char mv = 0;
			/* only divisions of one kind pair: a chapter with a chapter, an article with an article */
			if (i && j && D[(size_t)(i - 1) * w + (size_t)j - 1] < 1e299 &&
				xmlStrEqual(x->regions[ra[i - 1]].sec[0]->name, nb[j - 1]->name)) {
				double c = ta[i - 1] && tb[j - 1] ? ck_pair_cost(x, ta[i - 1], tb[j - 1]) : SEC_SKIP / 2;
				c += D[(size_t)(i - 1) * w + (size_t)j - 1];
				if (c < best) {
					best = c;
					mv = 1;
				}
			}
			if (i && D[(size_t)(i - 1) * w + (size_t)j] + SEC_SKIP < best) {
				best = D[(size_t)(i - 1) * w + (size_t)j] + SEC_SKIP;
				mv = 2;
			}
			if (j && D[(size_t)i * w + (size_t)j - 1] + SEC_SKIP < best) {
				best = D[(size_t)i * w + (size_t)j - 1] + SEC_SKIP;
				mv = 3;
			}
			D[(size_t)i * w + (size_t)j] = best;
			M[(size_t)i * w + (size_t)j] = mv;
		}
	/* the new regions of the Chinese sections */
	for (size_t r = 0; r < x->nregions; r++)
		newreg[r] = (int)r;
	size_t nreg0 = x->nregions;
	for (size_t r = 0; r < nreg0; r++)
		if (x->regions[r].sec[0] || x->regions[r].sec[1])
			x->regions[r].sec[1] = NULL;
	for (int i = na, j = n2; (i > 0 || j > 0) && rc == 0;) {
		switch (M[(size_t)i * w + (size_t)j]) {
		case 1:
			i--;
			j--;
			newreg[rb[j]] = ra[i];
			x->regions[ra[i]].sec[1] = nb[j];
			break;
		case 2:
			i--;
			break;
		case 3: {
			j--;
			int ok;
			CK_PUSH(&x->arena, x->regions, x->nregions, x->capregions, ok);
			if (!ok) {
				rc = px_fail_oom();
				break;
			}
			ck_region *g = &x->regions[x->nregions];
			memset(g, 0, sizeof *g);
			g->key = px_attr(nb[j], "eId");
			g->sec[1] = nb[j];
			newreg[rb[j]] = (int)x->nregions++;
			break;
		}
		default:
			i = j = 0;
			break;
		}
	}
	for (size_t k = 0; k < x->s[CK_ZH].n && rc == 0; k++) {
		ck_unit *u = &x->s[CK_ZH].u[k];
		if ((size_t)u->region < nreg0)
			u->region = newreg[u->region];
	}
	if (rc == 0)
		ck_region_ranges(x);
done:
	free(ra);
	free(rb);
	free(nb);
	free(ta);
	free(tb);
	free(D);
	free(M);
	free(newreg);
	return rc;
}

/* Do the numbers of the divisions on one side skip one (a division dropped
 * and the others left as numbered), each kind counted on its own? */
static bool numbering_gap(ck_ctx *x, int side)
{
	int last[PX_DIV_COUNT] = { 0 };
	for (size_t r = 0; r < x->nregions; r++) {
		xmlNodePtr n = x->regions[r].sec[side];
		if (!n)
			continue;
		px_div d = px_div_of_element((const char *)n->name);
		int v = section_number(x->c, n, side, &x->tmp);
		if (v <= 0 || v >= 1000)
			continue;
		if (v > last[d] + 1)
			return true;
		last[d] = v;
	}
	return false;
}

int ck_structure(ck_ctx *x)
{
	int rc = 0;
	/* sections in document order on each side */
	size_t nsec[2] = { 0, 0 };
	for (size_t r = 0; r < x->nregions; r++)
		for (int s = 0; s < 2; s++)
			nsec[s] += x->regions[r].sec[s] != NULL;
	/* the divisions pair by eId when every division of the side with fewer
	 * has its namesake on the other (one was dropped, the numbers kept);
	 * else by content */
	size_t both = 0;
	for (size_t r = 0; r < x->nregions; r++)
		both += x->regions[r].sec[0] && x->regions[r].sec[1];
	int fewer_side = nsec[0] < nsec[1] ? CK_RU : CK_ZH;
	bool by_eid = nsec[0] != nsec[1] && both == nsec[fewer_side] && numbering_gap(x, fewer_side);
	if (nsec[0] != nsec[1] && !by_eid && nsec[0] * nsec[1] <= ((size_t)1 << 22) && (rc = pair_sections(x)) < 0)
		return rc;
	if (nsec[0] != nsec[1]) {
		int fewer = nsec[0] < nsec[1] ? CK_RU : CK_ZH;
		px_buf names = PX_BUF_INIT;
		const char *first = NULL;
		for (size_t r = 0; r < x->nregions; r++)
			if (x->regions[r].sec[!fewer] && !x->regions[r].sec[fewer]) {
				px_buf_printf(&names, "%s'%s'", names.size ? ", " : "", x->regions[r].key);
				if (!first)
					first = x->regions[r].key;
			}
		/* at the mainBody of the side with fewer sections, about the first
		 * section without counterpart */
		xmlNodePtr body = px_child(px_doc_root(x->s[fewer].doc), "mainBody");
		ck_unit *at = body ? element_unit(x, fewer, body, first) : NULL;
		char key[64];
		snprintf(key, sizeof key, "%zu/%zu", nsec[0], nsec[1]);
		rc = ck_emit(x, "PX051", at, NULL, key,
			"the Russian text has %zu %s and the Chinese text %zu; without counterpart: %s", nsec[0],
			division_words(x, true), nsec[1], names.ptr ? names.ptr : "none");
		px_buf_dispose(&names);
		if (rc < 0)
			return rc;
	}
	for (size_t r = 0; r < x->nregions && rc == 0; r++) {
		ck_region *g = &x->regions[r];
		if (!g->sec[0] && !g->sec[1])
			continue;
		if (!g->sec[0] || !g->sec[1]) {
			g->skip = 1; /* counted above */
			continue;
		}
		/* numbering: the same number on both sides */
		int n0 = section_number(x->c, g->sec[0], CK_RU, &x->tmp);
		int n1 = section_number(x->c, g->sec[1], CK_ZH, &x->tmp);
		if (n0 != n1 && nsec[0] == nsec[1]) { /* else PX051 tells why numbers differ */
			ck_unit *a = element_unit(x, CK_RU, g->sec[0], g->key);
			ck_unit *b = element_unit(x, CK_ZH, g->sec[1], g->key);
			if (!a || !b)
				return px_fail_oom();
			char key[32];
			snprintf(key, sizeof key, "%d/%d", n0, n1);
			rc = px_is(g->sec[0], "section") ? ck_emit(x, "PX052", b, a, key,
				"section number %d differs from the Russian text's %d (numbers are read strictly: I. / 一、)",
				n1, n0) : ck_emit(x, "PX052", b, a, key, "%s number %d differs from the Russian text's %d",
				(const char *)g->sec[1]->name, n1, n0);
			if (rc < 0)
				return rc;
		}
		ck_unit *h0 = find_heading(x, CK_RU, (int)r), *h1 = find_heading(x, CK_ZH, (int)r);
		if ((h0 != NULL) != (h1 != NULL)) {
			int missing = h0 ? CK_ZH : CK_RU;
			ck_unit *at = element_unit(x, missing, g->sec[missing], g->key);
			if (!at)
				return px_fail_oom();
			rc = ck_emit(x, "PX053", at, h0 ? h0 : h1, "heading",
				"%s '%s' has no heading here but has one in the %s text", (const char *)g->sec[missing]->name, g->key,
				ck_lang_name(!missing));
		}
	}
	return rc;
}
