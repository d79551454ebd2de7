/* paralex amend: apply amending instruments, write the consolidated texts,
 * the redlines, the comparison tables, the eId map and the timeline. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

/* One output file, rendered in memory before anything is written. */
struct output {
	char name[192];
	px_buf body;
};

enum { MAX_OUTPUTS = 16 };

struct outputs {
	struct output o[MAX_OUTPUTS];
	size_t n;
};

static px_buf *add_output(struct outputs *os, const char *name)
{
	struct output *o = &os->o[os->n++];
	snprintf(o->name, sizeof o->name, "%s", name);
	o->body = (px_buf)PX_BUF_INIT;
	return &o->body;
}

static void free_outputs(struct outputs *os)
{
	for (size_t i = 0; i < os->n; i++)
		px_buf_dispose(&os->o[i].body);
}

/* "examples/programme.ru.xml" → "programme" */
static void stem_of(const char *path, char *out, size_t size)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	snprintf(out, size, "%s", b);
	const char *suffixes[] = { ".ru.xml", ".rus.xml", ".xml" };
	for (size_t i = 0; i < 3; i++) {
		size_t l = strlen(out), sl = strlen(suffixes[i]);
		if (l > sl && strcmp(out + l - sl, suffixes[i]) == 0) {
			out[l - sl] = '\0';
			break;
		}
	}
	if (!out[0])
		snprintf(out, size, "consolidated");
}

static int render_all(struct outputs *os, const char *stem, const px_doc *ru, const px_doc *zh,
	const px_consolidation_report *rep)
{
	static const char *const langs[2] = { "rus", "zho" }, *const tags[2] = { "ru", "zh" };
	const px_doc *docs[2] = { ru, zh };
	char name[96];
	int rc = 0;
	for (int l = 0; l < 2 && rc == 0; l++) {
		snprintf(name, sizeof name, "%s.%s.xml", stem, tags[l]);
		rc = px_doc_save_buf(docs[l], add_output(os, name));
		snprintf(name, sizeof name, "%s.%s.txt", stem, tags[l]);
		if (rc == 0)
			rc = px_render_text(docs[l], add_output(os, name));
		snprintf(name, sizeof name, "redline.%s.html", tags[l]);
		if (rc == 0)
			rc = px_redline_html(rep, langs[l], add_output(os, name));
		snprintf(name, sizeof name, "comparison.%s.html", tags[l]);
		if (rc == 0)
			rc = px_comparison_table_html(rep, langs[l], add_output(os, name));
		snprintf(name, sizeof name, "comparison.%s.txt", tags[l]);
		if (rc == 0)
			rc = px_comparison_table_text(rep, langs[l], 100, add_output(os, name));
	}
	if (rc == 0)
		rc = px_eid_map_tsv(rep, add_output(os, "eid-map.tsv"));
	if (rc == 0)
		rc = px_timeline_text(rep, add_output(os, "timeline.txt"));
	return rc;
}

/* Write every output into a fresh directory next to `dir`, then move it into
 * place: the directory itself when `dir` does not exist yet, else file by
 * file (each rename is atomic). */
static int write_all(const struct outputs *os, const char *dir)
{
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	char *tmp = malloc(dl + 32), *path = malloc(dl + 200), *from = malloc(dl + 200);
	int rc = EXIT_CLEAN;
	if (!tmp || !path || !from) {
		fprintf(stderr, "paralex amend: out of memory\n");
		rc = EXIT_USAGE;
		goto out;
	}
	snprintf(tmp, dl + 32, "%.*s.tmp-XXXXXX", (int)dl, dir);
	if (!mkdtemp(tmp)) {
		fprintf(stderr, "%.*s: error: cannot create a directory next to it: %s\n", (int)dl, dir, strerror(errno));
		rc = EXIT_USAGE;
		goto out;
	}
	for (size_t i = 0; i < os->n && rc == EXIT_CLEAN; i++) {
		snprintf(path, dl + 200, "%s/%s", tmp, os->o[i].name);
		if (px_buf_write_file(&os->o[i].body, path) < 0)
			rc = px_report_error(EXIT_USAGE);
	}
	struct stat st;
	bool exists = stat(dir, &st) == 0;
	if (rc == EXIT_CLEAN && exists && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: error: exists and is not a directory\n", dir);
		rc = EXIT_USAGE;
	} else if (rc == EXIT_CLEAN && !exists) {
		if (rename(tmp, dir) != 0) {
			fprintf(stderr, "%s: error: cannot create: %s\n", dir, strerror(errno));
			rc = EXIT_USAGE;
		} else {
			goto out;
		}
	} else if (rc == EXIT_CLEAN) {
		for (size_t i = 0; i < os->n && rc == EXIT_CLEAN; i++) {
			snprintf(from, dl + 200, "%s/%s", tmp, os->o[i].name);
			snprintf(path, dl + 200, "%.*s/%s", (int)dl, dir, os->o[i].name);
			if (rename(from, path) != 0) {
				fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
				rc = EXIT_USAGE;
			}
		}
	}
	/* whatever is left of the temporary directory goes */
	for (size_t i = 0; i < os->n; i++) {
		snprintf(path, dl + 200, "%s/%s", tmp, os->o[i].name);
		unlink(path);
	}
	rmdir(tmp);
out:
	free(tmp);
	free(path);
	free(from);
	return rc;
}

static void print_findings(const px_diags *diags, int format)
{
	px_buf out = PX_BUF_INIT;
	if (format == 1)
		px_diags_format_json(diags, &out);
	else
		px_diags_format_text(diags, &out);
	if (out.size)
		fwrite(out.ptr, 1, out.size, format == 1 ? stdout : stderr);
	px_buf_dispose(&out);
}

struct amend_args {
	const char *dir;
	const char *as_of;
	const char *akn;
	int format;
	bool check;
	bool quiet;
};

static int run(const struct amend_args *a, char **files, int nfiles)
{
	int rc = EXIT_CLEAN;
	size_t ndocs = (size_t)nfiles, nins = ndocs / 2 - 1;
	px_doc **docs = calloc(ndocs, sizeof *docs);
	px_instrument **ins = calloc(nins ? nins : 1, sizeof *ins);
	px_validator *v = NULL;
	px_checker *checker = NULL;
	px_diags *diags = NULL;
	px_doc *out_ru = NULL, *out_zh = NULL;
	px_consolidation_report *rep = NULL;
	struct outputs os = { .n = 0 };
	if (!docs || !ins || px_diags_new(&diags) < 0) {
		rc = px_report_error(EXIT_USAGE);
		goto out;
	}
	for (size_t i = 0; i < ndocs; i++)
		if (px_doc_load_file(&docs[i], files[i]) < 0) {
			rc = px_report_error(EXIT_USAGE);
			goto out;
		}
	if (px_validator_new(&v, a->akn ? PX_VALIDATE_OFFICIAL : PX_VALIDATE_DEFAULT, a->akn) < 0) {
		rc = px_report_error(EXIT_USAGE);
		goto out;
	}
	/* inputs first: a defective input is reported as what it is */
	for (size_t i = 0; i < ndocs; i++) {
		int r = px_validate_doc(v, docs[i], diags);
		if (r < 0 && r != PX_EINVALID) {
			rc = px_report_error(EXIT_USAGE);
			goto out;
		}
	}
	for (size_t i = 0; i < nins && px_diags_count_at_least(diags, PX_SEV_ERROR) == 0; i++) {
		int r = px_instrument_new(&ins[i], docs[2 + 2 * i], docs[3 + 2 * i], diags);
		if (r < 0 && r != PX_EINVALID) {
			rc = px_report_error(EXIT_USAGE);
			goto out;
		}
	}
	if (px_diags_count_at_least(diags, PX_SEV_ERROR) > 0) {
		rc = EXIT_FINDINGS;
		goto out;
	}
	px_check_options copts = PX_CHECK_OPTIONS_INIT;
	copts.flags |= PX_CHECK_COLLATION_ORDER;
	if (a->check && px_checker_new(&checker, &copts) < 0) {
		rc = px_report_error(EXIT_USAGE);
		goto out;
	}
	int r = px_consolidate(&out_ru, &out_zh, docs[0], docs[1], ins, nins, a->as_of, v, checker, &rep, diags);
	if (r == PX_EINVALID) {
		rc = EXIT_FINDINGS;
		goto out;
	}
	if (r < 0) {
		rc = px_report_error(EXIT_USAGE);
		goto out;
	}
	char stem[48];
	stem_of(files[0], stem, sizeof stem);
	if (render_all(&os, stem, out_ru, out_zh, rep) < 0) {
		rc = px_report_error(EXIT_USAGE);
		goto out;
	}
	if ((rc = write_all(&os, a->dir)) != EXIT_CLEAN)
		goto out;
	if (!a->quiet) {
		px_buf t = PX_BUF_INIT;
		px_timeline_text(rep, &t);
		printf("%s", t.ptr ? t.ptr : "");
		px_buf_dispose(&t);
		printf("applied %zu of %zu instrument%s; %zu unit%s changed\n", px_consolidation_applied(rep), nins,
			nins == 1 ? "" : "s", px_consolidation_changes(rep), px_consolidation_changes(rep) == 1 ? "" : "s");
		printf("consolidated texts:  %s/%s.ru.xml %s/%s.zh.xml (plain text: .txt)\n", a->dir, stem, a->dir, stem);
		printf("redline:             %s/redline.ru.html %s/redline.zh.html\n", a->dir, a->dir);
		printf("comparison tables:   %s/comparison.ru.html %s/comparison.zh.html (and .txt)\n", a->dir, a->dir);
		printf("eId map, timeline:   %s/eid-map.tsv %s/timeline.txt\n", a->dir, a->dir);
	}
out:
	if (diags && px_diags_count(diags))
		print_findings(diags, a->format);
	free_outputs(&os);
	px_consolidation_report_free(rep);
	px_doc_free(out_ru);
	px_doc_free(out_zh);
	for (size_t i = 0; ins && i < nins; i++)
		px_instrument_free(ins[i]);
	for (size_t i = 0; docs && i < ndocs; i++)
		px_doc_free(docs[i]);
	free(ins);
	free(docs);
	px_checker_free(checker);
	px_validator_free(v);
	px_diags_free(diags);
	return rc;
}

int cmd_amend(int argc, char **argv)
{
	const struct px_command *self = px_find_command("amend");
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "as-of", required_argument, NULL, 'd' },
		{ "akn", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "no-check", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct amend_args a = { NULL, NULL, NULL, 0, true, false };
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:d:a:f:nqh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': a.dir = optarg; break;
		case 'd': a.as_of = optarg; break;
		case 'a': a.akn = optarg; break;
		case 'f':
			if ((a.format = px_parse_format(optarg, false)) < 0)
				return px_usage_error(self, "unknown format '%s' (text or json)", optarg);
			break;
		case 'n': a.check = false; break;
		case 'q': a.quiet = true; break;
		case 'h': return px_print_help(self);
		default:
			return px_usage_error(self, "unknown option or missing value '%s'", argv[optind - 1]);
		}
	}
	int nfiles = argc - optind;
	if (!a.dir)
		return px_usage_error(self, "no output directory given (-o DIR)");
	if (nfiles < 4)
		return px_usage_error(self, "give the base pair and at least one instrument pair (rus, then zho)");
	if (nfiles % 2)
		return px_usage_error(self, "'%s' has no zho counterpart: files come in pairs", argv[argc - 1]);
	return run(&a, argv + optind, nfiles);
}
