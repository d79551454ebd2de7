/*
 * Import of a plain text (Russian or Chinese) into a document of the profile.
 *
 * The steps, each over the whole text:
 *
 *  1. lines: BOM dropped, NFC, CR LF → LF; each line trimmed, white space
 *     (NBSP, U+3000, tabs) collapsed to single spaces; we remember how deep
 *     a line was indented and whether a blank line came before it. The
 *     layout is measured: a blank line after (nearly) every line (PDF),
 *     lines broken before their end (hard wraps: pdf_like, with the printed
 *     width), one paragraph per line (line_paras), paragraphs told by
 *     U+3000 indentation or by an indented first line deeper than stray
 *     spaces. Page numbers and running headers are dropped; blank lines
 *     inside wrapped sentences stop counting (docs/layout.md);
 *  2. signature blocks: found from the end of the text (imp_find_signatures());
 *     what follows them is kept as text of the conclusions;
 *  3. blocks: the other lines joined into the title, paragraphs (numbered
 *     or not), list items with their nesting, division headings (sections,
 *     chapters, articles) by the rules of docs/layout.md;
 *  4. structure: the kind (model/model.h), the preamble, the body (divisions,
 *     points or paragraphs), the final clauses, the signing date and place;
 *     what does not fit is kept and reported as a warning (PX040–PX044),
 *     or, with `strict`, refused with the line and rule of the first problem;
 *  5. XML: the document is written, parsed back through the safe parser and
 *     validated against the profile; in strict mode only a valid document
 *     is returned, else an invalid one comes with one PX045 finding.
 *
 * The files of this stage: classify.c (what a line begins), lines.c (step 1
 * and the PDF artefacts), signatures.c (step 2 and the signing date and
 * place), blocks.c (step 3), structure.c (step 4), write.c (step 5), and
 * number.c (numbers and subjects of titles); this file holds the entry
 * points and the errors. import_int.h declares what they share.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "import/import_int.h"
#include "model/model.h"

/* ---- errors ------------------------------------------------------------- */








int imp_fail_rule(struct imp *im, const char *rule, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

int imp_fail_rule(struct imp *im, const char *rule, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (im->diags) {
		px_loc loc = { im->name, line, 0, NULL };
		if (px_diags_addf(im->diags, rule, &loc, NULL, "%s", msg) < 0)
			return px_fail_oom();
	}
	return px_set_rule(px_fail_at(PX_EINPUT, im->name, line, 0, "%s", msg), rule);
}

int imp_warn_at(struct imp *im, const char *rule, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* ---- entry points -------------------------------------------------------- */

int px_import_options_init(px_import_options *opts, unsigned version)
{
	if (px_options_version("px_import_options", version, PX_IMPORT_OPTIONS_VERSION, PX_IMPORT_OPTIONS_VERSION) < 0)
		return PX_EUSAGE;
	*opts = (px_import_options)PX_IMPORT_OPTIONS_INIT;
	return 0;
}

static void imp_dispose(struct imp *im)
{
	for (size_t i = 0; i < im->nsg; i++) {
		px_buf_dispose(&im->sg[i].body);
		px_buf_dispose(&im->sg[i].person);
		px_buf_dispose(&im->sg[i].mark);
	}
	free(im->sg);
	for (size_t i = 0; i < im->nb; i++)
		px_buf_dispose(&im->b[i].text);
	free(im->b);
	free(im->lines);
	free(im->clean);
	for (size_t i = 0; i < im->nsoft; i++)
		free(im->soft[i]);
	free(im->soft);
	px_text_places_dispose(&im->src);
}

/* The document from the one-line form of the XML: parsed, saved in the
 * canonical layout and parsed again. */
static int load_one_line(struct imp *im, const struct plan *p, px_doc **out)
{
	px_buf xml = PX_BUF_INIT, canon = PX_BUF_INIT;
	px_doc *doc = NULL;
	int rc = imp_write_xml(im, p, &(struct xw){ &xml, false, 0 });
	if (rc == 0)
		rc = px_doc_load_memory(&doc, xml.ptr, xml.size, im->name);
	px_buf_dispose(&xml);
	if (rc < 0)
		return rc;
	rc = px_doc_save_buf(doc, &canon);
	px_doc_free(doc);
	if (rc == 0)
		rc = px_doc_load_memory(out, canon.ptr, canon.size, im->name);
	px_buf_dispose(&canon);
	return rc;
}

/*
 * Step 4: the document, parsed from the canonical text of the XML, so that
 * it is what a reader of the saved file gets (line numbers included), and
 * validated with the profile; only a valid document is returned (PX045
 * otherwise). A text that does not parse (a character XML does not allow)
 * is reported as its one-line form reports it.
 */
static int finish(struct imp *im, const struct plan *p, px_doc **out)
{
	px_buf xml = PX_BUF_INIT;
	px_doc *doc = NULL;
	int rc = imp_write_xml(im, p, &(struct xw){ &xml, true, 0 });
	if (rc == 0 && (rc = px_doc_load_text_made(&doc, xml.ptr, xml.size, im->name)) < 0 && rc != PX_ENOMEM)
		rc = load_one_line(im, p, &doc);
	px_buf_dispose(&xml);
	if (rc < 0)
		return rc;
	px_validator *own = NULL;
	px_diags *found = NULL;
	if ((!im->val && (rc = px_validator_new(&own, NULL)) < 0) ||
		(rc = px_diags_new(&found)) < 0) {
		px_validator_free(own);
		px_doc_free(doc);
		return rc;
	}
	rc = px_validate_doc(own ? own : im->val, doc, found);
	px_validator_free(own);
	if (rc == PX_EINVALID && !im->strict) {
		/* lenient: the document as the text has it, and what is wrong with it
		 * (the finding of the document's own place is in the XML, not in the
		 * text: said in the message, with the text's name only) */
		const px_diag *d = px_diags_get(found, 0);
		rc = 0;
		if (im->diags) {
			px_loc loc = { im->name, 0, 0, NULL };
			if (px_diags_addf(im->diags, "PX045", &loc, NULL, "the document made from this text does not validate: [%s] %s%s (lines of the XML document)",
					d ? d->rule : "?", d ? d->message : "", px_diags_count(found) > 1 ? " (and more)" : "") < 0)
				rc = PX_ENOMEM;
		}
	}
	if (rc == PX_EINVALID) {
		const px_diag *d = px_diags_get(found, 0);
		rc = imp_fail_rule(im, "PX045", 0, "the imported document does not validate: %s[%s] %s",
			d ? px_severity_name(d->severity) : "error", d ? d->rule : "?", d ? d->message : "");
	}
	px_diags_free(found);
	if (rc < 0) {
		px_doc_free(doc);
		return rc;
	}
	/* the units' places in the text, so that findings about the document
	 * point into the text it was made from */
	struct px_text_places *src = &im->src;
	for (size_t i = 0, j = 0; i < src->n; i++) {
		while (j + 1 < im->nlines && im->lines[j].no < src->line[i])
			j++;
		while (j > 0 && im->lines[j].no > src->line[i])
			j--;
		if (src->col[i] <= 0) /* a unit starts where its line's text does */
			src->col[i] = im->nlines && im->lines[j].no == src->line[i] ? im->lines[j].col : 1;
	}
	rc = px_doc_set_text_positions(doc, src);
	if (rc < 0) {
		px_doc_free(doc);
		return rc;
	}
	doc->soft = im->soft;
	doc->nsoft = im->nsoft;
	im->soft = NULL;
	im->nsoft = im->capsoft = 0;
	*out = doc;
	return 0;
}

/* How many of the code units of the first n bytes, read as UTF-16 (little-
 * or big-endian), are what our texts are made of: Cyrillic, Han or Latin
 * letters, digits, spaces, punctuation? In tenths (0–10). */
static int utf16_text(const char *s, size_t n, bool le)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t units = 0, good = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		UChar c = le ? (UChar)(u[i] | u[i + 1] << 8) : (UChar)(u[i] << 8 | u[i + 1]);
		UErrorCode e = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(c, &e);
		units++;
		good += c && (u_isspace(c) || u_ispunct(c) || u_isdigit(c) ||
			(u_isalpha(c) && (sc == USCRIPT_CYRILLIC || sc == USCRIPT_HAN || sc == USCRIPT_LATIN)));
	}
	return units ? (int)(good * 10 / units) : 0;
}

int px_import_text(px_doc **out, const char *text, size_t len, const char *name, px_lang lang,
	const px_import_options *opts, px_diags *diags)
{
	*out = NULL;
	px_import_options defaults = PX_IMPORT_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (px_options_version("px_import_options", opts->version, 1, PX_IMPORT_OPTIONS_VERSION) < 0)
		return PX_EUSAGE;
	if (opts->date && !imp_valid_date(opts->date))
		return px_fail(PX_EUSAGE, "date '%s' is not YYYY-MM-DD", opts->date);
	if (opts->number && !imp_valid_slug(opts->number))
		return px_fail(PX_EUSAGE, "number '%s' is not a slug of a-z, 0-9 and '-'", opts->number);
	if (opts->kind && !px_kind_find(opts->kind))
		return px_fail(PX_EUSAGE, "unknown document kind '%s'", opts->kind);
	struct imp im = { 0 };
	im.name = name ? name : "<text>";
	im.diags = diags;
	im.opts = opts;
	im.strict = opts->strict != 0;
	int line, col;
	const char *why = NULL;
	/* control characters (NUL and the others but tab and line ends) are
	 * valid UTF-8, but no text has many: UTF-16 without a byte order mark
	 * has one in every other byte (0x00 before ASCII, 0x04 before Cyrillic),
	 * a binary file has them anywhere */
	size_t even = 0, odd = 0, n = len < 4096 ? len : 4096;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
			if (i % 2)
				odd++;
			else
				even++;
		}
	}
	const char *nul = len ? memchr(text, '\0', len) : NULL;
	bool utf8 = px_utf8_valid(text, len, &line, &col);
	if (!utf8 || odd * 4 > n || even * 4 > n || nul || (odd + even) * 20 > n) {
		/* read as UTF-16, is it text? (a file of NULs is not); the byte
		 * order whose reading gives more of our scripts */
		int sl = n >= 16 ? utf16_text(text, n, true) : 0, sb = n >= 16 ? utf16_text(text, n, false) : 0;
		bool le = sl >= 9 && sl >= sb, be = sb >= 9 && sb > sl;
		bool u16 = le || be;
		if (!u16 && !utf8)
			why = "text is not UTF-8";
		else
			why = u16 && le ? (n >= 2 && (unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE ?
					"text is UTF-16 (little-endian, with a byte order mark); only UTF-8 is accepted" :
					"text is UTF-16 (little-endian, without a byte order mark); only UTF-8 is accepted") :
			u16 ? (n >= 2 && (unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF ?
					"text is UTF-16 (big-endian, with a byte order mark); only UTF-8 is accepted" :
					"text is UTF-16 (big-endian, without a byte order mark); only UTF-8 is accepted") :
			nul ? "text contains a NUL byte: not a text file" : "text is mostly control characters: not a text file";
		if (u16 || utf8) {
			line = 1;
			col = 0;
			for (const char *p = text, *e = nul && !u16 ? nul : text; p < e; p++)
				line += *p == '\n';
		}
	}
	if (why) {
		if (diags) {
			px_loc loc = { im.name, line, col, NULL };
			px_diags_addf(diags, "PX002", &loc, NULL, "%s", why);
		}
		return px_set_rule(px_fail_at(PX_EINPUT, im.name, line, col, "%s", why), "PX002");
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	px_registry *own = NULL;
	px_termbase *own_tb = NULL;
	const px_context *ctx = opts->context ? opts->context : px_context_default();
	im.reg = opts->registry ? opts->registry : px_context_registry(ctx);
	im.tb = px_context_termbase(ctx);
	im.val = px_context_validator(ctx);
	int rc = 0;
	char *norm = NULL;
	size_t nlen = 0;
	struct plan plan = { 0 };
	if (!im.reg) {
		if ((rc = px_registry_load_default(&own)) < 0)
			goto done;
		im.reg = own;
	}
	if (!im.tb) {
		if ((rc = px_termbase_new(&own_tb)) < 0)
			goto done;
		im.tb = own_tb;
	}
	if ((rc = imp_nfc(text, len, &norm, &nlen)) < 0)
		goto done;
	if (norm) {
		text = norm;
		len = nlen;
	}
	if ((rc = imp_split_lines(&im, text, len)) < 0)
		goto done;
	if (im.nlines == 0 && len == 0) {
		rc = imp_fail_rule(&im, "PX001", 0, "file is empty");
		goto done;
	}
	if (im.nlines == 0) {
		rc = imp_fail_rule(&im, "PX030", 1, "the text is empty: expected a title");
		goto done;
	}
	im.lang = lang == PX_LANG_AUTO ? imp_detect_lang(text, len) : lang;
	if (im.lang == PX_LANG_AUTO) {
		rc = imp_fail_rule(&im, "PX039", 1, "cannot tell the language: the text has neither Cyrillic nor Han letters");
		goto done;
	}
	imp_join_numerals(&im);
	{
		bool bad;
		size_t head;
		const struct line *l0 = &im.lines[0];
		bool zh = im.lang == PX_LANG_ZH;
		if ((zh ? imp_zh_heading(l0->s, l0->len, 1, &head, &bad) : imp_ru_heading(l0->s, l0->len, 1, &head, &bad)) ||
			(zh ? imp_zh_bullet(l0->s, l0->len) : imp_ru_bullet(l0->s, l0->len))) {
			rc = imp_fail_rule(&im, "PX030", l0->no, "expected a title before '%.*s'", imp_clip(l0->s, l0->len, 40),
				l0->s);
			goto done;
		}
	}
	imp_drop_page_artefacts(&im);
	imp_unbreak_blank_lines(&im);
	if ((rc = imp_find_signatures(&im)) < 0)
		goto done;
	if (im.body_lines == 0) {
		rc = imp_fail_rule(&im, "PX030", im.lines[0].no, "expected a title before the signature blocks");
		goto done;
	}
	if (im.trail_from < im.nlines && im.strict) {
		rc = imp_fail_rule(&im, "PX036", im.lines[im.trail_from].no, "text after the signature blocks");
		goto done;
	}
	if ((rc = imp_build_blocks(&im)) < 0 || (rc = imp_trailing_blocks(&im)) < 0 || (rc = imp_build_plan(&im, &plan)) < 0)
		goto done;
	rc = finish(&im, &plan, out);
done:
	imp_plan_dispose(&plan);
	free(norm);
	imp_dispose(&im);
	px_registry_free(own);
	px_termbase_free(own_tb);
	return rc;
}

int px_import_file(px_doc **out, const char *path, px_lang lang, const px_import_options *opts, px_diags *diags)
{
	*out = NULL;
	px_buf b = PX_BUF_INIT;
	int rc = px_buf_read_file(&b, path, PX_DOC_MAX_SIZE);
	if (rc < 0) {
		px_buf_dispose(&b);
		return rc;
	}
	rc = px_import_text(out, b.ptr ? b.ptr : "", b.size, path, lang, opts, diags);
	px_buf_dispose(&b);
	return rc;
}
