/* Validation: the profile schema and rules, on valid and defective documents
 * (the cases of data/validate/CASES, each a test: --case NAME), and the
 * official schema (--official). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <unistd.h>

#include "harness.h"

static px_validator *validator;

static int setup(void **state)
{
	(void)state;
	return px_validator_new(&validator, NULL) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	px_validator_free(validator);
	return 0;
}

static void print_findings(const px_diags *d)
{
	px_buf b = PX_BUF_INIT;
	px_diags_format_text(d, &b);
	if (b.size)
		print_message("%s", b.ptr);
	px_buf_dispose(&b);
}

static void valid_documents_have_no_findings(void **state)
{
	(void)state;
	const char *files[] = { "validate/valid-ru.xml", "validate/valid-zh.xml", "hostile/bom.xml" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		int rc = px_validate_file(validator, data_path(files[i]), d);
		print_findings(d);
		assert_int_equal(rc, 0);
		assert_int_equal(px_diags_count(d), 0);
		px_diags_free(d);
	}
}

/* ---- the cases of data/validate/CASES (tests/data/CASES.md) ---------------------- */

#define VALIDATE_KEYS ""

/* One case: NAME.xml has exactly the findings listed, each at its line. */
static void validate_case(void **state)
{
	const struct test_case *c = *state;
	if (c->nexpect == 0)
		fail_msg("validate/CASES:%d: %s: EXPECT lists the findings RULE@LINE", c->line, c->name);
	char rel[300], file[200];
	snprintf(file, sizeof file, "%s.xml", c->name);
	snprintf(rel, sizeof rel, "validate/%s", file);
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	int rc = px_validate_file(validator, data_path(rel), d);
	if (rc != PX_EINVALID || px_diags_count(d) != c->nexpect) {
		print_findings(d);
		fail_msg("%s: expected %zu finding(s), got %zu (rc %d)", file, c->nexpect, px_diags_count(d), rc);
	}
	for (size_t i = 0; i < c->nexpect; i++) {
		int line = case_expect_line(c, i);
		bool found = false;
		for (size_t k = 0; k < px_diags_count(d); k++) {
			const px_diag *x = px_diags_get(d, k);
			if (strcmp(x->rule, c->expect[i].rule) == 0 && x->loc.line == line && x->loc.col > 0 &&
					strstr(x->loc.file, file))
				found = true;
		}
		if (!found) {
			print_findings(d);
			fail_msg("%s: no %s at line %d", file, c->expect[i].rule, line);
		}
	}
	px_diags_free(d);
}

/* The table itself: it parses, has its cases, and every document of
 * validate/ but the valid ones is a case of it. */
static void cases_are_listed(void **state)
{
	(void)state;
	struct test_case *v = NULL;
	size_t n = cases_read("validate", VALIDATE_KEYS, &v);
	assert_true(n >= 10);
	glob_t g;
	assert_int_equal(glob(data_path("validate/*.xml"), 0, NULL, &g), 0);
	int stray = 0;
	for (size_t k = 0; k < g.gl_pathc; k++) {
		const char *base = strrchr(g.gl_pathv[k], '/') + 1;
		size_t l = strlen(base) - 4;
		bool listed = strncmp(base, "valid-", 6) == 0;
		for (size_t i = 0; i < n && !listed; i++)
			listed = strlen(v[i].name) == l && strncmp(v[i].name, base, l) == 0;
		if (!listed) {
			print_error("validate/%s is no case of validate/CASES\n", base);
			stray++;
		}
	}
	globfree(&g);
	free(v);
	assert_int_equal(stray, 0);
}

/* Each defect kind of the issue has its own rule id. */
static void rule_ids_are_distinct_per_defect(void **state)
{
	(void)state;
	const char *files[] = { "dup-eid.xml", "missing-heading.xml", "section-gap.xml", "unresolved-ref.xml",
		"cyrillic-in-zho.xml" };
	const char *seen[5];
	for (size_t i = 0; i < 5; i++) {
		char rel[300];
		snprintf(rel, sizeof rel, "validate/%s", files[i]);
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		assert_int_equal(px_validate_file(validator, data_path(rel), d), PX_EINVALID);
		seen[i] = px_diags_get(d, 0)->rule;
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(seen[k], seen[i]);
		px_diags_free(d);
	}
}

/* ---- the official schema (validate/official-schema: --official) ---------------- */

/* The official schema's path in a --official run, else NULL. */
static const char *official;

static void official_schema_accepts_valid_documents(void **state)
{
	(void)state;
	px_validator *v = NULL;
	assert_px_ok(px_validator_new(&v, &(px_validator_options){ PX_VALIDATOR_OPTIONS_VERSION, PX_VALIDATE_OFFICIAL,
		official }));
	const char *files[] = { "validate/valid-ru.xml", "validate/valid-zh.xml" };
	for (size_t i = 0; i < 2; i++) {
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		int rc = px_validate_file(v, data_path(files[i]), d);
		print_findings(d);
		assert_int_equal(rc, 0);
		px_diags_free(d);
	}
	px_validator_free(v);
}

/* Every XML document the project ships validates against the profile and,
 * in a --official run, against Akoma Ntoso 3.0 itself. */
static void every_shipped_document_validates(void **state)
{
	(void)state;
	px_validator *v = NULL;
	assert_px_ok(px_validator_new(&v, &(px_validator_options){ PX_VALIDATOR_OPTIONS_VERSION,
		official ? PX_VALIDATE_OFFICIAL : PX_VALIDATE_DEFAULT, official }));
	const char *patterns[] = { "examples/*.xml", "examples/*/*.xml", "examples/*/*/*.xml", "docs/*.xml" };
	size_t n = 0;
	for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
		glob_t g;
		if (glob(src_path(patterns[i]), 0, NULL, &g) != 0)
			continue;
		for (size_t k = 0; k < g.gl_pathc; k++) {
			px_diags *d = NULL;
			assert_px_ok(px_diags_new(&d));
			int rc = px_validate_file(v, g.gl_pathv[k], d);
			if (rc != 0) {
				print_findings(d);
				fail_msg("%s does not validate%s", g.gl_pathv[k], official ? " (official schema)" : "");
			}
			px_diags_free(d);
			n++;
		}
		globfree(&g);
	}
	/* the Programme in two languages, the protocols and their results */
	assert_true(n >= 6);
	px_validator_free(v);
}

static void input_errors_become_one_finding(void **state)
{
	(void)state;
	static const struct { const char *file; const char *rule; } cases[] = {
		{ "hostile/xxe.xml", "PX003" },
		{ "hostile/billion-laughs.xml", "PX003" },
		{ "hostile/external-dtd.xml", "PX003" },
		{ "hostile/parameter-entity.xml", "PX003" },
		{ "hostile/invalid-utf8.xml", "PX002" },
		{ "hostile/utf16.xml", "PX002" },
		{ "hostile/empty.xml", "PX001" },
		{ "hostile/truncated.xml", "PX004" },
		{ "hostile/not-xml.txt", "PX004" },
		{ "hostile/deep.xml", "PX004" },
		{ "hostile", "PX001" },
		{ "hostile/missing.xml", "PX001" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		int rc = px_validate_file(validator, data_path(cases[i].file), d);
		if (rc != PX_EINPUT || px_diags_count(d) != 1 || strcmp(px_diags_get(d, 0)->rule, cases[i].rule) != 0) {
			print_findings(d);
			fail_msg("%s: expected one %s and PX_EINPUT, got rc %d", cases[i].file, cases[i].rule, rc);
		}
		px_diags_free(d);
	}
}

int main(int argc, char **argv)
{
	const char *name;
	enum suite_mode mode = suite_mode(argc, argv, &name);
	if (mode == SUITE_CASE || mode == SUITE_CASES)
		return run_cases("validate", VALIDATE_KEYS, name, validate_case, setup, teardown);
	if (mode == SUITE_OFFICIAL) {
		official = require_official_xsd();
		const struct CMUnitTest tests[] = {
			cmocka_unit_test(official_schema_accepts_valid_documents),
			cmocka_unit_test(every_shipped_document_validates),
		};
		return cmocka_run_group_tests_name("validate/official-schema", tests, setup, teardown);
	}
	if (mode != SUITE_TESTS) {
		fprintf(stderr, "%s: no tests need the seeds\n", argv[0]);
		return 2;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_documents_have_no_findings),
		cmocka_unit_test(cases_are_listed),
		cmocka_unit_test(rule_ids_are_distinct_per_defect),
		cmocka_unit_test(every_shipped_document_validates),
		cmocka_unit_test(input_errors_become_one_finding),
	};
	return cmocka_run_group_tests_name("validate", tests, setup, teardown);
}
