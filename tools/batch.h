/*
 * The reports of `paralex batch` and `paralex merge` (batch_out.c).
 *
 * Each entry of a set (a pair, a single document, a file without its
 * counterpart, a manifest line that cannot be used) is one JSON object,
 * the line of the JSON Lines report (docs/batch.md):
 *   {"entry","kind","ru","zh","file","type","status","errors","warnings",
 *    "infos","accepted","findings":[…]}
 * `status` is "clean", "findings" or "unreadable"; the counts are those of
 * the findings that are not accepted; `findings` are the objects of
 * px_diags_format_json(). Every other format is written from these
 * objects, so that a merged report is the report of a single run.
 */
#ifndef CLI_BATCH_H
#define CLI_BATCH_H

#include <jansson.h>

#include "common.h"

enum batch_format { BATCH_TEXT, BATCH_JSON, BATCH_JUNIT, BATCH_SARIF };

/* "text", "json", "junit", "sarif" → the format; -1 when unknown. */
int batch_parse_format(const char *v);
/* "error", "warning" → the least severity that fails an entry; -1 when unknown. */
int batch_parse_fail_on(const char *v, px_severity *out);

/* The status of an entry at a fail-on level: "unreadable" stays; else
 * "findings" when an unaccepted finding is at least `fail_on`. */
const char *batch_status(const json_t *entry, px_severity fail_on);

/* Totals of a set of entries. */
struct batch_totals {
	size_t entries, clean, findings, unreadable;
	size_t errors, warnings, infos;
};
void batch_count(struct batch_totals *t, const json_t *entry, px_severity fail_on);

/* A report being written: begin (before the first entry), each entry in
 * order, end. JUnit needs the totals at the beginning: give them. */
struct batch_writer {
	enum batch_format format;
	px_severity fail_on;
	px_buf *out;
	size_t written; /* entries so far (SARIF results so far) */
	const char *shard; /* "K/N" of a shard run, named in the JSON summary; NULL */
};
int batch_write_begin(struct batch_writer *w, const struct batch_totals *t);
int batch_write_entry(struct batch_writer *w, const json_t *entry);
int batch_write_end(struct batch_writer *w, const struct batch_totals *t);

/* The summary line (one line, no newline at the end); `why`, when not
 * NULL, is why the run ends with exit 2 whatever its entries. */
int batch_summary(px_buf *out, const char *cmd, const struct batch_totals *t, double seconds, int jobs, const char *shard,
	const char *why);

/* The exit status of a set: 2 when an entry could not be read, else 1 when
 * one has findings, else 0. */
int batch_exit(const struct batch_totals *t);

/* Compare two entries by their key, for the order of every report. */
int batch_entry_cmp(const void *a, const void *b);

#endif
