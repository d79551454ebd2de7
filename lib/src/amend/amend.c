/*
 * Amending instruments: reading a bilingual protocol, and applying one or
 * more of them to the two expressions of a document (consolidation).
 *
 * An instrument is read into a list of operations, one per textualMod of
 * meta/analysis/activeModifications, each the same in both languages:
 *
 *   type          old        new                 what it does
 *   substitution  -          quotedStructure     restate the destination unit
 *                                                (an item through a quoted
 *                                                blockList; a section's
 *                                                heading through a quoted
 *                                                heading alone)
 *   substitution  -          quotedText          restate the wording of a p,
 *                                                or a section's heading
 *   substitution  quotedText quotedText          replace words inside the unit
 *   insertion     -          quotedStructure     insert units before|after the
 *                                                destination, or at its
 *                                                start|end (default after)
 *   insertion     quotedText quotedText          insert words before|after the
 *                                                quoted words (default after)
 *   insertion     -          quotedText          insert words at the start|end
 *                                                of the unit's text
 *   repeal        -          -                   repeal the unit
 *   repeal        quotedText -                   delete words inside the unit
 *
 * A destination is "<work>/<lang>@<version date>/!main~<eId>": the eId of a
 * unit in the version of that date (the base, or the text as amended by an
 * instrument in force on that date). Consolidation, for each instrument in
 * order of its date of entry into force:
 *
 *   1. resolve every destination to a node of the current working copies,
 *      carrying the eId through the maps of the steps since its version;
 *   2. refuse conflicting operations (a unit repealed or restated and also
 *      changed inside, or repealed twice);
 *   3. apply the operations in order to both languages; repealed and
 *      replaced units stay in the tree until all operations are applied, so
 *      that positions "before"/"after" them keep their meaning;
 *   4. renumber sections and recompute every eId from position and number,
 *      keeping the map old eId → new eId of this step, and rewrite local
 *      references through it;
 *   5. record the step in the metadata (lifecycle, passiveModifications,
 *      temporalData, passiveRef), and mark the changed units with @period.
 *
 * Nothing the caller gave is modified: the working copies come from
 * px_xml_copy_doc, and detached nodes are freed only at the very end, so no
 * node address is reused while the maps are being built.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amend/amend_int.h"
#include "model/model.h"

enum op_type { OP_SUBSTITUTION, OP_INSERTION, OP_REPEAL };
enum op_pos { POS_NONE, POS_BEFORE, POS_AFTER, POS_START, POS_END };

static const char *const type_names[] = { "substitution", "insertion", "repeal" };
static const char *const pos_names[] = { "", "before", "after", "start", "end" };

struct amend_op {
	const char *id;        /* textualMod eId (Russian), borrowed */
	enum op_type type;
	enum op_pos pos;
	char *work;            /* work IRI of the destination */
	char *version;         /* YYYY-MM-DD of the destination's version */
	char *eid;             /* destination eId in that version */
	xmlNodePtr mod[2];     /* the textualMod elements */
	xmlNodePtr old_q[2];   /* quotedText, or NULL */
	xmlNodePtr new_q[2];   /* quotedText or quotedStructure, or NULL */
};

struct px_instrument {
	const px_doc *doc[2];
	char date[11];        /* entry into force */
	char signed_date[11];
	char *uri[2];         /* expression IRIs (FRBRuri) */
	char *title[2];
	struct amend_op *ops;
	size_t nops;
};

/* ---- small helpers ------------------------------------------------------ */

static bool is_date(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static xmlNodePtr path(xmlNodePtr n, const char *const *names)
{
	for (; n && *names; names++)
		n = px_child(n, *names);
	return n;
}

static xmlNodePtr meta_of(const px_doc *doc)
{
	return px_child(px_doc_root(doc), "meta");
}

static const char *frbr(const px_doc *doc, const char *level, const char *el, const char *attr)
{
	const char *const p[] = { "identification", level, el, NULL };
	return px_attr(path(meta_of(doc), p), attr);
}

static char *node_text_dup(xmlNodePtr n)
{
	px_buf b = PX_BUF_INIT;
	if (px_node_text(n, &b) < 0) {
		px_buf_dispose(&b);
		return NULL;
	}
	return px_buf_detach(&b);
}

static int add_diag(px_diags *diags, const char *rule, const px_doc *doc, xmlNodePtr at, const char *eid,
	const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

static int add_diag(px_diags *diags, const char *rule, const px_doc *doc, xmlNodePtr at, const char *eid,
	const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	px_diag d = { 0 };
	d.rule = rule;
	d.loc.file = doc ? px_doc_name(doc) : NULL;
	d.loc.line = at ? px_node_line(at) : 0;
	d.loc.col = at && doc ? px_node_col(doc, at) : 0;
	d.eid = eid;
	d.message = msg;
	return px_diags_add(diags, &d) < 0 ? PX_ENOMEM : 0;
}

/* "substitution 'amod_2' at 'sec_V__p_2'" */
static void op_label(char *out, size_t size, const struct amend_op *op)
{
	snprintf(out, size, "%s '%s' %s '%s'", type_names[op->type], op->id ? op->id : "?",
		op->pos == POS_NONE ? "at" : pos_names[op->pos], op->eid ? op->eid : "?");
}

/* ---- reading an instrument ----------------------------------------------- */

static void instrument_clear_ops(px_instrument *ins)
{
	for (size_t i = 0; i < ins->nops; i++) {
		free(ins->ops[i].work);
		free(ins->ops[i].version);
		free(ins->ops[i].eid);
	}
	free(ins->ops);
	ins->ops = NULL;
	ins->nops = 0;
}

void px_instrument_free(px_instrument *ins)
{
	if (!ins)
		return;
	instrument_clear_ops(ins);
	for (int l = 0; l < 2; l++) {
		free(ins->uri[l]);
		free(ins->title[l]);
	}
	free(ins);
}

const char *px_instrument_date(const px_instrument *ins)
{
	return ins->date;
}

size_t px_instrument_op_count(const px_instrument *ins)
{
	return ins->nops;
}

/* Split "<work>/<lang>@<date>[/!main]~<eId>" into its parts. */
static bool parse_destination(const char *href, char **work, char **version, char **eid)
{
	*work = *version = *eid = NULL;
	const char *tilde = href ? strrchr(href, '~') : NULL;
	const char *at = href ? strchr(href, '@') : NULL;
	if (!tilde || !at || at > tilde || tilde[1] == '\0')
		return false;
	const char *slash = at;
	while (slash > href && *slash != '/')
		slash--;
	if (slash == href || tilde - at < 11)
		return false;
	*work = px_strndup(href, (size_t)(slash - href));
	*version = px_strndup(at + 1, 10);
	*eid = px_strdup(tilde + 1);
	if (!*work || !*version || !*eid || !is_date(*version)) {
		free(*work);
		free(*version);
		free(*eid);
		*work = *version = *eid = NULL;
		return false;
	}
	return true;
}

/* The quoted element a textualMod's old/new points at, or NULL. */
static xmlNodePtr quoted(const px_doc *doc, xmlNodePtr el)
{
	const char *href = px_attr(el, "href");
	if (!href || href[0] != '#')
		return NULL;
	xmlNodePtr q = (xmlNodePtr)px_doc_find(doc, href + 1);
	if (!px_is(q, "quotedText") && !px_is(q, "quotedStructure"))
		return NULL;
	return q;
}

/* A fingerprint of a quoted structure's shape: its element names, recursively,
 * without inline markup (which may differ between languages). */
static int shape(xmlNodePtr n, px_buf *out)
{
	if (!n)
		return px_buf_puts(out, "-");
	if (px_is(n, "quotedText"))
		return px_buf_puts(out, "text");
	int rc = px_buf_puts(out, (const char *)n->name);
	if (px_is_mixed(n))
		return rc;
	rc |= px_buf_puts(out, "(");
	for (xmlNodePtr c = px_first_el(n); c; c = px_next_el(c)) {
		rc |= shape(c, out);
		rc |= px_buf_puts(out, ",");
	}
	rc |= px_buf_puts(out, ")");
	return rc ? PX_ENOMEM : 0;
}

/* Has the element no text but white space? */
static bool blank_text(xmlNodePtr n)
{
	char *t = node_text_dup(n);
	bool blank = true;
	for (const char *p = t; p && *p && blank; p++)
		blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
	free(t);
	return blank;
}

static int read_op(struct amend_op *op, int l, const px_doc *doc, xmlNodePtr tm, px_diags *diags, bool *bad)
{
	const char *eid = px_attr(tm, "eId");
	const char *type = px_attr(tm, "type");
	op->mod[l] = tm;
	if (l == L_RU)
		op->id = eid;
	int t = -1;
	for (int i = 0; i < 3; i++)
		if (type && strcmp(type, type_names[i]) == 0)
			t = i;
	xmlNodePtr dest = px_child(tm, "destination");
	const char *pos = px_attr(dest, "pos");
	enum op_pos p = POS_NONE;
	for (int i = 1; i < 5; i++)
		if (pos && strcmp(pos, pos_names[i]) == 0)
			p = (enum op_pos)i;
	char *work = NULL, *version = NULL, *deid = NULL;
	if (t < 0) {
		*bad = true;
		return add_diag(diags, "PX090", doc, tm, NULL, "textualMod '%s' has no type substitution, insertion or repeal",
			eid ? eid : "?");
	}
	if (!parse_destination(px_attr(dest, "href"), &work, &version, &deid)) {
		*bad = true;
		return add_diag(diags, "PX090", doc, dest ? dest : tm, NULL,
			"textualMod '%s' has no destination of the form '<work>/<lang>@<date>/!main~<eId>'", eid ? eid : "?");
	}
	xmlNodePtr old_el = px_child(tm, "old"), new_el = px_child(tm, "new");
	xmlNodePtr oq = old_el ? quoted(doc, old_el) : NULL, nq = new_el ? quoted(doc, new_el) : NULL;
	const char *problem = NULL;
	if ((old_el && !oq) || (new_el && !nq))
		problem = "old or new does not point at quotedText or quotedStructure of this document";
	else if (oq && !px_is(oq, "quotedText"))
		problem = "old must point at quotedText";
	else if (oq && blank_text(oq))
		problem = "the quoted old words are empty";
	else if (t == OP_REPEAL && nq)
		problem = "a repeal has no new";
	else if (t != OP_REPEAL && !nq)
		problem = "a substitution or insertion needs new";
	else if (t == OP_SUBSTITUTION && oq && !px_is(nq, "quotedText"))
		problem = "a substitution of words needs new quotedText";
	else if (t == OP_SUBSTITUTION && p != POS_NONE)
		problem = "a substitution has no position";
	else if (t == OP_INSERTION && px_is(nq, "quotedStructure") && oq)
		problem = "an insertion of structure has no old";
	else if (t == OP_INSERTION && oq && (p == POS_START || p == POS_END))
		problem = "words are inserted before or after the quoted old words";
	else if (t == OP_INSERTION && !oq && px_is(nq, "quotedText") && p != POS_START && p != POS_END)
		problem = "words without old are inserted at the start or end of the unit";
	else if (t == OP_REPEAL && p != POS_NONE)
		problem = "a repeal has no position";
	if (problem) {
		*bad = true;
		int rc = add_diag(diags, "PX090", doc, tm, deid, "textualMod '%s': %s", eid ? eid : "?", problem);
		free(work);
		free(version);
		free(deid);
		return rc;
	}
	if (t == OP_INSERTION && p == POS_NONE)
		p = POS_AFTER;
	if (l == L_RU) {
		op->type = (enum op_type)t;
		op->pos = p;
		op->work = work;
		op->version = version;
		op->eid = deid;
		op->old_q[l] = oq;
		op->new_q[l] = nq;
		return 0;
	}
	/* Chinese: must say the same as the Russian */
	char what[256] = "";
	px_buf a = PX_BUF_INIT, b = PX_BUF_INIT;
	if (t != (int)op->type)
		snprintf(what, sizeof what, "type '%s' in zho, '%s' in rus", type_names[t], type_names[op->type]);
	else if (p != op->pos)
		snprintf(what, sizeof what, "position '%s' in zho, '%s' in rus", pos_names[p], pos_names[op->pos]);
	else if (strcmp(deid, op->eid) != 0)
		snprintf(what, sizeof what, "destination '%s' in zho, '%s' in rus", deid, op->eid);
	else if (strcmp(version, op->version) != 0)
		snprintf(what, sizeof what, "destination version %s in zho, %s in rus", version, op->version);
	else if (strcmp(work, op->work) != 0)
		snprintf(what, sizeof what, "destination work '%s' in zho, '%s' in rus", work, op->work);
	else if (!oq != !op->old_q[L_RU])
		snprintf(what, sizeof what, "old words %s in zho but %s in rus", oq ? "quoted" : "not quoted",
			op->old_q[L_RU] ? "quoted" : "not quoted");
	else if (shape(nq, &a) < 0 || shape(op->new_q[L_RU], &b) < 0)
		return PX_ENOMEM;
	else if (strcmp(a.ptr, b.ptr) != 0)
		snprintf(what, sizeof what, "the quoted new text has another structure in zho (%.90s) than in rus (%.90s)",
			a.ptr, b.ptr);
	px_buf_dispose(&a);
	px_buf_dispose(&b);
	op->old_q[l] = oq;
	op->new_q[l] = nq;
	free(work);
	free(version);
	int rc = 0;
	if (what[0]) {
		*bad = true;
		rc = add_diag(diags, "PX091", doc, tm, op->eid, "textualMod '%s' differs from its rus counterpart '%s': %s",
			eid ? eid : "?", op->id ? op->id : "?", what);
	}
	free(deid);
	return rc;
}

/* Date of entry into force: a lifecycle eventRef that refersTo
 * "#entryIntoForce", else the signature date of the work. */
static const char *in_force_date(const px_doc *doc)
{
	xmlNodePtr lc = px_child(meta_of(doc), "lifecycle");
	for (xmlNodePtr e = px_first_el(lc); e; e = px_next_el(e)) {
		const char *r = px_attr(e, "refersTo");
		if (r && strstr(r, "#entryIntoForce"))
			return px_attr(e, "date");
	}
	return frbr(doc, "FRBRWork", "FRBRdate", "date");
}

static char *doc_title(const px_doc *doc)
{
	xmlNodePtr pre = px_child(px_doc_root(doc), "preface");
	for (xmlNodePtr p = px_first_el(pre); p; p = px_next_el(p)) {
		xmlNodePtr t = px_child(p, "docTitle");
		if (t)
			return node_text_dup(t);
	}
	const char *uri = frbr(doc, "FRBRExpression", "FRBRuri", "value");
	return px_strdup(uri ? uri : px_doc_name(doc));
}

int px_instrument_new(px_instrument **out, const px_doc *ru, const px_doc *zh, px_diags *diags)
{
	*out = NULL;
	px_instrument *ins = calloc(1, sizeof *ins);
	if (!ins)
		return px_fail_oom();
	ins->doc[L_RU] = ru;
	ins->doc[L_ZH] = zh;
	bool bad = false;
	int rc = 0;
	xmlNodePtr lists[2] = { NULL, NULL };
	size_t counts[2] = { 0, 0 };
	const char *want[2] = { "rus", "zho" };
	for (int l = 0; l < 2 && rc == 0; l++) {
		const px_doc *d = ins->doc[l];
		const char *type = px_doc_type(d), *lang = px_doc_lang(d);
		const char *const am[] = { "analysis", "activeModifications", NULL };
		lists[l] = path(meta_of(d), am);
		if (!type || strcmp(type, "protocol") != 0)
			rc = add_diag(diags, "PX090", d, px_doc_root(d), NULL, "'%s' is a %s, not an amending protocol",
				px_doc_name(d), type ? type : "document of unknown kind");
		else if (!lang || strcmp(lang, want[l]) != 0)
			rc = add_diag(diags, "PX090", d, px_doc_root(d), NULL, "'%s' is expected in %s, not '%s'",
				px_doc_name(d), want[l], lang ? lang : "(no language)");
		else if (!lists[l])
			rc = add_diag(diags, "PX090", d, meta_of(d), NULL, "'%s' has no analysis/activeModifications",
				px_doc_name(d));
		else
			continue;
		bad = true;
	}
	if (bad || rc < 0)
		goto done;
	for (int l = 0; l < 2; l++)
		for (xmlNodePtr t = px_first_el(lists[l]); t; t = px_next_el(t))
			counts[l]++;
	if (counts[0] != counts[1]) {
		bad = true;
		rc = add_diag(diags, "PX091", zh, lists[L_ZH], NULL, "'%s' has %zu operations, '%s' has %zu",
			px_doc_name(ru), counts[0], px_doc_name(zh), counts[1]);
		goto done;
	}
	ins->ops = calloc(counts[0] ? counts[0] : 1, sizeof *ins->ops);
	if (!ins->ops) {
		rc = px_fail_oom();
		goto done;
	}
	ins->nops = counts[0];
	for (int l = 0; l < 2 && rc == 0; l++) {
		size_t i = 0;
		for (xmlNodePtr t = px_first_el(lists[l]); t && rc == 0; t = px_next_el(t), i++) {
			if (l == L_ZH && !ins->ops[i].eid)
				continue; /* the Russian one was already reported */
			rc = read_op(&ins->ops[i], l, ins->doc[l], t, diags, &bad);
		}
	}
	const char *d0 = in_force_date(ru), *d1 = in_force_date(zh);
	const char *s0 = frbr(ru, "FRBRWork", "FRBRdate", "date"), *s1 = frbr(zh, "FRBRWork", "FRBRdate", "date");
	if (rc == 0 && (!is_date(d0) || !is_date(s0))) {
		bad = true;
		rc = add_diag(diags, "PX102", ru, meta_of(ru), NULL, "'%s' has no valid signature or entry-into-force date",
			px_doc_name(ru));
	} else if (rc == 0 && (!d1 || !s1 || strcmp(d0, d1) != 0 || strcmp(s0, s1) != 0)) {
		bad = true;
		rc = add_diag(diags, "PX102", zh, meta_of(zh), NULL,
			"'%s' is dated %s (in force %s), its rus counterpart %s (in force %s)", px_doc_name(zh),
			s1 ? s1 : "?", d1 ? d1 : "?", s0, d0);
	}
	if (rc < 0 || bad)
		goto done;
	memcpy(ins->date, d0, 10);
	memcpy(ins->signed_date, s0, 10);
	for (int l = 0; l < 2; l++) {
		const char *u = frbr(ins->doc[l], "FRBRExpression", "FRBRuri", "value");
		ins->uri[l] = px_strdup(u ? u : px_doc_name(ins->doc[l]));
		ins->title[l] = doc_title(ins->doc[l]);
		if (!ins->uri[l] || !ins->title[l])
			rc = px_fail_oom();
	}
done:
	if (rc < 0 || bad) {
		px_instrument_free(ins);
		return rc < 0 ? rc : px_fail(PX_EINVALID, "the amending instrument '%s' is not usable", px_doc_name(ru));
	}
	*out = ins;
	return 0;
}

/* ---- the working state of a consolidation -------------------------------- */

/* The map old eId → new eId of a step ("" when repealed): an index whose
 * keys are in `keys` (one allocation, or a string of `extra`) and whose
 * values are offsets in `vals`. */
struct eid_map {
	struct amend_index index;
	char *keys;
	px_buf vals;
	char **extra;
	size_t nextra, aextra;
};

struct step {
	struct eid_map map;
	const px_instrument *ins;
	char date[11];
	char *prev_uri[2]; /* expression IRI of the version before the step */
};

struct result_node {
	xmlNodePtr node[2];
	char *old_eid;   /* for repeals: the eId before the step */
};

/* The units of a tree (elements named by the eId rule), in document order. */
struct snap {
	xmlNodePtr *nodes;
	char **eids;
	size_t n, a;
	bool borrow; /* the eIds are the tree's own (it does not change while the snapshot lives) */
	px_buf strings; /* without `borrow`: the eIds, one after another */
};

struct work {
	px_doc *w[2];
	px_diags *diags;
	bool failed;
	struct step *steps;      /* applied so far */
	size_t nsteps;
	char base_date[11];
	char *base_uri[2];
	char *work_uri;
	xmlNodePtr *grave;       /* detached nodes, freed at the end */
	size_t ngrave, agrave;
	xmlNodePtr *touched;     /* nodes whose _private was set this step */
	size_t ntouched, atouched;
	struct start_tail { xmlNodePtr parent, last; } *starts; /* last unit inserted at the start of a container this step */
	size_t nstarts, astarts;
	xmlNodePtr *pending[2];  /* units repealed or replaced in this step */
	size_t npending[2], apending[2];
	struct restated { xmlNodePtr old, new; } *pairs; /* rus units restated in this step */
	size_t npairs, apairs;
	bool arabic;             /* sections numbered "1." rather than "I." */
	char period[32];         /* "#tp_N" of the step being applied */
	struct made { const px_instrument *ins; const struct amend_op *op; xmlNodePtr node; int l; } *made;
	size_t nmade, amade;     /* the unit each operation inserted, restated or changed */
	struct px_consolidation_report *report; /* gets the map rows of each step */
	bool want_report;        /* the caller asked for the report (renderings, maps) */
	struct snap first;       /* with the report: the units before the first step (as in the base) */
	struct snap last;        /* with the report: the units after the last step (their eIds are
	                          * borrowed from the tree: valid until a next step renumbers) */
};

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

static int push_node(xmlNodePtr **arr, size_t *n, size_t *a, xmlNodePtr node)
{
	if (px_amend_grow(arr, a, *n, sizeof **arr, 64) < 0)
		return PX_ENOMEM;
	(*arr)[(*n)++] = node;
	return 0;
}

static int bury(struct work *w, xmlNodePtr n)
{
	xmlUnlinkNode(n);
	return push_node(&w->grave, &w->ngrave, &w->agrave, n);
}

static int set_tail(struct work *w, xmlNodePtr n, xmlNodePtr tail)
{
	if (!n->_private && push_node(&w->touched, &w->ntouched, &w->atouched, n) < 0)
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

static bool attached(xmlNodePtr n)
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

static xmlNodePtr new_el(px_doc *doc, const char *name)
{
	return xmlNewDocNode(doc->xml, xmlDocGetRootElement(doc->xml)->ns, (const xmlChar *)name, NULL);
}

/* ---- applying operations ------------------------------------------------ */

struct opctx {
	struct work *w;
	const px_instrument *ins;
	const struct amend_op *op;
	int l;
};

static int op_error(struct opctx *c, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int op_error(struct opctx *c, const char *rule, const char *fmt, ...)
{
	char msg[768], label[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	op_label(label, sizeof label, c->op);
	c->w->failed = true;
	return add_diag(c->w->diags, rule, c->ins->doc[c->l], c->op->mod[c->l], c->op->eid, "%s: %s", label, msg);
}

/* May an element named `child` be a child of `parent`? (the profile's outline) */
static bool may_contain(xmlNodePtr parent, const char *child)
{
	static const char *const pairs[][2] = {
		{ "mainBody", "section" }, { "section", "paragraph" }, { "section", "content" },
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
				if (!k || push_node(out, n, &a, k) < 0)
					return px_fail_oom();
			}
			continue;
		}
		xmlNodePtr k = copy_into(doc, e);
		if (!k)
			return px_fail_oom();
		if (px_is(e, "p") && px_is(parent, "conclusions")) {
			xmlNodePtr bc = new_el(doc, "blockContainer");
			if (!bc) {
				xmlFreeNode(k);
				return px_fail_oom();
			}
			xmlSetProp(bc, (const xmlChar *)"class", (const xmlChar *)"signature");
			xmlAddChild(bc, k);
			k = bc;
		}
		if (push_node(out, n, &a, k) < 0) {
			xmlFreeNode(k);
			return px_fail_oom();
		}
	}
	for (size_t i = 0; i < *n; i++)
		if (!may_contain(parent, (const char *)(*out)[i]->name))
			return op_error(c, "PX099", "a quoted %s cannot stand in a %s", (const char *)(*out)[i]->name,
				(const char *)parent->name);
	if (*n == 0)
		return op_error(c, "PX099", "the quoted structure is empty");
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
	if (px_is(dest, "section") || px_is(dest, "paragraph")) {
		xmlNodePtr content = px_child(dest, "content");
		return content ? content : dest;
	}
	return dest;
}

static int insert_structure(struct opctx *c, xmlNodePtr dest, struct result_node *res)
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

static int restate_structure(struct opctx *c, xmlNodePtr dest, struct result_node *res)
{
	struct work *w = c->w;
	xmlNodePtr q = c->op->new_q[c->l];
	xmlNodePtr first = px_first_el(q);
	if (first && px_is(first, "heading") && !px_next_el(first)) {
		xmlNodePtr h = px_child(dest, "heading");
		if (!h)
			return op_error(c, "PX099", "a quoted heading restates the heading of a section, not of a %s",
				(const char *)dest->name);
		xmlNodePtr k = copy_into(w->w[c->l], first);
		if (!k)
			return px_fail_oom();
		xmlAddNextSibling(h, k);
		res->node[c->l] = dest;
		return bury(w, h);
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
			rc = op_error(c, "PX099", "a quoted %s cannot restate a %s", (const char *)nodes[i]->name,
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
	if (rc < 0 || set_tail(w, dest, anchor) < 0 || push_node(&w->pending[c->l], &w->npending[c->l], &w->apending[c->l], dest) < 0)
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
			if (push_node(out, cnt, a, c) < 0)
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
	char *t = node_text_dup(q);
	bool r = t && t[0] && !closing_punct(t);
	free(t);
	return r;
}

static int word_operation(struct opctx *c, xmlNodePtr dest, struct result_node *res)
{
	const struct amend_op *op = c->op;
	px_doc *doc = c->w->w[c->l];
	bool ru = c->l == L_RU;
	xmlNodePtr oq = op->old_q[c->l], nq = op->new_q[c->l];
	xmlNodePtr target = px_is(dest, "section") ? px_child(dest, "heading") : dest;
	xmlNodePtr *texts = NULL;
	size_t nt = 0, at = 0;
	int rc = 0;
	char *old = oq ? node_text_dup(oq) : NULL;
	if ((oq && !old) || text_nodes(dest, &texts, &nt, &at) < 0) {
		rc = px_fail_oom();
		goto out;
	}
	res->node[c->l] = dest;
	if (!oq && op->type == OP_SUBSTITUTION) {
		/* restate the whole wording of a p or of a section's heading */
		if (!target || !px_is_mixed(target)) {
			rc = op_error(c, "PX099", "quoted text restates a p or a section's heading, not a %s",
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
			rc = op_error(c, "PX094", "the unit has no text to add words to");
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
		char *all = node_text_dup(dest);
		bool spans = all && strstr(all, old);
		free(all);
		rc = spans ? op_error(c, "PX096", "the words '%s' run across inline markup; quote them within one element",
				old)
			: op_error(c, "PX094", "the words '%s' are not in the unit", old);
		goto out;
	}
	if (total > 1) {
		rc = op_error(c, "PX095", "the words '%s' occur %zu times in the unit; quote enough to name one", old, total);
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

/* ---- renumbering ----------------------------------------------------------- */

/* The naming convention of docs/profile.md: element, abbreviation. */
static const char *const abbrs[][2] = {
	{ "p", "p" }, { "recitals", "recs" }, { "recital", "rec" }, { "formula", "formula" },
	{ "blockList", "list" }, { "item", "item" }, { "blockContainer", "blockContainer" },
	{ "paragraph", "para" }, { "section", "sec" },
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
	char *t = num ? node_text_dup(num) : NULL;
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
static int renumber(xmlNodePtr parent, const char *prefix, bool zho, bool arabic)
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
		else if (k >= 0) {
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
		if (renumber(c, child_prefix, zho, arabic) < 0)
			return PX_ERROR;
	}
	return 0;
}

/* ---- snapshots and maps ------------------------------------------------------ */


/* Without `borrow`, eids[i] holds the offset of the eId in `strings`
 * until snap_rec() is done. */
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
static int snap_rec(struct snap *s, xmlNodePtr n)
{
	size_t from = s->n;
	int rc = snap_walk(s, n);
	for (size_t i = from; i < s->n && !s->borrow; i++)
		s->eids[i] = rc == 0 ? s->strings.ptr + (uintptr_t)s->eids[i] : NULL;
	return rc;
}

static void snap_free(struct snap *s)
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
static const char *map_get(const struct eid_map *m, const char *k)
{
	size_t at;
	return px_amend_index_get(&m->index, k, &at) ? m->vals.ptr + at : NULL;
}

static void map_free(struct eid_map *m)
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
	int rc = snap_rec(&os, old);
	if (rc == 0)
		rc = snap_rec(&ns, new);
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
	snap_free(&os);
	snap_free(&ns);
	return rc;
}

static int build_step_map(struct work *w, struct snap *s, struct eid_map *map)
{
	if (map_init(map, s) < 0)
		return PX_ENOMEM;
	for (size_t i = 0; i < s->n; i++)
		if (attached(s->nodes[i]) && map_put(map, s->eids[i], px_attr(s->nodes[i], "eId")) < 0)
			return PX_ENOMEM;
	for (size_t i = 0; i < w->npairs; i++)
		if (map_restated(map, w->pairs[i].old, w->pairs[i].new) < 0)
			return PX_ENOMEM;
	return 0;
}

static const char *const ref_attrs[] = { "href", "refersTo", "period", "source", "as", NULL };

/* Rewrite local references "#eId" through a step's map; a reference to a
 * repealed unit becomes "<previous expression>/!main~eId". */
static bool is_ref_attr(xmlAttrPtr a)
{
	for (size_t i = 0; ref_attrs[i]; i++)
		if (!a->ns && strcmp((const char *)a->name, ref_attrs[i]) == 0)
			return true;
	return false;
}

static int rewrite_refs(xmlNodePtr n, const struct eid_map *map, const char *prev_uri)
{
	for (xmlNodePtr c = px_first_el(n); c; c = px_next_el(c)) {
		for (xmlAttrPtr a = c->properties; a; a = a->next) {
			const char *v = a->children && a->children->type == XML_TEXT_NODE ? (const char *)a->children->content
				: NULL;
			if (!v || v[0] != '#' || strchr(v, ' ') || !is_ref_attr(a))
				continue;
			const char *to = map_get(map, v + 1);
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
		if (rewrite_refs(c, map, prev_uri) < 0)
			return PX_ENOMEM;
	}
	return 0;
}

/* ---- metadata ------------------------------------------------------------ */

static xmlNodePtr meta_part(px_doc *doc, const char *name)
{
	static const char *const order[] = { "identification", "lifecycle", "analysis", "temporalData", "references" };
	xmlNodePtr meta = meta_of(doc);
	xmlNodePtr have = px_child(meta, name);
	if (have)
		return have;
	size_t want = 0;
	for (size_t i = 0; i < 5; i++)
		if (strcmp(order[i], name) == 0)
			want = i;
	xmlNodePtr el = new_el(doc, name);
	if (!el)
		return NULL;
	xmlSetProp(el, (const xmlChar *)"source", (const xmlChar *)"#paralex");
	for (xmlNodePtr c = px_first_el(meta); c; c = px_next_el(c))
		for (size_t i = want + 1; i < 5; i++)
			if (px_is(c, order[i]))
				return xmlAddPrevSibling(c, el);
	return xmlAddChild(meta, el);
}

static xmlNodePtr add_el(px_doc *doc, xmlNodePtr parent, const char *name, ...)
{
	xmlNodePtr el = new_el(doc, name);
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
static int copy_tlcs(px_doc *doc, const px_doc *from, xmlNodePtr n)
{
	for (xmlNodePtr c = px_first_el(n); c; c = px_next_el(c)) {
		for (size_t i = 0; ref_attrs[i]; i++) {
			const char *v = px_attr(c, ref_attrs[i]);
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
			xmlAddChild(meta_part(doc, "references"), k);
			if (px_doc_reindex(doc) < 0)
				return PX_ENOMEM;
		}
		if (copy_tlcs(doc, from, c) < 0)
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
static int add_authors(px_doc *doc, xmlNodePtr unit)
{
	xmlNodePtr sig = find_signature(unit);
	const char *body = sig ? px_attr(px_child(sig, "organization"), "refersTo") : NULL;
	xmlNodePtr ident = px_child(meta_of(doc), "identification");
	if (!body || !ident)
		return 0;
	static const char *const frbr[] = { "FRBRWork", "FRBRExpression" };
	for (size_t i = 0; i < 2; i++) {
		xmlNodePtr last = NULL;
		bool have = false;
		for (xmlNodePtr a = px_child(px_child(ident, frbr[i]), "FRBRauthor"); a && px_is(a, "FRBRauthor");
				a = px_next_el(a)) {
			const char *href = px_attr(a, "href");
			have = have || (href && strcmp(href, body) == 0);
			last = a;
		}
		if (have || !last)
			continue;
		xmlNodePtr el = new_el(doc, "FRBRauthor");
		if (!el || !xmlSetProp(el, (const xmlChar *)"href", (const xmlChar *)body) || !xmlAddNextSibling(last, el)) {
			xmlFreeNode(el);
			return px_fail_oom();
		}
	}
	return 0;
}

static int map_rows(struct px_consolidation_report *r, size_t step, const struct snap *order,
	const char *const *to, const struct snap *result);
static void snap_free(struct snap *s);

/* The rows of a step's map for the report; keeps the units of the result
 * in w->last (the eIds do not change after the step's map is made). */
static int step_rows(struct work *w, const struct snap *before, const struct eid_map *map)
{
	const char **to = malloc((before->n ? before->n : 1) * sizeof *to);
	if (!to)
		return px_fail_oom();
	for (size_t i = 0; i < before->n; i++)
		to[i] = map_get(map, before->eids[i]);
	snap_free(&w->last);
	w->last.borrow = true;
	int rc = snap_rec(&w->last, px_doc_root(w->w[L_RU]));
	if (rc == 0)
		rc = map_rows(w->report, w->nsteps, before, to, &w->last);
	free(to);
	return rc;
}

/* ---- one instrument -------------------------------------------------------- */

/* The eId, in the current version, of an operation's destination. */
static int current_eid(struct work *w, struct opctx *c, char **out)
{
	const struct amend_op *op = c->op;
	*out = NULL;
	if (strcmp(op->work, w->work_uri) != 0)
		return op_error(c, "PX093", "the destination is in '%s', not in the amended work '%s'", op->work,
			w->work_uri);
	long j = strcmp(op->version, w->base_date) == 0 ? 0 : -1;
	for (size_t i = 0; i < w->nsteps; i++)
		if (strcmp(w->steps[i].date, op->version) == 0)
			j = (long)i + 1;
	if (j < 0)
		return op_error(c, "PX093", "no version of the amended document is dated %s (the base is dated %s)",
			op->version, w->base_date);
	const char *e = op->eid;
	for (size_t i = (size_t)j; i < w->nsteps; i++) {
		const char *to = map_get(&w->steps[i].map, e);
		if (!to)
			return op_error(c, "PX092", "the version of %s has no unit '%s'", op->version, e);
		if (!*to) {
			const char *by = px_doc_name(w->steps[i].ins->doc[c->l]);
			if (op->type == OP_REPEAL && !op->old_q[L_RU])
				return op_error(c, "PX098", "'%s' was already repealed by '%s'", e, by);
			return op_error(c, "PX092", "'%s' was repealed by '%s'", e, by);
		}
		e = to;
	}
	if (!(*out = px_strdup(e)))
		return px_fail_oom();
	return 0;
}

static bool whole_unit(const struct amend_op *op)
{
	return (op->type == OP_REPEAL && !op->old_q[L_RU]) ||
		(op->type == OP_SUBSTITUTION && px_is(op->new_q[L_RU], "quotedStructure") &&
			!(px_is(px_first_el(op->new_q[L_RU]), "heading") && !px_next_el(px_first_el(op->new_q[L_RU]))));
}

static bool beside(const struct amend_op *op)
{
	return op->type == OP_INSERTION && (op->pos == POS_BEFORE || op->pos == POS_AFTER) &&
		px_is(op->new_q[L_RU], "quotedStructure");
}

/* Refuse an operation inside a unit that another operation of the same
 * instrument repeals or restates (next to it is fine), and two such
 * operations on one unit. The repealed or restated units are marked through
 * _private (free until the operations run) and unmarked before returning. */
static int check_conflicts(struct work *w, const px_instrument *ins, xmlNodePtr (*dest)[2])
{
	int rc = 0;
	size_t marked = 0;
	for (size_t i = 0; i < ins->nops && rc == 0; i++) {
		xmlNodePtr u = dest[i][L_RU];
		if (!whole_unit(&ins->ops[i]))
			continue;
		if (u->_private) {
			const struct amend_op *a = u->_private, *b = &ins->ops[i];
			struct opctx c = { w, ins, b, L_RU };
			char la[256];
			op_label(la, sizeof la, a);
			bool twice = a->type == OP_REPEAL && b->type == OP_REPEAL;
			rc = twice ? op_error(&c, "PX098", "'%s' is already repealed by %s", b->eid, la)
				: op_error(&c, "PX097", "conflicts with %s of the same instrument", la);
			continue;
		}
		u->_private = (void *)&ins->ops[i];
		marked++;
	}
	for (size_t j = 0; j < ins->nops && rc == 0; j++) {
		const struct amend_op *b = &ins->ops[j];
		for (xmlNodePtr v = dest[j][L_RU]; v && rc == 0; v = v->parent) {
			const struct amend_op *a = v->_private;
			if (v->type != XML_ELEMENT_NODE || !a || a == b || (v == dest[j][L_RU] && beside(b)))
				continue;
			if (v == dest[j][L_RU] && whole_unit(b))
				continue; /* reported above */
			struct opctx c = { w, ins, b, L_RU };
			char la[256];
			op_label(la, sizeof la, a);
			rc = op_error(&c, "PX097", "conflicts with %s of the same instrument", la);
		}
	}
	for (size_t i = 0; i < ins->nops && marked; i++)
		dest[i][L_RU]->_private = NULL;
	return rc;
}

static int apply_one(struct work *w, struct opctx *c, xmlNodePtr dest, struct result_node *res)
{
	const struct amend_op *op = c->op;
	bool structure = px_is(op->new_q[c->l], "quotedStructure");
	if (op->type == OP_REPEAL && !op->old_q[c->l])
		return push_node(&w->pending[c->l], &w->npending[c->l], &w->apending[c->l], dest);
	if (op->type == OP_SUBSTITUTION && structure)
		return restate_structure(c, dest, res);
	if (op->type == OP_INSERTION && structure)
		return insert_structure(c, dest, res);
	return word_operation(c, dest, res);
}

static void free_results(struct result_node *res, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(res[i].old_eid);
	free(res);
}

/* Record the step in the metadata of one language. */
static int record_step(struct work *w, int l, const px_instrument *ins, size_t k, struct result_node *res)
{
	px_doc *doc = w->w[l];
	char evt[32], pref[32], tp[32], ref_pref[40], ref_evt[40], ref_tp[40];
	snprintf(evt, sizeof evt, "evt_%zu", k + 2);
	snprintf(pref, sizeof pref, "pref_%zu", k + 1);
	snprintf(tp, sizeof tp, "tp_%zu", k + 2);
	snprintf(ref_pref, sizeof ref_pref, "#%s", pref);
	snprintf(ref_evt, sizeof ref_evt, "#%s", evt);
	snprintf(ref_tp, sizeof ref_tp, "#%s", tp);
	xmlNodePtr lc = meta_part(doc, "lifecycle");
	if (!lc || !add_el(doc, lc, "eventRef", "eId", evt, "date", ins->date, "source", ref_pref, "type", "amendment",
			NULL))
		return px_fail_oom();
	xmlNodePtr an = meta_part(doc, "analysis");
	xmlNodePtr pm = an ? px_child(an, "passiveModifications") : NULL;
	if (an && !pm)
		pm = add_el(doc, an, "passiveModifications", NULL);
	if (!pm)
		return px_fail_oom();
	size_t next = 1;
	for (xmlNodePtr t = px_first_el(pm); t; t = px_next_el(t))
		next++;
	for (size_t i = 0; i < ins->nops; i++) {
		char id[32], dest[1024];
		snprintf(id, sizeof id, "pmod_%zu", next++);
		xmlNodePtr r = res[i].node[l];
		if (r && attached(r) && px_attr(r, "eId"))
			snprintf(dest, sizeof dest, "#%s", px_attr(r, "eId"));
		else
			snprintf(dest, sizeof dest, "%s/!main~%s", w->steps[k].prev_uri[l], res[i].old_eid);
		xmlNodePtr tm = add_el(doc, pm, "textualMod", "eId", id, "type", type_names[ins->ops[i].type], "period",
			ref_tp, NULL);
		if (!tm || !add_el(doc, tm, "source", "href", ref_pref, NULL))
			return px_fail_oom();
		if (!add_el(doc, tm, "destination", "href", dest, NULL))
			return px_fail_oom();
	}
	xmlNodePtr td = meta_part(doc, "temporalData");
	xmlNodePtr tg = td ? add_el(doc, td, "temporalGroup", "eId", tp, NULL) : NULL;
	if (!tg || !add_el(doc, tg, "timeInterval", "refersTo", "#inForce", "start", ref_evt, NULL))
		return px_fail_oom();
	xmlNodePtr refs = meta_part(doc, "references");
	xmlNodePtr orig = px_child(refs, "original");
	xmlNodePtr pr = new_el(doc, "passiveRef");
	if (!pr || !orig)
		return px_fail_oom();
	xmlSetProp(pr, (const xmlChar *)"eId", (const xmlChar *)pref);
	xmlSetProp(pr, (const xmlChar *)"href", (const xmlChar *)ins->uri[l]);
	xmlSetProp(pr, (const xmlChar *)"showAs", (const xmlChar *)ins->title[l]);
	xmlAddPrevSibling(orig, pr);
	bool have_concept = false;
	for (xmlNodePtr c = px_first_el(refs); c; c = px_next_el(c))
		if (px_is(c, "TLCConcept") && px_attr(c, "eId") && strcmp(px_attr(c, "eId"), "inForce") == 0)
			have_concept = true;
	if (!have_concept && !add_el(doc, refs, "TLCConcept", "eId", "inForce", "href", "/akn/ontology/concept/inForce",
			"showAs", l == L_RU ? "действует" : "有效", NULL))
		return px_fail_oom();
	return px_doc_reindex(doc);
}

static int apply_instrument(struct work *w, const px_instrument *ins, size_t k)
{
	size_t n = ins->nops;
	xmlNodePtr(*dest)[2] = calloc(n ? n : 1, sizeof *dest);
	struct result_node *res = calloc(n ? n : 1, sizeof *res);
	struct snap snap = { 0 };
	int rc = 0;
	if (!dest || !res) {
		rc = px_fail_oom();
		goto out;
	}
	/* 1. where each operation acts */
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct opctx c = { w, ins, &ins->ops[i], L_RU };
		char *e = NULL;
		rc = current_eid(w, &c, &e);
		for (int l = 0; l < 2 && e; l++) {
			dest[i][l] = (xmlNodePtr)px_doc_find(w->w[l], e);
			c.l = l;
			if (!dest[i][l])
				rc = op_error(&c, "PX092", "the amended document has no unit '%s'", e);
		}
		if (!dest[i][L_RU] || !dest[i][L_ZH])
			dest[i][L_RU] = dest[i][L_ZH] = NULL;
		res[i].old_eid = e;
	}
	/* 2. conflicts */
	if (rc == 0 && !w->failed)
		rc = check_conflicts(w, ins, dest);
	if (rc < 0 || w->failed)
		goto out;
	if ((rc = snap_rec(&snap, px_doc_root(w->w[L_RU]))) < 0)
		goto out;
	/* 3. the operations, in order, in both languages */
	snprintf(w->period, sizeof w->period, "#tp_%zu", k + 2);
	for (size_t i = 0; i < n && rc == 0; i++)
		for (int l = 0; l < 2 && rc == 0; l++) {
			struct opctx c = { w, ins, &ins->ops[i], l };
			rc = apply_one(w, &c, dest[i][l], &res[i]);
			xmlNodePtr r = res[i].node[l];
			if (rc == 0 && r && !xmlSetProp(r, (const xmlChar *)"period", (const xmlChar *)w->period))
				rc = px_fail_oom();
			if (rc == 0 && r && r->parent)
				rc = copy_tlcs(w->w[l], ins->doc[l], r->parent);
			if (rc == 0 && r && r->parent)
				rc = add_authors(w->w[l], r);
		}
	for (size_t i = 0; i < n && rc == 0; i++)
		for (int l = 0; l < 2 && rc == 0; l++) {
			if (!res[i].node[l])
				continue;
			if (px_amend_grow(&w->made, &w->amade, w->nmade, sizeof *w->made, 64) < 0) {
				rc = PX_ENOMEM;
				break;
			}
			w->made[w->nmade++] = (struct made){ ins, &ins->ops[i], res[i].node[l], l };
		}
	for (size_t i = 0; i < w->ntouched; i++)
		w->touched[i]->_private = NULL;
	w->ntouched = 0;
	w->nstarts = 0;
	if (rc < 0 || w->failed)
		goto out;
	for (int l = 0; l < 2 && rc == 0; l++) {
		for (size_t i = 0; i < w->npending[l] && rc == 0; i++)
			rc = bury(w, w->pending[l][i]);
		w->npending[l] = 0;
	}
	/* 4. numbers, eIds, the step's map and the references through it */
	struct step *st = &w->steps[w->nsteps];
	memset(st, 0, sizeof *st);
	st->ins = ins;
	memcpy(st->date, ins->date, 11);
	for (int l = 0; l < 2 && rc == 0; l++) {
		px_buf u = PX_BUF_INIT;
		if (k == 0)
			rc = px_buf_puts(&u, w->base_uri[l]);
		else
			rc = px_buf_printf(&u, "%s/%s@%s", w->work_uri, l == L_RU ? "rus" : "zho", w->steps[k - 1].date);
		if (rc < 0 || !(st->prev_uri[l] = px_buf_detach(&u)))
			rc = px_fail_oom();
		else if (renumber(xmlDocGetRootElement(w->w[l]->xml), NULL, l == L_ZH, w->arabic) < 0)
			rc = PX_ERROR;
	}
	w->nsteps++;
	if (rc == 0)
		rc = build_step_map(w, &snap, &st->map);
	if (rc == 0 && w->want_report)
		rc = step_rows(w, &snap, &st->map);
	for (int l = 0; l < 2 && rc == 0; l++)
		rc = rewrite_refs(xmlDocGetRootElement(w->w[l]->xml), &st->map, st->prev_uri[l]);
	/* 5. the metadata, and the new expression IRI for the next step */
	for (int l = 0; l < 2 && rc == 0; l++)
		rc = record_step(w, l, ins, k, res);
out:
	if (rc == 0 && !w->failed && w->want_report && k == 0) {
		/* the units of the base: the report's total map starts from them */
		w->first = snap;
		memset(&snap, 0, sizeof snap);
	}
	snap_free(&snap);
	w->npairs = 0;
	free(dest);
	free_results(res, n);
	return rc < 0 ? rc : w->failed ? PX_EINVALID : 0;
}

/* ---- consolidation --------------------------------------------------------- */

static int set_version(xmlNodePtr el, const char *attr, const char *from, const char *to)
{
	const char *v = px_attr(el, attr);
	const char *at = v ? strstr(v, from) : NULL;
	if (!at)
		return 0;
	px_buf b = PX_BUF_INIT;
	int rc = px_buf_put(&b, v, (size_t)(at - v));
	rc |= px_buf_puts(&b, to);
	rc |= px_buf_puts(&b, at + strlen(from));
	if (rc == 0 && !xmlSetProp(el, (const xmlChar *)attr, (const xmlChar *)b.ptr))
		rc = PX_ENOMEM;
	px_buf_dispose(&b);
	return rc ? px_fail_oom() : 0;
}

/* The expression and manifestation now describe the consolidated version. */
static int finish_identification(struct work *w, int l)
{
	px_doc *doc = w->w[l];
	xmlSetProp(px_doc_root(doc), (const xmlChar *)"contains", (const xmlChar *)"singleVersion");
	if (w->nsteps == 0)
		return 0;
	const char *date = w->steps[w->nsteps - 1].date;
	char from[32], to[32];
	snprintf(from, sizeof from, "@%s", w->base_date);
	snprintf(to, sizeof to, "@%s", date);
	const char *levels[] = { "FRBRExpression", "FRBRManifestation" };
	for (int i = 0; i < 2; i++) {
		const char *const p[] = { "identification", levels[i], NULL };
		xmlNodePtr lv = path(meta_of(doc), p);
		int rc = set_version(px_child(lv, "FRBRthis"), "value", from, to);
		rc |= set_version(px_child(lv, "FRBRuri"), "value", from, to);
		xmlNodePtr d = px_child(lv, "FRBRdate");
		if (rc < 0 || !d || !xmlSetProp(d, (const xmlChar *)"date", (const xmlChar *)date))
			return px_fail_oom();
		if (i == 0 && !xmlSetProp(d, (const xmlChar *)"name", (const xmlChar *)"consolidation"))
			return px_fail_oom();
	}
	return 0;
}

/* Lifecycle with the original's event, and the reference to the original. */
static int start_metadata(struct work *w, int l, const px_doc *base)
{
	px_doc *doc = w->w[l];
	xmlNodePtr refs = meta_part(doc, "references");
	if (!refs)
		return px_fail_oom();
	for (xmlNodePtr c = px_first_el(refs); c; c = px_next_el(c))
		if (px_is(c, "original") || px_is(c, "passiveRef"))
			return px_fail_at(PX_EUSAGE, px_doc_name(base), 0, 0,
				"'%s' is already a consolidated version; give the original", px_doc_name(base));
	xmlNodePtr lc = meta_part(doc, "lifecycle");
	if (!lc || !add_el(doc, lc, "eventRef", "eId", "evt_1", "date", w->base_date, "source", "#orig", "type",
			"generation", NULL))
		return px_fail_oom();
	xmlNodePtr orig = new_el(doc, "original");
	char *title = doc_title(base);
	if (!orig || !title) {
		free(title);
		xmlFreeNode(orig);
		return px_fail_oom();
	}
	xmlSetProp(orig, (const xmlChar *)"eId", (const xmlChar *)"orig");
	xmlSetProp(orig, (const xmlChar *)"href", (const xmlChar *)w->base_uri[l]);
	xmlSetProp(orig, (const xmlChar *)"showAs", (const xmlChar *)title);
	free(title);
	xmlNodePtr first = px_first_el(refs);
	if (first)
		xmlAddPrevSibling(first, orig);
	else
		xmlAddChild(refs, orig);
	return 0; /* the units are indexed already; each step reindexes the rest */
}

static int unit_sequence(const px_doc *doc, px_buf *out)
{
	for (px_unit *u = px_doc_first_unit(doc); u; u = px_unit_next(u)) {
		xmlNodePtr n = (xmlNodePtr)u;
		bool in_meta = false;
		for (xmlNodePtr p = n; p && p->type == XML_ELEMENT_NODE; p = p->parent)
			if (px_is(p, "meta"))
				in_meta = true;
		if (!in_meta && (px_buf_puts(out, px_unit_eid(u)) < 0 || px_buf_put(out, "\n", 1) < 0))
			return PX_ENOMEM;
	}
	return 0;
}

/* The last operation that made the unit `eid` of a result (or one around
 * it), or NULL. */
static const struct made *made_by(const struct work *w, int l, const char *eid)
{
	xmlNodePtr n = eid ? (xmlNodePtr)px_doc_find(w->w[l], eid) : NULL;
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		for (size_t i = w->nmade; i-- > 0;)
			if (w->made[i].l == l && w->made[i].node == n)
				return &w->made[i];
	return NULL;
}

/* A finding about the result, located at the operation that caused it when
 * it is known, else at the last instrument. */
static int result_finding(struct work *w, const char *rule, int l, const px_instrument *last, const px_diag *d,
	const char *what)
{
	const struct made *m = made_by(w, l, d->eid);
	const px_doc *at = m ? m->ins->doc[l] : last ? last->doc[l] : NULL;
	xmlNodePtr node = m ? m->op->mod[l] : at ? px_doc_root(at) : NULL;
	char label[256] = "";
	if (m) {
		op_label(label, sizeof label - 2, m->op);
		strcat(label, ": ");
	}
	return add_diag(w->diags, rule, at, node, d->eid, "%sthe consolidated %s text %s%s%s%s: %s[%s]: %s", label,
		l == L_RU ? "rus" : "zho", what, d->eid ? " at '" : "", d->eid ? d->eid : "", d->eid ? "'" : "",
		px_severity_name(d->severity), d->rule, d->message);
}

/* Validate a result; findings become PX100, with the finding's own rule. */
static int validate_result(struct work *w, px_validator *v, int l, const px_instrument *last)
{
	px_diags *found;
	if (px_diags_new(&found) < 0)
		return PX_ENOMEM;
	int rc = px_validate_doc(v, w->w[l], found);
	if (rc == PX_EINVALID)
		rc = 0;
	for (size_t i = 0; i < px_diags_count(found) && rc == 0; i++) {
		w->failed = true;
		rc = result_finding(w, "PX100", l, last, px_diags_get(found, i), "would be invalid");
	}
	px_diags_free(found);
	return rc;
}

static int parity(struct work *w, const px_instrument *last)
{
	px_buf a = PX_BUF_INIT, b = PX_BUF_INIT;
	int rc = unit_sequence(w->w[L_RU], &a);
	if (rc == 0)
		rc = unit_sequence(w->w[L_ZH], &b);
	if (rc == 0 && (a.size != b.size || (a.size && memcmp(a.ptr, b.ptr, a.size) != 0))) {
		w->failed = true;
		size_t k = 0;
		while (k < a.size && k < b.size && a.ptr[k] == b.ptr[k])
			k++;
		while (k > 0 && a.ptr[k - 1] != '\n')
			k--;
		const px_doc *at = last ? last->doc[L_ZH] : NULL;
		rc = add_diag(w->diags, "PX101", at, at ? px_doc_root(at) : NULL, NULL,
			"the consolidated rus and zho texts no longer have the same units (they part at '%.*s')",
			(int)strcspn(a.ptr ? a.ptr + k : "", "\n"), a.ptr ? a.ptr + k : "");
	}
	px_buf_dispose(&a);
	px_buf_dispose(&b);
	return rc;
}

/* Errors of the parity check on the result that the base pair did not have,
 * and signatories out of the Russian alphabetical order (PX061, when the
 * checker looks for it). */
static int check_result(struct work *w, const px_checker *checker, const px_doc *base_ru, const px_doc *base_zh,
	const px_instrument *last)
{
	px_diags *before = NULL, *after = NULL;
	int rc = px_diags_new(&before);
	if (rc == 0)
		rc = px_diags_new(&after);
	if (rc == 0) {
		rc = px_check_pair(checker, base_ru, base_zh, before);
		if (rc == PX_EINVALID)
			rc = 0;
	}
	if (rc == 0) {
		rc = px_check_pair(checker, w->w[L_RU], w->w[L_ZH], after);
		if (rc == PX_EINVALID)
			rc = 0;
	}
	for (size_t i = 0; rc == 0 && i < px_diags_count(after); i++) {
		const px_diag *d = px_diags_get(after, i);
		/* errors, and the order of the Russian signatories (a warning
		 * elsewhere, but an amendment must keep it) */
		if ((d->severity < PX_SEV_ERROR && strcmp(d->rule, "PX061") != 0) || d->accepted)
			continue;
		bool known = false;
		for (size_t j = 0; j < px_diags_count(before) && !known; j++) {
			const px_diag *e = px_diags_get(before, j);
			known = strcmp(e->rule, d->rule) == 0 && strcmp(e->message, d->message) == 0;
		}
		if (known)
			continue;
		w->failed = true;
		int l = d->loc.file && strcmp(d->loc.file, px_doc_name(w->w[L_ZH])) == 0 ? L_ZH : L_RU;
		rc = result_finding(w, "PX101", l, last, d, "would not agree with the other language");
	}
	px_diags_free(before);
	px_diags_free(after);
	return rc;
}

/* Copy `s` to the strings of the map rows (one allocation for all of
 * them). @return its offset there, or SIZE_MAX (out of memory). */
static size_t map_string(struct px_consolidation_report *r, const char *s)
{
	size_t len = strlen(s) + 1, at = r->map_len;
	if (r->map_len + len > r->map_cap) {
		size_t cap = r->map_cap ? r->map_cap : 1 << 16;
		while (cap < r->map_len + len)
			cap *= 2;
		char *x = realloc(r->map_strings, cap);
		if (!x)
			return SIZE_MAX;
		r->map_strings = x;
		r->map_cap = cap;
	}
	memcpy(r->map_strings + at, s, len);
	r->map_len += len;
	return at;
}

static int add_map_row(struct px_consolidation_report *r, size_t step, const char *old, const char *new)
{
	if (px_amend_grow(&r->map, &r->amap, r->nmap, sizeof *r->map, 1024) < 0)
		return PX_ENOMEM;
	struct amend_map_row *m = &r->map[r->nmap];
	m->step = step;
	m->old_eid = map_string(r, old);
	m->new_eid = m->old_eid == SIZE_MAX ? SIZE_MAX : map_string(r, new);
	if (m->new_eid == SIZE_MAX)
		return px_fail_oom();
	r->nmap++;
	return 0;
}

/* Rows of one map in the order of `order` (`to[i]` is the image of
 * order->eids[i]: "" when repealed, NULL when the map does not name it), then
 * the units of the result that nothing maps to (inserted). The images are
 * indexed without copying them. */
static int map_rows(struct px_consolidation_report *r, size_t step, const struct snap *order,
	const char *const *to, const struct snap *result)
{
	struct amend_index images = { 0 };
	int rc = px_amend_index_init(&images, order->n);
	for (size_t i = 0; i < order->n && rc == 0; i++) {
		if (!to[i])
			continue;
		if (*to[i])
			rc = px_amend_index_add(&images, to[i], i);
		if (rc == 0 && strcmp(to[i], order->eids[i]) != 0)
			rc = add_map_row(r, step, order->eids[i], to[i]);
	}
	for (size_t i = 0; i < result->n && rc == 0; i++)
		if (!px_amend_index_get(&images, result->eids[i], NULL))
			rc = add_map_row(r, step, "", result->eids[i]);
	px_amend_index_free(&images);
	return rc;
}

/*
 * The total map (every base unit carried through the steps) and its rows.
 * The units of the base and of the result are those the steps recorded
 * (read again only when no step was applied). The keys and values of the
 * map are copied into one allocation, sized first.
 */
static int build_report(struct work *w, struct px_consolidation_report *r, const px_doc *base_ru)
{
	struct snap own_base = { .borrow = true }, own_result = { .borrow = true };
	const struct snap *base = &w->first, *result = &w->last;
	int rc = 0;
	if (w->nsteps == 0) {
		rc = snap_rec(&own_base, px_doc_root(base_ru));
		if (rc == 0)
			rc = snap_rec(&own_result, px_doc_root(w->w[L_RU]));
		base = &own_base;
		result = &own_result;
	}
	const char **to = rc == 0 ? malloc((base->n ? base->n : 1) * sizeof *to) : NULL;
	if (rc == 0 && !to)
		rc = px_fail_oom();
	size_t size = 1;
	for (size_t i = 0; i < base->n && rc == 0; i++) {
		const char *e = base->eids[i];
		for (size_t s = 0; s < w->nsteps && e && *e; s++)
			e = map_get(&w->steps[s].map, e);
		to[i] = e ? e : "";
		size += strlen(base->eids[i]) + strlen(to[i]) + 2;
	}
	if (rc == 0 && !(r->total_strings = malloc(size)))
		rc = px_fail_oom();
	if (rc == 0)
		rc = px_amend_index_init(&r->total, base->n);
	char *o = r->total_strings;
	for (size_t i = 0; i < base->n && rc == 0; i++) {
		size_t kl = strlen(base->eids[i]) + 1, vl = strlen(to[i]) + 1;
		memcpy(o, base->eids[i], kl);
		memcpy(o + kl, to[i], vl);
		rc = px_amend_index_add(&r->total, o, (size_t)(o + kl - r->total_strings));
		o += kl + vl;
	}
	if (rc == 0)
		rc = map_rows(r, 0, base, to, result);
	free(to);
	snap_free(&own_base);
	snap_free(&own_result);
	return rc;
}

const char *px_amend_total(const struct px_consolidation_report *r, const char *old_eid)
{
	size_t at;
	if (!px_amend_index_get(&r->total, old_eid, &at))
		return NULL;
	return r->total_strings + at;
}

void px_consolidation_report_free(px_consolidation_report *r)
{
	if (!r)
		return;
	for (int l = 0; l < 2; l++) {
		px_amend_blocks_free(r->lang[l].old, r->lang[l].old_strings);
		px_amend_blocks_free(r->lang[l].new, r->lang[l].new_strings);
		free(r->lang[l].rows);
	}
	free(r->map);
	free(r->map_strings);
	px_amend_index_free(&r->total);
	free(r->total_strings);
	for (size_t i = 0; i < r->nversions; i++)
		free(r->versions[i].label);
	free(r->versions);
	free(r);
}

size_t px_consolidation_applied(const px_consolidation_report *r)
{
	return r->applied;
}

size_t px_consolidation_changes(const px_consolidation_report *r)
{
	return r->changes;
}

const char *px_eid_map_lookup(const px_consolidation_report *r, const char *old_eid)
{
	return old_eid ? px_amend_total(r, old_eid) : NULL;
}

int px_eid_map_tsv(const px_consolidation_report *r, px_buf *out)
{
	int rc = px_buf_puts(out, "step\tfrom\tto\told\tnew\n");
	for (size_t i = 0; i < r->nmap && rc == 0; i++) {
		const struct amend_map_row *m = &r->map[i];
		size_t applied_from = m->step ? m->step - 1 : 0, applied_to = m->step ? m->step : r->applied;
		/* versions[] holds the base and the instruments in date order; map
		 * step numbers to their dates */
		const char *from = NULL, *to = NULL;
		size_t seen = 0;
		for (size_t v = 0; v < r->nversions; v++) {
			if (v > 0 && !r->versions[v].applied)
				continue;
			if (seen == applied_from)
				from = r->versions[v].date;
			if (seen == applied_to)
				to = r->versions[v].date;
			seen++;
		}
		char step[24];
		if (m->step)
			snprintf(step, sizeof step, "%zu", m->step);
		else
			snprintf(step, sizeof step, "total");
		rc = px_buf_printf(out, "%s\t%s\t%s\t%s\t%s\n", step, from ? from : "", to ? to : "",
			r->map_strings + m->old_eid, r->map_strings + m->new_eid);
	}
	return rc;
}

int px_timeline_text(const px_consolidation_report *r, px_buf *out)
{
	int rc = 0;
	for (size_t v = 0; v < r->nversions && rc == 0; v++) {
		const struct amend_version *x = &r->versions[v];
		if (v == 0)
			rc = px_buf_printf(out, "%s  original     %s\n", x->date, x->label);
		else
			rc = px_buf_printf(out, "%s  %-11s  %s (signed %s, %zu operation%s)\n", x->date,
				x->applied ? "amendment" : "not applied", x->label, x->signed_date, x->nops, x->nops == 1 ? "" : "s");
	}
	return rc;
}

static void free_work(struct work *w)
{
	for (size_t s = 0; s < w->nsteps; s++) {
		map_free(&w->steps[s].map);
		free(w->steps[s].prev_uri[0]);
		free(w->steps[s].prev_uri[1]);
	}
	free(w->steps);
	for (size_t i = 0; i < w->ngrave; i++)
		xmlFreeNode(w->grave[i]);
	free(w->grave);
	free(w->touched);
	free(w->starts);
	free(w->pending[0]);
	free(w->pending[1]);
	free(w->pairs);
	free(w->made);
	snap_free(&w->first);
	snap_free(&w->last);
	free(w->base_uri[0]);
	free(w->base_uri[1]);
	free(w->work_uri);
	px_doc_free(w->w[0]);
	px_doc_free(w->w[1]);
}

static char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return px_strdup(b ? b + 1 : path);
}

static int check_base(const px_doc *ru, const px_doc *zh)
{
	const char *lr = px_doc_lang(ru), *lz = px_doc_lang(zh);
	if (!lr || strcmp(lr, "rus") != 0)
		return px_fail_at(PX_EUSAGE, px_doc_name(ru), 0, 0, "the first base document must be the rus expression");
	if (!lz || strcmp(lz, "zho") != 0)
		return px_fail_at(PX_EUSAGE, px_doc_name(zh), 0, 0, "the second base document must be the zho expression");
	const char *a = frbr(ru, "FRBRWork", "FRBRuri", "value"), *b = frbr(zh, "FRBRWork", "FRBRuri", "value");
	const char *da = frbr(ru, "FRBRExpression", "FRBRdate", "date"), *db = frbr(zh, "FRBRExpression", "FRBRdate", "date");
	if (!a || !b || strcmp(a, b) != 0)
		return px_fail_at(PX_EUSAGE, px_doc_name(zh), 0, 0, "'%s' and '%s' are not the same work", px_doc_name(ru),
			px_doc_name(zh));
	if (!is_date(da) || !db || strcmp(da, db) != 0)
		return px_fail_at(PX_EUSAGE, px_doc_name(zh), 0, 0, "'%s' and '%s' are not expressions of the same date",
			px_doc_name(ru), px_doc_name(zh));
	return 0;
}

int px_consolidate(px_doc **out_ru, px_doc **out_zh, const px_doc *base_ru, const px_doc *base_zh,
	px_instrument *const *instruments, size_t n, const char *as_of, px_validator *validator,
	const px_checker *checker, px_consolidation_report **report, px_diags *diags)
{
	*out_ru = *out_zh = NULL;
	if (report)
		*report = NULL;
	if (as_of && !is_date(as_of))
		return px_fail(PX_EUSAGE, "'%s' is not a date (YYYY-MM-DD)", as_of);
	int rc = check_base(base_ru, base_zh);
	if (rc < 0)
		return rc;
	struct work w = { 0 };
	w.diags = diags;
	struct px_consolidation_report *r = calloc(1, sizeof *r);
	w.report = r;
	w.want_report = report != NULL;
	size_t *order = calloc(n ? n : 1, sizeof *order);
	w.steps = calloc(n ? n : 1, sizeof *w.steps);
	if (r)
		r->versions = calloc(n + 1, sizeof *r->versions);
	if (!r || !order || !w.steps || !r->versions) {
		rc = px_fail_oom();
		goto out;
	}
	/* instruments in order of entry into force (stable) */
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0 && strcmp(instruments[order[j - 1]]->date, instruments[i]->date) > 0) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	memcpy(w.base_date, frbr(base_ru, "FRBRExpression", "FRBRdate", "date"), 10);
	const char *wu = frbr(base_ru, "FRBRWork", "FRBRuri", "value");
	w.work_uri = px_strdup(wu);
	r->nversions = n + 1;
	memcpy(r->versions[0].date, w.base_date, 11);
	r->versions[0].label = base_name(px_doc_name(base_ru));
	for (size_t i = 0; i < n; i++) {
		struct amend_version *v = &r->versions[i + 1];
		const px_instrument *ins = instruments[order[i]];
		memcpy(v->date, ins->date, 11);
		memcpy(v->signed_date, ins->signed_date, 11);
		v->label = base_name(px_doc_name(ins->doc[L_RU]));
		v->nops = ins->nops;
		v->applied = !as_of || strcmp(ins->date, as_of) <= 0;
		if (!v->label)
			rc = px_fail_oom();
	}
	if (rc < 0 || !w.work_uri || !r->versions[0].label) {
		rc = px_fail_oom();
		goto out;
	}
	/* working copies */
	const px_doc *bases[2] = { base_ru, base_zh };
	for (int l = 0; l < 2 && rc == 0; l++) {
		const char *u = frbr(bases[l], "FRBRExpression", "FRBRuri", "value");
		xmlDocPtr copy = px_xml_copy_doc(bases[l]->xml);
		w.base_uri[l] = px_strdup(u ? u : "");
		if (!copy || !w.base_uri[l]) {
			xmlFreeDoc(copy);
			rc = px_fail_oom();
		} else if ((rc = px_doc_wrap(&w.w[l], copy, px_doc_name(bases[l]))) == 0) {
			rc = start_metadata(&w, l, bases[l]);
		}
	}
	if (rc < 0)
		goto out;
	xmlNodePtr body = px_child(px_doc_root(w.w[L_RU]), "mainBody");
	xmlNodePtr num = px_child(px_child(body, "section"), "num");
	char *first = num ? node_text_dup(num) : NULL;
	w.arabic = first && first[0] >= '0' && first[0] <= '9';
	free(first);
	const px_instrument *last = NULL;
	for (size_t i = 0; i < n && rc == 0 && !w.failed; i++) {
		if (!r->versions[i + 1].applied)
			continue;
		last = instruments[order[i]];
		rc = apply_instrument(&w, last, w.nsteps);
		if (rc == PX_EINVALID)
			rc = 0;
		r->applied = w.nsteps;
	}
	for (int l = 0; l < 2 && rc == 0 && !w.failed; l++) {
		rc = finish_identification(&w, l);
		if (rc == 0 && w.nsteps == 0)
			rc = px_doc_reindex(w.w[l]); /* the metadata start_metadata() added */
	}
	for (int l = 0; l < 2 && rc == 0 && !w.failed && validator; l++)
		rc = validate_result(&w, validator, l, last);
	if (rc == 0 && !w.failed)
		rc = parity(&w, last);
	if (rc == 0 && !w.failed && checker)
		rc = check_result(&w, checker, base_ru, base_zh, last);
	/* what only the renderings and the maps need */
	if (rc == 0 && !w.failed && report)
		rc = build_report(&w, r, base_ru);
	if (rc == 0 && !w.failed && report) {
		const px_doc *const results[2] = { w.w[L_RU], w.w[L_ZH] };
		rc = px_amend_align(r, bases, results);
	}
out:
	free(order);
	if (rc == 0 && w.failed)
		rc = px_fail(PX_EINVALID, "the amendments cannot be applied");
	if (rc == 0) {
		*out_ru = w.w[L_RU];
		*out_zh = w.w[L_ZH];
		w.w[0] = w.w[1] = NULL;
		if (report)
			*report = r;
		else
			px_consolidation_report_free(r);
	} else {
		px_consolidation_report_free(r);
	}
	free_work(&w);
	return rc;
}
