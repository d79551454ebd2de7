/* Every kind of instrument rendered back as plain text: import(render(doc))
 * is doc, byte for byte, for each text of examples/INSTRUMENTS and the
 * Programme; the layout of chapters, articles, points and signature blocks;
 * documents lacking a num or a heading render without crashing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "model/model.h"

/* ---- helpers ------------------------------------------------------------ */

static char *saved(const px_doc *doc, size_t *len)
{
	px_buf b = PX_BUF_INIT;
	assert_px_ok(px_doc_save_buf(doc, &b));
	*len = b.size;
	return px_buf_detach(&b);
}

static px_doc *import_example(const char *rel)
{
	char path[256];
	snprintf(path, sizeof path, "examples/%s", rel);
	px_doc *doc = NULL;
	if (px_import_file(&doc, src_path(path), PX_LANG_AUTO, NULL, NULL) < 0)
		fail_msg("%s: %s", rel, px_error_last()->message);
	return doc;
}

static char *render(const px_doc *doc)
{
	px_buf t = PX_BUF_INIT;
	assert_px_ok(px_render_text(doc, &t));
	if (!t.ptr)
		assert_int_equal(px_buf_puts(&t, ""), 0);
	return px_buf_detach(&t);
}

/* The first line where a and b differ, 1-based (0: the same), with the
 * start of that line in each. */
static int first_diff(const char *a, size_t n, const char *b, size_t m, const char **la, const char **lb)
{
	int line = 1;
	const char *sa = a, *sb = b;
	for (size_t i = 0;; i++) {
		if (i >= n || i >= m || a[i] != b[i]) {
			if (i >= n && i >= m)
				return 0;
			*la = sa;
			*lb = sb;
			return line;
		}
		if (a[i] == '\n') {
			line++;
			sa = a + i + 1;
			sb = b + i + 1;
		}
	}
}

/* import(render(import(file))) saves to the bytes of import(file); prints
 * the file and the first differing line and returns false when not. */
static bool round_trips(const char *rel)
{
	px_doc *doc = import_example(rel);
	char *text = render(doc);
	px_doc *again = NULL;
	if (px_import_text(&again, text, strlen(text), "rendered", PX_LANG_AUTO, NULL, NULL) < 0) {
		print_error("%s: the rendering does not import: %s\n", rel, px_error_last()->message);
		free(text);
		px_doc_free(doc);
		return false;
	}
	size_t n, m;
	char *a = saved(doc, &n), *b = saved(again, &m);
	const char *la = NULL, *lb = NULL;
	int line = first_diff(a, n, b, m, &la, &lb);
	if (line)
		print_error("%s: import(render(doc)) differs from doc at line %d of the saved document:\n"
			"  doc:   %.*s\n  again: %.*s\n", rel, line, (int)strcspn(la, "\n"), la, (int)strcspn(lb, "\n"), lb);
	free(a);
	free(b);
	free(text);
	px_doc_free(again);
	px_doc_free(doc);
	return line == 0;
}

/* ---- round trips -------------------------------------------------------- */

/* Every text examples/INSTRUMENTS marks "match", and the Programme in both
 * languages. */
static void instruments_round_trip(void **state)
{
	(void)state;
	size_t len;
	char *list = slurp(src_path("examples/INSTRUMENTS"), &len);
	char *save = NULL;
	int n = 0, failed = 0;
	for (char *l = strtok_r(list, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char file[128], outline[128], status[16];
		if (l[0] == '#' || sscanf(l, "%127s %127s %15s", file, outline, status) != 3 || strcmp(status, "match") != 0)
			continue;
		failed += !round_trips(file);
		n++;
	}
	free(list);
	failed += !round_trips("programme.ru.txt");
	failed += !round_trips("programme.zh.txt");
	assert_true(n >= 10);
	assert_int_equal(failed, 0);
}

/* ---- the layout of each kind -------------------------------------------- */

static void assert_has(const char *text, const char *what)
{
	if (!strstr(text, what))
		fail_msg("rendering lacks '%s':\n%s", what, text);
}

static void layout_of_kinds(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		const char *has[4];
	} cases[] = {
		/* Russian: «Глава I» / «Статья 1» on their own line, the heading on the next, blank lines around */
		{ "agreement/agreement.ru.txt", { "\n\nГлава I\nОбщие положения\n\nСтатья 1\nПредмет Соглашения\n\n",
			"\n1. Каждая Сторона назначает", "\nЗа Правительство Республики Беларусь\n\nЗа Правительство", NULL } },
		/* Chinese: «第一章　总则», «第一条　协定宗旨» on one line (U+3000 between), paragraphs indented */
		{ "agreement/agreement.zh.txt", { "\n\n第一章　总则\n\n第一条　协定宗旨\n\n　　各方",
			"\n　　一、各方应指定", "\n　　本协定于2024年7月4日", NULL } },
		/* an article without heading; the signer under the body */
		{ "protocol/protocol.ru.txt", { "\n\nСтатья 2\n\nНастоящий Протокол",
			"\nЗа Правительство Республики Беларусь\nД. В. Ковалевич\n\n", NULL } },
		/* the signer and the signing mark on their own lines under the body */
		{ "protocol/protocol.zh.txt", { "\n\n第二条\n\n　　本议定书",
			"\n白俄罗斯共和国政府代表\n德·瓦·科瓦列维奇\n（签字）\n\n", NULL } },
		/* points */
		{ "memorandum/memorandum.ru.txt", { "\n\n1. Стороны развивают", "\n- иные формы, согласованные Сторонами.\n5. ",
			"МЕМОРАНДУМ О ВЗАИМОПОНИМАНИИ\nмежду", NULL } },
		{ "statement/declaration.zh.txt", { "\n\n　　一、上海合作组织", "乌兹别克斯坦共和国总统\n\n2025年7月5日于杜尚别\n",
			NULL } },
		/* unnumbered paragraphs */
		{ "statement/statement.ru.txt", { "СОВМЕСТНОЕ ЗАЯВЛЕНИЕ\nминистров", "\nМинистры отметили, что", NULL } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		px_doc *doc = import_example(cases[i].file);
		char *text = render(doc);
		for (size_t k = 0; cases[i].has[k]; k++)
			assert_has(text, cases[i].has[k]);
		free(text);
		px_doc_free(doc);
	}
}

/* A mark under the title (a further p of the preface) stands on its own line
 * under the title and reads back as the same mark: the text of `rel` with
 * `mark` on the line after its title block's last line, rendered with
 * `want` in it. */
static void assert_mark_round_trips(const char *rel, const char *mark, const char *want)
{
	char path[256];
	snprintf(path, sizeof path, "examples/%s", rel);
	size_t len;
	char *src = slurp(src_path(path), &len);
	const char *blank = strstr(src, "\n\n");
	assert_non_null(blank);
	px_buf t = PX_BUF_INIT;
	assert_int_equal(px_buf_put(&t, src, (size_t)(blank - src) + 1), 0);
	assert_int_equal(px_buf_printf(&t, "%s\n", mark), 0);
	assert_int_equal(px_buf_puts(&t, blank + 1), 0);
	px_doc *doc = NULL;
	assert_px_ok(px_import_text(&doc, t.ptr, t.size, "marked", PX_LANG_AUTO, NULL, NULL));
	xmlNodePtr p2 = px_next_el(px_child(px_child(px_doc_root(doc), "preface"), "p"));
	assert_non_null(p2);
	char *text = render(doc);
	assert_has(text, want);
	px_doc *again = NULL;
	assert_px_ok(px_import_text(&again, text, strlen(text), "rendered", PX_LANG_AUTO, NULL, NULL));
	size_t n, m;
	char *a = saved(doc, &n), *b = saved(again, &m);
	if (n != m || memcmp(a, b, n) != 0)
		fail_msg("%s with the mark %s: import(render(doc)) differs from doc; rendered:\n%s", rel, mark, text);
	free(a);
	free(b);
	free(text);
	px_doc_free(again);
	px_doc_free(doc);
	px_buf_dispose(&t);
	free(src);
}

static void preface_mark(void **state)
{
	(void)state;
	assert_mark_round_trips("agreement/agreement.ru.txt", "(Перевод)", "экономики\n(Перевод)\n\nПравительства");
	assert_mark_round_trips("agreement/agreement.zh.txt", "（中文本）", "合作协定\n（中文本）\n\n　　上海合作组织");
}

/* ---- documents lacking parts -------------------------------------------- */

static void drop(xmlNodePtr n)
{
	assert_non_null(n);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* A section without num, an article without heading, a chapter without num
 * or heading, a point without num, a signature block without p: rendering
 * writes what is there and does not crash. */
static void missing_num_and_heading(void **state)
{
	(void)state;
	/* the Programme: sec_I without num, sec_II without heading */
	px_doc *doc = NULL;
	assert_px_ok(px_doc_load_file(&doc, src_path("examples/programme.ru.xml")));
	xmlNodePtr body = px_child(px_doc_root(doc), "mainBody");
	xmlNodePtr sec = px_child(body, "section");
	drop(px_child(sec, "num"));
	drop(px_child(px_next_el(sec), "heading"));
	assert_px_ok(px_doc_reindex(doc));
	char *text = render(doc);
	assert_has(text, "\n\nЦель\n\n");
	assert_has(text, "\n\nII.\n\n");
	free(text);
	px_doc_free(doc);

	/* the agreement: chp_1 without num, its art_1 without heading, chp_2 without heading, art_4 without num */
	doc = import_example("agreement/agreement.zh.txt");
	body = px_child(px_doc_root(doc), "mainBody");
	xmlNodePtr ch = px_child(body, "chapter");
	drop(px_child(ch, "num"));
	drop(px_child(px_child(ch, "article"), "heading"));
	xmlNodePtr ch2 = px_next_el(ch);
	drop(px_child(ch2, "heading"));
	drop(px_child(px_child(ch2, "article"), "num"));
	assert_px_ok(px_doc_reindex(doc));
	text = render(doc);
	assert_has(text, "\n\n总则\n\n第一条\n\n　　各方");
	assert_has(text, "\n\n第二章\n\n合作形式\n\n");
	free(text);
	px_doc_free(doc);

	/* the same in Russian */
	doc = import_example("agreement/agreement.ru.txt");
	body = px_child(px_doc_root(doc), "mainBody");
	ch = px_child(body, "chapter");
	drop(px_child(ch, "num"));
	drop(px_child(px_child(ch, "article"), "heading"));
	assert_px_ok(px_doc_reindex(doc));
	text = render(doc);
	assert_has(text, "\n\nОбщие положения\n\nСтатья 1\n\nСтороны в соответствии");
	free(text);
	px_doc_free(doc);

	/* the memorandum: point_1 without num, a signature block emptied */
	doc = import_example("memorandum/memorandum.ru.txt");
	xmlNodePtr root = px_doc_root(doc);
	body = px_child(root, "mainBody");
	drop(px_child(px_child(body, "point"), "num"));
	xmlNodePtr bc = px_child(px_child(root, "conclusions"), "blockContainer");
	while (px_first_el(bc))
		drop(px_first_el(bc));
	assert_px_ok(px_doc_reindex(doc));
	text = render(doc);
	assert_has(text, "\n\nСтороны развивают");
	assert_has(text, "\n2. Целью");
	free(text);
	px_doc_free(doc);
}

/* An article without heading reads back without one (the protocol's
 * articles 1–3), in both languages. */
static void article_without_heading_round_trips(void **state)
{
	(void)state;
	assert_true(round_trips("protocol/protocol.ru.txt"));
	assert_true(round_trips("protocol/protocol.zh.txt"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(instruments_round_trip),
		cmocka_unit_test(layout_of_kinds),
		cmocka_unit_test(preface_mark),
		cmocka_unit_test(missing_num_and_heading),
		cmocka_unit_test(article_without_heading_round_trips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
