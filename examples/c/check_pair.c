/*
 * check_pair: the parity check of a Russian and a Chinese text, as JSON.
 *
 *     check_pair RU ZH
 *
 * RU and ZH are documents of the paralex profile (Akoma Ntoso XML, as
 * `paralex import` writes them) or plain texts in the official layout: a
 * file whose first character (after a UTF-8 BOM and white space) is '<' is
 * loaded as XML, any other is imported on the fly, as `paralex check` does.
 * The findings are printed on standard output as one JSON document (the
 * format of `paralex check --format json`, docs/outputs.md), with the two
 * files named in its summary and the alignment of their units.
 *
 * Exit status: 0 when the texts agree (info findings do not count), 1 when
 * there are errors or warnings, 2 when something failed (an unreadable
 * file, a text that is not a document, two texts of one language): the
 * library's last error is then printed on standard error as
 * FILE:LINE:COL: message.
 *
 * Build against an installed libparalex:
 *     cc -std=c11 -Wall -Wextra check_pair.c $(pkg-config --cflags --libs paralex) -o check_pair
 *
 * The example only uses the public API: <paralex/paralex.h> declares all of
 * it. Every px_* function that can fail returns 0 or a negative
 * px_error_code, and then px_error_last() says what went wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paralex/paralex.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_FAILED = 2 };

/* Print the calling thread's last error of the library the way compilers
 * print theirs: FILE:LINE:COL: error[RULE]: message (the parts that are
 * known), or "check_pair: error: message" when it names no file. */
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
		fputs("check_pair", stderr);
	}
	if (e->rule) /* an input error of a registered rule, e.g. PX002: not UTF-8 */
		fprintf(stderr, ": error[%s]: %s\n", e->rule, e->message);
	else
		fprintf(stderr, ": error: %s\n", e->message && e->message[0] ? e->message : "failed");
	return EXIT_FAILED;
}

/*
 * Load one side of the pair into *out. What the import of a plain text
 * finds without failing (a line it could not place, an unknown signing
 * body, …) is appended to `findings`, which then hold those warnings beside
 * the check's own findings.
 */
static int load(px_doc **out, const char *path, px_diags *findings)
{
	/* The whole file into a px_buf, read with the same size limit that
	 * px_doc_load_file() applies. A px_buf starts as PX_BUF_INIT and is
	 * released with px_buf_dispose(). */
	px_buf text = PX_BUF_INIT;
	if (px_buf_read_file(&text, path, PX_DOC_MAX_SIZE) < 0)
		return -1;
	const char *p = text.ptr ? text.ptr : "";
	size_t i = 0;
	if (text.size >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a UTF-8 byte order mark */
	while (i < text.size && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	int rc;
	if (i < text.size && p[i] == '<') {
		/* XML: parsed safely (no DTD, no entities, no network); `path`
		 * names the document in messages and in the JSON */
		rc = px_doc_load_memory(out, p, text.size, path);
	} else {
		/* a plain text: PX_LANG_AUTO lets the script (Cyrillic or Han)
		 * decide its language; NULL options are the defaults (lenient: a
		 * structural defect is a warning, not a failure) */
		rc = px_import_text(out, p, text.size, path, PX_LANG_AUTO, NULL, findings);
	}
	px_buf_dispose(&text);
	return rc < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s RU.xml ZH.xml\n"
			"  (documents of the paralex profile, or plain texts)\n", argc > 0 ? argv[0] : "check_pair");
		return EXIT_FAILED;
	}

	/* Once, from the main thread, before any other call (sets up libxml2);
	 * matched by px_library_shutdown() at the end. */
	px_library_init();

	/* Everything the program owns, NULL until made: every px_*_free()
	 * accepts NULL, so one clean-up path at the end serves every exit. */
	px_doc *ru = NULL, *zh = NULL;
	px_checker *checker = NULL;
	px_diags *findings = NULL;
	px_alignment *alignment = NULL;
	px_buf json = PX_BUF_INIT;
	int status = EXIT_FAILED;

	if (px_diags_new(&findings) < 0 || load(&ru, argv[1], findings) < 0 || load(&zh, argv[2], findings) < 0) {
		report_error();
		goto out;
	}

	/* A checker holds the compiled registry, termbase, date formats and
	 * numeral tables; build it once and check any number of pairs with it
	 * (from several threads if need be: it is read-only during a check).
	 * NULL options: the built-in registry and termbase, no suppressions. */
	if (px_checker_new(&checker, NULL) < 0) {
		report_error();
		goto out;
	}

	/* The check. It returns 0 when the pair has no error and no warning,
	 * PX_EINVALID when it has (the findings are in `findings` either way),
	 * and another negative code when it could not compare the pair at all:
	 * PX_EUSAGE, for instance, when the documents are not a Russian and a
	 * Chinese expression, in that order. The alignment (which unit of one
	 * text the checker paired with which of the other) is ours to free. */
	int rc = px_check_pair_aligned(checker, ru, zh, findings, &alignment);
	if (rc < 0 && rc != PX_EINVALID) {
		report_error();
		goto out;
	}

	/* The JSON document: with `ru` and `zh` set, the findings are a pair's
	 * (each has its place in both texts, the summary names both files), and
	 * with `alignment` set, the rows of the alignment follow them. */
	px_json_options jo = PX_JSON_OPTIONS_INIT;
	jo.ru = ru;
	jo.zh = zh;
	jo.alignment = alignment;
	if (px_diags_format_json(findings, &jo, &json) < 0) {
		report_error();
		goto out;
	}
	fwrite(json.ptr, 1, json.size, stdout);
	if (json.size == 0 || json.ptr[json.size - 1] != '\n')
		putchar('\n');
	if (fflush(stdout) != 0) {
		perror("check_pair: standard output");
		goto out;
	}

	/* Errors and warnings fail the run, infos do not (nor do findings a
	 * suppression file accepted); this also counts the import's warnings. */
	status = px_diags_count_at_least(findings, PX_SEV_WARNING) > 0 ? EXIT_FINDINGS : EXIT_CLEAN;

out:
	px_buf_dispose(&json);
	px_alignment_free(alignment);
	px_checker_free(checker);
	px_diags_free(findings);
	px_doc_free(ru);
	px_doc_free(zh);
	px_library_shutdown();
	return status;
}
