/* Validation: the profile schema and rules, on valid and defective documents. */
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

/* Every line of validate/CASES: the file's findings are exactly those listed. */
static void defects_are_found_at_their_line(void **state)
{
	(void)state;
	size_t len;
	char *cases = slurp(data_path("validate/CASES"), &len);
	char *save = NULL;
	char prev[256] = "";
	int checked = 0;
	/* group consecutive lines by file */
	struct { char rule[16]; int line; } want[8];
	int nwant = 0;
	char *line = strtok_r(cases, "\n", &save);
	for (;;) {
		char file[256] = "", rule[16] = "";
		int ln = 0;
		bool have = false;
		while (line && !have) {
			if (line[0] != '#' && sscanf(line, "%255s %15s %d", file, rule, &ln) == 3)
				have = true;
			line = strtok_r(NULL, "\n", &save);
		}
		if (prev[0] && (!have || strcmp(file, prev) != 0)) {
			char rel[300];
			snprintf(rel, sizeof rel, "validate/%s", prev);
			px_diags *d = NULL;
			assert_px_ok(px_diags_new(&d));
			int rc = px_validate_file(validator, data_path(rel), d);
			if (rc != PX_EINVALID || (int)px_diags_count(d) != nwant) {
				print_findings(d);
				fail_msg("%s: expected %d finding(s), got %zu (rc %d)", prev, nwant, px_diags_count(d), rc);
			}
			for (int i = 0; i < nwant; i++) {
				bool found = false;
				for (size_t k = 0; k < px_diags_count(d); k++) {
					const px_diag *x = px_diags_get(d, k);
					if (strcmp(x->rule, want[i].rule) == 0 && x->loc.line == want[i].line &&
							x->loc.col > 0 && strstr(x->loc.file, prev))
						found = true;
				}
				if (!found) {
					print_findings(d);
					fail_msg("%s: no %s at line %d", prev, want[i].rule, want[i].line);
				}
			}
			px_diags_free(d);
			checked++;
			nwant = 0;
		}
		if (!have)
			break;
		snprintf(prev, sizeof prev, "%s", file);
		assert_true(nwant < 8);
		snprintf(want[nwant].rule, sizeof want[nwant].rule, "%s", rule);
		want[nwant].line = ln;
		nwant++;
	}
	assert_true(checked >= 10);
	free(cases);
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

static void official_schema_accepts_valid_documents(void **state)
{
	(void)state;
	const char *xsd = getenv("PX_AKN_XSD");
	if (!xsd || access(xsd, R_OK) != 0)
		skip();
	px_validator *v = NULL;
	assert_px_ok(px_validator_new(&v, &(px_validator_options){ PX_VALIDATOR_OPTIONS_VERSION, PX_VALIDATE_OFFICIAL, xsd }));
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
 * where the official schema is at hand, against Akoma Ntoso 3.0 itself. */
static void every_shipped_document_validates(void **state)
{
	(void)state;
	const char *xsd = getenv("PX_AKN_XSD");
	bool official = xsd && access(xsd, R_OK) == 0;
	px_validator *v = NULL;
	assert_px_ok(px_validator_new(&v, &(px_validator_options){ PX_VALIDATOR_OPTIONS_VERSION,
		official ? PX_VALIDATE_OFFICIAL : PX_VALIDATE_DEFAULT, official ? xsd : NULL }));
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
				fail_msg("%s does not validate", g.gl_pathv[k]);
			}
			px_diags_free(d);
			n++;
		}
		globfree(&g);
	}
	/* the Programme in two languages, the protocols and their results */
	assert_true(n >= 6);
	px_validator_free(v);
	if (!official)
		skip();
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_documents_have_no_findings),
		cmocka_unit_test(defects_are_found_at_their_line),
		cmocka_unit_test(rule_ids_are_distinct_per_defect),
		cmocka_unit_test(official_schema_accepts_valid_documents),
		cmocka_unit_test(every_shipped_document_validates),
		cmocka_unit_test(input_errors_become_one_finding),
	};
	return cmocka_run_group_tests_name("validate", tests, setup, teardown);
}
