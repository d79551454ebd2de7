/*
 * Amend: the metadata of a step (lifecycle, passiveModifications,
 * temporalData, passiveRef) and the @period of the changed units (step 5).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amend/amend_int.h"

/* ---- metadata ------------------------------------------------------------ */

xmlNodePtr amd_meta_part(px_doc *doc, const char *name)
{
	static const char *const order[] = { "identification", "lifecycle", "analysis", "temporalData", "references" };
	xmlNodePtr meta = amd_meta_of(doc);
	xmlNodePtr have = px_child(meta, name);
	if (have)
		return have;
	size_t want = 0;
	for (size_t i = 0; i < 5; i++)
		if (strcmp(order[i], name) == 0)
			want = i;
	xmlNodePtr el = amd_new_el(doc, name);
	if (!el)
		return NULL;
	xmlSetProp(el, (const xmlChar *)"source", (const xmlChar *)"#paralex");
	for (xmlNodePtr c = px_first_el(meta); c; c = px_next_el(c))
		for (size_t i = want + 1; i < 5; i++)
			if (px_is(c, order[i]))
				return xmlAddPrevSibling(c, el);
	return xmlAddChild(meta, el);
}

xmlNodePtr amd_add_el(px_doc *doc, xmlNodePtr parent, const char *name, ...)
{
	xmlNodePtr el = amd_new_el(doc, name);
	if (!el)
		return NULL;
	va_list ap;
	va_start(ap, name);
	for (const char *k = va_arg(ap, const char *); k; k = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		xmlSetProp(el, (const xmlChar *)k, (const xmlChar *)v);
	}
	va_end(ap);
	return xmlAddChild(parent, el);
}

/* Copy TLC entries that new content refers to from the instrument. */
int amd_copy_tlcs(px_doc *doc, const px_doc *from, xmlNodePtr n)
{
	for (xmlNodePtr c = px_first_el(n); c; c = px_next_el(c)) {
		for (size_t i = 0; amd_ref_attrs[i]; i++) {
			const char *v = px_attr(c, amd_ref_attrs[i]);
			if (!v || v[0] != '#' || px_doc_find(doc, v + 1))
				continue;
			xmlNodePtr src = (xmlNodePtr)px_doc_find(from, v + 1);
			if (!src || strncmp((const char *)src->name, "TLC", 3) != 0)
				continue;
			xmlNodePtr k = xmlDocCopyNode(src, doc->xml, 1);
			if (!k)
				return px_fail_oom();
			k->ns = xmlDocGetRootElement(doc->xml)->ns;
			if (k->nsDef) {
				xmlFreeNsList(k->nsDef);
				k->nsDef = NULL;
			}
			xmlAddChild(amd_meta_part(doc, "references"), k);
			if (px_doc_reindex(doc) < 0)
				return PX_ENOMEM;
		}
		if (amd_copy_tlcs(doc, from, c) < 0)
			return PX_ENOMEM;
	}
	return 0;
}

/* The first `signature` in `n` or below it, or NULL. */
static xmlNodePtr find_signature(xmlNodePtr n)
{
	if (px_is(n, "signature"))
		return n;
	for (xmlNodePtr c = px_first_el(n); c; c = px_next_el(c)) {
		xmlNodePtr s = find_signature(c);
		if (s)
			return s;
	}
	return NULL;
}

/*
 * When `unit` is a new signature block, the body it signs for (the
 * organization the signature names, around the state's) becomes an author
 * of the work and of the expression, after the authors already there, as
 * the original signatories are.
 */
int amd_add_authors(px_doc *doc, xmlNodePtr unit)
{
	xmlNodePtr sig = find_signature(unit);
	const char *body = sig ? px_attr(px_child(sig, "organization"), "refersTo") : NULL;
	xmlNodePtr ident = px_child(amd_meta_of(doc), "identification");
	if (!body || !ident)
		return 0;
	static const char *const amd_frbr[] = { "FRBRWork", "FRBRExpression" };
	for (size_t i = 0; i < 2; i++) {
		xmlNodePtr last = NULL;
		bool have = false;
		for (xmlNodePtr a = px_child(px_child(ident, amd_frbr[i]), "FRBRauthor"); a && px_is(a, "FRBRauthor");
				a = px_next_el(a)) {
			const char *href = px_attr(a, "href");
			have = have || (href && strcmp(href, body) == 0);
			last = a;
		}
		if (have || !last)
			continue;
		xmlNodePtr el = amd_new_el(doc, "FRBRauthor");
		if (!el || !xmlSetProp(el, (const xmlChar *)"href", (const xmlChar *)body) || !xmlAddNextSibling(last, el)) {
			xmlFreeNode(el);
			return px_fail_oom();
		}
	}
	return 0;
}

int amd_map_rows(struct px_consolidation_report *r, size_t step, const struct snap *order,
	const char *const *to, const struct snap *result);
void amd_snap_free(struct snap *s);

/* The rows of a step's map for the report; keeps the units of the result
 * in w->last (the eIds do not change after the step's map is made). */
int amd_step_rows(struct work *w, const struct snap *before, const struct eid_map *map)
{
	const char **to = malloc((before->n ? before->n : 1) * sizeof *to);
	if (!to)
		return px_fail_oom();
	for (size_t i = 0; i < before->n; i++)
		to[i] = amd_map_get(map, before->eids[i]);
	amd_snap_free(&w->last);
	w->last.borrow = true;
	int rc = amd_snap_rec(&w->last, px_doc_root(w->w[L_RU]));
	if (rc == 0)
		rc = amd_map_rows(w->report, w->nsteps, before, to, &w->last);
	free(to);
	return rc;
}
