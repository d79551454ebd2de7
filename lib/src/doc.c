/*
 * px_doc: a loaded document, its eId index and its units.
 *
 * A px_unit is an element that carries an eId; the public handle is the
 * libxml2 node itself behind an opaque type. The index maps each eId to its
 * first element (duplicates are a validation finding, not a load error).
 */
#include <stdlib.h>
#include <string.h>

#include "px.h"

#define NODE(u) ((xmlNodePtr)(u))
#define UNIT(n) ((px_unit *)(n))

static void build_lines(px_doc *doc)
{
	free(doc->line_starts);
	doc->line_starts = NULL;
	doc->nlines = 0;
	if (!doc->src)
		return;
	size_t n = 1;
	for (size_t i = 0; i < doc->src_len; i++)
		if (doc->src[i] == '\n')
			n++;
	doc->line_starts = malloc(n * sizeof *doc->line_starts);
	if (!doc->line_starts)
		return;
	size_t k = 0;
	doc->line_starts[k++] = 0;
	for (size_t i = 0; i < doc->src_len; i++)
		if (doc->src[i] == '\n')
			doc->line_starts[k++] = i + 1;
	doc->nlines = n;
}

xmlNodePtr px_doc_root(const px_doc *doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc->xml);
	if (!px_is(root, "akomaNtoso"))
		return NULL;
	return px_first_el(root);
}

static void find_lang(px_doc *doc)
{
	doc->lang[0] = '\0';
	xmlNodePtr r = px_doc_root(doc);
	xmlNodePtr n = px_child(px_child(px_child(px_child(r, "meta"), "identification"), "FRBRExpression"),
		"FRBRlanguage");
	const char *l = px_attr(n, "language");
	if (l && strlen(l) < sizeof doc->lang)
		strcpy(doc->lang, l);
}

static int index_rec(px_doc *doc, xmlNodePtr node)
{
	for (xmlNodePtr c = px_first_el(node); c; c = px_next_el(c)) {
		const char *eid = px_attr(c, "eId");
		if (eid && *eid && !xmlHashLookup(doc->index, (const xmlChar *)eid))
			if (xmlHashAddEntry(doc->index, (const xmlChar *)eid, c) < 0)
				return px_fail_oom();
		if (index_rec(doc, c) < 0)
			return PX_ENOMEM;
	}
	return 0;
}

int px_doc_reindex(px_doc *doc)
{
	if (doc->index)
		xmlHashFree(doc->index, NULL);
	doc->index = xmlHashCreate(256);
	if (!doc->index)
		return px_fail_oom();
	find_lang(doc);
	return index_rec(doc, xmlDocGetRootElement(doc->xml));
}

int px_doc_wrap(px_doc **out, xmlDocPtr xml, const char *name)
{
	*out = NULL;
	px_doc *doc = calloc(1, sizeof *doc);
	if (!doc) {
		xmlFreeDoc(xml);
		return px_fail_oom();
	}
	doc->xml = xml;
	doc->name = px_strdup(name ? name : "<memory>");
	if (!doc->name || px_doc_reindex(doc) < 0) {
		px_doc_free(doc);
		return px_fail_oom();
	}
	*out = doc;
	return 0;
}

int px_doc_load_memory(px_doc **out, const char *data, size_t len, const char *name)
{
	*out = NULL;
	if (!name)
		name = "<memory>";
	xmlDocPtr xml;
	int rc = px_xml_parse(&xml, data, len, name);
	if (rc < 0)
		return rc;
	px_doc *doc;
	if ((rc = px_doc_wrap(&doc, xml, name)) < 0)
		return rc;
	size_t skip = (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
	doc->src = px_strndup(data + skip, len - skip);
	doc->src_len = doc->src ? len - skip : 0;
	build_lines(doc);
	*out = doc;
	return 0;
}

int px_doc_load_file(px_doc **out, const char *path)
{
	*out = NULL;
	char *data;
	size_t len;
	int rc = px_read_file(&data, &len, path, PX_DOC_MAX_SIZE);
	if (rc < 0)
		return rc;
	rc = px_doc_load_memory(out, data, len, path);
	free(data);
	return rc;
}

void px_doc_free(px_doc *doc)
{
	if (!doc)
		return;
	if (doc->index)
		xmlHashFree(doc->index, NULL);
	xmlFreeDoc(doc->xml);
	free(doc->name);
	free(doc->src);
	free(doc->line_starts);
	free(doc);
}

const char *px_doc_name(const px_doc *doc)
{
	return doc->name;
}

const char *px_doc_lang(const px_doc *doc)
{
	return doc->lang[0] ? doc->lang : NULL;
}

const char *px_doc_type(const px_doc *doc)
{
	return px_attr(px_doc_root(doc), "name");
}

px_unit *px_doc_find(const px_doc *doc, const char *eid)
{
	if (!doc->index || !eid)
		return NULL;
	return UNIT(xmlHashLookup(doc->index, (const xmlChar *)eid));
}

/* Next element in document order after `n` (descending into children first),
 * never leaving the subtree of `top`. */
static xmlNodePtr next_el_in_order(xmlNodePtr n, bool descend)
{
	if (descend) {
		xmlNodePtr c = px_first_el(n);
		if (c)
			return c;
	}
	while (n) {
		xmlNodePtr s = px_next_el(n);
		if (s)
			return s;
		n = n->parent;
		if (!n || n->type != XML_ELEMENT_NODE)
			return NULL;
	}
	return NULL;
}

static xmlNodePtr next_unit(xmlNodePtr n, bool descend)
{
	for (n = next_el_in_order(n, descend); n; n = next_el_in_order(n, true))
		if (px_attr(n, "eId"))
			return n;
	return NULL;
}

px_unit *px_doc_first_unit(const px_doc *doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc->xml);
	if (!root)
		return NULL;
	if (px_attr(root, "eId"))
		return UNIT(root);
	return UNIT(next_unit(root, true));
}

px_unit *px_unit_next(const px_unit *unit)
{
	return UNIT(next_unit(NODE(unit), true));
}

px_unit *px_unit_parent(const px_unit *unit)
{
	for (xmlNodePtr p = NODE(unit)->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (px_attr(p, "eId"))
			return UNIT(p);
	return NULL;
}

const char *px_unit_eid(const px_unit *unit)
{
	return px_attr(NODE(unit), "eId");
}

const char *px_unit_kind(const px_unit *unit)
{
	return (const char *)NODE(unit)->name;
}

int px_node_line(xmlNodePtr node)
{
	long l = xmlGetLineNo(node);
	return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

int px_unit_line(const px_unit *unit)
{
	return px_node_line(NODE(unit));
}

/* The element before `n` in document order (its previous sibling's last
 * descendant, or its parent). */
static xmlNodePtr prev_in_order(xmlNodePtr n)
{
	xmlNodePtr p = n->prev;
	while (p && p->type != XML_ELEMENT_NODE)
		p = p->prev;
	if (!p)
		return n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
	for (;;) {
		xmlNodePtr last = NULL;
		for (xmlNodePtr c = p->last; c; c = c->prev)
			if (c->type == XML_ELEMENT_NODE) {
				last = c;
				break;
			}
		if (!last)
			return p;
		p = last;
	}
}

int px_node_col(const px_doc *doc, xmlNodePtr node)
{
	int line = px_node_line(node);
	if (!doc->src || line <= 0 || (size_t)line > doc->nlines || node->type != XML_ELEMENT_NODE)
		return 0;
	/* how many elements of the same name start earlier on the same line */
	int k = 0;
	for (xmlNodePtr p = prev_in_order(node); p && px_node_line(p) == line; p = prev_in_order(p))
		if (xmlStrEqual(p->name, node->name))
			k++;
	size_t start = doc->line_starts[line - 1];
	size_t end = (size_t)line < doc->nlines ? doc->line_starts[line] : doc->src_len;
	char pat[128];
	const char *prefix = node->ns && node->ns->prefix ? (const char *)node->ns->prefix : NULL;
	snprintf(pat, sizeof pat, "<%s%s%s", prefix ? prefix : "", prefix ? ":" : "", (const char *)node->name);
	size_t pl = strlen(pat);
	for (size_t i = start; i + pl <= end; i++) {
		if (memcmp(doc->src + i, pat, pl) != 0)
			continue;
		char c = i + pl < end ? doc->src[i + pl] : ' ';
		if (!(c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n'))
			continue;
		if (k-- == 0)
			return (int)px_utf8_count(doc->src + start, i - start) + 1;
	}
	return 1;
}

int px_unit_col(const px_doc *doc, const px_unit *unit)
{
	return px_node_col(doc, NODE(unit));
}

int px_unit_text(const px_unit *unit, px_buf *out)
{
	return px_node_text(NODE(unit), out);
}

int px_unit_num(const px_unit *unit, px_buf *out)
{
	xmlNodePtr n = px_child(NODE(unit), "num");
	return n ? px_node_text(n, out) : 0;
}

int px_unit_heading(const px_unit *unit, px_buf *out)
{
	xmlNodePtr n = px_child(NODE(unit), "heading");
	return n ? px_node_text(n, out) : 0;
}
