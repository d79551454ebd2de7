/* paralex merge: the JSON Lines reports of several batch runs (shards) as
 * one report, in any format of `paralex batch`. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"

struct entries {
	json_t **v;
	size_t n, cap;
};

/* The shards the reports say they are: N, and which K were seen. */
struct shards {
	unsigned long n;
	unsigned char *seen; /* [1..n] */
	bool plain;          /* a report of a whole set */
};

/* Read one report: every line with an "entry" is kept; its last line is its
 * summary (a report without one was cut short), which names its shard.
 * @return 0, or EXIT_USAGE with a message. */
static int read_report(struct entries *es, const char *path, struct shards *sh)
{
	px_buf b = PX_BUF_INIT;
	if (px_buf_read_file(&b, path, PX_DOC_MAX_SIZE) < 0)
		return cli_report_error(EXIT_USAGE);
	int rc = 0;
	size_t lineno = 0;
	bool summary = false;
	for (char *p = b.ptr, *nl; rc == 0 && p && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		if (len == 0)
			continue;
		json_error_t err;
		json_t *o = json_loadb(p, len, 0, &err);
		if (!o || !json_is_object(o)) {
			fprintf(stderr, "%s:%zu:%d: error[PX004]: not a line of a batch report (JSON Lines): %s\n", path,
				lineno, o ? 1 : err.column, o ? "not an object" : err.text);
			json_decref(o);
			rc = EXIT_USAGE;
			break;
		}
		if (json_object_get(o, "summary")) {
			const char *k = json_string_value(json_object_get(json_object_get(o, "summary"), "shard"));
			unsigned long kk = 0, nn = 0;
			summary = true;
			if (!k) {
				sh->plain = true;
			} else if (sscanf(k, "%lu/%lu", &kk, &nn) == 2 && kk >= 1 && kk <= nn && nn <= 1000000 &&
				(!sh->n || sh->n == nn)) {
				if (!sh->n && !(sh->seen = calloc(nn + 1, 1))) {
					json_decref(o);
					rc = cli_report_error(EXIT_USAGE);
					break;
				}
				sh->n = nn;
				if (sh->seen[kk]++) {
					fprintf(stderr, "%s: error: shard %s is given twice\n", path, k);
					rc = EXIT_USAGE;
				}
			} else {
				fprintf(stderr, "%s: error: shard '%s' does not go with the other reports' (1 to %lu)\n", path, k,
					sh->n);
				rc = EXIT_USAGE;
			}
			json_decref(o);
			continue;
		}
		if (summary) {
			fprintf(stderr, "%s:%zu: error[PX004]: an entry after the summary line\n", path, lineno);
			json_decref(o);
			rc = EXIT_USAGE;
			break;
		}
		if (!json_is_string(json_object_get(o, "entry")) || !json_is_array(json_object_get(o, "findings"))) {
			fprintf(stderr, "%s:%zu: error[PX004]: a line of a batch report needs \"entry\" and \"findings\"\n",
				path, lineno);
			json_decref(o);
			rc = EXIT_USAGE;
			break;
		}
		if (es->n == es->cap) {
			size_t nc = es->cap ? es->cap * 2 : 256;
			json_t **nv = realloc(es->v, nc * sizeof *nv);
			if (!nv) {
				json_decref(o);
				rc = cli_report_error(EXIT_USAGE);
				break;
			}
			es->v = nv;
			es->cap = nc;
		}
		es->v[es->n++] = o;
	}
	px_buf_dispose(&b);
	if (rc == 0 && !summary) {
		fprintf(stderr, "%s: error: the report ends without its summary line: it was cut short (a run stopped "
				"before its end?) or is not a report of paralex batch --format json\n", path);
		rc = EXIT_USAGE;
	}
	return rc;
}

int cmd_merge(int argc, char **argv)
{
	const struct cli_command *self = cli_find_command("merge");
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "fail-on", required_argument, NULL, 'e' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int format = BATCH_TEXT;
	const char *output = NULL;
	px_severity fail_on = PX_SEV_WARNING;
	bool force = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((format = batch_parse_format(optarg)) < 0)
				return cli_usage_error(self, "unknown format '%s' (text, json, junit or sarif)", optarg);
			break;
		case 'e':
			if (batch_parse_fail_on(optarg, &fail_on) < 0)
				return cli_usage_error(self, "--fail-on takes error or warning, not '%s'", optarg);
			break;
		case 'o': output = optarg; break;
		case 'F': force = true; break;
		case 'h': return cli_print_help(self);
		default: return cli_usage_error(self, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error(self, "no report given");
	int rc = cli_check_output(output, argv + optind, argc - optind, force, false);
	struct entries es = { 0 };
	struct shards sh = { 0, NULL, false };
	for (int i = optind; i < argc && rc == 0; i++)
		rc = read_report(&es, argv[i], &sh);
	/* the shards of one split, all of them */
	if (rc == 0 && sh.n && sh.plain) {
		fprintf(stderr, "paralex merge: error: reports of shards and of a whole set given together\n");
		rc = EXIT_USAGE;
	}
	for (unsigned long k = 1; rc == 0 && sh.n && k <= sh.n; k++)
		if (!sh.seen[k]) {
			fprintf(stderr, "paralex merge: error: the report of shard %lu/%lu is missing\n", k, sh.n);
			rc = EXIT_USAGE;
		}
	free(sh.seen);
	if (rc == 0) {
		/* one order whatever the shards: the entries' keys; an entry in
		 * two reports (overlapping shards) is kept once */
		if (es.n)
			qsort(es.v, es.n, sizeof *es.v, batch_entry_cmp);
		size_t k = 0, dups = 0;
		for (size_t i = 0; i < es.n; i++) {
			if (k && batch_entry_cmp(&es.v[k - 1], &es.v[i]) == 0 && json_equal(es.v[k - 1], es.v[i])) {
				json_decref(es.v[i]);
				dups++;
				continue;
			}
			if (k && batch_entry_cmp(&es.v[k - 1], &es.v[i]) == 0 &&
				json_equal(json_object_get(es.v[k - 1], "ru"), json_object_get(es.v[i], "ru")) &&
				json_equal(json_object_get(es.v[k - 1], "zh"), json_object_get(es.v[i], "zh")) &&
				json_equal(json_object_get(es.v[k - 1], "file"), json_object_get(es.v[i], "file"))) {
				fprintf(stderr, "paralex merge: error: entry '%s' differs between two reports (runs of "
						"another time or version?)\n",
					json_string_value(json_object_get(es.v[i], "entry")));
				rc = EXIT_USAGE;
			}
			es.v[k++] = es.v[i];
		}
		es.n = k;
		if (dups)
			fprintf(stderr, "paralex merge: %zu %s in more than one report, kept once\n", dups,
				dups == 1 ? "entry" : "entries");
	}
	if (rc == 0) {
		struct batch_totals tot = { 0 };
		for (size_t i = 0; i < es.n; i++)
			batch_count(&tot, es.v[i], fail_on);
		px_buf out = PX_BUF_INIT;
		struct batch_writer w = { (enum batch_format)format, fail_on, &out, 0, NULL };
		int wr = batch_write_begin(&w, &tot);
		for (size_t i = 0; i < es.n && wr == 0; i++)
			wr = batch_write_entry(&w, es.v[i]);
		if (wr == 0)
			wr = batch_write_end(&w, &tot);
		if (wr < 0 || cli_write_output(output ? output : "-", &out) < 0)
			rc = cli_report_error(EXIT_USAGE);
		px_buf_dispose(&out);
		if (rc == 0) {
			px_buf sum = PX_BUF_INIT;
			batch_summary(&sum, "merge", &tot, -1, 0, NULL, NULL);
			if (sum.ptr)
				fprintf(format == BATCH_TEXT && !output ? stdout : stderr, "%s\n", sum.ptr);
			px_buf_dispose(&sum);
			rc = batch_exit(&tot);
		}
	}
	for (size_t i = 0; i < es.n; i++)
		json_decref(es.v[i]);
	free(es.v);
	return rc;
}
