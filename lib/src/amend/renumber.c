/*
 * Amend: renumbering and new eIds after a step (step 4 of amend.c), the
 * snapshots of each version and the maps old eId -> new eId.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amend/amend_int.h"

/* ---- renumbering ----------------------------------------------------------- */

/* The naming convention of docs/profile.md: element, abbreviation. */
static const char *const abbrs[][2] = {
	{ "p", "p" }, { "recitals", "recs" }, { "recital", "rec" }, { "formula", "formula" },
	{ "blockList", "list" }, { "item", "item" }, { "blockContainer", "blockContainer" },
	{ "paragraph", "para" }, { "section", "sec" },
	/* numbered as written, not by position (amd_renumber()) */
	{ "article", "art" }, { "chapter", "chp" },
};
#define NABBR (sizeof abbrs / sizeof abbrs[0])

static int abbr_index(xmlNodePtr n)
{
	for (size_t i = 0; i < NABBR; i++)
		if (px_is(n, abbrs[i][0]))
			return (int)i;
	return -1;
}

static bool unnamed(xmlNodePtr n)
{
	return px_is(n, "meta") || px_is(n, "quotedStructure") || px_is(n, "quotedText") || px_is(n, "mod") ||
		px_is(n, "signature");
}

static int set_num(xmlNodePtr sec, int n, bool zho, bool arabic)
{
	xmlNodePtr num = px_child(sec, "num");
	if (!num)
		return 0;
	char s[48];
	if (arabic)
		snprintf(s, sizeof s, "%d.", n);
	else if (zho) {
		if (px_hanzi_format(n, s, sizeof s - 4) < 0)
			return px_fail(PX_ERROR, "cannot write %d as a Chinese numeral", n);
		strcat(s, "\xE3\x80\x81"); /* 、 */
	} else {
		if (px_roman_format(n, s, sizeof s - 2) < 0)
			return px_fail(PX_ERROR, "cannot write %d as a Roman numeral", n);
		strcat(s, ".");
	}
	px_buf cur = PX_BUF_INIT;
	int rc = px_node_text(num, &cur);
	if (rc == 0 && (!cur.ptr || strcmp(cur.ptr, s) != 0))
		xmlNodeSetContent(num, (const xmlChar *)s);
	px_buf_dispose(&cur);
	return rc;
}

/* A paragraph numbered "1.", "2." … gets the number of its position; other
 * paragraph numbers are left as they are. */
static void renumber_paragraph(xmlNodePtr para, int pos)
{
	xmlNodePtr num = px_child(para, "num");
	char *t = num ? amd_node_text_dup(num) : NULL;
	size_t len = t ? strlen(t) : 0, digits = 0;
	while (digits < len && t[digits] >= '0' && t[digits] <= '9')
		digits++;
	if (t && digits > 0 && digits + 1 == len && t[digits] == '.' && atoi(t) != pos) {
		char s[24];
		snprintf(s, sizeof s, "%d.", pos);
		xmlNodeSetContent(num, (const xmlChar *)s);
	}
	free(t);
}

/* Recompute eIds (and section and paragraph numbers) below `parent` from
 * position. */
int amd_renumber(xmlNodePtr parent, const char *prefix, bool zho, bool arabic)
{
	int counts[NABBR] = { 0 };
	char eid[PX_EID_MAX];
	for (xmlNodePtr c = px_first_el(parent); c; c = px_next_el(c)) {
		if (unnamed(c))
			continue;
		int k = abbr_index(c);
		const char *child_prefix = prefix;
		if (px_is(c, "preface") || px_is(c, "preamble") || px_is(c, "conclusions"))
			child_prefix = (const char *)c->name;
		else if (px_is(c, "mainBody"))
			child_prefix = "";
		else if (px_is(c, "article") || px_is(c, "chapter")) {
			/* articles and chapters keep their numbers (an inserted one is
			 * 7.1): the eId of the profile from the number as written */
			px_div d = px_is(c, "article") ? PX_DIV_ARTICLE : PX_DIV_CHAPTER;
			xmlNodePtr num = px_child(c, "num");
			char *t = num ? amd_node_text_dup(num) : NULL;
			int sub = 0, v = t ? px_div_num_value(d, t, strlen(t), &sub) : 0;
			free(t);
			char part[PX_EID_MAX];
			const char *cur = px_attr(c, "eId");
			if (v > 0 && px_eid_part(d, v, sub, part, sizeof part) == 0 && (!cur || strcmp(cur, part) != 0) &&
				!xmlSetProp(c, (const xmlChar *)"eId", (const xmlChar *)part))
				return px_fail_oom();
			child_prefix = px_attr(c, "eId");
		} else if (k >= 0) {
			int pos = ++counts[k];
			char num[32];
			if (px_is(c, "section")) {
				if (set_num(c, pos, zho, arabic) < 0)
					return PX_ERROR;
				if (arabic || px_roman_format(pos, num, sizeof num) < 0)
					snprintf(num, sizeof num, "%d", pos);
			} else {
				snprintf(num, sizeof num, "%d", pos);
				if (px_is(c, "paragraph"))
					renumber_paragraph(c, pos);
			}
			snprintf(eid, sizeof eid, "%.*s%s%s_%s", PX_EID_MAX - 48, prefix ? prefix : "", prefix && *prefix ? "__" : "",
				abbrs[k][1], num);
			const char *cur = px_attr(c, "eId");
			xmlAttrPtr at = NULL;
			if ((!cur || strcmp(cur, eid) != 0) && !(at = xmlSetProp(c, (const xmlChar *)"eId", (const xmlChar *)eid)))
				return px_fail_oom();
			if (!cur && at != c->properties) {
				/* a new unit: its eId comes first, as in every other unit */
				at->prev->next = at->next;
				if (at->next)
					at->next->prev = at->prev;
				at->prev = NULL;
				at->next = c->properties;
				c->properties->prev = at;
				c->properties = at;
			}
			child_prefix = px_attr(c, "eId");
		} else if (px_attr(c, "eId")) {
			child_prefix = px_attr(c, "eId");
		}
		if (amd_renumber(c, child_prefix, zho, arabic) < 0)
			return PX_ERROR;
	}
	return 0;
}

/* ---- snapshots and maps ------------------------------------------------------ */


/* Without `borrow`, eids[i] holds the offset of the eId in `strings`
 * until amd_snap_rec() is done. */
static int snap_walk(struct snap *s, xmlNodePtr n)
{
	for (xmlNodePtr c = px_first_el(n); c; c = px_next_el(c)) {
		if (unnamed(c))
			continue;
		const char *e = px_attr(c, "eId");
		if (e && abbr_index(c) >= 0) {
			size_t a = s->a;
			if (px_amend_grow(&s->nodes, &a, s->n, sizeof *s->nodes, 256) < 0 ||
					px_amend_grow(&s->eids, &s->a, s->n, sizeof *s->eids, 256) < 0)
				return PX_ENOMEM;
			s->nodes[s->n] = c;
			if (s->borrow) {
				s->eids[s->n++] = (char *)e;
			} else {
				s->eids[s->n++] = (char *)(uintptr_t)s->strings.size;
				if (px_buf_put(&s->strings, e, strlen(e) + 1) < 0)
					return PX_ENOMEM;
			}
		}
		if (snap_walk(s, c) < 0)
			return PX_ENOMEM;
	}
	return 0;
}

/* Add the units of the tree below `n` to `s`. */
int amd_snap_rec(struct snap *s, xmlNodePtr n)
{
	size_t from = s->n;
	int rc = snap_walk(s, n);
	for (size_t i = from; i < s->n && !s->borrow; i++)
		s->eids[i] = rc == 0 ? s->strings.ptr + (uintptr_t)s->eids[i] : NULL;
	return rc;
}

void amd_snap_free(struct snap *s)
{
	px_buf_dispose(&s->strings);
	free(s->eids);
	free(s->nodes);
	memset(s, 0, sizeof *s);
}

/* Make the map of `s` (its keys, each with the value ""). */
static int map_init(struct eid_map *m, const struct snap *s)
{
	memset(m, 0, sizeof *m);
	size_t size = 1;
	for (size_t i = 0; i < s->n; i++)
		size += strlen(s->eids[i]) + 1;
	if (!(m->keys = malloc(size)) || px_buf_put(&m->vals, "", 1) < 0)
		return px_fail_oom();
	int rc = px_amend_index_init(&m->index, s->n);
	char *o = m->keys;
	for (size_t i = 0; i < s->n && rc == 0; i++) {
		size_t len = strlen(s->eids[i]) + 1;
		memcpy(o, s->eids[i], len);
		rc = px_amend_index_add(&m->index, o, 0);
		o += len;
	}
	return rc;
}

/* Map `k` to `v` (replacing what `k` mapped to). */
static int map_put(struct eid_map *m, const char *k, const char *v)
{
	size_t at = m->vals.size;
	if (px_buf_put(&m->vals, v, strlen(v) + 1) < 0)
		return PX_ENOMEM;
	if (px_amend_index_set(&m->index, k, at))
		return 0;
	/* a key the snapshot did not have: a copy of its own */
	char *own = px_strdup(k);
	if (!own || px_amend_grow(&m->extra, &m->aextra, m->nextra, sizeof *m->extra, 8) < 0) {
		free(own);
		return px_fail_oom();
	}
	m->extra[m->nextra++] = own;
	return px_amend_index_add(&m->index, own, at);
}

/* @return the image of `k`, "" when it was repealed, NULL when the map does
 * not know it. */
const char *amd_map_get(const struct eid_map *m, const char *k)
{
	size_t at;
	return px_amend_index_get(&m->index, k, &at) ? m->vals.ptr + at : NULL;
}

void amd_map_free(struct eid_map *m)
{
	px_amend_index_free(&m->index);
	free(m->keys);
	px_buf_dispose(&m->vals);
	for (size_t i = 0; i < m->nextra; i++)
		free(m->extra[i]);
	free(m->extra);
	memset(m, 0, sizeof *m);
}

/* Units of a detached, replaced subtree and their counterparts in the new
 * subtree, matched by the part of the eId below the replaced unit. */
static int map_restated(struct eid_map *map, xmlNodePtr old, xmlNodePtr new)
{
	const char *old_top = px_attr(old, "eId"), *new_top = px_attr(new, "eId");
	if (!old_top || !new_top)
		return 0;
	if (map_put(map, old_top, new_top) < 0)
		return PX_ENOMEM;
	/* both subtrees, each alone (their siblings are not part of them);
	 * neither changes while they are read */
	struct snap os = { .borrow = true }, ns = { .borrow = true };
	xmlNodePtr onext = old->next, nnext = new->next;
	old->next = new->next = NULL;
	int rc = amd_snap_rec(&os, old);
	if (rc == 0)
		rc = amd_snap_rec(&ns, new);
	old->next = onext;
	new->next = nnext;
	struct amend_index by_rel = { 0 };
	if (rc == 0)
		rc = px_amend_index_init(&by_rel, ns.n);
	size_t ol = strlen(old_top), nl = strlen(new_top);
	for (size_t j = 0; j < ns.n && rc == 0; j++)
		if (strncmp(ns.eids[j], new_top, nl) == 0)
			rc = px_amend_index_add(&by_rel, ns.eids[j] + nl, j);
	for (size_t i = 0; i < os.n && rc == 0; i++) {
		size_t j;
		if (strncmp(os.eids[i], old_top, ol) == 0 && px_amend_index_get(&by_rel, os.eids[i] + ol, &j))
			rc = map_put(map, os.eids[i], ns.eids[j]);
	}
	px_amend_index_free(&by_rel);
	amd_snap_free(&os);
	amd_snap_free(&ns);
	return rc;
}

int amd_build_step_map(struct work *w, struct snap *s, struct eid_map *map)
{
	if (map_init(map, s) < 0)
		return PX_ENOMEM;
	for (size_t i = 0; i < s->n; i++)
		if (amd_attached(s->nodes[i]) && map_put(map, s->eids[i], px_attr(s->nodes[i], "eId")) < 0)
			return PX_ENOMEM;
	for (size_t i = 0; i < w->npairs; i++)
		if (map_restated(map, w->pairs[i].old, w->pairs[i].new) < 0)
			return PX_ENOMEM;
	return 0;
}

const char *const amd_ref_attrs[] = { "href", "refersTo", "period", "source", "as", NULL };

/* Rewrite local references "#eId" through a step's map; a reference to a
 * repealed unit becomes "<previous expression>/!main~eId". */
static bool is_ref_attr(xmlAttrPtr a)
{
	for (size_t i = 0; amd_ref_attrs[i]; i++)
		if (!a->ns && strcmp((const char *)a->name, amd_ref_attrs[i]) == 0)
			return true;
	return false;
}

int amd_rewrite_refs(xmlNodePtr n, const struct eid_map *map, const char *prev_uri)
{
	for (xmlNodePtr c = px_first_el(n); c; c = px_next_el(c)) {
		for (xmlAttrPtr a = c->properties; a; a = a->next) {
			const char *v = a->children && a->children->type == XML_TEXT_NODE ? (const char *)a->children->content
				: NULL;
			if (!v || v[0] != '#' || strchr(v, ' ') || !is_ref_attr(a))
				continue;
			const char *to = amd_map_get(map, v + 1);
			if (!to || strcmp(to, v + 1) == 0)
				continue;
			char buf[1024];
			if (*to)
				snprintf(buf, sizeof buf, "#%s", to);
			else
				snprintf(buf, sizeof buf, "%s/!main~%s", prev_uri, v + 1);
			if (!xmlSetProp(c, a->name, (const xmlChar *)buf))
				return px_fail_oom();
		}
		if (amd_rewrite_refs(c, map, prev_uri) < 0)
			return PX_ENOMEM;
	}
	return 0;
}
