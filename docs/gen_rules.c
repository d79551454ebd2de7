/*
 * gen_rules: write docs/rules.md from the library's rule registry
 * (px_rule_at(), registry in lib/src/core/rules.c), through the public
 * API only.
 *
 *   gen_rules                 the Markdown on standard output
 *   gen_rules FILE            the Markdown to FILE (temporary file, then
 *                             rename: a failed run leaves FILE as it was)
 *   gen_rules --check FILE    exit 1 if FILE differs from what the registry
 *                             gives (the test 'rules-doc')
 *
 * Built and run by docs/meson.build; `ninja -C build update-rules-doc`
 * rewrites the checked-in docs/rules.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paralex/paralex.h"

#define UPDATE_CMD "ninja -C build update-rules-doc"

static const char intro[] =
	"# Rule ids\n"
	"\n"
	"Every finding paralex reports carries a stable rule id. An id is never reused\n"
	"for another meaning.\n"
	"\n"
	"This file is generated from the library's rule registry\n"
	"(`lib/src/core/rules.c`) by `docs/gen_rules.c`: do not edit it by hand.\n"
	"After changing the registry, regenerate it with `" UPDATE_CMD "`\n"
	"(`meson compile -C build update-rules-doc`); the test `rules-doc` fails\n"
	"while it is out of date. The build also writes it to `build/docs/rules.md`\n"
	"and installs it with the documentation.\n"
	"\n"
	"| id | severity | category | meaning |\n"
	"| --- | --- | --- | --- |\n";

/* Append a table cell's text: '|' and '\' would end or break the cell. */
static int put_cell(px_buf *out, const char *s)
{
	int rc = 0;
	for (; *s && rc == 0; s++) {
		if (*s == '|' || *s == '\\')
			rc = px_buf_put(out, "\\", 1);
		if (rc == 0)
			rc = px_buf_put(out, *s == '\n' ? " " : s, 1);
	}
	return rc;
}

static int generate(px_buf *out)
{
	int rc = px_buf_puts(out, intro);
	for (size_t i = 0; rc == 0; i++) {
		const px_rule *r = px_rule_at(i);
		if (!r)
			break;
		rc = px_buf_puts(out, "| ");
		if (rc == 0) rc = put_cell(out, r->id);
		if (rc == 0) rc = px_buf_puts(out, " | ");
		if (rc == 0) rc = put_cell(out, px_severity_name(r->severity));
		if (rc == 0) rc = px_buf_puts(out, " | ");
		if (rc == 0) rc = put_cell(out, r->category);
		if (rc == 0) rc = px_buf_puts(out, " | ");
		if (rc == 0) rc = put_cell(out, r->summary);
		if (rc == 0) rc = px_buf_puts(out, " |\n");
	}
	return rc;
}

/* "gen_rules: FILE: message" from the library's last error. */
static void print_error(void)
{
	const px_error *e = px_error_last();
	fprintf(stderr, "gen_rules: %s%s%s\n",
		e->file ? e->file : "", e->file ? ": " : "",
		e->message ? e->message : "unknown error");
}

/* Print the first line where `have` (the file) and `want` differ. */
static void show_first_difference(const char *path, const char *have, size_t hlen,
	const char *want, size_t wlen)
{
	size_t i = 0, line = 1, bol = 0;
	while (i < hlen && i < wlen && have[i] == want[i]) {
		if (have[i] == '\n') {
			line++;
			bol = i + 1;
		}
		i++;
	}
	const char *h = have + bol, *w = want + bol;
	int hl = (int)(bol < hlen ? strcspn(h, "\n") : 0);
	int wl = (int)(bol < wlen ? strcspn(w, "\n") : 0);
	fprintf(stderr, "%s:%zu: first difference\n", path, line);
	if (bol < hlen)
		fprintf(stderr, "  file has:       %.*s\n", hl, h);
	else
		fprintf(stderr, "  file has:       (end of file)\n");
	if (bol < wlen)
		fprintf(stderr, "  registry gives: %.*s\n", wl, w);
	else
		fprintf(stderr, "  registry gives: (end of file)\n");
}

static int check(const char *path, const px_buf *want)
{
	px_buf have = PX_BUF_INIT;
	if (px_buf_read_file(&have, path, (size_t)16 << 20) < 0) {
		print_error();
		px_buf_dispose(&have);
		return 2;
	}
	const char *h = have.ptr ? have.ptr : "", *w = want->ptr ? want->ptr : "";
	int same = have.size == want->size && memcmp(h, w, have.size) == 0;
	if (!same) {
		fprintf(stderr,
			"gen_rules: %s is out of date with the rule registry (lib/src/core/rules.c).\n"
			"It is generated, never edited by hand: run `" UPDATE_CMD "`\n"
			"and commit the result.\n", path);
		show_first_difference(path, h, have.size, w, want->size);
	}
	px_buf_dispose(&have);
	return same ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *path = "-";
	int checking = 0;
	if (argc == 3 && strcmp(argv[1], "--check") == 0) {
		checking = 1;
		path = argv[2];
	} else if (argc == 2 && (argv[1][0] != '-' || strcmp(argv[1], "-") == 0)) {
		path = argv[1];
	} else if (argc != 1) {
		fprintf(stderr, "usage: gen_rules [FILE | --check FILE]\n");
		return 2;
	}

	px_buf md = PX_BUF_INIT;
	if (generate(&md) < 0) {
		print_error();
		px_buf_dispose(&md);
		return 2;
	}
	int status;
	if (checking) {
		status = check(path, &md);
	} else if (px_buf_write_file(&md, path) < 0) {
		print_error();
		status = 2;
	} else {
		status = 0;
	}
	px_buf_dispose(&md);
	return status;
}
