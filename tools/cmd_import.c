/* paralex import: a plain text (Russian or Chinese) to a document of the profile. */
#include <getopt.h>
#include <string.h>

#include "common.h"

/* --protocol --base BASE.xml: an amending protocol in prose, read against
 * its base into the structured instrument. */
static int import_protocol(const struct cli_command *self, const char *input, const char *base_path,
	const char *output)
{
	px_doc *base = NULL, *doc = NULL;
	px_diags *diags = NULL;
	px_buf text = PX_BUF_INIT;
	int rc = EXIT_CLEAN;
	if (px_diags_new(&diags) < 0 || px_doc_load_file(&base, base_path) < 0 ||
		px_buf_read_file(&text, input, PX_DOC_MAX_SIZE) < 0) {
		rc = cli_report_error(EXIT_USAGE);
	} else {
		int r = px_protocol_import(&doc, text.ptr ? text.ptr : "", text.size, input, base, NULL, diags);
		px_buf msgs = PX_BUF_INIT;
		px_diags_format_text(diags, &msgs);
		if (msgs.size)
			fwrite(msgs.ptr, 1, msgs.size, stderr);
		px_buf_dispose(&msgs);
		if (r == PX_EINVALID)
			rc = EXIT_FINDINGS; /* reported above, nothing written */
		else if (r == PX_EUSAGE)
			rc = cli_usage_error(self, "%s", px_error_last()->message);
		else if (r < 0)
			rc = px_diags_count(diags) ? EXIT_USAGE : cli_report_error(EXIT_USAGE);
		else if (px_doc_save_file(doc, output) < 0)
			rc = cli_report_error(EXIT_USAGE);
		else
			rc = px_diags_count_at_least(diags, PX_SEV_WARNING) ? EXIT_FINDINGS : EXIT_CLEAN;
	}
	px_buf_dispose(&text);
	px_doc_free(doc);
	px_doc_free(base);
	px_diags_free(diags);
	return rc;
}

int cmd_import(int argc, char **argv)
{
	const struct cli_command *self = cli_find_command("import");
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "date", required_argument, NULL, 'd' },
		{ "number", required_argument, NULL, 'n' },
		{ "kind", required_argument, NULL, 'k' },
		{ "strict", no_argument, NULL, 's' },
		{ "protocol", no_argument, NULL, 'P' },
		{ "base", required_argument, NULL, 'b' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	px_lang lang = PX_LANG_AUTO;
	const char *output = "-";
	px_import_options io = PX_IMPORT_OPTIONS_INIT;
	bool force = false, protocol = false;
	const char *base_path = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "l:o:d:n:k:sh", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (strcmp(optarg, "ru") == 0)
				lang = PX_LANG_RU;
			else if (strcmp(optarg, "zh") == 0)
				lang = PX_LANG_ZH;
			else if (strcmp(optarg, "auto") == 0)
				lang = PX_LANG_AUTO;
			else
				return cli_usage_error(self, "unknown language '%s' (ru, zh or auto)", optarg);
			break;
		case 'o': output = optarg; break;
		case 'd': io.date = optarg; break;
		case 'n': io.number = optarg; break;
		case 'k': io.kind = optarg; break;
		case 's': io.strict = 1; break;
		case 'P': protocol = true; break;
		case 'b': base_path = optarg; break;
		case 'F': force = true; break;
		case 'h': return cli_print_help(self);
		default:
			return cli_usage_error(self, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error(self, "no file given");
	if (optind + 1 < argc)
		return cli_usage_error(self, "one file at a time");
	const char *input = argv[optind];
	if (protocol != (base_path != NULL))
		return cli_usage_error(self, "--protocol and --base go together");
	char *inputs[2] = { argv[optind], (char *)base_path };
	int oc = cli_check_output(output, inputs, base_path ? 2 : 1, force, false);
	if (oc != EXIT_CLEAN)
		return oc;
	if (protocol)
		return import_protocol(self, input, base_path, output);

	px_diags *diags = NULL;
	if (px_diags_new(&diags) < 0)
		return cli_report_error(EXIT_USAGE);
	px_doc *doc = NULL;
	int r = px_import_file(&doc, input, lang, &io, diags);
	px_buf msgs = PX_BUF_INIT;
	px_diags_format_text(diags, &msgs);
	if (msgs.size)
		fwrite(msgs.ptr, 1, msgs.size, stderr);
	px_buf_dispose(&msgs);
	int rc;
	const char *rule = px_error_last()->rule;
	const px_rule *why = r == PX_EINPUT && rule ? px_rule_find(rule) : NULL;
	if (why && strcmp(why->category, "import") == 0)
		rc = EXIT_FINDINGS; /* the text is not a document of this kind: reported above */
	else if (why)
		rc = EXIT_USAGE; /* not UTF-8: unreadable input, reported above */
	else if (r == PX_EUSAGE)
		rc = cli_usage_error(self, "%s", px_error_last()->message);
	else if (r < 0)
		rc = cli_report_error(EXIT_USAGE);
	else if (px_doc_save_file(doc, output) < 0)
		rc = cli_report_error(EXIT_USAGE);
	else
		rc = px_diags_count_at_least(diags, PX_SEV_WARNING) ? EXIT_FINDINGS : EXIT_CLEAN;
	px_doc_free(doc);
	px_diags_free(diags);
	return rc;
}
