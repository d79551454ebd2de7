/* Fuzz target: the XML loader and the validator, px_doc_load_memory() and
 * px_validate_doc() (profile schema and rules), as `paralex validate` does.
 * The findings are formatted as text and JSON too. */
#include <stdlib.h>

#include "fuzz.h"

static px_validator *validator;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!validator && px_validator_new(&validator, NULL) < 0)
		abort();
	px_doc *doc = NULL;
	if (px_doc_load_memory(&doc, (const char *)data, size, "fuzz.xml") < 0) {
		if (doc)
			abort(); /* a failure must not hand out a document */
		return 0;
	}
	px_diags *diags = NULL;
	if (px_diags_new(&diags) < 0)
		abort();
	int rc = px_validate_doc(validator, doc, diags);
	if (rc == PX_EINVALID && px_diags_count(diags) == 0)
		abort(); /* invalid without a finding */
	px_buf b = PX_BUF_INIT;
	(void)px_diags_format_text(diags, &b);
	px_buf_clear(&b);
	(void)px_diags_format_json(diags, NULL, &b);
	px_buf_dispose(&b);
	px_diags_free(diags);
	px_doc_free(doc);
	return 0;
}
