/*
 * The one JSON writer of findings: the findings of a document (validate,
 * import, amend) or of a pair (check), the same object for each finding,
 * a summary, and the check's alignment when given. docs/outputs.md
 * describes the document.
 */
#include <string.h>

#include "model/model.h"

/* A location as an object, or null when it has neither file nor line. */
static int json_side(px_buf *o, const px_loc *l)
{
	if (!l || (!l->file && !l->line))
		return px_buf_puts(o, "null");
	return px_json_loc(o, l);
}

static bool same_file(const px_loc *l, const px_doc *doc)
{
	return doc && l->file && strcmp(l->file, px_doc_name(doc)) == 0;
}

static int finding(px_buf *out, const px_diag *x, bool pair, const px_doc *ru, const px_doc *zh)
{
	int rc = px_buf_printf(out, "{\"rule\":\"%s\",\"category\":", x->rule);
	rc |= px_json_str(out, x->category);
	rc |= px_buf_printf(out, ",\"severity\":\"%s\",\"eid\":", px_severity_name(x->severity));
	rc |= px_json_str(out, x->eid);
	rc |= px_buf_puts(out, ",\"file\":");
	rc |= px_json_str(out, x->loc.file);
	rc |= px_buf_printf(out, ",\"line\":%d,\"col\":%d", x->loc.line, x->loc.col);
	if (pair) {
		/* where the finding is in each text, by the file it names */
		const px_loc *lr = NULL, *lz = NULL, *elsewhere = NULL;
		if (same_file(&x->loc, ru))
			lr = &x->loc;
		else if (same_file(&x->loc, zh))
			lz = &x->loc;
		else
			elsewhere = &x->loc;
		if (same_file(&x->other, ru) && !lr)
			lr = &x->other;
		else if (same_file(&x->other, zh) && !lz)
			lz = &x->other;
		rc |= px_buf_puts(out, ",\"ru\":");
		rc |= json_side(out, lr);
		rc |= px_buf_puts(out, ",\"zh\":");
		rc |= json_side(out, lz);
		if (elsewhere) {
			rc |= px_buf_puts(out, ",\"location\":");
			rc |= json_side(out, elsewhere);
		}
	} else if (x->other.file || x->other.line) {
		rc |= px_buf_puts(out, ",\"location\":");
		rc |= px_json_loc(out, &x->loc);
		rc |= px_buf_puts(out, ",\"other\":");
		rc |= px_json_loc(out, &x->other);
	}
	rc |= px_buf_puts(out, ",\"message\":");
	rc |= px_json_str(out, x->message);
	rc |= px_buf_puts(out, ",\"fingerprint\":");
	rc |= px_json_str(out, x->fingerprint);
	rc |= px_buf_printf(out, ",\"accepted\":%s", x->accepted ? "true" : "false");
	if (x->accepted) {
		rc |= px_buf_puts(out, ",\"reason\":");
		rc |= px_json_str(out, x->reason);
	}
	rc |= px_buf_put(out, "}", 1);
	return rc;
}

int px_diags_format_json(const px_diags *d, const px_json_options *opts, px_buf *out)
{
	static const px_json_options defaults = PX_JSON_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (px_options_version("px_json_options", opts->version, 1, PX_JSON_OPTIONS_VERSION) < 0)
		return PX_EUSAGE;
	bool pair = opts->ru || opts->zh;
	size_t n = d ? px_diags_count(d) : 0, counts[3] = { 0, 0, 0 }, accepted = 0;
	int rc = px_buf_puts(out, "{\"findings\":[");
	for (size_t i = 0; i < n; i++) {
		const px_diag *x = px_diags_get(d, i);
		if (x->accepted)
			accepted++;
		else
			counts[x->severity]++;
		rc |= px_buf_puts(out, i ? ",\n" : "\n");
		rc |= finding(out, x, pair, opts->ru, opts->zh);
	}
	rc |= px_buf_puts(out, "\n],\"summary\":{");
	if (pair) {
		rc |= px_buf_puts(out, "\"ru\":");
		rc |= px_json_str(out, opts->ru ? px_doc_name(opts->ru) : NULL);
		rc |= px_buf_puts(out, ",\"zh\":");
		rc |= px_json_str(out, opts->zh ? px_doc_name(opts->zh) : NULL);
		rc |= px_buf_put(out, ",", 1);
	}
	rc |= px_buf_printf(out, "\"errors\":%zu,\"warnings\":%zu,\"infos\":%zu,\"accepted\":%zu,\"by_category\":{",
		counts[PX_SEV_ERROR], counts[PX_SEV_WARNING], counts[PX_SEV_INFO], accepted);
	/* counts of unaccepted findings per category, in order of first appearance */
	bool firstcat = true;
	for (size_t i = 0; i < n; i++) {
		const char *cat = px_diags_get(d, i)->category;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(px_diags_get(d, k)->category, cat) == 0;
		if (seen)
			continue;
		size_t c = 0;
		for (size_t k = i; k < n; k++) {
			const px_diag *y = px_diags_get(d, k);
			if (!y->accepted && strcmp(y->category, cat) == 0)
				c++;
		}
		rc |= px_buf_puts(out, firstcat ? "" : ",");
		rc |= px_json_str(out, cat);
		rc |= px_buf_printf(out, ":%zu", c);
		firstcat = false;
	}
	rc |= px_buf_puts(out, "}}");
	if (opts->alignment) {
		rc |= px_buf_puts(out, ",\"alignment\":[");
		for (size_t i = 0; i < px_alignment_count(opts->alignment); i++) {
			const char *r = NULL, *z = NULL;
			px_alignment_get(opts->alignment, i, &r, &z);
			rc |= px_buf_puts(out, i ? ",\n{\"ru\":" : "\n{\"ru\":");
			rc |= px_json_str(out, r);
			rc |= px_buf_puts(out, ",\"zh\":");
			rc |= px_json_str(out, z);
			rc |= px_buf_put(out, "}", 1);
		}
		rc |= px_buf_puts(out, "\n]");
	}
	rc |= px_buf_puts(out, "}\n");
	return rc ? px_fail_oom() : 0;
}
