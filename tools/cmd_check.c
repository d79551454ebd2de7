/* paralex check: compare the Russian and the Chinese expression of a work. */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"

/*
 * Where each unit of a document imported from a plain text is in that text:
 * the first letters of each unit's text (white space ignored) are looked up
 * in the source, in document order, so that findings point into the file the
 * user gave rather than into the document made from it.
 */
struct pos {
	int xline, xcol; /* in the imported document */
	int line, col;   /* in the plain text */
};

struct srcmap {
	const char *file;
	struct pos *v;
	size_t n;
};

static uint32_t next_cp(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char c = s[*i];
	int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (*i + (size_t)n > len)
		n = 1;
	uint32_t cp = n == 1 ? c : (uint32_t)(c & (0x7F >> n));
	for (int k = 1; k < n; k++)
		cp = (cp << 6) | (s[*i + (size_t)k] & 0x3F);
	*i += (size_t)n;
	return cp;
}

/* Characters left out when units are looked for in the text: white space,
 * and punctuation and dashes, which the import may write otherwise (a "-"
 * bullet of the text is "—" in the document). */
static bool ignored(uint32_t cp)
{
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'));
	return (cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F && cp != 0x3007) ||
		cp == 0xFEFF || (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20);
}

/* How far past the previous unit's start a unit's first letters are looked
 * for: no unit starts further (a unit this long would be reported at the
 * one before it), and a unit whose letters are not there costs no more. */
#define SEARCH_WINDOW 65536

static int cmp_pos(const void *pa, const void *pb)
{
	const struct pos *a = pa, *b = pb;
	if (a->xline != b->xline)
		return a->xline < b->xline ? -1 : 1;
	return (a->xcol > b->xcol) - (a->xcol < b->xcol);
}

static int build_srcmap(struct srcmap *m, const px_doc *doc, const char *text, size_t len, const char *file)
{
	m->file = file;
	m->v = NULL;
	m->n = 0;
	/* the source's letters with their lines and columns */
	size_t cap = len + 1, n = 0;
	uint32_t *cps = malloc(cap * sizeof *cps);
	int *lines = malloc(cap * sizeof *lines), *cols = malloc(cap * sizeof *cols);
	size_t units = 0;
	for (px_unit *u = px_doc_first_unit(doc); u; u = px_unit_next(u))
		units++;
	m->v = malloc((units + 1) * sizeof *m->v);
	if (!cps || !lines || !cols || !m->v) {
		free(cps);
		free(lines);
		free(cols);
		return -1;
	}
	int line = 1, col = 1;
	for (size_t i = 0; i < len;) {
		uint32_t cp = next_cp((const unsigned char *)text, len, &i);
		if (!ignored(cp)) {
			cps[n] = cp;
			lines[n] = line;
			cols[n++] = col;
		}
		if (cp == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	size_t cursor = 0;
	px_buf t = PX_BUF_INIT;
	for (px_unit *u = px_doc_first_unit(doc); u; u = px_unit_next(u)) {
		px_buf_clear(&t);
		px_unit_text(u, &t);
		uint32_t key[12];
		size_t k = 0;
		for (size_t i = 0; t.ptr && i < t.size && k < 12;) {
			uint32_t cp = next_cp((const unsigned char *)t.ptr, t.size, &i);
			if (!ignored(cp))
				key[k++] = cp;
		}
		if (k == 0)
			continue;
		for (size_t at = cursor; at + k <= n && at - cursor < SEARCH_WINDOW; at++) {
			if (memcmp(cps + at, key, k * sizeof *key) != 0)
				continue;
			m->v[m->n].xline = px_unit_line(u);
			m->v[m->n].xcol = px_unit_col(doc, u);
			m->v[m->n].line = lines[at];
			m->v[m->n++].col = cols[at];
			cursor = at;
			break;
		}
	}
	px_buf_dispose(&t);
	free(cps);
	free(lines);
	free(cols);
	qsort(m->v, m->n, sizeof *m->v, cmp_pos);
	return 0;
}

/* The place in the plain text of a place in the imported document: the unit
 * starting there, else the last unit before it (m->v sorted). */
static void map_loc(const struct srcmap *m, int *line, int *col)
{
	size_t lo = 0, hi = m->n; /* find the first entry after (line, col) */
	struct pos key = { *line, *col, 0, 0 };
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cmp_pos(&m->v[mid], &key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return;
	const struct pos *best = &m->v[lo - 1];
	bool exact = best->xline == *line && best->xcol == *col;
	*line = best->line;
	*col = exact ? best->col : 1;
}

/* Findings with every location in an imported document moved into its plain text. */
static int remap(px_diags **diags, const struct srcmap *maps, int nmaps)
{
	px_diags *out = NULL;
	if (px_diags_new(&out) < 0)
		return -1;
	for (size_t i = 0; i < px_diags_count(*diags); i++) {
		px_diag d = *px_diags_get(*diags, i);
		px_buf msg = PX_BUF_INIT;
		px_buf_puts(&msg, d.message);
		for (int k = 0; k < nmaps; k++) {
			const struct srcmap *m = &maps[k];
			if (!m->file)
				continue;
			if (d.other.file && strcmp(d.other.file, m->file) == 0 && d.other.line > 0) {
				/* the counterpart's place at the end of the message */
				char old[64];
				int l = d.other.line, c = d.other.col;
				snprintf(old, sizeof old, ":%d:%d)", l, c);
				map_loc(m, &l, &c);
				size_t ol = strlen(old);
				if (msg.size > ol && strcmp(msg.ptr + msg.size - ol, old) == 0) {
					msg.size -= ol;
					msg.ptr[msg.size] = 0;
					px_buf_printf(&msg, ":%d:%d)", l, c);
				}
				d.other.line = l;
				d.other.col = c;
			}
			if (d.loc.file && strcmp(d.loc.file, m->file) == 0 && d.loc.line > 0)
				map_loc(m, &d.loc.line, &d.loc.col);
		}
		d.message = msg.ptr;
		int rc = px_diags_add(out, &d);
		px_buf_dispose(&msg);
		if (rc < 0) {
			px_diags_free(out);
			return -1;
		}
	}
	px_diags_free(*diags);
	*diags = out;
	return 0;
}

/* Load a document: our XML when the content starts with '<' (after a BOM and
 * white space), else a plain text imported on the fly (then `map` tells where
 * its units are in the text). */
static int load_input(px_doc **out, const char *path, struct srcmap *map, bool *is_text, px_diags *found,
	px_validator **val)
{
	px_buf b = PX_BUF_INIT;
	*is_text = false;
	if (px_buf_read_file(&b, path, PX_DOC_MAX_SIZE) < 0)
		return cli_report_error(EXIT_USAGE);
	const char *p = b.ptr ? b.ptr : "";
	size_t i = 0;
	if (b.size >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < b.size && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	int rc = 0;
	if (i < b.size && p[i] == '<') {
		if (px_doc_load_memory(out, p, b.size, path) < 0) {
			rc = cli_report_error(EXIT_USAGE);
		} else {
			/* the document is checked against the profile first: what is
			 * wrong with it is a finding of the pair (duplicate eIds, an
			 * element of another vocabulary, another kind of document) */
			if ((!*val && px_validator_new(val, PX_VALIDATE_DEFAULT, NULL) < 0) ||
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
		} else if (build_srcmap(map, *out, p, b.size, path) < 0) {
			rc = EXIT_USAGE;
		} else {
			*is_text = true;
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
	struct srcmap maps[2] = { { NULL, NULL, 0 }, { NULL, NULL, 0 } };
	bool text[2];
	px_diags *imported = NULL;
	int rc = px_diags_new(&imported) < 0 ? cli_report_error(EXIT_USAGE) : 0;
	if (rc == 0)
		rc = load_input(&ru, argv[optind], &maps[0], &text[0], imported, &val);
	if (rc == 0)
		rc = load_input(&zh, argv[optind + 1], &maps[1], &text[1], imported, &val);
	if (rc == 0 && px_doc_lang(ru) && px_doc_lang(zh) && strcmp(px_doc_lang(ru), "zho") == 0 &&
		strcmp(px_doc_lang(zh), "rus") == 0) {
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
		if ((text[0] || text[1]) && rc != EXIT_USAGE && remap(&diags, maps, 2) < 0)
			rc = cli_report_error(EXIT_USAGE);
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
			w = px_check_format_json_aligned(diags, ru, zh, al, &out);
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
	free(maps[0].v);
	free(maps[1].v);
	free(tbx);
	return rc;
}
