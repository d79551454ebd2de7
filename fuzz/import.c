/* Fuzz target: the text importer, px_import_text().
 *
 * The first byte chooses the options, the rest is the text:
 *   bits 0-1  language: 0 auto, 1 ru, 2 zh, 3 auto
 *   bit  2    strict
 *   bits 3-6  kind: 0 none (told by the title or the shape), 1-10 a kind of
 *             docs/profile.md, 11 a kind that does not exist, 12-15 none
 *   bit  7    a --date (2022-09-16) is given
 * A document that imports is saved and rendered too (what `paralex import`
 * and `paralex render` do with it next). */
#include <stdlib.h>

#include "fuzz.h"

static const char *const kinds[] = {
	NULL, "programme", "agreement", "convention", "charter", "treaty", "protocol",
	"memorandum", "statement", "declaration", "communique", "no-such-kind",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned sel = data[0];
	static const px_lang langs[4] = { PX_LANG_AUTO, PX_LANG_RU, PX_LANG_ZH, PX_LANG_AUTO };
	px_import_options opts = PX_IMPORT_OPTIONS_INIT;
	opts.strict = (sel >> 2) & 1;
	unsigned k = (sel >> 3) & 15;
	opts.kind = k < sizeof kinds / sizeof kinds[0] ? kinds[k] : NULL;
	if (sel & 0x80)
		opts.date = "2022-09-16";

	px_diags *diags = NULL;
	if (px_diags_new(&diags) < 0)
		abort();
	px_doc *doc = NULL;
	int rc = px_import_text(&doc, (const char *)data + 1, size - 1, "fuzz.txt", langs[sel & 3], &opts, diags);
	if (rc == 0) {
		if (!doc)
			abort(); /* success without a document */
		px_buf b = PX_BUF_INIT;
		(void)px_doc_save_buf(doc, &b);
		px_buf_clear(&b);
		(void)px_render_text(doc, &b);
		px_buf_dispose(&b);
	} else if (doc) {
		abort(); /* a failure must not hand out a document */
	}
	px_buf t = PX_BUF_INIT;
	(void)px_diags_format_text(diags, &t);
	px_buf_dispose(&t);
	px_doc_free(doc);
	px_diags_free(diags);
	return 0;
}
