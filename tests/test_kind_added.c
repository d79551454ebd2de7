/* A kind added the way docs/profile.md says: one line in the kinds table of
 * lib/src/model/profile.c (tests/data/kinds/test_kind.inc, compiled into this
 * test's own copy of profile.c), nothing else. Texts of the new kind, a
 * «Положение» / «条例» with chapters and articles, import to that kind in
 * both languages with the same structure, validate on the profile (and on
 * the official schema in a --official run: kind-added/official-schema),
 * render back to the same document,
 * and their pair checks clean; the command line in the same build is not
 * asked (it links the library's table). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "model/model.h"

/* The official schema's path in a --official run, else NULL. */
static const char *official_path;

static px_doc *import_kind(const char *name)
{
	px_doc *doc = NULL;
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	/* a regulation is approved, not signed: its date is given */
	px_import_options o = PX_IMPORT_OPTIONS_INIT;
	o.date = "2025-07-04";
	if (px_import_file(&doc, data_path(name), PX_LANG_AUTO, &o, d) < 0)
		fail_msg("%s: %s", name, px_error_last()->message);
	px_buf b = PX_BUF_INIT;
	px_diags_format_text(d, &b);
	if (px_diags_count_at_least(d, PX_SEV_WARNING))
		fail_msg("%s: %s", name, b.ptr);
	px_buf_dispose(&b);
	px_diags_free(d);
	return doc;
}

/* The eIds of the document's divisions and paragraphs, one a line. */
static char *outline(const px_doc *doc)
{
	px_buf b = PX_BUF_INIT;
	for (px_unit *u = px_doc_first_unit(doc); u; u = px_unit_next(u)) {
		const char *k = px_unit_kind(u);
		if (strcmp(k, "chapter") == 0 || strcmp(k, "article") == 0 || strcmp(k, "paragraph") == 0 ||
			strcmp(k, "item") == 0)
			assert_int_equal(px_buf_printf(&b, "%s\n", px_unit_eid(u)), 0);
	}
	char *s = strdup(b.ptr ? b.ptr : "");
	px_buf_dispose(&b);
	return s;
}

static void the_table_has_it(void **state)
{
	(void)state;
	const struct px_kind_info *k = px_kind_find("regulation");
	assert_non_null(k);
	assert_ptr_equal(px_kind_from_title(PX_LANG_RU, "ПОЛОЖЕНИЕ", strlen("ПОЛОЖЕНИЕ")), k);
}

static void texts_of_the_kind(void **state)
{
	(void)state;
	px_doc *ru = import_kind("kinds/regulation.ru.txt");
	px_doc *zh = import_kind("kinds/regulation.zh.txt");
	assert_string_equal(px_doc_type(ru), "regulation");
	assert_string_equal(px_doc_type(zh), "regulation");
	char *a = outline(ru), *b = outline(zh);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "chp_2\nart_3\nart_3__para_1\n"));
	free(a);
	free(b);

	/* valid on the profile, and in a --official run on the official schema */
	px_validator *v = NULL;
	assert_px_ok(px_validator_new(&v, &(px_validator_options){ PX_VALIDATOR_OPTIONS_VERSION,
		official_path ? PX_VALIDATE_OFFICIAL : PX_VALIDATE_DEFAULT, official_path }));
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	assert_int_equal(px_validate_doc(v, ru, d), 0);
	assert_int_equal(px_validate_doc(v, zh, d), 0);
	/* a kind the table does not have is refused */
	px_doc *bad = NULL;
	px_buf x = PX_BUF_INIT;
	assert_px_ok(px_doc_save_buf(ru, &x));
	char *at = strstr(x.ptr, "name=\"regulation\"");
	assert_non_null(at);
	memcpy(at, "name=\"regulatiox\"", strlen("name=\"regulatiox\""));
	assert_px_ok(px_doc_load_memory(&bad, x.ptr, x.size, "bad.xml"));
	assert_int_equal(px_validate_doc(v, bad, d), PX_EINVALID);
	assert_string_equal(px_diags_get(d, px_diags_count(d) - 1)->rule, "PX020");
	px_doc_free(bad);
	px_buf_dispose(&x);
	px_diags_free(d);
	px_validator_free(v);

	/* rendered back to text, imported again: the same document */
	for (int k = 0; k < 2; k++) {
		px_doc *doc = k ? zh : ru;
		px_buf t = PX_BUF_INIT, s1 = PX_BUF_INIT, s2 = PX_BUF_INIT;
		assert_px_ok(px_render_text(doc, &t));
		px_doc *again = NULL;
		px_import_options o = PX_IMPORT_OPTIONS_INIT;
		o.date = "2025-07-04";
		assert_px_ok(px_import_text(&again, t.ptr, t.size, px_doc_name(doc), PX_LANG_AUTO, &o, NULL));
		assert_px_ok(px_doc_save_buf(doc, &s1));
		assert_px_ok(px_doc_save_buf(again, &s2));
		assert_string_equal(s1.ptr, s2.ptr);
		px_doc_free(again);
		px_buf_dispose(&t);
		px_buf_dispose(&s1);
		px_buf_dispose(&s2);
	}

	/* the pair checks clean */
	px_checker *c = NULL;
	assert_px_ok(px_checker_new(&c, NULL));
	assert_px_ok(px_diags_new(&d));
	int rc = px_check_pair(c, ru, zh, d);
	px_buf out = PX_BUF_INIT;
	px_diags_format_text(d, &out);
	if (px_diags_count_at_least(d, PX_SEV_WARNING))
		fail_msg("the pair has findings:\n%s", out.ptr);
	assert_true(rc == 0);
	px_buf_dispose(&out);
	px_diags_free(d);
	px_checker_free(c);
	px_doc_free(ru);
	px_doc_free(zh);
}

int main(int argc, char **argv)
{
	const char *name;
	enum suite_mode mode = suite_mode(argc, argv, &name);
	if (mode == SUITE_OFFICIAL) {
		official_path = require_official_xsd();
		const struct CMUnitTest tests[] = {
			cmocka_unit_test(texts_of_the_kind),
		};
		return cmocka_run_group_tests_name("kind-added/official-schema", tests, NULL, NULL);
	}
	if (mode != SUITE_TESTS) {
		fprintf(stderr, "%s: no cases, and no tests need the seeds\n", argv[0]);
		return 2;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_table_has_it),
		cmocka_unit_test(texts_of_the_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
