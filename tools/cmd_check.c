/* paralex check: compare the Russian and the Chinese expression of a work. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"

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
	px_checker *chk = NULL;
	px_validator *val = NULL;
	px_buf out = PX_BUF_INIT;
	struct cli_pair pair = { 0 };
	int rc = 0;
	if (px_checker_new(&chk, &co) < 0 || px_validator_new(&val, NULL) < 0)
		rc = cli_report_error(EXIT_USAGE);
	struct cli_pair_options po = { val, chk, NULL, NULL, PX_SEV_WARNING, format != 0 };
	if (rc == 0 && cli_pair_check(&pair, argv[optind], argv[optind + 1], &po) < 0)
		rc = cli_report_error(EXIT_USAGE);
	if (rc == 0 && pair.status == EXIT_USAGE) {
		/* a file could not be read: what was found, on stderr; in JSON
		 * also on stdout, as the one document a reader expects there (the
		 * output file is not written) */
		rc = EXIT_USAGE;
		px_buf msgs = PX_BUF_INIT;
		px_diags_format_text(pair.found, &msgs);
		if (msgs.size)
			fwrite(msgs.ptr, 1, msgs.size, stderr);
		px_buf_dispose(&msgs);
		if (format == 1 && !output && px_diags_format_json(pair.found, NULL, &out) == 0)
			fwrite(out.ptr, 1, out.size, stdout);
	} else if (rc == 0) {
		rc = pair.status;
	}
	px_doc *ru = pair.ru, *zh = pair.zh;
	px_diags *diags = pair.found;
	px_alignment *al = pair.al;
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
	cli_pair_dispose(&pair);
	px_checker_free(chk);
	px_validator_free(val);
	free(tbx);
	return rc;
}
