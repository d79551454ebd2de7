/*
 * px_doc: a loaded document, its eId index and its units.
 *
 * A px_unit is an element that carries an eId; the public handle is the
 * libxml2 node itself behind an opaque type. The index maps each eId to its
 * first element (duplicates are a validation finding, not a load error).
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

#define NODE(u) ((xmlNodePtr)(u))
#define UNIT(n) ((px_unit *)(n))

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

size_t px_hash_str(const char *s)
{
	size_t h = 14695981039346656037u & SIZE_MAX;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211u;
	return h;
}

static void index_free(px_doc *doc)
{
	free(doc->index);
	free(doc->index_hash);
	doc->index = NULL;
	doc->index_hash = NULL;
	doc->index_mask = doc->index_count = 0;
}

/* The slot of the element with eId `eid` (hash `h`), or the empty slot
 * where it would go. */
static size_t index_slot(const px_doc *doc, const char *eid, size_t h)
{
	size_t i = h & doc->index_mask;
	for (; doc->index[i]; i = (i + 1) & doc->index_mask) {
		if (doc->index_hash[i] != h)
			continue;
		const char *e = px_attr(doc->index[i], "eId");
		if (e && strcmp(e, eid) == 0)
			break;
	}
	return i;
}

static int index_alloc(px_doc *doc, size_t slots)
{
	doc->index = calloc(slots, sizeof *doc->index);
	doc->index_hash = malloc(slots * sizeof *doc->index_hash);
	if (!doc->index || !doc->index_hash) {
		index_free(doc);
		return px_fail_oom();
	}
	doc->index_mask = slots - 1;
	doc->index_count = 0;
	return 0;
}

static int index_add(px_doc *doc, xmlNodePtr el, const char *eid)
{
	if ((doc->index_count + 1) * 2 > doc->index_mask + 1) {
		px_doc old = *doc;
		if (index_alloc(doc, (old.index_mask + 1) * 2) < 0) {
			free(old.index);
			free(old.index_hash);
			return PX_ENOMEM;
		}
		for (size_t i = 0; i <= old.index_mask; i++) {
			if (!old.index[i])
				continue;
			size_t j = old.index_hash[i] & doc->index_mask;
			while (doc->index[j])
				j = (j + 1) & doc->index_mask;
			doc->index[j] = old.index[i];
			doc->index_hash[j] = old.index_hash[i];
		}
		doc->index_count = old.index_count;
		free(old.index);
		free(old.index_hash);
	}
	size_t h = px_hash_str(eid), i = index_slot(doc, eid, h);
	if (!doc->index[i]) {
		doc->index[i] = el;
		doc->index_hash[i] = h;
		doc->index_count++;
	}
	return 0;
}

static int index_rec(px_doc *doc, xmlNodePtr node)
{
	for (xmlNodePtr c = px_first_el(node); c; c = px_next_el(c)) {
		const char *eid = px_attr(c, "eId");
		if (eid && *eid && index_add(doc, c, eid) < 0)
			return PX_ENOMEM;
		if (index_rec(doc, c) < 0)
			return PX_ENOMEM;
	}
	return 0;
}

int px_doc_reindex(px_doc *doc)
{
	size_t slots = doc->index_mask ? doc->index_mask + 1 : 256;
	index_free(doc);
	if (index_alloc(doc, slots) < 0)
		return PX_ENOMEM;
	find_lang(doc);
	return index_rec(doc, xmlDocGetRootElement(doc->xml));
}

xmlDocPtr px_xml_copy_doc(xmlDocPtr src)
{
	if (!src->dict)
		return xmlCopyDoc(src, 1);
	xmlDocPtr copy = xmlCopyDoc(src, 0); /* the document node alone */
	if (!copy)
		return NULL;
	if (!(copy->dict = xmlDictCreateSub(src->dict))) {
		xmlFreeDoc(copy);
		return NULL;
	}
	for (xmlNodePtr c = src->children; c; c = c->next) {
		if (c->type == XML_DTD_NODE)
			continue; /* never in a document we parsed */
		xmlNodePtr n = xmlDocCopyNode(c, copy, 1);
		if (!n || !xmlAddChild((xmlNodePtr)copy, n)) {
			xmlFreeNode(n);
			xmlFreeDoc(copy);
			return NULL;
		}
	}
	return copy;
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
	xml->_private = doc; /* px_node_line() finds the document of a node */
	pthread_mutex_init(&doc->col_lock, NULL);
	atomic_init(&doc->col_state, 0);
	doc->name = px_strdup(name ? name : "<memory>");
	if (!doc->name || px_doc_reindex(doc) < 0) {
		px_doc_free(doc);
		return px_fail_oom();
	}
	*out = doc;
	return 0;
}

/* Wrap a parsed tree (`rc` of its parse), keeping the bytes `data` (`len`)
 * when `copy` (for columns: a document loaded from memory), else the path
 * and identity of the regular file they were read from: its columns are
 * then found in the file again when asked for (build_cols()), so that a
 * loaded document costs its tree and not its tree and its text. */
static int wrap(px_doc **out, int rc, xmlDocPtr xml, const char *data, size_t len, const char *name,
	const char *file, const struct px_file_id *id)
{
	*out = NULL;
	px_doc *doc = NULL;
	if (rc == 0)
		rc = px_doc_wrap(&doc, xml, name);
	if (rc < 0)
		return rc;
	size_t skip = (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
	if (file) {
		doc->src_id = *id;
		if (!(doc->src_path = strdup(file))) {
			px_doc_free(doc);
			return px_fail_oom();
		}
	} else if (!(doc->src = px_strndup(data + skip, len - skip))) {
		px_doc_free(doc);
		return px_fail_oom();
	}
	doc->src_len = len - skip;
	*out = doc;
	return 0;
}

int px_doc_load_text_made(px_doc **out, const char *data, size_t len, const char *name)
{
	*out = NULL;
	xmlDocPtr xml = NULL;
	int rc = px_xml_parse(&xml, data, len, name);
	if (rc == 0)
		rc = px_doc_wrap(out, xml, name);
	return rc;
}

int px_doc_load_memory(px_doc **out, const char *data, size_t len, const char *name)
{
	*out = NULL;
	if (!name)
		name = "<memory>";
	xmlDocPtr xml = NULL;
	int rc = px_xml_parse(&xml, data, len, name);
	return wrap(out, rc, xml, data, len, name, NULL, NULL);
}

int px_doc_load_file(px_doc **out, const char *path)
{
	*out = NULL;
	struct px_mapped m;
	struct px_file_id id;
	int rc = px_read_file_mapped(&m, path, PX_DOC_MAX_SIZE, &id);
	if (rc < 0)
		return rc;
	xmlDocPtr xml = NULL;
	if (!id.regular) { /* standard input, say: it cannot be read again */
		rc = px_xml_parse(&xml, m.base, m.len, path);
		rc = wrap(out, rc, xml, m.base, m.len, path, NULL, NULL);
		px_mapped_free(&m);
		return rc;
	}
	char head[3];
	size_t len = m.len;
	memcpy(head, m.base, len < 3 ? len : 3);
	rc = px_xml_parse_mapped(&xml, &m, path);
	px_mapped_free(&m);
	if (rc == PX_XML_AGAIN) {
		/* its bytes again, for a parse that keeps all white space; the
		 * file must still be the one read */
		char *data = NULL;
		struct px_file_id again;
		rc = px_read_file_id(&data, &len, path, PX_DOC_MAX_SIZE, &again);
		if (rc == 0 && memcmp(&again, &id, sizeof id) != 0)
			rc = px_set_rule(px_fail_at(PX_EIO, path, 0, 0, "the file changed while it was read"), "PX001");
		if (rc == 0)
			rc = px_xml_parse_keep_space(&xml, data, len, path);
		free(data);
	}
	return wrap(out, rc, xml, head, len, path, path, &id);
}

void px_doc_free(px_doc *doc)
{
	if (!doc)
		return;
	index_free(doc);
	free(doc->col_node);
	free(doc->col_val);
	free(doc->txt_node);
	free(doc->txt_line);
	free(doc->txt_col);
	pthread_mutex_destroy(&doc->col_lock);
	xmlFreeDoc(doc->xml);
	free(doc->name);
	free(doc->src);
	free(doc->src_path);
	for (size_t i = 0; i < doc->nsoft; i++)
		free(doc->soft[i]);
	free(doc->soft);
	free(doc);
}

bool px_doc_soft_start(const px_doc *doc, const char *eid)
{
	for (size_t i = 0; doc && eid && i < doc->nsoft; i++)
		if (strcmp(doc->soft[i], eid) == 0)
			return true;
	return false;
}

const char *px_doc_name(const px_doc *doc)
{
	return doc->name;
}

px_lang px_doc_lang(const px_doc *doc)
{
	return strcmp(doc->lang, "rus") == 0 ? PX_LANG_RU : strcmp(doc->lang, "zho") == 0 ? PX_LANG_ZH : PX_LANG_AUTO;
}

const char *px_doc_type(const px_doc *doc)
{
	return px_attr(px_doc_root(doc), "name");
}

px_unit *px_doc_find(const px_doc *doc, const char *eid)
{
	if (!doc->index || !eid)
		return NULL;
	return UNIT(doc->index[index_slot(doc, eid, px_hash_str(eid))]);
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

static size_t ptr_hash(const void *p);

/* The slot of the nearest of `node` and its ancestors that has a place in
 * the imported text, or (size_t)-1. */
static size_t text_slot(const px_doc *d, xmlNodePtr node)
{
	for (xmlNodePtr n = node; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		size_t i = ptr_hash(n) & d->txt_mask;
		while (d->txt_node[i] && d->txt_node[i] != n)
			i = (i + 1) & d->txt_mask;
		if (d->txt_node[i])
			return i;
	}
	return (size_t)-1;
}

int px_text_places_add(struct px_text_places *p, const char *eid, int line, int col)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		char **e = realloc(p->eid, cap * sizeof *e);
		if (e)
			p->eid = e;
		int *l = e ? realloc(p->line, cap * sizeof *l) : NULL;
		if (l)
			p->line = l;
		int *c = l ? realloc(p->col, cap * sizeof *c) : NULL;
		if (!c)
			return px_fail_oom();
		p->col = c;
		p->cap = cap;
	}
	if (!(p->eid[p->n] = px_strdup(eid)))
		return px_fail_oom();
	p->line[p->n] = line;
	p->col[p->n++] = col;
	return 0;
}

void px_text_places_clear(struct px_text_places *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->eid[i]);
	p->n = 0;
}

void px_text_places_dispose(struct px_text_places *p)
{
	px_text_places_clear(p);
	free(p->eid);
	free(p->line);
	free(p->col);
	*p = (struct px_text_places){ 0 };
}

int px_doc_set_text_positions(px_doc *doc, const struct px_text_places *places)
{
	const size_t n = places->n;
	size_t slots = 16;
	while (slots < 2 * n + 2)
		slots *= 2;
	xmlNodePtr *node = calloc(slots, sizeof *node);
	int *ln = malloc(slots * sizeof *ln), *cl = malloc(slots * sizeof *cl);
	if (!node || !ln || !cl) {
		free(node);
		free(ln);
		free(cl);
		return px_fail_oom();
	}
	for (size_t k = 0; k < n; k++) {
		xmlNodePtr e = NODE(px_doc_find(doc, places->eid[k]));
		if (!e)
			continue;
		size_t i = ptr_hash(e) & (slots - 1);
		while (node[i] && node[i] != e)
			i = (i + 1) & (slots - 1);
		node[i] = e;
		ln[i] = places->line[k];
		cl[i] = places->col[k];
	}
	free(doc->txt_node);
	free(doc->txt_line);
	free(doc->txt_col);
	doc->txt_node = node;
	doc->txt_line = ln;
	doc->txt_col = cl;
	doc->txt_mask = slots - 1;
	return 0;
}

int px_node_line(xmlNodePtr node)
{
	const px_doc *d = node->doc ? node->doc->_private : NULL;
	if (d && d->xml == node->doc && d->txt_mask) {
		size_t i = text_slot(d, node);
		return i == (size_t)-1 ? 0 : d->txt_line[i];
	}
	long l = xmlGetLineNo(node);
	return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

int px_unit_line(const px_unit *unit)
{
	return px_node_line(NODE(unit));
}

/* ---- columns ------------------------------------------------------------------ */

static size_t ptr_hash(const void *p)
{
	return (size_t)(((uintptr_t)p >> 4) * (uintptr_t)0x9E3779B97F4A7C15u);
}

/* A position in the source, with its column. */
struct cursor {
	const char *s;
	size_t n, i;
	int col; /* characters since the line start */
};

static void step(struct cursor *c)
{
	unsigned char ch = (unsigned char)c->s[c->i++];
	if (ch == '\n')
		c->col = 0;
	else if ((ch & 0xC0) != 0x80)
		c->col++;
}

/* Skip past the next `end`, counting columns. */
static void skip_past(struct cursor *c, const char *end)
{
	size_t el = strlen(end);
	while (c->i < c->n && !(c->i + el <= c->n && memcmp(c->s + c->i, end, el) == 0))
		step(c);
	for (size_t k = 0; k < el && c->i < c->n; k++)
		step(c);
}

/* Skip a start tag from its '<' past its '>' (a quoted attribute value
 * may hold '>'). */
static void skip_tag(struct cursor *c)
{
	char quote = 0;
	while (c->i < c->n) {
		char ch = c->s[c->i];
		step(c);
		if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '>') {
			return;
		}
	}
}

static void col_put(px_doc *doc, xmlNodePtr n, int col)
{
	size_t i = ptr_hash(n) & doc->col_mask;
	while (doc->col_node[i] && doc->col_node[i] != n)
		i = (i + 1) & doc->col_mask;
	doc->col_node[i] = n;
	doc->col_val[i] = col;
}

/* The start tags of src in order are the elements of the tree in document
 * order (the source has no DTD, so no entity adds or hides one): one pass
 * over both. @return 1 built, -1 not available (no source, out of memory,
 * or the tree no longer matches the source). */
static int scan_cols(px_doc *doc, const char *src, size_t len);

/* The bytes the document was loaded from (`*tofree` set when read again
 * from its file, which must still be the file it was: same device, inode,
 * size and times). NULL when they are not available. */
static const char *source_of(const px_doc *doc, char **tofree)
{
	*tofree = NULL;
	if (doc->src)
		return doc->src;
	if (!doc->src_path || !doc->src_id.regular)
		return NULL;
	char *data = NULL;
	size_t len = 0;
	struct px_file_id id;
	px_error_saved saved; /* a failure here is no error of the caller's */
	px_error_save(&saved);
	int rc = px_read_file_id(&data, &len, doc->src_path, PX_DOC_MAX_SIZE, &id);
	px_error_restore(&saved);
	if (rc < 0)
		return NULL;
	if (memcmp(&id, &doc->src_id, sizeof id) != 0) {
		free(data);
		return NULL;
	}
	size_t skip = (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
	if (len - skip != doc->src_len) {
		free(data);
		return NULL;
	}
	*tofree = data;
	return data + skip;
}

static int build_cols(px_doc *doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc->xml);
	if (!root)
		return -1;
	char *tofree;
	const char *src = source_of(doc, &tofree);
	if (!src)
		return -1;
	int rc = scan_cols(doc, src, doc->src_len);
	free(tofree);
	return rc;
}

static int scan_cols(px_doc *doc, const char *src, size_t len)
{
	xmlNodePtr root = xmlDocGetRootElement(doc->xml);
	size_t count = 0;
	for (size_t i = 0; i + 1 < len; i++)
		if (src[i] == '<' && src[i + 1] != '/' && src[i + 1] != '!' && src[i + 1] != '?')
			count++; /* at least the start tags: a bound for the table */
	size_t slots = 16;
	while (slots < count * 2 + 2)
		slots *= 2;
	doc->col_node = calloc(slots, sizeof *doc->col_node);
	doc->col_val = malloc(slots * sizeof *doc->col_val);
	if (!doc->col_node || !doc->col_val)
		return -1;
	doc->col_mask = slots - 1;
	struct cursor c = { src, len, 0, 0 };
	xmlNodePtr n = root;
	while (c.i < c.n) {
		const char *lt = memchr(c.s + c.i, '<', c.n - c.i);
		if (!lt)
			break;
		while (c.s + c.i < lt)
			step(&c);
		char next = c.i + 1 < c.n ? c.s[c.i + 1] : 0;
		if (next == '!' && c.i + 4 <= c.n && memcmp(c.s + c.i, "<!--", 4) == 0) {
			skip_past(&c, "-->");
		} else if (next == '!' && c.i + 9 <= c.n && memcmp(c.s + c.i, "<![CDATA[", 9) == 0) {
			skip_past(&c, "]]>");
		} else if (next == '?') {
			skip_past(&c, "?>");
		} else if (next == '/' || next == '!') {
			skip_past(&c, ">");
		} else {
			if (!n)
				return -1; /* more start tags than elements */
			col_put(doc, n, c.col + 1);
			n = px_next_in_order(n, NULL, true);
			skip_tag(&c);
		}
	}
	return n ? -1 : 1;
}

px_loc px_node_loc(const px_doc *doc, xmlNodePtr node)
{
	px_loc loc = { doc ? px_doc_name(doc) : NULL, 0, 0, NULL };
	if (node) {
		loc.line = px_node_line(node);
		loc.col = doc ? px_node_col(doc, node) : 0;
	}
	return loc;
}

int px_node_col(const px_doc *doc, xmlNodePtr node)
{
	if (doc->txt_mask) {
		size_t i = node->doc == doc->xml ? text_slot(doc, node) : (size_t)-1;
		return i == (size_t)-1 ? 0 : doc->txt_col[i];
	}
	if ((!doc->src && !doc->src_path) || node->type != XML_ELEMENT_NODE || node->doc != doc->xml)
		return 0;
	px_doc *d = (px_doc *)doc; /* the table is built once, under the lock */
	int state = atomic_load_explicit(&d->col_state, memory_order_acquire);
	if (state == 0) {
		pthread_mutex_lock(&d->col_lock);
		state = atomic_load_explicit(&d->col_state, memory_order_relaxed);
		if (state == 0) {
			state = build_cols(d);
			atomic_store_explicit(&d->col_state, state, memory_order_release);
		}
		pthread_mutex_unlock(&d->col_lock);
	}
	if (state < 0)
		return 1;
	size_t i = ptr_hash(node) & d->col_mask;
	while (d->col_node[i] && d->col_node[i] != node)
		i = (i + 1) & d->col_mask;
	return d->col_node[i] ? d->col_val[i] : 1;
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
