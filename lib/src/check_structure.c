/*
 * Structure of a pair: the sections (count and numbering: «I.» ↔ «一、»,
 * both parsed strictly), the regions present on one side only, and the
 * section headings.
 */
#include <string.h>

#include "check_int.h"

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

/* The number of a section as written in its num: «II.» (ru), «二、» (zh); 0 if none. */
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
	if (side == CK_RU) {
		if (len && s[len - 1] == '.')
			len--;
		return ck_numeral(c, 0, s, len);
	}
	if (len >= 3 && memcmp(s + len - 3, "、", 3) == 0)
		len -= 3;
	return ck_numeral(c, 1, s, len);
}

static ck_unit *find_heading(ck_ctx *x, int side, int region)
{
	for (size_t i = 0; i < x->s[side].n; i++) {
		ck_unit *u = &x->s[side].u[i];
		if (u->region == region && u->kind == CK_HEADING)
			return u;
	}
	return NULL;
}

int ck_structure(ck_ctx *x)
{
	int rc = 0;
	/* sections in document order on each side */
	size_t nsec[2] = { 0, 0 };
	for (size_t r = 0; r < x->nregions; r++)
		for (int s = 0; s < 2; s++)
			nsec[s] += x->regions[r].sec[s] != NULL;
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
			"the Russian text has %zu sections and the Chinese text %zu; without counterpart: %s", nsec[0],
			nsec[1], names.ptr ? names.ptr : "none");
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
		if (n0 != n1) {
			ck_unit *a = element_unit(x, CK_RU, g->sec[0], g->key);
			ck_unit *b = element_unit(x, CK_ZH, g->sec[1], g->key);
			if (!a || !b)
				return px_fail_oom();
			char key[32];
			snprintf(key, sizeof key, "%d/%d", n0, n1);
			rc = ck_emit(x, "PX052", b, a, key,
				"section number %d differs from the Russian text's %d (numbers are read strictly: I. / 一、)",
				n1, n0);
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
				"section '%s' has no heading here but has one in the %s text", g->key,
				ck_lang_name(!missing));
		}
	}
	return rc;
}
