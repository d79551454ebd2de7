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
/* The official Akoma Ntoso schema (PX_AKN_XSD) when it is readable, else
 * NULL after saying so on stderr once: the tests that use it then check
 * against the profile schema only, and say so rather than pass silently. */
const char *official_xsd(void);
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

/* Fail with the library's last error when rc < 0. */
#define assert_px_ok(rc) assert_px_ok_at((rc), __FILE__, __LINE__)
void assert_px_ok_at(int rc, const char *file, int line);

#endif
