/*
 * Shared helpers of the paralex subcommands: exit codes, option parsing
 * conventions, and the bridge from the library's last error to stderr.
 */
#ifndef CLI_COMMON_H
#define CLI_COMMON_H

#include <stdbool.h>
#include <stdio.h>

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

/* Write a buffer to a path ("-" for stdout) atomically. */
int cli_write_output(const char *path, const px_buf *b);

/* Commands */
int cmd_validate(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_amend(int argc, char **argv);

#endif
