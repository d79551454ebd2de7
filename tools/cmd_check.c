/* paralex check: compare the Russian and the Chinese expression of a work. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"

/* Load a document: our XML when the content starts with '<' (after a BOM and
 * white space), else a plain text imported on the fly (the library then
 * places its units, and so the findings, at their lines in the text). */
static int load_input(px_doc **out, const char *path, px_diags *found, px_validator **val)
{
	px_buf b = PX_BUF_INIT;
	if (px_buf_read_file(&b, path, PX_DOC_MAX_SIZE) < 0)
		return cli_report_error(EXIT_USAGE);
	const char *p = b.ptr ? b.ptr : "";
	size_t i = cli_content_start(p, b.size);
	int rc = 0;
	if (i < b.size && p[i] == '<') {
		/* a file is loaded again by the library, which then holds its tree
		 * and not its bytes (they are read again for columns); standard
		 * input is loaded from the bytes read */
		int lr;
		if (strcmp(path, "-") != 0) {
			px_buf_dispose(&b);
			lr = px_doc_load_file(out, path);
		} else {
			lr = px_doc_load_memory(out, p, b.size, path);
		}
		if (lr < 0) {
			rc = cli_report_error(EXIT_USAGE);
		} else {
			/* the document is checked against the profile first: what is
			 * wrong with it is a finding of the pair (duplicate eIds, an
			 * element of another vocabulary, another kind of document) */
			if ((!*val && px_validator_new(val, NULL) < 0) ||
				px_validate_doc(*val, *out, found) == PX_ENOMEM)
				rc = cli_report_error(EXIT_USAGE);
		}
	} else {
		px_diags *d = NULL;
		if (px_diags_new(&d) < 0) {
			px_buf_dispose(&b);
			return cli_report_error(EXIT_USAGE);
		}
		/* the language by the script, so that texts given the other way round
		 * are told as documents are; a structural defect of the text (a
		 * numbering gap, a line that cannot be placed) is a finding of the
		 * pair, and the comparison goes on */
		int r = px_import_text(out, p, b.size, path, PX_LANG_AUTO, NULL, d);
		if (r < 0) {
			px_buf msgs = PX_BUF_INIT;
			px_diags_format_text(d, &msgs);
			if (msgs.size)
				fwrite(msgs.ptr, 1, msgs.size, stderr);
			else
				cli_report_error(EXIT_USAGE);
			px_buf_dispose(&msgs);
			rc = EXIT_USAGE;
		} else {
			for (size_t k = 0; k < px_diags_count(d) && rc == 0; k++)
				if (px_diags_add(found, px_diags_get(d, k)) < 0)
					rc = cli_report_error(EXIT_USAGE);
		}
		px_diags_free(d);
	}
	px_buf_dispose(&b);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	const struct cli_command *self = cli_find_command("check");
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "accept", required_argument, NULL, 'a' },
		{ "tbx", required_argument, NULL, 't' },
		{ "registry", required_argument, NULL, 'r' },
		{ "collation-order", no_argument, NULL, 'C' },
		{ "no-terms", no_argument, NULL, 'T' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int format = 0;
	const char *output = NULL;
	px_check_options co = PX_CHECK_OPTIONS_INIT;
	bool force = false;
	const char **tbx = calloc((size_t)argc + 1, sizeof *tbx);
	if (!tbx)
		return EXIT_USAGE;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "f:o:a:t:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((format = cli_parse_format(optarg, true)) < 0) {
				free(tbx);
				return cli_usage_error(self, "unknown format '%s' (text, json or html)", optarg);
			}
			break;
		case 'o': output = optarg; break;
		case 'a': co.accept_path = optarg; break;
		case 't': tbx[co.ntbx++] = optarg; break;
		case 'r': co.registry_path = optarg; break;
		case 'C': co.flags |= PX_CHECK_COLLATION_ORDER; break;
		case 'T': co.flags |= PX_CHECK_NO_TERMS; break;
		case 'F': force = true; break;
		case 'h': free(tbx); return cli_print_help(self);
		default:
			free(tbx);
			return cli_usage_error(self, "unknown option '%s'", argv[optind - 1]);
		}
	}
	co.tbx = tbx;
	if (argc - optind != 2) {
		free(tbx);
		return cli_usage_error(self, argc - optind < 2 ? "two files needed: the Russian and the Chinese text"
							: "too many files: the Russian and the Chinese text");
	}
	int oc = cli_check_output(output, argv + optind, 2, force, false);
	if (oc != EXIT_CLEAN) {
		free(tbx);
		return oc;
	}
	px_doc *ru = NULL, *zh = NULL;
	px_checker *chk = NULL;
	px_alignment *al = NULL;
	px_validator *val = NULL; /* one for both inputs, made for the first XML one */
	px_diags *diags = NULL;
	px_buf out = PX_BUF_INIT;
	px_diags *imported = NULL;
	int rc = px_diags_new(&imported) < 0 ? cli_report_error(EXIT_USAGE) : 0;
	if (rc == 0)
		rc = load_input(&ru, argv[optind], imported, &val);
	if (rc == 0)
		rc = load_input(&zh, argv[optind + 1], imported, &val);
	if (rc == 0 && px_doc_lang(ru) == PX_LANG_ZH && px_doc_lang(zh) == PX_LANG_RU) {
		px_doc *t = ru; /* given the other way round: no harm in that */
		ru = zh;
		zh = t;
	}
	if (rc == 0 && (px_checker_new(&chk, &co) < 0 || px_diags_new(&diags) < 0))
		rc = cli_report_error(EXIT_USAGE);
	/* not a document of the profile, or in no language of a pair: its
	 * findings say so, and there is nothing to compare */
	bool comparable = true;
	for (size_t k = 0; rc == 0 && k < px_diags_count(imported); k++) {
		const char *r = px_diags_get(imported, k)->rule;
		if (r && (strcmp(r, "PX005") == 0 || strcmp(r, "PX017") == 0 || strcmp(r, "PX020") == 0))
			comparable = false;
	}
	if (rc == 0 && !comparable) {
		for (size_t k = 0; k < px_diags_count(imported); k++)
			if (px_diags_add(diags, px_diags_get(imported, k)) < 0)
				rc = cli_report_error(EXIT_USAGE);
		if (rc == 0)
			rc = EXIT_FINDINGS;
		px_diags_free(imported);
		imported = NULL;
		if (px_diags_new(&imported) < 0)
			rc = cli_report_error(EXIT_USAGE);
	}
	if (rc == 0 && comparable) {
		int r = px_check_pair_aligned(chk, ru, zh, diags, &al);
		if (r == PX_EUSAGE)
			rc = cli_usage_error(self, "%s", px_error_last()->message);
		else if (r < 0 && r != PX_EINVALID)
			rc = cli_report_error(EXIT_USAGE);
		else
			rc = r == PX_EINVALID ? EXIT_FINDINGS : EXIT_CLEAN;
		/* what the import of a plain text found, at its lines in the text */
		for (size_t k = 0; rc != EXIT_USAGE && k < px_diags_count(imported); k++) {
			const px_diag *g = px_diags_get(imported, k);
			if (px_diags_add(diags, g) < 0)
				rc = cli_report_error(EXIT_USAGE);
			else if (g->severity >= PX_SEV_WARNING)
				rc = EXIT_FINDINGS; /* notes (info) do not fail the run */
		}
	}
	if (rc != EXIT_USAGE) {
		int w;
		if (format == 1) {
			px_json_options jo = PX_JSON_OPTIONS_INIT;
			jo.ru = ru;
			jo.zh = zh;
			jo.alignment = al;
			w = px_diags_format_json(diags, &jo, &out);
		} else if (format == 2) {
			char when[32];
			time_t now = time(NULL);
			struct tm tm;
			strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
			px_report_options ro = PX_REPORT_OPTIONS_INIT;
			ro.generated_at = when;
			ro.alignment = al; /* each row as the checker paired it */
			w = px_report_html(ru, zh, diags, &ro, &out);
		} else {
			w = px_diags_format_text(diags, &out);
		}
		if (w < 0 || cli_write_output(output ? output : "-", &out) < 0)
			rc = cli_report_error(EXIT_USAGE);
		else if (output && strcmp(output, "-") != 0)
			printf("%s\n", output);
	}
	px_buf_dispose(&out);
	px_diags_free(diags);
	px_diags_free(imported);
	px_checker_free(chk);
	px_alignment_free(al);
	px_validator_free(val);
	px_doc_free(ru);
	px_doc_free(zh);
	free(tbx);
	return rc;
}
