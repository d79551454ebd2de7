/* paralex render: a document written back in the official layout of its language. */
#include <getopt.h>
#include <string.h>

#include "common.h"

int cmd_render(int argc, char **argv)
{
	const struct cli_command *self = cli_find_command("render");
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = "-";
	bool force = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") != 0)
				return cli_usage_error(self, "unknown format '%s' (text)", optarg);
			break;
		case 'o': output = optarg; break;
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
	int oc = cli_check_output(output, argv + optind, 1, force, false);
	if (oc != EXIT_CLEAN)
		return oc;
	px_doc *doc = NULL;
	if (px_doc_load_file(&doc, argv[optind]) < 0)
		return cli_report_error(EXIT_USAGE);
	/* only a document of the profile is rendered: what is wrong with it is
	 * reported with its rule ids, and nothing is written */
	px_validator *v = NULL;
	px_diags *found = NULL;
	int vr = px_validator_new(&v, NULL) < 0 || px_diags_new(&found) < 0 ? PX_ENOMEM
		: px_validate_doc(v, doc, found);
	px_validator_free(v);
	if (vr < 0) {
		int rc = EXIT_USAGE;
		if (vr == PX_EINVALID) {
			px_buf msgs = PX_BUF_INIT;
			px_diags_format_text(found, &msgs);
			fwrite(msgs.ptr ? msgs.ptr : "", 1, msgs.size, stderr);
			px_buf_dispose(&msgs);
			rc = EXIT_FINDINGS;
		} else {
			cli_report_error(EXIT_USAGE);
		}
		px_diags_free(found);
		px_doc_free(doc);
		return rc;
	}
	px_diags_free(found);
	px_buf out = PX_BUF_INIT;
	int rc = EXIT_CLEAN;
	if (px_render_text(doc, &out) < 0 || px_buf_write_file(&out, output) < 0)
		rc = cli_report_error(EXIT_USAGE);
	px_buf_dispose(&out);
	px_doc_free(doc);
	return rc;
}
