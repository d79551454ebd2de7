#include <stdarg.h>
#include <string.h>

#include "common.h"

const char *px_progname = "paralex";

int px_usage_error(const struct px_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s %s: ", px_progname, cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	/* the first paragraph of the help text is the synopsis */
	const char *end = strstr(cmd->usage, "\n\n");
	fprintf(stderr, "%.*s\n", end ? (int)(end - cmd->usage) : (int)strlen(cmd->usage), cmd->usage);
	fprintf(stderr, "Try '%s %s --help' for more information.\n", px_progname, cmd->name);
	return EXIT_USAGE;
}

int px_report_error(int code)
{
	const px_error *e = px_error_last();
	if (e->file) {
		fprintf(stderr, "%s", e->file);
		if (e->line > 0)
			fprintf(stderr, ":%d", e->line);
		if (e->line > 0 && e->col > 0)
			fprintf(stderr, ":%d", e->col);
		fprintf(stderr, ": error: %s\n", e->message);
	} else {
		fprintf(stderr, "%s: error: %s\n", px_progname, e->message[0] ? e->message : "failed");
	}
	return code;
}

int px_print_help(const struct px_command *cmd)
{
	fputs(cmd->usage, stdout);
	if (cmd->usage[strlen(cmd->usage) - 1] != '\n')
		fputc('\n', stdout);
	return EXIT_CLEAN;
}

bool px_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int px_parse_format(const char *v, bool allow_html)
{
	if (strcmp(v, "text") == 0)
		return 0;
	if (strcmp(v, "json") == 0)
		return 1;
	if (allow_html && strcmp(v, "html") == 0)
		return 2;
	return -1;
}

int px_write_output(const char *path, const px_buf *b)
{
	return px_buf_write_file(b, path);
}
