#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <fcntl.h>
#include <errno.h>

#include "common.h"

const char *cli_progname = "paralex";

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s %s: ", cli_progname, cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	/* the first paragraph of the help text is the synopsis */
	const char *end = strstr(cmd->usage, "\n\n");
	fprintf(stderr, "%.*s\n", end ? (int)(end - cmd->usage) : (int)strlen(cmd->usage), cmd->usage);
	fprintf(stderr, "Try '%s %s --help' for more information.\n", cli_progname, cmd->name);
	return EXIT_USAGE;
}

int cli_report_error(int code)
{
	const px_error *e = px_error_last();
	if (e->file) {
		fprintf(stderr, "%s", e->file);
		if (e->line > 0)
			fprintf(stderr, ":%d", e->line);
		if (e->line > 0 && e->col > 0)
			fprintf(stderr, ":%d", e->col);
		if (e->rule)
			fprintf(stderr, ": error[%s]: %s\n", e->rule, e->message);
		else
			fprintf(stderr, ": error: %s\n", e->message);
	} else {
		fprintf(stderr, "%s: error: %s\n", cli_progname, e->message[0] ? e->message : "failed");
	}
	return code;
}

int cli_print_help(const struct cli_command *cmd)
{
	fputs(cmd->usage, stdout);
	if (cmd->usage[strlen(cmd->usage) - 1] != '\n')
		fputc('\n', stdout);
	return EXIT_CLEAN;
}

size_t cli_content_start(const char *p, size_t n)
{
	size_t i = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i;
}

bool cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int cli_parse_format(const char *v, bool allow_html)
{
	if (strcmp(v, "text") == 0)
		return 0;
	if (strcmp(v, "json") == 0)
		return 1;
	if (allow_html && strcmp(v, "html") == 0)
		return 2;
	return -1;
}

int cli_write_output(const char *path, const px_buf *b)
{
	return px_buf_write_file(b, path);
}

ssize_t cli_read_head(const char *path, char *buf, size_t size)
{
	/* O_NONBLOCK: a FIFO opens at once, and is then no regular file */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || size == 0) {
		close(fd);
		return -1;
	}
	size_t n = 0;
	while (n + 1 < size) {
		ssize_t r = read(fd, buf + n, size - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	return (ssize_t)n;
}

/* Does the file at `path` hold an output of paralex (an Akoma Ntoso
 * document whose manifestation names paralex, a paralex HTML report, a
 * paralex JSON report, a batch report in JSON Lines, JUnit or SARIF)? Read
 * from its first 64 KiB. */
static bool written_by_paralex(const char *path)
{
	static char buf[65537];
	if (cli_read_head(path, buf, sizeof buf) < 0)
		return false;
	return strstr(buf, "/akn/ontology/organization/paralex") || strstr(buf, "name=\"generator\" content=\"paralex") ||
		strncmp(buf, "{\"findings\":", 12) == 0 ||
		/* the reports of batch and merge: JSON Lines, JUnit, SARIF */
		strncmp(buf, "{\"entry\":", 9) == 0 || strncmp(buf, "{\"summary\":", 11) == 0 ||
		strncmp(buf, "# paralex batch report\n", 23) == 0 ||
		strstr(buf, "<testsuites name=\"paralex batch\"") || strstr(buf, "\"driver\":{\"name\":\"paralex\"");
}

int cli_check_output(const char *output, char *const *inputs, int ninputs, bool force, bool dir)
{
	if (!output || strcmp(output, "-") == 0)
		return EXIT_CLEAN;
	struct stat so;
	bool exists = stat(output, &so) == 0;
	char *rout = exists ? realpath(output, NULL) : NULL;
	for (int i = 0; i < ninputs; i++) {
		if (!inputs[i] || strcmp(inputs[i], "-") == 0)
			continue;
		struct stat si;
		if (stat(inputs[i], &si) != 0)
			continue; /* reported when it is read */
		if (exists && !dir && si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
			fprintf(stderr, "%s: error: the output is the input '%s'; refusing to overwrite an input\n", output,
				inputs[i]);
			free(rout);
			return EXIT_USAGE;
		}
		if (exists && dir && rout) {
			char *rin = realpath(inputs[i], NULL);
			size_t l = strlen(rout);
			bool inside = rin && strncmp(rin, rout, l) == 0 && (rin[l] == '/' || l == 1);
			free(rin);
			if (inside) {
				fprintf(stderr, "%s: error: the output directory holds the input '%s'; refusing to replace it\n",
					output, inputs[i]);
				free(rout);
				return EXIT_USAGE;
			}
		}
	}
	free(rout);
	if (!exists || force)
		return EXIT_CLEAN;
	if (dir) {
		if (!S_ISDIR(so.st_mode)) {
			fprintf(stderr, "%s: error: exists and is not a directory\n", output);
			return EXIT_USAGE;
		}
		/* a directory that paralex wrote (it holds the mark) or an empty one */
		char mark[4096];
		snprintf(mark, sizeof mark, "%s/%s", output, CLI_OUTPUT_DIR_MARK);
		DIR *d = opendir(output);
		bool empty = true;
		for (struct dirent *e; d && (e = readdir(d)) != NULL;)
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				empty = false;
		if (d)
			closedir(d);
		if (!empty && access(mark, F_OK) != 0) {
			fprintf(stderr, "%s: error: the directory exists, is not empty and was not written by paralex; "
				"use --force to replace it\n", output);
			return EXIT_USAGE;
		}
		return EXIT_CLEAN;
	}
	if (S_ISREG(so.st_mode) && !written_by_paralex(output)) {
		fprintf(stderr, "%s: error: the file exists and was not written by paralex; use --force to replace it\n",
			output);
		return EXIT_USAGE;
	}
	return EXIT_CLEAN;
}
