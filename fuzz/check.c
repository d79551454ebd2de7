/* Fuzz target: the parity check of two documents, px_check_pair().
 *
 * The input is DOC1 "\n%%%%\n" DOC2. Each document is loaded when it begins
 * with '<' (after a BOM and white space) and imported otherwise (language
 * by its script), and a pair given the other way round is swapped, as
 * `paralex check` does. The findings are then formatted as text and JSON
 * and the HTML report is built. */
#include <stdlib.h>

#include "fuzz.h"

static px_checker *checker;

static px_doc *get(const uint8_t *p, size_t n, const char *name, px_diags *imported)
{
	px_doc *d = NULL;
	if (pxf_is_xml(p, n))
		(void)px_doc_load_memory(&d, (const char *)p, n, name);
	else
		(void)px_import_text(&d, (const char *)p, n, name, PX_LANG_AUTO, NULL, imported);
	return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!checker) {
		px_check_options o = PX_CHECK_OPTIONS_INIT;
		o.flags |= PX_CHECK_COLLATION_ORDER;
		if (px_checker_new(&checker, &o) < 0)
			abort();
	}
	size_t len1, off2;
	if (!pxf_split(data, size, &len1, &off2))
		return 0;
	px_diags *imported = NULL, *diags = NULL;
	if (px_diags_new(&imported) < 0 || px_diags_new(&diags) < 0)
		abort();
	px_doc *ru = get(data, len1, "fuzz.ru", imported);
	px_doc *zh = ru ? get(data + off2, size - off2, "fuzz.zh", imported) : NULL;
	if (ru && zh) {
		if (px_doc_lang(ru) == PX_LANG_ZH && px_doc_lang(zh) == PX_LANG_RU) {
			px_doc *t = ru;
			ru = zh;
			zh = t;
		}
		int rc = px_check_pair(checker, ru, zh, diags);
		if (rc == 0 || rc == PX_EINVALID) {
			px_buf b = PX_BUF_INIT;
			(void)px_diags_format_text(diags, &b);
			px_buf_clear(&b);
			{
				px_json_options jo = PX_JSON_OPTIONS_INIT;
				jo.ru = ru;
				jo.zh = zh;
				(void)px_diags_format_json(diags, &jo, &b);
			}
			px_buf_clear(&b);
			(void)px_report_html(ru, zh, diags, NULL, &b);
			px_buf_dispose(&b);
		}
	}
	px_doc_free(ru);
	px_doc_free(zh);
	px_diags_free(diags);
	px_diags_free(imported);
	return 0;
}
