/* paralex validate: the profile schema and rules, for one or many files. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "common.h"

int cmd_validate(int argc, char **argv)
{
	const struct cli_command *self = cli_find_command("validate");
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "akn", required_argument, NULL, 'a' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int format = 0;
	bool quiet = false;
	const char *akn = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "f:a:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((format = cli_parse_format(optarg, false)) < 0)
				return cli_usage_error(self, "unknown format '%s' (text or json)", optarg);
			break;
		case 'a': akn = optarg; break;
		case 'q': quiet = true; break;
		case 'h': return cli_print_help(self);
		default:
			return cli_usage_error(self, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error(self, "no file given");

	px_validator *v = NULL;
	if (px_validator_new(&v, &(px_validator_options){ PX_VALIDATOR_OPTIONS_VERSION,
		akn ? PX_VALIDATE_OFFICIAL : PX_VALIDATE_DEFAULT, akn }) < 0)
		return cli_report_error(EXIT_USAGE);
	px_diags *diags = NULL;
	if (px_diags_new(&diags) < 0) {
		px_validator_free(v);
		return cli_report_error(EXIT_USAGE);
	}
	int rc = EXIT_CLEAN;
	for (int i = optind; i < argc; i++) {
		size_t before = px_diags_count(diags);
		/* the document's kind is shown with its result */
		px_doc *doc = NULL;
		char kind[32] = "";
		int r;
		if (px_doc_load_file(&doc, argv[i]) == 0) {
			r = px_validate_doc(v, doc, diags);
			if (px_doc_type(doc))
				snprintf(kind, sizeof kind, " (%s)", px_doc_type(doc));
			px_doc_free(doc);
		} else {
			r = px_validate_file(v, argv[i], diags); /* reports why it cannot be read */
		}
		if (r == PX_EINPUT || r == PX_EIO)
			rc = EXIT_USAGE;
		else if (r == PX_EINVALID && rc == EXIT_CLEAN)
			rc = EXIT_FINDINGS;
		else if (r < 0 && r != PX_EINVALID) {
			rc = cli_report_error(EXIT_USAGE);
			break;
		}
		if (format == 0) {
			/* findings of one file, in order, as soon as it is done */
			px_buf out = PX_BUF_INIT;
			for (size_t k = before; k < px_diags_count(diags); k++)
				px_diag_format_text(px_diags_get(diags, k), &out);
			if (r == 0 && !quiet)
				px_buf_printf(&out, "%s: valid%s\n", argv[i], kind);
			FILE *f = (r == PX_EINPUT || r == PX_EIO) ? stderr : stdout;
			if (out.size)
				fwrite(out.ptr, 1, out.size, f);
			fflush(f);
			px_buf_dispose(&out);
		}
	}
	if (format == 1) {
		px_buf out = PX_BUF_INIT;
		px_diags_format_json(diags, NULL, &out);
		fwrite(out.ptr, 1, out.size, stdout);
		px_buf_dispose(&out);
	}
	px_diags_free(diags);
	px_validator_free(v);
	return rc;
}
