/* Fuzz target: render, px_render_text() of a loaded document (any document
 * the loader accepts, valid or not), and the canonical save, which must be
 * a fixed point (doc.h: saving an unchanged loaded document reproduces a
 * saved file byte for byte). */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	px_doc *doc = NULL;
	if (px_doc_load_memory(&doc, (const char *)data, size, "fuzz.xml") < 0)
		return 0;
	px_buf b = PX_BUF_INIT;
	(void)px_render_text(doc, &b);
	px_buf_clear(&b);
	if (px_doc_save_buf(doc, &b) == 0 && b.size) {
		px_doc *again = NULL;
		if (px_doc_load_memory(&again, b.ptr, b.size, "fuzz.xml") < 0) {
			fprintf(stderr, "fuzz-render: the saved document does not load again: %s\n",
				px_error_last()->message);
			abort();
		}
		px_buf b2 = PX_BUF_INIT;
		if (px_doc_save_buf(again, &b2) == 0 && (b2.size != b.size || memcmp(b.ptr, b2.ptr, b.size) != 0)) {
			fprintf(stderr, "fuzz-render: saving the saved document again gives other bytes\n");
			abort();
		}
		px_buf_dispose(&b2);
		px_doc_free(again);
	}
	px_buf_dispose(&b);
	px_doc_free(doc);
	return 0;
}
