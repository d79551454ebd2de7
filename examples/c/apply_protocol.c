/*
 * apply_protocol: apply one amending protocol to a bilingual document.
 *
 *     apply_protocol BASE.ru.xml BASE.zh.xml PROTOCOL.ru.xml PROTOCOL.zh.xml OUT
 *
 * All four inputs are documents of the paralex profile (Akoma Ntoso XML): the
 * base document in Russian and in Chinese, then the amending protocol in
 * Russian and in Chinese (docs/amend.md describes the protocol's markup).
 * The consolidated pair is validated and checked for parity, then written
 * with the Russian redline (the whole text with <ins> and <del>):
 *
 *   OUT a directory (it exists, or OUT ends with '/': it is then created):
 *       OUT/NAME.ru.xml  OUT/NAME.zh.xml  OUT/redline.ru.html
 *       where NAME is BASE.ru.xml's file name without ".ru.xml";
 *   OUT anything else, a prefix:
 *       OUT.ru.xml  OUT.zh.xml  OUT.redline.ru.html
 *
 * and one line is printed:
 *     applied 1 instrument; 5 units changed: OUT/… OUT/… OUT/…
 *
 * Exit status: 0 when the files were written (a note the consolidation made
 * on the way, if any, is printed on standard error); 1 when the protocol
 * cannot be applied: the findings are printed on standard error as
 * FILE:LINE:COL: severity[RULE]: message, and nothing is written; 2 when
 * something failed (an unreadable input, a file that cannot be written): the
 * library's last error is printed on standard error as FILE:LINE:COL: message.
 *
 * Build against an installed libparalex:
 *     cc -std=c11 -Wall -Wextra apply_protocol.c $(pkg-config --cflags --libs paralex) -o apply_protocol
 *
 * `paralex amend` does the same with any number of protocols and writes
 * every other rendering too (plain texts, comparison tables, eId map,
 * timeline).
 */
#define _POSIX_C_SOURCE 200809L /* stat(), mkdir() */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <paralex/paralex.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_FAILED = 2 };

/* The library's last error as FILE:LINE:COL: error[RULE]: message (the parts
 * that are known), or "apply_protocol: error: message" when it names no file. */
static int report_error(void)
{
	const px_error *e = px_error_last(); /* never NULL; borrowed */
	if (e->file) {
		fputs(e->file, stderr);
		if (e->line > 0)
			fprintf(stderr, ":%d", e->line);
		if (e->line > 0 && e->col > 0)
			fprintf(stderr, ":%d", e->col);
	} else {
		fputs("apply_protocol", stderr);
	}
	if (e->rule)
		fprintf(stderr, ": error[%s]: %s\n", e->rule, e->message);
	else
		fprintf(stderr, ": error: %s\n", e->message && e->message[0] ? e->message : "failed");
	return EXIT_FAILED;
}

/* Findings as text lines, FILE:LINE:COL: severity[RULE]: message, on
 * standard error (px_diags_format_text() is the library's one text writer). */
static void print_findings(const px_diags *findings)
{
	px_buf text = PX_BUF_INIT;
	if (px_diags_format_text(findings, &text) == 0 && text.size)
		fwrite(text.ptr, 1, text.size, stderr);
	px_buf_dispose(&text);
}

/* malloc'd "a" "b" "c" (b and c may be ""), or NULL when out of memory */
static char *concat(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *s = malloc(la + lb + lc + 1);
	if (s) {
		memcpy(s, a, la);
		memcpy(s + la, b, lb);
		memcpy(s + la + lb, c, lc + 1);
	}
	return s;
}

/*
 * The three output paths for OUT (see the top of the file). The base name
 * of a directory's files is that of the Russian base file without ".ru.xml".
 * Returns 0, or -1 with a message printed.
 */
static int output_paths(const char *out, const char *base_ru, char *paths[3])
{
	size_t len = strlen(out);
	struct stat st;
	int is_dir = len > 0 && out[len - 1] == '/';
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
		is_dir = 1;
	else if (is_dir && mkdir(out, 0777) != 0) {
		fprintf(stderr, "%s: error: cannot create the directory: %s\n", out, strerror(errno));
		return -1;
	}
	if (is_dir) {
		const char *name = strrchr(base_ru, '/');
		name = name ? name + 1 : base_ru;
		char *stem = concat(name, "", "");
		if (!stem)
			goto nomem;
		size_t sl = strlen(stem);
		if (sl > 7 && strcmp(stem + sl - 7, ".ru.xml") == 0)
			stem[sl - 7] = '\0';
		const char *sep = out[len - 1] == '/' ? "" : "/";
		char *dir = concat(out, sep, "");
		if (dir) {
			paths[0] = concat(dir, stem, ".ru.xml");
			paths[1] = concat(dir, stem, ".zh.xml");
			paths[2] = concat(dir, "redline.ru.html", "");
		}
		free(dir);
		free(stem);
	} else {
		paths[0] = concat(out, ".ru.xml", "");
		paths[1] = concat(out, ".zh.xml", "");
		paths[2] = concat(out, ".redline.ru.html", "");
	}
	if (paths[0] && paths[1] && paths[2])
		return 0;
nomem:
	fprintf(stderr, "apply_protocol: error: out of memory\n");
	return -1;
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: %s BASE.ru.xml BASE.zh.xml PROTOCOL.ru.xml PROTOCOL.zh.xml OUTDIR/|PREFIX\n",
			argc > 0 ? argv[0] : "apply_protocol");
		return EXIT_FAILED;
	}
	px_library_init(); /* once, before any other call; px_library_shutdown() at the end */

	/* Everything the program owns, NULL until made: every px_*_free() and
	 * free() accepts NULL, so one clean-up path at the end serves every exit. */
	px_doc *docs[4] = { NULL, NULL, NULL, NULL }; /* base ru, base zh, protocol ru, protocol zh */
	px_instrument *protocol = NULL;
	px_validator *validator = NULL;
	px_checker *checker = NULL;
	px_diags *findings = NULL;
	px_doc *result_ru = NULL, *result_zh = NULL;
	px_consolidation_report *report = NULL;
	px_buf redline = PX_BUF_INIT;
	char *paths[3] = { NULL, NULL, NULL };
	int status = EXIT_FAILED;

	if (px_diags_new(&findings) < 0) {
		report_error();
		goto out;
	}
	for (int i = 0; i < 4; i++) {
		/* a failure to load names the file, line and column of the problem */
		if (px_doc_load_file(&docs[i], argv[1 + i]) < 0) {
			report_error();
			goto out;
		}
	}

	/* The instrument: the two protocols, checked to carry the same
	 * operations (PX090, PX091, PX102 when they do not). It borrows the
	 * two documents, which must outlive it. */
	int rc = px_instrument_new(&protocol, docs[2], docs[3], findings);
	if (rc == PX_EINVALID) {
		print_findings(findings);
		status = EXIT_FINDINGS;
		goto out;
	}
	if (rc < 0) {
		report_error();
		goto out;
	}

	/* A validator (the profile schema built into the library; NULL options:
	 * not the official OASIS schema) and a checker (built-in registry and
	 * termbase) make the consolidation refuse a result that would not
	 * validate (PX100) or whose languages would no longer agree (PX101). */
	if (px_validator_new(&validator, NULL) < 0 || px_checker_new(&checker, NULL) < 0) {
		report_error();
		goto out;
	}

	/* The options struct: declared with its initialiser (which sets its
	 * version), then what differs from the defaults. No as_of: every
	 * instrument given is applied. `report` receives what the renderings
	 * (redline, comparison tables, eId map, timeline) need. */
	px_consolidate_options opts = PX_CONSOLIDATE_OPTIONS_INIT;
	opts.validator = validator;
	opts.checker = checker;
	opts.report = &report;

	/* All or nothing: on PX_EINVALID there are only findings, no result;
	 * the inputs are never modified. */
	rc = px_consolidate(&result_ru, &result_zh, docs[0], docs[1], &protocol, 1, &opts, findings);
	if (rc == PX_EINVALID) {
		print_findings(findings);
		status = EXIT_FINDINGS;
		goto out;
	}
	if (rc < 0) {
		report_error();
		goto out;
	}

	/* Render the redline into memory before anything is written. */
	if (px_redline_html(report, PX_LANG_RU, &redline) < 0) {
		report_error();
		goto out;
	}
	if (output_paths(argv[5], argv[1], paths) < 0)
		goto out;

	/* px_doc_save_file() writes the canonical form atomically (a temporary
	 * file, then rename), as px_buf_write_file() does for the page. */
	if (px_doc_save_file(result_ru, paths[0]) < 0 || px_doc_save_file(result_zh, paths[1]) < 0 ||
		px_buf_write_file(&redline, paths[2]) < 0) {
		report_error();
		goto out;
	}

	/* A successful consolidation may still have noted something (an info,
	 * say); like `paralex amend`, show it, and succeed: the files are written. */
	if (px_diags_count(findings) > 0)
		print_findings(findings);
	size_t applied = px_consolidation_applied(report), changed = px_consolidation_changes(report);
	printf("applied %zu instrument%s; %zu unit%s changed: %s %s %s\n", applied, applied == 1 ? "" : "s",
		changed, changed == 1 ? "" : "s", paths[0], paths[1], paths[2]);
	status = EXIT_CLEAN;

out:
	for (int i = 0; i < 3; i++)
		free(paths[i]);
	px_buf_dispose(&redline);
	px_consolidation_report_free(report);
	px_doc_free(result_ru);
	px_doc_free(result_zh);
	px_instrument_free(protocol); /* before the documents it borrows */
	px_checker_free(checker);
	px_validator_free(validator);
	px_diags_free(findings);
	for (int i = 0; i < 4; i++)
		px_doc_free(docs[i]);
	px_library_shutdown();
	return status;
}
