/*
 * Validation of a profile document, in three layers:
 *
 *  1. the document element: akomaNtoso in the AKN 3.0 namespace (PX005) and
 *     an expression language rus|zho (PX017);
 *  2. the profile schema schemas/paralex.xsd, built into the library (PX010),
 *     and optionally the official OASIS schema (PX018);
 *  3. the rules a schema cannot say: unique eIds (PX011), eIds that match
 *     position and number (PX012), section numbers 1, 2, 3 … (PX013) written
 *     as the language requires (PX014), local references that resolve (PX015),
 *     and text in the expression's own script (PX016).
 *
 * A compiled px_validator is read-only after creation; each call makes its own
 * libxml2 validation context, so one validator serves many threads.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include <libxml/xmlschemas.h>
#include <unicode/uscript.h>

#include "model/model.h"
#include "model/model.h"

struct px_validator {
	xmlSchemaPtr profile;
	xmlSchemaPtr official; /* NULL unless PX_VALIDATE_OFFICIAL */
};

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static xmlSchemaPtr compile(xmlSchemaParserCtxtPtr pc)
{
	if (!pc)
		return NULL;
	xmlSchemaSetParserStructuredErrors(pc, quiet_structured, NULL);
	xmlSchemaPtr s = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	return s;
}

int px_validator_new(px_validator **out, const px_validator_options *opts)
{
	static const px_validator_options defaults = PX_VALIDATOR_OPTIONS_INIT;
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (px_options_version("px_validator_options", opts->version, 1, PX_VALIDATOR_OPTIONS_VERSION) < 0)
		return PX_EUSAGE;
	unsigned flags = opts->flags;
	const char *official_xsd = opts->official_xsd;
	px_validator *v = calloc(1, sizeof *v);
	if (!v)
		return px_fail_oom();
	size_t len;
	const unsigned char *xsd = px_embedded_lookup("paralex.xsd", &len);
	if (xsd)
		v->profile = compile(xmlSchemaNewMemParserCtxt((const char *)xsd, (int)len));
	if (!v->profile) {
		px_validator_free(v);
		return px_fail(PX_ERROR, "the built-in profile schema does not compile");
	}
	if (flags & PX_VALIDATE_OFFICIAL) {
		if (!official_xsd) {
			px_validator_free(v);
			return px_fail(PX_EUSAGE, "no path given for the official schema");
		}
		if (access(official_xsd, R_OK) != 0) {
			px_validator_free(v);
			return px_fail_at(PX_EIO, official_xsd, 0, 0, "cannot read the official schema");
		}
		v->official = compile(xmlSchemaNewParserCtxt(official_xsd));
		if (!v->official) {
			px_validator_free(v);
			return px_fail_at(PX_EINPUT, official_xsd, 0, 0, "the official schema does not compile");
		}
	}
	*out = v;
	return 0;
}

void px_validator_free(px_validator *v)
{
	if (!v)
		return;
	if (v->profile)
		xmlSchemaFree(v->profile);
	if (v->official)
		xmlSchemaFree(v->official);
	free(v);
}

/* ---- helpers ------------------------------------------------------------ */

struct vstate {
	const px_doc *doc;
	px_diags *diags;
	const char *rule; /* for schema errors */
	int rc;
};

static xmlNodePtr enclosing_unit(xmlNodePtr n)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (px_attr(n, "eId"))
			return n;
	return NULL;
}

static int add_at(struct vstate *st, const char *rule, xmlNodePtr node, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static int add_at(struct vstate *st, const char *rule, xmlNodePtr node, const char *fmt, ...)
{
	px_loc loc = px_node_loc(st->doc, node);
	xmlNodePtr u = enclosing_unit(node);
	va_list ap;
	va_start(ap, fmt);
	int rc = px_diags_vaddf(st->diags, rule, &loc, u ? px_attr(u, "eId") : NULL, fmt, ap);
	va_end(ap);
	return rc < 0 ? (st->rc = PX_ENOMEM) : 0;
}

/* "Element '{http://…/akn/3.0}section': Missing child …" → "element 'section': missing child …" */
static void tidy_schema_message(const char *in, char *out, size_t size)
{
	size_t k = 0;
	const char *ns = "{" PX_AKN_NS "}";
	size_t nsl = strlen(ns);
	for (const char *p = in; *p && k + 1 < size;) {
		if (strncmp(p, ns, nsl) == 0) {
			p += nsl;
			continue;
		}
		out[k++] = *p++;
	}
	out[k] = '\0';
	/* libxml2 starts sentences with capitals; our messages are one lower-case clause */
	for (char *p = out; (p = strstr(p, ": ")) != NULL; p += 2)
		if (p[2] >= 'A' && p[2] <= 'Z' && p[3] >= 'a' && p[3] <= 'z')
			p[2] = (char)(p[2] - 'A' + 'a');
	for (char *p = out; (p = strstr(p, ". ")) != NULL; p += 2)
		if (p[2] >= 'A' && p[2] <= 'Z' && p[3] >= 'a' && p[3] <= 'z') {
			p[0] = ';';
			p[2] = (char)(p[2] - 'A' + 'a');
		}
	while (k && (out[k - 1] == '\n' || out[k - 1] == ' ' || out[k - 1] == '.'))
		k--;
	out[k] = '\0';
	if (out[0] >= 'A' && out[0] <= 'Z')
		out[0] = (char)(out[0] - 'A' + 'a');
}

static void on_schema_error(void *ctx, xmlErrorPtr e)
{
	struct vstate *st = ctx;
	if (e->level < XML_ERR_ERROR || st->rc < 0)
		return;
	char msg[1024];
	tidy_schema_message(e->message ? e->message : "schema violation", msg, sizeof msg);
	xmlNodePtr node = e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE ? e->node : NULL;
	/* reported by the rules with a clearer message and location */
	if (strstr(msg, "identity-constraint 'eId-doc'"))
		return; /* PX011 */
	if (node && (px_is(node, "section") || px_is(node->parent, "section")) &&
			(strstr(msg, "expected is ( heading )") || strstr(msg, "expected is ( num )")))
		return; /* PX019 */
	if (node && px_is(node, "FRBRlanguage") && strstr(msg, "attribute 'language'"))
		return; /* PX017 */
	px_loc loc = px_node_loc(st->doc, node);
	if (!node)
		loc.line = e->line;
	xmlNodePtr u = enclosing_unit(node);
	if (px_diags_addf(st->diags, st->rule, &loc, u ? px_attr(u, "eId") : NULL, "%s", msg) < 0)
		st->rc = PX_ENOMEM;
}

static void run_schema(struct vstate *st, xmlSchemaPtr schema, const char *rule)
{
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	if (!vc) {
		st->rc = px_fail_oom();
		return;
	}
	st->rule = rule;
	xmlSchemaSetValidStructuredErrors(vc, on_schema_error, st);
	xmlSchemaValidateDoc(vc, st->doc->xml);
	xmlSchemaFreeValidCtxt(vc);
}

/* ---- the rules ---------------------------------------------------------- */

/* eIds and GUIDs are unique in a document (as in Akoma Ntoso; the profile
 * schema leaves this to the code: libxml2's xs:unique, and its hash tables
 * under the keys of a large document, grow faster than the document). An
 * open-addressing set of the attribute values, one for each attribute,
 * linear in the number of elements. */
struct idset {
	const char **key;
	xmlNodePtr *node;
	size_t mask, n;
};

/* The element that has `key` already, or NULL after adding it; *oom on
 * failure. */
static xmlNodePtr idset_add(struct idset *s, const char *key, xmlNodePtr node, bool *oom)
{
	if ((s->n + 1) * 2 > s->mask + 1 || !s->key) {
		size_t cap = s->key ? (s->mask + 1) * 2 : 1024;
		const char **k = calloc(cap, sizeof *k);
		xmlNodePtr *v = calloc(cap, sizeof *v);
		if (!k || !v) {
			free(k);
			free(v);
			*oom = true;
			return NULL;
		}
		for (size_t i = 0; s->key && i <= s->mask; i++) {
			if (!s->key[i])
				continue;
			size_t h = px_hash_str(s->key[i]) & (cap - 1);
			while (k[h])
				h = (h + 1) & (cap - 1);
			k[h] = s->key[i];
			v[h] = s->node[i];
		}
		free(s->key);
		free(s->node);
		s->key = k;
		s->node = v;
		s->mask = cap - 1;
	}
	size_t h = px_hash_str(key) & s->mask;
	while (s->key[h]) {
		if (strcmp(s->key[h], key) == 0)
			return s->node[h];
		h = (h + 1) & s->mask;
	}
	s->key[h] = key;
	s->node[h] = node;
	s->n++;
	return NULL;
}

static void check_duplicates(struct vstate *st, xmlNodePtr n, struct idset *eids, struct idset *guids)
{
	static const char *const what[2] = { "eId", "GUID" };
	for (xmlNodePtr c = px_first_el(n); c && st->rc == 0; c = px_next_el(c)) {
		for (int k = 0; k < 2; k++) {
			const char *v = px_attr(c, what[k]);
			if (!v || !*v)
				continue;
			bool oom = false;
			xmlNodePtr first = idset_add(k ? guids : eids, v, c, &oom);
			if (oom)
				st->rc = px_fail_oom();
			else if (first)
				add_at(st, "PX011", c, "duplicate %s '%s' (first used on line %d)", what[k], v, px_node_line(first));
		}
		check_duplicates(st, c, eids, guids);
	}
}

static void check_sections_complete(struct vstate *st, xmlNodePtr n)
{
	for (xmlNodePtr c = px_first_el(n); c && st->rc == 0; c = px_next_el(c)) {
		if (px_is(c, "section")) {
			bool num = px_child(c, "num") != NULL, heading = px_child(c, "heading") != NULL;
			if (!num || !heading)
				add_at(st, "PX019", c, "section '%s' has no %s", px_attr(c, "eId") ? px_attr(c, "eId") : "?",
					!num && !heading ? "number and no heading" : !num ? "number (num)" : "heading");
		}
		if (!px_is(c, "meta"))
			check_sections_complete(st, c);
	}
}

/* Abbreviations of the naming convention for the units of the profile. */
static const char *abbreviation(xmlNodePtr n)
{
	return n && n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)PX_AKN_NS) ? px_eid_abbr((const char *)n->name)
		: NULL;
}

/* Elements below which the naming convention of the profile does not apply
 * (metadata, and quoted text or structure inside amending provisions). */
static bool outside_profile_naming(xmlNodePtr n)
{
	return px_is(n, "meta") || px_is(n, "quotedStructure") || px_is(n, "quotedText") || px_is(n, "mod") ||
		px_is(n, "signature");
}

struct secnum {
	int value;   /* 0 when unparseable */
	bool arabic; /* written with Arabic digits */
};

/* Parse a section number as written: "I." (rus), "一、" (zho), "1." (either). */
static struct secnum parse_section_num(xmlNodePtr num, const char *lang)
{
	struct secnum r = { 0, false };
	px_buf t = PX_BUF_INIT;
	if (!num || px_node_text(num, &t) < 0 || !t.ptr) {
		px_buf_dispose(&t);
		return r;
	}
	size_t len = t.size;
	const char *s = t.ptr;
	bool zho = lang && strcmp(lang, "zho") == 0;
	if (len > 1 && s[len - 1] == '.') {
		size_t dl = len - 1, i = 0;
		while (i < dl && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == dl && dl <= 4 && s[0] != '0') {
			r.value = atoi(s);
			r.arabic = true;
		} else if (!zho) {
			r.value = px_roman_parse(s, dl);
		}
	} else if (zho && len > 3 && strcmp(s + len - 3, "、") == 0) {
		r.value = px_hanzi_parse(s, len - 3);
	}
	px_buf_dispose(&t);
	return r;
}

static void section_eid(char *out, size_t size, struct secnum n)
{
	char num[32];
	if (n.arabic || px_roman_format(n.value, num, sizeof num) < 0)
		snprintf(num, sizeof num, "%d", n.value);
	snprintf(out, size, "sec_%s", num);
}

/* The eId a unit should have under `prefix` ("" in mainBody, NULL for none). */
static bool expected_eid(struct vstate *st, xmlNodePtr c, const char *abbr, const char *prefix, char *want, size_t size,
	int pos)
{
	char own[64];
	px_div div = px_div_of_element((const char *)c->name);
	if (px_is(c, "section")) {
		struct secnum n = parse_section_num(px_child(c, "num"), st->doc->lang);
		if (n.value <= 0)
			return false; /* PX014 reports it */
		section_eid(own, sizeof own, n);
	} else if (div != PX_DIV_NONE && px_div_info(div)->by_number && px_child(c, "num")) {
		/* chapters, articles, points: named by their number as written */
		px_buf t = PX_BUF_INIT;
		int sub = 0, v = px_node_text(px_child(c, "num"), &t) < 0 || !t.ptr ? 0
			: px_div_num_value(div, t.ptr, t.size, &sub);
		px_buf_dispose(&t);
		if (v <= 0 || px_eid_part(div, v, sub, own, sizeof own) < 0)
			return false;
		if (px_div_info(div)->no_prefix)
			prefix = NULL;
	} else {
		snprintf(own, sizeof own, "%s_%d", abbr, pos);
	}
	if (prefix && *prefix)
		snprintf(want, size, "%.*s__%s", PX_EID_MAX - 70, prefix, own);
	else
		snprintf(want, size, "%s", own);
	return true;
}

/*
 * Check the eIds below `parent`. A unit is named after its parent's expected
 * eId (`prefix`) or, when the parent's own eId is wrong, after that actual eId
 * (`alt`): either way one wrong eId gives one finding, not one per descendant.
 */
static void check_names(struct vstate *st, xmlNodePtr parent, const char *prefix, const char *alt)
{
	/* the position of each child among its namesakes, counted in one pass
	 * (a walk back over the siblings for each made this quadratic) */
	const xmlChar *names[32];
	int counts[32], nn = 0;
	for (xmlNodePtr c = px_first_el(parent); c && st->rc == 0; c = px_next_el(c)) {
		int pos = 0, k = 0;
		while (k < nn && !xmlStrEqual(names[k], c->name))
			k++;
		if (k == nn && nn < 32) {
			names[nn] = c->name;
			counts[nn++] = 0;
		}
		if (k < nn)
			pos = ++counts[k];
		else /* more than 32 element names under one parent: count back */
			for (xmlNodePtr s = c; s; s = s->prev)
				pos += s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, c->name);
		if (outside_profile_naming(c))
			continue;
		const char *eid = px_attr(c, "eId");
		const char *abbr = abbreviation(c);
		if (px_is(c, "preface") || px_is(c, "preamble") || px_is(c, "conclusions")) {
			check_names(st, c, (const char *)c->name, NULL);
			continue;
		}
		if (px_is(c, "mainBody")) {
			check_names(st, c, "", NULL);
			continue;
		}
		if (!eid) {
			check_names(st, c, prefix, alt);
			continue;
		}
		char want[PX_EID_MAX], want_alt[PX_EID_MAX];
		if (!abbr || !expected_eid(st, c, abbr, prefix, want, sizeof want, pos)) {
			check_names(st, c, eid, NULL);
			continue;
		}
		bool ok = strcmp(want, eid) == 0;
		if (!ok && alt && expected_eid(st, c, abbr, alt, want_alt, sizeof want_alt, pos))
			ok = strcmp(want_alt, eid) == 0;
		/* a duplicate is reported once, as PX011 */
		bool dup = px_doc_find(st->doc, eid) != (px_unit *)c;
		if (!ok && !dup)
			add_at(st, "PX012", c, "eId '%s' should be '%s' for this %s", eid, want, (const char *)c->name);
		check_names(st, c, want, strcmp(want, eid) != 0 ? eid : NULL);
	}
}

static void write_number(char *out, size_t size, int n, bool zho, bool arabic)
{
	if (n <= 0 || arabic || (zho ? px_hanzi_format(n, out, size) : px_roman_format(n, out, size)) < 0)
		snprintf(out, size, "%d", n);
}

static void check_section_numbers(struct vstate *st, xmlNodePtr body)
{
	int expect = 1;
	bool zho = strcmp(st->doc->lang, "zho") == 0;
	for (xmlNodePtr s = px_first_el(body); s && st->rc == 0; s = px_next_el(s)) {
		if (!px_is(s, "section"))
			continue;
		xmlNodePtr num = px_child(s, "num");
		struct secnum n = parse_section_num(num, st->doc->lang);
		if (n.value <= 0) {
			px_buf t = PX_BUF_INIT;
			if (num)
				px_node_text(num, &t);
			add_at(st, "PX014", num ? num : s, "section number '%s' is not written as %s", t.ptr ? t.ptr : "",
				zho ? "a Chinese numeral and '、' (一、) or digits and '.'" : "a Roman numeral and '.' (I.) or digits and '.'");
			px_buf_dispose(&t);
			expect++;
			continue;
		}
		if (n.value != expect) {
			/* name the numbers as the language writes them */
			char got[32], prev[32], missing[32];
			write_number(got, sizeof got, n.value, zho, n.arabic);
			write_number(prev, sizeof prev, expect - 1, zho, n.arabic);
			write_number(missing, sizeof missing, expect, zho, n.arabic);
			if (n.value == expect - 1)
				add_at(st, "PX013", s, "section %s repeats the number of the section before it", got);
			else if (n.value == expect + 1)
				add_at(st, "PX013", s, "section %s follows section %s: section %s is missing", got, prev, missing);
			else if (n.value > expect)
				add_at(st, "PX013", s, "section %s follows section %s: sections %s to %d are missing", got, prev,
					missing, n.value - 1);
			else if (expect == 1)
				add_at(st, "PX013", s, "the first section is numbered %s instead of 1", got);
			else
				add_at(st, "PX013", s, "section %s comes after section %s: numbers must increase by one", got, prev);
		}
		expect = n.value + 1;
	}
}

static const char *const ref_attrs[] = { "refersTo", "href", "as", "source", "period", NULL };

static void check_refs(struct vstate *st, xmlNodePtr n)
{
	for (xmlNodePtr c = px_first_el(n); c && st->rc == 0; c = px_next_el(c)) {
		for (xmlAttrPtr a = c->properties; a; a = a->next) {
			bool is_ref = false;
			for (size_t i = 0; ref_attrs[i]; i++)
				if (!a->ns && strcmp((const char *)a->name, ref_attrs[i]) == 0)
					is_ref = true;
			if (!is_ref)
				continue;
			const char *v = px_attr(c, (const char *)a->name);
			/* a space-separated list of references, each "#id" when local */
			for (const char *p = v; p && *p;) {
				while (*p == ' ')
					p++;
				const char *e = p;
				while (*e && *e != ' ')
					e++;
				if (*p == '#' && e - p > 1) {
					char id[256];
					size_t l = (size_t)(e - p - 1) < sizeof id - 1 ? (size_t)(e - p - 1) : sizeof id - 1;
					memcpy(id, p + 1, l);
					id[l] = '\0';
					if (!px_doc_find(st->doc, id))
						add_at(st, "PX015", c, "%s '#%s' refers to no element of this document",
							(const char *)a->name, id);
				}
				p = e;
			}
		}
		check_refs(st, c);
	}
}

static void check_script(struct vstate *st, xmlNodePtr n, UScriptCode foreign, xmlNodePtr *reported)
{
	for (xmlNodePtr c = n->children; c && st->rc == 0; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			if (!px_is(c, "meta"))
				check_script(st, c, foreign, reported);
			continue;
		}
		if (c->type != XML_TEXT_NODE || !c->content)
			continue;
		const char *s = (const char *)c->content;
		size_t len = strlen(s);
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			int k = px_utf8_decode(s + i, len - i, &cp);
			UErrorCode e = U_ZERO_ERROR;
			if (cp >= 0x80 && uscript_getScript((UChar32)cp, &e) == foreign && U_SUCCESS(e)) {
				xmlNodePtr at = enclosing_unit(n);
				if (!at)
					at = n;
				if (*reported == at)
					break;
				*reported = at;
				/* quote the foreign run, at most 40 bytes */
				size_t j = i;
				while (j < len && j - i < 60) {
					uint32_t c2;
					int k2 = px_utf8_decode(s + j, len - j, &c2);
					UErrorCode e2 = U_ZERO_ERROR;
					UScriptCode sc = uscript_getScript((UChar32)c2, &e2);
					if (sc != foreign && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
						break;
					j += (size_t)k2;
				}
				bool cut = j < len && j - i >= 60;
				while (j > i && s[j - 1] == ' ')
					j--;
				add_at(st, "PX016", at, "%s text '%.*s%s' in a %s expression",
					foreign == USCRIPT_HAN ? "Chinese" : "Cyrillic", (int)(j - i), s + i, cut ? "…" : "",
					foreign == USCRIPT_HAN ? "Russian (rus)" : "Chinese (zho)");
				break;
			}
			i += (size_t)k;
		}
	}
}

/* The kind of the document is one of the profile's, and the divisions of
 * its body (and of its chapters) are ones the kind allows (PX020). */
static void check_kind(struct vstate *st, xmlNodePtr root)
{
	if (!px_is(root, "doc")) {
		add_at(st, "PX020", root, "<%s> is not a document of the profile: its instruments are <doc name=\"KIND\">",
			(const char *)root->name);
		return;
	}
	const char *name = px_attr(root, "name");
	const struct px_kind_info *k = name ? px_kind_find(name) : NULL;
	if (!k) {
		px_buf all = PX_BUF_INIT;
		for (size_t i = 0; i < px_kind_count(); i++)
			px_buf_printf(&all, "%s%s", i ? ", " : "", px_kind_at(i)->name);
		add_at(st, "PX020", root, "document kind '%s' is not a kind of the profile (%s)", name ? name : "",
			all.ptr ? all.ptr : "");
		px_buf_dispose(&all);
		return;
	}
	xmlNodePtr body = px_child(root, "mainBody");
	for (xmlNodePtr c = body ? px_first_el(body) : NULL; c; c = px_next_el(c)) {
		px_div d = px_div_of_element((const char *)c->name);
		if (d != PX_DIV_NONE && !(k->divisions & (1u << d)))
			add_at(st, "PX020", c, "a %s has no %s in its body (the profile's %s: %s)", k->name,
				px_div_info(d)->en_name, k->name, "docs/profile.md");
		if (d == PX_DIV_CHAPTER && !(k->divisions & (1u << PX_DIV_ARTICLE)))
			add_at(st, "PX020", c, "a %s has no articles in chapters", k->name);
	}
}

int px_validate_doc(const px_validator *v, const px_doc *doc, px_diags *diags)
{
	struct vstate st = { doc, diags, NULL, 0 };
	size_t before = px_diags_count(diags);
	xmlNodePtr top = xmlDocGetRootElement(doc->xml);
	xmlNodePtr root = px_doc_root(doc);
	if (!px_is(top, "akomaNtoso") || !root) {
		add_at(&st, "PX005", top, "the document element must be akomaNtoso in the namespace %s with a document inside",
			PX_AKN_NS);
		return st.rc ? st.rc : PX_EINVALID;
	}
	if (!doc->lang[0] || (strcmp(doc->lang, "rus") != 0 && strcmp(doc->lang, "zho") != 0)) {
		xmlNodePtr l = px_child(px_child(px_child(px_child(root, "meta"), "identification"), "FRBRExpression"),
			"FRBRlanguage");
		add_at(&st, "PX017", l ? l : root, "expression language '%s' is not one of rus, zho",
			doc->lang[0] ? doc->lang : "(missing)");
	}
	check_sections_complete(&st, root);
	check_kind(&st, root);
	run_schema(&st, v->profile, "PX010");
	if (v->official && st.rc == 0)
		run_schema(&st, v->official, "PX018");

	struct idset eids = { 0 }, guids = { 0 };
	check_duplicates(&st, top, &eids, &guids);
	free(eids.key);
	free(eids.node);
	free(guids.key);
	free(guids.node);
	if (st.rc == 0)
		check_names(&st, top, NULL, NULL);
	xmlNodePtr body = px_child(root, "mainBody");
	if (body && st.rc == 0)
		check_section_numbers(&st, body);
	if (st.rc == 0)
		check_refs(&st, top);
	if (st.rc == 0 && (strcmp(doc->lang, "rus") == 0 || strcmp(doc->lang, "zho") == 0)) {
		xmlNodePtr reported = NULL;
		check_script(&st, root, strcmp(doc->lang, "rus") == 0 ? USCRIPT_HAN : USCRIPT_CYRILLIC, &reported);
	}
	if (st.rc < 0)
		return st.rc;
	return px_diags_count(diags) > before ? PX_EINVALID : 0;
}

int px_validate_file(const px_validator *v, const char *path, px_diags *diags)
{
	px_doc *doc;
	int rc = px_doc_load_file(&doc, path);
	if (rc < 0) {
		if (rc == PX_ENOMEM)
			return rc;
		const px_error *e = px_error_last();
		px_diag d = { 0 };
		d.rule = px_input_rule();
		d.loc.file = path;
		d.loc.line = e->line;
		d.loc.col = e->col;
		d.message = e->message;
		if (px_diags_add(diags, &d) < 0)
			return PX_ENOMEM;
		return PX_EINPUT;
	}
	rc = px_validate_doc(v, doc, diags);
	px_doc_free(doc);
	return rc;
}
