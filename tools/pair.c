/* Reading and checking a pair of files, as `paralex check` and `paralex
 * batch` do: each file is our XML (validated against the profile) or a
 * plain text imported on the fly; what cannot be read is a finding of the
 * pair with its rule id, not a stop. */
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* The last error of the library as a finding of `found` (its rule id, or
 * PX001 when the error has none: a file that could not be read). */
static int error_as_finding(px_diags *found, const char *path)
{
	const px_error *e = px_error_last();
	if (e->code == PX_ENOMEM)
		return PX_ENOMEM;
	px_loc loc = { e->file ? e->file : path, e->line, e->col, NULL };
	/* an option of the entry that cannot be used (a kind of a manifest that
	 * does not exist): PX007 */
	return px_diags_addf(found, e->rule ? e->rule : e->code == PX_EUSAGE ? "PX007" : "PX001", &loc, NULL, "%s",
		e->message);
}

/* Load one side: 0 read (findings of its validation or import in `found`),
 * 1 not readable (a finding says why), PX_ENOMEM. */
static int load_side(px_doc **out, const char *path, const struct cli_pair_options *o, px_diags *found)
{
	*out = NULL;
	/* our XML, told from the head of a regular file: loaded by the library,
	 * which reads the file itself (not read twice here) */
	char head[4096];
	ssize_t hn = strcmp(path, "-") != 0 ? cli_read_head(path, head, sizeof head) : -1;
	size_t hi = hn > 0 ? cli_content_start(head, (size_t)hn) : 0;
	if (hn > 0 && hi < (size_t)hn && head[hi] == '<') {
		if (px_doc_load_file(out, path) < 0)
			return error_as_finding(found, path) < 0 ? PX_ENOMEM : 1;
		if (px_validate_doc(o->validator, *out, found) == PX_ENOMEM) {
			px_doc_free(*out);
			*out = NULL;
			return PX_ENOMEM;
		}
		return 0;
	}
	px_buf b = PX_BUF_INIT;
	if (px_buf_read_file(&b, path, PX_DOC_MAX_SIZE) < 0)
		return error_as_finding(found, path) < 0 ? PX_ENOMEM : 1;
	const char *p = b.ptr ? b.ptr : "";
	size_t i = cli_content_start(p, b.size);
	int rc = 0;
	if (i < b.size && p[i] == '<') {
		/* a file is loaded again by the library, which then holds its tree
		 * and not its bytes (they are read again for columns); standard
		 * input is loaded from the bytes read */
		int lr;
		if (strcmp(path, "-") != 0) {
			px_buf_dispose(&b);
			lr = px_doc_load_file(out, path);
		} else {
			lr = px_doc_load_memory(out, p, b.size, path);
		}
		if (lr < 0) {
			rc = error_as_finding(found, path) < 0 ? PX_ENOMEM : 1;
		} else if (px_validate_doc(o->validator, *out, found) == PX_ENOMEM) {
			/* the document is checked against the profile first: what is
			 * wrong with it is a finding of the pair (duplicate eIds, an
			 * element of another vocabulary, another kind of document) */
			rc = PX_ENOMEM;
		}
	} else {
		/* the language by the script, so that texts given the other way
		 * round are told as documents are; a structural defect of the text
		 * (a numbering gap, a line that cannot be placed) is a finding of
		 * the pair, and the comparison goes on */
		px_diags *d = NULL;
		if (px_diags_new(&d) < 0) {
			px_buf_dispose(&b);
			return PX_ENOMEM;
		}
		int r = px_import_text(out, p, b.size, path, PX_LANG_AUTO, o->import, d);
		if (r == PX_ENOMEM)
			rc = PX_ENOMEM;
		else if (r < 0 && px_diags_count(d) == 0)
			rc = error_as_finding(d, path) < 0 ? PX_ENOMEM : 1;
		else if (r < 0)
			rc = 1;
		for (size_t k = 0; rc != PX_ENOMEM && k < px_diags_count(d); k++)
			if (px_diags_add(found, px_diags_get(d, k)) < 0)
				rc = PX_ENOMEM;
		px_diags_free(d);
	}
	px_buf_dispose(&b);
	if (rc != 0) {
		px_doc_free(*out);
		*out = NULL;
	}
	return rc;
}

int cli_pair_check(struct cli_pair *p, const char *ru_path, const char *zh_path, const struct cli_pair_options *o)
{
	memset(p, 0, sizeof *p);
	px_diags *loaded = NULL;
	if (px_diags_new(&p->found) < 0 || px_diags_new(&loaded) < 0) {
		px_diags_free(loaded);
		return PX_ENOMEM;
	}
	int r1 = load_side(&p->ru, ru_path, o, loaded);
	int r2 = r1 == PX_ENOMEM ? r1 : load_side(&p->zh, zh_path, o, loaded);
	int rc = 0;
	if (r1 == PX_ENOMEM || r2 == PX_ENOMEM) {
		rc = PX_ENOMEM;
		goto out;
	}
	if (p->ru && p->zh && px_doc_lang(p->ru) == PX_LANG_ZH && px_doc_lang(p->zh) == PX_LANG_RU) {
		px_doc *t = p->ru; /* given the other way round: no harm in that */
		p->ru = p->zh;
		p->zh = t;
	}
	/* not a document of the profile, or in no language of a pair: its
	 * findings say so, and there is nothing to compare */
	bool comparable = p->ru && p->zh;
	for (size_t k = 0; comparable && k < px_diags_count(loaded); k++) {
		const char *r = px_diags_get(loaded, k)->rule;
		if (r && (strcmp(r, "PX005") == 0 || strcmp(r, "PX017") == 0 || strcmp(r, "PX020") == 0))
			comparable = false;
	}
	if (comparable) {
		int r = px_check_pair_aligned(o->checker, p->ru, p->zh, p->found, o->alignment ? &p->al : NULL);
		if (r == PX_ENOMEM) {
			rc = PX_ENOMEM;
			goto out;
		}
		if (r == PX_EUSAGE) {
			/* not one work in two languages */
			px_loc loc = { ru_path, 0, 0, NULL };
			if (px_diags_addf(p->found, "PX017", &loc, NULL, "%s", px_error_last()->message) < 0) {
				rc = PX_ENOMEM;
				goto out;
			}
		}
		p->compared = r != PX_EUSAGE;
	}
	/* what reading found (input errors, validation, the import of a text),
	 * after the comparison's own findings */
	for (size_t k = 0; k < px_diags_count(loaded); k++)
		if (px_diags_add(p->found, px_diags_get(loaded, k)) < 0) {
			rc = PX_ENOMEM;
			goto out;
		}
	/* a suppression file of this pair (the checker's own is applied by the
	 * comparison) */
	if (o->accept && px_check_apply_accept(p->found, o->accept) < 0 && error_as_finding(p->found, o->accept) < 0) {
		rc = PX_ENOMEM;
		goto out;
	}
	if (r1 == 1 || r2 == 1)
		p->status = EXIT_USAGE;
	else if (!comparable || !p->compared)
		p->status = EXIT_FINDINGS;
	else
		p->status = px_diags_count_at_least(p->found, o->fail_on) > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
	/* the accepted findings do not fail a pair */
	if (p->status == EXIT_FINDINGS && comparable && p->compared) {
		bool any = false;
		for (size_t k = 0; k < px_diags_count(p->found) && !any; k++) {
			const px_diag *d = px_diags_get(p->found, k);
			any = !d->accepted && d->severity >= o->fail_on;
		}
		if (!any)
			p->status = EXIT_CLEAN;
	}
out:
	px_diags_free(loaded);
	return rc;
}

int cli_doc_check(struct cli_pair *p, const char *path, const struct cli_pair_options *o)
{
	memset(p, 0, sizeof *p);
	if (px_diags_new(&p->found) < 0)
		return PX_ENOMEM;
	px_doc *doc = NULL;
	int r = load_side(&doc, path, o, p->found);
	if (r == PX_ENOMEM)
		return PX_ENOMEM;
	if (doc && px_doc_lang(doc) == PX_LANG_ZH)
		p->zh = doc;
	else
		p->ru = doc;
	if (o->accept && px_check_apply_accept(p->found, o->accept) < 0 && error_as_finding(p->found, o->accept) < 0)
		return PX_ENOMEM;
	bool failing = false;
	for (size_t k = 0; k < px_diags_count(p->found) && !failing; k++) {
		const px_diag *d = px_diags_get(p->found, k);
		failing = !d->accepted && d->severity >= o->fail_on;
	}
	p->status = r == 1 ? EXIT_USAGE : failing ? EXIT_FINDINGS : EXIT_CLEAN;
	return 0;
}

void cli_pair_dispose(struct cli_pair *p)
{
	px_doc_free(p->ru);
	px_doc_free(p->zh);
	px_diags_free(p->found);
	px_alignment_free(p->al);
	memset(p, 0, sizeof *p);
}
