/*
 * Shared helpers of the paralex subcommands: exit codes, option parsing
 * conventions, and the bridge from the library's last error to stderr.
 */
#ifndef CLI_COMMON_H
#define CLI_COMMON_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "paralex/paralex.h"

/* Exit codes of every command (documented in README.md and docs/cli.md). */
enum {
	EXIT_CLEAN = 0,    /* no findings */
	EXIT_FINDINGS = 1, /* findings (errors or warnings) */
	EXIT_USAGE = 2,    /* usage error, or input that cannot be read */
};

/* A subcommand: `paralex NAME ARGS…`. `usage` is the full --help text. */
struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;
};

extern const char *cli_progname;

/* Print "paralex CMD: complaint" and the command's short usage to stderr; return EXIT_USAGE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Print the library's last error as "FILE:LINE:COL: error: message" (or
 * "paralex: error: message") to stderr; return `code`. */
int cli_report_error(int code);

/* Print --help text of a command to stdout; return EXIT_CLEAN. */
int cli_print_help(const struct cli_command *cmd);

/* Look up a command by name. */
const struct cli_command *cli_find_command(const char *name);

/* Where the content of a file read into p[0..n) starts: past a UTF-8 BOM
 * and white space (n when there is none). Our XML starts there with '<'. */
size_t cli_content_start(const char *p, size_t n);

/* Is argv[i] "-h" or "--help"? */
bool cli_is_help(const char *arg);

/* Parse "--format X" values: returns 0 text, 1 json, 2 html; -1 if unknown. */
int cli_parse_format(const char *v, bool allow_html);

/* The mark of a directory written by `paralex amend` (a file in it). */
#define CLI_OUTPUT_DIR_MARK ".paralex-output"

/*
 * Before anything is read or written: refuse (EXIT_USAGE, with a message)
 * an output that is one of the inputs (the same file, through links or ..),
 * an output directory that holds an input, and, without `force`, an
 * existing file that paralex did not write (an Akoma Ntoso document of
 * paralex, a paralex report) or a non-empty directory it did not write.
 * @return EXIT_CLEAN when the output may be written.
 */
int cli_check_output(const char *output, char *const *inputs, int ninputs, bool force, bool dir);

/* The first size-1 bytes of a regular file, NUL-terminated, without
 * blocking on a FIFO: their count, or -1 (not a readable regular file). */
ssize_t cli_read_head(const char *path, char *buf, size_t size);

/* Write a buffer to a path ("-" for stdout) atomically. */
int cli_write_output(const char *path, const px_buf *b);

/* ---- a pair of files, checked (pair.c): `check` and `batch` ---------- */
struct cli_pair_options {
	const px_validator *validator;  /* validates the XML inputs */
	const px_checker *checker;      /* compares the two */
	const px_import_options *import;/* for inputs that are plain texts; NULL: the defaults */
	const char *accept;             /* a suppression file for this pair, or NULL */
	px_severity fail_on;            /* the least severity that fails the pair */
	bool alignment;                 /* keep the checker's alignment (HTML, JSON) */
};
struct cli_pair {
	px_doc *ru, *zh;   /* as read (NULL when not readable), Russian first */
	px_diags *found;   /* the comparison's findings, then those of reading
	                      (input errors with PX001–PX005, validation, import) */
	px_alignment *al;  /* with options.alignment, when compared */
	bool compared;
	int status;        /* EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE (a file could not be read) */
};
/* Read both files (our XML, validated; or a plain text, imported) and
 * compare them. Input errors are findings (with their rule ids), not
 * failures. @return 0, or PX_ENOMEM. */
int cli_pair_check(struct cli_pair *p, const char *ru_path, const char *zh_path, const struct cli_pair_options *o);
/* One document alone, read as one side of a pair is (validated, or a
 * text imported): its findings and status in `p` (the document in p->ru
 * or p->zh by its language). @return 0, or PX_ENOMEM. */
int cli_doc_check(struct cli_pair *p, const char *path, const struct cli_pair_options *o);
void cli_pair_dispose(struct cli_pair *p);

/* Commands */
int cmd_validate(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_amend(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_merge(int argc, char **argv);

#endif
