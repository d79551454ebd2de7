/*
 * Amend: reading an amending instrument (a bilingual protocol) into its
 * list of operations, each the same in both languages.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amend/amend_int.h"

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
	if (!*work || !*version || !*eid || !amd_is_date(*version)) {
		free(*work);
		free(*version);
		free(*eid);
		*work = *version = *eid = NULL;
		return false;
	}
	return true;
}

/* The quoted element a textualMod's old/new points at, or NULL. */
xmlNodePtr amd_quoted(const px_doc *doc, xmlNodePtr el)
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
	char *t = amd_node_text_dup(n);
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
		if (type && strcmp(type, amd_type_names[i]) == 0)
			t = i;
	xmlNodePtr dest = px_child(tm, "destination");
	const char *pos = px_attr(dest, "pos");
	enum op_pos p = POS_NONE;
	for (int i = 1; i < 5; i++)
		if (pos && strcmp(pos, amd_pos_names[i]) == 0)
			p = (enum op_pos)i;
	char *work = NULL, *version = NULL, *deid = NULL;
	if (t < 0) {
		*bad = true;
		return amd_add_diag(diags, "PX090", doc, tm, NULL, "textualMod '%s' has no type substitution, insertion or repeal",
			eid ? eid : "?");
	}
	if (!parse_destination(px_attr(dest, "href"), &work, &version, &deid)) {
		*bad = true;
		return amd_add_diag(diags, "PX090", doc, dest ? dest : tm, NULL,
			"textualMod '%s' has no destination of the form '<work>/<lang>@<date>/!main~<eId>'", eid ? eid : "?");
	}
	xmlNodePtr old_el = px_child(tm, "old"), new_el = px_child(tm, "new");
	xmlNodePtr oq = old_el ? amd_quoted(doc, old_el) : NULL, nq = new_el ? amd_quoted(doc, new_el) : NULL;
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
		int rc = amd_add_diag(diags, "PX090", doc, tm, deid, "textualMod '%s': %s", eid ? eid : "?", problem);
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
		snprintf(what, sizeof what, "type '%s' in zho, '%s' in rus", amd_type_names[t], amd_type_names[op->type]);
	else if (p != op->pos)
		snprintf(what, sizeof what, "position '%s' in zho, '%s' in rus", amd_pos_names[p], amd_pos_names[op->pos]);
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
		rc = amd_add_diag(diags, "PX091", doc, tm, op->eid, "textualMod '%s' differs from its rus counterpart '%s': %s",
			eid ? eid : "?", op->id ? op->id : "?", what);
	}
	free(deid);
	return rc;
}

/* Date of entry into force: a lifecycle eventRef that refersTo
 * "#entryIntoForce", else the signature date of the work. */
static const char *in_force_date(const px_doc *doc)
{
	xmlNodePtr lc = px_child(amd_meta_of(doc), "lifecycle");
	for (xmlNodePtr e = px_first_el(lc); e; e = px_next_el(e)) {
		const char *r = px_attr(e, "refersTo");
		if (r && strstr(r, "#entryIntoForce"))
			return px_attr(e, "date");
	}
	return amd_frbr(doc, "FRBRWork", "FRBRdate", "date");
}

char *amd_doc_title(const px_doc *doc)
{
	xmlNodePtr pre = px_child(px_doc_root(doc), "preface");
	for (xmlNodePtr p = px_first_el(pre); p; p = px_next_el(p)) {
		xmlNodePtr t = px_child(p, "docTitle");
		if (t)
			return amd_node_text_dup(t);
	}
	const char *uri = amd_frbr(doc, "FRBRExpression", "FRBRuri", "value");
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
		const char *type = px_doc_type(d), *lang = px_lang_code(px_doc_lang(d));
		const char *const am[] = { "analysis", "activeModifications", NULL };
		lists[l] = amd_path(amd_meta_of(d), am);
		if (!type || strcmp(type, "protocol") != 0)
			rc = amd_add_diag(diags, "PX090", d, px_doc_root(d), NULL, "'%s' is a %s, not an amending protocol",
				px_doc_name(d), type ? type : "document of unknown kind");
		else if (!lang || strcmp(lang, want[l]) != 0)
			rc = amd_add_diag(diags, "PX090", d, px_doc_root(d), NULL, "'%s' is expected in %s, not '%s'",
				px_doc_name(d), want[l], lang ? lang : "(no language)");
		else if (!lists[l])
			rc = amd_add_diag(diags, "PX090", d, amd_meta_of(d), NULL, "'%s' has no analysis/activeModifications",
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
		/* the first operation of the longer text without its counterpart:
		 * where the destinations part */
		int longer = counts[0] > counts[1] ? L_RU : L_ZH;
		xmlNodePtr a = px_first_el(lists[L_RU]), b = px_first_el(lists[L_ZH]);
		while (a && b) {
			xmlNodePtr da = px_child(a, "destination"), db = px_child(b, "destination");
			const char *ha = da ? px_attr(da, "href") : NULL, *hb = db ? px_attr(db, "href") : NULL;
			const char *ea = ha ? strrchr(ha, '~') : NULL, *eb = hb ? strrchr(hb, '~') : NULL;
			if (!ea || !eb || strcmp(ea, eb) != 0)
				break;
			a = px_next_el(a);
			b = px_next_el(b);
		}
		xmlNodePtr at = longer == L_RU ? a : b;
		xmlNodePtr src = at ? px_child(at, "source") : NULL;
		const char *sh = src ? px_attr(src, "href") : NULL;
		px_unit *mod = sh && sh[0] == '#' ? px_doc_find(ins->doc[longer], sh + 1) : NULL;
		bad = true;
		rc = amd_add_diag(diags, "PX091", ins->doc[longer], mod ? (xmlNodePtr)mod : at ? at : lists[longer], NULL,
			"'%s' has %zu operations, '%s' has %zu: this one has no counterpart in the other text",
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
	const char *s0 = amd_frbr(ru, "FRBRWork", "FRBRdate", "date"), *s1 = amd_frbr(zh, "FRBRWork", "FRBRdate", "date");
	if (rc == 0 && (!amd_is_date(d0) || !amd_is_date(s0))) {
		bad = true;
		rc = amd_add_diag(diags, "PX102", ru, amd_meta_of(ru), NULL, "'%s' has no valid signature or entry-into-force date",
			px_doc_name(ru));
	} else if (rc == 0 && (!d1 || !s1 || strcmp(d0, d1) != 0 || strcmp(s0, s1) != 0)) {
		bad = true;
		rc = amd_add_diag(diags, "PX102", zh, amd_meta_of(zh), NULL,
			"'%s' is dated %s (in force %s), its rus counterpart %s (in force %s)", px_doc_name(zh),
			s1 ? s1 : "?", d1 ? d1 : "?", s0, d0);
	}
	if (rc < 0 || bad)
		goto done;
	memcpy(ins->date, d0, 10);
	memcpy(ins->signed_date, s0, 10);
	for (int l = 0; l < 2; l++) {
		const char *u = amd_frbr(ins->doc[l], "FRBRExpression", "FRBRuri", "value");
		ins->uri[l] = px_strdup(u ? u : px_doc_name(ins->doc[l]));
		ins->title[l] = amd_doc_title(ins->doc[l]);
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
