/*
 * Canonical serialization.
 *
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <akomaNtoso xmlns="…">
 *     <doc name="programme">            structural elements: one per line,
 *       <meta>                          two spaces per level, white-space-only
 *       …                               text between them dropped
 *           <p eId="sec_I__p_1">Text <organization …>…</organization>.</p>
 *                                       mixed elements (p, heading, num and
 *                                       everything inside them): written exactly
 *                                       as held, no white space added or removed
 *
 * Attributes keep their order; namespace declarations come first. Text is
 * escaped minimally (&amp; &lt; &gt;; in attributes also &quot; and control
 * white space). Saving a document loaded from a saved file gives the same
 * bytes, so saved files are stable under load+save.
 */
#include <string.h>

#include "model/model.h"

static int esc(px_buf *o, const char *s, bool attr)
{
	const char *run = s;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '\r': rep = "&#13;"; break;
		case '"': if (attr) rep = "&quot;"; break;
		case '\n': if (attr) rep = "&#10;"; break;
		case '\t': if (attr) rep = "&#9;"; break;
		default: break;
		}
		if (rep) {
			if (px_buf_put(o, run, (size_t)(s - run)) < 0 || px_buf_puts(o, rep) < 0)
				return PX_ENOMEM;
			run = s + 1;
		}
	}
	return px_buf_put(o, run, (size_t)(s - run));
}

/* A namespace name as libxml2 keeps it: with its character references
 * unexpanded («urn:a&#38;b»); they are written as they are, so that saving a
 * saved document gives the same bytes (found by fuzz/render). */
static int esc_ns(px_buf *o, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *rep = (*s == '&' && s[1] != '#') ? "&amp;" : *s == '<' ? "&lt;" : *s == '"' ? "&quot;"
			: *s == '\t' ? "&#9;" : *s == '\n' ? "&#10;" : *s == '\r' ? "&#13;" : NULL;
		if (rep) {
			/* white space as references: a parser makes spaces of it otherwise */
			if (px_buf_put(o, run, (size_t)(s - run)) < 0 || px_buf_puts(o, rep) < 0)
				return PX_ENOMEM;
			run = s + 1;
		}
	}
	return px_buf_put(o, run, (size_t)(s - run));
}

static int qname(px_buf *o, xmlNsPtr ns, const xmlChar *name)
{
	if (ns && ns->prefix) {
		if (px_buf_puts(o, (const char *)ns->prefix) < 0 || px_buf_put(o, ":", 1) < 0)
			return PX_ENOMEM;
	}
	return px_buf_puts(o, (const char *)name);
}

static int start_tag(px_buf *o, xmlNodePtr n, bool empty)
{
	int rc = px_buf_put(o, "<", 1);
	rc |= qname(o, n->ns, n->name);
	for (xmlNsPtr ns = n->nsDef; ns; ns = ns->next) {
		rc |= px_buf_puts(o, ns->prefix ? " xmlns:" : " xmlns");
		if (ns->prefix)
			rc |= px_buf_puts(o, (const char *)ns->prefix);
		rc |= px_buf_puts(o, "=\"");
		rc |= esc_ns(o, (const char *)ns->href);
		rc |= px_buf_put(o, "\"", 1);
	}
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		rc |= px_buf_put(o, " ", 1);
		rc |= qname(o, a->ns, a->name);
		rc |= px_buf_puts(o, "=\"");
		for (xmlNodePtr t = a->children; t; t = t->next)
			if (t->content)
				rc |= esc(o, (const char *)t->content, true);
		rc |= px_buf_put(o, "\"", 1);
	}
	rc |= px_buf_puts(o, empty ? "/>" : ">");
	return rc ? PX_ENOMEM : 0;
}

static int end_tag(px_buf *o, xmlNodePtr n)
{
	int rc = px_buf_puts(o, "</");
	rc |= qname(o, n->ns, n->name);
	rc |= px_buf_put(o, ">", 1);
	return rc ? PX_ENOMEM : 0;
}

static bool blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
			return false;
	return true;
}

static bool has_text(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !blank(c->content))
			return true;
	return false;
}

static int write_misc(px_buf *o, xmlNodePtr c)
{
	int rc = 0;
	if (c->type == XML_COMMENT_NODE) {
		rc |= px_buf_puts(o, "<!--");
		rc |= px_buf_puts(o, (const char *)c->content);
		rc |= px_buf_puts(o, "-->");
	} else if (c->type == XML_PI_NODE) {
		rc |= px_buf_puts(o, "<?");
		rc |= px_buf_puts(o, (const char *)c->name);
		if (c->content && *c->content) {
			rc |= px_buf_put(o, " ", 1);
			rc |= px_buf_puts(o, (const char *)c->content);
		}
		rc |= px_buf_puts(o, "?>");
	}
	return rc ? PX_ENOMEM : 0;
}

/* Everything inside a mixed element, exactly as held. */
static int write_inline(px_buf *o, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		int rc = 0;
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			rc = esc(o, (const char *)c->content, false);
			break;
		case XML_ELEMENT_NODE:
			if (!c->children) {
				rc = start_tag(o, c, true);
			} else {
				rc = start_tag(o, c, false);
				if (!rc)
					rc = write_inline(o, c);
				if (!rc)
					rc = end_tag(o, c);
			}
			break;
		case XML_ENTITY_REF_NODE:
			break; /* never present: DTDs are refused at load */
		default:
			rc = write_misc(o, c);
			break;
		}
		if (rc)
			return PX_ENOMEM;
	}
	return 0;
}

static int indent(px_buf *o, int level)
{
	for (int i = 0; i < level; i++)
		if (px_buf_put(o, "  ", 2) < 0)
			return PX_ENOMEM;
	return 0;
}

static int write_block(px_buf *o, xmlNodePtr n, int level)
{
	if (indent(o, level) < 0)
		return PX_ENOMEM;
	if (n->type != XML_ELEMENT_NODE) {
		if (write_misc(o, n) < 0 || px_buf_put(o, "\n", 1) < 0)
			return PX_ENOMEM;
		return 0;
	}
	bool mixed = px_is_mixed(n) || has_text(n);
	bool any = false;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (mixed || c->type == XML_ELEMENT_NODE || c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
			any = true;
	if (!any)
		return start_tag(o, n, true) || px_buf_put(o, "\n", 1) ? PX_ENOMEM : 0;
	if (start_tag(o, n, false) < 0)
		return PX_ENOMEM;
	if (mixed) {
		if (write_inline(o, n) < 0)
			return PX_ENOMEM;
	} else {
		if (px_buf_put(o, "\n", 1) < 0)
			return PX_ENOMEM;
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE || c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
				if (write_block(o, c, level + 1) < 0)
					return PX_ENOMEM;
		if (indent(o, level) < 0)
			return PX_ENOMEM;
	}
	return end_tag(o, n) || px_buf_put(o, "\n", 1) ? PX_ENOMEM : 0;
}

int px_doc_save_buf(const px_doc *doc, px_buf *out)
{
	if (px_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") < 0)
		return PX_ENOMEM;
	for (xmlNodePtr c = doc->xml->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE || c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
			if (write_block(out, c, 0) < 0)
				return PX_ENOMEM;
	return 0;
}

int px_doc_save_file(const px_doc *doc, const char *path)
{
	px_buf b = PX_BUF_INIT;
	int rc = px_doc_save_buf(doc, &b);
	if (rc == 0)
		rc = px_write_file_atomic(path, b.ptr, b.size);
	px_buf_dispose(&b);
	return rc;
}
