/*
 * Amend: the working state of a consolidation, and the operations applied
 * to both languages (steps 1 to 3 of amend.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amend/amend_int.h"

/* ---- the working state of a consolidation -------------------------------- */






int px_amend_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first)
{
	if (n < *cap)
		return 0;
	size_t na = *cap ? *cap * 2 : first;
	void *x = realloc(*(void **)arr, na * size);
	if (!x)
		return px_fail_oom();
	*(void **)arr = x;
	*cap = na;
	return 0;
}

int amd_push_node(xmlNodePtr **arr, size_t *n, size_t *a, xmlNodePtr node)
{
	if (px_amend_grow(arr, a, *n, sizeof **arr, 64) < 0)
		return PX_ENOMEM;
	(*arr)[(*n)++] = node;
	return 0;
}

/* Note a list before an item is added to it or taken from it, with its last item. */
static void note_list(struct work *w, xmlNodePtr parent)
{
	if (!parent || !px_is(parent, "blockList"))
		return;
	for (size_t i = 0; i < w->nlists; i++)
		if (w->lists[i] == parent)
			return;
	xmlNodePtr last = NULL;
	for (xmlNodePtr c = px_first_el(parent); c; c = px_next_el(c))
		if (px_is(c, "item"))
			last = c;
	size_t n = w->nlists;
	if (amd_push_node(&w->lists, &w->nlists, &w->alists, parent) == 0) {
		size_t m = n;
		if (amd_push_node(&w->lasts, &m, &w->alasts, last) < 0)
			w->nlists = n;
	}
}

int amd_bury(struct work *w, xmlNodePtr n)
{
	if (px_is(n, "item"))
		note_list(w, n->parent);
	xmlUnlinkNode(n);
	return amd_push_node(&w->grave, &w->ngrave, &w->agrave, n);
}

static int set_tail(struct work *w, xmlNodePtr n, xmlNodePtr tail)
{
	if (!n->_private && amd_push_node(&w->touched, &w->ntouched, &w->atouched, n) < 0)
		return PX_ENOMEM;
	n->_private = tail;
	return 0;
}

static int push_pair(struct work *w, xmlNodePtr old, xmlNodePtr new)
{
	if (px_amend_grow(&w->pairs, &w->apairs, w->npairs, sizeof *w->pairs, 16) < 0)
		return PX_ENOMEM;
	w->pairs[w->npairs].old = old;
	w->pairs[w->npairs++].new = new;
	return 0;
}

bool amd_attached(xmlNodePtr n)
{
	while (n && n->type == XML_ELEMENT_NODE)
		n = n->parent;
	return n && n->type == XML_DOCUMENT_NODE;
}

/* Give a copied subtree the namespace of the target document and drop the
 * eIds and namespace declarations it brought along. */
static void adopt(xmlNodePtr n, xmlNsPtr ns)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		n->ns = ns;
		if (n->nsDef) {
			xmlFreeNsList(n->nsDef);
			n->nsDef = NULL;
		}
		xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)"eId");
		if (a)
			xmlRemoveProp(a);
		adopt(n->children, ns);
	}
}

static xmlNodePtr copy_into(px_doc *doc, xmlNodePtr src)
{
	xmlNodePtr c = xmlDocCopyNode(src, doc->xml, 1);
	if (!c)
		return NULL;
	xmlNodePtr save_next = c->next;
	c->next = NULL;
	adopt(c, xmlDocGetRootElement(doc->xml)->ns);
	c->next = save_next;
	return c;
}

xmlNodePtr amd_new_el(px_doc *doc, const char *name)
{
	return xmlNewDocNode(doc->xml, xmlDocGetRootElement(doc->xml)->ns, (const xmlChar *)name, NULL);
}

/* ---- applying operations ------------------------------------------------ */


int amd_op_error(struct opctx *c, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

int amd_op_error(struct opctx *c, const char *rule, const char *fmt, ...)
{
	char msg[768], label[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	amd_op_label(label, sizeof label, c->op);
	c->w->failed = true;
	return amd_add_diag(c->w->diags, rule, c->ins->doc[c->l], c->op->mod[c->l], c->op->eid, "%s: %s", label, msg);
}

/* May an element named `child` be a child of `parent`? (the profile's outline) */
static bool may_contain(xmlNodePtr parent, const char *child)
{
	static const char *const pairs[][2] = {
		{ "mainBody", "section" }, { "section", "paragraph" }, { "section", "content" },
		{ "mainBody", "chapter" }, { "mainBody", "article" }, { "chapter", "article" }, { "article", "paragraph" },
		{ "article", "content" }, { "mainBody", "point" }, { "point", "content" },
		{ "paragraph", "content" }, { "content", "p" }, { "content", "blockList" },
		{ "blockList", "item" }, { "item", "p" }, { "item", "blockList" },
		{ "conclusions", "blockContainer" }, { "blockContainer", "p" }, { "preamble", "p" },
		{ "recitals", "recital" }, { "recital", "p" }, { "formula", "p" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		if (px_is(parent, pairs[i][0]) && strcmp(child, pairs[i][1]) == 0)
			return true;
	return false;
}

/* The nodes a quoted structure stands for at this destination: a quoted
 * blockList stands for its items next to an item or inside a list, a
 * quoted p for a signature block next to a blockContainer. */
static int quoted_nodes(struct opctx *c, xmlNodePtr q, xmlNodePtr parent, xmlNodePtr **out, size_t *n)
{
	size_t a = 0;
	*out = NULL;
	*n = 0;
	px_doc *doc = c->w->w[c->l];
	for (xmlNodePtr e = px_first_el(q); e; e = px_next_el(e)) {
		if (px_is(e, "blockList") && px_is(parent, "blockList")) {
			for (xmlNodePtr it = px_child(e, "item"); it; it = px_next_el(it)) {
				xmlNodePtr k = copy_into(doc, it);
				if (!k || amd_push_node(out, n, &a, k) < 0)
					return px_fail_oom();
			}
			continue;
		}
		xmlNodePtr k = copy_into(doc, e);
		if (!k)
			return px_fail_oom();
		if (px_is(e, "p") && px_is(parent, "conclusions")) {
			xmlNodePtr bc = amd_new_el(doc, "blockContainer");
			if (!bc) {
				xmlFreeNode(k);
				return px_fail_oom();
			}
			xmlSetProp(bc, (const xmlChar *)"class", (const xmlChar *)"signature");
			xmlAddChild(bc, k);
			k = bc;
		}
		if (amd_push_node(out, n, &a, k) < 0) {
			xmlFreeNode(k);
			return px_fail_oom();
		}
	}
	for (size_t i = 0; i < *n; i++)
		if (!may_contain(parent, (const char *)(*out)[i]->name))
			return amd_op_error(c, "PX099", "a quoted %s cannot stand in a %s", (const char *)(*out)[i]->name,
				(const char *)parent->name);
	if (*n == 0)
		return amd_op_error(c, "PX099", "the quoted structure is empty");
	return 0;
}

static void free_nodes(xmlNodePtr *nodes, size_t n, size_t from)
{
	for (size_t i = from; i < n; i++)
		xmlFreeNode(nodes[i]);
	free(nodes);
}

/* The element that holds a unit's children: a section's content. */
static xmlNodePtr container_of(xmlNodePtr dest)
{
	if (px_is(dest, "section") || px_is(dest, "paragraph") || px_is(dest, "article") || px_is(dest, "point")) {
		xmlNodePtr content = px_child(dest, "content");
		return content ? content : dest;
	}
	return dest;
}

int amd_insert_structure(struct opctx *c, xmlNodePtr dest, struct result_node *res)
{
	struct work *w = c->w;
	enum op_pos pos = c->op->pos;
	xmlNodePtr parent = (pos == POS_BEFORE || pos == POS_AFTER) ? dest->parent : container_of(dest);
	xmlNodePtr *nodes;
	size_t n;
	int rc = quoted_nodes(c, c->op->new_q[c->l], parent, &nodes, &n);
	if (rc < 0 || w->failed) {
		free_nodes(nodes, n, 0);
		return rc;
	}
	xmlNodePtr anchor = NULL;
	note_list(w, parent);
	if (pos == POS_AFTER)
		anchor = dest->_private ? dest->_private : dest;
	else if (pos == POS_START) {
		/* several insertions at the start of one container in one instrument
		 * keep the order of the operations: each goes after the last one */
		struct start_tail *st = NULL;
		for (size_t i = 0; i < w->nstarts && !st; i++)
			if (w->starts[i].parent == parent)
				st = &w->starts[i];
		if (st) {
			anchor = px_next_el(st->last);
		} else {
			anchor = px_first_el(parent);
			while (anchor && (px_is(anchor, "num") || px_is(anchor, "heading") || px_is(anchor, "listIntroduction")))
				anchor = px_next_el(anchor);
		}
		if (!st && n > 0) {
			if (px_amend_grow(&w->starts, &w->astarts, w->nstarts, sizeof *w->starts, 8) < 0) {
				free_nodes(nodes, n, 0);
				return PX_ENOMEM;
			}
			st = &w->starts[w->nstarts++];
			st->parent = parent;
		}
		if (st && n > 0)
			st->last = nodes[n - 1];
	}
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr k = nodes[i];
		if (pos == POS_BEFORE)
			xmlAddPrevSibling(dest, k);
		else if (pos == POS_AFTER)
			anchor = xmlAddNextSibling(anchor, k);
		else if (pos == POS_START && anchor)
			xmlAddPrevSibling(anchor, k);
		else
			xmlAddChild(parent, k);
		if (!xmlSetProp(k, (const xmlChar *)"period", (const xmlChar *)w->period))
			rc = PX_ENOMEM;
	}
	if (pos == POS_AFTER && set_tail(w, dest, anchor) < 0)
		rc = PX_ENOMEM;
	res->node[c->l] = nodes[0];
	free(nodes);
	return rc;
}

int amd_restate_structure(struct opctx *c, xmlNodePtr dest, struct result_node *res)
{
	struct work *w = c->w;
	xmlNodePtr q = c->op->new_q[c->l];
	xmlNodePtr first = px_first_el(q);
	if (first && px_is(first, "heading") && !px_next_el(first)) {
		xmlNodePtr h = px_child(dest, "heading");
		if (!h)
			return amd_op_error(c, "PX099", "a quoted heading restates the heading of a section, not of a %s",
				(const char *)dest->name);
		xmlNodePtr k = copy_into(w->w[c->l], first);
		if (!k)
			return px_fail_oom();
		xmlAddNextSibling(h, k);
		res->node[c->l] = dest;
		return amd_bury(w, h);
	}
	xmlNodePtr *nodes;
	size_t n;
	int rc = quoted_nodes(c, q, dest->parent, &nodes, &n);
	if (rc < 0 || w->failed) {
		free_nodes(nodes, n, 0);
		return rc;
	}
	for (size_t i = 0; i < n; i++)
		if (!xmlStrEqual(nodes[i]->name, dest->name)) {
			rc = amd_op_error(c, "PX099", "a quoted %s cannot restate a %s", (const char *)nodes[i]->name,
				(const char *)dest->name);
			free_nodes(nodes, n, 0);
			return rc;
		}
	xmlNodePtr anchor = dest;
	for (size_t i = 0; i < n; i++) {
		anchor = xmlAddNextSibling(anchor, nodes[i]);
		if (!xmlSetProp(nodes[i], (const xmlChar *)"period", (const xmlChar *)w->period))
			rc = PX_ENOMEM;
	}
	res->node[c->l] = nodes[0];
	free(nodes);
	/* the replaced unit leaves once every operation of the step has run;
	 * its parts are matched with the parts of the new one by eId */
	if (rc < 0 || set_tail(w, dest, anchor) < 0 || amd_push_node(&w->pending[c->l], &w->npending[c->l], &w->apending[c->l], dest) < 0)
		return PX_ENOMEM;
	if (c->l == L_RU && n == 1 && push_pair(w, dest, res->node[c->l]) < 0)
		return PX_ENOMEM;
	return 0;
}

/* Text nodes of a unit, in order, not counting numbers nor the white space
 * between structural elements. */
static int text_nodes(xmlNodePtr n, xmlNodePtr **out, size_t *cnt, size_t *a)
{
	bool mixed = px_is_mixed(n);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && mixed) {
			if (amd_push_node(out, cnt, a, c) < 0)
				return PX_ENOMEM;
		} else if (c->type == XML_ELEMENT_NODE && !px_is(c, "num")) {
			if (text_nodes(c, out, cnt, a) < 0)
				return PX_ENOMEM;
		}
	}
	return 0;
}

static size_t count_in(const char *hay, const char *needle, const char **first)
{
	size_t k = 0, nl = strlen(needle);
	*first = NULL;
	if (nl == 0)
		return 0; /* nothing to find (refused when the instrument is read) */
	for (const char *p = strstr(hay, needle); p; p = strstr(p + nl, needle)) {
		if (!k)
			*first = p;
		k++;
	}
	return k;
}

static bool ends_with_space(const char *s, size_t len)
{
	return len > 0 && s[len - 1] == ' ';
}

static bool closing_punct(const char *s)
{
	return *s == ',' || *s == '.' || *s == ';' || *s == ':' || *s == ')';
}

/* Link `n` into the tree before `ref`, or as last child of `parent` when
 * `ref` is NULL. Unlike xmlAddPrevSibling()/xmlAddChild(), this never merges
 * text nodes, so the node handed in is the node that ends up in the tree. */
static void link_before(xmlNodePtr parent, xmlNodePtr ref, xmlNodePtr n)
{
	n->parent = parent;
	n->next = ref;
	n->prev = ref ? ref->prev : parent->last;
	if (n->prev)
		n->prev->next = n;
	else
		parent->children = n;
	if (ref)
		ref->prev = n;
	else
		parent->last = n;
}

/* Set a text node's content to `len` bytes of `s`, which may point into it. */
static int set_text(xmlNodePtr t, const char *s, size_t len)
{
	char *copy = px_strndup(s, len);
	if (!copy)
		return px_fail_oom();
	xmlNodeSetContent(t, (const xmlChar *)copy);
	free(copy);
	return 0;
}

/* Split text node `t` at byte `at`; returns the node holding the tail. */
static xmlNodePtr split_text(xmlNodePtr t, size_t at)
{
	const char *s = (const char *)t->content;
	xmlNodePtr tail = xmlNewDocText(t->doc, (const xmlChar *)(s + at));
	if (!tail)
		return NULL;
	if (set_text(t, s, at) < 0) {
		xmlFreeNode(tail);
		return NULL;
	}
	link_before(t->parent, t->next, tail);
	return tail;
}

/* Insert copies of the children of quotedText `q` before `before` (or as last
 * children of `parent` when `before` is NULL). */
static int insert_words(px_doc *doc, xmlNodePtr parent, xmlNodePtr before, xmlNodePtr q, const char *lead,
	const char *trail)
{
	xmlNodePtr first = NULL, last = NULL;
	for (xmlNodePtr k = q->children; k; k = k->next) {
		xmlNodePtr copy = copy_into(doc, k);
		if (!copy)
			return px_fail_oom();
		link_before(parent, before, copy);
		if (!first)
			first = copy;
		last = copy;
	}
	if (!first)
		return 0;
	if (lead && *lead) {
		xmlNodePtr t = xmlNewDocText(doc->xml, (const xmlChar *)lead);
		if (!t)
			return px_fail_oom();
		link_before(parent, first, t);
	}
	if (trail && *trail) {
		xmlNodePtr t = xmlNewDocText(doc->xml, (const xmlChar *)trail);
		if (!t)
			return px_fail_oom();
		link_before(parent, last->next, t);
	}
	return 0;
}

/* Merge adjacent text nodes below `n` (a word operation may have split them). */
static void merge_text(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		while (c->type == XML_TEXT_NODE && c->next && c->next->type == XML_TEXT_NODE) {
			xmlNodePtr nx = c->next;
			xmlNodeAddContent(c, nx->content);
			xmlUnlinkNode(nx);
			xmlFreeNode(nx);
		}
		if (c->type == XML_ELEMENT_NODE)
			merge_text(c);
	}
}

/* The first quoted string starts with a letter or digit (needs a space in Russian). */
static bool starts_with_word(xmlNodePtr q)
{
	char *t = amd_node_text_dup(q);
	bool r = t && t[0] && !closing_punct(t);
	free(t);
	return r;
}

int amd_word_operation(struct opctx *c, xmlNodePtr dest, struct result_node *res)
{
	const struct amend_op *op = c->op;
	px_doc *doc = c->w->w[c->l];
	bool ru = c->l == L_RU;
	xmlNodePtr oq = op->old_q[c->l], nq = op->new_q[c->l];
	xmlNodePtr target = px_is(dest, "section") || px_is(dest, "article") || px_is(dest, "chapter") ? px_child(dest, "heading")
		: dest;
	xmlNodePtr *texts = NULL;
	size_t nt = 0, at = 0;
	int rc = 0;
	char *old = oq ? amd_node_text_dup(oq) : NULL;
	if ((oq && !old) || text_nodes(dest, &texts, &nt, &at) < 0) {
		rc = px_fail_oom();
		goto out;
	}
	res->node[c->l] = dest;
	if (!oq && op->type == OP_SUBSTITUTION) {
		/* restate the whole wording of a p or of a section's heading */
		if (!target || !px_is_mixed(target)) {
			rc = amd_op_error(c, "PX099", "quoted text restates a p or the heading of a division, not a %s",
				(const char *)dest->name);
			goto out;
		}
		xmlNodePtr k;
		while ((k = target->children)) {
			xmlUnlinkNode(k);
			xmlFreeNode(k);
		}
		rc = insert_words(doc, target, NULL, nq, NULL, NULL);
		goto out;
	}
	if (!oq) {
		/* words at the start or end of the unit's text */
		if (nt == 0) {
			rc = amd_op_error(c, "PX094", "the unit has no text to add words to");
			goto out;
		}
		bool word = starts_with_word(nq);
		if (op->pos == POS_START) {
			xmlNodePtr t = texts[0];
			rc = insert_words(doc, t->parent, t, nq, NULL, ru ? " " : NULL);
		} else {
			xmlNodePtr t = texts[nt - 1];
			const char *s = (const char *)t->content;
			size_t len = strlen(s), cut = len;
			/* before the closing punctuation mark of the unit */
			const char *marks[] = { ".", ";", ":", ",", "\xE3\x80\x82", "\xEF\xBC\x9B", "\xEF\xBC\x9A",
				"\xEF\xBC\x8C", NULL };
			for (size_t m = 0; marks[m]; m++) {
				size_t ml = strlen(marks[m]);
				if (len >= ml && strcmp(s + len - ml, marks[m]) == 0)
					cut = len - ml;
			}
			xmlNodePtr tail = cut < len ? split_text(t, cut) : NULL;
			if (cut < len && !tail) {
				rc = px_fail_oom();
				goto out;
			}
			rc = insert_words(doc, t->parent, tail, nq, ru && word ? " " : NULL, NULL);
		}
		merge_text(dest);
		goto out;
	}
	/* find the old words exactly once, inside one text node */
	size_t total = 0;
	xmlNodePtr hit = NULL;
	const char *where = NULL;
	for (size_t i = 0; i < nt; i++) {
		const char *f;
		size_t k = count_in((const char *)texts[i]->content, old, &f);
		if (k && !hit) {
			hit = texts[i];
			where = f;
		}
		total += k;
	}
	if (total == 0) {
		char *all = amd_node_text_dup(dest);
		bool spans = all && strstr(all, old);
		free(all);
		rc = spans ? amd_op_error(c, "PX096", "the words '%s' run across inline markup; quote them within one element",
				old)
			: amd_op_error(c, "PX094", "the words '%s' are not in the unit", old);
		goto out;
	}
	if (total > 1) {
		rc = amd_op_error(c, "PX095", "the words '%s' occur %zu times in the unit; quote enough to name one", old, total);
		goto out;
	}
	size_t off = (size_t)(where - (const char *)hit->content), ol = strlen(old);
	if (op->type == OP_INSERTION) {
		bool word = starts_with_word(nq);
		if (op->pos == POS_BEFORE) {
			xmlNodePtr tail = split_text(hit, off);
			rc = tail ? insert_words(doc, hit->parent, tail, nq, NULL, ru ? " " : NULL) : px_fail_oom();
		} else {
			xmlNodePtr tail = split_text(hit, off + ol);
			rc = tail ? insert_words(doc, hit->parent, tail, nq, ru && word ? " " : NULL, NULL) : px_fail_oom();
		}
		merge_text(dest);
		goto out;
	}
	/* substitution or deletion: cut out the old words */
	xmlNodePtr tail = split_text(hit, off);
	if (!tail) {
		rc = px_fail_oom();
		goto out;
	}
	const char *rest = (const char *)tail->content + ol;
	if ((rc = set_text(tail, rest, strlen(rest))) < 0)
		goto out;
	if (op->type == OP_SUBSTITUTION) {
		rc = insert_words(doc, hit->parent, tail, nq, NULL, NULL);
	} else if (ru) {
		/* a deletion in Russian leaves one space between words and none before punctuation */
		const char *h = (const char *)hit->content, *t = (const char *)tail->content;
		size_t hl = strlen(h);
		if (ends_with_space(h, hl) && (t[0] == ' ' || closing_punct(t) || t[0] == '\0'))
			rc = set_text(hit, h, hl - 1);
		else if (hl == 0 && t[0] == ' ')
			rc = set_text(tail, t + 1, strlen(t + 1));
	}
	merge_text(dest);
out:
	free(old);
	free(texts);
	return rc;
}

/* The last text node of an item's own paragraph (not of a list nested in it). */
static xmlNodePtr item_tail(xmlNodePtr item)
{
	xmlNodePtr p = NULL;
	for (xmlNodePtr c = px_first_el(item); c; c = px_next_el(c))
		if (px_is(c, "p"))
			p = c;
		else if (px_is(c, "blockList"))
			return NULL;
	xmlNodePtr t = p ? p->last : NULL;
	while (t && t->type != XML_TEXT_NODE)
		t = t->prev;
	return t;
}

/* Replace the final mark of a text node: `from` (one of two spellings) by `to`. */
static void set_final(xmlNodePtr t, const char *const *from, const char *to)
{
	const char *s = (const char *)t->content;
	size_t n = s ? strlen(s) : 0;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	for (size_t k = 0; from[k]; k++) {
		size_t fl = strlen(from[k]);
		if (n >= fl && memcmp(s + n - fl, from[k], fl) == 0) {
			px_buf b = PX_BUF_INIT;
			if (px_buf_put(&b, s, n - fl) == 0 && px_buf_puts(&b, to) == 0 && b.ptr)
				xmlNodeSetContent(t, (const xmlChar *)b.ptr);
			px_buf_dispose(&b);
			return;
		}
	}
}

/* Does an item's own paragraph end with one of these marks? */
static bool ends_with(xmlNodePtr item, const char *const *marks)
{
	xmlNodePtr t = item_tail(item);
	const char *s = t ? (const char *)t->content : NULL;
	size_t len = s ? strlen(s) : 0;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	for (size_t j = 0; marks[j]; j++)
		if (len >= strlen(marks[j]) && memcmp(s + len - strlen(marks[j]), marks[j], strlen(marks[j])) == 0)
			return true;
	return false;
}

void amd_fix_list_punct(struct work *w)
{
	static const char *const stops[] = { ".", "\xE3\x80\x82", NULL };   /* . 。 */
	static const char *const semis[] = { ";", "\xEF\xBC\x9B", NULL };   /* ; ； */
	for (size_t i = 0; i < w->nlists; i++) {
		xmlNodePtr list = w->lists[i], was = w->lasts[i], last = NULL;
		if (!list->parent)
			continue;
		bool zh = list->doc == w->w[L_ZH]->xml, semi_style = false;
		for (xmlNodePtr c = px_first_el(list); c; c = px_next_el(c))
			if (px_is(c, "item")) {
				/* a list of this style: an item before the last ends with a semicolon */
				if (last && ends_with(last, semis))
					semi_style = true;
				last = c;
			}
		if (!semi_style || last == was)
			continue;
		if (was && was->parent == list) {
			xmlNodePtr t = item_tail(was);
			if (t)
				set_final(t, stops, zh ? semis[1] : semis[0]);
		}
		xmlNodePtr t = last ? item_tail(last) : NULL;
		if (t)
			set_final(t, semis, zh ? stops[1] : stops[0]);
	}
	w->nlists = 0;
}
