/* The paralex command: help, usage errors, exit codes, hostile input. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define T 20 /* seconds before a run is killed as hung */

static void version_and_help(void **state)
{
	(void)state;
	struct run r;
	run_paralex(&r, NULL, T, "--version", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, px_version()));
	run_free(&r);

	run_paralex(&r, NULL, T, "--help", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "usage: paralex"));
	run_free(&r);

	run_paralex(&r, NULL, T, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "usage: paralex"));
	assert_string_equal(r.out, "");
	run_free(&r);

	run_paralex(&r, NULL, T, "frobnicate", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "'frobnicate' is not a paralex command"));
	run_free(&r);

	run_paralex(&r, NULL, T, "help", "frobnicate", NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
}

/* For every command that 'paralex help' lists: 'help CMD' = 'CMD --help' = 'CMD -h'. */
static void help_of_every_command(void **state)
{
	(void)state;
	struct run list;
	run_paralex(&list, NULL, T, "help", NULL);
	assert_int_equal(list.status, 0);
	const char *p = strstr(list.out, "Commands:\n");
	assert_non_null(p);
	p += strlen("Commands:\n");
	int n = 0;
	while (strncmp(p, "  ", 2) == 0) {
		char name[64];
		assert_int_equal(sscanf(p, " %63s", name), 1);
		struct run a, b, c;
		run_paralex(&a, NULL, T, "help", name, NULL);
		run_paralex(&b, NULL, T, name, "--help", NULL);
		run_paralex(&c, NULL, T, name, "-h", NULL);
		assert_int_equal(a.status, 0);
		assert_int_equal(b.status, 0);
		assert_int_equal(c.status, 0);
		assert_string_equal(a.out, b.out);
		assert_string_equal(a.out, c.out);
		assert_non_null(strstr(a.out, "usage: paralex "));
		assert_string_equal(b.err, "");
		run_free(&a);
		run_free(&b);
		run_free(&c);
		p = strchr(p, '\n') + 1;
		n++;
	}
	assert_true(n >= 2);
	run_free(&list);
}

static void validate_usage_errors(void **state)
{
	(void)state;
	struct run r;
	run_paralex(&r, NULL, T, "validate", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "no file given"));
	assert_non_null(strstr(r.err, "usage: paralex validate"));
	run_free(&r);

	run_paralex(&r, NULL, T, "validate", "--format", "yaml", data_path("validate/valid-ru.xml"), NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "unknown format 'yaml'"));
	run_free(&r);

	run_paralex(&r, NULL, T, "validate", "--bogus", data_path("validate/valid-ru.xml"), NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "unknown option '--bogus'"));
	run_free(&r);
}

static void validate_exit_codes_and_formats(void **state)
{
	(void)state;
	struct run r;
	run_paralex(&r, NULL, T, "validate", data_path("validate/valid-ru.xml"), data_path("validate/valid-zh.xml"), NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "valid-zh.xml: valid"));
	run_free(&r);

	run_paralex(&r, NULL, T, "validate", data_path("validate/valid-ru.xml"), data_path("validate/section-gap.xml"), NULL);
	assert_int_equal(r.status, 1);
	char want[4300];
	snprintf(want, sizeof want, "%s:71:7: error[PX013]: section III follows section I", data_path("validate/section-gap.xml"));
	assert_non_null(strstr(r.out, want));
	run_free(&r);

	run_paralex(&r, NULL, T, "validate", "--format", "json", data_path("validate/dup-eid.xml"), NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "{\"findings\":["));
	assert_non_null(strstr(r.out, "\"rule\":\"PX011\""));
	assert_non_null(strstr(r.out, "\"line\":81"));
	assert_non_null(strstr(r.out, "\"summary\":{\"errors\":1,"));
	run_free(&r);

	/* an unreadable file among valid ones: exit 2, the others still checked */
	run_paralex(&r, NULL, T, "validate", data_path("no-such.xml"), data_path("validate/valid-ru.xml"), NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "error[PX001]: cannot open"));
	assert_non_null(strstr(r.out, "valid-ru.xml: valid"));
	run_free(&r);
}

/* Hostile files: exit 2, one line on stderr, nothing of /etc/passwd. */
static void hostile_files(void **state)
{
	(void)state;
	static const struct { const char *file; int status; const char *rule; } cases[] = {
		{ "hostile/xxe.xml", 2, "PX003" },
		{ "hostile/billion-laughs.xml", 2, "PX003" },
		{ "hostile/external-dtd.xml", 2, "PX003" },
		{ "hostile/parameter-entity.xml", 2, "PX003" },
		{ "hostile/invalid-utf8.xml", 2, "PX002" },
		{ "hostile/utf16.xml", 2, "PX002" },
		{ "hostile/empty.xml", 2, "PX001" },
		{ "hostile/truncated.xml", 2, "PX004" },
		{ "hostile/not-xml.txt", 2, "PX004" },
		{ "hostile/deep.xml", 2, "PX004" },
		{ "hostile", 2, "PX001" },
		{ "hostile/does-not-exist.xml", 2, "PX001" },
		{ "hostile/bom.xml", 0, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct run r;
		run_paralex(&r, NULL, T, "validate", data_path(cases[i].file), NULL);
		if (r.status != cases[i].status)
			fail_msg("%s: exit %d, expected %d; stderr: %s", cases[i].file, r.status, cases[i].status, r.err);
		if (cases[i].rule) {
			char tag[32];
			snprintf(tag, sizeof tag, "error[%s]: ", cases[i].rule);
			assert_non_null(strstr(r.err, tag));
			assert_non_null(strstr(r.err, data_path(cases[i].file)));
			/* exactly one line */
			assert_ptr_equal(strchr(r.err, '\n'), r.err + strlen(r.err) - 1);
		}
		assert_null(strstr(r.out, "root:"));
		assert_null(strstr(r.err, "root:"));
		assert_null(strstr(r.out, "lol"));
		run_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(version_and_help),
		cmocka_unit_test(help_of_every_command),
		cmocka_unit_test(validate_usage_errors),
		cmocka_unit_test(validate_exit_codes_and_formats),
		cmocka_unit_test(hostile_files),
	};
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
