/* paralex check: compare the Russian and the Chinese expression of a work. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"

/* Load a document: our XML when the content starts with '<' (after a BOM and
 * white space), else a plain text imported on the fly. */
static int load_input(px_doc **out, const char *path, px_lang lang)
{
	px_buf b = PX_BUF_INIT;
	if (px_buf_read_file(&b, path, PX_DOC_MAX_SIZE) < 0)
		return px_report_error(EXIT_USAGE);
	const char *p = b.ptr ? b.ptr : "";
	size_t i = 0;
	if (b.size >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < b.size && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	int rc = 0;
	if (i < b.size && p[i] == '<') {
		if (px_doc_load_memory(out, p, b.size, path) < 0)
			rc = px_report_error(EXIT_USAGE);
	} else {
		px_diags *d = NULL;
		if (px_diags_new(&d) < 0) {
			px_buf_dispose(&b);
			return px_report_error(EXIT_USAGE);
		}
		int r = px_import_text(out, p, b.size, path, lang, NULL, d);
		if (r < 0) {
			px_buf msgs = PX_BUF_INIT;
			px_diags_format_text(d, &msgs);
			if (msgs.size)
				fwrite(msgs.ptr, 1, msgs.size, stderr);
			else
				px_report_error(EXIT_USAGE);
			px_buf_dispose(&msgs);
			rc = EXIT_USAGE;
		}
		px_diags_free(d);
	}
	px_buf_dispose(&b);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	const struct px_command *self = px_find_command("check");
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "accept", required_argument, NULL, 'a' },
		{ "tbx", required_argument, NULL, 't' },
		{ "registry", required_argument, NULL, 'r' },
		{ "collation-order", no_argument, NULL, 'C' },
		{ "no-terms", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int format = 0;
	const char *output = NULL;
	px_check_options co = PX_CHECK_OPTIONS_INIT;
	const char **tbx = calloc((size_t)argc + 1, sizeof *tbx);
	if (!tbx)
		return EXIT_USAGE;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+f:o:a:t:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((format = px_parse_format(optarg, true)) < 0) {
				free(tbx);
				return px_usage_error(self, "unknown format '%s' (text, json or html)", optarg);
			}
			break;
		case 'o': output = optarg; break;
		case 'a': co.accept_path = optarg; break;
		case 't': tbx[co.ntbx++] = optarg; break;
		case 'r': co.registry_path = optarg; break;
		case 'C': co.flags |= PX_CHECK_COLLATION_ORDER; break;
		case 'T': co.flags |= PX_CHECK_NO_TERMS; break;
		case 'h': free(tbx); return px_print_help(self);
		default:
			free(tbx);
			return px_usage_error(self, "unknown option '%s'", argv[optind - 1]);
		}
	}
	co.tbx = tbx;
	if (argc - optind != 2) {
		free(tbx);
		return px_usage_error(self, argc - optind < 2 ? "two files needed: the Russian and the Chinese text"
							: "too many files: the Russian and the Chinese text");
	}
	px_doc *ru = NULL, *zh = NULL;
	px_checker *chk = NULL;
	px_diags *diags = NULL;
	px_buf out = PX_BUF_INIT;
	int rc = load_input(&ru, argv[optind], PX_LANG_RU);
	if (rc == 0)
		rc = load_input(&zh, argv[optind + 1], PX_LANG_ZH);
	if (rc == 0 && px_doc_lang(ru) && px_doc_lang(zh) && strcmp(px_doc_lang(ru), "zho") == 0 &&
		strcmp(px_doc_lang(zh), "rus") == 0) {
		px_doc *t = ru; /* given the other way round: no harm in that */
		ru = zh;
		zh = t;
	}
	if (rc == 0 && (px_checker_new(&chk, &co) < 0 || px_diags_new(&diags) < 0))
		rc = px_report_error(EXIT_USAGE);
	if (rc == 0) {
		int r = px_check_pair(chk, ru, zh, diags);
		if (r == PX_EUSAGE)
			rc = px_usage_error(self, "%s", px_error_last()->message);
		else if (r < 0 && r != PX_EINVALID)
			rc = px_report_error(EXIT_USAGE);
		else
			rc = r == PX_EINVALID ? EXIT_FINDINGS : EXIT_CLEAN;
	}
	if (rc != EXIT_USAGE) {
		int w;
		if (format == 1) {
			w = px_check_format_json(diags, ru, zh, &out);
		} else if (format == 2) {
			char when[32];
			time_t now = time(NULL);
			struct tm tm;
			strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
			px_report_options ro = PX_REPORT_OPTIONS_INIT;
			ro.generated_at = when;
			w = px_report_html(ru, zh, diags, &ro, &out);
		} else {
			w = px_diags_format_text(diags, &out);
		}
		if (w < 0 || px_write_output(output ? output : "-", &out) < 0)
			rc = px_report_error(EXIT_USAGE);
		else if (output && strcmp(output, "-") != 0)
			printf("%s\n", output);
	}
	px_buf_dispose(&out);
	px_diags_free(diags);
	px_checker_free(chk);
	px_doc_free(ru);
	px_doc_free(zh);
	free(tbx);
	return rc;
}
