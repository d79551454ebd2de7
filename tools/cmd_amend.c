#define _GNU_SOURCE /* syscall */
/* paralex amend: apply amending instruments, write the consolidated texts,
 * the redlines, the comparison tables, the eId map and the timeline. */
#include <errno.h>
#include <getopt.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <dirent.h>
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
	static const px_lang langs[2] = { PX_LANG_RU, PX_LANG_ZH };
	static const char *const tags[2] = { "ru", "zh" };
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

/* Remove a directory this command made, with the files in it (no deeper). */
static void remove_dir(const char *path)
{
	DIR *d = opendir(path);
	if (d) {
		size_t pl = strlen(path);
		for (struct dirent *e; (e = readdir(d)) != NULL;) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *f = malloc(pl + strlen(e->d_name) + 2);
			if (f) {
				sprintf(f, "%s/%s", path, e->d_name);
				unlink(f);
				free(f);
			}
		}
		closedir(d);
	}
	rmdir(path);
}

/* Exchange two paths atomically (Linux renameat2 RENAME_EXCHANGE); -1 with
 * errno when the system or the file system cannot. */
static int exchange(const char *a, const char *b)
{
#if defined(RENAME_EXCHANGE)
	return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#elif defined(SYS_renameat2)
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 1 /* RENAME_EXCHANGE */);
#else
	(void)a;
	(void)b;
	errno = ENOSYS;
	return -1;
#endif
}

/* Make the directory entries of `dir` durable (after a rename in it). */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/*
 * Publish every output as one step. The new directory is built next to `dir`
 * (same file system) with a mark file, then:
 * - when `dir` does not exist, renamed to it;
 * - when it exists, exchanged with it in one atomic step (renameat2
 *   RENAME_EXCHANGE) and the old one removed; where the exchange is not
 *   available, the old directory is renamed aside, the new one renamed in,
 *   and the old one removed (a run killed between the two renames leaves
 *   `dir` missing and both next to it, never a mix of old and new files);
 * - when `dir` is a mount point (its own file system), the new files are
 *   built inside it and renamed over the old ones one by one (each file
 *   atomic, the set not).
 * Temporary directories are named DIR.paralex-tmp-XXXXXX; those a killed run
 * left are removed first.
 */
static int write_all(const struct outputs *os, const char *dir)
{
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	char *d = malloc(dl + 1), *tmp = malloc(dl + 64), *path = malloc(dl + 300), *from = malloc(dl + 300);
	int rc = EXIT_CLEAN;
	if (!d || !tmp || !path || !from) {
		fprintf(stderr, "paralex amend: out of memory\n");
		rc = EXIT_USAGE;
		goto out;
	}
	memcpy(d, dir, dl);
	d[dl] = '\0';
	struct stat st, pst;
	bool exists = stat(d, &st) == 0;
	if (exists && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: error: exists and is not a directory\n", d);
		rc = EXIT_USAGE;
		goto out;
	}
	/* the parent directory, to tell a mount point and to clear stale temporaries */
	char *slash = strrchr(d, '/');
	char parent[4096];
	snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash == d ? 1 : slash - d) : 1, slash ? d : ".");
	bool mount = exists && stat(parent, &pst) == 0 && pst.st_dev != st.st_dev;
	const char *base = slash ? slash + 1 : d;
	DIR *pd = opendir(parent);
	for (struct dirent *e; pd && (e = readdir(pd)) != NULL;) {
		size_t bl = strlen(base);
		if (strncmp(e->d_name, base, bl) == 0 && strncmp(e->d_name + bl, ".paralex-tmp-", 13) == 0) {
			snprintf(path, dl + 300, "%s/%s", parent, e->d_name);
			remove_dir(path); /* left by a run that was killed */
		}
	}
	if (pd)
		closedir(pd);
	if (mount)
		snprintf(tmp, dl + 64, "%s/.paralex-tmp-XXXXXX", d);
	else
		snprintf(tmp, dl + 64, "%s.paralex-tmp-XXXXXX", d);
	if (!mkdtemp(tmp)) {
		fprintf(stderr, "%s: error: cannot create a directory next to it: %s\n", d, strerror(errno));
		rc = EXIT_USAGE;
		goto out;
	}
	/* the mode of the directory it replaces, or of a new directory (mkdtemp
	 * makes it 0700) */
	mode_t mask = umask(0);
	umask(mask);
	if (chmod(tmp, exists && !mount ? (st.st_mode & 07777) : (0777 & ~mask)) != 0) {
		fprintf(stderr, "%s: error: cannot set its mode: %s\n", tmp, strerror(errno));
		remove_dir(tmp);
		rc = EXIT_USAGE;
		goto out;
	}
	for (size_t i = 0; i < os->n && rc == EXIT_CLEAN; i++) {
		snprintf(path, dl + 300, "%s/%s", tmp, os->o[i].name);
		if (px_buf_write_file(&os->o[i].body, path) < 0)
			rc = cli_report_error(EXIT_USAGE);
	}
	snprintf(path, dl + 300, "%s/%s", tmp, CLI_OUTPUT_DIR_MARK);
	FILE *mf = rc == EXIT_CLEAN ? fopen(path, "w") : NULL;
	if (mf) {
		fputs("written by paralex amend; the directory is replaced as a whole by the next run\n", mf);
		fclose(mf);
	}
	if (rc != EXIT_CLEAN) {
		remove_dir(tmp);
		goto out;
	}
	if (!exists) {
		if (rename(tmp, d) != 0) {
			fprintf(stderr, "%s: error: cannot create: %s\n", d, strerror(errno));
			remove_dir(tmp);
			rc = EXIT_USAGE;
		} else {
			sync_dir(parent);
		}
	} else if (mount) {
		for (size_t i = 0; i <= os->n && rc == EXIT_CLEAN; i++) {
			const char *name = i < os->n ? os->o[i].name : CLI_OUTPUT_DIR_MARK;
			snprintf(from, dl + 300, "%s/%s", tmp, name);
			snprintf(path, dl + 300, "%s/%s", d, name);
			if (rename(from, path) != 0) {
				fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
				rc = EXIT_USAGE;
			}
		}
		remove_dir(tmp);
	} else if (exchange(tmp, d) == 0) {
		sync_dir(parent);
		remove_dir(tmp); /* now the old directory */
	} else {
		/* no atomic exchange: old aside, new in, old removed */
		snprintf(from, dl + 300, "%s.paralex-tmp-old", d);
		remove_dir(from);
		if (rename(d, from) != 0 || rename(tmp, d) != 0) {
			fprintf(stderr, "%s: error: cannot replace: %s\n", d, strerror(errno));
			rename(from, d);
			remove_dir(tmp);
			rc = EXIT_USAGE;
		} else {
			sync_dir(parent);
			remove_dir(from);
		}
	}
	if (mount && rc == EXIT_CLEAN)
		sync_dir(d);
out:
	free(d);
	free(tmp);
	free(path);
	free(from);
	return rc;
}

static void print_findings(const px_diags *diags, int format)
{
	px_buf out = PX_BUF_INIT;
	if (format == 1)
		px_diags_format_json(diags, NULL, &out);
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

/* A protocol in prose, read against the base as amended by the instruments
 * before it (ins[0..k)): the version in force when it is signed; an XML
 * protocol (*out already loaded) is checked against its own prose there. */
static int read_prose(px_doc **out, const px_buf *text, const char *path, px_doc *const *docs,
	px_instrument *const *ins, size_t k, int side, px_diags *diags)
{
	px_doc *cur[2] = { NULL, NULL };
	const px_doc *base = docs[side];
	int r = 0;
	if (k > 0) {
		r = px_consolidate(&cur[0], &cur[1], docs[0], docs[1], ins, k, NULL, diags);
		if (r < 0)
			return r;
		base = cur[side];
	}
	if (*out) {
		r = px_protocol_verify(*out, base, NULL, diags);
	} else {
		r = px_protocol_import(out, text->ptr ? text->ptr : "", text->size, path, base, NULL, diags);
	}
	px_doc_free(cur[0]);
	px_doc_free(cur[1]);
	return r;
}

static int run(const struct amend_args *a, char **files, int nfiles)
{
	int rc = EXIT_CLEAN;
	size_t ndocs = (size_t)nfiles, nins = ndocs / 2 - 1;
	px_doc **docs = calloc(ndocs, sizeof *docs);
	px_buf *texts = calloc(ndocs, sizeof *texts); /* of the protocols in prose */
	px_instrument **ins = calloc(nins ? nins : 1, sizeof *ins);
	px_validator *v = NULL;
	px_checker *checker = NULL;
	px_diags *diags = NULL;
	px_doc *out_ru = NULL, *out_zh = NULL;
	px_consolidation_report *rep = NULL;
	struct outputs os = { .n = 0 };
	if (!docs || !texts || !ins || px_diags_new(&diags) < 0) {
		rc = cli_report_error(EXIT_USAGE);
		goto out;
	}
	/* a protocol is our XML or prose: what its content starts with tells;
	 * the text of one in prose is kept to be read when its base is known */
	for (size_t i = 0; i < ndocs; i++) {
		int r;
		if (i < 2) {
			r = px_doc_load_file(&docs[i], files[i]);
		} else if ((r = px_buf_read_file(&texts[i], files[i], PX_DOC_MAX_SIZE)) == 0) {
			size_t at = cli_content_start(texts[i].ptr, texts[i].size);
			if (at == texts[i].size || texts[i].ptr[at] == '<') {
				r = px_doc_load_memory(&docs[i], texts[i].ptr ? texts[i].ptr : "", texts[i].size, files[i]);
				px_buf_dispose(&texts[i]);
			}
		}
		if (r < 0) {
			rc = cli_report_error(EXIT_USAGE);
			goto out;
		}
	}
	if (px_validator_new(&v, &(px_validator_options){ PX_VALIDATOR_OPTIONS_VERSION,
		a->akn ? PX_VALIDATE_OFFICIAL : PX_VALIDATE_DEFAULT, a->akn }) < 0) {
		rc = cli_report_error(EXIT_USAGE);
		goto out;
	}
	/* inputs first: a defective input is reported as what it is */
	for (size_t i = 0; i < ndocs; i++) {
		if (!docs[i])
			continue; /* a protocol in prose: read below */
		int r = px_validate_doc(v, docs[i], diags);
		if (r < 0 && r != PX_EINVALID) {
			rc = cli_report_error(EXIT_USAGE);
			goto out;
		}
	}
	for (size_t i = 0; i < nins && px_diags_count_at_least(diags, PX_SEV_ERROR) == 0; i++) {
		for (int side = 0; side < 2; side++) {
			size_t k = 2 + 2 * i + (size_t)side;
			bool prose = !docs[k];
			int r = read_prose(&docs[k], &texts[k], files[k], docs, ins, i, side, diags);
			if (r == 0 && prose)
				r = px_validate_doc(v, docs[k], diags);
			if (r == PX_EINPUT) {
				/* not a text (NUL bytes, UTF-16 …): unreadable input, in the findings */
				rc = px_diags_count(diags) ? EXIT_USAGE : cli_report_error(EXIT_USAGE);
				goto out;
			}
			if (r < 0 && r != PX_EINVALID) {
				rc = cli_report_error(EXIT_USAGE);
				goto out;
			}
		}
		if (!docs[2 + 2 * i] || !docs[3 + 2 * i])
			break; /* the findings say why */
		int r = px_instrument_new(&ins[i], docs[2 + 2 * i], docs[3 + 2 * i], diags);
		if (r < 0 && r != PX_EINVALID) {
			rc = cli_report_error(EXIT_USAGE);
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
		rc = cli_report_error(EXIT_USAGE);
		goto out;
	}
	px_consolidate_options co = PX_CONSOLIDATE_OPTIONS_INIT;
	co.as_of = a->as_of;
	co.validator = v;
	co.checker = checker;
	co.report = &rep;
	int r = px_consolidate(&out_ru, &out_zh, docs[0], docs[1], ins, nins, &co, diags);
	if (r == PX_EINVALID) {
		rc = EXIT_FINDINGS;
		goto out;
	}
	if (r < 0) {
		rc = cli_report_error(EXIT_USAGE);
		goto out;
	}
	char stem[48];
	stem_of(files[0], stem, sizeof stem);
	if (render_all(&os, stem, out_ru, out_zh, rep) < 0) {
		rc = cli_report_error(EXIT_USAGE);
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
	for (size_t i = 0; texts && i < ndocs; i++)
		px_buf_dispose(&texts[i]);
	free(texts);
	free(ins);
	free(docs);
	px_checker_free(checker);
	px_validator_free(v);
	px_diags_free(diags);
	return rc;
}

int cmd_amend(int argc, char **argv)
{
	const struct cli_command *self = cli_find_command("amend");
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "as-of", required_argument, NULL, 'd' },
		{ "akn", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "no-check", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct amend_args a = { NULL, NULL, NULL, 0, true, false };
	bool force = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:d:a:f:nqh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': a.dir = optarg; break;
		case 'd': a.as_of = optarg; break;
		case 'a': a.akn = optarg; break;
		case 'f':
			if ((a.format = cli_parse_format(optarg, false)) < 0)
				return cli_usage_error(self, "unknown format '%s' (text or json)", optarg);
			break;
		case 'n': a.check = false; break;
		case 'q': a.quiet = true; break;
		case 'F': force = true; break;
		case 'h': return cli_print_help(self);
		default:
			return cli_usage_error(self, "unknown option or missing value '%s'", argv[optind - 1]);
		}
	}
	int nfiles = argc - optind;
	if (!a.dir)
		return cli_usage_error(self, "no output directory given (-o DIR)");
	if (nfiles < 4)
		return cli_usage_error(self, "give the base pair and at least one instrument pair (rus, then zho)");
	if (nfiles % 2)
		return cli_usage_error(self, "'%s' has no zho counterpart: files come in pairs", argv[argc - 1]);
	if (a.as_of) {
		/* a usage error before anything is read */
		int y, m, d;
		char rest;
		if (strlen(a.as_of) != 10 || sscanf(a.as_of, "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3 || m < 1 || m > 12 ||
			d < 1 || d > 31)
			return cli_usage_error(self, "'%s' is not a date (YYYY-MM-DD)", a.as_of);
	}
	int oc = cli_check_output(a.dir, argv + optind, nfiles, force, true);
	if (oc != EXIT_CLEAN)
		return oc;
	return run(&a, argv + optind, nfiles);
}
