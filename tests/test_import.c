/* Import of plain text and rendering back: the seed, the Chinese text,
 * robustness cases, generated documents, error paths and the commands. The
 * error cases of data/import/errors/CASES are tests of their own (--case
 * NAME); the tests that need the seed text (--seed) or the official schema
 * (--official) too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include "harness.h"
#include "model/model.h"
#include "model/model.h"

/* ---- helpers ------------------------------------------------------------ */

static px_doc *import_path(const char *path, px_lang lang)
{
	px_doc *doc = NULL;
	assert_px_ok(px_import_file(&doc, path, lang, NULL, NULL));
	return doc;
}

static char *saved(const px_doc *doc, size_t *len)
{
	px_buf b = PX_BUF_INIT;
	assert_px_ok(px_doc_save_buf(doc, &b));
	*len = b.size;
	return px_buf_detach(&b);
}

/* The import of `txt` is byte for byte the file `xml`. */
static void assert_imports_to(const char *txt, const char *xml)
{
	px_doc *doc = import_path(txt, PX_LANG_AUTO);
	size_t n, m;
	char *got = saved(doc, &n);
	char *want = slurp(xml, &m);
	if (n != m || memcmp(got, want, n) != 0)
		fail_msg("import of %s differs from %s", txt, xml);
	free(got);
	free(want);
	px_doc_free(doc);
}

static xmlNodePtr node(const px_doc *doc, const char *eid)
{
	px_unit *u = px_doc_find(doc, eid);
	if (!u)
		fail_msg("no unit '%s'", eid);
	return (xmlNodePtr)u;
}

static char *unit_text(const px_doc *doc, const char *eid)
{
	px_buf b = PX_BUF_INIT;
	assert_px_ok(px_unit_text(px_doc_find(doc, eid), &b));
	return px_buf_detach(&b);
}

static size_t count_kind(const px_doc *doc, const char *kind)
{
	size_t n = 0;
	for (px_unit *u = px_doc_first_unit(doc); u; u = px_unit_next(u))
		n += strcmp(px_unit_kind(u), kind) == 0;
	return n;
}

/* Children of a unit that are elements named `name`. */
static size_t count_children(xmlNodePtr n, const char *name)
{
	size_t k = 0;
	for (xmlNodePtr c = px_first_el(n); c; c = px_next_el(c))
		k += px_is(c, name);
	return k;
}

/* refersTo of the innermost organization of a signature block. */
static const char *signature_state(const px_doc *doc, int i)
{
	char eid[64];
	snprintf(eid, sizeof eid, "conclusions__blockContainer_%d__p_1", i);
	xmlNodePtr sig = px_child(node(doc, eid), "signature");
	assert_non_null(sig);
	xmlNodePtr body = px_child(sig, "organization");
	assert_non_null(body);
	xmlNodePtr state = px_child(body, "organization");
	assert_non_null(state);
	return px_attr(state, "refersTo");
}

/* ---- the Russian seed ------------------------------------------------------ */

/* The seed text, outside the repository (import/seed: --seed), else NULL. */
static const char *seed_path;

static void shipped_text_is_the_seed(void **state)
{
	(void)state;
	size_t n, m;
	char *a = slurp(seed_path, &n), *b = slurp(src_path("examples/programme.ru.txt"), &m);
	assert_int_equal(n, m);
	assert_memory_equal(a, b, n);
	free(a);
	free(b);
	assert_imports_to(seed_path, src_path("examples/programme.ru.xml"));
}

static void seed_reproduces_example(void **state)
{
	(void)state;
	assert_imports_to(src_path("examples/programme.ru.txt"), src_path("examples/programme.ru.xml"));
}

static void seed_structure(void **state)
{
	(void)state;
	px_doc *doc = import_path(src_path("examples/programme.ru.txt"), PX_LANG_RU);
	char *t = unit_text(doc, "preface__p_1");
	assert_string_equal(t, "ПРОГРАММА сотрудничества между уполномоченными органами государств-членов "
		"Шанхайской организации сотрудничества по развитию искусственного интеллекта");
	free(t);
	t = unit_text(doc, "preamble__p_1");
	assert_true(strncmp(t, "Уполномоченные органы", strlen("Уполномоченные органы")) == 0);
	assert_true(strstr(t, "именуемые в дальнейшем Сторонами,") == t + strlen(t) - strlen("именуемые в дальнейшем Сторонами,"));
	free(t);
	static const char *const recitals[] = { "руководствуясь", "в целях реализации", "констатируя", "учитывая",
		"стремясь" };
	assert_int_equal(count_children(node(doc, "preamble__recs_1"), "recital"), 5);
	for (int i = 0; i < 5; i++) {
		char eid[64];
		snprintf(eid, sizeof eid, "preamble__recs_1__rec_%d__p_1", i + 1);
		t = unit_text(doc, eid);
		assert_true(strncmp(t, recitals[i], strlen(recitals[i])) == 0);
		assert_true(t[strlen(t) - 1] == ',');
		free(t);
	}
	t = unit_text(doc, "preamble__formula_1__p_1");
	assert_true(strncmp(t, "приняли настоящую Программу", strlen("приняли настоящую Программу")) == 0);
	free(t);
	assert_int_equal(count_kind(doc, "section"), 6);
	static const char *const secs[] = { "sec_I", "sec_II", "sec_III", "sec_IV", "sec_V", "sec_VI" };
	static const size_t paras[] = { 1, 1, 1, 1, 2, 5 }, items[] = { 0, 11, 7, 0, 0, 0 };
	for (int i = 0; i < 6; i++) {
		xmlNodePtr content = px_child(node(doc, secs[i]), "content");
		assert_non_null(content);
		assert_int_equal(count_children(content, "p"), paras[i]);
		xmlNodePtr list = px_child(content, "blockList");
		assert_int_equal(list ? count_children(list, "item") : 0, items[i]);
	}
	static const char *const states[] = { "#in", "#kz", "#cn", "#kg", "#pk", "#ru", "#tj", "#uz" };
	assert_int_equal(count_kind(doc, "blockContainer"), 8);
	for (int i = 0; i < 8; i++)
		assert_string_equal(signature_state(doc, i + 1), states[i]);
	px_doc_free(doc);
}

static void seed_section_numbers_and_headings(void **state)
{
	(void)state;
	px_doc *doc = import_path(src_path("examples/programme.ru.txt"), PX_LANG_RU);
	static const char *const want[][3] = {
		{ "sec_I", "I.", "Цель" },
		{ "sec_II", "II.", "Основные направления и формы сотрудничества" },
		{ "sec_III", "III.", "Принципы сотрудничества" },
		{ "sec_IV", "IV.", "Осуществление совместных проектов" },
		{ "sec_V", "V.", "Механизмы реализации" },
		{ "sec_VI", "VI.", "Заключительная часть" },
	};
	for (size_t i = 0; i < 6; i++) {
		px_buf num = PX_BUF_INIT, head = PX_BUF_INIT;
		assert_px_ok(px_unit_num(px_doc_find(doc, want[i][0]), &num));
		assert_px_ok(px_unit_heading(px_doc_find(doc, want[i][0]), &head));
		assert_string_equal(num.ptr, want[i][1]);
		assert_string_equal(head.ptr, want[i][2]);
		px_buf_dispose(&num);
		px_buf_dispose(&head);
	}
	px_doc_free(doc);
}

/* Words (white-space separated) of a text, without the list bullets that begin lines. */
struct words {
	char **v;
	size_t n, cap;
};

static void add_words(struct words *w, const char *s, bool line_bullets)
{
	char *copy = px_strdup(s);
	bool line_start = true;
	char *save = NULL;
	for (char *p = copy; *p; p++)
		if (*p == '\t' || *p == '\r')
			*p = ' ';
	/* tokenise line by line so that bullets at a line start can be dropped */
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line_start = true;
		char *s2 = NULL;
		for (char *tok = strtok_r(line, " ", &s2); tok; tok = strtok_r(NULL, " ", &s2)) {
			if (line_bullets && line_start && strcmp(tok, "-") == 0) {
				line_start = false;
				continue;
			}
			line_start = false;
			if (w->n == w->cap) {
				w->cap = w->cap ? w->cap * 2 : 256;
				w->v = realloc(w->v, w->cap * sizeof *w->v);
			}
			w->v[w->n++] = px_strdup(tok);
		}
	}
	free(copy);
}

static void seed_keeps_every_word(void **state)
{
	(void)state;
	size_t len;
	char *seed = slurp(src_path("examples/programme.ru.txt"), &len);
	struct words a = { 0 }, b = { 0 };
	add_words(&a, seed, true);
	px_doc *doc = import_path(src_path("examples/programme.ru.txt"), PX_LANG_RU);
	for (px_unit *u = px_doc_first_unit(doc); u; u = px_unit_next(u)) {
		px_buf t = PX_BUF_INIT;
		if (strcmp(px_unit_kind(u), "section") == 0) {
			assert_px_ok(px_unit_num(u, &t));
			px_buf_puts(&t, " ");
			assert_px_ok(px_unit_heading(u, &t));
		} else if (strcmp(px_unit_kind(u), "p") == 0) {
			assert_px_ok(px_unit_text(u, &t));
		}
		if (t.ptr)
			add_words(&b, t.ptr, false);
		px_buf_dispose(&t);
	}
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++)
		if (strcmp(a.v[i], b.v[i]) != 0)
			fail_msg("word %zu: seed '%s', document '%s'", i, a.v[i], b.v[i]);
	px_buf all = PX_BUF_INIT;
	assert_px_ok(px_unit_text(px_doc_first_unit(doc), &all));
	for (px_unit *u = px_doc_first_unit(doc); u; u = px_unit_next(u))
		px_unit_text(u, &all);
	assert_non_null(strstr(all.ptr, "государств-членов"));
	assert_non_null(strstr(all.ptr, "информационно-коммуникационным"));
	px_buf_dispose(&all);
	for (size_t i = 0; i < a.n; i++)
		free(a.v[i]);
	for (size_t i = 0; i < b.n; i++)
		free(b.v[i]);
	free(a.v);
	free(b.v);
	free(seed);
	px_doc_free(doc);
}

/* ---- Chinese, and the pair ----------------------------------------------- */

static void chinese_reproduces_example(void **state)
{
	(void)state;
	assert_imports_to(src_path("examples/programme.zh.txt"), src_path("examples/programme.zh.xml"));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t eids(const px_doc *doc, char ***out)
{
	size_t n = 0, cap = 64;
	char **v = malloc(cap * sizeof *v);
	for (px_unit *u = px_doc_first_unit(doc); u; u = px_unit_next(u)) {
		if (n == cap)
			v = realloc(v, (cap *= 2) * sizeof *v);
		v[n++] = px_strdup(px_unit_eid(u));
	}
	qsort(v, n, sizeof *v, cmp_str);
	*out = v;
	return n;
}

static void pair_shares_eids_and_work(void **state)
{
	(void)state;
	px_doc *ru = NULL, *zh = NULL;
	assert_px_ok(px_doc_load_file(&ru, src_path("examples/programme.ru.xml")));
	assert_px_ok(px_doc_load_file(&zh, src_path("examples/programme.zh.xml")));
	char **a, **b;
	size_t n = eids(ru, &a), m = eids(zh, &b);
	assert_int_equal(n, m);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(a[i], b[i]);
		free(a[i]);
		free(b[i]);
	}
	free(a);
	free(b);
	/* the same FRBRWork, byte for byte */
	size_t la, lb;
	char *sa = saved(ru, &la), *sb = saved(zh, &lb);
	char *wa = strstr(sa, "<FRBRWork>"), *wb = strstr(sb, "<FRBRWork>");
	char *ea = strstr(sa, "</FRBRWork>"), *eb = strstr(sb, "</FRBRWork>");
	assert_true(wa && wb && ea && eb);
	assert_int_equal(ea - wa, eb - wb);
	assert_memory_equal(wa, wb, (size_t)(ea - wa));
	assert_non_null(strstr(wa, "/akn/sco/doc/programme/2022-09-16/ai"));
	free(sa);
	free(sb);
	for (int i = 0; i < 8; i++)
		assert_string_equal(signature_state(ru, i + 1), signature_state(zh, i + 1));
	assert_int_equal(px_doc_lang(ru), PX_LANG_RU);
	assert_int_equal(px_doc_lang(zh), PX_LANG_ZH);
	px_doc_free(ru);
	px_doc_free(zh);
}

/* The official schema's path in a --official run (import/official-schema),
 * else NULL. */
static const char *official_path;

/* A validator of the profile, and in a --official run of the official schema
 * as well (*official). */
static px_validator *test_validator(bool *official)
{
	*official = official_path != NULL;
	px_validator *v = NULL;
	assert_px_ok(px_validator_new(&v, &(px_validator_options){ PX_VALIDATOR_OPTIONS_VERSION,
		*official ? PX_VALIDATE_OFFICIAL : PX_VALIDATE_DEFAULT, official_path }));
	return v;
}

static void examples_validate(void **state)
{
	(void)state;
	bool official;
	px_validator *v = test_validator(&official);
	const char *files[] = { "examples/programme.ru.xml", "examples/programme.zh.xml" };
	for (size_t i = 0; i < 2; i++) {
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		int rc = px_validate_file(v, src_path(files[i]), d);
		if (rc != 0) {
			px_buf out = PX_BUF_INIT;
			px_diags_format_text(d, &out);
			fail_msg("%s%s: %s", files[i], official ? " (official schema)" : "", out.ptr ? out.ptr : "");
		}
		px_diags_free(d);
	}
	px_validator_free(v);
}

/* ---- robustness ------------------------------------------------------------ */

static void robustness_cases(void **state)
{
	(void)state;
	static const char *const ru[] = { "ru-crlf.txt", "ru-bom.txt", "ru-nbsp.txt", "ru-u3000.txt", "ru-tabs.txt",
		"ru-dash-endash.txt", "ru-dash-emdash.txt", "ru-dash-minus.txt", "ru-noblank.txt", "ru-extrablank.txt",
		"ru-narrow.txt", "ru-narrow-pdf.txt", "ru-clean.txt", "ru-numbers-apart.txt" };
	static const char *const zh[] = { "zh-crlf.txt", "zh-bom.txt", "zh-tabs.txt", "zh-nbsp.txt",
		"zh-dash-fullwidth.txt", "zh-dash-single.txt", "zh-noblank.txt", "zh-extrablank.txt", "zh-narrow.txt",
		"zh-numbers-apart.txt" };
	char name[128];
	for (size_t i = 0; i < sizeof ru / sizeof ru[0]; i++) {
		snprintf(name, sizeof name, "import/%s", ru[i]);
		assert_imports_to(data_path(name), src_path("examples/programme.ru.xml"));
	}
	for (size_t i = 0; i < sizeof zh / sizeof zh[0]; i++) {
		snprintf(name, sizeof name, "import/%s", zh[i]);
		assert_imports_to(data_path(name), src_path("examples/programme.zh.xml"));
	}
}

static void generated_cases(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		size_t sections, items, sigs;
	} cases[] = {
		{ "gen-ru-2s-3i-3sig.txt", 2, 3, 3 },
		{ "gen-ru-12s-30i-10sig.txt", 12, 30, 10 },
		{ "gen-zh-2s-3i-3sig.txt", 2, 3, 3 },
		{ "gen-zh-12s-30i-10sig.txt", 12, 30, 10 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[128];
		snprintf(name, sizeof name, "import/%s", cases[i].file);
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		px_doc *doc = NULL;
		assert_px_ok(px_import_file(&doc, data_path(name), PX_LANG_AUTO, NULL, d));
		assert_int_equal(px_diags_count(d), 0);
		assert_int_equal(count_kind(doc, "section"), cases[i].sections);
		assert_int_equal(count_kind(doc, "item"), cases[i].items);
		assert_int_equal(count_kind(doc, "blockContainer"), cases[i].sigs);
		px_diags_free(d);
		px_doc_free(doc);
	}
}

static void unknown_body_is_kept(void **state)
{
	(void)state;
	static const char *const files[][2] = {
		{ "import/gen-ru-unknown-body.txt", "Министерство чудес Республики Нарнии" },
		{ "import/gen-zh-unknown-body.txt", "纳尼亚共和国奇迹部" },
	};
	for (size_t i = 0; i < 2; i++) {
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		px_doc *doc = NULL;
		assert_px_ok(px_import_file(&doc, data_path(files[i][0]), PX_LANG_AUTO, NULL, d));
		assert_int_equal(px_diags_count(d), 1);
		assert_string_equal(px_diags_get(d, 0)->rule, "PX046");
		assert_int_equal(px_diags_get(d, 0)->severity, PX_SEV_INFO);
		char *t = unit_text(doc, "conclusions__blockContainer_3__p_1");
		assert_non_null(strstr(t, files[i][1]));
		free(t);
		/* kept, not linked: the block has no organization */
		xmlNodePtr sig = px_child(node(doc, "conclusions__blockContainer_3__p_1"), "signature");
		assert_null(px_child(sig, "organization"));
		px_diags_free(d);
		px_doc_free(doc);
	}
}

/* ---- errors ------------------------------------------------------------------ */

/* Texts that are no UTF-8 texts: UTF-16 without a byte order mark (either
 * byte order, Cyrillic or Chinese), NUL bytes, control characters. */
static void not_utf8_texts(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		size_t len;
		const char *says;
	} cases[] = {
		/* «ПРОГРАММА\n» in UTF-16LE and UTF-16BE */
		{ "\x1f\x04\x20\x04\x1e\x04\x13\x04\x20\x04\x10\x04\x1c\x04\x1c\x04\x10\x04\x0a\x00", 20,
			"UTF-16 (little-endian" },
		{ "\x04\x1f\x04\x20\x04\x1e\x04\x13\x04\x20\x04\x10\x04\x1c\x04\x1c\x04\x10\x00\x0a", 20,
			"UTF-16 (big-endian" },
		/* 上海合作组织纲要 in UTF-16LE: bytes that are no UTF-8 */
		{ "\x0a\x4e\x77\x6d\x08\x54\x5c\x4f\xc4\x7e\xc7\x7e\xb2\x7e\x81\x89", 16, "UTF-16 (little-endian" },
		{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20, "NUL byte" },
		{ "\x01\x02\x03\x04\x05\x06\x07\x08 \x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17", 19,
			"control characters" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		px_doc *doc = NULL;
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		assert_int_equal(px_import_text(&doc, cases[i].bytes, cases[i].len, "t.txt", PX_LANG_AUTO, NULL, d),
			PX_EINPUT);
		assert_null(doc);
		assert_int_equal(px_diags_count(d), 1);
		assert_string_equal(px_diags_get(d, 0)->rule, "PX002");
		if (!strstr(px_diags_get(d, 0)->message, cases[i].says))
			fail_msg("case %zu: '%s' does not say '%s'", i, px_diags_get(d, 0)->message, cases[i].says);
		px_diags_free(d);
	}
}

/* ---- the cases of data/import/errors/CASES (tests/data/CASES.md) ---------- */

#define IMPORT_ERROR_KEYS ""

/* One case: the strict import of NAME.txt stops at RULE@LINE. */
static void import_error_case(void **state)
{
	const struct test_case *c = *state;
	if (c->nexpect != 1)
		fail_msg("import/errors/CASES:%d: %s: EXPECT is one finding RULE@LINE", c->line, c->name);
	const char *rule = c->expect[0].rule;
	int want_line = case_expect_line(c, 0);
	char file[160], path[200];
	snprintf(file, sizeof file, "%s.txt", c->name);
	snprintf(path, sizeof path, "import/errors/%s", file);
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	px_doc *doc = NULL;
	px_import_options o = PX_IMPORT_OPTIONS_INIT;
	o.strict = 1;
	int rc = px_import_file(&doc, data_path(path), PX_LANG_AUTO, &o, d);
	if (rc != PX_EINPUT)
		fail_msg("%s: expected PX_EINPUT, got %d", file, rc);
	assert_null(doc);
	if (!px_error_last()->rule || strcmp(px_error_last()->rule, rule) != 0)
		fail_msg("%s: expected %s, got %s (%s)", file, rule, px_error_last()->rule, px_error_last()->message);
	if (px_error_last()->line != want_line)
		fail_msg("%s: expected line %d, got %d (%s)", file, want_line, px_error_last()->line,
			px_error_last()->message);
	const px_diag *last = px_diags_get(d, px_diags_count(d) - 1);
	assert_non_null(last);
	assert_string_equal(last->rule, rule);
	assert_int_equal(last->loc.line, want_line);
	assert_int_equal(last->severity, PX_SEV_ERROR);
	px_diags_free(d);
}

/* The table itself: it parses, has its cases, and every text of
 * import/errors/ is a case of it. */
static void error_cases_are_listed(void **state)
{
	(void)state;
	struct test_case *v = NULL;
	size_t n = cases_read("import/errors", IMPORT_ERROR_KEYS, &v);
	assert_true(n >= 15);
	DIR *dir = opendir(data_path("import/errors"));
	assert_non_null(dir);
	int stray = 0;
	for (struct dirent *e; (e = readdir(dir));) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || strcmp(e->d_name, "CASES") == 0)
			continue;
		bool listed = false;
		if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0)
			for (size_t i = 0; i < n && !listed; i++)
				listed = strlen(v[i].name) == l - 4 && strncmp(v[i].name, e->d_name, l - 4) == 0;
		if (!listed) {
			print_error("import/errors/%s is no case of import/errors/CASES\n", e->d_name);
			stray++;
		}
	}
	closedir(dir);
	free(v);
	assert_int_equal(stray, 0);
}

static void bad_options(void **state)
{
	(void)state;
	px_import_options o = PX_IMPORT_OPTIONS_INIT;
	px_doc *doc = NULL;
	o.date = "16.09.2022";
	assert_int_equal(px_import_text(&doc, "x", 1, "t", PX_LANG_RU, &o, NULL), PX_EUSAGE);
	o.date = NULL;
	o.number = "Not A Slug";
	assert_int_equal(px_import_text(&doc, "x", 1, "t", PX_LANG_RU, &o, NULL), PX_EUSAGE);
	assert_int_equal(px_import_options_init(&o, 99), PX_EUSAGE);
	assert_px_ok(px_import_options_init(&o, PX_IMPORT_OPTIONS_VERSION));
	assert_null(o.number);
	/* not UTF-8 */
	assert_int_equal(px_import_text(&doc, "\xff\xfe", 2, "t", PX_LANG_AUTO, NULL, NULL), PX_EINPUT);
	assert_string_equal(px_error_last()->rule, "PX002");
}

static void date_and_number_options(void **state)
{
	(void)state;
	size_t len;
	char *text = slurp(data_path("import/errors/ru-no-date.txt"), &len);
	px_import_options o = PX_IMPORT_OPTIONS_INIT;
	o.date = "2022-09-16";
	o.number = "test-1";
	px_doc *doc = NULL;
	assert_px_ok(px_import_text(&doc, text, len, "no-date", PX_LANG_RU, &o, NULL));
	size_t n;
	char *x = saved(doc, &n);
	assert_non_null(strstr(x, "<FRBRuri value=\"/akn/sco/doc/programme/2022-09-16/test-1\"/>"));
	free(x);
	free(text);
	px_doc_free(doc);
}

/* ---- round trip ----------------------------------------------------------------- */

static void assert_round_trip(const px_doc *doc)
{
	px_buf text = PX_BUF_INIT;
	assert_px_ok(px_render_text(doc, &text));
	px_doc *again = NULL;
	assert_px_ok(px_import_text(&again, text.ptr, text.size, "rendered", PX_LANG_AUTO, NULL, NULL));
	size_t n, m;
	char *a = saved(doc, &n), *b = saved(again, &m);
	if (n != m || memcmp(a, b, n) != 0)
		fail_msg("import(render(doc)) differs from doc; rendered:\n%s", text.ptr);
	free(a);
	free(b);
	px_buf_dispose(&text);
	px_doc_free(again);
}

/* The rendering of `doc` is byte for byte the file `txt`. */
static void assert_renders_as(const px_doc *doc, const char *txt)
{
	px_buf text = PX_BUF_INIT;
	assert_px_ok(px_render_text(doc, &text));
	size_t len;
	char *want = slurp(txt, &len);
	assert_int_equal(text.size, len);
	assert_memory_equal(text.ptr, want, len);
	free(want);
	px_buf_dispose(&text);
}

static void round_trip_examples(void **state)
{
	(void)state;
	const char *files[] = { "examples/programme.ru.xml", "examples/programme.zh.xml" };
	for (size_t i = 0; i < 2; i++) {
		px_doc *doc = NULL;
		assert_px_ok(px_doc_load_file(&doc, src_path(files[i])));
		assert_round_trip(doc);
		px_doc_free(doc);
	}
	/* the Russian rendering is the shipped clean text */
	px_doc *doc = NULL;
	assert_px_ok(px_doc_load_file(&doc, src_path("examples/programme.ru.xml")));
	assert_renders_as(doc, data_path("import/ru-clean.txt"));
	px_doc_free(doc);
}

/* A document of the family with any number of sections, items and signatories,
 * written from the registry's names. */
/* A list of `nitems` items at nesting `level` of the shapes' generator: the
 * first item has a further paragraph, the second holds a list of the next
 * level while level + 1 < depth; the last item of all (`tail`: this list
 * ends the outer one) ends with a full stop. Markers: Russian `-`, `а)`,
 * `1)`; Chinese `——`, `1.`, `（1）`, not indented; with `dashes`, bullets
 * at every level, nested lists indented one step a level. */
static void gen_list(px_buf *t, bool zh, int level, int depth, int nitems, bool tail, bool dashes)
{
	static const char *const letters[] = { "а", "б", "в", "г", "д", "е" };
	for (int i = 1; i <= nitems; i++) {
		bool nest = i == 2 && level + 1 < depth;
		const char *end = nest ? (zh ? "：" : ":") : i == nitems && tail ? (zh ? "。" : ".") : (zh ? "；" : ";");
		for (int k = 0; dashes && k < level; k++)
			px_buf_puts(t, zh ? "　　" : "  ");
		if (dashes)
			px_buf_puts(t, zh ? "　　——" : "- ");
		else if (zh)
			px_buf_printf(t, level == 0 ? "　　——" : level == 1 ? "　　%d." : "　　（%d）", i);
		else if (level == 0)
			px_buf_puts(t, "- ");
		else if (level == 1)
			px_buf_printf(t, "%s) ", letters[(i - 1) % 6]);
		else
			px_buf_printf(t, "%d) ", i);
		px_buf_printf(t, zh ? "第%d级第%d项%s\n" : "пункт %d уровня %d%s\n", i, level + 1, end);
		if (i == 1 && nitems > 1) {
			for (int k = 0; dashes && k < level; k++)
				px_buf_puts(t, zh ? "　　" : "  ");
			px_buf_printf(t, zh ? "　　　　第%d级的说明。\n" : "  Пояснение к пункту уровня %d.\n", level + 1);
		}
		if (nest)
			gen_list(t, zh, level + 1, depth, nitems, tail && i == nitems, dashes);
	}
}

/* A document of the family with any number of sections, items and signatories,
 * written from the registry's names. With `depth` > 0, the shapes beyond the
 * Programme's: odd sections made of numbered paragraphs (`1.` / `（一）`),
 * every section with a list nested `depth` levels deep whose items have
 * further paragraphs (bullets at every level in even sections). */
static void generate_deep(px_buf *t, const px_registry *reg, bool zh, int nsec, int nitems, int nsig, int depth)
{
	static const char *const hanzi[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二" };
	if (zh)
		px_buf_puts(t, "上海合作组织成员国主管部门试验合作纲要\n\n　　上海合作组织成员国主管部门（以下简称“各方”），\n"
			"　　考虑到合作的共同利益，\n　　通过本纲要如下：\n\n");
	else
		px_buf_puts(t, "ПРОГРАММА\nсотрудничества в области испытаний\n\nУполномоченные органы, именуемые в дальнейшем "
			"Сторонами,\nучитывая взаимный интерес,\nприняли настоящую Программу.\n\n");
	for (int s = 1; s <= nsec; s++) {
		char roman[16];
		px_roman_format(s, roman, sizeof roman);
		if (zh)
			px_buf_printf(t, "%s、第%d部分\n\n", hanzi[s - 1], s);
		else
			px_buf_printf(t, "%s. Раздел %d\n\n", roman, s);
		int items = (s * 7 + nitems) % (nitems + 1);
		if (depth) {
			bool numbered = s % 2 == 1;
			char hz[32];
			px_hanzi_format(1, hz, sizeof hz);
			if (numbered && zh)
				px_buf_printf(t, "　　（%s）各方商定：\n", hz);
			else if (numbered)
				px_buf_puts(t, "1. Стороны договорились:\n");
			else
				px_buf_puts(t, zh ? "　　各方商定：\n" : "Стороны договорились:\n");
			gen_list(t, zh, 0, depth, nitems + 1, true, !numbered);
			px_buf_puts(t, zh ? "　　列表之后的段落。\n" : "Абзац после списка.\n");
			px_hanzi_format(2, hz, sizeof hz);
			if (numbered && s != nsec && zh)
				px_buf_printf(t, "　　（%s）第二段。\n", hz);
			else if (numbered && s != nsec)
				px_buf_puts(t, "2. Второй пункт раздела.\n");
			items = 0;
		}
		if (items) {
			px_buf_puts(t, zh ? "　　各方合作如下：\n" : "Стороны сотрудничают так:\n");
			for (int i = 1; i <= items; i++)
				px_buf_printf(t, zh ? "　　——第%d项%s\n" : "- пункт %d%s\n", i,
					i == items ? (zh ? "。" : ".") : (zh ? "；" : ";"));
		}
		for (int p = 0; !depth && (p < s % 3 || (!items && p == 0)); p++)
			px_buf_printf(t, zh ? "　　第%d部分第%d段。\n" : "Абзац %d раздела %d.\n", p + 1, s);
		if (s == nsec)
			px_buf_puts(t, zh ? "　　本纲要于2023年7月4日签署。\n" : "Настоящая Программа подписана 4 июля 2023 года.\n");
		px_buf_puts(t, "\n");
	}
	for (int i = 0; i < nsig; i++) {
		const char *body = px_registry_body_at(reg, (size_t)i % px_registry_body_count(reg));
		const char *st = px_registry_body_state(reg, body);
		if (zh)
			px_buf_printf(t, "%s%s代表\n\n", name_of(reg, PX_ENTRY_STATE, st, PX_LANG_ZH, PX_NAME_FULL, PX_CASE_NOM),
				name_of(reg, PX_ENTRY_BODY, body, PX_LANG_ZH, PX_NAME_SHORT, PX_CASE_NOM));
		else
			px_buf_printf(t, "За %s %s\n\n", name_of(reg, PX_ENTRY_BODY, body, PX_LANG_RU, PX_NAME_SHORT, PX_CASE_ACC),
				name_of(reg, PX_ENTRY_STATE, st, PX_LANG_RU, PX_NAME_FULL, PX_CASE_GEN));
	}
}

static void generate(px_buf *t, const px_registry *reg, bool zh, int nsec, int nitems, int nsig)
{
	generate_deep(t, reg, zh, nsec, nitems, nsig, 0);
}

/* The import of a generated text, which must succeed without findings. */
static px_doc *import_generated(const px_buf *t)
{
	px_doc *doc = NULL;
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	if (px_import_text(&doc, t->ptr, t->size, "generated", PX_LANG_AUTO, NULL, d) < 0)
		fail_msg("%s\n%s", px_error_last()->message, t->ptr);
	assert_int_equal(px_diags_count(d), 0);
	px_diags_free(d);
	return doc;
}

static void round_trip_generated(void **state)
{
	(void)state;
	px_registry *reg = NULL;
	assert_px_ok(px_registry_load_default(&reg));
	for (int zh = 0; zh < 2; zh++)
		for (int nsec = 1; nsec <= 12; nsec += 3)
			for (int nitems = 1; nitems <= 9; nitems += 4)
				for (int nsig = 1; nsig <= 11; nsig += 5) {
					px_buf t = PX_BUF_INIT;
					generate(&t, reg, zh, nsec, nitems, nsig);
					px_doc *doc = import_generated(&t);
					assert_int_equal(count_kind(doc, "section"), (size_t)nsec);
					assert_int_equal(count_kind(doc, "blockContainer"), (size_t)nsig);
					assert_round_trip(doc);
					px_doc_free(doc);
					px_buf_dispose(&t);
				}
	px_registry_free(reg);
}

/* The document validates against the profile, and against the official
 * schema when PX_AKN_XSD names it. */
static void assert_valid(px_validator *v, const px_doc *doc)
{
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	if (px_validate_doc(v, doc, d) != 0) {
		px_buf out = PX_BUF_INIT;
		px_diags_format_text(d, &out);
		fail_msg("%s: %s", px_doc_name(doc), out.ptr ? out.ptr : "");
	}
	px_diags_free(d);
}

/* The text of an element, owned by the caller. */
static char *node_text(xmlNodePtr n)
{
	px_buf b = PX_BUF_INIT;
	assert_non_null(n);
	assert_px_ok(px_node_text(n, &b));
	return px_buf_detach(&b);
}

/* Numbered paragraphs, items of several paragraphs and nested lists, in
 * both languages and up to three levels: imported, valid, and the same
 * again after render and import. */
static void round_trip_shapes(void **state)
{
	(void)state;
	px_registry *reg = NULL;
	assert_px_ok(px_registry_load_default(&reg));
	bool official;
	px_validator *v = test_validator(&official);
	for (int zh = 0; zh < 2; zh++)
		for (int nsec = 1; nsec <= 4; nsec++)
			for (int depth = 1; depth <= 3; depth++)
				for (int nitems = 1; nitems <= 3; nitems++) {
					px_buf t = PX_BUF_INIT;
					generate_deep(&t, reg, zh, nsec, nitems, 2, depth);
					px_doc *doc = import_generated(&t);
					assert_int_equal(count_kind(doc, "section"), (size_t)nsec);
					/* numbered paragraphs: two in each odd section but the last, which has one */
					assert_int_equal(count_kind(doc, "paragraph"), (size_t)((nsec + 1) / 2 * 2 - (nsec % 2)));
					/* the first item of every list has a further paragraph */
					node(doc, "sec_I__para_1__list_1__item_1__p_2");
					if (depth >= 2)
						node(doc, "sec_I__para_1__list_1__item_2__list_1__item_1__p_2");
					if (depth >= 3)
						node(doc, "sec_I__para_1__list_1__item_2__list_1__item_2__list_1__item_1__p_1");
					if (nsec >= 2 && depth >= 2)
						node(doc, "sec_II__list_1__item_2__list_1__item_1__p_2");
					node(doc, nsec > 1 ? "sec_I__para_1__p_2" : "sec_I__para_1__p_3"); /* after the list */
					assert_valid(v, doc);
					assert_round_trip(doc);
					px_doc_free(doc);
					px_buf_dispose(&t);
				}
	px_validator_free(v);
	px_registry_free(reg);
}

/* Points numbered 一、 with points of a lower rank （一） under them: the
 * lower rank numbers the items of a point, not points of their own. */
static void lower_rank_points_are_items(void **state)
{
	(void)state;
	const char *t = "关于修改协定的议定书\n\n各方议定如下：\n\n一、协定第二条作如下修改：\n\n"
		"（一）将第（三）项中的“数据中心”修改为“数据存储中心”；\n\n（二）将第（五）项末尾的句号改为分号。\n\n"
		"二、本议定书自签署之日起生效。\n\n本议定书于2026年5月7日在伊斯兰堡签订，正本一份，用中文和俄文写成，两种文本同等作准。\n\n"
		"印度共和国政府代表\n";
	px_doc *doc = NULL;
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	assert_px_ok(px_import_text(&doc, t, strlen(t), "points.zh.txt", PX_LANG_ZH, NULL, d));
	assert_non_null(px_doc_find(doc, "point_1"));
	assert_non_null(px_doc_find(doc, "point_2"));
	assert_null(px_doc_find(doc, "point_3"));
	px_unit *it = px_doc_find(doc, "point_1__list_1__item_2");
	assert_non_null(it);
	px_buf num = PX_BUF_INIT;
	assert_px_ok(px_unit_num(it, &num));
	assert_string_equal(num.ptr, "（二）");
	px_buf_dispose(&num);
	assert_int_equal(px_diags_count_at_least(d, PX_SEV_WARNING), 0);
	px_doc_free(doc);
	px_diags_free(d);
}


/* Texts written by hand in the layout of numbered paragraphs and nested
 * lists: the structure and nums read, valid, rendered back as written. */
static void hand_written_shapes(void **state)
{
	(void)state;
	static const char *const files[] = { "import/ru-paragraphs.txt", "import/zh-paragraphs.txt" };
	static const char *const nums[][4] = { { "1.", "—", "а)", "2." }, { "（一）", "——", "1.", "（二）" } };
	bool official;
	px_validator *v = test_validator(&official);
	for (size_t i = 0; i < 2; i++) {
		px_doc *doc = import_path(data_path(files[i]), PX_LANG_AUTO);
		xmlNodePtr para = node(doc, "sec_I__para_1");
		char *t = node_text(px_child(para, "num"));
		assert_string_equal(t, nums[i][0]);
		free(t);
		xmlNodePtr item = node(doc, "sec_I__para_1__list_1__item_1");
		assert_int_equal(count_children(item, "p"), 0);
		assert_int_equal(count_children(item, "blockList"), 1);
		t = node_text(px_child(item, "num"));
		assert_string_equal(t, nums[i][1]);
		free(t);
		assert_non_null(px_child(px_child(item, "blockList"), "listIntroduction"));
		t = node_text(px_child(node(doc, "sec_I__para_1__list_1__item_1__list_1__item_1"), "num"));
		assert_string_equal(t, nums[i][2]);
		free(t);
		assert_int_equal(count_children(node(doc, "sec_I__para_1__list_1__item_2"), "p"), 2);
		t = node_text(px_child(node(doc, "sec_I__para_2"), "num"));
		assert_string_equal(t, nums[i][3]);
		free(t);
		node(doc, "sec_I__para_1__p_2"); /* the paragraph after the list */
		t = node_text(px_child(node(doc, "sec_I__para_2__list_1__item_1__list_1__item_2"), "num"));
		assert_string_equal(t, nums[i][1]); /* bullets inside a bulleted item, told by indentation */
		free(t);
		node(doc, "sec_II__p_1");        /* a section without numbered paragraphs */
		assert_valid(v, doc);
		assert_renders_as(doc, data_path(files[i]));
		assert_round_trip(doc);
		/* items of another sort than their list's need no indentation */
		size_t len;
		char *text = slurp(data_path(files[i]), &len);
		px_buf flat = PX_BUF_INIT;
		for (char *l = text, *e; l < text + len; l = e + 1) {
			e = strchr(l, '\n');
			bool sub = strstr(l, i ? "　　　　1." : "  а)") == l || strstr(l, i ? "　　　　2." : "  б)") == l;
			assert_px_ok(px_buf_put(&flat, l + (sub ? (i ? 6 : 2) : 0), (size_t)(e - l) + 1 - (sub ? (i ? 6 : 2) : 0)));
		}
		px_doc *again = NULL;
		assert_px_ok(px_import_text(&again, flat.ptr, flat.size, files[i], PX_LANG_AUTO, NULL, NULL));
		size_t n, m;
		char *a = saved(doc, &n), *b = saved(again, &m);
		assert_int_equal(n, m);
		assert_memory_equal(a, b, n);
		free(a);
		free(b);
		free(text);
		px_buf_dispose(&flat);
		px_doc_free(again);
		px_doc_free(doc);
	}
	px_validator_free(v);
}

/* Inline markup that plain text cannot carry (date, ref, i) and a list's
 * introduction at the top of a content: render and import give the document
 * without them, as docs/import.md says. */
static void markup_plain_text_cannot_carry(void **state)
{
	(void)state;
	size_t len;
	char *xml = slurp(src_path("examples/programme.ru.xml"), &len);
	px_buf marked = PX_BUF_INIT;
	assert_px_ok(px_buf_puts(&marked, xml));
	static const char *const edits[][2] = {
		{ "16 сентября 2022 года", "<date date=\"2022-09-16\">16 сентября 2022 года</date>" },
		{ "настоящей Программы", "<ref href=\"/akn/sco/doc/programme/2022-09-16/ai\">настоящей <i>Программы</i></ref>" },
		{ "<p eId=\"sec_II__p_1\">", "<blockList eId=\"sec_II__list_1\"><listIntroduction>" },
		{ "направлениях:</p>\n          <blockList eId=\"sec_II__list_1\">", "направлениях:</listIntroduction>" },
	};
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		char *at = strstr(marked.ptr, edits[i][0]);
		assert_non_null(at);
		px_buf next = PX_BUF_INIT;
		assert_px_ok(px_buf_put(&next, marked.ptr, (size_t)(at - marked.ptr)));
		assert_px_ok(px_buf_puts(&next, edits[i][1]));
		assert_px_ok(px_buf_puts(&next, at + strlen(edits[i][0])));
		px_buf_dispose(&marked);
		marked = next;
	}
	px_doc *doc = NULL, *again = NULL;
	assert_px_ok(px_doc_load_memory(&doc, marked.ptr, marked.size, "marked"));
	bool official;
	px_validator *v = test_validator(&official);
	assert_valid(v, doc); /* a document of the profile */
	px_validator_free(v);
	px_buf text = PX_BUF_INIT;
	assert_px_ok(px_render_text(doc, &text));
	assert_px_ok(px_import_text(&again, text.ptr, text.size, "rendered", PX_LANG_AUTO, NULL, NULL));
	size_t n;
	char *got = saved(again, &n);
	assert_int_equal(n, len);
	assert_memory_equal(got, xml, len);
	free(got);
	px_doc_free(again);
	px_doc_free(doc);
	px_buf_dispose(&text);
	px_buf_dispose(&marked);
	free(xml);
}

/* ---- the commands ------------------------------------------------------------------ */

/* `paralex CMD --help` prints the same text as `paralex help CMD`, exit 0. */
static void assert_help_matches(const char *cmd)
{
	struct run r, h;
	run_paralex(&r, NULL, 60, cmd, "--help", NULL);
	run_paralex(&h, NULL, 60, "help", cmd, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(h.status, 0);
	assert_string_equal(r.out, h.out);
	run_free(&r);
	run_free(&h);
}

static void cli_import(void **state)
{
	(void)state;
	struct run r;
	char *dir = temp_dir();
	char out[4096];
	snprintf(out, sizeof out, "%s/out.xml", dir);
	size_t len;
	char *want = slurp(src_path("examples/programme.ru.xml"), &len);

	run_paralex(&r, NULL, 60, "import", src_path("examples/programme.ru.txt"), "-o", out, NULL);
	assert_int_equal(r.status, 0);
	size_t n;
	char *got = slurp(out, &n);
	assert_int_equal(n, len);
	assert_memory_equal(got, want, n);
	free(got);
	run_free(&r);
	unlink(out);

	/* an error: exit 1, FILE:LINE: error[RULE], no output file */
	run_paralex(&r, NULL, 60, "import", "--strict", data_path("import/errors/ru-section-jump.txt"), "-o", out, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "ru-section-jump.txt:202: error[PX033]: expected section IV after section III, found VI"));
	assert_int_equal(access(out, F_OK), -1);
	run_free(&r);

	/* stdin and stdout, the language decided by the script */
	size_t tl;
	char *text = slurp(src_path("examples/programme.zh.txt"), &tl);
	run_paralex(&r, text, 60, "import", "--lang", "auto", "-", NULL);
	assert_int_equal(r.status, 0);
	char *zh = slurp(src_path("examples/programme.zh.xml"), &n);
	/* the document's name differs ("-"), its bytes do not */
	assert_string_equal(r.out, zh);
	free(zh);
	free(text);
	run_free(&r);

	/* a note (an unknown body, kept as text): written, exit 0 */
	run_paralex(&r, NULL, 60, "import", data_path("import/gen-ru-unknown-body.txt"), "-o", out, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "info[PX046]"));
	assert_int_equal(access(out, F_OK), 0);
	run_free(&r);
	unlink(out);

	/* usage errors and unreadable input: exit 2 */
	run_paralex(&r, NULL, 60, "import", NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	run_paralex(&r, NULL, 60, "import", "--lang", "fr", src_path("examples/programme.ru.txt"), NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	run_paralex(&r, NULL, 60, "import", "--date", "yesterday", src_path("examples/programme.ru.txt"), NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	run_paralex(&r, NULL, 60, "import", "/nonexistent/file.txt", NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	run_paralex(&r, "\xff\xfe\x00t", 60, "import", "-", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "error[PX002]"));
	run_free(&r);

	assert_help_matches("import");
	free(want);
	rmdir(dir);
	free(dir);
}

static void cli_render(void **state)
{
	(void)state;
	struct run r;
	run_paralex(&r, NULL, 60, "render", "--format", "text", src_path("examples/programme.ru.xml"), NULL);
	assert_int_equal(r.status, 0);
	size_t len;
	char *want = slurp(data_path("import/ru-clean.txt"), &len);
	assert_string_equal(r.out, want);
	free(want);
	run_free(&r);
	run_paralex(&r, NULL, 60, "render", "--format", "html", src_path("examples/programme.ru.xml"), NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	run_paralex(&r, NULL, 60, "render", "/nonexistent.xml", NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	assert_help_matches("render");
}

/* ---- instruments of every kind, in every layout ----------------------------- */

static bool structural(const char *kind)
{
	static const char *const k[] = { "chapter", "article", "paragraph", "point", "section", "blockList", "item" };
	for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
		if (strcmp(kind, k[i]) == 0)
			return true;
	return false;
}

/* The eIds of mainBody's structure, one per line, in document order. */
static void body_outline(const px_doc *doc, px_buf *out)
{
	for (px_unit *u = px_doc_first_unit(doc); u; u = px_unit_next(u)) {
		const char *e = px_unit_eid(u);
		if (structural(px_unit_kind(u)) && strncmp(e, "preamble", 8) != 0 && strncmp(e, "conclusions", 11) != 0)
			assert_int_equal(px_buf_printf(out, "%s\n", e), 0);
	}
}

/* examples/INSTRUMENTS: each text imports (no error, valid) with the kind,
 * date, signature blocks and body structure of its outline; "gap" rows are
 * layouts still read with another structure: they must import and validate,
 * and must still differ (a row that matches is to be marked "match"). */
static void instruments_match_outlines(void **state)
{
	(void)state;
	size_t len;
	char *list = slurp(src_path("examples/INSTRUMENTS"), &len);
	char *save = NULL;
	int n = 0, failed = 0;
	char last_outline[128] = "", last_lang[4] = "", last_title[1024] = "";
	bool official;
	px_validator *val = test_validator(&official);
	for (char *line = strtok_r(list, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char file[128], outline[128], status[16], path[200];
		if (line[0] == '#' || sscanf(line, "%127s %127s %15s", file, outline, status) != 3)
			continue;
		snprintf(path, sizeof path, "examples/%s", file);
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		px_doc *doc = NULL;
		if (px_import_file(&doc, src_path(path), PX_LANG_AUTO, NULL, d) < 0)
			fail_msg("%s: %s", file, px_error_last()->message);
		for (size_t i = 0; i < px_diags_count(d); i++)
			if (px_diags_get(d, i)->severity == PX_SEV_ERROR)
				fail_msg("%s:%d: %s", file, px_diags_get(d, i)->loc.line, px_diags_get(d, i)->message);
		/* the outline: header lines, then one eId per line */
		snprintf(path, sizeof path, "examples/%s", outline);
		size_t olen;
		char *o = slurp(src_path(path), &olen);
		px_buf want = PX_BUF_INIT, got = PX_BUF_INIT;
		char kind[32] = "", date[16] = "";
		int sigs = -1;
		char *s2 = NULL;
		for (char *l = strtok_r(o, "\n", &s2); l; l = strtok_r(NULL, "\n", &s2)) {
			char id[160];
			if (sscanf(l, "kind\t%31s", kind) == 1 || sscanf(l, "date\t%15s", date) == 1 ||
				sscanf(l, "signatures\t%d", &sigs) == 1 || strncmp(l, "place\t", 6) == 0)
				continue;
			if (sscanf(l, "%159s", id) != 1)
				continue;
			/* a numbered part of an article is a paragraph (art_1__para_2) */
			char *pt = strstr(id, "__point_");
			if (pt && strncmp(id, "art_", 4) == 0) {
				memmove(pt + 7, pt + 8, strlen(pt + 8) + 1);
				memcpy(pt + 2, "para_", 5);
			}
			assert_int_equal(px_buf_printf(&want, "%s\n", id), 0);
		}
		body_outline(doc, &got);
		bool same = want.size == got.size && memcmp(want.ptr, got.ptr, want.size) == 0;
		/* valid on the profile and, where it is at hand, the official schema */
		px_diags *vd = NULL;
		assert_px_ok(px_diags_new(&vd));
		if (px_validate_doc(val, doc, vd) != 0) {
			px_buf vt = PX_BUF_INIT;
			px_diags_format_text(vd, &vt);
			print_error("%s does not validate%s:\n%s", file, official ? " (profile and OASIS schemas)" : "",
				vt.ptr ? vt.ptr : "");
			px_buf_dispose(&vt);
			failed++;
		}
		px_diags_free(vd);
		xmlNodePtr root = px_doc_root(doc);
		char *wd = NULL;
		xmlNodePtr fd = px_child(px_child(px_child(px_child(root, "meta"), "identification"), "FRBRWork"), "FRBRdate");
		wd = fd ? (char *)xmlGetProp(fd, (const xmlChar *)"date") : NULL;
		int nsig = 0;
		for (xmlNodePtr c = px_first_el(px_child(root, "conclusions")); c; c = px_next_el(c))
			nsig += px_is(c, "blockContainer");
		if (strcmp(px_doc_type(doc), kind) != 0 || !wd || strcmp(wd, date) != 0 || nsig != sigs) {
			print_error("%s: kind %s date %s signatures %d; expected %s %s %d\n", file, px_doc_type(doc),
				wd ? wd : "?", nsig, kind, date, sigs);
			failed++;
		} else if (strcmp(status, "match") == 0 && !same) {
			print_error("%s: body structure differs from %s:\n--- expected\n%s--- imported\n%s", file, outline,
				want.ptr, got.ptr ? got.ptr : "");
			failed++;
		} else if (strcmp(status, "gap") == 0 && same) {
			print_error("%s now matches %s: mark it 'match' in examples/INSTRUMENTS\n", file, outline);
			failed++;
		}
		/* every layout of one text has the same title */
		px_unit *tu = px_doc_find(doc, "preface__p_1");
		px_buf title = PX_BUF_INIT;
		assert_non_null(tu);
		px_unit_text(tu, &title);
		const char *lang = strstr(file, ".ru.") ? "ru" : "zh";
		bool same_text = strcmp(outline, last_outline) == 0 && strcmp(lang, last_lang) == 0;
		if (same_text && strcmp(title.ptr, last_title) != 0) {
			print_error("%s: title '%s', another layout of it has '%s'\n", file, title.ptr, last_title);
			failed++;
		}
		snprintf(last_outline, sizeof last_outline, "%s", outline);
		snprintf(last_lang, sizeof last_lang, "%s", lang);
		snprintf(last_title, sizeof last_title, "%s", title.ptr);
		px_buf_dispose(&title);
		xmlFree(wd);
		px_buf_dispose(&want);
		px_buf_dispose(&got);
		free(o);
		px_doc_free(doc);
		px_diags_free(d);
		n++;
	}
	free(list);
	px_validator_free(val);
	assert_true(n >= 18);
	assert_int_equal(failed, 0);
}

/* Independent Chinese translations of the Programme in other layouts (no
 * indentation, one paragraph per line with the date in numerals and
 * three-line signature blocks, a PDF extraction with page numbers and running
 * headers, items numbered （一） and 1.) import to the
 * structure of the Russian text. */
static void independent_translations(void **state)
{
	(void)state;
	static const char *const files[] = { "import/independent/programme-a.zh.txt",
		"import/independent/programme-b.zh.txt", "import/independent/programme-c.zh.txt",
		"import/independent/programme-d.zh.txt" };
	px_doc *ref = NULL;
	assert_px_ok(px_doc_load_file(&ref, src_path("examples/programme.ru.xml")));
	px_buf want = PX_BUF_INIT;
	body_outline(ref, &want);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		px_doc *doc = NULL;
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		if (px_import_file(&doc, data_path(files[i]), PX_LANG_AUTO, NULL, d) < 0)
			fail_msg("%s: %s", files[i], px_error_last()->message);
		px_buf got = PX_BUF_INIT;
		body_outline(doc, &got);
		if (got.size != want.size || memcmp(got.ptr, want.ptr, want.size) != 0)
			fail_msg("%s: structure differs:\n%s", files[i], got.ptr);
		assert_non_null(px_doc_find(doc, "conclusions__blockContainer_8__p_1"));
		assert_null(px_doc_find(doc, "conclusions__blockContainer_9"));
		xmlNodePtr fd = px_child(px_child(px_child(px_child(px_doc_root(doc), "meta"), "identification"), "FRBRWork"),
			"FRBRdate");
		char *date = (char *)xmlGetProp(fd, (const xmlChar *)"date");
		assert_string_equal(date, "2022-09-16");
		xmlFree(date);
		px_buf_dispose(&got);
		px_diags_free(d);
		px_doc_free(doc);
	}
	px_buf_dispose(&want);
	px_doc_free(ref);
}

/* A context with a user termbase: the importer names the work after the
 * user's concept (the subject of the title), in both languages; a checker
 * built over the same context finds what one built from the same files finds. */
static void context_user_termbase(void **state)
{
	(void)state;
	const char *tbx[] = { data_path("terms/water.tbx") };
	px_context_options co = PX_CONTEXT_OPTIONS_INIT;
	co.tbx = tbx;
	co.ntbx = 1;
	px_context *ctx = NULL;
	assert_px_ok(px_context_new(&ctx, &co));
	const char *files[] = { "examples/statement/declaration.ru.txt", "examples/statement/declaration.zh.txt" };
	px_doc *docs[2] = { NULL, NULL };
	for (int i = 0; i < 2; i++) {
		px_import_options io = PX_IMPORT_OPTIONS_INIT;
		io.context = ctx;
		assert_px_ok(px_import_file(&docs[i], src_path(files[i]), PX_LANG_AUTO, &io, NULL));
		xmlNodePtr n = px_child(px_child(px_child(px_child(px_doc_root(docs[i]), "meta"), "identification"),
			"FRBRWork"), "FRBRnumber");
		char *v = (char *)xmlGetProp(n, (const xmlChar *)"value");
		assert_string_equal(v, "water-security");
		xmlFree(v);
		/* without the context: the built-in termbase, which lacks the concept */
		px_doc *plain = NULL;
		assert_px_ok(px_import_file(&plain, src_path(files[i]), PX_LANG_AUTO, NULL, NULL));
		n = px_child(px_child(px_child(px_child(px_doc_root(plain), "meta"), "identification"), "FRBRWork"),
			"FRBRnumber");
		v = (char *)xmlGetProp(n, (const xmlChar *)"value");
		assert_string_not_equal(v, "water-security");
		xmlFree(v);
		px_doc_free(plain);
	}
	px_check_options ko = PX_CHECK_OPTIONS_INIT;
	ko.context = ctx;
	px_checker *a = NULL, *b = NULL;
	assert_px_ok(px_checker_new(&a, &ko));
	px_check_options ko2 = PX_CHECK_OPTIONS_INIT;
	ko2.tbx = tbx;
	ko2.ntbx = 1;
	assert_px_ok(px_checker_new(&b, &ko2));
	px_diags *da = NULL, *db = NULL;
	assert_px_ok(px_diags_new(&da));
	assert_px_ok(px_diags_new(&db));
	px_check_pair(a, docs[0], docs[1], da);
	px_check_pair(b, docs[0], docs[1], db);
	assert_int_equal(px_diags_count(da), px_diags_count(db));
	for (size_t i = 0; i < px_diags_count(da); i++)
		assert_string_equal(px_diags_get(da, i)->message, px_diags_get(db, i)->message);
	/* a context's checker takes no files of its own */
	ko.ntbx = 1;
	ko.tbx = tbx;
	px_checker *c = NULL;
	assert_int_equal(px_checker_new(&c, &ko), PX_EUSAGE);
	px_diags_free(da);
	px_diags_free(db);
	px_checker_free(a);
	px_checker_free(b);
	px_doc_free(docs[0]);
	px_doc_free(docs[1]);
	px_context_free(ctx);
}

/* The text of the p `eid` (with inline markup), or "" when there is none. */
static char *p_text(const px_doc *doc, const char *eid)
{
	px_unit *u = px_doc_find(doc, eid);
	px_buf t = PX_BUF_INIT;
	if (u)
		px_unit_text(u, &t);
	char *r = strdup(t.ptr ? t.ptr : "");
	px_buf_dispose(&t);
	return r;
}

/* Signature blocks in the forms instruments print them: «За …» over lines
 * with the signer under it (initials or not), «…政府» and «代表» on two lines,
 * the signer's name over two lines, «（签字）» or «(签字)», «为……», and
 * states signing as parties («За Республику Казахстан», «哈萨克斯坦共和国代表»). */
static void signature_forms(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		int block;
		const char *body;   /* refersTo of the signing body */
		const char *person; /* "" for none */
		const char *mark;   /* "" for none */
	} cases[] = {
		{ "ru-persons.txt", 1, "#kz-gov", "А. Б. Серикбаев", "" },
		{ "ru-persons.txt", 2, "#cn-gov", "Чжоу Хайпин", "" },
		{ "ru-persons.txt", 3, "#kg-gov", "", "" },
		{ "zh-split.txt", 1, "#kz-gov", "阿斯卡尔·别克穆哈梅多夫", "（签字）" },
		{ "zh-split.txt", 2, "#cn-gov", "王伟", "(签字)" },
		{ "zh-wei.txt", 1, "#kz-gov", "阿·别克", "" },
		{ "zh-wei.txt", 2, "#cn-gov", "王伟", "（签字）" },
		{ "ru-states.txt", 1, "#kz", "", "" },
		{ "ru-states.txt", 2, "#cn", "", "" },
		{ "ru-states.txt", 3, "#kg-gov", "", "" },
		{ "zh-states.txt", 1, "#kz", "", "" },
		{ "zh-states.txt", 2, "#cn", "", "" },
		{ "zh-states.txt", 3, "#kg-gov", "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[128], eid[80];
		snprintf(path, sizeof path, "import/signatures/%s", cases[i].file);
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		px_doc *doc = NULL;
		assert_px_ok(px_import_file(&doc, data_path(path), PX_LANG_AUTO, NULL, d));
		if (px_diags_count(d))
			fail_msg("%s: %s", cases[i].file, px_diags_get(d, 0)->message);
		snprintf(eid, sizeof eid, "conclusions__blockContainer_%d__p_1", cases[i].block);
		xmlNodePtr sig = px_child((xmlNodePtr)px_doc_find(doc, eid), "signature");
		xmlNodePtr org = px_child(sig, "organization");
		assert_non_null(org);
		assert_string_equal(px_attr(org, "refersTo"), cases[i].body);
		snprintf(eid, sizeof eid, "conclusions__blockContainer_%d__p_2", cases[i].block);
		char *t = p_text(doc, eid);
		const char *want_p2 = cases[i].person[0] ? cases[i].person : cases[i].mark;
		assert_string_equal(t, want_p2);
		free(t);
		if (cases[i].person[0] && cases[i].mark[0]) {
			snprintf(eid, sizeof eid, "conclusions__blockContainer_%d__p_3", cases[i].block);
			t = p_text(doc, eid);
			assert_string_equal(t, cases[i].mark);
			free(t);
		}
		px_diags_free(d);
		px_doc_free(doc);
	}
}

/* What --strict refuses, the default import keeps: a document, with the
 * defect reported as a warning (or, when the document cannot be valid, as
 * PX045), never a refusal; only unreadable texts are refused. */
static void lenient_keeps_what_strict_refuses(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		const char *rule; /* a finding the import must report */
	} cases[] = {
		{ "ru-section-jump.txt", "PX042" },
		{ "ru-section-repeat.txt", "PX042" },
		{ "ru-empty-section.txt", "PX043" },
		{ "ru-item-in-preamble.txt", "PX040" },
		{ "ru-text-after-signatures.txt", "PX040" },
		{ "ru-heading-after-signatures.txt", "PX040" },
		{ "ru-no-date.txt", "PX041" },
		{ "ru-bad-numeral.txt", "PX040" },
		{ "zh-section-jump.txt", "PX042" },
		{ "zh-item-in-preamble.txt", "PX040" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[128];
		snprintf(path, sizeof path, "import/errors/%s", cases[i].file);
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		px_doc *doc = NULL;
		if (px_import_file(&doc, data_path(path), PX_LANG_AUTO, NULL, d) < 0)
			fail_msg("%s: refused: %s", cases[i].file, px_error_last()->message);
		assert_non_null(doc);
		bool found = false;
		for (size_t k = 0; k < px_diags_count(d); k++)
			found |= strcmp(px_diags_get(d, k)->rule, cases[i].rule) == 0 && px_diags_get(d, k)->loc.line > 0;
		if (!found)
			fail_msg("%s: no %s with a line among %zu findings", cases[i].file, cases[i].rule, px_diags_count(d));
		px_diags_free(d);
		px_doc_free(doc);
	}
	/* the texts no import can read */
	static const char *const refused[] = { "ru-empty.txt", "latin.txt" };
	for (size_t i = 0; i < 2; i++) {
		char path[128];
		snprintf(path, sizeof path, "import/errors/%s", refused[i]);
		px_doc *doc = NULL;
		assert_int_equal(px_import_file(&doc, data_path(path), PX_LANG_AUTO, NULL, NULL), PX_EINPUT);
		assert_null(doc);
	}
}

/* The profile of document kinds is one table (lib/src/model/profile.c): each kind
 * in it is in the schema's docName enumeration and in docs/profile.md, and a
 * title that names it (in either language) gives a document of that kind. */
static void kinds_of_the_profile(void **state)
{
	(void)state;
	size_t dl;
	char *doc_md = slurp(src_path("docs/profile.md"), &dl);
	assert_true(px_kind_count() >= 10);
	for (size_t i = 0; i < px_kind_count(); i++) {
		const struct px_kind_info *k = px_kind_at(i);
		if (!strstr(doc_md, k->name))
			fail_msg("kind '%s' is not described in docs/profile.md", k->name);
		for (int zh = 0; zh < 2; zh++) {
			const char *word = zh ? k->zh_words[0] : k->ru_words[0];
			px_buf t = PX_BUF_INIT;
			if (zh)
				px_buf_printf(&t, "关于合作的%s\n\n各方，\n达成协议如下：\n\n第一条\n各方开展合作。\n\n"
					"本文件于2024年7月4日在阿斯塔纳签订。\n", word);
			else
				px_buf_printf(&t, "%s\nо сотрудничестве\n\nСтороны,\nсогласились о нижеследующем:\n\nСтатья 1\n"
					"Стороны сотрудничают.\n\nСовершено в г. Астане 4 июля 2024 года.\n", word);
			px_doc *d = NULL;
			if (px_import_text(&d, t.ptr, t.size, "kind.txt", zh ? PX_LANG_ZH : PX_LANG_RU, NULL, NULL) < 0)
				fail_msg("%s (%s): %s", k->name, word, px_error_last()->message);
			if (strcmp(px_doc_type(d), k->name) != 0)
				fail_msg("a title with '%s' gave a %s, not a %s", word, px_doc_type(d), k->name);
			px_doc_free(d);
			px_buf_dispose(&t);
		}
	}
	free(doc_md);
}

int main(int argc, char **argv)
{
	const char *name;
	enum suite_mode mode = suite_mode(argc, argv, &name);
	if (mode == SUITE_CASE || mode == SUITE_CASES)
		return run_cases("import/errors", IMPORT_ERROR_KEYS, name, import_error_case, NULL, NULL);
	if (mode == SUITE_SEED) {
		seed_path = require_shared("../shared/seeds/sco-ai-programme.ru.txt",
			"the seed text of the Programme (sco-ai-programme.ru.txt)");
		const struct CMUnitTest tests[] = {
			cmocka_unit_test(shipped_text_is_the_seed),
		};
		return cmocka_run_group_tests_name("import/seed", tests, NULL, NULL);
	}
	if (mode == SUITE_OFFICIAL) {
		/* what validates on the profile in the suite, on the official schema too */
		official_path = require_official_xsd();
		const struct CMUnitTest tests[] = {
			cmocka_unit_test(examples_validate),
			cmocka_unit_test(instruments_match_outlines),
			cmocka_unit_test(round_trip_shapes),
			cmocka_unit_test(hand_written_shapes),
		};
		return cmocka_run_group_tests_name("import/official-schema", tests, NULL, NULL);
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seed_reproduces_example),
		cmocka_unit_test(seed_structure),
		cmocka_unit_test(seed_section_numbers_and_headings),
		cmocka_unit_test(seed_keeps_every_word),
		cmocka_unit_test(chinese_reproduces_example),
		cmocka_unit_test(pair_shares_eids_and_work),
		cmocka_unit_test(examples_validate),
		cmocka_unit_test(robustness_cases),
		cmocka_unit_test(generated_cases),
		cmocka_unit_test(unknown_body_is_kept),
		cmocka_unit_test(error_cases_are_listed),
		cmocka_unit_test(not_utf8_texts),
		cmocka_unit_test(instruments_match_outlines),
		cmocka_unit_test(independent_translations),
		cmocka_unit_test(context_user_termbase),
		cmocka_unit_test(signature_forms),
		cmocka_unit_test(kinds_of_the_profile),
		cmocka_unit_test(lenient_keeps_what_strict_refuses),
		cmocka_unit_test(bad_options),
		cmocka_unit_test(date_and_number_options),
		cmocka_unit_test(round_trip_examples),
		cmocka_unit_test(round_trip_generated),
		cmocka_unit_test(round_trip_shapes),
		cmocka_unit_test(hand_written_shapes),
		cmocka_unit_test(lower_rank_points_are_items),
		cmocka_unit_test(markup_plain_text_cannot_carry),
		cmocka_unit_test(cli_import),
		cmocka_unit_test(cli_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
