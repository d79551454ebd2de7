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
 *
 * The files of this stage: instrument.c (reading an instrument), apply.c
 * (steps 1–3), renumber.c (step 4, snapshots and eId maps), metadata.c
 * (step 5), redline.c (the renderings: text, redline, comparison tables);
 * this file holds one instrument's application and the consolidation.
 * amend_int.h declares what they share.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amend/amend_int.h"
#include "model/model.h"
const char *const amd_type_names[] = { "substitution", "insertion", "repeal" };
const char *const amd_pos_names[] = { "", "before", "after", "start", "end" };



/* ---- small helpers ------------------------------------------------------ */

bool amd_is_date(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

xmlNodePtr amd_path(xmlNodePtr n, const char *const *names)
{
	for (; n && *names; names++)
		n = px_child(n, *names);
	return n;
}

xmlNodePtr amd_meta_of(const px_doc *doc)
{
	return px_child(px_doc_root(doc), "meta");
}

const char *amd_frbr(const px_doc *doc, const char *level, const char *el, const char *attr)
{
	const char *const p[] = { "identification", level, el, NULL };
	return px_attr(amd_path(amd_meta_of(doc), p), attr);
}

char *amd_node_text_dup(xmlNodePtr n)
{
	px_buf b = PX_BUF_INIT;
	if (px_node_text(n, &b) < 0) {
		px_buf_dispose(&b);
		return NULL;
	}
	return px_buf_detach(&b);
}

int amd_add_diag(px_diags *diags, const char *rule, const px_doc *doc, xmlNodePtr at, const char *eid,
	const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

int amd_add_diag(px_diags *diags, const char *rule, const px_doc *doc, xmlNodePtr at, const char *eid,
	const char *fmt, ...)
{
	px_loc loc = px_node_loc(doc, at);
	va_list ap;
	va_start(ap, fmt);
	int rc = px_diags_vaddf(diags, rule, &loc, eid, fmt, ap);
	va_end(ap);
	return rc < 0 ? PX_ENOMEM : 0;
}

/* "substitution 'amod_2' at 'sec_V__p_2'" */
void amd_op_label(char *out, size_t size, const struct amend_op *op)
{
	snprintf(out, size, "%s '%s' %s '%s'", amd_type_names[op->type], op->id ? op->id : "?",
		op->pos == POS_NONE ? "at" : amd_pos_names[op->pos], op->eid ? op->eid : "?");
}

/* ---- one instrument -------------------------------------------------------- */

/* The eId, in the current version, of an operation's destination. */
static int current_eid(struct work *w, struct opctx *c, char **out)
{
	const struct amend_op *op = c->op;
	*out = NULL;
	if (strcmp(op->work, w->work_uri) != 0)
		return amd_op_error(c, "PX093", "the destination is in '%s', not in the amended work '%s'", op->work,
			w->work_uri);
	long j = strcmp(op->version, w->base_date) == 0 ? 0 : -1;
	for (size_t i = 0; i < w->nsteps; i++)
		if (strcmp(w->steps[i].date, op->version) == 0)
			j = (long)i + 1;
	if (j < 0)
		return amd_op_error(c, "PX093", "no version of the amended document is dated %s (the base is dated %s)",
			op->version, w->base_date);
	const char *e = op->eid;
	for (size_t i = (size_t)j; i < w->nsteps; i++) {
		const char *to = amd_map_get(&w->steps[i].map, e);
		if (!to)
			return amd_op_error(c, "PX092", "the version of %s has no unit '%s'", op->version, e);
		if (!*to) {
			const char *by = px_doc_name(w->steps[i].ins->doc[c->l]);
			if (op->type == OP_REPEAL && !op->old_q[L_RU])
				return amd_op_error(c, "PX098", "'%s' was already repealed by '%s'", e, by);
			return amd_op_error(c, "PX092", "'%s' was repealed by '%s'", e, by);
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
			amd_op_label(la, sizeof la, a);
			bool twice = a->type == OP_REPEAL && b->type == OP_REPEAL;
			rc = twice ? amd_op_error(&c, "PX098", "'%s' is already repealed by %s", b->eid, la)
				: amd_op_error(&c, "PX097", "conflicts with %s of the same instrument", la);
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
			amd_op_label(la, sizeof la, a);
			rc = amd_op_error(&c, "PX097", "conflicts with %s of the same instrument", la);
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
		return amd_push_node(&w->pending[c->l], &w->npending[c->l], &w->apending[c->l], dest);
	if (op->type == OP_SUBSTITUTION && structure)
		return amd_restate_structure(c, dest, res);
	if (op->type == OP_INSERTION && structure)
		return amd_insert_structure(c, dest, res);
	return amd_word_operation(c, dest, res);
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
	xmlNodePtr lc = amd_meta_part(doc, "lifecycle");
	if (!lc || !amd_add_el(doc, lc, "eventRef", "eId", evt, "date", ins->date, "source", ref_pref, "type", "amendment",
			NULL))
		return px_fail_oom();
	xmlNodePtr an = amd_meta_part(doc, "analysis");
	xmlNodePtr pm = an ? px_child(an, "passiveModifications") : NULL;
	if (an && !pm)
		pm = amd_add_el(doc, an, "passiveModifications", NULL);
	if (!pm)
		return px_fail_oom();
	size_t next = 1;
	for (xmlNodePtr t = px_first_el(pm); t; t = px_next_el(t))
		next++;
	for (size_t i = 0; i < ins->nops; i++) {
		char id[32], dest[1024];
		snprintf(id, sizeof id, "pmod_%zu", next++);
		xmlNodePtr r = res[i].node[l];
		if (r && amd_attached(r) && px_attr(r, "eId"))
			snprintf(dest, sizeof dest, "#%s", px_attr(r, "eId"));
		else
			snprintf(dest, sizeof dest, "%s/!main~%s", w->steps[k].prev_uri[l], res[i].old_eid);
		xmlNodePtr tm = amd_add_el(doc, pm, "textualMod", "eId", id, "type", amd_type_names[ins->ops[i].type], "period",
			ref_tp, NULL);
		if (!tm || !amd_add_el(doc, tm, "source", "href", ref_pref, NULL))
			return px_fail_oom();
		if (!amd_add_el(doc, tm, "destination", "href", dest, NULL))
			return px_fail_oom();
	}
	xmlNodePtr td = amd_meta_part(doc, "temporalData");
	xmlNodePtr tg = td ? amd_add_el(doc, td, "temporalGroup", "eId", tp, NULL) : NULL;
	if (!tg || !amd_add_el(doc, tg, "timeInterval", "refersTo", "#inForce", "start", ref_evt, NULL))
		return px_fail_oom();
	xmlNodePtr refs = amd_meta_part(doc, "references");
	xmlNodePtr orig = px_child(refs, "original");
	xmlNodePtr pr = amd_new_el(doc, "passiveRef");
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
	if (!have_concept && !amd_add_el(doc, refs, "TLCConcept", "eId", "inForce", "href", "/akn/ontology/concept/inForce",
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
				rc = amd_op_error(&c, "PX092", "the amended document has no unit '%s'", e);
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
	if ((rc = amd_snap_rec(&snap, px_doc_root(w->w[L_RU]))) < 0)
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
				rc = amd_copy_tlcs(w->w[l], ins->doc[l], r->parent);
			if (rc == 0 && r && r->parent)
				rc = amd_add_authors(w->w[l], r);
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
			rc = amd_bury(w, w->pending[l][i]);
		w->npending[l] = 0;
	}
	if (rc == 0)
		amd_fix_list_punct(w);
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
		else if (amd_renumber(xmlDocGetRootElement(w->w[l]->xml), NULL, l == L_ZH, w->arabic) < 0)
			rc = PX_ERROR;
	}
	w->nsteps++;
	if (rc == 0)
		rc = amd_build_step_map(w, &snap, &st->map);
	if (rc == 0 && w->want_report)
		rc = amd_step_rows(w, &snap, &st->map);
	for (int l = 0; l < 2 && rc == 0; l++)
		rc = amd_rewrite_refs(xmlDocGetRootElement(w->w[l]->xml), &st->map, st->prev_uri[l]);
	/* 5. the metadata, and the new expression IRI for the next step */
	for (int l = 0; l < 2 && rc == 0; l++)
		rc = record_step(w, l, ins, k, res);
out:
	if (rc == 0 && !w->failed && w->want_report && k == 0) {
		/* the units of the base: the report's total map starts from them */
		w->first = snap;
		memset(&snap, 0, sizeof snap);
	}
	amd_snap_free(&snap);
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
		xmlNodePtr lv = amd_path(amd_meta_of(doc), p);
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
	xmlNodePtr refs = amd_meta_part(doc, "references");
	if (!refs)
		return px_fail_oom();
	for (xmlNodePtr c = px_first_el(refs); c; c = px_next_el(c))
		if (px_is(c, "original") || px_is(c, "passiveRef"))
			return px_fail_at(PX_EUSAGE, px_doc_name(base), 0, 0,
				"'%s' is already a consolidated version; give the original", px_doc_name(base));
	xmlNodePtr lc = amd_meta_part(doc, "lifecycle");
	if (!lc || !amd_add_el(doc, lc, "eventRef", "eId", "evt_1", "date", w->base_date, "source", "#orig", "type",
			"generation", NULL))
		return px_fail_oom();
	xmlNodePtr orig = amd_new_el(doc, "original");
	char *title = amd_doc_title(base);
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
		amd_op_label(label, sizeof label - 2, m->op);
		strcat(label, ": ");
	}
	return amd_add_diag(w->diags, rule, at, node, d->eid, "%sthe consolidated %s text %s%s%s%s: %s[%s]: %s", label,
		l == L_RU ? "rus" : "zho", what, d->eid ? " at '" : "", d->eid ? d->eid : "", d->eid ? "'" : "",
		px_severity_name(d->severity), d->rule, d->message);
}

/* Validate a result; findings become PX100, with the finding's own rule. */
static int validate_result(struct work *w, const px_validator *v, int l, const px_instrument *last)
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
		rc = amd_add_diag(w->diags, "PX101", at, at ? px_doc_root(at) : NULL, NULL,
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
		rc = result_finding(w, "PX101", l, last, d, strcmp(d->rule, "PX061") == 0
				? "would put the signatures out of order (a signature block goes where its state comes in the "
				  "Russian alphabetical order)"
				: "would not agree with the other language");
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
int amd_map_rows(struct px_consolidation_report *r, size_t step, const struct snap *order,
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
		rc = amd_snap_rec(&own_base, px_doc_root(base_ru));
		if (rc == 0)
			rc = amd_snap_rec(&own_result, px_doc_root(w->w[L_RU]));
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
			e = amd_map_get(&w->steps[s].map, e);
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
		rc = amd_map_rows(r, 0, base, to, result);
	free(to);
	amd_snap_free(&own_base);
	amd_snap_free(&own_result);
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
		for (size_t i = 0; i < r->lang[l].nrefs; i++)
			free(r->lang[l].refs[i].title);
		free(r->lang[l].refs);
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
		amd_map_free(&w->steps[s].map);
		free(w->steps[s].prev_uri[0]);
		free(w->steps[s].prev_uri[1]);
	}
	free(w->steps);
	for (size_t i = 0; i < w->ngrave; i++)
		xmlFreeNode(w->grave[i]);
	free(w->grave);
	free(w->lists);
	free(w->lasts);
	free(w->touched);
	free(w->starts);
	free(w->pending[0]);
	free(w->pending[1]);
	free(w->pairs);
	free(w->made);
	amd_snap_free(&w->first);
	amd_snap_free(&w->last);
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
	if (px_doc_lang(ru) != PX_LANG_RU)
		return px_fail_at(PX_EUSAGE, px_doc_name(ru), 0, 0, "the first base document must be the rus expression");
	if (px_doc_lang(zh) != PX_LANG_ZH)
		return px_fail_at(PX_EUSAGE, px_doc_name(zh), 0, 0, "the second base document must be the zho expression");
	const char *a = amd_frbr(ru, "FRBRWork", "FRBRuri", "value"), *b = amd_frbr(zh, "FRBRWork", "FRBRuri", "value");
	const char *da = amd_frbr(ru, "FRBRExpression", "FRBRdate", "date"), *db = amd_frbr(zh, "FRBRExpression", "FRBRdate", "date");
	if (!a || !b || strcmp(a, b) != 0)
		return px_fail_at(PX_EUSAGE, px_doc_name(zh), 0, 0, "'%s' and '%s' are not the same work", px_doc_name(ru),
			px_doc_name(zh));
	if (!amd_is_date(da) || !db || strcmp(da, db) != 0)
		return px_fail_at(PX_EUSAGE, px_doc_name(zh), 0, 0, "'%s' and '%s' are not expressions of the same date",
			px_doc_name(ru), px_doc_name(zh));
	return 0;
}

int px_consolidate(px_doc **out_ru, px_doc **out_zh, const px_doc *base_ru, const px_doc *base_zh,
	px_instrument *const *instruments, size_t n, const px_consolidate_options *opts, px_diags *diags)
{
	static const px_consolidate_options defaults = PX_CONSOLIDATE_OPTIONS_INIT;
	*out_ru = *out_zh = NULL;
	if (!opts)
		opts = &defaults;
	if (px_options_version("px_consolidate_options", opts->version, 1, PX_CONSOLIDATE_OPTIONS_VERSION) < 0)
		return PX_EUSAGE;
	const char *as_of = opts->as_of;
	const px_validator *validator = opts->validator;
	const px_checker *checker = opts->checker;
	px_consolidation_report **report = opts->report;
	if (report)
		*report = NULL;
	if (as_of && !amd_is_date(as_of))
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
	memcpy(w.base_date, amd_frbr(base_ru, "FRBRExpression", "FRBRdate", "date"), 10);
	const char *wu = amd_frbr(base_ru, "FRBRWork", "FRBRuri", "value");
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
		const char *u = amd_frbr(bases[l], "FRBRExpression", "FRBRuri", "value");
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
	char *first = num ? amd_node_text_dup(num) : NULL;
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
