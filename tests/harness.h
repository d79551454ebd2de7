/* Helpers shared by the cmocka suites: data paths, files, running the CLI. */
#ifndef PX_TEST_HARNESS_H
#define PX_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <cmocka.h>

#include "paralex/paralex.h"

/* $PX_TEST_DATA/rel (static buffer per call slot: copy if you keep it). */
const char *data_path(const char *rel);
/* $PX_SOURCE_ROOT/rel */
const char *src_path(const char *rel);
/* Files outside the repository. A test that needs one is a test of its own
 * (a suite run with --official or --seed, see suite_mode()), and calls this
 * in main() before any test runs: the path when the file is readable, else
 * it says on stdout and stderr what is missing and where it was looked for,
 * and exits 77, which meson counts as a skip (exit 1, a failure, when the
 * environment has PX_REQUIRE_SHARED=1).
 * require_official_xsd(): the official OASIS Akoma Ntoso 3.0 schema,
 * $PX_AKN_XSD (tests/meson.build: ../shared/reference/akn/akomantoso30.xsd
 * beside the source tree). require_shared(): $PX_SOURCE_ROOT/rel, e.g.
 * "../shared/seeds/sco-ai-programme.ru.txt"; `what` says what it is. */
const char *require_official_xsd(void);
const char *require_shared(const char *rel, const char *what);
/* Whole file as a NUL-terminated string (free()); fails the test if unreadable. */
char *slurp(const char *path, size_t *len);
/* px_registry_name() with the query's fields as arguments. */
const char *name_of(const px_registry *r, px_entry_kind kind, const char *id, px_lang lang, px_name_form form,
	px_ru_case c);
/* Write a temporary file with these bytes; returns its path (free()). */
char *write_temp(const char *suffix, const char *data, size_t len);
/* A fresh temporary directory (free() the path). */
char *temp_dir(void);

/* Run the paralex executable with these arguments (NULL-terminated), feeding
 * `in` (may be NULL) on stdin. Kills it after `timeout_s` seconds. */
struct run {
	int status;   /* exit status, or 128+signal, or -1 on timeout */
	char *out;    /* stdout (free()) */
	char *err;    /* stderr (free()) */
};
void run_paralex(struct run *r, const char *in, int timeout_s, const char *arg0, ...);
void run_free(struct run *r);

/* Monotonic clock, in seconds. */
double now(void);
/* Read a child's standard output and error (the read ends of its pipes) into
 * `out` and `err`, at most about `max` bytes each, until both close or
 * `deadline` (now() seconds) passes, when the child is killed (SIGKILL).
 * Closes both descriptors. @return true when it was killed. */
bool drain_child(pid_t pid, int out_fd, int err_fd, double deadline, px_buf *out, px_buf *err, size_t max);

/* ---- data-driven cases: the CASES files (tests/data/CASES.md) ---------- */

#define CASE_MAX_EXPECT 8
#define CASE_MAX_KEYS 8

/* One line of a CASES file: NAME EXPECT [KEY=VALUE...]. */
struct test_case {
	char name[128];
	char set[64];          /* the CASES file's directory under tests/data, e.g. "import/errors" */
	int line;              /* its line in the CASES file */
	size_t nexpect;        /* 0 for EXPECT "none" */
	struct {
		char rule[16];     /* PXnnn */
		char at[256];      /* after '@': a line number or an eId; "" when not given */
	} expect[CASE_MAX_EXPECT];
	size_t nkeys;
	struct {
		char key[32];
		char value[512];
	} kv[CASE_MAX_KEYS];
};

/* Every case of data/SET/CASES, in file order (free()); `keys` lists the keys
 * the suite knows, separated by spaces. A malformed line, a name given twice
 * or an unknown key fails the test (or, outside a test, exits 1) naming the
 * file and line. */
size_t cases_read(const char *set, const char *keys, struct test_case **out);
/* The value of `key`, or `def` when the case does not give it. */
const char *case_value(const struct test_case *c, const char *key, const char *def);
/* expect[i].at as a line number (> 0); fails the test when it is none. */
int case_expect_line(const struct test_case *c, size_t i);

/* How a suite executable was asked to run:
 *   (no argument)   SUITE_TESTS     the suite's own tests
 *   --case NAME     SUITE_CASE      one case of its CASES file: a test named SET/NAME
 *   --cases         SUITE_CASES     every case, each a cmocka test of its own
 *   --official      SUITE_OFFICIAL  the tests that need the official schema
 *   --seed          SUITE_SEED      the tests that need the seed texts (../shared/seeds)
 * Anything else prints the usage and exits 2. */
enum suite_mode { SUITE_TESTS, SUITE_CASE, SUITE_CASES, SUITE_OFFICIAL, SUITE_SEED };
enum suite_mode suite_mode(int argc, char **argv, const char **case_name);

/* Run the cases of data/SET/CASES (the one named `only`, or all when NULL)
 * as a cmocka group, each case a test named SET/NAME whose state is its
 * struct test_case (the group setup must leave the group state NULL). An
 * unknown `only` is a failure. @return what cmocka's group run returns. */
int run_cases(const char *set, const char *keys, const char *only, CMUnitTestFunction fn, CMFixtureFunction setup,
	CMFixtureFunction teardown);

/* Fail with the library's last error when rc < 0. */
#define assert_px_ok(rc) assert_px_ok_at((rc), __FILE__, __LINE__)
void assert_px_ok_at(int rc, const char *file, int line);

#endif
