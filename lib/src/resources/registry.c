/*
 * The registry of states, signing bodies, places and organizations
 * (data/registry.xml, schema schemas/registry.xsd, both built in).
 *
 * Loading validates the file against its schema, then indexes every entry.
 * Strings are borrowed from the parsed tree, which the registry keeps. For
 * finding mentions in running text every written form of every name (six
 * Russian cases, variants, Chinese short, full and variant names) goes into
 * one table, bucketed by its first character and longest first, so that a
 * scan tries only the forms that can start at a position.
 *
 * Signature blocks (schemas/registry.xsd, "Signatories") name a body of a
 * state signed for by a representative («За …» / …代表), an office whose
 * holder signs in his own name (head of state or government: no «За», no
 * 代表), or an organ of an organization (an organization with a parent,
 * signed for like a body; its parent stands where a body has its state).
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlschemas.h>

#include "resources/resources.h"

#define REG_NS "urn:paralex:registry:1"
#define NBUCKETS 512

static const char *const case_attr[6] = { "nom", "gen", "dat", "acc", "ins", "prep" };

struct ralt {
	int of;   /* PX_NAME_SHORT (also name, abbr) or PX_NAME_FULL */
	int cas;  /* px_ru_case */
	const char *text;
};

struct zalt {
	int of;
	const char *text;
};

struct entry {
	px_entry_kind kind;
	const char *id;      /* state code or registry id */
	const char *state;   /* bodies and places: the state's code */
	const char *parent;  /* organizations: the organization it is an organ of */
	const char *bkind;   /* bodies: its kind ("ministry", "head-of-state" …) */
	bool own;            /* bodies: an office whose holder signs in his own name */
	const char *ru[2][6]; /* [short|name|abbr, full][case] */
	const char *zh[2];
	struct ralt *ralt;
	size_t nralt;
	struct zalt *zalt;
	size_t nzalt;
};

struct form {
	const char *text;
	size_t len;
	const struct entry *e;
};

struct bucket {
	struct form *v;
	size_t n, cap;
};

struct px_registry {
	xmlDocPtr xml;
	struct entry *v;
	size_t n;
	size_t nstates, nbodies;
	struct bucket ru[NBUCKETS], zh[NBUCKETS];
};

/* ---- loading ---------------------------------------------------------- */

static bool is_reg(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)REG_NS) &&
		xmlStrEqual(n->name, (const xmlChar *)name);
}

static xmlNodePtr reg_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is_reg(c, name))
			return c;
	return NULL;
}

static const char *text_of(xmlNodePtr n)
{
	return n && n->children && n->children->type == XML_TEXT_NODE ? (const char *)n->children->content : NULL;
}

static void read_ru_forms(xmlNodePtr n, const char *out[6])
{
	for (int c = 0; c < 6; c++)
		out[c] = n ? px_attr(n, case_attr[c]) : NULL;
}

static int kind_of(const char *of)
{
	return of && strcmp(of, "full") == 0 ? PX_NAME_FULL : PX_NAME_SHORT;
}

static int read_alts(struct entry *e, xmlNodePtr ru, xmlNodePtr zh)
{
	size_t nr = 0, nz = 0;
	for (xmlNodePtr c = ru ? ru->children : NULL; c; c = c->next)
		nr += is_reg(c, "alt");
	for (xmlNodePtr c = zh ? zh->children : NULL; c; c = c->next)
		nz += is_reg(c, "alt");
	e->ralt = nr ? calloc(nr, sizeof *e->ralt) : NULL;
	e->zalt = nz ? calloc(nz, sizeof *e->zalt) : NULL;
	if ((nr && !e->ralt) || (nz && !e->zalt))
		return px_fail_oom();
	for (xmlNodePtr c = ru ? ru->children : NULL; c; c = c->next) {
		if (!is_reg(c, "alt"))
			continue;
		struct ralt *a = &e->ralt[e->nralt++];
		a->of = kind_of(px_attr(c, "of"));
		a->cas = 0;
		const char *cs = px_attr(c, "case");
		for (int k = 0; cs && k < 6; k++)
			if (strcmp(cs, case_attr[k]) == 0)
				a->cas = k;
		a->text = text_of(c);
	}
	for (xmlNodePtr c = zh ? zh->children : NULL; c; c = c->next) {
		if (!is_reg(c, "alt"))
			continue;
		struct zalt *a = &e->zalt[e->nzalt++];
		a->of = kind_of(px_attr(c, "of"));
		a->text = text_of(c);
	}
	return 0;
}

static int read_entry(struct entry *e, xmlNodePtr n, px_entry_kind kind)
{
	e->kind = kind;
	e->id = px_attr(n, kind == PX_ENTRY_STATE ? "code" : "id");
	e->state = px_attr(n, "state");
	e->parent = kind == PX_ENTRY_ORGANIZATION ? px_attr(n, "parent") : NULL;
	if (kind == PX_ENTRY_BODY) {
		e->bkind = px_attr(n, "kind");
		e->own = e->bkind && (strcmp(e->bkind, "head-of-state") == 0 || strcmp(e->bkind, "head-of-government") == 0);
	}
	xmlNodePtr ru = reg_child(n, "ru"), zh = reg_child(n, "zh");
	switch (kind) {
	case PX_ENTRY_STATE:
		read_ru_forms(reg_child(ru, "short"), e->ru[0]);
		read_ru_forms(reg_child(ru, "full"), e->ru[1]);
		e->zh[0] = text_of(reg_child(zh, "short"));
		e->zh[1] = text_of(reg_child(zh, "full"));
		break;
	case PX_ENTRY_ORGANIZATION:
		read_ru_forms(reg_child(ru, "abbr"), e->ru[0]);
		read_ru_forms(reg_child(ru, "full"), e->ru[1]);
		e->zh[0] = text_of(reg_child(zh, "abbr"));
		e->zh[1] = text_of(reg_child(zh, "full"));
		break;
	default:
		read_ru_forms(reg_child(ru, "name"), e->ru[0]);
		e->zh[0] = text_of(reg_child(zh, "name"));
		break;
	}
	return read_alts(e, ru, zh);
}

/* The first code point of a name, as a bucket number. */
static size_t bucket_of(const char *s, size_t len)
{
	uint32_t cp;
	px_utf8_decode(s, len, &cp);
	return cp % NBUCKETS;
}

static int add_form(struct bucket *table, const char *text, const struct entry *e)
{
	if (!text || !*text)
		return 0;
	size_t len = strlen(text);
	struct bucket *b = &table[bucket_of(text, len)];
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].e == e && b->v[i].len == len && memcmp(b->v[i].text, text, len) == 0)
			return 0;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8;
		struct form *v = realloc(b->v, cap * sizeof *v);
		if (!v)
			return px_fail_oom();
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n++] = (struct form){ text, len, e };
	return 0;
}

static int cmp_form(const void *a, const void *b)
{
	const struct form *x = a, *y = b;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return strcmp(x->e->id, y->e->id);
}

static int index_forms(px_registry *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct entry *e = &r->v[i];
		int rc = 0;
		for (int w = 0; w < 2; w++) {
			for (int c = 0; c < 6; c++)
				rc |= add_form(r->ru, e->ru[w][c], e);
			rc |= add_form(r->zh, e->zh[w], e);
		}
		for (size_t k = 0; k < e->nralt; k++)
			rc |= add_form(r->ru, e->ralt[k].text, e);
		for (size_t k = 0; k < e->nzalt; k++)
			rc |= add_form(r->zh, e->zalt[k].text, e);
		if (rc)
			return PX_ENOMEM;
	}
	for (size_t b = 0; b < NBUCKETS; b++) {
		if (r->ru[b].n)
			qsort(r->ru[b].v, r->ru[b].n, sizeof(struct form), cmp_form);
		if (r->zh[b].n)
			qsort(r->zh[b].v, r->zh[b].n, sizeof(struct form), cmp_form);
	}
	return 0;
}

struct schema_err {
	int line;
	char msg[512];
};

static void on_schema_error(void *ctx, xmlErrorPtr e)
{
	struct schema_err *se = ctx;
	if (se->line || e->level < XML_ERR_ERROR)
		return;
	se->line = e->line > 0 ? e->line : 1;
	size_t k = 0;
	for (const char *p = e->message ? e->message : "schema violation"; *p && k + 1 < sizeof se->msg; p++) {
		if (strncmp(p, "{" REG_NS "}", strlen(REG_NS) + 2) == 0) {
			p += strlen(REG_NS) + 1;
			continue;
		}
		se->msg[k++] = *p;
	}
	while (k && (se->msg[k - 1] == '\n' || se->msg[k - 1] == '.'))
		k--;
	se->msg[k] = '\0';
	if (se->msg[0] >= 'A' && se->msg[0] <= 'Z')
		se->msg[0] = (char)(se->msg[0] - 'A' + 'a');
}

static void quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static int validate_registry(xmlDocPtr xml, const char *name)
{
	size_t len;
	const unsigned char *xsd = px_embedded_lookup("registry.xsd", &len);
	xmlSchemaParserCtxtPtr pc = xsd ? xmlSchemaNewMemParserCtxt((const char *)xsd, (int)len) : NULL;
	if (!pc)
		return px_fail(PX_ERROR, "the built-in registry schema is missing");
	xmlSchemaSetParserStructuredErrors(pc, quiet, NULL);
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (!schema)
		return px_fail(PX_ERROR, "the built-in registry schema does not compile");
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	if (!vc) {
		xmlSchemaFree(schema);
		return px_fail_oom();
	}
	struct schema_err se = { 0, "" };
	xmlSchemaSetValidStructuredErrors(vc, on_schema_error, &se);
	int r = xmlSchemaValidateDoc(vc, xml);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	if (r != 0)
		return px_fail_at(PX_EINVALID, name, se.line, 0, "registry does not follow its schema: %s",
			se.line ? se.msg : "validation failed");
	return 0;
}

int px_registry_load_memory(px_registry **out, const char *data, size_t len, const char *name)
{
	*out = NULL;
	xmlDocPtr xml = NULL;
	int rc = px_xml_parse(&xml, data, len, name);
	if (rc < 0)
		return rc;
	if ((rc = validate_registry(xml, name)) < 0) {
		xmlFreeDoc(xml);
		return rc;
	}
	px_registry *r = calloc(1, sizeof *r);
	if (!r) {
		xmlFreeDoc(xml);
		return px_fail_oom();
	}
	r->xml = xml;
	xmlNodePtr root = xmlDocGetRootElement(xml);
	static const char *const groups[][2] = { { "states", "state" }, { "bodies", "body" },
		{ "gazetteer", "place" }, { "gazetteer", "organization" } };
	size_t total = 0;
	for (size_t g = 0; g < 4; g++)
		for (xmlNodePtr c = reg_child(root, groups[g][0])->children; c; c = c->next)
			total += is_reg(c, groups[g][1]);
	r->v = calloc(total ? total : 1, sizeof *r->v);
	if (!r->v) {
		px_registry_free(r);
		return px_fail_oom();
	}
	for (size_t g = 0; g < 4; g++) {
		for (xmlNodePtr c = reg_child(root, groups[g][0])->children; c; c = c->next) {
			if (!is_reg(c, groups[g][1]))
				continue;
			if ((rc = read_entry(&r->v[r->n++], c, (px_entry_kind)g)) < 0) {
				px_registry_free(r);
				return rc;
			}
			r->nstates += g == 0;
			r->nbodies += g == 1;
		}
	}
	if ((rc = index_forms(r)) < 0) {
		px_registry_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int px_registry_load_default(px_registry **out)
{
	size_t len;
	const unsigned char *data = px_embedded_lookup("registry.xml", &len);
	if (!data) {
		*out = NULL;
		return px_fail(PX_ERROR, "the built-in registry is missing");
	}
	return px_registry_load_memory(out, (const char *)data, len, "registry.xml");
}

int px_registry_load_file(px_registry **out, const char *path)
{
	*out = NULL;
	char *data = NULL;
	size_t len = 0;
	int rc = px_read_file(&data, &len, path, (size_t)64 << 20);
	if (rc < 0)
		return rc;
	rc = px_registry_load_memory(out, data, len, path);
	free(data);
	return rc;
}

void px_registry_free(px_registry *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].ralt);
		free(r->v[i].zalt);
	}
	free(r->v);
	for (size_t b = 0; b < NBUCKETS; b++) {
		free(r->ru[b].v);
		free(r->zh[b].v);
	}
	xmlFreeDoc(r->xml);
	free(r);
}

/* ---- lookups ------------------------------------------------------------ */

static const struct entry *find(const px_registry *r, px_entry_kind kind, const char *id)
{
	for (size_t i = 0; id && i < r->n; i++)
		if (r->v[i].kind == kind && strcmp(r->v[i].id, id) == 0)
			return &r->v[i];
	return NULL;
}

int px_registry_lookup(const px_registry *r, const char *id, px_entry_kind *kind)
{
	for (size_t i = 0; id && i < r->n; i++)
		if (strcmp(r->v[i].id, id) == 0) {
			*kind = r->v[i].kind;
			return 0;
		}
	return PX_ENOTFOUND;
}

size_t px_registry_state_count(const px_registry *r)
{
	return r->nstates;
}

const char *px_registry_state_at(const px_registry *r, size_t i)
{
	return i < r->nstates ? r->v[i].id : NULL;
}

int px_registry_has_state(const px_registry *r, const char *code)
{
	return find(r, PX_ENTRY_STATE, code) != NULL;
}

const char *reg_name(const px_registry *r, px_entry_kind kind, const char *id, px_lang lang, px_name_form form,
	px_ru_case c)
{
	const struct entry *e = find(r, kind, id);
	if (!e)
		return NULL;
	/* bodies and places have one name, kept as the short one */
	int full = (kind == PX_ENTRY_STATE || kind == PX_ENTRY_ORGANIZATION) && form == PX_NAME_FULL;
	if (lang == PX_LANG_RU)
		return (int)c >= 0 && (int)c < 6 ? e->ru[full][c] : NULL;
	return lang == PX_LANG_ZH ? e->zh[full] : NULL;
}

const char *px_registry_name(const px_registry *r, const px_name_query *q)
{
	if (!r || !q || q->version != PX_NAME_QUERY_VERSION)
		return NULL;
	return reg_name(r, q->kind, q->id, q->lang, q->form, q->ru_case);
}

const char *px_registry_state_sort_name(const px_registry *r, const char *code)
{
	return reg_name(r, PX_ENTRY_STATE, code, PX_LANG_RU, PX_NAME_SHORT, PX_CASE_NOM);
}

size_t px_registry_body_count(const px_registry *r)
{
	return r->nbodies;
}

const char *px_registry_body_at(const px_registry *r, size_t i)
{
	return i < r->nbodies ? r->v[r->nstates + i].id : NULL;
}

const char *px_registry_body_state(const px_registry *r, const char *body)
{
	const struct entry *e = find(r, PX_ENTRY_BODY, body);
	return e ? e->state : NULL;
}

const char *px_registry_body_kind(const px_registry *r, const char *body)
{
	const struct entry *e = find(r, PX_ENTRY_BODY, body);
	return e ? e->bkind : NULL;
}

int px_registry_body_in_own_name(const px_registry *r, const char *body)
{
	const struct entry *e = find(r, PX_ENTRY_BODY, body);
	return e && e->own;
}

const char *px_registry_organization_parent(const px_registry *r, const char *org)
{
	const struct entry *e = find(r, PX_ENTRY_ORGANIZATION, org);
	return e ? e->parent : NULL;
}

const char *px_registry_signatory_state(const px_registry *r, const char *id)
{
	const struct entry *e = find(r, PX_ENTRY_BODY, id);
	if (e)
		return e->state;
	e = find(r, PX_ENTRY_ORGANIZATION, id);
	return e ? e->parent : NULL;
}

/* ---- matching ------------------------------------------------------------ */

/* Length of the white space (ASCII, NBSP, U+3000, BOM) at s[0..len), in bytes. */
static size_t space_run(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, len - i, &cp);
		if (!px_is_space(cp))
			break;
		i += (size_t)k;
	}
	return i;
}

/*
 * Does `name` occur in text at `pos`? A space in the name matches any run of
 * white space; with `zh`, white space in the text is skipped anywhere. Returns
 * the end offset, or 0 when it does not match.
 */
static size_t match_name(const char *t, size_t len, size_t pos, const char *name, bool zh)
{
	size_t i = pos;
	for (const char *p = name; *p;) {
		if (*p == ' ') {
			size_t k = space_run(t + i, len - i);
			if (!k && !zh)
				return 0;
			i += k;
			p++;
			continue;
		}
		if (zh && i > pos)
			i += space_run(t + i, len - i);
		if (i >= len || t[i] != *p)
			return 0;
		/* copy one whole character */
		uint32_t cp;
		int k = px_utf8_decode(p, strlen(p), &cp);
		if ((size_t)k > len - i || memcmp(t + i, p, (size_t)k) != 0)
			return 0;
		i += (size_t)k;
		p += k;
	}
	return i;
}

static bool is_word_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
		(cp >= 0x0400 && cp <= 0x052F) || cp == 0xC0 || (cp >= 0xC0 && cp <= 0x24F);
}

static bool word_start(const char *t, size_t pos)
{
	if (pos == 0)
		return true;
	size_t b = pos - 1;
	while (b > 0 && ((unsigned char)t[b] & 0xC0) == 0x80)
		b--;
	uint32_t cp;
	px_utf8_decode(t + b, pos - b, &cp);
	return !is_word_cp(cp) && cp != '-';
}

static bool word_end(const char *t, size_t len, size_t pos)
{
	if (pos >= len)
		return true;
	uint32_t cp;
	px_utf8_decode(t + pos, len - pos, &cp);
	return !is_word_cp(cp) && !(cp == '-' && pos + 1 < len && t[pos + 1] != ' ');
}

/* Longest of the entry's Russian forms (of one name kind and case, or any case
 * when cas < 0) matching at pos; 0 when none. */
static size_t match_ru_forms(const struct entry *e, int which, int cas, const char *t, size_t len, size_t pos)
{
	size_t best = 0;
	for (int c = 0; c < 6; c++) {
		if (cas >= 0 && c != cas)
			continue;
		const char *f = e->ru[which][c];
		size_t end = f ? match_name(t, len, pos, f, false) : 0;
		if (end > best && word_end(t, len, end))
			best = end;
	}
	for (size_t k = 0; k < e->nralt; k++) {
		const struct ralt *a = &e->ralt[k];
		if (a->of != which || (cas >= 0 && a->cas != cas) || !a->text)
			continue;
		size_t end = match_name(t, len, pos, a->text, false);
		if (end > best && word_end(t, len, end))
			best = end;
	}
	return best;
}

static size_t match_zh_forms(const struct entry *e, int which, const char *t, size_t len, size_t pos)
{
	size_t best = 0;
	for (int w = 0; w < 2; w++) {
		if (which >= 0 && w != which)
			continue;
		size_t end = e->zh[w] ? match_name(t, len, pos, e->zh[w], true) : 0;
		if (end > best)
			best = end;
	}
	for (size_t k = 0; k < e->nzalt; k++) {
		if ((which >= 0 && e->zalt[k].of != which) || !e->zalt[k].text)
			continue;
		size_t end = match_name(t, len, pos, e->zalt[k].text, true);
		if (end > best)
			best = end;
	}
	return best;
}

static size_t skip_space(const char *t, size_t len, size_t i)
{
	return i + space_run(t + i, len - i);
}

/* Trailing white space and nothing else after `end`? */
static bool only_space_after(const char *t, size_t len, size_t end)
{
	return skip_space(t, len, end) == len;
}

/* The organizations an organ can sign for: those with a parent. */
static const struct entry *organ_parent(const px_registry *r, const struct entry *e)
{
	return e->kind == PX_ENTRY_ORGANIZATION && e->parent ? find(r, PX_ENTRY_ORGANIZATION, e->parent) : NULL;
}

/* Longest of an organization's Russian names (abbreviation, full name, their
 * variants) in case `cas` at pos; 0 when none. */
static size_t match_org_ru(const struct entry *e, int cas, const char *t, size_t len, size_t pos)
{
	size_t a = match_ru_forms(e, PX_NAME_SHORT, cas, t, len, pos);
	size_t b = match_ru_forms(e, PX_NAME_FULL, cas, t, len, pos);
	return a > b ? a : b;
}

/* Where, after `from` and at a word's start, a Russian name of `parent` in the
 * genitive begins and ends exactly at `end` (the first such place: the
 * longest name); 0 when nowhere. */
static size_t parent_suffix_ru(const struct entry *parent, const char *t, size_t from, size_t end)
{
	for (size_t i = from; i < end;) {
		uint32_t cp;
		int k = px_utf8_decode(t + i, end - i, &cp);
		i += (size_t)(k > 0 ? k : 1);
		if (!px_is_space(cp) || i >= end)
			continue;
		size_t p = skip_space(t, end, i);
		if (p < end && match_org_ru(parent, PX_CASE_GEN, t, end, p) == end)
			return p;
		i = p;
	}
	return 0;
}

/* The state's name in the genitive (full, else short) at st; its end or 0. */
static size_t match_state_gen(const struct entry *state, const char *t, size_t len, size_t st)
{
	size_t end = match_ru_forms(state, PX_NAME_FULL, PX_CASE_GEN, t, len, st);
	return end ? end : match_ru_forms(state, PX_NAME_SHORT, PX_CASE_GEN, t, len, st);
}

static int match_signature_ru(const px_registry *r, const char *t, size_t len, px_signatory *out)
{
	size_t i = skip_space(t, len, 0);
	size_t role = match_name(t, len, i, "За", false);
	bool za = role && word_end(t, len, role);
	/* «За» + the body (accusative); an office without it (nominative) */
	size_t org = za ? skip_space(t, len, role) : i;
	for (size_t b = r->nstates; b < r->nstates + r->nbodies; b++) {
		const struct entry *body = &r->v[b];
		if (body->own == za)
			continue;
		const struct entry *state = find(r, PX_ENTRY_STATE, body->state);
		/* the body's name as a signature writes it: accusative (= nominative
		 * for bodies) after «За», the nominative for an office */
		size_t name_end = body->own ? 0 : match_ru_forms(body, 0, PX_CASE_ACC, t, len, org);
		if (!name_end)
			name_end = match_ru_forms(body, 0, PX_CASE_NOM, t, len, org);
		if (!name_end || !state)
			continue;
		size_t st = skip_space(t, len, name_end);
		if (st == name_end)
			continue;
		size_t st_end = match_state_gen(state, t, len, st);
		if (!st_end || !only_space_after(t, len, st_end))
			continue;
		*out = (px_signatory){ body->id, state->id, org, st_end, st, st_end };
		return 0;
	}
	/* «За» + an organ of an organization, whose name ends with its parent's */
	for (size_t k = r->nstates + r->nbodies; za && k < r->n; k++) {
		const struct entry *e = &r->v[k], *parent = organ_parent(r, e);
		if (!parent)
			continue;
		size_t end = match_org_ru(e, PX_CASE_ACC, t, len, org);
		if (!end)
			end = match_org_ru(e, PX_CASE_NOM, t, len, org);
		if (!end || !only_space_after(t, len, end))
			continue;
		size_t st = parent_suffix_ru(parent, t, org, end);
		if (!st)
			continue;
		*out = (px_signatory){ e->id, parent->id, org, end, st, end };
		return 0;
	}
	/* «За Республику Казахстан»: a state signs as a party; the body is the state */
	for (size_t k = 0; za && k < r->nstates; k++) {
		const struct entry *st = &r->v[k];
		size_t end = match_ru_forms(st, PX_NAME_FULL, PX_CASE_ACC, t, len, org);
		if (!end)
			end = match_ru_forms(st, PX_NAME_SHORT, PX_CASE_ACC, t, len, org);
		if (!end || !only_space_after(t, len, end))
			continue;
		*out = (px_signatory){ st->id, st->id, org, end, org, end };
		return 0;
	}
	return px_fail(PX_ENOTFOUND, "no registered signing body matches the signature block");
}

/* Longest Chinese name of an organization (abbreviation, full name,
 * variants) at pos; 0 when none. */
static size_t match_org_zh(const struct entry *e, const char *t, size_t len, size_t pos)
{
	return match_zh_forms(e, -1, t, len, pos);
}

/* After a body's name: 代表 (a representative signs) or nothing (an office
 * whose holder signs in his own name), then only white space. */
static bool zh_role_ends(const char *t, size_t len, size_t name_end, bool own)
{
	if (own)
		return only_space_after(t, len, name_end);
	size_t role = match_name(t, len, skip_space(t, len, name_end), "代表", true);
	return role && only_space_after(t, len, role);
}

static int match_signature_zh(const px_registry *r, const char *t, size_t len, px_signatory *out)
{
	size_t org = skip_space(t, len, 0);
	for (size_t b = r->nstates; b < r->nstates + r->nbodies; b++) {
		const struct entry *body = &r->v[b];
		const struct entry *state = find(r, PX_ENTRY_STATE, body->state);
		if (!state)
			continue;
		size_t st_end = match_zh_forms(state, -1, t, len, org);
		if (!st_end)
			continue;
		size_t name_end = match_zh_forms(body, -1, t, len, skip_space(t, len, st_end));
		if (!name_end || !zh_role_ends(t, len, name_end, body->own))
			continue;
		*out = (px_signatory){ body->id, state->id, org, name_end, org, st_end };
		return 0;
	}
	/* an organ of an organization + 代表, its name beginning with its parent's */
	for (size_t k = r->nstates + r->nbodies; k < r->n; k++) {
		const struct entry *e = &r->v[k], *parent = organ_parent(r, e);
		if (!parent)
			continue;
		size_t end = match_org_zh(e, t, len, org);
		if (!end || !zh_role_ends(t, len, end, false))
			continue;
		size_t st_end = match_org_zh(parent, t, len, org);
		if (!st_end || st_end >= end)
			continue;
		*out = (px_signatory){ e->id, parent->id, org, end, org, st_end };
		return 0;
	}
	/* «哈萨克斯坦共和国代表»: a state signs as a party */
	for (size_t k = 0; k < r->nstates; k++) {
		const struct entry *st = &r->v[k];
		size_t end = match_zh_forms(st, -1, t, len, org);
		if (!end || !zh_role_ends(t, len, end, false))
			continue;
		*out = (px_signatory){ st->id, st->id, org, end, org, end };
		return 0;
	}
	return px_fail(PX_ENOTFOUND, "no registered signing body matches the signature block");
}

int px_registry_find_mentions(const px_registry *r, const char *t, size_t len, px_lang lang, px_mention **out,
	size_t *count)
{
	*out = NULL;
	*count = 0;
	if (lang != PX_LANG_RU && lang != PX_LANG_ZH)
		return px_fail(PX_EUSAGE, "find mentions in Russian or in Chinese, not 'auto'");
	bool zh = lang == PX_LANG_ZH;
	const struct bucket *table = zh ? r->zh : r->ru;
	px_mention *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = px_utf8_decode(t + i, len - i, &cp);
		size_t best = 0;
		const struct entry *which = NULL;
		if (zh || word_start(t, i)) {
			const struct bucket *b = &table[cp % NBUCKETS];
			for (size_t f = 0; f < b->n; f++) {
				const struct form *fm = &b->v[f];
				if (fm->len <= best)
					break; /* longest first: nothing longer follows */
				size_t end = match_name(t, len, i, fm->text, zh);
				if (end && end - i > best && (zh || word_end(t, len, end))) {
					best = end - i;
					which = fm->e;
				}
			}
		}
		if (!which) {
			i += (size_t)k;
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			px_mention *nv = realloc(v, cap * sizeof *nv);
			if (!nv) {
				free(v);
				return px_fail_oom();
			}
			v = nv;
		}
		v[n++] = (px_mention){ which->id, which->kind, i, i + best };
		i += best;
	}
	*out = v;
	*count = n;
	return 0;
}

int px_registry_match_signature(const px_registry *r, const char *t, size_t len, px_lang lang, px_signatory *out)
{
	if (lang == PX_LANG_RU)
		return match_signature_ru(r, t, len, out);
	if (lang == PX_LANG_ZH)
		return match_signature_zh(r, t, len, out);
	return px_fail(PX_EUSAGE, "px_registry_match_signature: unknown language %d", (int)lang);
}

int reg_tlc_org(const px_registry *r, px_lang lang, const char *state, const char *id, px_buf *href, px_buf *show)
{
	bool organ = !px_registry_has_state(r, state);
	bool zh = lang == PX_LANG_ZH;
	int rc = 0;
	if (strcmp(id, state) == 0) {
		rc |= px_buf_printf(href, "/akn/ontology/organization/%s%s", organ ? "" : "state/", state);
		const char *n = reg_name(r, organ ? PX_ENTRY_ORGANIZATION : PX_ENTRY_STATE, state, lang, PX_NAME_FULL, PX_CASE_NOM);
		rc |= px_buf_puts(show, n ? n : "");
		return rc ? PX_ENOMEM : 0;
	}
	size_t sl = strlen(state);
	const char *rest = strncmp(id, state, sl) == 0 && id[sl] == '-' ? id + sl + 1 : id;
	rc |= px_buf_printf(href, "/akn/ontology/organization/%s/%s", state, rest);
	const char *a, *b = NULL;
	if (organ) {
		a = reg_name(r, PX_ENTRY_ORGANIZATION, id, lang, PX_NAME_FULL, PX_CASE_NOM);
	} else if (zh) {
		a = reg_name(r, PX_ENTRY_STATE, state, PX_LANG_ZH, PX_NAME_FULL, PX_CASE_NOM);
		b = reg_name(r, PX_ENTRY_BODY, id, PX_LANG_ZH, PX_NAME_SHORT, PX_CASE_NOM);
	} else {
		a = reg_name(r, PX_ENTRY_BODY, id, PX_LANG_RU, PX_NAME_SHORT, PX_CASE_NOM);
		b = reg_name(r, PX_ENTRY_STATE, state, PX_LANG_RU, PX_NAME_FULL, PX_CASE_GEN);
	}
	rc |= px_buf_puts(show, a ? a : "");
	if (b)
		rc |= px_buf_printf(show, "%s%s", zh ? "" : " ", b);
	return rc ? PX_ENOMEM : 0;
}
